"""Password hashes that travel with user records, so an office can log in offline.

scrypt from the standard library (RFC 7914), encoded as ``scrypt$n$r$p$salt_b64$hash_b64``.
New hashes use N=2^17, r=8, p=1 (about 0.3 s and 128 MiB here: slow enough that a stolen hash is
costly to guess, quick enough for a login). Older, cheaper hashes still verify and ``needs_rehash``
says so, so the next successful login stores a new one.

Tests that create many users may make hashing cheaper with the environment variable
``LAYAN_TEST_SCRYPT_N`` (tests/conftest.py sets it to 1024). The app, the server and their installers
never set it; it is read on every call, so a test can also change it for one case.
"""

from __future__ import annotations

import base64
import binascii
import os
import re

N, R, P = 2**17, 8, 1
MIN_LENGTH = 8  # every password, wherever it is set (first start, Pengaturan → Pengguna, both CLIs)
TEST_COST_ENV = "LAYAN_TEST_SCRYPT_N"
_DKLEN = 32
# What a received hash may claim: a hostile or broken one must not make a login take minutes or
# gigabytes (N up to 2^20 with r=8 is 1 GiB, already too much; 2^18 is the most we accept).
_MIN_N, _MAX_N = 2**10, 2**18
_ENCODED_RE = re.compile(r"^scrypt\$(\d{1,7})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9+/=]{8,64})\$([A-Za-z0-9+/=]{16,128})$")


def cost() -> int:
    """The N for new hashes: N, unless a test asked for less through LAYAN_TEST_SCRYPT_N."""
    value = os.environ.get(TEST_COST_ENV)
    if value and value.isdigit() and _MIN_N <= int(value) <= N:
        return int(value)
    return N


def too_short(password: str) -> tuple[str, str] | None:
    """(Indonesian, English) when ``password`` is too short to be set; None when it may be used."""
    if len(password or "") < MIN_LENGTH:
        return (f"Kata sandi minimal {MIN_LENGTH} karakter.", f"The password needs at least {MIN_LENGTH} characters.")
    return None


def hash_password(password: str, *, n: int | None = None, r: int = R, p: int = P) -> str:
    import hashlib  # here: OpenSSL's hashes (~3 ms) are not needed to start the app, only to log in

    n = n or cost()
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=_DKLEN,
                            maxmem=256 * 1024 * 1024)
    b64 = base64.b64encode
    return f"scrypt${n}${r}${p}${b64(salt).decode()}${b64(digest).decode()}"


def _params(encoded: object) -> tuple[int, int, int, bytes, bytes] | None:
    match = _ENCODED_RE.match(encoded) if isinstance(encoded, str) else None
    if match is None:
        return None
    n, r, p = int(match[1]), int(match[2]), int(match[3])
    if not (_MIN_N <= n <= _MAX_N and n & (n - 1) == 0 and 1 <= r <= 16 and 1 <= p <= 4):
        return None
    try:
        salt, digest = base64.b64decode(match[4], validate=True), base64.b64decode(match[5], validate=True)
    except (ValueError, binascii.Error):
        return None
    if len(salt) < 8 or len(digest) < 16:
        return None
    return n, r, p, salt, digest


def is_well_formed(encoded: object) -> bool:
    """A hash this code can verify within sane time and memory (checked before one is stored)."""
    return _params(encoded) is not None


def needs_rehash(encoded: str) -> bool:
    """True when the hash is cheaper than what new hashes use (it verified: replace it)."""
    params = _params(encoded)
    return params is not None and (params[0] < cost() or params[1] != R or params[2] != P)


def verify_password(password: str, encoded: str | None) -> bool:
    """True when ``password`` matches; False for a wrong password or a malformed hash."""
    params = _params(encoded)
    if params is None:
        return False
    import hashlib
    import hmac

    n, r, p, salt, expected = params
    try:
        actual = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=len(expected),
                                maxmem=512 * 1024 * 1024)
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(actual, expected)
