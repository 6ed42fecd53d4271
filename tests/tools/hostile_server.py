"""A scripted, hostile "Layan server" on loopback: a real HTTP server (stdlib, in a thread) whose
replies a test writes, to see what a PC does with replies a real server would never send.

Usage::

    with HostileServer() as srv:
        srv.on("/v1/sync", lambda req: {"acked_mseq": 10**12, "results": [], ...})
        client = SyncClient(srv.url, "token")
        ...
        srv.requests  # [(method, path, decoded JSON body or None), ...]

A handler gets the decoded request body (gzip JSON as the client sends it) and returns either a
JSON-able object (200), a ``Reply`` (status, raw bytes or object, headers, a drip delay per byte),
or raises nothing else. Paths without a handler answer 404 with a protocol error body.
"""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from sync.protocol import now_ms


@dataclass
class Reply:
    body: Any = None  # a JSON-able object, or bytes sent as they are
    status: int = 200
    headers: dict = field(default_factory=dict)
    drip_s: float = 0.0  # a pause before each byte of the body (a server holding the line)
    drip_headers: bool = False  # drip a status line and then a header that never ends (drip_s per byte)


Handler = Callable[[Any], Any]


class HostileServer:
    def __init__(self, host: str = "127.0.0.1"):
        self.handlers: dict[str, Handler] = {}
        self.requests: list[tuple[str, str, Any]] = []
        outer = self

        class _H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep test output clean
                pass

            def _handle(self, method: str):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                if raw and self.headers.get("Content-Encoding") == "gzip":
                    raw = gzip.decompress(raw)
                body = json.loads(raw) if raw else None
                outer.requests.append((method, self.path, body))
                handler = outer.handlers.get(self.path)
                if handler is None:
                    reply = Reply({"error": "not_found", "message": "tidak ada", "message_en": "no handler"}, 404)
                else:
                    result = handler(body)
                    reply = result if isinstance(result, Reply) else Reply(result)
                data = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body).encode()
                try:
                    if reply.drip_headers:  # each byte comes well within any read timeout, forever
                        self.wfile.write(f"HTTP/1.1 {reply.status} OK\r\nX-Drip: ".encode())
                        while not outer._stop.wait(reply.drip_s):
                            self.wfile.write(b"a")
                            self.wfile.flush()
                        return
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    if reply.drip_s:
                        for i in range(len(data)):
                            if outer._stop.wait(reply.drip_s):
                                return
                            self.wfile.write(data[i:i + 1])
                            self.wfile.flush()
                    else:
                        self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a deadline): that is the point of dripping

            def do_GET(self):
                self._handle("GET")

            def do_POST(self):
                self._handle("POST")

        self._stop = threading.Event()
        self.httpd = ThreadingHTTPServer((host, 0), _H)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = f"http://{host}:{self.port}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="hostile-server", daemon=True)

    def on(self, path: str, handler: Handler | Any) -> None:
        """Answers ``path`` with ``handler(body)``; a non-callable is sent as it is every time."""
        self.handlers[path] = handler if callable(handler) else (lambda _body, value=handler: value)

    def start(self) -> HostileServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=10)

    def __enter__(self) -> HostileServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def sync_requests(self) -> list[dict]:
        return [b for m, p, b in self.requests if p == "/v1/sync"]


def sync_reply(request: dict, *, changes: list | None = None, acked: int | None = None, results: list | None = None,
               cursor: int | None = None, has_more: bool = False, server_time: int | None = None) -> dict:
    """An honest-looking sync reply to ``request`` with the parts a test wants to lie about replaced:
    by default every mutation sent is acknowledged as applied."""
    muts = request.get("mutations") or []
    return {
        "acked_mseq": acked if acked is not None else (muts[-1]["mseq"] if muts else 0),
        "results": results if results is not None else [{"mseq": m["mseq"], "status": "applied", "rev": i + 1}
                                                       for i, m in enumerate(muts)],
        "changes": changes or [],
        "cursor": cursor if cursor is not None else request.get("cursor", 0) + len(changes or []),
        "has_more": has_more,
        "server_time": server_time if server_time is not None else now_ms(),
    }
