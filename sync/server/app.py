"""The HTTP API (FastAPI): /v1/health, /v1/enroll, /v1/sync, /v1/transfer, /v1/device.

Bodies are read by hand (not by FastAPI's model binding) so every limit is enforced before any
parsing: wire size, decompressed size (gzip bombs), truncation, nesting depth, control characters;
then the envelope is checked against the JSON Schemas in sync.protocol. Every refusal is a 4xx
with ``{"error", "message" (Indonesian), "message_en"}``; nothing is written unless the whole
envelope is valid. Database work runs in the thread pool.
"""

from __future__ import annotations

import gc
import logging
import os
import re
import traceback

import anyio
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync import hlc
from sync import users as user_rules
from sync.protocol import (
    CLOCK_MAX_AHEAD_MS,
    DEFAULT_PAGE,
    ENROLL_REQUEST_SCHEMA,
    FIELD_NAME_RE,
    MAX_JSON_BYTES,
    MAX_LIMIT,
    MAX_RECORD_BYTES,
    MAX_WIRE_BYTES,
    MIN_SCHEMA_V,
    REFERENCE_COLLECTIONS,
    SCHEMA_V,
    SYNC_REPLY_SCHEMA,
    SYNC_REQUEST_SCHEMA,
    TRANSFER_REQUEST_SCHEMA,
    BodyError,
    compact_exact_runs,
    decode_body,
    encode_body,
    envelope_errors,
    error_body,
    is_clean_label,
    now_ms,
    parse_version,
)
from sync.schema import SYSTEM_FIELDS, collections
from sync.server import auth, json_codec
from sync.server.enroll_limits import EnrollLimiter
from sync.server.merge import Mutation
from sync.server.storage import AuthFailure, Device, EnrollFailure, Storage, StorageError, item_error
from sync.server.validation import fast, sync_request_errors
from sync.server.web import history as sync_history

log = logging.getLogger("layan.server")
SERVER_VERSION = "0.1.0"
SYNC_SLOTS = 4  # sync pages one server process works on at once (see create_app)
STATS_EVERY_MS = 30_000  # a pull-only sync updates the device's statistics at most this often


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, message_en: str, **extra):
        self.status = status
        self.body = error_body(code, message, message_en, **extra)
        super().__init__(message_en)


def _bad_request(reasons: list[str]) -> ApiError:
    return ApiError(400, "bad_request", "Permintaan tidak valid: " + "; ".join(reasons),
                    "Invalid request: " + "; ".join(reasons), reasons=reasons)


class Settings:
    def __init__(self, min_app_version: str = "0.0.0", max_wire: int = MAX_WIRE_BYTES,
                 max_json: int = MAX_JSON_BYTES, data_dir: str | None = None, enroll_failures: int | None = None):
        self.min_app_version = min_app_version
        # failed enrollments per client address in 10 minutes (sync/server/enroll_limits.py, set up by create_app)
        self.enroll_failures = enroll_failures or int(os.environ.get("LAYAN_ENROLL_FAILURES") or 20)
        self.data_dir = data_dir  # the server's data folder (the update repository lives in it)
        self.max_wire = max_wire
        self.max_json = max_json


async def _read_body(request: Request, max_wire: int) -> bytes:
    """Reads at most ``max_wire`` bytes; drains (and drops) a bit more so the client sees a clean 413."""
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            if int(declared) < 0:
                raise ValueError
        except ValueError:
            raise ApiError(400, "bad_length", "Content-Length tidak valid.", "Invalid Content-Length.") from None
    chunks, total, too_big = [], 0, False
    async for chunk in request.stream():
        total += len(chunk)
        if total > max_wire:
            too_big = True
            if total > 4 * max_wire:
                break
            continue
        chunks.append(chunk)
    if too_big:
        raise ApiError(413, "too_large", f"Data terlalu besar (maks. {max_wire} byte).",
                       f"Body too large (max {max_wire} bytes).")
    return b"".join(chunks)


