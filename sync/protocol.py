"""Sync protocol v1: constants, limits, the gzip-JSON codec, envelope schemas and error types.

Shared by the HTTP client (sync.client), the engine (sync.engine) and the server (sync.server).
The full contract is written down in docs/SYNC.md; this module is its executable half.
"""

from __future__ import annotations

import gzip
import json
import math
import re
import time
import zlib
from collections.abc import Callable
from itertools import compress, repeat
from typing import Any

from sync.schema import SCHEMA_VERSION

# --- versions -------------------------------------------------------------------------------------
PROTOCOL_VERSION = 1
SCHEMA_V = SCHEMA_VERSION  # schema_v sent with every request
MIN_SCHEMA_V = 1  # the oldest schema_v this code still speaks
API_PREFIX = "/v1"

# --- limits ---------------------------------------------------------------------------------------
MiB = 1024 * 1024
MAX_WIRE_BYTES = 8 * MiB  # a request body as sent (compressed or not)
MAX_JSON_BYTES = 8 * MiB  # a request body after decompression
MAX_REPLY_JSON_BYTES = 64 * MiB  # what a client accepts after decompressing a reply
REPLY_SOFT_BYTES = 4 * MiB  # the server stops adding changes to a page past about this size
MAX_DEPTH = 32  # nesting of JSON arrays/objects, counted from the body's root
MAX_MUTATIONS = 1000  # per request
MAX_LIMIT = 1000  # changes per reply (the server caps the client's `limit`)
DEFAULT_PAGE = 200
PUSH_PAGE_BYTES = 1 * MiB  # the engine's push page: up to MAX_MUTATIONS or this much JSON (~25 s at 64 kbit/s)
MAX_FIELDS = 256  # fields in one mutation
MAX_RECORD_BYTES = 256 * 1024  # a record's fields as compact JSON
CLOCK_MAX_AHEAD_MS = 5 * 60 * 1000  # stamps further ahead of the server clock are clamped
ENROLL_TTL_DAYS = 7
MAX_INT = 2**62  # integers in envelopes (mseq, rev, cursor, times) stay below this
MAX_BLOCK_FLOOR = 10_000_000  # a number block's floor: above any register a standalone PC could have filled
# A server time outside these bounds is not believed (the PC keeps its own clock): 2020-01-01 .. 2200-01-01.
PLAUSIBLE_TIME_MS = (1_577_836_800_000, 7_258_118_400_000)
REQUEST_DEADLINE_S = 600.0  # one request, reply body included (a reply dripping bytes is cut off)
SYNC_DEADLINE_S = 3600.0  # one whole sync run

# Collections that devices never write; they sync down as reference data (config: sync/config.py).
REFERENCE_COLLECTIONS = ("users", "offices", "config")
# Reference collections every office sees (users only sync to their own office).
SHARED_COLLECTIONS = ("offices",)
TRANSFERABLE_COLLECTIONS = ("complaints", "service_requests")
CONFLICTS = "conflicts"
DELETED_PSEUDO_FIELD = "_deleted"  # conflicts.field for a delete-vs-edit conflict
# Fields of the server-owned reference records (they have no file in resources/schema).
REFERENCE_FIELDS = {
    "offices": ("code", "name", "kind"),
    "users": ("username", "full_name", "role", "password_hash", "active"),
    "config": ("scope", "key", "value", "version", "published_ms", "published_by"),
}
OFFICE_KINDS = ("distrik", "puskesmas", "central")
USER_ROLES = ("operator", "kepala", "nakes", "admin")

FIELD_NAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,63}$")
_BAD_TEXT_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
_BAD_LABEL_RE = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")


def now_ms() -> int:
    return int(time.time() * 1000)


def parse_version(text: object) -> tuple[int, ...]:
    """``"1.2.3"`` -> (1, 2, 3); leading numeric parts only ("0.4.0.dev1" -> (0, 4, 0)); junk -> ()."""
    if not isinstance(text, str):
        return ()
    out = []
    for part in text.strip().split("."):
        m = re.match(r"\d+", part)
        if not m:
            break
        out.append(int(m.group()))
        if m.end() != len(part):
            break
    return tuple(out)


