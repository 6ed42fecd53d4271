"""The shared table model of every register: row ids from SQL, row contents fetched a page at a time.

Modelled on Anki's browser table model: the model holds only the ordered rowids of the matching
records (an ids query on a worker thread) and a cache of the rows the view has asked for. A view
with fixed row heights asks only for the visible rows, so scrolling a million-row register
touches ~100 rows at a time. Sorting and filtering are SQL, in the subclass's query functions.

A subclass says how to query (``query_ids``, ``query_rows``, ``query_rowid``), which changes
concern it (``reaction``), and how a cell looks (``column_title``, ``display``, ``decoration``).
A subclass naming ``attachment_owner`` gets the paperclip column (``attachment_column``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QWidget

from desktop.store.driver import sqlite3
from desktop.store.records import ChangeSet, Store
from desktop.tasks import QueryOp, show_failure

from ..qt_values import DECORATION_ROLE, DESCENDING_ORDER, DISPLAY_ROLE, USER_ROLE
from ..widgets.after_paint import after_next_paint
from . import attachment_column
from .letter_query import Interruptible, QueryCancelled

_ROOT = QModelIndex()  # the invisible root; never mutated
PAGE = 100  # rows fetched per cache miss
CACHE_LIMIT = 5000  # rows kept; beyond that the cache starts over
RECORD_ID_ROLE = USER_ROLE + 1
# Roles as ints (qt_values): the first screen's model never names PySide's Qt namespace.
_DISPLAY_OR_DECORATION = (DISPLAY_ROLE, DECORATION_ROLE)


class RowIdTableModel(QAbstractTableModel):
    loaded = Signal(int)  # row count, after each query's results were applied
    first_rows = Signal(int)  # the first screenful is showing while the full list still loads
    PREVIEW_ROWS = 100
    # The view showing the rows (its page sets it): a RegisterTable, told when cells are asked for (its ``painted``).
    painted_in: QWidget | None = None
    attachment_owner: str | None = None  # the collection whose attachments the paperclip column counts

    def __init__(self, store: Store, columns: list[str], initial_filter, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        # The paperclip column comes last in the model (a remembered column layout keeps its meaning);
        # the view shows it second (attachment_column.place).
        self.columns = [*columns, attachment_column.KEY] if self.attachment_owner else columns
        self.filter = initial_filter
        self._ids: list[int] = []
        self._cache: dict[int, dict] = {}
        self._generation = 0  # results of an older query are dropped when a newer one is running
        self.loading = False
        self._running: Interruptible | None = None

    # -- per register (override) ------------------------------------------------------------------

    def query_ids(self, store: Store, f, running: Interruptible | None, limit: int | None) -> list[int]:
        raise NotImplementedError

    def query_rows(self, conn: sqlite3.Connection, rowids: list[int]) -> dict[int, dict]:
        raise NotImplementedError

    def query_rowid(self, conn: sqlite3.Connection, record_id: str) -> int | None:
        raise NotImplementedError

    def reaction(self, changes: ChangeSet) -> str | None:
        """What a write means for this register: "refresh" (re-run the ids query), "repaint" (drop
        cached rows only) or None (not ours)."""
        raise NotImplementedError

    def prepare(self) -> None:
        """Called on every reset (load what the cells need, e.g. service names)."""

    def column_title(self, key: str) -> str:
        return key

    def display(self, key: str, record: dict) -> str:
        value = record.get(key)
        return "" if value is None else str(value)

    def decoration(self, role: int, key: str, record: dict):
        """Any role other than display text: colours, fonts, tooltips, alignment."""
        return None

    # -- queries ------------------------------------------------------------------------------

    def set_filter(self, f) -> None:
        self.filter = f
        self.refresh()

    def refresh(self, preview: bool = True) -> None:
        """Runs the ids query on a worker; the view keeps showing the old rows until it is done.

        ``preview``: show the first screenful as soon as it is ready (start-up, a new search or
        sort), and only then ask for the whole list, after the rows are painted: until then the
        worker spends no CPU on a million ids the screen cannot show (docs/BENCHMARKS.md "Start").
        A refresh caused by a write elsewhere passes False, so the list the clerk is scrolling is
        replaced once, not shrunk to a screenful first."""
        self._generation += 1
        generation = self._generation
        if self._running is not None:
            self._running.cancel()
        self._running = running = Interruptible()
        self.loading = True
        f = self.filter

        def whole_list() -> None:
            if generation != self._generation:
                return  # a newer query started meanwhile
            QueryOp(self, lambda store: self.query_ids(store, f, running, None),
                    success=lambda ids: self._apply_ids(generation, ids)) \
                .failure(lambda exc: self._query_failed(generation, exc)).run()

        def first_screen(store: Store) -> tuple[list[int], dict[int, dict]]:
            # The first screenful's rows are read here too, on the worker (while the GUI thread may still be
            # building the window), not by the first paint's data() calls on the GUI thread.
            ids = self.query_ids(store, f, None, self.PREVIEW_ROWS)
            return ids, self._read_rows(store.read(), ids[:PAGE])

        if self.PREVIEW_ROWS and (preview or not self._ids):
            QueryOp(self, first_screen, success=lambda found: self._apply_preview(generation, *found, whole_list)) \
                .failure(lambda exc: whole_list()).run()  # the whole list's query reports any failure
        else:
            whole_list()

    def _apply_preview(self, generation: int, ids: list[int], rows: dict[int, dict],
                       whole_list: Callable[[], None]) -> None:
        if generation != self._generation or not self.loading:
            return  # a newer query started
        if len(ids) < self.PREVIEW_ROWS:
            self._apply_ids(generation, ids, rows)  # fewer than a screenful match: that is the whole list
            return
        self._reset(ids, rows)
        self.first_rows.emit(len(ids))
        if self.painted_in is not None:  # the first rows are painted before the long query starts
            after_next_paint(self.painted_in, whole_list)
        else:
            QTimer.singleShot(0, self, whole_list)

    def _apply_ids(self, generation: int, ids: list[int], rows: dict[int, dict] | None = None) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self._running = None
        self._reset(ids, rows)
        self.loaded.emit(len(ids))

    def _reset(self, ids: list[int], rows: dict[int, dict] | None = None) -> None:
        """The new list of ids, with the rows already read for some of them (the first screenful)."""
        self.beginResetModel()
        self._ids = ids
        self._cache.clear()
        if rows:
            self._cache.update(rows)
        self.prepare()
        self.endResetModel()

    def _query_failed(self, generation: int, exc: Exception) -> None:
        if isinstance(exc, QueryCancelled) or generation != self._generation:
            return
        self.loading = False
        self._running = None
        show_failure(self, exc)

    def on_changed(self, changes: ChangeSet) -> None:
        """From the app-wide ``changed`` signal (the one way views learn about writes)."""
        what = self.reaction(changes)
        if what is None and self.attachment_owner and "attachments" in changes.collections:
            what = "repaint"  # a count in the paperclip column changed
        if what == "refresh":
            self.refresh(preview=False)
        elif what == "repaint":
            self._cache.clear()
            if self._ids:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.columns) - 1))

    # -- lookups ------------------------------------------------------------------------------

    def record(self, row: int) -> dict | None:
        if not 0 <= row < len(self._ids):
            return None
        rowid = self._ids[row]
        found = self._cache.get(rowid)
        if found is None:
            if len(self._cache) > CACHE_LIMIT:
                self._cache.clear()
            start = max(0, row - PAGE // 4)
            self._cache.update(self._read_rows(self.store.read(), self._ids[start:start + PAGE]))
            found = self._cache.get(rowid)
        return found

    def _read_rows(self, conn: sqlite3.Connection, rowids: list[int]) -> dict[int, dict]:
        rows = self.query_rows(conn, rowids)
        if self.attachment_owner:
            attachment_column.add_counts(conn, self.attachment_owner, rows)
        return rows

    def record_id(self, row: int) -> str | None:
        record = self.record(row)
        return record["id"] if record else None

    def row_of(self, record_id: str) -> int | None:
        rowid = self.query_rowid(self.store.read(), record_id)
        if rowid is None:
            return None
        try:
            return self._ids.index(rowid)
        except ValueError:
            return None

    # -- Qt model API -------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    # No ``headerData()``: it is handed a Qt.Orientation, and the first call (the view asks as soon as it gets the
    # model) builds PySide's whole Qt namespace. The table's header reads the titles from a Qt item model filled
    # from ``column_header`` (register_base.header_titles).

    def column_header(self, section: int, role: int):
        """What the horizontal header shows for ``section`` in ``role`` (None: nothing)."""
        if not 0 <= section < len(self.columns):
            return None
        if self.columns[section] == attachment_column.KEY:
            return attachment_column.header(role)
        return self.column_title(self.columns[section]) if role == DISPLAY_ROLE else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY_ROLE):
        view = self.painted_in
        if view is not None and not view.paint_noticed:  # the view is painting rows (RegisterTable.painted)
            view.cells_asked()
        if not index.isValid():
            return None
        record = self.record(index.row())
        if record is None:
            return None
        key = self.columns[index.column()]
        if key == attachment_column.KEY:
            value = attachment_column.cell(role, record)
            if value is not None or role in _DISPLAY_OR_DECORATION:
                return value
        if role == DISPLAY_ROLE:
            return self.display(key, record)
        if role == RECORD_ID_ROLE:
            return record["id"]
        return self.decoration(role, key, record)

    def sort(self, column: int, order=0) -> None:
        """``order``: a Qt.SortOrder from the view, or its value (qt_values) from a page's first query. Asked again
        for the order a query already ran in (the view's sorting turned on after the first paint), it does nothing."""
        if 0 <= column < len(self.columns) and self.columns[column] != attachment_column.KEY:  # counts: no order
            wanted = self.filter.with_(sort=self.columns[column],
                                       descending=getattr(order, "value", order) == DESCENDING_ORDER)
            if wanted != self.filter or self._generation == 0:
                self.set_filter(wanted)

    # No ``flags()``: QAbstractTableModel's own (enabled, selectable, never has children) is the register's, and a
    # Python one would name the Qt namespace at the first paint.
