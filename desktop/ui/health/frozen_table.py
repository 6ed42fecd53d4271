"""A table whose first columns stay in place when it scrolls sideways (the LB1's code and diagnosis).

Qt's "Frozen Column" pattern: a second QTableView over the same model and selection model lies on top
of the main view's left edge and shows only the frozen columns; the two scroll together vertically.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget


class FrozenColumnTable(QTableView):
    def __init__(self, frozen_columns: int = 2, parent: QWidget | None = None):
        super().__init__(parent)
        self.frozen_count = frozen_columns
        self.frozen = QTableView(self)
        self.frozen.setObjectName("frozenColumns")
        self.frozen.setFocusPolicy(self.frozen.focusPolicy().NoFocus)
        self.frozen.verticalHeader().hide()
        self.frozen.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.frozen.setHorizontalScrollBarPolicy(self.frozen.horizontalScrollBarPolicy().ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollBarPolicy(self.frozen.verticalScrollBarPolicy().ScrollBarAlwaysOff)
        self.frozen.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.frozen.setAlternatingRowColors(True)
        self.frozen.setWordWrap(False)
        self.frozen.setStyleSheet("QTableView#frozenColumns { border: none; }")
        self.viewport().stackUnder(self.frozen)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.frozen.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.horizontalHeader().sectionResized.connect(self._column_resized)
        self.verticalHeader().sectionResized.connect(self._row_resized)
        self.frozen.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(self.frozen.verticalScrollBar().setValue)

    def setModel(self, model) -> None:  # noqa: N802 - Qt override
        super().setModel(model)
        self.frozen.setModel(model)
        self.frozen.setSelectionModel(self.selectionModel())
        self.frozen.setSelectionBehavior(self.selectionBehavior())
        model.modelReset.connect(self._refresh)
        model.layoutChanged.connect(self._refresh)
        self._refresh()

    def setAlternatingRowColors(self, enable: bool) -> None:  # noqa: N802 - Qt override
        super().setAlternatingRowColors(enable)
        self.frozen.setAlternatingRowColors(enable)

    def _refresh(self) -> None:
        model = self.model()
        if model is None:
            return
        for column in range(model.columnCount()):
            self.frozen.setColumnHidden(column, column >= self.frozen_count)
        for column in range(min(self.frozen_count, model.columnCount())):
            self.frozen.setColumnWidth(column, self.columnWidth(column))
        self.frozen.verticalHeader().setDefaultSectionSize(self.verticalHeader().defaultSectionSize())
        self._update_geometry()

    def frozen_width(self) -> int:
        model = self.model()
        count = min(self.frozen_count, model.columnCount() if model is not None else 0)
        return sum(self.columnWidth(c) for c in range(count))

    def _column_resized(self, column: int, _old: int, new: int) -> None:
        if column < self.frozen_count:
            self.frozen.setColumnWidth(column, new)
            self._update_geometry()

    def _row_resized(self, row: int, _old: int, new: int) -> None:
        self.frozen.setRowHeight(row, new)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._update_geometry()

    def _update_geometry(self) -> None:
        # the frozen header shows only its own (one-line) titles: give it the main header's height so
        # the rows of both views line up
        self.frozen.horizontalHeader().setFixedHeight(self.horizontalHeader().height())
        left = self.verticalHeader().width() if self.verticalHeader().isVisible() else 0
        self.frozen.setGeometry(left + self.frameWidth(), self.frameWidth(), self.frozen_width(),
                                self.viewport().height() + self.horizontalHeader().height())

    def moveCursor(self, action, modifiers) -> QModelIndex:  # noqa: N802 - Qt override
        """Moving left behind the frozen columns scrolls the cell back into view."""
        current = super().moveCursor(action, modifiers)
        if action == QAbstractItemView.CursorAction.MoveLeft and current.column() >= self.frozen_count \
                and self.visualRect(current).topLeft().x() < self.frozen_width():
            value = self.horizontalScrollBar().value() + self.visualRect(current).topLeft().x() - self.frozen_width()
            self.horizontalScrollBar().setValue(value)
        return current

    def scrollTo(self, index: QModelIndex, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:  # noqa: N802
        if index.column() >= self.frozen_count:
            super().scrollTo(index, hint)
