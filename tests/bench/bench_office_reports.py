"""The distrik Laporan: the three reports (surat, layanan, pengaduan) for a month and for a year of a
busy office, computed as the page's worker does (office_reports.all_reports).

Run: .venv/bin/python -m tests.bench office_reports   (LAYAN_BENCH_LETTERS changes the 6,000 letters;
requests and complaints scale with it)
"""

from __future__ import annotations

import datetime as dt
import os
import random
import tempfile
import time
from pathlib import Path

from desktop.domain import complaints, letters, office, open_store, reference, services
from desktop.domain.office_reports import Period, all_reports
from tests.unit.test_services_samples import SIGNER, required_documents, sample

from .timing import measure, summary

N_LETTERS = int(os.environ.get("LAYAN_BENCH_LETTERS", "6000"))
N_REQUESTS = N_LETTERS // 2
N_COMPLAINTS = N_LETTERS // 6
YEAR = 2026


def make_year(folder: Path) -> float:
    store = open_store(folder)
    office.initialize(store, code="DST-BENCH", name="Distrik Bench", kind="distrik")
    for key, value in SIGNER.items():
        store.set_meta(key, value)
    rng = random.Random(5)
    days = [d for d in (dt.date(YEAR, 1, 1) + dt.timedelta(days=i) for i in range(365)) if reference.is_working_day(d)]
    t0 = time.perf_counter()
    with store.transaction() as tx:
        for i in range(N_LETTERS):
            day = rng.choice(days).isoformat()
            direction = "masuk" if i % 3 else "keluar"
            fields = {"perihal": "Undangan", "sifat": rng.choice(letters.SIFAT), "klasifikasi":
                      rng.choice(("000.1", "100.2", "400.7", "400.9", "400.12", "500.3", "800.1"))}
            fields.update({"tanggal_terima": day, "asal": "Dinas"} if direction == "masuk" else
                          {"tanggal_surat": day, "tujuan": "Bupati"})
            change = letters.register(tx, direction, fields, actor="bench")
            if direction == "masuk" and i % 2:
                tx.save(letters.DISPOSITIONS, {"letter_id": change.record_id, "kepada": "Sekretaris Distrik",
                                               "instruksi": "Ditindaklanjuti"}, actor="bench")
        requests = [(services.create_request(tx, code, sample(code), actor="bench", today=day), code, day)
                    for code, day in ((rng.choice(("domisili", "sktm", "pengantar_skck")), rng.choice(days))
                                      for _ in range(N_REQUESTS))]
        complaint_ids = [(complaints.create_complaint(tx, {"channel": "langsung", "pelapor_nama": "Warga",
                                                           "kategori": rng.choice(complaints.KATEGORI),
                                                           "uraian": "Jalan rusak", "tanggal": day.isoformat()},
                                                      actor="bench", today=day), day)
                         for day in (rng.choice(days) for _ in range(N_COMPLAINTS))]
    for request_id, code, day in requests[: N_REQUESTS // 4]:  # the workflow, one save each, as at the counter
        services.verify(store, request_id, actor="bench", dokumen=required_documents(code), today=day)
        services.process(store, request_id, actor="bench", today=day)
        services.complete(store, request_id, actor="bench", today=reference.add_working_days(day, rng.choice((0, 1, 2))))
    for complaint_id, day in complaint_ids[: N_COMPLAINTS // 2]:
        complaints.advance(store, complaint_id, "diverifikasi", actor="bench",
                           today=reference.add_working_days(day, rng.choice((1, 3, 6))))
    seconds = time.perf_counter() - t0
    store.close()
    return seconds


def run() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        seconds = make_year(folder)
        print(f"- a year: {N_LETTERS:,} letters, {N_REQUESTS:,} requests ({N_REQUESTS // 4:,} finished), "
              f"{N_COMPLAINTS:,} complaints — made in {seconds:.0f} s")
        store = open_store(folder)
        try:
            today = dt.date(YEAR + 1, 1, 15)
            for period in (Period.month(YEAR, 11), Period.quarter(YEAR, 4), Period.whole_year(YEAR)):
                samples = measure(lambda p=period: all_reports(store, p, today=today), repeat=5, warmup=1)
                print(f"- all three reports, {period.label('en')}: {summary(samples)}")
        finally:
            store.close()
