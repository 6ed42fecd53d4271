"""The launcher (desktop/launcher.py) as a real process over a real APP_HOME: a staged version is
switched in at start, a new version that keeps crashing is set aside for the previous one, a
half-copied version folder is never started."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from desktop.launcher import TRIAL_ATTEMPTS, AppHome
from tests.integration.updates_helpers import clean_env, fake_dist, install_initial


def launch(home: Path, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop.launcher", *args], capture_output=True, text=True,
                          env=clean_env(LAYAN_APP_HOME=home), timeout=60)


def add_version(home: Path, tmp: Path, version: str, exit_code: int = 0) -> None:
    from desktop.updates import write_manifest

    dist = fake_dist(tmp / f"dist-{version}", version, big=100, exit_code=exit_code)
    target = home / "versions" / version
    dist.rename(target)
    write_manifest(target, version)


def test_staged_version_starts_next_time(tmp_path):
    home = tmp_path / "app"
    install_initial(home, fake_dist(tmp_path / "d1", "0.1.0", big=100), "0.1.0")
    assert launch(home, "a").stdout.strip() == "layan 0.1.0 a"
    add_version(home, tmp_path, "0.2.0")
    AppHome(home).stage("0.2.0")
    assert launch(home, "b").stdout.strip() == "layan 0.2.0 b"
    state = AppHome(home).state()
    assert state["current"] == "0.2.0" and state["previous"] == "0.1.0" and state["pending"] == ""
    assert state["trial"] == ""  # exited 0: good


def test_a_new_version_that_keeps_crashing_is_set_aside(tmp_path):
    home = tmp_path / "app"
    install_initial(home, fake_dist(tmp_path / "d1", "0.1.0", big=100), "0.1.0")
    add_version(home, tmp_path, "0.2.0", exit_code=3)
    AppHome(home).stage("0.2.0")
    for _ in range(TRIAL_ATTEMPTS):
        run = launch(home)
        assert run.returncode == 3 and run.stdout.startswith("layan 0.2.0")
    run = launch(home)
    assert run.returncode == 0 and run.stdout.strip() == "layan 0.1.0"
    home_state = AppHome(home)
    assert home_state.state()["current"] == "0.1.0"
    assert "0.2.0" in home_state.bad()
    assert "0.2.0" in (home / "launcher.log").read_text()


def test_an_incomplete_version_folder_is_never_started(tmp_path):
    home = tmp_path / "app"
    install_initial(home, fake_dist(tmp_path / "d1", "0.1.0", big=100), "0.1.0")
    half = home / "versions" / "0.9.0"
    fake_dist(half, "0.9.0", big=100)  # copied, but no manifest: not complete
    state = AppHome(home).state()
    state["current"] = ""
    AppHome(home).write_state(state)
    assert launch(home).stdout.strip() == "layan 0.1.0"


def test_rollback_without_a_previous_version_says_so(tmp_path):
    home = tmp_path / "app"
    install_initial(home, fake_dist(tmp_path / "d1", "0.1.0", big=100), "0.1.0")
    res = subprocess.run([sys.executable, "-m", "desktop.cli", "update", "rollback", "--app-home", str(home)],
                         capture_output=True, text=True, env=clean_env(), timeout=60)
    assert res.returncode == 1
    assert "Tidak ada versi sebelumnya" in res.stderr


def test_no_installed_version_is_a_clear_message(tmp_path):
    run = launch(tmp_path / "empty")
    assert run.returncode == 1
    assert "belum terpasang" in run.stderr
