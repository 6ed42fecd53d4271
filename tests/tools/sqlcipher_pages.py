"""The plaintext of every page of a SQLCipher file and its WAL, decrypted with the office's raw key.

``strings`` on the decrypted pages shows what an attacker with the key would find, free pages and old
WAL frames included: what ``SELECT`` no longer returns but the file may still hold. SQLCipher 4
defaults (desktop/store/encryption.py opens with a raw key): 4096-byte pages, each ending in a 16-byte
IV and a 64-byte HMAC; page 1 starts with the 16-byte salt; AES-256-CBC.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE = 4096
RESERVE = 80  # IV (16) + HMAC-SHA512 (64)
SALT = 16
WAL_HEADER, FRAME_HEADER = 32, 24


def _page(page: bytes, key: bytes, first: bool) -> bytes:
    iv = page[PAGE - RESERVE:PAGE - RESERVE + 16]
    body = page[SALT if first else 0:PAGE - RESERVE]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(body) + decryptor.finalize()


def decrypted(db_path: Path, key: bytes) -> bytes:
    """The main file's pages and the WAL's frames, decrypted and concatenated."""
    out = bytearray()
    data = Path(db_path).read_bytes()
    for offset in range(0, len(data) - PAGE + 1, PAGE):
        out += _page(data[offset:offset + PAGE], key, offset == 0)
    wal = Path(str(db_path) + "-wal")
    if wal.exists():
        frames = wal.read_bytes()
        for offset in range(WAL_HEADER, len(frames) - FRAME_HEADER - PAGE + 1, FRAME_HEADER + PAGE):
            page_no = int.from_bytes(frames[offset:offset + 4], "big")
            out += _page(frames[offset + FRAME_HEADER:offset + FRAME_HEADER + PAGE], key, page_no == 1)
    return bytes(out)
