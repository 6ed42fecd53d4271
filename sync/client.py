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

import base64
import binascii
import hashlib
import ipaddress
import socket
import threading
import time
import urllib.parse
from typing import Any

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import SSLError
from urllib3.util.retry import Retry

from sync.protocol import (
    MAX_REPLY_JSON_BYTES,
    REQUEST_DEADLINE_S,
    AuthError,
    BodyError,
    CursorAhead,
    DeadlineExceeded,
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


class InsecureTransport(SyncError):
    """A plain-http address for a server that is not on this PC: anyone on the link could read and
    change the data. Allowed only with the explicit lab flag."""

    code = "insecure_http"
    message = ("Alamat server harus memakai https:// (http:// hanya untuk server di PC ini atau lab uji "
               "dengan izin khusus).")
    message_en = "The server address must use https:// (http:// only for a server on this PC, or a lab with explicit permission)."


def is_loopback(url: str) -> bool:
    host = (urllib.parse.urlsplit(url).hostname or "").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_transport(url: str, *, allow_insecure_http: bool = False) -> str | None:
    """Raises InsecureTransport for http:// to another host unless the lab flag allows it; returns a
    warning (English) when it does. https is always fine; loopback may use http."""
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme == "https" or (scheme == "http" and is_loopback(url)):
        return None
    if scheme == "http" and allow_insecure_http:
        return f"plain http to {urllib.parse.urlsplit(url).hostname}: readable and changeable on the link (lab use only)"
    raise InsecureTransport(url[:120])


SPKI_PREFIX = "sha256//"  # as in HPKP and curl's --pinnedpubkey


def normalize_pin(pin: str) -> str:
    """A server pin in one of two forms, told apart by their look:

    - ``sha256//<base64>``: the sha256 of the certificate's public key (SubjectPublicKeyInfo, DER), as in
      HPKP and curl. It survives a certificate renewed with the same key.
    - 64 hex digits (colons allowed): the sha256 of the certificate itself (DER). A renewed certificate
      needs a new pin.
    """
    text = pin.strip()
    if text.startswith(SPKI_PREFIX):
        try:
            digest = base64.b64decode(text[len(SPKI_PREFIX):], validate=True)
        except (binascii.Error, ValueError):
            digest = b""
        if len(digest) != 32:
            raise ValueError("a public-key pin is sha256// and the base64 of 32 bytes (sha256 of the SPKI)")
        return SPKI_PREFIX + base64.b64encode(digest).decode("ascii")
    text = text.replace(":", "").lower()
    if len(text) != 64 or any(c not in "0123456789abcdef" for c in text):
        raise ValueError("a certificate pin is 64 hex digits (sha256 of the certificate), "
                         "a public-key pin sha256//<base64> (sha256 of the SPKI)")
    return text


def spki_pin(cert_der: bytes) -> str:
    """The public-key pin of a certificate (DER): ``sha256//`` + base64 of sha256(SubjectPublicKeyInfo)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    key = x509.load_der_x509_certificate(cert_der).public_key()
    spki = key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return SPKI_PREFIX + base64.b64encode(hashlib.sha256(spki).digest()).decode("ascii")


class _Watch:
    """One request's deadline: when it passes, the sockets the request uses are shut down, which ends
    any read, even one a server keeps alive by dripping its headers a byte at a time."""

    _current = threading.local()

    def __init__(self, seconds: float):
        self.fired = False
        self._socks: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True

    def __enter__(self) -> _Watch:
        _Watch._current.watch = self
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()
        _Watch._current.watch = None

    @classmethod
    def register(cls, sock) -> None:
        watch = getattr(cls._current, "watch", None)
        if watch is not None and sock is not None:
            with watch._lock:
                watch._socks.append(sock)
                if watch.fired:
                    _shutdown(sock)

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            for sock in self._socks:
                _shutdown(sock)


def _shutdown(sock) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


class _WatchedConnection:
    def getresponse(self, *args, **kwargs):
        _Watch.register(self.sock)  # per request, also on a kept-alive connection
        return super().getresponse(*args, **kwargs)


class _HTTPConnection(_WatchedConnection, HTTPConnection):
    pass


class _HTTPSConnection(_WatchedConnection, HTTPSConnection):
    spki_pin: str | None = None  # set on a subclass for a public-key pin (urllib3 pins certificates only)

    def connect(self):
        super().connect()
        if self.spki_pin is None:
            return
        der = self.sock.getpeercert(binary_form=True) if self.sock is not None else None
        if der is None or spki_pin(der) != self.spki_pin:
            self.close()
            raise SSLError(f"the server's public key does not match the pin {self.spki_pin}")
        self.is_verified = True  # by its pinned key, as urllib3 marks a matching certificate fingerprint


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class _Adapter(HTTPAdapter):
    """An adapter whose connections keep the request's deadline, and that accepts only the pinned
    certificate when a pin is given."""

    def __init__(self, *args, fingerprint: str | None = None, **kwargs):
        self._fingerprint = fingerprint
        super().__init__(*args, **kwargs)

    def init_poolmanager(self, *args, **kwargs):
        https_pool = _HTTPSPool
        if self._fingerprint and self._fingerprint.startswith(SPKI_PREFIX):
            connection = type("_SpkiPinnedConnection", (_HTTPSConnection,), {"spki_pin": self._fingerprint})
            https_pool = type("_SpkiPinnedPool", (_HTTPSPool,), {"ConnectionCls": connection})
        elif self._fingerprint:
            kwargs["assert_fingerprint"] = self._fingerprint
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": https_pool}


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
                 max_reply_bytes: int = MAX_REPLY_JSON_BYTES, compress: bool = True,
                 deadline_s: float = REQUEST_DEADLINE_S, allow_insecure_http: bool = False,
                 pin_sha256: str | None = None, ca_bundle: str | None = None):
        self.base_url = base_url.rstrip("/")
        # https for every server but this PC's own; certificates are always checked, against the
        # system's CAs, the provisioned CA bundle, or (pinned) exactly the server's own certificate.
        self.transport_warning = check_transport(self.base_url, allow_insecure_http=allow_insecure_http)
        self.pin = normalize_pin(pin_sha256) if pin_sha256 else None
        self.ca_bundle = ca_bundle
        self.deadline_s = deadline_s  # one request, its whole reply body included
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

    def _make_session(self, retry: Retry) -> requests.Session:
        s = requests.Session()
        adapter = _Adapter(max_retries=retry, pool_connections=1, pool_maxsize=2, fingerprint=self.pin)
        # A pinned certificate is checked by its fingerprint alone (it may be self-signed); otherwise
        # the chain is checked against the CA bundle (provisioned, or the system's).
        s.verify = self._verify = False if self.pin else (self.ca_bundle or True)
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
        with _Watch(self.deadline_s) as watch:
            try:
                return self._attempt(session, method, path, data, headers, time.monotonic() + self.deadline_s)
            except (SyncError, _CutReply):
                if watch.fired:
                    raise DeadlineExceeded(f"no complete reply after {self.deadline_s:.0f} s") from None
                raise

    def _attempt(self, session, method, path, data, headers, deadline: float) -> tuple[int, Any]:
        try:
            # verify given here too: requests lets REQUESTS_CA_BUNDLE replace a session's setting.
            resp = session.request(method, self.base_url + path, data=data, headers=headers,
                                   timeout=self.timeout, stream=True, allow_redirects=False, verify=self._verify)
        except requests.exceptions.RetryError as e:
            raise ServerBusy(str(e)[:200]) from None
        except requests.exceptions.RequestException as e:
            raise NetworkError(str(e)[:200]) from None
        self.requests += 1
        if data:
            self.bytes_up += len(data)
        try:
            raw = self._read_body(resp, deadline)
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

    def _read_body(self, resp, deadline: float) -> bytes:
        """The reply body as sent, read as it arrives, never past the deadline (a server dripping a
        byte at a time would otherwise hold the request for as long as it likes)."""
        chunks, total = [], 0
        while total <= self.max_reply_bytes:
            if time.monotonic() > deadline:
                raise DeadlineExceeded(f"reply not complete after {self.deadline_s:.0f} s")
            chunk = resp.raw.read1(min(1 << 16, self.max_reply_bytes + 1 - total), decode_content=False)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        return b"".join(chunks)

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
