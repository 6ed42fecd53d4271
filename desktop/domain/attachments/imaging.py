"""Pages of an attachment as pictures, and scans made small before they travel.

Pillow reads and writes the images (JPEG, PNG, multi-page TIFF); pypdfium2 (PDFium, the PDF engine
of Chromium) counts, renders and writes PDFs. QtPdf would do the rendering too, but it is not part
of PySide6-Essentials (the Addons wheel is ~100 MB more in the installer), and pypdfium2 also writes
the reduced PDFs and runs without Qt, so the same code serves the domain, the CLI and the tests.

Nothing that travels carries the file's metadata: a phone photo's EXIF holds where it was taken (GPS),
the phone and its owner's name, a PDF's document information its author. A file kept as it is is
rewritten without them (a JPEG losslessly with its own quantisation tables, a PNG losslessly, a PDF by
copying its pages into a fresh document); a photo is first turned the way its EXIF orientation says, so
it stays the right way up. The original a clerk keeps on this PC ("simpan asli") is left as it came.

A scanned A4 page becomes about 150 dpi, greyscale unless the page has colour, JPEG at the highest
quality that keeps it at most ~150 KB. A PDF that is already small enough is kept as it is (its text
stays selectable); a big one is re-rendered page by page. Opening is guarded against decompression
bombs: images with too many pixels and PDFs with too many pages are refused before they are decoded.

No Qt here.
"""

from __future__ import annotations

import io
import threading
import warnings
from dataclasses import dataclass

from PIL import Image, ImageChops, ImageOps, ImageSequence

from .files import JPEG, MAX_PAGES, PDF, PNG, TIFF, damaged, too_many_pages, too_many_pixels

TARGET_PAGE_BYTES = 150 * 1024
TARGET_DPI = 150
A4_LONG_EDGE = round(297 / 25.4 * TARGET_DPI)  # 1754 px: an A4 page at 150 dpi
MIN_LONG_EDGE = 700  # below this a page's small print stops being readable
MAX_PIXELS = 80_000_000  # an A3 page at 600 dpi is 70 Mpx; a bomb is far more
MAX_RENDER_PIXELS = 12_000_000  # a rendered page, whatever size the PDF says its page is
QUALITIES = (80, 70, 60, 50, 42, 35)

Image.MAX_IMAGE_PIXELS = MAX_PIXELS
_pdfium = threading.Lock()  # PDFium is not thread-safe: one call at a time in this process


@dataclass(frozen=True)
class Prepared:
    data: bytes
    mime: str
    pages: int
    reduced: bool  # False: the bytes are the original's


def _pdf_document(data: bytes, name: str):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            from .files import AttachmentError

            raise AttachmentError(
                f"PDF '{name}' dilindungi kata sandi. Simpan tanpa kata sandi lalu lampirkan lagi.",
                f"The PDF '{name}' is password-protected. Save it without a password and attach it again.",
            ) from exc
        raise damaged(name) from exc


def _open_image(data: bytes, name: str) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_PIXELS:
                raise too_many_pixels(name)
            return image
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise too_many_pixels(name) from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise damaged(name) from exc


def _check_pdf(doc, name: str) -> int:
    """Page count, after refusing too many pages or an embedded image that is a bomb."""
    import pypdfium2.raw as raw

    pages = len(doc)
    if pages > MAX_PAGES:
        raise too_many_pages(name, pages)
    if pages == 0:
        raise damaged(name)
    for index in range(pages):
        page = doc[index]
        for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=3):
            width, height = obj.get_px_size()
            if width * height > MAX_PIXELS:
                raise too_many_pixels(name)
    return pages


def page_count(data: bytes, mime: str, name: str = "") -> int:
    """Pages of a stored attachment (checked as on intake)."""
    if mime == PDF:
        with _pdfium:
            doc = _pdf_document(data, name)
            try:
                return _check_pdf(doc, name)
            finally:
                doc.close()
    image = _open_image(data, name)
    return getattr(image, "n_frames", 1)


def _is_colour(page: Image.Image) -> bool:
    """True when the page has visible colour (a stamp, a photo); plain black-on-white stays grey."""
    small = page.convert("RGB")
    small.thumbnail((256, 256))
    _hue, saturation, value = small.convert("HSV").split()
    both = ImageChops.darker(saturation.point(lambda s: 255 if s > 70 else 0),
                             value.point(lambda v: 255 if v > 60 else 0))
    return both.histogram()[255] > small.width * small.height * 0.002  # a stamp is a small part of a page


def _fit(page: Image.Image, dpi: float | None) -> Image.Image:
    """The page at about TARGET_DPI (by its own dpi when it says one, else an A4 long edge)."""
    long_edge = max(page.size)
    wanted = long_edge * TARGET_DPI / dpi if dpi and dpi >= 72 else A4_LONG_EDGE
    wanted = max(MIN_LONG_EDGE, min(wanted, A4_LONG_EDGE * 1.5))
    if long_edge > wanted:
        scale = wanted / long_edge
        page = page.resize((max(1, round(page.width * scale)), max(1, round(page.height * scale))),
                           Image.Resampling.LANCZOS)
    return page


