"""Background operations (thin Qt glue): every GUI database or network action goes through
``QueryOp`` (reads, worker pool) or ``WriteOp`` (the one writer thread); views refresh from
``TaskManager.changed``.

The names below load with their module on first use: the login window needs ``pick`` (desktop.tasks.language)
before its first paint, not the thread pools and error dialogs (~10 ms of start; tests/ui/test_startup_imports.py).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

_MODULE_OF = {
    "CrashDialog": "crash_dialog", "known_message": "errors", "show_failure": "errors",
    "current_language": "language", "error_text": "language", "pick": "language",
    "TaskManager": "manager",
    "QueryOp": "ops", "WriteOp": "ops",
    "report_progress": "progress",
}

__all__ = ["CrashDialog", "QueryOp", "TaskManager", "WriteOp", "current_language", "error_text",
           "known_message", "pick", "report_progress", "show_failure"]


def __getattr__(name: str):
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from .crash_dialog import CrashDialog
    from .errors import known_message, show_failure
    from .language import current_language, error_text, pick
    from .manager import TaskManager
    from .ops import QueryOp, WriteOp
    from .progress import report_progress
