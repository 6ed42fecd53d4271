"""Real windows under Xvfb at 1366×768 for attachments: attachments-letter.png (a surat masuk's Lampiran
tab), attachments-viewer.png (a scan in the viewer) and attachments-request.png (a permohonan whose
checklist ticks point at their scans). docs/screenshots/ with LAYAN_REFRESH_SCREENSHOTS=1, else a
temporary folder.

Run as a child process, like the other screenshot tests: ``python -m tests.ui.test_attachments_screenshots OUT``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from . import test_screenshots as _shots

ROOT = Path(__file__).resolve().parents[2]
NAMES = ("attachments-letter.png", "attachments-viewer.png", "attachments-request.png")


@pytest.fixture
def xvfb_1366():
    yield from _shots.run_xvfb("1366x768")


@pytest.mark.xvfb
def test_attachments_screenshots(xvfb_1366, shots_dir):
    env = {**os.environ, "DISPLAY": xvfb_1366, "QT_QPA_PLATFORM": "xcb", "LAYAN_NO_SCANNER": "1"}
    result = subprocess.run([sys.executable, "-m", "tests.ui.test_attachments_screenshots", str(shots_dir)], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr[-3000:]
    from PySide6.QtGui import QImage

    for name in NAMES:
        image = QImage(str(shots_dir / name))
        assert not image.isNull(), name
        assert 600 <= image.width() <= 1366 and 400 <= image.height() <= 768, name
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        assert len(colours) > 20, name  # not a blank frame


# --- the child process --------------------------------------------------------------------------------

def main(out_dir: str) -> int:
    from tests.ui.screenshot_app import settle, shoot, start_app, wait_until

    app, out, scratch = start_app(out_dir, "layan-attachment-shots-")

    from PIL import Image, ImageDraw

    from desktop.domain import attachments, letters, office, open_store, services, users
    from desktop.tasks import TaskManager
    from desktop.ui.app import LayanApp
    from desktop.ui.attachment_viewer import AttachmentViewer
    from desktop.ui.forms.letter_dialog import LetterDialog
    from desktop.ui.services.request_detail import RequestDetailDialog
    from tests.unit import attachment_samples as samples
    from tests.unit.test_services_samples import sample

    store = open_store(scratch / "data")
    office.initialize(store, code="DST-MB", name="Distrik Mimika Baru", kind="distrik",
                      admin_username="admin", admin_password="rahasia1", admin_full_name="Yohana Kogoya")
    user = next(u for u in users.list_users(store))
    letter = letters.register_incoming(store, {"tanggal_terima": "2026-12-03", "nomor_surat": "005/412/SETDA/2026",
                                               "asal": "Sekretariat Daerah Kabupaten Mimika",
                                               "perihal": "Undangan rapat koordinasi pelayanan publik",
                                               "sifat": "segera", "lampiran": 2}, actor="admin").record_id
    scan = samples.scanned_page(dpi=200, colour=True, seed=3)
    draw = ImageDraw.Draw(scan)
    draw.rectangle([160, 120, 1500, 200], fill=(255, 255, 255))
    draw.text((170, 130), "PEMERINTAH KABUPATEN MIMIKA — SEKRETARIAT DAERAH", fill=(0, 0, 0))
    attachments.attach(store, user, "letters", letter,
                       attachments.inspect_bytes("undangan-rapat.jpg", samples.jpeg(scan, dpi=200)), keep_original=True)
    pages = [samples.scanned_page(dpi=150, seed=n) for n in range(3)]
    attachments.attach(store, user, "letters", letter,
                       attachments.inspect_bytes("daftar-peserta.pdf", samples.pdf_of_images(pages, dpi=150)))
    photo = Image.new("RGB", (1200, 900), (90, 140, 60))
    ImageDraw.Draw(photo).rectangle([200, 500, 1000, 620], fill=(120, 90, 60))
    attachments.attach(store, user, "letters", letter, attachments.inspect_bytes("lokasi.jpg", samples.jpeg(photo)))

    request = services.new_request(store, "domisili", sample("domisili"), actor="admin")
    for name, slot in (("ktp-el.jpg", "ktp"), ("kartu-keluarga.jpg", "kk")):
        attachments.attach(store, user, "service_requests", request["id"],
                           attachments.inspect_bytes(name, samples.jpeg(samples.scanned_page(dpi=150, seed=len(name)))),
                           slot=slot)

    manager = TaskManager(store)
    controller = LayanApp(store, manager, user)
    window = controller.show_main_window()
    window.resize(1366, 768)

    dialog = LetterDialog(store, "masuk", "admin", record_id=letter, parent=window)
    dialog.resize(1000, 640)
    dialog.show()
    wait_until(app, lambda: dialog.attachments is not None and dialog.attachments.list.count() == 3)
    dialog.tabs.setCurrentWidget(dialog.attachments)
    strip = dialog.attachments
    wait_until(app, lambda: all(not strip.list.item(i).icon().isNull() for i in range(3)), 20000)
    strip.list.setCurrentRow(0)
    strip.list.setFocus()
    settle(app)
    shoot(dialog, out / "attachments-letter.png")

    viewer = AttachmentViewer(store, user, strip.current_record(), parent=dialog)
    viewer.resize(1100, 720)
    viewer.show()
    wait_until(app, lambda: viewer.image is not None and viewer.print_button.isEnabled(), 20000)
    settle(app)
    shoot(viewer, out / "attachments-viewer.png")
    viewer.done(0)
    dialog.done(0)

    detail = RequestDetailDialog(store, "admin", request["id"], parent=window)
    detail.resize(1000, 720)
    detail.show()
    wait_until(app, lambda: detail.record is not None and detail.attachments.list.count() == 2
               and bool(detail.attachments.attached_slots()))
    detail.mark_scanned_documents()
    detail.tabs.setCurrentWidget(detail.attachments)
    settle(app, 600)
    shoot(detail, out / "attachments-request.png")
    detail.done(0)

    window.close()
    manager.shutdown()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
