"""Reads the PDFs Layan writes back in tests, with PDFium (pypdfium2), not with our own parser.

* ``read_pdf``: the text (pages separated by a form feed), page count, fonts, how many of them are
  embedded, and each page's size in points;
* ``shared_glyphs``: characters that were set as one glyph (a ligature such as ``ﬀ``). PDFium splits a
  ligature back into its letters when it extracts text, so a test that a code "reads back exactly"
  must also check that every character was its own glyph: what other readers and copy-paste give;
* ``page_pixels``: a page rendered in grey levels, to look at rules and pictures.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c


@dataclass
class PdfInfo:
    text: str
    pages: int
    fonts: list[str]  # base font names, as embedded
    embedded_fonts: int
    media_boxes: list[tuple[float, float]]  # (width, height) in points, per page


def _open(path_or_bytes: Path | str | bytes) -> pdfium.PdfDocument:
    data = path_or_bytes if isinstance(path_or_bytes, bytes) else Path(path_or_bytes).read_bytes()
    return pdfium.PdfDocument(data)


def _page_text(page) -> str:
    text = page.get_textpage().get_text_range()
    return "\n".join(line.strip() for line in text.replace("\r\n", "\n").replace("\u00a0", " ").split("\n"))


def _font_name(font) -> str:
    size = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
    buffer = ctypes.create_string_buffer(size)
    pdfium_c.FPDFFont_GetBaseFontName(font, buffer, size)
    return buffer.value.decode("utf-8", "replace")


def read_pdf(path_or_bytes: Path | str | bytes) -> PdfInfo:
    pdf = _open(path_or_bytes)
    texts, boxes, fonts, embedded = [], [], {}, 0
    for page in pdf:
        texts.append(_page_text(page))
        boxes.append(tuple(page.get_size()))
        for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_TEXT,)):
            font = pdfium_c.FPDFTextObj_GetFont(obj.raw)
            name = _font_name(font)
            if name not in fonts:
                fonts[name] = bool(pdfium_c.FPDFFont_GetIsEmbedded(font))
    embedded = sum(fonts.values())
    return PdfInfo("\n\f".join(texts), len(pdf), list(fonts), embedded, boxes)


def extract_text(path_or_bytes: Path | str | bytes) -> str:
    """The PDF's text, pages separated by a form feed."""
    return read_pdf(path_or_bytes).text


def shared_glyphs(path_or_bytes: Path | str | bytes) -> list[str]:
    """Runs of characters drawn as one glyph (same box on the page), e.g. ``["ff", "fi"]``."""
    found = []
    for page in _open(path_or_bytes):
        textpage = page.get_textpage()
        previous, run = None, ""
        for index in range(textpage.count_chars()):
            box = textpage.get_charbox(index)
            char = chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, index))
            if box == previous and char.strip() and run:
                run += char
                continue
            if len(run) > 1:
                found.append(run)
            previous, run = box, char if char.strip() else ""
        if len(run) > 1:
            found.append(run)
    return found


@dataclass
class Pixels:
    width: int
    height: int
    grey: bytes  # one byte per pixel, row by row (0 black … 255 white)

    def at(self, x: int, y: int) -> int:
        return self.grey[y * self.width + x]

    def dark_runs_down(self, x: int, top: int, bottom: int, threshold: int = 128) -> list[tuple[int, int]]:
        """(first row, height) of each run of dark pixels in column ``x`` between ``top`` and ``bottom``."""
        runs, start = [], None
        for y in range(top, bottom):
            dark = self.at(x, y) < threshold
            if dark and start is None:
                start = y
            elif not dark and start is not None:
                runs.append((start, y - start))
                start = None
        if start is not None:
            runs.append((start, bottom - start))
        return runs


def page_pixels(path_or_bytes: Path | str | bytes, page: int = 0, dpi: float = 144) -> Pixels:
    """The page rendered in grey levels at ``dpi`` (1 pt = dpi/72 pixels)."""
    bitmap = _open(path_or_bytes)[page].render(scale=dpi / 72, grayscale=True)
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    raw = bytes(bitmap.buffer)
    channels = stride // width if stride >= width else 1
    rows = b"".join(raw[y * stride: y * stride + width * channels: channels] for y in range(height))
    return Pixels(width, height, rows)
