"""The pick-lists of the disposisi form: to whom (positions or people of the office) and the usual
instructions, as on the office's printed lembar disposisi.

Both are kept in the store's meta as JSON lists, edited in Pengaturan by the office admin, and
publishable centrally (config keys ``disposisi_kepada`` and ``disposisi_instruksi``). An office
that never set them gets the usual lists of a distrik office. No Qt here (domain layer).
"""

from __future__ import annotations

import json

from desktop.store.records import Store, ValidationError
from sync.schema import FieldError

META_KEPADA = "disposisi_kepada"
META_INSTRUKSI = "disposisi_instruksi"
MAX_ITEMS = 40
MAX_LENGTH = 120

DEFAULT_KEPADA = (
    "Sekretaris Distrik",
    "Kasi Pemerintahan",
    "Kasi Pelayanan Umum",
    "Kasi Pemberdayaan Masyarakat Kampung",
    "Kasi Ketenteraman dan Ketertiban Umum",
    "Kasubag Umum dan Kepegawaian",
    "Kasubag Perencanaan dan Keuangan",
)
DEFAULT_INSTRUKSI = (
    "Untuk diketahui",
    "Untuk ditindaklanjuti",
    "Hadiri/wakili",
    "Siapkan jawaban",
    "Koordinasikan",
    "Proses sesuai ketentuan",
    "Bicarakan dengan saya",
    "Arsipkan",
)


def _read(store: Store, key: str, default: tuple[str, ...]) -> list[str]:
    text = store.meta(key)
    if not text:
        return list(default)
    try:
        value = json.loads(text)
    except ValueError:
        return list(default)  # a damaged value: the usual list, never a crash at the desk
    items = [str(v).strip() for v in value if isinstance(v, str) and v.strip()] if isinstance(value, list) else []
    return items or list(default)


def kepada_choices(store: Store) -> list[str]:
    return _read(store, META_KEPADA, DEFAULT_KEPADA)


def instruksi_choices(store: Store) -> list[str]:
    return _read(store, META_INSTRUKSI, DEFAULT_INSTRUKSI)


def clean_list(key: str, items: list[str], label: tuple[str, str]) -> list[str]:
    """Trimmed, without blanks and repeats; a FieldError list when too long or too many."""
    out: list[str] = []
    for item in items:
        text = " ".join(str(item).split())
        if text and text not in out:
            out.append(text)
    errors = []
    if len(out) > MAX_ITEMS:
        errors.append(FieldError(key, f"{label[0]}: paling banyak {MAX_ITEMS} baris.",
                                 f"{label[1]}: at most {MAX_ITEMS} lines."))
    long = [t for t in out if len(t) > MAX_LENGTH]
    if long:
        errors.append(FieldError(key, f"{label[0]}: baris \"{long[0][:40]}…\" lebih dari {MAX_LENGTH} huruf.",
                                 f"{label[1]}: the line \"{long[0][:40]}…\" is longer than {MAX_LENGTH} characters."))
    if errors:
        raise ValidationError(errors)
    return out


def save_choices(store: Store, kepada: list[str], instruksi: list[str]) -> None:
    """Saves both lists (an empty list brings back the usual one)."""
    kepada = clean_list(META_KEPADA, kepada, ("Daftar tujuan", "Recipients"))
    instruksi = clean_list(META_INSTRUKSI, instruksi, ("Daftar instruksi", "Instructions"))
    with store.transaction() as tx:
        for key, items in ((META_KEPADA, kepada), (META_INSTRUKSI, instruksi)):
            if items:
                tx.set_meta(key, json.dumps(items, ensure_ascii=False))
            else:
                tx.execute("DELETE FROM meta WHERE key = ?", (key,))
