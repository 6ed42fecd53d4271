"""The centre counts each puskesmas by the case rules published for it, as its PCs do: after Dinkes publishes
changed ``case_rules`` the centre's LB1 and malaria weeks equal the desktop's own LB1 under the new rules (the
desktop's report is the oracle), on SQLite and PostgreSQL; withdrawing the publication counts by the bundled
rules again. The publishing command counts the affected puskesmas again itself."""

from __future__ import annotations

import copy
import json

import pytest

from desktop.domain import syncing
from desktop.domain.health import patients, reports, visits
from sync import health_rules
from sync.server import projection_rules, stats_dinkes
from tests.integration.conftest import advisory_locks_waiting, letter, new_id, wait_until
from tests.unit.test_health_support import add_user


@pytest.fixture(autouse=True)
def token_file(monkeypatch):
    monkeypatch.setenv("LAYAN_TOKEN_STORE", "file")  # CI has no OS keyring: the documented fallback


def sync_ok(store):
    report = syncing.run_sync(store)
    assert report.ok, report.error


def changed_rules() -> dict:
    """Acute illnesses stay one episode for 60 days (not 30), and a malaria case lasts 60 days (not 28)."""
    rules = copy.deepcopy(health_rules.bundled_rules())
    rules["default"]["window_days"] = 60
    next(g for g in rules["groups"] if g["group"] == "malaria")["window_days"] = 60
    return rules


def test_published_case_rules_count_at_the_centre_as_on_the_pc(server, tmp_path):
    office = server.new_office("puskesmas")
    other = server.new_office("puskesmas")  # no publication of its own: keeps the bundled rules
    pkm = server.desktop_pc(tmp_path / "pkm", office, kind="puskesmas")
    nurse = add_user(pkm, "perawat", "nakes", office)

    def person(nama, sex, born):
        return patients.register_patient(pkm, nurse, {"nama": nama, "jenis_kelamin": sex, "tanggal_lahir": born},
                                         confirmed_new=True).record_id

    def visit(pid, day, unit, *codes, test=None):
        fields = {"patient_id": pid, "tanggal": day, "unit": unit, "diagnosa": list(codes)}
        if test:
            fields["malaria"] = {"pemeriksaan": test[0], "hasil": test[1], "spesies": test[2],
                                 **({"pengobatan": "DHP"} if test[1] == "positif" else {})}
        return visits.register_visit(pkm, nurse, fields).record_id

    yance, ruth = person("Yance", "L", "2018-03-01"), person("Ruth", "P", "1985-05-01")
    visit(yance, "2026-10-05", "anak_remaja", "A09")
    visit(yance, "2026-11-19", "anak_remaja", "A09")  # 45 days later: a new case by 30 days, old by 60
    visit(ruth, "2026-10-05", "malaria", test=("rdt", "positif", "vivax"))
    visit(ruth, "2026-11-12", "malaria", test=("rdt", "positif", "vivax"))  # day 38: new case by 28, same by 60
    sync_ok(pkm)

    def desk():
        return reports.lb1(pkm, nurse, "2026-11")

    def centre():
        with server.storage.read() as conn:
            lb1 = stats_dinkes.lb1(conn, "2026-11", [office], level="code")
            weeks = next(r for r in stats_dinkes.malaria_weeks(conn, 2026)["rows"] if r["place"] == office)
        return lb1, {w["week"]: w["n"] for w in weeks["weeks"] if w["n"]}

    def same_as_desk(expected_baru, expected_weeks):
        mine, weeks = centre()
        theirs = desk()
        assert [(r["code"], r["counts"]) for r in mine["rows"]] == [(r["code"], r["counts"]) for r in theirs["rows"]]
        assert mine["totals"]["baru"]["total"] == theirs["totals"]["baru"]["total"] == expected_baru
        assert weeks == expected_weeks

    same_as_desk(2, {41: 1, 46: 1})  # bundled rules: A09 and the malaria of 12 November are new cases

    rules_file = tmp_path / "case_rules.json"
    rules_file.write_text(json.dumps(changed_rules()), encoding="utf-8")
    published = server.cli("config", "set", "case_rules", "--file", str(rules_file), "--scope", "puskesmas")
    assert f"{office}: 2/2 patients counted again" in published.stderr
    sync_ok(pkm)  # the PC receives the rules, and its own report counts by them
    same_as_desk(0, {41: 1})

    with server.storage.read() as conn:
        books = projection_rules.books_for(conn, [office, other])
        assert books[office][0] == books[other][0] == projection_rules.fingerprint(changed_rules())
        assert projection_rules.stale(conn) == {}

    # a visit arriving after the publication is counted by the new rules as it is applied
    visit(yance, "2026-12-01", "anak_remaja", "A09")
    visit(ruth, "2026-11-30", "malaria", test=("rdt", "positif", "vivax"))  # day 56 of the case: a follow-up
    sync_ok(pkm)
    same_as_desk(0, {41: 1})
    server.cli("projections", "rebuild")
    same_as_desk(0, {41: 1})

    # an office's own publication wins over its kind's; withdrawing it falls back to the kind's
    bundled_file = tmp_path / "bundled.json"
    bundled_file.write_text(json.dumps(health_rules.bundled_rules()), encoding="utf-8")
    server.cli("config", "set", "case_rules", "--file", str(bundled_file), "--scope", office)
    sync_ok(pkm)
    same_as_desk(2, {41: 1, 46: 1})
    server.cli("config", "unset", "case_rules", "--scope", office)
    sync_ok(pkm)
    same_as_desk(0, {41: 1})
    server.cli("config", "unset", "case_rules", "--scope", "puskesmas")  # other tests' offices: bundled again
    pkm.close()


