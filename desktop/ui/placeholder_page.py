"""An honest page for a module that is not built yet: what it will do, and that it is not here."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


def planned_text(module: str) -> str:
    texts = {
        "permohonan": QCoreApplication.translate("Placeholder", "Permohonan layanan warga (surat keterangan domisili, SKTM, pengantar "
                                        "SKCK, keterangan usaha, kelahiran, kematian, pindah) dan penerbitan "
                                        "suratnya."),
        "pengaduan": QCoreApplication.translate("Placeholder", "Pengaduan warga (Mimika Center), termasuk meneruskan pengaduan ke "
                                       "kantor lain."),
        "pasien": QCoreApplication.translate("Placeholder", "Pasien dan register kunjungan per klaster ILP, diagnosis ICD-10."),
        "laporan": QCoreApplication.translate("Placeholder", "Laporan bulanan (rekap surat, LB1 puskesmas)."),
        "sinkronisasi": QCoreApplication.translate("Placeholder", "Pendaftaran komputer ini ke server, sinkronisasi, dan konflik data. "
                                          "Sampai saat itu semua data tersimpan aman di komputer ini."),
    }
    return texts.get(module, "")


class PlaceholderPage(QWidget):
    def __init__(self, module: str, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"placeholder_{module}")
        layout = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        layout.addWidget(heading)
        body = QLabel(self.tr("Modul ini belum tersedia di versi ini. Modul ini dikerjakan dalam isu "
                              "tersendiri yang akan menyusul, dan akan berisi:"))
        body.setWordWrap(True)
        layout.addWidget(body)
        planned = QLabel(planned_text(module))
        planned.setObjectName("planned")
        planned.setWordWrap(True)
        layout.addWidget(planned)
        layout.addStretch(1)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
