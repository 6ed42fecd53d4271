"""The corrected clock and the numbering year: a PC clock years ahead or behind, as the sync learns
it (the real StoreReplica.observe_server_time) or before any contact (newest record, release date).
The PC's clock is replaced through wall_clock.set_pc_now; the system clock is never touched."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.domain import letters, numbering, wall_clock
from desktop.domain.syncing import replica_for

REAL = dt.datetime(2026, 12, 7, 3, 0, tzinfo=dt.UTC)  # 12.00 WIT
TEN_YEARS = dt.timedelta(days=3652)
KELUAR = {"tujuan": "Bupati Mimika", "perihal": "Laporan", "sifat": "biasa", "klasifikasi": "400.12"}


@pytest.fixture
def pc_clock():
    """Sets what the PC's clock says (an aware datetime), for the test's duration."""
    def set_to(moment: dt.datetime) -> None:
        wall_clock.set_pc_now(lambda: moment)
    yield set_to
    wall_clock.set_pc_now(None)
    wall_clock.adopt(None)


def ms(moment: dt.datetime) -> int:
    return int(moment.timestamp() * 1000)


def learn_from_server(store, pc: dt.datetime, server: dt.datetime) -> None:
    """What a sync does with the reply's server_time (request sent and reply received at ``pc``)."""
    replica_for(store).observe_server_time(ms(server), ms(pc) - 300, ms(pc) + 300)


def test_a_right_clock_is_left_alone(store, pc_clock):
    pc_clock(REAL)
    reading = wall_clock.read(store)
    assert not reading.is_wrong and reading.now == REAL and reading.basis in (wall_clock.PC, wall_clock.SERVER)


@pytest.mark.parametrize("pc", [REAL + TEN_YEARS, REAL - TEN_YEARS, REAL + dt.timedelta(minutes=7)])
def test_the_offset_the_sync_learned_corrects_the_clock(store, pc_clock, pc):
    pc_clock(pc)
    learn_from_server(store, pc, REAL)
    reading = wall_clock.read(store)
    assert reading.basis == wall_clock.SERVER and reading.is_wrong
    assert abs(reading.now - REAL) < dt.timedelta(seconds=1)
    assert reading.pc == pc
    assert reading.today() == wall_clock.local(REAL).date()


def test_a_few_minutes_off_is_not_wrong(store, pc_clock):
    pc = REAL + dt.timedelta(minutes=4)
    pc_clock(pc)
    learn_from_server(store, pc, REAL)
    assert not wall_clock.read(store).is_wrong


def test_before_any_contact_a_clock_behind_the_newest_record_is_wrong(store, pc_clock):
    # Records were saved with the PC's clock right (the system's, today); then the CMOS battery died.
    letters.register_incoming(store, {"tanggal_terima": dt.date.today().isoformat(), "asal": "Dinas Sosial",
                                      "perihal": "Undangan", "sifat": "biasa"}, actor="admin")
    newest = wall_clock.newest_stamp(store)
    assert newest is not None
    behind = newest - TEN_YEARS
    pc_clock(behind)
    reading = wall_clock.read(store)
    assert reading.basis == wall_clock.RECORDS and reading.is_wrong
    assert reading.now == newest and reading.today() >= wall_clock.local(newest).date()


def test_before_any_contact_a_clock_behind_the_release_date_is_wrong(tmp_path, pc_clock):
    from desktop.domain import open_store

    fresh = open_store(tmp_path / "fresh")  # nothing in it yet: no record to go by
    try:
        pc_clock(dt.datetime(2016, 12, 9, 1, 0, tzinfo=dt.UTC))
        reading = wall_clock.read(fresh)
        assert reading.is_wrong and reading.basis in (wall_clock.RELEASE, wall_clock.RECORDS)
        assert reading.today() >= wall_clock.RELEASE_DATE
    finally:
        fresh.close()