def is_clean_label(text: object, max_len: int = 64) -> bool:
    """A short printable string (actor, device name, app version, HLC node...)."""
    return isinstance(text, str) and 0 < len(text) <= max_len and not _BAD_LABEL_RE.search(text)


# --- errors ---------------------------------------------------------------------------------------
class SyncError(Exception):
    """Base of every sync failure. ``message`` is Indonesian (for the clerk), ``message_en`` English.

    ``retryable`` says whether trying again later may succeed without anyone doing anything.
    """

    code = "sync_error"
    message = "Sinkronisasi gagal."
    message_en = "Synchronisation failed."
    retryable = False

    def __init__(self, detail: str = "", *, status: int | None = None, body: dict | None = None):
        self.detail = detail
        self.status = status
        self.body = body or {}
        super().__init__(detail or self.message_en)

    def __str__(self) -> str:
        return f"{self.message_en}{' (' + self.detail + ')' if self.detail else ''}"


class NetworkError(SyncError):
    code = "network"
    message = "Tidak dapat terhubung ke server. Periksa jaringan, lalu coba lagi."
    message_en = "Cannot reach the server. Check the network and try again."
    retryable = True


class ServerError(SyncError):
    code = "server_error"
    message = "Server sedang bermasalah. Coba lagi nanti."
    message_en = "The server has a problem. Try again later."
    retryable = True


class ServerBusy(ServerError):
    code = "busy"
    message = "Server sedang sibuk. Coba lagi sebentar lagi."
    message_en = "The server is busy. Try again shortly."


class AuthError(SyncError):
    code = "auth"
    message = "Perangkat ini tidak terdaftar atau sudah dicabut. Hubungi IT untuk mendaftar ulang."
    message_en = "This device is not enrolled or was revoked. Ask IT to enroll it again."


class ForbiddenError(SyncError):
    code = "forbidden"
    message = "Kantor ini tidak berhak mengakses data tersebut."
    message_en = "This office may not access that data."


class NotFound(SyncError):
    code = "not_found"
    message = "Data tidak ditemukan di server."
    message_en = "Not found on the server."


class EnrollError(SyncError):
    code = "invalid_code"
    message = "Kode pendaftaran tidak valid, sudah dipakai, atau kedaluwarsa. Minta kode baru ke IT."
    message_en = "The enrollment code is invalid, already used or expired. Ask IT for a new one."


class UpgradeRequired(SyncError):
    code = "upgrade_required"
    message = "Versi aplikasi Layan ini terlalu lama (atau terlalu baru) untuk server. Perbarui aplikasi."
    message_en = "This Layan version is not supported by the server. Update the app."

    @property
    def min_app_version(self) -> str | None:
        return self.body.get("min_app_version")


class MseqGap(SyncError):
    """The server misses mutations before the ones sent: it lost data, or this is an old backup."""

    code = "mseq_gap"
    message = ("Server kehilangan sebagian perubahan dari perangkat ini (urutan terputus). "
               "Sinkronisasi dihentikan agar tidak ada data hilang; hubungi IT.")
    message_en = ("The server is missing earlier changes from this device (sequence gap). "
                  "Sync stopped so nothing is lost; contact IT.")

    def __init__(self, expected: int, **kw):
        self.expected = expected
        super().__init__(f"server expected mseq {expected}", **kw)


class MseqReused(SyncError):
    """A mutation number the server already applied arrived with different content (restored backup?)."""

    code = "mseq_reused"
    message = ("Nomor urut perubahan sudah dipakai untuk perubahan lain (mungkin cadangan lama dipulihkan). "
               "Sinkronisasi dihentikan; hubungi IT.")
    message_en = ("A change number was already used for a different change (an old backup restored?). "
                  "Sync stopped; contact IT.")

    def __init__(self, mseq: int, **kw):
        self.mseq = mseq
        super().__init__(f"mseq {mseq} reused", **kw)