def _jpeg_under(page: Image.Image, budget: int) -> bytes:
    """JPEG bytes of ``page`` within ``budget``: the best quality that fits, then smaller if it must."""
    while True:
        for quality in QUALITIES:
            buffer = io.BytesIO()
            page.save(buffer, "JPEG", quality=quality, optimize=True, dpi=(TARGET_DPI, TARGET_DPI), comment=b"")
            if buffer.tell() <= budget:
                return buffer.getvalue()
        if max(page.size) <= MIN_LONG_EDGE:
            return buffer.getvalue()  # a page this small that is still big: keep it readable
        page = page.resize((round(page.width * 0.85), round(page.height * 0.85)), Image.Resampling.LANCZOS)


def _reduced_page(page: Image.Image, dpi: float | None) -> bytes:
    page = ImageOps.exif_transpose(page)
    if page.mode in ("RGBA", "LA", "P", "PA"):
        background = Image.new("RGB", page.size, "white")
        rgba = page.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        page = background
    page = page.convert("RGB") if _is_colour(page) else page.convert("L")
    return _jpeg_under(_fit(page, dpi), TARGET_PAGE_BYTES)


def _image_dpi(image: Image.Image) -> float | None:
    dpi = image.info.get("dpi")
    try:
        return float(dpi[0]) if dpi else None
    except (TypeError, ValueError, IndexError):
        return None


