"""Sinkronisasi → "Konfigurasi pusat": the settings and reference data Diskominfo/Dinkes published
for this office (desktop/domain/central_config.py), which one is in force, and why a value was
refused. Read-only: publishing happens centrally (`layan-server config`).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.domain import central_config
from desktop.store.records import ChangeSet
from desktop.tasks import QueryOp, TaskManager, current_language, pick
from sync import config

from ..i18n import format_datetime
from .conflicts_view import fit_columns, make_table
from .models import RowsModel


def scope_text(scope: str) -> str:
    if scope == config.SCOPE_ALL:
        return QCoreApplication.translate("CentralConfig", "Semua kantor")
    if scope == "distrik":
        return QCoreApplication.translate("CentralConfig", "Semua distrik")
    if scope == "puskesmas":
        return QCoreApplication.translate("CentralConfig", "Semua puskesmas")
    if scope == "central":
        return QCoreApplication.translate("CentralConfig", "Kantor pusat")
    return QCoreApplication.translate("CentralConfig", "Kantor ini ({code})").format(code=scope)


def status_text(entry: central_config.Entry) -> str:
    status = {
        central_config.APPLIED: QCoreApplication.translate("CentralConfig", "Berlaku"),
        central_config.OVERRIDDEN: QCoreApplication.translate("CentralConfig", "Tidak dipakai: ada nilai khusus untuk kantor ini"),
        central_config.REFUSED: QCoreApplication.translate("CentralConfig", "Ditolak"),
        central_config.WITHDRAWN: QCoreApplication.translate("CentralConfig", "Ditarik oleh pusat"),
    }.get(entry.status, entry.status)
    if entry.error:
        reason = pick(entry.error, entry.error_en)
        if entry.status == central_config.REFUSED:
            return QCoreApplication.translate("CentralConfig", "Ditolak: {reason}").format(reason=reason)
        return QCoreApplication.translate("CentralConfig", "{status}; versi {version} ditolak: {reason}").format(
            status=status, version=entry.refused_version, reason=reason)
    return status


def published_text(entry: central_config.Entry) -> str:
    when = dt.datetime.fromtimestamp(entry.published_ms / 1000, dt.UTC).isoformat() if entry.published_ms else ""
    who = f" ({entry.published_by})" if entry.published_by else ""
    return f"{format_datetime(when)}{who}"


class CentralConfigModel(RowsModel):
    """Rows are ``{"key": …, "entry": central_config.Entry}``."""

    def __init__(self, parent: QObject | None = None):
        super().__init__([
            (QCoreApplication.translate("CentralConfig", "Pengaturan"), lambda r: r["entry"].label(current_language())),
            (QCoreApplication.translate("CentralConfig", "Berlaku untuk"), lambda r: scope_text(r["entry"].scope)),
            (QCoreApplication.translate("CentralConfig", "Versi"), lambda r: str(r["entry"].version)),
            (QCoreApplication.translate("CentralConfig", "Diterbitkan"), lambda r: published_text(r["entry"])),
            (QCoreApplication.translate("CentralConfig", "Status"), lambda r: status_text(r["entry"])),
        ], "key", parent)


class CentralConfigView(QWidget):
    """What the centre published for this office; the tab counts refused values."""

    refused_changed = Signal(int)

    def __init__(self, manager: TaskManager, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("centralConfigView")
        self.manager = manager
        self.loaded = False
        self.model = CentralConfigModel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(self.tr(
            "Pengaturan dan data rujukan (katalog layanan, klasifikasi arsip, hari libur, unit, kop surat) yang "
            "diterbitkan Diskominfo atau Dinas Kesehatan untuk kantor ini. Datang bersama sinkronisasi dan "
            "langsung dipakai. Nilai khusus kantor ini mengalahkan nilai untuk semua kantor. Nilai yang ditolak "
            "tidak dipakai; laporkan alasannya ke IT."))
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = make_table(self.model)
        self.table.setObjectName("centralConfigTable")
        layout.addWidget(self.table, 1)
        self.empty = QLabel(self.tr("Belum ada konfigurasi dari pusat."))
        self.empty.setObjectName("hint")
        layout.addWidget(self.empty)
        manager.changed.connect(self._on_changed)
        self.reload()

    def reload(self) -> None:
        QueryOp(self, central_config.entries, success=self._show).using(self.manager).run()

    def _on_changed(self, changes: ChangeSet) -> None:
        if config.COLLECTION in changes.collections:
            self.reload()

    def _show(self, entries: list[central_config.Entry]) -> None:
        self.model.set_rows([{"key": e.key, "entry": e} for e in entries])
        self.empty.setVisible(not entries)
        self.loaded = True
        fit_columns(self.table, widest=320)
        self.refused_changed.emit(sum(1 for e in entries if e.error))
