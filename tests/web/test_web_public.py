"""The public pages against a real server filled by real desktop syncs: tracking, verification, bad input."""

from __future__ import annotations

from urllib.parse import quote

import pytest
import requests
from sqlalchemy import func, select

from desktop.domain import tracking
from sync import certificates
from sync.server.storage import records
from tests.integration.test_cli_services import layan
from tests.web.conftest import PUBLIC_URL


def get(centre, path: str) -> requests.Response:
    return requests.get(centre.server.url + path, timeout=30)


def test_a_receipt_code_shows_the_steps_and_no_personal_data(centre):
    code = centre.waiting["tracking_code"]
    assert centre.receipt_qr == f"{PUBLIC_URL}/lacak/{code}"  # the receipt's QR leads to the page
    for path in (f"/lacak/{code}", f"/lacak/{tracking.display(code).lower()}", f"/lacak?kode={tracking.display(code)}"):
        page = get(centre, path)
        assert page.status_code == 200, path
        text = page.text
        assert tracking.display(code) in text and "Surat Keterangan Domisili" in text
        assert "Distrik Mimika Baru" in text and "Diverifikasi" in text and "Diterima" in text
        assert "27 November 2026" in text
        assert "Y****** B*****" in text  # the name, masked
        assert "Yohanes" not in text and "9404010101700001" not in text and "Beanal" not in text


def test_a_complaint_code_shows_its_status_without_the_reporter(centre):
    page = get(centre, f"/lacak/{centre.complaint['tracking_code']}")
    assert page.status_code == 200
    assert "Pengaduan" in page.text and "Infrastruktur" in page.text and "Diverifikasi" in page.text
    assert "M**** B*****" in page.text
    for private in ("Maria", "0812", "Jalan kampung rusak", "Kwamki"):
        assert private not in page.text


def test_the_certificate_qr_is_verified_as_authentic(centre):
    assert centre.payload.startswith(f"{PUBLIC_URL}/verifikasi?k=LAYAN%7CDST-MB%7C")
    path = centre.payload[len(PUBLIC_URL):]
    page = get(centre, path)
    assert page.status_code == 200 and "ASLI" in page.text
    assert centre.done["nomor_surat"] in page.text and "27 November 2026" in page.text
    assert "Distrik Mimika Baru" in page.text and "M**** K*****" in page.text  # MARIA KOGOYA as printed
    assert "Kogoya" not in page.text and centre.done["nik"] not in page.text


def test_the_offline_check_reads_the_address_form_too(centre):
    bare = certificates.parse_payload(centre.payload)
    assert bare is not None and bare.request_id == centre.done["id"]
    assert certificates.parse_payload("LAYAN|" + "|".join([bare.office, bare.number, bare.request_id, bare.code])) == bare
    res = layan(centre.pc_folder, "verify", centre.payload)  # the office's own check, no network
    assert res.returncode == 0 and res.stdout.startswith("ASLI: Surat " + centre.done["nomor_surat"]), res.stderr
    forged = centre.payload[:-4] + ("0000" if not centre.payload.endswith("0000") else "1111")
    res = layan(centre.pc_folder, "verify", forged)
    assert res.returncode != 0 and "TIDAK VALID" in res.stderr


@pytest.mark.parametrize("change", ["code", "number", "office", "request"])
def test_a_forged_payload_is_refused_clearly_and_nothing_is_written(centre, change):
    p = certificates.parse_payload(centre.payload)
    parts = {"office": p.office, "number": p.number, "request": p.request_id, "code": p.code}
    parts[change] = {"code": "0" * 16, "number": "470/999/DST-MB/2026", "office": "DST-AG",
                     "request": "0190f0a0-0000-7000-8000-000000000000"}[change]
    forged = "|".join(["LAYAN", parts["office"], parts["number"], parts["request"], parts["code"]])
    before = _rows(centre)
    page = get(centre, "/verifikasi?k=" + quote(forged, safe=""))
    assert page.status_code in (404, 409) and "ASLI" not in page.text
    assert ("TIDAK VALID" in page.text) or ("TIDAK DITEMUKAN" in page.text)
    assert _rows(centre) == before


def _rows(centre) -> int:
    with centre.server.storage.read() as conn:
        return conn.execute(select(func.count()).select_from(records)).scalar_one()


HOSTILE = ["<script>alert(1)</script>", "' OR 1=1 --", "x\"><img src=x onerror=alert(1)>", "%00", "A" * 500,
           "ZZZZ-ZZZZ", "../../etc/passwd", "💥"]


@pytest.mark.parametrize("value", HOSTILE)
def test_bad_tracking_codes_get_a_clear_page(centre, value):
    before = _rows(centre)
    for path in ("/lacak/" + quote(value, safe=""), "/lacak?kode=" + quote(value, safe="")):
        page = get(centre, path)
        assert page.status_code in (400, 404), (path, page.status_code)
        assert "Lacak permohonan atau pengaduan" in page.text
        assert "<script>alert" not in page.text and "<img src=x" not in page.text
    assert _rows(centre) == before


