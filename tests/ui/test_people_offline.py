"""A new puskesmas with no server, end to end through the real widgets: installed offline
(`layan init --kind puskesmas`), the admin logs in and adds a nakes in Pengaturan → Pengguna, the nakes
logs in, records a patient and a malaria visit, and LB1 shows the case. Plus the Pengguna box's
reset, disable and enable, and the login's growing wait."""

from __future__ import annotations

import io

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import cli
from desktop.domain import open_store, users
from desktop.tasks import TaskManager
from desktop.ui.health.patient_dialog import PatientDialog
from desktop.ui.health.visit_dialog import VisitDialog
from desktop.ui.login_dialog import LoginDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.users_box import AddUserDialog, ResetPasswordDialog

ADMIN_PASSWORD = "Admin-PKM-2026"


@pytest.fixture
def offline_pkm(tmp_path, qapp, monkeypatch):
    """Installed by IT with no server: `layan init` with the admin's password on stdin."""
    data = tmp_path / "pkm"
    monkeypatch.setattr("sys.stdin", io.StringIO(ADMIN_PASSWORD + "\n"))
    assert cli.main(["--data-dir", str(data), "init", "--office", "PKM-TJ", "--name", "Puskesmas Timika Jaya",
                     "--kind", "puskesmas", "--admin", "admin", "--admin-password-stdin"]) == 0
    store = open_store(data)
    manager = TaskManager(store)
    yield store, manager
    manager.shutdown()
    store.close()


def log_in(qtbot, store, username: str, password: str) -> dict:
    dialog = LoginDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.selectAll()  # the name of who logged in last is offered: typed over, as a clerk does
    qtbot.keyClicks(dialog.username, username)
    qtbot.keyClicks(dialog.password, password)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    return dialog.user


def open_window(qtbot, store, manager, user) -> MainWindow:
    window = MainWindow(store, manager, user)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()  # under Xvfb there is no window manager to do it
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def users_box(qtbot, window):
    box = window.show_module("pengaturan").users_box
    qtbot.waitUntil(lambda: box.table.rowCount() > 0)
    return box


def add_user(qtbot, box, username: str, full_name: str, role: str, password: str) -> None:
    dialog = box.add_user()
    assert isinstance(dialog, AddUserDialog)
    qtbot.keyClicks(dialog.username, username)
    qtbot.keyClicks(dialog.full_name, full_name)
    dialog.role.setCurrentIndex(dialog.role.findData(role))
    qtbot.keyClicks(dialog.passwords.password, password)
    qtbot.keyClicks(dialog.passwords.password2, password)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.passwords.password2, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(u["username"] == username for u in box.rows))


