"""The link emulator (tests/tools/linkemu.py) and process helpers (tests/tools/procs.py).

Real sockets on loopback; timing is only ever asserted as a lower bound.
"""

from __future__ import annotations

import gc
import random
import socket
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.tools.linkemu import Fault, LinkEmulator, LinkParams
from tests.tools.procs import (
    ProcessExited,
    free_port,
    port_open,
    start_python,
    wait_http,
    wait_port,
    wait_port_closed,
)

REPO = Path(__file__).resolve().parents[2]
SLACK = 0.02  # timer granularity when asserting lower bounds


class RecordingServer:
    """Threaded TCP server on 127.0.0.1:0 that records what each connection received.

    mode "echo" sends everything back (and half-closes on EOF), "sink" only reads.
    """

    def __init__(self, mode: str = "echo") -> None:
        self.mode = mode
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.05)
        self.port = self.sock.getsockname()[1]
        self.received: list[bytearray] = []
        self.ended: dict[int, str] = {}  # conn index -> "eof" | "reset"
        self.cond = threading.Condition()
        self.stop = threading.Event()
        self.threads: list[threading.Thread] = []
        self.acceptor = threading.Thread(target=self._accept, name="recording-server", daemon=True)
        self.acceptor.start()

    def _accept(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self.cond:
                idx = len(self.received)
                self.received.append(bytearray())
            t = threading.Thread(target=self._serve, args=(conn, idx), daemon=True)
            self.threads.append(t)
            t.start()

    def _serve(self, conn: socket.socket, idx: int) -> None:
        how = "eof"
        with conn:
            conn.settimeout(0.05)
            while not self.stop.is_set():
                try:
                    data = conn.recv(65536)
                except TimeoutError:
                    continue
                except OSError:
                    how = "reset"
                    break
                if not data:
                    if self.mode == "echo":
                        try:
                            conn.shutdown(socket.SHUT_WR)
                        except OSError:
                            pass
                    break
                with self.cond:
                    self.received[idx] += data
                    self.cond.notify_all()
                if self.mode == "echo":
                    try:
                        conn.sendall(data)
                    except OSError:
                        how = "reset"
                        break
            else:
                how = "stopped"
        with self.cond:
            self.ended[idx] = how
            self.cond.notify_all()

    def got(self, idx: int) -> bytes:
        with self.cond:
            return bytes(self.received[idx]) if idx < len(self.received) else b""

    def wait(self, predicate, timeout: float = 5.0) -> None:
        with self.cond:
            assert self.cond.wait_for(predicate, timeout), "server never saw the expected traffic"

    def wait_bytes(self, idx: int, n: int, timeout: float = 5.0) -> bytes:
        self.wait(lambda: len(self.got(idx)) >= n, timeout)
        return self.got(idx)

    def wait_ended(self, idx: int, timeout: float = 5.0) -> str:
        self.wait(lambda: idx in self.ended, timeout)
        return self.ended[idx]

    def close(self) -> None:
        self.stop.set()
        self.acceptor.join(5)
        self.sock.close()
        for t in self.threads:
            t.join(5)


@pytest.fixture
def echo():
    server = RecordingServer("echo")
    yield server
    server.close()


@pytest.fixture
def sink():
    server = RecordingServer("sink")
    yield server
    server.close()


def connect(port: int) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=5)


def read_until_closed(sock: socket.socket) -> tuple[bytes, str]:
    """Everything the peer sent, and how the stream ended ("eof" or "reset")."""
    buf = bytearray()
    while True:
        try:
            data = sock.recv(65536)
        except ConnectionResetError:
            return bytes(buf), "reset"
        if not data:
            return bytes(buf), "eof"
        buf += data


def send_quietly(sock: socket.socket, payload: bytes) -> None:
    """sendall that ignores the connection breaking (we are testing breaks)."""
    try:
        sock.sendall(payload)
        sock.shutdown(socket.SHUT_WR)
    except OSError:
        pass


def recv_exactly(sock: socket.socket, n: int) -> bytes:
    buf = bytearray()
    while len(buf) < n:
        data = sock.recv(n - len(buf))
        assert data, f"connection closed after {len(buf)} of {n} bytes"
        buf += data
    return bytes(buf)


def check_clean(link: LinkEmulator) -> None:
    assert link.errors == []


# -- forwarding ------------------------------------------------------------------


