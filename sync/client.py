"""HTTP client for protocol v1, on requests with urllib3 Retry.

Every failure is raised as a typed ``sync.protocol.SyncError`` (``NetworkError``, ``AuthError``,
``UpgradeRequired``, ``MseqGap`` ...) carrying ``.message`` in Indonesian for the clerk,
``.message_en`` and ``.retryable``. Requests and replies are gzip JSON; replies are decompressed
here with a size cap (a hostile or broken server cannot exhaust memory).

Retries: connection failures, read timeouts and 502/503/504 are retried with exponential backoff
by urllib3 for every call except enrollment (whose code is single-use, so only failures to
connect are retried). ``POST /v1/sync`` may be retried because the server deduplicates by mseq;
a reply cut mid-body is retried here as well, re-sending the same page.
"""

from __future__ import annotations

import time
from typing import Any

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from sync.protocol import (
    MAX_REPLY_JSON_BYTES,
    AuthError,
    BodyError,
    CursorAhead,
    EnrollError,
    ForbiddenError,
    MseqGap,
    MseqReused,
    NetworkError,
    NotFound,
    PayloadTooLarge,
    ProtocolError,
    ServerBusy,
    ServerError,
    SyncError,
    UpgradeRequired,
    decode_body,
    encode_body,
    envelope_errors,
)

DEFAULT_TIMEOUT = (15.0, 120.0)  # (connect, read) seconds: 2G links are slow, VSAT has 600 ms RTT
APP_VERSION = "0.1.0"


def _retry(total: int, backoff: float, *, reads: bool) -> Retry:
    return Retry(
        total=total,
        connect=total,
        read=total if reads else 0,
        status=total if reads else 0,
        other=0,
        backoff_factor=backoff,
        backoff_max=30,
        status_forcelist=(502, 503, 504),
        allowed_methods=frozenset({"GET", "POST"}) if reads else frozenset({"GET"}),
        respect_retry_after_header=True,
        raise_on_status=False,
    )


