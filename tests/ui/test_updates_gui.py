"""Application updates in the GUI, end to end: the real layan-server with a real signed update
repository (tests/integration/updates_helpers.py publishes small fake frozen apps), a PC set up
from a real provisioning file, the real main window (Qt offscreen) and its sync scheduler.

After a successful sync the scheduler checks for updates on a network thread; a staged version
shows a quiet notice in the status bar; nothing shows when the PC is up to date; an unreachable
update repository never blocks the GUI or a sync and never opens a dialog.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

pytest.importorskip("tuf", reason="tuf is not installed (see docs/UPDATES.md, dependencies)")

from desktop import provisioning  # noqa: E402
from desktop.domain import letters, open_store, users  # noqa: E402
from desktop.launcher import AppHome  # noqa: E402
from desktop.store.records import ChangeSet  # noqa: E402
from desktop.tasks import TaskManager, WriteOp  # noqa: E402
from desktop.tasks.sync_scheduler import scheduler_for, stop_for  # noqa: E402
from desktop.ui import i18n  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.ui.updates_panel import UpdateNotice  # noqa: E402
from tests.integration.conftest import ServerProc  # noqa: E402
from tests.integration.updates_helpers import UpdateServer, fake_dist, install_initial  # noqa: E402
from tests.tools.linkemu import LinkEmulator  # noqa: E402

TIMEOUT = 120_000  # ms: generous for a loaded machine; nothing asserts on time
MASUK = {"tanggal_terima": "2026-11-27", "asal": "Dinas Sosial", "perihal": "Undangan rapat", "sifat": "biasa"}


@pytest.fixture(autouse=True)
def token_file(monkeypatch):
    monkeypatch.setenv("LAYAN_TOKEN_STORE", "file")  # no OS keyring here: the documented fallback file


@pytest.fixture(scope="module")
def updates(tmp_path_factory):
    """One server for the module with an update repository holding 0.1.0 and 0.2.0."""
    tmp = tmp_path_factory.mktemp("gui-updates")
    server = ServerProc(tmp / "server").start()
    up = UpdateServer(server, tmp)
    up.dists = {v: fake_dist(tmp / f"dist-{v}", v) for v in ("0.1.0", "0.2.0")}
    for version, dist in up.dists.items():
        up.publish(dist, version)
    yield up
    server.stop()


class Office:
    """A PC set up from IT's provisioning file (office, admin, enrollment, update key), its app folder
    with one installed version (what the launcher sets up), and the GUI's machinery."""

    def __init__(self, updates: UpdateServer, tmp: Path, monkeypatch, *, installed: str, url: str | None = None):
        code = updates.office()
        path = tmp / f"provision-{code}.json"
        updates.server.cli("provision-file", "--office", code, "-o", str(path),
                           "--server-url", url or updates.server.url)
        self.data, self.home = tmp / "pc", tmp / "app"
        provisioning.apply_to_data_dir(provisioning.load(path), self.data, admin_username="admin",
                                       admin_password="rahasia1")
        install_initial(self.home, updates.dists[installed], installed)
        monkeypatch.setenv("LAYAN_APP_HOME", str(self.home))  # what the launcher sets for the app it starts
        self.store = open_store(self.data)
        self.manager = TaskManager(self.store)
        self.user = users.authenticate(self.store, "admin", "rahasia1")
        self.scheduler = scheduler_for(self.manager)
        self.window: MainWindow | None = None

    def open_window(self, qtbot) -> MainWindow:
        self.window = MainWindow(self.store, self.manager, self.user)
        qtbot.addWidget(self.window)
        self.window.show()
        return self.window

    def close(self) -> None:
        stop_for(self.manager, timeout=1)  # a check stuck on a dead link is left behind (daemon thread)
        self.manager.shutdown()
        self.store.close()


