"""The sync scheduler, status bar, Sinkronisasi page, enroll dialog, conflicts and refusals — against
the REAL server process (``layan-server serve`` on a loopback port) and real store files.

The server comes from tests.integration.conftest.ServerProc, started here directly (a conftest's
fixtures cannot be shared with a sibling folder). Each test makes its own office on it, so tests
never see each other's data.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from desktop.domain import letters, office, open_store, syncing, users
from desktop.domain.conflicts import open_conflicts
from desktop.store.records import ChangeSet
from desktop.tasks import TaskManager, WriteOp
from desktop.tasks.sync_scheduler import SyncScheduler, last_report, scheduler_for, stop_for
from desktop.ui.i18n import format_date
from desktop.ui.login_dialog import LoginDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.status_bar import LayanStatusBar
from desktop.ui.sync.conflicts_view import ConflictsView
from desktop.ui.sync.page import SyncPage
from sync.protocol import NetworkError
from tests.integration.conftest import ServerProc, unique_code

SYNC_TIMEOUT = 120_000  # ms: generous; a sync against a stopped server retries for several seconds
MASUK = {"tanggal_terima": "2026-11-27", "asal": "Dinas Sosial", "perihal": "Undangan rapat", "sifat": "biasa"}


@pytest.fixture(autouse=True)
def token_file(monkeypatch):
    monkeypatch.setenv("LAYAN_TOKEN_STORE", "file")  # no OS keyring here: the documented fallback file


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = ServerProc(tmp_path_factory.mktemp("srv")).start()
    yield srv
    srv.stop()


@pytest.fixture
def own_server(tmp_path):
    """A server this test may stop."""
    srv = ServerProc(tmp_path / "own-srv").start()
    yield srv
    srv.stop()


def new_office(server: ServerProc) -> str:
    return server.new_office()


def enroll_code(server: ServerProc, office_code: str) -> str:
    return server.cli("enroll-code", "--office", office_code).stdout.strip().split()[-1]


def make_pc(server: ServerProc | None, folder: Path, office_code: str, *, enroll: bool = True):
    store = open_store(folder)
    office.initialize(store, code=office_code, name=f"Kantor {office_code}", kind="distrik",
                      admin_username="admin", admin_password="rahasia1", admin_full_name="Admin Kantor")
    if enroll:
        syncing.enroll(store, server.url, enroll_code(server, office_code), device_name=folder.name)
    return store


class PC:
    """A PC with the GUI's machinery: store, TaskManager (its threads) and the user who logged in."""

    def __init__(self, store):
        self.store = store
        self.manager = TaskManager(store)
        self.user = users.authenticate(store, "admin", "rahasia1")
        self.schedulers: list[SyncScheduler] = []

    def scheduler(self, **kw) -> SyncScheduler:
        """A scheduler of its own (test-short waits), stopped when the PC closes."""
        scheduler = SyncScheduler(self.manager, parent=self.manager, **kw)
        self.schedulers.append(scheduler)
        return scheduler

    def close(self):
        for scheduler in self.schedulers:
            scheduler.stop()
        stop_for(self.manager)
        self.manager.shutdown()
        self.store.close()


@pytest.fixture
def pcs():
    made: list[PC] = []
    stores = []

    def make(store) -> PC:
        pc = PC(store)
        made.append(pc)
        return pc

    make.stores = stores
    yield make
    for pc in reversed(made):
        pc.close()
    for store in stores:
        store.close()


def sync_ok(store):
    report = syncing.run_sync(store)
    assert report.ok, report.error
    return report


def run_manual(qtbot, scheduler: SyncScheduler, parent=None):
    with qtbot.waitSignal(scheduler.finished, timeout=SYNC_TIMEOUT) as blocker:
        assert scheduler.sync_now(parent)
    return blocker.args[0]


def message_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


# -- the scheduler and the status bar -------------------------------------------------------------

