"""A small horizontal bar chart beside a report's table (pyqtgraph: pure Python over the Qt we
ship, so PySide6-Essentials is enough; QtCharts is not in it). Categories read top to bottom in
the table's order; bars of several series sit side by side. Read-only: no zoom, no pan."""

from __future__ import annotations

import html
import math

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QWidget

COLORS = ("#1d5f8c", "#e08a00", "#b42318", "#2e7d32")
LABEL_WIDTH = 120  # pixels for the category names on the left axis


class BarChart(pg.PlotWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, background="w")
        self.setMinimumSize(220, 160)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        plot = self.getPlotItem()
        plot.showGrid(x=True, y=False, alpha=0.25)
        for side in ("left", "bottom"):
            axis = plot.getAxis(side)
            axis.setPen(pg.mkPen("#52606d"))
            axis.setTextPen(pg.mkPen("#1f2933"))
        plot.getAxis("left").setWidth(LABEL_WIDTH)
        plot.getAxis("left").setStyle(hideOverlappingLabels=False)  # every category named, as in the table
        self.categories: list[str] = []
        self.series: list[tuple[str, list[float]]] = []

    def set_bars(self, categories: list[str], series: list[tuple[str, list[float]]]) -> None:
        """``series``: (name, one value per category); an empty list of categories clears the chart."""
        plot = self.getPlotItem()
        plot.clear()
        self.categories, self.series = categories, series
        # The legend is the title line: coloured squares and names, never on top of a bar.
        plot.setTitle("&nbsp;&nbsp;".join(f"<span style='color:{COLORS[i % len(COLORS)]}'>■</span> "
                                          f"<span style='color:#1f2933'>{html.escape(name)}</span>"
                                          for i, (name, _) in enumerate(series)) if categories else "", size="9pt")
        count = len(categories)
        if not count:
            plot.getAxis("left").setTicks([[]])
            return
        height = 0.8 / max(1, len(series))
        for i, (name, values) in enumerate(series):  # the first series on top within each category
            positions = [count - 1 - row + 0.4 - height * (i + 0.5) for row in range(count)]
            plot.addItem(pg.BarGraphItem(x0=0, y=positions, height=height * 0.9, width=values,
                                         brush=COLORS[i % len(COLORS)], pen=pg.mkPen(None), name=name))
        axis = plot.getAxis("left")
        metrics = QFontMetrics(axis.style.get("tickFont") or self.font())
        room = LABEL_WIDTH - 16  # the axis draws no label wider than itself: elide to fit, full text in the tooltip
        axis.setTicks([[(count - 1 - row, metrics.elidedText(label, Qt.TextElideMode.ElideRight, room))
                        for row, label in enumerate(categories)]])
        top = max((v for _, values in series for v in values), default=0)
        step = max(1, math.ceil(top / 5))  # whole numbers: these are counts
        plot.getAxis("bottom").setTickSpacing(major=step, minor=step)
        plot.setYRange(-0.6, count - 0.4, padding=0)
        plot.setXRange(0, max(1, top) * 1.08, padding=0)
        self.setToolTip("\n".join(
            f"{label}: " + ", ".join(f"{name} {values[row]:g}" for name, values in series)
            for row, label in enumerate(categories)))
