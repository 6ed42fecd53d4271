"""Configuration push: the keys Diskominfo/Dinkes may publish centrally, and what a value must look like.

A published value travels as a record of the server-owned collection ``config`` (docs/UPDATES.md,
"Configuration push"): ``{scope, key, value, version, published_ms, published_by}``. The server
checks a value against the key's JSON Schema before publishing it; the desktop checks it again
(plus its own domain rules, e.g. that a service catalogue parses) before applying it.

Scopes: ``all`` (every office), an office kind (``distrik``, ``puskesmas``, ``central``) or one
office code. For the same key a narrower scope wins: office > kind > all.

Targets on the desktop:
* ``setting`` — a value in the store's meta table (the same key an office admin edits locally);
* ``reference`` — a JSON file ``<data folder>/reference/<key>.json`` replacing the bundled one;
* ``file`` — a small binary (the letterhead logo), written under ``<data folder>/reference/``.

This module is shared by the server and the desktop, so it knows no Qt and no desktop code.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from functools import cache

from sync.protocol import OFFICE_KINDS

COLLECTION = "config"
SCOPE_ALL = "all"
MAX_LOGO_BYTES = 160 * 1024  # a logo travels inside one sync record (256 KiB as base64 JSON)
OFFICE_CODE_RE = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


@dataclass(frozen=True)
class ConfigKey:
    key: str
    target: str  # "setting" | "reference" | "file"
    schema: dict
    label_id: str
    label_en: str


_TEXT = {"type": "string", "maxLength": 200}
_UNIT = {
    "type": "object",
    "required": ["code", "klaster", "name"],
    "properties": {
        "code": {"type": "string", "pattern": "^[a-z0-9_]{1,40}$"},
        "klaster": {"type": "string", "maxLength": 20},
        "name": {"type": "object", "required": ["id"],
                 "properties": {"id": {"type": "string", "minLength": 1, "maxLength": 120},
                                "en": {"type": "string", "maxLength": 120}}},
        "active": {"type": "boolean"},
    },
}


_PICK_LIST = {"type": "array", "maxItems": 40, "items": {"type": "string", "minLength": 1, "maxLength": 120}}


def _setting(key: str, schema: dict, label_id: str, label_en: str) -> ConfigKey:
    return ConfigKey(key, "setting", schema, label_id, label_en)


_CASE_RULE = {  # one rule of resources/reference/case_rules.json (read by desktop/domain/health/casetypes.py)
    "kind": {"enum": ["episode", "chronic"]}, "window_days": {"type": "integer", "minimum": 1, "maximum": 3650},
    "anchor": {"enum": ["last", "start"]}, "reset": {"enum": ["never", "year"]},
    "source": {"type": "string", "minLength": 1, "maxLength": 2000},
}
_CASE_RULES = {
    "type": "object", "required": ["default", "groups"],
    "properties": {
        "default": {"type": "object", "required": ["kind", "window_days", "source"], "properties": _CASE_RULE},
        "groups": {"type": "array", "maxItems": 300, "items": {
            "type": "object", "required": ["group", "categories", "kind", "source"],
            "properties": {**_CASE_RULE, "group": {"type": "string", "minLength": 1, "maxLength": 60},
                           "categories": {"type": "array", "minItems": 1, "maxItems": 100,
                                          "items": {"type": "string", "pattern": "^[A-Z][0-9]{2}$"}},
                           "name": {"type": "object"}}}},
    },
}

KEYS: dict[str, ConfigKey] = {k.key: k for k in (
    # Numbering and sync
    _setting("numbering_template", {"type": "string", "minLength": 7, "maxLength": 200, "pattern": "\\{nomor\\}"},
             "Format nomor surat", "Letter number template"),
    _setting("numbering_kode_unit", {"type": "string", "maxLength": 40}, "Kode unit pada nomor surat",
             "Unit code in letter numbers"),
    _setting("update_channel", {"enum": ["stable", "pilot"]}, "Saluran pembaruan", "Update channel"),
    _setting("sync_interval_min", {"type": "integer", "minimum": 1, "maximum": 1440},
             "Selang sinkronisasi (menit)", "Sync interval (minutes)"),
    # The centre's public address: receipts' and certificates' QR codes lead to its /lacak and /verifikasi pages
    _setting("public_url", {"type": "string", "maxLength": 120,
                            "pattern": "^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~-]+)*/?$"},
             "Alamat publik pelacakan dan verifikasi", "Public address for tracking and verification"),
    _setting("pengaduan_sla_hari", {"type": "integer", "minimum": 1, "maximum": 60},
             "Batas tanggapan pengaduan (hari kerja)", "Complaint response time (working days)"),
    # Letterhead, signatory, paper (desktop/printing/settings.py)
    _setting("kop_instansi", _TEXT, "Baris pertama kop surat", "Letterhead first line"),
    _setting("kop_nama", _TEXT, "Nama kantor pada kop", "Office name on the letterhead"),
    _setting("kop_alamat", _TEXT, "Alamat kantor", "Office address"),
    _setting("kop_kontak", _TEXT, "Telepon/surel/situs", "Phone/e-mail/website"),
    _setting("kop_kota", {"type": "string", "minLength": 1, "maxLength": 60}, "Tempat pada tanggal surat",
             "Place in the date line"),
    _setting("kertas", {"enum": ["A4", "F4"]}, "Ukuran kertas", "Paper size"),
    _setting("ttd_nama", _TEXT, "Nama penandatangan", "Signatory's name"),
    _setting("ttd_nip", {"type": "string", "pattern": "^([0-9 ]{8,30})?$"}, "NIP penandatangan", "Signatory's NIP"),
    _setting("ttd_jabatan", _TEXT, "Jabatan penandatangan", "Signatory's position"),
    _setting("ttd_lain", {"type": "array", "maxItems": 10, "items": {
        "type": "object", "required": ["nama", "jabatan"],
        "properties": {"nama": {"type": "string", "minLength": 1, "maxLength": 120},
                       "nip": {"type": "string", "pattern": "^([0-9 ]{8,30})?$"},
                       "jabatan": {"type": "string", "minLength": 1, "maxLength": 90},
                       "atas_nama": {"type": "boolean"}}}},
        "Penandatangan lain (Plh./a.n.)", "Other signatories (acting, on behalf of)"),
    # The disposisi form's pick-lists (desktop/domain/disposition_lists.py)
    _setting("disposisi_kepada", _PICK_LIST, "Daftar tujuan disposisi", "Disposition recipients"),
    _setting("disposisi_instruksi", _PICK_LIST, "Daftar instruksi disposisi", "Disposition instructions"),
    ConfigKey("kop_logo", "file", {
        "type": "object", "required": ["media_type", "data"], "additionalProperties": False,
        "properties": {"media_type": {"enum": ["image/png", "image/jpeg"]},
                       "data": {"type": "string", "minLength": 8, "maxLength": (MAX_LOGO_BYTES * 4) // 3 + 4}},
    }, "Logo kop surat", "Letterhead logo"),
    # Puskesmas
    _setting("health_units", {"type": "array", "minItems": 1, "maxItems": 100, "items": _UNIT},
             "Unit layanan puskesmas", "Puskesmas service units"),
    _setting("health_rm_prefix", {"type": "string", "maxLength": 12, "pattern": "^[A-Za-z0-9./-]*$"},
             "Awalan nomor rekam medis", "Medical record number prefix"),
    # Encryption at rest: each PC seals its database key to this key for IT (desktop/store/recovery.py)
    _setting("recovery_public_key", {"type": "string", "maxLength": 400,
                                     "pattern": "^-----BEGIN PUBLIC KEY-----[A-Za-z0-9+/=\\s]+-----END PUBLIC KEY-----\\s*$"},
             "Kunci publik pemulihan (IT)", "Recovery public key (IT)"),
    _setting("satusehat_org_id", {"type": "string", "maxLength": 64, "pattern": "^[A-Za-z0-9-]*$"},
             "ID organisasi SATUSEHAT", "SATUSEHAT organisation id"),
    # Reference data replacing resources/reference/<key>.json
    ConfigKey("case_rules", "reference", _CASE_RULES, "Aturan kasus baru/lama (LB1, malaria)",
              "New/old case rules (LB1, malaria)"),
    ConfigKey("services", "reference", {
        "type": "object", "required": ["services"],
        "properties": {"version": {"type": "integer"}, "services": {"type": "array", "minItems": 1},
                       "documents": {"type": "object"}},
    }, "Katalog layanan", "Service catalogue"),
    ConfigKey("klasifikasi", "reference", {
        "type": "object", "required": ["items"],
        "properties": {"items": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["code", "name"],
            "properties": {"code": {"type": "string", "pattern": "^\\d{3}(\\.\\d+)*$"},
                           "name": {"type": "string", "minLength": 1, "maxLength": 300},
                           "unverified": {"type": "boolean"}}}}},
    }, "Klasifikasi arsip", "Archive classification"),
    ConfigKey("holidays", "reference", {
        "type": "object", "required": ["years", "items"],
        "properties": {
            "years": {"type": "object", "minProperties": 1, "propertyNames": {"pattern": "^20[0-9]{2}$"}},
            "items": {"type": "array", "items": {
                "type": "object", "required": ["date", "kind", "name"],
                "properties": {"date": {"type": "string", "format": "date"},
                               "kind": {"enum": ["libur_nasional", "cuti_bersama"]},
                               "name": {"type": "string", "minLength": 1, "maxLength": 200},
                               "unverified": {"type": "boolean"}}}}},
    }, "Hari libur nasional dan cuti bersama", "Public holidays and collective leave"),
    ConfigKey("icd10_terms", "reference", {
        "type": "object", "required": ["terms"],
        "properties": {"terms": {"type": "object", "additionalProperties": {
                           "type": "array", "maxItems": 30, "items": {"type": "string", "minLength": 1, "maxLength": 100}}},
                       "common": {"type": "array", "maxItems": 200, "items": {"type": "string", "maxLength": 8}}},
    }, "Kata pencarian ICD-10 dan diagnosa umum", "ICD-10 search words and common diagnoses"),
)}


def scope_rank(scope: str) -> int:
    """Higher wins: an office's own value over its kind's over everyone's."""
    if scope == SCOPE_ALL:
        return 0
    if scope in OFFICE_KINDS:
        return 1
    return 2


