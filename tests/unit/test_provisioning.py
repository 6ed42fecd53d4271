"""Provisioning files: validation with clear Indonesian messages, and applying one to a real store
(without a server: enrollment is covered end to end in tests/integration/test_updates_provisioning.py)."""

from __future__ import annotations

import json

import pytest

from desktop import provisioning
from desktop.provisioning import ProvisioningError


def good(**changes) -> dict:
    body = {
        "format": "layan-provision", "format_version": 1,
        "server_url": "https://layan.mimikakab.go.id",
        "office": {"code": "DST-AG", "name": "Distrik Agimuga", "kind": "distrik"},
        "enrollment_code": "ABCD-EFGH-JKLM",
        "enrollment_expires": "2099-01-01T00:00:00+00:00",
        "settings": {"language": "en", "numbering_template": "{nomor}/{kode_unit}/{tahun}", "update_channel": "pilot"},
    }
    body.update(changes)
    return body


def problems_of(raw) -> list[tuple[str, str]]:
    with pytest.raises(ProvisioningError) as info:
        provisioning.parse(raw if isinstance(raw, (bytes, str)) else json.dumps(raw))
    assert info.value.message.startswith("Berkas provisioning tidak dapat dipakai")
    return info.value.problems


def test_a_good_file_parses():
    plan = provisioning.parse(json.dumps(good()))
    assert plan.server_url == "https://layan.mimikakab.go.id"
    assert plan.office == {"code": "DST-AG", "name": "Distrik Agimuga", "kind": "distrik"}
    assert plan.settings["update_channel"] == "pilot"


def test_a_utf8_bom_from_notepad_is_fine():
    assert provisioning.parse(b"\xef\xbb\xbf" + json.dumps(good()).encode()).office["code"] == "DST-AG"


@pytest.mark.parametrize("raw, words", [
    (b'{"format": "layan-provision", ', "bukan JSON yang benar"),
    (b"\xff\xfe garbage", "bukan teks UTF-8"),
    ("[1, 2]", "objek JSON"),
    (json.dumps({"format": "something-else"}), "bukan berkas provisioning Layan"),
])
def test_unreadable_files_say_why(raw, words):
    problems = problems_of(raw)
    assert any(words in p[0] for p in problems), problems


def test_every_problem_is_listed_at_once_in_both_languages():
    body = good(server_url="ftp://x", office={"code": "dst mb", "name": "", "kind": "kecamatan"},
                enrollment_code="", settings={"language": "fr", "colour": "red", "update_channel": "beta",
                                              "numbering_template": "{tahun}"})
    problems = problems_of(body)
    text = "\n".join(p[0] for p in problems)
    for words in ("http:// atau https://", "Kode kantor tidak valid", "Nama kantor wajib", "Jenis kantor",
                  "Kode pendaftaran", "Bahasa harus id atau en", "tidak dikenal: colour", "Kanal pembaruan",
                  "Format penomoran"):
        assert words in text, words
    assert all(p[1] and p[1] != p[0] for p in problems)  # each has its English twin


def test_a_tampered_update_key_is_refused():
    problems = problems_of(good(update_root={"signed": {"_type": "root"}, "signatures": []}))
    assert any("Kunci pembaruan" in p[0] for p in problems)


def test_a_missing_file_is_a_clear_message(tmp_path):
    with pytest.raises(ProvisioningError) as info:
        provisioning.load(tmp_path / "layan-provision-DST-AG.json")
    assert "tidak ditemukan" in info.value.message


def test_apply_without_enrollment_sets_up_office_and_settings(tmp_path):
    from desktop.domain import open_store

    plan = provisioning.parse(json.dumps(good()))
    store = open_store(tmp_path / "data")
    try:
        result = provisioning.apply(plan, store, enroll=False, admin_username="admin", admin_password="rahasia1")
        assert result.ok and result.initialized and not result.enrolled and result.language == "en"
        assert store.office()["code"] == "DST-AG"
        assert store.meta("numbering_template") == "{nomor}/{kode_unit}/{tahun}"
        assert store.meta("update_channel") == "pilot"
        assert store.meta("ui_language") == "en"
        again = provisioning.apply(plan, store, enroll=False)  # harmless a second time
        assert again.ok and not again.initialized
    finally:
        store.close()


def test_a_file_for_another_office_is_refused_and_changes_nothing(store):
    before = store.meta("numbering_template")
    plan = provisioning.parse(json.dumps(good()))
    with pytest.raises(ProvisioningError) as info:
        provisioning.apply(plan, store, enroll=False)
    assert "untuk kantor DST-AG, sedangkan PC ini milik DST-MB" in info.value.message
    assert store.meta("numbering_template") == before and store.meta("update_channel") is None
