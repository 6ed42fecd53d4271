"""The office this PC belongs to, set at first start, and the modules that fit its kind."""

from __future__ import annotations

import re

from desktop.store.db import StoreError
from desktop.store.records import Store, ValidationError
from sync.schema import FieldError

KINDS = ("distrik", "puskesmas", "central")
KIND_LABELS = {"distrik": ("Distrik", "District office"), "puskesmas": ("Puskesmas", "Health centre"),
               "central": ("Pusat (Diskominfo)", "Central (IT)")}
CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9\-]{1,19}$")

# Navigation modules, in menu order, and the office kinds that see each.
MODULES = (
    ("surat_masuk", ("distrik", "puskesmas", "central")),
    ("surat_keluar", ("distrik", "puskesmas", "central")),
    ("permohonan", ("distrik", "central")),
    ("pengaduan", ("distrik", "central")),
    ("pasien", ("puskesmas",)),
    ("laporan", ("distrik", "puskesmas", "central")),
    ("sinkronisasi", ("distrik", "puskesmas", "central")),
    ("pengaturan", ("distrik", "puskesmas", "central")),
)


def modules_for(kind: str) -> list[str]:
    return [name for name, kinds in MODULES if kind in kinds]


def first_module(modules: list[str], role: str | None) -> str:
    """The page a user starts on: a nakes at the puskesmas on the patients, everyone else on Surat Masuk."""
    return "pasien" if role == "nakes" and "pasien" in modules else modules[0]


def validate_office(code: str, name: str, kind: str) -> list[tuple[str, str, str]]:
    problems = []
    if not CODE_PATTERN.match(code or ""):
        problems.append(("code", "Kode kantor: 2–20 huruf besar, angka atau tanda minus, misalnya DST-MB.",
                         "Office code: 2–20 capital letters, digits or dashes, e.g. DST-MB."))
    if not (name or "").strip():
        problems.append(("name", "Nama kantor wajib diisi.", "Office name is required."))
    if kind not in KINDS:
        problems.append(("kind", "Jenis kantor: distrik, puskesmas atau central.",
                         "Office kind: distrik, puskesmas or central."))
    return problems


def forward_target(store: Store, to_office: str | None, what: tuple[str, str]) -> str:
    """The code of the office a complaint or request is forwarded to, normalized (``dst-kn`` →
    ``DST-KN``). Refuses a malformed code and this office itself; ``what`` names the record
    (``("Pengaduan", "A complaint")``) in the message."""
    code = (to_office or "").strip().upper()
    if not CODE_PATTERN.match(code):
        raise ValidationError([FieldError("to_office", f"Kode kantor tujuan tidak valid: {to_office!r}.",
                                          f"Invalid target office code: {to_office!r}.")])
    if code == store.office_id:
        raise ValidationError([FieldError("to_office", f"{what[0]} tidak bisa diteruskan ke kantor sendiri.",
                                          f"{what[1]} cannot be forwarded to this office itself.")])
    return code


def is_initialized(store: Store) -> bool:
    return store.office() is not None


def initialize(store: Store, *, code: str, name: str, kind: str, admin_username: str | None = None,
               admin_password: str | None = None, admin_full_name: str | None = None) -> None:
    """First start: records the office and (optionally) a local administrator. Refuses a second run."""
    from . import numbering, users  # here: the main window asks this module for its modules, nothing more

    problems = validate_office(code, name, kind)
    if problems:
        raise StoreError("\n".join(p[1] for p in problems), "\n".join(p[2] for p in problems))
    if is_initialized(store):
        office = store.office()
        raise StoreError(f"Folder data ini sudah dipakai oleh kantor {office['code']}.",
                         f"This data folder already belongs to office {office['code']}.")
    with store.transaction() as tx:
        tx.set_meta("office_code", code)
        tx.set_meta("office_name", name.strip())
        tx.set_meta("office_kind", kind)
        # Until the office is enrolled with the server, this PC is the only one: it owns numbering.
        tx.set_meta(numbering.AUTHORITY_META, "1")
        tx.set_meta("numbering_template", numbering.DEFAULT_TEMPLATE)
        tx.set_meta("numbering_kode_unit", code)
        if admin_username:
            users.create_local_admin(tx, office_id=code, username=admin_username, password=admin_password or "",
                                     full_name=admin_full_name or admin_username)