def test_forwards_bytes_exactly_both_ways(echo):
    payload = random.Random(0).randbytes(300_000)
    with LinkEmulator(echo.port) as link:
        with connect(link.port) as c:
            sender = threading.Thread(target=c.sendall, args=(payload,))
            sender.start()
            got = bytearray()
            while len(got) < len(payload):
                data = c.recv(65536)
                assert data, "closed early"
                got += data
            sender.join()
            c.shutdown(socket.SHUT_WR)  # EOF travels to the server, its EOF comes back
            rest, ended = read_until_closed(c)
        assert bytes(got) == payload
        assert rest == b"" and ended == "eof"
        assert echo.wait_ended(0) == "eof"
        assert bytes(echo.received[0]) == payload
        stats = link.wait_idle()
        assert (stats.bytes_up, stats.bytes_down) == (len(payload), len(payload))
        assert (stats.connections, stats.cuts, stats.drops) == (1, 0, 0)
        check_clean(link)


def test_server_closing_first_reaches_client(sink):
    """A server that closes sends FIN through the link; the client reads EOF, not a hang."""
    with LinkEmulator(sink.port, latency_ms=20) as link:
        with connect(link.port) as c:
            c.sendall(b"hello")
            assert sink.wait_bytes(0, 5) == b"hello"
        sink.wait_ended(0)
        link.wait_idle()
        check_clean(link)


def test_stats_count_bytes_and_connections(echo):
    sizes = [1, 5000, 70_000]
    with LinkEmulator(echo.port) as link:
        for n in sizes:
            with connect(link.port) as c:
                c.sendall(b"x" * n)
                c.shutdown(socket.SHUT_WR)
                data, ended = read_until_closed(c)
                assert len(data) == n and ended == "eof"
        stats = link.wait_idle()
        assert stats.bytes_up == sum(sizes)
        assert stats.bytes_down == sum(sizes)
        assert stats.connections == 3
        assert (stats.cuts, stats.drops, stats.kills, stats.active) == (0, 0, 0, 0)
        assert link.faults == []
        check_clean(link)


# -- shaping -----------------------------------------------------------------------


def test_latency_adds_at_least_one_rtt(echo):
    with LinkEmulator(echo.port, latency_ms=100) as link:
        with connect(link.port) as c:
            t0 = time.monotonic()
            c.sendall(b"a")
            assert recv_exactly(c, 1) == b"a"
            first = time.monotonic() - t0  # handshake RTT + request/response RTT
            t0 = time.monotonic()
            c.sendall(b"b")
            assert recv_exactly(c, 1) == b"b"
            second = time.monotonic() - t0
        assert first >= 0.4 - SLACK
        assert second >= 0.2 - SLACK
        check_clean(link)


def test_latency_is_a_delay_line_not_a_sleep_per_chunk(echo):
    """Many small writes in one direction arrive ~latency later, not latency x chunks later.

    (A lower bound on the single delay, and a bound far from chunks x latency.)"""
    with LinkEmulator(echo.port, latency_ms=150, handshake=False) as link:
        with connect(link.port) as c:
            t0 = time.monotonic()
            for _ in range(20):
                c.sendall(b"z" * 10)
                time.sleep(0.005)
            assert recv_exactly(c, 200) == b"z" * 200
            elapsed = time.monotonic() - t0
        assert elapsed >= 0.3 - SLACK
        assert elapsed < 20 * 0.3 / 2, "chunks were delayed one after the other"
        check_clean(link)


def test_rate_pacing_lower_bound(sink):
    # 32 kbit/s = 4000 B/s: 8000 bytes need at least 2 s on the wire
    with LinkEmulator(sink.port, rate_bps=32_000, handshake=False) as link:
        with connect(link.port) as c:
            t0 = time.monotonic()
            c.sendall(b"r" * 8000)
            assert sink.wait_bytes(0, 8000, timeout=10) == b"r" * 8000
            elapsed = time.monotonic() - t0
        assert elapsed >= 2.0 - SLACK
        check_clean(link)


def test_rate_per_direction(echo):
    # only the downstream is slow: 4000 bytes at 16 kbit/s >= 2 s, while the server got them at once
    with LinkEmulator(echo.port, downstream={"rate_bps": 16_000}, handshake=False) as link:
        assert link.params("up") == LinkParams()
        with connect(link.port) as c:
            t0 = time.monotonic()
            c.sendall(b"d" * 4000)
            echo.wait_bytes(0, 4000)
            assert recv_exactly(c, 4000) == b"d" * 4000
            elapsed = time.monotonic() - t0
        assert elapsed >= 2.0 - SLACK
        check_clean(link)


