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
print("ready", flush=True)
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
print("ready", flush=True)
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
    empty, login, layan = [], [], []
    for _ in range(RUNS):
        empty.append(time_child(EMPTY))
        login.append(time_child(LOGIN, str(folder)))
        layan.append(time_child(LAYAN, str(folder)))
    e, log_in, lay = statistics.median(empty), statistics.median(login), statistics.median(layan)

    def runs(samples: list[float]) -> str:
        return ", ".join(f"{x:.0f}" for x in samples)

    print(f"- empty PySide6 window: median {e:.0f} ms (runs: {runs(empty)})")
    print(f"- Layan login window, {N:,} letters: median {log_in:.0f} ms (runs: {runs(login)}); "
          f"ratio {log_in / e:.2f}x (goal ≤ 1.3x)")
    print(f"- Layan main window, Surat Masuk with {N:,} letters loaded: median {lay:.0f} ms "
          f"(runs: {runs(layan)}); ratio {lay / e:.2f}x (goal ≤ 1.5x)")
