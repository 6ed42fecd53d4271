"""A small horizontal bar chart beside a report's table (pyqtgraph: pure Python over the Qt we
ship, so PySide6-Essentials is enough; QtCharts is not in it). Categories read top to bottom in
the table's order; bars of several series sit side by side. Read-only: no zoom, no pan."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

COLORS = ("#1d5f8c", "#e08a00", "#b42318", "#2e7d32")
LABEL_CHARS = 22


def short(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


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
        plot.getAxis("left").setWidth(150)
        self.legend = plot.addLegend(offset=(-8, 8), labelTextColor="#1f2933", brush=pg.mkBrush(255, 255, 255, 220))
        self.categories: list[str] = []
        self.series: list[tuple[str, list[float]]] = []

    def set_bars(self, categories: list[str], series: list[tuple[str, list[float]]]) -> None:
        """``series``: (name, one value per category); an empty list of categories clears the chart."""
        plot = self.getPlotItem()
        plot.clear()
        self.legend.clear()
        self.categories, self.series = categories, series
        count = len(categories)
        if not count:
            plot.getAxis("left").setTicks([[]])
            return
        height = 0.8 / max(1, len(series))
        for i, (name, values) in enumerate(series):
            positions = [count - 1 - row - 0.4 + height * (i + 0.5) for row in range(count)]
            bars = pg.BarGraphItem(x0=0, y=positions, height=height * 0.9, width=values,
                                   brush=COLORS[i % len(COLORS)], pen=pg.mkPen(None), name=name)
            plot.addItem(bars)
            if len(series) > 1:
                self.legend.addItem(bars, name)
        plot.getAxis("left").setTicks([[(count - 1 - row, short(label)) for row, label in enumerate(categories)]])
        top = max((v for _, values in series for v in values), default=0)
        plot.setYRange(-0.6, count - 0.4, padding=0)
        plot.setXRange(0, max(1, top) * 1.08, padding=0)
        self.setToolTip("\n".join(
            f"{label}: " + ", ".join(f"{name} {values[row]:g}" for name, values in series)
            for row, label in enumerate(categories)))