def test_a_typo_in_a_code_is_named_as_such(centre):
    code = centre.waiting["tracking_code"]
    wrong = code[:-1] + next(c for c in tracking.ALPHABET if c != code[-1])
    page = get(centre, f"/lacak/{wrong}")
    assert page.status_code == 400 and "salah ketik" in page.text
    unknown = tracking.generate()
    page = get(centre, f"/lacak/{unknown}")
    assert page.status_code == 404 and "tidak ditemukan" in page.text


@pytest.mark.parametrize("value", HOSTILE + ["LAYAN|a|b", "LAYAN|<b>x</b>|1|2|3", "https://evil.example/?k=LAYAN|x"])
def test_bad_verification_payloads_get_a_clear_page(centre, value):
    page = get(centre, "/verifikasi?k=" + quote(value, safe=""))
    assert page.status_code in (400, 404, 409) and "Verifikasi surat keterangan" in page.text
    assert "<b>x</b>" not in page.text and "<script>alert" not in page.text


def test_the_public_pages_in_english(centre):
    page = get(centre, f"/lacak/{centre.waiting['tracking_code']}?lang=en")
    assert "Service request" in page.text and "Certificate of domicile" in page.text and "Verified" in page.text


@pytest.mark.postgres
def test_tracking_and_verification_on_postgresql(tmp_path, pg_base_url, monkeypatch):
    """The look-ups' expression indexes and queries on PostgreSQL, with a real desktop sync."""
    from desktop.domain import services
    from tests.integration.conftest import ServerProc, create_pg_database
    from tests.unit.test_services_samples import SIGNER, TODAY, required_documents, sample
    from tests.web.conftest import _sync_ok

    if not pg_base_url:
        pytest.skip("PostgreSQL not available (set LAYAN_TEST_PG_URL or install postgresql)")
    monkeypatch.setenv("LAYAN_TOKEN_STORE", "file")
    srv = ServerProc(tmp_path / "server", create_pg_database(pg_base_url)).start()
    try:
        srv.storage.add_office("DST-MB", "Distrik Mimika Baru", "distrik")
        pc = srv.desktop_pc(tmp_path / "pc", "DST-MB")
        try:
            for key, value in SIGNER.items():
                pc.set_meta(key, value)
            req = services.new_request(pc, "sktm", sample("sktm"), actor="admin", today=TODAY)
            services.verify(pc, req["id"], actor="admin", dokumen=required_documents("sktm"), today=TODAY)
            services.process(pc, req["id"], actor="admin", today=TODAY)
            done = services.complete(pc, req["id"], actor="admin", today=TODAY)
            payload = services.verification_payload(done)
            _sync_ok(pc)
        finally:
            pc.close()
        page = requests.get(f"{srv.url}/lacak/{done['tracking_code']}", timeout=30)
        assert page.status_code == 200 and "Distrik Mimika Baru" in page.text and "Selesai" in page.text
        page = requests.get(f"{srv.url}/verifikasi", params={"k": payload}, timeout=30)
        assert page.status_code == 200 and "ASLI" in page.text
        with srv.storage.read() as conn:
            from sqlalchemy import text

            plan = "\n".join(r[0] for r in conn.execute(text(
                "EXPLAIN SELECT id FROM records WHERE collection IN ('service_requests', 'complaints') "
                "AND (CAST(fields AS jsonb) ->> 'tracking_code') = 'X' AND deleted = false")))
        assert "ix_records_tracking_code" in plan
    finally:
        srv.stop()


def test_lookups_use_their_indexes_on_sqlite(centre):
    from sqlalchemy import text

    queries = {
        "ix_records_tracking_code": "collection IN ('service_requests', 'complaints') AND "
                                    "json_extract(fields, '$.tracking_code') = 'X'",
        "ix_records_service_event_of": "collection IN ('service_events') AND json_extract(fields, '$.request_id') = 'X'",
    }
    with centre.server.storage.read() as conn:
        for index, where in queries.items():
            plan = " ".join(str(r[-1]) for r in conn.execute(text(
                f"EXPLAIN QUERY PLAN SELECT id FROM records WHERE {where} AND deleted = 0")))
            assert index in plan, plan


def test_a_forwarded_complaint_shows_where_it_went(centre):
    page = get(centre, f"/lacak/{centre.forwarded['tracking_code']}")
    assert page.status_code == 200
    text = page.text
    assert "Distrik Agimuga" in text and "diteruskan ke Distrik Agimuga" in text and "Anonim" in text
    assert "Puskesmas tutup" not in text
