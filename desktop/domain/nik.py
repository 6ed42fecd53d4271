"""NIK (Nomor Induk Kependudukan) and No. KK validation.

A NIK is 16 digits, PP KK CC DDMMYY SSSS: the province, regency and kecamatan where the person
was first registered, the birth date (women: day + 40) and a serial from 0001. There is no check
digit, so a NIK that passes here can still belong to nobody: this catches typing errors only.

python-stdnum's ``stdnum.id.nik`` does the compaction (spaces, dots, dashes, Unicode dashes and
spaces) and the digit check. Its region table and birth-date reading are not used, because:

* its region table predates the 2022 Papua split: it rejects 92/93/95/96 and reads 9404 only as
  Nabire, while Mimika NIKs start 9404 today and 9412 on NIKs issued before the split. We use
  resources/reference/nik_regions.json instead;
* it takes the day modulo 40, so day 81 passes as the 1st; we allow 01-31 (men) and 41-71 (women);
* it prefers 19xx; we take the latest reading that is not in the future.

Serial 0000 is refused as well.

**Never derive domicile from a NIK.** The region digits say where the number was issued, which
stays the same for life; the address on the KK/KTP is the only domicile. ``NikInfo`` therefore has
no "address" field, and ``region_names`` are candidates for the place of first registration only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stdnum.exceptions import ValidationError
from stdnum.id import nik as _stdnik
from stdnum.util import isdigits

from desktop.domain import reference

__all__ = [
    "CLOCK_FLOOR",
    "InvalidNik",
    "InvalidNoKk",
    "NikInfo",
    "effective_today",
    "is_valid_nik",
    "validate_nik",
    "validate_no_kk",
]

# The app cannot run before it was written: a PC clock set years back must not make a child's
# NIK look like it was born in the 1900s, nor make a real birth date look like the future.
CLOCK_FLOOR = dt.date(2025, 1, 1)


class InvalidNik(ValueError):
    """A NIK (or No. KK) that cannot be right. Messages: Indonesian first, then English.

    ``reason`` is a short machine code: empty, format, length, province, regency, date, future,
    serial.
    """

    def __init__(self, message_id: str, message_en: str, *, reason: str = "") -> None:
        super().__init__(message_id)
        self.message_id = message_id
        self.message_en = message_en
        self.reason = reason

    @property
    def message(self) -> str:
        """Same as message_id (matches sync.schema.FieldError.message)."""
        return self.message_id

    def __str__(self) -> str:
        return self.message_id


class InvalidNoKk(InvalidNik):
    """A No. KK (nomor Kartu Keluarga) that cannot be right."""


@dataclass(frozen=True)
class NikInfo:
    nik: str  # 16 digits, compact
    province_code: str  # "94"
    regency_code: str  # "9404": province + regency digits, as on the NIK
    birth_date: dt.date
    sex: str  # "L" (laki-laki) or "P" (perempuan)
    serial: str  # "0001"
    # Regencies the first four digits may stand for (place of first registration, NOT domicile);
    # Papua prefixes are ambiguous since the 2022 split. Empty outside the Papua provinces.
    region_names: tuple[str, ...] = ()

    @property
    def kecamatan_code(self) -> str:
        """The first six digits (kecamatan of first registration)."""
        return self.nik[:6]


def effective_today(clock: dt.date | None = None) -> dt.date:
    """The PC's date (or ``clock``), but never before CLOCK_FLOOR: office clocks are often wrong."""
    return max(clock or dt.date.today(), CLOCK_FLOOR)


