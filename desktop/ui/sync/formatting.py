"""Small display helpers for sync: byte sizes, HLC stamps as dates, values of any field."""

from __future__ import annotations

import datetime as dt
import json

from PySide6.QtCore import QCoreApplication, QLocale

from sync import hlc

from ..i18n import format_datetime


def format_bytes(count: int) -> str:
    """``34,6 KB`` (Indonesian) / ``34.6 KB`` (English)."""
    return QLocale().formattedDataSize(int(count or 0), 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


def stamp_datetime(stamp: str | None) -> str:
    """An HLC stamp's wall clock as ``27 November 2026 14.05`` (local time); empty if unreadable."""
    if not stamp or not hlc.is_valid(stamp):
        return ""
    moment = dt.datetime.fromtimestamp(hlc.wall_ms(stamp) / 1000, dt.UTC)
    return format_datetime(moment.isoformat())


def plain_value(value) -> str:
    """Any field value as one line of text; nothing is shown as "(kosong)"."""
    if value is None or value == "":
        return QCoreApplication.translate("SyncFormatting", "(kosong)")
    if isinstance(value, bool):
        return QCoreApplication.translate("SyncFormatting", "ya") if value else \
            QCoreApplication.translate("SyncFormatting", "tidak")
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)
