"""The Sinkronisasi page says how the attachment bytes stand: what waits to go up (count and size),
and after a sync through the real server, that everything went; a refusal (quota) is shown too."""

from __future__ import annotations

import pytest

from desktop.domain import attachments, letters
from desktop.ui.sync.formatting import format_bytes
from desktop.ui.sync.page import SyncPage
from tests.ui.test_sync_page import MASUK, make_pc, new_office, pcs, run_manual, server, token_file  # noqa: F401
from tests.unit import attachment_samples as samples


def attach_scan(pc, seed: int) -> dict:
    letter = letters.register_incoming(pc.store, MASUK, actor="admin").record_id
    scan = samples.jpeg(samples.scanned_page(dpi=150, seed=seed))
    return attachments.attach(pc.store, pc.user, "letters", letter, attachments.inspect_bytes("surat.jpg", scan))


@pytest.mark.parametrize("quota", [None, "1KB"])
def test_page_shows_attachments_waiting_then_sent(qtbot, server, tmp_path, pcs, quota):  # noqa: F811
    code = new_office(server)
    if quota:
        server.cli("blobs", "quota", quota, "--office", code)
    pc = pcs(make_pc(server, tmp_path / "pc1", code))
    page = SyncPage(pc.store, pc.manager, pc.user)
    qtbot.addWidget(page)
    page.show()
    rec = attach_scan(pc, 1)
    qtbot.waitUntil(lambda: page.attachments_label.text().startswith("1 menunggu unggah"))
    assert page.attachments_label.text() == f"1 menunggu unggah, {format_bytes(rec['size'])}"
    run_manual(qtbot, page.scheduler, page)
    if quota:
        qtbot.waitUntil(lambda: "penuh" in page.attachments_label.text())
        first, *lines = page.attachments_label.text().split("\n")
        assert first == f"1 menunggu unggah, {format_bytes(rec['size'])}"
        assert len(lines) == 1 and lines[0].startswith("Tidak terkirim: surat.jpg — Ruang lampiran kantor ini")
    else:
        qtbot.waitUntil(lambda: page.attachments_label.text() == "semua sudah terkirim")


def test_viewer_fetches_bytes_that_are_not_here_yet(qtbot, server, tmp_path, pcs, monkeypatch):  # noqa: F811
    from desktop.domain import attachment_sync, syncing
    from desktop.store.attachment_blobs import blob_store
    from desktop.ui.attachment_viewer import AttachmentViewer
    from tests.ui.test_sync_page import sync_ok

    code = new_office(server)
    pc1 = pcs(make_pc(server, tmp_path / "pc1", code))
    rec = attach_scan(pc1, 4)
    sync_ok(pc1.store)
    pc2 = pcs(make_pc(server, tmp_path / "pc2", code))
    monkeypatch.setattr(attachment_sync, "PREFETCH_BUDGET", 0)  # outside the prefetch: only on demand
    sync_ok(pc2.store)
    assert not blob_store(pc2.store.data_dir).has(rec["sha256"])
    here = pc2.store.get("attachments", rec["id"])
    viewer = AttachmentViewer(pc2.store, pc2.user, here)
    qtbot.addWidget(viewer)
    viewer.show()
    qtbot.waitUntil(lambda: viewer.image is not None, timeout=60_000)
    assert blob_store(pc2.store.data_dir).read(rec["sha256"]) == blob_store(pc1.store.data_dir).read(rec["sha256"])
    assert syncing.is_enrolled(pc2.store)


def test_usb_export_says_which_attachments_did_not_fit(qtbot, server, tmp_path, pcs):  # noqa: F811
    from desktop.domain import attachment_usb
    from desktop.store.attachment_blobs import blob_store

    code = new_office(server)
    pc = pcs(make_pc(server, tmp_path / "pc1", code))
    pc.store.set_meta(attachment_usb.CAP_META, "0")  # a stick with no room for attachments
    rec = attach_scan(pc, 5)
    page = SyncPage(pc.store, pc.manager, pc.user)
    qtbot.addWidget(page)
    page.usb.export_to(tmp_path / "stick")
    qtbot.waitUntil(lambda: "Tidak muat di USB ini" in page.usb.result.text())
    assert f"surat.jpg ({format_bytes(rec['size'])})" in page.usb.result.text()
    assert "0 lampiran ikut" in page.usb.result.text()
    assert blob_store(pc.store.data_dir).has(rec["sha256"])
