"""Real windows under Xvfb: the first start's printing page (kop and signatory, with a logo preview)
and the small dialog that asks for the signatory when the first certificate is issued. Writes
first-start-printing.png and print-setup-dialog.png to a temporary folder (docs/screenshots/ with
LAYAN_REFRESH_SCREENSHOTS=1).

The test starts Xvfb (skipped only when the binary is missing) and runs this module as a child
process: ``python -m tests.ui.test_first_start_screenshot OUT_DIR`` (the test process runs Qt offscreen).
Both windows must fit a 1366×768 screen with a taskbar.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui.test_screenshots import xvfb_display  # noqa: F401  (the fixture)

ROOT = Path(__file__).resolve().parents[2]
NAMES = ("first-start-printing.png", "print-setup-dialog.png")
SCREEN_WITH_TASKBAR = (1366, 728)


@pytest.mark.xvfb
def test_first_start_printing_screenshots(xvfb_display, shots_dir):  # noqa: F811
    env = {**os.environ, "DISPLAY": xvfb_display, "QT_QPA_PLATFORM": "xcb"}
    result = subprocess.run([sys.executable, "-m", "tests.ui.test_first_start_screenshot", str(shots_dir)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr[-3000:]
    from PySide6.QtGui import QImage

    for name in NAMES:
        image = QImage(str(shots_dir / name))
        assert not image.isNull(), name
        assert image.width() <= SCREEN_WITH_TASKBAR[0] and image.height() <= SCREEN_WITH_TASKBAR[1], name
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        assert len(colours) > 20, name  # a real window, not a blank frame


# -- the child process ------------------------------------------------------------------------------

def main(out_dir: str) -> int:
    from tests.ui.screenshot_app import settle, shoot, start_app, wait_until

    app, out, scratch = start_app(out_dir, "layan-first-start-shots-")

    from PySide6.QtGui import QColor, QImage, QPainter

    from desktop.domain import open_store
    from desktop.printing import settings
    from desktop.tasks import TaskManager
    from desktop.ui.first_start import FirstStartWizard
    from desktop.ui.services.print_setup_dialog import PrintSetupDialog

    logo = QImage(120, 140, QImage.Format.Format_ARGB32)
    logo.fill(QColor("#1b5e20"))
    painter = QPainter(logo)
    painter.fillRect(20, 20, 80, 100, QColor("#ffd600"))
    painter.end()
    logo.save(str(scratch / "lambang-mimika.png"))

    store = open_store(scratch / "data")
    manager = TaskManager(store)
    try:
        wizard = FirstStartWizard(store)
        wizard.show()
        wait_until(app, wizard.isVisible)
        office = wizard.office_page
        office.code.setText("DST-KK")
        office.name.setText("Distrik Kuala Kencana")
        wizard.next()
        admin = wizard.admin_page
        admin.username.setText("admin")
        admin.full_name.setText("Yuliana Kogoya")
        admin.password.setText("rahasia12")
        admin.password2.setText("rahasia12")
        wizard.next()
        form = wizard.print_page.form
        form.inputs["kop_alamat"].setText("Jl. Poros Kuala Kencana, Timika 99920")
        form.inputs["kop_kontak"].setText("Telp. (0901) 301234 · distrik.kualakencana@mimikakab.go.id")
        form.inputs["kop_logo"].setText(str(scratch / "lambang-mimika.png"))
        form.inputs["ttd_nama"].setText("Drs. Yakobus Beanal, M.Si")
        form.inputs["ttd_nip"].setText("19750812 200003 1 005")
        form.inputs["ttd_nama"].setFocus()
        settle(app)
        frame = wizard.frameGeometry()
        if frame.width() > 1366 or frame.height() > 728:
            raise SystemExit(f"the wizard does not fit 1366x728: {frame.width()}x{frame.height()}")
        shoot(wizard, out / NAMES[0])
        wizard.close()

        dialog = PrintSetupDialog(settings.defaults_for_office("Distrik Mimika Baru"), ["ttd_nama", "kop_alamat"])
        dialog.show()
        wait_until(app, dialog.isVisible)
        dialog.form.inputs["ttd_nama"].setText("Drs. Yakobus Beanal, M.Si")
        settle(app)
        shoot(dialog, out / NAMES[1])
        dialog.close()
    finally:
        manager.shutdown()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
