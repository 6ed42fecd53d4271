"""The pieces every report view is made of: a read-only table that says why it is empty, and the
layout of a report (its table with a chart beside it, and a list below)."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .chart import BarChart

_ROOT = QModelIndex()
RED = QColor("#b42318")
MIN_TEXT = 130  # px: the narrowest a stretching text column gets (then the table scrolls instead)


class RowsModel(QAbstractTableModel):
    """Rows of display texts; numeric columns right-aligned; an optional bold total row last."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.headers: list[str] = []
        self.rows: list[list[str]] = []
        self.numeric: set[int] = set()
        self.red: set[tuple[int, int]] = set()
        self.total_row = False

    def set_rows(self, headers: list[str], rows: list[list[str]], *, numeric: set[int] = frozenset(),
                 red: set[tuple[int, int]] = frozenset(), total_row: bool = False) -> None:
        self.beginResetModel()
        self.headers, self.rows, self.numeric = headers, rows, set(numeric)
        self.red, self.total_row = set(red), total_row
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.rows[row][column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and self.total_row and row == len(self.rows) - 1:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and (row, column) in self.red:
            return QBrush(RED)
        return None


class TablePanel(QStackedWidget):
    """A table, or — when there is nothing to show — a sentence saying why."""

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = RowsModel(self)
        self.table = QTableView()
        self.table.setObjectName(name)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.empty = QLabel()
        self.empty.setObjectName("hint")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stretch: int | None = None
        self.table.viewport().installEventFilter(self)
        self.addWidget(self.table)
        self.addWidget(self.empty)
        self.setFocusProxy(self.table)

    def show_rows(self, headers: list[str], rows: list[list[str]], empty_text: str, *, stretch: int | None = None,
                  **options) -> None:
        """``stretch``: the text column that takes the width the number columns leave (elided, the full
        text in its tooltip), so every number stays in view; it never gets narrower than MIN_TEXT."""
        self.model.set_rows(headers, rows, **options)
        self.empty.setText(empty_text)
        self.setCurrentWidget(self.table if rows else self.empty)
        self.stretch = stretch
        header = self.table.horizontalHeader()
        header.setStretchLastSection(stretch is None)
        if stretch is not None:
            for column in range(len(headers)):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive if column == stretch
                                            else QHeaderView.ResizeMode.ResizeToContents)
            QTimer.singleShot(0, self, self._fit_stretch)  # after the header measured the new contents
        elif rows:
            self.table.resizeColumnsToContents()
            for column in range(len(headers)):
                header.resizeSection(column, min(header.sectionSize(column), 300))

    def _fit_stretch(self) -> None:
        if self.stretch is None or not self.model.headers:
            return
        header = self.table.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(len(self.model.headers)) if c != self.stretch)
        header.resizeSection(self.stretch, max(MIN_TEXT, self.table.viewport().width() - others))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:  # the viewport's width is known only once laid out
            QTimer.singleShot(0, self, self._fit_stretch)
        return False

    def is_empty(self) -> bool:
        return self.currentWidget() is self.empty


class ReportView(QWidget):
    """A report: the table(s) on the left with a chart beside them, a captioned list below."""

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.top = QHBoxLayout()
        layout.addLayout(self.top, 3)
        self.chart = BarChart()
        self.chart.setObjectName(f"{name}Chart")
        self.caption = QLabel()
        self.caption.setObjectName("sectionCaption")
        self.caption.setWordWrap(True)
        font = self.caption.font()
        font.setBold(True)
        self.caption.setFont(font)
        layout.addWidget(self.caption)
        self.list = TablePanel(f"{name}List")
        layout.addWidget(self.list, 2)

    def add_table(self, panel: TablePanel, stretch: int = 1) -> TablePanel:
        self.top.addWidget(panel, stretch)
        return panel

    def finish_top(self, chart_stretch: int = 1) -> None:
        self.top.addWidget(self.chart, chart_stretch)
