"""Sample scans for the attachment tests, made with Pillow and pypdfium2 (no tests here)."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw


def scanned_page(*, dpi: int = 300, colour: bool = False, seed: int = 1) -> Image.Image:
    """An A4 page as a flatbed scanner gives it: paper grain, lines of 'text', maybe a blue stamp."""
    width, height = round(8.27 * dpi), round(11.69 * dpi)
    rng = random.Random(seed)
    noise = Image.effect_noise((width // 4, height // 4), 12).resize((width, height))
    page = Image.merge("RGB", [noise.point(lambda v: 235 + v // 16)] * 3)
    draw = ImageDraw.Draw(page)
    for line in range(40):
        y = int(dpi * 1.2) + line * int(dpi * 0.22)
        x = int(dpi * 0.9)
        while x < width - dpi:
            word = rng.randint(dpi // 8, dpi // 2)
            draw.rectangle([x, y, x + word, y + dpi // 14], fill=(30, 30, 30))
            x += word + dpi // 12
    if colour:
        draw.ellipse([width - 3 * dpi, height - 3 * dpi, width - dpi, height - dpi], outline=(20, 60, 200),
                     width=dpi // 20)
        draw.rectangle([dpi, dpi // 3, 3 * dpi, dpi // 2], fill=(200, 30, 30))
    return page


def jpeg(image: Image.Image, quality: int = 92, dpi: int = 300) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, dpi=(dpi, dpi))
    return out.getvalue()


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def tiff(pages: list[Image.Image], dpi: int = 300) -> bytes:
    out = io.BytesIO()
    pages[0].save(out, "TIFF", save_all=True, append_images=pages[1:], compression="tiff_lzw", dpi=(dpi, dpi))
    return out.getvalue()


def pdf_of_images(pages: list[Image.Image], dpi: int = 300) -> bytes:
    out = io.BytesIO()
    extra = {} if pages[0].mode == "1" else {"quality": 95}  # bilevel pages are CCITT-coded, not JPEG
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=dpi, **extra)
    return out.getvalue()


def pdf_blank_pages(count: int) -> bytes:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    for _ in range(count):
        doc.new_page(595, 842)
    out = io.BytesIO()
    doc.save(out)
    doc.close()
    return out.getvalue()


def small_png() -> bytes:
    image = Image.new("RGB", (400, 300), "white")
    ImageDraw.Draw(image).rectangle([50, 50, 350, 250], outline="black", width=5)
    return png(image)


GPS = {1: "S", 2: (4.0, 32.0, 46.8), 3: "E", 4: (136.0, 53.0, 12.5)}  # Timika, as a phone writes it


def phone_photo(*, orientation: int = 1, size: tuple[int, int] = (640, 480)) -> bytes:
    """A small JPEG as a phone saves it: EXIF with the maker, the owner, GPS and an orientation, XMP and
    a comment. The picture is red on its left half, so the way it is turned can be checked."""
    image = Image.new("RGB", size, "white")
    ImageDraw.Draw(image).rectangle([0, 0, size[0] // 2, size[1]], fill=(220, 20, 20))
    exif = Image.Exif()
    exif[0x010F] = "Samsung"
    exif[0x013B] = "Budi Santoso"  # Artist
    exif[0x0112] = orientation
    exif[0x8825] = GPS
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif, comment=b"Jl. Budi Utomo 12",
               xmp=b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>Budi Santoso</x:xmpmeta>")
    return out.getvalue()


def png_with_text() -> bytes:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Budi Santoso")
    info.add_itxt("Location", "Timika, -4.5463 136.8868")
    image = Image.new("RGB", (400, 300), "white")
    ImageDraw.Draw(image).rectangle([50, 50, 350, 250], outline="black", width=5)
    out = io.BytesIO()
    image.save(out, "PNG", pnginfo=info)
    return out.getvalue()


def pdf_with_author() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (595, 842), "white").save(out, "PDF", author="Budi Santoso", title="KTP Budi",
                                               subject="Permohonan SKTM", keywords="Timika")
    return out.getvalue()
