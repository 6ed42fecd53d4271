"""Exports of the 1,000,000-letter store (Surat Masuk 666,666 + Surat Keluar 333,334 letters): wall time and
peak memory of `layan export` per format. Goal: every format within 150 MB peak memory.

Each export is a fresh process (as the clerk's command or the GUI's worker would run it); its peak
resident memory is the child's own ru_maxrss (os.wait4), so one run does not hide another.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .bench_store import N
from .dataset import make_letters

ROOT = Path(__file__).resolve().parents[2]
FORMATS = os.environ.get("LAYAN_BENCH_EXPORT_FORMATS", "csv,xlsx,json").split(",")
KINDS = os.environ.get("LAYAN_BENCH_EXPORT_KINDS", "surat-masuk,surat-keluar").split(",")


def export_once(folder: Path, kind: str, fmt: str, target: Path) -> tuple[float, float, str]:
    """(seconds, peak MB, the command's last line) of one `layan export` in a fresh process."""
    env = {**os.environ, "LAYAN_DATA_DIR": str(folder), "PYTHONPATH": str(ROOT)}
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "desktop.cli", "export", kind, "--format", fmt, "-o", str(target)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
    output = proc.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stdout.close()
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"export {kind} {fmt} failed: {output[-500:]}")
    return elapsed, usage.ru_maxrss / 1024, output.strip().splitlines()[-1]


def run() -> None:
    folder = make_letters(N)
    with tempfile.TemporaryDirectory(prefix="layan-export-") as out:
        for fmt in FORMATS:
            for kind in KINDS:
                target = Path(out) / f"{kind}.{fmt}"
                seconds, peak, said = export_once(folder, kind, fmt, target)
                size = target.stat().st_size / 2**20
                print(f"- {kind} --format {fmt}: {seconds:.1f} s, peak memory {peak:.0f} MB, file {size:.0f} MB ({said})")
                target.unlink()
