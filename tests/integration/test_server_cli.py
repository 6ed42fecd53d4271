"""The `layan-server` administration commands, run as real processes on the server's database."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from sync.passwords import verify_password
from sync.protocol import MseqGap
from tests.integration.conftest import ROOT, _start_server, letter, new_id, unique_code


@pytest.fixture(scope="module")
def server(tmp_path_factory, pg_base_url):
    """The commands are the same on both backends; each costs a process start, so they run on
    SQLite here, and test_the_commands_on_postgres covers the PostgreSQL path."""
    srv = _start_server(tmp_path_factory, "sqlite", pg_base_url)
    yield srv
    srv.stop()


@pytest.mark.postgres
def test_the_commands_on_postgres(fresh_server):
    srv = fresh_server("postgres")
    code = unique_code()
    srv.cli("office", "add", "--code", code, "--name", "Puskesmas Timika", "--kind", "puskesmas")
    enroll = srv.cli("enroll-code", "--office", code).stdout.strip()
    dev = srv.new_device(code)
    srv.cli("user", "add", "--office", code, "--username", "nakes" + code[-6:].lower(), "--role", "nakes",
            "--password-stdin", input="rahasia-sekali\n")
    users = [c for c in dev.pull_all().values() if c["collection"] == "users"]
    assert len(users) == 1 and verify_password("rahasia-sekali", users[0]["fields"]["password_hash"])
    assert dev.client.__class__(srv.url).enroll(enroll, "PC-2")["office"]["code"] == code
    rows = {d["id"]: d for d in json.loads(srv.cli("devices", "--json").stdout)}
    assert rows[dev.device_id]["office_code"] == code
    srv.cli("revoke", dev.device_id)
    assert dev.raw("/v1/device", method="GET").status_code == 401


def test_office_add_list_and_duplicates(server):
    code = unique_code("DST")
    out = server.cli("office", "add", "--code", code, "--name", "Distrik Mimika Baru", "--kind", "distrik")
    assert f"office {code} added" in out.stdout
    assert re.search(rf"^{code}\s+distrik\s+Distrik Mimika Baru$", server.cli("office", "list").stdout, re.M)
    dup = server.cli("office", "add", "--code", code, "--name", "Lagi", "--kind", "distrik", check=False)
    assert dup.returncode == 1 and "already exists" in dup.stderr
    bad = server.cli("office", "add", "--code", "A B/C", "--name", "x", "--kind", "distrik", check=False)
    assert bad.returncode == 1 and "Office code" in bad.stderr
    kind = server.cli("office", "add", "--code", unique_code(), "--name", "x", "--kind", "kecamatan", check=False)
    assert kind.returncode == 2  # argparse refuses the choice


def test_enroll_code_then_enroll_and_devices_listing(server):
    office = server.new_office("puskesmas")
    res = server.cli("enroll-code", "--office", office, "--ttl-days", "2")
    code = res.stdout.strip()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert "expires" in res.stderr
    missing = server.cli("enroll-code", "--office", "TIDAK-ADA", check=False)
    assert missing.returncode == 1 and "No office" in missing.stderr

    dev = server.new_device(office, name="PC-Poli-Umum")
    dev.sync(dev.mut("letters", new_id(), letter(1)), waiting=4)
    table = server.cli("devices").stdout
    line = next(ln for ln in table.splitlines() if dev.device_id in ln)
    assert office in line and "PC-Poli-Umum" in line and "active" in line
    rows = {d["id"]: d for d in json.loads(server.cli("devices", "--json").stdout)}
    d = rows[dev.device_id]
    assert d["office_code"] == office and d["waiting"] == 4 and d["last_mseq"] == 1
    assert d["app_version"] == "0.1.0" and d["revoked_ms"] is None and abs(d["clock_offset_ms"]) < 60_000
    assert "token_hash" not in d

    server.cli("revoke", dev.device_id)
    d = {d["id"]: d for d in json.loads(server.cli("devices", "--json").stdout)}[dev.device_id]
    assert d["revoked_ms"] is not None
    again = server.cli("revoke", dev.device_id, check=False)
    assert again.returncode == 1


def test_user_add_gives_an_offline_login_to_the_office(server, monkeypatch):
    monkeypatch.delenv("LAYAN_TEST_SCRYPT_N", raising=False)  # the real cost, as IT's command uses it
    office = server.new_office()
    dev = server.new_device(office)
    username = "op" + office.lower()[-8:]
    out = server.cli("user", "add", "--office", office, "--username", username, "--role", "nakes",
                     "--full-name", "Maria Kogoya", "--password-stdin", input="Timika-2026!\n")
    assert f"user {username} (nakes) added to {office}" in out.stdout
    [user] = [c for c in dev.pull_all().values() if c["collection"] == "users"]
    f = user["fields"]
    assert (f["username"], f["role"], f["full_name"], f["active"]) == (username, "nakes", "Maria Kogoya", True)
    assert re.fullmatch(r"scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+", f["password_hash"])
    assert verify_password("Timika-2026!", f["password_hash"])
    assert not verify_password("timika-2026!", f["password_hash"])

    dup = server.cli("user", "add", "--office", office, "--username", username, "--role", "operator",
                     "--password-stdin", input="another-pass\n", check=False)
    assert dup.returncode == 1 and "taken" in dup.stderr
    short = server.cli("user", "add", "--office", office, "--username", username + "x", "--role", "operator",
                       "--password-stdin", input="pendek\n", check=False)
    assert short.returncode != 0 and "8 characters" in short.stderr
    bad = server.cli("user", "add", "--office", office, "--username", "Bad Name!", "--role", "operator",
                     "--password-stdin", input="long-enough\n", check=False)
    assert bad.returncode == 2
    nooffice = server.cli("user", "add", "--office", "TIDAK-ADA", "--username", username + "y", "--role",
                          "operator", "--password-stdin", input="long-enough\n", check=False)
    assert nooffice.returncode == 1


def test_set_mseq_recovers_a_device_after_a_gap(server):
    dev = server.new_device(server.new_office())
    rid = new_id()
    with pytest.raises(MseqGap) as err:
        dev.sync(dev.mut("letters", rid, letter(1), mseq=41))
    assert err.value.expected == 1
    server.cli("set-mseq", dev.device_id, "40")
    assert dev.sync(dev.mut("letters", rid, letter(1), mseq=41))["results"][0]["status"] == "applied"


def test_serve_refuses_workers_without_postgres(tmp_path):
    res = subprocess.run([sys.executable, "-m", "sync.server.cli", "serve", "--workers", "2", "--data",
                          str(tmp_path)], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert res.returncode == 2 and "PostgreSQL" in res.stderr


def test_data_folder_from_the_environment(tmp_path):
    env_dir = tmp_path / "from-env"
    code = unique_code()
    env = {"LAYAN_SERVER_DATA": str(env_dir), "PATH": "/usr/bin:/bin"}
    res = subprocess.run([sys.executable, "-m", "sync.server.cli", "office", "add", "--code", code, "--name",
                          "x", "--kind", "central"], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)
    assert res.returncode == 0, res.stderr
    assert (env_dir / "layan-server.sqlite3").exists()
