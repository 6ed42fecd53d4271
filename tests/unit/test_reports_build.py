"""The Laporan charts (pyqtgraph) in the frozen app: build.spec must not exclude a Qt module that
pyqtgraph imports, or the Windows build would fail on the Laporan page only."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import importlib.abc, sys
blocked = set(sys.argv[1:])
class Excluded(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name in blocked or any(name.startswith(b + ".") for b in blocked):
            raise ImportError("excluded by build.spec: " + name)
sys.meta_path.insert(0, Excluded())
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop.ui.reports.chart import BarChart
chart = BarChart()
chart.set_bars(["Biasa", "Penting"], [("Masuk", [3, 1]), ("Keluar", [2, 0])])
print("ok")
"""


def spec_excludes() -> list[str]:
    tree = ast.parse((ROOT / "build.spec").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "EXCLUDES" for t in node.targets):
            return [elt.value for elt in node.value.elts]
    raise AssertionError("build.spec has no EXCLUDES list")


def test_the_charts_import_with_what_build_spec_leaves_out():
    excluded = [name for name in spec_excludes() if name != "sync.server"]  # (the app's own server code)
    assert "PySide6.QtTest" in excluded and "unittest" in excluded  # the check below does block modules
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", CHILD, *excluded], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr[-2000:]


def test_the_qt_libraries_the_charts_need_are_kept():
    tree = ast.parse((ROOT / "build.spec").read_text(encoding="utf-8"))
    function = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "qt_wanted")
    dropped = [elt.value for loop in ast.walk(function) if isinstance(loop, ast.For) and isinstance(loop.iter, ast.Tuple)
               for elt in loop.iter.elts]
    assert "Qt6Sql" in dropped  # the list was found
    for needed in ("Qt6OpenGL.dll", "Qt6OpenGLWidgets.dll", "libQt6OpenGL.so.6", "libQt6OpenGLWidgets.so.6"):
        assert not any(lib in needed for lib in dropped), needed