def test_an_interrupted_recount_is_finished_by_rederive(server, tmp_path):
    """The state table says which offices still count by old rules; ``projections rederive`` finishes them."""
    office = server.new_office("puskesmas")
    pkm = server.desktop_pc(tmp_path / "pkm", office, kind="puskesmas")
    nurse = add_user(pkm, "perawat", "nakes", office)
    pid = patients.register_patient(pkm, nurse, {"nama": "Yance", "jenis_kelamin": "L",
                                                 "tanggal_lahir": "2018-03-01"}, confirmed_new=True).record_id
    for day in ("2026-10-05", "2026-11-19"):
        visits.register_visit(pkm, nurse, {"patient_id": pid, "tanggal": day, "unit": "anak_remaja",
                                           "diagnosa": ["A09"]})
    sync_ok(pkm)
    # published as a crashed command would leave it: the value is in, nothing was counted again
    server.storage.set_config(office, "case_rules", changed_rules(), published_by="dinkes")
    with server.storage.read() as conn:
        assert set(projection_rules.stale(conn)) == {office}
        assert stats_dinkes.lb1(conn, "2026-11", [office], level="code")["totals"]["baru"]["total"] == 1
    out = server.cli("projections", "rederive")
    assert f"{office}: 1/1 patients counted again" in out.stderr
    sync_ok(pkm)
    with server.storage.read() as conn:
        assert projection_rules.stale(conn) == {}
        assert stats_dinkes.lb1(conn, "2026-11", [office], level="code")["totals"]["baru"]["total"] == \
            reports.lb1(pkm, nurse, "2026-11")["totals"]["baru"]["total"] == 0
    server.storage.unset_config(office, "case_rules")
    pkm.close()


