"""Disposisi as on paper: several recipients and ticked instructions are kept as lists (and joined
for older PCs), old single-text records stay valid, and the office's pick-lists live in meta with
the usual lists as default, publishable centrally."""

from __future__ import annotations

import json

import pytest

from desktop.domain import central_config, disposition_lists, letters
from desktop.store.records import ValidationError
from sync import config
from sync.schema import collection


@pytest.fixture
def letter_id(store):
    return letters.register_incoming(store, {"tanggal_terima": "2026-11-02", "asal": "Dinas Sosial",
                                             "perihal": "Undangan", "sifat": "biasa"}, actor="admin").record_id


def test_several_recipients_and_instructions_are_kept_as_lists_and_joined(store, letter_id):
    letters.add_disposition(store, letter_id, {"kepada_list": ["Sekretaris Distrik", "Kasi Pemerintahan"],
                                               "instruksi_list": ["Untuk diketahui", "Koordinasikan"],
                                               "instruksi": "dengan Polsek", "batas_waktu": "2026-11-09"},
                            actor="admin")
    saved = letters.dispositions(store, letter_id)[0]
    assert saved["kepada"] == "Sekretaris Distrik; Kasi Pemerintahan"
    assert saved["instruksi"] == "Untuk diketahui; Koordinasikan; dengan Polsek"
    assert saved["kepada_list"] == ["Sekretaris Distrik", "Kasi Pemerintahan"]
    assert saved["instruksi_list"] == ["Untuk diketahui", "Koordinasikan"]


def test_an_old_single_text_disposition_is_still_valid(store, letter_id):
    letters.add_disposition(store, letter_id, {"kepada": "Sekretaris Distrik", "instruksi": "Hadiri"}, actor="admin")
    saved = letters.dispositions(store, letter_id)[0]
    assert (saved["kepada"], saved["instruksi"], saved.get("kepada_list")) == ("Sekretaris Distrik", "Hadiri", None)
    assert collection(letters.DISPOSITIONS).validate({"letter_id": letter_id, "kepada": "A", "instruksi": "B"}) == []


def test_a_missing_recipient_is_named_as_the_field_is_labelled(store, letter_id):
    with pytest.raises(ValidationError) as caught:
        letters.add_disposition(store, letter_id, {"instruksi_list": ["Arsipkan"]}, actor="admin")
    assert [e.message for e in caught.value.errors if e.field == "kepada"] == ["Kepada wajib diisi."]
    assert store.find(letters.DISPOSITIONS) == []


def test_pick_lists_default_save_and_reset(store):
    assert "Sekretaris Distrik" in disposition_lists.kepada_choices(store)
    assert {"Untuk diketahui", "Hadiri/wakili", "Siapkan jawaban", "Koordinasikan", "Arsipkan"} <= set(
        disposition_lists.instruksi_choices(store))
    disposition_lists.save_choices(store, ["  Sekretaris  Distrik ", "", "Kasi Trantib", "Kasi Trantib"],
                                   ["Segera laporkan"])
    assert disposition_lists.kepada_choices(store) == ["Sekretaris Distrik", "Kasi Trantib"]
    assert disposition_lists.instruksi_choices(store) == ["Segera laporkan"]
    disposition_lists.save_choices(store, [], [])
    assert disposition_lists.kepada_choices(store) == list(disposition_lists.DEFAULT_KEPADA)


def test_a_too_long_line_is_refused_and_nothing_changes(store):
    with pytest.raises(ValidationError) as caught:
        disposition_lists.save_choices(store, ["x" * 121], ["Arsipkan"])
    assert caught.value.errors[0].field == disposition_lists.META_KEPADA
    assert store.meta(disposition_lists.META_KEPADA) is None and store.meta(disposition_lists.META_INSTRUKSI) is None


def test_a_damaged_meta_value_gives_the_usual_list(store):
    store.set_meta(disposition_lists.META_KEPADA, "{not json")
    assert disposition_lists.kepada_choices(store) == list(disposition_lists.DEFAULT_KEPADA)


def test_the_lists_can_be_published_centrally(store):
    assert config.value_errors("disposisi_kepada", ["Sekretaris Distrik"]) == []
    assert config.value_errors("disposisi_kepada", [""]) != []
    with store.transaction() as tx:
        central_config.apply_change(tx, store, {"id": "c1", "rev": 1, "fields": {
            "key": "disposisi_kepada", "scope": "all", "version": 1, "published_ms": 1,
            "value": ["Sekretaris Distrik", "Kapolsek"]}})
    assert disposition_lists.kepada_choices(store) == ["Sekretaris Distrik", "Kapolsek"]
    assert json.loads(store.meta("disposisi_kepada")) == ["Sekretaris Distrik", "Kapolsek"]
