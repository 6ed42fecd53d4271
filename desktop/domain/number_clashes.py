"""Letter numbers used twice in one office and year ("nomor ganda"), and how the clerk ends it.

Numbers come from blocks only one PC holds, so PCs never clash by themselves; but an imported
agenda book keeps its numbers as they stand on paper (docs/NUMBERING.md), and a number in that
book may lie in a block another PC of the office holds and uses while both are offline. Neither
PC can know before they sync. So a clash is not refused (both letters exist on paper, and a
refusal would lose one), it is *shown*: every PC of the office sees the same clashes, derived from
the letters it has, on the Sinkronisasi page beside the other conflicts. The clerk picks the
letter that yields and gives it a new number from this PC's block (``renumber``): an ordinary
edit that syncs, so the clash disappears everywhere. The old number is kept in the letter's
Keterangan and in the audit. No Qt here (domain layer).
"""

from __future__ import annotations

from desktop.store.db import StoreError
from desktop.store.records import Change, RecordNotFound, Store

from . import letters, numbering

LETTERS = letters.LETTERS


def clashes(store: Store) -> list[dict]:
    """Every live letter whose (direction, year, number) another live letter of this office also
    has, grouped by number (oldest registration first within a group). Found in two steps: numbers
    held twice by any rows, read off the ``letters_number`` index alone, then those few numbers'
    live letters (1,000,000 letters in plain SQLite: 0.6 s, where one EXISTS per letter took 4 s)."""
    office = store.office_id
    twice = store.read().execute(
        "SELECT direction, year, seq FROM letters WHERE office_id = ? GROUP BY direction, year, seq "
        "HAVING count(*) > 1", (office,)).fetchall()
    found: list[dict] = []
    for direction, year, seq in twice:
        live = store.find(LETTERS, "readonly = 0 AND office_id = ? AND direction = ? AND year = ? AND seq = ?",
                          (office, direction, year, seq), order_by="created_at, id")
        if len(live) > 1:
            found += live
    return found


def clash_count(store: Store) -> int:
    """How many numbers are used twice (a pair is one clash)."""
    return len({(r["direction"], r["year"], r["seq"]) for r in clashes(store)})


def number_label(letter: dict) -> tuple[str, str]:
    """"No. Urut 5 tahun 2026" as the register says it (Indonesian, English)."""
    if letter["direction"] == "masuk":
        return (f"No. Agenda {letter['seq']} tahun {letter['year']}", f"agenda no. {letter['seq']} of {letter['year']}")
    return (f"No. Urut {letter['seq']} tahun {letter['year']}", f"outgoing no. {letter['seq']} of {letter['year']}")


def renumber(store: Store, letter_id: str, *, actor: str) -> Change:
    """Gives a letter of a clash the next free number of this PC's block (and, for surat keluar, a
    new Nomor Surat from the office's template). Refused when the letter no longer clashes (another
    PC resolved it meanwhile), so a clash is never resolved twice; no number is burnt on refusal."""
    with store.transaction() as tx:
        current = tx.get(LETTERS, letter_id)
        if current is None or current.get("deleted"):
            raise RecordNotFound(LETTERS, letter_id)
        direction, year, old_seq = current["direction"], current["year"], current["seq"]
        twin = tx.execute("SELECT 1 FROM letters WHERE office_id = ? AND direction = ? AND year = ? AND seq = ? "
                          "AND id != ? AND deleted = 0 AND readonly = 0",
                          (current["office_id"], direction, year, old_seq, letter_id)).fetchone()
        if twin is None:
            raise StoreError("Nomor surat ini tidak ganda lagi (sudah diselesaikan, mungkin di PC lain).",
                             "This letter's number is no longer used twice (already resolved, perhaps on another PC).")
        is_used = letters._is_used(tx, current["office_id"], direction, year)
        seq = numbering.next_number(tx, letters.series_for(direction), year, is_used)
        old_text = current.get("nomor_surat") or number_label(current)[0]
        note = f"Nomor ganda: semula {old_text}."
        fields = {"seq": seq, "keterangan": " ".join(filter(None, [current.get("keterangan"), note]))}
        if direction == "keluar":
            fields["nomor_surat"] = letters._outgoing_number(tx, {**current, "seq": seq}, seq, year)
        return tx.save(LETTERS, fields, record_id=letter_id, actor=actor)
