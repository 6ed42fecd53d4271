"""Background operations (thin Qt glue): every GUI database or network action goes through
``QueryOp`` (reads, worker pool) or ``WriteOp`` (the one writer thread); views refresh from
``TaskManager.changed``."""

from .errors import CrashDialog, known_message, show_failure
from .language import current_language, error_text, pick
from .manager import TaskManager
from .ops import QueryOp, WriteOp
from .progress import report_progress

__all__ = ["CrashDialog", "QueryOp", "TaskManager", "WriteOp", "current_language", "error_text",
           "known_message", "pick", "report_progress", "show_failure"]
