"""Real windows under Xvfb for the citizen-services screens: services-*.png (docs/screenshots/
with LAYAN_REFRESH_SCREENSHOTS=1, else a temporary folder).

The test starts its own Xvfb (the fixture of test_screenshots.py) and runs this module as a child
process: ``python -m tests.ui.test_services_screenshots OUT_DIR`` (the test process itself runs Qt
offscreen). Writes services-register.png, services-intake.png, services-detail.png and
services-complaint.png.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from . import test_screenshots as _shots

ROOT = Path(__file__).resolve().parents[2]
NAMES = ("services-register.png", "services-intake.png", "services-detail.png", "services-complaint.png")

xvfb_display = _shots.xvfb_display  # the fixture, shared


@pytest.mark.xvfb
def test_services_screenshots(xvfb_display, shots_dir):
    env = {**os.environ, "DISPLAY": xvfb_display, "QT_QPA_PLATFORM": "xcb"}
    result = subprocess.run([sys.executable, "-m", "tests.ui.test_services_screenshots", str(shots_dir)], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr[-3000:]
    from PySide6.QtGui import QImage

    for name in NAMES:
        image = QImage(str(shots_dir / name))
        assert not image.isNull(), name
        assert image.width() >= 600 and image.height() >= 400, name
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        assert len(colours) > 20, name  # not a blank frame


# --- the child process --------------------------------------------------------------------------------

PEOPLE = [
    ("9404014101900001", "Maria Kogoya", "P", "Koperapoka"), ("9404010101800002", "Yan Kogoya", "L", "Koperapoka"),
    ("9404015203950004", "Agustina Beanal", "P", "Kwamki"), ("9404011506880005", "Petrus Magal", "L", "Timika Jaya"),
    ("9404012011920006", "Simon Tsenawatme", "L", "Sempan"), ("9404016707990007", "Yohana Kum", "P", "Kebun Sirih"),
]


def demo_requests(store) -> dict:
    """A counter's week: several services and statuses, one overdue, one completed with its certificate."""
    from desktop.domain import services
    from desktop.printing import settings
    from tests.unit.test_services_samples import SIGNER, sample

    settings.update_print_settings(store, SIGNER)
    today = dt.date.today()
    plan = [("domisili", 9), ("sktm", 6), ("keterangan_usaha", 4), ("pengantar_skck", 3), ("domisili", 2),
            ("belum_menikah", 1), ("sktm", 0), ("domisili_usaha", 0), ("pengantar_skck", 0)]
    made = []
    for i, (code, days) in enumerate(plan):
        nik, nama, jk, kampung = PEOPLE[i % len(PEOPLE)]
        fields = sample(code, nik=nik, nama=nama, jenis_kelamin=jk, kampung=kampung)
        made.append(services.new_request(store, code, fields, actor="admin", today=today - dt.timedelta(days=days)))
    docs = {r["id"]: list(services.service(r["service_type"]).required_documents) for r in made}
    for r in made[1:4]:
        services.verify(store, r["id"], actor="admin", dokumen=docs[r["id"]])
    services.process(store, made[2]["id"], actor="admin")
    services.complete(store, made[2]["id"], actor="admin")
    services.verify(store, made[4]["id"], actor="admin", dokumen=docs[made[4]["id"]])
    services.process(store, made[4]["id"], actor="admin")
    services.complete(store, made[4]["id"], actor="admin")
    services.reject(store, made[5]["id"], "Surat pengantar RT belum ada", actor="admin")
    return {"completed": made[4]["id"]}


