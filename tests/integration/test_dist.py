"""THE FROZEN APP (PyInstaller, build.spec), not the source: its version, its main window opening
offscreen and closing cleanly, and the launcher starting the installed version.

Builds dist/ once (about 1.5 min on 2 cores) or reuses a build that is newer than every source
file; LAYAN_DIST_DIR=… points at a build made elsewhere (CI: `make dist`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import __version__

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("desktop", "sync", "resources", "build.spec")
EXE = ".exe" if os.name == "nt" else ""


def _newest_source() -> float:
    newest = 0.0
    for name in SOURCES:
        path = ROOT / name
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
        newest = max([newest, *(p.stat().st_mtime for p in files)])
    return newest


@pytest.fixture(scope="module")
def dist() -> Path:
    if env := os.environ.get("LAYAN_DIST_DIR"):
        return Path(env)
    pytest.importorskip("PyInstaller", reason="pyinstaller is not installed (dev dependency)")
    stamp = ROOT / "dist" / "layan" / ".layan-manifest.json"
    if not (stamp.exists() and stamp.stat().st_mtime > _newest_source()):
        build = subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "build.spec"],
                               cwd=ROOT, capture_output=True, text=True, timeout=1200)
        assert build.returncode == 0, build.stderr[-4000:]
        subprocess.run([sys.executable, "-m", "desktop.updates", "manifest", "dist/layan"], cwd=ROOT, check=True)
    return ROOT / "dist"


def frozen_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "LAYAN_"))}
    env.update(QT_QPA_PLATFORM="offscreen", **extra)
    return env


def test_frozen_version(dist):
    res = subprocess.run([str(dist / "layan" / f"layan-cli{EXE}"), "--version"], capture_output=True, text=True,
                         env=frozen_env(), timeout=120)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == f"Layan {__version__}"


def test_frozen_main_window_opens_offscreen_and_closes(dist, tmp_path):
    res = subprocess.run([str(dist / "layan" / f"layan{EXE}"), "selftest", "--gui"], capture_output=True, text=True,
                         env=frozen_env(HOME=str(tmp_path)), timeout=300)
    assert res.returncode == 0, res.stdout + res.stderr
    report = json.loads(res.stdout.strip().splitlines()[-1])
    assert report["frozen"] is True
    assert Path(report["resources"]).is_relative_to(dist / "layan")  # resources from the bundle, not the tree
    assert report["schemas"] >= 9 and report["translation"] is True
    assert report["platform"] == "offscreen"
    assert report["window"].startswith("Layan") and report["exec"] == 0
    assert report["problems"] == []
    assert "Traceback" not in res.stderr and "QThread: Destroyed" not in res.stderr


def test_frozen_bundle_keeps_only_the_needed_qt_plugins(dist):
    plugins = {p.relative_to(p.parents[1]).as_posix() for p in (dist / "layan").rglob("plugins/*/*")}
    names = {Path(p).stem.removeprefix("lib") for p in plugins}
    assert {"qoffscreen", "qxcb" if os.name != "nt" else "qwindows", "qsvg"} <= names
    assert not {"qwayland", "qeglfs", "qvnc", "qtiff", "qwebp", "qgtk3"} & names
    assert not list((dist / "layan").rglob("*Qt6Quick*")) and not list((dist / "layan").rglob("*Qt6Qml*"))
    assert not list((dist / "layan").rglob("fastapi")), "the central server must not be in the app"


def test_frozen_launcher_starts_the_installed_version_and_switches_to_a_staged_one(dist, tmp_path):
    home = tmp_path / "app"
    (home / "versions").mkdir(parents=True)
    copy = shutil.copytree if os.name == "nt" else lambda a, b: subprocess.run(["cp", "-al", str(a), str(b)], check=True)
    copy(dist / "layan", home / "versions" / __version__)
    launcher = dist / "launcher" / f"layan-cli{EXE}"
    res = subprocess.run([str(launcher), "--version"], capture_output=True, text=True, timeout=120,
                         env=frozen_env(LAYAN_APP_HOME=str(home)))
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == f"Layan {__version__}"
    # The same build staged as a newer version: the GUI launcher switches to it at start.
    copy(dist / "layan", home / "versions" / "99.0.0")
    manifest = json.loads((home / "versions" / "99.0.0" / ".layan-manifest.json").read_text())
    manifest["version"] = "99.0.0"
    (home / "versions" / "99.0.0" / ".layan-manifest.json").unlink()
    (home / "versions" / "99.0.0" / ".layan-manifest.json").write_text(json.dumps(manifest))
    (home / "state.ini").write_text(f"[layan]\ncurrent = {__version__}\npending = 99.0.0\n")
    res = subprocess.run([str(dist / "launcher" / f"layan{EXE}"), "selftest"], capture_output=True, text=True,
                         timeout=120, env=frozen_env(LAYAN_APP_HOME=str(home)))
    assert res.returncode == 0, res.stdout + res.stderr
    assert "99.0.0" in json.loads(res.stdout.strip().splitlines()[-1])["resources"]  # ran from versions/99.0.0
    state = (home / "state.ini").read_text()
    assert "current = 99.0.0" in state and f"previous = {__version__}" in state and "trial = \n" in state