def test_install_offline_admin_adds_a_nakes_who_records_malaria_that_lb1_counts(qtbot, offline_pkm):
    store, manager = offline_pkm
    admin = log_in(qtbot, store, "admin", ADMIN_PASSWORD)
    window = open_window(qtbot, store, manager, admin)
    box = users_box(qtbot, window)
    dialog = box.add_user()
    roles = [dialog.role.itemData(i) for i in range(dialog.role.count())]
    assert roles == ["operator", "kepala", "nakes", "admin"]  # a puskesmas has nakes
    qtbot.keyClicks(dialog.username, "bidan")
    qtbot.keyClicks(dialog.passwords.password, "pendek")
    qtbot.keyClicks(dialog.passwords.password2, "pendek")
    qtbot.keyClick(dialog.passwords.password2, Qt.Key.Key_Return)
    assert dialog.form.error_text("password") == "Kata sandi minimal 8 karakter."
    assert dialog.isVisible()
    dialog.reject()
    add_user(qtbot, box, "bidan", "Bidan Maria Kogoya", "nakes", "Bidan-Maria-1")
    assert "Pengguna bidan ditambahkan." in box.result.text()
    window.close()

    nakes = log_in(qtbot, store, "bidan", "Bidan-Maria-1")
    assert nakes["role"] == "nakes" and nakes["full_name"] == "Bidan Maria Kogoya"
    window = open_window(qtbot, store, manager, nakes)
    assert window.show_module("pengaturan").users_box is None  # only admin and kepala manage people

    page = window.show_module("pasien")
    patient_dialog = page.new_patient()
    assert isinstance(patient_dialog, PatientDialog)
    fields = patient_dialog.form.fields
    qtbot.keyClicks(fields["nama"], "Yance Beanal")
    fields["jenis_kelamin"].setCurrentIndex(fields["jenis_kelamin"].findData("L"))
    qtbot.keyClicks(fields["lahir"], "05-05-1985")
    qtbot.waitUntil(lambda: QApplication.activeWindow() is patient_dialog)
    with qtbot.waitSignal(patient_dialog.saved, timeout=20000):
        qtbot.keyClick(fields["lahir"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    [patient] = store.find("patients")
    assert patient["nama"] == "Yance Beanal" and patient["created_by"] == "bidan"

    qtbot.keyClick(patient_dialog, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)  # "Ctrl+K: kunjungan baru"
    qtbot.waitUntil(lambda: patient_dialog.findChild(VisitDialog) is not None)
    visit_dialog = patient_dialog.findChild(VisitDialog)
    qtbot.waitUntil(lambda: visit_dialog.patient is not None)
    visit_dialog.unit.setCurrentIndex(visit_dialog.unit.findData("malaria"))
    qtbot.keyClick(visit_dialog.pemeriksaan, Qt.Key.Key_R)
    qtbot.keyClick(visit_dialog.hasil, Qt.Key.Key_P)
    qtbot.keyClick(visit_dialog.spesies, Qt.Key.Key_F)
    qtbot.keyClicks(visit_dialog.pengobatan, "DHP")
    with qtbot.waitSignal(visit_dialog.saved, timeout=20000):
        qtbot.keyClick(visit_dialog.pengobatan, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    patient_dialog.close()
    [visit] = store.find("visits")
    assert visit["patient_id"] == patient["id"] and visit["malaria"]["hasil"] == "positif"
    assert visit["created_by"] == "bidan"

    reports = window.show_module("laporan").health  # a puskesmas: its health reports
    qtbot.waitUntil(lambda: not reports.loading and reports.lb1_model.rowCount() > 1)
    model = reports.lb1_model
    codes = [model.data(model.index(r, 0)) for r in range(model.rowCount() - 1)]
    assert codes == ["B50.9"]  # P. falciparum, confirmed by RDT
    window.close()


def test_reset_disable_and_enable_in_the_users_box(qtbot, offline_pkm):
    store, manager = offline_pkm
    admin = log_in(qtbot, store, "admin", ADMIN_PASSWORD)
    window = open_window(qtbot, store, manager, admin)
    box = users_box(qtbot, window)
    box.select_username("admin")
    assert not box.toggle_button.isEnabled()  # nobody disables themself
    add_user(qtbot, box, "loket", "Petugas Loket", "operator", "Loket-2026!")
    box.select_username("loket")
    assert box.toggle_button.isEnabled() and box.toggle_button.text() == "Nonaktifkan"

    dialog = box.reset_password()
    assert isinstance(dialog, ResetPasswordDialog)
    qtbot.keyClicks(dialog.passwords.password, "Loket-Baru-1")
    qtbot.keyClicks(dialog.passwords.password2, "Loket-Baru-1")
    with qtbot.waitSignal(dialog.accepted):
        dialog.ok_button.click()
    assert users.authenticate(store, "loket", "Loket-Baru-1") is not None

    question = box.toggle_active()
    assert isinstance(question, QMessageBox)
    with qtbot.waitSignal(manager.changed):
        next(b for b in question.buttons() if b.text() == "Nonaktifkan").click()
    qtbot.waitUntil(lambda: "loket dinonaktifkan." in box.result.text())
    qtbot.waitUntil(lambda: next(u for u in box.rows if u["username"] == "loket")["active"] == 0)
    assert users.authenticate(store, "loket", "Loket-Baru-1") is None
    box.select_username("loket")
    assert box.toggle_button.text() == "Aktifkan"
    with qtbot.waitSignal(manager.changed):
        box.toggle_active()
    qtbot.waitUntil(lambda: next(u for u in box.rows if u["username"] == "loket")["active"] == 1)
    # Disabling took the password off this PC: enabling asks for a new one at once.
    qtbot.waitUntil(lambda: any(d.isVisible() for d in box.findChildren(ResetPasswordDialog)))
    [dialog] = [d for d in box.findChildren(ResetPasswordDialog) if d.isVisible()]
    assert "berikan kata sandi baru" in box.result.text()
    qtbot.keyClicks(dialog.passwords.password, "Loket-Lagi-1")
    qtbot.keyClicks(dialog.passwords.password2, "Loket-Lagi-1")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.passwords.password2, Qt.Key.Key_Return)
    assert users.authenticate(store, "loket", "Loket-Lagi-1") is not None
    row = next(i for i, u in enumerate(box.rows) if u["username"] == "admin")
    assert box.table.item(row, 4).text()  # the admin's last login is shown
    window.close()


def test_the_login_says_how_long_to_wait_after_five_failures(qtbot, offline_pkm):
    store, _manager = offline_pkm
    dialog = LoginDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "admin")
    for _ in range(users.FREE_FAILURES + 1):
        dialog.password.clear()
        qtbot.keyClicks(dialog.password, "salah-salah")
        dialog.form.clear_errors()
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: bool(dialog.form.error_text("password")) and dialog.login_button.isEnabled())
    assert dialog.form.error_text("password").startswith("Terlalu banyak percobaan yang salah. Coba lagi dalam ")
    assert dialog.form.error_text("password").endswith(" detik.")
    assert dialog.user is None


def test_everyone_changes_their_own_password_in_pengaturan(qtbot, offline_pkm):
    store, manager = offline_pkm
    admin = log_in(qtbot, store, "admin", ADMIN_PASSWORD)
    users.add_user(store, admin, username="loket", full_name="Petugas Loket", role="operator", password="Loket-2026!")
    operator = log_in(qtbot, store, "loket", "Loket-2026!")
    window = open_window(qtbot, store, manager, operator)
    page = window.show_module("pengaturan")
    assert page.users_box is None
    dialog = page.own_password.change()
    qtbot.keyClicks(dialog.current, "salah-salah")
    qtbot.keyClicks(dialog.passwords.password, "Loket-Baru-1")
    qtbot.keyClicks(dialog.passwords.password2, "Loket-Baru-1")
    qtbot.keyClick(dialog.passwords.password2, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.form.error_text("current") == "Kata sandi sekarang salah.")
    dialog.current.clear()
    qtbot.keyClicks(dialog.current, "Loket-2026!")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.passwords.password2, Qt.Key.Key_Return)
    assert page.own_password.result.text() == "Kata sandi Anda diganti."
    assert users.authenticate(store, "loket", "Loket-Baru-1") is not None
    window.close()
