"""Small shared pieces of the health screens: the access notice, labels, and parsing what a nakes types
(decimal commas, "120/80", a birth date in the KTP's dd-mm-yyyy or just an age)."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.domain import dates
from desktop.domain import nik as nik_rules
from desktop.domain.health import access, ages, malaria
from desktop.store.records import Store
from desktop.tasks import current_language, error_text, pick
from sync.schema import FieldError

from ..i18n import format_date
from ..widgets.field_form import FieldForm

# -- access ----------------------------------------------------------------------------------------

def access_problem(user: dict | None, store: Store) -> str | None:
    """The domain's reason (in the user's language) why this user may not see patient data, or None."""
    try:
        access.require_health_role(user, store)
    except access.AccessDenied as exc:
        return error_text(exc)
    return None


class AccessNotice(QWidget):
    """Shown instead of a health page to a user who may not see patient data: the reason, no data."""

    def __init__(self, title: str, reason: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("healthAccessNotice")
        layout = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        layout.addWidget(heading)
        self.message = QLabel(self.tr(
            "Data pasien hanya dapat dibuka oleh tenaga kesehatan (nakes) dan kepala puskesmas ini "
            "(UU 27/2022 tentang Pelindungan Data Pribadi). Masuklah dengan akun nakes untuk melanjutkan."))
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.reason = QLabel(reason)
        self.reason.setObjectName("planned")
        self.reason.setWordWrap(True)
        layout.addWidget(self.reason)
        layout.addStretch(1)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


# -- labels ------------------------------------------------------------------------------------------

def sex_label(value: str | None) -> str:
    return {"L": QCoreApplication.translate("Health", "Laki-laki"), "P": QCoreApplication.translate("Health", "Perempuan")}.get(value or "", "")


def payer_label(value: str | None) -> str:
    return {"bpjs": "BPJS", "umum": QCoreApplication.translate("Health", "Umum")}.get(value or "", "")


def method_label(value: str | None) -> str:
    return {"rdt": "RDT", "mikroskopis": QCoreApplication.translate("Health", "Mikroskopis")}.get(value or "", "")


def result_label(value: str | None) -> str:
    return {"positif": QCoreApplication.translate("Health", "Positif"), "negatif": QCoreApplication.translate("Health", "Negatif")}.get(value or "", "")


def species_label(value: str | None) -> str:
    """ "Falciparum (Pf)": starts with its own letter, so typing f, v, m, o, k, c in the combo picks it."""
    labels = {"falciparum": "Falciparum (Pf)", "vivax": "Vivax (Pv)", "malariae": "Malariae (Pm)",
              "ovale": "Ovale (Po)", "knowlesi": "Knowlesi (Pk)", "campuran": QCoreApplication.translate("Health", "Campuran (mix)")}
    if value in labels:
        return labels[value]
    return pick(*malaria.SPECIES_LABELS[None])


def kasus_label(value: str | None) -> str:
    return {"baru": QCoreApplication.translate("Health", "Baru"), "lama": QCoreApplication.translate("Health", "Lama")}.get(value or "", "")


def today() -> dt.date:
    return nik_rules.effective_today()


def age_text(patient: dict | None, day: dt.date | str | None = None) -> str:
    if not patient:
        return ""
    age = ages.age_on(patient, day or today())
    return age.text(current_language()) if age else ""


def birth_text(patient: dict) -> str:
    """ "1 Januari 1990 (36 tahun)", or "40 tahun" when only an age was stated."""
    age = age_text(patient)
    if patient.get("tanggal_lahir"):
        return f"{format_date(patient['tanggal_lahir'])} ({age})" if age else format_date(patient["tanggal_lahir"])
    return age


def patient_line(patient: dict) -> str:
    """One line that tells who this is: "RM-000123 · Maria Magal · P · 36 tahun · Kwamki"."""
    parts = [patient.get("no_rm") or "", patient.get("nama") or "", patient.get("jenis_kelamin") or "",
             age_text(patient), patient.get("kampung") or ""]
    return " · ".join(p for p in parts if p)


# -- parsing what is typed -----------------------------------------------------------------------------

class ParseError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def parse_number(text: str, *, integer: bool = False) -> float | int | None:
    """ "38,5" or "38.5" → 38.5; "" → None; anything else → ParseError."""
    raw = (text or "").strip().replace(" ", "")
    if not raw:
        return None
    raw = raw.replace(",", ".")
    try:
        if integer:
            if not re.fullmatch(r"\d+", raw):
                raise ValueError(raw)
            return int(raw)
        if not re.fullmatch(r"\d+(\.\d+)?", raw):
            raise ValueError(raw)
        return float(raw)
    except ValueError:
        raise ParseError(QCoreApplication.translate("Health", "Tulis angka saja, misalnya 38,5.") if not integer
                         else QCoreApplication.translate("Health", "Tulis bilangan bulat saja.")) from None


def parse_pressure(text: str) -> tuple[int | None, int | None]:
    """ "120/80" → (120, 80); "" → (None, None)."""
    raw = (text or "").strip().replace(" ", "")
    if not raw:
        return None, None
    m = re.fullmatch(r"(\d{2,3})[/\\-](\d{2,3})", raw)
    if not m:
        raise ParseError(QCoreApplication.translate("Health", "Tulis tensi seperti 120/80 (sistolik/diastolik)."))
    return int(m.group(1)), int(m.group(2))


_AGE = re.compile(r"(\d{1,3})\s*(?:tahun|thn|th|tah|t|years?|yrs?|y)?\.?", re.IGNORECASE)
_MONTHS_OR_DAYS = re.compile(r"\d{1,3}\s*(?:bulan|bln|bl|hari|hr|months?|days?)\.?", re.IGNORECASE)


def parse_birth(text: str, on: dt.date | None = None) -> tuple[str | None, int | None]:
    """The patient form's one field for "tanggal lahir atau umur": (birth date ISO, None) for a date as the
    date fields take it ("15-03-1990", "15/3/90", "150390", "15 Mar 1990", "1990-03-15"; a two-digit year is
    never in the future: in 2026, "27" is 1927); (None, years) for "40", "40 tahun", "40 th", "40 thn";
    (None, None) for "". An age in months or days asks for the birth date (a baby). ``on``: today."""
    raw = (text or "").strip()
    if not raw:
        return None, None
    if _MONTHS_OR_DAYS.fullmatch(raw):
        raise ParseError(QCoreApplication.translate(
            "Health", "Untuk bayi di bawah 1 tahun, isi tanggal lahir (lihat buku KIA), mis. 15-03-2026."))
    age = _AGE.fullmatch(raw)
    if age:
        years = int(age.group(1))
        if years > 130:
            raise ParseError(QCoreApplication.translate("Health", "Umur paling tinggi 130 tahun."))
        return None, years
    example = QCoreApplication.translate("Health", "Tulis tanggal lahir seperti 15-03-1990, atau umur dalam tahun (mis. 40).")
    try:
        born = dates.parse_typed(raw, on or today(), years_ahead=0)
    except dates.DateError as exc:
        # A date that cannot be (31-02-1990) says why; a text that is no date shows the example.
        raise ParseError(f"{pick(exc.message, exc.message_en)} {example}" if exc.recognised else example) from None
    return born.isoformat(), None


def birth_input_text(patient: dict) -> str:
    """What the birth/age field shows for a saved patient."""
    born = patient.get("tanggal_lahir")
    if born:
        y, m, d = born[:10].split("-")
        return f"{d}-{m}-{y}"
    if patient.get("umur_tahun") is not None:
        return str(patient["umur_tahun"])
    return ""


# -- errors over several form sections --------------------------------------------------------------

class FormSections:
    """Several FieldForms that act as one: errors go to the section holding the field, focus to the
    first bad field in the order the sections were added."""

    def __init__(self, *forms: FieldForm, aliases: dict[str, str] | None = None):
        self.forms = list(forms)
        self.aliases = aliases or {}

    def field(self, key: str) -> QWidget:
        for form in self.forms:
            if key in form.fields:
                return form.fields[key]
        raise KeyError(key)

    def clear_errors(self) -> None:
        for form in self.forms:
            form.clear_errors()

    def show_errors(self, errors) -> list[FieldError]:
        """Puts each error at its field; returns the ones that belong to no field (shown elsewhere)."""
        self.clear_errors()
        unplaced, first = [], None
        seen: set[tuple[str, str]] = set()
        for err in errors:
            key = self.aliases.get(err.field, err.field)
            if (key, err.message) in seen:
                continue
            seen.add((key, err.message))
            form = next((f for f in self.forms if key in f.fields), None)
            if form is None:
                unplaced.append(err)
                continue
            previous = form.errors[key].text() if form.errors[key].isVisible() or form.errors[key].text() else ""
            message = pick(err.message, err.message_en)
            form.set_error(key, f"{previous}\n{message}" if previous else message)
            position = (self.forms.index(form), list(form.fields).index(key))
            if first is None or position < first[0]:
                first = (position, form.fields[key])
        if first is not None:
            first[1].setFocus()
        return unplaced


def show_note(form: FieldForm, key: str, text: str) -> None:
    """A note under a field that does not block saving ("⚠ …"), or none for ""; clears a red border."""
    widget, label = form.fields[key], form.errors[key]
    if widget.property("invalid"):
        widget.setProperty("invalid", False)
        widget.style().unpolish(widget)
        widget.style().polish(widget)
    label.setText(f"⚠ {text}" if text else "")
    label.setVisible(bool(text))


def field_error(field: str, message: str) -> FieldError:
    """A problem found by the form itself (already in the user's language)."""
    return FieldError(field, message, message)