class CursorAhead(SyncError):
    """The client's cursor is beyond the server's newest rev: the server was restored from a backup."""

    code = "cursor_ahead"
    message = "Server dipulihkan dari cadangan; data akan diunduh ulang."
    message_en = "The server was restored from a backup; data will be downloaded again."
    retryable = True

    def __init__(self, server_rev: int, **kw):
        self.server_rev = server_rev
        super().__init__(f"server rev is {server_rev}", **kw)


class PayloadTooLarge(SyncError):
    code = "too_large"
    message = "Data yang dikirim terlalu besar."
    message_en = "The data sent is too large."


class ProtocolError(SyncError):
    """The other side said something this side does not understand (a bug or a version mismatch)."""

    code = "protocol"
    message = "Server dan aplikasi tidak saling memahami (kesalahan protokol). Hubungi IT."
    message_en = "Protocol error between app and server. Contact IT."


class DeadlineExceeded(NetworkError):
    """A request or a whole sync took longer than its deadline (a stalled link or a dripping server)."""

    code = "deadline"
    message = "Server terlalu lama menjawab; sinkronisasi dihentikan dan akan dicoba lagi nanti."
    message_en = "The server took too long to answer; sync stopped and will be tried again later."


class BodyError(ValueError):
    """A body that cannot be decoded; ``status`` is the HTTP status the server answers with."""

    def __init__(self, status: int, code: str, message: str, message_en: str):
        self.status, self.code, self.message, self.message_en = status, code, message, message_en
        super().__init__(message_en)

    def to_dict(self) -> dict:
        return error_body(self.code, self.message, self.message_en)


def error_body(code: str, message: str, message_en: str, **extra: Any) -> dict:
    return {"error": code, "message": message, "message_en": message_en, **extra}


