"""The rules for a user record, shared by the server (what a device may push) and the PC (what it
accepts from a server): one small pure module, so both sides check the same things.

A user record's fields are ``sync.protocol.REFERENCE_FIELDS["users"]``: username, full_name, role,
password_hash (sync/passwords.py) and active. Its ``office_id`` is the office it may log in at.
"""

from __future__ import annotations

import re

from sync.passwords import is_well_formed
from sync.protocol import REFERENCE_FIELDS, USER_ROLES

COLLECTION = "users"
FIELDS = REFERENCE_FIELDS[COLLECTION]
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{2,31}$")
MAX_FULL_NAME = 120
# Who may add, change, disable or reset users of their own office.
MANAGER_ROLES = ("admin", "kepala")
# nakes (health staff) only at a puskesmas: a distrik office has no patient data.
ROLES_BY_KIND = {
    "distrik": ("operator", "kepala", "admin"),
    "puskesmas": ("operator", "kepala", "nakes", "admin"),
    "central": USER_ROLES,
}


def roles_for(kind: str | None) -> tuple[str, ...]:
    return ROLES_BY_KIND.get(kind or "", USER_ROLES)


def normalize_username(text: str | None) -> str:
    return (text or "").strip().lower()


def field_errors(fields: dict, *, creating: bool, office_kind: str | None = None) -> list[dict]:
    """Problems with a user record's fields (all of them on a create, the sent ones on an update), as
    ``{"field", "message", "message_en"}``. An unknown field is refused: users carry nothing else."""
    errors: list[dict] = []

    def err(field: str, message: str, message_en: str) -> None:
        errors.append({"field": field, "message": message, "message_en": message_en})

    for name in fields:
        if name not in FIELDS:
            err(name[:64], "Kolom ini tidak ada pada data pengguna.", "Users have no such field.")
    if creating:
        for name in ("username", "role", "password_hash"):
            if fields.get(name) in (None, ""):
                err(name, f"{name} wajib diisi.", f"{name} is required.")
    if "username" in fields and fields["username"] is not None:
        name = fields["username"]
        if not isinstance(name, str) or not USERNAME_RE.match(name):
            err("username", "Nama pengguna 3–32 huruf kecil, angka, titik, '-' atau '_', diawali huruf/angka.",
                "A username is 3–32 lower-case letters, digits, '.', '-' or '_', starting with a letter or digit.")
    if "full_name" in fields and fields["full_name"] is not None:
        full = fields["full_name"]
        if not isinstance(full, str) or len(full) > MAX_FULL_NAME or any(ord(c) < 32 for c in full):
            err("full_name", f"Nama lengkap berupa teks, maks. {MAX_FULL_NAME} karakter.",
                f"The full name is text of at most {MAX_FULL_NAME} characters.")
    if "role" in fields and fields["role"] is not None:
        if fields["role"] not in roles_for(office_kind):
            allowed = ", ".join(roles_for(office_kind))
            err("role", f"Peran harus salah satu dari: {allowed}.", f"The role must be one of: {allowed}.")
    if "password_hash" in fields and fields["password_hash"] is not None:
        if not is_well_formed(fields["password_hash"]):
            err("password_hash", "Hash kata sandi tidak sah.", "Malformed password hash.")
    if "active" in fields and fields["active"] is not None and type(fields["active"]) is not bool:
        err("active", "Aktif harus true/false.", "active must be true or false.")
    return errors
