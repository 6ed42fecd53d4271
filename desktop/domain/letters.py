"""The letters register: surat masuk (agenda) and surat keluar (numbered), with disposisi.

Numbers are allocated inside the saving transaction (see numbering.py), so a refused save never
burns a number, and an agenda number is never given twice in one office and year.
"""

from __future__ import annotations

import datetime as dt

from desktop.store.records import Change, RecordNotFound, Store, ValidationError, WriteTx
from sync.schema import FieldError, collection

from . import numbering

LETTERS = "letters"
DISPOSITIONS = "dispositions"
SIFAT = ("biasa", "penting", "segera", "sangat_segera", "rahasia")
SIFAT_LABELS = {
    "biasa": ("Biasa", "Routine"),
    "penting": ("Penting", "Important"),
    "segera": ("Segera", "Urgent"),
    "sangat_segera": ("Sangat Segera", "Very urgent"),
    "rahasia": ("Rahasia", "Confidential"),
}
# Fields a clerk may not change after registration: they are the letter's identity on paper.
FIXED_FIELDS = ("direction", "year", "seq")


def series_for(direction: str) -> str:
    return numbering.SERIES_MASUK if direction == "masuk" else numbering.SERIES_KELUAR


def _year_of(tx: WriteTx, fields: dict, date_field: str) -> int:
    value = fields.get(date_field)
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value).year
        except ValueError:
            pass
    return numbering.current_year(tx)


def _required_date_error(direction: str, fields: dict) -> list[FieldError]:
    """Validates the whole letter before a number is taken, so the clerk sees every problem at once."""
    trial = {**fields, "direction": direction, "year": fields.get("year") or 2000, "seq": fields.get("seq") or 1}
    if direction == "keluar":
        trial.setdefault("nomor_surat", "x")
    return collection(LETTERS).validate(trial)


def _is_used(tx: WriteTx, office_id: str, direction: str, year: int):
    def check(number: int) -> bool:
        return tx.execute(
            "SELECT 1 FROM letters WHERE office_id = ? AND direction = ? AND year = ? AND seq = ? AND deleted = 0",
            (office_id, direction, year, number),
        ).fetchone() is not None
    return check


def office_template(tx: WriteTx) -> tuple[str, str, int]:
    template = tx.meta("numbering_template") or numbering.DEFAULT_TEMPLATE
    kode_unit = tx.meta("numbering_kode_unit") or tx.meta("office_code") or ""
    pad = int(tx.meta("numbering_pad") or numbering.DEFAULT_PAD)
    return template, kode_unit, pad


def _outgoing_number(tx: WriteTx, fields: dict, seq: int, year: int) -> str:
    template, kode_unit, pad = office_template(tx)
    if "{klasifikasi}" in template and not fields.get("klasifikasi"):
        raise ValidationError([FieldError(
            "klasifikasi", "Kode Klasifikasi wajib diisi untuk menomori surat keluar.",
            "Classification code is required to number an outgoing letter.")])
    month = dt.date.fromisoformat(fields["tanggal_surat"]).month if fields.get("tanggal_surat") else 1
    return numbering.format_number(template, nomor=seq, tahun=year, bulan=month,
                                   klasifikasi=fields.get("klasifikasi") or "", kode_unit=kode_unit, pad=pad)


