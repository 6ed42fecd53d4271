"""First start and login, against a fresh (uninitialized) data folder."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard

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


def test_the_cursor_starts_in_the_office_code(qtbot, fresh):
    """A clerk types at once: the first keys go into "Kode kantor", not to the provisioning file's button."""
    wizard = FirstStartWizard(fresh)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.activateWindow()
    qtbot.waitUntil(lambda: wizard.focusWidget() is not None)
    assert wizard.focusWidget() is wizard.office_page.code
    qtbot.keyClicks(wizard.focusWidget(), "dst-kk")
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Tab)
    assert wizard.focusWidget() is wizard.office_page.name


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


def set_up_office(store) -> None:
    office.initialize(store, code="PKM-TMK", name="Puskesmas Timika", kind="puskesmas",
                      admin_username="admin", admin_password="rahasia1")


def login_window(qtbot, store) -> LoginDialog:
    """The login window on screen; ``store`` None: as painted before the store is open."""
    dialog = LoginDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_login(qtbot, fresh):
    set_up_office(fresh)
    dialog = login_window(qtbot, fresh)
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

    # The next login on this PC offers the name, with the cursor in the password.
    again = login_window(qtbot, fresh)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is again)
    assert again.username.text() == "admin" and QApplication.focusWidget() is again.password
    qtbot.keyClicks(again.password, "rahasia1")
    with qtbot.waitSignal(again.accepted):
        qtbot.keyClick(again.password, Qt.Key.Key_Return)


def test_what_is_typed_while_the_password_is_checked_is_kept(qtbot, fresh):
    """Enter pressed before the password was complete: the rest typed while it was checked was selected when the
    error came, and the next key replaced it all."""
    set_up_office(fresh)
    dialog = login_window(qtbot, fresh)
    qtbot.keyClicks(dialog.username, "admin")
    qtbot.keyClicks(dialog.password, "rahas")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)  # too soon
    qtbot.keyClicks(dialog.password, "ia")  # typed on while the check runs
    qtbot.waitUntil(lambda: dialog.login_button.isEnabled())
    qtbot.keyClicks(dialog.password, "1")
    assert dialog.password.text() == "rahasia1"
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def test_a_name_typed_before_the_store_is_open_is_kept(qtbot, fresh):
    """The login window takes keys before the store is open: the last user's name must not replace them."""
    from desktop.ui.settings import remember_username

    set_up_office(fresh)
    remember_username("PKM-TMK", "admin")
    dialog = login_window(qtbot, None)
    qtbot.keyClicks(dialog.username, "bidan")
    dialog.attach_store(fresh)
    assert dialog.username.text() == "bidan"


def _to_admin_page(qtbot, wizard):
    wizard.office_page.demo.setChecked(False)
    qtbot.keyClicks(wizard.office_page.code, "DST-KK")
    qtbot.keyClicks(wizard.office_page.name, "Distrik Kuala Kencana")
    wizard.next()
    admin = wizard.admin_page
    qtbot.keyClicks(admin.username, "admin")
    qtbot.keyClicks(admin.full_name, "Yuliana Kogoya")
    qtbot.keyClicks(admin.password, "rahasia12")
    qtbot.keyClicks(admin.password2, "rahasia12")
    return admin


def test_the_printing_page_asks_for_the_kop_and_the_signatory(qtbot, fresh, tmp_path):
    from PySide6.QtGui import QColor, QImage

    from desktop.printing import settings

    logo = QImage(100, 120, QImage.Format.Format_RGB32)
    logo.fill(QColor("darkgreen"))
    assert logo.save(str(tmp_path / "lambang.png"))
    (tmp_path / "surat.png").write_bytes(b"%PDF-1.4 not a picture")
    wizard = FirstStartWizard(fresh)
    qtbot.addWidget(wizard)
    wizard.show()
    _to_admin_page(qtbot, wizard)
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()  # finishing here skips printing
    wizard.next()
    page = wizard.print_page
    assert wizard.currentPage() is page
    inputs = page.form.inputs
    # Prefilled with what the office's name gives; the clerk corrects or adds.
    assert inputs["kop_nama"].text() == "DISTRIK KUALA KENCANA"
    assert inputs["ttd_jabatan"].text() == "Kepala Distrik Kuala Kencana"
    qtbot.keyClicks(inputs["kop_alamat"], "Jl. Poros Kuala Kencana, Timika")
    qtbot.keyClicks(inputs["kop_kontak"], "Telp. (0901) 301234")
    qtbot.keyClicks(inputs["kop_logo"], str(tmp_path / "surat.png"))
    assert page.form.logo_preview.pixmap().isNull() and "bukan gambar" in page.form.logo_preview.text()
    inputs["kop_logo"].setText(str(tmp_path / "lambang.png"))
    assert not page.form.logo_preview.pixmap().isNull()  # the preview shows the chosen logo
    qtbot.keyClicks(inputs["ttd_nama"], "Drs. Yakobus Beanal, M.Si")
    qtbot.keyClicks(inputs["ttd_nip"], "NIP-1975")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert page.form.forms[1].error_text("ttd_nip").startswith("NIP hanya berisi angka")
    assert not office.is_initialized(fresh)
    inputs["ttd_nip"].setText("19750812 200003 1 005")
    with qtbot.waitSignal(wizard.accepted):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    kept = settings.print_settings(fresh)
    assert kept["kop_alamat"] == "Jl. Poros Kuala Kencana, Timika" and kept["kop_kontak"] == "Telp. (0901) 301234"
    assert kept["ttd_nama"] == "Drs. Yakobus Beanal, M.Si" and kept["ttd_nip"] == "19750812 200003 1 005"
    assert kept["kop_logo"] == "kop_logo.png"  # copied into the data folder: the USB stick may go
    assert (fresh.data_dir / "kop_logo.png").read_bytes() == (tmp_path / "lambang.png").read_bytes()
    assert settings.logo_path(fresh) is not None
    assert fresh.meta("kop_nama") is None  # a default left as it was is not stored


def test_the_wizard_grown_for_the_printing_page_is_centred_on_the_screen(qtbot, fresh):
    """Qt grows the wizard from its top-left corner; the printing page is taller and its buttons went below a
    small screen's bottom edge."""
    wizard = FirstStartWizard(fresh)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    first = wizard.frameGeometry()
    _to_admin_page(qtbot, wizard)
    wizard.next()
    assert wizard.currentPage() is wizard.print_page
    screen = wizard.screen().availableGeometry()

    def centred() -> bool:
        middle = wizard.frameGeometry().center()
        return abs(middle.x() - screen.center().x()) <= 1 and abs(middle.y() - screen.center().y()) <= 1

    qtbot.waitUntil(centred)  # once the wizard has grown
    frame = wizard.frameGeometry()
    assert frame.height() > first.height()  # it did grow
    assert screen.contains(frame), (frame, screen)


def test_the_printing_page_may_be_skipped(qtbot, fresh):
    from desktop.printing import settings

    wizard = FirstStartWizard(fresh)
    qtbot.addWidget(wizard)
    wizard.show()
    _to_admin_page(qtbot, wizard)
    with qtbot.waitSignal(wizard.accepted):
        wizard.button(QWizard.WizardButton.FinishButton).click()  # "Selesai" on the administrator's page
    assert fresh.office()["code"] == "DST-KK"
    assert settings.missing_for_certificate(fresh) == ["ttd_nama", "kop_alamat"]  # asked when issuing
