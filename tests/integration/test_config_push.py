"""Configuration push: settings and reference data published with `layan-server config` reach the
right offices' PCs by sync (real server on SQLite and PostgreSQL, real desktop stores)."""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import struct
import subprocess
import sys
import zlib

import pytest

from desktop.domain import central_config, numbering, reference, services, syncing
from desktop.printing import settings as print_settings
from sync.schema import resources_dir

from .conftest import new_id


@pytest.fixture(autouse=True)
def token_file(monkeypatch):
    monkeypatch.setenv("LAYAN_TOKEN_STORE", "file")  # CI has no OS keyring: the documented fallback


def pc(server, tmp_path, office: str, name: str, kind: str = "distrik"):
    return server.desktop_pc(tmp_path / name, office, kind=kind)


def sync_ok(store):
    report = syncing.run_sync(store)
    assert report.ok, report.error
    return report


def layan(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "LAYAN_TOKEN_STORE": "file"})


def publish(server, key: str, *value: str, scope: str = "all", check: bool = True):
    return server.cli("config", "set", key, *value, "--scope", scope, check=check)


def bundled(name: str) -> dict:
    return json.loads((resources_dir() / "reference" / f"{name}.json").read_text(encoding="utf-8"))


def png_bytes() -> bytes:
    """A real 1x1 PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def test_scopes_reach_the_right_offices_and_narrower_wins(server, tmp_path):
    distrik, other, pkm = server.new_office("distrik"), server.new_office("distrik"), server.new_office("puskesmas")
    pc1 = pc(server, tmp_path, distrik, "pc1")
    pc2 = pc(server, tmp_path, other, "pc2")
    pc3 = pc(server, tmp_path, pkm, "pc3", kind="puskesmas")
    try:
        publish(server, "kop_instansi", "PEMERINTAH KABUPATEN MIMIKA PROVINSI PAPUA TENGAH")
        publish(server, "sync_interval_min", "15", scope="distrik")
        publish(server, "kop_alamat", "Jl. Cenderawasih No. 1, Timika", scope=distrik)
        publish(server, "satusehat_org_id", "100026489", scope=pkm)
        for store in (pc1, pc2, pc3):
            sync_ok(store)

        assert {s: s.meta("kop_instansi") for s in (pc1, pc2, pc3)} == dict.fromkeys(
            (pc1, pc2, pc3), "PEMERINTAH KABUPATEN MIMIKA PROVINSI PAPUA TENGAH")
        assert (pc1.meta("sync_interval_min"), pc2.meta("sync_interval_min"), pc3.meta("sync_interval_min")) \
            == ("15", "15", None)  # the kind scope: distrik offices only
        assert (pc1.meta("kop_alamat"), pc2.meta("kop_alamat")) == ("Jl. Cenderawasih No. 1, Timika", None)
        assert pc3.meta("satusehat_org_id") == "100026489" and pc1.meta("satusehat_org_id") is None
        assert print_settings.print_settings(pc1)["kop_alamat"] == "Jl. Cenderawasih No. 1, Timika"

        # The office's own value beats its kind's and everyone's; withdrawing it falls back.
        publish(server, "kop_kota", "Timika")
        publish(server, "kop_kota", "Kokonao", scope=distrik)
        sync_ok(pc1)
        assert pc1.meta("kop_kota") == "Kokonao"
        status = {(e.key, e.scope): e.status for e in central_config.entries(pc1)}
        assert status[("kop_kota", distrik)] == "applied" and status[("kop_kota", "all")] == "overridden"
        server.cli("config", "unset", "kop_kota", "--scope", distrik)
        sync_ok(pc1)
        assert pc1.meta("kop_kota") == "Timika"
        server.cli("config", "unset", "kop_kota")
        sync_ok(pc1)
        assert pc1.meta("kop_kota") is None
        assert print_settings.print_settings(pc1)["kop_kota"] == "Timika"  # the built-in default again
        assert {e.status for e in central_config.entries(pc1) if e.key == "kop_kota"} == {"withdrawn"}

        # Every change in force is in the office's history (audit), attributed to the centre.
        audit = pc1.read().execute("SELECT action, changes FROM audit WHERE collection = 'config' AND "
                                   "record_id = 'kop_kota' ORDER BY id").fetchall()
        assert [a["action"] for a in audit] == ["update", "update", "update", "delete"]

        # The centre sees each device's app version and whether it has the newest configuration.
        devices = {d["office_code"]: d for d in json.loads(server.cli("devices", "--json").stdout)}
        assert devices[distrik]["app_version"] and devices[pkm]["app_version"]
        publish(server, "kop_nama", "DISTRIK BARU", scope=distrik)
        devices = {d["office_code"]: d for d in json.loads(server.cli("devices", "--json").stdout)}
        assert devices[distrik]["config_current"] is False
        sync_ok(pc1)
        sync_ok(pc1)  # the server records the cursor a device reports at its next request
        devices = {d["office_code"]: d for d in json.loads(server.cli("devices", "--json").stdout)}
        assert devices[distrik]["config_current"] is True
        assert "current" in server.cli("devices").stdout
    finally:
        for store in (pc1, pc2, pc3):
            store.close()


def test_reference_data_and_logo_replace_the_bundled_copies(server, tmp_path):
    office = server.new_office("distrik")
    store = pc(server, tmp_path, office, "pc")
    try:
        # Holidays: a new regional day off (a date in a listed year) changes due dates.
        day = dt.date(2026, 12, 1)  # a Tuesday, a working day in the bundled table
        assert reference.is_working_day(day)
        holidays = bundled("holidays")
        holidays["items"].append({"date": day.isoformat(), "kind": "cuti_bersama", "name": "Hari libur daerah"})
        (tmp_path / "holidays.json").write_text(json.dumps(holidays), encoding="utf-8")
        publish(server, "holidays", "--file", str(tmp_path / "holidays.json"))
        # Service catalogue: one service with a shorter SLA.
        catalog = bundled("services")
        catalog["services"][0]["sla_days"] = 2
        (tmp_path / "services.json").write_text(json.dumps(catalog), encoding="utf-8")
        publish(server, "services", "--file", str(tmp_path / "services.json"))
        # Klasifikasi: one added code.
        klas = bundled("klasifikasi")
        klas["items"].append({"code": "400.12.99", "name": "Surat keterangan lainnya (Mimika)"})
        (tmp_path / "klasifikasi.json").write_text(json.dumps(klas), encoding="utf-8")
        publish(server, "klasifikasi", "--file", str(tmp_path / "klasifikasi.json"))
        # Letterhead logo for this office.
        (tmp_path / "logo.png").write_bytes(png_bytes())
        publish(server, "kop_logo", "--file", str(tmp_path / "logo.png"), scope=office)
        sync_ok(store)

        reference.use_office_copies(store.data_dir)
        assert not reference.is_working_day(day)
        assert reference.holiday_name(day) == "Hari libur daerah"
        assert reference.klasifikasi_name("400.12.99") == "Surat keterangan lainnya (Mimika)"
        first = catalog["services"][0]["code"]
        assert services.service(first, store).sla_days == 2
        assert services.catalog_path(store) == store.data_dir / "reference" / "services.json"
        assert print_settings.logo_path(store).read_bytes() == png_bytes()

        # Withdrawn: the bundled files are used again.
        for key in ("holidays", "klasifikasi", "services"):
            server.cli("config", "unset", key)
        server.cli("config", "unset", "kop_logo", "--scope", office)
        sync_ok(store)
        assert reference.is_working_day(day)
        assert reference.klasifikasi_name("400.12.99") is None
        assert services.catalog_path(store) == resources_dir() / "reference" / "services.json"
        assert print_settings.logo_path(store) is None
        assert not list((store.data_dir / "reference").iterdir())
    finally:
        reference.use_office_copies(None)
        store.close()


def test_a_value_the_desktop_refuses_is_listed_and_the_one_in_force_stays(server, tmp_path):
    office = server.new_office("distrik")
    store = pc(server, tmp_path, office, "pc")
    try:
        publish(server, "numbering_template", "{nomor}/{kode_unit}/{tahun}", scope=office)
        sync_ok(store)
        assert store.meta("numbering_template") == "{nomor}/{kode_unit}/{tahun}"
        # Passes the server's schema (it has {nomor}) but not the desktop's own check.
        publish(server, "numbering_template", "{nomor}/{rahasia}/{tahun}", scope=office)
        # A catalogue that parses as JSON but not as a catalogue (an SLA of 99 working days).
        bad = bundled("services")
        bad["services"][0]["sla_days"] = 99
        (tmp_path / "bad.json").write_text(json.dumps(bad), encoding="utf-8")
        publish(server, "services", "--file", str(tmp_path / "bad.json"), scope=office)
        report = sync_ok(store)  # a refused value never stops sync
        assert report.waiting == 0

        assert store.meta("numbering_template") == "{nomor}/{kode_unit}/{tahun}"  # the good version stays
        numbering.check_template(store.meta("numbering_template"))
        assert services.catalog_path(store) == resources_dir() / "reference" / "services.json"
        refused = {e.key: e for e in central_config.refused(store)}
        assert set(refused) == {"numbering_template", "services"}
        assert refused["numbering_template"].status == "applied" and refused["numbering_template"].refused_version == 2
        assert "rahasia" in refused["numbering_template"].error_en
        assert refused["services"].status == "refused" and "sla_days" in refused["services"].error
        # `layan config list` shows the same, and fails while something is refused (for IT's scripts).
        listed = layan("--data-dir", store.data_dir, "config", "list")
        assert listed.returncode == 1
        assert "numbering_template" in listed.stdout and "versi 2 ditolak" in listed.stdout
        assert "sla_days" in listed.stdout
        # IT can check a file with the office's own rules before publishing it.
        checked = layan("--lang", "en", "config", "check", "services", tmp_path / "bad.json")
        assert checked.returncode == 1 and "sla_days" in checked.stderr
        checked = layan("config", "check", "services", resources_dir() / "reference" / "services.json")
        assert checked.returncode == 0 and "layan-server config set services" in checked.stdout
        # A fixed version clears the refusal.
        publish(server, "numbering_template", "{nomor}/{tahun}", scope=office)
        sync_ok(store)
        assert store.meta("numbering_template") == "{nomor}/{tahun}"
        assert {e.key for e in central_config.refused(store)} == {"services"}
    finally:
        store.close()


def test_the_server_refuses_bad_values_and_devices_cannot_write_config(server, tmp_path):
    office = server.new_office("distrik")
    cases = [
        (("sync_interval_min", "sering"), "integer"),
        (("kertas", "A3"), "A4"),
        (("no_such_key", "x"), "Unknown configuration key"),
        (("kop_kota", "Timika", "--scope", "bad scope!"), "Scope must be"),
        (("kop_kota", "Timika", "--scope", "DST-NOWHERE"), "No office"),
        (("numbering_template", "tanpa nomor"), "nomor"),
    ]
    for args, expected in cases:
        out = server.cli("config", "set", *args, check=False)
        assert out.returncode != 0 and expected in out.stderr, (args, out.stderr)
    (tmp_path / "fake.png").write_bytes(b"GIF89a not a png")
    out = server.cli("config", "set", "kop_logo", "--file", str(tmp_path / "fake.png"), check=False)
    assert out.returncode != 0 and "PNG/JPEG" in out.stderr
    (tmp_path / "broken.json").write_text('{"items": [', encoding="utf-8")
    out = server.cli("config", "set", "klasifikasi", "--file", str(tmp_path / "broken.json"), check=False)
    assert out.returncode != 0 and "not JSON" in out.stderr
    in_force = json.loads(server.cli("config", "list", "--office", office, "--json").stdout)
    assert not [i for i in in_force if i["key"] in ("kertas", "no_such_key", "kop_logo", "numbering_template")
                or i["value"] in ("sering", "Timika")]

    device = server.new_device(office)
    rid = server.storage.legacy_config_record_id("all", "kop_kota")
    reply = device.sync(device.mut("config", rid, {"scope": "all", "key": "kop_kota", "value": "Hacked"}))
    assert reply["results"][0]["status"] == "rejected"
    assert all(c["collection"] != "config" or c["fields"]["value"] != "Hacked" for c in reply["changes"])


def test_applying_the_same_page_twice_changes_nothing(server, tmp_path):
    """A sync cut after the page was applied but before the reply's cursor was kept repeats the page."""
    office = server.new_office("distrik")
    store = pc(server, tmp_path, office, "pc")
    try:
        publish(server, "kop_instansi", "PEMERINTAH KABUPATEN MIMIKA", scope=office)
        sync_ok(store)
        page = [c for c in server.storage.changes(office, 0, 1000)[0] if c["collection"] == "config"]
        assert page
        audit_before = store.read().execute("SELECT count(*) FROM audit").fetchone()[0]
        replica = syncing.replica_for(store)
        replica.apply_changes(copy.deepcopy(page), replica.cursor())
        assert store.read().execute("SELECT count(*) FROM audit").fetchone()[0] == audit_before, (audit_before, [(r["record_id"], r["changes"], r["at"]) for r in store.read().execute("SELECT * FROM audit ORDER BY id DESC LIMIT 3")])
        assert store.meta("kop_instansi") == "PEMERINTAH KABUPATEN MIMIKA"
        # A hostile or garbled config change from a broken server is ignored, never applied.
        replica.apply_changes([{"collection": "config", "id": new_id(), "rev": 10**6, "hlc": None,
                                "fields": {"scope": 5, "key": None}}], replica.cursor())
        replica.apply_changes([{"collection": "config", "id": new_id(), "rev": 10**6, "hlc": None,
                                "fields": {"scope": office, "key": "kertas", "value": "F4", "version": "v9"}}],
                              replica.cursor())
        replica.apply_changes([{"collection": "config", "id": new_id(), "rev": 10**6, "office_id": office,
                                "hlc": page[0]["hlc"], "fields": {"scope": office, "key": "kertas", "value": "A0",
                                                                  "version": 1}}], replica.cursor())
        assert store.meta("kertas") is None
        assert "kertas" in {e.key for e in central_config.refused(store)}
        # The garbled ones never reach the settings: they are kept aside with the reason.
        assert store.read().execute("SELECT count(*) FROM refused_changes").fetchone()[0] == 2
    finally:
        store.close()


def test_icd10_search_words_pushed_by_it_reach_the_puskesmas_picker(server, tmp_path):
    from desktop.domain.health import icd10

    pkm = server.new_office("puskesmas")
    store = pc(server, tmp_path, pkm, "pkm", kind="puskesmas")
    try:
        words = bundled("icd10_terms")
        words["terms"]["B86"] = ["kaskado"]  # a local word for scabies
        (tmp_path / "icd10_terms.json").write_text(json.dumps(words), encoding="utf-8")
        publish(server, "icd10_terms", "--file", str(tmp_path / "icd10_terms.json"), scope="puskesmas")
        sync_ok(store)
        reference.use_office_copies(store.data_dir)
        icd10.clear_cache()
        assert [c.code for c in icd10.search("kaskado")] == ["B86"]
        assert icd10.search("patek")[0].code == "A66.9"  # the bundled words stay
        server.cli("config", "unset", "icd10_terms", "--scope", "puskesmas")
        sync_ok(store)
        icd10.clear_cache()
        assert icd10.search("kaskado") == []
    finally:
        reference.use_office_copies(None)
        icd10.clear_cache()
        store.close()
