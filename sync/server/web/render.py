"""Pages from Jinja2 templates (autoescaped: every value is HTML-escaped unless a template says otherwise).

``render(request, "it/devices.html", {...})`` gives the template, besides its own values: ``t(key)``
(the text in the reader's language), ``lang``, ``user`` (or None), ``nav`` (the menu for the role),
``csrf_field()``, ``path``, and the filters ``tanggal``, ``waktu`` and ``angka`` (27 November 2026, 1.234).
The language is Indonesian unless ``?lang=en`` (remembered in a cookie) asks for English."""

from __future__ import annotations

from pathlib import Path

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from sync.server.web import auth, formats, nav
from sync.server.web.texts import LANGS, text

HERE = Path(__file__).resolve().parent
LANG_COOKIE = "layan_bahasa"
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                               "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}

env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                  undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def language(request: Request) -> str:
    asked = request.query_params.get("lang")
    if asked in LANGS:
        return asked
    kept = request.cookies.get(LANG_COOKIE)
    return kept if kept in LANGS else "id"


def render(request: Request, template: str, context: dict | None = None, status: int = 200,
           user: dict | None = None) -> HTMLResponse:
    lang = language(request)
    user = user if user is not None else auth.current_user(request)

    def csrf_field() -> Markup:
        return Markup('<input type="hidden" name="{}" value="{}">').format(auth.CSRF_FIELD, auth.csrf_token(request))

    def t(key: str, **values) -> str:
        return text(lang, key, **values)

    def lang_link(to: str) -> str:
        params = dict(request.query_params)
        params["lang"] = to
        from urllib.parse import urlencode

        return f"{request.url.path}?{urlencode(params)}"

    ctx = {
        "request": request, "lang": lang, "user": user, "nav": nav.for_role(user["role"] if user else None),
        "path": request.url.path, "t": t, "csrf_field": csrf_field, "lang_link": lang_link,
        "tanggal": lambda v: formats.date(v, lang), "waktu": lambda v: formats.datetime(v, lang),
        "angka": lambda v, d=0: formats.number(v, lang, d),
    }
    ctx.update(context or {})
    body = env.get_template(template).render(ctx)
    response = HTMLResponse(body, status_code=status, headers=dict(SECURITY_HEADERS))
    if user is not None:
        response.headers["Cache-Control"] = "no-store"
    if request.query_params.get("lang") in LANGS:
        auth.set_cookie(request, response, LANG_COOKIE, lang, max_age=365 * 86400)
    new_pre = getattr(request.state, "new_pre_csrf", None)
    if new_pre:
        auth.set_cookie(request, response, auth.PRE_COOKIE, new_pre)
    return response


def message_page(request: Request, status: int, title_key: str, text_key: str, **values) -> HTMLResponse:
    """A plain page that says what happened (errors, refusals)."""
    lang = language(request)
    return render(request, "message.html", {"title": text(lang, title_key),
                                            "message": text(lang, text_key, **values)}, status=status)

