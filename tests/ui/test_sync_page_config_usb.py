"""The Sinkronisasi page's configuration tab and USB box. Values published with `layan-server config`
arrive with a sync started from the page, are listed on its "Konfigurasi pusat" tab (a refused value
with its reason and a count on the tab), and the print settings say which values the centre manages;
a sync by USB stick runs from the page's buttons. Real server process, real store, real widgets offscreen."""

from __future__ import annotations

import json

from desktop.ui.services.print_settings_box import PrintSettingsBox
from desktop.ui.sync.page import SyncPage
from sync.schema import resources_dir

# Helpers and fixtures (pcs, server, token_file) of the sync page tests.
from tests.ui.test_sync_page import make_pc, pcs, run_manual, server, token_file, unique_code  # noqa: F401


def cell_texts(model, column: int) -> list[str]:
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def test_published_values_show_on_the_sync_page_and_in_print_settings(qtbot, server, tmp_path, pcs):  # noqa: F811
    code = unique_code("D")
    server.storage.add_office(code, f"Kantor {code}", "distrik")
    server.cli("config", "set", "kop_alamat", "Jl. Yos Sudarso, Timika", "--scope", code)
    bad = json.loads((resources_dir() / "reference" / "services.json").read_text(encoding="utf-8"))
    bad["services"][0]["sla_days"] = 99
    (tmp_path / "bad.json").write_text(json.dumps(bad), encoding="utf-8")
    server.cli("config", "set", "services", "--file", str(tmp_path / "bad.json"), "--scope", code)

    pc = pcs(make_pc(server, tmp_path / "pc1", code))
    page = SyncPage(pc.store, pc.manager, pc.user)
    qtbot.addWidget(page)
    box = PrintSettingsBox(pc.manager)
    qtbot.addWidget(box)
    view = page.central_config
    qtbot.waitUntil(lambda: view.loaded)
    assert view.model.rowCount() == 0 and not view.empty.isHidden()
    assert box.managed_note.isHidden()

    report = run_manual(qtbot, page.scheduler, page)
    assert report is not None and report.ok

    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    assert cell_texts(view.model, 0) == ["Alamat kantor", "Katalog layanan"]
    assert cell_texts(view.model, 1) == [f"Kantor ini ({code})"] * 2
    status = cell_texts(view.model, 4)
    assert status[0] == "Berlaku"
    assert status[1].startswith("Ditolak: ") and "sla_days" in status[1]
    assert page.tabs.tabText(page.tabs.indexOf(page.central_config)) == "Konfigurasi pusat (1)"
    assert view.empty.isHidden()

    # The print settings show the centre's value and say it is managed centrally.
    qtbot.waitUntil(lambda: box.inputs["kop_alamat"].text() == "Jl. Yos Sudarso, Timika")
    assert not box.managed_note.isHidden()
    assert "Alamat kantor" in box.managed_note.text()


def test_the_tab_speaks_english(qtbot, server, tmp_path, pcs):  # noqa: F811
    from desktop.ui import i18n

    i18n.install_language("en")
    code = unique_code("D")
    server.storage.add_office(code, f"Kantor {code}", "distrik")
    server.cli("config", "set", "kertas", "F4", "--scope", code)
    pc = pcs(make_pc(server, tmp_path / "pc1", code))
    page = SyncPage(pc.store, pc.manager, pc.user)
    qtbot.addWidget(page)
    run_manual(qtbot, page.scheduler, page)
    view = page.central_config
    qtbot.waitUntil(lambda: any(t == "Paper size" for t in cell_texts(view.model, 0)))
    row = cell_texts(view.model, 0).index("Paper size")
    assert view.model.data(view.model.index(row, 1)) == f"This office ({code})"
    assert view.model.data(view.model.index(row, 4)) == "In force"
    assert page.tabs.tabText(page.tabs.indexOf(page.central_config)).startswith("Central configuration")
    assert pc.store.meta("kertas") == "F4"


def test_sync_by_usb_stick_from_the_sync_page(qtbot, server, tmp_path, pcs):  # noqa: F811
    """Export, IT's import at the server, import of the reply: all from the page's buttons."""
    from desktop.domain import letters

    code = unique_code("D")
    server.storage.add_office(code, f"Kantor {code}", "distrik")
    server.cli("config", "set", "kop_kota", "Jila", "--scope", code)
    pc = pcs(make_pc(server, tmp_path / "pc1", code))
    letters.register_incoming(pc.store, {"tanggal_terima": "2026-11-27", "asal": "Dinas Sosial",
                                         "perihal": "Undangan", "sifat": "biasa"}, actor="admin")
    page = SyncPage(pc.store, pc.manager, pc.user)
    qtbot.addWidget(page)
    box = page.usb
    stick = tmp_path / "stick"

    box.export_to(stick)
    qtbot.waitUntil(lambda: "Bawa USB ke IT" in box.result.text())
    assert box.result.text().startswith("1 perubahan ditulis ke ")
    server.cli("usb", "import", str(stick))
    box.import_from(stick)
    qtbot.waitUntil(lambda: box.result.text().startswith("Balasan diterapkan"))
    assert "1 perubahan diterima server (0 ditolak)" in box.result.text()
    assert pc.store.outbox_size() == 0 and pc.store.meta("kop_kota") == "Jila"
    # The configuration tab follows from the one change signal.
    qtbot.waitUntil(lambda: page.central_config.model.rowCount() == 1)

    # An empty folder: said plainly, nothing changes.
    (tmp_path / "empty").mkdir()
    box.import_from(tmp_path / "empty")
    qtbot.waitUntil(lambda: box.result.text() == "Tidak ada balasan server untuk PC ini di sana.")
    assert box.export_button.isEnabled() and box.import_button.isEnabled()
