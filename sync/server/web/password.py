"""A centre user's own password (``/sandi``): every user may change it; after IT set a temporary password
(web/it_users.py) every other page sends the user here first (auth.PasswordChangeRequired)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from sync.server.web import accounts, auth
from sync.server.web.render import language, render
from sync.server.web.texts import add

router = APIRouter()
LoggedIn = Annotated[dict, Depends(auth.require_login)]

add({
    "password_title": ("Ganti kata sandi", "Change password"),
    "password_must": ("Kata sandi Anda sementara, diberikan oleh IT. Buat kata sandi baru sebelum melanjutkan.",
                      "Your password is a temporary one from IT. Choose a new password before you go on."),
    "password_old": ("Kata sandi sekarang", "Current password"),
    "password_new": ("Kata sandi baru", "New password"),
    "password_again": ("Ulangi kata sandi baru", "New password again"),
    "password_mismatch": ("Kedua kata sandi baru tidak sama.", "The two new passwords differ."),
    "password_save": ("Simpan", "Save"),
    "password_changed": ("Kata sandi Anda sudah diganti.", "Your password has been changed."),
})


def _form(request: Request, user: dict, *, error: str = "", done: bool = False, status: int = 200):
    return render(request, "password.html", {"must": user.get("must_change", False), "error": error, "done": done},
                  status=status, user=user)


@router.get("/sandi")
def password_page(request: Request, user: LoggedIn):
    return _form(request, user)


@router.post("/sandi", dependencies=[Depends(auth.check_csrf)])
async def change_password(request: Request, user: LoggedIn, old: str = Form("", max_length=1000),
                          new: str = Form("", max_length=1000), again: str = Form("", max_length=1000)):
    lang = language(request)
    if new != again:
        from sync.server.web.texts import text

        return _form(request, user, error=text(lang, "password_mismatch"), status=400)
    problem = await run_in_threadpool(accounts.change_own_password, auth.storage(request), user["username"], old,
                                      new, request.cookies.get(auth.SESSION_COOKIE) or "",
                                      auth.client_address(request))
    if problem:
        return _form(request, user, error=problem[0] if lang == "id" else problem[1], status=400)
    if user.get("must_change"):
        return RedirectResponse("/", status_code=303)  # on to the role's first page
    return _form(request, {**user, "must_change": False}, done=True)
