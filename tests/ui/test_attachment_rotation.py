"""A page turned in the viewer stays turned: saved in the attachment record's synced ``rotation``
field, shown so by the thumbnail, the print and a second PC after a sync through the real server."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from desktop.domain import attachments, letters
from desktop.domain.attachments import AttachmentError
from desktop.ui.attachment_viewer import AttachmentViewer
from desktop.ui.widgets.attachment_strip import AttachmentStrip
from sync.schema import collection
from tests.ui.test_sync_page import make_pc, new_office, pcs, server, sync_ok, token_file  # noqa: F401
from tests.unit import attachment_samples as samples

MASUK = {"tanggal_terima": "2026-11-27", "asal": "Sekretariat Daerah", "perihal": "Undangan rapat", "sifat": "segera"}


def portrait_scan(store, user, pages: int = 2) -> dict:
    letter = letters.register_incoming(store, MASUK, actor="admin").record_id
    pdf = samples.pdf_of_images([samples.scanned_page(dpi=60, seed=n) for n in range(pages)], dpi=60)
    return attachments.attach(store, user, "letters", letter, attachments.inspect_bytes("miring.pdf", pdf))


def open_viewer(qtbot, store, user, record) -> AttachmentViewer:
    viewer = AttachmentViewer(store, user, record)
    qtbot.addWidget(viewer)
    viewer.show()
    qtbot.waitUntil(lambda: viewer.image is not None and viewer.print_button.isEnabled())
    return viewer


def test_a_turn_is_saved_on_the_record_and_travels(store, user):
    record = portrait_scan(store, user)
    turned = attachments.set_rotation(store, user, record["id"], 1, 270)
    assert turned["rotation"] == {"2": 270} and turned["sha256"] == record["sha256"]
    assert attachments.page_rotation(turned, 0) == 0 and attachments.page_rotation(turned, 1) == 270
    outgoing = [m["fields"] for m in store.outbox() if m["collection"] == "attachments"]
    assert outgoing[-1]["rotation"] == {"2": 270} and "sha256" not in outgoing[-1]  # only the turn goes up
    assert attachments.set_rotation(store, user, record["id"], 1, 360)["rotation"] is None  # back upright
    with pytest.raises(AttachmentError):
        attachments.set_rotation(store, user, record["id"], 1, 45)
    with pytest.raises(AttachmentError):
        attachments.set_rotation(store, user, record["id"], 5, 90)


def test_the_synced_schema_takes_only_quarter_turns_of_real_pages():
    coll = collection("attachments")
    assert not coll.validate_fields({"rotation": {"1": 90, "12": 180}})
    assert coll.validate_fields({"rotation": {"1": 45}})
    assert coll.validate_fields({"rotation": {"../x": 90}})
    assert coll.validate_fields({"rotation": {"0": 90}})


def test_rotating_in_the_viewer_stays_for_thumbnail_next_opening_and_print(qtbot, store, manager, user, tmp_path):
    record = portrait_scan(store, user)
    viewer = open_viewer(qtbot, store, user, record)
    viewer.rotate(90)
    qtbot.waitUntil(lambda: store.get("attachments", record["id"]).get("rotation") == {"1": 90})
    viewer.close()

    again = open_viewer(qtbot, store, user, store.get("attachments", record["id"]))
    shown = again.canvas.pixmap().size()
    assert shown.width() > shown.height()  # turned, as saved

    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "cetak.pdf"))
    assert again.print_to(printer) == 2
    first = attachments.imaging.render_page((tmp_path / "cetak.pdf").read_bytes(), "application/pdf", 0, long_edge=600)
    ink = Image.eval(first.convert("L"), lambda v: 255 - v).point(lambda v: 255 if v > 40 else 0)
    left, top, right, bottom = ink.getbbox()
    assert right - left > bottom - top  # the page is printed lying across the paper

    strip = AttachmentStrip(store, user, "letters")
    qtbot.addWidget(strip)
    strip.set_owner(record["owner_id"])
    qtbot.waitUntil(lambda: strip.list.count() == 1 and not strip.list.item(0).icon().isNull(), timeout=20000)
    icon = strip.list.item(0).icon()
    pixmap = icon.pixmap(icon.availableSizes()[0])
    assert pixmap.width() > pixmap.height()  # the thumbnail is turned too
    thumb = Image.open(io.BytesIO(attachments.thumbnail(store, record)))
    assert thumb.height > thumb.width  # the cached thumbnail stays as the file is: turning needs no new one


def test_a_second_pc_sees_the_page_turned(qtbot, server, tmp_path, pcs):  # noqa: F811
    code = new_office(server)
    pc1 = pcs(make_pc(server, tmp_path / "pc1", code))
    record = portrait_scan(pc1.store, pc1.user)
    attachments.set_rotation(pc1.store, pc1.user, record["id"], 0, 180)
    sync_ok(pc1.store)
    pc2 = pcs(make_pc(server, tmp_path / "pc2", code))
    sync_ok(pc2.store)
    there = pc2.store.get("attachments", record["id"])
    assert there["rotation"] == {"1": 180} and attachments.page_rotation(there, 0) == 180
