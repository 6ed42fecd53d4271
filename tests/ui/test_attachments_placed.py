"""The strip where clerks meet it: a permohonan (per checklist document), a pengaduan, a patient, a visit."""
# ruff: noqa: F811 - pytest fixtures imported from tests.ui.test_health_support

from __future__ import annotations

from desktop.domain import attachments, complaints, services
from desktop.ui.health.patient_dialog import PatientDialog
from desktop.ui.health.visit_dialog import VisitDialog
from desktop.ui.services.complaint_detail import ComplaintDetailDialog
from desktop.ui.services.request_detail import RequestDetailDialog
from tests.unit import attachment_samples as samples
from tests.unit.test_services_samples import sample

from .test_health_support import (  # noqa: F401 - fixtures
    nakes,
    operator,
    pkm,
    pkm_dir,
    pkm_manager,
    pkm_template,
    register,
    users,
)

WALK_IN = {"channel": "langsung", "pelapor_nama": "Yohanes Magal", "pelapor_kontak": "0812 4700 0001",
           "kategori": "Infrastruktur (jalan, jembatan, air, listrik)", "kampung": "Kwamki",
           "uraian": "Jembatan kayu di Kwamki rusak sejak banjir minggu lalu."}


def tab_titles(tabs) -> list[str]:
    return [tabs.tabText(i) for i in range(tabs.count())]


def test_a_request_scan_points_at_its_checklist_document(qtbot, store, manager, user):
    request = services.new_request(store, "domisili", sample("domisili"), actor="admin")
    attachments.attach(store, user, "service_requests", request["id"],
                       attachments.inspect_bytes("kk.png", samples.small_png()), slot="kk")
    dialog = RequestDetailDialog(store, "admin", request["id"])
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.record is not None and dialog.attachments.list.count() == 1)
    assert "Lampiran (1)" in tab_titles(dialog.tabs)
    assert "kk" in dialog.attachments.slots and dialog.attachments.slot_combo.isVisibleTo(dialog.attachments)
    assert "Kartu Keluarga" in dialog.attachments.list.item(0).text()
    ticks = dialog.document_boxes
    assert ticks["kk"].text().endswith(" — ada pindaian")
    assert not ticks["ktp"].text().endswith(" — ada pindaian")


def test_a_complaint_takes_photos(qtbot, store, manager, user):
    complaint = complaints.new_complaint(store, WALK_IN, actor="admin")
    dialog = ComplaintDetailDialog(store, "admin", complaint["id"])
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.record is not None)
    dialog.attachments.add_bytes("jembatan.jpg", samples.jpeg(samples.scanned_page(dpi=100, colour=True)))
    qtbot.waitUntil(lambda: dialog.attachments.list.count() == 1)
    assert store.find("attachments")[0]["owner_collection"] == "complaints"


def test_patient_and_visit_attachments_for_health_staff(qtbot, pkm, pkm_manager, users):
    nakes = users["bidan"]
    patient = register(pkm, nakes, nama="Maria Magal")
    dialog = PatientDialog(pkm, nakes, patient["id"])
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: getattr(dialog, "attachments", None) is not None)
    dialog.attachments.add_bytes("rujukan.png", samples.small_png())
    qtbot.waitUntil(lambda: dialog.attachments.list.count() == 1)
    assert "Lampiran (1)" in tab_titles(dialog.tabs)

    new_visit = VisitDialog(pkm, nakes, patient["id"])
    qtbot.addWidget(new_visit)
    assert not new_visit.attach_button.isVisibleTo(new_visit)  # a visit not saved yet has no attachments


def test_health_attachments_are_not_listed_for_other_roles(qtbot, pkm, pkm_manager, users, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from desktop.ui.widgets.attachment_strip import AttachmentStrip

    nakes = users["bidan"]
    patient = register(pkm, nakes, nama="Maria Magal")
    attachments.attach(pkm, nakes, "patients", patient["id"], attachments.inspect_bytes("lab.png", samples.small_png()))
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: said.append(a))
    monkeypatch.setattr("desktop.tasks.ops.show_failure", lambda _parent, exc: said.append(exc))
    strip = AttachmentStrip(pkm, users["admin"], "patients")
    qtbot.addWidget(strip)
    strip.set_owner(patient["id"])
    qtbot.waitUntil(lambda: bool(said))
    assert strip.list.count() == 0