# --- codec ----------------------------------------------------------------------------------------
def dumps(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def encode_body(obj: Any, compress: bool = True, level: int = 6, *, raw: bool = False) -> bytes:
    """``obj`` as a body, gzip unless ``compress`` is false; ``raw``: ``obj`` is JSON bytes already."""
    data = obj if raw else dumps(obj)
    return gzip.compress(data, compresslevel=level, mtime=0) if compress else data


def gunzip_limited(data: bytes, max_out: int) -> bytes:
    """Decompresses one gzip member, refusing output beyond ``max_out`` (gzip bombs) and truncation."""
    d = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(data, max_out + 1)
    except zlib.error:
        raise BodyError(400, "bad_gzip", "Data terkompresi rusak.", "Corrupt gzip body.") from None
    if len(out) > max_out or d.unconsumed_tail:
        raise BodyError(413, "too_large", f"Data terlalu besar setelah dekompresi (maks. {max_out} byte).",
                        f"Body too large after decompression (max {max_out} bytes).")
    if not d.eof:
        raise BodyError(400, "truncated", "Data terpotong (gzip tidak lengkap).", "Truncated gzip body.")
    if d.unused_data:
        raise BodyError(400, "bad_gzip", "Ada data sisa setelah gzip.", "Trailing data after the gzip stream.")
    return out


def _reject_constant(name: str):
    raise ValueError(f"{name} is not valid JSON")


class NonFiniteNumber(ValueError):
    pass


def parse_finite_float(text: str) -> float:
    """json.loads' parse_float: 1e400 would become infinity, which nothing downstream can store or send."""
    value = float(text)
    if not math.isfinite(value):
        raise NonFiniteNumber(f"number out of range: {text[:40]}")
    return value


def loads_strict(data: bytes | str) -> Any:
    """json.loads refusing NaN, Infinity and numbers too large for a float (ValueError)."""
    return json.loads(data, parse_constant=_reject_constant, parse_float=parse_finite_float)


def decode_body(data: bytes, content_encoding: str | None, *, max_json: int = MAX_JSON_BYTES,
                max_depth: int = MAX_DEPTH, loads: Callable[[bytes], Any] = loads_strict) -> Any:
    """Bytes (gzip or identity) -> a JSON value, with every limit checked; raises BodyError.
    ``loads``: loads_strict or one with its results (the server's, sync/server/json_codec.py)."""
    enc = (content_encoding or "identity").strip().lower()
    if enc == "gzip":
        data = gunzip_limited(data, max_json)
    elif enc != "identity":
        raise BodyError(415, "bad_encoding", f"Content-Encoding tidak didukung: {enc[:20]}.",
                        f"Unsupported Content-Encoding: {enc[:20]}.")
    if len(data) > max_json:
        raise BodyError(413, "too_large", f"Data terlalu besar (maks. {max_json} byte).",
                        f"Body too large (max {max_json} bytes).")
    if not data:
        raise BodyError(400, "empty", "Data kosong.", "Empty body.")
    try:
        obj = loads(data)
    except RecursionError:
        raise BodyError(400, "too_deep", "Struktur data terlalu dalam.", "JSON nested too deeply.") from None
    except NonFiniteNumber:
        raise BodyError(400, "bad_number", "Angka di luar jangkauan (mis. 1e400).",
                        "A number is out of range (e.g. 1e400).") from None
    except (ValueError, UnicodeDecodeError) as e:
        raise BodyError(400, "invalid_json", "Data bukan JSON yang valid (mungkin terpotong).",
                        f"Invalid JSON (truncated?): {str(e)[:80]}") from None
    # Strict JSON has no raw control characters in its strings, so without a single escape (no "\\"),
    # without the UTF-8 lead byte of the surrogate range (0xED) and without NUL bytes (UTF-16/32
    # bodies, which json.loads also reads) no string can hold a bad character: only the nesting is
    # left to check (the strings' regex was 15 % of the server's cost per pushed letter), and without
    # escapes it can be read from the text itself (json_text_depth).
    if any(b in data for b in (b"\\", b"\xed", b"\x00")):
        check_json_value(obj, max_depth)
    elif json_text_depth(data, max_depth + 1) > max_depth:
        raise BodyError(400, "too_deep", "Struktur data terlalu dalam.", "JSON nested too deeply.")
    return obj


_CONTAINERS = (dict, list)
_QUOTES_AND_BRACKETS = bytes.maketrans(b"[]", b"{}")  # one kind of bracket: only the nesting counts
_NOT_QUOTES_OR_BRACKETS = bytes(b for b in range(256) if b not in b'"[]{}')


def json_text_depth(data: bytes, limit: int) -> int:
    """The nesting depth of valid UTF-8 JSON text without a backslash, or ``limit`` when it is at least that.

    Without escapes a string is everything between two quotes, so once the strings are dropped the
    only brackets left are the structure's. Each round then removes every innermost pair ("{}" never
    overlaps itself), which lowers the depth by exactly one: the depth is the number of rounds to
    nothing. All of it runs in C; walking the decoded value took ≈ 2–3 µs per pushed letter.

    Nearly every string holds no bracket, and its quotes are then adjacent: removing every ``""`` at once
    leaves the structure (a page of 200 letters: 120 against 275 µs for splitting at each quote). When
    a quote is left, some string held a bracket: the strings are then dropped one by one. (All quotes
    go only when every run of adjacent quotes is even, so every bracket has an even count of quotes
    before it: none is inside a string.)"""
    marks = data.translate(_QUOTES_AND_BRACKETS, _NOT_QUOTES_OR_BRACKETS)
    brackets = marks.replace(b'""', b"")
    if b'"' in brackets:
        brackets = b"".join(marks.split(b'"')[::2])
    depth = 0
    while brackets and depth < limit:
        brackets = brackets.replace(b"{}", b"")
        depth += 1
    return depth


def _check_nesting(obj: Any, max_depth: int) -> None:
    """Refuses arrays/objects nested deeper than ``max_depth``. Walks one level at a time; the
    containers among a value's children are picked out by itertools and map in C, not by a Python
    test and a (value, depth) pair per child (a page of 200 letters holds ≈ 4,600 values, nearly
    all of them scalars)."""
    level = [obj] if isinstance(obj, _CONTAINERS) else []
    depth = 1
    while level:
        if depth > max_depth:
            raise BodyError(400, "too_deep", "Struktur data terlalu dalam.", "JSON nested too deeply.")
        below: list[Any] = []
        for value in level:
            children = value.values() if isinstance(value, dict) else value
            below.extend(compress(children, map(isinstance, children, repeat(_CONTAINERS))))
        level = below
        depth += 1


def check_json_value(obj: Any, max_depth: int = MAX_DEPTH, *, strings: bool = True) -> None:
    """Refuses nesting deeper than ``max_depth`` and strings with control characters or lone surrogates
    (``strings=False``: the caller knows the strings are clean; only the nesting is checked)."""
    if not strings:
        _check_nesting(obj, max_depth)
        return
    stack: list[tuple[Any, int]] = [(obj, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            if depth > max_depth:
                raise BodyError(400, "too_deep", "Struktur data terlalu dalam.", "JSON nested too deeply.")
            for k, v in value.items():
                if _BAD_TEXT_RE.search(k):
                    raise _bad_text()
                if isinstance(v, (dict, list)):
                    stack.append((v, depth + 1))
                elif isinstance(v, str) and _BAD_TEXT_RE.search(v):
                    raise _bad_text()
        elif isinstance(value, list):
            if depth > max_depth:
                raise BodyError(400, "too_deep", "Struktur data terlalu dalam.", "JSON nested too deeply.")
            for v in value:
                if isinstance(v, (dict, list)):
                    stack.append((v, depth + 1))
                elif isinstance(v, str) and _BAD_TEXT_RE.search(v):
                    raise _bad_text()
        elif isinstance(value, str) and _BAD_TEXT_RE.search(value):
            raise _bad_text()


def _bad_text() -> BodyError:
    return BodyError(400, "bad_text", "Teks berisi karakter kontrol yang tidak diizinkan.",
                     "Text contains forbidden control characters or lone surrogates.")


# --- envelopes (JSON Schema; also published in the server's OpenAPI) ------------------------------
_INT = {"type": "integer", "minimum": 0, "maximum": MAX_INT}
_TEXT64 = {"type": "string", "maxLength": 64}

MUTATION_SCHEMA: dict = {
    "type": "object",
    "required": ["mseq", "collection", "id", "op", "base_rev", "hlc", "actor"],
    "properties": {
        "mseq": {"type": "integer", "minimum": 1, "maximum": MAX_INT},
        "collection": {"type": "string", "maxLength": 40},
        "id": {"type": "string", "maxLength": 64},
        "op": {"enum": ["put", "delete"]},
        "base_rev": _INT,
        "fields": {"type": "object", "maxProperties": MAX_FIELDS},
        "hlc": {"type": "string", "maxLength": 100},
        "actor": _TEXT64,
    },
}

SYNC_REQUEST_SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "SyncRequest",
    "type": "object",
    "required": ["schema_v", "app_version", "device_id", "mutations", "cursor"],
    "properties": {
        "schema_v": _INT,
        "app_version": {"type": "string", "maxLength": 40},
        "device_id": _TEXT64,
        "client_time": {"type": "integer", "minimum": -MAX_INT, "maximum": MAX_INT},
        "mutations": {"type": "array", "maxItems": MAX_MUTATIONS, "items": MUTATION_SCHEMA},
        "cursor": _INT,
        "limit": _INT,
        "waiting": _INT,
        # Leave out per-field stamps equal to the record's hlc (the client fills them in): ~40 % less
        # to pull. Older servers ignore it and send every stamp, which the same client reads as well.
        "compact_stamps": {"type": "boolean"},
        # What the PC reports for the IT console (optional): changes it refused, its update channel.
        "stats": {"type": "object", "properties": {"refused": _INT, "channel": {"type": "string", "maxLength": 20}}},
        # No echo: the server does not send back what this device wrote itself when the result is
        # exactly what it wrote (acknowledged "exact": true, with the rev). Older servers ignore it
        # and send the echo, which the same client applies as before (docs/SYNC.md §4).
        "no_echo": {"type": "boolean"},
    },
}

ITEM_ERROR_SCHEMA: dict = {
    "type": "object",
    "required": ["field", "message", "message_en"],
    "properties": {"field": {"type": "string"}, "message": {"type": "string"},
                   "message_en": {"type": "string"}},
}

CHANGE_SCHEMA: dict = {
    "type": "object",
    "required": ["collection", "id", "office_id", "rev", "hlc", "deleted", "fields", "field_hlc"],
    "properties": {
        "collection": {"type": "string"},
        "id": {"type": "string"},
        "office_id": {"type": "string"},
        "rev": _INT,
        "hlc": {"type": "string"},
        "deleted": {"type": "boolean"},
        "fields": {"type": "object"},
        "field_hlc": {"type": "object", "additionalProperties": {"type": "string"}},
        "readonly": {"type": "boolean"},
    },
}

SYNC_REPLY_SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "SyncReply",
    "type": "object",
    "required": ["acked_mseq", "results", "changes", "cursor", "has_more", "server_time"],
    "properties": {
        "acked_mseq": _INT,
        "results": {"type": "array", "items": {
            "type": "object",
            "required": ["mseq", "status"],
            "properties": {
                "mseq": _INT,
                "status": {"enum": ["applied", "duplicate", "rejected"]},
                "rev": _INT,
                "exact": {"type": "boolean"},
                "conflicts": _INT,
                "errors": {"type": "array", "items": ITEM_ERROR_SCHEMA},
            },
        }},
        "changes": {"type": "array", "items": CHANGE_SCHEMA},
        # With no_echo: runs of mutations applied "exact" with consecutive revs, [first mseq, count,
        # first rev], in place of one result each (expand_exact_runs).
        "exact_runs": {"type": "array", "maxItems": MAX_MUTATIONS, "items": {
            "type": "array", "minItems": 3, "maxItems": 3,
            "prefixItems": [{"type": "integer", "minimum": 1, "maximum": MAX_INT},
                            {"type": "integer", "minimum": 1, "maximum": MAX_MUTATIONS}, _INT]}},
        "cursor": _INT,
        "has_more": {"type": "boolean"},
        "server_time": {"type": "integer"},
    },
}

def compact_exact_runs(results: list[dict]) -> tuple[list[dict], list[list[int]]]:
    """(other results, runs): consecutive plain "exact" results with consecutive revs become one
    [first mseq, count, first rev] each — 1,000 acknowledgements in a few bytes instead of ~5 kB."""
    rest: list[dict] = []
    runs: list[list[int]] = []
    for r in results:
        plain = r.get("exact") is True and r.get("status") == "applied" and len(r) == 4
        if plain and runs and runs[-1][0] + runs[-1][1] == r["mseq"] and runs[-1][2] + runs[-1][1] == r["rev"]:
            runs[-1][1] += 1
        elif plain:
            runs.append([r["mseq"], 1, r["rev"]])
        else:
            rest.append(r)
    return rest, runs


def expand_exact_runs(reply: dict) -> list[dict]:
    """A reply's results with its ``exact_runs`` written out, in mseq order (the reply is unchanged)."""
    runs = reply.get("exact_runs") or []
    if not runs:
        return reply["results"]
    out = list(reply["results"])
    for first, count, rev in runs[:MAX_MUTATIONS]:
        out.extend({"mseq": first + i, "status": "applied", "rev": rev + i, "exact": True}
                   for i in range(min(count, MAX_MUTATIONS)))
    return sorted(out, key=lambda r: r["mseq"] if isinstance(r.get("mseq"), int) else -1)


ENROLL_REQUEST_SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "EnrollRequest",
    "type": "object",
    "required": ["code", "device_name", "app_version"],
    "properties": {
        "code": {"type": "string", "maxLength": 40},
        "device_name": {"type": "string", "minLength": 1, "maxLength": 64},
        "app_version": {"type": "string", "maxLength": 40},
    },
}