def test_scheduler_syncs_at_start_and_the_status_bar_shows_it(qtbot, server, tmp_path, pcs):
    code = new_office(server)
    pc = pcs(make_pc(server, tmp_path / "pc1", code))
    letters.register_incoming(pc.store, MASUK, actor="admin")  # typed before the app started
    assert pc.store.outbox_size() == 1
    window = MainWindow(pc.store, pc.manager, pc.user)
    qtbot.addWidget(window)
    window.show()
    status = window.status
    qtbot.waitUntil(lambda: status.connection.text() != "")
    assert status.connection.text() == "Daring"  # enrolled, no failure recorded yet
    scheduler = scheduler_for(pc.manager)
    changed: list[ChangeSet] = []
    pc.manager.changed.connect(changed.append)
    with qtbot.waitSignal(scheduler.finished, timeout=SYNC_TIMEOUT) as finished:
        scheduler.start()
    report, manual = finished.args
    assert report.ok and not manual
    assert report.pushed == 1 and report.waiting == 0
    assert pc.store.outbox_size() == 0
    assert scheduler.online is True
    # The status bar: online, nothing waiting, last success as "27 November 2026 14.05" (today).
    qtbot.waitUntil(lambda: status.waiting.text() == "0 perubahan menunggu sinkronisasi")
    today = format_date(time.strftime("%Y-%m-%d"))
    qtbot.waitUntil(lambda: status.last_sync.text().startswith(f"Sinkronisasi terakhir: {today} "))
    assert status.connection.text() == "Daring"
    assert not status.sync_progress.isVisible()
    # The server has the letter: a second PC of the office receives it.
    other = open_store(tmp_path / "pc2")
    pcs.stores.append(other)
    syncing.enroll(other, server.url, enroll_code(server, code))
    sync_ok(other)
    assert [r["perihal"] for r in other.find("letters")] == ["Undangan rapat"]
    # The server sent the PC's own letter back no more (no echo): views were not told of a letter.
    assert not any(c.action == "sync" and c.collection == "letters" for cs in changed for c in cs.changes)
    assert last_report(pc.store)["pushed"] == 1
    # A letter from the other PC arrives: views are told the sync ended, naming the collections it brought.
    letters.register_incoming(other, {**MASUK, "perihal": "Laporan bulanan"}, actor="admin")
    sync_ok(other)
    changed.clear()
    report = run_manual(qtbot, scheduler)
    assert report.ok and report.pulled >= 1
    assert any(c.action == "sync" and c.record_id == "" and c.collection == "letters"
               for cs in changed for c in cs.changes)


def test_a_save_starts_a_sync_soon_after_and_a_sync_does_not_start_another(qtbot, server, tmp_path, pcs):
    code = new_office(server)
    pc = pcs(make_pc(server, tmp_path / "pc1", code))
    scheduler = pc.scheduler(debounce_ms=300)
    bar = LayanStatusBar(pc.manager)
    qtbot.addWidget(bar)
    bar.attach_scheduler(scheduler)
    with qtbot.waitSignal(scheduler.finished, timeout=SYNC_TIMEOUT):
        scheduler.start()
    assert not scheduler._debounce.isActive()  # the sync's own changes are not a clerk's save
    with qtbot.waitSignal(scheduler.finished, timeout=SYNC_TIMEOUT) as finished:
        WriteOp(None, lambda s: letters.register_incoming(s, MASUK, actor="admin")).using(pc.manager).run()
    report = finished.args[0]
    assert report.ok and report.pushed == 1
    assert pc.store.outbox_size() == 0
    assert not scheduler._debounce.isActive()
    assert scheduler.stop()
    assert not scheduler.sync_now()  # stopped: nothing starts any more


