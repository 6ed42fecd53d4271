"""Pengaturan → Cetak: the letterhead (kop surat), the signatory of certificates and the paper.

The values live in the store's meta table (``printing.settings``); ``layan print config`` changes
the same keys. An emptied field goes back to its default. Only what the clerk changed is saved.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import central_config, services
from desktop.printing import settings
from desktop.store.records import ChangeSet, Store, ValidationError
from desktop.tasks import QueryOp, TaskManager, WriteOp, pick, show_failure

from ..print_setup_form import LogoPreview
from ..widgets.field_form import FieldForm
from .signers_editor import SignersEditor


class PrintSettingsBox(QGroupBox):
    def __init__(self, manager: TaskManager, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Cetak: kop surat dan penandatangan"))
        self.setObjectName("printSettings")
        self.manager = manager
        self.loaded: dict[str, str] = {}
        layout = QVBoxLayout(self)
        self.form = FieldForm()
        self.inputs: dict[str, QWidget] = {}
        for s in settings.SETTINGS:
            label = pick(s.label_id, s.label_en)
            if s.key == "kertas":
                widget = QComboBox()
                for paper in settings.PAPERS:
                    widget.addItem(paper, paper)
                self.form.add_field(s.key, label, widget)
            elif s.key == "kop_logo":
                widget = QLineEdit()
                choose = QPushButton(self.tr("Pilih…"))
                choose.clicked.connect(self.choose_logo)
                self.form.add_field(s.key, label, widget, hint=choose)
                self.logo_preview = LogoPreview()
                self.form.add_widget(self.logo_preview)
                widget.textChanged.connect(lambda path: self.logo_preview.show_file(path, self.manager.store.data_dir))
            else:
                widget = QLineEdit()
                widget.setMaxLength(300)
                self.form.add_field(s.key, label, widget)
            self.inputs[s.key] = widget
        self.inputs["ttd_nama"].setPlaceholderText(self.tr("wajib untuk menerbitkan surat keterangan"))
        layout.addWidget(self.form)
        others = QLabel(self.tr("Penandatangan lain (Plh./Plt., atau a.n. kepala): dipilih saat surat keterangan "
                                "diterbitkan."))
        others.setWordWrap(True)
        layout.addWidget(others)
        self.signers = SignersEditor()  # desktop/ui/services/signers_editor.py
        layout.addWidget(self.signers)
        self.loaded_signers: list[dict] = []
        note = QLabel(self.tr("Kosongkan isian untuk kembali ke nilai bawaan. Berlaku untuk surat keterangan, tanda "
                              "terima dan surat keluar yang dicetak sesudahnya."))
        note.setObjectName("hint")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.managed_note = QLabel()  # which values the centre publishes (configuration push)
        self.managed_note.setObjectName("managedNote")
        self.managed_note.setWordWrap(True)
        self.managed_note.hide()
        layout.addWidget(self.managed_note)
        row = QHBoxLayout()
        self.result = QLabel()
        self.result.setObjectName("hint")
        row.addWidget(self.result, 1)
        self.save_button = QPushButton(self.tr("Simpan pengaturan cetak"))
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        manager.changed.connect(self._on_changed)
        self.reload()

    def reload(self) -> None:
        QueryOp(self, _load, success=self._show).using(self.manager).run()

    def _on_changed(self, changes: ChangeSet) -> None:
        if "config" in changes.collections:  # new values from the centre arrived by sync
            self.reload()

    def _show(self, loaded: tuple[dict[str, str], list[str], list[dict]]) -> None:
        values, managed, signers = loaded
        self.loaded_signers = signers
        self.signers.set_entries(signers)
        labels = [pick(s.label_id, s.label_en) for s in settings.SETTINGS if s.key in managed]
        self.managed_note.setText(self.tr(
            "Diatur oleh pusat: {names}. Perubahan di sini berlaku sampai pusat menerbitkan nilai baru.").format(
            names=", ".join(labels)))
        self.managed_note.setVisible(bool(labels))
        self.loaded = dict(values)
        for key, widget in self.inputs.items():
            value = values.get(key) or ""
            if isinstance(widget, QComboBox):
                index = widget.findData(value)
                widget.setCurrentIndex(index if index >= 0 else 0)
            else:
                widget.setText(value)

    def values(self) -> dict[str, str]:
        out = {}
        for key, widget in self.inputs.items():
            out[key] = widget.currentData() if isinstance(widget, QComboBox) else widget.text().strip()
        return out

    def changed_values(self) -> dict[str, str | None]:
        return {k: (v or None) for k, v in self.values().items() if v != (self.loaded.get(k) or "")}

    def choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Pilih logo"), "", self.tr("Gambar (*.png *.jpg *.jpeg)"))
        if path:
            self.inputs["kop_logo"].setText(path)

    def save(self) -> None:
        changes = self.changed_values()
        signers = self.signers.entries()
        signers_changed = signers != self.loaded_signers
        self.form.clear_errors()
        if not changes and not signers_changed:
            self.result.setText(self.tr("Tidak ada yang berubah."))
            return

        def write(store: Store) -> None:
            if signers_changed:  # checked first: a bad row leaves the other settings unchanged too
                services.check_alternative_signers(signers)
            if changes:
                settings.update_print_settings(store, changes)
            if signers_changed:
                services.set_alternative_signers(store, signers)

        WriteOp(self, write).using(self.manager).success(self._saved).failure(self._failed).run()

    def _saved(self, _result) -> None:
        self.result.setText(self.tr("Pengaturan cetak tersimpan."))
        self.reload()

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, ValidationError):
            rows = [e for e in exc.errors if e.field == services.META_TTD_LAIN]
            self.result.setText("\n".join(pick(e.message, e.message_en) for e in rows))
            rest = self.form.show_field_errors([e for e in exc.errors if e not in rows])
            if rest:
                show_failure(self, ValidationError(rest))
        else:
            show_failure(self, exc)


def _load(store: Store) -> tuple[dict[str, str], list[str], list[dict]]:
    """The print settings, the keys among them whose value in force comes from the centre, and the
    other signatories."""
    return (settings.print_settings(store), sorted(central_config.centrally_managed(store)),
            services.alternative_signer_entries(store))
