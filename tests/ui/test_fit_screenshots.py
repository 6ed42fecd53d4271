"""Fits the screen: every main page and form on a 1366×768 laptop with a Windows taskbar
(1366×728 usable) at 100 %, 125 % and 150 % scaling: no window larger than the screen, no form
scrolling sideways, no label or button cut off. Screenshots at 100 % and 125 % go to a temporary
folder (docs/screenshots/ with LAYAN_REFRESH_SCREENSHOTS=1): fit-100-*.png, fit-125-*.png.

The suite runs 125 % (the most common setting on such laptops, and the one between the others);
100 % and 150 % are marked ``extra`` (``make test-extra``): each tour takes a minute or more.

Each scaling runs tests/ui/fit_tour.py in a child process under its own Xvfb (skipped only when
the Xvfb binary is missing); the test process itself runs Qt offscreen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .test_screenshots import run_xvfb

ROOT = Path(__file__).resolve().parents[2]
USABLE = "1366x728"  # 1366×768 less a 40-pixel Windows taskbar


@pytest.fixture
def usable_display():
    yield from run_xvfb(USABLE)


@pytest.mark.xvfb
@pytest.mark.parametrize("scale", [pytest.param("1", marks=pytest.mark.extra), "1.25",
                                   pytest.param("1.5", marks=pytest.mark.extra)])
def test_every_page_and_form_fits_a_small_laptop(usable_display, shots_dir, tmp_path, scale):
    tag = str(round(float(scale) * 100))
    out = shots_dir if scale in ("1", "1.25") else tmp_path
    env = {**os.environ, "DISPLAY": usable_display, "QT_QPA_PLATFORM": "xcb", "QT_SCALE_FACTOR": scale}
    result = subprocess.run([sys.executable, "-m", "tests.ui.fit_tour", str(out), tag], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert len(report) >= 20  # every page of both kinds of office, and every form
    problems = {name: found for name, found in report.items() if found}
    assert problems == {}, json.dumps(problems, ensure_ascii=False, indent=1)
    from PySide6.QtGui import QImage

    for name in report:
        image = QImage(str(out / f"fit-{tag}-{name}.png"))
        assert not image.isNull(), name
