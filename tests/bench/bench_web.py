"""The centre's dashboards at Mimika's size in a few years: N records (default 5,000,000) of 18 distrik offices
and 23 puskesmas over five years (2022–2026) on PostgreSQL, written straight into the server's tables and the
projections with COPY (not through sync), then every dashboard page fetched over HTTP from the real
``layan-server serve`` process by a logged-in centre user.

Run: ``.venv/bin/python -m tests.bench web``. ``LAYAN_BENCH_WEB_RECORDS`` changes the 5,000,000;
``LAYAN_BENCH_WEB_DB`` (a database URL) times the pages of a database made earlier, without generating;
PostgreSQL: ``LAYAN_TEST_PG_URL`` if set, else a throwaway cluster from scripts/start-postgres.sh.
The goal: every page within 1 s.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import tempfile
import time
import uuid
from pathlib import Path

N = int(os.environ.get("LAYAN_BENCH_WEB_RECORDS", "5000000"))
YEARS = (2022, 2023, 2024, 2025, 2026)
SHARE = {  # of all records
    "visits": 0.40, "patients": 0.10, "service_requests": 0.15, "service_events": 0.10, "complaints": 0.05,
    "complaint_events": 0.03, "letters": 0.14, "dispositions": 0.03,
}
ICD = ["A09", "J06.9", "I10", "K30", "M79.1", "L30.9", "B50.9", "B51.9", "E11.9", "J18.9", "R50.9", "K04.7",
       "A15.0", "H10.9", "N39.0", "O80", "Z34.9", "T14.1", "B35.4", "D64.9"]
AGE = ["0-7h", "8-28h", "1-11b", "1-4t", "5-9t", "10-14t", "15-19t", "20-44t", "45-54t", "55-59t", "60-69t", "70+t"]
SERVICES = ["domisili", "keterangan_usaha", "sktm", "pengantar_kk", "kelahiran", "kematian"]
CATEGORIES = ["Infrastruktur", "Kesehatan", "Pendidikan", "Kependudukan", "Air bersih", "Listrik", "Keamanan"]
STATUSES = ["selesai"] * 7 + ["diproses", "diterima", "ditolak"]
CSTATUS = ["selesai"] * 5 + ["ditindaklanjuti", "diverifikasi", "masuk", "diteruskan"]
# Offices close their cases: what was received before the last two months is finished, rejected or answered.
OLD_STATUSES = ["selesai"] * 9 + ["ditolak"]
OLD_CSTATUS = ["selesai"] * 6 + ["ditindaklanjuti", "diverifikasi", "diteruskan"]
RECENT = dt.date(2026, 10, 1)


def _offices() -> tuple[list[tuple[str, str, str]], list[str], list[str]]:
    from sync.schema import resources_dir

    data = json.loads((resources_dir() / "reference" / "wilayah_mimika.json").read_text(encoding="utf-8"))
    distrik = [(d["office_code"], f"Distrik {d['name']}", "distrik") for d in data["distrik"]]
    pkm = [(p["office_code"], f"Puskesmas {p['name']}", "puskesmas") for p in data["puskesmas"]["items"]]
    return distrik + pkm, [c for c, _, _ in distrik], [c for c, _, _ in pkm]


def _day(rnd: random.Random) -> dt.date:
    start = dt.date(YEARS[0], 1, 1)
    span = (dt.date(YEARS[-1], 12, 6) - start).days
    return start + dt.timedelta(days=rnd.randrange(span))


class Writer:
    """Rows into COPY streams, one per table, flushed in blocks."""

    def __init__(self, conn):
        self.conn = conn
        self.buffers: dict[str, list] = {}
        self.columns: dict[str, tuple] = {}
        self.count = 0

    def add(self, table: str, columns: tuple, row: tuple) -> None:
        self.columns[table] = columns
        buf = self.buffers.setdefault(table, [])
        buf.append(row)
        if len(buf) >= 50_000:
            self.flush(table)

    def flush(self, table: str | None = None) -> None:
        for name in [table] if table else list(self.buffers):
            rows = self.buffers.get(name)
            if not rows:
                continue
            with self.conn.cursor() as cur, cur.copy(
                    f"COPY {name} ({', '.join(self.columns[name])}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            self.buffers[name] = []


REC = ("id", "collection", "office_id", "rev", "hlc", "deleted", "fields", "meta")


def generate(url: str, n: int) -> dict[str, int]:
    import psycopg

    rnd = random.Random(15)
    offices, distrik, pkm = _offices()
    counts = {k: int(n * v) for k, v in SHARE.items()}
    rev = 0
    stamp = "1764000000000-00000-bench"
    with psycopg.connect(url, autocommit=True) as conn:
        w = Writer(conn)

        def record(coll: str, office: str, fields: dict) -> str:
            nonlocal rev
            rev += 1
            rid = str(uuid.UUID(int=rnd.getrandbits(128), version=4))
            w.add("records", REC, (rid, coll, office, rev, stamp, False, json.dumps(fields), "{}"))
            return rid

        for code, name, kind in offices:
            rid = record("offices", code, {"code": code, "name": name, "kind": kind})
            w.add("offices", ("code", "name", "kind", "record_id", "created_ms"), (code, name, kind, rid, 0))
        patients_by_pkm: dict[str, list[tuple[str, str, str | None]]] = {p: [] for p in pkm}
        for _ in range(counts["patients"]):
            office = rnd.choice(pkm)
            sex = rnd.choice("LP")
            born = dt.date(rnd.randint(1940, 2025), rnd.randint(1, 12), rnd.randint(1, 28)).isoformat()
            distrik_name = rnd.choice([None, "Mimika Baru", "Kuala Kencana", "Wania", "Kwamki Narama"])
            pid = record("patients", office, {"nama": "Pasien", "no_rm": str(rnd.randint(1, 10**6)),
                                              "jenis_kelamin": sex, "tanggal_lahir": born, "distrik": distrik_name})
            patients_by_pkm[office].append((pid, sex, distrik_name))
            w.add("pj_patients", ("id", "office_id", "jenis_kelamin", "tanggal_lahir", "distrik"),
                  (pid, office, sex, born, distrik_name))
        for _ in range(counts["visits"]):
            office = rnd.choice(pkm)
            pid, sex, distrik_name = rnd.choice(patients_by_pkm[office])
            day = _day(rnd)
            codes = rnd.sample(ICD, rnd.choice((1, 1, 1, 2)))
            positive = rnd.random() < 0.06
            if positive:
                codes = ["B50.9"]
            diagnosa = [{"kode": c} for c in codes]
            malaria = {"pemeriksaan": "rdt", "hasil": "positif", "spesies": "falciparum"} if positive else None
            vid = record("visits", office, {"patient_id": pid, "tanggal": day.isoformat(), "unit": "dewasa",
                                            "kasus": "baru", "diagnosa": diagnosa,
                                            **({"malaria": malaria} if malaria else {})})
            w.add("pj_visits", ("id", "office_id", "patient_id", "tanggal", "unit", "diagnosa", "malaria"),
                  (vid, office, pid, day.isoformat(), "dewasa", json.dumps(diagnosa),
                   json.dumps(malaria) if malaria else None))
            group = rnd.choice(AGE)
            for c in codes:
                w.add("pj_diagnoses", ("visit_id", "code", "office_id", "patient_id", "month", "category", "kasus",
                                       "sex", "age_group", "excluded"),
                      (vid, c, office, pid, day.isoformat()[:7], c[:3], rnd.choice(("baru", "lama")), sex, group, None))
            if positive:
                y, wk, _ = day.isocalendar()
                w.add("pj_malaria", ("visit_id", "office_id", "patient_id", "tanggal", "iso_year", "iso_week",
                                     "species", "distrik"),
                      (vid, office, pid, day.isoformat(), y, wk, "falciparum", distrik_name))
        all_offices = [c for c, _, _ in offices]
        request_ids = []
        for _ in range(counts["service_requests"]):
            office = rnd.choice(distrik if rnd.random() < 0.9 else all_offices)
            day = _day(rnd)
            status = rnd.choice(STATUSES if day >= RECENT else OLD_STATUSES)
            due = (day + dt.timedelta(days=rnd.choice((1, 2, 3)))).isoformat()
            done = (day + dt.timedelta(days=rnd.randint(0, 6))).isoformat() if status in ("selesai", "ditolak") else None
            service = rnd.choice(SERVICES)
            code = uuid.UUID(int=rnd.getrandbits(128)).hex[:8].upper()
            rid = record("service_requests", office, {"tracking_code": code, "service_type": service,
                                                      "tanggal": day.isoformat(), "nama": "Warga", "status": status,
                                                      "nik": "9404010101900001", "due_date": due,
                                                      "tanggal_selesai": done})
            request_ids.append((rid, office))
            finished = done if status == "selesai" else None
            workdays = max(0, (dt.date.fromisoformat(finished) - day).days - 1) if finished else None
            w.add("pj_service_requests", ("id", "office_id", "service", "tracking_code", "received", "received_month",
                                          "finished", "finished_month", "status", "due_date", "workdays", "within_sla"),
                  (rid, office, service, code, day.isoformat(), day.isoformat()[:7], finished,
                   finished[:7] if finished else None, status, due, workdays, (finished <= due) if finished else None))
        for _ in range(counts["service_events"]):
            rid, office = rnd.choice(request_ids)
            record("service_events", office, {"request_id": rid, "status": "diproses", "tanggal": _day(rnd).isoformat()})
        complaint_ids = []
        for _ in range(counts["complaints"]):
            office = rnd.choice(distrik)
            day = _day(rnd)
            status = rnd.choice(CSTATUS if day >= RECENT else OLD_CSTATUS)
            due = (day + dt.timedelta(days=7)).isoformat()
            answered = (day + dt.timedelta(days=rnd.randint(1, 10))).isoformat() if status != "masuk" else None
            resolved = (day + dt.timedelta(days=rnd.randint(3, 20))).isoformat() if status == "selesai" else None
            category = rnd.choice(CATEGORIES)
            code = uuid.UUID(int=rnd.getrandbits(128)).hex[:8].upper()
            cid = record("complaints", office, {"tracking_code": code, "tanggal": day.isoformat(), "channel": "langsung",
                                                "uraian": "Uraian", "status": status, "kategori": category,
                                                "due_date": due, "tanggal_tanggapan": answered,
                                                "tanggal_selesai": resolved})
            complaint_ids.append((cid, office))
            w.add("pj_complaints", ("id", "office_id", "category", "tracking_code", "received", "received_month",
                                    "status", "due_date", "first_response", "resolved", "response_days",
                                    "resolution_days", "late_response", "forwarded"),
                  (cid, office, category, code, day.isoformat(), day.isoformat()[:7], status, due, answered, resolved,
                   rnd.randint(1, 8) if answered else None, rnd.randint(3, 15) if resolved else None,
                   bool(answered and answered > due), status == "diteruskan"))
        for _ in range(counts["complaint_events"]):
            cid, office = rnd.choice(complaint_ids)
            record("complaint_events", office, {"complaint_id": cid, "status": "diverifikasi",
                                                "tanggal": _day(rnd).isoformat()})
        letter_ids = []
        for _ in range(counts["letters"]):
            office = rnd.choice(all_offices)
            day = _day(rnd)
            direction = "masuk" if rnd.random() < 0.6 else "keluar"
            lid = record("letters", office, {"direction": direction, "year": day.year, "seq": rnd.randint(1, 9999),
                                             "perihal": "Undangan", "sifat": "biasa",
                                             ("tanggal_terima" if direction == "masuk" else "tanggal_surat"):
                                                 day.isoformat()})
            if direction == "masuk":
                letter_ids.append((lid, office, day))
            pending = day.isoformat() if direction == "masuk" and rnd.random() < 0.05 else None
            w.add("pj_letters", ("id", "office_id", "direction", "tanggal", "month", "pending_since"),
                  (lid, office, direction, day.isoformat(), day.isoformat()[:7], pending))
        for _ in range(counts["dispositions"]):
            lid, office, day = rnd.choice(letter_ids)
            did = record("dispositions", office, {"letter_id": lid, "kepada": "Sekdis", "instruksi": "Tindak lanjuti",
                                                  "created_at": day.isoformat() + "T09:00:00Z"})
            w.add("pj_dispositions", ("id", "letter_id", "office_id", "created", "asks_action"),
                  (did, lid, office, day.isoformat() + "T09:00:00Z", True))
        w.flush()
        conn.execute("UPDATE counter SET value = %s WHERE id = 1", (rev,))
        conn.execute("ANALYZE")
        return {"records": rev, **{k: conn.execute(f"SELECT count(*) FROM {k}").fetchone()[0]
                                  for k in ("pj_visits", "pj_diagnoses", "pj_malaria", "pj_service_requests",
                                            "pj_complaints", "pj_letters")}}


PAGES = [
    ("Pelayanan, this year", "/pelayanan"),
    ("Pelayanan, five years", "/pelayanan?dari=2022-01&sampai=2026-12"),
    ("Pelayanan, one distrik, one service", "/pelayanan?dari=2026-01&sampai=2026-12&distrik=Mimika+Baru&layanan=domisili"),
    ("Pelayanan, records behind 'open, past due'", "/pelayanan/rincian?dari=2022-01&sampai=2026-12&jenis=layanan&apa=open_late"),
    ("Pelayanan, records behind 'red'", "/pelayanan/rincian?dari=2026-01&sampai=2026-12&jenis=pengaduan&apa=red"),
    ("Pelayanan, XLSX of five years", "/pelayanan/unduh?dari=2022-01&sampai=2026-12&format=xlsx&bagian=semua"),
    ("Dinkes LB1, kabupaten, a month", "/dinkes?bulan=2026-11"),
    ("Dinkes LB1, full codes", "/dinkes?bulan=2026-11&tingkat=code"),
    ("Dinkes LB1, one puskesmas", "/dinkes?bulan=2026-11&puskesmas=PKM-WANIA"),
    ("Dinkes LB1, records behind a code", "/dinkes/rincian?bulan=2026-11&kode=J06"),
    ("Dinkes LB1, XLSX", "/dinkes/unduh?bulan=2026-11&format=xlsx"),
    ("Dinkes malaria per week by puskesmas", "/dinkes/malaria?tahun=2026"),
    ("Dinkes malaria per week by distrik", "/dinkes/malaria?tahun=2026&menurut=distrik"),
    ("Dinkes malaria, cases behind a week", "/dinkes/malaria/kasus?tahun=2026&tempat=PKM-WANIA&minggu=45"),
    ("Dinkes FHIR bundle, one puskesmas-month", "/dinkes/fhir?puskesmas=PKM-WANIA&bulan=2026-11"),
]


def run() -> None:
    from tests.bench.bench_sync import Postgres
    from tests.bench.timing import measure, summary
    from tests.integration.conftest import ServerProc
    from tests.web.conftest import WebSession, add_centre_users

    pg = Postgres()
    root = Path(tempfile.mkdtemp(prefix="layan-bench-web."))
    server = None
    try:
        if not pg.url:
            print(f"- PostgreSQL unavailable: {pg.error}")
            return
        from sync.server import projections
        from sync.server.storage import Storage

        url = os.environ.get("LAYAN_BENCH_WEB_DB") or pg.database()
        storage = Storage(url)  # the schema, with the projections' tables and indexes
        if not os.environ.get("LAYAN_BENCH_WEB_DB"):
            t0 = time.perf_counter()
            made = generate(url, N)
            print(f"- generated {made['records']:,} records with COPY in {time.perf_counter() - t0:.0f} s: "
                  + ", ".join(f"{k} {v:,}" for k, v in made.items() if k != "records"))
        t0 = time.perf_counter()
        with storage.write() as conn:
            projections.refresh_aggregates(conn)
        with storage.write() as conn:
            conn.exec_driver_sql("ANALYZE")
        storage.close()
        print(f"- monthly counts (pj_sr_*, pj_cp_*, pj_lb1*, pj_malaria_weeks, pj_letter_months) made from the "
              f"projections in {time.perf_counter() - t0:.0f} s")
        with __import__("psycopg").connect(url) as conn:
            size = conn.execute("SELECT pg_size_pretty(pg_database_size(current_database()))").fetchone()[0]
        print(f"- database size {size}")
        server = ServerProc(root, url).start()
        if server.storage.office("PUSAT") is None:  # a database made earlier has its centre users
            add_centre_users(server)
        sessions = {"pimpinan": WebSession(server.url).login_as("pimpinan"),
                    "dinkes": WebSession(server.url).login_as("dinkes")}
        print("\n| page | time (HTTP, logged in) | ≤ 1 s |\n| --- | --- | --- |")
        for label, path in PAGES:
            web = sessions["pimpinan" if path.startswith("/pelayanan") else "dinkes"]

            def fetch(web=web, path=path):
                r = web.get(path, timeout=120)
                assert r.status_code == 200, (path, r.status_code, r.text[:300])

            samples = measure(fetch, repeat=5, warmup=1)
            ok = "✔" if sorted(samples)[len(samples) // 2] <= 1000 else "✘"
            print(f"| {label} (`{path}`) | {summary(samples)} | {ok} |", flush=True)
    finally:
        if server is not None:
            server.stop()
        pg.stop() if pg.dir else None
        shutil.rmtree(root, ignore_errors=True)
