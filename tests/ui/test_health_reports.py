"""The Laporan page (LB1, visits per unit, malaria) and the malaria register, against seeded visits."""
# ruff: noqa: F811 - pytest fixtures imported from tests.ui.test_health_support

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from desktop.domain.health import fhir, reports, visits
from desktop.ui.health.malaria_register import MalariaRegisterPanel
from desktop.ui.health.report_models import VALUE_ROLE, Lb1Model, RowsModel, malaria_table, units_table
from desktop.ui.health.reports_page import HealthReportsPage

from .test_health_support import (  # noqa: F401 - fixtures
    NIK_MARIA,
    nakes,
    pkm,
    pkm_dir,
    pkm_manager,
    pkm_template,
    pkm_window,
    register,
    users,
)

MONTH = "2026-10"


def seed_month(pkm, nakes) -> None:
    """A small October: malaria cases of several ages and both sexes, an ISPA, a referral, a November visit."""
    maria = register(pkm, nakes, nama="Maria Magal", nik=NIK_MARIA)  # born 1990: 20–44
    yance = register(pkm, nakes, nama="Yance Beanal", jenis_kelamin="L", tanggal_lahir="2019-05-05")  # 7: 5–9
    baby = register(pkm, nakes, nama="By. Ny. Maria", jenis_kelamin="L", tanggal_lahir="2026-09-20", nik_ibu=NIK_MARIA)
    old = register(pkm, nakes, nama="Markus Tabuni", jenis_kelamin="L", tanggal_lahir=None, umur_tahun=72)

    def visit(patient, day, **fields):
        visits.register_visit(pkm, nakes, {"patient_id": patient["id"], "tanggal": f"{MONTH}-{day:02d}", **fields})

    positive = {"pemeriksaan": "rdt", "hasil": "positif", "spesies": "falciparum", "pengobatan": "DHP",
                "primakuin": True}
    visit(maria, 2, unit="malaria", malaria=positive)
    visit(maria, 20, unit="malaria", malaria={"pemeriksaan": "mikroskopis", "hasil": "negatif"}, diagnosa=["B50.9"])
    visit(yance, 3, unit="mtbs", malaria={**positive, "spesies": "vivax", "primakuin": False})
    visit(baby, 5, unit="mtbs", diagnosa=["J06.9"])
    visit(old, 7, unit="lansia", diagnosa=["I10", "J06.9"], rujukan=True, rujukan_tujuan="RSUD Mimika")
    visit(old, 8, unit="lansia")  # no diagnosis
    visits.register_visit(pkm, nakes, {"patient_id": maria["id"], "tanggal": "2026-11-02", "unit": "malaria",
                                       "malaria": positive})


def open_page(qtbot, pkm, nakes) -> HealthReportsPage:
    page = HealthReportsPage(pkm, nakes)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded):
        page.set_month(MONTH)
    while page.selected_month() != MONTH or page.loading:  # the first (current month) load may arrive first
        qtbot.waitSignal(page.loaded).wait()
    return page


def screen_row(model, code: str) -> dict:
    """The LB1 row of ``code`` as {column: number} read through the model, like the view does."""
    row = next(r for r in range(model.rowCount()) if model.data(model.index(r, 0)) == code)
    return {model.columns[c]: model.data(model.index(row, c), VALUE_ROLE) for c in range(model.columnCount())}


