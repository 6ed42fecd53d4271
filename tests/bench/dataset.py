"""A data folder with N letters for benchmarks, made once and cached (generation takes a while).

Rows are inserted with plain SQL in one transaction (the FTS triggers still index them), which is
how a migration of an old agenda book would load them; the saves being measured go through the
real domain code.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import tempfile
from pathlib import Path

import uuid6

from desktop.domain import office, open_store

WORDS = ("undangan rapat koordinasi permohonan data penduduk laporan bulanan kegiatan pemberitahuan jadwal "
         "vaksinasi rekomendasi surat edaran libur nasional pengantar berkas bantuan sosial sosialisasi pemilu "
         "kampung distrik kelurahan pembangunan jalan air bersih listrik sekolah puskesmas malaria gizi").split()
SENDERS = ("Sekretariat Daerah", "Dinas Kependudukan dan Pencatatan Sipil", "Dinas Kesehatan", "Dinas Sosial",
           "Kepala Kampung Kwamki", "Polsek Mimika Baru", "Badan Pusat Statistik", "Lurah Koperapoka",
           "Bappeda", "Dinas Pendidikan", "Camat", "PT Freeport Indonesia")
KLASIFIKASI = ("000.1", "100.2", "400.7", "400.9", "400.12", "000.8.3.4", "800.1.11.1", "900.1")
SIFAT = ("biasa", "biasa", "biasa", "penting", "segera", "sangat_segera", "rahasia")


def bench_dir(n: int) -> Path:
    root = Path(os.environ.get("LAYAN_BENCH_DIR", Path(tempfile.gettempdir()) / "layan-bench"))
    return root / f"letters-{n}"


def make_letters(n: int, seed: int = 1) -> Path:
    """The cached data folder with ``n`` letters (created on first use)."""
    folder = bench_dir(n)
    if (folder / "done").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    store = open_store(folder)
    office.initialize(store, code="DST-MB", name="Distrik Mimika Baru", kind="distrik")
    rnd = random.Random(seed)
    start = dt.date(2016, 1, 1)
    per_year: dict[tuple[str, int], int] = {}
    rows = []
    for i in range(n):
        day = start + dt.timedelta(days=i * 3650 // n)
        direction = "masuk" if i % 3 else "keluar"
        key = (direction, day.year)
        per_year[key] = per_year.get(key, 0) + 1
        seq = per_year[key]
        perihal = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(3, 8))).capitalize()
        party = rnd.choice(SENDERS)
        k = rnd.choice(KLASIFIKASI)
        rows.append((
            str(uuid6.uuid7()), "DST-MB", direction, day.year, seq,
            f"{k}/{seq:04d}/DST-MB/{day.year}" if direction == "keluar" else f"{k}/{rnd.randint(1, 9999)}/{day.year}",
            day.isoformat() if direction == "masuk" else None, day.isoformat(),
            party if direction == "masuk" else None, party if direction == "keluar" else None,
            perihal, rnd.choice(SIFAT), k, rnd.randint(0, 5), "2026-01-01T00:00:00.000Z", "bench",
        ))
    with store.transaction() as tx:
        tx.execute("DROP INDEX IF EXISTS letters_number")
        tx.conn.executemany(
            "INSERT INTO letters(id, office_id, direction, year, seq, nomor_surat, tanggal_terima, tanggal_surat, "
            "asal, tujuan, perihal, sifat, klasifikasi, lampiran, created_at, created_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        tx.execute("CREATE INDEX letters_number ON letters(office_id, direction, year, seq)")
        for (direction, year), last in per_year.items():
            series = "surat_masuk" if direction == "masuk" else "surat_keluar"
            tx.execute('INSERT OR REPLACE INTO number_blocks(series, year, start, "end", next) VALUES (?, ?, 1, NULL, ?)',
                       (series, year, last + 1))
    store._write_conn.execute("ANALYZE")
    store._write_conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    (folder / "done").write_text("ok")
    return folder
