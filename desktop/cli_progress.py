"""A progress line on stderr for long `layan` commands (an export of a million letters takes a while).

Only when stderr is a terminal: a script or a pipe gets no progress, so its output stays clean. The
line is rewritten in place at most every ~100 ms and ends with a newline when the work is done.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

THROTTLE_SECONDS = 0.1


def _number(value: int, lang: str) -> str:
    text = f"{value:,}"
    return text if lang == "en" else text.replace(",", ".")  # 1.234 in Indonesian


class ProgressLine:
    """``progress(done, total)`` for ``desktop.domain.export_stream``: "Mengekspor… 12.500 dari 666.666 (2 %)"."""

    def __init__(self, label_id: str, label_en: str, lang: str, stream: TextIO):
        self.label = label_en if lang == "en" else label_id
        self.lang = lang
        self.stream = stream
        self._last = 0.0
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        finished = done >= total
        if not finished and now - self._last < THROTTLE_SECONDS:
            return
        self._last = now
        of = "of" if self.lang == "en" else "dari"
        percent = 100 * done // total if total else 100
        self.stream.write(f"\r{self.label} {_number(done, self.lang)} {of} {_number(total, self.lang)} "
                          f"({percent} %)")
        if finished:
            self.stream.write("\n")
        self.stream.flush()
        self.shown = True


def export_progress(lang: str, stream: TextIO | None = None, *, to_file: bool = True) -> ProgressLine | None:
    """The progress of an export, or None when stderr is not a terminal or the export itself goes to the
    terminal (the line would land between the rows)."""
    stream = stream or sys.stderr
    if not stream.isatty() or not to_file:
        return None
    return ProgressLine("Mengekspor…", "Exporting…", lang, stream)
