"""Attachments on the PC: checks, reduction, the encrypted store, records, access, thumbnails (real files)."""
# ruff: noqa: F811 - pytest fixtures imported from tests.unit.test_health_support

from __future__ import annotations

import hashlib
import io

import pytest
from PIL import Image

from desktop.domain import attachments, letters
from desktop.domain.attachments import AttachmentError, imaging
from desktop.domain.health import access, patients
from desktop.store.attachment_blobs import blob_store
from desktop.store.records import RecordNotFound
from tests.unit import attachment_samples as samples
from tests.unit.test_health_support import (  # noqa: F401 - fixtures
    nakes,
    patient_fields,
    pkm,
    pkm_dir,
    pkm_template,
    users,
)

ADMIN = {"id": "admin", "username": "admin", "role": "admin", "office_id": "DST-MB", "active": 1}
MASUK = {"tanggal_terima": "2026-11-27", "asal": "Sekretariat Daerah", "perihal": "Undangan rapat", "sifat": "segera"}


@pytest.fixture
def letter(store) -> str:
    return letters.register_incoming(store, MASUK, actor="admin").record_id


def blob_files(store) -> list:
    return [p for p in (store.data_dir / "blobs" / "objects").rglob("*") if p.is_file()]


# ---- a scan made small --------------------------------------------------------------------------

def test_a_scanned_a4_page_becomes_small_greyscale_jpeg(store, letter):
    original = samples.jpeg(samples.scanned_page(dpi=300))
    assert len(original) > 500_000
    incoming = attachments.inspect_bytes("surat-undangan.jpg", original)
    assert incoming.reduced and incoming.prepared.mime == "image/jpeg"
    assert len(incoming.prepared.data) <= imaging.TARGET_PAGE_BYTES
    reduced = Image.open(io.BytesIO(incoming.prepared.data))
    assert reduced.mode == "L" and 1500 <= max(reduced.size) <= 1800  # ~150 dpi A4
    record = attachments.attach(store, ADMIN, "letters", letter, incoming)
    assert record["size"] == len(incoming.prepared.data) and record["pages"] == 1
    assert record["sha256"] == hashlib.sha256(incoming.prepared.data).hexdigest()
    assert attachments.read_bytes(store, ADMIN, record) == incoming.prepared.data


def test_a_page_with_a_stamp_stays_in_colour(store):
    incoming = attachments.inspect_bytes("stempel.jpg", samples.jpeg(samples.scanned_page(dpi=200, colour=True)))
    assert Image.open(io.BytesIO(incoming.prepared.data)).mode == "RGB"
    assert len(incoming.prepared.data) <= imaging.TARGET_PAGE_BYTES


def test_multi_page_tiff_becomes_one_small_pdf(store, letter):
    pages = [samples.scanned_page(dpi=200, seed=n).convert("L") for n in range(3)]
    incoming = attachments.inspect_bytes("kk-dan-ktp.tiff", samples.tiff(pages, dpi=200))
    assert incoming.prepared.mime == "application/pdf" and incoming.prepared.pages == 3
    assert incoming.name == "kk-dan-ktp.pdf"
    assert len(incoming.prepared.data) <= 3 * imaging.TARGET_PAGE_BYTES
    assert imaging.page_count(incoming.prepared.data, "application/pdf") == 3
    record = attachments.attach(store, ADMIN, "letters", letter, incoming)
    assert record["pages"] == 3


def test_a_big_pdf_is_rendered_smaller_and_a_small_one_kept(store):
    big = samples.pdf_of_images([samples.scanned_page(dpi=300, seed=n) for n in range(2)])
    assert len(big) > 2 * imaging.TARGET_PAGE_BYTES
    incoming = attachments.inspect_bytes("scan.pdf", big)
    assert incoming.reduced and incoming.prepared.pages == 2
    assert len(incoming.prepared.data) <= 2 * imaging.TARGET_PAGE_BYTES
    small = samples.pdf_blank_pages(2)
    kept = attachments.inspect_bytes("kosong.pdf", small)
    assert not kept.reduced and kept.prepared.data == small


