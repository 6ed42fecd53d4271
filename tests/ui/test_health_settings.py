"""Pengaturan → Puskesmas: the kepala sets the SATUSEHAT id and edits the service units (switch off,
rename, add, back to the defaults); bad input is refused with the domain's reason and nothing is
saved; clerks and nakes do not get the box. Real puskesmas store, real widgets offscreen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.domain.health import fhir, units
from desktop.ui.health.settings_box import ACTIVE, CODE, KLASTER, NAME
from desktop.ui.settings_page import SettingsPage

from .test_health_support import (  # noqa: F401 - fixtures
    nakes,
    pkm,
    pkm_dir,
    pkm_manager,
    pkm_template,
    users,
)


@pytest.fixture
def settings_box(qtbot, pkm, pkm_manager):  # noqa: F811
    pages = []  # the settings pages stay alive while their box is tested

    def make(user):
        page = SettingsPage(pkm, pkm_manager, user)
        qtbot.addWidget(page)
        pages.append(page)
        return wait_for_box(qtbot, page.health_settings)

    return make


def wait_for_box(qtbot, box):
    if box is not None:
        qtbot.waitUntil(lambda: box.loaded is not None)
    return box


def row_of(box, code: str) -> int:
    return next(r for r in range(box.table.rowCount()) if box.table.item(r, CODE).text() == code)


def test_the_kepala_sets_the_satusehat_id_and_edits_units(qtbot, pkm, settings_box, users):  # noqa: F811
    kepala = users["kapus"]
    box = settings_box(kepala)
    defaults = units.default_units()
    assert box.table.rowCount() == len(defaults)
    first = defaults[0].code

    box.org_id.setText("100026489")
    box.table.item(row_of(box, first), ACTIVE).setCheckState(Qt.CheckState.Unchecked)
    box.table.item(row_of(box, defaults[1].code), NAME).setText("Poli Umum Baru")
    row = box.add_unit()
    box.table.item(row, CODE).setText("gigi_anak")
    box.table.item(row, NAME).setText("Poli Gigi Anak")
    box.table.cellWidget(row, KLASTER).setCurrentIndex(0)
    box.save()
    qtbot.waitUntil(lambda: box.result.text() == "Pengaturan puskesmas tersimpan.")

    assert fhir.org_id(pkm) == "100026489"
    saved = {u.code: u for u in units.units(pkm, include_inactive=True)}
    assert saved[first].active is False and not any(u.code == first for u in units.units(pkm))
    assert saved[defaults[1].code].name_id == "Poli Umum Baru"
    assert saved[defaults[1].code].name_en == defaults[1].name_en  # the other language's name is kept
    assert saved["gigi_anak"].name_id == "Poli Gigi Anak" and saved["gigi_anak"].active
    qtbot.waitUntil(lambda: box.table.rowCount() == len(defaults) + 1)  # reloaded from the store

    box.reset_units()
    qtbot.waitUntil(lambda: box.table.rowCount() == len(defaults))
    assert [u.code for u in units.units(pkm)] == [u.code for u in units.default_units() if u.active]


def test_bad_input_is_refused_and_nothing_is_saved(qtbot, pkm, settings_box, users):  # noqa: F811
    box = settings_box(users["admin"])
    row = box.add_unit()
    box.table.item(row, CODE).setText("Poli Gigi!")  # not a code
    box.table.item(row, NAME).setText("Poli Gigi")
    box.org_id.setText("100026489")
    box.save()
    qtbot.waitUntil(lambda: box.result.text().startswith("Kode unit tidak valid"))
    assert fhir.org_id(pkm) is None and pkm.meta(units.META_KEY) is None

    box.table.removeRow(row)
    for r in range(box.table.rowCount()):
        box.table.item(r, ACTIVE).setCheckState(Qt.CheckState.Unchecked)
    box.save()
    qtbot.waitUntil(lambda: box.result.text() == "Minimal satu unit harus aktif.")
    assert pkm.meta(units.META_KEY) is None

    box.table.item(0, ACTIVE).setCheckState(Qt.CheckState.Checked)
    box.org_id.setText("bukan id!")
    box.save()
    qtbot.waitUntil(lambda: box.result.text().startswith("ID organisasi SATUSEHAT tidak valid"))
    assert fhir.org_id(pkm) is None


def test_nakes_and_clerks_do_not_get_the_box(settings_box, users, nakes):  # noqa: F811
    assert settings_box(nakes) is None
    assert settings_box(users["loket"]) is None


def test_each_klaster_shows_its_whole_name(qtbot, settings_box, users):  # noqa: F811
    """At a laptop's width the klaster column was as narrow as the others: "Klaster 4: Penanggulangan Penyakit
    Menular" read "Klaster 4:" and "Lintas Klaster" read "Lintas Kla"."""
    box = settings_box(users["kapus"])
    page = box.window()
    page.resize(1180, 700)
    page.show()
    qtbot.waitExposed(page)
    for row in range(box.table.rowCount()):
        combo = box.table.cellWidget(row, KLASTER)
        assert box.table.columnWidth(KLASTER) >= combo.sizeHint().width(), combo.currentText()
