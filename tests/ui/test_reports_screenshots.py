"""The distrik Laporan page under Xvfb at 1366×768 with demo data (a child process, like
test_screenshots.py): one picture per report, each a real window with a chart drawn."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .test_screenshots import ROOT, xvfb_display  # noqa: F401 - fixture


@pytest.mark.xvfb
def test_reports_screenshots(xvfb_display, shots_dir):  # noqa: F811
    env = {**os.environ, "DISPLAY": xvfb_display, "QT_QPA_PLATFORM": "xcb"}
    result = subprocess.run([sys.executable, "-m", "tests.ui.reports_screenshot_app", str(shots_dir)], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr[-3000:]
    from PySide6.QtGui import QImage

    for kind in ("surat", "layanan", "pengaduan"):
        image = QImage(str(shots_dir / f"laporan-{kind}.png"))
        assert not image.isNull(), kind
        assert (image.width(), image.height()) == (1366, 768), kind
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        assert len(colours) > 20, kind
