"""Asked right where a certificate is issued, when what it needs is still missing.

The first certificate of a new office used to fail at the last step ("Nama penandatangan belum
diatur…") and send the clerk to another screen. Now "Selesai — terbitkan surat" opens this small
dialog instead: the signatory (name required, NIP and position) and, when the letterhead has no
address yet, the kop's address and phone line. Saving writes them as Pengaturan → Cetak would (one
write op) and the issue carries on; Batal leaves everything as it was.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop.domain import services
from desktop.printing import settings
from desktop.store.records import Store, ValidationError
from desktop.tasks import WriteOp, pick, show_failure

from ..print_setup_form import SIGNATORY_KEYS, PrintSetupForm


def keys_to_ask(missing: list[str]) -> tuple[str, ...]:
    """The fields to show for what is missing: the whole signatory, and the kop's address lines."""
    keys: tuple[str, ...] = ()
    if "kop_alamat" in missing:
        keys += ("kop_alamat", "kop_kontak")
    if services.META_TTD_NAMA in missing:
        keys += SIGNATORY_KEYS
    return keys


class PrintSetupDialog(QDialog):
    def __init__(self, current: dict[str, str], missing: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("printSetupDialog")
        self.setWindowTitle(self.tr("Sebelum surat keterangan diterbitkan"))
        self.setMinimumWidth(600)  # a full name with titles and a position read whole
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Surat keterangan ini perlu data berikut. Isi sekali di sini; tersimpan juga di "
                               "Pengaturan → Cetak."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.form = PrintSetupForm(keys_to_ask(missing))
        self.form.set_values(current)
        layout.addWidget(self.form)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(self.tr("Simpan dan lanjutkan"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.current = dict(current)
        first = next(iter(self.form.inputs.values()), None)
        if services.META_TTD_NAMA in self.form.inputs:
            first = self.form.inputs[services.META_TTD_NAMA]
        if first is not None:
            first.setFocus()

    def changed(self) -> dict[str, str | None]:
        return {k: (v or None) for k, v in self.form.values().items() if v != (self.current.get(k) or "")}

    def save(self) -> None:
        values = self.changed()
        self.form.clear_errors()
        self.error.hide()
        if services.META_TTD_NAMA in self.form.inputs and not self.form.values()[services.META_TTD_NAMA]:
            self.form.set_error(services.META_TTD_NAMA,
                                self.tr("Nama penandatangan wajib diisi untuk menerbitkan surat keterangan."))
            return
        self.save_button.setEnabled(False)
        WriteOp(self, lambda store: _write(store, values)).success(lambda _r: self.accept()) \
            .failure(self._failed).run()

    def _failed(self, exc: Exception) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            rest = self.form.show_errors(exc.errors)
            if rest:
                self.error.setText("\n".join(pick(e.message, e.message_en) for e in rest))
                self.error.show()
        else:
            show_failure(self, exc)


def _write(store: Store, values: dict[str, str | None]) -> None:
    if values:
        settings.update_print_settings(store, values)
