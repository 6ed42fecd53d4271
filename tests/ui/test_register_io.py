"""The registers' "Impor/Ekspor" button: real files, real store, real widgets offscreen. A file with a
bad row imports nothing and says which row and why; "Impor N baris yang benar saja" imports the
rest; exports open in openpyxl with every row; a wrong file name is refused plainly."""

from __future__ import annotations

import openpyxl
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton

from desktop.domain import letters

from .conftest import wait_loaded
from .test_health_support import (  # noqa: F401 - fixtures
    nakes,
    pkm,
    pkm_dir,
    pkm_manager,
    pkm_template,
    pkm_window,
    users,
)

AGENDA = """No. Agenda;Tgl Terima;No. Surat;Tgl Surat;Pengirim;Hal;Sifat
901;03/08/2026;005/9/Setda;30/07/2026;Sekretariat Daerah;Undangan rapat koordinasi;Biasa
902;31/13/2026;12/KPU/2026;;KPU Kabupaten Mimika;Sosialisasi tahap 2;Penting
903;05/08/2026;7/Dinsos;;Dinas Sosial;Data penerima bantuan;Segera
"""


def count_masuk(store) -> int:
    return store.read().execute("SELECT count(*) FROM letters WHERE direction = 'masuk' AND deleted = 0").fetchone()[0]


def wait_box(qtbot, button, previous=None) -> QMessageBox:
    qtbot.waitUntil(lambda: button.box is not None and button.box is not previous and button.box.isVisible())
    return button.box


def test_every_register_page_has_the_button(main_window):
    for module, kinds in (("surat_masuk", 1), ("surat_keluar", 1), ("permohonan", 1), ("pengaduan", 1)):
        page = main_window.show_module(module)
        actions = [a for a in page.io_button.menu().actions() if not a.isSeparator()]
        assert len(actions) == 2 * kinds, module
    texts = [a.text() for a in main_window.show_module("surat_masuk").io_button.menu().actions()]
    assert "Impor surat masuk dari Excel/CSV…" in texts and "Ekspor surat masuk ke Excel/CSV…" in texts


def test_a_bad_row_stops_the_import_until_the_clerk_takes_only_the_good_rows(qtbot, main_window, store, tmp_path):
    page = main_window.show_module("surat_masuk")
    wait_loaded(qtbot, page.model)
    before = count_masuk(store)
    path = tmp_path / "agenda.csv"
    path.write_text(AGENDA, encoding="utf-8")
    button = page.io_button

    button.import_file("surat-masuk", path)
    box = wait_box(qtbot, button)
    assert box.text().startswith("Tidak ada yang diimpor dari agenda.csv: 1 dari 3 baris bermasalah.")
    assert "Baris 3: " in box.informativeText()  # the row number as the spreadsheet shows it
    assert count_masuk(store) == before
    only_good = next(b for b in box.buttons() if b.text() == "Impor 2 baris yang benar saja")
    only_good.click()
    box = wait_box(qtbot, button, previous=box)
    assert box.text() == "2 dari 3 baris diimpor dari agenda.csv."
    assert count_masuk(store) == before + 2
    assert {r["perihal"] for r in store.find(letters.LETTERS, "seq IN (901, 903)")} == \
        {"Undangan rapat koordinasi", "Data penerima bantuan"}


def test_export_to_excel_and_csv_and_a_wrong_name(qtbot, main_window, store, tmp_path):
    letters.register_incoming(store, {"tanggal_terima": "2026-11-27", "asal": "Dinas Sosial",
                                      "perihal": "Undangan", "sifat": "biasa"}, actor="admin")
    page = main_window.show_module("surat_masuk")
    button = page.io_button
    target = tmp_path / "keluar" / "surat-masuk.xlsx"
    target.parent.mkdir()
    button.export_file("surat-masuk", target)
    box = wait_box(qtbot, button)
    total = count_masuk(store)
    assert box.text() == f"{total} data diekspor ke {target}."
    sheet = openpyxl.load_workbook(target).active
    assert sheet.max_row - 1 >= total  # a header row (and title rows) above the letters
    csv_target = tmp_path / "surat-masuk.csv"
    button.export_file("surat-masuk", csv_target)
    box = wait_box(qtbot, button, previous=box)
    assert csv_target.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel on Windows reads it as UTF-8
    button.export_file("surat-masuk", tmp_path / "surat.txt")
    box = wait_box(qtbot, button, previous=box)
    assert box.text() == "Nama berkas harus berakhiran .xlsx, .csv atau .json."
    assert not (tmp_path / "surat.txt").exists()


def test_a_long_export_shows_its_progress_to_the_last_row(qtbot, main_window, manager, store, tmp_path):
    with store.transaction() as tx:
        for i in range(1200):
            letters.register(tx, "masuk", {"seq": 5000 + i, "tanggal_terima": "2026-11-27", "asal": "Dinas Sosial",
                                           "perihal": f"Laporan {i}", "sifat": "biasa"}, actor="admin")
    total = count_masuk(store)
    updates = []
    manager.progress_updated.connect(lambda token, label, value, maximum: updates.append((label, value, maximum)))
    button = main_window.show_module("surat_masuk").io_button
    button.export_file("surat-masuk", tmp_path / "besar.xlsx")
    box = wait_box(qtbot, button)
    assert box.text() == f"{total:,} data diekspor ke {tmp_path / 'besar.xlsx'}.".replace(",", ".")
    assert updates[-1] == ("Mengekspor besar.xlsx…", total, total)
    qtbot.waitUntil(lambda: not main_window.findChildren(QProgressDialog, "exportProgress"))  # closed, deleted
    assert not main_window.status.progress.isVisible()  # the status bar's progress is gone again


def test_batal_stops_an_export_and_writes_nothing(qtbot, main_window, manager, store, tmp_path):
    letters.register_incoming(store, {"tanggal_terima": "2026-11-27", "asal": "Dinas Sosial",
                                      "perihal": "Undangan", "sifat": "biasa"}, actor="admin")
    button = main_window.show_module("surat_masuk").io_button
    target = tmp_path / "ekspor" / "surat-masuk.csv"
    target.parent.mkdir()

    def press_batal(_token, _label):  # the moment the export starts, before any row is written
        dialog = main_window.findChildren(QProgressDialog, "exportProgress")[-1]
        dialog.findChild(QPushButton).click()  # "Batal"

    manager.progress_started.connect(press_batal)
    try:
        button.export_file("surat-masuk", target)
    finally:
        manager.progress_started.disconnect(press_batal)
    box = wait_box(qtbot, button)
    assert box.text() == "Ekspor dibatalkan; tidak ada berkas yang ditulis."
    assert list(target.parent.iterdir()) == []


def test_the_puskesmas_page_imports_and_exports_patients_and_visits(qtbot, pkm_window, tmp_path):  # noqa: F811
    page = pkm_window.show_module("pasien")
    texts = [a.text() for a in page.io_button.menu().actions() if not a.isSeparator()]
    assert texts == ["Impor pasien dari Excel/CSV…", "Impor kunjungan dari Excel/CSV…",
                     "Ekspor pasien ke Excel/CSV…", "Ekspor kunjungan ke Excel/CSV…"]
    target = tmp_path / "pasien.xlsx"
    page.io_button.export_file("pasien", target)
    box = wait_box(qtbot, page.io_button)
    assert box.text().endswith(f"data diekspor ke {target}.")
    assert target.exists()
