"""Start-up loads only what the first screen needs (no timing: which modules a fresh process imported).

The login window must come up without the sync stack, reports, charts, printing, health, importers,
the backup code or the keyring (when the key is not kept there), and without the wheel guard's
application-wide event filter; the main window on Surat Masuk without the sync engine and
client, the charts, printing, reports, health and the spreadsheet code. Each check runs in a fresh
Python process, as `layan` starts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.domain import office, open_store

ROOT = Path(__file__).resolve().parents[2]

NOT_FOR_ANY_FIRST_SCREEN = ("sync.client", "sync.engine", "sync.usb", "requests", "pyqtgraph", "desktop.printing",
                            "desktop.domain.health", "desktop.domain.office_reports", "desktop.ui.reports",
                            "desktop.ui.health", "openpyxl", "desktop.domain.importing", "desktop.domain.exporting",
                            "desktop.domain.syncing", "desktop.updates", "sqlite_utils", "segno", "pypdfium2")
NOT_FOR_LOGIN = (*NOT_FOR_ANY_FIRST_SCREEN, "desktop.tasks.sync_scheduler", "desktop.ui.main_window",
                 "desktop.ui.registers", "desktop.ui.lock", "keyring",
                 "desktop.store.backup", "cryptography",  # the daily backup starts once the login window shows
                 "desktop.ui.widgets.wheel_guard",  # an app-wide event filter: installed with the main window
                 "desktop.tasks.ops", "desktop.tasks.errors",  # the first operation runs once the window shows
                 "desktop.domain.reference",  # no reference data on the login window
                 "PySide6.QtCore.Qt")

# What run_gui does up to the login window on a PC already set up (desktop.ui.app): the window is painted
# first, then the store is opened and attached to it.
LOGIN_PAINTED = """
import json, sys
import desktop.cli  # what the `layan` command runs, then desktop.ui.app.run_gui up to the login window
from desktop.ui.app import prepare_app, show_login_early
app = prepare_app("id")
login = show_login_early(sys.argv[1])
assert login is not None and login.isVisible()
print(json.dumps(sorted(sys.modules)))
"""

LOGIN = """
import json, sys
import desktop.cli
from desktop.ui.app import prepare_app, show_login_early
app = prepare_app("id")
login = show_login_early(sys.argv[1])
from desktop.domain import open_store
from desktop.tasks import TaskManager
store = open_store(sys.argv[1])
manager = TaskManager(store)
login.attach_store(store)
app.processEvents()
assert login.heading.text() == "Distrik Mimika Baru"
# PySide builds its whole Qt namespace (~16 ms) on first use: it counts as a module here.
built = ["PySide6.QtCore.Qt"] if "Qt" in vars(sys.modules["PySide6.QtCore"]) else []
print(json.dumps(sorted(sys.modules) + built))
manager.shutdown()
store.close()
"""

MAIN_WINDOW = """
import json, sys
from desktop.ui.app import prepare_app
app = prepare_app("id")
from desktop.domain import open_store
from desktop.tasks import TaskManager
from desktop.ui.main_window import MainWindow
store = open_store(sys.argv[1])
manager = TaskManager(store)
window = MainWindow(store, manager, {"username": "admin", "full_name": "Admin", "role": "admin"})
# The application-wide event filters come once the first rows are painted, not while the window is built.
filters = ("_layan_wheel_guard", "_layan_screen_fit")
assert [getattr(app, name, None) for name in filters] == [None, None]
from PySide6.QtCore import QEventLoop, QTimer
loop = QEventLoop()
page = window.page_by_module["surat_masuk"]
loaded = []  # the register's query (no rows here) answered before the filters came
page.model.loaded.connect(lambda rows: loaded.append((rows, window.app_filters_installed)))
window.show()
app.processEvents()
assert window.current_page() is page
modules = sorted(sys.modules)
watch = QTimer()
watch.timeout.connect(lambda: window.app_filters_installed and loop.quit())
watch.start(10)
QTimer.singleShot(60000, loop.quit)  # a limit, not a timing: the checks below fail if it is reached
loop.exec()
assert loaded == [(0, False)], loaded
assert all(getattr(app, name, None) is not None for name in filters), "filters not installed after the first rows"
print(json.dumps(modules))
manager.shutdown()
store.close()
"""


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("start") / "data"
    store = open_store(folder)
    office.initialize(store, code="DST-MB", name="Distrik Mimika Baru", kind="distrik")
    store.close()
    return folder


def modules_after(code: str, data_dir: Path) -> set[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code, str(data_dir)], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return [n for n in names if n in modules or any(m.startswith(n + ".") for m in modules)]


def test_the_login_window_loads_only_what_it_needs(data_dir):
    modules = modules_after(LOGIN, data_dir)
    assert "desktop.ui.login_dialog" in modules  # the check itself works
    assert loaded(modules, NOT_FOR_LOGIN) == []


def test_the_login_window_is_painted_before_the_store_loads(data_dir):
    """The clerk can type while the store stack loads and the database opens (~40 ms of CPU)."""
    modules = modules_after(LOGIN_PAINTED, data_dir)
    assert "desktop.ui.login_dialog" in modules
    assert loaded(modules, ("desktop.store", "desktop.domain", "sqlcipher3", "sync.schema", "desktop.tasks.manager",
                            "desktop.ui.widgets.wheel_guard", *NOT_FOR_LOGIN)) == []


def test_the_main_window_loads_only_its_first_page(data_dir):
    modules = modules_after(MAIN_WINDOW, data_dir)
    assert "desktop.ui.registers.register_page" in modules
    assert loaded(modules, NOT_FOR_ANY_FIRST_SCREEN) == []
    assert "desktop.ui.settings_page" not in modules and "desktop.ui.services" not in modules  # pages on first show
    assert "html" not in modules  # its table of named entities, for three characters in the colour legend
    # The sidebar names the user's role: no password hashing or user checks (they bring the sync protocol's).
    assert loaded(modules, ("desktop.domain.users", "sync.users", "sync.passwords", "sync.protocol")) == []
    # The wheel guard (the main window has fields the wheel must not change) comes with the app-wide filters once
    # the first rows are painted: the child checks it is installed then.


def test_the_login_window_is_shown_without_application_wide_event_filters(data_dir):
    """A Python filter on the application costs CPU on every event; the login window's first paint needs none."""
    code = LOGIN.replace("print(json.dumps(", "print(json.dumps(['children: ' + ' '.join(sorted(type(child).__name__ "
                                                  "for child in app.children()))] + ")
    children = [entry for entry in modules_after(code, data_dir) if entry.startswith("children: ")]
    assert children and "ScreenFit" not in children[0] and "WheelGuard" not in children[0], children


