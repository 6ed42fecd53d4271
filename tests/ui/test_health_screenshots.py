"""Real windows under Xvfb for the health screens: the patients register, a malaria visit being entered,
the monthly reports: health-*.png, in a temporary folder (docs/screenshots/ with
LAYAN_REFRESH_SCREENSHOTS=1).

The test starts its own Xvfb (skipped only when the binary is missing) and runs this module as a child
process (``python -m tests.ui.test_health_screenshots OUT_DIR``): the test process runs Qt offscreen.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .test_screenshots import run_xvfb

ROOT = Path(__file__).resolve().parents[2]
NAMES = ("health-patients.png", "health-patient-duplicate.png", "health-visit.png", "health-malaria.png",
         "health-reports.png")

PEOPLE = [
    # nama, JK, lahir, umur, kampung, NIK
    ("Yance Beanal", "L", "1985-05-05", None, "Kwamki Narama", "9404010505850002"),
    ("Maria Magal", "P", "1990-01-01", None, "Kwamki Baru", "9404014101900001"),
    ("Agustina Wenda", "P", "2001-03-03", None, "Timika Jaya", None),
    ("Kornelius Tabuni", "L", None, 52, "Wonosari Jaya", None),
    ("Paulus Kum", "L", "2019-04-04", None, "Kamoro Jaya", None),
    ("Yosina Kogoya", "P", "1998-08-17", None, "Inauga", None),
    ("Benyamin Natkime", "L", "1976-11-30", None, "Kadun Jaya", None),
    ("Herlina Kambu", "P", "2024-02-14", None, "Timika Indah", None),
    ("Septinus Nawipa", "L", None, 34, "Mwapi", None),
    ("Fransiska Omaleng", "P", "1969-06-12", None, "Sempan", None),
]


def seed(store, user, month_days) -> dict:
    from desktop.domain.health import patients, visits

    ids = {}
    for number, (nama, sex, born, age, kampung, nik) in enumerate(PEOPLE):
        fields = {"nama": nama, "jenis_kelamin": sex, "kampung": kampung, "distrik": "Mimika Baru"}
        if born:
            fields["tanggal_lahir"] = born
        else:
            fields["umur_tahun"] = age
        if nik:
            fields["nik"] = nik
        if number % 3 == 0:
            fields["no_bpjs"] = f"000{number + 1:010d}"
        ids[nama] = patients.register_patient(store, user, fields, confirmed_new=True).record_id
    species = ["falciparum", "vivax", "falciparum", "campuran", "falciparum", None]
    for i, (nama, pid) in enumerate(ids.items()):
        for k, day in enumerate(month_days[i % 3::3][:3]):
            sp = species[(i + k) % len(species)]
            malaria = {"pemeriksaan": "rdt", "hasil": "positif" if sp else "negatif"}
            if sp:
                malaria.update(spesies=sp, pengobatan="DHP", primakuin=sp != "falciparum")
            unit = "malaria" if k != 1 else ("mtbs" if "Paulus" in nama or "Herlina" in nama else "dewasa")
            fields = {"patient_id": pid, "tanggal": day, "unit": unit, "malaria": malaria if unit == "malaria" else None,
                      "suhu_c": 37.0 + (i % 4) * 0.5}
            if unit != "malaria":
                fields["diagnosa"] = ["J06.9"] if k % 2 else ["I10"]
            visits.register_visit(store, user, fields)
    return ids


def main(out_dir: str) -> int:
    from PySide6.QtCore import QDate

    from tests.ui.screenshot_app import settle, shoot, start_app, wait_until

    app, out, scratch = start_app(out_dir, "layan-health-shots-")

    from desktop.domain import office, open_store
    from desktop.domain.users import authenticate
    from desktop.tasks import TaskManager
    from desktop.ui.health.visit_dialog import remember_unit
    from desktop.ui.main_window import MainWindow
    from tests.unit.test_health_support import PASSWORD, add_user

    store = open_store(scratch / "data")
    office.initialize(store, code="PKM-TIMIKA", name="Puskesmas Timika", kind="puskesmas")
    add_user(store, "bidan", "nakes", "PKM-TIMIKA")
    with store.transaction() as tx:
        tx.execute("UPDATE users SET full_name = 'Bd. Ribka Waker' WHERE username = 'bidan'")
    user = authenticate(store, "bidan", PASSWORD)
    today = QDate.currentDate()
    days = [today.addDays(-d).toString("yyyy-MM-dd") for d in range(0, today.day())][::-1] or \
        [today.toString("yyyy-MM-dd")]
    seed(store, user, days)
    remember_unit(user, "malaria")

    manager = TaskManager(store)
    window = MainWindow(store, manager, user)
    window.resize(1366, 768)
    window.show()
    page = window.show_module("pasien")
    wait_until(app, lambda: not page.model.loading and page.model.rowCount() > 0)
    page.search.setText("y")
    page.apply_filter()
    wait_until(app, lambda: not page.model.loading and page.model.rowCount() == 2)
    page.search.setFocus()
    page.search.end(False)
    settle(app)
    shoot(window, out / "health-patients.png")

    duplicate = page.new_patient()
    duplicate.resize(760, 640)
    shown = []
    duplicate.duplicates_shown.connect(shown.append)
    fields = duplicate.form.fields
    fields["nama"].setText("Yanse Beanal")
    fields["jenis_kelamin"].setCurrentIndex(1)
    fields["lahir"].setText("05-05-1985")
    fields["kampung"].setText("Kwamki Narama")
    duplicate.check_duplicates()
    wait_until(app, lambda: bool(shown) and shown[-1] > 0)
    fields["kampung"].setFocus()
    settle(app)
    shoot(duplicate, out / "health-patient-duplicate.png")
    duplicate._dirty = False
    duplicate.done(0)

    page.search.setText("1")
    page.apply_filter()
    wait_until(app, lambda: not page.model.loading and page.model.rowCount() == 1)
    dialog = page.new_visit_at(0)
    wait_until(app, lambda: dialog.patient is not None)
    dialog.anamnesis.setText("demam 3 hari, menggigil, sakit kepala")
    dialog.berat[0].setText("62")
    dialog.suhu[0].setText("39,6")
    dialog.vitals_form.show_findings("suhu_c")  # the note shown on leaving the field
    dialog.tensi[0].setText("110/70")
    dialog.nadi[0].setText("96")
    dialog.pemeriksaan.setCurrentIndex(dialog.pemeriksaan.findData("rdt"))
    dialog.hasil.setCurrentIndex(dialog.hasil.findData("positif"))
    dialog.spesies.setCurrentIndex(dialog.spesies.findData("falciparum"))
    dialog.pengobatan.setText("DHP 3 tablet/hari, 3 hari")
    dialog.primakuin.setChecked(True)
    dialog.kontrol.set_value(today.addDays(3).toString("yyyy-MM-dd"))
    dialog.diagnoses.add_code("R50.9")
    dialog.resize(1100, 720)
    settle(app)
    dialog.icd.setFocus()
    from PySide6.QtTest import QTest

    QTest.keyClicks(dialog.icd, "anemia")
    wait_until(app, lambda: dialog.icd.popup().isVisible())
    settle(app, 500)
    shoot(dialog, out / "health-visit.png")
    dialog.icd.popup().hide()
    dialog._dirty = False
    dialog.done(0)

    page = window.show_module("pasien")
    page.tabs.setCurrentWidget(page.malaria)
    wait_until(app, lambda: page.malaria.year_model.rowCount() == 13)
    page.malaria.load_cases(today.toString("yyyy-MM"))
    wait_until(app, lambda: page.malaria.cases_model.rowCount() > 0)
    page.malaria.year_table.setFocus()
    settle(app)
    shoot(window, out / "health-malaria.png")

    reports_page = window.show_module("laporan").health
    wait_until(app, lambda: reports_page.data is not None and not reports_page.loading)
    reports_page.tabs.setCurrentIndex(0)
    settle(app)
    shoot(window, out / "health-reports.png")

    window.close()
    manager.shutdown()
    store.close()
    return 0


@pytest.fixture
def xvfb():
    yield from run_xvfb("1400x900")


@pytest.mark.xvfb
def test_health_screenshots(xvfb, shots_dir):
    env = {**os.environ, "DISPLAY": xvfb, "QT_QPA_PLATFORM": "xcb"}
    result = subprocess.run([sys.executable, "-m", "tests.ui.test_health_screenshots", str(shots_dir)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr[-3000:]
    from PySide6.QtGui import QImage

    for name in NAMES:
        image = QImage(str(shots_dir / name))
        assert not image.isNull(), name
        assert image.width() >= 600 and image.height() >= 400, name
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        assert len(colours) > 20, name


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
