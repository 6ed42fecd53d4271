"""Real windows under Xvfb: the main window and the letter form, saved to a temporary folder
(docs/screenshots/ with LAYAN_REFRESH_SCREENSHOTS=1: the ``shots_dir`` fixture in conftest.py).

Starts its own Xvfb; skipped only when the Xvfb binary is missing. The screenshots are made by a
child process (this test process already runs Qt offscreen).
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def xvfb_display():
    yield from run_xvfb("1400x900")


def run_xvfb(size: str):
    """An Xvfb server with one screen of ``size`` ("1366x728"), for a fixture to yield from.

    Xvfb picks a free display number itself (-displayfd) and writes it once it accepts connections:
    tests running in parallel (pytest-xdist) and other users of the machine never race for a number."""
    binary = shutil.which("Xvfb")
    if binary is None:
        pytest.skip("Xvfb is not installed (apt-get install xvfb)")
    read_end, write_end = os.pipe()
    proc = subprocess.Popen([binary, "-displayfd", str(write_end), "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, pass_fds=(write_end,))
    os.close(write_end)
    with os.fdopen(read_end) as ready:  # waiting for the server to start, not asserting on time
        number = ready.readline().strip() if select.select([ready], [], [], 60)[0] else ""
    if not number.isdigit():
        proc.kill()
        proc.wait()
        raise RuntimeError("Xvfb did not start")
    yield f":{number}"
    proc.terminate()
    proc.wait(timeout=10)


@pytest.mark.xvfb
def test_screenshots(xvfb_display, shots_dir):
    env = {**os.environ, "DISPLAY": xvfb_display, "QT_QPA_PLATFORM": "xcb"}
    result = subprocess.run([sys.executable, "-m", "tests.ui.screenshot_app", str(shots_dir)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr[-3000:]
    from PySide6.QtGui import QImage

    for name in ("main-window.png", "letter-form.png", "letter-dispositions.png", "letter-form-errors.png", "main-window-en.png"):
        image = QImage(str(shots_dir / name))
        assert not image.isNull(), name
        assert image.width() >= 600 and image.height() >= 400, name
        # Not a blank frame: a real window has many colours.
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        assert len(colours) > 20, name
