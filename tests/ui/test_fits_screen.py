"""Fits the screen, checked with real widgets offscreen: the first start opens maximized and later
starts open as they were left; a message shown under a field is never cut off; a dialog taller than
the screen scrolls with its buttons in view; the Permohonan form stacks its two columns when narrow
and never scrolls sideways. (The tour of every page and form under Xvfb: test_fit_screenshots.py.)"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop.ui.app import LayanApp
from desktop.ui.widgets.screen_fit import available_size, fit_to_screen


def test_the_first_start_opens_maximized_and_later_starts_as_left(qtbot, store, manager, user):
    first = LayanApp(store, manager, user).show_main_window()
    qtbot.addWidget(first)
    assert first.first_start and first.isMaximized()
    first.showNormal()
    first.resize(700, 500)
    first.close()  # remembers the window
    again = LayanApp(store, manager, user).show_main_window()
    qtbot.addWidget(again)
    assert not again.first_start and not again.isMaximized()
    assert again.size() == QSize(700, 500)


def test_a_message_under_a_field_is_read_in_full(qtbot, store):
    from desktop.ui.login_dialog import LoginDialog

    dialog = LoginDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    before = dialog.height()
    dialog.form.set_error("password", "Nama pengguna atau kata sandi salah. Periksa huruf besar dan kecil, dan "
                                      "apakah Caps Lock menyala; setelah lima kali salah, tunggu sebentar.")
    label = dialog.form.errors["password"]
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()))
    assert dialog.height() > before


def test_a_dialog_taller_than_the_screen_scrolls_with_its_buttons_in_view(qtbot):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    room = available_size(dialog)
    labels = []
    for number in range(room.height() // 10):
        label = QLabel(f"Baris {number}")
        label.setMinimumHeight(20)
        labels.append(label)
        layout.addWidget(label)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    layout.addWidget(buttons)
    fit_to_screen(dialog)
    area = dialog.findChild(QScrollArea)
    assert area is not None and area.widget().isAncestorOf(labels[0])
    assert not area.widget().isAncestorOf(buttons) and dialog.isAncestorOf(buttons)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.height() <= room.height() and dialog.width() <= room.width()
    assert buttons.isVisible() and labels[-1].isVisibleTo(dialog)


def test_a_dialog_that_starts_scrolling_keeps_its_cursor_and_shows_it(qtbot, request):
    """A request's detail grew past a laptop's screen once its record loaded: its content moved into a scroll
    area, which took the focus off "Verifikasi" (the next step, one Space away) and gave it to "Tutup"."""
    from PySide6.QtWidgets import QPushButton

    from desktop.ui.widgets.screen_fit import install_screen_fit, pause_screen_fit

    app = QApplication.instance()
    had_fit = getattr(app, "_layan_screen_fit", None) is not None
    install_screen_fit(app)  # as the app runs; the test session's own application has none
    if not had_fit:
        request.addfinalizer(lambda: pause_screen_fit(app))  # the next test's dialogs as they were
    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    next_step = QPushButton("Verifikasi")
    layout.addWidget(QLabel("Data"))
    layout.addWidget(next_step)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    layout.addWidget(buttons)
    dialog.show()
    qtbot.waitExposed(dialog)
    next_step.setFocus()
    for number in range(available_size(dialog).height() // 10):  # the record's data arrives
        label = QLabel(f"Baris {number}")
        label.setMinimumHeight(20)
        layout.insertWidget(1, label)
    qtbot.waitUntil(lambda: getattr(dialog, "_layan_scrolls", False))
    assert QApplication.focusWidget() is next_step
    area = dialog.findChild(QScrollArea)
    qtbot.waitUntil(lambda: area.viewport().rect().contains(
        next_step.mapTo(area.viewport(), next_step.rect().bottomRight())))


def test_the_permohonan_form_stacks_its_columns_when_narrow(qtbot, main_window, store):
    from PySide6.QtWidgets import QBoxLayout

    page = main_window.show_module("permohonan")
    dialog = page.new_record()
    dialog.service.setCurrentIndex(dialog.service.findData("sktm"))
    dialog.setMinimumSize(0, 0)
    dialog.resize(520, 700)  # a window made narrow (or a small screen at a high scaling)
    qtbot.waitUntil(lambda: dialog.columns.direction() == QBoxLayout.Direction.TopToBottom)
    assert not dialog.scroll.horizontalScrollBar().isVisible()
    assert dialog.body.minimumSizeHint().width() <= dialog.scroll.viewport().width()  # nothing cut off at the right
    keperluan = dialog.keperluan
    assert keperluan.mapTo(dialog.scroll.widget(), keperluan.rect().topRight()).x() <= dialog.scroll.viewport().width()
    dialog._dirty = False
    dialog.done(0)


def test_every_main_page_sits_in_a_scroll_area_and_still_is_the_current_page(qtbot, main_window):
    page = main_window.show_module("pengaturan")
    assert main_window.current_page() is page
    assert isinstance(main_window.pages.currentWidget(), QScrollArea)
    assert isinstance(main_window.pages.currentWidget().widget(), QWidget)


def test_the_first_start_wizard_grows_to_show_a_long_message(qtbot, tmp_path):
    from desktop.domain import open_store
    from desktop.ui.first_start import FirstStartWizard

    store = open_store(tmp_path / "fresh")
    wizard = FirstStartWizard(store)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    page = wizard.currentPage()
    page.form.set_error("code", "Kode kantor hanya huruf besar, angka dan tanda hubung (2–20 karakter), mis. DST-MB "
                                "atau PKM-TJ; kode ini diberikan oleh Diskominfo.")
    label = page.form.errors["code"]
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()))
    wizard.done(0)
    store.close()


def test_no_font_weight_follows_a_state_that_changes_after_measuring():
    """A bold label that appears with :default, :selected, :hover or :focus is cut off: Qt measured it
    regular (bold buttons and tabs were cut off)."""
    import re

    from desktop.ui.style import stylesheet

    qss = re.sub(r"/\*.*?\*/", "", stylesheet(), flags=re.S)  # without comments
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", qss):
        if "font-weight" in body:
            dynamic = [s for s in selectors.split(",") if re.search(r":(default|selected|hover|focus|checked)", s)]
            assert not dynamic, f"font-weight set for {dynamic}"