def test_progress_reports_records_and_bytes(qtbot, server, tmp_path, pcs):
    code = new_office(server)
    pc = pcs(make_pc(server, tmp_path / "pc1", code))
    for i in range(450):  # more than two pages of 200
        pc.store.save("dispositions", {"letter_id": "01950000-0000-7000-8000-000000000001", "kepada": f"Staf {i}",
                                       "instruksi": "Arsipkan"}, actor="admin")
    scheduler = pc.scheduler()
    bar = LayanStatusBar(pc.manager)
    qtbot.addWidget(bar)
    bar.attach_scheduler(scheduler)
    seen: list = []
    scheduler.progress.connect(seen.append)
    report = run_manual(qtbot, scheduler)
    assert report.ok and report.pushed == 450
    assert seen, "progress was reported"
    assert all(s.pushed <= 450 and s.bytes_up > 0 for s in seen)
    assert seen[-1].pushed >= seen[0].pushed
    bar._sync_progress(seen[-1])  # what the bar showed at the last update
    text = bar.sync_progress.text()
    assert text.startswith(f"Menyinkronkan… {seen[-1].pushed + seen[-1].pulled} data, ") and text.endswith("B")


def test_failed_manual_sync_says_why_and_automatic_one_stays_quiet(qtbot, own_server, tmp_path, pcs):
    code = own_server.new_office()
    pc = pcs(make_pc(own_server, tmp_path / "pc1", code))
    letters.register_incoming(pc.store, MASUK, actor="admin")
    own_server.stop()  # the VSAT link is down
    window = MainWindow(pc.store, pc.manager, pc.user)
    qtbot.addWidget(window)
    window.show()
    scheduler = scheduler_for(pc.manager)
    quiet: list[str] = []
    pc.manager.automatic_failed.connect(quiet.append)
    # Automatic: no dialog, the reason goes to the status bar; the scheduler backs off.
    with qtbot.waitSignal(scheduler.finished, timeout=SYNC_TIMEOUT) as finished:
        scheduler.start()
    report, manual = finished.args
    assert not report.ok and not manual and isinstance(report.error, NetworkError)
    assert message_boxes() == []
    assert quiet == [NetworkError.message]
    assert scheduler.online is False and scheduler.failures == 1
    assert scheduler.seconds_until_retry() > 0
    assert not scheduler.request_sync("timer")  # backing off: automatic syncs wait
    qtbot.waitUntil(lambda: window.status.connection.text() == "Luring")
    assert window.status.currentMessage() == NetworkError.message
    assert pc.store.outbox_size() == 1  # nothing lost
    # Manual ("Sinkronkan sekarang" on the page): it runs despite the backoff and says why, in Indonesian.
    page = window.show_module("sinkronisasi")
    qtbot.waitUntil(lambda: page.info is not None)
    with qtbot.waitSignal(scheduler.finished, timeout=SYNC_TIMEOUT) as finished:
        page.sync_button.click()
    assert finished.args[1] is True
    qtbot.waitUntil(lambda: len(message_boxes()) == 1)
    box = message_boxes()[0]
    assert box.objectName() == "syncFailedMessage"
    assert box.text() == "Tidak dapat terhubung ke server. Periksa jaringan, lalu coba lagi."
    assert "aman" in box.informativeText()
    box.accept()
    assert page.running_label.text() == f"Gagal: {NetworkError.message}"
    qtbot.waitUntil(lambda: page.last_error.text() == NetworkError.message)
    assert scheduler.failures == 2


def test_after_failures_it_retries_and_comes_back_online(qtbot, own_server, tmp_path, pcs):
    code = own_server.new_office()
    pc = pcs(make_pc(own_server, tmp_path / "pc1", code))
    letters.register_incoming(pc.store, MASUK, actor="admin")
    port = own_server.port
    own_server.stop()
    scheduler = pc.scheduler(backoff_seconds=(1,))  # test-short waits between tries
    bar = LayanStatusBar(pc.manager)
    qtbot.addWidget(bar)
    bar.attach_scheduler(scheduler)
    with qtbot.waitSignal(scheduler.finished, timeout=SYNC_TIMEOUT) as finished:
        scheduler.start()
    assert not finished.args[0].ok and scheduler.failures == 1
    qtbot.waitUntil(lambda: bar.connection.text() == "Luring")
    own_server.start(port=port)  # the link is back
    qtbot.waitUntil(lambda: scheduler.last_report.ok, timeout=SYNC_TIMEOUT)  # no one pressed anything
    assert scheduler.failures == 0 and scheduler.online is True
    assert pc.store.outbox_size() == 0
    qtbot.waitUntil(lambda: bar.connection.text() == "Daring")
    scheduler.stop()


