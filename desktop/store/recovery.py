"""The database key, wrapped for IT: a backup can be restored on a new PC with IT's private key.

IT makes one X25519 key pair for the kabupaten (``openssl genpkey -algorithm X25519``, docs/SECURITY.md),
keeps the private half offline and publishes the public half as the central setting
``recovery_public_key``. Every PC then writes its database key sealed to that public key
(ephemeral X25519 + HKDF-SHA256 + AES-256-GCM, the construction of an ECIES "sealed box") to
``database-key.recovery.json`` in its data folder, and beside every backup it makes. The sealed key
is useless without IT's private key; with it, ``layan restore FILE --recovery-key IT.pem`` opens the
backup on any PC and re-keys it to that PC's own key.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from .db import StoreError
from .keys import write_private

RECOVERY_FILE = "database-key.recovery.json"
SCHEME = "x25519-hkdf-sha256-aes256gcm-v1"
INFO = b"layan database key recovery v1"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _raw(public: X25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def fingerprint(public: X25519PublicKey) -> str:
    return hashlib.sha256(_raw(public)).hexdigest()[:16]


def load_public_key(pem: str) -> X25519PublicKey:
    try:
        key = serialization.load_pem_public_key(pem.encode("ascii"))
    except (ValueError, UnicodeEncodeError) as exc:
        raise ValueError("not a PEM public key") from exc
    if not isinstance(key, X25519PublicKey):
        raise ValueError("not an X25519 public key")
    return key


def _derive(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    return HKDF(algorithm=SHA256(), length=32, salt=ephemeral + recipient, info=INFO).derive(shared)


def seal(database_key: bytes, public_pem: str) -> dict:
    """``database_key`` sealed to IT's public key (a fresh ephemeral key each time)."""
    recipient = load_public_key(public_pem)
    ephemeral = X25519PrivateKey.generate()
    nonce = os.urandom(12)
    wrapping = _derive(ephemeral.exchange(recipient), _raw(ephemeral.public_key()), _raw(recipient))
    sealed = AESGCM(wrapping).encrypt(nonce, database_key, SCHEME.encode("ascii"))
    return {"scheme": SCHEME, "recipient": fingerprint(recipient), "ephemeral": _b64(_raw(ephemeral.public_key())),
            "nonce": _b64(nonce), "sealed_key": _b64(sealed)}


def open_sealed(sealed: dict, private_pem: bytes) -> bytes:
    """The database key from a sealed record, with IT's private key; StoreError when it does not fit."""
    wrong = StoreError("Kunci pemulihan ini tidak cocok dengan cadangan tersebut.",
                       "This recovery key does not fit that backup.")
    try:
        private = serialization.load_pem_private_key(private_pem, password=None)
    except (ValueError, TypeError) as exc:
        raise StoreError("Berkas kunci pemulihan tidak terbaca (harus kunci privat X25519 dalam PEM).",
                         "The recovery key file cannot be read (it must be an X25519 private key in PEM).") from exc
    if not isinstance(private, X25519PrivateKey) or sealed.get("scheme") != SCHEME:
        raise wrong
    try:
        ephemeral = base64.b64decode(sealed["ephemeral"], validate=True)
        wrapping = _derive(private.exchange(X25519PublicKey.from_public_bytes(ephemeral)), ephemeral,
                           _raw(private.public_key()))
        return AESGCM(wrapping).decrypt(base64.b64decode(sealed["nonce"], validate=True),
                                        base64.b64decode(sealed["sealed_key"], validate=True), SCHEME.encode("ascii"))
    except Exception as exc:  # a tampered record, another recipient: the same plain answer
        raise wrong from exc


def write_recovery_file(data_dir: Path | str, database_key: bytes, public_pem: str | None) -> Path | None:
    """Keeps the sealed key in the data folder for the current ``recovery_public_key``; None without one."""
    path = Path(data_dir) / RECOVERY_FILE
    if not public_pem:
        return None
    try:
        recipient = fingerprint(load_public_key(public_pem))
    except ValueError:
        return None  # a malformed published value: the central config check refuses it before it gets here
    try:
        if json.loads(path.read_text(encoding="utf-8")).get("recipient") == recipient:
            return path  # already sealed for this key
    except (FileNotFoundError, ValueError, AttributeError):
        pass
    write_private(path, json.dumps(seal(database_key, public_pem), indent=1).encode("utf-8"))
    return path


def read_sealed(path: Path | str) -> dict:
    try:
        sealed = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise StoreError(f"Kunci tersegel cadangan tidak ditemukan: {path}",
                         f"The backup's sealed key was not found: {path}") from exc
    except ValueError as exc:
        raise StoreError(f"Kunci tersegel cadangan rusak: {path}", f"The backup's sealed key is damaged: {path}") from exc
    if not isinstance(sealed, dict):
        raise StoreError(f"Kunci tersegel cadangan rusak: {path}", f"The backup's sealed key is damaged: {path}")
    return sealed
