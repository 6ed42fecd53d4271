"""The address part of the permohonan form: the kampung/kelurahan from the official list, and a word
when the certificate would state residence in this distrik for an address in another one.

Typing any part of a kampung's name suggests it with its distrik; choosing one fills the distrik too
(widgets/kampung_completer.py). The note under the address says when the address lies in another
distrik although the service's certificate says "penduduk wilayah <this distrik>"; the request may
still be saved (the detail window then offers forwarding there, or issuing with a reason). A move
within Mimika (pengantar pindah) gets the same type-ahead for its destination kampung.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QLineEdit

from desktop.domain import services
from desktop.tasks import QueryOp

from ..widgets.field_form import FieldForm
from ..widgets.kampung_completer import KampungCompleter


class AddressCheck(QObject):
    def __init__(self, form: FieldForm, service: Callable[[], services.Service | None],
                 touched: Callable[[str], None]):
        super().__init__(form)
        self.service = service
        self.kampung, self.distrik = form.fields["kampung"], form.fields["distrik"]
        self.completer = KampungCompleter(self.kampung, self.distrik.setText)
        self.completer.chosen.connect(lambda _desa: (touched("kampung"), touched("distrik")))
        self.note = QLabel()
        self.note.setObjectName("residenceNote")
        self.note.setWordWrap(True)
        self.note.hide()
        form.add_widget(self.note)
        self.own_office: str | None = None
        QueryOp(form, lambda store: store.office_id, success=self._own_office_known).run()
        self.kampung.textChanged.connect(self.check)
        self.distrik.textChanged.connect(self.check)

    def service_changed(self, detail_widgets: dict) -> None:
        """A new service: check again, and give a destination kampung in Mimika (pengantar pindah) the
        same type-ahead, its distrik following."""
        kampung, distrik = detail_widgets.get("kampung_tujuan"), detail_widgets.get("distrik_tujuan")
        if isinstance(kampung, QLineEdit):
            self.detail_completer = KampungCompleter(kampung, distrik.setText if isinstance(distrik, QLineEdit)
                                                     else None)
        self.check()

    def _own_office_known(self, code: str | None) -> None:
        self.own_office = code
        self.check()

    def check(self, *_args) -> None:
        elsewhere = services.residence_elsewhere({"kampung": self.kampung.text(), "distrik": self.distrik.text()},
                                                 self.service(), self.own_office)
        if elsewhere is not None:
            place = f"{elsewhere.place}, " if elsewhere.place else ""
            self.note.setText(self.tr(
                "{place}Distrik {distrik} bukan wilayah kantor ini, padahal surat ini menyatakan pemohon penduduk "
                "wilayah kantor ini. Setelah disimpan, permohonan bisa diteruskan ke Distrik {distrik}.").format(
                place=place, distrik=elsewhere.distrik))
        self.note.setVisible(elsewhere is not None)
