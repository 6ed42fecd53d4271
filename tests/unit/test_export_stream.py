"""Exports stream: a register of thousands of letters is written without holding its records (or an XLSX
cell per value) in memory; progress is reported and may cancel; a cancelled export leaves no file.

Memory is measured with tracemalloc (Python objects only, no timing): the old exports built a list of
every record and, for XLSX, a cell object per value, so their peak grew with the register.
"""

from __future__ import annotations

import io
import json
import tempfile
import tracemalloc

import openpyxl
import pytest
import uuid6

from desktop.cli_progress import ProgressLine, export_progress
from desktop.domain import export_stream, exporting, office, open_store

N = 6000


@pytest.fixture(scope="module")
def big_store(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("big") / "data")
    office.initialize(store, code="DST-MB", name="Distrik Mimika Baru", kind="distrik")
    rows = [(str(uuid6.uuid7()), "DST-MB", "masuk", 2026, i + 1, f"{i}/Setda/2026", "2026-11-27", "2026-11-20",
             "Sekretariat Daerah Kabupaten Mimika", f"Undangan rapat koordinasi nomor {i} " + "x" * 80, "biasa",
             "400.10", 1, "2026-11-27T00:00:00.000Z", "t") for i in range(N)]
    with store.transaction() as tx:  # plain SQL, as the benchmark's dataset: the FTS triggers still run
        tx.conn.executemany(
            "INSERT INTO letters(id, office_id, direction, year, seq, nomor_surat, tanggal_terima, tanggal_surat, "
            "asal, perihal, sifat, klasifikasi, lampiran, created_at, created_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    yield store
    store.close()


def peak_kib(fn) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] // 1024
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_memory_does_not_grow_with_the_register(big_store, tmp_path, fmt):
    target = tmp_path / f"masuk.{fmt}"
    peak = peak_kib(lambda: exporting.export(big_store, "surat-masuk", fmt, target))
    # Holding 6,000 decoded letters alone takes over 10 MB; a row at a time (plus XLSX's width sample of
    # 1,000 rows) stays far below.
    assert peak < 4 * 1024, f"{fmt}: {peak} KiB"
    if fmt == "xlsx":
        book = openpyxl.load_workbook(target, read_only=True)
        try:
            assert sum(1 for _ in book.active.iter_rows()) == N + 1
        finally:
            book.close()
    elif fmt == "json":
        assert len(json.loads(target.read_text(encoding="utf-8"))) == N
    else:
        assert target.read_bytes().count(b"\r\n") == N + 1


def test_progress_runs_to_the_total(big_store, tmp_path):
    calls = []
    count = exporting.export(big_store, "surat-masuk", "csv", tmp_path / "m.csv",
                             progress=lambda done, total: calls.append((done, total)))
    assert count == N
    assert calls[-1] == (N, N)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls) and len(calls) >= N // export_stream.PROGRESS_EVERY
    assert all(total == N for _, total in calls)


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_a_cancelled_export_keeps_the_old_file_and_leaves_nothing_behind(big_store, tmp_path, fmt, monkeypatch):
    temp = tmp_path / "temp"  # where openpyxl streams the sheet
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    target = tmp_path / f"masuk.{fmt}"
    target.write_text("the previous export")
    seen = []

    def cancel_after_first(done, total):
        seen.append(done)
        if len(seen) > 1:
            raise export_stream.ExportCancelled()

    with pytest.raises(export_stream.ExportCancelled) as caught:
        exporting.export(big_store, "surat-masuk", fmt, target, progress=cancel_after_first)
    assert caught.value.message == "Ekspor dibatalkan; tidak ada berkas yang ditulis."
    assert seen[-1] < N
    assert target.read_text() == "the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name, "temp"]
    assert list(temp.iterdir()) == []


@pytest.mark.parametrize("records", [[], [{"a": 1}], [{"a": "é", "b": [1, {"c": None}]}, {"d": "x\ny"}]])
def test_streamed_json_is_the_same_text_as_json_dump(records):
    out = io.StringIO()
    export_stream._write_json(out, iter(records))
    expected = io.StringIO()
    json.dump(records, expected, ensure_ascii=False, indent=2)
    assert out.getvalue() == expected.getvalue() + "\n"


def test_an_xlsx_of_an_empty_register_is_a_header_and_a_filter(tmp_path):
    target = tmp_path / "empty.xlsx"
    count = export_stream.write_table("xlsx", target, iter(()), headers=["A", "B"], row_of=list, json_of=dict,
                                      sheet="Kosong")
    assert count == 0
    ws = openpyxl.load_workbook(target).active
    assert ws.title == "Kosong" and [c.value for c in ws[1]] == ["A", "B"] and ws["A1"].font.bold
    assert ws.auto_filter.ref == "A1:B1"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_cli_progress_line_only_on_a_terminal():
    assert export_progress("id", io.StringIO()) is None  # a pipe or a file: stderr stays quiet
    assert export_progress("id", Terminal(), to_file=False) is None  # rows printed on the terminal itself
    term = Terminal()
    line = export_progress("id", term)
    line(500, 666_666)
    line(501, 666_666)  # within 100 ms: skipped
    line(666_666, 666_666)
    assert term.getvalue() == "\rMengekspor… 500 dari 666.666 (0 %)\rMengekspor… 666.666 dari 666.666 (100 %)\n"
    en = Terminal()
    ProgressLine("Mengekspor…", "Exporting…", "en", en)(1234, 1234)
    assert en.getvalue() == "\rExporting… 1,234 of 1,234 (100 %)\n"