def test_set_changes_the_link_live(echo):
    with LinkEmulator(echo.port, handshake=False) as link:
        with connect(link.port) as c:
            c.sendall(b"1")
            assert recv_exactly(c, 1) == b"1"
            link.set(latency_ms=150)
            t0 = time.monotonic()
            c.sendall(b"2")
            assert recv_exactly(c, 1) == b"2"
            assert time.monotonic() - t0 >= 0.3 - SLACK
            link.set(latency_ms=0, rate_bps=8_000, direction="up")  # 1000 B/s up only
            assert link.params("up").rate_bps == 8_000 and link.params("down").rate_bps is None
            t0 = time.monotonic()
            c.sendall(b"3" * 1000)
            assert recv_exactly(c, 1000) == b"3" * 1000
            assert time.monotonic() - t0 >= 1.0 - SLACK
        with pytest.raises(ValueError):
            link.set(drop_prob=2)
        with pytest.raises(ValueError):
            link.set(latency_ms=1, direction="sideways")
        check_clean(link)


# -- cuts --------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["reset", "close"])
def test_cut_after_upstream_bytes_once(sink, how):
    payload = bytes(range(256)) * 80  # 20480 bytes
    with LinkEmulator(sink.port, latency_ms=10) as link:
        link.cut_after(upstream_bytes=5000, how=how)
        with connect(link.port) as c:
            sender = threading.Thread(target=send_quietly, args=(c, payload))
            sender.start()
            _, ended = read_until_closed(c)  # the client sees its connection die
            sender.join()
        assert ended == ("reset" if how == "reset" else "eof")
        sink.wait_ended(0)
        assert bytes(sink.received[0]) == payload[:5000]  # exactly N bytes, in order
        link.wait_until(lambda s: s.cuts == 1 and s.active == 0)
        assert link.faults == [Fault(conn=1, kind="cut", direction="up", at_bytes=5000, how=how)]

        # the rule was for one connection only
        with connect(link.port) as c:
            c.sendall(payload)
            c.shutdown(socket.SHUT_WR)
            assert read_until_closed(c) == (b"", "eof")
        assert sink.wait_ended(1) == "eof"
        assert bytes(sink.received[1]) == payload
        stats = link.wait_idle()
        assert (stats.connections, stats.cuts) == (2, 1)
        assert stats.bytes_up == 5000 + len(payload)
        check_clean(link)


def test_cut_after_every_connection_and_clear(sink):
    with LinkEmulator(sink.port) as link:
        link.cut_after(upstream_bytes=1000, every=True)
        for i in range(3):
            with connect(link.port) as c:
                send_quietly(c, b"e" * 4000)
                read_until_closed(c)
            sink.wait_ended(i)
            assert len(sink.received[i]) == 1000
        link.clear_cuts()
        with connect(link.port) as c:
            c.sendall(b"e" * 4000)
            c.shutdown(socket.SHUT_WR)
            read_until_closed(c)
        sink.wait_ended(3)
        assert len(sink.received[3]) == 4000
        assert link.wait_idle().cuts == 3
        check_clean(link)


def test_queued_cut_rules_apply_to_successive_connections(sink):
    with LinkEmulator(sink.port) as link:
        link.cut_after(upstream_bytes=100)
        link.cut_after(upstream_bytes=200)
        for i in range(3):
            with connect(link.port) as c:
                send_quietly(c, b"q" * 1000)
                read_until_closed(c)
            sink.wait_ended(i)
        assert [len(r) for r in sink.received] == [100, 200, 1000]
        check_clean(link)


@pytest.mark.parametrize("how", ["reset", "close"])
def test_cut_after_downstream_bytes(echo, how):
    payload = random.Random(3).randbytes(10_000)
    with LinkEmulator(echo.port) as link:
        link.cut_after(downstream_bytes=3000, how=how)
        with connect(link.port) as c:
            sender = threading.Thread(target=send_quietly, args=(c, payload))
            sender.start()
            got, ended = read_until_closed(c)
            sender.join()
        assert got == payload[:3000]
        assert ended == ("reset" if how == "reset" else "eof")
        link.wait_idle()
        assert link.faults == [Fault(conn=1, kind="cut", direction="down", at_bytes=3000, how=how)]
        check_clean(link)


