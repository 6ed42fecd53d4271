"""An imported agenda book keeps its numbers, and a number it brings that another PC of the office
also issued while both were offline is never a silent duplicate: both PCs show the clash, the
clerk gives one letter a new number, and the office ends with every number once. The numbers an
import brings are claimed at the importing PC's next sync (blocks are granted above them).
Two real desktop stores, the real server process, the real importer and CLI (docs/NUMBERING.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from desktop.domain import importing, letters, number_clashes, numbering, syncing
from desktop.store.db import StoreError
from tests.integration.test_desktop_sync import new_office, pc, sync_ok

YEAR = 2026
KELUAR = {"tanggal_surat": f"{YEAR}-12-01", "tujuan": "Bupati Mimika", "perihal": "Laporan", "sifat": "biasa",
          "klasifikasi": "400.12"}


@pytest.fixture(autouse=True)
def token_file(monkeypatch):
    monkeypatch.setenv("LAYAN_TOKEN_STORE", "file")


def layan(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "LAYAN_TOKEN_STORE": "file", "LAYAN_LANG": "en"})


def keluar_numbers(store) -> list[int]:
    return sorted(r[0] for r in store.read().execute(
        "SELECT seq FROM letters WHERE direction = 'keluar' AND year = ? AND deleted = 0", (YEAR,)))


def blocks(store) -> list[tuple[int, int]]:
    return store.read().execute('SELECT start, "end" FROM number_blocks WHERE series = ? AND year = ? ORDER BY start',
                                (numbering.SERIES_KELUAR, YEAR)).fetchall()


def import_book(store, tmp_path, rows: list[str]):
    path = tmp_path / "buku-agenda-keluar.csv"
    path.write_text("\n".join(["No. Urut,Tanggal Surat,Kode Klasifikasi,Tujuan,Perihal", *rows]) + "\n",
                    encoding="utf-8")
    result = importing.import_file(store, "surat-keluar", path, partial=False, actor="tu")
    assert result.errors == [] and result.imported == len(rows)


def test_an_imported_number_another_pc_issued_offline_is_shown_and_resolved_once(server, tmp_path):
    office = new_office(server)
    a = pc(server, tmp_path, office, "a")
    a2 = pc(server, tmp_path, office, "a2", initialize=False)
    try:
        assert blocks(a)[0][0] == 1 and blocks(a2)[0][0] > blocks(a)[0][1]  # A holds the block with 5
        # Both offline: A2 imports the office's paper book (No. Urut 5); A issues 1..5 from its block.
        import_book(a2, tmp_path, [f"5,01/12/{YEAR},400.12,Dinas Sosial,Dari buku agenda"])
        issued = [letters.register_outgoing(a, KELUAR, actor="op").record_id for _ in range(5)]
        assert keluar_numbers(a) == [1, 2, 3, 4, 5] and keluar_numbers(a2) == [5]

        for store in (a2, a, a2):
            syncing.run_sync(store)
        assert keluar_numbers(a) == keluar_numbers(a2) == [1, 2, 3, 4, 5, 5]  # both kept: they exist on paper
        for store in (a, a2):  # every PC of the office sees the same clash
            assert number_clashes.clash_count(store) == 1
            assert {r["perihal"] for r in number_clashes.clashes(store)} == {"Laporan", "Dari buku agenda"}
        a.close()
        cli = layan("--data-dir", tmp_path / "a", "sync", "--json")
        assert cli.returncode == 1 and json.loads(cli.stdout)["number_clashes"] == 1
        assert "1 letter numbers are used by two letters" in cli.stderr
        from desktop.domain import open_store

        a = open_store(tmp_path / "a")

        # The clerk at A gives A's letter 5 a new number; the imported one keeps its number on paper.
        change = number_clashes.renumber(a, issued[4], actor="tu")
        renumbered = a.get(letters.LETTERS, change.record_id)
        assert renumbered["seq"] == 6 and renumbered["nomor_surat"].split("/")[1] == "0006"
        assert "Nomor ganda: semula 400.12/0005/" in renumbered["keterangan"]
        assert number_clashes.clash_count(a) == 0
        # The other PC resolving the same clash meanwhile is refused once it knows; nothing is burnt.
        sync_ok(a)
        sync_ok(a2)
        assert number_clashes.clash_count(a2) == 0
        with pytest.raises(StoreError, match="tidak ganda lagi"):
            number_clashes.renumber(a2, issued[4], actor="tu")
        assert keluar_numbers(a) == keluar_numbers(a2) == [1, 2, 3, 4, 5, 6]
        assert {r["perihal"] for r in a.find(letters.LETTERS, "seq = 5")} == {"Dari buku agenda"}
    finally:
        a.close()
        a2.close()


def test_the_importing_pc_claims_its_numbers_at_its_next_sync(server, tmp_path):
    """Imported numbers above every block granted so far are claimed: the next blocks start above them."""
    office = new_office(server)
    a = pc(server, tmp_path, office, "a")
    a2 = pc(server, tmp_path, office, "a2", initialize=False)
    try:
        top = blocks(a2)[-1][1]
        imported = top + 30  # a number no block holds yet
        import_book(a2, tmp_path, [f"{imported},01/12/{YEAR},400.12,Dinas Sosial,Buku lama"])
        wanted = [w for w in syncing.blocks_wanted(a2) if w["series"] == numbering.SERIES_KELUAR and w["year"] == YEAR]
        assert wanted and wanted[0]["floor"] == imported + 1  # asked for although the block is far from empty
        sync_ok(a2)
        assert blocks(a2)[-1][0] == imported + 1
        # Any later block of the office starts above the claimed number: A uses its block up and tops up.
        for _ in range(blocks(a)[0][1] - blocks(a)[0][0] + 1):
            letters.register_outgoing(a, KELUAR, actor="op")
        sync_ok(a)
        assert min(start for start, _ in blocks(a)[1:]) > imported
        assert not any(w["series"] == numbering.SERIES_KELUAR and w["year"] == YEAR for w in syncing.blocks_wanted(a2))
    finally:
        a.close()
        a2.close()
