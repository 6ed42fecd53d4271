"""Agenda and letter numbers: per office, per series, restarting each year, never repeated.

Two PCs of one office may both work offline, so a device only hands out numbers from blocks it
was granted (docs/NUMBERING.md). A device that is the office's only one — not enrolled yet —
is its own authority and holds an open-ended block. Numbers must be allocated inside the same
transaction that saves the letter, so a failed save never burns or duplicates a number.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from desktop.store.db import StoreError
from desktop.store.records import WriteTx

from . import wall_clock

SERIES_MASUK = "surat_masuk"
SERIES_KELUAR = "surat_keluar"
DEFAULT_TEMPLATE = "{klasifikasi}/{nomor}/{kode_unit}/{tahun}"
DEFAULT_PAD = 4
AUTHORITY_META = "numbering_authority"  # "1": this device owns the office's numbering (standalone)

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
TEMPLATE_FIELDS = {"klasifikasi", "nomor", "kode_unit", "tahun", "bulan", "bulan_romawi"}
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


class NumberingError(StoreError):
    pass


class OtherYear(NumberingError):
    """A number asked for in a year that is not the current one (by the corrected clock): the clerk
    must confirm it, because a wrong PC clock or a typo in the date would otherwise put a letter in
    the wrong year's series for good."""

    def __init__(self, year: int, current: int):
        super().__init__(
            f"Nomor akan diambil dari tahun {year}, padahal tahun sekarang {current}. Periksa tanggalnya; "
            f"bila memang benar, konfirmasikan penomoran tahun {year}.",
            f"The number would be taken from {year}, but the current year is {current}. Check the date; "
            f"if it is right, confirm numbering in {year}.")
        self.year = year
        self.current = current


def current_year(tx) -> int:
    """The year now by the corrected clock (wall_clock.py), not by a PC clock that may be years off."""
    return wall_clock.read(tx).today().year


def check_year(tx, year: int, *, confirmed: bool) -> None:
    """Refuses a number in another year than the current one unless the clerk confirmed it."""
    current = current_year(tx)
    if year != current and not confirmed:
        raise OtherYear(year, current)


def next_number(tx: WriteTx, series: str, year: int, is_used: Callable[[int], bool] = lambda n: False) -> int:
    """The next free number of ``series`` in ``year``, taken from this device's blocks.

    ``is_used`` skips numbers already taken by other means (an imported agenda book).
    """
    blocks = tx.execute(
        'SELECT start, "end", next FROM number_blocks WHERE series = ? AND year = ? '
        'AND ("end" IS NULL OR next <= "end") ORDER BY start',
        (series, year),
    ).fetchall()
    if not blocks:
        if tx.meta(AUTHORITY_META) != "1":
            raise NumberingError(
                "Blok nomor untuk perangkat ini sudah habis. Sinkronkan dengan server untuk mendapat blok baru.",
                "This device has used up its block of numbers. Sync with the server to get a new block.",
            )
        start = 1
        tx.execute(
            'INSERT INTO number_blocks(series, year, start, "end", next) VALUES (?, ?, ?, NULL, ?)',
            (series, year, start, start),
        )
        blocks = [(start, None, start)]
    start, end, number = blocks[0]
    while (end is None or number <= end) and is_used(number):
        number += 1
    if end is not None and number > end:
        tx.execute("UPDATE number_blocks SET next = ? WHERE series = ? AND year = ? AND start = ?",
                   (number, series, year, start))
        return next_number(tx, series, year, is_used)
    tx.execute("UPDATE number_blocks SET next = ? WHERE series = ? AND year = ? AND start = ?",
               (number + 1, series, year, start))
    return number


def _imported_key(series: str, year: int) -> str:
    return f"numbering_imported:{series}:{year}"


def imported_highest(store_or_tx, series: str, year: int) -> int:
    """The highest number an agenda book imported on this PC brought (0: none). The next sync asks
    the server for a block above it, which claims it for the office (docs/NUMBERING.md)."""
    return int(store_or_tx.meta(_imported_key(series, year)) or 0)


def note_used(tx: WriteTx, series: str, year: int, number: int) -> None:
    """After an import with explicit numbers: later numbers continue after the highest one on paper."""
    if number > imported_highest(tx, series, year):
        tx.set_meta(_imported_key(series, year), str(number))
    if tx.meta(AUTHORITY_META) == "1":
        tx.execute(
            'INSERT OR IGNORE INTO number_blocks(series, year, start, "end", next) VALUES (?, ?, 1, NULL, 1)',
            (series, year),
        )
    tx.execute(
        'UPDATE number_blocks SET next = ? + 1 WHERE series = ? AND year = ? AND start <= ? '
        'AND ("end" IS NULL OR "end" >= ?) AND next <= ?',
        (number, series, year, number, number, number),
    )


def grant_block(tx: WriteTx, series: str, year: int, start: int, end: int | None) -> None:
    """Records a block of numbers this device may use (granted by the server, or by IT)."""
    if start < 1 or (end is not None and end < start):
        raise ValueError(f"invalid number block {start}..{end}")
    tx.execute(
        'INSERT OR IGNORE INTO number_blocks(series, year, start, "end", next) VALUES (?, ?, ?, ?, ?)',
        (series, year, start, end, start),
    )


def remaining(tx_or_conn, series: str, year: int) -> int | None:
    """Numbers left in this device's blocks (None: unlimited, the device is the authority)."""
    rows = tx_or_conn.execute(
        'SELECT "end", next FROM number_blocks WHERE series = ? AND year = ?', (series, year)
    ).fetchall()
    if any(end is None for end, _ in rows):
        return None
    return sum(max(0, end - nxt + 1) for end, nxt in rows)


def check_template(template: str) -> None:
    names = set(_PLACEHOLDER.findall(template))
    unknown = names - TEMPLATE_FIELDS
    if unknown or "nomor" not in names:
        raise NumberingError(
            f"Format nomor tidak valid: {template}. Wajib memuat {{nomor}}; boleh memakai "
            + ", ".join("{" + n + "}" for n in sorted(TEMPLATE_FIELDS)),
            f"Invalid number template: {template}. It must contain {{nomor}}.",
        )


def format_number(template: str, *, nomor: int, tahun: int, bulan: int = 1, klasifikasi: str = "",
                  kode_unit: str = "", pad: int = DEFAULT_PAD) -> str:
    """``400.12/0015/DST-MB/2026`` from the office's template."""
    values = {
        "nomor": str(nomor).zfill(pad),
        "tahun": str(tahun),
        "bulan": f"{bulan:02d}",
        "bulan_romawi": _ROMAN[bulan - 1],
        "klasifikasi": klasifikasi or "",
        "kode_unit": kode_unit or "",
    }
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)
