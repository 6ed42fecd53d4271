"""Real windows under Xvfb at 1366×768, at 100 % and at 125 % (QT_SCALE_FACTOR=1.25), for what a clerk
meets with attachments at the desk: a new permohonan, pengaduan and surat masuk taking scans before
the first save (attachment-intake-*.png), the Surat Masuk register with its paperclip column
(attachment-register.png) and a page turned for good (attachment-rotated.png); "-125" names the
125 % shots. docs/screenshots/ with LAYAN_REFRESH_SCREENSHOTS=1, else a temporary folder.

Run as a child process: ``python -m tests.ui.test_attachment_desk_screenshots OUT [SUFFIX]``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from . import test_screenshots as _shots

ROOT = Path(__file__).resolve().parents[2]
NAMES = ("attachment-intake-request", "attachment-intake-complaint", "attachment-intake-letter",
         "attachment-register", "attachment-rotated")


@pytest.fixture
def xvfb_1366():
    yield from _shots.run_xvfb("1366x768")


@pytest.mark.xvfb
@pytest.mark.parametrize("scale, suffix", [("1", ""), ("1.25", "-125")])
def test_attachment_desk_screenshots(xvfb_1366, shots_dir, scale, suffix):
    env = {**os.environ, "DISPLAY": xvfb_1366, "QT_QPA_PLATFORM": "xcb", "LAYAN_NO_SCANNER": "1",
           "QT_SCALE_FACTOR": scale}
    result = subprocess.run([sys.executable, "-m", "tests.ui.test_attachment_desk_screenshots", str(shots_dir), suffix],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr[-3000:]
    from PySide6.QtGui import QImage

    for name in NAMES:
        image = QImage(str(shots_dir / f"{name}{suffix}.png"))
        assert not image.isNull(), name
        assert 500 <= image.width() <= 1366 and 400 <= image.height() <= 768, (name, image.size())
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        assert len(colours) > 20, name  # not a blank frame


# --- the child process --------------------------------------------------------------------------------

def main(out_dir: str, suffix: str = "") -> int:
    from tests.ui.screenshot_app import settle, shoot, start_app, wait_until

    app, out, scratch = start_app(out_dir, "layan-attachment-desk-shots-")

    from PIL import ImageDraw

    from desktop.domain import attachments, demo, letters, office, open_store, users
    from desktop.tasks import TaskManager
    from desktop.ui.app import LayanApp
    from desktop.ui.attachment_viewer import AttachmentViewer
    from desktop.ui.forms.letter_dialog import LetterDialog
    from desktop.ui.services.complaint_form import ComplaintDialog
    from desktop.ui.services.request_form import RequestDialog
    from tests.unit import attachment_samples as samples

    store = open_store(scratch / "data")
    office.initialize(store, code="DST-MB", name="Distrik Mimika Baru", kind="distrik",
                      admin_username="admin", admin_password="rahasia1", admin_full_name="Yohana Kogoya")
    demo.fill(store, actor="admin", count=40)
    user = next(u for u in users.list_users(store))
    newest = store.find(letters.LETTERS, "direction = 'masuk'", order_by="seq DESC", limit=6)
    for count, letter in zip((3, 1, 0, 2, 0, 1), newest, strict=True):
        for n in range(count):
            attachments.attach(store, user, "letters", letter["id"],
                               attachments.inspect_bytes(f"surat-{n}.jpg", samples.jpeg(samples.scanned_page(
                                   dpi=100, seed=n + count))))
    sideways = samples.scanned_page(dpi=120, seed=5).rotate(90, expand=True)
    ImageDraw.Draw(sideways).rectangle([40, 40, 200, 120], fill=(20, 60, 200))
    turned = attachments.attach(store, user, "letters", newest[0]["id"],
                                attachments.inspect_bytes("dipindai-miring.jpg", samples.jpeg(sideways, dpi=120)))
    attachments.set_rotation(store, user, turned["id"], 0, 270)

    manager = TaskManager(store)
    controller = LayanApp(store, manager, user)
    window = controller.show_main_window()
    window.setGeometry(window.screen().availableGeometry())  # the whole screen, at either scale
    page = window.show_module("surat_masuk")
    wait_until(app, lambda: page.model.rowCount() > 0 and not page.model.loading, 20000)
    settle(app, 600)
    shoot(window, out / f"attachment-register{suffix}.png")

    request = RequestDialog(store, "admin", window, service_code="sktm")
    request.show()
    strip = request.attachments
    strip.slot_combo.setCurrentIndex(strip.slot_combo.findData("ktp"))
    strip.add_bytes("ktp-el.jpg", samples.jpeg(samples.scanned_page(dpi=100, seed=2)))
    wait_until(app, lambda: len(strip.waiting) == 1 and not strip._busy, 20000)
    strip.slot_combo.setCurrentIndex(strip.slot_combo.findData("kk"))
    strip.add_bytes("kartu-keluarga.jpg", samples.jpeg(samples.scanned_page(dpi=100, seed=3)))
    wait_until(app, lambda: len(strip.waiting) == 2 and not strip._busy, 20000)
    request.scroll.ensureWidgetVisible(request.attachments_box)
    settle(app, 600)
    shoot(request, out / f"attachment-intake-request{suffix}.png")
    request.attachments.waiting.clear()
    request.done(0)

    complaint = ComplaintDialog(store, "admin", window)
    complaint.show()
    complaint.pelapor_nama.setText("Yohanes Magal")
    complaint.uraian.setPlainText("Jembatan kayu di Kwamki rusak sejak banjir minggu lalu.")
    complaint.attachments.add_bytes("jembatan.jpg", samples.phone_photo(orientation=6))
    wait_until(app, lambda: len(complaint.attachments.waiting) == 1 and not complaint.attachments._busy, 20000)
    settle(app, 300)
    show_in_scroll_area(complaint.attachments)  # at 125 % the form scrolls (screen_fit)
    settle(app, 300)
    shoot(complaint, out / f"attachment-intake-complaint{suffix}.png")
    complaint.attachments.waiting.clear()
    complaint._dirty = False
    complaint.done(0)

    letter = LetterDialog(store, "masuk", "admin", parent=window)
    letter.show()
    letter.attachments.add_bytes("undangan.jpg", samples.jpeg(samples.scanned_page(dpi=100, seed=8)))
    wait_until(app, lambda: len(letter.attachments.waiting) == 1 and not letter.attachments._busy, 20000)
    letter.tabs.setCurrentWidget(letter.attachments)
    settle(app, 600)
    shoot(letter, out / f"attachment-intake-letter{suffix}.png")
    letter.attachments.waiting.clear()
    letter.done(0)

    viewer = AttachmentViewer(store, user, store.get("attachments", turned["id"]), parent=window)
    viewer.resize(1000, 700)
    viewer.show()
    wait_until(app, lambda: viewer.image is not None and viewer.print_button.isEnabled(), 20000)
    settle(app, 600)
    shoot(viewer, out / f"attachment-rotated{suffix}.png")
    viewer.done(0)

    window.close()
    manager.shutdown()
    store.close()
    return 0


def show_in_scroll_area(widget) -> None:
    from PySide6.QtWidgets import QScrollArea

    holder = widget.parentWidget()
    while holder is not None and not isinstance(holder, QScrollArea):
        holder = holder.parentWidget()
    if holder is not None:
        holder.ensureWidgetVisible(widget)


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