def test_cut_stall_passes_nothing_and_keeps_the_socket_open(sink):
    with LinkEmulator(sink.port) as link:
        link.cut_after(upstream_bytes=100, how="stall")
        with connect(link.port) as c:
            c.settimeout(0.3)
            c.sendall(b"s" * 1000)
            with pytest.raises(TimeoutError):  # no EOF, no reset: silence, like a dead link
                c.recv(10)
            assert sink.got(0) == b"s" * 100
        # the server is not told either: its side stays open until the emulator stops
        time.sleep(0.2)
        assert 0 not in sink.ended
        assert link.stats.active == 1
        check_clean(link)
    assert sink.wait_ended(0) == "reset"


def test_kill_connections_breaks_open_keepalive_connections(echo):
    with LinkEmulator(echo.port) as link:
        with connect(link.port) as c:
            c.sendall(b"k")
            assert recv_exactly(c, 1) == b"k"
            assert link.kill_connections() == 1
            _, ended = read_until_closed(c)
            assert ended == "reset"
        assert echo.wait_ended(0) == "reset"
        stats = link.wait_idle()
        assert stats.kills == 1
        check_clean(link)


# -- link down ---------------------------------------------------------------------


def test_down_blackhole_passes_nothing_until_up(echo):
    with LinkEmulator(echo.port) as link:
        link.down()
        assert not link.is_up
        with connect(link.port) as c:  # the kernel still accepts
            c.settimeout(0.5)
            c.sendall(b"hello")
            with pytest.raises(TimeoutError):
                c.recv(10)
            assert echo.received == []  # not even a connection reached the server
            link.up()
            c.settimeout(5)
            assert recv_exactly(c, 5) == b"hello"
        check_clean(link)


def test_down_blackhole_freezes_open_connections(echo):
    with LinkEmulator(echo.port) as link:
        with connect(link.port) as c:
            c.sendall(b"1")
            assert recv_exactly(c, 1) == b"1"
            link.down("blackhole")
            c.settimeout(0.4)
            c.sendall(b"2")
            with pytest.raises(TimeoutError):
                c.recv(1)
            assert bytes(echo.received[0]) == b"1"
            link.up()
            c.settimeout(5)
            assert recv_exactly(c, 1) == b"2"
        check_clean(link)


def test_down_refuse_refuses_and_resets(echo):
    with LinkEmulator(echo.port) as link:
        port = link.port
        with connect(port) as open_conn:
            open_conn.sendall(b"x")
            assert recv_exactly(open_conn, 1) == b"x"
            link.down("refuse")
            assert read_until_closed(open_conn)[1] == "reset"
        with pytest.raises(ConnectionRefusedError):
            connect(port)
        link.up()
        assert link.port == port and link.is_up
        with connect(port) as c:
            c.sendall(b"back")
            assert recv_exactly(c, 4) == b"back"
        assert link.stats.kills == 1
        check_clean(link)


# -- seeded random drops -----------------------------------------------------------


def _drop_run(sink: RecordingServer, seed: int, **kwargs) -> tuple[list[Fault], list[int]]:
    start = len(sink.received)
    with LinkEmulator(sink.port, seed=seed, **kwargs) as link:
        for i in range(6):
            with connect(link.port) as c:
                send_quietly(c, bytes(14_600))
                read_until_closed(c)
            sink.wait_ended(start + i)
        link.wait_idle()
        check_clean(link)
        return link.faults, [len(r) for r in sink.received[start:]]


def test_seeded_packet_drops_are_repeatable(sink):
    kwargs = {"upstream": {"drop_prob": 0.2}, "packet_bytes": 1460}
    faults, lengths = _drop_run(sink, 7, **kwargs)
    assert (faults, lengths) == _drop_run(sink, 7, **kwargs)
    assert faults, "p=0.2 per packet over 60 packets must drop something"
    assert all(f.kind == "drop" and f.direction == "up" for f in faults)
    assert all(f.at_bytes % 1460 == 0 for f in faults)  # drops fall on packet boundaries
    dropped = {f.conn for f in faults}
    for n, length in enumerate(lengths, start=1):
        if n in dropped:
            (f,) = [f for f in faults if f.conn == n]
            assert length == f.at_bytes  # the server saw exactly what passed before the drop
        else:
            assert length == 14_600
    other = _drop_run(sink, 8, **kwargs)
    assert other != (faults, lengths)  # another seed, another pattern