def test_manual_sync_of_a_pc_that_is_not_enrolled_says_so(qtbot, tmp_path, pcs):
    pc = pcs(make_pc(None, tmp_path / "pc1", unique_code("D"), enroll=False))
    page = SyncPage(pc.store, pc.manager, pc.user)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.info is not None)
    assert page.enrollment_state.text().startswith("Belum terdaftar")
    assert not page.sync_button.isEnabled()
    with qtbot.waitSignal(page.scheduler.failed, timeout=SYNC_TIMEOUT):
        page.scheduler.sync_now(page)
    qtbot.waitUntil(lambda: len(message_boxes()) == 1)
    box = message_boxes()[0]
    assert box.text().startswith("PC ini belum didaftarkan ke server.")
    box.accept()


# -- enrollment ----------------------------------------------------------------------------------

def test_enroll_through_the_dialog(qtbot, server, tmp_path, pcs):
    code = new_office(server)
    pc = pcs(make_pc(server, tmp_path / "pc1", code, enroll=False))
    page = SyncPage(pc.store, pc.manager, pc.user)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.info is not None)
    dialog = page.open_enroll_dialog()
    # A wrong code: refused plainly, nothing changes, the dialog stays for another try.
    dialog.server.setText(server.url)
    dialog.code.setText("SALAH-123")
    dialog.enroll_button.click()
    qtbot.waitUntil(lambda: not dialog.busy and dialog.status.text().startswith("Pendaftaran gagal"),
                    timeout=SYNC_TIMEOUT)
    assert "Kode pendaftaran tidak valid" in dialog.status.text()
    assert not syncing.is_enrolled(pc.store)
    # The right code: enrolled, the token warning shown (no keyring here), and a first sync runs.
    dialog.code.setText(enroll_code(server, code))
    with qtbot.waitSignal(page.scheduler.finished, timeout=SYNC_TIMEOUT) as first_sync:
        dialog.enroll_button.click()
    assert dialog.enrollment is not None and dialog.enrollment.office["code"] == code
    assert dialog.warning.isVisible() and "Keyring sistem operasi tidak tersedia" in dialog.warning.text()
    assert dialog.status.text().startswith(f"PC ini terdaftar untuk kantor Kantor {code} ({code})")
    assert first_sync.args[0].ok and first_sync.args[1] is True
    assert syncing.is_enrolled(pc.store)
    dialog.enroll_button.click()  # "Selesai"
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: page.enrollment_state.text() == "Terdaftar")
    assert page.server_label.text() == server.url
    assert page.device_label.text() == pc.store.meta("server_device_id")
    assert page.token_warning.isVisible()
    qtbot.waitUntil(lambda: page.last_success.text() != "Belum pernah")


# -- conflicts -----------------------------------------------------------------------------------

def make_conflict(server, tmp_path, pcs):
    """Two PCs of one office edit the same letter's perihal offline; both sync. Returns
    (pc1 with the GUI machinery, pc2's store, letter id, winner, loser)."""
    code = new_office(server)
    store1 = make_pc(server, tmp_path / "pc1", code)
    store2 = open_store(tmp_path / "pc2")
    pcs.stores.append(store2)
    syncing.enroll(store2, server.url, enroll_code(server, code))
    pc1 = pcs(store1)
    letter = letters.register_incoming(store1, MASUK, actor="op1").record_id
    sync_ok(store1)
    sync_ok(store2)
    letters.update_letter(store1, letter, {"perihal": "Versi PC1"}, actor="op1")
    letters.update_letter(store2, letter, {"perihal": "Versi PC2"}, actor="op2")
    stamps = {"Versi PC1": store1.outbox()[-1]["hlc"], "Versi PC2": store2.outbox()[-1]["hlc"]}
    winner, loser = max(stamps, key=stamps.get), min(stamps, key=stamps.get)
    sync_ok(store1)
    sync_ok(store2)
    return pc1, store2, letter, winner, loser


