"""The attachments of one record as a strip of thumbnails, placed on a form with a few lines::

    strip = AttachmentStrip(store, user, "letters")
    strip.set_owner(letter_id)          # once the record exists

On a form for a new record (``intake=True``) files are taken before the first save: checked and
reduced at once, but kept in memory only. The form's save stores them right after the record, on the
writer thread (``saving_with``); cancelling the form forgets them, so nothing reaches the blob store.

Files come in by drag and drop, "Lampirkan berkas…" (Alt+L), Ctrl+V of an image (or of copied
files), or "Pindai" when the PC has a scanning route. Enter opens the viewer, Delete removes (after
asking). A request passes its checklist documents (``slots``): the clerk says which document a scan
proves. Checking and reducing a file runs on a worker thread; storing it on the writer thread.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QIcon, QImage, QKeySequence, QPixmap, QShortcut, QTransform
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import attachments
from desktop.domain.attachments import imaging, scanning
from desktop.store.records import ChangeSet, Store
from desktop.tasks import QueryOp, TaskManager, WriteOp, error_text, known_message, show_failure

from ..i18n import format_number

FILE_FILTER = "*.pdf *.jpg *.jpeg *.png *.tif *.tiff"


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")
    return f"{format_number(max(1, round(size / 1024)))} KB"


class AttachmentStrip(QWidget):
    changed = Signal(int)  # how many attachments the record has now
    visibility_changed = Signal()  # shown or hidden (a tab switched): Alt+L follows (alt_l_opens)

    def __init__(self, store: Store, user: dict, owner_collection: str, *, slots: dict[str, str] | None = None,
                 intake: bool = False, compact: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("attachmentStrip")
        self.store = store
        self.user = user
        self.owner_collection = owner_collection
        self.owner_id: str | None = None
        self.slots = slots or {}
        self.records: list[dict] = []
        self.intake = intake
        self.waiting: list[attachments.Waiting] = []  # taken before the record exists (intake)
        self._waiting_thumbs: list[bytes | None] = []
        self._not_attached: list = []  # (name, error) of waiting files the save could not store
        self._in_save: list[attachments.Waiting] = []  # what the running save stores (saving_with)
        self._busy = 0
        self.scan_route = scanning.find_route()
        self.setAcceptDrops(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.hint = QLabel()
        self.hint.setObjectName("planned")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.list = QListWidget()
        self.list.setObjectName("attachmentList")
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setFlow(QListWidget.Flow.LeftToRight)
        self.list.setWrapping(False)
        self.list.setMovement(QListWidget.Movement.Static)
        edge = attachments.THUMB_EDGE // 2 if compact else attachments.THUMB_EDGE  # a form's strip is low
        self.list.setIconSize(QSize(edge, edge))
        self.list.setGridSize(QSize(edge + 80 if compact else edge + 40, edge + 56))
        self.list.setWordWrap(True)
        if compact:  # one row of thumbnails: the form's own fields keep their room
            self.list.setFixedHeight(edge + 64)
        else:
            self.list.setMinimumHeight(edge + 76)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAcceptDrops(False)  # the strip takes the drop, over the list too
        self.list.itemDoubleClicked.connect(lambda _item: self.open_current())
        layout.addWidget(self.list, 1)

        row = QHBoxLayout()
        self.attach_button = QPushButton(self.tr("&Lampirkan berkas…"))
        self.attach_button.clicked.connect(self.choose_files)
        row.addWidget(self.attach_button)
        self.scan_button = QPushButton(self.tr("&Pindai"))
        self.scan_button.clicked.connect(self.scan)
        self.scan_button.setVisible(self.scan_route is not None)
        row.addWidget(self.scan_button)
        self.open_button = QPushButton(self.tr("&Buka"))
        self.open_button.clicked.connect(self.open_current)
        row.addWidget(self.open_button)
        self.remove_button = QPushButton(self.tr("Hapus lampiran"))
        self.remove_button.clicked.connect(self.remove_current)
        row.addWidget(self.remove_button)
        self.slot_combo = QComboBox()
        self.slot_label = QLabel(self.tr("Untuk &dokumen:"))
        self.slot_label.setBuddy(self.slot_combo)
        self.set_slots(self.slots)
        if compact:  # a form's column can be narrow: the choices go on a row of their own
            row.addStretch(1)
            layout.addLayout(row)
            row = QHBoxLayout()
        row.addWidget(self.slot_label)
        row.addWidget(self.slot_combo)
        self.keep_original = QCheckBox(self.tr("Simpan asli di PC ini"))
        self.keep_original.setToolTip(self.tr(
            "Yang dikirim ke kantor lain selalu versi kecil (±150 KB per halaman). Centang untuk juga menyimpan "
            "berkas asli di komputer ini saja."))
        row.addWidget(self.keep_original)
        row.addStretch(1)
        layout.addLayout(row)
        if compact:
            self.slot_combo.setMinimumContentsLength(12)
            self.slot_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

        self.list.installEventFilter(self)  # Ctrl+V, Delete and Enter in the strip
        TaskManager.instance().changed.connect(self.on_changed)
        self._update_state()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.visibility_changed.emit()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().hideEvent(event)
        self.visibility_changed.emit()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.list and event.type() == QEvent.Type.KeyPress:
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste()
                return True
            if event.key() == Qt.Key.Key_Delete and not event.modifiers():
                self.remove_current()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_current()  # and nothing more: in a form, Enter would also save and close it
                return True
        return super().eventFilter(watched, event)

    def set_slots(self, slots: dict[str, str]) -> None:
        """The checklist documents a scan can be for ({code: label}); none hides the choice."""
        self.slots = dict(slots)
        self.slot_combo.clear()
        self.slot_combo.addItem(self.tr("(bukan dokumen persyaratan)"), None)
        for key, label in self.slots.items():
            self.slot_combo.addItem(label, key)
        self.slot_combo.setVisible(bool(self.slots))
        self.slot_label.setVisible(bool(self.slots))
        if self.records:
            self._show(self.records)
        elif self.waiting:
            self._show_waiting()

    def attached_slots(self) -> set[str]:
        """The checklist documents that have a scan here."""
        return {r["slot"] for r in self.records if r.get("slot")}

    # ---- the owner and the list ---------------------------------------------------------------

    def set_owner(self, owner_id: str | None) -> None:
        self.owner_id = owner_id
        if owner_id is not None:
            self.waiting, self._waiting_thumbs = [], []  # stored with the record by now (saving_with)
        self._update_state()
        self.reload()

    def reload(self) -> None:
        if self.owner_id is None:
            self._show_waiting()
            return
        owner, collection_name, user = self.owner_id, self.owner_collection, self.user

        def load(store: Store):
            records = attachments.list_for(store, user, collection_name, owner)
            return records, {r["sha256"]: attachments.cached_thumbnail(store, r["sha256"]) for r in records}

        QueryOp(self, load, success=lambda result: self._show(*result)).run()

    def _show(self, records: list[dict], thumbs: dict[str, bytes | None] | None = None) -> None:
        current = self.current_record()
        self.records = records
        self.list.clear()
        missing = []
        for record in records:
            item = QListWidgetItem(self._caption(record))
            item.setData(Qt.ItemDataRole.UserRole, record["id"])
            item.setToolTip(self._tooltip(record))
            png = (thumbs or {}).get(record["sha256"])
            if png is not None:
                item.setIcon(self._icon(png, attachments.page_rotation(record, 0)))
            else:
                missing.append(record)
            self.list.addItem(item)
            if current and current["id"] == record["id"]:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(self.list.count() - 1)
        self._update_state()
        self.changed.emit(len(records))
        if missing:
            self._make_thumbnails(missing)

    def _show_waiting(self) -> None:
        """The files taken before the record exists, in the order they came."""
        self.list.clear()
        for index, (item, png) in enumerate(zip(self.waiting, self._waiting_thumbs, strict=True)):
            prepared = item.incoming.prepared
            pages = self.tr("{count} hlm.").format(count=format_number(prepared.pages))
            lines = [item.incoming.name, f"{pages} · {size_text(len(prepared.data))}"]
            if self.slots.get(item.slot or ""):
                lines.append(self.slots[item.slot])
            entry = QListWidgetItem("\n".join(lines))
            entry.setData(Qt.ItemDataRole.UserRole + 1, index)
            entry.setToolTip(self.tr("{name}: disimpan saat data ini disimpan.").format(name=item.incoming.name))
            if png is not None:
                entry.setIcon(self._icon(png))
            self.list.addItem(entry)
        if self.list.count():
            self.list.setCurrentRow(self.list.count() - 1)
        self._update_state()
        self.changed.emit(len(self.waiting))

    def _caption(self, record: dict) -> str:
        pages = self.tr("{count} hlm.").format(count=format_number(record.get("pages") or 1))
        slot = self.slots.get(record.get("slot") or "", "")
        lines = [record["name"], f"{pages} · {size_text(record['size'])}"]
        if slot:
            lines.append(slot)
        if not attachments.is_here(self.store, record):
            lines.append(self.tr("(belum sampai di PC ini)"))
        return "\n".join(lines)

    def _tooltip(self, record: dict) -> str:
        return record["name"] if attachments.is_here(self.store, record) else self.tr(
            "{name}: berkas belum sampai di komputer ini (diunduh saat sinkronisasi).").format(name=record["name"])

    @staticmethod
    def _icon(png: bytes, turn: int = 0) -> QIcon:
        """The cached thumbnail (made from the file as stored), turned as its first page is turned."""
        image = QImage.fromData(png, "PNG")
        if turn:
            image = image.transformed(QTransform().rotate(turn))
        return QIcon(QPixmap.fromImage(image))

    def _make_thumbnails(self, records: list[dict]) -> None:
        """Thumbnails not cached yet: made on a worker, shown, then cached on the writer."""
        def make(store: Store):
            return {r["sha256"]: attachments.make_thumbnail(store, r) for r in records}

        QueryOp(self, make, success=self._thumbnails_made).run()

    def _thumbnails_made(self, made: dict[str, bytes | None]) -> None:
        for row in range(self.list.count()):
            record = self.records[row] if row < len(self.records) else None
            png = made.get(record["sha256"]) if record else None
            if png is not None:
                self.list.item(row).setIcon(self._icon(png, attachments.page_rotation(record, 0)))
        fresh = {sha: png for sha, png in made.items() if png is not None}
        if fresh:
            WriteOp(self, lambda store: [attachments.cache_thumbnail(store, sha, png) for sha, png in fresh.items()]) \
                .automatic().run()

    def on_changed(self, changes: ChangeSet) -> None:
        if self.owner_id is not None and attachments.ATTACHMENTS in changes.collections:
            self.reload()

    def current_record(self) -> dict | None:
        item = self.list.currentItem()
        if item is None:
            return None
        wanted = item.data(Qt.ItemDataRole.UserRole)
        return next((r for r in self.records if r["id"] == wanted), None)

    def _update_state(self) -> None:
        ready = self.owner_id is not None or self.intake
        for widget in (self.attach_button, self.scan_button, self.keep_original, self.slot_combo):
            widget.setEnabled(ready and not self._busy)
        has = self.current_record() is not None
        self.open_button.setEnabled(has or self.current_waiting() is not None)
        self.remove_button.setEnabled((has or self.current_waiting() is not None) and not self._busy)
        if not ready:
            self.hint.setText(self.tr("Lampiran dapat ditambahkan setelah data ini disimpan."))
        elif self._busy:
            self.hint.setText(self.tr("Memeriksa dan memperkecil berkas…"))
        elif self.owner_id is None:
            self.hint.setText(self.tr(
                "Berkas disimpan bersama data ini saat Simpan ditekan. Seret berkas ke sini, tempel dengan Ctrl+V, "
                "atau pakai Lampirkan berkas (Alt+L). Enter membuka, Delete membuang."))
        else:
            self.hint.setText(self.tr(
                "Seret berkas PDF, JPEG, PNG atau TIFF ke sini, tempel gambar dengan Ctrl+V, atau pakai tombol "
                "Lampirkan berkas (Alt+L). Enter membuka, Delete menghapus."))

    # ---- files coming in ------------------------------------------------------------------------

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Lampirkan berkas"), "",
                                                self.tr("Pindaian dan foto ({patterns})").format(patterns=FILE_FILTER))
        if paths:
            self.add_files([Path(p) for p in paths])

    def add_files(self, paths: list[Path]) -> None:
        for path in paths:
            self._add(lambda _store, path=path: attachments.inspect_file(path))

    def add_bytes(self, name: str, data: bytes) -> None:
        self._add(lambda _store: attachments.inspect_bytes(name, data))

    def _add(self, inspect) -> None:
        """Checks and reduces on a worker thread, then stores on the writer thread; a refusal is said.
        Before the record exists (intake) the checked file waits in memory instead."""
        if self.owner_id is None and not self.intake:
            return
        owner = self.owner_id
        slot, keep = self.slot_combo.currentData(), self.keep_original.isChecked()
        self._busy += 1
        self._update_state()
        if owner is None:
            def check(store: Store):
                incoming = inspect(store)
                return incoming, waiting_thumbnail(incoming)

            QueryOp(self, check, success=lambda made: self._taken(attachments.Waiting(made[0], slot, keep), made[1])) \
                .failure(self._refused).run()
            return

        QueryOp(self, inspect, success=lambda incoming: self._store(attachments.Waiting(incoming, slot, keep))) \
            .failure(self._refused).run()

    def _store(self, item: attachments.Waiting) -> None:
        """Stores a checked file with the record, on the writer thread (``_busy`` counted by the caller)."""
        owner, collection_name, user = self.owner_id, self.owner_collection, self.user
        WriteOp(self, lambda store: attachments.attach(store, user, collection_name, owner, item.incoming,
                                                       slot=item.slot, keep_original=item.keep_original)) \
            .success(self._added).failure(self._refused).run()

    def _taken(self, waiting: attachments.Waiting, png: bytes | None) -> None:
        if self.owner_id is not None:  # the form was saved meanwhile: store it now, as any later file
            self._store(waiting)
            return
        self._busy -= 1
        self.waiting.append(waiting)
        self._waiting_thumbs.append(png)
        self._show_waiting()

    def current_waiting(self) -> int | None:
        item = self.list.currentItem()
        index = item.data(Qt.ItemDataRole.UserRole + 1) if item is not None else None
        return index if self.owner_id is None and index is not None and index < len(self.waiting) else None

    def saving_with(self, save: Callable[[Store], dict]) -> Callable[[Store], dict]:
        """A form's save of a new record (returning it), followed on the writer thread by storing the
        files waiting here. Call ``saved`` with the record's id when it succeeded."""
        waiting, user, collection_name = list(self.waiting), self.user, self.owner_collection
        self._in_save = waiting

        def op(store: Store) -> dict:
            record = save(store)
            self._not_attached = attachments.attach_waiting(store, user, collection_name, record["id"], waiting)
            return record

        return op

    def saved(self, owner_id: str) -> None:
        """The record exists: the strip now shows what is stored, and says which waiting file was not."""
        refused, self._not_attached = self._not_attached, []
        late = [w for w in self.waiting if not any(w is saved for saved in self._in_save)]  # came during the save
        self._in_save = []
        self.set_owner(owner_id)
        for item in late:
            self._busy += 1
            self._store(item)
        if refused:
            lines = "\n".join(f"• {name}: {error_text(exc)}" for name, exc in refused)
            QMessageBox.warning(self, self.tr("Berkas tidak dilampirkan"), self.tr(
                "Data tersimpan, tetapi berkas ini tidak dilampirkan:\n{lines}\n\nLampirkan lagi dari tab "
                "Lampiran.").format(lines=lines))

    def _added(self, record: dict) -> None:
        self._busy -= 1
        self._update_state()

    def _refused(self, exc: Exception) -> None:
        self._busy -= 1
        self._update_state()
        message = known_message(exc)
        if message is None:
            show_failure(self, exc)  # a bug: the crash dialog
            return
        QMessageBox.warning(self, self.tr("Berkas tidak dilampirkan"), message)

    def paste(self) -> None:
        self.add_mime(QGuiApplication.clipboard().mimeData())

    def add_mime(self, mime: QMimeData | None) -> bool:
        """Files or an image from the clipboard or a drop; False when it holds neither."""
        if mime is None or (self.owner_id is None and not self.intake):
            return False
        files = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
        if files:
            self.add_files(files)
            return True
        if mime.hasImage():
            image = QImage(mime.imageData())
            if image.isNull():
                return False
            from PySide6.QtCore import QBuffer, QByteArray, QIODevice

            data = QByteArray()
            buffer = QBuffer(data)
            buffer.open(QIODevice.OpenModeFlag.WriteOnly)
            image.save(buffer, "PNG")
            self.add_bytes(attachments.pasted_name(), bytes(data.data()))
            return True
        return False

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt's name
        mime = event.mimeData()
        if (self.owner_id is not None or self.intake) and (mime.hasUrls() or mime.hasImage()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.add_mime(event.mimeData()):
            event.acceptProposedAction()

    def scan(self) -> None:
        route = self.scan_route
        if route is None or (self.owner_id is None and not self.intake):
            return
        target = Path(tempfile.mkdtemp(prefix="layan-pindai-")) / ("pindaian.pdf" if route.kind == "naps2"
                                                                     else "pindaian.jpg")
        if route.kind == "wia":  # Windows' own dialog, on this (the GUI) thread
            try:
                scanned = scanning.scan_with_wia(route.program, target)
            except attachments.AttachmentError as exc:
                QMessageBox.warning(self, self.tr("Pemindaian gagal"), error_text(exc))
                return
            if scanned is not None:
                self.add_files([scanned])
            return
        self._busy += 1
        self._update_state()

        def scanned_file(path: Path) -> None:
            self._busy -= 1
            self.add_files([path])

        QueryOp(self, lambda _store: scanning.scan_with_naps2(route.program, target), success=scanned_file) \
            .failure(self._refused).with_progress(self.tr("Memindai…")).run()

    # ---- what is there ------------------------------------------------------------------------

    def open_current(self) -> None:
        from ..attachment_viewer import AttachmentViewer

        waiting = self.current_waiting()
        if waiting is not None:  # a look at a file not stored yet (its pages, from memory)
            incoming = self.waiting[waiting].incoming
            prepared = incoming.prepared
            shown = {"id": None, "name": incoming.name, "mime": prepared.mime, "size": len(prepared.data),
                     "pages": prepared.pages, "owner_collection": self.owner_collection}
            AttachmentViewer(self.store, self.user, shown, parent=self, preview=prepared.data).exec()
            return
        record = self.current_record()
        if record is None:
            return

        AttachmentViewer(self.store, self.user, record, parent=self).exec()

    def remove_current(self) -> None:
        waiting = self.current_waiting()
        if waiting is not None:  # not stored yet: nothing to ask about
            del self.waiting[waiting], self._waiting_thumbs[waiting]
            self._show_waiting()
            return
        record = self.current_record()
        if record is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Hapus lampiran?"),
                          self.tr("Hapus lampiran \u201c{name}\u201d dari data ini? Penghapusan ikut tersinkron ke "
                                  "komputer lain.").format(name=record["name"]), parent=self)
        yes = box.addButton(self.tr("Ya, hapus"), QMessageBox.ButtonRole.DestructiveRole)
        no = box.addButton(self.tr("Tidak"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)
        box.exec()
        if box.clickedButton() is not yes:
            return
        user, record_id = self.user, record["id"]
        WriteOp(self, lambda store: attachments.remove(store, user, record_id)).run()


def waiting_thumbnail(incoming: attachments.Incoming) -> bytes | None:
    """The first page of a file not stored yet, as a small PNG (on a worker thread)."""
    prepared = incoming.prepared
    try:
        return imaging.thumbnail_png(prepared.data, prepared.mime, attachments.THUMB_EDGE, incoming.name)
    except attachments.AttachmentError:
        return None


def strip_title(count: int) -> str:
    """The tab title of a record's attachments."""
    return QCoreApplication.translate("AttachmentStrip", "Lampiran ({count})").format(count=count) if count \
        else QCoreApplication.translate("AttachmentStrip", "Lampiran")


def add_strip_tab(tabs, store: Store, user: dict, owner_collection: str, owner_id: str | None, *,
                  slots: dict[str, str] | None = None, intake: bool = False) -> AttachmentStrip:
    """Adds a "Lampiran (n)" tab holding the record's strip to ``tabs`` (a QTabWidget). With ``intake``
    and no ``owner_id`` (a new record's form) the strip takes files before the first save, and Alt+L
    anywhere in the form opens the tab's "Lampirkan berkas…"."""
    strip = AttachmentStrip(store, user, owner_collection, slots=slots, intake=intake)
    tabs.addTab(strip, strip_title(0))
    strip.changed.connect(lambda count: tabs.setTabText(tabs.indexOf(strip), strip_title(count)))
    strip.set_owner(owner_id)
    if intake:
        alt_l_opens(strip, tabs.window(), lambda: tabs.setCurrentWidget(strip))
    return strip


def intake_strip(store: Store, user: dict, owner_collection: str) -> AttachmentStrip:
    """A low strip for a new record's form: it takes files before the first save (``saving_with``)."""
    strip = AttachmentStrip(store, user, owner_collection, intake=True, compact=True)
    strip.setObjectName("intakeAttachments")
    strip.set_owner(None)
    return strip


def alt_l_opens(strip: AttachmentStrip, window: QWidget, show_strip: Callable[[], None]) -> QShortcut:
    """Alt+L in ``window`` shows the strip and chooses files, also while the strip is out of sight (on
    another tab). While its own button is visible the button's Alt+L does it (two would cancel out)."""
    shortcut = QShortcut(QKeySequence("Alt+L"), window)

    def choose() -> None:
        show_strip()
        if strip.attach_button.isEnabled():
            strip.choose_files()

    def follow() -> None:
        shortcut.setEnabled(not strip.attach_button.isVisible())

    shortcut.activated.connect(choose)
    strip.visibility_changed.connect(follow)
    follow()
    return shortcut


class AttachmentsDialog(QDialog):
    """The strip in a window of its own, for a form with no room for it (the visit form)."""

    def __init__(self, store: Store, user: dict, owner_collection: str, owner_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("attachmentsDialog")
        self.setWindowTitle(strip_title(0))
        self.resize(760, 360)
        layout = QVBoxLayout(self)
        self.strip = AttachmentStrip(store, user, owner_collection)
        self.strip.changed.connect(lambda count: self.setWindowTitle(strip_title(count)))
        layout.addWidget(self.strip, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.strip.set_owner(owner_id)
        self.strip.list.setFocus()


def add_attachments_button(buttons: QDialogButtonBox, store: Store, user: dict, owner_collection: str,
                           owner_id: Callable[[], str | None]) -> QPushButton:
    """A "Lampiran…" button in a form's button row, opening AttachmentsDialog for the saved record."""
    button = buttons.addButton(QCoreApplication.translate("AttachmentStrip", "&Lampiran…"),
                               QDialogButtonBox.ButtonRole.ActionRole)
    button.setAutoDefault(False)
    button.clicked.connect(lambda: AttachmentsDialog(store, user, owner_collection, owner_id(),
                                                     parent=buttons.window()).exec() if owner_id() else None)
    return button


__all__ = ["AttachmentStrip", "AttachmentsDialog", "add_attachments_button", "add_strip_tab", "alt_l_opens", "intake_strip",
           "strip_title"]
