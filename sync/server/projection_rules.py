"""Which case rules the centre counts each puskesmas by, and counting again when they change (and, with the
same rule of scopes, any other value published for an office: ``published_value``).

A puskesmas's PCs count kasus baru/lama and malaria cases by the ``case_rules`` published for it (sync/config.py:
its office code, else its kind, else ``all``), or by the bundled resources/reference/case_rules.json when nothing
is published. The centre picks the same rules per office (``books_for``), so its LB1 equals the PCs' own.

The rows already derived (pj_diagnoses, pj_malaria) were counted by the rules in force when their records
arrived. ``pj_rules_state`` remembers, per office, the fingerprint (sha256) of the rules its rows were counted
by; when a publication changes an office's rules, ``rederive`` counts that office's patients again (the
``layan-server config set/unset case_rules`` command does it right after publishing, with progress; an
interrupted run is finished by ``layan-server projections rederive``).
"""

from __future__ import annotations

import hashlib
import json

from sqlalchemy import BigInteger, Column, Connection, MetaData, String, Table, select, union
from sqlalchemy.dialects import postgresql, sqlite

from sync import config, health_rules
from sync.protocol import now_ms

KEY = "case_rules"
BUNDLED = "bundled"

metadata = MetaData()
state = Table(
    "pj_rules_state", metadata,
    Column("office_id", String(40), primary_key=True),
    Column("rules_sha", String(64), nullable=False),  # the rules its pj_diagnoses/pj_malaria rows were counted by
    Column("counted_ms", BigInteger, nullable=False),
)


def create(conn: Connection) -> None:
    metadata.create_all(conn, checkfirst=True)


