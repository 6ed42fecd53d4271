"""Cold start to a usable window: an empty PySide6 window against Layan's login window and main window on
1,000,000 letters (the Surat Masuk register showing its first rows). Goals: within 1.3x (login) and 1.5x
(main window) of the empty window.

Each run is a fresh process (imports included), timed from spawn to the child's "ready" line,
alternating the kinds so all see the same machine state. ``LAYAN_BENCH_BEFORE=DIR`` also times an
earlier checkout's windows in the same rounds.
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import tempfile
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
if __import__("os").environ.get("LAYAN_BENCH_EXIT_AT_READY"):
    __import__("os")._exit(0)
"""

# What `layan` does up to the login window (desktop/ui/app.py run_gui and launch), without waiting for a
# password: the window is on screen and takes keys ("ready"). On a PC already set up it is painted before the
# store is loaded and opened; "attached" is when the store is open and the window names the office (an earlier
# checkout without show_login_early opens the store first, so both lines come at once).
LOGIN = """
import sys, time
import desktop.ui.app as ui_app
app = ui_app.prepare_app("id")
early = getattr(ui_app, "show_login_early", None)
login = early(sys.argv[1]) if early is not None else None
if login is not None:
    print("ready", time.process_time(), flush=True)
from desktop.domain import open_store
from desktop.tasks import TaskManager
from desktop.ui.login_dialog import LoginDialog
store = open_store(sys.argv[1])
manager = TaskManager(store)
if login is None:
    login = LoginDialog(store)
    login.show()
    app.processEvents()
    print("ready", time.process_time(), flush=True)
else:
    login.attach_store(store)
    app.processEvents()
print("attached", time.process_time(), flush=True)
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

# The same start, counted under callgrind (count_instructions) to a point that does not depend on timing: valgrind
# runs the threads one at a time, ~50x slower, while the clock runs as fast as ever. So (1) Python's collector and
# every timer longer than zero are held back (natively none of them fires before the first rows are painted: the
# collector's 500 ms, the first screen's 1 s fallback, the update notice's 3 s); (2) the window is shown once the
# worker has handed back what the window asked for (natively the first rows arrive before the window is shown, in
# most starts: ~1 ms of SQL while the window is built); (3) "ready" is the end of the window's paint that shows the
# rows (flushed), before anything that waits for that paint.
LAYAN_COUNTED = """
import os, sys, threading
from desktop.ui.app import prepare_app
app = prepare_app("id")
import gc
from PySide6.QtCore import QTimer
from desktop.ui import gui_gc
gui_gc._installed._timer.stop()  # gc stays off, as natively until the collector's first check at 500 ms
_single_shot = QTimer.singleShot
QTimer.singleShot = staticmethod(lambda ms, *rest: _single_shot(ms * 1000 if ms > 0 else ms, *rest))
from desktop.domain import open_store
from desktop.tasks import TaskManager
from desktop.ui.main_window import MainWindow
store = open_store(sys.argv[1])
manager = TaskManager(store)
submitted, handed_back = [], threading.Semaphore(0)
_submit, _run_on_main = manager._submit, manager.run_on_main
def submit(*args):
    submitted.append(1)
    _submit(*args)
def run_on_main(closure):
    _run_on_main(closure)
    handed_back.release()
manager._submit, manager.run_on_main = submit, run_on_main
window = MainWindow(store, manager, {"username": "bench", "full_name": "Bench", "role": "admin"})
page = window.page_by_module["surat_masuk"]
for _ in submitted:
    handed_back.acquire()
def ready():
    print("ready", __import__("time").process_time(), page.model.rowCount(), flush=True)
    os._exit(0)  # instructions counted to here
# A table that knows its paints from its model (cells_asked) says "painted" once the paint is flushed; an earlier
# one said it from its paintEvent, before the rest of the window was painted and flushed: a zero timer waits for
# that (connected now, before anything that waits for the paint queues its own).
flushed = hasattr(type(page.table), "cells_asked")
def painted():
    if page.model.rowCount():
        ready() if flushed else QTimer.singleShot(0, ready)
