"""Blob endpoints: resumable uploads by offset, downloads by HTTP Range (docs/ATTACHMENTS.md).

    POST  /v1/blobs/status     {"sha256": [...]}  -> per blob: stored | partial (offset) | missing | unknown
    HEAD  /v1/blobs/{sha256}   Upload-Offset (bytes the server holds durably), Blob-State
    PATCH /v1/blobs/{sha256}   Upload-Offset + Upload-Length headers, body = the next bytes
    GET   /v1/blobs/{sha256}   the bytes; Range: bytes=a-b gives 206

Why not tus itself: a blob is named by its sha256, so the URL is known before the upload starts and
tus's creation request (POST, then a Location to remember) would only cost a round trip (600 ms
on VSAT) per blob; and one status request answers for a whole batch of blobs. The resume rule is
tus's: ``HEAD`` says the offset, ``PATCH`` must start exactly there (else 409 with the right offset).
Bytes of a request cut mid-body are kept, so a resume re-sends less than one chunk.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from sync.protocol import BodyError, decode_body, now_ms
from sync.server import auth
from sync.server.blob_meta import BlobMeta
from sync.server.blobs import (
    MAX_BLOB_BYTES,
    MAX_CHUNK_BYTES,
    BlobBackend,
    Busy,
    Staging,
    backend_from,
    file_sha256,
    is_sha256,
)
from sync.server.storage import AuthFailure, Device, Storage, StorageError

log = logging.getLogger("layan.server.blobs")
MAX_STATUS = 1000  # blobs per status request
BODY_IDLE_S = 60.0  # an upload whose bytes stop coming for this long is cut (its bytes so far are kept)
RANGE_RE = re.compile(r"^bytes=(\d*)-(\d*)$")


class BlobRefused(StorageError):
    """A 4xx about a blob request (status set per instance)."""

    def __init__(self, status: int, code: str, message: str, message_en: str, **extra):
        self.status, self.code = status, code
        super().__init__(message, message_en, **extra)


def _bad_id() -> BlobRefused:
    return BlobRefused(400, "bad_blob_id", "Sidik lampiran tidak valid (harus 64 angka heksadesimal).",
                       "Invalid blob id (must be 64 lowercase hex digits).")


def _int_header(request: Request, name: str) -> int:
    raw = request.headers.get(name)
    if raw is None or not raw.isdigit() or len(raw) > 15:
        raise BlobRefused(400, "bad_header", f"Header {name} tidak ada atau tidak valid.",
                          f"Header {name} is missing or invalid.")
    return int(raw)


def _offset_conflict(expected: int) -> BlobRefused:
    return BlobRefused(409, "offset_mismatch", f"Unggahan harus dilanjutkan dari byte {expected}.",
                       f"The upload must resume at byte {expected}.", offset=expected)


class BlobService:
    """The blob endpoints' work, apart from HTTP: tenancy, quota, staging, verification."""

    def __init__(self, storage: Storage, data_dir: str, backend: BlobBackend):
        self.storage = storage
        self.meta = BlobMeta(storage)
        self.backend = backend
        self.staging = Staging(os.path.join(data_dir, "blob-staging"))

    def device(self, request: Request) -> Device:
        token, err = auth.parse_bearer(request.headers.get("authorization"))
        if err:
            raise AuthFailure(err)
        return self.storage.device_for_token(token)

    def upload_target(self, device: Device, sha256: str, length: int) -> bool:
        """Checks an upload before any byte is read; True when the office already holds the blob."""
        if length > MAX_BLOB_BYTES:
            raise BlobRefused(413, "blob_too_large",
                              f"Lampiran terlalu besar untuk dikirim (maks. {MAX_BLOB_BYTES // 2**20} MB).",
                              f"Attachment too large to send (max {MAX_BLOB_BYTES // 2**20} MB).")
        refs = self.meta.authorize(device, sha256, write=True)
        if not any(r.size == length for r in refs):
            raise BlobRefused(400, "size_mismatch", "Ukuran unggahan tidak sama dengan ukuran di data lampiran.",
                              "The upload's length differs from the attachment record's size.")
        if self.meta.office_has(device.office, sha256):
            return True
        self.meta.begin_upload(device.office, sha256, length)
        return False

    def complete(self, device: Device, sha256: str, length: int) -> None:
        """Every byte is staged: verify, store, make visible; a mismatch throws the bytes away."""
        path = self.staging.path(device.office, sha256)
        if file_sha256(path) != sha256:
            self.staging.discard(device.office, sha256)
            self.meta.drop_upload(device.office, sha256)
            raise BlobRefused(422, "hash_mismatch",
                              "Isi lampiran yang diterima tidak cocok dengan sidiknya (sha256); unggahan dibuang.",
                              "The bytes received do not match the blob's sha256; the upload was discarded.")
        self.backend.store(sha256, path)
        self.staging.discard(device.office, sha256)
        self.meta.finish(device.office, sha256, length)
        log.info("blob %s… (%d bytes) stored for office %s", sha256[:12], length, device.office)


