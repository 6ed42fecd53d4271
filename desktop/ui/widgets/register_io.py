"""The registers' "Impor/Ekspor" button: an agenda book or list from Excel/CSV into a register, and a
register out to Excel/CSV — what `layan import` / `layan export` do, for a clerk. A long export shows
its progress and can be cancelled (a million letters take a while; memory stays small).

Import is all rows or none first; when rows have problems the clerk sees them (row number and
reason, as Excel numbers rows) and may import just the good rows. Both run on the writer thread
(desktop/domain/register_io.py); the result is a message the clerk closes.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QProgressDialog, QPushButton, QWidget

from desktop.domain import register_io
from desktop.store.db import StoreError
from desktop.tasks import QueryOp, TaskManager, WriteOp, pick, show_failure
from desktop.tasks.progress import ProgressReporter

from ..i18n import format_number

if TYPE_CHECKING:  # the importers and exporters load on first use, not with every register page
    from desktop.domain.importing import ImportResult

SHOWN_ERRORS = 12  # rows listed in the message; the rest are counted


class RegisterIoButton(QPushButton):
    """``entries``: (register kind, what the clerk calls it, e.g. "surat masuk") per register of the page."""

    def __init__(self, manager: TaskManager, user: dict, entries: list[tuple[str, str]],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("registerIo")
        self.manager = manager
        self.user = user
        self.setText(self.tr("Impor/Ekspor"))
        menu = QMenu(self)
        for kind, name in entries:
            menu.addAction(self.tr("Impor {name} dari Excel/CSV…").format(name=name),
                           lambda k=kind: self.choose_import(k))
        menu.addSeparator()
        for kind, name in entries:
            menu.addAction(self.tr("Ekspor {name} ke Excel/CSV…").format(name=name),
                           lambda k=kind: self.choose_export(k))
        self.setMenu(menu)
        self.box: QMessageBox | None = None  # the last result shown (tests read it)

    # -- dialogs --------------------------------------------------------------------------------

    def choose_import(self, kind: str) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Pilih berkas untuk diimpor"), _documents(),
                                              self.tr("Excel atau CSV (*.xlsx *.csv)"))
        if path:
            self.import_file(kind, Path(path))

    def choose_export(self, kind: str) -> None:
        suggested = str(Path(_documents()) / f"{kind}-{dt.date.today().isoformat()}.xlsx")
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("Simpan sebagai"), suggested,
                                                   self.tr("Excel (*.xlsx);;CSV (*.csv)"))
        if path:
            if Path(path).suffix.lower() not in register_io.FORMATS:
                path += ".csv" if "csv" in chosen.lower() else ".xlsx"
            self.export_file(kind, Path(path))

    # -- work -----------------------------------------------------------------------------------

    def import_file(self, kind: str, path: Path, *, partial: bool = False) -> None:
        user = self.user
        WriteOp(self, lambda store: register_io.import_register(store, user, kind, path, partial=partial)) \
            .using(self.manager).success(lambda result: self._imported(kind, path, result, partial)) \
            .failure(self._failed).with_progress(self.tr("Mengimpor…")).run()

    def export_file(self, kind: str, path: Path) -> None:
        user = self.user
        progress = ExportProgress(self.manager, self.tr("Mengekspor {file}…").format(file=path.name),
                                  self.tr("Batal"), self.window())
        # Health exports write an audit entry (personal data leaves the app): the writer thread. The
        # others only read, so saves are never held up behind a long export.
        op = WriteOp if kind in register_io.AUDITED_EXPORTS else QueryOp

        def finished(callback):
            def deliver(value):
                progress.finish()
                callback(value)
            return deliver

        op(self, lambda store: register_io.export_register(store, user, kind, path, progress=progress.report)) \
            .using(self.manager).success(finished(lambda count: self._exported(path, count))) \
            .failure(finished(self._failed)).run()

    def _imported(self, kind: str, path: Path, result: ImportResult, partial: bool) -> None:
        lines = [pick(f"Baris {e.row}: {e.message}", f"Row {e.row}: {e.message_en}")
                 for e in result.errors[:SHOWN_ERRORS]]
        if len(result.errors) > SHOWN_ERRORS:
            lines.append(self.tr("… dan {n} baris lagi.").format(n=format_number(len(result.errors) - SHOWN_ERRORS)))
        lines += [pick(f"Catatan: {w.message}", f"Note: {w.message_en}") for w in result.warnings[:3]]
        details = "\n".join(lines)
        good = result.total - len({e.row for e in result.errors})
        if result.errors and not result.imported and not partial:
            text = self.tr("Tidak ada yang diimpor dari {file}: {bad} dari {total} baris bermasalah. Perbaiki "
                           "berkasnya lalu impor lagi, atau impor baris yang benar saja.").format(
                file=path.name, bad=format_number(len(result.errors)), total=format_number(result.total))
            box = self._show(QMessageBox.Icon.Warning, text, details)
            if good > 0:
                only_good = box.addButton(self.tr("Impor {n} baris yang benar saja").format(n=format_number(good)),
                                          QMessageBox.ButtonRole.AcceptRole)
                only_good.clicked.connect(lambda: self.import_file(kind, path, partial=True))
            box.addButton(self.tr("Tutup"), QMessageBox.ButtonRole.RejectRole)
        else:
            text = self.tr("{n} dari {total} baris diimpor dari {file}.").format(
                n=format_number(result.imported), total=format_number(result.total), file=path.name)
            box = self._show(QMessageBox.Icon.Information, text, details)
            box.addButton(QMessageBox.StandardButton.Ok)
        box.open()

    def _exported(self, path: Path, count: int) -> None:
        box = self._show(QMessageBox.Icon.Information,
                         self.tr("{n} data diekspor ke {file}.").format(n=format_number(count), file=str(path)), "")
        box.addButton(QMessageBox.StandardButton.Ok)
        box.open()

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, StoreError):  # unreadable file, no header row, no health role…
            box = self._show(QMessageBox.Icon.Warning, pick(exc.message, exc.message_en), "")
            box.addButton(QMessageBox.StandardButton.Ok)
            box.open()
        else:
            show_failure(self, exc)

    def _show(self, icon: QMessageBox.Icon, text: str, details: str) -> QMessageBox:
        box = QMessageBox(icon, self.tr("Impor/Ekspor"), text, QMessageBox.StandardButton.NoButton, self.window())
        box.setObjectName("registerIoResult")
        if details:
            box.setInformativeText(details)
        self.box = box
        return box


class ExportProgress(QObject):
    """An export's progress: in the status bar (as every op's) and in a small dialog with "Batal".

    ``report`` runs on the worker thread: it raises ExportCancelled once the clerk pressed Batal (the
    export then removes its temporary file), and passes the rest on, throttled, to the GUI thread.
    The dialog shows itself only when the export takes longer than a moment.
    """

    def __init__(self, manager: TaskManager, label: str, cancel_text: str, parent: QWidget | None):
        from desktop.domain.export_stream import ExportCancelled

        super().__init__(parent)
        self.manager = manager
        self.cancelled = threading.Event()
        self._cancelled_error = ExportCancelled
        self.token = manager.new_token()
        self.dialog = QProgressDialog(label, cancel_text, 0, 0, parent)
        self.dialog.setObjectName("exportProgress")
        self.dialog.setWindowModality(Qt.WindowModality.NonModal)  # the clerk may go on working meanwhile
        self.dialog.setMinimumDuration(700)
        self.dialog.setAutoReset(False)
        self.dialog.setAutoClose(False)
        self.dialog.canceled.connect(self.cancelled.set)
        self._reporter = ProgressReporter(manager, self.token, label)
        manager.progress_updated.connect(self._updated)
        manager.progress_started.emit(self.token, label)

    def report(self, done: int, total: int) -> None:
        if self.cancelled.is_set():
            raise self._cancelled_error()
        self._reporter.report(done, total)

    def _updated(self, token: int, _label: str, value: int, maximum: int) -> None:
        if token == self.token and not self.cancelled.is_set():
            self.dialog.setMaximum(max(1, maximum))
            self.dialog.setValue(min(value, maximum))

    def finish(self) -> None:
        self.manager.progress_updated.disconnect(self._updated)
        self.manager.progress_finished.emit(self.token)
        self.dialog.reset()
        self.dialog.hide()
        self.dialog.deleteLater()  # one per export: none is kept once it is over
        self.deleteLater()


def _documents() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
