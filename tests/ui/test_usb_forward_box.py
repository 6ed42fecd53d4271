"""Sinkronisasi → Lewat USB: a complaint forwarded at an office that syncs only by stick moves with
the stick, and the box says so. Real server process, real store, real widgets offscreen."""

from __future__ import annotations

from desktop.domain import complaints
from desktop.ui.sync.page import SyncPage

# Helpers and fixtures (pcs, server, token_file) of the sync page tests.
from tests.ui.test_sync_page import make_pc, pcs, server, token_file, unique_code  # noqa: F401


def test_a_forward_travels_by_stick_and_the_box_says_it_moved(qtbot, server, tmp_path, pcs):  # noqa: F811
    code, other = unique_code("D"), unique_code("D")
    for office in (code, other):
        server.storage.add_office(office, f"Kantor {office}", "distrik")
    pc = pcs(make_pc(server, tmp_path / "pc1", code))
    complaint = complaints.new_complaint(pc.store, {
        "channel": "langsung", "pelapor_nama": "Yohanes Magal", "kategori": "Kesehatan",
        "uraian": "Obat di pustu habis"}, actor="admin")
    complaints.forward(pc.store, complaint["id"], other, actor="admin")
    page = SyncPage(pc.store, pc.manager, pc.user)
    qtbot.addWidget(page)
    box, stick = page.usb, tmp_path / "stick"

    box.export_to(stick)
    qtbot.waitUntil(lambda: "Bawa USB ke IT" in box.result.text())
    server.cli("usb", "import", str(stick))
    box.import_from(stick)
    qtbot.waitUntil(lambda: box.result.text().startswith("Balasan diterapkan"))
    assert "1 pengaduan/permohonan yang diteruskan sudah pindah ke kantor tujuannya." in box.result.text()
    assert "belum pindah" not in box.result.text()
    stub = pc.store.get(complaints.COMPLAINTS, complaint["id"])
    assert (stub["readonly"], stub["office_id"]) == (1, other)
