"""Small timing helpers for benchmarks: medians and percentiles over repeated runs."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def measure(fn: Callable[[], object], repeat: int = 20, warmup: int = 2) -> list[float]:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return samples


def summary(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"median {statistics.median(ordered):.1f} ms, p95 {p95:.1f} ms, max {ordered[-1]:.1f} ms (n={len(ordered)})"


def rss_mb() -> float:
    """Resident memory of this process, MB (Linux /proc; 0 elsewhere)."""
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def on_each_server_database(measure: Callable[[str, object], None]) -> None:
    """Runs ``measure(name, storage)`` on a fresh SQLite server store, then on PostgreSQL when
    ``LAYAN_BENCH_PG_URL`` names an empty database."""
    import os
    import tempfile

    from sync.server.storage import Storage

    with tempfile.TemporaryDirectory() as tmp:
        storage = Storage.open(tmp)
        try:
            measure("SQLite", storage)
        finally:
            storage.close()
    url = os.environ.get("LAYAN_BENCH_PG_URL")
    if not url:
        print("PostgreSQL: set LAYAN_BENCH_PG_URL to measure it too")
        return
    with tempfile.TemporaryDirectory() as tmp:
        storage = Storage.open(tmp, url)
        try:
            measure("PostgreSQL", storage)
        finally:
            storage.close()
