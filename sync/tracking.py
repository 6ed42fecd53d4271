"""Tracking codes (kode lacak) and the status names a citizen sees: pure code shared by the office app
(desktop/domain/tracking.py) and the centre's public tracking page (sync/server/web/public.py).

A code is 8 characters from an alphabet without the look-alikes 0/O and 1/I: seven random characters
and one check character (Luhn mod 32), printed in two groups, ``K7QM-P3XA``."""

from __future__ import annotations

import re
from urllib.parse import quote

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # 32 characters: no 0, O, 1, I
LENGTH = 8  # 7 random + 1 check character
SCHEMA_PATTERN = re.compile(r"^[A-Z0-9\-]{4,20}$")  # what resources/schema accepts (imports)
INDEX = {c: i for i, c in enumerate(ALPHABET)}

# Status names as the receipt and the public page show them: (Indonesian, English).
REQUEST_STATUS_LABELS = {
    "diterima": ("Diterima", "Received"),
    "diverifikasi": ("Diverifikasi", "Verified"),
    "diproses": ("Diproses", "In process"),
    "selesai": ("Selesai", "Completed"),
    "ditolak": ("Ditolak", "Rejected"),
}
COMPLAINT_STATUS_LABELS = {
    "masuk": ("Masuk", "Received"),
    "diverifikasi": ("Diverifikasi", "Verified"),
    "diteruskan": ("Diteruskan", "Forwarded"),
    "ditindaklanjuti": ("Ditindaklanjuti", "Being acted on"),
    "selesai": ("Selesai", "Resolved"),
    "bukan_wewenang": ("Bukan Wewenang", "Not our remit"),
}


def check_character(body: str) -> str:
    """The Luhn mod N check character of ``body`` (characters from ALPHABET)."""
    n = len(ALPHABET)
    factor = 2
    total = 0
    for char in reversed(body):
        addend = factor * INDEX[char]
        factor = 1 if factor == 2 else 2
        total += addend // n + addend % n
    return ALPHABET[(n - total % n) % n]


def normalize(text: str | None) -> str:
    """What a clerk typed, as stored: upper case, without spaces and dashes between the groups."""
    return re.sub(r"[\s\-]", "", (text or "")).upper()


def looks_like_ours(code: str) -> bool:
    """Right length and alphabet (the check character may still be wrong)."""
    return len(code) == LENGTH and all(c in INDEX for c in code)


def is_layan_code(code: str | None) -> bool:
    """True for a code this app generated (right length, alphabet and check character)."""
    code = normalize(code)
    return looks_like_ours(code) and check_character(code[:-1]) == code[-1]


def display(code: str | None) -> str:
    """``K7QMP3XA`` → ``K7QM-P3XA`` (only for our own 8-character codes; others as they are)."""
    code = code or ""
    return f"{code[:4]}-{code[4:]}" if is_layan_code(code) else code


def qr_text(code: str, public_url: str | None) -> str:
    """What a receipt's QR carries: the tracking page's address when the centre published one, else
    the bare code (read out at the counter as before)."""
    if not public_url:
        return code
    return f"{public_url.rstrip('/')}/lacak/{quote(code, safe='')}"


def mask_name(name: str | None) -> str:
    """``Maria Beanal`` → ``M**** B*****``: enough for the holder to recognise, not to learn a name."""
    words = re.sub(r"\s+", " ", name or "").strip().split(" ")
    return " ".join(w[0] + "*" * (len(w) - 1) for w in words if w)
