"""A certificate's verification code and the text of its QR: pure code shared by the office app
(desktop/domain/services/certificate.py, ``layan verify``) and the centre's public page
(sync/server/web/public.py), so both check a certificate by the same rule.

The QR carries the payload ``LAYAN|<office>|<letter number>|<request id>|<code>``, or, once the centre
published its public address, that address with the payload: ``https://…/verifikasi?k=<payload>``.
Either form verifies offline (``layan verify``) and at the centre."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit

VERIFY_PREFIX = "LAYAN"
VERIFY_HASH_LEN = 16  # hex characters of sha256 (64 bits)
VERIFY_PATH = "/verifikasi"
MAX_PAYLOAD = 400
_CODE_RE = re.compile(r"^[0-9a-f]{16}$")


def canonical_name(nama: str | None) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", nama or "")).strip().upper()


def verification_code(*, office: str, nomor_surat: str, request_id: str, service_type: str, nik: str | None,
                      nama: str, tanggal_surat: str) -> str:
    """sha256 over the certificate's key fields, first 16 hex characters (docs/SERVICES.md).

    The input is the lines ``LAYAN-SK-1``, office code, letter number, request id, service code,
    NIK (or empty), the name (NFC, spaces collapsed, upper case) and the letter date (YYYY-MM-DD),
    joined with ``\\n`` and encoded as UTF-8. The centre recomputes it from its own copy.
    """
    text = "\n".join(["LAYAN-SK-1", office, nomor_surat, request_id, service_type, nik or "",
                      canonical_name(nama), tanggal_surat])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:VERIFY_HASH_LEN]


@dataclass(frozen=True)
class Payload:
    office: str
    number: str
    request_id: str
    code: str


def parse_payload(text: str | None) -> Payload | None:
    """The payload of a scanned QR (bare, or inside the centre's verification address); None when it is
    not a Layan certificate's."""
    text = (text or "").strip()
    if len(text) > 2 * MAX_PAYLOAD:
        return None
    if text.lower().startswith(("http://", "https://")):
        values = parse_qs(urlsplit(text).query).get("k")
        text = values[0].strip() if values else ""
    parts = text.split("|")
    if len(text) > MAX_PAYLOAD or len(parts) != 5 or parts[0] != VERIFY_PREFIX or not all(parts[1:]):
        return None
    return Payload(*parts[1:])


def well_formed_code(code: str) -> bool:
    return bool(_CODE_RE.match(code))


def qr_text(payload: str, public_url: str | None) -> str:
    if not public_url:
        return payload
    return f"{public_url.rstrip('/')}{VERIFY_PATH}?k={quote(payload, safe='')}"


def check(record: dict | None, p: Payload) -> str:
    """How a payload compares with the record it names: ``genuine``, ``unknown`` (no such record here),
    ``mismatch`` (another office, number or an unfinished request) or ``changed`` (the code differs)."""
    if record is None:
        return "unknown"
    if record.get("office_id") != p.office or record.get("nomor_surat") != p.number or record.get("status") != "selesai":
        return "mismatch"
    expected = verification_code(office=p.office, nomor_surat=p.number, request_id=p.request_id,
                                 service_type=record.get("service_type") or "", nik=record.get("nik"),
                                 nama=record.get("nama") or "", tanggal_surat=record.get("tanggal_selesai") or "")
    if p.code != expected or record.get("kode_verifikasi") != expected:
        return "changed"
    return "genuine"