def test_a_store_opened_before_the_reference_data_loads_still_gets_its_office_copies(data_dir):
    """desktop.domain.open_store no longer loads the reference module; loaded later, it reads the copies
    pushed to the data folder that was opened (desktop/domain/central_config.py)."""
    code = """
import json, sys
from desktop.domain import open_store
store = open_store(sys.argv[1])
assert "desktop.domain.reference" not in sys.modules
from desktop.domain import reference
print(json.dumps([str(reference.reference_path("klasifikasi"))]))
store.close()
"""
    copies = data_dir / "reference"
    copies.mkdir(exist_ok=True)
    (copies / "klasifikasi.json").write_text("{}", encoding="utf-8")
    try:
        assert modules_after(code, data_dir) == {str(copies / "klasifikasi.json")}
    finally:
        (copies / "klasifikasi.json").unlink()


FIRST_ROWS_PAINTED = """
import json, sys
from desktop.ui.app import prepare_app
app = prepare_app("id")
from PySide6 import QtWidgets
from PySide6.QtCore import QEventLoop, QTimer
from desktop.domain import open_store
from desktop.tasks import TaskManager
from desktop.ui.main_window import MainWindow
store = open_store(sys.argv[1])
manager = TaskManager(store)
window = MainWindow(store, manager, {"username": "admin", "full_name": "Admin", "role": "admin"})
page = window.page_by_module["surat_masuk"]
gui_sql = []  # what the GUI thread's own read connection runs from here on
store.read().set_trace_callback(gui_sql.append)
at_first_rows = []
def painted():
    if page.model.rowCount() and not at_first_rows:
        at_first_rows.append({
            "rows": page.model.rowCount(),
            "app filters": [name for name in ("_layan_wheel_guard", "_layan_screen_fit") if getattr(app, name, None)],
            # PySide sets a class up on first use; a viewport's first wrapper sets up most of QtWidgets at once.
            "QtWidgets set up": [name for name in ("QMdiArea", "QLCDNumber", "QUndoView")  # classes Layan never uses
                                 if isinstance(vars(QtWidgets).get(name), type)],
            "Impor/Ekspor loaded": "desktop.ui.widgets.register_io" in sys.modules,
            # PySide builds its whole Qt namespace (93 enums) on first use (desktop/ui/qt_values.py).
            "Qt namespace built": "Qt" in vars(sys.modules["PySide6.QtCore"]),
            "sorting by a click": page.table.isSortingEnabled(),
            # The keys are made from their text (widgets/shortcuts.py): QKeySequence is not set up (76 enum members).
            "QKeySequence set up": isinstance(vars(sys.modules["PySide6.QtGui"]).get("QKeySequence"), type),
            # No Python event class or handler before it (TaskManager, RegisterTable): QEvent's 179 enum members.
            "QEvent set up": isinstance(vars(sys.modules["PySide6.QtCore"]).get("QEvent"), type),
            # The first screenful's rows come with their ids from the worker: the paint reads none itself.
            "letters read on the GUI thread": [sql for sql in gui_sql if "letters" in sql],
        })
page.table.painted.connect(painted)
loop = QEventLoop()
window.show()
QTimer.singleShot(60000, loop.quit)  # a limit, not a timing: the checks below fail if it is reached
page.model.loaded.connect(lambda _rows: QTimer.singleShot(0, loop.quit))
loop.exec()
while not window.app_filters_installed:
    app.processEvents()
header = page.table.horizontalHeader()
print(json.dumps(at_first_rows + [page.model.rowCount(), page.io_button.text(), page.table.isSortingEnabled(),
                                  header.model().headerData(0, header.orientation()), page.model._generation]))  # queries started
manager.shutdown()
store.close()
"""


