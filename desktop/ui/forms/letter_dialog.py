"""The letter form: a new or existing surat masuk/keluar, with its disposisi and history.

Fields follow the paper agenda book's columns, and that is also the tab order. Ctrl+S or Enter
saves, Esc cancels (asking first when something was typed). A new letter gets its number when
it is saved, inside the saving transaction; the form then shows it and stays open, so a
disposisi can be added at once (Enter or Esc closes it).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import letters, numbering, wall_clock
from desktop.store.records import Store
from desktop.tasks import QueryOp, TaskManager, WriteOp, pick

from ..i18n import format_date
from ..registers.column_titles import title as column_title
from ..widgets.date_field import DateField
from ..widgets.field_form import FieldForm
from ..widgets.form_base import FormDialog
from ..widgets.klasifikasi_input import KlasifikasiInput
from .dispositions_panel import DispositionsPanel
from .history_panel import HistoryPanel

# Form fields in the agenda book's order (the number itself is shown, not typed).
INCOMING_FIELDS = ("tanggal_terima", "nomor_surat", "tanggal_surat", "asal", "perihal", "sifat", "klasifikasi",
                   "lampiran", "diteruskan_kepada", "keterangan")
OUTGOING_FIELDS = ("nomor_surat", "tanggal_surat", "tujuan", "perihal", "sifat", "klasifikasi", "lampiran",
                   "penandatangan", "keterangan")
TEXT_LIMITS = {"nomor_surat": 120, "asal": 300, "tujuan": 300, "perihal": 1000, "diteruskan_kepada": 300,
               "penandatangan": 200, "keterangan": 2000}


class LetterDialog(FormDialog):
    def __init__(self, store: Store, direction: str, actor: str, record_id: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("letterDialog")
        self.store = store
        self.direction = direction
        self.actor = actor
        self.record_id = record_id
        self.record: dict | None = None
        self.setMinimumWidth(640)

        layout = QVBoxLayout(self)
        self.add_heading(layout, "")  # the title follows the letter (_update_heading)

        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.form = FieldForm()
        self.number_label = QLabel()
        self.number_label.setObjectName("numberValue")
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form.add_field("seq", column_title(direction, "seq"), self.number_label)
        self._build_fields()
        self.tabs.addTab(self.form, self.tr("Data surat"))
        self.dispositions: DispositionsPanel | None = None
        self.history: HistoryPanel | None = None
        self.conflicts = None  # ConflictsView: this letter's overwritten values (tab shown only if any)
        self.attachments = None  # AttachmentStrip: the scans of this letter (a new one's wait for its save)
        if record_id is None:
            from ..widgets.attachment_strip import add_strip_tab

            self.attachments = add_strip_tab(self.tabs, store, {"username": actor}, letters.LETTERS, None, intake=True)

        self.add_buttons(layout)
        self.save_from_popup(self.form.fields["klasifikasi"].completer.popup())

        self._update_heading()
        if record_id is None:
            self.number_label.setText(self.tr("(diberikan otomatis saat disimpan)"))
            first = self.form.fields[self.field_order[0]]
            first.setFocus()
        else:
            self._load(record_id)

    # -- building ---------------------------------------------------------------------------------

    @property
    def field_order(self) -> tuple[str, ...]:
        return INCOMING_FIELDS if self.direction == "masuk" else OUTGOING_FIELDS

    def _build_fields(self) -> None:
        for key in self.field_order:
            widget = self._make_widget(key)
            self.form.add_field(key, self._label(key), widget)
        if self.direction == "keluar":
            self.form.fields["nomor_surat"].setPlaceholderText(
                self.tr("kosongkan: dibuat otomatis dari format nomor kantor"))
        previous = self.form.fields[self.field_order[0]]
        for key in self.field_order[1:]:
            current = self.form.fields[key]
            QWidget.setTabOrder(previous, current)
            previous = current

    def _label(self, key: str) -> str:
        if key == "asal":
            return self.tr("Asal/Pengirim")
        if key == "tujuan":
            return self.tr("Tujuan")
        return column_title(self.direction, key)

    def _make_widget(self, key: str) -> QWidget:
        if key in ("tanggal_terima", "tanggal_surat"):
            optional = self.direction == "masuk" and key == "tanggal_surat"
            widget = DateField(optional=optional)
            widget.dateChanged.connect(self._mark_dirty)
            widget.dateChanged.connect(self._show_date_warnings)
            widget.textEdited.connect(self._mark_dirty)
            return widget
        if key == "sifat":
            combo = QComboBox()
            for value in letters.SIFAT:
                combo.addItem(pick(*letters.SIFAT_LABELS[value]), value)
            combo.currentIndexChanged.connect(self._mark_dirty)
            return combo
        if key == "klasifikasi":
            widget = KlasifikasiInput()
            widget.edited.connect(self._mark_dirty)
            return widget
        if key == "lampiran":
            spin = QSpinBox()
            spin.setRange(0, 9999)
            spin.setSuffix(self.tr(" berkas"))
            spin.valueChanged.connect(self._mark_dirty)
            return spin
        line = QLineEdit()
        line.setMaxLength(TEXT_LIMITS.get(key, 300))
        line.textEdited.connect(self._mark_dirty)
        return line

    def _update_heading(self) -> None:
        if self.record is None:
            text = self.tr("Surat Masuk Baru") if self.direction == "masuk" else self.tr("Surat Keluar Baru")
        elif self.direction == "masuk":
            text = self.tr("Surat Masuk No. Agenda {seq}/{year}").format(**self.record)
        else:
            text = self.tr("Surat Keluar No. Urut {seq}/{year}").format(**self.record)
        self.heading.setText(text)
        self.setWindowTitle(text)

    # -- loading ----------------------------------------------------------------------------------

    def _load(self, record_id: str) -> None:
        self.setEnabled(False)
        QueryOp(self, lambda store: store.get(letters.LETTERS, record_id), success=self._show_record).run()

    def _show_record(self, record: dict) -> None:
        self.record = record
        self.record_id = record["id"]
        self.setEnabled(True)
        self.number_label.setText(f"{record['seq']}/{record['year']}")
        for key in self.field_order:
            self._set_value(key, record.get(key))
        self._dirty = False
        self._update_heading()
        self._add_record_tabs()
        self.form.fields[self.field_order[0]].setFocus()

    def _add_record_tabs(self) -> None:
        manager = TaskManager.instance()
        if self.direction == "masuk" and self.dispositions is None:
            self.dispositions = DispositionsPanel(self.store, self.record_id, self.actor)
            self.tabs.addTab(self.dispositions, self.tr("Disposisi"))
            manager.changed.connect(self.dispositions.on_changed)
            # The window grows to the room the tab asks for (its lists and note were squeezed to their minimum);
            # on a small screen the screen fit caps it again.
            self.resize(max(self.width(), self.sizeHint().width()), max(self.height(), self.sizeHint().height()))
        if self.attachments is None:
            from ..widgets.attachment_strip import add_strip_tab

            self.attachments = add_strip_tab(self.tabs, self.store, {"username": self.actor}, letters.LETTERS,
                                             self.record_id)
        elif self.attachments.owner_id is None:  # just saved: the waiting scans were stored with it
            self.attachments.saved(self.record_id)
        if self.history is None:
            self.history = HistoryPanel(self.store, letters.LETTERS, self.record_id)
            self.tabs.addTab(self.history, self.tr("Riwayat"))
            manager.changed.connect(self.history.on_changed)
        if self.conflicts is None:
            from ..sync.conflicts_view import ConflictsView

            self.conflicts = ConflictsView(manager, {"username": self.actor}, collection=letters.LETTERS,
                                           record_id=self.record_id)
            self.tabs.setTabVisible(self.tabs.addTab(self.conflicts, self.tr("Konflik")), False)
            self.conflicts.count_changed.connect(self._show_conflict_count)
            self.conflicts.restored.connect(lambda _id: None if self.is_dirty() else self._load(self.record_id))

    def _show_conflict_count(self, count: int) -> None:
        index = self.tabs.indexOf(self.conflicts)
        self.tabs.setTabText(index, self.tr("Konflik ({count})").format(count=count))
        self.tabs.setTabVisible(index, count > 0)

    def _set_value(self, key: str, value) -> None:
        widget = self.form.fields[key]
        if isinstance(widget, DateField):
            widget.set_value(value)
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(0, widget.findData(value or "biasa")))
        elif isinstance(widget, QSpinBox):
            widget.setValue(int(value or 0))
        else:
            widget.setText(value or "")

    # -- values -----------------------------------------------------------------------------------

    def values(self) -> dict:
        """The form's fields as letter fields (empty text → None)."""
        out = {}
        for key in self.field_order:
            widget = self.form.fields[key]
            if isinstance(widget, DateField):
                out[key] = widget.value()
            elif isinstance(widget, QComboBox):
                out[key] = widget.currentData()
            elif isinstance(widget, QSpinBox):
                out[key] = widget.value()
            else:
                out[key] = widget.text().strip() or None
        return out

    def changed_values(self) -> dict:
        """Only what the clerk changed: an edit records exactly those fields in the history."""
        values = self.values()
        if self.record is None:
            return values
        def same(key):
            old = self.record.get(key)
            new = values[key]
            if key == "lampiran":
                return int(old or 0) == int(new or 0)
            return (old or None) == (new or None)
        return {k: v for k, v in values.items() if not same(k)}

    def is_dirty(self) -> bool:
        return self._dirty and bool(self.changed_values())

    # -- dates: refused when impossible, warned when unlikely ----------------------------------------

    def _date_fields(self) -> dict[str, DateField]:
        return {k: w for k, w in self.form.fields.items() if isinstance(w, DateField)}

    def _check_dates(self) -> bool:
        """Shows each date that cannot be at its field (the typed text stays); False if any."""
        bad = [key for key, field in self._date_fields().items() if not field.commit()]
        if bad:
            self.form.fields[bad[0]].setFocus()
        return not bad

    def date_warnings(self) -> dict[str, str]:
        """Dates that are possible but unlikely, by field: a future Tanggal Terima, a letter dated
        after it was received (today by the corrected clock, not the PC's)."""
        values = {k: f.value() for k, f in self._date_fields().items() if f.valid()}
        received, written = values.get("tanggal_terima"), values.get("tanggal_surat")
        today = wall_clock.today()
        out = {}
        if self.direction == "masuk" and received and dt.date.fromisoformat(received) > today:
            out["tanggal_terima"] = self.tr("Tanggal terima ada di masa depan (hari ini {today}).").format(
                today=format_date(today))
        if received and written and written > received:
            out["tanggal_surat"] = self.tr("Tanggal surat sesudah tanggal terima ({received}).").format(
                received=format_date(received))
        return out

    def _show_date_warnings(self, *_args) -> dict[str, str]:
        warnings = self.date_warnings()
        for key in self._date_fields():
            label = self.form.errors[key]
            if self.form.fields[key].property("invalid"):
                continue  # an error is shown there: it comes first
            if key in warnings:
                label.setText(warnings[key])
                label.setProperty("warning", True)
                label.show()
            elif label.property("warning"):
                label.setProperty("warning", False)
                label.clear()
                label.hide()
            label.style().unpolish(label)
            label.style().polish(label)
        return warnings

    def confirm_date_warnings(self, warnings: dict[str, str]) -> bool:
        """Asks before saving unlikely dates; "check again" is the default."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Periksa tanggal"),
                          "\n".join(warnings.values()) + "\n\n" + self.tr("Simpan dengan tanggal ini?"), parent=self)
        yes = box.addButton(self.tr("Ya, simpan"), QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton(self.tr("Tidak, periksa lagi"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.exec()
        return box.clickedButton() is yes

    def confirm_other_year(self, exc: numbering.OtherYear) -> bool:
        """Asks before numbering a surat keluar in another year than the current one."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Nomor di tahun lain?"),
                          self.tr("Surat keluar ini akan bernomor tahun {year}, padahal tahun sekarang {current}. "
                                  "Nomor yang sudah diberikan tidak dapat dipindah ke tahun lain.\n\n"
                                  "Beri nomor tahun {year}?").format(year=exc.year, current=exc.current),
                          parent=self)
        yes = box.addButton(self.tr("Ya, tahun {year}").format(year=exc.year), QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton(self.tr("Tidak, periksa tanggal"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.exec()
        return box.clickedButton() is yes

    # -- saving -----------------------------------------------------------------------------------

    def save(self, *, confirm_year: bool = False) -> None:
        if self._saving:
            return
        if self.dispositions is not None and self.tabs.currentWidget() is self.dispositions:
            # Enter / Ctrl+S on the Disposisi tab adds the disposisi being typed.
            if self.dispositions.has_input():
                self.dispositions.add()
            return
        if not self._check_dates():
            self.save_failed.emit()
            return
        fields = self.changed_values()
        if self.record is not None and not fields:
            self.accept()  # nothing changed: Enter simply closes a saved letter
            return
        warnings = self._show_date_warnings()
        if warnings and not confirm_year and not self.confirm_date_warnings(warnings):
            self.form.fields[next(iter(warnings))].setFocus()
            return
        self.start_saving()
        actor, direction, record_id = self.actor, self.direction, self.record_id
        if record_id is None:
            if direction == "masuk":
                op = lambda store: letters.register_incoming(store, fields, actor=actor)  # noqa: E731
            else:
                op = lambda store: letters.register_outgoing(  # noqa: E731
                    store, fields, actor=actor, confirm_year=confirm_year)
        else:
            op = lambda store: letters.update_letter(store, record_id, fields, actor=actor)  # noqa: E731
        save = lambda store: store.get(letters.LETTERS, op(store).record_id)  # noqa: E731
        if record_id is None and self.attachments is not None:
            save = self.attachments.saving_with(save)  # the scans taken before this first save
        WriteOp(self, save) \
            .success(self._saved).failure(self._save_failed).with_progress(self.tr("Menyimpan surat…")).run()

    def _saved(self, record: dict) -> None:
        self.end_saving()
        was_new = self.record is None
        self.form.clear_errors()
        self._show_record(record)
        if was_new:
            if self.direction == "masuk":
                text = self.tr("Tersimpan dengan No. Agenda {seq}/{year}.").format(**record)
            else:
                text = self.tr("Tersimpan dengan No. Urut {seq}/{year}, nomor surat {nomor}.").format(
                    seq=record["seq"], year=record["year"], nomor=record.get("nomor_surat") or "")
        else:
            text = self.tr("Perubahan tersimpan.")
        self.banner.setText(text)
        self.banner.show()
        self.saved.emit(record["id"])

    def _save_failed(self, exc: Exception) -> None:
        if not isinstance(exc, numbering.OtherYear):
            self.save_refused(exc)
            return
        self.end_saving()
        if self.confirm_other_year(exc):
            self.save(confirm_year=True)
            return
        self.form.fields["tanggal_surat"].setFocus()
        self.save_failed.emit()

    def show_field_errors(self, errors: list) -> list:
        rest = self.form.show_field_errors(errors)
        self._show_date_warnings()  # the refused fields' errors come first; the other dates keep their warning
        return rest

    # -- closing ----------------------------------------------------------------------------------

    def has_unsaved_input(self) -> bool:
        return self.is_dirty() or (self.dispositions is not None and self.dispositions.has_input()) \
            or (self.attachments is not None and bool(self.attachments.waiting))

    def discard_question(self) -> tuple[str, str]:
        return self.tr("Buang perubahan?"), self.tr("Ada isian yang belum disimpan. Tutup tanpa menyimpan?")
