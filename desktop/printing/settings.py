"""The office's print settings: letterhead (kop surat), signatory, paper. Stored in the store's meta table.

| key           | meaning                                               | default                          |
|---------------|-------------------------------------------------------|----------------------------------|
| kop_instansi  | first letterhead line                                 | PEMERINTAH KABUPATEN MIMIKA      |
| kop_nama      | the office's name on the letterhead                   | office name, upper case          |
| kop_alamat    | address line                                          | (empty)                          |
| kop_kontak    | phone / e-mail / website line                         | (empty)                          |
| kop_logo      | logo image (PNG/JPG), copied into the data folder     | (none: text-only letterhead)     |
| kop_kota      | place in the date line ("Timika, 27 November 2026")  | Timika                           |
| kertas        | paper: A4 or F4 (folio 215×330 mm)                    | A4                               |
| ttd_nama      | signatory's name (required to issue certificates)     | (none)                           |
| ttd_nip       | signatory's NIP                                       | (none)                           |
| ttd_jabatan   | signatory's position                                  | "Kepala " + office name          |

No Qt here: the settings page of the UI and ``layan print config`` both use these functions.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from desktop.domain import services
from desktop.store.db import StoreError
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
    return defaults_for_office(store.meta("office_name") or "")


def defaults_for_office(name: str) -> dict[str, str]:
    """The defaults for an office of this name (also before the office is written, at the first start)."""
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


LOGO_NAME = "kop_logo"  # the copy of the chosen logo kept in the data folder (kop_logo.png / .jpg)
_IMAGE_MAGIC = {b"\x89PNG\r\n\x1a\n": ".png", b"\xff\xd8\xff": ".jpg"}


def _image_suffix(path: Path) -> str | None:
    """``.png`` or ``.jpg`` by the file's first bytes (a renamed document is not a picture)."""
    try:
        with path.open("rb") as f:
            head = f.read(8)
    except OSError:
        return None
    return next((suffix for magic, suffix in _IMAGE_MAGIC.items() if head.startswith(magic)), None)


def check_print_settings(data_dir: Path | str, values: dict[str, str | None]) -> tuple[dict[str, str | None],
                                                                                      list[FieldError]]:
    """The values as they would be kept (stripped; None resets to the default) and every problem."""
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
            path = Path(value) if Path(value).is_absolute() else Path(data_dir) / value
            if not path.is_file():
                errors.append(FieldError(key, f"Berkas logo tidak ditemukan: {path}", f"Logo file not found: {path}"))
            elif _image_suffix(path) is None:
                errors.append(FieldError(key, f"Berkas logo bukan gambar PNG atau JPG: {path.name}",
                                         f"The logo file is not a PNG or JPG picture: {path.name}"))
        if value is not None and len(value) > 300:
            errors.append(FieldError(key, "Terlalu panjang (maksimum 300).", "Too long (maximum 300)."))
        clean[key] = value
    return clean, errors


def _keep_logo(data_dir: Path, value: str) -> str:
    """A logo chosen outside the data folder (a USB stick, Downloads) is copied in, so the letterhead
    never depends on a file that may go away; returns the name kept in the settings."""
    source = Path(value) if Path(value).is_absolute() else data_dir / value
    try:
        source.resolve().relative_to(data_dir.resolve())
        return value
    except ValueError:
        pass
    target = data_dir / (LOGO_NAME + (_image_suffix(source) or source.suffix.lower()))
    tmp = target.with_name(target.name + ".tmp")
    try:
        shutil.copyfile(source, tmp)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"Logo tidak bisa disalin ke folder data: {exc.strerror or exc}",
                         f"The logo cannot be copied into the data folder: {exc.strerror or exc}") from exc
    return target.name


def update_print_settings(store: Store, values: dict[str, str | None]) -> None:
    """Sets some settings (None or "" resets one to its default). All checked before anything is written."""
    clean, errors = check_print_settings(store.data_dir, values)
    if errors:
        raise ValidationError(errors)
    if clean.get("kop_logo"):
        clean["kop_logo"] = _keep_logo(Path(store.data_dir), clean["kop_logo"])
    with store.transaction() as tx:
        for key, value in clean.items():
            if value is None:
                tx.execute("DELETE FROM meta WHERE key = ?", (key,))
            else:
                tx.set_meta(key, value)


# What a certificate needs that the office may not have set yet, asked for when the first one is issued:
# the signatory's name (required) and the address on the letterhead (a certificate without it looks
# unofficial, but may go out).
REQUIRED_FOR_CERTIFICATE = (services.META_TTD_NAMA,)
WANTED_FOR_CERTIFICATE = (services.META_TTD_NAMA, "kop_alamat")


def missing_for_certificate(store: Store) -> list[str]:
    """The keys of WANTED_FOR_CERTIFICATE still empty (none set by the office nor by the centre)."""
    values = print_settings(store)
    return [key for key in WANTED_FOR_CERTIFICATE if not (values.get(key) or "").strip()]


def paper_of(store: Store, paper: str | None = None) -> str:
    chosen = (paper or print_settings(store)["kertas"] or "A4").upper()
    if chosen not in PAPERS:
        raise ValidationError([FieldError("kertas", "Ukuran kertas: A4 atau F4.", "Paper size: A4 or F4.")])
    return chosen


def kop_context(store: Store) -> dict:
    s = print_settings(store)
    return {"instansi": s["kop_instansi"], "nama": s["kop_nama"], "alamat": s["kop_alamat"],
            "kontak": s["kop_kontak"], "logo": logo_path(store) is not None, "kota": s["kop_kota"]}