page.table.painted.connect(painted)
window.show()
app.exec()
"""


# From the password accepted to the main window with its first rows painted, as launch() does it, after the login
# window has had its idle time (in which this tree loads the main window's code; an earlier checkout loads it
# after the password). "ready" carries the CPU ms of that stretch only.
AFTER_LOGIN = """
import sys, time
import desktop.ui.app as ui_app
app = ui_app.prepare_app("id")
from desktop.domain import open_store
from desktop.tasks import TaskManager
from desktop.ui.login_dialog import LoginDialog
store = open_store(sys.argv[1])
manager = TaskManager(store)
login = LoginDialog(store)
login.show()
idle = getattr(ui_app, "load_in_idle_time", None)
if idle is not None:
    idle(ui_app.MAIN_WINDOW_MODULES, login)
    while "desktop.ui.main_window" not in sys.modules or "desktop.ui.lock" not in sys.modules:
        app.processEvents()
else:
    app.processEvents()
login.accept()
start = time.process_time()
controller = ui_app.LayanApp(store, manager, {"username": "bench", "full_name": "Bench", "role": "admin"})
window = controller.show_main_window()
from desktop.ui.lock import ScreenLock
controller.screen_lock = ScreenLock(manager, controller.user, parent=controller)
model = window.page_by_module["surat_masuk"].model
done = []
def ready(rows):
    if done:
        return
    done.append(rows)
    app.processEvents()  # the rows are painted
    print("ready", time.process_time() - start, rows, flush=True)
    app.quit()
model.first_rows.connect(ready)
model.loaded.connect(ready)
app.exec()
manager.shutdown()
store.close()
"""


# A checkout of an earlier commit (e.g. `git archive COMMIT | tar -x -C DIR`): its login and main window are
# timed in the same run, interleaved with this tree's, for a before/after comparison on the same machine state.
BEFORE = os.environ.get("LAYAN_BENCH_BEFORE")
# LAYAN_BENCH_CALLGRIND=1: also count the instructions of the empty and the main window's GUI thread to "ready"
# under valgrind's callgrind: the same count on a busy machine, so small changes can be compared (slow: ~20 s a run).
CALLGRIND = os.environ.get("LAYAN_BENCH_CALLGRIND") == "1"


def compile_tree(root: Path) -> None:
    """Bytecode for every module, as an installed app has (with PYTHONDONTWRITEBYTECODE set, each start
    would otherwise compile the source again)."""
    for package in ("desktop", "sync"):
        compileall.compile_dir(root / package, quiet=1)


def time_child(code: str, *args: str, root: Path = ROOT) -> tuple[float, float, float | None]:
    """(wall ms from spawn to "ready", the child's own CPU ms until then, its CPU ms until "attached" if it
    says). On a busy machine the CPU time is the fairer comparison: the wall time also counts the time the
    child waited for a core."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root)}
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env,
                            cwd=root)
    line = proc.stdout.readline()
    elapsed = (time.perf_counter() - t0) * 1000
    later = proc.stdout.read().split()
    proc.wait(timeout=120)
    proc.stdout.close()
    if not line.startswith("ready"):
        raise RuntimeError(f"child did not get ready: {line!r}")
    attached = float(later[later.index("attached") + 1]) * 1000 if "attached" in later else None
    return elapsed, float(line.split()[1]) * 1000, attached


