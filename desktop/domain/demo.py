"""Sample data for a demo office: a few weeks of a distrik's letters, so a new user can look around."""

from __future__ import annotations

import datetime as dt
import random

from desktop.store.records import Store

from . import letters

SENDERS = ["Sekretariat Daerah Kabupaten Mimika", "Dinas Kependudukan dan Pencatatan Sipil",
           "Dinas Kesehatan Kabupaten Mimika", "Kepala Kampung Kwamki", "Polsek Mimika Baru",
           "Dinas Sosial", "Badan Pusat Statistik Kabupaten Mimika", "Lurah Koperapoka"]
SUBJECTS = ["Undangan rapat koordinasi", "Permohonan data penduduk", "Laporan bulanan kegiatan",
            "Pemberitahuan jadwal vaksinasi", "Permohonan rekomendasi", "Surat edaran libur nasional",
            "Pengantar berkas bantuan sosial", "Undangan sosialisasi pemilu"]
KLASIFIKASI = ["000.1", "100.2", "400.7", "400.9", "400.12", "000.8.3.4"]


def fill(store: Store, *, actor: str, count: int = 40, seed: int = 7) -> None:
    rnd = random.Random(seed)
    today = dt.date.today()
    days = sorted(today - dt.timedelta(days=rnd.randint(0, 60)) for _ in range(count))
    with store.transaction() as tx:
        for i, day in enumerate(days):
            if i % 3:
                letters.register(tx, "masuk", {
                    "tanggal_terima": day.isoformat(),
                    "tanggal_surat": (day - dt.timedelta(days=rnd.randint(0, 5))).isoformat(),
                    "nomor_surat": f"{rnd.choice(KLASIFIKASI)}/{rnd.randint(1, 900)}/{day.year}",
                    "asal": rnd.choice(SENDERS), "perihal": rnd.choice(SUBJECTS),
                    "sifat": rnd.choice(letters.SIFAT[:4]), "klasifikasi": rnd.choice(KLASIFIKASI),
                    "lampiran": rnd.randint(0, 3),
                }, actor=actor)
            else:
                letters.register(tx, "keluar", {
                    "tanggal_surat": day.isoformat(), "tujuan": rnd.choice(SENDERS),
                    "perihal": rnd.choice(SUBJECTS), "sifat": "biasa", "klasifikasi": rnd.choice(KLASIFIKASI),
                    "penandatangan": "Kepala Distrik",
                }, actor=actor, confirm_year=True)  # the last 60 days may reach into last year
