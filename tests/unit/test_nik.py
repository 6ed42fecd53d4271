"""NIK and No. KK validation against the real reference files in resources/reference/."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from desktop.domain.nik import (
    CLOCK_FLOOR,
    InvalidNik,
    InvalidNoKk,
    NikInfo,
    effective_today,
    is_valid_nik,
    validate_nik,
    validate_no_kk,
)

# Hypothesis writes a cache to ./.hypothesis even without an example database. pyproject's
# norecursedirs replaces pytest's defaults (which skip dot-directories), and warnings are errors,
# so that directory in the work tree breaks every later collection. Keep it outside the tree.
if not os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY"):
    set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "layan-hypothesis")

TODAY = dt.date(2026, 6, 30)


def make_nik(region: str, born: dt.date, *, female: bool = False, serial: int = 1) -> str:
    """Build a NIK: 6-digit region (province, regency, kecamatan), DDMMYY (+40 for women), serial."""
    assert len(region) == 6
    day = born.day + (40 if female else 0)
    return f"{region}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


def reason_of(value: str, **kw) -> str:
    with pytest.raises(InvalidNik) as info:
        validate_nik(value, **kw)
    return info.value.reason


# --- valid NIKs -----------------------------------------------------------------------------------


def test_valid_male_nik_from_mimika():
    nik = make_nik("940401", dt.date(1990, 1, 10), serial=23)
    info = validate_nik(nik, today=TODAY)
    assert info == NikInfo(
        nik=nik,
        province_code="94",
        regency_code="9404",
        birth_date=dt.date(1990, 1, 10),
        sex="L",
        serial="0023",
        region_names=info.region_names,
    )
    assert info.kecamatan_code == "940401"


def test_valid_female_nik_has_day_plus_40():
    nik = make_nik("940401", dt.date(1988, 7, 31), female=True)
    assert nik[6:12] == "710788"
    info = validate_nik(nik, today=TODAY)
    assert info.sex == "P"
    assert info.birth_date == dt.date(1988, 7, 31)


def test_female_first_of_month_is_day_41():
    info = validate_nik("9404014103850001", today=TODAY)
    assert (info.sex, info.birth_date) == ("P", dt.date(1985, 3, 1))


def test_separators_are_compacted():
    info = validate_nik(" 9404 01.1001-90 0001 ", today=TODAY)
    assert info.nik == "9404011001900001"


def test_is_valid_nik():
    assert is_valid_nik("9404011001900001", today=TODAY)
    assert not is_valid_nik("9404011001900000", today=TODAY)
    assert not is_valid_nik("abc")


# --- regions --------------------------------------------------------------------------------------


def test_9404_is_accepted_as_mimika():
    info = validate_nik(make_nik("940401", dt.date(2023, 5, 2)), today=TODAY)
    assert info.regency_code == "9404"
    # Current Kemendagri code first; older NIKs used 9404 for Nabire.
    assert info.region_names[0] == "Kab. Mimika"
    assert "Kab. Nabire" in info.region_names


def test_legacy_mimika_prefix_9412_is_accepted():
    info = validate_nik(make_nik("941203", dt.date(1975, 11, 9), female=True, serial=4321), today=TODAY)
    assert info.province_code == "94"
    assert info.regency_code == "9412"
    assert info.region_names == ("Kab. Mimika",)


@pytest.mark.parametrize("region", ["920201", "930101", "950101", "960101", "967101", "910301"])
def test_new_papua_province_prefixes_are_accepted(region):
    # stdnum's table predates the 2022 split and rejects 92, 93, 95 and 96.
    info = validate_nik(make_nik(region, dt.date(2001, 2, 3)), today=TODAY)
    assert info.province_code == region[:2]
    assert info.region_names  # our table knows these regencies


def test_province_outside_papua_is_accepted_without_region_names():
    info = validate_nik(make_nik("317101", dt.date(1970, 8, 17)), today=TODAY)
    assert info.province_code == "31"
    assert info.region_names == ()


@pytest.mark.parametrize("province", ["00", "99", "10", "20", "37", "90", "97"])
def test_unknown_province_is_rejected(province):
    nik = make_nik(f"{province}0401", dt.date(1990, 1, 1))
    assert reason_of(nik, today=TODAY) == "province"


def test_regency_00_is_rejected():
    assert reason_of(make_nik("940001", dt.date(1990, 1, 1)), today=TODAY) == "regency"


# --- format ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["9404011001900O01", "94040110019000a1", "9404011001900001x", "٩٤٠٤٠١١٠٠١٩٠٠٠٠١"]
)
def test_non_digits_are_rejected(value):
    assert reason_of(value, today=TODAY) == "format"


@pytest.mark.parametrize("value", ["940401100190001", "94040110019000011", "9404", "9" * 20])
def test_wrong_length_is_rejected(value):
    assert reason_of(value, today=TODAY) == "length"


@pytest.mark.parametrize("value", ["", "   ", None])
def test_empty_is_rejected(value):
    assert reason_of(value, today=TODAY) == "empty"


def test_not_text_is_rejected():
    assert reason_of(9404011001900001, today=TODAY) == "format"


def test_serial_0000_is_rejected():
    assert reason_of(make_nik("940401", dt.date(1990, 1, 1), serial=0), today=TODAY) == "serial"


# --- birth dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ddmmyy",
    [
        "310299",  # 31 Feb
        "710299",  # 31 Feb, female
        "300201",  # 30 Feb
        "290201",  # 29 Feb in a year that is never leap (1901, 2001)
        "310490",  # 31 Apr
        "000190",  # day 0
        "320190",  # day 32
        "400190",  # day 40 (neither a man's nor a woman's day)
        "720190",  # female day 72 = 32
        "810190",  # 81: stdnum takes the day modulo 40 and would accept this as the 1st
        "011390",  # month 13
        "010090",  # month 0
    ],
)
def test_impossible_birth_dates_are_rejected(ddmmyy):
    assert reason_of(f"940401{ddmmyy}0001", today=TODAY) == "date"


def test_29_february_2000_is_valid():
    assert validate_nik("9404012902000001", today=TODAY).birth_date == dt.date(2000, 2, 29)
    assert validate_nik("9404016902000001", today=TODAY).birth_date == dt.date(2000, 2, 29)


def test_century_is_the_latest_reading_not_in_the_future():
    assert validate_nik("9404011001250001", today=TODAY).birth_date == dt.date(2025, 1, 10)
    assert validate_nik("9404013006260001", today=TODAY).birth_date == dt.date(2026, 6, 30)
    assert validate_nik("9404010107260001", today=TODAY).birth_date == dt.date(1926, 7, 1)
    assert validate_nik("9404011001300001", today=TODAY).birth_date == dt.date(1930, 1, 10)


def test_future_birth_date_is_rejected():
    # Only possible when "today" is before both readings, e.g. a PC clock set back to 1990.
    assert reason_of("9404011001950001", today=dt.date(1990, 1, 1)) == "future"
    assert reason_of("9404012902000001", today=dt.date(1999, 12, 31)) == "future"


def test_a_clock_set_years_back_does_not_move_birth_dates():
    # A PC clock at 2010 would read a 2024 birth as 1924 and call 2015 births "the future".
    assert effective_today(dt.date(2010, 5, 1)) == CLOCK_FLOOR == dt.date(2025, 1, 1)
    assert effective_today(dt.date(2027, 3, 4)) == dt.date(2027, 3, 4)
    assert effective_today() >= CLOCK_FLOOR
    info = validate_nik("9404011006240001", today=effective_today(dt.date(2010, 5, 1)))
    assert info.birth_date == dt.date(2024, 6, 10)


# --- messages -------------------------------------------------------------------------------------


def test_error_has_indonesian_and_english_messages():
    with pytest.raises(InvalidNik) as info:
        validate_nik("12345")
    err = info.value
    assert isinstance(err, ValueError)
    assert err.message_id == "NIK harus 16 digit angka (tertulis 5 digit)."
    assert err.message_en == "NIK must be 16 digits (got 5)."
    assert str(err) == err.message_id == err.message
    assert err.reason == "length"


def test_every_rejection_has_both_messages():
    bad = [
        "",
        "x" * 16,
        "123",
        "0004011001900001",
        "9400011001900001",
        "9404013102990001",
        "9404011001900000",
    ]
    for value in bad:
        with pytest.raises(InvalidNik) as info:
            validate_nik(value, today=TODAY)
        assert info.value.message_id and info.value.message_en
        assert info.value.message_id != info.value.message_en
        assert "NIK" in info.value.message_id


# --- No. KK ---------------------------------------------------------------------------------------


def test_valid_no_kk_is_compacted():
    assert validate_no_kk("9404 0120 0423 0005") == "9404012004230005"
    assert validate_no_kk("9412011505100012") == "9412011505100012"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("940401200423000", "length"),
        ("94040120042300a5", "format"),
        ("9904012004230005", "province"),
        ("0004012004230005", "province"),
        ("9400012004230005", "regency"),
        ("", "empty"),
    ],
)
def test_invalid_no_kk(value, reason):
    with pytest.raises(InvalidNoKk) as info:
        validate_no_kk(value)
    assert info.value.reason == reason
    assert "No. KK" in info.value.message_id


def test_no_kk_error_is_also_an_invalid_nik_error():
    assert issubclass(InvalidNoKk, InvalidNik)


# --- property: every well-formed NIK round-trips --------------------------------------------------

REGIONS = [
    "9404",
    "9412",
    "9401",
    "9201",
    "9301",
    "9501",
    "9601",
    "9671",
    "9103",
    "9171",
    "3171",
    "6501",
    "7371",
]


@settings(deadline=None, max_examples=300)
@given(
    regency=st.sampled_from(REGIONS),
    kecamatan=st.integers(min_value=1, max_value=99),
    born=st.dates(min_value=dt.date(1926, 7, 1), max_value=TODAY),
    female=st.booleans(),
    serial=st.integers(min_value=1, max_value=9999),
)
def test_any_nik_from_valid_parts_validates_and_round_trips(regency, kecamatan, born, female, serial):
    nik = make_nik(f"{regency}{kecamatan:02d}", born, female=female, serial=serial)
    info = validate_nik(nik, today=TODAY)
    assert info.nik == nik
    assert info.birth_date == born
    assert info.sex == ("P" if female else "L")
    assert info.serial == f"{serial:04d}"
    assert info.regency_code == regency
    # Dashed and spaced forms mean the same NIK.
    spaced = f"{nik[:4]} {nik[4:6]}-{nik[6:12]}.{nik[12:]}"
    assert validate_nik(spaced, today=TODAY) == info
