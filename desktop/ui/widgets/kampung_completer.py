"""Type-ahead for the kampung/kelurahan of an address in Mimika, from the official list.

Attached to an existing QLineEdit (the form keeps its own field): typing any part of a name, in any
case, lists "Karang Senang — kelurahan, Distrik Kuala Kencana"; choosing one puts the name in the
field and its distrik in the distrik field beside it (``set_distrik``, when the form has one). A name not in the list
stays as typed: a hamlet or a new kampung must still be accepted. The popup is wide enough to read
the whole suggestion.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit

from desktop.domain import wilayah

SUGGESTIONS = 12
POPUP_MIN_WIDTH = 380


class KampungCompleter(QObject):
    chosen = Signal(object)  # the wilayah.Desa picked

    def __init__(self, kampung: QLineEdit, set_distrik: Callable[[str], None] | None = None):
        super().__init__(kampung)
        self.kampung, self.set_distrik = kampung, set_distrik
        self.found: list[wilayah.Desa] = []
        self.model = QStringListModel(self)
        self.completer = QCompleter(self.model, self)
        # We match anywhere in the name ourselves; the completer only shows the list.
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(SUGGESTIONS)
        self.completer.setWidget(kampung)
        self.completer.activated.connect(self._chosen)
        kampung.textEdited.connect(self._suggest)
        kampung.editingFinished.connect(self._typed_in_full)

    def _suggest(self, text: str) -> None:
        self.found = wilayah.search(text, SUGGESTIONS)
        self.model.setStringList([d.label for d in self.found])
        typed_whole = len(self.found) == 1 and self.found[0].name.casefold() == text.strip().casefold()
        if not self.found or typed_whole:  # nothing to offer: the name is typed in full (Tab takes it)
            self.completer.popup().hide()
            return
        popup = self.completer.popup()
        widest = max(popup.fontMetrics().horizontalAdvance(d.label) for d in self.found) + 40
        rect = self.kampung.rect()
        rect.setWidth(max(POPUP_MIN_WIDTH, widest, self.kampung.width()))
        self.completer.complete(rect)

    def _typed_in_full(self) -> None:
        """A name typed whole, without the list, still brings its distrik."""
        desa = wilayah.find(self.kampung.text())
        if desa is not None and self.set_distrik is not None and not self.completer.popup().isVisible():
            self.set_distrik(desa.distrik_name)
            self.chosen.emit(desa)

    def _chosen(self, label: str) -> None:
        desa = next((d for d in self.found if d.label == label), None)
        if desa is None:
            return
        self.kampung.setText(desa.name)
        if self.set_distrik is not None:
            self.set_distrik(desa.distrik_name)
        self.chosen.emit(desa)
