"""Type-ahead lists that match anywhere in the text and are wide enough to read.

Every completer in the app comes from here: "sktm" finds "Surat Keterangan Tidak Mampu (SKTM)",
"jalan" finds "Jalan rusak", in any letter case, and the list is as wide as its longest entry
(up to most of the screen) rather than as narrow as the field it belongs to.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

MAX_VISIBLE = 12
SCREEN_SHARE = 0.6  # the list never grows wider than this share of the screen
EXTRA = 40  # room for the scroll bar and the frame


def make_completer(model: QAbstractItemModel, parent: QObject, *, filtered_by_caller: bool = False) -> QCompleter:
    """A completer over ``model`` that matches anywhere, case-insensitive, with a readable list.

    ``filtered_by_caller``: the caller fills the model with its own matches (codes and name words)
    on every keystroke; the completer then only shows them, unfiltered."""
    completer = QCompleter(model, parent)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    if filtered_by_caller:
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
    else:
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.setMaxVisibleItems(MAX_VISIBLE)
    widen = lambda *_args: widen_popup(completer)  # noqa: E731
    completions = completer.completionModel()
    for signal in (completions.modelReset, completions.layoutChanged, completions.rowsInserted):
        signal.connect(widen)
    return completer


def widen_popup(completer: QCompleter) -> None:
    """Makes the list at least as wide as its longest entry (within SCREEN_SHARE of the screen)."""
    popup = completer.popup()
    model = completer.completionModel()
    metrics = popup.fontMetrics()
    rows = min(model.rowCount(), 200)
    widest = max((metrics.horizontalAdvance(str(model.index(r, 0).data() or "")) for r in range(rows)), default=0)
    widget: QWidget | None = completer.widget()
    field_width = widget.width() if widget is not None else 0
    screen = (widget.screen() if widget is not None else popup.screen()).availableGeometry()
    popup.setMinimumWidth(max(field_width, min(widest + EXTRA, int(screen.width() * SCREEN_SHARE))))


def attach_to_combo(combo: QComboBox) -> QCompleter:
    """An editable combo box's type-ahead over its own items (matches anywhere; readable list). Enter in the
    open list takes the highlighted item, or the first when none is: "sktm" + Enter is the SKTM."""
    completer = make_completer(combo.model(), combo)
    combo.setCompleter(completer)
    popup = completer.popup()  # made now, with the completer's own filter: ours, installed after, runs first
    popup.installEventFilter(FirstOnEnter(popup))
    return completer


class FirstOnEnter(QObject):
    """Highlights a list's first row when Enter comes with none highlighted, so the completer takes it.
    Without it the list closed and the combo kept the typed "sktm", which names no item."""

    def eventFilter(self, popup: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if not popup.currentIndex().isValid() and popup.model().rowCount() > 0:
                popup.setCurrentIndex(popup.model().index(0, 0))
        return False
