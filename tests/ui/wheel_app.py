"""A long page with a combo box, a spin box and a date edit, for test_no_surprises.py's real-wheel test:
run in a child process under Xvfb, where xdotool turns a real mouse wheel (spontaneous events, as a
clerk's mouse gives them). Prints where the fields are, waits for the file named by its second argument
and the wheel's effect, then prints what the fields and the page show."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDateEdit, QScrollArea, QSpinBox, QVBoxLayout, QWidget

from desktop.ui.widgets.wheel_guard import install_wheel_guard


def main(installed_late: str, done_file: str) -> int:
    app = QApplication(sys.argv[:1])
    if installed_late != "late":
        install_wheel_guard(app)
    area = QScrollArea()
    body = QWidget()
    column = QVBoxLayout(body)
    combo = QComboBox()
    combo.addItems(["A4", "F4", "Letter"])
    spin = QSpinBox()
    spin.setRange(0, 100)
    spin.setValue(50)
    date = QDateEdit()
    fields = {"combo": combo, "spin": spin, "date": date}
    column.addSpacing(40)
    for widget in fields.values():
        column.addWidget(widget)
        column.addSpacing(150)
    column.addSpacing(2000)  # a page far taller than the window
    area.setWidget(body)
    area.setWidgetResizable(True)
    area.setGeometry(0, 0, 400, 600)
    area.show()
    area.activateWindow()  # no window manager under the test's Xvfb: the window takes the keyboard itself
    area.setFocus()  # the clerk is not in any of the fields
    if installed_late == "late":  # as the main window does: the guard comes after the first paint
        QTimer.singleShot(300, lambda: install_wheel_guard(app))
    first_date = date.date()

    def where() -> None:
        if not area.isActiveWindow():
            QTimer.singleShot(50, where)
            return
        centres = {name: widget.mapToGlobal(widget.rect().center()) for name, widget in fields.items()}
        print(json.dumps({name: [p.x(), p.y()] for name, p in centres.items()}), flush=True)

    waited = []

    def check() -> None:
        # Reports once the wheel has done something (the page scrolled or a field changed), or 10 s after the
        # test has turned it: the X events may still be on their way when the file appears.
        if not Path(done_file).exists():
            return
        waited.append(1)
        moved = area.verticalScrollBar().value() > 0 or combo.currentText() != "A4" or spin.value() != 50
        if not moved and len(waited) < 200:
            return
        print(json.dumps({"combo": combo.currentText(), "spin": spin.value(), "date_same": date.date() == first_date,
                          "scrolled": area.verticalScrollBar().value(),
                          "focus": type(app.focusWidget()).__name__ if app.focusWidget() else None}), flush=True)
        app.quit()

    QTimer.singleShot(600, where)
    poll = QTimer()
    poll.timeout.connect(check)
    poll.start(50)
    app.exec()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
