"""The IT console's centre users: list them, add one (a central office, a role), disable and enable, and reset
a password. A new or reset password is a temporary one shown once to IT; the user must replace it at their
next login (web/password.py). Every change is a CSRF-checked POST, written to the centre's audit log in the
same transaction, and an IT user can neither disable nor reset themselves (their own password: /sandi)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from sync.passwords import hash_password
from sync.protocol import now_ms
from sync.server.storage import StorageError, offices
from sync.server.web import accounts, auth
from sync.server.web.render import language, render
from sync.server.web.texts import add, text

router = APIRouter(prefix="/it/pengguna")
ItUser = Annotated[dict, Depends(auth.require_role("it"))]
CHECKED = [Depends(auth.check_csrf)]

add({
    "users_title": ("Pengguna pusat", "Centre users"),
    "users_intro": ("Pengguna halaman pusat. Kata sandi baru atau yang diatur ulang adalah kata sandi sementara: "
                    "pengguna harus menggantinya saat masuk berikutnya.",
                    "Users of the centre's pages. A new or reset password is temporary: the user must replace it "
                    "at their next login."),
    "user_add_title": ("Tambah pengguna", "Add a user"),
    "full_name": ("Nama lengkap", "Full name"),
    "user_add": ("Tambah", "Add"),
    "user_disable": ("Nonaktifkan", "Disable"),
    "user_enable": ("Aktifkan", "Enable"),
    "user_reset": ("Atur ulang kata sandi", "Reset password"),
    "user_you": ("Anda", "you"),
    "user_must_change": ("harus ganti sandi", "must change password"),
    "col_actions": ("Tindakan", "Actions"),
    "user_added": ("Pengguna {username} ditambahkan.", "User {username} added."),
    "user_reset_done": ("Kata sandi {username} diatur ulang; sesinya diakhiri.",
                        "{username}'s password was reset; their sessions ended."),
    "temp_password": ("Kata sandi sementara", "Temporary password"),
    "temp_password_once": ("Berikan kata sandi ini kepada {username} secara langsung. Halaman ini hanya sekali "
                           "menampilkannya; saat masuk pertama {username} harus menggantinya.",
                           "Give this password to {username} in person. It is shown only on this page; at their "
                           "first login {username} must replace it."),
    "users_back": ("Kembali ke daftar pengguna", "Back to the user list"),
    "user_disabled_done": ("{username} dinonaktifkan; sesinya diakhiri.", "{username} is disabled; their sessions ended."),
    "user_enabled_done": ("{username} diaktifkan kembali.", "{username} is enabled again."),
    "user_not_self": ("Anda tidak dapat menonaktifkan atau mengatur ulang akun Anda sendiri. Ganti kata sandi Anda "
                      "di halaman Kata sandi saya.",
                      "You cannot disable or reset your own account. Change your own password on the My "
                      "password page."),
    "user_unknown": ("Pengguna {username} tidak ada.", "There is no user {username}."),
    "user_bad_role": ("Pilih peran pengguna.", "Choose the user's role."),
    "user_bad_office": ("Pilih kantor pusat.", "Choose a central office."),
    # what the login log (it/logins.html) shows for these changes; the user changed is in its detail
    "event_user_added": ("pengguna ditambahkan", "user added"),
    "event_user_disabled": ("pengguna dinonaktifkan", "user disabled"),
    "event_user_enabled": ("pengguna diaktifkan", "user enabled"),
    "event_password_reset": ("kata sandi diatur ulang", "password reset"),
    "event_password_changed": ("kata sandi diganti", "password changed"),
    "col_detail": ("Rincian", "Detail"),
    "users_manage": ("Tambah, nonaktifkan, atau atur ulang kata sandi pengguna", "Add, disable or reset users"),
})


def _central_offices(storage) -> list[dict]:
    with storage.read() as conn:
        rows = conn.execute(select(offices.c.code, offices.c.name).where(offices.c.kind == accounts.CENTRE_KIND)
                            .order_by(offices.c.code)).all()
    return [{"code": r.code, "name": r.name} for r in rows]


async def _page(request: Request, user: dict, *, status: int = 200, error: str = "", done: str = "",
                form: dict | None = None):
    storage = auth.storage(request)
    users = await run_in_threadpool(accounts.list_users, storage)
    central = await run_in_threadpool(_central_offices, storage)
    return render(request, "it/users.html", {
        "users": users, "offices": central, "roles": accounts.ROLES, "error": error, "done": done, "now": now_ms(),
        "form": form or {"username": "", "full_name": "", "role": "", "office": user["office"]},
    }, status=status, user=user)


@router.get("")
async def users_page(request: Request, user: ItUser):
    return await _page(request, user)


def _temporary_page(request: Request, user: dict, username: str, password: str, done_key: str):
    response = render(request, "it/user_password.html", {
        "username": username, "password": password, "done": text(language(request), done_key, username=username),
    }, user=user)
    response.headers["Cache-Control"] = "no-store"  # set for every logged-in page; said again: it holds a secret
    return response


@router.post("/tambah", dependencies=CHECKED)
async def add_user(request: Request, user: ItUser, username: str = Form("", max_length=200),
                   full_name: str = Form("", max_length=200), role: str = Form("", max_length=40),
                   office: str = Form("", max_length=40)):
    lang = language(request)
    username = username.strip().lower()
    form = {"username": username, "full_name": full_name.strip(), "role": role, "office": office}
    storage = auth.storage(request)
    if role not in accounts.ROLES:
        return await _page(request, user, status=400, error=text(lang, "user_bad_role"), form=form)
    if office not in {o["code"] for o in await run_in_threadpool(_central_offices, storage)}:
        return await _page(request, user, status=400, error=text(lang, "user_bad_office"), form=form)
    password = accounts.temporary_password()
    password_hash = await run_in_threadpool(hash_password, password)
    try:
        await run_in_threadpool(accounts.add_user, storage, office, username, role, password_hash,
                                form["full_name"], must_change=True, by=(user["username"], auth.client_address(request)))
    except StorageError as e:
        return await _page(request, user, status=400, error=e.message if lang == "id" else e.message_en, form=form)
    return _temporary_page(request, user, username, password, "user_added")


async def _change(request: Request, user: dict, username: str, done_key: str, fields_of):
    """Disables, enables or resets ``username`` (never the IT user themselves)."""
    lang = language(request)
    storage = auth.storage(request)
    if username == user["username"]:
        return await _page(request, user, status=400, error=text(lang, "user_not_self"))
    target = await run_in_threadpool(accounts.get_user, storage, username)
    if target is None:
        return await _page(request, user, status=404, error=text(lang, "user_unknown", username=username[:64]))
    fields, password = await run_in_threadpool(fields_of)
    await run_in_threadpool(accounts.update_user, storage, target["office"], username, fields,
                            by=(user["username"], auth.client_address(request)))
    if password:
        return _temporary_page(request, user, username, password, done_key)
    return await _page(request, user, done=text(lang, done_key, username=username))


@router.post("/nonaktif", dependencies=CHECKED)
async def disable_user(request: Request, user: ItUser, username: str = Form("", max_length=200)):
    return await _change(request, user, username, "user_disabled_done", lambda: ({"active": False}, None))


@router.post("/aktif", dependencies=CHECKED)
async def enable_user(request: Request, user: ItUser, username: str = Form("", max_length=200)):
    return await _change(request, user, username, "user_enabled_done", lambda: ({"active": True}, None))


@router.post("/sandi", dependencies=CHECKED)
async def reset_password(request: Request, user: ItUser, username: str = Form("", max_length=200)):
    def fields():
        password = accounts.temporary_password()
        return {"password_hash": hash_password(password), "must_change_password": True}, password

    return await _change(request, user, username, "user_reset_done", fields)
