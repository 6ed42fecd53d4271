"""Userspace TCP link emulator for sync tests and benchmarks (stdlib only).

A proxy on ``127.0.0.1:<port>`` forwards every accepted connection to a loopback
target and shapes each direction like a bad link (VSAT, 2G):

* **rate** -- bits per second, token-bucket pacing of ``packet_bytes``-sized
  packets (``burst_bytes`` of credit, 0 by default = a plain serial link);
* **latency** -- one-way delay (RTT = up + down). A delay line: every packet is
  delivered at ``time it left the sender's side + latency``, in order; the pipe
  is never put to sleep as a whole, so a long transfer costs
  ``size / rate + latency``, not ``packets * latency``. With ``handshake=True``
  (default) the first upstream bytes of a connection also wait one RTT, like a
  real TCP handshake (the loopback one is instantaneous);
* **drops** -- ``drop_prob``: probability per packet that the connection dies
  right before it; ``conn_drop_prob``: probability per connection that it dies
  somewhere in its first ``conn_drop_bytes`` bytes. Decisions come from
  ``random.Random(f"{seed}/{conn}/{direction}")``, per connection and per
  packet *index* (not per socket read), so the same traffic under the same seed
  is dropped at the same byte offsets on every run;
* **cut mid-body** -- :meth:`LinkEmulator.cut_after`: after exactly N bytes
  passed in a direction, the connection is broken, for the next connection or
  for every connection;
* **link down** -- :meth:`LinkEmulator.down`: ``"blackhole"`` (connections are
  accepted, nothing passes until :meth:`LinkEmulator.up`) or ``"refuse"``
  (the port refuses connections, open ones are reset).

How a connection is broken (``how``/``fault``): ``"reset"`` (the bytes that
passed are flushed to the peer, then both sides get a TCP RST), ``"close"``
(both sides get a FIN), ``"stall"`` (nothing passes any more and nobody is
told: each side stays open until that peer closes it, or the emulator stops;
what a dead VSAT link looks like -- only the client's timeouts can save it).

Usage from a test::

    with LinkEmulator(server.port, rate_bps=64_000, latency_ms=300, seed=1) as link:
        url = f"http://127.0.0.1:{link.port}"
        link.cut_after(upstream_bytes=5000)   # next connection: cut after 5000 bytes client->server
        link.set(rate_bps=16_000, latency_ms=600, drop_prob=0.01)   # live, both directions
        link.set(rate_bps=8_000, direction="up")                     # one direction
        link.down(); link.up()
        link.stats     # LinkStats(bytes_up, bytes_down, connections, active, cuts, drops, kills)
        link.faults    # [Fault(conn=1, kind="cut", direction="up", at_bytes=5000, how="reset")]

Manual trials::

    python -m tests.tools.linkemu --listen 8001 --target 8000 --rate 64000 --latency 300

Only loopback targets are accepted; the proxy itself listens on 127.0.0.1 only.

Limitations (it is a TCP proxy, not a packet-level emulator):

* packet loss, retransmission and jitter are not modelled; the link is lossless
  until a connection is dropped/cut as a whole;
* the kernel completes the TCP handshake with the proxy at once: ``down()``
  cannot make ``connect()`` hang (blackhole accepts, then passes nothing), and a
  dead target shows up as a reset right after connecting, not ECONNREFUSED
  (``down("refuse")`` does give ECONNREFUSED);
* the sockets on both sides still buffer up to ``sock_buffer_bytes`` (64 KiB,
  Linux doubles it) each, so a client's ``send()`` returns before the link has
  carried the bytes; the delay line holds at most ``max_inflight_bytes``, which
  caps throughput at ``max_inflight_bytes / latency`` (4 MiB / 0.3 s ~ 110 Mbit/s);
* ``cut_after`` counts from a connection's first byte and applies to new
  connections: use ``kill_connections()`` to break pooled keep-alive ones;
* seeded drops repeat when the traffic repeats (same connections in the same
  order carrying the same bytes); timing-driven retries change the traffic;
* a "reset" waits (up to 1 s, Linux ``TIOCOUTQ``) for the forwarded bytes to
  leave the kernel before the RST; elsewhere the last bytes may be lost if the
  peer is not reading.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import dataclasses
import ipaddress
import os
import random
import signal
import socket
import struct
import sys
import threading
import time
from collections.abc import Callable

try:  # Linux: lets a "reset" fault wait until the forwarded bytes left the kernel
    import fcntl
    import termios
except ImportError:  # pragma: no cover - Windows
    fcntl = None
    termios = None

__all__ = ["PROFILES", "Fault", "LinkEmulator", "LinkParams", "LinkStats", "main"]

UP = "up"  # client -> server
DOWN = "down"  # server -> client
HOWS = ("reset", "close", "stall")
DOWN_MODES = ("blackhole", "refuse")

_READ_SIZE = 65536
_DATA, _EOF, _ABORT, _FAULT = "data", "eof", "abort", "fault"
_UNSET = object()
_CATCH_UP = 0.005  # s of pacing credit kept across timer oversleeps

# Rough shapes of the links Layan must survive (per direction; RTT = 2 x latency).
PROFILES: dict[str, dict] = {
    "vsat": {"latency_ms": 300, "upstream": {"rate_bps": 128_000}, "downstream": {"rate_bps": 512_000}},
    "2g": {"latency_ms": 300, "upstream": {"rate_bps": 24_000}, "downstream": {"rate_bps": 48_000}},
    "edge": {"latency_ms": 150, "upstream": {"rate_bps": 64_000}, "downstream": {"rate_bps": 200_000}},
    "3g": {"latency_ms": 75, "upstream": {"rate_bps": 384_000}, "downstream": {"rate_bps": 1_500_000}},
}


@dataclasses.dataclass(frozen=True)
class LinkParams:
    """Shape of one direction. ``rate_bps=None`` means unlimited."""

    rate_bps: float | None = None
    latency_ms: float = 0.0
    drop_prob: float = 0.0
    burst_bytes: int = 0

    def __post_init__(self) -> None:
        if self.rate_bps is not None and not self.rate_bps > 0:
            raise ValueError(f"rate_bps must be > 0 or None, not {self.rate_bps!r}")
        if not self.latency_ms >= 0:
            raise ValueError(f"latency_ms must be >= 0, not {self.latency_ms!r}")
        if not 0.0 <= self.drop_prob <= 1.0:
            raise ValueError(f"drop_prob must be in [0, 1], not {self.drop_prob!r}")
        if self.burst_bytes < 0:
            raise ValueError(f"burst_bytes must be >= 0, not {self.burst_bytes!r}")


@dataclasses.dataclass(frozen=True)
class LinkStats:
    bytes_up: int = 0  # bytes delivered to the server
    bytes_down: int = 0  # bytes delivered to the client
    connections: int = 0  # connections accepted
    active: int = 0  # connections open right now
    cuts: int = 0  # cut_after() rules that fired
    drops: int = 0  # random drops (drop_prob, conn_drop_prob)
    kills: int = 0  # connections broken by kill_connections() or down("refuse")


@dataclasses.dataclass(frozen=True)
class Fault:
    conn: int  # 1-based connection number, in accept order
    kind: str  # "cut" | "drop" | "kill"
    direction: str  # "up" | "down" ("" for kills)
    at_bytes: int  # bytes delivered in that direction on that connection when it broke
    how: str  # "reset" | "close" | "stall"


@dataclasses.dataclass(frozen=True)
class _CutRule:
    up: int | None
    down: int | None
    how: str | None


def _check_how(how: str | None) -> None:
    if how is not None and how not in HOWS:
        raise ValueError(f"how must be one of {HOWS}, not {how!r}")


def _loopback_host(host: str) -> str:
    if host == "localhost":
        return "127.0.0.1"
    try:
        addr = ipaddress.ip_address(host)
    except ValueError:
        raise ValueError(f"linkemu only talks to loopback IP addresses, not {host!r}") from None
    if not addr.is_loopback:
        raise ValueError(f"linkemu only talks to loopback addresses, not {host!r}")
    return str(addr)


def _abort(writer: asyncio.StreamWriter | None) -> None:
    """Close abruptly: the peer gets a RST."""
    if writer is None:
        return
    sock = writer.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


def _abort_raw(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def _close(writer: asyncio.StreamWriter | None) -> None:
    """Close gracefully: the peer gets what was written, then a FIN."""
    if writer is not None:
        writer.close()


async def _flush(writer: asyncio.StreamWriter, timeout: float = 1.0) -> None:
    """Wait until what was written left asyncio's buffer and the kernel's send queue."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    transport = writer.transport
    while transport.get_write_buffer_size() and not transport.is_closing() and loop.time() < deadline:
        await asyncio.sleep(0.005)
    sock = writer.get_extra_info("socket")
    if fcntl is None or sock is None:
        return
    while loop.time() < deadline:
        fd = sock.fileno()
        if fd < 0:
            return
        try:
            unsent = struct.unpack("i", fcntl.ioctl(fd, termios.TIOCOUTQ, b"\0\0\0\0"))[0]
        except OSError:
            return
        if unsent <= 0:
            return
        await asyncio.sleep(0.005)


