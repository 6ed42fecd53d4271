"""How long the centre takes to count a puskesmas's LB1 and malaria again after Dinkes publishes changed case
rules (``projection_rules.rederive``): PATIENTS patients with VISITS visits each, in one puskesmas.

Run: ``.venv/bin/python -m tests.bench rules``; PostgreSQL: set ``LAYAN_BENCH_PG_URL`` to an empty database;
``LAYAN_BENCH_RULES_PATIENTS`` for another size (default 20,000)."""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import random
import time

from sync import health_rules
from sync.server import projection_rules, projections
from sync.server.storage import Storage

from .timing import on_each_server_database

PATIENTS = int(os.environ.get("LAYAN_BENCH_RULES_PATIENTS") or 20_000)
VISITS = 5
CODES = ["A09", "J06.9", "I10", "K30", "B50.9", "E11.9", "L30.9", "M79.1"]


def _fill(storage: Storage) -> None:
    rnd = random.Random(3)
    patients, visits = [], []
    for p in range(PATIENTS):
        pid = f"p{p:07d}"
        patients.append({"id": pid, "office_id": "PKM-B", "jenis_kelamin": rnd.choice("LP"),
                         "tanggal_lahir": f"{rnd.randint(1940, 2025)}-0{rnd.randint(1, 9)}-1{rnd.randint(0, 9)}",
                         "umur_tahun": None, "umur_tanggal": None, "distrik": "Wania"})
        for v in range(VISITS):
            day = dt.date(2025, 1, 1) + dt.timedelta(days=rnd.randint(0, 700))
            code = rnd.choice(CODES)
            visits.append({"id": f"{pid}-v{v}", "office_id": "PKM-B", "patient_id": pid, "tanggal": day.isoformat(),
                           "jam_datang": None, "created_at": None, "unit": "umum",
                           "diagnosa": json.dumps([code]),
                           "malaria": json.dumps({"pemeriksaan": "rdt", "hasil": "positif", "spesies": "falciparum",
                                                  "pengobatan": "DHP"}) if code.startswith("B50") else None})
    with storage.write() as conn:
        for table, rows in ((projections.patients, patients), (projections.visits, visits)):
            for i in range(0, len(rows), 10_000):
                projections._insert(conn, table, rows[i:i + 10_000])
    storage.add_office("PKM-B", "Puskesmas Bench", "puskesmas")


def _measure(name: str, storage: Storage) -> None:
    _fill(storage)
    projection_rules.rederive(storage, ["PKM-B"])  # counted by the bundled rules first
    rules = copy.deepcopy(health_rules.bundled_rules())
    rules["default"]["window_days"] = 60
    storage.set_config("puskesmas", "case_rules", rules)
    t = time.perf_counter()
    done = projection_rules.rederive(storage)
    took = time.perf_counter() - t
    assert done == {"PKM-B": PATIENTS}
    print(f"{name}: {PATIENTS:,} patients, {PATIENTS * VISITS:,} visits counted again in {took:.1f} s "
          f"({took / PATIENTS * 1000:.2f} ms per patient)")


def run() -> None:
    on_each_server_database(_measure)
