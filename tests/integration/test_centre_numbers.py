"""The centre's dashboard numbers (sync/server/stats_*.py over sync/server/projections.py) from a real server
filled by real desktop syncs, on SQLite and PostgreSQL: they equal the numbers the desktop's own reports
give for the same office (office_reports, health reports), both as kept current while changes are applied
and after ``layan-server projections rebuild``."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.domain import complaints, letters, services, syncing
from desktop.domain.health import reports, visits
from desktop.domain.office_reports import INFORMATIONAL, Period, complaints_report, services_report
from sync.server import projections, stats_dinkes
from sync.server.stats_pelayanan import Filter, complaints_stats, letters_stats, records_behind
from sync.server.stats_pelayanan import services as services_stats
from tests.unit.test_health_support import add_user
from tests.unit.test_services_samples import SIGNER, required_documents, sample

TODAY = dt.date(2026, 12, 7)
NOVEMBER = Filter("2026-11", "2026-11", today=TODAY)


@pytest.fixture(autouse=True)
def token_file(monkeypatch):
    monkeypatch.setenv("LAYAN_TOKEN_STORE", "file")  # CI has no OS keyring: the documented fallback


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def sync_ok(store):
    report = syncing.run_sync(store)
    assert report.ok, report.error


def request(store, code, intake, *, finished=None, rejected=None, processing=False):
    req = services.new_request(store, code, sample(code), actor="admin", today=d(intake))
    if finished or processing:
        services.verify(store, req["id"], actor="admin", dokumen=required_documents(code), today=d(intake))
        services.process(store, req["id"], actor="admin", today=d(intake))
    if finished:
        services.complete(store, req["id"], actor="kepala", today=d(finished))
    if rejected:
        services.reject(store, req["id"], "Berkas tidak lengkap", actor="admin", today=d(rejected))
    return req


def complaint(store, tanggal, kategori):
    return complaints.new_complaint(store, {"tanggal": tanggal, "channel": "langsung", "pelapor_nama": "Yohana",
                                            "kategori": kategori, "uraian": "Uraian"}, actor="admin", today=d(tanggal))


def test_the_distrik_numbers_equal_the_desktop_reports(server, tmp_path):
    office = server.new_office("distrik")
    pc = server.desktop_pc(tmp_path / "distrik", office)
    for key, value in SIGNER.items():
        pc.set_meta(key, value)
    request(pc, "domisili", "2026-11-02", finished="2026-11-03")
    request(pc, "domisili", "2026-11-05", finished="2026-11-09")
    request(pc, "domisili", "2026-11-13", finished="2026-11-16")
    request(pc, "keterangan_usaha", "2026-11-10", finished="2026-11-13")
    late = request(pc, "keterangan_usaha", "2026-11-24", processing=True)
    request(pc, "domisili", "2026-11-25", rejected="2026-11-26")
    request(pc, "domisili", "2026-10-30", finished="2026-11-02")
    request(pc, "domisili", "2026-12-01")
    answered = complaint(pc, "2026-11-02", "Kesehatan")
    complaints.advance(pc, answered["id"], "diverifikasi", actor="admin", today=d("2026-11-04"))
    slow = complaint(pc, "2026-11-02", "Kesehatan")
    complaints.advance(pc, slow["id"], "diverifikasi", actor="admin", today=d("2026-11-10"))
    complaints.advance(pc, slow["id"], "ditindaklanjuti", actor="admin", today=d("2026-11-12"))
    complaints.advance(pc, slow["id"], "selesai", actor="admin", today=d("2026-11-13"))
    complaint(pc, "2026-11-20", "Infrastruktur")  # never answered: red on 7 December
    complaint(pc, "2026-11-30", "Kesehatan")  # due 7 December: not red yet
    waiting = letters.register_incoming(pc, {"tanggal_terima": "2026-11-03", "tanggal_surat": "2026-11-01",
                                             "asal": "Setda", "perihal": "Data penduduk", "sifat": "biasa"},
                                        actor="op").record_id
    letters.add_disposition(pc, waiting, {"kepada": "Sekdis", "instruksi": "Tindak lanjuti"}, actor="kepala")
    done = letters.register_incoming(pc, {"tanggal_terima": "2026-11-04", "tanggal_surat": "2026-11-02",
                                          "asal": "Dinsos", "perihal": "Undangan", "sifat": "biasa"},
                                     actor="op").record_id
    letters.add_disposition(pc, done, {"kepada": "Sekdis", "instruksi": "Untuk diketahui"}, actor="kepala")
    sync_ok(pc)

    desk_services = services_report(pc, Period.month(2026, 11), today=TODAY)
    desk_complaints = complaints_report(pc, Period.month(2026, 11), today=TODAY)
    f = Filter("2026-11", "2026-11", office_ids=[office], today=TODAY)
    # A disposisi waits from the day it was written, by the PC's real clock (not TODAY): "waiting 0 days or more"
    # is asked as of that day, or the count changes when the suite runs past midnight.
    disposed = Filter("2026-11", "2026-11", office_ids=[office],
                      today=dt.date.fromisoformat(max(d["created_at"] for d in pc.find("dispositions"))[:10]))

    def numbers():
        with server.storage.read() as conn:
            return (services_stats(conn, f), complaints_stats(conn, f),
                    letters_stats(conn, disposed, pending_days=0), records_behind(conn, "layanan", "open_late", f))

    for rebuilt in (False, True):
        if rebuilt:
            server.cli("projections", "rebuild")
        svc, cmp, let, late_rows = numbers()
        t = svc["totals"]
        dt_ = desk_services["totals"]
        assert (t["received"], t["finished"], t["within_sla"], t["within_sla_pct"], t["median_days"]) == (
            dt_["received"], dt_["finished"], dt_["within_sla"], dt_["within_sla_pct"], dt_["median_days"]) == (
            6, 5, 3, 60, 1.0)
        per = {r["service"]: r for r in svc["rows"]}
        for row in desk_services["rows"]:
            if row["received"] or row["finished"]:
                mine = per[row["code"]]
                assert (mine["received"], mine["finished"], mine["median_days"], mine["within_sla_pct"]) == (
                    row["received"], row["finished"], row["median_days"], row["within_sla_pct"])
        assert per["domisili"]["p90_days"] == 1.7  # 1, 1, 1, 2 working days: the 90th percentile between
        assert [r["tracking_code"] for r in late_rows] == [o["tracking_code"] for o in desk_services["overdue"]] \
            == [late["tracking_code"]]
        assert t["open_late"] == 1
        assert cmp["totals"]["received"] == desk_complaints["totals"]["total"] == 4
        assert cmp["totals"]["red"] == desk_complaints["totals"]["red"] == 2
        by_cat = {r["category"]: r for r in cmp["rows"]}
        assert by_cat["Kesehatan"]["response_days"] == 4.0  # 2 and 6 working days to the first response
        assert by_cat["Kesehatan"]["resolution_days"] == 9.0  # only the slow one is resolved
        # five certificates went out as surat keluar; "untuk diketahui" never waits
        assert let["totals"] == {"masuk": 2, "keluar": 5, "pending": 1}
    months = {m["month"]: m for m in svc["months"]}
    assert months["2026-11"]["received"] == 6
    pc.close()


def test_the_kabupaten_lb1_and_malaria_equal_the_puskesmas_reports(server, tmp_path):
    office = server.new_office("puskesmas")
    pkm = server.desktop_pc(tmp_path / "pkm", office, kind="puskesmas")
    nurse = add_user(pkm, "perawat", "nakes", office)
    from desktop.domain.health import patients

    def person(nama, sex, born):
        return patients.register_patient(pkm, nurse, {"nama": nama, "jenis_kelamin": sex, "tanggal_lahir": born},
                                         confirmed_new=True).record_id

    def visit(pid, day, unit, *codes, test=None):
        fields = {"patient_id": pid, "tanggal": day, "unit": unit, "diagnosa": list(codes)}
        if test:
            fields["malaria"] = {"pemeriksaan": test[0], "hasil": test[1], "spesies": test[2],
                                 **({"pengobatan": "DHP"} if test[1] == "positif" else {})}
        return visits.register_visit(pkm, nurse, fields).record_id

    markus, yuliana, ruth = person("Markus", "L", "1960-01-01"), person("Yuliana", "P", "1990-04-01"), \
        person("Ruth", "P", "1985-05-01")
    visit(markus, "2026-09-28", "lansia", "I10")
    visit(markus, "2026-11-02", "lansia", "I10", "J06.9")
    visit(yuliana, "2026-11-03", "malaria", test=("rdt", "positif", "falciparum"))
    visit(yuliana, "2026-11-06", "malaria", test=("mikroskopis", "negatif", None))
    visit(ruth, "2026-10-05", "malaria", test=("rdt", "positif", "vivax"))
    visit(ruth, "2026-11-14", "malaria", test=("mikroskopis", "positif", "vivax"))
    sync_ok(pkm)
    # a back-dated visit arrives after the later one: Ruth's 14 November becomes a follow-up of the 12th
    visit(ruth, "2026-11-12", "malaria", test=("rdt", "positif", "vivax"))
    sync_ok(pkm)

    desk = reports.lb1(pkm, nurse, "2026-11")

    def centre():
        with server.storage.read() as conn:
            return (stats_dinkes.lb1(conn, "2026-11", [office], level="code"),
                    stats_dinkes.malaria_weeks(conn, 2026), stats_dinkes.lb1_by_puskesmas(conn, "2026-11"))

    for rebuilt in (False, True):
        if rebuilt:
            server.cli("projections", "rebuild")
        mine, weeks, per_pkm = centre()
        assert [(r["code"], r["counts"]) for r in mine["rows"]] == [(r["code"], r["counts"]) for r in desk["rows"]]
        assert mine["totals"]["total"] == desk["totals"]["total"] == 5  # I10, J06.9, B50.9, B51.9 twice
        row = next(r for r in weeks["rows"] if r["place"] == office)
        by_week = {w["week"]: w["n"] for w in row["weeks"] if w["n"]}
        assert by_week == {41: 1, 45: 1, 46: 1}  # 5 Oct (week 41), 3 Nov (45), 12 Nov (46); the 14th follows up
        mine_pkm = next(r for r in per_pkm if r["office"] == office)
        assert (mine_pkm["baru"], mine_pkm["lama"]) == (desk["totals"]["baru"]["total"], desk["totals"]["lama"]["total"])
    pkm.close()


def test_the_centre_and_the_desktop_share_the_disposisi_rule():
    assert projections.INFORMATIONAL == INFORMATIONAL


def test_an_edit_on_the_pc_moves_the_centre_s_numbers_at_the_next_sync(server, tmp_path):
    from desktop.domain.health import patients

    office = server.new_office("puskesmas")
    pkm = server.desktop_pc(tmp_path / "pkm", office, kind="puskesmas")
    nurse = add_user(pkm, "perawat", "nakes", office)
    pid = patients.register_patient(pkm, nurse, {"nama": "Yance", "jenis_kelamin": "L", "tanggal_lahir": "2018-03-01"},
                                    confirmed_new=True).record_id
    first = visits.register_visit(pkm, nurse, {"patient_id": pid, "tanggal": "2026-11-05", "unit": "anak_remaja",
                                               "diagnosa": ["A09"]}).record_id
    visits.register_visit(pkm, nurse, {"patient_id": pid, "tanggal": "2026-11-19", "unit": "anak_remaja",
                                       "diagnosa": ["A09"]})
    sync_ok(pkm)

    def centre():
        with server.storage.read() as conn:
            rows = stats_dinkes.lb1(conn, "2026-11", [office], level="code")["rows"]
        return {(r["code"], k, s, g): n for r in rows for k in ("baru", "lama") for s in ("L", "P")
                for g, n in r["counts"][k][s].items() if n}

    assert centre() == {("A09", "baru", "L", "5-9t"): 1, ("A09", "lama", "L", "5-9t"): 1}
    # the birth date was wrong (a baby born in March 2026), and the first visit was really in October
    patients.update_patient(pkm, nurse, pid, {"tanggal_lahir": "2026-03-01"})
    visits.update_visit(pkm, nurse, first, {"tanggal": "2026-10-05"})
    sync_ok(pkm)
    assert centre() == {("A09", "baru", "L", "1-11b"): 1}  # 19 Nov: 45 days after 5 Oct, a new case
    assert reports.lb1(pkm, nurse, "2026-11")["totals"]["baru"]["total"] == 1
    pkm.close()


def test_a_forwarded_request_is_counted_at_the_office_it_went_to(server):
    from tests.integration.conftest import new_id

    office_a, office_b = server.new_office(), server.new_office()
    a = server.new_device(office_a)
    rid = new_id()
    a.sync(a.mut("service_requests", rid, {"tracking_code": "SKTM-0001", "service_type": "sktm",
                                           "tanggal": "2026-11-02", "nama": "Yohanes Beanal", "status": "diterima"}))

    def received():
        f = Filter("2026-11", "2026-11", office_ids=[office_a, office_b], today=TODAY)
        with server.storage.read() as conn:
            return {r["office"]: r["received"] for r in services_stats(conn, f)["rows"]}

    assert received() == {office_a: 1}
    a.client.transfer("service_requests", rid, office_b)
    assert received() == {office_b: 1}


def test_the_monthly_sums_kept_page_by_page_equal_a_count_from_scratch(server, tmp_path):
    """A page adds its rows to the monthly sums and takes away the rows it replaces, instead of counting each
    month again (which grew with the month's letters). After edits that move a record to another month, a
    request finished, a complaint answered and a letter deleted, each sum equals a count from the base rows."""
    office = server.new_office("distrik")
    pc = server.desktop_pc(tmp_path / "distrik", office)
    for key, value in SIGNER.items():
        pc.set_meta(key, value)
    ids = [letters.register_incoming(pc, {"tanggal_terima": f"2026-11-{day:02d}", "tanggal_surat": "2026-11-01",
                                          "asal": "Setda", "perihal": f"Surat {day}", "sifat": "biasa"},
                                     actor="op").record_id for day in range(2, 12)]
    open_request = request(pc, "domisili", "2026-11-02", processing=True)
    request(pc, "domisili", "2026-11-03", finished="2026-11-05")
    slow = complaint(pc, "2026-11-02", "Kesehatan")
    sync_ok(pc)
    letters.update_letter(pc, ids[0], {"tanggal_terima": "2026-10-30"}, actor="op")  # to October
    letters.update_letter(pc, ids[1], {"perihal": "Surat dua, diperbaiki"}, actor="op")  # same month: no change
    services.complete(pc, open_request["id"], actor="kepala", today=d("2026-11-09"))
    complaints.advance(pc, slow["id"], "diverifikasi", actor="admin", today=d("2026-11-06"))
    sync_ok(pc)
    dev = server.new_device(office)
    dev.sync(dev.mut("letters", ids[2], op="delete", base_rev=server.storage.record(ids[2])["rev"]))
    sums = ("pj_letter_months", "pj_sr_received", "pj_sr_finished", "pj_cp_received", "pj_cp_days")

    def read() -> dict:
        with server.storage.read() as conn:
            return {name: sorted(tuple(r) for r in conn.execute(
                    projections.text(f"SELECT * FROM {name} WHERE office_id = :o"), {"o": office}))
                    for name in sums}

    kept = read()
    assert [r[1:] for r in kept["pj_letter_months"]] == [("keluar", "2026-11", 2), ("masuk", "2026-10", 1),
                                                           ("masuk", "2026-11", 8)]
    assert sum(r[-1] for r in kept["pj_sr_finished"]) == 2 and sum(r[-1] for r in kept["pj_cp_days"]) == 1
    with server.storage.write() as conn:
        projections.refresh_aggregates(conn)  # every sum counted again from its base rows
    assert read() == kept
    pc.close()