def scope_error(scope: object) -> tuple[str, str] | None:
    if not isinstance(scope, str) or not (scope == SCOPE_ALL or scope in OFFICE_KINDS or OFFICE_CODE_RE.match(scope)):
        return ("Cakupan harus 'all', jenis kantor (distrik/puskesmas/central) atau kode kantor.",
                "Scope must be 'all', an office kind (distrik/puskesmas/central) or an office code.")
    return None


@cache
def _validator(key: str):
    from sync.schema import _validator_for

    return _validator_for(KEYS[key].schema)


def value_errors(key: str, value: object) -> list[tuple[str, str]]:
    """What is wrong with publishing ``value`` under ``key``, as (Indonesian, English) messages; [] if nothing."""
    spec = KEYS.get(key)
    if spec is None:
        return [(f"Kunci konfigurasi tidak dikenal: {str(key)[:60]}. Yang dikenal: {', '.join(sorted(KEYS))}.",
                 f"Unknown configuration key: {str(key)[:60]}. Known: {', '.join(sorted(KEYS))}.")]
    out = []
    for err in sorted(_validator(key).iter_errors(value), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(p) for p in err.absolute_path) or key
        out.append((f"{where}: nilai tidak sesuai ({err.message[:160]}).", f"{where}: {err.message[:160]}."))
        if len(out) >= 10:
            break
    if not out and spec.target == "file":
        try:
            logo_bytes(value)
        except ValueError as exc:
            out.append((f"{key}: {exc.args[0]}", f"{key}: {exc.args[1]}"))
    return out


