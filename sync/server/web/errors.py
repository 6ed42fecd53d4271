"""What the centre's pages answer when something is wrong: a page that says so, never a traceback.

The sync API (/v1/...) keeps its JSON errors; every other path gets HTML."""

from __future__ import annotations

import logging
import traceback
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync.server.web import auth
from sync.server.web.render import message_page
from sync.server.web.texts import text

log = logging.getLogger("layan.server.web")


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        self.retry_after = retry_after


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/v1/") or request.url.path == "/v1"


def install(app: FastAPI) -> None:
    api_http = app.exception_handlers.get(StarletteHTTPException)
    api_validation = app.exception_handlers.get(RequestValidationError)
    api_bug = app.exception_handlers.get(Exception)

    @app.exception_handler(auth.LoginRequired)
    async def _login(request: Request, exc: auth.LoginRequired):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        why = "habis" if exc.expired else "perlu"
        response = RedirectResponse(f"/masuk?sesi={why}&next={quote(target, safe='')}", status_code=303)
        if exc.expired:
            auth.delete_cookie(request, response, auth.SESSION_COOKIE)
        return response

    @app.exception_handler(auth.PasswordChangeRequired)
    async def _new_password(request: Request, exc: auth.PasswordChangeRequired):
        return RedirectResponse("/sandi", status_code=303)

    @app.exception_handler(auth.Forbidden)
    async def _forbidden(request: Request, exc: auth.Forbidden):
        from sync.server.web.render import language

        return message_page(request, 403, "forbidden_title", "forbidden_text",
                            role=text(language(request), f"role_{exc.role}"))

    @app.exception_handler(auth.CsrfRefused)
    async def _csrf(request: Request, exc: auth.CsrfRefused):
        return message_page(request, 403, "csrf_title", "csrf_text")

    @app.exception_handler(RateLimited)
    async def _limited(request: Request, exc: RateLimited):
        response = message_page(request, 429, "too_many_title", "too_many_text")
        response.headers["Retry-After"] = str(exc.retry_after)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        if _is_api(request) and api_http is not None:
            return await api_http(request, exc)
        if exc.status_code == 404:
            return message_page(request, 404, "not_found_title", "not_found_text")
        if exc.status_code == 405:
            return message_page(request, 405, "bad_request_title", "bad_request_text")
        return message_page(request, exc.status_code, "error_title", "bad_request_text")

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        if _is_api(request) and api_validation is not None:
            return await api_validation(request, exc)
        return message_page(request, 400, "bad_request_title", "bad_request_text")

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception):
        if _is_api(request) and api_bug is not None:
            return await api_bug(request, exc)
        log.error("unhandled error on %s: %s", request.url.path, "".join(traceback.format_exception(exc)))
        return message_page(request, 500, "server_error_title", "server_error_text")
