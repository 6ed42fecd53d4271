"""The distrik reports (desktop/domain/office_reports.py) over a small November 2026 made through the
domains' own create functions; every expected number below was counted by hand from the records."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.domain import complaints, letters, services
from desktop.domain.office_reports import Period, complaints_report, letters_report, report, services_report
from desktop.store.db import StoreError
from tests.unit.test_services_samples import SIGNER, required_documents, sample

NOVEMBER = Period.month(2026, 11)
TODAY = dt.date(2026, 12, 7)  # a Monday, after the month


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# --- periods ---------------------------------------------------------------------------------------

def test_periods_parse_and_span_the_calendar():
    assert Period.parse("2026-11") == NOVEMBER
    assert (NOVEMBER.start, NOVEMBER.end) == (d("2026-11-01"), d("2026-11-30"))
    q = Period.parse("2026-Q1")
    assert (q.start, q.end, q.key) == (d("2026-01-01"), d("2026-03-31"), "2026-Q1")
    assert q.label() == "Triwulan I 2026 (Jan–Mar)" and q.label("en") == "Quarter I 2026 (Jan–Mar)"
    assert Period.parse("2028-02").end == d("2028-02-29")
    year = Period.parse("2026")
    assert (year.start, year.end, year.label()) == (d("2026-01-01"), d("2026-12-31"), "Tahun 2026")
    assert NOVEMBER.label() == "November 2026" and Period.month(2026, 12).label("id") == "Desember 2026"


@pytest.mark.parametrize("text", ["2026-13", "2026-Q5", "26-11", "November", "", "2026-00"])
def test_a_bad_period_is_refused_with_an_example(text):
    with pytest.raises(StoreError, match="2026-10"):
        Period.parse(text)


# --- letters ---------------------------------------------------------------------------------------

def incoming(store, tanggal, sifat, klasifikasi=None):
    fields = {"tanggal_terima": tanggal, "asal": "Dinas Sosial", "perihal": f"Surat {tanggal}", "sifat": sifat}
    if klasifikasi:
        fields["klasifikasi"] = klasifikasi
    return letters.register_incoming(store, fields, actor="admin").record_id


def outgoing(store, tanggal, sifat, klasifikasi):
    return letters.register_outgoing(store, {"tanggal_surat": tanggal, "tujuan": "Bupati Mimika", "perihal": "Balasan",
                                             "sifat": sifat, "klasifikasi": klasifikasi}, actor="admin").record_id


def test_letters_by_sifat_klasifikasi_and_the_disposisi_waiting(store):
    first = incoming(store, "2026-11-02", "biasa", "000.1")
    second = incoming(store, "2026-11-05", "penting", "000.1")
    third = incoming(store, "2026-11-10", "segera", "400.7")
    incoming(store, "2026-11-30", "biasa")  # no klasifikasi
    incoming(store, "2026-10-31", "biasa", "000.1")  # October: not counted
    incoming(store, "2026-12-01", "sangat_segera", "000.1")  # December: not counted
    outgoing(store, "2026-11-03", "biasa", "000.1")
    outgoing(store, "2026-11-20", "penting", "100.2")
    # Disposisi: the first letter went on from the sekretaris to a kasi (only the kasi's is waiting);
    # the second is for information only; the third waits at the sekretaris.
    letters.add_disposition(store, first, {"kepada": "Sekretaris Distrik", "instruksi": "Ditindaklanjuti"}, actor="camat")
    letters.add_disposition(store, first, {"kepada": "Kasi Pemerintahan", "instruksi": "Siapkan jawaban",
                                           "batas_waktu": "2026-11-06"}, actor="sekdis")
    letters.add_disposition(store, second, {"kepada": "Sekretaris Distrik", "instruksi": "Untuk diketahui"},
                            actor="camat")
    letters.add_disposition(store, third, {"kepada": "Sekretaris Distrik", "instruksi": "Hadiri/wakili"}, actor="camat")

    today = dt.date.today() + dt.timedelta(days=3)  # the disposisi were made today (created_at is the save time)
    data = letters_report(store, NOVEMBER, today=today)

    assert data["totals"] == {"masuk": 4, "keluar": 2}
    by_sifat = {row["key"]: (row["masuk"], row["keluar"]) for row in data["sifat"]}
    assert by_sifat == {"biasa": (2, 1), "penting": (1, 1), "segera": (1, 0), "sangat_segera": (0, 0),
                        "rahasia": (0, 0)}
    table = [(row["code"], row["masuk"], row["keluar"], row["total"]) for row in data["klasifikasi"]]
    assert table == [("000.1", 2, 1, 3), ("100.2", 0, 1, 1), ("400.7", 1, 0, 1), (None, 1, 0, 1)]
    assert data["klasifikasi"][0]["name"]["id"]  # the name comes from the klasifikasi reference
    assert data["klasifikasi"][-1]["name"]["id"] == "Tanpa kode klasifikasi"

    waiting = [(row["letter_id"], row["kepada"], row["days"], row["past_due"]) for row in data["disposisi"]]
    assert waiting == [(first, "Kasi Pemerintahan", 3, True), (third, "Sekretaris Distrik", 3, False)]
    assert data["disposisi"][0]["since"] == dt.date.today().isoformat()
    assert data["disposisi"][0]["agenda"] == "1/2026"


def test_a_month_without_letters_is_all_zero(store):
    data = letters_report(store, Period.month(2026, 12), today=TODAY)
    assert data["totals"] == {"masuk": 0, "keluar": 0}
    assert data["klasifikasi"] == [] and data["disposisi"] == []
    assert data["period"]["label"]["id"] == "Desember 2026"


# --- services --------------------------------------------------------------------------------------

@pytest.fixture
def office_store(store):
    for key, value in SIGNER.items():
        store.set_meta(key, value)
    return store


def request(store, code, intake, *, finished=None, rejected=None, processing=False):
    """A request received on ``intake``; completed on ``finished`` or rejected on ``rejected``."""
    req = services.new_request(store, code, sample(code), actor="admin", today=d(intake))
    if finished or processing:
        services.verify(store, req["id"], actor="admin", dokumen=required_documents(code), today=d(intake))
        services.process(store, req["id"], actor="admin", today=d(intake))
    if finished:
        services.complete(store, req["id"], actor="kepala", today=d(finished))
    if rejected:
        services.reject(store, req["id"], "Berkas tidak lengkap", actor="admin", today=d(rejected))
    return req


def test_services_received_finished_median_and_sla(office_store):
    store = office_store
    # domisili: SLA 1 working day; keterangan_usaha: 2.
    request(store, "domisili", "2026-11-02", finished="2026-11-03")  # 1 working day, due 3 Nov: in time
    request(store, "domisili", "2026-11-05", finished="2026-11-09")  # Fri 6 + Mon 9 = 2 days, due 6 Nov: late
    request(store, "domisili", "2026-11-13", finished="2026-11-16")  # Fri → Mon: 1 day, due 16 Nov: in time
    request(store, "keterangan_usaha", "2026-11-10", finished="2026-11-13")  # 3 days, due 12 Nov: late
    late = request(store, "keterangan_usaha", "2026-11-24", processing=True)  # due 26 Nov, still open
    request(store, "domisili", "2026-11-25", rejected="2026-11-26")
    request(store, "domisili", "2026-10-30", finished="2026-11-02")  # received in October, finished in time
    request(store, "domisili", "2026-12-01")  # December: neither received nor overdue in November

    data = services_report(store, NOVEMBER, today=TODAY)
    rows = {row["code"]: row for row in data["rows"]}
    assert set(rows) == set(services.catalog().codes)
    dom, sku = rows["domisili"], rows["keterangan_usaha"]
    assert (dom["received"], dom["finished"], dom["rejected"], dom["median_days"]) == (4, 4, 1, 1.0)
    assert (dom["within_sla"], dom["within_sla_pct"], dom["sla_days"]) == (3, 75, 1)
    assert (sku["received"], sku["finished"], sku["rejected"], sku["median_days"]) == (2, 1, 0, 3.0)
    assert sku["within_sla_pct"] == 0
    assert rows["sktm"]["received"] == 0 and rows["sktm"]["within_sla_pct"] is None
    assert data["totals"] == {"received": 6, "finished": 5, "rejected": 1, "median_days": 1.0, "within_sla": 3,
                              "within_sla_pct": 60}
    # Overdue on 7 December: due Thu 26 Nov; late by Fri 27, Mon 30, Tue 1 … Fri 4, Mon 7 = 7 working days.
    assert [(row["tracking_code"], row["due_date"], row["late_days"]) for row in data["overdue"]] == [
        (late["tracking_code"], "2026-11-26", 7)]


# --- complaints ------------------------------------------------------------------------------------

def complaint(store, tanggal, kategori):
    return complaints.new_complaint(store, {"tanggal": tanggal, "channel": "langsung", "pelapor_nama": "Yohana",
                                            "kategori": kategori, "uraian": "Uraian"}, actor="admin", today=d(tanggal))


def test_complaints_per_category_and_status_and_red_after_five_working_days(store):
    answered = complaint(store, "2026-11-02", "Kesehatan")  # due Mon 9 Nov
    complaints.advance(store, answered["id"], "diverifikasi", actor="admin", today=d("2026-11-04"))
    slow = complaint(store, "2026-11-02", "Kesehatan")  # due 9 Nov, first answered 10 Nov: red
    complaints.advance(store, slow["id"], "diverifikasi", actor="admin", today=d("2026-11-10"))
    complaints.advance(store, slow["id"], "ditindaklanjuti", actor="admin", today=d("2026-11-12"))
    complaints.advance(store, slow["id"], "selesai", actor="admin", today=d("2026-11-13"))
    silent = complaint(store, "2026-11-20", "Infrastruktur")  # due Fri 27 Nov, never answered: red
    other = complaint(store, "2026-11-25", "Infrastruktur")
    complaints.advance(store, other["id"], "bukan_wewenang", actor="admin", note="Urusan PLN", today=d("2026-11-26"))
    complaint(store, "2026-11-30", "Kesehatan")  # due Mon 7 Dec: not late yet on 7 December
    complaint(store, "2026-10-29", "Kesehatan")  # October

    data = complaints_report(store, NOVEMBER, today=TODAY)
    assert data["sla_days"] == 5
    rows = [(row["kategori"], row["total"], row["red"], {k: v for k, v in row["counts"].items() if v})
            for row in data["rows"]]
    assert rows == [("Kesehatan", 3, 1, {"masuk": 1, "diverifikasi": 1, "selesai": 1}),
                    ("Infrastruktur", 2, 1, {"masuk": 1, "bukan_wewenang": 1})]
    assert data["totals"]["total"] == 5 and data["totals"]["red"] == 2
    assert data["totals"]["counts"]["masuk"] == 2
    # Still unanswered and past due: due 27 Nov, late by 30 Nov, 1–4 Dec and 7 Dec = 6 working days.
    assert [(row["tracking_code"], row["late_days"]) for row in data["red_open"]] == [(silent["tracking_code"], 6)]


def test_report_by_name_and_a_quarter(office_store):
    request(office_store, "domisili", "2026-10-05", finished="2026-10-06")
    request(office_store, "domisili", "2026-12-01", finished="2026-12-02")
    quarter = report(office_store, "layanan", Period.quarter(2026, 4), today=TODAY)
    assert quarter["totals"]["received"] == 2 and quarter["totals"]["finished"] == 2
    assert report(office_store, "layanan", NOVEMBER, today=TODAY)["totals"]["received"] == 0
    with pytest.raises(StoreError):
        report(office_store, "kas", NOVEMBER)
