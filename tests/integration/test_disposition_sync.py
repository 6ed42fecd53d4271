"""A disposisi with several recipients and ticked instructions (the lists added to the schema) syncs
through the real server to the office's other PC unchanged, and an old single-text one still does."""

from __future__ import annotations

import pytest

from desktop.domain import letters

from .test_desktop_sync import MASUK, new_office, pc, sync_ok


@pytest.fixture(autouse=True)
def token_file(monkeypatch):
    monkeypatch.setenv("LAYAN_TOKEN_STORE", "file")  # CI has no OS keyring: the documented fallback


def test_a_disposition_with_lists_reaches_the_other_pc(server, tmp_path):
    office = new_office(server)
    pc1 = pc(server, tmp_path, office, "pc1")
    pc2 = pc(server, tmp_path, office, "pc2", initialize=False)
    try:
        letter = letters.register_incoming(pc1, MASUK, actor="op").record_id
        letters.add_disposition(pc1, letter, {"kepada_list": ["Sekretaris Distrik", "Kasi Trantib"],
                                              "instruksi_list": ["Hadiri/wakili", "Siapkan jawaban"],
                                              "batas_waktu": "2026-12-01", "catatan": "Bawa data\npenduduk"},
                                actor="kepala")
        letters.add_disposition(pc1, letter, {"kepada": "Sekdis", "instruksi": "Arsipkan"}, actor="kepala")
        sync_ok(pc1)
        sync_ok(pc2)
        got = letters.dispositions(pc2, letter)
        assert [(d["kepada"], d["instruksi"]) for d in got] == [
            ("Sekretaris Distrik; Kasi Trantib", "Hadiri/wakili; Siapkan jawaban"), ("Sekdis", "Arsipkan")]
        assert got[0]["kepada_list"] == ["Sekretaris Distrik", "Kasi Trantib"]
        assert got[0]["instruksi_list"] == ["Hadiri/wakili", "Siapkan jawaban"]
        assert got[0]["catatan"] == "Bawa data\npenduduk"
        assert got[1].get("kepada_list") is None
    finally:
        pc1.close()
        pc2.close()
