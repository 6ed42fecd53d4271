"""The official list of kelurahan and kampung, its type-ahead, and certificates that state residence in
this distrik for an address in another one. Real SQLite files through the ``store`` fixture (DST-MB)."""

from __future__ import annotations

import pytest

from desktop.domain import reference, services, wilayah
from desktop.store.records import ValidationError
from tests.unit.test_services_samples import SIGNER, TODAY, required_documents, sample

KARANG_SENANG = {"alamat": "Jl. Kencana 4", "kampung": "Karang Senang", "distrik": "Mimika Baru"}


def test_the_list_holds_18_distrik_19_kelurahan_and_132_kampung_with_their_source():
    data = reference.load_reference("wilayah_mimika")
    desa = wilayah.desa_list()
    assert len(reference.distrik_list()) == 18
    assert sum(d.kind == "kelurahan" for d in desa) == 19 and data["counts"]["kelurahan"] == 19
    assert sum(d.kind == "kampung" for d in desa) == 132 and data["counts"]["kampung"] == 132
    assert "Kepmendagri No. 300.2.2-2138 Tahun 2025" in data["desa_source"]
    codes = [d.code for d in desa]
    assert len(set(codes)) == len(codes)
    assert all(d.code.startswith(d.distrik_code + ".") for d in desa)
    # Mimika Baru holds 11 of the 19 kelurahan (REFERENCE.md); every distrik has at least one place.
    assert sum(d.kind == "kelurahan" and d.distrik_name == "Mimika Baru" for d in desa) == 11
    assert {d.distrik_code for d in desa} == {d.code for d in reference.distrik_list()}


def test_type_ahead_matches_anywhere_in_the_name_and_ignores_case():
    found = wilayah.search("senang")
    assert [d.name for d in found][:1] == ["Karang Senang"]
    assert found[0].label == "Karang Senang — kelurahan, Distrik Kuala Kencana"
    utikini = [d.name for d in wilayah.search("UTIKINI")]
    assert utikini == ["Utikini Baru", "Utikini Dua", "Utikini Tiga"]
    assert [d.name for d in wilayah.search("tikini d")] == ["Utikini Dua"]  # inside the name, across a space
    assert [d.name for d in wilayah.search("kwa")][:1] == ["Kwamki"]  # names starting with it come first
    assert wilayah.search("   ") == [] and wilayah.search("zzz") == []


def test_find_takes_the_exact_name_and_prefers_the_distrik_given():
    assert wilayah.find(" karang  senang ").distrik_name == "Kuala Kencana"
    assert wilayah.find("Karang") is None
    assert wilayah.distrik_named("distrik kuala kencana").office_code == "DST-KK"


def issued_ready(store, code="domisili", **applicant):
    req = services.new_request(store, code, sample(code, **applicant), actor="admin", today=TODAY)
    services.verify(store, req["id"], actor="admin", dokumen=required_documents(code), today=TODAY)
    services.process(store, req["id"], actor="admin", today=TODAY)
    return req


@pytest.fixture
def office(store):
    from desktop.printing import settings

    settings.update_print_settings(store, SIGNER)
    return store


def test_a_domisili_for_an_address_in_another_distrik_is_not_issued_silently(office):
    req = issued_ready(office, **KARANG_SENANG)
    svc = services.service("domisili", office)
    elsewhere = services.residence_elsewhere(office.get(services.SERVICE_REQUESTS, req["id"]), svc, "DST-MB")
    assert (elsewhere.distrik, elsewhere.office_code, elsewhere.place) == ("Kuala Kencana", "DST-KK",
                                                                          "Kelurahan Karang Senang")
    with pytest.raises(ValidationError) as caught:
        services.complete(office, req["id"], actor="admin", today=TODAY)
    error = caught.value.errors[0]
    assert error.field == "domisili"
    assert "Kelurahan Karang Senang, Distrik Kuala Kencana, bukan di wilayah Distrik Mimika Baru" in error.message
    assert "Teruskan permohonan ke Distrik Kuala Kencana" in error.message
    assert office.get(services.SERVICE_REQUESTS, req["id"])["status"] == "diproses"  # nothing numbered
    with pytest.raises(ValidationError):
        services.complete(office, req["id"], actor="admin", today=TODAY, residence_reason="   ")


def test_issuing_anyway_needs_a_reason_that_is_kept_in_the_history_and_the_audit(office):
    req = issued_ready(office, **KARANG_SENANG)
    done = services.complete(office, req["id"], actor="admin", today=TODAY,
                             residence_reason="Pindah ke Kwamki bulan ini; KK baru sedang diurus")
    assert done["status"] == "selesai" and done["nomor_surat"]
    selesai = [e for e in services.events(office, req["id"]) if e["status"] == "selesai"][0]
    assert selesai["reason"] == ("Diterbitkan walau alamat di Distrik Kuala Kencana: Pindah ke Kwamki bulan ini; "
                                 "KK baru sedang diurus")
    audited = office.history(services.SERVICE_EVENTS, selesai["id"])
    assert audited and "Pindah ke Kwamki" in str(audited[0]["changes"])


def test_forwarding_to_the_distrik_of_the_address_is_the_way_out(office):
    req = issued_ready(office, **KARANG_SENANG)
    target = services.residence_elsewhere(office.get(services.SERVICE_REQUESTS, req["id"]),
                                          services.service("domisili", office), office.office_id).office_code
    forwarded = services.forward(office, req["id"], target, actor="admin", today=TODAY)
    assert forwarded["diteruskan_ke"] == "DST-KK"


def test_what_is_not_flagged(office):
    # An address here; a certificate that states no residence; a place not in the list with this distrik.
    here = issued_ready(office, kampung="Kwamki", distrik="Mimika Baru")
    assert services.complete(office, here["id"], actor="admin", today=TODAY)["status"] == "selesai"
    birth = issued_ready(office, "kelahiran", **KARANG_SENANG)
    assert services.complete(office, birth["id"], actor="admin", today=TODAY)["status"] == "selesai"
    svc = services.service("domisili", office)
    assert services.residence_elsewhere({"kampung": "Gang Mawar", "distrik": "Mimika Baru"}, svc, "DST-MB") is None
    assert services.residence_elsewhere({"kampung": "", "distrik": "Wania"}, svc, "DST-MB").distrik == "Wania"
    assert services.residence_elsewhere(KARANG_SENANG, svc, "DST-DEMO") is None  # not a distrik office
