"""Panduan: F1 (anywhere, a form included) and "Bantuan (F1)" open the manual by task at the task of
the page in front; it is the printable docs/PANDUAN.md (docs/GUIDE.md in English) with pictures the
screenshot tests make, and the installed app ships exactly those files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.manual_files import MANUALS, images_of, manual_datas
from desktop.ui.help_dialog import HelpDialog, docs_dir, sections

ROOT = Path(__file__).resolve().parents[2]
TASKS = ["Mencatat surat masuk", "Disposisi", "Nomor surat keluar", "Permohonan layanan sampai terbit", "Pengaduan",
         "Pasien dan kunjungan", "Laporan bulanan", "Sinkronisasi lewat USB", "Pengguna baru"]


def test_the_manual_covers_every_task_and_every_picture_exists():
    text = (docs_dir() / "PANDUAN.md").read_text(encoding="utf-8")
    assert sections(text) == TASKS
    english = (docs_dir() / "GUIDE.md").read_text(encoding="utf-8")
    assert len(sections(english)) == len(TASKS)
    for manual in MANUALS:
        for image in images_of((docs_dir() / manual).read_text(encoding="utf-8")):
            assert (docs_dir() / image).is_file(), f"{manual} shows {image}, which is missing"
            assert image.startswith("screenshots/fit-100-"), image  # made by test_fit_screenshots.py


def test_the_installed_app_ships_the_manual_and_its_pictures():
    shipped = manual_datas(ROOT)
    sources = {Path(src).relative_to(ROOT).as_posix() for src, _dest in shipped}
    assert {"docs/PANDUAN.md", "docs/GUIDE.md"} <= sources
    text = (ROOT / "docs" / "PANDUAN.md").read_text(encoding="utf-8")
    assert {f"docs/{image}" for image in images_of(text)} <= sources
    assert all(dest in ("docs", "docs/screenshots") for _src, dest in shipped)
    assert "manual_datas(ROOT)" in (ROOT / "build.spec").read_text(encoding="utf-8")


def test_f1_opens_the_manual_at_the_task_of_the_page_in_front(qtbot, main_window):
    main_window.show_module("permohonan")
    main_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main_window)
    qtbot.keyClick(main_window.current_page(), Qt.Key.Key_F1)
    dialog = main_window.help_dialog
    assert isinstance(dialog, HelpDialog) and dialog.isVisible()
    assert dialog.headings == TASKS
    qtbot.waitUntil(lambda: dialog.current_heading() == "Permohonan layanan sampai terbit")
    assert "Ctrl+N" in dialog.browser.toPlainText()
    dialog.contents.setCurrentRow(TASKS.index("Sinkronisasi lewat USB"))
    qtbot.waitUntil(lambda: dialog.current_heading() == "Sinkronisasi lewat USB")
    dialog.close()


def test_the_bantuan_button_and_a_form_open_it_too(qtbot, main_window):
    page = main_window.show_module("surat_masuk")
    qtbot.mouseClick(main_window.help_button, Qt.MouseButton.LeftButton)
    dialog = main_window.help_dialog
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.current_heading() == "Mencatat surat masuk")
    dialog.close()
    form = page.new_letter()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    qtbot.keyClick(form.form.fields["perihal"], Qt.Key.Key_F1)  # in a form: F1 works there too
    assert main_window.help_dialog is not None and main_window.help_dialog.isVisible()
    assert main_window.help_dialog is not dialog
    main_window.help_dialog.close()
    form.done(0)


def test_in_english_the_guide_is_shown(qtbot):
    dialog = HelpDialog(lang="en")
    qtbot.addWidget(dialog)
    assert dialog.path.name == "GUIDE.md"
    assert dialog.headings[0] == "Registering an incoming letter"


def test_the_manual_saves_as_a_pdf(qtbot, tmp_path):
    import pypdfium2

    dialog = HelpDialog(lang="id")
    qtbot.addWidget(dialog)
    dialog.save_pdf(tmp_path / "panduan.pdf")
    pdf = pypdfium2.PdfDocument(str(tmp_path / "panduan.pdf"))
    text = "".join(page.get_textpage().get_text_range() for page in pdf)
    assert "Mencatat surat masuk" in text and "Pengguna baru" in text
