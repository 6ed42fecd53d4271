"""What a sync server and its PostgreSQL do during a benchmark (Linux /proc, pg_stat_activity): CPU per
process, connections per worker, backends' wait events, WAL written. Used by bench_workers.py."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import psycopg


class WaitSampler(threading.Thread):
    """What the database's backends are doing, sampled from pg_stat_activity every 50 ms: on CPU,
    waiting for a lock (the rev counter, a row), for WAL, or idle inside a transaction while the
    server's Python works. Costs PostgreSQL about one small query per sample."""

    def __init__(self, db_url: str):
        super().__init__(daemon=True)
        self.db_url = db_url
        self.stop = threading.Event()
        self.samples = self.most_connections = 0
        self.counts: dict[str, int] = {}

    def run(self) -> None:
        with psycopg.connect(self.db_url, autocommit=True) as conn:
            while not self.stop.wait(0.05):
                rows = conn.execute(
                    "SELECT state, wait_event_type, wait_event, left(query, 48) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()").fetchall()
                self.samples += 1
                self.most_connections = max(self.most_connections, len(rows))
                for state, kind, event, query in rows:
                    if state not in ("active", "idle in transaction"):
                        continue
                    if state != "active":
                        key = "idle in a transaction (the server's Python works)"
                    elif kind == "Client":
                        key = "active, waiting for the server's data (COPY)"
                    else:
                        key = "running" if kind is None else f"{kind}:{event}"
                        if kind == "Lock":  # which statement waits says which lock it is
                            key += f" ({' '.join(query.split())})"
                    self.counts[key] = self.counts.get(key, 0) + 1

    def summary(self) -> str:
        if not self.samples:
            return "-"
        top = sorted(self.counts.items(), key=lambda kv: -kv[1])[:5]
        return ", ".join(f"{k} {v / self.samples:.2f}" for k, v in top) + (
            f"; at most {self.most_connections} connections")


def process_cpu(pid: int) -> dict[int, float]:
    """CPU seconds (user + system) of ``pid`` and each live descendant, by pid."""
    tick = os.sysconf("SC_CLK_TCK")
    stats = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                text = open(f"/proc/{entry}/stat").read()
            except OSError:
                continue
            fields = text[text.rfind(")") + 2:].split()
            stats[int(entry)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)
    out, todo = {}, [pid]
    while todo:
        p = todo.pop()
        if p in stats and p not in out:
            out[p] = stats[p][1]
            todo += [c for c, (ppid, _) in stats.items() if ppid == p]
    return out


def connections_by_process(pids: list[int], port: int) -> list[int]:
    """How many established connections to ``port`` each of ``pids`` holds (keep-alive connections
    stay with the worker that accepted them)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = open(table).read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            cols = line.split()
            if cols[3] == "01" and int(cols[1].rsplit(":", 1)[1], 16) == port:  # ESTABLISHED, local port
                inodes.add(cols[9])
    counts = []
    for pid in pids:
        try:
            links = [os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")]
        except OSError:
            links = []
        counts.append(sum(1 for link in links if link.startswith("socket:[") and link[8:-1] in inodes))
    return counts


def wal_lsn(url: str) -> int:
    """Bytes of WAL the cluster has written so far (its current insert position)."""
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint").fetchone()[0]


def postmaster_pid(url: str) -> int | None:
    """The PostgreSQL server's main process, when it runs on this machine and we may ask (superuser)."""
    try:
        with psycopg.connect(url, connect_timeout=10) as conn:
            data_dir = conn.execute("SHOW data_directory").fetchone()[0]
        return int(Path(data_dir, "postmaster.pid").read_text().split()[0])
    except (psycopg.Error, OSError, ValueError, IndexError):
        return None


class PySpy:
    """``py-spy record`` of the server's processes while the clock runs (``LAYAN_BENCH_WORKERS_PYSPY=FILE``):
    raw (collapsed) stacks, one file per process (FILE.<pid>), threads apart, waits left out unless
    ``LAYAN_BENCH_WORKERS_PYSPY_ARGS`` says otherwise (e.g. ``--idle --gil --native``)."""

    def __init__(self, out: str | None, pids: list[int]):
        self.procs = []
        if not out:
            return
        extra = os.environ.get("LAYAN_BENCH_WORKERS_PYSPY_ARGS", "").split()
        spy = Path(sys.executable).with_name("py-spy")
        for pid in pids:
            self.procs.append(subprocess.Popen(
                [str(spy), "record", "-p", str(pid), "-r", "200", "-f", "raw", "--threads", "-o", f"{out}.{pid}",
                 *extra], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))

    def stop(self) -> None:
        for p in self.procs:
            p.send_signal(signal.SIGINT)  # py-spy writes its file on Ctrl+C
        for p in self.procs:
            p.wait(timeout=60)


class Statements:
    """What each statement cost PostgreSQL while the clock ran, by ``pg_stat_statements`` (when the cluster
    loads it: ``shared_preload_libraries``): calls and execution time per mutation, and per request."""

    def __init__(self, url: str):
        self.url, self.ok = url, False
        try:
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
                conn.execute("SELECT pg_stat_statements_reset()")
            self.ok = True
        except psycopg.Error:
            pass

    def top(self, db_name: str, mutations: int, n: int = 25) -> list[str]:
        if not self.ok:
            return []
        with psycopg.connect(self.url) as conn:
            rows = conn.execute(  # planning time counts when the cluster tracks it (track_planning)
                "SELECT calls, total_exec_time + total_plan_time, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) "
                "FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = %s "
                "ORDER BY 2 DESC", (db_name,)).fetchall()
        calls = sum(r[0] for r in rows)
        total = sum(r[1] for r in rows)
        out = [f"{calls:,} statements, {total / mutations * 1000:.1f} µs of planning and execution per mutation "
               f"({calls / max(mutations, 1):.3f} statements per mutation)"]
        for c, ms, nrows, q in rows[:n]:
            out.append(f"{ms / mutations * 1000:6.2f} µs/mutation {c:7,} calls {nrows:9,} rows  {q}")
        return out
