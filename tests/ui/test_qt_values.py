"""desktop/ui/qt_values.py: each plain int is the value of the Qt enum it stands for."""

from PySide6.QtCore import Qt

from desktop.ui import qt_values as v


def test_each_value_is_its_qt_enum():
    pairs = {
        v.DISPLAY_ROLE: Qt.ItemDataRole.DisplayRole, v.DECORATION_ROLE: Qt.ItemDataRole.DecorationRole,
        v.TOOLTIP_ROLE: Qt.ItemDataRole.ToolTipRole, v.FONT_ROLE: Qt.ItemDataRole.FontRole,
        v.TEXT_ALIGNMENT_ROLE: Qt.ItemDataRole.TextAlignmentRole, v.BACKGROUND_ROLE: Qt.ItemDataRole.BackgroundRole,
        v.FOREGROUND_ROLE: Qt.ItemDataRole.ForegroundRole, v.ACCESSIBLE_TEXT_ROLE: Qt.ItemDataRole.AccessibleTextRole,
        v.USER_ROLE: Qt.ItemDataRole.UserRole,
        v.ALIGN_RIGHT_VCENTER: Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
        v.DESCENDING_ORDER: Qt.SortOrder.DescendingOrder,
        v.SCROLL_BAR_ALWAYS_OFF: Qt.ScrollBarPolicy.ScrollBarAlwaysOff,
        v.ELIDE_RIGHT: Qt.TextElideMode.ElideRight,
        v.WIDGET_SHORTCUT: Qt.ShortcutContext.WidgetShortcut,
    }
    for value, enum in pairs.items():
        assert value == enum.value, enum


def test_properties_set_from_ints_are_the_enums(qtbot):
    from PySide6.QtGui import QShortcut
    from PySide6.QtWidgets import QListWidget, QWidget

    widget = QListWidget()
    qtbot.addWidget(widget)
    assert widget.setProperty("horizontalScrollBarPolicy", v.SCROLL_BAR_ALWAYS_OFF)
    assert widget.setProperty("textElideMode", v.ELIDE_RIGHT)
    assert widget.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert widget.textElideMode() == Qt.TextElideMode.ElideRight
    shortcut = QShortcut(QWidget(widget))
    assert shortcut.setProperty("context", v.WIDGET_SHORTCUT)
    assert shortcut.context() == Qt.ShortcutContext.WidgetShortcut
