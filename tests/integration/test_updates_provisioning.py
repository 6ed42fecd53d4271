"""Provisioning end to end: `layan-server provision-file` writes the file, `layan provision FILE`
sets up a fresh PC from it against the real server (office, enrollment, settings, update key)."""

from __future__ import annotations

import json
import subprocess

import pytest

pytest.importorskip("tuf", reason="tuf is not installed (see docs/UPDATES.md, dependencies)")

from tests.integration.conftest import ServerProc  # noqa: E402
from tests.integration.updates_helpers import LAYAN, UpdateServer, clean_env, layan  # noqa: E402


@pytest.fixture(scope="module")
def up(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("provision")
    server = ServerProc(tmp / "server").start()
    yield UpdateServer(server, tmp)
    server.stop()


def test_provision_a_fresh_pc_end_to_end(up, tmp_path):
    office = up.office(kind="puskesmas")
    path = tmp_path / f"layan-provision-{office}.json"
    up.server.cli("provision-file", "--office", office, "-o", str(path), "--server-url", up.server.url,
                  "--language", "en", "--numbering-template", "{nomor}/PKM/{tahun}", "--update-channel", "pilot")
    body = json.loads(path.read_text())
    assert body["office"] == {"code": office, "name": f"Kantor {office}", "kind": "puskesmas"}
    assert body["update_root"]["signed"]["_type"] == "root"

    data = tmp_path / "pc"
    res = subprocess.run([LAYAN, "--data-dir", str(data), "provision", str(path), "--admin", "admin",
                          "--admin-password-stdin"], input="rahasia1\n", capture_output=True, text=True,
                         env=clean_env(), timeout=120)
    assert res.returncode == 0, res.stdout + res.stderr
    assert f"terdaftar ke {up.server.url}" in res.stdout
    status = json.loads(layan(data, "status").stdout)
    assert status["office"]["code"] == office and status["office"]["kind"] == "puskesmas"
    devices = up.server.cli("devices", "--json").stdout
    assert office in devices
    # The PC syncs right away, and knows where updates come from and whom to trust.
    assert layan(data, "sync").returncode == 0
    check = json.loads(layan(data, "update", "check", "--json").stdout)
    assert check["ok"] and check["state"] == "up_to_date", check
    assert (data / "updates" / "metadata" / "root.json").exists()

    from desktop.domain import open_store

    store = open_store(data)
    try:
        assert store.meta("numbering_template") == "{nomor}/PKM/{tahun}"
        assert store.meta("update_channel") == "pilot" and store.meta("ui_language") == "en"
    finally:
        store.close()

    # The same file again: nothing to do, still fine (the one-time code is not used twice).
    again = layan(data, "provision", path)
    assert again.returncode == 0 and "dilewati" in again.stdout


def test_a_used_code_on_another_pc_keeps_the_office_and_says_what_failed(up, tmp_path):
    office = up.office()
    path = tmp_path / "prov.json"
    up.server.cli("provision-file", "--office", office, "-o", str(path), "--server-url", up.server.url)
    assert layan(tmp_path / "pc1", "provision", path).returncode == 0
    res = layan(tmp_path / "pc2", "provision", path)
    assert res.returncode == 1
    assert "pendaftaran ke server gagal" in res.stderr
    assert json.loads(layan(tmp_path / "pc2", "status").stdout)["office"]["code"] == office


def test_provision_file_for_an_unknown_office_is_refused(up, tmp_path):
    res = up.server.cli("provision-file", "--office", "NOPE-X", "-o", str(tmp_path / "x.json"),
                        "--server-url", up.server.url, check=False)
    assert res.returncode == 1 and "No office NOPE-X" in res.stderr
    assert not (tmp_path / "x.json").exists()
