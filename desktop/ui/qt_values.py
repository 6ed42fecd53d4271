"""Values of Qt's enums as plain ints, for the code that runs before the first screen is painted.

The first use of anything in PySide's ``Qt`` namespace builds all of its 93 Python enums (1,195 members, ~120M
instructions, ~14 ms of a cold start; docs/BENCHMARKS.md, "The cold main window, a fifth pass"). Qt's own C++ paths
take the ints: a QVariant from a model's ``data()``, ``QObject.setProperty`` for an enum property, a key sequence
from its text. Each value is checked against PySide's enum (tests/ui/test_qt_values.py). Code that runs later (a key
press, a dialog) names ``Qt`` as usual.
"""

from __future__ import annotations

# Qt.ItemDataRole
DISPLAY_ROLE = 0
DECORATION_ROLE = 1
TOOLTIP_ROLE = 3
FONT_ROLE = 6
TEXT_ALIGNMENT_ROLE = 7
BACKGROUND_ROLE = 8
FOREGROUND_ROLE = 9
ACCESSIBLE_TEXT_ROLE = 11
USER_ROLE = 256

# Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
ALIGN_RIGHT_VCENTER = 0x0082

# Qt.SortOrder
DESCENDING_ORDER = 1

# Qt.ScrollBarPolicy, Qt.TextElideMode, Qt.ShortcutContext (properties: horizontalScrollBarPolicy, textElideMode,
# context)
SCROLL_BAR_ALWAYS_OFF = 1
ELIDE_RIGHT = 1
WIDGET_SHORTCUT = 0
