"""Log in, log out, and the home page that sends each role to its first page."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from sync.server.web import accounts, auth, formats, nav
from sync.server.web.render import language, render
from sync.server.web.texts import text

router = APIRouter()


def _safe_next(target: str | None) -> str:
    """Only a path on this site (never //host or a scheme): no open redirect."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target or len(target) > 500:
        return "/"
    return target


@router.get("/masuk")
def login_page(request: Request, next: str = "/", sesi: str = "", keluar: str = ""):
    notice = {"habis": "session_expired", "perlu": "login_needed"}.get(sesi, "logged_out" if keluar else "")
    return render(request, "login.html", {"next": _safe_next(next), "notice": notice, "error": "", "username": ""})


@router.post("/masuk", dependencies=[Depends(auth.check_csrf)])
async def login_submit(request: Request, username: str = Form("", max_length=200),
                       password: str = Form("", max_length=1000), next: str = Form("/", max_length=600)):
    address = auth.client_address(request)
    result = await run_in_threadpool(accounts.login, auth.storage(request), username, password, address)
    if result.session_id is None:
        lang = language(request)
        if result.refusal == "locked":
            error = text(lang, "login_locked", until=formats.datetime(result.locked_until_ms, lang))
        else:
            error = text(lang, "login_disabled" if result.refusal == "disabled" else "login_wrong")
        return render(request, "login.html", {"next": _safe_next(next), "notice": "", "error": error,
                                              "username": username[:64]}, status=401, user=None)
    response = RedirectResponse(_safe_next(next), status_code=303)
    auth.set_cookie(request, response, auth.SESSION_COOKIE, result.session_id)
    auth.delete_cookie(request, response, auth.PRE_COOKIE)
    return response


@router.post("/keluar", dependencies=[Depends(auth.check_csrf)])
def logout(request: Request):
    accounts.logout(auth.storage(request), request.cookies.get(auth.SESSION_COOKIE), auth.client_address(request))
    response = RedirectResponse("/masuk?keluar=1", status_code=303)
    auth.delete_cookie(request, response, auth.SESSION_COOKIE)
    return response


@router.get("/")
def home(request: Request):
    """A citizen sees the public pages and the staff login; a centre user goes to their first page."""
    session = auth.current_session(request)
    if session is None or session.expired:
        return render(request, "home.html", {"expired": session is not None}, user=None)
    entries = nav.for_role(session.user["role"])
    if entries:
        return RedirectResponse(entries[0].path, status_code=303)
    return render(request, "home.html", {"expired": False}, user=session.user)