def test_a_small_png_travels_as_it_is(store):
    data = samples.small_png()
    incoming = attachments.inspect_bytes("tempelan.png", data)
    assert not incoming.reduced and incoming.prepared.data == data and incoming.prepared.mime == "image/png"


def test_the_original_is_kept_on_this_pc_only_when_asked(store, letter):
    original = samples.jpeg(samples.scanned_page(dpi=300))
    kept = attachments.attach(store, ADMIN, "letters", letter, attachments.inspect_bytes("a.jpg", original),
                              keep_original=True)
    plain = attachments.attach(store, ADMIN, "letters", letter,
                               attachments.inspect_bytes("b.jpg", samples.jpeg(samples.scanned_page(seed=9))))
    assert attachments.original_of(store, kept["id"])["size"] == len(original)
    assert attachments.read_bytes(store, ADMIN, kept, original=True) == original
    assert attachments.original_of(store, plain["id"]) is None
    # The original never travels: the outbox carries the reduced scan's sha256 only.
    outgoing = [m["fields"] for m in store.outbox() if m["collection"] == "attachments"]
    assert {f["sha256"] for f in outgoing} == {kept["sha256"], plain["sha256"]}
    assert all("original" not in str(f) for f in outgoing)


# ---- the store: deduplicated, encrypted, nothing half stored --------------------------------------

def test_the_same_scan_twice_is_stored_once(store, letter):
    incoming = attachments.inspect_bytes("kk.png", samples.small_png())
    first = attachments.attach(store, ADMIN, "letters", letter, incoming)
    second = attachments.attach(store, ADMIN, "letters", letter, incoming)
    assert first["id"] != second["id"] and first["sha256"] == second["sha256"]
    assert len(blob_files(store)) == 1
    attachments.remove(store, ADMIN, first["id"])
    assert len(blob_files(store)) == 1  # the other attachment still uses the bytes
    attachments.remove(store, ADMIN, second["id"])
    assert blob_files(store) == []
    assert attachments.list_for(store, ADMIN, "letters", letter) == []
    assert [m["op"] for m in store.outbox() if m["collection"] == "attachments"][-1] == "delete"


def test_the_bytes_on_disk_are_encrypted(store, letter):
    data = samples.small_png()
    attachments.attach(store, ADMIN, "letters", letter, attachments.inspect_bytes("kk.png", data))
    assert blob_store(store.data_dir).encrypted
    raw = blob_files(store)[0].read_bytes()
    assert data[:200] not in raw and b"IHDR" not in raw


def test_a_refused_record_leaves_no_bytes(store, letter):
    incoming = attachments.inspect_bytes("kk.png", samples.small_png())
    with pytest.raises(Exception):  # noqa: B017 - the schema refuses the slot: whatever the error, nothing stays
        attachments.attach(store, ADMIN, "letters", letter, incoming, slot="Bukan Kode!")
    assert blob_files(store) == []
    assert store.count("attachments") == 0


def test_no_owner_no_attachment(store):
    with pytest.raises(RecordNotFound):
        attachments.attach(store, ADMIN, "letters", "0190c2a0-0000-7000-8000-000000000000",
                           attachments.inspect_bytes("kk.png", samples.small_png()))
    assert blob_files(store) == []


# ---- bad input: a clear message each, nothing stored -------------------------------------------------

def refused(name: str, data: bytes) -> AttachmentError:
    with pytest.raises(AttachmentError) as raised:
        attachments.inspect_bytes(name, data)
    return raised.value


def test_content_that_is_not_what_the_name_says():
    error = refused("surat.pdf", samples.small_png())
    assert "tidak sesuai namanya" in error.message and "PNG" in error.message
    assert "does not match" in error.message_en
    assert "bukan PDF, JPEG, PNG atau TIFF" in refused("undangan.pdf", b"PK\x03\x04 a docx really").message
    assert "bukan PDF" in refused("catatan.txt", b"hello").message


def test_an_empty_file():
    assert "kosong (0 bita)" in refused("scan.pdf", b"").message


