"""Device tokens and enrollment codes.

A device token is 32 random bytes (URL-safe base64, prefixed ``lyn1_``); the server stores only
its SHA-256, so a copy of the database cannot be used to impersonate a device. Enrollment codes
are 12 characters from an alphabet without look-alikes (no 0/O, 1/I), shown as ``XXXX-XXXX-XXXX``
so a clerk can type them; they are single-use, expire, and are stored hashed too.
"""

from __future__ import annotations

import hashlib
import re
import secrets

TOKEN_PREFIX = "lyn1_"
_TOKEN_RE = re.compile(r"^lyn1_[A-Za-z0-9_-]{43}$")
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LEN = 12


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def well_formed_token(token: str) -> bool:
    return bool(_TOKEN_RE.match(token))


def parse_bearer(header: str | None) -> tuple[str | None, str | None]:
    """``Authorization`` header -> (token, None) or (None, error code: missing_token/invalid_token)."""
    if not header:
        return None, "missing_token"
    scheme, _, token = header.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return None, "invalid_token"
    if not well_formed_token(token):
        return None, "invalid_token"
    return token, None


def new_enroll_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LEN))
    return "-".join(raw[i:i + 4] for i in range(0, CODE_LEN, 4))


def normalize_code(code: str) -> str:
    """What the clerk typed -> the canonical code (case, dashes and spaces do not matter)."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def code_hash(code: str) -> str:
    return hashlib.sha256(normalize_code(code).encode("utf-8", "replace")).hexdigest()
