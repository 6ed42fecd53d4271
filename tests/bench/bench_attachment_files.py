"""Attachments on the PC: how small and how fast a scan is made, how fast thumbnails come back, and the
encrypted blob store's throughput. ``python -m tests.bench attachment_files``.

The scans are made with Pillow to look like a flatbed's output (paper grain, lines of text, a stamp)."""

from __future__ import annotations

import secrets
import tempfile
import time
from pathlib import Path

from desktop.domain import attachments, letters, office, open_store
from sync.blobs import BlobStore
from tests.unit import attachment_samples as samples

from .timing import measure, summary

ADMIN = {"id": "admin", "username": "admin", "role": "admin", "office_id": "DST-MB", "active": 1}


def timed(fn):
    started = time.perf_counter()
    value = fn()
    return value, (time.perf_counter() - started) * 1000


def run() -> None:
    cases = [
        ("A4 300 dpi greyscale scan, JPEG", "surat.jpg", samples.jpeg(samples.scanned_page(dpi=300))),
        ("A4 300 dpi with a colour stamp, JPEG", "stempel.jpg", samples.jpeg(samples.scanned_page(dpi=300, colour=True))),
        ("A4 300 dpi, PNG (lossless)", "surat.png", samples.png(samples.scanned_page(dpi=300).convert("L"))),
        ("3 pages A4 300 dpi, TIFF (LZW)", "kk.tif",
         samples.tiff([samples.scanned_page(dpi=300, seed=n).convert("L") for n in range(3)])),
        ("3 pages A4 300 dpi, PDF of JPEGs", "arsip.pdf",
         samples.pdf_of_images([samples.scanned_page(dpi=300, seed=n) for n in range(3)])),
    ]
    print("| file | original | travels | per page | type | time |")
    print("|---|---|---|---|---|---|")
    for label, name, data in cases:
        incoming, ms = timed(lambda name=name, data=data: attachments.inspect_bytes(name, data))
        prepared = incoming.prepared
        print(f"| {label} | {len(data) / 1024:,.0f} KB | {len(prepared.data) / 1024:,.0f} KB | "
              f"{len(prepared.data) / 1024 / prepared.pages:,.0f} KB | {prepared.mime} | {ms:,.0f} ms |")

    with tempfile.TemporaryDirectory() as scratch:
        store = open_store(Path(scratch) / "data")
        office.initialize(store, code="DST-MB", name="Distrik Mimika Baru", kind="distrik",
                          admin_username="admin", admin_password="rahasia1")
        letter = letters.register_incoming(store, {"tanggal_terima": "2026-11-27", "asal": "Setda",
                                                   "perihal": "Undangan", "sifat": "biasa"}, actor="admin").record_id
        scan = attachments.inspect_bytes("surat.jpg", samples.jpeg(samples.scanned_page(dpi=200)))
        pdf = attachments.inspect_bytes("arsip.pdf", samples.pdf_of_images(
            [samples.scanned_page(dpi=200, seed=n) for n in range(3)], dpi=200))
        for what, incoming in (("JPEG page", scan), ("3-page PDF", pdf)):
            record = attachments.attach(store, ADMIN, "letters", letter, incoming)
            _png, first = timed(lambda record=record: attachments.thumbnail(store, record))
            cached = measure(lambda record=record: attachments.thumbnail(store, record), repeat=50)
            print(f"\nthumbnail of a {what}: made in {first:.0f} ms; from the cache {summary(cached)}")
        store.close()

        blobs = BlobStore(Path(scratch) / "blobs", secrets.token_bytes(32))
        data = secrets.token_bytes(20 * 1024 * 1024)
        sha, put_ms = timed(lambda: blobs.put_bytes(data))
        _, read_ms = timed(lambda: blobs.read(sha))
        ranges = measure(lambda: blobs.read(sha, 7 * 1024 * 1024 + 5, 64 * 1024), repeat=50)
        print(f"\nencrypted blob store, 20 MB: put {put_ms:.0f} ms ({20 / put_ms * 1000:.0f} MB/s incl. fsync), "
              f"read {read_ms:.0f} ms; a 64 KB range: {summary(ranges)}")
