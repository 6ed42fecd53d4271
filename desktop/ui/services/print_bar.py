"""A row of print controls for one document: paper (A4/F4), "preview & print", "save as PDF".

The document (a ``printing.documents.Printable``) is built from the store on a worker thread
(``QueryOp``); laying it out and painting it happen on the GUI thread, as Qt's painting wants.
The preview is ``render.preview_dialog`` (non-modal: the clerk can check the page, switch the
printer and print); saving writes the PDF atomically (``render.save_pdf``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.printing import render, settings
from desktop.printing.documents import Printable
from desktop.store.records import Store
from desktop.tasks import QueryOp, show_failure


def safe_file_name(text: str) -> str:
    """``Surat 400.9/0003/DST-MB/2026`` → ``Surat 400.9-0003-DST-MB-2026`` (no slashes or colons)."""
    return re.sub(r"[\\/:*?\"<>|]+", "-", text).strip() or "dokumen"


class PrintBar(QWidget):
    pdf_saved = Signal(str)  # path
    preview_opened = Signal(object)  # the QPrintPreviewDialog

    def __init__(self, label: str, make: Callable[[Store, str], Printable], file_stem: Callable[[], str],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._make = make
        self._file_stem = file_stem
        self.preview_dialog = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.caption = QLabel(label)
        self.caption.setObjectName("fieldLabel")
        self.caption.setMinimumWidth(140)  # bars stacked in one box line up
        layout.addWidget(self.caption)
        self.paper = QComboBox()
        for paper in settings.PAPERS:
            self.paper.addItem(paper, paper)
        self.paper.setToolTip(self.tr("Ukuran kertas"))
        self._paper_chosen = False
        self.paper.activated.connect(lambda _i: setattr(self, "_paper_chosen", True))
        layout.addWidget(self.paper)
        self.print_button = QPushButton(self.tr("Pratinjau && cetak…"))
        self.print_button.clicked.connect(self.preview)
        layout.addWidget(self.print_button)
        self.pdf_button = QPushButton(self.tr("Simpan PDF…"))
        self.pdf_button.clicked.connect(self.choose_pdf)
        for button in (self.print_button, self.pdf_button):
            button.setAutoDefault(False)  # never the dialog's default: Enter belongs to the form
        layout.addWidget(self.pdf_button)
        self.result = QLabel()
        self.result.setObjectName("hint")
        self.result.setWordWrap(True)
        layout.addWidget(self.result, 1)
        QueryOp(self, lambda store: settings.print_settings(store)["kertas"], success=self._set_paper).run()

    def _set_paper(self, paper: str) -> None:
        if self._paper_chosen:
            return  # the clerk was quicker than the settings: keep the choice
        index = self.paper.findData(paper)
        if index >= 0:
            self.paper.setCurrentIndex(index)

    def _build(self, then: Callable[[Printable], None]) -> None:
        make, paper = self._make, self.paper.currentData()
        QueryOp(self, lambda store: make(store, paper), success=then) \
            .with_progress(self.tr("Menyiapkan dokumen…")).run()

    # -- preview and print ------------------------------------------------------------------------

    def preview(self) -> None:
        self._build(self._open_preview)

    def _open_preview(self, printable: Printable) -> None:
        try:
            dialog = render.preview_dialog(printable, self.window())
        except Exception as exc:  # a template or image error: shown, not a crash
            show_failure(self, exc)
            return
        self.preview_dialog = dialog
        dialog.open()
        self.preview_opened.emit(dialog)

    # -- PDF ----------------------------------------------------------------------------------------

    def choose_pdf(self) -> None:
        default = str(Path.home() / f"{safe_file_name(self._file_stem())}.pdf")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Simpan sebagai PDF"), default, self.tr("PDF (*.pdf)"))
        if path:
            self.save_pdf(path)

    def save_pdf(self, path: str | Path) -> None:
        target = str(path)
        self._build(lambda printable: self._write(printable, target))

    def _write(self, printable: Printable, path: str) -> None:
        try:
            written = render.save_pdf(printable, path)
        except Exception as exc:  # disk full, no permission, a bad template: shown
            show_failure(self, exc)
            return
        self.result.setText(self.tr("PDF tersimpan: {path}").format(path=written))
        self.pdf_saved.emit(str(written))
