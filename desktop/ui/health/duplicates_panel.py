"""The patient form's "this patient may already be registered" panel: the likely matches with their
reasons, "Pakai pasien ini" and (unless the NIK is already registered) "Tetap simpan sebagai pasien
baru". The form decides what the buttons do; its strings keep the form's translation context."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from desktop.tasks import pick

from .common import patient_line

MATCH_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class DuplicatesPanel(QFrame):
    use = Signal()  # "Pakai pasien ini" or Enter/double-click on a match
    confirm = Signal()  # "Tetap simpan sebagai pasien baru"

    def __init__(self):
        super().__init__()
        self.setObjectName("planned")  # the framed, white hint box of the style sheet
        panel = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setObjectName("fieldError")
        panel.addWidget(self.title)
        self.list = QListWidget()
        self.list.setObjectName("duplicateList")
        self.list.setMaximumHeight(110)
        self.list.itemActivated.connect(lambda _item: self.use.emit())
        panel.addWidget(self.list)
        row = QHBoxLayout()
        self.use_button = QPushButton(QCoreApplication.translate("PatientDialog", "&Pakai pasien ini"))
        self.use_button.setObjectName("primary")
        self.use_button.clicked.connect(self.use.emit)
        self.confirm_button = QPushButton(QCoreApplication.translate("PatientDialog", "&Tetap simpan sebagai pasien baru"))
        self.confirm_button.clicked.connect(self.confirm.emit)
        row.addWidget(self.use_button)
        row.addWidget(self.confirm_button)
        row.addStretch(1)
        panel.addLayout(row)
        self.hide()

    def show_matches(self, matches: list, *, hard: bool, message: str | None = None) -> None:
        self.list.clear()
        if not matches:
            self.hide()
            return
        for match in matches:
            reasons = ", ".join(pick(r[1], r[2]) for r in match.reasons)
            item = QListWidgetItem(f"{patient_line(match.patient)} — {reasons}")
            item.setData(MATCH_ID_ROLE, match.patient["id"])
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        if hard:
            first = matches[0].patient
            self.title.setText(message or QCoreApplication.translate("PatientDialog",
                "NIK ini sudah terdaftar: {who}. Satu NIK tidak bisa didaftarkan dua kali — buka data pasien "
                "tersebut.").format(who=f"{first.get('no_rm')} {first.get('nama')}"))
        else:
            self.title.setText(message or QCoreApplication.translate("PatientDialog",
                "Mungkin pasien ini sudah terdaftar ({count} data mirip). Periksa dulu sebelum menyimpan.")
                .format(count=len(matches)))
        self.confirm_button.setVisible(not hard)
        self.show()

    def chosen_id(self) -> str | None:
        item = self.list.currentItem() or self.list.item(0)
        return item.data(MATCH_ID_ROLE) if item is not None else None
