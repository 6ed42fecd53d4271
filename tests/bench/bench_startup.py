"""Cold start to a usable window: an empty PySide6 window against Layan's login window and main window on
1,000,000 letters (the Surat Masuk register showing its first rows). Goals: within 1.3x (login) and 1.5x
(main window) of the empty window.

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
print("ready", __import__("time").process_time(), flush=True)
"""

# What `layan` does up to the login window (desktop/ui/app.py run_gui and launch), without waiting for a
# password: the window is on screen and takes keys.
LOGIN = """
import sys
from desktop.ui.app import prepare_app
app = prepare_app("id")
from desktop.domain import open_store
from desktop.tasks import TaskManager
from desktop.ui.login_dialog import LoginDialog
store = open_store(sys.argv[1])
manager = TaskManager(store)
login = LoginDialog(store)
login.show()
app.processEvents()
print("ready", __import__("time").process_time(), flush=True)
manager.shutdown()
store.close()
"""

LAYAN = """
import sys
from desktop.ui.app import prepare_app
app = prepare_app("id")
from desktop.domain import open_store
from desktop.tasks import TaskManager
from desktop.ui.main_window import MainWindow
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
    print("ready", __import__("time").process_time(), rows, flush=True)
    app.quit()
model.first_rows.connect(ready)  # usable: the newest letters are on screen
model.loaded.connect(ready)
window.show()
app.exec()
manager.shutdown()
store.close()
"""


def time_child(code: str, *args: str) -> tuple[float, float]:
    """(wall ms from spawn to "ready", the child's own CPU ms until then). On a busy machine the CPU time is
    the fairer comparison: the wall time also counts the time the child waited for a core."""
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
    return elapsed, float(line.split()[1]) * 1000


def run() -> None:
    folder = make_letters(N)
    results: dict[str, list[tuple[float, float]]] = {"empty": [], "login": [], "main": []}
    for _ in range(RUNS):
        results["empty"].append(time_child(EMPTY))
        results["login"].append(time_child(LOGIN, str(folder)))
        results["main"].append(time_child(LAYAN, str(folder)))
    wall = {k: statistics.median(w for w, _ in v) for k, v in results.items()}
    cpu = {k: statistics.median(c for _, c in v) for k, v in results.items()}

    def runs(kind: str) -> str:
        return ", ".join(f"{w:.0f}" for w, _ in results[kind])

    print(f"- empty PySide6 window: median {wall['empty']:.0f} ms wall (runs: {runs('empty')}), {cpu['empty']:.0f} ms CPU")
    for kind, label, goal in (("login", "login window", 1.3), ("main", "main window, Surat Masuk painted", 1.5)):
        print(f"- Layan {label}, {N:,} letters: median {wall[kind]:.0f} ms wall (runs: {runs(kind)}), "
              f"{cpu[kind]:.0f} ms CPU; ratio {wall[kind] / wall['empty']:.2f}x wall, "
              f"{cpu[kind] / cpu['empty']:.2f}x CPU (goal ≤ {goal}x)")