def _gc_lifespan(storage: Storage, data_dir: str | None):
    """The server's own collection of unreferenced blobs (sync/server/blob_gc.py), while it serves."""

    @contextlib.asynccontextmanager
    async def lifespan(_app):
        from sync.server import blob_gc

        scheduler = None
        if data_dir:
            scheduler = blob_gc.Scheduler(storage, lambda: backend_from(data_dir, os.environ.get("LAYAN_BLOB_STORE")),
                                          Staging(os.path.join(data_dir, "blob-staging")))
            scheduler.start()
        try:
            yield
        finally:
            if scheduler is not None:
                await run_in_threadpool(scheduler.stop)

    return lifespan


def router(storage: Storage, data_dir: str | None) -> APIRouter:
    r = APIRouter(lifespan=_gc_lifespan(storage, data_dir))
    state: dict = {}

    def service() -> BlobService:
        if not data_dir:
            raise BlobRefused(503, "blobs_unavailable", "Lampiran tidak diaktifkan di server ini.",
                              "Attachments are not enabled on this server.")
        if "svc" not in state:
            backend = backend_from(data_dir, os.environ.get("LAYAN_BLOB_STORE"))
            state["svc"] = BlobService(storage, data_dir, backend)
        return state["svc"]

    def sha_or_400(sha256: str) -> str:
        if not is_sha256(sha256):
            raise _bad_id()
        return sha256

    @r.post("/v1/blobs/status")
    async def status(request: Request):
        svc = service()
        device = await run_in_threadpool(svc.device, request)
        data = await _bounded_body(request, 256 * 1024)
        try:
            body = decode_body(data, request.headers.get("content-encoding"), max_json=512 * 1024)
        except BodyError as e:
            raise BlobRefused(e.status, e.code, e.message, e.message_en) from None
        shas = body.get("sha256") if isinstance(body, dict) else None
        if not isinstance(shas, list) or len(shas) > MAX_STATUS or not all(is_sha256(s) for s in shas):
            raise BlobRefused(400, "bad_request", f"sha256: daftar sampai {MAX_STATUS} sidik lampiran.",
                              f"sha256: a list of up to {MAX_STATUS} blob ids.")
        shas = list(dict.fromkeys(shas))
        result = await run_in_threadpool(svc.meta.status, device, shas)
        for sha, st in result.items():
            if st["state"] == "missing":
                offset = svc.staging.offset(device.office, sha)
                if offset:
                    result[sha] = {"state": "partial", "offset": offset}
        return JSONResponse({"blobs": result, "max_chunk": MAX_CHUNK_BYTES, "max_blob": MAX_BLOB_BYTES,
                             "server_time": now_ms()})

    @r.head("/v1/blobs/{sha256}")
    def head(sha256: str, request: Request):
        svc = service()
        sha_or_400(sha256)
        device = svc.device(request)
        svc.meta.authorize(device, sha256, write=False)
        if svc.meta.office_has(device.office, sha256) or svc.meta.readable_from(device, sha256):
            size = svc.meta.stored_size(sha256) or 0
            return Response(status_code=200, headers={"Upload-Offset": str(size), "Blob-State": "stored",
                                                      "Content-Length": str(size), "Accept-Ranges": "bytes"})
        offset = svc.staging.offset(device.office, sha256)
        return Response(status_code=200, headers={"Upload-Offset": str(offset),
                                                  "Blob-State": "partial" if offset else "missing"})

    @r.patch("/v1/blobs/{sha256}")
    async def upload(sha256: str, request: Request):
        svc = service()
        sha_or_400(sha256)
        device = await run_in_threadpool(svc.device, request)
        offset = _int_header(request, "upload-offset")
        length = _int_header(request, "upload-length")
        declared = request.headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > MAX_CHUNK_BYTES):
            raise BlobRefused(413, "chunk_too_large", f"Potongan unggahan terlalu besar (maks. {MAX_CHUNK_BYTES} byte).",
                              f"Upload chunk too large (max {MAX_CHUNK_BYTES} bytes).")
        if await run_in_threadpool(svc.upload_target, device, sha256, length):
            return Response(status_code=204, headers={"Upload-Offset": str(length), "Blob-State": "stored"})
        if offset > length:
            raise _offset_conflict(svc.staging.offset(device.office, sha256))
        try:
            with svc.staging.writing(device.office, sha256) as staged:
                if await run_in_threadpool(svc.meta.office_has, device.office, sha256):
                    # another PC of the office finished it while this request waited: nothing to keep
                    svc.staging.discard(device.office, sha256)
                    await run_in_threadpool(svc.meta.drop_upload, device.office, sha256)
                    return Response(status_code=204, headers={"Upload-Offset": str(length), "Blob-State": "stored"})
                have = staged.size
                if have > length:  # staged under another length once: start again
                    staged.truncate(0)
                    have = 0
                if offset != have:
                    raise _offset_conflict(have)
                cut = await _receive(request, staged, offset, min(length - offset, MAX_CHUNK_BYTES))
                await run_in_threadpool(staged.sync)
                new = staged.size
                if new == length and not cut:
                    await run_in_threadpool(svc.complete, device, sha256, length)
                    return Response(status_code=204, headers={"Upload-Offset": str(length), "Blob-State": "stored"})
        except Busy:
            raise BlobRefused(409, "upload_busy", "Lampiran ini sedang diunggah oleh permintaan lain; coba lagi.",
                              "This blob is being uploaded by another request; try again.") from None
        return Response(status_code=204, headers={"Upload-Offset": str(new), "Blob-State": "partial"})

    @r.get("/v1/blobs/{sha256}")
    def download(sha256: str, request: Request):
        svc = service()
        sha_or_400(sha256)
        device = svc.device(request)
        if not svc.meta.readable_from(device, sha256):
            raise BlobRefused(404, "blob_missing", "Berkas lampiran ini belum sampai di server.",
                              "The attachment's bytes have not reached the server yet.")
        size = svc.meta.stored_size(sha256)
        if size is None:
            raise BlobRefused(404, "blob_missing", "Berkas lampiran ini belum sampai di server.",
                              "The attachment's bytes have not reached the server yet.")
        start, end, partial = _range(request.headers.get("range"), size)
        headers = {"Accept-Ranges": "bytes", "ETag": f'"{sha256}"', "Content-Length": str(end - start)}
        if partial:
            headers["Content-Range"] = f"bytes {start}-{end - 1}/{size}"
        return StreamingResponse(svc.backend.read(sha256, start, end - start), status_code=206 if partial else 200,
                                 media_type="application/octet-stream", headers=headers)

    return r


