"""A real window under Xvfb: the main window after a sync staged a new version — the status bar's
notice and the Sinkronisasi page's "Pembaruan aplikasi" tab — all through the real server and a real
signed release. Writes update-ready.png to a temporary folder (docs/screenshots/ with
LAYAN_REFRESH_SCREENSHOTS=1).

The test starts Xvfb (skipped only when the binary is missing) and runs this module as a child
process: ``python -m tests.ui.test_update_screenshot OUT_DIR`` (the test process runs Qt offscreen).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui.test_screenshots import xvfb_display  # noqa: F401  (the fixture)

ROOT = Path(__file__).resolve().parents[2]
NAME = "update-ready.png"


@pytest.mark.xvfb
def test_update_screenshot(xvfb_display, shots_dir):  # noqa: F811
    pytest.importorskip("tuf", reason="tuf is not installed (see docs/UPDATES.md, dependencies)")
    env = {**os.environ, "DISPLAY": xvfb_display, "QT_QPA_PLATFORM": "xcb", "LAYAN_TOKEN_STORE": "file"}
    result = subprocess.run([sys.executable, "-m", "tests.ui.test_update_screenshot", str(shots_dir)], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    from PySide6.QtGui import QImage

    image = QImage(str(shots_dir / NAME))
    assert not image.isNull()
    assert image.width() >= 600 and image.height() >= 400
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 20  # a real window, not a blank frame


# -- the child process ------------------------------------------------------------------------------

def main(out_dir: str) -> int:

    from tests.ui.screenshot_app import settle, shoot, start_app, wait_until

    app, out, scratch = start_app(out_dir, "layan-update-shots-")

    from desktop import provisioning
    from desktop.domain import demo, office, open_store, users
    from desktop.tasks import TaskManager
    from desktop.tasks.sync_scheduler import scheduler_for, stop_for
    from desktop.ui.app import LayanApp
    from tests.integration.conftest import ServerProc
    from tests.integration.updates_helpers import UpdateServer, fake_dist, install_initial

    server = ServerProc(scratch / "server").start()
    store = None
    try:
        up = UpdateServer(server, scratch)
        dists = {v: fake_dist(scratch / f"dist-{v}", v) for v in ("0.1.0", "0.2.0")}
        for version, dist in dists.items():
            up.publish(dist, version)
        server.cli("office", "add", "--code", "DST-MB", "--name", "Distrik Mimika Baru", "--kind", "distrik")
        path = scratch / "layan-provision-DST-MB.json"
        server.cli("provision-file", "--office", "DST-MB", "-o", str(path), "--server-url", server.url)
        data = scratch / "pc"
        store = open_store(data)
        office.initialize(store, code="DST-MB", name="Distrik Mimika Baru", kind="distrik",
                          admin_username="yohana", admin_password="rahasia1", admin_full_name="Yohana Kogoya")
        demo.fill(store, actor="yohana", count=40)
        provisioning.apply(provisioning.load(path), store)  # enrollment and the update key
        install_initial(scratch / "app", dists["0.1.0"], "0.1.0")
        os.environ["LAYAN_APP_HOME"] = str(scratch / "app")  # what the launcher sets

        manager = TaskManager(store)
        user = users.authenticate(store, "yohana", "rahasia1")
        controller = LayanApp(store, manager, user)
        window = controller.show_main_window()
        window.resize(1366, 768)
        page = window.show_module("sinkronisasi")
        scheduler = scheduler_for(manager)
        checked = []
        scheduler.update_finished.connect(lambda report, _manual: checked.append(report))
        scheduler.sync_now(page)
        wait_until(app, lambda: bool(checked), 180_000)
        if checked[0] is None or checked[0].state != "staged":
            raise SystemExit(f"no version staged: {checked[0]}")
        page.tabs.setCurrentWidget(page.updates)
        wait_until(app, lambda: window.update_notice.isVisible() and page.updates.overview is not None
                   and page.updates.overview["pending"] == "0.2.0")
        wait_until(app, lambda: page.info is not None and not scheduler.running)
        settle(app, 500)
        shoot(window, out / NAME)
        stop_for(manager)
        window.close()
        manager.shutdown()
    finally:
        if store is not None:
            store.close()
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
