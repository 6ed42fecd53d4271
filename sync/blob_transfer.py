"""Moving attachment bytes between the PC's BlobStore (sync/blobs.py) and the centre (docs/ATTACHMENTS.md).

Runs after record sync, on the same network thread, and never before it: a blob is accepted only
once an attachment record of the office names it. Uploads resume at the server's offset (the
server keeps every byte that reached it, so a cut or a killed PC re-sends at most the chunk that
was in flight); downloads resume at the PC's durable partial (BlobStore.append_partial) and become
visible only when their sha256 matches (BlobStore.finish_partial).

No Qt, no desktop imports: the caller says which blobs to move (desktop/domain/attachment_sync.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import requests

from sync.client import SyncClient
from sync.protocol import (
    AuthError,
    ForbiddenError,
    NetworkError,
    NotFound,
    PayloadTooLarge,
    ProtocolError,
    SyncError,
    decode_body,
    encode_body,
)

CHUNK_BYTES = 128 * 1024  # one upload request: 16 s at 64 kbit/s, so a cut every 30 s still lets each through
DOWNLOAD_RANGE = 1024 * 1024  # one download request (a Range); kept durably piece by piece as it arrives
STATUS_BATCH = 500
MAX_STALLS = 6  # requests in a row that moved no byte before a blob waits for the next sync


class QuotaFull(SyncError):
    code = "quota_exceeded"
    message = "Ruang lampiran kantor ini di server penuh. Lampiran tetap tersimpan di PC; hubungi IT."
    message_en = "This office's attachment space on the server is full. Attachments stay on the PC; contact IT."


@dataclass
class TransferReport:
    uploaded: list[str] = field(default_factory=list)
    downloaded: list[str] = field(default_factory=list)
    not_yet: list[str] = field(default_factory=list)  # the server does not know the record yet, or lacks the bytes
    failed: dict[str, str] = field(default_factory=dict)  # sha256 -> reason (English, for the log)
    refused: dict[str, tuple[str, str]] = field(default_factory=dict)  # uploads: sha256 -> (Indonesian, English)
    error: SyncError | None = None  # what stopped the run early (quota, network, auth)
    bytes_up: int = 0  # blob bytes handed to the network (re-sent ones included)
    bytes_down: int = 0
    resent: int = 0  # bytes sent again after a cut: the server had not received them
    requests: int = 0


def _reason(err: SyncError) -> tuple[str, str]:
    """The server's own words when it gave them (Indonesian, English), else the error's."""
    body = err.body if isinstance(err.body, dict) else {}
    msg, msg_en = body.get("message"), body.get("message_en")
    if isinstance(msg, str) and isinstance(msg_en, str) and msg and msg_en:
        return msg[:300], msg_en[:300]
    return err.message, err.message_en


class BlobTransfer:
    """One run's uploads and downloads over ``client``'s connection, token and certificate rules."""

    def __init__(self, client: SyncClient, store, *, chunk_bytes: int = CHUNK_BYTES,
                 should_stop: Callable[[], bool] | None = None, backoff: float = 0.5):
        self.client = client
        self.store = store  # sync.blobs.BlobStore
        self.chunk = chunk_bytes
        self.should_stop = should_stop or (lambda: False)
        self.backoff = backoff
        self.report = TransferReport()

    # --- HTTP -------------------------------------------------------------------------------------
    def _request(self, method: str, path: str, *, data=None, headers: dict | None = None,
                 stream: bool = False) -> requests.Response:
        if not self.client.token:
            raise AuthError("no device token: enroll first")
        h = {"Authorization": f"Bearer {self.client.token}", **(headers or {})}
        try:
            resp = self.client._session.request(method, self.client.base_url + path, data=data, headers=h,
                                                timeout=self.client.timeout, stream=stream,
                                                allow_redirects=False, verify=self.client._verify)
        except requests.exceptions.RequestException as e:
            raise NetworkError(str(e)[:200]) from None
        self.report.requests += 1
        self.client.requests += 1
        return resp

    def _fail(self, resp: requests.Response, path: str) -> SyncError:
        try:
            body = decode_body(resp.content, resp.headers.get("Content-Encoding"), max_json=1 << 20)
        except Exception:  # noqa: BLE001 - an error page that is not ours
            body = {}
        if resp.status_code == 413 and isinstance(body, dict) and body.get("error") == "quota_exceeded":
            err = QuotaFull(body.get("message_en", ""), status=413, body=body)
            err.message = body.get("message") or err.message
            err.message_en = body.get("message_en") or err.message_en
            return err
        return SyncClient._error(resp.status_code, body, path)

    def status(self, shas: list[str]) -> dict[str, dict]:
        """The server's view of each blob: stored / partial (offset) / missing / unknown."""
        out: dict[str, dict] = {}
        for i in range(0, len(shas), STATUS_BATCH):
            data = encode_body({"sha256": shas[i:i + STATUS_BATCH]})
            resp = self._request("POST", "/v1/blobs/status", data=data,
                                 headers={"Content-Type": "application/json", "Content-Encoding": "gzip"})
            if resp.status_code != 200:
                raise self._fail(resp, "/v1/blobs/status")
            self.client.bytes_up += len(data)
            self.client.bytes_down += len(resp.content)
            body = decode_body(resp.content, resp.headers.get("Content-Encoding"), max_json=8 << 20)
            blobs = body.get("blobs") if isinstance(body, dict) else None
            if not isinstance(blobs, dict):
                raise ProtocolError("malformed blob status reply")
            out.update({k: v for k, v in blobs.items() if isinstance(v, dict)})
        return out

    def _offset(self, sha: str) -> int:
        resp = self._request("HEAD", f"/v1/blobs/{sha}")
        if resp.status_code != 200:
            raise self._fail(resp, f"/v1/blobs/{sha}")
        return int(resp.headers.get("Upload-Offset", "0"))

    # --- uploads ----------------------------------------------------------------------------------
    def upload(self, items: Iterable[tuple[str, int]], on_uploaded: Callable[[str], None] | None = None
               ) -> TransferReport:
        """Sends every blob of ``items`` (sha256, size) the server lacks. ``on_uploaded(sha)`` runs
        when the server has acknowledged all its bytes (also for those it already held)."""
        items = [(s, n) for s, n in dict(items).items() if self.store.has(s)]
        if not items:
            return self.report
        try:
            states = self.status([s for s, _ in items])
            for sha, size in items:
                if self.should_stop():
                    break
                st = states.get(sha, {})
                state = st.get("state")
                if state == "stored":
                    if on_uploaded:
                        on_uploaded(sha)
                    continue
                if state not in ("missing", "partial"):
                    self.report.not_yet.append(sha)
                    continue
                try:
                    done = self._upload_one(sha, size, int(st.get("offset") or 0))
                except QuotaFull as e:  # this one and the rest wait for space
                    self.report.refused[sha] = (e.message, e.message_en)
                    raise
                except (ProtocolError, NotFound, ForbiddenError, PayloadTooLarge) as e:
                    # This blob was refused (too large, not this office's any more …): the others go on.
                    self.report.failed[sha] = str(e)
                    self.report.refused[sha] = _reason(e)
                    continue
                if done:
                    self.report.uploaded.append(sha)
                    if on_uploaded:
                        on_uploaded(sha)
        except (QuotaFull, AuthError, NetworkError) as e:
            self.report.error = e
        return self.report

    def _upload_one(self, sha: str, size: int, offset: int) -> bool:
        stalls = 0
        while offset < size:
            if self.should_stop():
                return False
            chunk = self.store.read(sha, offset, min(self.chunk, size - offset))
            headers = {"Upload-Offset": str(offset), "Upload-Length": str(size),
                       "Content-Type": "application/offset+octet-stream"}
            self.report.bytes_up += len(chunk)
            self.client.bytes_up += len(chunk)
            try:
                resp = self._request("PATCH", f"/v1/blobs/{sha}", data=chunk, headers=headers)
            except NetworkError:
                resp = None
            if resp is not None and resp.status_code == 204:
                new = int(resp.headers.get("Upload-Offset", offset))
            elif resp is not None and resp.status_code == 409:
                body = resp.json() if resp.headers.get("content-type", "").startswith("application/json") else {}
                if body.get("error") == "offset_mismatch" and isinstance(body.get("offset"), int):
                    new = body["offset"]
                else:  # the server is still finishing the request that was cut: wait a moment
                    time.sleep(self.backoff)
                    new = offset
            elif resp is not None and resp.status_code == 422:
                self.report.failed[sha] = "the server found other bytes than the sha256 says"
                self.report.refused[sha] = ("Isi lampiran di PC ini tidak cocok dengan sidiknya; server menolaknya.",
                                            "The attachment's bytes on this PC do not match its sha256; the server "
                                            "refused them.")
                return False
            elif resp is not None:
                raise self._fail(resp, f"/v1/blobs/{sha}")
            else:  # cut: ask where the server stands (it kept what arrived)
                time.sleep(self.backoff)
                try:
                    new = self._offset(sha)
                except NetworkError:
                    new = offset
            # Bytes handed over beyond what the server then held were in flight when the link broke.
            if new < offset + len(chunk):
                self.report.resent += offset + len(chunk) - max(new, offset)
            stalls = stalls + 1 if new <= offset else 0
            if stalls >= MAX_STALLS:
                raise NetworkError(f"no progress uploading {sha[:12]}")
            offset = new
        return True

    # --- downloads --------------------------------------------------------------------------------
    def download(self, sha: str, size: int) -> bool:
        """Fetches one blob into the store (resuming a partial); True when it is there and verified."""
        from sync.blobs import BlobError

        if self.store.has(sha):
            return True
        stalls = 0
        while (before := self.store.partial_size(sha)) < size:
            if self.should_stop():
                return False
            end = min(before + DOWNLOAD_RANGE, size) - 1
            try:
                resp = self._request("GET", f"/v1/blobs/{sha}", headers={"Range": f"bytes={before}-{end}"},
                                     stream=True)
            except NetworkError:
                resp = None
            if resp is not None and resp.status_code == 404:
                resp.close()
                self.report.not_yet.append(sha)
                return False
            if resp is not None and resp.status_code != 206:
                err = self._fail(resp, f"/v1/blobs/{sha}")
                resp.close()
                raise err
            if resp is not None:
                have = before
                try:
                    for piece in resp.iter_content(64 * 1024):
                        piece = piece[:end + 1 - have]  # never more than was asked for
                        if piece:
                            have = self.store.append_partial(sha, have, piece)
                            self.report.bytes_down += len(piece)
                            self.client.bytes_down += len(piece)
                except (requests.exceptions.RequestException, OSError):
                    pass  # cut: what arrived is kept, the next request resumes after it
                finally:
                    resp.close()
            stalls = stalls + 1 if self.store.partial_size(sha) <= before else 0
            if stalls >= MAX_STALLS:
                raise NetworkError(f"no progress downloading {sha[:12]}")
            if stalls:
                time.sleep(self.backoff)
        try:
            self.store.finish_partial(sha)
        except BlobError as e:
            self.report.failed[sha] = f"downloaded bytes do not match: {e}"
            return False
        self.report.downloaded.append(sha)
        return True

    def download_many(self, items: Iterable[tuple[str, int]], budget: int | None = None) -> TransferReport:
        """Prefetch: each blob of ``items`` in order until ``budget`` bytes are used."""
        used = 0
        try:
            for sha, size in items:
                if self.should_stop() or (budget is not None and used + size > budget):
                    break
                if self.store.has(sha):
                    continue
                try:
                    if self.download(sha, size):
                        used += size
                except ProtocolError as e:
                    self.report.failed[sha] = str(e)
        except (AuthError, NetworkError) as e:
            self.report.error = e
        return self.report