async def _bounded_body(request: Request, limit: int) -> bytes:
    """The whole body, or 413 as soon as it passes ``limit`` (whatever Content-Length says)."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise BlobRefused(413, "too_large", "Permintaan terlalu besar.", "Request too large.")
    pieces, total = [], 0
    async for piece in request.stream():
        total += len(piece)
        if total > limit:
            raise BlobRefused(413, "too_large", "Permintaan terlalu besar.", "Request too large.")
        pieces.append(piece)
    return b"".join(pieces)


async def _receive(request: Request, staged, offset: int, room: int) -> bool:
    """Appends the request body to ``staged`` (at most ``room`` bytes). Returns True when the
    client went away mid-body (what arrived is kept). More than ``room`` -> back to ``offset``, 413."""
    got = 0
    stream = request.stream().__aiter__()
    while True:
        try:
            piece = await asyncio.wait_for(stream.__anext__(), timeout=BODY_IDLE_S)
        except StopAsyncIteration:
            return False
        except (ClientDisconnect, TimeoutError):
            return True
        if not piece:
            continue
        if got + len(piece) > room:
            staged.truncate(offset)
            raise BlobRefused(413, "chunk_too_large", "Unggahan melebihi ukuran lampiran atau batas potongan.",
                              "The upload is longer than the blob or the chunk limit.")
        staged.write(piece)
        got += len(piece)


def _range(header: str | None, size: int) -> tuple[int, int, bool]:
    """``Range`` -> (start, end exclusive, partial?). One range only; 416 when it cannot be served."""
    if not header:
        return 0, size, False
    m = RANGE_RE.match(header.strip())
    if not m or (not m.group(1) and not m.group(2)):
        raise BlobRefused(416, "bad_range", "Rentang byte tidak valid.", "Invalid byte range.", size=size)
    if m.group(1):
        start = int(m.group(1))
        end = min(int(m.group(2)) + 1, size) if m.group(2) else size
    else:  # bytes=-N: the last N bytes
        start, end = max(size - int(m.group(2)), 0), size
    if start >= size or end <= start:
        raise BlobRefused(416, "bad_range", "Rentang byte di luar berkas.", "Byte range outside the blob.", size=size)
    return start, end, True