def test_conflicts_view_lists_a_real_conflict_and_restores_it(qtbot, qtmodeltester, server, tmp_path, pcs):
    pc1, store2, letter, winner, loser = make_conflict(server, tmp_path, pcs)
    window = MainWindow(pc1.store, pc1.manager, pc1.user)
    qtbot.addWidget(window)
    window.show()
    page = window.show_module("sinkronisasi")
    view = page.conflicts
    qtbot.waitUntil(lambda: view.loaded)
    assert view.model.rowCount() == 0  # PC1 has not received the conflict yet
    run_manual(qtbot, page.scheduler, page)  # the conflict record arrives with this sync
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    qtmodeltester.check(view.model)
    cells = [view.model.index(0, c).data() for c in range(view.model.columnCount())]
    headers = [view.model.headerData(c, Qt.Orientation.Horizontal) for c in range(view.model.columnCount())]
    assert headers == ["Data", "Isian", "Nilai yang tertimpa", "Diubah oleh", "Waktu", "Nilai yang berlaku", "Oleh"]
    assert cells[0].startswith("Surat Masuk 1/2026 — ")
    assert cells[1] == "Perihal"
    assert cells[2] == loser and cells[5] == winner
    assert cells[3] == ("op1" if loser == "Versi PC1" else "op2")
    assert time.strftime("%Y") in cells[4] and "-" not in cells[4]  # "27 November 2026 14.05", not an HLC stamp
    # The status bar counts it, and a click leads here.
    qtbot.waitUntil(lambda: window.status.conflicts.isVisible())
    assert window.status.conflicts.text() == "1 konflik data"
    window.show_module("surat_masuk")
    window.status.conflicts.click()
    assert window.current_page() is page and page.tabs.currentWidget() is view
    assert page.tabs.tabText(0) == "Konflik data (1)"
    # Pulihkan: the lost value is back, an outbox entry carries it, the conflict is resolved.
    assert pc1.store.get("letters", letter)["perihal"] == winner
    before = pc1.store.outbox_size()
    view.table.selectRow(0)
    view.restore_button.click()
    qtbot.waitUntil(lambda: pc1.store.get("letters", letter)["perihal"] == loser)
    assert pc1.store.outbox_size() > before
    assert any(e["record_id"] == letter and e["fields"].get("perihal") == loser for e in pc1.store.outbox())
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)
    assert view.result.text().startswith(f"Nilai “{loser}” dipulihkan")
    assert open_conflicts(pc1.store) == []
    # It reaches the other PC like any edit.
    run_manual(qtbot, page.scheduler, page)
    sync_ok(store2)
    assert store2.get("letters", letter)["perihal"] == loser
    assert open_conflicts(store2) == []


def test_dismiss_keeps_the_current_value(qtbot, server, tmp_path, pcs):
    pc1, _store2, letter, winner, _loser = make_conflict(server, tmp_path, pcs)
    sync_ok(pc1.store)
    view = ConflictsView(pc1.manager, pc1.user)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    view.dismiss_button.click()
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)
    assert pc1.store.get("letters", letter)["perihal"] == winner
    assert open_conflicts(pc1.store) == []


def test_the_letter_form_shows_its_conflicts_with_restore(qtbot, server, tmp_path, pcs):
    from desktop.ui.forms.letter_dialog import LetterDialog

    pc1, _store2, letter, winner, loser = make_conflict(server, tmp_path, pcs)
    sync_ok(pc1.store)
    dialog = LetterDialog(pc1.store, "masuk", "admin", letter)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.conflicts is not None and dialog.conflicts.loaded)
    index = dialog.tabs.indexOf(dialog.conflicts)
    qtbot.waitUntil(lambda: dialog.tabs.isTabVisible(index))
    assert dialog.tabs.tabText(index) == "Konflik (1)"
    assert dialog.form.fields["perihal"].text() == winner
    dialog.tabs.setCurrentIndex(index)
    dialog.conflicts.restore_button.click()
    qtbot.waitUntil(lambda: dialog.form.fields["perihal"].text() == loser)  # the form reloads the letter
    assert pc1.store.get("letters", letter)["perihal"] == loser
    qtbot.waitUntil(lambda: not dialog.tabs.isTabVisible(index))


