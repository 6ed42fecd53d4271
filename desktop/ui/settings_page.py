"""Pengaturan: language, office information, letter numbering, backup and restore."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import numbering, office, users
from desktop.store import backup
from desktop.store.db import StoreError
from desktop.store.records import Store
from desktop.tasks import QueryOp, TaskManager, WriteOp, current_language, error_text, pick

from .lock import LockSettingsBox
from .services.print_settings_box import PrintSettingsBox
from .sync.page import SyncSettingsBox
from .widgets.field_form import FieldForm


def numbering_settings(store: Store) -> dict:
    return {
        "template": store.meta("numbering_template") or numbering.DEFAULT_TEMPLATE,
        "kode_unit": store.meta("numbering_kode_unit") or store.meta("office_code") or "",
        "pad": int(store.meta("numbering_pad") or numbering.DEFAULT_PAD),
    }


def save_numbering(store: Store, template: str, kode_unit: str) -> None:
    numbering.check_template(template)
    with store.transaction() as tx:
        tx.set_meta("numbering_template", template)
        tx.set_meta("numbering_kode_unit", kode_unit)


class SettingsPage(QWidget):
    language_requested = Signal(str)
    restore_requested = Signal(str)

    def __init__(self, store: Store, manager: TaskManager, user: dict, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("settingsPage")
        self.store = store
        self.manager = manager
        self.user = user
        outer = QVBoxLayout(self)
        title = QLabel(self.tr("Pengaturan"))
        title.setObjectName("pageTitle")
        outer.addWidget(title)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        # Language
        box = QGroupBox(self.tr("Bahasa"))
        form = QFormLayout(box)
        self.language = QComboBox()
        self.language.addItem("Bahasa Indonesia", "id")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if current_language() == "id" else 1)
        self.language.activated.connect(self._language_chosen)
        form.addRow(self.tr("Bahasa tampilan"), self.language)
        note = QLabel(self.tr("Bahasa langsung berganti: jendela utama dibuka ulang dalam bahasa yang dipilih."))
        note.setObjectName("hint")
        note.setWordWrap(True)
        form.addRow(note)
        layout.addWidget(box)

        # Office
        info = store.office() or {"code": "", "name": "", "kind": ""}
        box = QGroupBox(self.tr("Kantor"))
        form = QFormLayout(box)
        form.addRow(self.tr("Kode kantor"), QLabel(info["code"]))
        form.addRow(self.tr("Nama kantor"), QLabel(info["name"] or ""))
        form.addRow(self.tr("Jenis"), QLabel(pick(*office.KIND_LABELS.get(info["kind"], (info["kind"], info["kind"])))))
        device = QLabel(store.device_id())
        device.setObjectName("hint")
        form.addRow(self.tr("ID perangkat"), device)
        form.addRow(self.tr("Folder data"), QLabel(str(store.data_dir)))
        layout.addWidget(box)

        # Numbering
        box = QGroupBox(self.tr("Penomoran surat keluar"))
        box_layout = QVBoxLayout(box)
        self.numbering_form = FieldForm()
        self.template = self.numbering_form.add_field("template", self.tr("Format nomor"), QLineEdit())
        self.kode_unit = self.numbering_form.add_field("kode_unit", self.tr("Kode unit"), QLineEdit())
        self.preview = QLabel()
        self.preview.setObjectName("hint")
        self.numbering_form.add_widget(self.preview)
        box_layout.addWidget(self.numbering_form)
        help_text = QLabel(self.tr("Boleh memakai: {nomor} (wajib), {klasifikasi}, {kode_unit}, {tahun}, {bulan}, "
                                   "{bulan_romawi}."))
        help_text.setObjectName("hint")
        help_text.setWordWrap(True)
        box_layout.addWidget(help_text)
        row = QHBoxLayout()
        row.addStretch(1)
        self.save_numbering_button = QPushButton(self.tr("Simpan penomoran"))
        self.save_numbering_button.clicked.connect(self.save_numbering)
        row.addWidget(self.save_numbering_button)
        box_layout.addLayout(row)
        self.template.textChanged.connect(self._update_preview)
        self.kode_unit.textChanged.connect(self._update_preview)
        layout.addWidget(box)

        # Sync schedule and screen lock (their own widgets: desktop/ui/sync, desktop/ui/lock.py)
        layout.addWidget(SyncSettingsBox(manager))
        layout.addWidget(LockSettingsBox(manager))

        # Printing: letterhead and signatory (desktop/ui/services/print_settings_box.py)
        layout.addWidget(PrintSettingsBox(manager))
        if info["kind"] != "puskesmas":  # the disposisi pick-lists (desktop/ui/forms/disposition_settings_box.py)
            from .forms.disposition_settings_box import DispositionSettingsBox

            layout.addWidget(DispositionSettingsBox(manager))

        # Puskesmas: SATUSEHAT id and service units, for its kepala and admin (desktop/ui/health/settings_box.py)
        self.health_settings = None
        if info["kind"] == "puskesmas" and user.get("role") in ("kepala", "admin"):
            from .health.settings_box import HealthSettingsBox

            self.health_settings = HealthSettingsBox(manager, user)
            layout.addWidget(self.health_settings)

        # Users of the office, for its admin and kepala; everyone's own password (desktop/ui/users_box.py)
        from .users_box import OwnPasswordBox, UsersBox

        self.users_box = UsersBox(manager, user) if users.may_manage(user) else None
        if self.users_box is not None:
            layout.addWidget(self.users_box)
        self.own_password = OwnPasswordBox(manager, user)
        layout.addWidget(self.own_password)

        # Backup
        box = QGroupBox(self.tr("Cadangan"))
        box_layout = QVBoxLayout(box)
        text = QLabel(self.tr("Cadangan otomatis dibuat sekali sehari saat aplikasi dibuka (14 terakhir disimpan "
                              "di folder data/backups). Simpan juga cadangan ke flashdisk secara berkala."))
        text.setWordWrap(True)
        box_layout.addWidget(text)
        row = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("Buat cadangan sekarang…"))
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton(self.tr("Pulihkan dari cadangan…"))
        self.restore_button.clicked.connect(self.choose_restore)
        row.addWidget(self.backup_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        box_layout.addLayout(row)
        self.backup_result = QLabel()
        self.backup_result.setWordWrap(True)
        self.backup_result.setObjectName("hint")
        box_layout.addWidget(self.backup_result)
        layout.addWidget(box)
        layout.addStretch(1)

        QueryOp(self, numbering_settings, success=self._show_numbering).using(manager).run()

    # -- language -------------------------------------------------------------------------------

    def _language_chosen(self, _index: int) -> None:
        lang = self.language.currentData()
        if lang != current_language():
            self.language_requested.emit(lang)

    # -- numbering ------------------------------------------------------------------------------

    def _show_numbering(self, values: dict) -> None:
        self._pad = values["pad"]
        self.template.setText(values["template"])
        self.kode_unit.setText(values["kode_unit"])

    def _update_preview(self) -> None:
        template = self.template.text().strip()
        try:
            numbering.check_template(template)
        except StoreError as exc:
            self.preview.setText(error_text(exc))
            return
        today = dt.date.today()
        sample = numbering.format_number(template, nomor=15, tahun=today.year, bulan=today.month,
                                         klasifikasi="400.12", kode_unit=self.kode_unit.text().strip(),
                                         pad=getattr(self, "_pad", numbering.DEFAULT_PAD))
        self.preview.setText(self.tr("Contoh: {number}").format(number=sample))

    def save_numbering(self) -> None:
        template, kode_unit = self.template.text().strip(), self.kode_unit.text().strip()
        self.numbering_form.clear_errors()
        WriteOp(self, lambda store: save_numbering(store, template, kode_unit)).using(self.manager) \
            .success(lambda _r: self.preview.setText(self.tr("Penomoran tersimpan."))) \
            .failure(self._numbering_failed).run()

    def _numbering_failed(self, exc: Exception) -> None:
        if isinstance(exc, numbering.NumberingError):
            self.numbering_form.set_error("template", error_text(exc))
            self.template.setFocus()
        else:
            from desktop.tasks import show_failure

            show_failure(self, exc)

    # -- backup and restore ---------------------------------------------------------------------

    def backup_now(self) -> None:
        default = str(Path.home() / backup.default_backup_name())
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Simpan cadangan"), default,
                                              self.tr("Cadangan Layan (*.sqlite3)"))
        if path:
            self.make_backup(path)

    def make_backup(self, path: str) -> None:
        QueryOp(self, lambda store: backup.backup_to(store, path)).using(self.manager) \
            .success(lambda target: self.backup_result.setText(self.tr("Cadangan tersimpan: {path}").format(path=target))) \
            .with_progress(self.tr("Membuat cadangan…")).run()

    def choose_restore(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Pilih berkas cadangan"), str(self.store.data_dir),
                                              self.tr("Cadangan Layan (*.sqlite3)"))
        if path:
            self.check_restore(path)

    def check_restore(self, path: str) -> None:
        """Checks the file first (on a worker), then asks, then hands over to the app to restart."""
        QueryOp(self, lambda _store: backup.check_backup_file(path, _store.data_dir)).using(self.manager) \
            .success(lambda meta: self._confirm_restore(path, meta)) \
            .with_progress(self.tr("Memeriksa berkas cadangan…")).run()

    def _confirm_restore(self, path: str, meta: dict) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Pulihkan dari cadangan?"),
                          self.tr("Data di komputer ini akan diganti dengan isi cadangan kantor {office}.\n"
                                  "Data yang sekarang disimpan dulu sebagai salinan pengaman.\n"
                                  "Aplikasi akan ditutup; buka lagi sesudahnya.").format(
                              office=meta.get("office_code") or "?"), parent=self)
        restore = box.addButton(self.tr("Pulihkan dan tutup aplikasi"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Batal"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is restore:
            self.restore_requested.emit(path)
