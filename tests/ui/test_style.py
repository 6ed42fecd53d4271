"""The look: the base font and ink come from the application's font and palette (desktop/ui/style.py), the
style sheet only says what differs. Runs in a fresh process, as `layan` starts (the test session's own
QApplication has no style)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SHOWN = """
import json
from desktop.ui.app import prepare_app
app = prepare_app("id")
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget
window = QWidget()
layout = QVBoxLayout(window)
plain, title, field, off, button = QLabel("Surat"), QLabel("Judul"), QLineEdit("x"), QLineEdit("y"), QPushButton("OK")
title.setObjectName("pageTitle")
off.setEnabled(False)
for widget in (plain, title, field, off, button):
    layout.addWidget(widget)
window.show()
app.processEvents()
def ink(widget, role):
    return widget.palette().color(widget.foregroundRole() if role is None else role).name()
print(json.dumps({
    "label": [plain.font().pointSize(), ink(plain, None)],
    "title": [title.font().pointSize(), ink(title, None)],
    "field": [field.font().pointSize(), ink(field, QPalette.ColorRole.Text)],
    "disabled field": ink(off, QPalette.ColorRole.Text),
    "button": [button.font().pointSize(), ink(button, QPalette.ColorRole.ButtonText)],
}))
"""


def test_every_widget_gets_the_base_font_and_ink_and_the_style_sheet_what_differs():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", SHOWN], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert shown == {
        "label": [10, "#1f2933"],
        "title": [15, "#1d5f8c"],  # #pageTitle in the style sheet
        "field": [10, "#1f2933"],
        "disabled field": "#7b8794",  # QLineEdit:disabled
        "button": [10, "#1f2933"],
    }


def test_the_style_sheet_has_no_rule_for_every_widget():
    """A rule matching every QWidget costs each widget a font and palette of its own as it is built."""
    qss = (ROOT / "resources" / "qss" / "layan.qss").read_text(encoding="utf-8")
    qss = re.sub(r"/\*.*?\*/", "", qss, flags=re.S)
    selectors = [s.strip() for rule in re.findall(r"([^{}]+)\{", qss) for s in rule.split(",")]
    assert selectors and not [s for s in selectors if s in ("QWidget", "*")]


INPUTS = """
import json
from desktop.ui.app import prepare_app
app = prepare_app("id")
from PySide6.QtWidgets import QComboBox, QDateEdit, QDoubleSpinBox, QLineEdit, QSpinBox, QVBoxLayout, QWidget
window = QWidget()
layout = QVBoxLayout(window)
inputs = {kind.__name__: kind() for kind in (QLineEdit, QComboBox, QDateEdit, QSpinBox, QDoubleSpinBox)}
for widget in inputs.values():
    layout.addWidget(widget)
window.show()
app.processEvents()
print(json.dumps({name: widget.height() for name, widget in inputs.items()}))
"""


def test_every_kind_of_input_is_as_tall_as_a_line_edit():
    """One row of a form has one height: the sync interval (a QDoubleSpinBox) had no style and stood 8 px shorter."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", INPUTS], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    heights = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(heights.values()) == {heights["QLineEdit"]}, heights


COMBO_LIST = """
import json
from desktop.ui.app import prepare_app
app = prepare_app("id")
from PySide6.QtWidgets import QComboBox, QFormLayout, QWidget
window = QWidget()
combo = QComboBox()
combo.addItems(["Operator", "Kepala", "Tenaga Kesehatan", "Admin Kantor"])
QFormLayout(window).addRow("Peran", combo)
window.show()
app.processEvents()
combo.showPopup()
app.processEvents()
view = combo.view()
shown = [view.viewport().rect().contains(view.visualRect(combo.model().index(row, 0))) for row in range(combo.count())]
print(json.dumps(shown))
"""


def test_a_short_list_opens_with_every_choice_showing():
    """In Fusion's popup mode the list of four roles opened a row too short: "Admin Kantor" hid behind a scroll arrow."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", COMBO_LIST], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [True, True, True, True]


NOTE_BOX = """
import json
from desktop.ui.app import prepare_app
app = prepare_app("id")
from PySide6.QtWidgets import QPlainTextEdit, QVBoxLayout, QWidget
window = QWidget()
note = QPlainTextEdit()
QVBoxLayout(window).addWidget(note)
window.show()
app.processEvents()
print(json.dumps([note.minimumHeight(), note.fontMetrics().lineSpacing()]))
"""


def test_a_text_box_is_never_squeezed_below_three_lines():
    """The shared input rule held a QPlainTextEdit to a line edit's height: the disposisi's note, short of room,
    showed one line with its scroll bar's arrows, like a spin box."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", NOTE_BOX], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    minimum, line = json.loads(done.stdout.strip().splitlines()[-1])
    assert minimum >= 3 * line
