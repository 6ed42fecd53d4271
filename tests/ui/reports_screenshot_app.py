"""The distrik Laporan page at 1366×768 with demo data: one screenshot per report tab.

Run by test_reports_screenshots.py in a child process under Xvfb:
``python -m tests.ui.reports_screenshot_app OUT_DIR``. Writes laporan-surat.png,
laporan-layanan.png and laporan-pengaduan.png (last month's reports).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys

from tests.ui.screenshot_app import settle, shoot, start_app, wait_until

CATEGORIES = ("Administrasi kependudukan", "Infrastruktur (jalan, jembatan, air, listrik)", "Kesehatan",
              "Pendidikan", "Bantuan sosial")
SERVICES = ("domisili", "sktm", "pengantar_skck", "keterangan_usaha", "belum_menikah")


def seed_services_and_complaints(store, first: dt.date, last: dt.date) -> None:
    from desktop.domain import complaints, reference, services
    from tests.unit.test_services_samples import SIGNER, required_documents, sample

    for key, value in SIGNER.items():
        store.set_meta(key, value)
    rnd = random.Random(11)
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    working = [d for d in days if reference.is_working_day(d)]
    for i in range(26):
        code = SERVICES[i % len(SERVICES)]
        intake = rnd.choice(working)
        req = services.new_request(store, code, sample(code), actor="admin", today=intake)
        if i % 5 == 4:
            continue  # still open: some become overdue
        services.verify(store, req["id"], actor="admin", dokumen=required_documents(code), today=intake)
        services.process(store, req["id"], actor="admin", today=intake)
        if i % 7 == 6:
            services.reject(store, req["id"], "Berkas tidak lengkap", actor="admin", today=intake)
            continue
        finished = reference.add_working_days(intake, rnd.choice((0, 1, 1, 2, 3)))
        services.complete(store, req["id"], actor="admin", today=finished)
    for i in range(18):
        day = rnd.choice(working)
        c = complaints.new_complaint(store, {"tanggal": day.isoformat(), "channel": "langsung", "pelapor_nama": "Warga",
                                             "kategori": CATEGORIES[i % len(CATEGORIES)],
                                             "uraian": "Jalan rusak di depan sekolah"}, actor="admin", today=day)
        if i % 3:
            answered = reference.add_working_days(day, rnd.choice((1, 2, 4, 7)))
            complaints.advance(store, c["id"], "diverifikasi", actor="admin", today=answered)
            if i % 3 == 2:
                complaints.advance(store, c["id"], "ditindaklanjuti", actor="admin", today=answered)


def main(out_dir: str) -> int:
    app, out, scratch = start_app(out_dir, "layan-report-shots-")

    from desktop.domain import demo, letters, office, open_store, users
    from desktop.domain.office_reports import Period
    from desktop.tasks import TaskManager
    from desktop.ui.app import LayanApp

    store = open_store(scratch / "data")
    office.initialize(store, code="DST-MB", name="Distrik Mimika Baru", kind="distrik",
                      admin_username="admin", admin_password="rahasia1", admin_full_name="Yohana Kogoya")
    demo.fill(store, actor="admin", count=120)
    today = dt.date.today()
    last = today.replace(day=1) - dt.timedelta(days=1)
    first = last.replace(day=1)
    seed_services_and_complaints(store, first, last)
    incoming = store.find(letters.LETTERS, "direction = 'masuk' AND tanggal_terima BETWEEN ? AND ?",
                          (first.isoformat(), last.isoformat()), order_by="seq")
    for i, letter in enumerate(incoming[:5]):
        letters.add_disposition(store, letter["id"], {"kepada": ("Sekretaris Distrik", "Kasi Pemerintahan")[i % 2],
                                                      "instruksi": "Ditindaklanjuti",
                                                      "batas_waktu": (today - dt.timedelta(days=2 - i)).isoformat()},
                                actor="admin")
    manager = TaskManager(store)
    user = next(u for u in users.list_users(store))
    controller = LayanApp(store, manager, user)
    window = controller.show_main_window()
    scale = float(os.environ.get("QT_SCALE_FACTOR") or 1)
    window.resize(round(1366 / scale), round(768 / scale))  # 1366×768 physical pixels at any scaling
    page = window.show_module("laporan")
    panel = page.office
    loaded = []
    panel.loaded.connect(lambda: loaded.append(1))
    panel.set_period(Period.month(last.year, last.month))
    wait_until(app, lambda: bool(loaded) and not panel.loading)
    for index, kind in enumerate(panel.kinds):
        panel.tabs.setCurrentIndex(index)
        panel.picker.kind.setFocus()
        settle(app)
        shoot(window, out / f"laporan-{kind}.png")
    window.close()
    manager.shutdown()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