def count_instructions(code: str, *args: str, root: Path = ROOT) -> int:
    """Instructions the child's GUI thread runs from spawn to "ready" (callgrind; the worker threads apart)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root), "PYTHONHASHSEED": "0",
           "LAYAN_BENCH_EXIT_AT_READY": "1"}
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(["valgrind", "--tool=callgrind", "--separate-threads=yes", f"--callgrind-out-file={out}/cg",
                        sys.executable, "-c", code, *args], env=env, cwd=root, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=900, check=True)
        for line in (Path(out) / "cg-01").read_text().splitlines():
            if line.startswith(("summary:", "totals:")):
                return int(line.split()[1])
    raise RuntimeError("callgrind wrote no totals")


# LAYAN_BENCH_CALLGRIND_STEPS=1: also the counted child stopped after each step (os._exit at the end of the line
# named), one count per step and tree: where the instructions go.
CALLGRIND_STEPS = os.environ.get("LAYAN_BENCH_CALLGRIND_STEPS") == "1"
STEPS = (("Python, PySide6's import, our UI start-up code, QApplication", 'app = prepare_app("id")\n'),
         ("the store stack (desktop.domain)", "from desktop.domain import open_store\n"),
         ("desktop.tasks", "from desktop.tasks import TaskManager\n"),
         ("the main window's code", "from desktop.ui.main_window import MainWindow\n"),
         ("opening the store, the TaskManager", "manager = TaskManager(store)\n"),
         ("MainWindow()", 'window = MainWindow(store, manager, {"username": "bench", "full_name": "Bench", '
                          '"role": "admin"})\n'))


def print_steps(trees: dict[str, Path], folder: Path) -> None:
    for prefix, root in trees.items():
        previous = 0
        print(f"- {prefix}instructions per step (GUI thread):")
        for label, line in (*STEPS, ("show, the first rows painted and flushed", None)):
            code = LAYAN_COUNTED if line is None else LAYAN_COUNTED.replace(line, line + "os._exit(0)\n", 1)
            count = count_instructions(code, str(folder), root=root)
            print(f"  - {label}: +{(count - previous) / 1e6:,.1f}M (to here {count / 1e6:,.1f}M)")
            previous = count


def print_instructions(trees: dict[str, Path], folder: Path) -> None:
    """The least of three counts per window (a run can count more when the worker's rows arrive at another
    point of the event loop)."""
    empty = min(count_instructions(EMPTY) for _ in range(3))
    print(f"- instructions, GUI thread to ready: empty PySide6 window {empty / 1e6:,.0f}M")
    for prefix, root in trees.items():
        main = min(count_instructions(LAYAN_COUNTED, str(folder), root=root) for _ in range(3))
        print(f"- {prefix}instructions, main window with Surat Masuk painted: {main / 1e6:,.0f}M, "
              f"{main / empty:.2f}x (goal ≤ 1.5x)")


def run() -> None:
    folder = make_letters(N)
    trees = {"": ROOT}
    if BEFORE:
        trees["before: "] = Path(BEFORE).resolve()
    for root in trees.values():
        compile_tree(root)
    kinds = [("empty", EMPTY, ROOT)]
    for prefix, root in trees.items():
        kinds += [(prefix + "login", LOGIN, root), (prefix + "main", LAYAN, root),
                  (prefix + "after login", AFTER_LOGIN, root)]
    results: dict[str, list[tuple[float, float, float | None]]] = {kind: [] for kind, _, _ in kinds}
    for _ in range(RUNS):
        for kind, code, root in kinds:
            results[kind].append(time_child(code, *([] if code is EMPTY else [str(folder)]), root=root))
    wall = {k: statistics.median(run[0] for run in v) for k, v in results.items()}
    cpu = {k: statistics.median(run[1] for run in v) for k, v in results.items()}

    def runs(kind: str, which: int) -> str:
        return ", ".join(f"{run[which]:.0f}" for run in results[kind])

    print(f"- empty PySide6 window: median {wall['empty']:.0f} ms wall (runs: {runs('empty', 0)}), "
          f"{cpu['empty']:.0f} ms CPU (runs: {runs('empty', 1)})")
    for prefix in trees:
        key = prefix + "after login"
        print(f"- {prefix}from the password accepted to the main window painted: median {cpu[key]:.0f} ms CPU "
              f"(runs: {runs(key, 1)})")
    for prefix in trees:
        for kind, label, goal in (("login", "login window", 1.3), ("main", "main window, Surat Masuk painted", 1.5)):
            key = prefix + kind
            print(f"- {prefix}Layan {label}, {N:,} letters: median {wall[key]:.0f} ms wall (runs: {runs(key, 0)}), "
                  f"{cpu[key]:.0f} ms CPU (runs: {runs(key, 1)}); ratio {wall[key] / wall['empty']:.2f}x wall, "
                  f"{cpu[key] / cpu['empty']:.2f}x CPU (goal ≤ {goal}x)")
            attached = [run[2] for run in results[key] if run[2] is not None]
            if attached:
                print(f"  - {prefix}the store open and the office named in it: median {statistics.median(attached):.0f} ms "
                      f"CPU ({statistics.median(attached) / cpu['empty']:.2f}x)")
    if CALLGRIND:
        print_instructions(trees, folder)
    if CALLGRIND_STEPS:
        print_steps(trees, folder)
