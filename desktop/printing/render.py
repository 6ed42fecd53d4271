"""Printables to PDF and to the printer: QTextDocument → QPdfWriter / QPrinter.

Why QTextDocument: it is in Qt already (no HTML engine to ship), lays out the HTML subset our
templates use (tables, paragraphs, CSS fonts and borders), and its PDF output keeps real,
selectable text with the fonts embedded (TrueType subsets with a ToUnicode map), so a PDF can be
searched and its text extracted.

Layout happens once against a 96-dpi reference device (so CSS pixels and points mean what
they mean in a browser, whatever the screen's DPI); painting scales to the target device.
QR codes are drawn as vector squares by a text-object handler (a raster QR would be JPEG-compressed
by the PDF engine and blur on print). Ligatures are off for the whole document: a serif face sets
"ff" and "fi" as one glyph (U+FB00, U+FB01), so a verification code, a NIK or a name like Taufik
would copy out of the PDF, or be read back, as different text. Qt's rich text ignores the CSS
``font-variant-ligatures``, so the font feature is set on the laid-out text instead.
Works headless (QT_QPA_PLATFORM=offscreen).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import segno
from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPyTextObject,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from desktop.store.db import StoreError

from .documents import Printable
from .settings import PAPER_SIZES_MM

LAYOUT_DPI = 96
PDF_RESOLUTION = 1200
QR_OBJECT = QTextFormat.ObjectTypes.UserObject + 1
QR_DATA = QTextFormat.Property.UserProperty + 1
QR_SIZE = QTextFormat.Property.UserProperty + 2
QR_BORDER_MODULES = 2  # quiet zone (the standard asks 4; the table cell around it adds white space)


def ensure_app() -> QGuiApplication:
    """A Qt application for fonts and painting; offscreen when there is no display (CLI, tests).

    A QApplication (not just a QGuiApplication), so that widgets created later in the same
    process (the GUI, or GUI tests after printing tests) still work.
    """
    app = QGuiApplication.instance()
    if app is None:
        from PySide6.QtWidgets import QApplication

        if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication([sys.argv[0] if sys.argv else "layan"])
    return app


def page_size(paper: str) -> QPageSize:
    if paper == "A4":
        return QPageSize(QPageSize.PageSizeId.A4)
    w, h = PAPER_SIZES_MM[paper]
    return QPageSize(QSizeF(w, h), QPageSize.Unit.Millimeter, paper, QPageSize.SizeMatchPolicy.ExactMatch)


def page_layout(printable: Printable) -> QPageLayout:
    top, right, bottom, left = printable.margins_mm
    return QPageLayout(page_size(printable.paper), QPageLayout.Orientation.Portrait,
                       QMarginsF(left, top, right, bottom), QPageLayout.Unit.Millimeter)


class _QrObject(QPyTextObject):
    """Draws a QR code as vector squares where the template had its placeholder image."""

    def intrinsicSize(self, doc, pos, fmt):  # noqa: N802 (Qt's name)
        size = fmt.doubleProperty(QR_SIZE)
        return QSizeF(size, size)

    def drawObject(self, painter, rect, doc, pos, fmt):  # noqa: N802 (Qt's name)
        qr = segno.make(str(fmt.property(QR_DATA)), error="m", micro=False)
        rows = [list(row) for row in qr.matrix]
        n = len(rows) + 2 * QR_BORDER_MODULES
        cell = min(rect.width(), rect.height()) / n
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("white"))
        painter.drawRect(QRectF(rect.x(), rect.y(), cell * n, cell * n))
        painter.setBrush(QColor("black"))
        for y, row in enumerate(rows):
            x = 0
            while x < len(row):
                if row[x]:
                    start = x
                    while x < len(row) and row[x]:
                        x += 1
                    painter.drawRect(QRectF(rect.x() + (start + QR_BORDER_MODULES) * cell,
                                            rect.y() + (y + QR_BORDER_MODULES) * cell,
                                            (x - start) * cell, cell))
                else:
                    x += 1
        painter.restore()


class Rendered:
    """A laid-out document; keeps alive what the layout depends on (reference device, QR handler)."""

    def __init__(self, printable: Printable):
        ensure_app()
        self.printable = printable
        self._buffer = QBuffer()
        self._buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self._reference = QPdfWriter(self._buffer)
        self._reference.setResolution(LAYOUT_DPI)
        self.doc = QTextDocument()
        self.doc.documentLayout().setPaintDevice(self._reference)
        self.doc.setDocumentMargin(0)
        self._qr_handler = _QrObject(self.doc)
        self.doc.documentLayout().registerHandler(QR_OBJECT, self._qr_handler)
        for name, path in printable.images.items():
            image = QImage(str(path))
            if image.isNull():
                raise StoreError(f"Gambar {path} tidak bisa dibaca (gunakan PNG atau JPG).",
                                 f"Image {path} cannot be read (use PNG or JPG).")
            self.doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
        if printable.css:
            self.doc.setDefaultStyleSheet(printable.css)
        self.doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, printable.title)
        self.doc.setHtml(printable.html)
        self._without_ligatures()
        self._place_qr_codes()

    def _without_ligatures(self) -> None:
        cursor = QTextCursor(self.doc)
        cursor.select(QTextCursor.SelectionType.Document)
        fmt = QTextCharFormat()
        fmt.setFontFeatures({QFont.Tag(tag): 0 for tag in ("liga", "clig", "dlig")})
        cursor.mergeCharFormat(fmt)

    def _place_qr_codes(self) -> None:
        found = []
        block = self.doc.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                fmt = frag.charFormat()
                if frag.isValid() and fmt.isImageFormat():
                    image = fmt.toImageFormat()
                    if image.name() in self.printable.qr:
                        found.append((frag.position(), image.name(), image.width() or 100.0))
                it += 1
            block = block.next()
        cursor = QTextCursor(self.doc)
        for position, name, width in reversed(found):
            cursor.setPosition(position)
            cursor.setPosition(position + 1, QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            fmt.setObjectType(QR_OBJECT)
            fmt.setProperty(QR_DATA, self.printable.qr[name])
            fmt.setProperty(QR_SIZE, float(width))
            cursor.insertText("\ufffc", fmt)

    def paint(self, device: QPagedPaintDevice) -> int:
        """Paints every page on ``device`` (a QPdfWriter or a QPrinter, already set up); returns the page count."""
        rect = device.pageLayout().paintRectPixels(device.logicalDpiX())
        sx, sy = device.logicalDpiX() / LAYOUT_DPI, device.logicalDpiY() / LAYOUT_DPI
        width, height = rect.width() / sx, rect.height() / sy
        self.doc.setPageSize(QSizeF(width, height))
        painter = QPainter()
        if not painter.begin(device):
            raise StoreError("Berkas PDF atau printer tidak bisa ditulis.", "The PDF file or printer cannot be written.")
        try:
            painter.scale(sx, sy)
            pages = self.doc.pageCount()
            for page in range(pages):
                if page:
                    device.newPage()
                painter.save()
                painter.translate(0, -page * height)
                self.doc.drawContents(painter, QRectF(0, page * height, width, height))
                painter.restore()
        finally:
            painter.end()
        return pages


def save_pdf(printable: Printable, path: Path | str) -> Path:
    """Writes ``printable`` as a PDF at ``path`` (atomically: a half-written file never replaces a good one)."""
    path = Path(path)
    rendered = Rendered(printable)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    try:
        _write_pdf(rendered, printable, tmp)
        os.replace(tmp, path)
    except OSError as exc:
        raise StoreError(f"PDF tidak bisa disimpan di {path}: {exc.strerror or exc}",
                         f"The PDF cannot be saved at {path}: {exc.strerror or exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _write_pdf(rendered: Rendered, printable: Printable, target: Path) -> None:
    writer = QPdfWriter(str(target))
    try:
        writer.setResolution(PDF_RESOLUTION)
        writer.setPageLayout(page_layout(printable))
        writer.setTitle(printable.title)
        writer.setCreator("Layan")
        rendered.paint(writer)
    finally:
        del writer  # the C++ writer flushes and closes the file here


PREVIEW_WIDTH = 900  # px: the page and the preview's tool bar


def preview_dialog(printable: Printable, parent=None):
    """A QPrintPreviewDialog for ``printable`` (not shown yet): the clerk checks the page, may switch
    A4/F4 or the printer, and prints. The UI opens it with ``.open()`` or ``.exec()``."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    rendered = Rendered(printable)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout(printable))
    printer.setDocName(printable.title)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("printing", "Pratinjau cetak — %1").replace("%1", printable.title))
    dialog.paintRequested.connect(rendered.paint)
    dialog._layan_keep = (rendered, printer)  # the dialog uses both for as long as it lives
    # Tall enough to read the page: Qt's own size showed an A4 at about a third of its size on a laptop
    screen = (parent.screen() if parent is not None else QGuiApplication.primaryScreen()).availableGeometry()
    dialog.resize(min(PREVIEW_WIDTH, screen.width() * 9 // 10), screen.height() * 9 // 10)
    return dialog


def preview(printable: Printable, parent=None) -> int:
    """Shows the print preview dialog modally; returns its result (QDialog.Accepted when printed)."""
    return preview_dialog(printable, parent).exec()


def print_to(printable: Printable, printer) -> int:
    """Prints on a QPrinter the caller set up (e.g. from a QPrintDialog); returns the page count."""
    return Rendered(printable).paint(printer)
