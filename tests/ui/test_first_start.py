"""First start and login, against a fresh (uninitialized) data folder."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from desktop.domain import letters, office, open_store, users
from desktop.tasks import TaskManager
from desktop.ui.first_start import FirstStartWizard
from desktop.ui.login_dialog import LoginDialog


@pytest.fixture
def fresh(tmp_path, qapp):
    store = open_store(tmp_path / "fresh")
    manager = TaskManager(store)
    yield store
    manager.shutdown()
    store.close()


def test_office_page_shows_errors_at_the_fields(qtbot, fresh):
    wizard = FirstStartWizard(fresh)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.office_page
    qtbot.keyClicks(page.code, "x")
    wizard.next()
    assert wizard.currentPage() is page
    assert page.form.error_text("code").startswith("Kode kantor")
    assert page.form.error_text("name") == "Nama kantor wajib diisi."
    assert not office.is_initialized(fresh)


def test_wizard_sets_up_a_demo_office(qtbot, fresh):
    wizard = FirstStartWizard(fresh)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.office_page.demo.setChecked(True)  # fills a demo code and name
    wizard.next()
    admin = wizard.admin_page
    assert wizard.currentPage() is admin
    qtbot.keyClicks(admin.username, "Operator")
    qtbot.keyClicks(admin.password, "rahasia1")
    qtbot.keyClicks(admin.password2, "rahasia2")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert admin.form.error_text("password2") == "Kedua kata sandi tidak sama."
    assert not office.is_initialized(fresh)
    admin.password2.clear()
    qtbot.keyClicks(admin.password2, "rahasia1")
    with qtbot.waitSignal(wizard.accepted):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    assert fresh.office()["code"] == "DST-DEMO"
    assert users.authenticate(fresh, "operator", "rahasia1")["role"] == "admin"
    assert len(fresh.find(letters.LETTERS)) > 0


def test_login(qtbot, fresh):
    office.initialize(fresh, code="PKM-TMK", name="Puskesmas Timika", kind="puskesmas",
                      admin_username="admin", admin_password="rahasia1")
    dialog = LoginDialog(fresh)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "admin")
    qtbot.keyClicks(dialog.password, "salah123")
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.form.error_text("password")))
    assert dialog.form.error_text("password") == "Nama pengguna atau kata sandi salah."
    assert dialog.user is None
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, "rahasia1")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert dialog.user["username"] == "admin"
