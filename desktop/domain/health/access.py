"""Who may see health data (UU 27/2022: health data is specific personal data; PMK 24/2022: the
facility head sets access rights).

Decision (docs/HEALTH.md, "Access"):
* patient records, visits, registers with names and the FHIR export: roles ``nakes`` and ``kepala``
  of *this* puskesmas only. Registration staff at the loket are perekam medis, a health-worker
  profession (tenaga kesehatan), so they log in as ``nakes``.
* ``admin`` (office IT/administration) and ``operator`` (letters clerk) never open patient
  records: least privilege; they keep running the PC, backups and letters.
* the unit list of a puskesmas (no personal data) may be changed by ``kepala`` or ``admin``.
Every opening of one patient's record writes an 'open' audit entry (``Store.record_opened``).
"""

from __future__ import annotations

from desktop.store.db import StoreError
from desktop.store.records import Store

HEALTH_ROLES = ("nakes", "kepala")
CONFIG_ROLES = ("kepala", "admin")


class AccessDenied(StoreError):
    """The user may not see or change health data here. Nothing was read or written."""


def actor(user: dict) -> str:
    """The name written to audit entries."""
    return str(user.get("username") or user.get("id") or "?")


def _check(user: dict | None, store: Store | None, roles: tuple[str, ...], what_id: str, what_en: str) -> None:
    if not user:
        raise AccessDenied("Silakan masuk (login) dulu.", "Please log in first.")
    if not user.get("active", 1):
        raise AccessDenied("Akun ini tidak aktif.", "This account is not active.")
    if user.get("role") not in roles:
        names_id = " atau ".join(roles)
        raise AccessDenied(
            f"Hanya pengguna dengan peran {names_id} yang boleh {what_id}.",
            f"Only users with the role {' or '.join(roles)} may {what_en}.",
        )
    if store is not None:
        office = store.office()
        if office is None or office.get("kind") != "puskesmas":
            raise AccessDenied("Data pasien hanya ada di puskesmas.", "Patient records exist only at a puskesmas.")
        if user.get("office_id") != office["code"]:  # a blank office is no wildcard
            raise AccessDenied(
                f"Pengguna ini terdaftar di kantor {user['office_id']}, bukan {office['code']}.",
                f"This user belongs to office {user['office_id']}, not {office['code']}.",
            )


def require_health_role(user: dict | None, store: Store | None = None) -> None:
    """Raises AccessDenied unless ``user`` is active health staff (nakes, kepala) of this puskesmas.

    Pass ``store`` to check the office too (every domain function in this package does).
    """
    _check(user, store, HEALTH_ROLES, "membuka data pasien", "open patient records")


def can_open_patients(user: dict | None, store: Store | None = None) -> bool:
    try:
        require_health_role(user, store)
    except AccessDenied:
        return False
    return True


def require_config_role(user: dict | None, store: Store | None = None) -> None:
    _check(user, store, CONFIG_ROLES, "mengubah pengaturan layanan kesehatan", "change health settings")
