"""One attachment, page by page: rotate, print, open in the system's viewer, save a copy.

PageUp/PageDown turn pages, Ctrl+L / Ctrl+R rotate, Ctrl+P prints, Ctrl+S saves a copy, Esc closes.
Rotating a page (one scanned sideways) is saved with the attachment's record, so the thumbnail, a print
and every PC of the office show it turned; the stored file itself is not changed.
Pages are rendered on a worker thread (pypdfium2 for PDFs, Pillow for images).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QKeySequence, QPainter, QPixmap, QShortcut, QTransform
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import attachment_sync, attachments
from desktop.domain.attachments import copies, imaging
from desktop.store.records import Store
from desktop.tasks import QueryOp, WriteOp, known_message, show_failure

from .i18n import format_number
from .widgets.attachment_strip import size_text

VIEW_EDGE = 1800  # px of a page's long edge on screen (an A4 page at ~150 dpi)
PRINT_DPI = 200


def to_qimage(page) -> QImage:
    """A Pillow image as a QImage (copied: the Pillow buffer goes away)."""
    rgb = page.convert("RGB")
    return QImage(rgb.tobytes(), rgb.width, rgb.height, rgb.width * 3, QImage.Format.Format_RGB888).copy()


class AttachmentViewer(QDialog):
    def __init__(self, store: Store, user: dict, record: dict, parent: QWidget | None = None, *,
                 preview: bytes | None = None):
        """``preview``: the bytes of a file a form holds before its record is saved (nothing stored yet):
        its pages are shown and can be turned on screen; what needs the stored file is hidden."""
        super().__init__(parent)
        self.preview = preview is not None
        self.setObjectName("attachmentViewer")
        self.store = store
        self.user = user
        self.record = dict(record)
        self.data: bytes | None = None
        self.page = 0
        self.pages = max(1, int(record.get("pages") or 1))
        self.image: QImage | None = None
        self.original = None if self.preview else attachments.original_of(store, record["id"])
        self.setWindowTitle(record["name"])
        self.resize(980, 720)

        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.previous_button = self._button(bar, self.tr("◀ Sebelumnya"), self.previous_page, QKeySequence.StandardKey.MoveToPreviousPage)
        self.page_label = QLabel()
        bar.addWidget(self.page_label)
        self.next_button = self._button(bar, self.tr("Berikutnya ▶"), self.next_page, QKeySequence.StandardKey.MoveToNextPage)
        bar.addSpacing(16)
        self._button(bar, self.tr("Putar kiri"), lambda: self.rotate(-90), QKeySequence("Ctrl+L"))
        self._button(bar, self.tr("Putar kanan"), lambda: self.rotate(90), QKeySequence("Ctrl+R"))
        bar.addStretch(1)
        layout.addLayout(bar)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.canvas = QLabel(self.tr("Membuka…"))
        self.canvas.setObjectName("attachmentPage")
        self.canvas.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll.setWidget(self.canvas)
        layout.addWidget(self.scroll, 1)

        # What to do with the file sits below the page, beside its description: one row above the page
        # holding every button is wider than a 1366-pixel screen at 125 % scaling.
        actions = QHBoxLayout()
        self.info = QLabel(self._info_text())
        self.info.setObjectName("planned")
        self.info.setWordWrap(True)
        actions.addWidget(self.info, 1)
        self.print_button = self._button(actions, self.tr("Cetak…"), self.print_pages, QKeySequence.StandardKey.Print)
        self.open_button = self._button(actions, self.tr("Buka di aplikasi lain"), self.open_outside, None)
        self.save_button = self._button(actions, self.tr("Simpan salinan…"), self.save_copy, QKeySequence.StandardKey.Save)
        self.save_original_button = self._button(actions, self.tr("Simpan berkas asli…"),
                                                 lambda: self.save_copy(original=True), None)
        self.save_original_button.setVisible(self.original is not None)
        self.open_button.setVisible(not self.preview)
        self.save_button.setVisible(not self.preview)
        layout.addLayout(actions)
        self._set_enabled(False)
        if preview is not None:
            self._loaded(preview)
        else:
            self._load()

    def _button(self, bar: QHBoxLayout, text: str, slot, keys) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        if keys is not None:
            QShortcut(QKeySequence(keys), self, activated=slot)
            button.setToolTip(QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText))
        bar.addWidget(button)
        return button

    def _info_text(self) -> str:
        record = self.record
        pages = self.tr("{count} hlm.").format(count=format_number(self.pages))
        text = self.tr("{name} · {pages} · {size}").format(name=record["name"], pages=pages, size=size_text(record["size"]))
        if self.original is not None:
            text += " · " + self.tr("asli disimpan di PC ini ({size})").format(size=size_text(self.original["size"]))
        return text

    def _set_enabled(self, enabled: bool) -> None:
        for button in (self.print_button, self.open_button, self.save_button, self.save_original_button):
            button.setEnabled(enabled)
        self.previous_button.setEnabled(enabled and self.page > 0)
        self.next_button.setEnabled(enabled and self.page < self.pages - 1)

    # ---- loading and showing -----------------------------------------------------------------

    def _load(self) -> None:
        user, record = self.user, self.record
        # Opening health data writes an audit entry: that read runs on the writer thread.
        op = WriteOp if record["owner_collection"] in attachments.HEALTH_OWNERS else QueryOp
        op(self, lambda store: attachments.read_bytes(store, user, record)).success(self._loaded) \
            .failure(self._failed).run()

    def _failed(self, exc: Exception) -> None:
        not_here = isinstance(exc, attachments.AttachmentError) and \
            exc.message_en == attachments.service.not_here_yet().message_en
        if not_here and not getattr(self, "_fetching", False):  # ask the server now (desktop/domain/attachment_sync.py)
            self._fetching = True
            self.canvas.setText(self.tr("Mengunduh lampiran dari server…"))
            QueryOp(self, lambda store: attachment_sync.fetch(store, self.record["sha256"])) \
                .success(lambda done: self._load() if done else self._failed(exc)).failure(lambda _e: self._failed(exc)).run()
            return
        message = known_message(exc)
        if message is None:
            show_failure(self, exc)
            return
        self.canvas.setText(message)
        self.canvas.setWordWrap(True)

    def _loaded(self, data: bytes) -> None:
        self.data = data
        self.show_page(0)

    def show_page(self, index: int) -> None:
        if self.data is None:
            return
        self.page = max(0, min(index, self.pages - 1))
        self.page_label.setText(self.tr("Halaman {page} dari {pages}").format(page=self.page + 1, pages=self.pages))
        data, mime, name, page = self.data, self.record["mime"], self.record["name"], self.page
        self._set_enabled(False)
        QueryOp(self, lambda _store: to_qimage(imaging.render_page(data, mime, page, long_edge=VIEW_EDGE, name=name)),
                success=self._rendered).failure(self._failed).run()

    def _rendered(self, image: QImage) -> None:
        self.image = image
        self._paint()
        self._set_enabled(True)

    def _paint(self) -> None:
        if self.image is None:
            return
        turn = attachments.page_rotation(self.record, self.page)
        shown = self.image.transformed(QTransform().rotate(turn), Qt.TransformationMode.SmoothTransformation)
        width = max(200, self.scroll.viewport().width() - 24)
        pixmap = QPixmap.fromImage(shown)
        if pixmap.width() > width:
            pixmap = pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        self.canvas.setPixmap(pixmap)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._paint()

    def previous_page(self) -> None:
        if self.page > 0:
            self.show_page(self.page - 1)

    def next_page(self) -> None:
        if self.page < self.pages - 1:
            self.show_page(self.page + 1)

    def rotate(self, degrees: int) -> None:
        """Turns the page on screen at once and saves the turn (on the writer thread)."""
        if self.image is None:
            return
        index = self.page
        turn = (attachments.page_rotation(self.record, index) + degrees) % 360
        rotation = dict(self.record.get("rotation") or {})
        rotation[str(index + 1)] = turn
        self.record["rotation"] = rotation
        self._paint()
        if self.preview:  # not stored yet: the turn is for looking only
            return
        user, record_id = self.user, self.record["id"]
        WriteOp(self, lambda store: attachments.set_rotation(store, user, record_id, index, turn)) \
            .failure(self._turn_not_saved).run()

    def _turn_not_saved(self, exc: Exception) -> None:
        message = known_message(exc)
        if message is None:
            show_failure(self, exc)
            return
        QMessageBox.warning(self, self.tr("Putaran tidak tersimpan"), message)

    # ---- out of Layan ------------------------------------------------------------------------

    def print_pages(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        if self.data is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.record["name"])
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.pages)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer) -> int:
        """Paints every page (as rotated on screen) on ``printer``, each fitted to the paper; returns pages."""
        from PySide6.QtPrintSupport import QPrinter

        first, last = printer.fromPage() or 1, printer.toPage() or self.pages
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, self.tr("Cetak"), self.tr("Pencetak tidak dapat dibuka."))
            return 0
        printed = 0
        try:
            area = printer.pageRect(QPrinter.Unit.DevicePixel)
            for index in range(first - 1, min(last, self.pages)):
                if printed:
                    printer.newPage()
                page = to_qimage(imaging.render_page(self.data, self.record["mime"], index,
                                                     long_edge=round(11.7 * PRINT_DPI), name=self.record["name"]))
                page = page.transformed(QTransform().rotate(attachments.page_rotation(self.record, index)))
                scale = min(area.width() / page.width(), area.height() / page.height())
                width, height = page.width() * scale, page.height() * scale
                painter.drawImage(QRectF((area.width() - width) / 2, (area.height() - height) / 2, width, height), page)
                printed += 1
        finally:
            painter.end()
        return printed

    def open_outside(self) -> None:
        if self.data is None:
            return
        copy = copies.view_copy(self.store.data_dir, self.record["name"], self.record["mime"], self.data)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy)))

    def save_copy(self, original: bool = False) -> None:
        record = self.record
        name, mime = (self.original["name"], self.original["mime"]) if original and self.original else \
            (record["name"], record["mime"])
        suggested = attachments.safe_file_name(name, mime)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Simpan salinan"), suggested)
        if not path:
            return
        user = self.user
        op = WriteOp if record["owner_collection"] in attachments.HEALTH_OWNERS else QueryOp
        op(self, lambda store: Path(path).write_bytes(attachments.read_bytes(store, user, record, original=original))) \
            .success(lambda _n: self.info.setText(self.tr("Tersimpan: {path}").format(path=path))).run()
