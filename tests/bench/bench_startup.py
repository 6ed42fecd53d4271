"""Cold start to a usable window: an empty PySide6 window against Layan's main window on 1,000,000
letters (the Surat Masuk register showing its first rows). Goal: within 1.5x of the empty window.

Each run is a fresh process (imports included), timed from spawn to the child's "ready" line,
alternating the two kinds so both see the same machine state.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from .bench_store import N
from .dataset import make_letters

ROOT = Path(__file__).resolve().parents[2]
RUNS = int(os.environ.get("LAYAN_BENCH_RUNS", "5"))

EMPTY = """
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication([])
w = QMainWindow(); w.setCentralWidget(QLabel("kosong")); w.resize(1200, 760); w.show()
app.processEvents()
print("ready", flush=True)
"""

LAYAN = """
import sys
from PySide6.QtWidgets import QApplication
from desktop.domain import open_store
from desktop.tasks import TaskManager
from desktop.ui.main_window import MainWindow
from desktop.ui.style import apply_style
app = QApplication([])
apply_style(app)
store = open_store(sys.argv[1])
manager = TaskManager(store)
window = MainWindow(store, manager, {"username": "bench", "full_name": "Bench", "role": "admin"})
model = window.page_by_module["surat_masuk"].model
done = []
def ready(rows):
    if done:
        return
    done.append(rows)
    app.processEvents()  # the rows are painted
    print("ready", rows, flush=True)
    app.quit()
model.first_rows.connect(ready)  # usable: the newest letters are on screen
model.loaded.connect(ready)
window.show()
app.exec()
manager.shutdown()
store.close()
"""


def time_child(code: str, *args: str) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env,
                            cwd=ROOT)
    line = proc.stdout.readline()
    elapsed = (time.perf_counter() - t0) * 1000
    proc.wait(timeout=120)
    proc.stdout.close()
    if not line.startswith("ready"):
        raise RuntimeError(f"child did not get ready: {line!r}")
    return elapsed


def run() -> None:
    folder = make_letters(N)
    empty, layan = [], []
    for _ in range(RUNS):
        empty.append(time_child(EMPTY))
        layan.append(time_child(LAYAN, str(folder)))
    e, lay = statistics.median(empty), statistics.median(layan)
    print(f"- empty PySide6 window: median {e:.0f} ms (runs: {', '.join(f'{x:.0f}' for x in empty)})")
    print(f"- Layan main window, Surat Masuk with {N:,} letters loaded: median {lay:.0f} ms "
          f"(runs: {', '.join(f'{x:.0f}' for x in layan)})")
    print(f"- ratio: {lay / e:.2f}x (goal ≤ 1.5x)")