# -- refusals ------------------------------------------------------------------------------------

def test_rejected_list_shows_a_refused_record(qtbot, qtmodeltester, server, tmp_path, pcs):
    code = new_office(server)
    pc = pcs(make_pc(server, tmp_path / "pc1", code))
    letter = letters.register_incoming(pc.store, MASUK, actor="admin").record_id
    disposition = letters.add_disposition(pc.store, letter, {"kepada": "Sekretaris Distrik",
                                                             "instruksi": "Hadiri"}, actor="admin").record_id
    sync_ok(pc.store)
    # A disposisi is append-only: the server refuses to delete one (this PC deleted it locally).
    pc.store.delete("dispositions", disposition, actor="admin")
    page = SyncPage(pc.store, pc.manager, pc.user)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.rejected.loaded)
    assert page.rejected.model.rowCount() == 0
    report = run_manual(qtbot, page.scheduler, page)
    assert report.ok and report.rejected == 1
    qtbot.waitUntil(lambda: page.rejected.model.rowCount() == 1)
    qtmodeltester.check(page.rejected.model)
    model = page.rejected.model
    cells = [model.index(0, c).data() for c in range(model.columnCount())]
    assert cells[1].startswith("Disposisi Sekretaris Distrik")
    assert "tidak dapat diubah atau dihapus" in cells[3]
    assert page.tabs.tabText(1) == "Ditolak server (1)"
    qtbot.waitUntil(lambda: "1 ditolak" in page.report_label.text())
    page.rejected.copy_button.click()
    assert "tidak dapat diubah atau dihapus" in QApplication.clipboard().text()


# -- users ---------------------------------------------------------------------------------------

def test_a_synced_user_logs_in_and_the_role_is_shown(qtbot, server, tmp_path, pcs):
    code = new_office(server)
    server.cli("user", "add", "--office", code, "--username", "siti", "--role", "kepala",
               "--full-name", "Siti Kepala", "--password-stdin", input="Rahasia-123\n")
    server.cli("user", "add", "--office", code, "--username", "admin", "--role", "admin",
               "--full-name", "Admin Pusat", "--password-stdin", input="Pusat-456\n")
    pc = pcs(make_pc(server, tmp_path / "pc1", code))
    assert users.authenticate(pc.store, "admin", "rahasia1") is not None  # the local admin, until replaced
    report = run_manual(qtbot, scheduler_for(pc.manager))
    assert report.ok
    login = LoginDialog(pc.store)
    qtbot.addWidget(login)
    login.username.setText("siti")
    login.password.setText("Rahasia-123")
    with qtbot.waitSignal(login.accepted, timeout=30_000):
        login.login_button.click()
    assert login.user["role"] == "kepala"
    window = MainWindow(pc.store, pc.manager, login.user)
    qtbot.addWidget(window)
    assert window.findChild(QLabel, "userName").text() == "Masuk sebagai Siti Kepala (Kepala)"
    # The central account named like the first-start admin replaced it.
    assert users.authenticate(pc.store, "admin", "rahasia1") is None
    assert users.authenticate(pc.store, "admin", "Pusat-456")["full_name"] == "Admin Pusat"



def test_the_page_speaks_english_too(qtbot, tmp_path, pcs):
    from desktop.ui import i18n

    assert i18n.install_language("en")
    pc = pcs(make_pc(None, tmp_path / "pc1", unique_code("D"), enroll=False))
    page = SyncPage(pc.store, pc.manager, pc.user)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.info is not None)
    assert page.enroll_button.text() == "&Enroll this PC…"
    assert page.sync_button.text() == "&Sync now (F5)"
    assert page.enrollment_state.text().startswith("Not enrolled: ")
    assert page.tabs.tabText(0) == "Data conflicts" and page.tabs.tabText(1) == "Refused by the server"
    assert page.conflicts.model.headerData(2, Qt.Orientation.Horizontal) == "Overwritten value"
