"""What printing needs, as a form: the letterhead (kop surat) and the signatory of certificates.

One widget for the two places that ask for it: the first start (a page that may be skipped) and the
small dialog that opens when a certificate is about to be issued and something is still missing.
Labels come from ``printing.settings.SETTINGS`` (the same as Pengaturan → Cetak); the values are
checked by ``settings.check_print_settings`` and shown at their fields.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import services
from desktop.printing import settings
from desktop.tasks import pick

from .widgets.field_form import FieldForm

KOP_KEYS = ("kop_instansi", "kop_nama", "kop_alamat", "kop_kontak", "kop_logo")
SIGNATORY_KEYS = (services.META_TTD_NAMA, services.META_TTD_NIP, services.META_TTD_JABATAN)
LOGO_PREVIEW_HEIGHT = 64


class LogoPreview(QLabel):
    """The chosen logo, small, so a wrong file is seen before anything is printed."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("logoPreview")
        self.setFixedHeight(LOGO_PREVIEW_HEIGHT)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.hide()  # no logo chosen: no empty band in the form

    def show_file(self, path: str | Path, base: Path | None = None) -> None:
        """Shows the picture at ``path`` (relative to ``base``, the data folder, when not absolute),
        or why there is none."""
        text = str(path).strip()
        self.setVisible(bool(text))
        file = Path(text) if text and (Path(text).is_absolute() or base is None) else (base or Path()) / text
        pixmap = QPixmap(str(file)) if text else QPixmap()
        if pixmap.isNull():
            self.setPixmap(QPixmap())
            self.setText(self.tr("Berkas ini bukan gambar PNG atau JPG.") if text else "")
            return
        self.setText("")
        self.setPixmap(pixmap.scaledToHeight(LOGO_PREVIEW_HEIGHT, Qt.TransformationMode.SmoothTransformation))


class PrintSetupForm(QWidget):
    """The fields named in ``keys`` (kop first, then the signatory), each group in its own box."""

    def __init__(self, keys: tuple[str, ...] = KOP_KEYS + SIGNATORY_KEYS, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        labels = {s.key: pick(s.label_id, s.label_en) for s in settings.SETTINGS}
        self.inputs: dict[str, QLineEdit] = {}
        self.forms: list[FieldForm] = []
        self.logo_preview: LogoPreview | None = None
        groups = ((self.tr("Kop surat"), [k for k in KOP_KEYS if k in keys]),
                  (self.tr("Penandatangan surat keterangan"), [k for k in SIGNATORY_KEYS if k in keys]))
        for title, group_keys in groups:
            if not group_keys:
                continue
            box = QGroupBox(title)
            QVBoxLayout(box).setContentsMargins(4, 4, 4, 4)
            form = FieldForm()
            for key in group_keys:
                edit = QLineEdit()
                edit.setMaxLength(300)
                if key == "kop_logo":
                    form.add_field(key, labels[key], edit, hint=self._logo_chooser(edit))
                    self.logo_preview = LogoPreview()
                    form.add_widget(self.logo_preview)
                    edit.textChanged.connect(self._show_logo)
                else:
                    form.add_field(key, labels[key], edit)
                self.inputs[key] = edit
            box.layout().addWidget(form)
            layout.addWidget(box)
            self.forms.append(form)
        if services.META_TTD_NAMA in self.inputs:
            self.inputs[services.META_TTD_NAMA].setPlaceholderText(self.tr("mis. Drs. Yakobus Beanal, M.Si"))
        if services.META_TTD_NIP in self.inputs:
            self.inputs[services.META_TTD_NIP].setPlaceholderText(self.tr("18 angka, mis. 19750812 200003 1 005"))
        if "kop_kontak" in self.inputs:
            self.inputs["kop_kontak"].setPlaceholderText(self.tr("mis. Telp. (0901) 321000"))
        if "kop_alamat" in self.inputs:
            self.inputs["kop_alamat"].setPlaceholderText(self.tr("mis. Jl. Cenderawasih No. 1, Timika"))

    def _logo_chooser(self, edit: QLineEdit) -> QWidget:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        choose = QPushButton(self.tr("Pilih…"))
        choose.setObjectName("chooseLogo")
        choose.setAutoDefault(False)
        choose.clicked.connect(lambda: self._choose_logo(edit))
        row.addWidget(choose)
        return holder

    def _choose_logo(self, edit: QLineEdit) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Pilih logo"), "", self.tr("Gambar (*.png *.jpg *.jpeg)"))
        if path:
            edit.setText(path)

    def _show_logo(self, path: str) -> None:
        if self.logo_preview is not None:
            self.logo_preview.show_file(path)

    def set_values(self, values: dict[str, str]) -> None:
        for key, edit in self.inputs.items():
            edit.setText(values.get(key) or "")

    def values(self) -> dict[str, str]:
        return {key: edit.text().strip() for key, edit in self.inputs.items()}

    def clear_errors(self) -> None:
        for form in self.forms:
            form.clear_errors()

    def set_error(self, key: str, message: str) -> None:
        """One message at one field (a check made here, not by the domain), with the focus there."""
        for form in self.forms:
            if key in form.fields:
                form.set_error(key, message)
                form.fields[key].setFocus()

    def show_errors(self, errors) -> list:
        """Each FieldError at its field (focus on the first); returns those that belong to no field here."""
        rest = list(errors)
        for form in self.forms:
            rest = form.show_field_errors(rest)
        first = next((edit for key, edit in self.inputs.items()
                      if any(f.errors[key].isVisible() or f.errors[key].text() for f in self.forms if key in f.fields)),
                     None)
        if first is not None:
            first.setFocus()
        return rest