def test_a_clock_set_right_after_the_offset_was_learned(store, pc_clock):
    """Ten years ahead at the last sync, then the clerk fixed the clock: the old offset no longer holds."""
    learn_from_server(store, REAL + TEN_YEARS, REAL)
    later = REAL + dt.timedelta(hours=2)
    pc_clock(later)
    reading = wall_clock.read(store)
    assert not reading.is_wrong and reading.now == later


def test_adopted_correction_gives_today(pc_clock):
    pc_clock(REAL + TEN_YEARS)
    assert wall_clock.today() == wall_clock.local(REAL + TEN_YEARS).date()
    wall_clock.adopt(wall_clock.Reading(pc=REAL + TEN_YEARS, now=REAL, basis=wall_clock.SERVER))
    assert wall_clock.today() == wall_clock.local(REAL).date()
    wall_clock.adopt(None)
    assert wall_clock.today() == wall_clock.local(REAL + TEN_YEARS).date()


# -- the numbering year ----------------------------------------------------------------------------

def test_no_number_in_another_year_without_the_clerks_confirmation(store, pc_clock):
    pc = REAL + TEN_YEARS
    pc_clock(pc)
    learn_from_server(store, pc, REAL)
    # Dated by the PC's clock (2036): refused, nothing numbered.
    with pytest.raises(numbering.OtherYear) as info:
        letters.register_outgoing(store, {**KELUAR, "tanggal_surat": wall_clock.local(pc).date().isoformat()},
                                  actor="admin")
    assert (info.value.year, info.value.current) == (2036, 2026)
    assert "2036" in info.value.message and "2026" in info.value.message and "2036" in info.value.message_en
    assert store.find(letters.LETTERS, "direction = 'keluar'") == []
    # Dated by the corrected today: numbered in 2026.
    today = wall_clock.read(store).today().isoformat()
    dated = letters.register_outgoing(store, {**KELUAR, "tanggal_surat": today}, actor="admin")
    assert store.get(letters.LETTERS, dated.record_id)["nomor_surat"] == "400.12/0001/DST-MB/2026"
    # The clerk confirmed another year: numbered there.
    confirmed = letters.register_outgoing(store, {**KELUAR, "tanggal_surat": "2025-12-30"}, actor="admin",
                                          confirm_year=True)
    assert store.get(letters.LETTERS, confirmed.record_id)["nomor_surat"] == "400.12/0001/DST-MB/2025"


def test_last_years_letter_needs_the_confirmation_too(store, pc_clock):
    pc_clock(REAL)
    with pytest.raises(numbering.OtherYear):
        letters.register_outgoing(store, {**KELUAR, "tanggal_surat": "2025-12-30"}, actor="admin")
    with store.transaction() as tx:  # an agenda book imported as it stands on paper is not asked about
        letters.register(tx, "keluar", {**KELUAR, "tanggal_surat": "2025-12-30"}, actor="admin", source="import")
    # An incoming letter's agenda number follows the day it was received, as typed.
    masuk = letters.register_incoming(store, {"tanggal_terima": "2025-12-30", "asal": "Dinas Sosial",
                                              "perihal": "Undangan", "sifat": "biasa"}, actor="admin")
    assert store.get(letters.LETTERS, masuk.record_id)["year"] == 2025


def test_check_year_reads_the_corrected_clock_inside_the_transaction(store, pc_clock):
    pc = REAL - TEN_YEARS
    pc_clock(pc)
    learn_from_server(store, pc, REAL)
    with store.transaction() as tx:
        assert numbering.current_year(tx) == 2026
        numbering.check_year(tx, 2026, confirmed=False)
        with pytest.raises(numbering.OtherYear):
            numbering.check_year(tx, 2016, confirmed=False)
        numbering.check_year(tx, 2016, confirmed=True)


def test_a_reading_moves_on_with_the_pc_clock():
    reading = wall_clock.Reading(pc=REAL + TEN_YEARS, now=REAL, basis=wall_clock.SERVER)
    later = reading.at(REAL + TEN_YEARS + dt.timedelta(hours=1))
    assert later.now == REAL + dt.timedelta(hours=1) and later.offset == reading.offset and later.is_wrong
