"""Tracking codes (kode lacak) that a citizen reads out at the counter or over the phone.

A code is 8 characters from an alphabet without the look-alikes 0/O and 1/I: seven random
characters and one check character (Luhn mod 32), printed in two groups, ``K7QM-P3XA``. The check
character catches every single mistyped character and most swaps of neighbours, so a clerk
who types a code wrongly is told so instead of finding nothing (or the wrong person).

Codes are unique per office and collection (service requests and complaints each have their
own); 32^7 ≈ 34 billion possible codes make a collision between offices negligible, and the
centre looks codes up together with the office code.

Imported records may carry codes from an older system: those need only the schema's pattern
(4–20 of A–Z, 0–9, -) and must not exist yet in the office. No Qt here.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from desktop.store.records import Store, ValidationError, WriteTx
from sync.schema import FieldError
from sync.tracking import (  # noqa: F401 - the pure part lives in sync/, shared with the centre
    ALPHABET,
    LENGTH,
    SCHEMA_PATTERN,
    check_character,
    display,
    is_layan_code,
    normalize,
)
from sync.tracking import (
    INDEX as _INDEX,
)

COLLECTIONS = ("service_requests", "complaints")
_MAX_TRIES = 50


def generate() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH - 1))
    return body + check_character(body)


def _exists(conn, collection: str, code: str) -> bool:
    if collection not in COLLECTIONS:
        raise ValueError(f"no tracking codes in {collection!r}")
    row = conn.execute(f"SELECT 1 FROM [{collection}] WHERE tracking_code = ? AND deleted = 0 LIMIT 1",
                       (code,)).fetchone()
    return row is not None


def new_code(tx: WriteTx, collection: str) -> str:
    """A fresh code not yet used in this office's ``collection`` (inside the saving transaction)."""
    for _ in range(_MAX_TRIES):
        code = generate()
        if not _exists(tx.conn, collection, code):
            return code
    raise RuntimeError("could not find an unused tracking code")  # 50 collisions in 34e9: a bug


def claim(tx: WriteTx, collection: str, code: str) -> str:
    """Checks an explicit code (an import, a record keyed in from paper) and returns it normalized.

    Refuses a malformed code, and a code that already exists in this office, with a message the
    clerk can act on. Our own codes must also carry the right check character.
    """
    raw = code
    code = normalize(code)
    if not SCHEMA_PATTERN.match(code):
        raise ValidationError([FieldError(
            "tracking_code",
            f"Kode lacak {raw!r} tidak valid: gunakan 4–20 huruf besar atau angka.",
            f"Tracking code {raw!r} is invalid: use 4–20 capital letters or digits.")])
    if len(code) == LENGTH and all(c in _INDEX for c in code) and not is_layan_code(code):
        raise ValidationError([FieldError(
            "tracking_code",
            f"Kode lacak {display(code) or raw} salah ketik (karakter pemeriksa tidak cocok).",
            f"Tracking code {raw} has a typo (the check character does not match).")])
    if _exists(tx.conn, collection, code):
        raise ValidationError([FieldError(
            "tracking_code",
            f"Kode lacak {display(code)} sudah dipakai di kantor ini.",
            f"Tracking code {display(code)} already exists in this office.")])
    return code


@dataclass(frozen=True)
class Found:
    collection: str  # service_requests | complaints
    record: dict
    events: list[dict]


def lookup(store: Store, code: str) -> Found | None:
    """The request or complaint with this code, with its status events (oldest first).

    A typed code with a wrong check character raises ValidationError (a typo, not "not found").
    """
    wanted = normalize(code)
    if len(wanted) == LENGTH and all(c in _INDEX for c in wanted) and not is_layan_code(wanted):
        raise ValidationError([FieldError(
            "tracking_code",
            f"Kode lacak {code} salah ketik (karakter pemeriksa tidak cocok). Periksa lagi.",
            f"Tracking code {code} has a typo (the check character does not match).")])
    for collection, events, key in (("service_requests", "service_events", "request_id"),
                                    ("complaints", "complaint_events", "complaint_id")):
        rows = store.find(collection, "tracking_code = ?", (wanted,), limit=1)
        if rows:
            record = rows[0]
            history = store.find(events, f"{key} = ?", (record["id"],), order_by="hlc, rowid")
            return Found(collection, record, history)
    return None