@pytest.fixture(scope="module")
def letters_dir(tmp_path_factory):
    """More letters than the register's first screenful (RowIdTableModel.PREVIEW_ROWS)."""
    from desktop.domain import letters

    folder = tmp_path_factory.mktemp("start") / "letters"
    store = open_store(folder)
    office.initialize(store, code="DST-MB", name="Distrik Mimika Baru", kind="distrik")
    for n in range(130):
        letters.register_incoming(store, {"tanggal_terima": "2026-11-02", "asal": "Dinas Kesehatan",
                                          "perihal": f"Undangan {n}", "sifat": "biasa"}, actor="admin")
    store.close()
    return folder


def test_the_first_rows_are_painted_before_what_can_wait_for_them(letters_dir):
    """The app-wide event filters (which every event of the paint would go through), the classes PySide sets
    up for a viewport's first wrapper (the empty-table hint, the page's watch on its scroll area) and the
    Impor/Ekspor button's code come after the paint of the first rows; they come, and the whole list after."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", FIRST_ROWS_PAINTED, str(letters_dir)], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    first, rows, io_button, sorting, title, queries = json.loads(done.stdout.strip().splitlines()[-1])
    assert first["rows"] == 100 and rows == 130  # a screenful first, then the whole list
    assert first["Qt namespace built"] is False
    assert first["QKeySequence set up"] is False
    assert first["QEvent set up"] is False
    assert first["letters read on the GUI thread"] == []
    assert first["sorting by a click"] is False and sorting is True  # turned on after the paint ...
    assert queries == 1  # ... without querying again: the first query ran in the header's order
    assert title == "No. Agenda"
    assert first["app filters"] == []
    assert first["QtWidgets set up"] == []
    assert first["Impor/Ekspor loaded"] is False and io_button == "Impor/Ekspor"  # its button comes after

