"""Column titles and display values of the permohonan and pengaduan screens (translated)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.domain import complaints, services
from desktop.tasks import current_language, pick
from sync.schema import collection

from ..i18n import format_date


def request_column(key: str) -> str:
    titles = {
        "tracking_code": QCoreApplication.translate("ServiceColumns", "Kode Lacak"),
        "tanggal": QCoreApplication.translate("ServiceColumns", "Tanggal"),
        "service_type": QCoreApplication.translate("ServiceColumns", "Layanan"),
        "nik": QCoreApplication.translate("ServiceColumns", "NIK"),
        "nama": QCoreApplication.translate("ServiceColumns", "Nama Pemohon"),
        "status": QCoreApplication.translate("ServiceColumns", "Status"),
        "due_date": QCoreApplication.translate("ServiceColumns", "Batas Waktu"),
        "nomor_surat": QCoreApplication.translate("ServiceColumns", "Nomor Surat"),
    }
    return titles.get(key, key)


def complaint_column(key: str) -> str:
    titles = {
        "tracking_code": QCoreApplication.translate("ComplaintColumns", "Kode Lacak"),
        "tanggal": QCoreApplication.translate("ComplaintColumns", "Tanggal"),
        "channel": QCoreApplication.translate("ComplaintColumns", "Saluran"),
        "pelapor_nama": QCoreApplication.translate("ComplaintColumns", "Pelapor"),
        "kategori": QCoreApplication.translate("ComplaintColumns", "Kategori"),
        "kampung": QCoreApplication.translate("ComplaintColumns", "Kampung"),
        "status": QCoreApplication.translate("ComplaintColumns", "Status"),
        "due_date": QCoreApplication.translate("ComplaintColumns", "Batas Tanggapan"),
        "diteruskan_ke": QCoreApplication.translate("ComplaintColumns", "Diteruskan ke"),
    }
    return titles.get(key, key)


def request_status(status: str | None) -> str:
    pair = services.STATUS_LABELS.get(status or "")
    return pick(*pair) if pair else (status or "")


def complaint_status(status: str | None) -> str:
    pair = complaints.STATUS_LABELS.get(status or "")
    return pick(*pair) if pair else (status or "")


def channel(value: str | None) -> str:
    pair = complaints.CHANNELS.get(value or "")
    return pick(*pair) if pair else (value or "")


def service_names(store=None) -> dict[str, str]:
    """Service code -> name in the UI's language (a code no longer in the catalog shows as itself)."""
    lang = current_language()
    return {s.code: s.name(lang) for s in services.catalog(store).services}


def field_label(coll: str, name: str) -> str:
    """A record field's label from its schema, in the UI's language."""
    return collection(coll).label(name, current_language())


def choice(table: dict, value) -> str:
    """A stored code (``L``, ``kristen``, ``belum_kawin``) as its label."""
    pair = table.get(value)
    return pick(*pair) if pair else ("" if value in (None, "") else str(value))


def date(value) -> str:
    return format_date(value)
