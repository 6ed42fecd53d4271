"""No metadata travels with an attachment: EXIF (GPS, owner), PNG text, PDF document information.
The kept original stays as it came (it never leaves this PC)."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
from PIL import Image

from desktop.domain import attachments, letters
from tests.unit import attachment_samples as samples

ADMIN = {"id": "admin", "username": "admin", "role": "admin", "office_id": "DST-MB", "active": 1}
MASUK = {"tanggal_terima": "2026-11-27", "asal": "Sekretariat Daerah", "perihal": "Undangan rapat", "sifat": "segera"}
PERSONAL = (b"Budi", b"Samsung", b"Timika", b"Jl. Budi Utomo")


def carries_nothing_personal(data: bytes) -> bool:
    return not any(word in data for word in PERSONAL)


def test_a_phone_photo_kept_as_it_is_loses_its_exif_and_gps():
    photo = samples.phone_photo()
    original = Image.open(io.BytesIO(photo))
    assert original.getexif().get_ifd(0x8825)  # the sample really carries GPS
    assert b"Budi" in photo
    incoming = attachments.inspect_bytes("jalan-rusak.jpg", photo)
    assert incoming.prepared.mime == "image/jpeg" and incoming.prepared.data != photo
    clean = Image.open(io.BytesIO(incoming.prepared.data))
    assert not clean.getexif() and "xmp" not in clean.info and "comment" not in clean.info
    assert carries_nothing_personal(incoming.prepared.data)
    assert clean.size == original.size  # the picture is untouched: same size, same tables, same pixels nearly
    assert clean.quantization == original.quantization


def test_a_turned_phone_photo_stays_the_right_way_up():
    # Orientation 6: the camera stored it lying on its side; a viewer turns it 90° clockwise.
    photo = samples.phone_photo(orientation=6, size=(640, 480))
    incoming = attachments.inspect_bytes("foto.jpg", photo)
    clean = Image.open(io.BytesIO(incoming.prepared.data))
    assert clean.size == (480, 640) and not clean.getexif()
    assert carries_nothing_personal(incoming.prepared.data)
    # The red left half of the stored picture is the top half once turned upright.
    top, bottom = clean.getpixel((240, 100)), clean.getpixel((240, 540))
    assert top[0] > 180 and top[1] < 80 and min(bottom) > 200


def test_a_big_photo_that_is_reduced_carries_no_exif_and_stays_upright():
    photo = samples.phone_photo(orientation=6, size=(4000, 3000))
    incoming = attachments.inspect_bytes("foto-besar.jpg", photo)
    clean = Image.open(io.BytesIO(incoming.prepared.data))
    assert clean.height > clean.width and not clean.getexif()
    assert carries_nothing_personal(incoming.prepared.data)


def test_png_text_chunks_are_dropped_and_pixels_kept():
    data = samples.png_with_text()
    incoming = attachments.inspect_bytes("tangkapan.png", data)
    clean = Image.open(io.BytesIO(incoming.prepared.data))
    assert incoming.prepared.mime == "image/png" and not clean.text
    assert carries_nothing_personal(incoming.prepared.data)
    assert clean.tobytes() == Image.open(io.BytesIO(data)).tobytes()  # PNG: lossless


def test_a_pdf_loses_its_document_information():
    data = samples.pdf_with_author()
    assert pdfium.PdfDocument(data).get_metadata_dict()["Author"] == "Budi Santoso"
    incoming = attachments.inspect_bytes("ktp.pdf", data)
    info = pdfium.PdfDocument(incoming.prepared.data).get_metadata_dict()
    assert not any(info[key] for key in ("Title", "Author", "Subject", "Keywords"))
    assert carries_nothing_personal(incoming.prepared.data) and incoming.prepared.pages == 1


def test_a_file_without_metadata_is_kept_byte_for_byte():
    png = samples.small_png()
    assert attachments.inspect_bytes("a.png", png).prepared.data == png
    blank = samples.pdf_blank_pages(1)
    assert attachments.inspect_bytes("a.pdf", blank).prepared.data == blank


def test_the_kept_original_is_left_as_it_came_and_only_the_clean_copy_travels(store):
    letter = letters.register_incoming(store, MASUK, actor="admin").record_id
    photo = samples.phone_photo()
    record = attachments.attach(store, ADMIN, "letters", letter, attachments.inspect_bytes("foto.jpg", photo),
                                keep_original=True)
    assert attachments.read_bytes(store, ADMIN, record, original=True) == photo
    travels = attachments.read_bytes(store, ADMIN, record)
    assert carries_nothing_personal(travels)
    outgoing = [m["fields"] for m in store.outbox() if m["collection"] == "attachments"]
    assert [f["sha256"] for f in outgoing] == [record["sha256"]]
