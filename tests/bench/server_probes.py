"""What a sync server and its PostgreSQL do during a benchmark (Linux /proc, pg_stat_activity): CPU per
process, connections per worker, backends' wait events, WAL written. Used by bench_workers.py."""

from __future__ import annotations

import os
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
