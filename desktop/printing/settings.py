"""The office's print settings: letterhead (kop surat), signatory, paper. Stored in the store's meta table.

| key           | meaning                                               | default                          |
|---------------|-------------------------------------------------------|----------------------------------|
| kop_instansi  | first letterhead line                                 | PEMERINTAH KABUPATEN MIMIKA      |
| kop_nama      | the office's name on the letterhead                   | office name, upper case          |
| kop_alamat    | address line                                          | (empty)                          |
| kop_kontak    | phone / e-mail / website line                         | (empty)                          |
| kop_logo      | logo image (PNG/JPG); relative to the data folder     | (none: text-only letterhead)     |
| kop_kota      | place in the date line ("Timika, 27 November 2026")  | Timika                           |
| kertas        | paper: A4 or F4 (folio 215×330 mm)                    | A4                               |
| ttd_nama      | signatory's name (required to issue certificates)     | (none)                           |
| ttd_nip       | signatory's NIP                                       | (none)                           |
| ttd_jabatan   | signatory's position                                  | "Kepala " + office name          |

No Qt here: the settings page of the UI and ``layan print config`` both use these functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from desktop.domain import services
from desktop.store.records import Store, ValidationError
from sync.schema import FieldError

PAPERS = ("A4", "F4")
PAPER_SIZES_MM = {"A4": (210.0, 297.0), "F4": (215.0, 330.0)}
# top, right, bottom, left (mm): the usual margins of a dinas letter
DEFAULT_MARGINS_MM = (15.0, 20.0, 15.0, 25.0)


@dataclass(frozen=True)
class Setting:
    key: str
    label_id: str
    label_en: str


SETTINGS = (
    Setting("kop_instansi", "Baris pertama kop surat", "Letterhead first line"),
    Setting("kop_nama", "Nama kantor pada kop", "Office name on the letterhead"),
    Setting("kop_alamat", "Alamat kantor", "Office address"),
    Setting("kop_kontak", "Telepon/surel/situs", "Phone/e-mail/website"),
    Setting("kop_logo", "Berkas logo (PNG/JPG)", "Logo file (PNG/JPG)"),
    Setting("kop_kota", "Tempat pada tanggal surat", "Place in the date line"),
    Setting("kertas", "Ukuran kertas (A4/F4)", "Paper size (A4/F4)"),
    Setting(services.META_TTD_NAMA, "Nama penandatangan", "Signatory's name"),
    Setting(services.META_TTD_NIP, "NIP penandatangan", "Signatory's NIP"),
    Setting(services.META_TTD_JABATAN, "Jabatan penandatangan", "Signatory's position"),
)
KEYS = tuple(s.key for s in SETTINGS)


def defaults(store: Store) -> dict[str, str]:
    name = store.meta("office_name") or ""
    return {"kop_instansi": "PEMERINTAH KABUPATEN MIMIKA", "kop_nama": name.upper(), "kop_alamat": "",
            "kop_kontak": "", "kop_logo": "", "kop_kota": "Timika", "kertas": "A4",
            services.META_TTD_NAMA: "", services.META_TTD_NIP: "",
            services.META_TTD_JABATAN: f"Kepala {name}".strip()}


def print_settings(store: Store) -> dict[str, str]:
    """Every setting, with its default where the office has not set one."""
    values = defaults(store)
    for key in KEYS:
        stored = store.meta(key)
        if stored not in (None, ""):
            values[key] = stored
    return values


def logo_path(store: Store) -> Path | None:
    raw = print_settings(store)["kop_logo"]
    if not raw:
        return None
    path = Path(raw)
    if not path.is_absolute():
        path = Path(store.data_dir) / path
    return path if path.is_file() else None


def update_print_settings(store: Store, values: dict[str, str | None]) -> None:
    """Sets some settings (None or "" resets one to its default). All checked before anything is written."""
    errors = []
    clean: dict[str, str | None] = {}
    for key, value in values.items():
        if key not in KEYS:
            errors.append(FieldError(key, f"Pengaturan tidak dikenal: {key}. Yang ada: {', '.join(KEYS)}.",
                                     f"Unknown setting: {key}. Known: {', '.join(KEYS)}."))
            continue
        value = (value or "").strip() or None
        if key == "kertas" and value is not None:
            value = value.upper()
            if value not in PAPERS:
                errors.append(FieldError(key, "Ukuran kertas: A4 atau F4.", "Paper size: A4 or F4."))
        if key == services.META_TTD_NIP and value is not None and not re.fullmatch(r"[0-9 ]{8,30}", value):
            errors.append(FieldError(key, "NIP hanya berisi angka (18 digit).", "A NIP is digits only (18)."))
        if key == "kop_logo" and value is not None:
            path = Path(value) if Path(value).is_absolute() else Path(store.data_dir) / value
            if not path.is_file():
                errors.append(FieldError(key, f"Berkas logo tidak ditemukan: {path}", f"Logo file not found: {path}"))
        if value is not None and len(value) > 300:
            errors.append(FieldError(key, "Terlalu panjang (maksimum 300).", "Too long (maximum 300)."))
        clean[key] = value
    if errors:
        raise ValidationError(errors)
    with store.transaction() as tx:
        for key, value in clean.items():
            if value is None:
                tx.execute("DELETE FROM meta WHERE key = ?", (key,))
            else:
                tx.set_meta(key, value)


def paper_of(store: Store, paper: str | None = None) -> str:
    chosen = (paper or print_settings(store)["kertas"] or "A4").upper()
    if chosen not in PAPERS:
        raise ValidationError([FieldError("kertas", "Ukuran kertas: A4 atau F4.", "Paper size: A4 or F4.")])
    return chosen


def kop_context(store: Store) -> dict:
    s = print_settings(store)
    return {"instansi": s["kop_instansi"], "nama": s["kop_nama"], "alamat": s["kop_alamat"],
            "kontak": s["kop_kontak"], "logo": logo_path(store) is not None, "kota": s["kop_kota"]}