def test_lb1_on_screen_is_what_the_domain_computes(qtbot, pkm, nakes, pkm_manager):
    seed_month(pkm, nakes)
    page = open_page(qtbot, pkm, nakes)
    expected = reports.lb1(pkm, nakes, MONTH)
    model = page.lb1_model
    assert model.rowCount() == len(expected["rows"]) + 1  # and the total
    assert [model.data(model.index(r, 0)) for r in range(model.rowCount() - 1)] == ["B50.9", "B51.9", "I10", "J06.9"]
    for item in expected["rows"]:
        row = screen_row(model, item["code"])
        for group in expected["age_groups"]:
            for sex in ("L", "P"):
                assert row[("age", group["code"], sex)] == item["counts"]["baru"][sex][group["code"]]
        for kasus in ("baru", "lama"):
            for part in ("L", "P", "total"):
                assert row[(kasus, part)] == item[kasus][part]
        assert row[("total",)] == item["total"]
    # the numbers themselves, for this seed: malaria falciparum is Maria's (P, 20–44), new then old
    b50 = screen_row(model, "B50.9")
    assert b50[("age", "20-44t", "P")] == 1 and b50[("baru", "P")] == 1 and b50[("lama", "P")] == 1
    j06 = screen_row(model, "J06.9")
    assert j06[("age", "8-28h", "L")] == 1 and j06[("age", "70+t", "L")] == 1 and j06[("total",)] == 2
    total = model.rowCount() - 1
    assert model.data(model.index(total, 1)) == "JUMLAH"
    assert model.data(model.index(total, 2), VALUE_ROLE) == expected["totals"]["total"] == 6
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Jumlah"  # by the diagnosis, frozen with it
    assert "Kunjungan tanpa diagnosa: 1." in page.lb1_notes.text()

    # visits per unit and malaria, from the same load
    units = page.units_model
    lansia = next(r for r in range(units.rowCount()) if units.data(units.index(r, 0)).strip() == "Lansia")
    # Markus: 7 Oct new (first lansia visit of the year), 8 Oct old
    assert [units.data(units.index(lansia, c), VALUE_ROLE) for c in range(1, 7)] == [1, 0, 1, 0, 2, 1]
    malaria_rows = {page.malaria_model.data(page.malaria_model.index(r, 0)).strip():
                    page.malaria_model.data(page.malaria_model.index(r, 1), VALUE_ROLE)
                    for r in range(page.malaria_model.rowCount())}
    summary = reports.malaria_summary(pkm, nakes, MONTH)
    # Maria's microscopy on the 20th is a follow-up of her case of the 2nd: not a new person tested
    assert malaria_rows["Orang diperiksa"] == summary["examined"] == 2
    assert malaria_rows["Kasus baru"] == summary["positive"] == 2
    assert malaria_rows["Angka positif (%)"] == 100.0 and malaria_rows["Tes kontrol (lanjutan)"] == 1
    assert malaria_rows["P. falciparum"] == 1 and malaria_rows["P. vivax"] == 1
    assert malaria_rows["Diberi primakuin"] == 1
    assert not [label for label in malaria_rows if "Positivity" in label]  # no English on an Indonesian screen

    # rolled up to 3-character categories
    with qtbot.waitSignal(page.loaded):
        page.level.setCurrentIndex(page.level.findData("category"))
    assert [page.lb1_model.data(page.lb1_model.index(r, 0)) for r in range(4)] == ["B50", "B51", "I10", "J06"]


def test_reports_are_saved_as_pdf_xlsx_and_fhir(qtbot, pkm, nakes, users, pkm_manager, tmp_path):
    seed_month(pkm, nakes)
    page = open_page(qtbot, pkm, nakes)

    pdf = tmp_path / "laporan.pdf"
    with qtbot.waitSignal(page.saved):
        page.save_pdf(pdf)
    assert pdf.exists() and pdf.stat().st_size > 1000 and pdf.read_bytes().startswith(b"%PDF")

    xlsx = tmp_path / "laporan.xlsx"
    with qtbot.waitSignal(page.saved):
        page.save_xlsx(xlsx)
    assert xlsx.exists() and xlsx.stat().st_size > 1000
    from openpyxl import load_workbook

    book = load_workbook(xlsx)
    assert book.sheetnames == ["LB1", "Kunjungan", "Malaria"]
    assert any(cell.value == "B50.9" for row in book["LB1"].iter_rows() for cell in row)
    assert "Tersimpan" in page.status.text()

    # FHIR needs the SATUSEHAT organisation id: without it, the domain's message, and no file
    bundle_path = tmp_path / "fhir.json"
    with qtbot.waitSignal(page.failed):
        page.export_fhir(bundle_path)
    assert "ID organisasi SATUSEHAT" in page.status.text() and not bundle_path.exists()
    fhir.set_org_id(pkm, users["kapus"], "100012345")
    with qtbot.waitSignal(page.saved):
        page.export_fhir(bundle_path)
    bundle = json.loads(bundle_path.read_text(encoding="utf-8"))
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
    kinds = fhir.counts(bundle)
    assert kinds["Patient"] == 4 and kinds["Encounter"] == 6
    assert "Encounter 6" in page.status.text()
    exports = pkm.read().execute("SELECT actor FROM audit WHERE action = 'export' AND record_id = ?",
                                 (f"export:fhir:{MONTH}",)).fetchall()
    assert [r["actor"] for r in exports] == ["bidan"]


