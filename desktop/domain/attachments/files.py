"""What a file must be before it becomes an attachment: its name, its size, and content that is what
the name says. Every refusal is a clear message (Indonesian, with its English twin); nothing is stored.

No Qt here.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath, PureWindowsPath

from desktop.store.db import StoreError

MAX_INPUT_BYTES = 50 * 1024 * 1024  # a scan bigger than this is almost surely a mistake (and cannot travel)
MAX_PAGES = 300  # a letter or a KK never has more; a PDF with thousands of pages is refused
MAX_NAME = 180

PDF, JPEG, PNG, TIFF = "application/pdf", "image/jpeg", "image/png", "image/tiff"
MIMES = (PDF, JPEG, PNG, TIFF)
EXTENSIONS = {".pdf": PDF, ".jpg": JPEG, ".jpeg": JPEG, ".jpe": JPEG, ".png": PNG, ".tif": TIFF, ".tiff": TIFF}
DEFAULT_EXTENSION = {PDF: ".pdf", JPEG: ".jpg", PNG: ".png", TIFF: ".tif"}
KIND_NAMES = {PDF: ("PDF", "PDF"), JPEG: ("gambar JPEG", "a JPEG image"), PNG: ("gambar PNG", "a PNG image"),
              TIFF: ("gambar TIFF", "a TIFF image")}

# Names Windows reserves for devices, with or without an extension ("CON.pdf" is the console too).
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10)),
             "COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³"}
_FORBIDDEN = re.compile(r'[\x00-\x1f<>:"|?*]')


class AttachmentError(StoreError):
    """A file that cannot become an attachment, and why. Nothing was stored."""


def sniff(head: bytes) -> str | None:
    """The type the content really is (from its first bytes), or None when it is none we keep."""
    if head.startswith(b"%PDF-") or (b"%PDF-" in head[:1024]):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return TIFF
    return None


def check_name(name: str) -> str:
    """The name as it will be kept (no folder part allowed), or AttachmentError saying what is wrong."""
    name = unicodedata.normalize("NFC", name or "")
    if "/" in name or "\\" in name or name in (".", "..") or name.startswith(".."):
        raise AttachmentError(
            "Nama berkas tidak boleh berisi folder ('/', '\\' atau '..'). Ganti namanya lalu lampirkan lagi.",
            "A file name cannot contain a folder ('/', '\\' or '..'). Rename it and attach it again.",
        )
    if _FORBIDDEN.search(name):
        raise AttachmentError(
            'Nama berkas berisi tanda yang tidak boleh dipakai (< > : " | ? * atau karakter kontrol).',
            'The file name contains characters that are not allowed (< > : " | ? * or control characters).',
        )
    if name != name.rstrip(". "):
        raise AttachmentError(
            "Nama berkas tidak boleh diakhiri titik atau spasi (Windows tidak dapat membukanya).",
            "A file name cannot end with a dot or a space (Windows cannot open it).",
        )
    if not name.strip():
        raise AttachmentError("Nama berkas kosong.", "The file name is empty.")
    if name.split(".")[0].strip().upper() in _RESERVED:
        raise AttachmentError(
            f"'{name}' adalah nama yang dicadangkan Windows untuk perangkat (CON, PRN, AUX, NUL, COM1…, LPT1…). "
            "Ganti namanya lalu lampirkan lagi.",
            f"'{name}' is a name Windows reserves for devices (CON, PRN, AUX, NUL, COM1…, LPT1…). "
            "Rename it and attach it again.",
        )
    if len(name) > MAX_NAME:
        raise AttachmentError(f"Nama berkas terlalu panjang (maksimum {MAX_NAME} huruf).",
                              f"The file name is too long (at most {MAX_NAME} characters).")
    return name


def safe_file_name(name: str, mime: str) -> str:
    """A name that is safe to write on this PC for a name that came from anywhere (another PC's record):
    the last path part, forbidden characters replaced, never a device name, always the type's extension."""
    base = PureWindowsPath(PurePosixPath(str(name or "")).name).name
    base = _FORBIDDEN.sub("_", unicodedata.normalize("NFC", base)).strip(". ")
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    if not stem or stem.split(".")[0].strip().upper() in _RESERVED:
        stem = f"lampiran-{stem}" if stem else "lampiran"
    wanted = DEFAULT_EXTENSION.get(mime, ".bin")
    if EXTENSIONS.get(f".{ext.lower()}") != mime:
        ext = wanted[1:]
    return f"{stem[:MAX_NAME - 6]}.{ext}"


def check_content(name: str, size: int, head: bytes) -> str:
    """The file's type, after checking its size and that its content is what its name says."""
    if size == 0:
        raise AttachmentError(f"Berkas '{name}' kosong (0 bita). Pindai atau simpan ulang berkasnya.",
                              f"The file '{name}' is empty (0 bytes). Scan or save it again.")
    if size > MAX_INPUT_BYTES:
        raise AttachmentError(
            f"Berkas '{name}' terlalu besar ({size / 1024 / 1024:.0f} MB; paling besar "
            f"{MAX_INPUT_BYTES // 1024 // 1024} MB). Pindai dengan resolusi lebih rendah atau bagi berkasnya.",
            f"The file '{name}' is too big ({size / 1024 / 1024:.0f} MB; at most "
            f"{MAX_INPUT_BYTES // 1024 // 1024} MB). Scan at a lower resolution or split the file.",
        )
    actual = sniff(head)
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    claimed = EXTENSIONS.get(suffix)
    if actual is None:
        raise AttachmentError(
            f"Berkas '{name}' bukan PDF, JPEG, PNG atau TIFF. Hanya jenis itu yang dapat dilampirkan.",
            f"The file '{name}' is not a PDF, JPEG, PNG or TIFF. Only those can be attached.",
        )
    if claimed is not None and claimed != actual:
        said_id, said_en = KIND_NAMES[claimed]
        is_id, is_en = KIND_NAMES[actual]
        raise AttachmentError(
            f"Isi berkas '{name}' tidak sesuai namanya: namanya {said_id}, isinya {is_id}. "
            "Periksa berkasnya (mungkin salah ganti nama).",
            f"The content of '{name}' does not match its name: the name says {said_en}, the content is {is_en}. "
            "Check the file (it may have been renamed wrongly).",
        )
    return actual


def too_many_pages(name: str, pages: int) -> AttachmentError:
    return AttachmentError(
        f"Berkas '{name}' berisi {pages:,} halaman; paling banyak {MAX_PAGES} halaman per lampiran. "
        "Bagi berkasnya.".replace(",", "."),
        f"The file '{name}' has {pages:,} pages; at most {MAX_PAGES} pages per attachment. Split the file.",
    )


def too_many_pixels(name: str) -> AttachmentError:
    return AttachmentError(
        f"Gambar dalam berkas '{name}' terlalu besar untuk dibuka dengan aman (terlalu banyak piksel). "
        "Pindai ulang dengan resolusi biasa (150–300 dpi).",
        f"An image in the file '{name}' is too large to open safely (too many pixels). "
        "Scan it again at a normal resolution (150–300 dpi).",
    )


def damaged(name: str) -> AttachmentError:
    return AttachmentError(f"Berkas '{name}' rusak atau tidak dapat dibaca.",
                           f"The file '{name}' is damaged or cannot be read.")
