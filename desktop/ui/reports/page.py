"""The Laporan module's page. A distrik (or the centre) sees its letters, services and complaints
reports; a puskesmas sees its health reports (LB1, visits per unit, malaria) and its letters."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from desktop.store.records import Store

from .panel import OfficeReportsPanel


class ReportsPage(QWidget):
    def __init__(self, store: Store, user: dict, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reportsPage")
        layout = QVBoxLayout(self)
        self.health = None
        if (store.office() or {}).get("kind") == "puskesmas":
            from ..health.reports_page import HealthReportsPage

            layout.setContentsMargins(0, 0, 0, 0)
            self.health = HealthReportsPage(store, user)
            self.office = OfficeReportsPanel(store, ("surat",))
            self.tabs = QTabWidget()
            self.tabs.setObjectName("reportKinds")
            self.tabs.addTab(self.health, self.tr("Kesehatan (LB1, kunjungan, malaria)"))
            letters_tab = QWidget()
            QVBoxLayout(letters_tab).addWidget(self.office)
            self.tabs.addTab(letters_tab, self.tr("Surat"))
            layout.addWidget(self.tabs)
            self.setFocusProxy(self.health)
            return
        title = QLabel(self.tr("Laporan"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        self.office = OfficeReportsPanel(store)
        layout.addWidget(self.office, 1)
        self.setFocusProxy(self.office)
