"""Real windows under Xvfb: the Sinkronisasi page (a real conflict, a refused change, the last report,
all through the real server) and the lock screen; in a temporary folder (docs/screenshots/ with
LAYAN_REFRESH_SCREENSHOTS=1).

The test starts Xvfb (skipped only when the binary is missing) and runs this module as a child
process: ``python -m tests.ui.test_sync_screenshots OUT_DIR`` (the test process runs Qt offscreen).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui.test_screenshots import xvfb_display  # noqa: F401  (the fixture)

ROOT = Path(__file__).resolve().parents[2]
NAMES = ("sync-page.png", "sync-rejected.png", "sync-config.png", "sync-refused-by-pc.png", "lock-screen.png")


@pytest.mark.xvfb
def test_sync_screenshots(xvfb_display, shots_dir):  # noqa: F811
    env = {**os.environ, "DISPLAY": xvfb_display, "QT_QPA_PLATFORM": "xcb", "LAYAN_TOKEN_STORE": "file"}
    result = subprocess.run([sys.executable, "-m", "tests.ui.test_sync_screenshots", str(shots_dir)], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    from PySide6.QtGui import QImage

    for name in NAMES:
        image = QImage(str(shots_dir / name))
        assert not image.isNull(), name
        assert image.width() >= 600 and image.height() >= 400, name
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        assert len(colours) > 20, name  # a real window, not a blank frame


# -- the child process ------------------------------------------------------------------------------

def main(out_dir: str) -> int:
    from PySide6.QtGui import QGuiApplication

    from tests.ui.screenshot_app import settle, shoot, start_app, wait_until

    app, out, scratch = start_app(out_dir, "layan-sync-shots-")

    import uuid6

    from desktop.domain import demo, letters, office, open_store, syncing, users
    from desktop.store.replica import StoreReplica
    from desktop.tasks import TaskManager
    from desktop.tasks.sync_scheduler import scheduler_for, stop_for
    from desktop.ui.app import LayanApp
    from desktop.ui.lock import ScreenLock
    from tests.integration.conftest import ServerProc

    server = ServerProc(scratch / "server").start()
    stores = []
    try:
        server.storage.add_office("DST-MB", "Distrik Mimika Baru", "distrik")

        def code() -> str:
            return server.cli("enroll-code", "--office", "DST-MB").stdout.strip().split()[-1]

        pc1 = open_store(scratch / "pc1")
        stores.append(pc1)
        office.initialize(pc1, code="DST-MB", name="Distrik Mimika Baru", kind="distrik",
                          admin_username="yohana", admin_password="rahasia1", admin_full_name="Yohana Kogoya")
        demo.fill(pc1, actor="yohana", count=40)
        syncing.enroll(pc1, server.url, code(), device_name="PC-LOKET")
        pc2 = open_store(scratch / "pc2")
        stores.append(pc2)
        syncing.enroll(pc2, server.url, code(), device_name="PC-SEKRETARIAT")
        for store in (pc1, pc2):
            syncing.run_sync(store)
        # Configuration published centrally: the office's own address, the kind's paper, a refused catalogue.
        server.cli("config", "set", "kop_instansi", "PEMERINTAH KABUPATEN MIMIKA")
        server.cli("config", "set", "kertas", "F4", "--scope", "distrik")
        server.cli("config", "set", "kop_alamat", "Jl. Cenderawasih No. 1, Timika", "--scope", "DST-MB")
        bad = json.loads((ROOT / "resources" / "reference" / "services.json").read_text(encoding="utf-8"))
        bad["services"][0]["sla_days"] = 90
        (scratch / "katalog.json").write_text(json.dumps(bad), encoding="utf-8")
        server.cli("config", "set", "services", "--file", str(scratch / "katalog.json"), "--scope", "DST-MB")
        # The same letter edited on both PCs while offline; a disposisi deleted (the server refuses).
        letter = pc1.find(letters.LETTERS, "direction = 'masuk'", order_by="seq DESC", limit=1)[0]
        letters.update_letter(pc2, letter["id"], {"perihal": "Undangan rapat koordinasi Musrenbang distrik"},
                              actor="markus")
        letters.update_letter(pc1, letter["id"], {"perihal": "Undangan Musrenbang tingkat distrik 2026"},
                              actor="yohana")
        syncing.run_sync(pc2)
        syncing.run_sync(pc1)  # pc1's edit is later: it wins; pc2's value becomes the conflict
        syncing.run_sync(pc2)
        disposition = letters.add_disposition(pc1, letter["id"], {"kepada": "Sekretaris Distrik",
                                                                  "instruksi": "Hadiri dan laporkan"}, actor="yohana")
        syncing.run_sync(pc1)
        pc1.delete("dispositions", disposition.record_id, actor="yohana")
        letters.register_incoming(pc1, {"tanggal_terima": "2026-11-27", "asal": "Dinas Kesehatan",
                                        "perihal": "Jadwal vaksinasi", "sifat": "segera"}, actor="yohana")

        # Two changes a hostile or broken server sent: another office's letter, an account without a valid stamp.
        replica = StoreReplica(pc1)
        replica.apply_changes([
            {"collection": "letters", "id": str(uuid6.uuid7()), "office_id": "DST-KW", "rev": 7,
             "hlc": pc1.clock.now(), "deleted": False, "field_hlc": {},
             "fields": {"direction": "masuk", "year": 2026, "seq": 77, "perihal": "Undangan dari distrik lain",
                        "sifat": "biasa", "tanggal_terima": "2026-11-27", "asal": "Distrik Kwamki Narama"}},
            {"collection": "users", "id": str(uuid6.uuid7()), "office_id": "DST-MB", "rev": 2, "hlc": "rusak",
             "deleted": False, "fields": {"username": "tamu", "full_name": "Tamu", "role": "admin"}},
        ], cursor=replica.cursor())

        manager = TaskManager(pc1)
        user = users.authenticate(pc1, "yohana", "rahasia1")
        controller = LayanApp(pc1, manager, user)
        window = controller.show_main_window()
        window.resize(1366, 768)
        page = window.show_module("sinkronisasi")
        scheduler = scheduler_for(manager)
        done = []
        scheduler.finished.connect(lambda *args: done.append(args))
        scheduler.sync_now(page)
        wait_until(app, lambda: bool(done), 120_000)
        wait_until(app, lambda: page.conflicts.model.rowCount() > 0 and page.rejected.model.rowCount() > 0)
        wait_until(app, lambda: page.info is not None and "ditolak" in page.report_label.text())
        page.show_conflicts()
        settle(app, 500)
        shoot(window, out / "sync-page.png")
        page.tabs.setCurrentWidget(page.rejected)
        settle(app)
        shoot(window, out / "sync-rejected.png")
        page.tabs.setCurrentWidget(page.central_config)
        wait_until(app, lambda: page.central_config.model.rowCount() == 4)
        settle(app)
        shoot(window, out / "sync-config.png")
        page.tabs.setCurrentWidget(page.refused)
        wait_until(app, lambda: page.refused.model.rowCount() == 2)
        settle(app)
        shoot(window, out / "sync-refused-by-pc.png")
        page.tabs.setCurrentWidget(page.conflicts)

        window.show_module("surat_masuk")
        lock = ScreenLock(manager, user, minutes=0)
        lock.lock()
        lock.dialog.password.setText("salah")
        lock.dialog.try_unlock()
        wait_until(app, lambda: lock.dialog.error.isVisible(), 30_000)
        settle(app, 500)
        screen = QGuiApplication.primaryScreen()
        picture = screen.grabWindow(0, window.x(), window.y(), window.frameGeometry().width(),
                                    window.frameGeometry().height())
        if picture.isNull():
            picture = window.grab()
        picture.save(str(out / "lock-screen.png"))
        lock.unlock()
        lock.uninstall()
        stop_for(manager)
        window.close()
        manager.shutdown()
    finally:
        for store in stores:
            store.close()
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