def _compact(value: object, what: str, exc: type[InvalidNik]) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise exc(f"{what} wajib diisi.", f"{what} is required.", reason="empty")
    if not isinstance(value, str):
        raise exc(
            f"{what} harus 16 digit angka (hanya angka 0-9).",
            f"{what} must be 16 digits (0-9 only).",
            reason="format",
        )
    try:
        number = _stdnik.compact(value)
    except ValidationError:
        number = value
    if not isdigits(number):
        raise exc(
            f"{what} harus 16 digit angka (hanya angka 0-9).",
            f"{what} must be 16 digits (0-9 only).",
            reason="format",
        )
    if len(number) != 16:
        raise exc(
            f"{what} harus 16 digit angka (tertulis {len(number)} digit).",
            f"{what} must be 16 digits (got {len(number)}).",
            reason="length",
        )
    return number


def _check_region(number: str, what: str, exc: type[InvalidNik]) -> None:
    province = number[:2]
    if reference.nik_province_name(province) is None:
        raise exc(
            f"Kode provinsi {what} ({province}) tidak dikenal.",
            f"Unknown province code in the {what} ({province}).",
            reason="province",
        )
    if number[2:4] == "00":
        raise exc(
            f"Kode kabupaten/kota {what} ({number[:4]}) tidak valid.",
            f"Invalid regency code in the {what} ({number[:4]}).",
            reason="regency",
        )


def _birth_date(number: str, today: dt.date) -> dt.date:
    ddmmyy = number[6:12]
    bad = InvalidNik(
        f"Tanggal lahir dalam NIK tidak valid ({ddmmyy}).",
        f"The birth date in the NIK is invalid ({ddmmyy}).",
        reason="date",
    )
    day, month, yy = int(number[6:8]), int(number[8:10]), int(number[10:12])
    if day > 40:  # women; 72..99 become 32..59 and fail below, as do 00 and 32..40
        day -= 40
    candidates = []
    for century in (2000, 1900):
        try:
            candidates.append(dt.date(century + yy, month, day))
        except ValueError:
            pass
    if not candidates:
        raise bad
    for born in candidates:  # latest reading first
        if born <= today:
            return born
    raise InvalidNik(
        f"Tanggal lahir dalam NIK ({ddmmyy}) ada di masa depan. Periksa NIK dan tanggal komputer.",
        f"The birth date in the NIK ({ddmmyy}) is in the future. Check the NIK and the PC's date.",
        reason="future",
    )


def validate_nik(value: str, *, today: dt.date | None = None) -> NikInfo:
    """Check a NIK typed by a clerk and return what it encodes; raise InvalidNik otherwise.

    Spaces, dots and dashes are ignored ("9404 0141 0190 0001" is fine). ``today`` is for tests
    and for a known-good date; by default the PC's date, but never earlier than 2025-01-01 because
    office clocks are often wrong. The region digits are the place of first registration: never
    use them as the person's domicile.
    """
    number = _compact(value, "NIK", InvalidNik)
    _check_region(number, "NIK", InvalidNik)
    born = _birth_date(number, today if today is not None else effective_today())
    serial = number[12:]
    if serial == "0000":
        raise InvalidNik(
            "Nomor urut NIK (4 digit terakhir) tidak boleh 0000.",
            "The NIK serial number (last 4 digits) cannot be 0000.",
            reason="serial",
        )
    names = tuple(dict.fromkeys(r.label for r in reference.nik_regency_candidates(number[:4])))
    return NikInfo(
        nik=number,
        province_code=number[:2],
        regency_code=number[:4],
        birth_date=born,
        sex="P" if int(number[6:8]) > 40 else "L",
        serial=serial,
        region_names=names,
    )


def is_valid_nik(value: str, *, today: dt.date | None = None) -> bool:
    try:
        validate_nik(value, today=today)
    except InvalidNik:
        return False
    return True


def validate_no_kk(value: str) -> str:
    """Check a No. KK (nomor Kartu Keluarga) and return it compact; raise InvalidNoKk otherwise.

    16 digits starting with a known province (and a regency other than 00). The middle digits
    are not checked: they are not a birth date, and practice varies.
    """
    number = _compact(value, "No. KK", InvalidNoKk)
    _check_region(number, "No. KK", InvalidNoKk)
    return number