OFFICE_SCHEMA: dict = {
    "type": "object",
    "required": ["code", "name", "kind"],
    "properties": {"code": {"type": "string"}, "name": {"type": "string"}, "kind": {"type": "string"}},
}

ENROLL_REPLY_SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "EnrollReply",
    "type": "object",
    "required": ["device_id", "token", "office", "server_time"],
    "properties": {
        "device_id": {"type": "string"},
        "token": {"type": "string"},
        "office": OFFICE_SCHEMA,
        "server_time": {"type": "integer"},
    },
}

TRANSFER_REQUEST_SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "TransferRequest",
    "type": "object",
    "required": ["collection", "id", "to_office"],
    "properties": {
        "collection": {"type": "string", "maxLength": 40},
        "id": {"type": "string", "maxLength": 64},
        "to_office": {"type": "string", "maxLength": 40},
    },
}

TRANSFER_REPLY_SCHEMA: dict = {
    "type": "object",
    "required": ["ok", "rev", "office_id", "server_time"],
    "properties": {"ok": {"type": "boolean"}, "rev": _INT, "office_id": {"type": "string"},
                   "server_time": {"type": "integer"}},
}

# Number blocks (docs/NUMBERING.md): series names are the desktop's numbering series.
BLOCK_SERIES_RE = r"^[a-z][a-z0-9_]{0,39}$"
MAX_BLOCK = 1000