def test_a_200_mb_file_is_refused_before_it_is_read(tmp_path):
    huge = tmp_path / "scan.pdf"
    with open(huge, "wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: costs no disk
    with pytest.raises(AttachmentError) as raised:
        attachments.inspect_file(huge)
    assert "terlalu besar (200 MB; paling besar 50 MB)" in raised.value.message


def test_a_pdf_with_thousands_of_pages():
    error = refused("arsip.pdf", samples.pdf_blank_pages(3000))
    assert "3.000 halaman" in error.message and "paling banyak 300" in error.message


def test_an_image_bomb():
    bomb = io.BytesIO()
    Image.new("1", (12000, 8000)).save(bomb, "PNG")  # 96 Mpx in a few kB
    assert len(bomb.getvalue()) < 100_000
    assert "terlalu banyak piksel" in refused("foto.png", bomb.getvalue()).message


def test_a_pdf_with_a_huge_embedded_image():
    bomb = samples.pdf_of_images([Image.new("1", (12000, 8000), 1)], dpi=1200)
    assert "terlalu banyak piksel" in refused("bom.pdf", bomb).message


def test_a_damaged_file():
    assert "rusak" in refused("scan.pdf", b"%PDF-1.7\n garbage " * 50).message
    assert "rusak" in refused("foto.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 500).message


@pytest.mark.parametrize("name, says", [
    ("../../etc/passwd.pdf", "folder"),
    ("..\\..\\Windows\\scan.pdf", "folder"),
    ("CON", "dicadangkan Windows"),
    ("con.pdf", "dicadangkan Windows"),
    ("NUL.jpg", "dicadangkan Windows"),
    ("COM1.png", "dicadangkan Windows"),
    ("lpt9.tif", "dicadangkan Windows"),
    ("scan.pdf.", "diakhiri titik atau spasi"),
    ("scan.pdf ", "diakhiri titik atau spasi"),
    ("sc<a>n.pdf", "tidak boleh dipakai"),
    ("", "kosong"),
])
def test_bad_names(name, says):
    assert says in refused(name, samples.pdf_blank_pages(1)).message


def test_names_from_elsewhere_are_made_safe_to_write():
    safe = attachments.safe_file_name
    assert safe("../../etc/passwd", "application/pdf") == "passwd.pdf"
    assert safe("C:\\Windows\\CON.pdf", "application/pdf") == "lampiran-CON.pdf"
    assert safe("scan.exe", "image/jpeg") == "scan.jpg"
    assert safe("foto. ", "image/png") == "foto.png"
    assert safe("", "image/tiff") == "lampiran.tif"


# ---- access: health attachments for health roles only -----------------------------------------------

def test_patient_attachments_are_for_health_roles_and_opening_is_audited(pkm, users):
    nakes = users["bidan"]
    patient = patients.register_patient(pkm, nakes, patient_fields()).record_id
    record = attachments.attach(pkm, nakes, "patients", patient,
                                attachments.inspect_bytes("rujukan.png", samples.small_png()))
    for name in ("admin", "loket", "perawat_lain"):
        with pytest.raises(access.AccessDenied):
            attachments.list_for(pkm, users[name], "patients", patient)
        with pytest.raises(access.AccessDenied):
            attachments.read_bytes(pkm, users[name], record)
        assert not attachments.can_see(pkm, users[name], "patients")
    assert [r["id"] for r in attachments.list_for(pkm, users["kapus"], "patients", patient)] == [record["id"]]
    attachments.read_bytes(pkm, users["kapus"], record)
    opened = [h for h in pkm.history("attachments", record["id"]) if h["action"] == "open"]
    assert [h["actor"] for h in opened] == ["kapus"]
    created = [h for h in pkm.history("attachments", record["id"]) if h["action"] == "create"][0]
    assert created["changes"]["name"] == ["•••", "•••"]  # the audit keeps no file name of health data


# ---- thumbnails ---------------------------------------------------------------------------------

def test_thumbnail_is_made_once_and_cached(store, letter):
    record = attachments.attach(store, ADMIN, "letters", letter,
                                attachments.inspect_bytes("a.jpg", samples.jpeg(samples.scanned_page(dpi=150))))
    assert attachments.cached_thumbnail(store, record["sha256"]) is None
    png = attachments.thumbnail(store, record)
    thumb = Image.open(io.BytesIO(png))
    assert max(thumb.size) == attachments.THUMB_EDGE
    assert attachments.cached_thumbnail(store, record["sha256"]) == png


def test_a_thumbnail_of_bytes_not_here_yet_is_none(store, letter):
    record = attachments.attach(store, ADMIN, "letters", letter, attachments.inspect_bytes("kk.png", samples.small_png()))
    blob_store(store.data_dir).remove(record["sha256"])  # as on a PC where the record arrived before its bytes
    assert attachments.thumbnail(store, record) is None
    assert not attachments.is_here(store, record)
    with pytest.raises(AttachmentError) as raised:
        attachments.read_bytes(store, ADMIN, record)
    assert "belum sampai" in raised.value.message


def test_render_pages_of_pdf_and_tiff():
    pdf = samples.pdf_of_images([samples.scanned_page(dpi=100, seed=n) for n in range(2)], dpi=100)
    page = imaging.render_page(pdf, "application/pdf", 1, long_edge=800)
    assert max(page.size) in (799, 800, 801)
    tiff = samples.tiff([Image.new("L", (600, 800), 255), Image.new("L", (800, 600), 0)])
    second = imaging.render_page(tiff, "image/tiff", 1, long_edge=400)
    assert second.size == (400, 300) and second.getpixel((10, 10)) in (0, (0, 0, 0))


def test_the_synced_schema_refuses_a_path_in_a_name():
    """A record from another PC (or a forged push) cannot carry a folder in its name."""
    from sync.schema import collection

    base = {"owner_collection": "letters", "owner_id": "0190c2a0-0000-7000-8000-000000000000", "mime": "image/png",
            "size": 10, "sha256": "a" * 64, "pages": 1}
    coll = collection("attachments")
    assert coll.validate({**base, "name": "kk.png"}) == []
    for bad in ("../../etc/passwd", "..\\win.ini", "a\x00b.png"):
        assert [e.field for e in coll.validate({**base, "name": bad})] == ["name"]
    assert [e.field for e in coll.validate({**base, "name": "x.png", "mime": "text/html"})] == ["mime"]


def test_an_attachment_deleted_on_another_pc_leaves_no_bytes_here(store, letter):
    from desktop.store.replica import StoreReplica

    record = attachments.attach(store, ADMIN, "letters", letter, attachments.inspect_bytes("kk.png", samples.small_png()))
    with store.transaction() as tx:  # as if pushed and acknowledged: nothing of ours is waiting
        tx.execute("DELETE FROM outbox")
    assert len(blob_files(store)) == 1
    stamp = "1895817093777-00000-server"
    StoreReplica(store).apply_changes([{
        "collection": "attachments", "id": record["id"], "office_id": "DST-MB", "rev": 9, "hlc": stamp,
        "deleted": True, "fields": {"updated_by": "pc2"}, "field_hlc": {"updated_by": stamp}}], cursor=9)
    assert store.get("attachments", record["id"], include_deleted=True)["deleted"]
    assert blob_files(store) == []


def test_bytes_whose_record_was_never_written_are_swept_after_a_day(store, letter):
    """A PC switched off between storing a scan's bytes and its record leaves bytes no record uses."""
    import os
    import time

    from desktop.store.attachment_blobs import sweep_orphans

    kept = attachments.attach(store, ADMIN, "letters", letter, attachments.inspect_bytes("kk.png", samples.small_png()))
    orphan = blob_store(store.data_dir).put_bytes(b"%PDF-1.7 bytes of a scan whose record never came")
    for path in blob_files(store):
        os.utime(path, (time.time() - 2 * 86400, time.time() - 2 * 86400))
    fresh = blob_store(store.data_dir).put_bytes(b"%PDF-1.7 a scan being attached right now")
    assert sweep_orphans(store.data_dir, store.read()) == 1
    blobs = blob_store(store.data_dir)
    assert not blobs.has(orphan) and blobs.has(fresh) and blobs.has(kept["sha256"])
