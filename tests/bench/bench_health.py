"""Health: ICD-10 picker per keystroke (goal < 50 ms), LB1 for a month of 20,000 visits, returning-patient
lookup and visit save, and the keystrokes of a returning patient's routine malaria visit.

Run: .venv/bin/python -m tests.bench health   (LAYAN_BENCH_VISITS changes the 20,000)
"""

from __future__ import annotations

import datetime as dt
import os
import random
import tempfile
import time
from pathlib import Path

from desktop.domain import office, open_store
from desktop.domain.health import icd10, patients, reports, visits

from .timing import measure, rss_mb, summary

N_VISITS = int(os.environ.get("LAYAN_BENCH_VISITS", "20000"))
N_PATIENTS = max(100, N_VISITS // 4)
TYPED = ("malaria falciparum", "b50.9", "hipertensi", "diare akut", "upper respiratory", "z34")
CODES = ["B50.9", "B51.9", "B54", "A09", "J06.9", "I10", "K29.7", "R50.9", "Z34", "J18.9", "L30.9", "M79.1",
         "E11", "O80", "T14.1", "A15.0", "K04.0", "H10.9", "B86", "D50"]
UNITS = ["dewasa", "malaria", "kia", "mtbs", "ugd", "lansia", "gigi", "imunisasi", "gizi", "tb"]
USER = {"username": "bench", "full_name": "Bench Nakes", "role": "nakes", "office_id": "PKM-BENCH", "active": 1}


def bench_icd10() -> None:
    icd10.clear_cache()
    t0 = time.perf_counter()
    icd10.search("a")
    print(f"- ICD-10 index build (first keystroke, {len(icd10.all_codes()):,} codes): "
          f"{(time.perf_counter() - t0) * 1000:.0f} ms")
    samples = []
    for text in TYPED:
        for i in range(1, len(text) + 1):
            prefix = text[:i]
            samples += measure(lambda p=prefix: icd10.search(p, limit=20), repeat=5, warmup=1)
    print(f"- ICD-10 search per keystroke ({len(TYPED)} phrases typed letter by letter): {summary(samples)}")


def make_month(folder: Path) -> tuple[float, float]:
    store = open_store(folder)
    office.initialize(store, code="PKM-BENCH", name="Puskesmas Bench", kind="puskesmas")
    rng = random.Random(7)
    t0 = time.perf_counter()
    ids = []
    with store.transaction() as tx:
        for i in range(N_PATIENTS):
            born = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randint(0, 31000))
            record = {"nama": f"Pasien {i} {rng.choice(['Beanal', 'Magal', 'Tabuni', 'Wenda', 'Kogoya'])}",
                      "jenis_kelamin": rng.choice("LP"), "tanggal_lahir": born.isoformat()}
            ids.append(patients._register(tx, USER, record, confirmed_new=True).record_id)
    t_pat = time.perf_counter() - t0
    t0 = time.perf_counter()
    done = 0
    while done < N_VISITS:
        with store.transaction() as tx:
            for _ in range(min(2000, N_VISITS - done)):
                fields = {"patient_id": rng.choice(ids), "tanggal": f"2026-10-{rng.randint(1, 31):02d}",
                          "unit": rng.choice(UNITS), "kasus": rng.choice(["baru", "lama"]),
                          "diagnosa": rng.sample(CODES, rng.randint(1, 3))}
                if fields["unit"] == "malaria":
                    fields["malaria"] = {"pemeriksaan": "rdt", "hasil": rng.choice(["positif", "negatif"])}
                visits.save_prepared(tx, USER, visits.prepare_visit(store, USER, fields))
                done += 1
    t_vis = time.perf_counter() - t0
    store.close()
    return t_pat, t_vis


def run() -> None:
    bench_icd10()
    with tempfile.TemporaryDirectory(prefix="layan-bench-health-") as tmp:
        folder = Path(tmp)
        t_pat, t_vis = make_month(folder)
        print(f"- dataset: {N_PATIENTS:,} patients in {t_pat:.1f} s, {N_VISITS:,} visits in October 2026 "
              f"in {t_vis:.1f} s (real save path, batched transactions)")
        store = open_store(folder)
        try:
            print(f"- LB1 for the month ({N_VISITS:,} visits): {summary(measure(lambda: reports.lb1(store, USER, '2026-10'), 5, 1))}")
            print(f"- visits per unit: {summary(measure(lambda: reports.visits_by_unit(store, USER, '2026-10'), 5, 1))}")
            print(f"- malaria summary: {summary(measure(lambda: reports.malaria_summary(store, USER, '2026-10'), 5, 1))}")
            data = reports.monthly(store, USER, "2026-10")
            xlsx = folder / "lb1.xlsx"
            print(f"- XLSX of the monthly reports: {summary(measure(lambda: reports.write_xlsx(data, xlsx), 3, 1))}")
            for text in ("123", "RM-000123", "pasien 12", "beanal"):
                print(f"- returning-patient lookup {text!r}: "
                      f"{summary(measure(lambda t=text: patients.lookup(store, USER, t), 20, 2))}")
            target = patients.lookup(store, USER, "123")[0]

            def save_visit():
                visits.register_visit(store, USER, {"patient_id": target["id"], "unit": "malaria",
                                                    "malaria": {"pemeriksaan": "rdt", "hasil": "positif",
                                                                "spesies": "falciparum", "pengobatan": "DHP"}})

            print(f"- save a malaria visit (register_visit: rules, kasus suggestion, row + outbox + audit): "
                  f"{summary(measure(save_visit, 20, 2))}")
            print(f"- RSS after benches: {rss_mb():.0f} MB")
        finally:
            store.close()
    keystrokes()


# The minimal sequence the domain API allows for a returning patient's routine malaria visit (RDT positive,
# P. falciparum, DHP). The UI engineer builds the form; these are the keys a clerk must press at least.
SEQUENCE = (
    ("open the visit form (a shortcut, e.g. Ctrl+K)", 1),
    ("type the RM number without prefix or zeros: 123 → lookup finds RM-000123", 3),
    ("Enter: take the single hit (patients.lookup returns one row for an RM number)", 1),
    ("unit: preselected from the nakes's last unit (malaria) — 0 keys; otherwise 'm' + Enter", 0),
    ("RDT: 'r' in the test field (pemeriksaan)", 1),
    ("result positive: 'p' (hasil)", 1),
    ("species P. falciparum: 'f' (spesies)", 1),
    ("treatment: 'DHP' (pengobatan)", 3),
    ("save: Enter/Ctrl+S", 1),
)
AUTOMATIC = ("date = today", "staff = logged-in nakes", "diagnosis B50.9 from the positive RDT",
             "kasus baru/lama from the last 30 days", "main diagnosis", "RM, patient id")


def keystrokes() -> None:
    total = sum(n for _, n in SEQUENCE)
    print(f"- keystrokes for a returning patient's routine malaria visit: {total}")
    for step, n in SEQUENCE:
        print(f"    {n}  {step}")
    print("    filled by the domain: " + "; ".join(AUTOMATIC))
    print("    (+5 for a temperature '38.5' and Tab; +1 Space for primaquine)")
