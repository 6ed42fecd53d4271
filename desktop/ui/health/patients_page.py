"""The "Pasien & Kunjungan" module: find a returning patient in a few keystrokes, register a new one,
start a visit; and the malaria register.

Keys: Ctrl+F search (RM number "123", NIK, BPJS number or the start of the name, "yan bea"); Enter
opens the patient when the search found one (with several, ↓ into the list, then Enter); Ctrl+K starts a
visit for the patient found or selected; Ctrl+N registers a new patient (what was typed in the search
goes into the form). Typing waits ~150 ms for a pause before querying; Enter or Ctrl+K pressed before the
result is in acts on the result when it arrives, so fast typists never wait for the screen.

Only health staff see any of it: others get the domain's reason and no data.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.store.records import Store
from desktop.tasks import TaskManager

from ..i18n import format_number
from ..registers.register_base import RegisterBase
from .common import AccessNotice, access_problem
from .patients_model import PatientTableModel

DEFAULT_WIDTHS = {"no_rm": 110, "nama": 220, "jenis_kelamin": 45, "lahir": 190, "nik": 160, "kampung": 140,
                  "penjamin": 80, "kunjungan_terakhir": 150}


class PatientsPage(RegisterBase):
    def __init__(self, store: Store, user: dict, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("healthPatients")
        self.store = store
        self.user = user
        self.model: PatientTableModel | None = None
        self.notice: AccessNotice | None = None
        self._pending: str | None = None  # "open" | "visit": what to do when the running search is in
        self.dialogs: list = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        problem = access_problem(user, store)
        if problem is not None:
            self.notice = AccessNotice(self.tr("Pasien & Kunjungan"), problem)
            layout.addWidget(self.notice)
            self.setFocusProxy(self.notice)
            return
        self._build(layout)

    def _build(self, outer: QVBoxLayout) -> None:
        body = QWidget()
        outer.addWidget(body)
        layout = QVBoxLayout(body)
        self.header_row = header_row = QHBoxLayout()  # the main window adds Impor/Ekspor here
        title = QLabel(self.tr("Pasien & Kunjungan"))
        title.setObjectName("pageTitle")
        self.title_label = title  # on a narrow window it moves above the buttons (RegisterBase)
        header_row.addWidget(title)
        header_row.addStretch(1)
        self.count_label = QLabel()
        self.count_label.setObjectName("hint")
        header_row.addWidget(self.count_label)
        self.visit_button = QPushButton(self.tr("Kunjungan baru (Ctrl+K)"))
        self.visit_button.clicked.connect(self.new_visit)
        header_row.addWidget(self.visit_button)
        self.new_button = QPushButton(self.tr("Pasien baru (Ctrl+N)"))
        self.new_button.setObjectName("primary")
        self.new_button.clicked.connect(self.new_patient)
        header_row.addWidget(self.new_button)
        layout.addLayout(header_row)
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        layout.addWidget(self.banner)

        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        register = QWidget()
        register_layout = QVBoxLayout(register)
        register_layout.addWidget(self.make_search(
            self.tr("Cari No. RM (mis. 123), NIK, No. BPJS, atau awal nama… (Ctrl+F)")))

        model = PatientTableModel(self.store, self.user, self)
        TaskManager.instance().changed.connect(model.on_changed)
        header = self.make_table(model, DEFAULT_WIDTHS, 120, object_name="patientsTable", movable=False).horizontalHeader()
        header.setSortIndicator(self.model.columns.index("nama"), Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # runs the first query
        self.table.doubleClicked.connect(lambda index: self.open_patient_at(index.row()))
        register_layout.addWidget(self.table, 1)
        hint = QLabel(self.tr("Enter: buka pasien · Ctrl+K: kunjungan baru · Ctrl+N: pasien baru · "
                              "↓ dari kotak cari ke daftar"))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        register_layout.addWidget(hint)
        self.tabs.addTab(register, self.tr("Daftar pasien"))

        from .malaria_register import MalariaRegisterPanel

        self.malaria = MalariaRegisterPanel(self.store, self.user)
        self.tabs.addTab(self.malaria, self.tr("Register malaria"))
        self.tabs.currentChanged.connect(self._tab_changed)

        self.connect_register(search_signal="textEdited")
        self.search.returnPressed.connect(lambda: self.act_on_result("open"))
        self.model.loaded.connect(self._on_loaded)
        QShortcut(QKeySequence("Ctrl+K"), self, activated=lambda: self.act_on_result("visit"))

    # -- searching ------------------------------------------------------------------------------

    def empty_text(self) -> str:
        if self.is_filtered():
            return self.tr("Pasien tidak ditemukan.\nPeriksa ejaan atau cari dengan No. RM/NIK, "
                           "atau tekan Ctrl+N untuk mendaftarkan pasien baru.")
        return self.tr("Belum ada pasien terdaftar.\nTekan Ctrl+N (Pasien baru) untuk mendaftarkan pasien pertama.")

    def apply_filter(self) -> None:
        assert self.model is not None
        self._search_timer.stop()
        self.count_label.setText(self.tr("Mencari…"))
        self.model.set_filter(self.model.filter.with_(text=self.search.text()))

    def searching(self) -> bool:
        return self._search_timer.isActive() or (self.model is not None and self.model.loading)

    apply_filters = apply_filter

    def focus_search(self) -> None:
        if self.model is None:
            return
        self.tabs.setCurrentIndex(0)
        super().focus_search()

    def _on_loaded(self, count: int) -> None:
        assert self.model is not None
        if self.model.truncated:
            self.count_label.setText(self.tr("{count}+ pasien — ketik lebih lengkap").format(
                count=format_number(count)))
        else:
            self.count_label.setText(self.tr("{count} pasien").format(count=format_number(count)))
        if count and self.model.filter.text.strip():
            self.table.selectRow(0)  # the best match, ready for Enter / Ctrl+K
        pending, self._pending = self._pending, None
        if pending is not None:
            self.act_on_result(pending)

    def act_on_result(self, action: str) -> None:
        """Enter ("open") or Ctrl+K ("visit") from the search box or the list."""
        if self.model is None:
            return
        if self.tabs.currentIndex() != 0:
            return
        if self.searching():
            self._pending = action
            if self._search_timer.isActive():
                self.apply_filter()
            return
        count = self.model.rowCount()
        if count == 0:
            if self.search.text().strip():
                self.count_label.setText(self.tr("Tidak ditemukan. Ctrl+N: daftarkan pasien baru."))
            return
        in_table = self.table.hasFocus() and self.current_row() is not None
        if count > 1 and not in_table:
            self.into_table()
            self.count_label.setText(self.tr("{count} pasien — pilih dengan ↑/↓ lalu Enter atau Ctrl+K")
                                     .format(count=format_number(count)))
            return
        row = self.current_row() if in_table else 0
        if row is None:
            return
        if action == "visit":
            self.new_visit_at(row)
        else:
            self.open_patient_at(row)

    # -- patients -------------------------------------------------------------------------------

    def open_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.open_patient_at(row)

    def open_patient_at(self, row: int):
        assert self.model is not None
        patient_id = self.model.record_id(row)
        return self.open_patient(patient_id) if patient_id else None

    def open_patient(self, patient_id: str):
        from .patient_dialog import PatientDialog

        dialog = PatientDialog(self.store, self.user, patient_id, parent=self)
        return self._show(dialog)

    def new_record(self):
        return self.new_patient()

    def new_patient(self):
        if self.model is None:
            return None
        from .patient_dialog import PatientDialog

        dialog = PatientDialog(self.store, self.user, None, parent=self)
        dialog.use_existing.connect(self.open_patient)
        text = self.search.text().strip()
        compact = re.sub(r"[\s.\-]", "", text)
        if compact.isdigit() and len(compact) == 16:
            dialog.form.fields["nik"].setText(compact)
        elif compact.isdigit() and len(compact) == 13:
            dialog.form.fields["no_bpjs"].setText(compact)
        elif text and not compact.isdigit() and not text.upper().startswith("RM"):
            dialog.form.fields["nama"].setText(" ".join(w[:1].upper() + w[1:] for w in text.split()))
            dialog.form.fields["nama"].end(False)
        return self._show(dialog)

    def _show(self, dialog):
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._patient_saved)
        dialog.finished.connect(lambda _r: self._back_from_dialog())
        dialog.open()
        dialog.activateWindow()
        return dialog

    def _back_from_dialog(self) -> None:
        """A form closed: the cursor goes back to the search box, ready for the next patient."""
        self.window().activateWindow()
        self.focus_search()

    def _patient_saved(self, patient_id: str) -> None:
        assert self.model is not None
        row = self.model.row_of(patient_id)
        if row is not None:
            self.table.selectRow(row)

    # -- visits ---------------------------------------------------------------------------------

    def new_visit(self):
        """The button: the selected patient, or the single one found."""
        if self.model is None:
            return None
        row = self.current_row()
        if row is None and self.model.rowCount() == 1:
            row = 0
        if row is None:
            self.count_label.setText(self.tr("Cari dan pilih pasien dulu, lalu Ctrl+K."))
            self.focus_search()
            return None
        return self.new_visit_at(row)

    def new_visit_at(self, row: int):
        assert self.model is not None
        patient_id = self.model.record_id(row)
        if patient_id is None:
            return None
        from .visit_dialog import VisitDialog

        dialog = VisitDialog(self.store, self.user, patient_id, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._visit_saved)
        dialog.finished.connect(lambda _r: self._back_from_dialog())
        dialog.open()
        dialog.activateWindow()
        return dialog

    def _visit_saved(self, _visit_id: str, summary: str) -> None:
        self.banner.setText(summary)
        self.banner.show()

    # -- tabs -----------------------------------------------------------------------------------

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.malaria:
            self.malaria.ensure_loaded()
