"""Start, wait for, and kill -9 helper processes (servers) on loopback ports (stdlib only).

Usage from a test::

    from tests.tools.procs import start_python

    with start_python(["-m", "sync.server.cli", "--port", "{port}"], health="/health") as server:
        ...  # server.port, server.url, server.pid
        server.kill()          # SIGKILL (the whole process group), reaped
        server.restart()       # same command, same port, waits until it answers again
    # leaving the block kills whatever is still running and closes the log

``{port}`` in the arguments (and in ``env`` values) is replaced by the chosen port.
stdout and stderr go to one temporary file, read it with ``server.output()``; it is
shown in the error when the process does not come up.
"""

from __future__ import annotations

import atexit
import contextlib
import ipaddress
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Container, Mapping, Sequence

__all__ = [
    "ProcessExited",
    "ServerProcess",
    "free_port",
    "port_open",
    "start_process",
    "start_python",
    "wait_http",
    "wait_port",
    "wait_port_closed",
]

_LIVE: set[ServerProcess] = set()


class ProcessExited(RuntimeError):
    """The process died while we were waiting for it."""


def _check_loopback(host: str) -> None:
    if host == "localhost":
        return
    try:
        ok = ipaddress.ip_address(host).is_loopback
    except ValueError:
        ok = False
    if not ok:
        raise ValueError(f"only loopback hosts are allowed in tests, not {host!r}")


def free_port(host: str = "127.0.0.1") -> int:
    """A port that was free a moment ago (another process may still take it first)."""
    _check_loopback(host)
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def port_open(port: int, host: str = "127.0.0.1", timeout: float = 0.5) -> bool:
    _check_loopback(host)
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def _describe(proc: ServerProcess | subprocess.Popen | None) -> str:
    if isinstance(proc, ServerProcess):
        return f" (exit code {proc.returncode}); output:\n{proc.output()[-4000:]}"
    if proc is not None:
        return f" (exit code {proc.returncode})"
    return ""


def _check_alive(proc: ServerProcess | subprocess.Popen | None, what: str) -> None:
    if proc is not None and proc.poll() is not None:
        raise ProcessExited(f"process exited while waiting for {what}{_describe(proc)}")


def wait_port(
    port: int,
    host: str = "127.0.0.1",
    timeout: float = 15.0,
    proc: ServerProcess | subprocess.Popen | None = None,
) -> None:
    """Wait until ``host:port`` accepts a TCP connection; TimeoutError / ProcessExited otherwise."""
    _check_loopback(host)
    deadline = time.monotonic() + timeout
    while True:
        _check_alive(proc, f"{host}:{port}")
        if port_open(port, host, timeout=min(0.5, max(0.05, deadline - time.monotonic()))):
            return
        if time.monotonic() > deadline:
            raise TimeoutError(
                f"{host}:{port} did not accept connections within {timeout} s{_describe(proc)}"
            )
        time.sleep(0.05)


def wait_port_closed(port: int, host: str = "127.0.0.1", timeout: float = 15.0) -> None:
    """Wait until ``host:port`` refuses connections."""
    deadline = time.monotonic() + timeout
    while port_open(port, host, timeout=0.2):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{host}:{port} still accepts connections after {timeout} s")
        time.sleep(0.05)


_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never an HTTP(S)_PROXY


def wait_http(
    url: str,
    timeout: float = 15.0,
    proc: ServerProcess | subprocess.Popen | None = None,
    ok: Container[int] = range(200, 300),
) -> int:
    """Wait until GET ``url`` (loopback only) answers with a status in ``ok``; returns the status."""
    host = urllib.parse.urlsplit(url).hostname or ""
    _check_loopback(host)
    deadline = time.monotonic() + timeout
    last = "no answer"
    while True:
        _check_alive(proc, url)
        try:
            with _OPENER.open(url, timeout=min(2.0, max(0.1, deadline - time.monotonic()))) as resp:
                resp.read()
                status = resp.status
        except urllib.error.HTTPError as e:
            status = e.code
            e.close()
        except (OSError, ValueError) as e:  # URLError, resets, timeouts, bad status lines
            status = None
            last = repr(e)
        if status is not None:
            if status in ok:
                return status
            last = f"HTTP {status}"
        if time.monotonic() > deadline:
            raise TimeoutError(f"{url} did not answer within {timeout} s (last: {last}){_describe(proc)}")
        time.sleep(0.05)


