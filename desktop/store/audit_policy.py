"""What the audit trail may keep of a change: for special personal data only which fields changed.

UU 27/2022 (Pelindungan Data Pribadi) counts health data and population numbers among *specific*
personal data. The audit must show who changed what and when, but it is read by more people (and
kept longer) than the record itself, so for these fields it keeps the field's name and a marker,
never the value: the old and new NIK or diagnosis stay only in the record (which is encrypted,
behind a role).
"""

from __future__ import annotations

REDACTED = "•••"

# Every field of a health record is special (patients: identity and insurance; visits: health data).
SPECIAL_COLLECTIONS = frozenset({"patients", "visits"})
# In other collections: population numbers, and the household members (each with a NIK).
SPECIAL_FIELDS = {
    "service_requests": frozenset({"nik", "no_kk", "details"}),
    "attachments": frozenset({"name", "note"}),  # a scan's name may say what a patient was tested for
}


def is_special(collection: str, field: str) -> bool:
    return collection in SPECIAL_COLLECTIONS or field in SPECIAL_FIELDS.get(collection, ())


def redact(collection: str, changes: dict) -> dict:
    """``{field: [before, after]}`` with the values of special fields replaced by a marker."""
    return {name: ([REDACTED, REDACTED] if is_special(collection, name) and isinstance(pair, (list, tuple))
                   and len(pair) == 2 else pair)
            for name, pair in changes.items()}