def _decode(data: bytes, request: Request, settings: Settings):
    try:
        return decode_body(data, request.headers.get("content-encoding"), max_json=settings.max_json,
                           loads=json_codec.loads)
    except BodyError as e:
        raise ApiError(e.status, e.code, e.message, e.message_en) from None


def _reply(request: Request, obj: dict, status: int = 200) -> Response:
    data = json_codec.dumps(obj)  # what the server sends was read from JSON or its database: finite numbers
    if "gzip" in request.headers.get("accept-encoding", "").lower():
        return Response(encode_body(data, raw=True), status_code=status, media_type="application/json",
                        headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"})
    return Response(data, status_code=status, media_type="application/json")


_UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _is_uuid(text: str) -> bool:
    """A UUID in its canonical form (what ``str(uuid.UUID(text))`` gives back), without the round trip."""
    return type(text) is str and _UUID_RE.fullmatch(text) is not None


_known_names: dict[int, frozenset] = {}


def _schema_field_names(colls: dict) -> frozenset:
    """Every field name the schemas define, and the bookkeeping ones every record carries, that is a
    valid name: those skip the name pattern."""
    names = _known_names.get(id(colls))
    if names is None:
        names = _known_names[id(colls)] = frozenset(
            n for c in colls.values() for n in (*c.properties, *SYSTEM_FIELDS) if FIELD_NAME_RE.match(n))
    return names


def prevalidate(raw: dict, now: int) -> Mutation:
    """Envelope-valid mutation -> Mutation; state-free problems become per-item ``errors``."""
    fields = raw.get("fields") or {}
    m = Mutation(mseq=raw["mseq"], collection=raw["collection"], id=raw["id"], op=raw["op"],
                 base_rev=raw["base_rev"], fields=fields if raw["op"] == "put" else {},
                 hlc=raw["hlc"], hlc_raw=raw["hlc"], actor=raw["actor"])
    errs = []
    colls = collections()
    if m.collection == user_rules.COLLECTION:
        pass  # office-made users: checked with the office's state in storage (sync/server/users.py)
    elif m.collection in REFERENCE_COLLECTIONS:
        errs.append(item_error("", f"Data {m.collection} dikelola oleh server; tidak dapat diubah dari kantor.",
                               f"{m.collection} is server-owned; devices cannot change it."))
    elif m.collection not in colls:
        errs.append(item_error("", f"Jenis data tidak dikenal: {m.collection[:40]}.",
                               f"Unknown collection: {m.collection[:40]}."))
    if not _is_uuid(m.id):
        errs.append(item_error("", "ID data tidak valid (harus UUID).", "Invalid record id (must be a UUID)."))
    try:
        wall_ms, _counter, node = hlc.parts(m.hlc)
        if not is_clean_label(node):
            raise ValueError
        if wall_ms > now + CLOCK_MAX_AHEAD_MS:
            m.hlc = hlc.clamp(m.hlc, now + CLOCK_MAX_AHEAD_MS)
    except ValueError:
        errs.append(item_error("", "Cap waktu (HLC) tidak valid.", "Invalid HLC stamp."))
    if not is_clean_label(m.actor):
        errs.append(item_error("", "Nama pengguna (actor) tidak valid.", "Invalid actor."))
    known = _schema_field_names(colls)
    # Nearly always every name is one the schemas define: one set test instead of one per field.
    bad_names = [] if known.issuperset(m.fields) else [
        k for k in m.fields if k not in known and not FIELD_NAME_RE.match(k)]
    if bad_names:
        errs.append(item_error(bad_names[0][:64], "Nama kolom tidak valid.", "Invalid field name."))
    elif m.fields and len(fields_json := json_codec.dumps(m.fields)) > MAX_RECORD_BYTES:
        errs.append(item_error("", "Data terlalu besar.", "Record too large."))
    if m.fields and not errs:
        m.fields_json = fields_json.decode("utf-8")  # encoded once: a create stores exactly this text
    if errs:
        pass
    elif m.collection == user_rules.COLLECTION:
        pass
    elif m.op == "put":
        # Validation runs here, outside the write transaction. A put with base_rev 0 is most likely
        # a create: validate the whole record now (it covers the fields too when it passes).
        fc = fast(colls[m.collection])
        full = fc.validate(m.fields) if m.base_rev == 0 else None
        if full == []:
            m.create_errors = []
        else:
            errs.extend(item_error(e.field, e.message, e.message_en) for e in fc.validate_fields(m.fields))
            if full is not None:
                m.create_errors = [item_error(e.field, e.message, e.message_en) for e in full]
    m.errors = errs or None
    return m


def handle_sync(storage: Storage, settings: Settings, device: Device, body: dict) -> dict:
    """One sync page for ``device`` (already authenticated): ``POST /v1/sync`` and the USB import
    (sync/server/usb_import.py) both come here. Raises ApiError/StorageError for refusals."""
    reasons = sync_request_errors(body)
    if reasons:
        raise _bad_request(reasons)
    if not (MIN_SCHEMA_V <= body["schema_v"] <= SCHEMA_V) or (
            parse_version(body["app_version"]) < parse_version(settings.min_app_version)):
        raise ApiError(426, "upgrade_required",
                       "Versi aplikasi tidak didukung server ini; perbarui Layan.",
                       "This app version is not supported by the server; update Layan.",
                       schema_v=SCHEMA_V, min_schema_v=MIN_SCHEMA_V,
                       min_app_version=settings.min_app_version)
    if body["device_id"] != device.id:
        raise ApiError(403, "device_mismatch", "Token ini milik perangkat lain.",
                       "This token belongs to another device.")
    if not is_clean_label(body["app_version"], 40):
        raise _bad_request(["app_version: must be short printable text"])
    now = now_ms()
    raw = body["mutations"]
    for prev, cur in zip(raw, raw[1:], strict=False):
        if cur["mseq"] != prev["mseq"] + 1:
            raise _bad_request([f"mutations: mseq must rise by 1 within a page ({prev['mseq']} -> {cur['mseq']})"])
    muts = [prevalidate(m, now) for m in raw]
    idle = False
    stats = {"last_seen_ms": now, "app_version": body["app_version"], "waiting": body.get("waiting", 0),
             "cursor": body["cursor"]}
    if "client_time" in body:
        stats["clock_offset_ms"] = max(min(now - body["client_time"], 2**62), -(2**62))
    # No echo (docs/SYNC.md §4): a client that asks for it is not sent back what it wrote itself.
    no_echo = body.get("no_echo") is True
    if muts:
        acked, results = storage.apply(device, muts, stats, known_upto=body["cursor"] if no_echo else None)
    elif (device.last_seen_ms is not None and now - device.last_seen_ms < STATS_EVERY_MS
          and device.waiting == stats["waiting"] and device.app_version == stats["app_version"]
          and device.cursor == stats["cursor"]):
        acked, results = device.last_mseq, []  # an idle poll: spare SQLite a write (and an fsync)
        idle = True
    else:
        acked, results = storage.touch_device(device.id, stats), []
    limit = min(max(body.get("limit", DEFAULT_PAGE), 1), MAX_LIMIT)
    changes, cursor, has_more = storage.changes(device.office, body["cursor"], limit,
                                                compact_stamps=body.get("compact_stamps") is True,
                                                no_echo_for=device.id if no_echo else None)
    if changes or not idle:
        sync_history.record(storage, device, body, results, len(changes), has_more, cursor)  # IT console
    reply = {"acked_mseq": acked, "results": results, "changes": changes, "cursor": cursor,
             "has_more": has_more, "server_time": now_ms()}
    if no_echo:
        reply["results"], runs = compact_exact_runs(results)
        if runs:
            reply["exact_runs"] = runs
    return reply


def create_app(storage: Storage, settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(title="Layan sync server", version=SERVER_VERSION,
                  description="Protocol v1 — see docs/SYNC.md. Bodies may be gzip (Content-Encoding: gzip).")
    app.state.storage = storage
    app.state.settings = settings
    settings.enroll_limiter = EnrollLimiter(storage, settings.enroll_failures)  # in the database: survives a restart

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return JSONResponse(exc.body, status_code=exc.status)

    @app.exception_handler(StorageError)
    async def _storage_error(request: Request, exc: StorageError):
        return JSONResponse(error_body(exc.code, exc.message, exc.message_en, **exc.extra), status_code=exc.status)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return JSONResponse(error_body(code, f"Permintaan ditolak ({exc.status_code}).", str(exc.detail)),
                            status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception):
        log.error("unhandled error on %s: %s", request.url.path, "".join(traceback.format_exception(exc)))
        return JSONResponse(error_body("internal", "Terjadi kesalahan di server.", "Internal server error."),
                            status_code=500)

    def authenticate(request: Request) -> Device:
        token, err = auth.parse_bearer(request.headers.get("authorization"))
        if err:
            raise AuthFailure(err)
        return storage.device_for_token(token)

    async def authenticate_post(request: Request, max_body: int) -> Device:
        """Checks the token; when refused, reads the body anyway (up to a limit) before answering,
        so a client still uploading a big page sees the 401, not a reset connection."""
        try:
            return await run_in_threadpool(authenticate, request)
        except AuthFailure:
            try:
                await _read_body(request, max_body)
            except ApiError:
                pass
            raise

    @app.get("/v1/health")
    def health():
        try:
            ok = storage.ping()
        except Exception:  # noqa: BLE001 - a health check reports, it does not crash
            ok = False
        body = {"ok": ok, "server_time": now_ms(), "schema_v": SCHEMA_V, "min_schema_v": MIN_SCHEMA_V,
                "protocol": 1, "min_app_version": settings.min_app_version, "version": SERVER_VERSION}
        return JSONResponse(body, status_code=200 if ok else 503)

    @app.post("/v1/enroll", openapi_extra={"requestBody": {"required": True, "content": {
        "application/json": {"schema": ENROLL_REQUEST_SCHEMA}}}})
    async def enroll(request: Request):
        body = _decode(await _read_body(request, 64 * 1024), request, settings)
        reasons = envelope_errors("enroll_request", body)
        if reasons:
            raise _bad_request(reasons)
        if not is_clean_label(body["device_name"]) or not is_clean_label(body["app_version"], 40):
            raise _bad_request(["device_name/app_version: must be short printable text"])
        who = request.client.host if request.client else "?"
        wait = await run_in_threadpool(settings.enroll_limiter.blocked, who)
        if wait:
            log.warning("enrollment from %s refused: too many failed codes", who)
            return JSONResponse(error_body("too_many_attempts", "Terlalu banyak kode pendaftaran yang salah; "
                                           "coba lagi nanti.", "Too many wrong enrollment codes; try again later."),
                                status_code=429, headers={"Retry-After": str(wait)})
        try:
            device, token, office = await run_in_threadpool(
                storage.enroll, body["code"], body["device_name"], body["app_version"])
        except EnrollFailure as exc:
            await run_in_threadpool(settings.enroll_limiter.failed, who)
            log.info("enrollment from %s refused: %s", who, exc.reason)
            raise
        log.info("enrolled device %s (%s) for office %s", device.id, device.name, device.office)
        return _reply(request, {"device_id": device.id, "token": token, "office": office,
                                "server_time": now_ms()})

    @app.get("/v1/device")
    def device_info(request: Request):
        device = authenticate(request)
        return {**storage.device_info(device.id), "server_time": now_ms()}

    @app.post("/v1/sync", responses={200: {"content": {"application/json": {"schema": SYNC_REPLY_SCHEMA}}}},
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/json": {"schema": SYNC_REQUEST_SCHEMA}}}})
    async def sync(request: Request):
        token, refused = auth.parse_bearer(request.headers.get("authorization"))
        try:
            data, unreadable = await _read_body(request, settings.max_wire), None
        except ApiError as e:  # answered after the token is checked: a wrong token is told so first
            data, unreadable = b"", e
        if refused:
            raise AuthFailure(refused)
        # One trip to a worker thread per request: the token, the body, the page and the reply's
        # encoding (a page of changes may be a megabyte to compress: not on the event loop).
        return await anyio.to_thread.run_sync(_sync, request, token, data, unreadable, limiter=sync_slots)

    # Sync pages applied at once by this process. More threads than this only take turns at the GIL
    # (each switch costs CPU) and hold more database connections; a few overlap one page's waits
    # on the database with another's Python. Requests beyond it wait their turn, in order.
    sync_slots = anyio.CapacityLimiter(SYNC_SLOTS)

    def _sync(request: Request, token: str, data: bytes, unreadable: ApiError | None) -> Response:
        device = storage.device_for_token(token)
        if unreadable is not None:
            raise unreadable
        return _reply(request, handle_sync(storage, settings, device, _decode(data, request, settings)))

    @app.post("/v1/transfer", openapi_extra={"requestBody": {"required": True, "content": {
        "application/json": {"schema": TRANSFER_REQUEST_SCHEMA}}}})
    async def transfer(request: Request):
        device = await authenticate_post(request, 64 * 1024)
        body = _decode(await _read_body(request, 64 * 1024), request, settings)
        reasons = envelope_errors("transfer_request", body)
        if reasons:
            raise _bad_request(reasons)
        result = await run_in_threadpool(storage.transfer, device, body["collection"], body["id"],
                                         body["to_office"])
        return _reply(request, {**result, "server_time": now_ms()})

    @app.get("/v1/usb-key")
    def usb_key(request: Request):
        """The device's key for sync files carried by USB stick (sync/usb.py)."""
        device = authenticate(request)
        if not settings.data_dir:
            raise ApiError(503, "usb_unavailable", "Sinkronisasi lewat USB tidak diaktifkan di server ini.",
                           "Sync by USB stick is not enabled on this server.")
        from sync.server import usb_import

        return {"key": usb_import.device_key_text(settings.data_dir, device.id), "server_time": now_ms()}

    @app.post("/v1/blocks")
    async def blocks(request: Request):
        """Number blocks for offline numbering: ``{"series", "year", "count", "floor"}``."""
        device = await authenticate_post(request, 4 * 1024)
        body = _decode(await _read_body(request, 4 * 1024), request, settings)
        reasons = envelope_errors("blocks_request", body)
        if reasons:
            raise _bad_request(reasons)
        start, end = await run_in_threadpool(storage.grant_block, device, body["series"], body["year"],
                                             body["count"], body.get("floor", 1))
        return _reply(request, {"series": body["series"], "year": body["year"], "start": start, "end": end,
                                "server_time": now_ms()})

    from sync.server import releases  # the update repository: /v1/updates/… (docs/UPDATES.md)

    releases.register(app, settings)
    from sync.server import web  # the centre's web pages (docs/CENTRE.md)

    web.mount(app)
    from sync.server import blob_routes  # attachments' bytes: /v1/blobs/… (docs/ATTACHMENTS.md)
    app.include_router(blob_routes.router(storage, settings.data_dir))
    return app


def collect_less() -> None:
    """For a serving process, once started: what start-up made (schemas, compiled checkers, SQLAlchemy's
    tables and statements) is kept out of the garbage collector's passes, and the young generation is
    collected after 20,000 new objects instead of 700. A sync page makes tens of thousands of short-lived
    dicts and lists (none in cycles); the collector walked the old ones again and again: ≈ 5 µs per
    pushed letter (docs/BENCHMARKS.md, "Fourth pass")."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 10, 10)


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory`` (several worker processes): reads LAYAN_SERVER_* variables."""
    storage = Storage.open(os.environ.get("LAYAN_SERVER_DATA", "./layan-server-data"),
                           os.environ.get("LAYAN_SERVER_DB") or None)
    app = create_app(storage, Settings(min_app_version=os.environ.get("LAYAN_MIN_APP_VERSION", "0.0.0"),
                                       data_dir=os.environ.get("LAYAN_SERVER_DATA", "./layan-server-data")))
    collect_less()
    return app
