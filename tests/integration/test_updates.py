"""Application updates end to end: the real layan-server hosting a TUF repository, the real `layan`
command, the link emulator between them. Resume after a cut and after a kill -9, tampered files,
a rollback attack, pilot staging, sideload from a folder, HTTP Range on the server."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

pytest.importorskip("tuf", reason="tuf is not installed (see docs/UPDATES.md, dependencies)")

from tests.integration.conftest import ServerProc  # noqa: E402
from tests.integration.updates_helpers import (  # noqa: E402
    LAYAN,
    UpdateServer,
    clean_env,
    fake_dist,
    install_initial,
    layan,
    layan_json,
)
from tests.tools.linkemu import LinkEmulator  # noqa: E402


@pytest.fixture(scope="module")
def updates(tmp_path_factory):
    """One server for the module, with two published versions: 0.1.0 and 0.2.0 (0.2.0 changes the
    200 kB payload, so its patch from 0.1.0 carries it)."""
    tmp = tmp_path_factory.mktemp("updates")
    server = ServerProc(tmp / "server").start()
    up = UpdateServer(server, tmp)
    up.dists = {v: fake_dist(tmp / f"dist-{v}", v) for v in ("0.1.0", "0.2.0")}
    for v in ("0.1.0", "0.2.0"):
        up.publish(up.dists[v], v)
    up.office_code = up.office()
    yield up
    server.stop()


def new_client(updates, tmp_path: Path, *, url: str | None = None, office: str | None = None):
    data, home = tmp_path / "pc", tmp_path / "app"
    updates.provision(office or updates.office_code, data, url=url)
    install_initial(home, updates.dists["0.1.0"], "0.1.0")
    return data, home


def run_launcher(home: Path, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop.launcher", *args], capture_output=True, text=True,
                          env=clean_env(LAYAN_APP_HOME=home), timeout=60)


def test_update_resumes_after_a_cut_link_then_the_launcher_switches(updates, tmp_path):
    with LinkEmulator(updates.server.port, rate_bps=512_000, latency_ms=300, seed=1) as link:
        data, home = new_client(updates, tmp_path, url=f"http://127.0.0.1:{link.port}")
        # Every connection breaks after 120 kB downstream: the 200 kB patch needs a resumed request.
        link.cut_after(downstream_bytes=120_000, every=True)
        report = layan_json(data, "update", "apply", "--app-home", home)
        link.clear_cuts()
        assert link.stats.cuts >= 1
    assert report["ok"], report
    assert report["state"] == "staged" and report["version"] == "0.2.0" and report["kind"] == "delta"
    size = report["size"]
    assert size > 150_000
    assert report["attempts"] >= 2
    assert 0 < report["resumed_from"] < size
    assert size - report["resumed_from"] < size  # bytes fetched after the resume: only the rest
    assert report["downloaded"] == size  # no byte was fetched twice
    # Installed beside 0.1.0, verified, staged; the launcher switches at the next start.
    assert (home / "versions" / "0.2.0" / "_internal" / "big.bin").read_bytes() == \
        (updates.dists["0.2.0"] / "_internal" / "big.bin").read_bytes()
    run = run_launcher(home, "hello")
    assert run.returncode == 0 and run.stdout.strip() == "layan 0.2.0 hello"
    status = json.loads(layan(data, "update", "status", "--app-home", home).stdout)
    assert status["current"] == "0.2.0" and status["previous"] == "0.1.0" and status["pending"] is None
    # Rollback: the previous version comes back at the next start.
    res = layan(data, "update", "rollback", "--app-home", home)
    assert res.returncode == 0, res.stderr
    assert run_launcher(home).stdout.strip() == "layan 0.1.0"
    # ... and the update check does not offer the version set aside again.
    check = layan_json(data, "update", "check", "--app-home", home, "--server", updates.server.url)
    assert check["ok"] and check["state"] == "up_to_date", check


def test_download_resumes_after_the_client_is_killed(updates, tmp_path):
    with LinkEmulator(updates.server.port, rate_bps=64_000, latency_ms=300, seed=2) as link:
        data, home = new_client(updates, tmp_path, url=f"http://127.0.0.1:{link.port}")
        proc = subprocess.Popen([LAYAN, "--data-dir", str(data), "update", "apply", "--app-home", str(home), "--json"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=clean_env())
        parts = data / "updates" / "downloads"
        deadline = time.monotonic() + 120
        while not any(p.stat().st_size > 30_000 for p in parts.glob("*.part")) if parts.exists() else True:
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the download never started"
            time.sleep(0.1)
        proc.kill()  # a power cut in the middle of the download
        proc.communicate()
        kept = max(p.stat().st_size for p in parts.glob("*.part"))
        link.set(rate_bps=4_000_000)
        report = layan_json(data, "update", "apply", "--app-home", home)
    assert report["ok"], report
    assert report["state"] == "staged" and report["version"] == "0.2.0"
    assert report["resumed_from"] >= kept > 0
    assert report["downloaded"] == report["size"] - report["resumed_from"] < report["size"]


def test_tampered_archive_is_refused_and_nothing_is_installed(tmp_path):
    server = ServerProc(tmp_path / "server").start()
    try:
        up = UpdateServer(server, tmp_path)
        dists = {v: fake_dist(tmp_path / f"dist-{v}", v) for v in ("0.1.0", "0.2.0")}
        up.publish(dists["0.1.0"], "0.1.0")
        up.publish(dists["0.2.0"], "0.2.0")
        office = up.office()
        data, home = tmp_path / "pc", tmp_path / "app"
        up.provision(office, data)
        install_initial(home, dists["0.1.0"], "0.1.0")
        # Someone with access to the server's disk (or a proxy) changes bytes inside every archive.
        for archive in (up.repo / "targets" / "layan").rglob("*.tar.xz"):
            blob = bytearray(archive.read_bytes())
            blob[len(blob) // 2] ^= 0xFF
            archive.write_bytes(bytes(blob))
        report = layan_json(data, "update", "apply", "--app-home", home)
        assert not report["ok"] and report["error"] == "tampered", report
        assert "tanda tangan" in report["message"]
        assert sorted(p.name for p in (home / "versions").iterdir()) == ["0.1.0"]
        status = json.loads(layan(data, "update", "status", "--app-home", home).stdout)
        assert status["pending"] is None and status["current"] == "0.1.0"
        assert not list((data / "updates" / "downloads").glob("*.part"))  # the bad bytes are not kept

        # Metadata changed without the key: refused too (here: a longer validity for the timestamp).
        ts = up.repo / "metadata" / "timestamp.json"
        doc = json.loads(ts.read_text())
        doc["signed"]["expires"] = "2099-01-01T00:00:00Z"
        ts.write_text(json.dumps(doc))
        report = layan_json(tmp_path / "pc", "update", "check", "--app-home", home)
        assert not report["ok"] and report["error"] == "untrusted", report
    finally:
        server.stop()


def test_rollback_attack_with_old_once_valid_metadata_is_refused(tmp_path):
    server = ServerProc(tmp_path / "server").start()
    try:
        up = UpdateServer(server, tmp_path)
        dists = {v: fake_dist(tmp_path / f"dist-{v}", v, big=20_000) for v in ("0.1.0", "0.2.0", "0.3.0")}
        up.publish(dists["0.1.0"], "0.1.0")
        up.publish(dists["0.2.0"], "0.2.0")
        old_metadata = tmp_path / "old-metadata"
        shutil.copytree(up.repo / "metadata", old_metadata)  # once valid: 0.2.0 was the newest
        up.publish(dists["0.3.0"], "0.3.0")
        office = up.office()
        data, home = tmp_path / "pc", tmp_path / "app"
        up.provision(office, data)
        install_initial(home, dists["0.1.0"], "0.1.0")
        report = layan_json(data, "update", "apply", "--app-home", home)
        assert report["ok"] and report["version"] == "0.3.0", report

        # The attacker serves the old repository state (still correctly signed, not yet expired).
        shutil.rmtree(up.repo / "metadata")
        shutil.copytree(old_metadata, up.repo / "metadata")
        report = layan_json(data, "update", "check", "--app-home", home)
        assert not report["ok"] and report["error"] == "rollback", report
        assert "rollback" in report["message"]

        # A PC that never saw the newer metadata, already on 0.3.0: the old release is not offered.
        fresh_data, fresh_home = tmp_path / "pc2", tmp_path / "app2"
        up.provision(up.office(), fresh_data)
        install_initial(fresh_home, dists["0.3.0"], "0.3.0")
        report = layan_json(fresh_data, "update", "apply", "--app-home", fresh_home)
        assert report["ok"] and report["state"] == "up_to_date", report
        assert sorted(p.name for p in (fresh_home / "versions").iterdir()) == ["0.3.0"]
    finally:
        server.stop()


def test_pilot_release_is_seen_only_by_pilot_offices(tmp_path):
    server = ServerProc(tmp_path / "server").start()
    try:
        up = UpdateServer(server, tmp_path)
        dists = {v: fake_dist(tmp_path / f"dist-{v}", v, big=5_000) for v in ("0.2.0", "0.3.0", "0.4.0")}
        plain, pilot, later_pilot = up.office(), up.office(), up.office()
        up.publish(dists["0.2.0"], "0.2.0")
        up.publish(dists["0.3.0"], "0.3.0", "--channel", "pilot", "--office", pilot)
        clients = {}
        for office in (plain, pilot, later_pilot):
            clients[office] = tmp_path / f"pc-{office}"
            up.provision(office, clients[office])

        def offered(office: str) -> str | None:
            report = layan_json(clients[office], "update", "check")
            assert report["ok"], report
            return report["version"]

        assert offered(plain) == "0.2.0"
        assert offered(pilot) == "0.3.0"
        assert offered(later_pilot) == "0.2.0"
        # The pilot list at publish time decides; promoting makes a release everyone's.
        server.cli("release", "pilot", "add", later_pilot)
        up.publish(dists["0.4.0"], "0.4.0", "--channel", "pilot")
        assert offered(later_pilot) == "0.4.0"
        assert offered(plain) == "0.2.0"
        assert offered(pilot) == "0.3.0"
        server.cli("release", "promote", "0.4.0")
        assert offered(plain) == "0.4.0" and offered(pilot) == "0.4.0"
    finally:
        server.stop()


def test_sideload_from_a_folder_without_any_link(updates, tmp_path):
    stick = tmp_path / "usb"
    out = updates.server.cli("release", "export-sideload", str(stick)).stdout
    assert "0.2.0" in out
    # An office that never reaches the server: provisioned from the file alone, no enrollment.
    data, home = tmp_path / "pc", tmp_path / "app"
    updates.provision(updates.office_code, data, url="http://127.0.0.1:9", layan_args=("--no-enroll",))
    install_initial(home, updates.dists["0.1.0"], "0.1.0")
    report = layan_json(data, "update", "sideload", stick, "--app-home", home)
    assert report["ok"] and report["state"] == "staged" and report["version"] == "0.2.0", report
    assert run_launcher(home).stdout.strip() == "layan 0.2.0"

    # The same stick with a changed archive: refused, nothing staged.
    data2, home2 = tmp_path / "pc2", tmp_path / "app2"
    updates.provision(updates.office_code, data2, url="http://127.0.0.1:9", layan_args=("--no-enroll",))
    install_initial(home2, updates.dists["0.1.0"], "0.1.0")
    for archive in (stick / "layan-update" / "targets").rglob("*.tar.xz"):
        blob = bytearray(archive.read_bytes())
        blob[100] ^= 0x01
        archive.write_bytes(bytes(blob))
    report = layan_json(data2, "update", "sideload", stick, "--app-home", home2)
    assert not report["ok"] and report["error"] == "tampered", report
    assert sorted(p.name for p in (home2 / "versions").iterdir()) == ["0.1.0"]


def test_server_serves_targets_with_http_range_and_refuses_paths_outside(updates):
    archive = next((updates.repo / "targets" / "layan").rglob("*.layan-0.2.0.tar.xz"))
    rel = archive.relative_to(updates.repo / "targets").as_posix()
    url = f"{updates.server.url}/v1/updates/targets/{rel}"
    whole = requests.get(url, timeout=30)
    assert whole.status_code == 200 and whole.content == archive.read_bytes()
    part = requests.get(url, headers={"Range": "bytes=1000-"}, timeout=30)
    assert part.status_code == 206
    assert part.headers["Content-Range"] == f"bytes 1000-{len(whole.content) - 1}/{len(whole.content)}"
    assert part.content == whole.content[1000:]
    for bad in ("../../keys/targets.pem", "..%2F..%2Fkeys%2Ftargets.pem", "layan/.hidden"):
        r = requests.get(f"{updates.server.url}/v1/updates/targets/{bad}", timeout=30)
        assert r.status_code == 404, bad
    r = requests.get(f"{updates.server.url}/v1/updates/metadata/timestamp.json", timeout=30)
    assert r.status_code == 200 and r.json()["signed"]["_type"] == "timestamp"
