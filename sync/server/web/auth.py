"""Who is asking: the session cookie, ``require_role(*roles)`` for every page, and CSRF for every form.

Cookies are HttpOnly and SameSite=Strict, and Secure except on plain http to a loopback address (the
tests, a console opened on the server itself). Every POST form carries ``{{ csrf_field() }}``; its
token is the session's (logged in) or a pre-login cookie's (the login form), and ``check_csrf``
refuses a POST whose token does not match or whose Origin is another site.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from sync.server.web import accounts

SESSION_COOKIE = "layan_sesi"
PRE_COOKIE = "layan_pra"  # CSRF token of the login form (no session yet)
CSRF_FIELD = "csrf"


class LoginRequired(Exception):
    def __init__(self, expired: bool = False):
        self.expired = expired


class Forbidden(Exception):
    def __init__(self, role: str):
        self.role = role


class CsrfRefused(Exception):
    pass


class PasswordChangeRequired(Exception):
    """The user logged in with a temporary password set by IT: the new-password page comes first."""


def client_address(request: Request) -> str:
    return request.client.host if request.client else "?"


def _loopback(host: str | None) -> bool:
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address((host or "").strip("[]")).is_loopback
    except ValueError:
        return False


def secure_cookies(request: Request) -> bool:
    return not (request.url.scheme == "http" and _loopback(request.url.hostname))


def set_cookie(request: Request, response, name: str, value: str, max_age: int | None = None) -> None:
    response.set_cookie(name, value, max_age=max_age, path="/", httponly=True, samesite="strict",
                        secure=secure_cookies(request))


def delete_cookie(request: Request, response, name: str) -> None:
    response.delete_cookie(name, path="/", httponly=True, samesite="strict", secure=secure_cookies(request))


def storage(request: Request):
    return request.app.state.storage


def current_session(request: Request) -> accounts.Session | None:
    """The session of the request's cookie (looked up once per request)."""
    if not hasattr(request.state, "web_session"):
        request.state.web_session = accounts.session(storage(request), request.cookies.get(SESSION_COOKIE))
    return request.state.web_session


def current_user(request: Request) -> dict | None:
    s = current_session(request)
    return None if s is None or s.expired else s.user


def require_role(*roles: str):
    """Use as ``user: Annotated[dict, Depends(require_role("it"))]``. A FastAPI dependency: the logged-in centre user (dict: username, role, office, full_name) if
    their role is one of ``roles``; otherwise the login page (LoginRequired) or a 403 page (Forbidden)."""
    def dependency(request: Request) -> dict:
        s = current_session(request)
        if s is None or s.expired:
            raise LoginRequired(expired=s is not None)
        if s.user["role"] not in roles:
            raise Forbidden(s.user["role"])
        if s.user.get("must_change"):
            raise PasswordChangeRequired()
        return s.user
    return dependency


def require_login(request: Request) -> dict:
    """A FastAPI dependency for pages every logged-in centre user may open (their own password)."""
    s = current_session(request)
    if s is None or s.expired:
        raise LoginRequired(expired=s is not None)
    return s.user


def csrf_token(request: Request) -> str:
    """The token a form on this page must send back."""
    s = current_session(request)
    if s is not None and not s.expired:
        return s.csrf
    token = request.cookies.get(PRE_COOKIE) or getattr(request.state, "new_pre_csrf", None)
    if not token or len(token) > 100:
        token = secrets.token_urlsafe(32)
        request.state.new_pre_csrf = token  # render() sets the cookie
    return token


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return origin is None
    return origin.rstrip("/") == str(request.base_url).rstrip("/")


async def check_csrf(request: Request) -> None:
    """A FastAPI dependency for every POST route: refuses (CsrfRefused -> 403 page) unless the form's
    token matches the session's, or the pre-login cookie's on the login form."""
    try:
        form = await request.form()
    except Exception:  # noqa: BLE001 - an unreadable body is refused like a missing token
        raise CsrfRefused() from None
    sent = form.get(CSRF_FIELD)
    s = await run_in_threadpool(current_session, request)
    if s is not None and s.expired:
        raise LoginRequired(expired=True)
    if s is not None and not s.expired:
        expected = s.csrf
    else:
        expected = request.cookies.get(PRE_COOKIE) or ""
    if not isinstance(sent, str) or not expected or not hmac.compare_digest(sent.encode(), expected.encode()) \
            or not _same_origin(request):
        raise CsrfRefused()
