"""What every register page sets up the same way: the table, the delayed search, the keys, the
remembered columns, the selection kept across a refresh, a word in place of an empty grid, and a
legend for the coloured rows.

The letters, permohonan/pengaduan and patients pages inherit ``RegisterBase`` and add their own
filters, counters and dialogs. Keys: Ctrl+N new, Ctrl+F search, ↓ from the search box into the
table, Enter on a row opens it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QObject, QTimer, Signal
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QWidget,
)

from ..qt_values import ACCESSIBLE_TEXT_ROLE, DECORATION_ROLE, DISPLAY_ROLE, TOOLTIP_ROLE
from ..settings import app_settings
from ..widgets.after_paint import after_rows_painted
from ..widgets.shortcuts import shortcut
from . import attachment_column
from .rowid_model import RowIdTableModel

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent

SEARCH_DELAY_MS = 150


class RegisterTable(QTableView):
    """A register's table. ``painted``: after each paint that showed rows (what waits for the first rows to be on
    screen waits for it: widgets/after_paint.py).

    The table knows it from its model: the view asks for the cells it paints, and the model's ``data()`` calls
    ``cells_asked`` (RowIdTableModel). A Python ``paintEvent`` would be handed a QPaintEvent, and PySide would set up
    QEvent and its 179 enum members before the first rows are on screen (~12M instructions of a cold start,
    docs/BENCHMARKS.md "The cold main window, a sixth pass"). A table with no rows asks for no cells: what waits
    for its paint runs on a zero timer (after_paint)."""

    painted = Signal()
    paint_noticed = False  # a paint asked for cells; ``painted`` follows once it is done

    def cells_asked(self) -> None:
        self.paint_noticed = True
        QTimer.singleShot(0, self, self._painted)  # runs after the paint that is asking, and its flush

    def _painted(self) -> None:
        self.paint_noticed = False
        self.painted.emit()


class EmptyTableHint(QLabel):
    """Shown over an empty table: why it is empty and what to press. ``text_for()`` is asked each
    time, since the reason (nothing yet, or nothing matches the search) changes."""

    def __init__(self, table: QTableView, text_for: Callable[[], str]):
        super().__init__(table.viewport())
        self.setObjectName("emptyHint")  # its look: resources/qss (a style sheet of its own costs ~5 ms per page)
        self.setWordWrap(True)
        from PySide6.QtCore import Qt  # made when a table is first empty; the first screen has rows to show

        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.table = table
        self.text_for = text_for
        self.hide()
        model = table.model()
        model.loaded.connect(lambda _count: self.update_hint())
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(lambda *_args: self.update_hint())
        table.viewport().installEventFilter(self)

    def update_hint(self) -> None:
        model = self.table.model()
        empty = model.rowCount() == 0 and not getattr(model, "loading", False)
        if empty:
            self.setText(self.text_for())
            self._fit()
        self.setVisible(empty)

    def _fit(self) -> None:
        viewport = self.table.viewport()
        self.setGeometry(0, 0, viewport.width(), min(viewport.height(), 160))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        from PySide6.QtCore import QEvent  # (not at import: the first screen sets up no Python event class)

        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._fit()
        return False


def _escape(text: str) -> str:
    """``html.escape`` without quotes (the text sits between tags): the html module's import builds its table of
    2,231 named entities, ~1.5 ms of the first screen for three characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _css(colour: QColor | str) -> str:
    """A colour's #rrggbb. Not ``QColor(colour)`` for a QColor: that overload check builds PySide's Qt namespace."""
    return colour.name() if isinstance(colour, QColor) else QColor(colour).name()


def colour_legend(entries: list[tuple[QColor | str, QColor | str, str]], parent: QWidget | None = None) -> QLabel:
    """A legend under a table: (background, text colour, meaning) per kind of row. One wrapping line,
    so a narrow window never has to scroll sideways for it."""
    swatches = [f"<span style='background:{_css(bg)}; color:{_css(fg)};'>"
                f"&nbsp;{_escape(meaning)}&nbsp;</span>" for bg, fg, meaning in entries]
    # Rich text: Qt's automatic format sees the leading tag (setTextFormat would name the Qt namespace).
    legend = QLabel("&nbsp;&nbsp;&nbsp; ".join(swatches), parent)
    legend.setObjectName("colourLegend")
    legend.setWordWrap(True)
    legend.entries = [meaning for _bg, _fg, meaning in entries]  # what it explains (tests read it)
    return legend


