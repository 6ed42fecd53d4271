"""Panduan: the short manual by task (docs/PANDUAN.md, English docs/GUIDE.md), with its screenshots.

F1 anywhere, or "Bantuan (F1)" under the modules, opens it at the task of the page in front. The
text is the Markdown file itself (the same file prints from docs/), shown by QTextBrowser's own
Markdown support; the contents on the left jump to a task, and the pictures are scaled to the
window. "Simpan PDF…" writes the whole manual to a file for printing.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QTextCursor, QTextImageFormat
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.manual_files import images_of
from desktop.tasks import current_language, show_failure
from sync.schema import resources_dir

# The manual's section for each module page (by its position among the "## " headings).
SECTION_OF_MODULE = {"surat_masuk": 0, "surat_keluar": 2, "permohonan": 3, "pengaduan": 4, "pasien": 5,
                     "laporan": 6, "sinkronisasi": 7, "pengaturan": 8}
IMAGE_MAX_WIDTH = 760
HEADING = re.compile(r"^## (.+)$", re.M)


def docs_dir() -> Path:
    """docs/ beside resources/: in the source tree and in the installed app alike (build.spec)."""
    return resources_dir().parent / "docs"


def manual_path(lang: str | None = None) -> Path:
    folder = docs_dir()
    english = folder / "GUIDE.md"
    return english if (lang or current_language()) == "en" and english.exists() else folder / "PANDUAN.md"


def sections(text: str) -> list[str]:
    """The task headings ("## …") in order, without the table of contents."""
    return [h.strip() for h in HEADING.findall(text) if h.strip().lower() not in ("daftar isi", "contents")]


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: "Permohonan layanan sampai terbit" → "permohonan-layanan-sampai-terbit"."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).strip().replace(" ", "-")


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, *, lang: str | None = None):
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle(self.tr("Panduan Layan"))
        self.resize(1100, 700)
        self.path = manual_path(lang)
        try:
            self.text = self.path.read_text(encoding="utf-8")
        except OSError:
            self.text = self.tr("# Panduan tidak ditemukan\n\nBerkas panduan tidak ada di folder aplikasi. "
                                "Hubungi IT untuk memasang ulang Layan.")
        self.headings = sections(self.text)

        layout = QVBoxLayout(self)
        splitter = QSplitter()
        self.contents = QListWidget()
        self.contents.setObjectName("helpContents")
        self.contents.setWordWrap(True)
        self.contents.addItems(self.headings)
        self.contents.currentRowChanged.connect(self.show_section)
        self.browser = QTextBrowser()
        self.browser.setObjectName("helpText")
        self.browser.setOpenLinks(False)  # in-page links jump here; web links open in the browser
        self.browser.anchorClicked.connect(self._link)
        self.browser.setSearchPaths([str(self.path.parent)])
        self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(self.path.parent) + "/"))
        self.browser.setMarkdown(self.text)
        self._scale_images()
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 860])
        layout.addWidget(splitter, 1)
        row = QHBoxLayout()
        self.pdf_button = QPushButton(self.tr("Simpan PDF…"))
        self.pdf_button.setAutoDefault(False)
        self.pdf_button.clicked.connect(self.choose_pdf)
        row.addWidget(self.pdf_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Tutup (Esc)"))
        buttons.rejected.connect(self.reject)
        row.addWidget(buttons, 1)
        layout.addLayout(row)
        self.browser.setFocus()

    # -- moving about -------------------------------------------------------------------------------

    def show_section(self, index: int) -> None:
        """Scrolls the text so task ``index`` starts at the top."""
        if not 0 <= index < len(self.headings):
            return
        if self.contents.currentRow() != index:
            self.contents.setCurrentRow(index)  # comes back here through currentRowChanged
            return
        block = self.browser.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel() == 2 and block.text().strip() == self.headings[index]:
                self.browser.setTextCursor(QTextCursor(block))
                top = self.browser.document().documentLayout().blockBoundingRect(block).top()
                self.browser.verticalScrollBar().setValue(int(top))  # the heading at the top
                return
            block = block.next()

    def show_module(self, module: str) -> None:
        """Opens at the task of ``module``'s page (once the text is laid out at the window's width)."""
        index = SECTION_OF_MODULE.get(module, 0)
        if self.isVisible():
            self.show_section(index)
        QTimer.singleShot(0, lambda: self.show_section(index))

    def current_heading(self) -> str | None:
        """The task heading at the top of the text now (tests and the contents list use it)."""
        top = self.browser.viewport().rect().topLeft()
        top.setY(top.y() + 4)
        block = self.browser.cursorForPosition(top).block()
        while block.isValid():  # the task the top line belongs to: the nearest heading at or above it
            if block.blockFormat().headingLevel() == 2:
                return block.text().strip()
            block = block.previous()
        return None

    def _link(self, url: QUrl) -> None:
        if url.hasFragment() and (not url.path() or url.path().endswith(self.path.name)):
            targets = [slug(h) for h in self.headings]
            if url.fragment() in targets:
                self.show_section(targets.index(url.fragment()))
            return
        QDesktopServices.openUrl(url)

    # -- pictures and printing ----------------------------------------------------------------------

    def _scale_images(self) -> None:
        """Screenshots are 1366 pixels wide: shown at most IMAGE_MAX_WIDTH wide, keeping their shape."""
        document = self.browser.document()
        block = document.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                fmt = fragment.charFormat()
                if fmt.isImageFormat():
                    image_format = QTextImageFormat(fmt.toImageFormat())
                    image = QImage(str(self.path.parent / image_format.name()))
                    if not image.isNull() and image.width() > IMAGE_MAX_WIDTH:
                        image_format.setWidth(IMAGE_MAX_WIDTH)
                        image_format.setHeight(image.height() * IMAGE_MAX_WIDTH / image.width())
                        cursor = QTextCursor(document)
                        cursor.setPosition(fragment.position())
                        cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                        cursor.setCharFormat(image_format)
                it += 1
            block = block.next()

    def image_names(self) -> list[str]:
        return images_of(self.text)

    def choose_pdf(self) -> None:
        default = str(Path.home() / (self.path.stem + ".pdf"))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Simpan panduan sebagai PDF"), default,
                                              self.tr("PDF (*.pdf)"))
        if path:
            self.save_pdf(path)

    def save_pdf(self, path: str | Path) -> None:
        from PySide6.QtPrintSupport import QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        try:
            self.browser.document().print_(printer)
        except Exception as exc:  # a full disk or a folder without permission: said, not a crash
            show_failure(self, exc)