class ServerProcess:
    """A subprocess listening on a loopback port. Use :func:`start_process` / :func:`start_python`."""

    def __init__(
        self,
        cmd: Sequence[str],
        *,
        port: int | None = None,
        host: str = "127.0.0.1",
        health: str | None = None,
        wait: bool = True,
        env: Mapping[str, str] | None = None,
        cwd: str | os.PathLike | None = None,
        timeout: float = 15.0,
    ) -> None:
        _check_loopback(host)
        self.host = host
        self.port = port if port is not None else free_port(host)
        self.cmd = [str(a).replace("{port}", str(self.port)) for a in cmd]
        self.health = health  # path ("/health") or full loopback URL; None = wait for the TCP port
        self.wait = wait
        self.env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        for k, v in (env or {}).items():
            self.env[k] = str(v).replace("{port}", str(self.port))
        self.cwd = cwd
        self.timeout = timeout
        self.popen: subprocess.Popen | None = None
        self._log = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def pid(self) -> int | None:
        return self.popen.pid if self.popen else None

    @property
    def returncode(self) -> int | None:
        return self.popen.poll() if self.popen else None

    @property
    def alive(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def poll(self) -> int | None:
        return self.returncode

    def output(self) -> str:
        """Everything the process wrote to stdout/stderr so far (all runs)."""
        if self._log is None or self._log.closed:
            return ""
        self._log.flush()
        self._log.seek(0)
        data = self._log.read()
        self._log.seek(0, os.SEEK_END)
        return data.decode("utf-8", "replace")

    def start(self) -> ServerProcess:
        if self.alive:
            raise RuntimeError(f"already running (pid {self.pid})")
        if self._log is None or self._log.closed:
            self._log = tempfile.TemporaryFile()
        self.popen = subprocess.Popen(
            self.cmd,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            env=self.env,
            cwd=self.cwd,
            start_new_session=(os.name == "posix"),  # own process group: kill() reaches its children
        )
        _LIVE.add(self)
        if self.wait:
            try:
                self.wait_ready()
            except BaseException:
                self.close()
                raise
        return self

    def wait_ready(self, timeout: float | None = None) -> None:
        timeout = self.timeout if timeout is None else timeout
        if self.health is None:
            wait_port(self.port, self.host, timeout, proc=self)
        else:
            url = self.health if "://" in self.health else self.url + self.health
            wait_http(url, timeout, proc=self)

    def kill(self) -> int | None:
        """kill -9 (the process group on POSIX) and reap; returns the exit code (-9 on POSIX)."""
        p = self.popen
        if p is None:
            return None
        if p.poll() is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                if os.name == "posix":
                    os.killpg(p.pid, signal.SIGKILL)
                else:  # pragma: no cover
                    p.kill()
        with contextlib.suppress(ProcessLookupError, PermissionError):
            if os.name == "posix":  # children that outlived the leader
                os.killpg(p.pid, signal.SIGKILL)
        try:
            return p.wait(10)
        finally:
            _LIVE.discard(self)

    def terminate(self, timeout: float = 10.0) -> int | None:
        """SIGTERM, wait up to ``timeout``, then SIGKILL."""
        p = self.popen
        if p is None:
            return None
        if p.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                p.terminate()
            try:
                p.wait(timeout)
            except subprocess.TimeoutExpired:
                pass
        return self.kill()

    def restart(self, wait: bool = True) -> ServerProcess:
        """Kill (if running) and start the same command on the same port."""
        self.kill()
        saved, self.wait = self.wait, wait
        try:
            return self.start()
        finally:
            self.wait = saved

    def close(self) -> None:
        """Kill if running, reap, close the log. Idempotent."""
        try:
            self.kill()
        finally:
            if self._log is not None:
                self._log.close()
            _LIVE.discard(self)

    def __enter__(self) -> ServerProcess:
        if self.popen is None:
            self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<ServerProcess pid={self.pid} port={self.port} rc={self.returncode} {self.cmd!r}>"


def start_process(cmd: Sequence[str], **kwargs) -> ServerProcess:
    """Start ``cmd`` on a free loopback port and wait until it is ready (see :class:`ServerProcess`)."""
    return ServerProcess(cmd, **kwargs).start()


def start_python(args: Sequence[str], **kwargs) -> ServerProcess:
    """Like :func:`start_process` for ``sys.executable *args`` (e.g. ``["-m", "pkg.server", "{port}"]``)."""
    return start_process([sys.executable, *args], **kwargs)


@atexit.register
def _kill_leftovers() -> None:
    for proc in list(_LIVE):
        with contextlib.suppress(Exception):
            proc.close()