@pytest.fixture
def office(updates, tmp_path, monkeypatch):
    made: list[Office] = []

    def make(**kw) -> Office:
        pc = Office(updates, tmp_path, monkeypatch, **kw)
        made.append(pc)
        return pc

    yield make
    for pc in made:
        pc.close()


def message_boxes() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def start_and_wait_for_update(qtbot, scheduler):
    """Automatic sync at start; the update check follows it. Returns (sync report, update report)."""
    with qtbot.waitSignal(scheduler.finished, timeout=TIMEOUT) as synced, \
            qtbot.waitSignal(scheduler.update_finished, timeout=TIMEOUT) as checked:
        scheduler.start()
    return synced.args[0], checked.args[0]


def test_after_a_sync_the_new_version_is_staged_and_the_status_bar_says_so(qtbot, office):
    pc = office(installed="0.1.0")
    window = pc.open_window(qtbot)
    notice = window.update_notice
    assert notice.isHidden()
    sync, update = start_and_wait_for_update(qtbot, pc.scheduler)
    assert sync.ok
    assert update.state == "staged" and update.version == "0.2.0", update
    # The quiet notice, with the version; no dialog.
    assert notice.isVisible()
    assert notice.text() == "Versi 0.2.0 siap; aktif saat Layan dibuka lagi"
    assert "0.2.0" in notice.toolTip()
    assert message_boxes() == []
    # Really staged for the launcher, beside the running version.
    state = AppHome(pc.home).state()
    assert state["pending"] == "0.2.0" and state["current"] == "0.1.0"
    assert (pc.home / "versions" / "0.2.0" / "_internal" / "version.txt").read_text() == "0.2.0"
    # The Sinkronisasi page's tab: installed and pending versions, the result.
    page = window.show_module("sinkronisasi")
    panel = page.updates
    qtbot.waitUntil(lambda: panel.overview is not None)
    assert page.tabs.tabText(page.tabs.indexOf(panel)) == "Pembaruan aplikasi"
    assert panel.installed.text() == "0.1.0"
    assert panel.pending.text() == "0.2.0 — aktif saat Layan dibuka lagi"
    assert panel.result.text() == "Versi 0.2.0 sudah diunduh dan diperiksa; aktif saat Layan dibuka lagi."
    assert panel.last_check.text() != "Belum pernah"
    # The next sync does not check again (at most every 6 hours); the notice stays.
    with qtbot.waitSignal(pc.scheduler.update_finished, timeout=TIMEOUT) as again:
        assert pc.scheduler.sync_now(window)
    assert again.args[0] is None
    assert notice.isVisible() and notice.text() == "Versi 0.2.0 siap; aktif saat Layan dibuka lagi"
    # A window opened later (e.g. after a language switch) shows it too, in English when chosen.
    i18n.install_language("en")
    later = UpdateNotice(pc.manager, pc.scheduler)
    qtbot.addWidget(later)
    assert later.text() == "Version 0.2.0 is ready; it starts the next time Layan opens"


def test_up_to_date_shows_nothing_and_the_admin_can_check_again(qtbot, office):
    pc = office(installed="0.2.0")
    window = pc.open_window(qtbot)
    sync, update = start_and_wait_for_update(qtbot, pc.scheduler)
    assert sync.ok
    assert update.state == "up_to_date", update
    assert window.update_notice.isHidden()
    assert message_boxes() == []
    assert AppHome(pc.home).state()["pending"] == ""
    page = window.show_module("sinkronisasi")
    panel = page.updates
    qtbot.waitUntil(lambda: panel.overview is not None)
    assert panel.installed.text() == "0.2.0" and panel.pending.text() == "Tidak ada"
    assert panel.result.text() == "Layan 0.2.0 sudah versi terbaru."
    # "Periksa pembaruan": a real check now, despite the 6-hour rule; on the network thread.
    assert panel.check_button.isEnabled()
    with qtbot.waitSignal(pc.scheduler.update_finished, timeout=TIMEOUT) as checked:
        panel.check_button.click()
        assert not panel.check_button.isEnabled() and panel.busy.text() == "Memeriksa pembaruan…"
    report, manual = checked.args
    assert manual and report is not None and report.state == "up_to_date"
    assert panel.check_button.isEnabled() and panel.busy.text() == ""
    assert window.update_notice.isHidden()
    assert message_boxes() == []


