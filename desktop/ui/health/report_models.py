"""Table models for the monthly reports on screen, from the data ``desktop.domain.health.reports`` returns
(the same data the PDF and XLSX are written from, so the screen and the files always agree)."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from desktop.domain.health import ages, malaria
from desktop.tasks import current_language, pick

_ROOT = QModelIndex()
VALUE_ROLE = Qt.ItemDataRole.UserRole + 1  # the number itself (the display leaves zero age cells empty)
SEXES = ("L", "P")


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def short_age_label(code: str) -> str:
    """ "0-7h" → "0–7 hr", "1-11b" → "1–11 bl", "20-44t" → "20–44 th" (English: d, mo, y), as on the LB1 form."""
    units = {"h": ("hr", "d"), "b": ("bl", "mo"), "t": ("th", "y")}
    span, unit = code[:-1], code[-1]
    return f"{span.replace('-', '–')} {pick(*units[unit])}"


LB1_FROZEN = 3  # code, diagnosis and total stay in view as the age columns scroll


class Lb1Model(QAbstractTableModel):
    """LB1: one row per ICD-10 code (and the total), 33 columns: code, title, the row's total, then the LB1
    form's columns: new cases by age group and sex, new L/P/all, old L/P/all. On the form the total comes last;
    on screen it stands by the diagnosis, among the frozen columns, so each row's count shows without scrolling
    through 26 age columns (the PDF and XLSX keep the form's order)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.data_: dict | None = None
        self.rows: list[dict] = []
        self.columns: list[tuple] = []

    def set_report(self, data: dict | None) -> None:
        self.beginResetModel()
        self.data_ = data
        self.rows = []
        self.columns = []
        if data is not None:
            total = {"code": "", "title": self.tr("JUMLAH"), **data["totals"], "is_total": True}
            self.rows = [*data["rows"], total]
            self.columns = [("code",), ("title",), ("total",)]
            self.columns += [("age", g["code"], s) for g in data["age_groups"] for s in SEXES]
            self.columns += [(k, x) for k in ("baru", "lama") for x in ("L", "P", "total")]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = self.columns[section]
        if column[0] == "code":
            return self.tr("Kode")
        if column[0] == "title":
            return self.tr("Diagnosa")
        if column[0] == "age":
            return f"{short_age_label(column[1])}\n{column[2]}"
        if column[0] in ("baru", "lama"):
            head = self.tr("Baru") if column[0] == "baru" else self.tr("Lama")
            part = self.tr("Jml") if column[1] == "total" else column[1]
            return f"{head}\n{part}"
        return self.tr("Jumlah")

    def value(self, row: int, column: int):
        item = self.rows[row]
        key = self.columns[column]
        if key[0] in ("code", "title"):
            return item[key[0]]
        if key[0] == "age":
            return item["counts"]["baru"][key[2]][key[1]]
        if key[0] in ("baru", "lama"):
            return item[key[0]][key[1]]
        return item["total"]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        value = self.value(index.row(), index.column())
        numeric = self.columns[index.column()][0] not in ("code", "title")
        if role == Qt.ItemDataRole.DisplayRole:
            if numeric and value == 0 and self.columns[index.column()][0] == "age":
                return ""
            return str(value)
        if role == VALUE_ROLE:
            return value
        if role == Qt.ItemDataRole.ToolTipRole and self.columns[index.column()][0] == "title":
            return value
        if role == Qt.ItemDataRole.ToolTipRole and self.columns[index.column()][0] == "age":
            column = self.columns[index.column()]
            label = next((pick(i, e) for c, i, e in ages.AGE_GROUPS if c == column[1]), column[1])
            return f"{label}, {column[2]}"
        if role == Qt.ItemDataRole.TextAlignmentRole and numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and self.rows[index.row()].get("is_total"):
            return _bold()
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class RowsModel(QAbstractTableModel):
    """A small table of prepared rows: each row a list of cell values and a kind (normal, heading, total)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.headers: list[str] = []
        self.rows: list[tuple[str, list]] = []  # (kind, cells)

    def set_rows(self, headers: list[str], rows: list[tuple[str, list]]) -> None:
        self.beginResetModel()
        self.headers = list(headers)
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        kind, cells = self.rows[index.row()]
        value = cells[index.column()] if index.column() < len(cells) else None
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if value is None else str(value)
        if role == VALUE_ROLE:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, (int, float)) and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and kind in ("heading", "total"):
            return _bold()
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def units_table(data: dict) -> tuple[list[str], list[tuple[str, list]]]:
    """Visits per unit: klaster headings, their units, a subtotal each, the grand total."""
    headers = [QCoreApplication.translate("HealthReports", "Unit"), QCoreApplication.translate("HealthReports", "Baru L"), QCoreApplication.translate("HealthReports", "Baru P"),
               QCoreApplication.translate("HealthReports", "Lama L"), QCoreApplication.translate("HealthReports", "Lama P"), QCoreApplication.translate("HealthReports", "Jumlah"),
               QCoreApplication.translate("HealthReports", "Dirujuk")]
    keys = ("baru_L", "baru_P", "lama_L", "lama_P", "total", "rujukan")
    lang = current_language()
    rows: list[tuple[str, list]] = []
    for klaster in data["klaster"]:
        rows.append(("heading", [klaster["name"][lang]]))
        for item in (x for x in data["rows"] if x["klaster"] == klaster["klaster"]):
            rows.append(("normal", ["    " + item["name"][lang], *(item[k] for k in keys)]))
        rows.append(("total", ["    " + QCoreApplication.translate("HealthReports", "Subtotal"), *(klaster[k] for k in keys)]))
    rows.append(("total", [QCoreApplication.translate("HealthReports", "JUMLAH"), *(data["totals"][k] for k in keys)]))
    return headers, rows


def malaria_table(data: dict) -> tuple[list[str], list[tuple[str, list]]]:
    headers = [QCoreApplication.translate("HealthReports", "Indikator"), QCoreApplication.translate("HealthReports", "Jumlah")]
    rows: list[tuple[str, list]] = [
        ("total", [QCoreApplication.translate("HealthReports", "Orang diperiksa"), data["examined"]]),
        ("normal", ["    RDT", data["examined_by_method"]["rdt"]]),
        ("normal", ["    " + QCoreApplication.translate("HealthReports", "Mikroskopis"), data["examined_by_method"]["mikroskopis"]]),
        ("total", [QCoreApplication.translate("HealthReports", "Orang positif"), data["positive_people"]]),
        ("normal", [QCoreApplication.translate("HealthReports", "Angka positif (%)"),
                    "" if data["positivity_pct"] is None else data["positivity_pct"]]),
        ("total", [QCoreApplication.translate("HealthReports", "Kasus baru"), data["positive"]]),
        ("heading", [QCoreApplication.translate("HealthReports", "Kasus baru menurut spesies")]),
    ]
    for species, n in data["by_species"].items():
        label = malaria.SPECIES_LABELS[None if species == "tidak_diketahui" else species]
        rows.append(("normal", ["    " + pick(*label), n]))
    rows += [
        ("normal", [QCoreApplication.translate("HealthReports", "Kasus baru laki-laki"), data["by_sex"]["L"]]),
        ("normal", [QCoreApplication.translate("HealthReports", "Kasus baru perempuan"), data["by_sex"]["P"]]),
        ("normal", [QCoreApplication.translate("HealthReports", "Diobati (ACT)"), data["treated"]]),
        ("normal", [QCoreApplication.translate("HealthReports", "Diberi primakuin"), data["primakuin"]]),
        ("normal", [QCoreApplication.translate("HealthReports", "Tes kontrol (lanjutan)"), data["follow_up_tests"]]),
        ("normal", [QCoreApplication.translate("HealthReports", "Tes kontrol positif"), data["follow_up_positive"]]),
        ("heading", [QCoreApplication.translate("HealthReports", "Kasus baru menurut golongan umur")]),
    ]
    for code, label_id, label_en in ages.AGE_GROUPS:
        rows.append(("normal", ["    " + pick(label_id, label_en), data["by_age_group"][code]]))
    return headers, rows