def demo_complaints(store) -> str:
    from desktop.domain import complaints

    today = dt.date.today()
    rows = [
        ({"channel": "langsung", "pelapor_nama": "Yohanes Magal", "kategori": "Infrastruktur (jalan, jembatan, air, "
          "listrik)", "kampung": "Kwamki", "uraian": "Jembatan kayu rusak sejak banjir."}, 9),
        ({"channel": "telepon", "anonim": True, "kategori": "Pelayanan aparatur", "kampung": "Koperapoka",
          "uraian": "Petugas meminta uang untuk mempercepat KTP."}, 4),
        ({"channel": "pusat", "pelapor_nama": "Maria Kogoya", "kategori": "Kesehatan", "kampung": "Inauga",
          "uraian": "Obat malaria habis di pustu."}, 1),
        ({"channel": "surat", "pelapor_nama": "Kepala Kampung Nayaro", "kategori": "Administrasi kependudukan",
          "kampung": "Nayaro", "uraian": "Warga belum menerima KTP-el."}, 0),
    ]
    made = [complaints.new_complaint(store, f, actor="admin", today=today - dt.timedelta(days=d)) for f, d in rows]
    complaints.advance(store, made[2]["id"], "diverifikasi", actor="admin")
    complaints.forward(store, made[2]["id"], "PKM-TIMIKA", actor="admin", note="Pustu di bawah Puskesmas Timika")
    return made[2]["id"]


def main(out_dir: str) -> int:

    from tests.ui.screenshot_app import settle, shoot, start_app, wait_until

    app, out, scratch = start_app(out_dir, "layan-services-shots-")

    from desktop.domain import office, open_store, users
    from desktop.tasks import TaskManager
    from desktop.ui.app import LayanApp

    store = open_store(scratch / "data")
    office.initialize(store, code="DST-MB", name="Distrik Mimika Baru", kind="distrik",
                      admin_username="admin", admin_password="rahasia1", admin_full_name="Yohana Kogoya")
    ids = demo_requests(store)
    forwarded = demo_complaints(store)
    manager = TaskManager(store)
    user = next(u for u in users.list_users(store))
    controller = LayanApp(store, manager, user)
    window = controller.show_main_window()
    window.resize(1366, 768)

    page = window.show_module("permohonan")
    wait_until(app, lambda: not page.model.loading and page.model.rowCount() > 0
               and getattr(page, "last_counter", None) is not None)
    page.table.selectRow(1)
    page.table.setFocus()
    settle(app)
    shoot(window, out / "services-register.png")

    dialog = page.new_record()
    dialog.resize(1180, 720)
    wait_until(app, dialog.isVisible)
    dialog.service.setCurrentIndex(dialog.service.findData("sktm"))
    looked_up = []
    dialog.resident_looked_up.connect(looked_up.append)
    dialog.nik.setFocus()
    dialog.nik.setText(PEOPLE[0][0])
    dialog.nik.textEdited.emit(PEOPLE[0][0])
    wait_until(app, lambda: bool(looked_up))
    dialog.keperluan.setText("Keringanan biaya sekolah anak")
    dialog.detail_widgets["penghasilan"].setText("750000")
    members = dialog.detail_widgets["anggota"]
    members.add_member("Yan Kogoya", PEOPLE[1][0], "kepala_keluarga")
    members.add_member("Maria Kogoya", PEOPLE[0][0], "istri")
    for box in dialog.document_boxes.values():
        box.setChecked(True)
    dialog.keperluan.setFocus()
    settle(app)
    shoot(dialog, out / "services-intake.png")
    dialog.done(0)

    detail = page.open_record(ids["completed"])
    detail.resize(1000, 720)
    wait_until(app, lambda: detail.record is not None and detail.events_model.rowCount() > 0)
    detail.tabs.setCurrentIndex(1)  # the status events
    settle(app)
    shoot(detail, out / "services-detail.png")
    detail.done(0)

    complaints_page = window.show_module("pengaduan")
    wait_until(app, lambda: not complaints_page.model.loading and complaints_page.model.rowCount() > 0)
    complaint = complaints_page.open_record(forwarded)
    complaint.resize(1000, 720)
    wait_until(app, lambda: complaint.record is not None and complaint.events_model.rowCount() > 0)
    settle(app)
    shoot(complaint, out / "services-complaint.png")
    complaint.done(0)

    window.close()
    manager.shutdown()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