class SyncClient:
    """One server, one device token. Not thread-safe (one sync at a time per client)."""

    def __init__(self, base_url: str, token: str | None = None, *, timeout: float | tuple = DEFAULT_TIMEOUT,
                 app_version: str = APP_VERSION, retries: int = 4, backoff: float = 0.5,
                 max_reply_bytes: int = MAX_REPLY_JSON_BYTES, compress: bool = True):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout
        self.app_version = app_version
        self.retries = retries
        self.backoff = backoff
        self.max_reply_bytes = max_reply_bytes
        self.compress = compress
        self.requests = 0  # HTTP requests made (attempts that reached the wire, retries included)
        self.bytes_up = 0  # request bodies as sent (compressed)
        self.bytes_down = 0  # reply bodies as received (compressed)
        self._session = self._make_session(_retry(retries, backoff, reads=True))
        self._enroll_session = self._make_session(_retry(retries, backoff, reads=False))

    @staticmethod
    def _make_session(retry: Retry) -> requests.Session:
        s = requests.Session()
        adapter = HTTPAdapter(max_retries=retry, pool_connections=1, pool_maxsize=2)
        s.mount("http://", adapter)
        s.mount("https://", adapter)
        s.headers.update({"Accept-Encoding": "gzip", "Accept": "application/json",
                          "User-Agent": "layan-sync/1"})
        return s

    def close(self) -> None:
        self._session.close()
        self._enroll_session.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- API ----------------------------------------------------------------------------------------
    def health(self) -> dict:
        return self._call("GET", "/v1/health", auth=False)

    def enroll(self, code: str, device_name: str) -> dict:
        """Exchanges a one-time code for a device token (kept in ``self.token``). Raises EnrollError."""
        reply = self._call("POST", "/v1/enroll", {"code": code, "device_name": device_name,
                                                 "app_version": self.app_version},
                           auth=False, session=self._enroll_session, schema="enroll_reply")
        self.token = reply["token"]
        return reply

    def sync_page(self, request: dict) -> dict:
        """One round: a page of mutations up, a page of changes down (docs/SYNC.md)."""
        body = dict(request)
        body.setdefault("app_version", self.app_version)
        return self._call("POST", "/v1/sync", body, schema="sync_reply", body_retries=2)

    def transfer(self, collection: str, record_id: str, to_office: str) -> dict:
        return self._call("POST", "/v1/transfer", {"collection": collection, "id": record_id,
                                                   "to_office": to_office},
                          schema="transfer_reply", body_retries=2)

    def blocks(self, series: str, year: int, count: int, floor: int = 1) -> dict:
        """A block of numbers for offline numbering (idempotent enough: an unused block is only a gap)."""
        return self._call("POST", "/v1/blocks", {"series": series, "year": year, "count": count, "floor": floor},
                          schema="blocks_reply", body_retries=2)

    def device_info(self) -> dict:
        return self._call("GET", "/v1/device")

    def usb_key(self) -> str:
        """This device's key for sync files carried by USB stick (sync/usb.py)."""
        return self._call("GET", "/v1/usb-key")["key"]

    # --- plumbing -----------------------------------------------------------------------------------
    def _call(self, method: str, path: str, body: Any = None, *, auth: bool = True,
              session: requests.Session | None = None, schema: str | None = None, body_retries: int = 0) -> dict:
        session = session or self._session
        headers = {}
        data = None
        if auth:
            if not self.token:
                raise AuthError("no device token: enroll first")
            headers["Authorization"] = f"Bearer {self.token}"
        if body is not None:
            data = encode_body(body, compress=self.compress)
            headers["Content-Type"] = "application/json"
            if self.compress:
                headers["Content-Encoding"] = "gzip"
        attempt = 0
        while True:
            try:
                status, reply = self._once(session, method, path, data, headers)
                break
            except _CutReply as e:
                attempt += 1
                if attempt > body_retries:
                    raise NetworkError(f"reply cut off: {e}") from None
                time.sleep(min(self.backoff * 2 ** attempt, 10))
        if status >= 400 or not isinstance(reply, dict):
            raise self._error(status, reply, path)
        if schema:
            problems = envelope_errors(schema, reply)
            if problems:
                raise ProtocolError("malformed reply: " + "; ".join(problems), status=status, body=reply)
        return reply

    def _once(self, session, method, path, data, headers) -> tuple[int, Any]:
        try:
            resp = session.request(method, self.base_url + path, data=data, headers=headers,
                                   timeout=self.timeout, stream=True, allow_redirects=False)
        except requests.exceptions.RetryError as e:
            raise ServerBusy(str(e)[:200]) from None
        except requests.exceptions.RequestException as e:
            raise NetworkError(str(e)[:200]) from None
        self.requests += 1
        if data:
            self.bytes_up += len(data)
        try:
            raw = resp.raw.read(self.max_reply_bytes + 1, decode_content=False)
        except (urllib3.exceptions.HTTPError, OSError) as e:
            raise _CutReply(str(e)[:200]) from None
        finally:
            resp.close()
        self.bytes_down += len(raw)
        if len(raw) > self.max_reply_bytes:
            raise ProtocolError("reply too large", status=resp.status_code)
        encoding = resp.headers.get("Content-Encoding")
        if resp.status_code >= 500 and "json" not in resp.headers.get("Content-Type", ""):
            return resp.status_code, None
        try:
            reply = decode_body(raw, encoding, max_json=self.max_reply_bytes, max_depth=64)
        except BodyError as e:
            if e.code in ("truncated", "invalid_json"):
                raise _CutReply(e.message_en) from None
            raise ProtocolError(f"undecodable reply: {e.message_en}", status=resp.status_code) from None
        return resp.status_code, reply

    @staticmethod
    def _error(status: int, body: Any, path: str) -> SyncError:
        body = body if isinstance(body, dict) else {}
        code = body.get("error", "")
        detail = body.get("message_en") or f"HTTP {status}"
        kw = {"status": status, "body": body}
        if status == 401:
            return AuthError(f"{code}: {detail}", **kw)
        if status == 403 and path == "/v1/enroll":
            err = EnrollError(detail, **kw)
            err.code = code or err.code
            return err
        if status == 403:
            return ForbiddenError(detail, **kw)
        if status == 404:
            return NotFound(detail, **kw)
        if status == 409 and code == "mseq_gap" and isinstance(body.get("expected"), int):
            return MseqGap(body["expected"], **kw)
        if status == 409 and code == "mseq_reused" and isinstance(body.get("mseq"), int):
            return MseqReused(body["mseq"], **kw)
        if status == 409 and code == "cursor_ahead" and isinstance(body.get("server_rev"), int):
            return CursorAhead(body["server_rev"], **kw)
        if status == 413:
            return PayloadTooLarge(detail, **kw)
        if status == 426:
            return UpgradeRequired(detail, **kw)
        if status in (429, 502, 503, 504):
            return ServerBusy(detail, **kw)
        if status >= 500:
            return ServerError(detail, **kw)
        return ProtocolError(f"{code or 'HTTP ' + str(status)}: {detail}", **kw)


class _CutReply(Exception):
    """The reply stopped mid-body; the request may be re-sent if it is idempotent."""