BLOCKS_REQUEST_SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "BlocksRequest",
    "type": "object",
    "required": ["series", "year", "count"],
    "additionalProperties": False,
    "properties": {
        "series": {"type": "string", "pattern": BLOCK_SERIES_RE},
        "year": {"type": "integer", "minimum": 0, "maximum": 9999},
        "count": {"type": "integer", "minimum": 1, "maximum": MAX_BLOCK},
        "floor": {"type": "integer", "minimum": 1, "maximum": MAX_BLOCK_FLOOR},
    },
}

BLOCKS_REPLY_SCHEMA: dict = {
    "type": "object",
    "required": ["series", "year", "start", "end", "server_time"],
    "properties": {"series": {"type": "string"}, "year": {"type": "integer"}, "start": _INT, "end": _INT,
                   "server_time": {"type": "integer"}},
}

ERROR_SCHEMA: dict = {
    "type": "object",
    "required": ["error", "message", "message_en"],
    "properties": {"error": {"type": "string"}, "message": {"type": "string"},
                   "message_en": {"type": "string"}},
}

_ENVELOPES = {
    "sync_request": SYNC_REQUEST_SCHEMA,
    "sync_reply": SYNC_REPLY_SCHEMA,
    "enroll_request": ENROLL_REQUEST_SCHEMA,
    "enroll_reply": ENROLL_REPLY_SCHEMA,
    "transfer_request": TRANSFER_REQUEST_SCHEMA,
    "transfer_reply": TRANSFER_REPLY_SCHEMA,
    "blocks_request": BLOCKS_REQUEST_SCHEMA,
    "blocks_reply": BLOCKS_REPLY_SCHEMA,
}


_validators: dict = {}


def _validator(kind: str):
    """Compiled on first use: importing jsonschema costs ~0.1 s, which CLI commands do not need."""
    v = _validators.get(kind)
    if v is None:
        from jsonschema import Draft202012Validator

        v = _validators[kind] = Draft202012Validator(_ENVELOPES[kind])
    return v


def envelope_errors(kind: str, obj: Any, max_errors: int = 5) -> list[str]:
    """Human-readable reasons why ``obj`` is not a valid ``kind`` envelope (empty when valid)."""
    out = []
    for err in _validator(kind).iter_errors(obj):
        where = "/".join(str(p) for p in err.absolute_path) or "(body)"
        out.append(f"{where}: {err.message[:160]}")
        if len(out) >= max_errors:
            break
    return out