def test_the_published_satusehat_organisation_id_names_the_centre_s_bundle_as_on_the_pc(server, tmp_path):
    from desktop.domain.health import fhir

    office = server.new_office("puskesmas")
    pkm = server.desktop_pc(tmp_path / "pkm", office, kind="puskesmas")
    nurse = add_user(pkm, "perawat", "nakes", office)
    pid = patients.register_patient(pkm, nurse, {"nama": "Yance", "jenis_kelamin": "L",
                                                 "tanggal_lahir": "2018-03-01"}, confirmed_new=True).record_id
    visits.register_visit(pkm, nurse, {"patient_id": pid, "tanggal": "2026-11-05", "unit": "anak_remaja",
                                       "diagnosa": ["A09"]})
    sync_ok(pkm)

    def centre_bundle():
        with server.storage.read() as conn:
            return stats_dinkes.fhir_bundle(conn, office, "2026-11")

    assert centre_bundle()["identifier"]["system"].endswith(f"/bundle/{office}")  # nothing published: the code
    server.cli("config", "set", "satusehat_org_id", "100012345", "--scope", office)
    sync_ok(pkm)  # the PC receives it as its own organisation id
    assert fhir.org_id(pkm) == "100012345"
    desk, mine = fhir.export_month(pkm, nurse, "2026-11"), centre_bundle()
    assert mine["identifier"] == desk["identifier"] == {
        "system": "http://sys-ids.kemkes.go.id/bundle/100012345", "value": f"{office}-2026-11"}

    def org_systems(bundle):
        return sorted({s for s in json.dumps(bundle).split('"') if s.startswith("http://sys-ids.kemkes.go.id/")})

    assert org_systems(mine) == org_systems(desk) and all(s.endswith("/100012345") for s in org_systems(mine))
    pkm.close()


def test_the_organisation_id_typed_on_the_pc_names_the_centre_s_bundle_until_one_is_published(server, tmp_path):
    """The PC reports the id typed there in its sync request's stats; the centre keeps it per office. A malformed
    report is ignored, a published id wins, and an office whose PCs report nothing keeps its office code."""
    from desktop.domain.health import fhir

    office, quiet = server.new_office("puskesmas"), server.new_office("puskesmas")
    pkm = server.desktop_pc(tmp_path / "pkm", office, kind="puskesmas")
    kepala = add_user(pkm, "kepala", "kepala", office)
    nurse = add_user(pkm, "perawat", "nakes", office)
    pid = patients.register_patient(pkm, nurse, {"nama": "Yance", "jenis_kelamin": "L",
                                                 "tanggal_lahir": "2018-03-01"}, confirmed_new=True).record_id
    visits.register_visit(pkm, nurse, {"patient_id": pid, "tanggal": "2026-11-05", "unit": "anak_remaja",
                                       "diagnosa": ["A09"]})

    def centre_org(of=office):
        with server.storage.read() as conn:
            return stats_dinkes.organisation_id(conn, of)

    sync_ok(pkm)
    assert centre_org() == office  # nothing typed, nothing published: the office code, as before
    fhir.set_org_id(pkm, kepala, "100012345")
    visits.register_visit(pkm, nurse, {"patient_id": pid, "tanggal": "2026-11-06", "unit": "anak_remaja",
                                       "diagnosa": ["A09"]})
    sync_ok(pkm)
    assert centre_org() == "100012345" and centre_org(quiet) == quiet
    with server.storage.read() as conn:
        mine = stats_dinkes.fhir_bundle(conn, office, "2026-11")
    assert mine["identifier"] == fhir.export_month(pkm, nurse, "2026-11")["identifier"] == {
        "system": "http://sys-ids.kemkes.go.id/bundle/100012345", "value": f"{office}-2026-11"}

    pc = server.new_device(office)  # a PC reporting something that is no SATUSEHAT id changes nothing
    pc.sync(pc.mut("letters", new_id(), letter(1)), stats={"satusehat_org_id": "100012345/../x"})
    assert centre_org() == "100012345"
    server.cli("config", "set", "satusehat_org_id", "100099999", "--scope", office)
    assert centre_org() == "100099999"  # a published id wins over the reported one
    pkm.close()