def test_an_unreachable_update_repository_is_listed_on_the_page_without_a_dialog(qtbot, office, updates):
    with LinkEmulator(updates.server.port, seed=3) as link:
        pc = office(installed="0.1.0", url=f"http://127.0.0.1:{link.port}")
        window = pc.open_window(qtbot)
        # The link dies right after the sync, before the update check (the slot runs first).
        pc.scheduler.finished.connect(lambda report, _manual: report is not None and report.ok and link.down("refuse"))
        sync, update = start_and_wait_for_update(qtbot, pc.scheduler)
    assert sync.ok
    assert update.state == "error" and update.error == "network", update
    assert message_boxes() == []
    assert window.update_notice.isHidden()
    assert AppHome(pc.home).state()["pending"] == ""
    page = window.show_module("sinkronisasi")
    panel = page.updates
    qtbot.waitUntil(lambda: panel.overview is not None)
    assert panel.result.text() == "Gagal: Server pembaruan tidak dapat dihubungi."
    assert panel.last_check.text() == "Belum pernah"
    i18n.install_language("en")
    assert panel.describe(update) == f"Failed: {update.message_en}"
    assert update.message_en.startswith("Cannot reach the update server")


def test_an_update_check_hanging_on_a_dead_link_blocks_neither_the_gui_nor_a_sync(qtbot, office, updates):
    with LinkEmulator(updates.server.port, seed=4) as link:
        pc = office(installed="0.1.0", url=f"http://127.0.0.1:{link.port}")
        window = pc.open_window(qtbot)
        letters.register_incoming(pc.store, MASUK, actor="admin")
        # The next connection after the sync (the update check's) stalls: a dead VSAT link that
        # nobody reports; the connections after it pass.
        pc.scheduler.finished.connect(
            lambda report, _manual: report is not None and report.ok and not pc.scheduler.updating
            and link.cut_after(upstream_bytes=0, how="stall"))
        with qtbot.waitSignal(pc.scheduler.update_started, timeout=TIMEOUT):
            with qtbot.waitSignal(pc.scheduler.finished, timeout=TIMEOUT) as synced:
                pc.scheduler.start()
        assert synced.args[0].ok and pc.store.outbox_size() == 0
        assert pc.scheduler.updating
        # The GUI works: a save goes through the writer and its view refreshes ...
        with qtbot.waitSignal(pc.manager.changed, timeout=TIMEOUT,
                              check_params_cb=lambda cs: isinstance(cs, ChangeSet) and bool(cs.changes)):
            WriteOp(None, lambda s: letters.register_incoming(s, MASUK, actor="admin")).using(pc.manager).run()
        page = window.show_module("sinkronisasi")
        qtbot.waitUntil(lambda: page.updates.overview is not None)
        assert page.updates.busy.text() == "Memeriksa pembaruan…"
        assert not page.updates.check_button.isEnabled()  # one check at a time
        # ... and a sync runs and finishes while the update check still hangs.
        with qtbot.waitSignal(pc.scheduler.finished, timeout=TIMEOUT) as second:
            assert pc.scheduler.sync_now(window)
        assert second.args[0].ok and second.args[0].pushed == 1
        assert pc.scheduler.updating  # still stuck on the dead connection
        assert pc.store.outbox_size() == 0
        assert message_boxes() == []
        assert window.update_notice.isHidden()
        # Closing does not wait for it beyond the scheduler's stop timeout.
        window.close()
        assert pc.scheduler.stop(timeout=1) is False  # the stuck thread is a daemon: it never keeps the app open