def logo_bytes(value: dict) -> bytes:
    """The image of a ``kop_logo`` value; ValueError((id, en)) when it is not the image it claims."""
    try:
        data = base64.b64decode(value["data"], validate=True)
    except (ValueError, KeyError, TypeError):
        raise ValueError("data bukan base64 yang sah.", "data is not valid base64.") from None
    if len(data) > MAX_LOGO_BYTES:
        raise ValueError(f"logo terlalu besar (maks. {MAX_LOGO_BYTES // 1024} KB).",
                         f"logo too large (max {MAX_LOGO_BYTES // 1024} KB).")
    png = data.startswith(b"\x89PNG\r\n\x1a\n")
    jpeg = data.startswith(b"\xff\xd8\xff")
    if not ((png and value.get("media_type") == "image/png") or (jpeg and value.get("media_type") == "image/jpeg")):
        raise ValueError("berkas bukan gambar PNG/JPEG sesuai media_type.",
                         "the file is not the PNG/JPEG image its media_type says.")
    return data


def logo_value(data: bytes) -> dict:
    """A ``kop_logo`` value from an image file's bytes (PNG or JPEG by content)."""
    media_type = "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"
    return {"media_type": media_type, "data": base64.b64encode(data).decode("ascii")}


def coerce_text(key: str, text: str) -> object:
    """A value typed on a command line: integers for integer keys, the text itself otherwise."""
    spec = KEYS.get(key)
    if spec is not None and spec.schema.get("type") == "integer":
        try:
            return int(text)
        except ValueError:
            return text  # value_errors() explains
    return text