class _Pipe:
    """One direction of one connection: reader task -> delay line -> writer task."""

    def __init__(self, emu, conn, direction, reader, writer, rng, not_before, faults):
        self.emu: LinkEmulator = emu
        self.conn: _Conn = conn
        self.direction = direction
        self.reader: asyncio.StreamReader = reader
        self.writer: asyncio.StreamWriter = writer
        self.rng: random.Random = rng
        self.not_before = not_before  # emulated handshake: no delivery before this time
        self.faults: list[tuple[int, str, str | None]] = faults  # (offset, kind, how), fixed at accept
        self.queue: collections.deque = collections.deque()  # (deliver_at, kind, payload)
        self.queued = 0
        self.items = asyncio.Event()
        self.space = asyncio.Event()
        self.space.set()
        self.pos = 0  # bytes taken into the link
        self.delivered = 0  # bytes written to the destination
        self.next_check = 0  # offset of the next packet boundary to draw a drop for
        self.link_free_at = 0.0  # token bucket as a virtual clock
        self.last_at = 0.0
        self.read_task: asyncio.Task | None = None
        self.write_task: asyncio.Task | None = None

    @property
    def params(self) -> LinkParams:
        return self.emu._params[self.direction]

    def _push(self, at: float, kind: str, payload=None) -> None:
        at = max(at, self.last_at)  # order is preserved even if latency is lowered live
        self.last_at = at
        self.queue.append((at, kind, payload))
        if kind == _DATA:
            self.queued += len(payload)
            if self.queued >= self.emu.max_inflight_bytes:
                self.space.clear()
        self.items.set()

    def _push_now(self, kind: str, payload=None) -> None:
        self._push(asyncio.get_running_loop().time() + self.params.latency_ms / 1000.0, kind, payload)

    def _fault_due(self):
        due = [f for f in self.faults if f[0] <= self.pos]
        return min(due, key=lambda f: f[0]) if due else None

    def _fault_room(self) -> int | None:
        rooms = [off - self.pos for off, _, _ in self.faults if off > self.pos]
        return min(rooms) if rooms else None

    async def read_loop(self) -> None:
        while True:
            fault = self._fault_due()
            if fault is not None:
                self._push_now(_FAULT, fault[1:])
                return
            await self.emu._link_up()
            await self.space.wait()
            try:
                data = await self.reader.read(_READ_SIZE)
            except (ConnectionError, OSError):
                self._push_now(_ABORT)
                return
            if not data:
                self._push_now(_EOF)
                return
            if not await self._feed(data):
                return

    async def _feed(self, data: bytes) -> bool:
        loop = asyncio.get_running_loop()
        size = self.emu.packet_bytes
        i = 0
        while i < len(data):
            fault = self._fault_due()
            if fault is not None:
                self._push_now(_FAULT, fault[1:])
                return False
            p = self.params
            if p.drop_prob > 0:
                if self.pos > self.next_check:  # drops enabled mid-packet: start at the next packet
                    self.next_check = -(-self.pos // size) * size
                if self.pos == self.next_check:
                    self.next_check += size
                    if self.rng.random() < p.drop_prob:
                        self._push_now(_FAULT, ("drop", None))
                        return False
            n = len(data) - i
            room = self._fault_room()
            if room is not None:
                n = min(n, room)
            if p.drop_prob > 0:
                n = min(n, self.next_check - self.pos)
            if p.rate_bps:
                n = min(n, size)
            piece = data[i : i + n]
            i += n
            now = loop.time()
            if p.rate_bps:
                per_byte = 8.0 / p.rate_bps
                # Credit: burst_bytes, and at least _CATCH_UP s so that timer
                # oversleeps do not eat into the rate.
                start = max(self.link_free_at, now - max(p.burst_bytes * per_byte, _CATCH_UP))
                self.link_free_at = start + n * per_byte
                if self.link_free_at - now > 0.001:
                    await asyncio.sleep(self.link_free_at - now)
                sent_at = self.link_free_at
            else:
                sent_at = now
            self.pos += n
            self._push(max(sent_at, self.not_before) + self.params.latency_ms / 1000.0, _DATA, piece)
            if not self.space.is_set():
                await self.space.wait()
        fault = self._fault_due()
        if fault is not None:
            self._push_now(_FAULT, fault[1:])
            return False
        return True

    async def write_loop(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            while not self.queue:
                self.items.clear()
                await self.items.wait()
            at, kind, payload = self.queue[0]
            delay = at - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            await self.emu._link_up()
            if kind == _DATA:
                try:
                    self.writer.write(payload)
                    await self.writer.drain()
                except (ConnectionError, OSError):
                    # The destination is gone: stop taking data for it. The other
                    # direction sees the same socket fail and finishes on its own.
                    if self.read_task is not None:
                        self.read_task.cancel()
                    return
                self.queue.popleft()
                self.queued -= len(payload)
                if self.queued < self.emu.max_inflight_bytes:
                    self.space.set()
                self.delivered += len(payload)
                self.emu._count(self.direction, len(payload))
            elif kind == _EOF:
                self.queue.popleft()
                with contextlib.suppress(ConnectionError, OSError):
                    if self.writer.can_write_eof() and not self.writer.transport.is_closing():
                        self.writer.write_eof()
                return
            elif kind == _ABORT:
                self.queue.popleft()
                _abort(self.writer)
                return
            else:
                self.queue.popleft()
                kind_, how = payload
                await self.conn.fault(self, kind_, how or self.emu.fault)
                return


class _Conn:
    def __init__(self, emu, cid, creader, cwriter):
        self.emu: LinkEmulator = emu
        self.id = cid
        self.creader, self.cwriter = creader, cwriter
        self.sreader: asyncio.StreamReader | None = None
        self.swriter: asyncio.StreamWriter | None = None
        self.tasks: list[asyncio.Task] = []
        self.broken = False

    async def fault(self, pipe: _Pipe, kind: str, how: str) -> None:
        if self.broken:
            return
        self.broken = True
        self.emu._record(Fault(self.id, kind, pipe.direction, pipe.delivered, how))
        current = asyncio.current_task()
        for t in self.tasks:
            if t is not current:
                t.cancel()
        if how == "reset":
            await _flush(pipe.writer)  # the N bytes must reach the peer before the RST
        self.break_(how)

    def kill(self, how: str) -> None:
        if self.broken:
            return
        self.broken = True
        self.emu._record(Fault(self.id, "kill", "", 0, how))
        for t in self.tasks:
            t.cancel()
        self.break_(how)

    def break_(self, how: str) -> None:
        if how == "reset":
            _abort(self.cwriter)
            _abort(self.swriter)
        elif how == "close":
            _close(self.cwriter)
            _close(self.swriter)
        else:  # stall: swallow everything, close each side when its peer closes
            loop = asyncio.get_running_loop()
            self.tasks.append(loop.create_task(_swallow(self.creader, self.cwriter)))
            if self.swriter is not None:
                self.tasks.append(loop.create_task(_swallow(self.sreader, self.swriter)))


async def _swallow(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while await reader.read(_READ_SIZE):
            pass
    except (ConnectionError, OSError):
        pass
    _close(writer)  # not on cancellation: then the owner decides (stop() resets)


class LinkEmulator:
    """TCP proxy 127.0.0.1:``port`` -> ``target_host``:``target_port`` shaped like a bad link.

    ``rate_bps``, ``latency_ms``, ``drop_prob``, ``burst_bytes`` apply to both
    directions; ``upstream``/``downstream`` (dicts or :class:`LinkParams`)
    override them per direction. Runs its own thread and event loop between
    :meth:`start` and :meth:`stop` (or the ``with`` block).
    """

    def __init__(
        self,
        target_port: int,
        *,
        target_host: str = "127.0.0.1",
        listen_port: int = 0,
        rate_bps: float | None = None,
        latency_ms: float = 0.0,
        drop_prob: float = 0.0,
        burst_bytes: int = 0,
        upstream: dict | LinkParams | None = None,
        downstream: dict | LinkParams | None = None,
        conn_drop_prob: float = 0.0,
        conn_drop_bytes: int = 65536,
        seed: int | str = 0,
        fault: str = "reset",
        handshake: bool = True,
        packet_bytes: int = 1460,
        max_inflight_bytes: int = 4 << 20,
        sock_buffer_bytes: int | None = 65536,
    ) -> None:
        self.target_host = _loopback_host(target_host)
        if not 0 < int(target_port) < 65536:
            raise ValueError(f"bad target port {target_port!r}")
        self.target_port = int(target_port)
        self.host = "127.0.0.1"
        self.port = int(listen_port)
        base = {
            "rate_bps": rate_bps,
            "latency_ms": latency_ms,
            "drop_prob": drop_prob,
            "burst_bytes": burst_bytes,
        }
        self._params: dict[str, LinkParams] = {}
        for direction, override in ((UP, upstream), (DOWN, downstream)):
            if isinstance(override, LinkParams):
                self._params[direction] = override
            else:
                self._params[direction] = LinkParams(**{**base, **(override or {})})
        _check_how(fault)
        if not 0.0 <= conn_drop_prob <= 1.0 or conn_drop_bytes < 1:
            raise ValueError("conn_drop_prob must be in [0, 1] and conn_drop_bytes >= 1")
        if packet_bytes < 1 or max_inflight_bytes < 1:
            raise ValueError("packet_bytes and max_inflight_bytes must be >= 1")
        self.conn_drop_prob = conn_drop_prob
        self.conn_drop_bytes = conn_drop_bytes
        self.seed = seed
        self.fault = fault
        self.handshake = handshake
        self.packet_bytes = packet_bytes
        self.max_inflight_bytes = max_inflight_bytes
        self.sock_buffer_bytes = sock_buffer_bytes
        self.errors: list[str] = []  # unexpected exceptions inside the emulator (a test should see none)

        self._lock = threading.Lock()
        self._stats = LinkStats()
        self._faults: list[Fault] = []
        self._cut_once: collections.deque[_CutRule] = collections.deque()
        self._cut_every: _CutRule | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._start_error: BaseException | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._lsock: socket.socket | None = None  # listening socket (None while down("refuse"))
        self._raw: set[socket.socket] = set()  # accepted, not yet owned by a transport
        self._stop_event: asyncio.Event | None = None
        self._up_event: asyncio.Event | None = None
        self._conns: set[_Conn] = set()
        self._handlers: set[asyncio.Task] = set()
        self._writers: set[asyncio.StreamWriter] = set()
        self._stopping = False

    # -- lifecycle -------------------------------------------------------------

    def start(self) -> LinkEmulator:
        if self._thread is not None:
            raise RuntimeError("LinkEmulator already started")
        self._ready.clear()
        self._start_error = None
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name=f"linkemu-{self.target_port}", daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("LinkEmulator did not start within 10 s")
        if self._start_error is not None:
            self._thread.join(5)
            self._thread = None
            raise self._start_error
        return self

    def stop(self) -> None:
        thread, self._thread = self._thread, None
        if thread is None:
            return
        loop, stop_event = self._loop, self._stop_event
        if loop is not None and stop_event is not None:
            with contextlib.suppress(RuntimeError):  # loop already closed
                loop.call_soon_threadsafe(stop_event.set)
        thread.join(10)
        if thread.is_alive():
            raise RuntimeError("LinkEmulator thread did not stop within 10 s")

    def __enter__(self) -> LinkEmulator:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def address(self) -> tuple[str, int]:
        return (self.host, self.port)

    # -- controls (any thread) -------------------------------------------------

    def set(
        self,
        *,
        rate_bps=_UNSET,
        latency_ms=_UNSET,
        drop_prob=_UNSET,
        burst_bytes=_UNSET,
        conn_drop_prob=_UNSET,
        direction: str = "both",
    ) -> None:
        """Change the link live. ``direction``: "both", "up" (client->server) or "down".

        New values apply to the next packet; packets already in the delay line keep
        the latency they had. ``conn_drop_prob`` applies to new connections.
        """
        if direction not in ("both", UP, DOWN):
            raise ValueError(f"direction must be 'both', 'up' or 'down', not {direction!r}")
        changes = {
            k: v
            for k, v in (
                ("rate_bps", rate_bps),
                ("latency_ms", latency_ms),
                ("drop_prob", drop_prob),
                ("burst_bytes", burst_bytes),
            )
            if v is not _UNSET
        }
        with self._lock:
            new = {
                d: dataclasses.replace(self._params[d], **changes)
                for d in ((UP, DOWN) if direction == "both" else (direction,))
            }
            if conn_drop_prob is not _UNSET:
                if not 0.0 <= conn_drop_prob <= 1.0:
                    raise ValueError("conn_drop_prob must be in [0, 1]")
                self.conn_drop_prob = conn_drop_prob
            self._params.update(new)

    def params(self, direction: str) -> LinkParams:
        return self._params[direction]

    def cut_after(
        self,
        upstream_bytes: int | None = None,
        downstream_bytes: int | None = None,
        *,
        every: bool = False,
        how: str | None = None,
    ) -> None:
        """Break a connection once exactly N bytes passed in a direction.

        Without ``every`` the rule is used by the next connection accepted (calls
        queue up: one rule per new connection); with ``every=True`` it applies to
        all new connections until :meth:`clear_cuts`. Counting starts at the
        connection's first byte, so open keep-alive connections are not affected
        (use :meth:`kill_connections` for those). If both limits are given the
        first one reached wins. ``how`` defaults to the emulator's ``fault``.
        """
        for n in (upstream_bytes, downstream_bytes):
            if n is not None and n < 0:
                raise ValueError("cut_after byte counts must be >= 0")
        if upstream_bytes is None and downstream_bytes is None:
            raise ValueError("cut_after needs upstream_bytes and/or downstream_bytes")
        _check_how(how)
        rule = _CutRule(upstream_bytes, downstream_bytes, how)
        with self._lock:
            if every:
                self._cut_every = rule
            else:
                self._cut_once.append(rule)

    def clear_cuts(self) -> None:
        with self._lock:
            self._cut_once.clear()
            self._cut_every = None

    def down(self, mode: str = "blackhole") -> None:
        """Take the link down.

        ``"blackhole"``: open connections freeze (data waits in the delay line and
        the kernel buffers), new connections are accepted by the kernel but get no
        upstream connection and pass nothing, until :meth:`up`.
        ``"refuse"``: the port is closed (connect() gets ECONNREFUSED) and open
        connections are reset; :meth:`up` listens on the same port again.
        """
        if mode not in DOWN_MODES:
            raise ValueError(f"mode must be one of {DOWN_MODES}, not {mode!r}")
        self._call(self._go_down(mode))

    def up(self) -> None:
        self._call(self._go_up())

    def kill_connections(self, how: str | None = None) -> int:
        """Break every open connection now (e.g. keep-alive ones); returns how many."""
        _check_how(how)
        return self._call(self._kill_all(how or self.fault))

    @property
    def is_up(self) -> bool:
        return self._up_event is not None and self._up_event.is_set() and self._lsock is not None

    @property
    def stats(self) -> LinkStats:
        with self._lock:
            return self._stats

    @property
    def faults(self) -> list[Fault]:
        with self._lock:
            return list(self._faults)

    def wait_until(self, predicate: Callable[[LinkStats], bool], timeout: float = 10.0) -> LinkStats:
        """Poll ``stats`` until ``predicate(stats)``; raises TimeoutError."""
        deadline = time.monotonic() + timeout
        while True:
            stats = self.stats
            if predicate(stats):
                return stats
            if time.monotonic() > deadline:
                raise TimeoutError(f"link stats never matched: {stats}")
            time.sleep(0.01)

    def wait_idle(self, timeout: float = 10.0) -> LinkStats:
        """Wait until no connection is open through the emulator."""
        return self.wait_until(lambda s: s.active == 0, timeout)

    # -- internals -------------------------------------------------------------

    def _call(self, coro):
        if self._loop is None or self._thread is None:
            coro.close()
            raise RuntimeError("LinkEmulator is not running")
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(10)

    def _count(self, direction: str, n: int) -> None:
        with self._lock:
            if direction == UP:
                self._stats = dataclasses.replace(self._stats, bytes_up=self._stats.bytes_up + n)
            else:
                self._stats = dataclasses.replace(self._stats, bytes_down=self._stats.bytes_down + n)

    def _bump(self, **deltas: int) -> None:
        with self._lock:
            self._stats = dataclasses.replace(
                self._stats, **{k: getattr(self._stats, k) + v for k, v in deltas.items()}
            )

    def _record(self, fault: Fault) -> None:
        with self._lock:
            self._faults.append(fault)
            field = {"cut": "cuts", "drop": "drops", "kill": "kills"}[fault.kind]
            self._stats = dataclasses.replace(self._stats, **{field: getattr(self._stats, field) + 1})

    def _on_loop_error(self, loop, context) -> None:
        exc = context.get("exception")
        self.errors.append(f"{context.get('message')}: {exc!r}")
        loop.default_exception_handler(context)

    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except BaseException as e:  # noqa: BLE001 - reported to start() or kept in errors
            if not self._ready.is_set():
                self._start_error = e
                self._ready.set()
            else:
                self.errors.append(f"emulator loop crashed: {e!r}")

    def _listen_socket(self) -> socket.socket:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            if os.name != "nt":
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if self.sock_buffer_bytes:  # inherited by accepted sockets: keeps the kernel from
                # swallowing megabytes the link has not carried yet
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, self.sock_buffer_bytes)
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, self.sock_buffer_bytes)
            sock.bind((self.host, self.port))
            sock.listen(128)
            sock.setblocking(False)
        except BaseException:
            sock.close()
            raise
        return sock

    # asyncio.start_server() is not used: on Python 3.11 a connection accepted just
    # before Server.close() leaks its socket (Server._attach asserts, the error is
    # swallowed). Accepting by hand keeps every socket accounted for.

    def _listen(self) -> None:
        sock = self._listen_socket()
        self.port = sock.getsockname()[1]
        self._lsock = sock
        asyncio.get_running_loop().add_reader(sock.fileno(), self._on_acceptable)

    def _unlisten(self) -> None:
        sock, self._lsock = self._lsock, None
        if sock is not None:
            asyncio.get_running_loop().remove_reader(sock.fileno())
            sock.close()  # the kernel resets connections still in the accept queue

    def _on_acceptable(self) -> None:
        loop = asyncio.get_running_loop()
        for _ in range(128):
            if self._lsock is None:
                return
            try:
                conn, _ = self._lsock.accept()
            except (BlockingIOError, InterruptedError):
                return
            except ConnectionAbortedError:
                continue
            except OSError as e:
                self.errors.append(f"accept: {e!r}")
                return
            conn.setblocking(False)
            self._raw.add(conn)
            self._handlers.add(loop.create_task(self._handle(conn)))

    async def _main(self) -> None:
        loop = asyncio.get_running_loop()
        self._loop = loop
        loop.set_exception_handler(self._on_loop_error)
        self._stop_event = asyncio.Event()
        self._up_event = asyncio.Event()
        self._up_event.set()
        self._listen()
        self._ready.set()
        try:
            await self._stop_event.wait()
        finally:
            self._stopping = True
            self._unlisten()
            handlers = list(self._handlers)
            for t in handlers:
                t.cancel()
            await asyncio.gather(*handlers, return_exceptions=True)
            for w in list(self._writers):
                _abort(w)
            self._writers.clear()
            for raw in list(self._raw):  # handlers cancelled before they could wrap them
                _abort_raw(raw)
            self._raw.clear()
            for _ in range(3):  # run the transports' connection_lost callbacks (closes sockets)
                await asyncio.sleep(0)

    async def _link_up(self) -> None:
        if not self._up_event.is_set():
            await self._up_event.wait()

    async def _go_down(self, mode: str) -> None:
        if mode == "blackhole":
            self._up_event.clear()
            return
        self._unlisten()
        await self._kill_all("reset")

    async def _go_up(self) -> None:
        if self._lsock is None:
            self._listen()
        self._up_event.set()

    async def _kill_all(self, how: str) -> int:
        conns = [c for c in self._conns if not c.broken]
        for c in conns:
            c.kill(how)
        await asyncio.sleep(0)
        return len(conns)

    async def _connect(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        family = socket.AF_INET6 if ":" in self.target_host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.setblocking(False)
            if self.sock_buffer_bytes:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, self.sock_buffer_bytes)
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, self.sock_buffer_bytes)
            await asyncio.get_running_loop().sock_connect(sock, (self.target_host, self.target_port))
            return await asyncio.open_connection(sock=sock)
        except BaseException:
            sock.close()
            raise

    def _rules_for_new_connection(self, cid: int):
        with self._lock:
            rule = self._cut_once.popleft() if self._cut_once else self._cut_every
            conn_drop_prob = self.conn_drop_prob
        faults: dict[str, list] = {UP: [], DOWN: []}
        if rule is not None:
            if rule.up is not None:
                faults[UP].append((rule.up, "cut", rule.how))
            if rule.down is not None:
                faults[DOWN].append((rule.down, "cut", rule.how))
        rng = random.Random(f"{self.seed}/{cid}")
        if conn_drop_prob > 0 and rng.random() < conn_drop_prob:
            direction = rng.choice((UP, DOWN))
            faults[direction].append((rng.randrange(self.conn_drop_bytes), "drop", None))
        return faults

    async def _handle(self, raw: socket.socket) -> None:
        task = asyncio.current_task()
        loop = asyncio.get_running_loop()
        try:
            creader, cwriter = await asyncio.open_connection(sock=raw)
        except BaseException:
            _abort_raw(raw)
            self._handlers.discard(task)
            raise
        finally:
            self._raw.discard(raw)
        self._writers.add(cwriter)
        conn: _Conn | None = None
        swriter = None
        self._bump(connections=1, active=1)
        try:
            cwriter.transport.set_write_buffer_limits(high=0)
            cid = self.stats.connections
            faults = self._rules_for_new_connection(cid)
            conn = _Conn(self, cid, creader, cwriter)
            self._conns.add(conn)
            await self._link_up()  # blackhole: the kernel accepted, nothing goes further
            try:
                sreader, swriter = await self._connect()
            except OSError:  # target down: the client sees a reset (ECONNREFUSED is not possible here)
                _abort(cwriter)
                return
            self._writers.add(swriter)
            swriter.transport.set_write_buffer_limits(high=0)
            conn.sreader, conn.swriter = sreader, swriter
            if conn.broken:  # killed while connecting
                _abort(swriter)
                return
            rtt = (self._params[UP].latency_ms + self._params[DOWN].latency_ms) / 1000.0
            not_before = loop.time() + rtt if self.handshake else 0.0
            up = _Pipe(
                self,
                conn,
                UP,
                creader,
                swriter,
                random.Random(f"{self.seed}/{cid}/{UP}"),
                not_before,
                faults[UP],
            )
            down = _Pipe(
                self,
                conn,
                DOWN,
                sreader,
                cwriter,
                random.Random(f"{self.seed}/{cid}/{DOWN}"),
                0.0,
                faults[DOWN],
            )
            for pipe in (up, down):
                pipe.read_task = loop.create_task(pipe.read_loop())
                pipe.write_task = loop.create_task(pipe.write_loop())
                conn.tasks += [pipe.read_task, pipe.write_task]
            while True:
                pending = [t for t in conn.tasks if not t.done()]
                if not pending:
                    break
                await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            for t in conn.tasks:
                if not t.cancelled() and t.exception() is not None:
                    self.errors.append(f"conn {cid}: {t.exception()!r}")
        except asyncio.CancelledError:
            raise
        except Exception as e:  # noqa: BLE001 - a bug in the emulator: make it visible
            self.errors.append(f"handler: {e!r}")
        finally:
            if conn is not None:
                for t in conn.tasks:
                    t.cancel()
                await asyncio.gather(*conn.tasks, return_exceptions=True)
                self._conns.discard(conn)
            for w in (cwriter, swriter):
                if w is None:
                    continue
                if self._stopping:
                    _abort(w)
                else:
                    _close(w)  # flushes what is left, then FIN
                if w.transport.get_write_buffer_size() == 0:
                    self._writers.discard(w)
            self._bump(active=-1)
            self._handlers.discard(task)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m tests.tools.linkemu",
        description="Userspace TCP link emulator: 127.0.0.1:LISTEN -> TARGET_HOST:TARGET, shaped.",
    )
    ap.add_argument("--listen", type=int, default=0, help="port to listen on (127.0.0.1; 0 = any free)")
    ap.add_argument("--target", type=int, required=True, help="loopback port to forward to")
    ap.add_argument("--target-host", default="127.0.0.1")
    ap.add_argument("--profile", choices=sorted(PROFILES), help="start from a link profile")
    ap.add_argument("--rate", type=float, help="bits/s, both directions")
    ap.add_argument("--up-rate", type=float, help="bits/s client->server")
    ap.add_argument("--down-rate", type=float, help="bits/s server->client")
    ap.add_argument("--latency", type=float, help="one-way ms, both directions (RTT = 2x)")
    ap.add_argument("--drop-prob", type=float, help="per-packet probability of dropping the connection")
    ap.add_argument("--conn-drop-prob", type=float, default=0.0, help="per-connection drop probability")
    ap.add_argument("--fault", choices=HOWS, default="reset", help="how drops break a connection")
    ap.add_argument("--seed", default="0")
    ap.add_argument("--stats-every", type=float, default=0.0, help="print stats every N s (0 = only at exit)")
    args = ap.parse_args(argv)

    kwargs: dict = {}
    if args.profile:
        kwargs = {k: (dict(v) if isinstance(v, dict) else v) for k, v in PROFILES[args.profile].items()}
    up, down = kwargs.pop("upstream", {}), kwargs.pop("downstream", {})
    for key, value in (("rate_bps", args.rate), ("latency_ms", args.latency), ("drop_prob", args.drop_prob)):
        if value is not None:
            kwargs[key] = value
            up.pop(key, None)
            down.pop(key, None)
    if args.up_rate is not None:
        up["rate_bps"] = args.up_rate
    if args.down_rate is not None:
        down["rate_bps"] = args.down_rate

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    link = LinkEmulator(
        args.target,
        target_host=args.target_host,
        listen_port=args.listen,
        upstream=up,
        downstream=down,
        conn_drop_prob=args.conn_drop_prob,
        fault=args.fault,
        seed=args.seed,
        **kwargs,
    )
    with link:
        print(
            f"linkemu: 127.0.0.1:{link.port} -> {link.target_host}:{link.target_port} "
            f"up={link.params(UP)} down={link.params(DOWN)}",
            flush=True,
        )
        try:
            while not stop.wait(args.stats_every or 3600):
                if args.stats_every:
                    print(f"linkemu: {link.stats}", flush=True)
        except KeyboardInterrupt:
            pass
    print(f"linkemu: stopped; {link.stats}", flush=True)
    for fault in link.faults:
        print(f"linkemu: {fault}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