def _pdf_from_jpegs(pages: list[tuple[bytes, tuple[float, float]]]) -> bytes:
    """A PDF whose pages are the given JPEGs (bytes, page size in points), embedded as they are."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    try:
        for jpeg, (width, height) in pages:
            page = doc.new_page(width, height)
            image = pdfium.PdfImage.new(doc)
            image.load_jpeg(io.BytesIO(jpeg), inline=True)
            image.set_matrix(pdfium.PdfMatrix().scale(width, height))
            page.insert_obj(image)
            page.gen_content()
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()
    finally:
        doc.close()


def _points(image: Image.Image) -> tuple[float, float]:
    return image.width * 72 / TARGET_DPI, image.height * 72 / TARGET_DPI


# JPEG segments that describe the picture itself (JFIF density, colour profile, Adobe colour transform);
# every other APPn segment (EXIF, XMP, Photoshop/IPTC, maker notes) and comments are metadata.
_JPEG_KEEP = {"APP0": b"JFIF", "APP2": b"ICC_PROFILE", "APP14": b"Adobe"}
_ORIENTATION = 0x0112


def _jpeg_has_metadata(image: Image.Image) -> bool:
    return any(not (marker in _JPEG_KEEP and body.startswith(_JPEG_KEEP[marker]))
               for marker, body in getattr(image, "applist", []))


def _png_has_metadata(image: Image.Image) -> bool:
    return bool(getattr(image, "text", None)) or "exif" in image.info or "xmp" in image.info


def _turned(image: Image.Image) -> bool:
    return image.getexif().get(_ORIENTATION, 1) not in (1, None)


def _without_metadata(image: Image.Image, data: bytes, mime: str) -> bytes:
    """``data`` (a JPEG or PNG kept as it is) without its metadata, turned upright; ``data`` itself when
    it carries none."""
    if mime == JPEG and not _jpeg_has_metadata(image) or mime == PNG and not _png_has_metadata(image):
        return data
    keep = {key: image.info[key] for key in ("dpi", "icc_profile", "transparency") if key in image.info}
    if mime == JPEG:
        keep["comment"] = b""  # else Pillow writes the source's comment back
    out = io.BytesIO()
    if _turned(image):
        upright = ImageOps.exif_transpose(image)
        if mime == JPEG:
            upright.save(out, "JPEG", quality=90, optimize=True, **keep)
        else:
            upright.save(out, "PNG", **keep)
        return out.getvalue()
    if mime == JPEG and image.format == "JPEG":  # its own tables: no second loss of quality
        image.save(out, "JPEG", quality="keep", subsampling="keep", **keep)
    elif mime == JPEG:  # a phone's MPO (a JPEG with a preview picture behind it): the picture itself
        image.save(out, "JPEG", quality=90, **keep)
    else:  # the text chunks and EXIF are not passed on
        image.save(out, "PNG", save_all=getattr(image, "n_frames", 1) > 1, **keep)
    return out.getvalue()


def _pdf_has_metadata(doc, data: bytes) -> bool:
    """True when the document says who or what it is about (the program that made it is no secret);
    an XMP packet may say anything. A PDF without either is kept byte for byte (deduplicated)."""
    info = doc.get_metadata_dict()
    return any(info.get(key) for key in ("Title", "Author", "Subject", "Keywords")) or b"/Metadata" in data


def _pdf_without_metadata(doc) -> bytes:
    """The pages in a fresh document: no document information (author, title …) and no XMP travel."""
    import pypdfium2 as pdfium

    fresh = pdfium.PdfDocument.new()
    try:
        fresh.import_pages(doc)
        out = io.BytesIO()
        fresh.save(out)
        return out.getvalue()
    finally:
        fresh.close()


def prepare(name: str, data: bytes, mime: str) -> Prepared:
    """The bytes that travel: small scans unchanged, big ones reduced (see the module's doc)."""
    if mime == PDF:
        return _prepare_pdf(name, data)
    image = _open_image(data, name)
    pages = getattr(image, "n_frames", 1)
    if pages > MAX_PAGES:
        raise too_many_pages(name, pages)
    try:
        image.load()
        small_enough = len(data) <= TARGET_PAGE_BYTES * pages and max(image.size) <= A4_LONG_EDGE * 1.5
        if small_enough and mime in (JPEG, PNG):
            return _kept(name, image, data, mime, pages)
        dpi = _image_dpi(image)
        reduced = [_reduced_page(frame.copy(), dpi) for frame in ImageSequence.Iterator(image)]
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise damaged(name) from exc
    if len(reduced) == 1:
        if len(reduced[0]) >= len(data) and mime in (JPEG, PNG):
            return _kept(name, image, data, mime, 1)
        return Prepared(reduced[0], JPEG, 1, True)
    # Several pages (a multi-page TIFF from the scanner): one PDF, which every viewer opens.
    sized = [(jpeg, _points(Image.open(io.BytesIO(jpeg)))) for jpeg in reduced]
    with _pdfium:
        return Prepared(_pdf_from_jpegs(sized), PDF, len(reduced), True)


def _kept(name: str, image: Image.Image, data: bytes, mime: str, pages: int) -> Prepared:
    """The file as it is, less its metadata (``reduced`` when that changed its bytes)."""
    try:
        clean = _without_metadata(image, data, mime)
    except (OSError, SyntaxError, ValueError) as exc:
        raise damaged(name) from exc
    return Prepared(clean, mime, pages, clean is not data)


def _prepare_pdf(name: str, data: bytes) -> Prepared:
    with _pdfium:
        doc = _pdf_document(data, name)
        try:
            pages = _check_pdf(doc, name)
            if len(data) > TARGET_PAGE_BYTES * pages:
                rendered = []
                for index in range(pages):
                    page = doc[index]
                    width, height = page.get_size()
                    image = _render(page, TARGET_DPI / 72)
                    rendered.append((_reduced_page(image, image.width * 72 / max(1.0, width)), (width, height)))
                smaller = _pdf_from_jpegs(rendered)
                if len(smaller) < len(data):
                    return Prepared(smaller, PDF, pages, True)
            # Small enough, or rendering did not make it smaller: the pages as they are, less the metadata.
            if not _pdf_has_metadata(doc, data):
                return Prepared(data, PDF, pages, False)
            return Prepared(_pdf_without_metadata(doc), PDF, pages, True)
        finally:
            doc.close()


def _render(page, scale: float) -> Image.Image:
    width, height = page.get_size()
    pixels = width * height * scale * scale
    if pixels > MAX_RENDER_PIXELS:  # a page declared absurdly large: render it smaller, never huge
        scale *= (MAX_RENDER_PIXELS / pixels) ** 0.5
    return page.render(scale=scale, may_draw_forms=True).to_pil()


def render_page(data: bytes, mime: str, index: int, *, long_edge: int, name: str = "") -> Image.Image:
    """Page ``index`` (0-based) as an RGB/L image whose long edge is about ``long_edge`` pixels."""
    if mime == PDF:
        with _pdfium:
            doc = _pdf_document(data, name)
            try:
                page = doc[index]
                width, height = page.get_size()
                return _render(page, long_edge / max(width, height, 1.0))
            finally:
                doc.close()
    image = _open_image(data, name)
    try:
        image.seek(index)
        if image.format == "JPEG":
            image.draft("RGB", (long_edge, long_edge))  # decode at 1/2, 1/4, 1/8 size: fast thumbnails
        page = ImageOps.exif_transpose(image.convert("RGBA" if image.mode in ("RGBA", "LA", "P", "PA") else "RGB"))
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise damaged(name) from exc
    if page.mode == "RGBA":
        background = Image.new("RGB", page.size, "white")
        background.paste(page, mask=page.getchannel("A"))
        page = background
    if max(page.size) > long_edge:
        page.thumbnail((long_edge, long_edge), Image.Resampling.LANCZOS)
    return page


def thumbnail_png(data: bytes, mime: str, edge: int, name: str = "") -> bytes:
    """The first page as a small PNG (cached by the caller)."""
    page = render_page(data, mime, 0, long_edge=edge, name=name)
    page.thumbnail((edge, edge))
    out = io.BytesIO()
    page.save(out, "PNG", optimize=True)
    return out.getvalue()


__all__ = ["JPEG", "MAX_PIXELS", "PDF", "PNG", "TARGET_PAGE_BYTES", "TIFF", "Prepared", "page_count", "prepare",
           "render_page", "thumbnail_png"]