def register(tx: WriteTx, direction: str, fields: dict, *, actor: str, source: str = "local",
             confirm_year: bool = False) -> Change:
    """Registers a new letter inside ``tx``; an explicit ``seq`` (an imported agenda book) is kept.

    An outgoing letter is numbered in another year than the current one (by the corrected clock)
    only with ``confirm_year`` (the clerk said yes); else ``numbering.OtherYear`` is raised.
    """
    if direction not in ("masuk", "keluar"):
        raise ValidationError([FieldError("direction", "Arah surat harus masuk atau keluar.",
                                          "Direction must be masuk or keluar.")])
    fields = {k: v for k, v in fields.items() if v not in (None, "")}
    date_field = "tanggal_terima" if direction == "masuk" else "tanggal_surat"
    year = int(fields.get("year") or _year_of(tx, fields, date_field))
    errors = _required_date_error(direction, {**fields, "year": year})
    if errors:
        raise ValidationError(errors)
    office = tx.meta("office_code")
    series = series_for(direction)
    if fields.get("seq"):
        seq = int(fields["seq"])
        if _is_used(tx, office, direction, year)(seq):
            label = "Nomor agenda" if direction == "masuk" else "Nomor urut"
            raise ValidationError([FieldError("seq", f"{label} {seq} tahun {year} sudah dipakai.",
                                              f"Number {seq} of {year} is already used.")])
        numbering.note_used(tx, series, year, seq)
    else:
        if direction == "keluar" and source == "local":  # an imported agenda book is dated as on paper
            numbering.check_year(tx, year, confirmed=confirm_year)
        seq = numbering.next_number(tx, series, year, _is_used(tx, office, direction, year))
    record = {**fields, "direction": direction, "year": year, "seq": seq}
    if direction == "keluar" and not fields.get("nomor_surat"):
        record["nomor_surat"] = _outgoing_number(tx, record, seq, year)
    return tx.save(LETTERS, record, actor=actor, source=source)


def register_incoming(store: Store, fields: dict, *, actor: str) -> Change:
    with store.transaction() as tx:
        return register(tx, "masuk", fields, actor=actor)


def register_outgoing(store: Store, fields: dict, *, actor: str, confirm_year: bool = False) -> Change:
    with store.transaction() as tx:
        return register(tx, "keluar", fields, actor=actor, confirm_year=confirm_year)


def update_letter(store: Store, letter_id: str, fields: dict, *, actor: str) -> Change:
    """Edits a letter; its number stays. An outgoing letter's number follows a new klasifikasi."""
    fields = {k: (None if v == "" else v) for k, v in fields.items() if k not in FIXED_FIELDS}
    with store.transaction() as tx:
        current = tx.get(LETTERS, letter_id)
        if current is None or current.get("deleted"):
            raise RecordNotFound(LETTERS, letter_id)
        if (current["direction"] == "keluar" and "klasifikasi" in fields
                and fields["klasifikasi"] != current.get("klasifikasi") and "nomor_surat" not in fields):
            merged = {**current, **fields}
            fields["nomor_surat"] = _outgoing_number(tx, merged, current["seq"], current["year"])
        return tx.save(LETTERS, fields, record_id=letter_id, actor=actor)


def add_disposition(store: Store, letter_id: str, fields: dict, *, actor: str) -> Change:
    """Appends a disposisi to a letter (append-only: disposisi are never edited, only added).

    Several recipients (``kepada_list``) and ticked instructions (``instruksi_list``) are kept as
    lists, and also joined into ``kepada`` and ``instruksi`` (what older PCs and the register show);
    a free-text ``instruksi`` is added after the ticked ones."""
    fields = dict(fields)
    recipients = [r for r in fields.pop("kepada_list", None) or [] if r]
    ticked = [i for i in fields.pop("instruksi_list", None) or [] if i]
    if recipients:
        fields["kepada_list"] = recipients
        fields["kepada"] = "; ".join(recipients)
    if ticked:
        fields["instruksi_list"] = ticked
        fields["instruksi"] = "; ".join([*ticked, *([fields["instruksi"]] if fields.get("instruksi") else [])])
    with store.transaction() as tx:
        letter = tx.get(LETTERS, letter_id)
        if letter is None or letter.get("deleted"):
            raise RecordNotFound(LETTERS, letter_id)
        record = {k: v for k, v in fields.items() if v not in (None, "", [])}
        record["letter_id"] = letter_id
        return tx.save(DISPOSITIONS, record, actor=actor)


def dispositions(store: Store, letter_id: str) -> list[dict]:
    return store.find(DISPOSITIONS, "letter_id = ?", (letter_id,), order_by="created_at, rowid")
