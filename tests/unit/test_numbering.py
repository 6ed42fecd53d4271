"""Letter numbers: per office and year, template-formatted, unique across devices working offline."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from desktop.domain import letters, numbering, open_store, wall_clock
from desktop.domain.numbering import NumberingError
from desktop.store.db import connect as connect_db
from desktop.store.records import ValidationError

KELUAR = {"tanggal_surat": "2026-11-27", "tujuan": "Bupati Mimika", "perihal": "Laporan", "sifat": "biasa",
          "klasifikasi": "400.12"}
MASUK = {"tanggal_terima": "2026-11-27", "asal": "Dinas Sosial", "perihal": "Undangan", "sifat": "biasa"}


@pytest.fixture(autouse=True)
def in_december_2026():
    """The letters here are dated 2026: the current year is 2026 (a surat keluar of another year
    needs the clerk's confirmation, test_wall_clock.py), whenever the tests run."""
    wall_clock.set_pc_now(lambda: dt.datetime(2026, 12, 7, 3, 0, tzinfo=dt.UTC))
    yield
    wall_clock.set_pc_now(None)


def test_outgoing_number_follows_the_default_template(store):
    first = letters.register_outgoing(store, KELUAR, actor="admin")
    second = letters.register_outgoing(store, {**KELUAR, "klasifikasi": "000.1"}, actor="admin")
    assert store.get("letters", first.record_id)["nomor_surat"] == "400.12/0001/DST-MB/2026"
    assert store.get("letters", second.record_id)["nomor_surat"] == "000.1/0002/DST-MB/2026"


def test_numbers_restart_each_year_and_series_are_separate(store):
    a = letters.register_outgoing(store, KELUAR, actor="admin")
    b = letters.register_outgoing(store, {**KELUAR, "tanggal_surat": "2027-01-02"}, actor="admin", confirm_year=True)
    c = letters.register_incoming(store, MASUK, actor="admin")
    assert [store.get("letters", x.record_id)["seq"] for x in (a, b, c)] == [1, 1, 1]
    assert store.get("letters", b.record_id)["nomor_surat"] == "400.12/0001/DST-MB/2027"


def test_custom_template_with_roman_month(store):
    store.set_meta("numbering_template", "{nomor}/{kode_unit}/{bulan_romawi}/{tahun}")
    store.set_meta("numbering_kode_unit", "DIST-MB")
    change = letters.register_outgoing(store, {**KELUAR, "klasifikasi": None}, actor="admin")
    assert store.get("letters", change.record_id)["nomor_surat"] == "0001/DIST-MB/XI/2026"


def test_template_must_contain_nomor():
    with pytest.raises(NumberingError):
        numbering.check_template("{klasifikasi}/{tahun}")
    numbering.check_template(numbering.DEFAULT_TEMPLATE)


def test_outgoing_without_klasifikasi_is_refused_before_a_number_is_taken(store):
    with pytest.raises(ValidationError) as info:
        letters.register_outgoing(store, {**KELUAR, "klasifikasi": ""}, actor="admin")
    assert info.value.errors[0].field == "klasifikasi"
    ok = letters.register_outgoing(store, KELUAR, actor="admin")
    assert store.get("letters", ok.record_id)["seq"] == 1


def test_numbers_continue_after_an_imported_agenda_book(store):
    with store.transaction() as tx:
        letters.register(tx, "masuk", {**MASUK, "seq": 2}, actor="import")
    a = letters.register_incoming(store, MASUK, actor="admin")
    b = letters.register_incoming(store, MASUK, actor="admin")
    assert [store.get("letters", x.record_id)["seq"] for x in (a, b)] == [3, 4]
    with pytest.raises(ValidationError, match="sudah dipakai"):
        with store.transaction() as tx:
            letters.register(tx, "masuk", {**MASUK, "seq": 3}, actor="import")


def _second_device(data_dir, tmp_path):
    """A copy of the office's data folder with its own device id: another PC of the same office."""
    other = tmp_path / "pc2"
    shutil.copytree(data_dir, other)
    conn = connect_db(other / "layan.sqlite3")
    with conn:
        conn.execute("DELETE FROM meta WHERE key IN ('device_id', 'hlc_last')")
    conn.close()
    return other


def test_two_devices_of_one_office_offline_never_repeat_a_number(data_dir, tmp_path):
    """Each enrolled PC draws from the blocks it was granted (by the server), never beyond them."""
    other = _second_device(data_dir, tmp_path)
    pc1, pc2 = open_store(data_dir), open_store(other)
    try:
        for store, (start, end) in ((pc1, (1, 20)), (pc2, (21, 40))):
            with store.transaction() as tx:
                tx.set_meta(numbering.AUTHORITY_META, "0")  # enrolled: blocks come from the server
                numbering.grant_block(tx, numbering.SERIES_KELUAR, 2026, start, end)
        assert pc1.device_id() != pc2.device_id()
        numbers = []
        for i in range(20):
            for store in (pc1, pc2):
                change = letters.register_outgoing(store, {**KELUAR, "perihal": f"Surat {i}"}, actor="admin")
                numbers.append(store.get("letters", change.record_id)["nomor_surat"])
        assert len(numbers) == len(set(numbers)) == 40
        with pytest.raises(NumberingError, match="habis"):
            letters.register_outgoing(pc1, KELUAR, actor="admin")
        with pc1.transaction() as tx:
            numbering.grant_block(tx, numbering.SERIES_KELUAR, 2026, 41, 60)
        change = letters.register_outgoing(pc1, KELUAR, actor="admin")
        assert pc1.get("letters", change.record_id)["seq"] == 41
        assert numbering.remaining(pc1.read(), numbering.SERIES_KELUAR, 2026) == 19
    finally:
        pc1.close()
        pc2.close()
