"""Units per puskesmas (defaults + override) and ages (LB1 groups, stated ages that grow)."""
# ruff: noqa: F811 - pytest fixtures imported from tests.unit.test_health_support

from __future__ import annotations

import pytest

from desktop.domain.health import access, ages, patients, units, visits
from desktop.store.db import StoreError
from desktop.store.records import ValidationError
from tests.unit.test_health_support import nakes, pkm, pkm_dir, pkm_template, users  # noqa: F401


def test_default_units_cover_the_ilp_klaster(pkm):
    by_klaster = {}
    for u in units.units(pkm):
        by_klaster.setdefault(u.klaster, []).append(u.code)
    assert set(by_klaster) == {"2", "3", "4", "lintas"}
    assert {"kia", "imunisasi", "gizi"} <= set(by_klaster["2"])
    assert {"malaria", "tb"} <= set(by_klaster["4"])
    assert {"ugd", "farmasi", "laboratorium"} <= set(by_klaster["lintas"])
    assert "persalinan" not in {u.code for u in units.units(pkm)}  # off by default
    assert units.get_unit(pkm, "persalinan").active is False


def test_a_puskesmas_overrides_its_units(pkm, users):
    own = [u.as_json() for u in units.default_units()]
    own.append({"code": "pustu_amar", "klaster": "3", "name": {"id": "Pustu Amar", "en": "Amar sub-centre"}})
    for u in own:
        if u["code"] == "gigi":
            u["active"] = False
    with pytest.raises(access.AccessDenied):
        units.set_units(pkm, users["bidan"], own)
    units.set_units(pkm, users["kapus"], own)
    codes = [u.code for u in units.units(pkm)]
    assert "pustu_amar" in codes and "gigi" not in codes
    p = patients.register_patient(pkm, users["bidan"], {"nama": "A", "jenis_kelamin": "L", "umur_tahun": 30})
    visits.register_visit(pkm, users["bidan"], {"patient_id": p.record_id, "unit": "pustu_amar"})
    with pytest.raises(ValidationError):
        visits.register_visit(pkm, users["bidan"], {"patient_id": p.record_id, "unit": "gigi"})
    for bad in ([{"code": "Bad Code", "klaster": "2"}], [{"code": "x", "klaster": "9"}],
                [{"code": "x", "klaster": "2"}, {"code": "x", "klaster": "3"}],
                [{"code": "x", "klaster": "2", "active": False}]):
        with pytest.raises(StoreError):
            units.set_units(pkm, users["admin"], bad)
    units.reset_units(pkm, users["admin"])
    assert "pustu_amar" not in [u.code for u in units.units(pkm)]


@pytest.mark.parametrize("born, day, group", [
    ("2026-10-01", "2026-10-01", "0-7h"), ("2026-10-01", "2026-10-08", "0-7h"), ("2026-10-01", "2026-10-09", "8-28h"),
    ("2026-10-01", "2026-10-29", "8-28h"), ("2026-10-01", "2026-10-30", "1-11b"), ("2025-10-02", "2026-10-01", "1-11b"),
    ("2025-10-01", "2026-10-01", "1-4t"), ("2021-10-02", "2026-10-01", "1-4t"), ("2021-10-01", "2026-10-01", "5-9t"),
    ("1956-10-01", "2026-10-01", "70+t"), ("1956-10-02", "2026-10-01", "60-69t"), ("2024-02-29", "2025-02-28", "1-11b"),
])
def test_lb1_age_groups_at_the_bounds(born, day, group):
    assert ages.lb1_group({"tanggal_lahir": born}, day) == group


def test_a_stated_age_grows_with_the_calendar():
    p = {"umur_tahun": 44, "umur_tanggal": "2025-06-01"}
    assert ages.age_on(p, "2026-05-31").years == 44 and ages.lb1_group(p, "2026-05-31") == "20-44t"
    assert ages.age_on(p, "2026-06-01").years == 45 and ages.lb1_group(p, "2026-06-01") == "45-54t"
    assert ages.lb1_group({"umur_tahun": 0}, "2026-01-01") is None  # a baby needs a birth date
    assert ages.age_on({}, "2026-01-01") is None
    assert ages.age_on({"tanggal_lahir": "2026-09-01"}, "2026-10-01").text() == "1 bulan"