def test_seeded_connection_drops_are_repeatable(sink):
    kwargs = {"conn_drop_prob": 0.5, "conn_drop_bytes": 14_000}
    first = _drop_run(sink, 11, **kwargs)
    assert first == _drop_run(sink, 11, **kwargs)
    faults, lengths = first
    assert faults, "p=0.5 over 6 connections must drop something"
    assert all(f.kind == "drop" for f in faults)
    assert len({f.conn for f in faults}) == len(faults)  # at most one drop per connection
    for f in faults:
        if f.direction == "up":  # the server saw exactly what passed before the drop
            assert lengths[f.conn - 1] == f.at_bytes < 14_000
    assert first != _drop_run(sink, 12, **kwargs)


# -- lifecycle and safety ----------------------------------------------------------


def test_refuses_non_loopback_targets():
    for host in ("192.0.2.1", "8.8.8.8", "example.com", "0.0.0.0"):
        with pytest.raises(ValueError):
            LinkEmulator(80, target_host=host)
    LinkEmulator(80, target_host="localhost")  # fine (not started)
    LinkEmulator(80, target_host="::1")


def test_stops_cleanly_with_connections_open(echo):
    before = {t.ident for t in threading.enumerate()}
    link = LinkEmulator(echo.port, latency_ms=50)
    with link:
        port = link.port
        c = connect(port)
        c.sendall(b"pending")  # still in the delay line when we stop
    with c:
        c.settimeout(5)
        assert read_until_closed(c)[1] in ("reset", "eof")
    assert not port_open(port)
    gc.collect()  # unclosed transports/sockets would warn here (warnings are errors)
    leftover = [t for t in threading.enumerate() if t.ident not in before and t.name.startswith("linkemu")]
    assert leftover == []
    link.stop()  # idempotent
    check_clean(link)


def test_target_down_resets_the_client():
    # A bound, non-listening socket: connect() to it is refused, and nothing else
    # (not even an ephemeral client port, which could self-connect) can take the port.
    with socket.socket() as hold:
        hold.bind(("127.0.0.1", 0))
        with LinkEmulator(hold.getsockname()[1]) as link:
            try:
                c = connect(link.port)
            except ConnectionResetError:
                pass  # the reset came back before connect() returned (a loaded machine): the same outcome
            else:
                with c:
                    assert read_until_closed(c)[1] == "reset"
            link.wait_idle()
            check_clean(link)


# -- procs ----------------------------------------------------------------------------


def test_procs_http_server_through_link_then_kill_9(tmp_path):
    (tmp_path / "hello.txt").write_bytes(b"selamat pagi\n" * 100)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with start_python(
        ["-m", "http.server", "--bind", "127.0.0.1", "{port}"], health="/", cwd=tmp_path
    ) as srv:
        assert srv.alive and port_open(srv.port)
        with LinkEmulator(srv.port, latency_ms=20, rate_bps=1_000_000) as link:
            with opener.open(f"http://127.0.0.1:{link.port}/hello.txt", timeout=5) as resp:
                assert resp.read() == b"selamat pagi\n" * 100
            assert srv.kill() == -9
            assert not srv.alive
            wait_port_closed(srv.port)
            with pytest.raises((urllib.error.URLError, ConnectionError)):
                with opener.open(f"http://127.0.0.1:{link.port}/hello.txt", timeout=5) as resp:
                    resp.read()
            srv.restart()  # same port, waits for the health URL
            assert wait_http(f"{srv.url}/hello.txt") == 200
            link.wait_idle()
            check_clean(link)
        assert "GET /hello.txt" in srv.output()
    assert not srv.alive


def test_procs_reports_a_process_that_dies_while_starting():
    with pytest.raises(ProcessExited, match="boom"):
        start_python(["-c", "import sys; print('boom'); sys.exit(3)"], timeout=10)


def test_procs_wait_port_times_out():
    with pytest.raises(TimeoutError):
        wait_port(free_port(), timeout=0.3)
    with pytest.raises(ValueError):
        wait_http("http://192.0.2.1/", timeout=0.1)


def test_linkemu_runs_as_a_script(echo):
    cmd = ["-m", "tests.tools.linkemu", "--listen", "{port}", "--target", str(echo.port), "--latency", "10"]
    with start_python(cmd, cwd=REPO) as emu:
        with connect(emu.port) as c:
            c.sendall(b"via script")
            assert recv_exactly(c, 10) == b"via script"
        assert emu.terminate() == 0
        assert "linkemu: 127.0.0.1:" in emu.output()
        assert "stopped" in emu.output()