class RegisterBase(QWidget):
    """A register page. A subclass builds its layout with ``make_search``/``make_table``, calls
    ``connect_register`` once both exist, and overrides ``apply_filters``, ``open_current``,
    ``new_record`` and ``empty_text``."""

    settings_key = ""  # where the column layout is remembered ("" = not remembered)
    table: QTableView
    search: QLineEdit
    model: RowIdTableModel

    # -- building -----------------------------------------------------------------------------------

    def make_search(self, placeholder: str) -> QLineEdit:
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(placeholder)
        return self.search

    def make_table(self, model: RowIdTableModel, widths: dict[str, int], default_width: int, *,
                   object_name: str = "registerTable", movable: bool = True) -> QTableView:
        """A fixed-row-height, whole-row-selecting, read-only table over ``model``, with the empty hint."""
        self.model = model
        table = self.table = RegisterTable(self)
        table.setObjectName(object_name)
        table.setModel(model)
        table.horizontalHeader().setModel(header_titles(model, table))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.setAlternatingRowColors(True)
        table.setTabKeyNavigation(False)
        vheader = table.verticalHeader()
        vheader.hide()
        # Fixed row heights: the view never measures rows, so it asks only for the visible ones.
        vheader.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vheader.setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = table.horizontalHeader()
        header.setSectionsMovable(movable)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        for column, key in enumerate(model.columns):
            header.resizeSection(column, widths.get(key, default_width))
        attachment_column.place(header, model)
        model.painted_in = table  # its whole list is queried once its first rows are painted
        self._empty_hint: EmptyTableHint | None = None
        for signal in (model.loaded, model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(lambda *_args: self._hint_if_empty())
        return table

    def show_sorted(self) -> None:
        """Runs the first query in the header's sort order (the remembered one, or Qt's own: the first column,
        newest first), and lets a click on a column title sort once its first rows are painted.

        Not ``setSortingEnabled(True)`` at once: it hands the model's ``sort`` a Qt.SortOrder, and the first Qt enum
        handed to Python builds PySide's whole Qt namespace (~120M instructions, a tenth of a cold start). The order
        is read from the header's saved state instead."""
        header = self.table.horizontalHeader()
        header.setSortIndicatorShown(True)
        self.model.sort(header.sortIndicatorSection(), sort_order_in(header.saveState()))
        # The view's sorting calls the model's sort in the same order: a query already ran in it, so it does nothing.
        after_rows_painted(self.table, self.model, lambda: self.table.setSortingEnabled(True))

    @property
    def empty_hint(self) -> EmptyTableHint:
        """Made when the table is first empty, not before: it sits on the table's viewport, and PySide's first
        wrapper of a viewport sets up most of the classes of QtWidgets (~10 ms of a start with rows to show)."""
        if self._empty_hint is None:
            self._empty_hint = EmptyTableHint(self.table, self.empty_text)  # from now on it follows the model
            self._empty_hint.update_hint()
        return self._empty_hint

    def _hint_if_empty(self) -> None:
        if self._empty_hint is None and self.model.rowCount() == 0 and not getattr(self.model, "loading", False):
            self.empty_hint.update_hint()

    def connect_register(self, *, search_signal: str = "textChanged", extra_shortcuts: bool = True) -> None:
        """The delayed search and the keys. ``search_signal``: which of the search box's signals
        starts the delay (the patients page waits for textEdited only)."""
        self._select_after_load: str | None = getattr(self, "_select_after_load", None)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        getattr(self.search, search_signal).connect(lambda _t: self._search_timer.start())
        # Keys from their text (widgets/shortcuts.py): no QKeySequence class, no Qt namespace before the first paint.
        if extra_shortcuts:
            shortcut(self, "Ctrl+N", self.new_record)  # QKeySequence.StandardKey.New and Find on Windows and Linux
            shortcut(self, "Ctrl+F", self.focus_search)
        for key in ("Return", "Enter"):
            shortcut(self.table, key, self.open_current, widget_only=True)
        shortcut(self.search, "Down", self.into_table, widget_only=True)
        self.setFocusProxy(self.search)
        self.watch_width()

    def keep_selection_across_refresh(self) -> None:
        """The selected record stays selected when the table is re-queried (call ``reselect`` when loaded)."""
        self.model.modelAboutToBeReset.connect(self._remember_selection)

    # -- per register (override) --------------------------------------------------------------------

    def apply_filters(self) -> None:
        raise NotImplementedError

    def open_current(self):
        raise NotImplementedError

    def new_record(self):
        raise NotImplementedError

    def empty_text(self) -> str:
        """What the empty table says: why it is empty, and what to press."""
        return self.tr("Tidak ada data.")

    def is_filtered(self) -> bool:
        return bool(self.search.text().strip())

    # -- searching and selection --------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def into_table(self) -> None:
        """↓ from the search box: into the list with a row selected, so Enter opens it (focus alone left the
        first cell framed and nothing selected, and Enter opened nothing)."""
        if not self.model.rowCount():
            return  # nothing to go to: the cursor stays in the search box
        if not self.table.selectionModel().selectedRows():
            self.table.selectRow(max(self.table.currentIndex().row(), 0))
        self.table.setFocus()

    def current_row(self) -> int | None:
        """The selected row, or the row of the framed cell when none is selected (Tab into the list)."""
        rows = self.table.selectionModel().selectedRows()
        if rows:
            return rows[0].row()
        current = self.table.currentIndex()
        return current.row() if current.isValid() else None

    def _remember_selection(self) -> None:
        if self._select_after_load is None:
            row = self.current_row()
            if row is not None:
                self._select_after_load = self.model.record_id(row)

    def reselect(self) -> None:
        """After a load: select (and show) the record remembered before it, if it is still there."""
        if self._select_after_load:
            row = self.model.row_of(self._select_after_load)
            self._select_after_load = None
            if row is not None:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))

    # -- a narrow window -----------------------------------------------------------------------------

    # No resizeEvent or showEvent here: a Python event handler called before the first paint sets up QEvent's 179
    # enum members (see RegisterTable). The page watches its own resizes and its holder's with an event filter,
    # from the first screen's paint on.

    def watch_width(self) -> None:
        """The title's place follows the width, from the first screen's paint on (called once the page is built)."""
        self._holder: QWidget | None = None
        # Not before the first screen is painted: the holder is a scroll area's viewport, and PySide's first
        # wrapper of a viewport sets up most of the classes of QtWidgets (~10 ms).
        QTimer.singleShot(0, self, self._when_in_window)

    def _when_in_window(self) -> None:
        after_first_screen = getattr(self.window(), "after_first_screen", None)  # MainWindow's
        if after_first_screen is not None:
            after_first_screen(self._watch_holder)
        else:
            self._watch_holder()

    def _watch_holder(self) -> None:
        """Inside a scroll area the page keeps its minimum width when the area narrows: watch the area."""
        parent = self.parentWidget()
        if parent is not None:
            parent.installEventFilter(self)
        self.installEventFilter(self)
        self._holder = parent or self
        self._place_title()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        from PySide6.QtCore import QEvent  # (installed after the first paint)

        if event.type() == QEvent.Type.Resize and obj in (self, getattr(self, "_holder", None)):
            self._place_title()
        return super().eventFilter(obj, event)

    def _place_title(self) -> None:
        """The page title sits beside the buttons; on a narrow window (150 % scaling) it takes a row of
        its own above them, so the buttons never run off the right edge. (From the first paint on: until
        then the holder's width is not asked, see showEvent.)"""
        if getattr(self, "_holder", None) is None:
            return
        title, row = getattr(self, "title_label", None), getattr(self, "header_row", None)
        outer = row.parent() if row is not None else None
        if title is None or outer is None or not hasattr(outer, "insertWidget"):
            return
        beside = row.indexOf(title) >= 0
        buttons_width = row.minimumSize().width() - (title.minimumSizeHint().width() + row.spacing() if beside else 0)
        margins = self.layout().contentsMargins() if self.layout() is not None else None
        room = self._holder.width() - (margins.left() + margins.right() if margins else 0) - 24
        fits_beside = buttons_width + row.spacing() + title.sizeHint().width() <= room
        if beside and not fits_beside:
            row.removeWidget(title)
            outer.insertWidget(_index_of(outer, row), title)
        elif not beside and fits_beside:
            outer.removeWidget(title)
            row.insertWidget(0, title)

    # -- remembered layout --------------------------------------------------------------------------

    def restore_state(self) -> None:
        if not self.settings_key:
            return
        state = app_settings().value(self.settings_key)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.table.horizontalHeader().restoreState(state)
            attachment_column.place(self.table.horizontalHeader(), self.model, restored=True)

    def save_state(self) -> None:
        if not self.settings_key:
            return
        settings = app_settings()
        settings.setValue(self.settings_key, self.table.horizontalHeader().saveState())
        settings.sync()


def header_titles(model: RowIdTableModel, parent: QObject) -> QStandardItemModel:
    """The model's column titles in a Qt item model, for the table's header (RowIdTableModel has no headerData)."""
    titles = QStandardItemModel(0, model.columnCount(), parent)
    for section in range(model.columnCount()):
        item = QStandardItem()
        for role in (DISPLAY_ROLE, DECORATION_ROLE, TOOLTIP_ROLE, ACCESSIBLE_TEXT_ROLE):
            value = model.column_header(section, role)
            if value is not None:
                item.setData(value, role)
        titles.setHorizontalHeaderItem(section, item)
    return titles


def sort_order_in(state: QByteArray) -> int:
    """The sort order (qt_values) in a header's ``saveState()``, read from the bytes: ``sortIndicatorOrder()`` would
    return a Qt.SortOrder. The state is QHeaderView's QDataStream: a version marker, a version, the orientation, then
    the order, each a big-endian 32-bit int (qheaderview.cpp, QHeaderViewPrivate::write)."""
    return int.from_bytes(state.data()[12:16], "big")


def _index_of(layout, child_layout) -> int:
    return next(i for i in range(layout.count()) if layout.itemAt(i).layout() is child_layout)