def test_a_recount_while_pcs_sync_the_same_patients_counts_like_a_rebuild(server):
    """Pages applied while the publishing command counts the same patients again: both finish, and the centre's
    numbers equal a rebuild's (on PostgreSQL the two take turns per patient instead of colliding)."""
    import subprocess
    import sys

    from tests.integration.conftest import ROOT, new_id

    office = server.new_office("puskesmas")
    pc = server.new_device(office)
    pids = [new_id() for _ in range(1200)]

    def push(muts):
        for i in range(0, len(muts), 300):
            reply = pc.sync(*muts[i:i + 300], limit=1)
            assert {r["status"] for r in reply["results"]} == {"applied"}, reply["results"][:3]

    def visit(pid, day, code):
        return pc.mut("visits", new_id(), {"patient_id": pid, "tanggal": day, "unit": "umum", "kasus": "baru",
                                           "diagnosa": [{"kode": code}]})

    push([pc.mut("patients", pid, {"no_rm": f"RM-{i:05d}", "nama": f"Pasien {i}", "jenis_kelamin": "LP"[i % 2],
                                   "tanggal_lahir": "1990-01-01"}) for i, pid in enumerate(pids)]
         + [visit(pid, "2026-10-05", "A09") for pid in pids])
    rules_file = server.data_dir / f"rules-{office}.json"
    rules_file.write_text(json.dumps(changed_rules()), encoding="utf-8")
    publishing = subprocess.Popen([sys.executable, "-m", "sync.server.cli", "config", "set", "case_rules", "--file",
                                   str(rules_file), "--scope", office, *server.db_args()],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:  # visits 45 days later (old by 60 days, new by 30) keep coming until the recount is done
        rounds = 0
        while rounds < 2 or publishing.poll() is None:
            push([visit(pid, "2026-11-19", "A09") for pid in pids[rounds * 100 % 1200:][:100]])
            rounds += 1
    finally:
        out, err = publishing.communicate(timeout=300)
    assert publishing.returncode == 0, err

    def centre():
        with server.storage.read() as conn:
            return stats_dinkes.lb1(conn, "2026-11", [office], level="code")["totals"]

    live = centre()
    server.cli("projections", "rebuild")
    assert live == centre() and live["lama"]["total"] == rounds * 100 and live["baru"]["total"] == 0
    server.cli("config", "unset", "case_rules", "--scope", office)


def test_published_holidays_recount_the_working_days_of_the_pelayanan_page_as_on_the_pc(server, tmp_path):
    """After Dinkes publishes holidays for a distrik, the centre's median working days (requests, complaints)
    equal the desktop's own report under the new holidays; the publishing command counts them again."""
    import datetime as dt

    from desktop.domain import complaints
    from desktop.domain.office_reports import Period, services_report
    from sync import workdays
    from sync.server.stats_pelayanan import Filter, complaints_stats
    from sync.server.stats_pelayanan import services as services_stats
    from tests.integration.test_centre_numbers import complaint, request
    from tests.unit.test_services_samples import SIGNER

    office, other = server.new_office("distrik"), server.new_office("distrik")
    pc = server.desktop_pc(tmp_path / "distrik", office)
    for key, value in SIGNER.items():
        pc.set_meta(key, value)
    for intake, finished in (("2026-11-02", "2026-11-04"), ("2026-11-05", "2026-11-09"), ("2026-11-10", "2026-11-12")):
        request(pc, "domisili", intake, finished=finished)  # two working days each without the new holidays
    answered = complaint(pc, "2026-11-02", "Kesehatan")
    complaints.advance(pc, answered["id"], "diverifikasi", actor="admin", today=dt.date(2026, 11, 4))
    sync_ok(pc)
    oc = server.desktop_pc(tmp_path / "other", other)  # an office the publication does not cover
    for key, value in SIGNER.items():
        oc.set_meta(key, value)
    request(oc, "domisili", "2026-11-02", finished="2026-11-04")
    sync_ok(oc)

    def centre(of):
        f = Filter("2026-11", "2026-11", office_ids=[of], today=dt.date(2026, 12, 7))
        with server.storage.read() as conn:
            return services_stats(conn, f)["totals"], [r["response_days"] for r in complaints_stats(conn, f)["rows"]]

    def desk():
        from desktop.domain import reference

        reference.use_office_copies(pc.data_dir)  # the process's reference copies are the last opened PC's
        try:
            return services_report(pc, Period.month(2026, 11), today=dt.date(2026, 12, 7))["totals"]
        finally:
            reference.use_office_copies(None)

    assert centre(office)[0]["median_days"] == desk()["median_days"] == 2.0 and centre(office)[1] == [2.0]
    holidays = json.loads((workdays.resources_dir() / "reference" / "holidays.json").read_text(encoding="utf-8"))
    holidays["items"] += [{"date": day, "kind": "cuti_bersama", "name": "Hari libur daerah"}
                          for day in ("2026-11-03", "2026-11-06", "2026-11-11")]
    path = tmp_path / "holidays.json"
    path.write_text(json.dumps(holidays), encoding="utf-8")
    res = server.cli("config", "set", "holidays", "--file", str(path), "--scope", office)
    assert "working days counted again" in res.stderr
    sync_ok(pc)  # the PC receives the holidays and counts by them

    mine, response_days = centre(office)
    assert (mine["median_days"], mine["p90_days"], mine["within_sla_pct"]) == (
        desk()["median_days"], 1.0, desk()["within_sla_pct"]) and desk()["median_days"] == 1.0
    assert response_days == [1.0]  # 2 November to 4 November over the 3rd
    assert centre(other)[0]["median_days"] == 2.0  # not covered by the publication
    server.cli("projections", "rebuild")  # a rebuild counts by the same holidays
    assert centre(office)[0]["median_days"] == 1.0 and centre(other)[0]["median_days"] == 2.0
    pc.close()
    oc.close()


@pytest.mark.postgres
def test_a_page_counted_by_the_old_holidays_while_they_are_published_is_counted_again(fresh_server, tmp_path):
    """PostgreSQL: a page with a finished request has counted its working days by the old holidays but not
    committed yet when new ones are published. The recount waits for it, so its row is counted again too.
    (The page is held open from a second connection by the lock of a monthly sum it is about to count.)"""
    import datetime as dt
    import threading

    from sqlalchemy import text

    from sync import workdays
    from sync.server import projections
    from sync.server.stats_pelayanan import Filter
    from sync.server.stats_pelayanan import services as services_stats
    from tests.integration.test_centre_numbers import request
    from tests.unit.test_services_samples import SIGNER

    srv = fresh_server("postgres")
    office = srv.new_office("distrik")
    pc = srv.desktop_pc(tmp_path / "distrik", office)
    for key, value in SIGNER.items():
        pc.set_meta(key, value)
    rid = request(pc, "domisili", "2026-11-02", finished="2026-11-04")["id"]  # 2 working days, 1 with the 3rd off
    fields: dict = {}
    for entry in pc.outbox():
        if entry["record_id"] == rid:
            fields.update(entry["fields"])
    pc.close()
    dev = srv.new_device(office)
    holidays = json.loads((workdays.resources_dir() / "reference" / "holidays.json").read_text(encoding="utf-8"))
    holidays["items"].append({"date": "2026-11-03", "kind": "cuti_bersama", "name": "Hari libur daerah"})
    done: dict = {}

    page = dev.mut("service_requests", rid, fields)
    with srv.storage.engine.connect() as holder, holder.begin():
        holder.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"),
                       {"k": f"pj_sr_finished:{(office, 'domisili', '2026-11')!r}"})
        applying = threading.Thread(target=lambda: done.setdefault("page", dev.sync(page)))
        applying.start()
        # its days are counted; it waits to count the month's sums:
        wait_until(lambda: advisory_locks_waiting(srv.storage) >= 1)
        def publish():  # what ``config set holidays`` runs, with this process's open storage
            srv.storage.set_config(office, "holidays", holidays, published_by="dinkes")
            done["recount"] = projections.recount_workdays(srv.storage)

        publishing = threading.Thread(target=publish)
        publishing.start()
        wait_until(lambda: advisory_locks_waiting(srv.storage) >= 2 or not publishing.is_alive())
        assert publishing.is_alive(), "the recount did not wait for the page counted by the old holidays"
    applying.join(60)
    publishing.join(120)
    assert done["page"]["results"][0]["status"] == "applied" and done["recount"] == {office: 1}
    f = Filter("2026-11", "2026-11", office_ids=[office], today=dt.date(2026, 12, 7))
    with srv.storage.read() as conn:
        assert services_stats(conn, f)["totals"]["median_days"] == 1.0
