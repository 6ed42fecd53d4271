"""Signatures on provisioning files, chained to the release root (the update repository's TUF root).

The server signs a provisioning file with its **targets** key (``layan-server provision-file``;
sync/server/releases.py); the root metadata names that key. A PC checks the signature against the
root it already trusts. When the repository's keys were rotated since, the file carries every root
version (``update_root_history``): the PC walks from its own version to the newest exactly as TUF
does (each new root signed by the previous root's keys and its own), and takes the targets key of
the newest. Nothing here changes what a PC trusts: only TUF's own refresh updates its root.

The signature covers the canonical JSON (securesystemslib's encoding, as TUF uses) of the whole
file except its ``signatures`` list, so older PCs, which do not know the field, read the file as
before.
"""

from __future__ import annotations

import json

SIGNATURES = "signatures"
ROOT_HISTORY = "update_root_history"


class SignatureProblem(ValueError):
    """Why a file's signature cannot be accepted (English; the caller words it for the clerk)."""


def signed_bytes(body: dict) -> bytes:
    from securesystemslib.formats import encode_canonical

    return encode_canonical({k: v for k, v in body.items() if k != SIGNATURES}).encode("utf-8")


def sign(body: dict, signer) -> dict:
    """``body`` with a ``signatures`` list holding ``signer``'s signature over it."""
    return {**body, SIGNATURES: [signer.sign(signed_bytes(body)).to_dict()]}


def _root(data: dict | bytes):
    from tuf.api.metadata import Metadata, Root

    md = Metadata.from_bytes(data if isinstance(data, bytes) else json.dumps(data).encode())
    if not isinstance(md.signed, Root):
        raise SignatureProblem("not a root metadata file")
    return md


def newest_root(trusted: bytes, history: list) -> object:
    """The newest root reachable from ``trusted`` through ``history`` (TUF's root rotation rules)."""
    current = _root(trusted)
    by_version = {}
    for item in history if isinstance(history, list) else []:
        try:
            md = _root(item)
        except Exception:  # noqa: BLE001 - a damaged entry only ends the walk
            continue
        by_version[md.signed.version] = md
    while current.signed.version + 1 in by_version:
        nxt = by_version[current.signed.version + 1]
        try:
            current.verify_delegate("root", nxt)  # signed by the previous root's threshold
            nxt.verify_delegate("root", nxt)  # and by its own
        except Exception as exc:  # noqa: BLE001
            raise SignatureProblem(f"root version {nxt.signed.version} does not chain: {exc}") from None
        current = nxt
    return current


def verify(body: dict, trusted_root: bytes) -> None:
    """Raises SignatureProblem unless ``body`` is signed by the targets key(s) of ``trusted_root`` (or
    of a newer root that chains to it)."""
    from securesystemslib.signer import Signature

    sigs = body.get(SIGNATURES)
    if not isinstance(sigs, list) or not sigs:
        raise SignatureProblem("the file is not signed")
    root = newest_root(trusted_root, body.get(ROOT_HISTORY) or []).signed
    role = root.roles["targets"]
    data = signed_bytes(body)
    good = set()
    for item in sigs:
        try:
            sig = Signature.from_dict(dict(item))
            if sig.keyid in role.keyids:
                root.keys[sig.keyid].verify_signature(sig, data)
                good.add(sig.keyid)
        except Exception:  # noqa: BLE001 - a malformed or wrong signature just does not count
            continue
    if len(good) < role.threshold:
        raise SignatureProblem("the file is not signed by this PC's update key")