def test_a_new_visit_refreshes_the_report(qtbot, pkm, nakes, pkm_manager):
    seed_month(pkm, nakes)
    page = open_page(qtbot, pkm, nakes)
    page.show()  # the seed's writes arrived while it was hidden: showing it reloads
    qtbot.waitUntil(lambda: not page.loading)
    model = page.lb1_model
    before = model.data(model.index(model.rowCount() - 1, model.columns.index(("total",))), VALUE_ROLE)
    patient = pkm.find("patients", "nama = 'Maria Magal'")[0]
    with qtbot.waitSignal(page.loaded):
        from desktop.tasks import WriteOp

        WriteOp(page, lambda store: visits.register_visit(store, nakes, {
            "patient_id": patient["id"], "tanggal": f"{MONTH}-25", "unit": "dewasa", "diagnosa": ["I10"]})).run()
    after = model.data(model.index(model.rowCount() - 1, model.columns.index(("total",))), VALUE_ROLE)
    assert after == before + 1


def test_malaria_register_by_species_and_the_case_list(qtbot, pkm, nakes, pkm_manager):
    seed_month(pkm, nakes)
    panel = MalariaRegisterPanel(pkm, nakes)
    qtbot.addWidget(panel)
    panel.year.setValue(2026)
    with qtbot.waitSignal(panel.year_loaded):
        panel.ensure_loaded()
    model = panel.year_model
    october = model.rows[9]
    assert october["month"] == MONTH and october["falciparum"] == 1 and october["vivax"] == 1
    assert october["jumlah"] == 2
    assert model.rows[10]["falciparum"] == 1  # November
    assert model.data(model.index(12, 0)) == "Jumlah 2026" and model.rows[12]["jumlah"] == 3
    assert model.data(model.index(9, 0)) == "Oktober 2026"
    with qtbot.waitSignal(panel.cases_loaded):
        panel.load_cases_at(9)
    cases = panel.cases_model
    assert cases.rowCount() == 2
    assert [cases.data(cases.index(r, 3)) for r in range(2)] == ["Maria Magal", "Yance Beanal"]
    assert cases.data(cases.index(0, 0)) == "Baru"
    assert cases.data(cases.index(0, 8)) == "Falciparum (Pf)" and cases.data(cases.index(0, 10)) == "ya"
    # Maria's negative microscopy 18 days later sits in her case's hari ke-14 column, not on a line of its own
    headers = [cases.headerData(c, Qt.Orientation.Horizontal) for c in range(cases.columnCount())]
    assert headers[-4:] == ["Hari ke-3", "Hari ke-7", "Hari ke-14", "Hari ke-28"]
    assert cases.data(cases.index(0, headers.index("Hari ke-14"))) == "20 Oktober 2026: Negatif (Mikroskopis)"
    assert "2 kasus baru, 0 lanjutan" in panel.cases_title.text()
    # a register with names: opening it is audited
    assert pkm.read().execute("SELECT count(*) FROM audit WHERE action = 'open' AND record_id = ?",
                              (f"register:malaria:{MONTH}",)).fetchone()[0] == 1


@pytest.mark.parametrize("kind", ["lb1", "units", "malaria"])
def test_report_models_pass_the_model_tester(qtmodeltester, pkm, nakes, kind):
    seed_month(pkm, nakes)
    if kind == "lb1":
        model = Lb1Model()
        model.set_report(reports.lb1(pkm, nakes, MONTH))
        assert model.columnCount() == 33
    else:
        model = RowsModel()
        data = reports.visits_by_unit(pkm, nakes, MONTH) if kind == "units" else reports.malaria_summary(pkm, nakes, MONTH)
        model.set_rows(*(units_table(data) if kind == "units" else malaria_table(data)))
    assert model.rowCount() > 3
    qtmodeltester.check(model)


def test_malaria_register_models_pass_the_model_tester(qtbot, qtmodeltester, pkm, nakes, pkm_manager):
    seed_month(pkm, nakes)
    panel = MalariaRegisterPanel(pkm, nakes)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.year_loaded):
        panel.ensure_loaded()
    with qtbot.waitSignal(panel.cases_loaded):
        panel.load_cases(MONTH)
    qtmodeltester.check(panel.year_model)
    qtmodeltester.check(panel.cases_model)
