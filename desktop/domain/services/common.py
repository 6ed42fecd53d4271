"""Names every part of the service requests shares: the collections, the statuses, the
vocabularies of the Kartu Keluarga, and small helpers (dates spelled out, cleaned values)."""

from __future__ import annotations

import datetime as dt
import re

from desktop.domain import wall_clock
from sync.schema import FieldError
from sync.tracking import REQUEST_STATUS_LABELS

SERVICE_REQUESTS = "service_requests"
SERVICE_EVENTS = "service_events"

STATUSES = ("diterima", "diverifikasi", "diproses", "selesai", "ditolak")
OPEN_STATUSES = ("diterima", "diverifikasi", "diproses")
STATUS_LABELS = REQUEST_STATUS_LABELS  # shared with the centre's public tracking page
TRANSITIONS = {
    "diterima": ("diverifikasi", "ditolak"),
    "diverifikasi": ("diproses", "ditolak"),
    "diproses": ("selesai", "ditolak"),
    "selesai": (),
    "ditolak": (),
}

# What an earlier request tells us about a resident (known_resident fills these in).
RESIDENT_FIELDS = ("nama", "no_kk", "tempat_lahir", "tanggal_lahir", "jenis_kelamin", "agama", "status_kawin",
                   "pekerjaan", "kewarganegaraan", "alamat", "rt", "rw", "kampung", "distrik", "telepon")
APPLICANT_FIELDS = ("nik", *RESIDENT_FIELDS)
# Fields of the request a clerk types besides the applicant's (details go in ``details``).
REQUEST_FIELDS = ("tanggal", "keperluan", "details", "dokumen")

JENIS_KELAMIN = {"L": ("Laki-laki", "Male"), "P": ("Perempuan", "Female")}
AGAMA = {"islam": ("Islam", "Islam"), "kristen": ("Kristen", "Protestant"), "katolik": ("Katolik", "Catholic"),
         "hindu": ("Hindu", "Hindu"), "buddha": ("Buddha", "Buddhist"), "khonghucu": ("Khonghucu", "Confucian"),
         "kepercayaan": ("Kepercayaan terhadap Tuhan YME", "Indigenous belief")}
STATUS_KAWIN = {"belum_kawin": ("Belum Kawin", "Unmarried"), "kawin": ("Kawin", "Married"),
                "cerai_hidup": ("Cerai Hidup", "Divorced"), "cerai_mati": ("Cerai Mati", "Widowed")}
# Status hubungan dalam keluarga, as on the Kartu Keluarga.
HUBUNGAN = {
    "kepala_keluarga": ("Kepala Keluarga", "Head of family"), "suami": ("Suami", "Husband"),
    "istri": ("Istri", "Wife"), "anak": ("Anak", "Child"), "menantu": ("Menantu", "Child-in-law"),
    "cucu": ("Cucu", "Grandchild"), "orang_tua": ("Orang Tua", "Parent"), "mertua": ("Mertua", "Parent-in-law"),
    "famili_lain": ("Famili Lain", "Other relative"), "pembantu": ("Pembantu", "Household help"),
    "lainnya": ("Lainnya", "Other"),
}

FIELD_TYPES = ("text", "textarea", "date", "integer", "select", "nik", "members")
MAX_MEMBERS = 30
MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
             "November", "Desember")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")

# --- small helpers ------------------------------------------------------------------------------

def format_tanggal(value: dt.date | str | None, lang: str = "id") -> str:
    """``2026-11-27`` → ``27 November 2026`` (Indonesian month names; ``lang="en"`` for English)."""
    from desktop.domain.dates import format_long

    return format_long(value, lang)


def format_nip(value: str | None) -> str:
    """A civil servant's NIP as it is written: ``197508122000031005`` → ``19750812 200003 1 005``
    (birth date, appointment month, sex, serial). Anything that is not 18 digits stays as typed."""
    text = (value or "").strip()
    digits = re.sub(r"\s+", "", text)
    if re.fullmatch(r"\d{18}", digits):
        return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"
    return text


def _today(today: dt.date | None) -> dt.date:
    """The given day, or the corrected today: a PC clock years off must not date a certificate."""
    return today or wall_clock.today()


def _iso(value: dt.date | str | None) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _clean(value):
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _error(field: str, message: str, message_en: str) -> FieldError:
    return FieldError(field, message, message_en)


def _label_of(table: dict, value, lang: str = "id") -> str:
    if value in (None, ""):
        return ""
    pair = table.get(value)
    return (pair[1] if lang == "en" else pair[0]) if pair else str(value)