def fingerprint(rules: dict) -> str:
    return hashlib.sha256(json.dumps(rules, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


# (record id, rev) of a publication -> (fingerprint, rule book); a new rev is a new entry, so no stale book
_books: dict[tuple[str, int], tuple[str, health_rules.RuleBook]] = {}


def _bundled() -> tuple[str, health_rules.RuleBook]:
    if (BUNDLED, 0) not in _books:
        rules = health_rules.bundled_rules()
        _books[(BUNDLED, 0)] = (fingerprint(rules), health_rules.RuleBook(rules))
    return _books[(BUNDLED, 0)]


def _published(conn: Connection, key: str = KEY) -> dict[str, tuple[str, int]]:
    """scope -> (record id, rev) of every publication of ``key`` not withdrawn (a handful of rows)."""
    from sync.server.storage import config_ids, records

    rows = conn.execute(select(config_ids.c.scope, records.c.id, records.c.rev)
                        .join(records, records.c.id == config_ids.c.record_id)
                        .where(config_ids.c.key == key, records.c.collection == config.COLLECTION,
                               records.c.deleted.is_(False))).all()
    return {r.scope: (r.id, r.rev) for r in rows}


def published_value(conn: Connection, key: str, office: str):
    """The value of ``key`` in force for ``office`` as its PCs receive it (office > kind > all), or None."""
    from sync.server.storage import offices, records

    published = _published(conn, key)
    if not published:
        return None
    kind = conn.execute(select(offices.c.kind).where(offices.c.code == office)).scalar()
    ref = published.get(office) or published.get(kind or "") or published.get(config.SCOPE_ALL)
    if ref is None:
        return None
    return json.loads(conn.execute(select(records.c.fields).where(records.c.id == ref[0])).scalar_one())["value"]


def _book_of(conn: Connection, ref: tuple[str, int]) -> tuple[str, health_rules.RuleBook]:
    if ref not in _books:
        from sync.server.storage import records

        fields = json.loads(conn.execute(select(records.c.fields).where(records.c.id == ref[0])).scalar_one())
        rules = fields["value"]  # checked against the key's schema when it was published
        if len(_books) > 200:
            _books.clear()
        _books[ref] = (fingerprint(rules), health_rules.RuleBook(rules))
    return _books[ref]


def books_for(conn: Connection, office_ids) -> dict[str, tuple[str, health_rules.RuleBook]]:
    """office -> (fingerprint, rule book) it counts by: its own publication, its kind's, everyone's, bundled."""
    office_ids = set(office_ids)
    published = _published(conn)
    if not published:
        return dict.fromkeys(office_ids, _bundled())
    from sync.server.storage import offices

    kinds = dict(conn.execute(select(offices.c.code, offices.c.kind).where(offices.c.code.in_(office_ids))).all())
    out = {}
    for office in office_ids:
        ref = published.get(office) or published.get(kinds.get(office, "")) or published.get(config.SCOPE_ALL)
        out[office] = _book_of(conn, ref) if ref else _bundled()
    return out


HOLIDAYS = "holidays"
# (record id, rev) of a holidays publication -> its days off; ("bundled", 0): resources/reference/holidays.json
_day_sets: dict[tuple[str, int], frozenset] = {}


def holidays_for(conn: Connection, office_ids) -> dict[str, frozenset]:
    """office -> the days off its PCs count working days by (the ``holidays`` published for it, its kind's,
    everyone's, else the bundled list), so the centre's working days equal the desktop's."""
    import datetime as dt

    from sync import workdays

    office_ids = set(office_ids)
    published = _published(conn, HOLIDAYS)
    if (BUNDLED, 0) not in _day_sets:
        _day_sets[(BUNDLED, 0)] = workdays.load_holidays()
    if not published:
        return dict.fromkeys(office_ids, _day_sets[(BUNDLED, 0)])
    from sync.server.storage import offices, records

    kinds = dict(conn.execute(select(offices.c.code, offices.c.kind).where(offices.c.code.in_(office_ids))).all())
    out = {}
    for office in office_ids:
        ref = published.get(office) or published.get(kinds.get(office, "")) or published.get(config.SCOPE_ALL)
        ref = ref or (BUNDLED, 0)
        if ref not in _day_sets:
            value = json.loads(conn.execute(select(records.c.fields).where(records.c.id == ref[0])).scalar_one())
            if len(_day_sets) > 200:
                _day_sets.clear()
                _day_sets[(BUNDLED, 0)] = workdays.load_holidays()
            _day_sets[ref] = frozenset(dt.date.fromisoformat(item["date"]) for item in value["value"]["items"])
        out[office] = _day_sets[ref]
    return out


def note_counted(conn: Connection, shas: dict[str, str]) -> None:
    """Remembers the rules offices first counted by (office -> fingerprint); a row already there stays, as
    only ``rederive`` changes what a whole office was counted by."""
    if not shas:
        return
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    conn.execute(dialect.insert(state).on_conflict_do_nothing(),
                 [{"office_id": o, "rules_sha": s, "counted_ms": now_ms()} for o, s in sorted(shas.items())])


def _set_counted(conn: Connection, office: str, sha: str) -> None:
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(state).values(office_id=office, rules_sha=sha, counted_ms=now_ms())
    conn.execute(stmt.on_conflict_do_update(index_elements=["office_id"],
                                            set_={"rules_sha": sha, "counted_ms": now_ms()}))


def health_offices(conn: Connection) -> list[str]:
    from sync.server import projections as pj

    return sorted(conn.execute(union(select(pj.patients.c.office_id).distinct(),
                                     select(pj.visits.c.office_id).distinct())).scalars())


def stale(conn: Connection) -> dict[str, str]:
    """Offices whose rows were counted by other rules than the ones now in force: office -> new fingerprint.
    An office with no state row was counted by the bundled rules (rows derived before this was kept)."""
    offices = health_offices(conn)
    counted = dict(conn.execute(select(state.c.office_id, state.c.rules_sha)).all())
    bundled_sha = _bundled()[0]
    return {o: sha for o, (sha, _book) in books_for(conn, offices).items() if counted.get(o, bundled_sha) != sha}


CHUNK = 500  # patients per transaction: a page applied meanwhile waits at most for one chunk


def rederive(storage, offices: list[str] | None = None, progress=None) -> dict[str, int]:
    """Counts the LB1 rows and malaria cases of every patient of ``offices`` again (None: the offices whose
    rules changed), one chunk of patients per transaction; then notes the rules they were counted by.
    ``progress(office, done, total)`` after each chunk. Returns office -> patients counted."""
    from sync.server import projections as pj

    with storage.read() as conn:
        todo = stale(conn) if offices is None else {
            o: sha for o, (sha, _b) in books_for(conn, offices).items()}
    done: dict[str, int] = {}
    for office in sorted(todo):
        with storage.read() as conn:
            pids = sorted(p for p in conn.execute(union(
                select(pj.patients.c.id).where(pj.patients.c.office_id == office),
                select(pj.visits.c.patient_id).where(pj.visits.c.office_id == office))).scalars() if p)
        for i in range(0, len(pids), CHUNK):
            with storage.write() as conn:
                aggregates: dict = {}
                pj._health(conn, pids[i:i + CHUNK], aggregates)
                pj.refresh_aggregates(conn, aggregates)
            if progress:
                progress(office, min(i + CHUNK, len(pids)), len(pids))
        with storage.write() as conn:
            _set_counted(conn, office, todo[office])
        done[office] = len(pids)
    return done


def after_publication(storage, out=None) -> dict[str, int]:
    """What the publishing command runs once case_rules changed: re-derives the offices it affects."""
    import sys

    out = out or sys.stderr

    def progress(office, n, total):
        print(f"  {office}: {n}/{total} patients counted again", file=out, flush=True)

    done = rederive(storage, progress=progress)
    print(f"the centre's LB1 and malaria counted again for {len(done)} puskesmas", file=out, flush=True)
    return done
