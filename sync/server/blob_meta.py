"""What the centre knows about blobs: which are stored, which office proved it holds which, uploads
in progress, quotas, and who may touch a blob (tenancy).

Tenancy: a device reads or writes a blob only when a live ``attachments`` record visible to its
office names that sha256 (its own partition; a record transferred away stays readable). Health
attachments (of ``patients``/``visits``) follow their owner: only the puskesmas that owns them.

Proof of possession: a blob counts for an office (``blob_offices``) only once a device of that
office has uploaded every byte of it, even when another office stored the same bytes before. So an
office that merely knows a sha256 cannot fetch someone else's scan by writing a record that names
it; the bytes are still kept once (the store is content-addressed).

Forwarding (``Storage.transfer`` calls ``move_with_owner``): a complaint's or request's attachment
records move with it to the new office, and the new office is credited with the bytes the old one
holds. Bytes the old office uploads later (its PC forwarded before its upload finished) are credited
to the new office too: the old office may still upload to the records it forwarded, read-only.

Record sync is untouched: the records table gets one partial index on the attachments' sha256
(created here), which only attachment rows pay for.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    MetaData,
    String,
    Table,
    delete,
    exists,
    func,
    insert,
    literal_column,
    select,
    text,
    update,
)

from sync.protocol import now_ms
from sync.server.merge import Rec
from sync.server.storage import (
    Device,
    NotFoundError,
    Storage,
    StorageError,
    _row_to_rec,
    grants,
    offices,
    records,
)

ATTACHMENTS = "attachments"
HEALTH_OWNERS = ("patients", "visits")
DEFAULT_QUOTA_BYTES = 4 * 1024**3  # per office; an office with 10,000 reduced scans holds about 1.5 GB
QUOTA_ALL = "*"

metadata = MetaData()

blobs = Table(
    "blobs", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("stored_ms", BigInteger, nullable=False),
)

# An office's claim on a stored blob: made when one of its devices finished uploading it.
blob_offices = Table(
    "blob_offices", metadata,
    Column("office_code", String(40), primary_key=True),
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("added_ms", BigInteger, nullable=False),
)

# Uploads under way (their bytes are in the staging folder): they count against the quota.
blob_uploads = Table(
    "blob_uploads", metadata,
    Column("office_code", String(40), primary_key=True),
    Column("sha256", String(64), primary_key=True),
    Column("length", BigInteger, nullable=False),
    Column("started_ms", BigInteger, nullable=False),
)

# The server's own collection (blob_gc.py): when a stored blob was first seen with no live attachment
# naming it, and the last automatic run (one worker process of several claims each period).
blob_unreferenced = Table(
    "blob_unreferenced", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("since_ms", BigInteger, nullable=False),
)
blob_gc_runs = Table(
    "blob_gc_runs", metadata,
    Column("name", String(20), primary_key=True),
    Column("at_ms", BigInteger, nullable=False),
)

blob_quotas = Table(
    "blob_quotas", metadata,
    Column("scope", String(40), primary_key=True),  # an office code, or "*" for every office
    Column("bytes", BigInteger, nullable=False),
)


def _sha_expr(is_sqlite: bool):
    return literal_column("json_extract(records.fields, '$.sha256')" if is_sqlite
                          else "((records.fields)::jsonb ->> 'sha256')")


def init_schema(conn: Connection, is_sqlite: bool) -> None:
    """Called once from Storage._init_schema: the blob tables and the attachments' sha256 index."""
    metadata.create_all(conn, checkfirst=True)
    expr = "json_extract(fields, '$.sha256')" if is_sqlite else "((fields::jsonb) ->> 'sha256')"
    conn.execute(text(f"CREATE INDEX IF NOT EXISTS ix_records_attachment_sha ON records (({expr})) "
                      f"WHERE collection = '{ATTACHMENTS}'"))


@dataclass(frozen=True)
class Ref:
    """A live attachment record naming the blob, as the asking office sees it."""

    record_id: str
    office_id: str
    size: int | None
    owner_collection: str | None
    own: bool  # in the office's partition (False: transferred away, read-only)


class QuotaExceeded(StorageError):
    status, code = 413, "quota_exceeded"


def _mb(n: int) -> str:
    """1234567 -> "1,2 MB" (Indonesian decimal comma)."""
    if n >= 1024**3:
        return f"{n / 1024**3:.1f} GB".replace(".", ",")
    return f"{n / 1024**2:.1f} MB".replace(".", ",")


def _mb_en(n: int) -> str:
    return f"{n / 1024**3:.1f} GB" if n >= 1024**3 else f"{n / 1024**2:.1f} MB"


def _not_found() -> NotFoundError:
    # The same answer whether the blob exists elsewhere or not at all: no probing other offices.
    return NotFoundError("Lampiran ini tidak ada di data kantor ini.",
                         "No attachment of this office has these bytes.")


class BlobMeta:
    def __init__(self, storage: Storage):
        self.storage = storage
        self.sha = _sha_expr(storage.is_sqlite)

    # --- tenancy ------------------------------------------------------------------------------------
    def refs(self, conn: Connection, office: str, sha256: str) -> list[Ref]:
        granted = select(grants.c.id).where(grants.c.office_id == office)
        rows = conn.execute(select(records.c.id, records.c.office_id, records.c.fields).where(
            records.c.collection == ATTACHMENTS, self.sha == sha256, records.c.deleted.is_(False),
            (records.c.office_id == office) | records.c.id.in_(granted))).all()
        out = []
        for r in rows:
            fields = json.loads(r.fields)
            size = fields.get("size")
            out.append(Ref(r.id, r.office_id, size if isinstance(size, int) else None,
                           fields.get("owner_collection"), r.office_id == office))
        return out

    def authorize(self, device: Device, sha256: str, *, write: bool) -> list[Ref]:
        """The attachment records that let ``device`` touch ``sha256`` (never empty), or 404."""
        with self.storage.read() as conn:
            kind = conn.execute(select(offices.c.kind).where(offices.c.code == device.office)).scalar()
            # A record forwarded away (not own) still takes the bytes its office had not sent yet.
            refs = [r for r in self.refs(conn, device.office, sha256)
                    if r.owner_collection not in HEALTH_OWNERS or (r.own and kind == "puskesmas")]
        if not refs:
            raise _not_found()
        return refs

    def readable_from(self, device: Device, sha256: str) -> bool:
        """May ``device`` download it: a visible record names it and its owning office holds it."""
        refs = self.authorize(device, sha256, write=False)
        with self.storage.read() as conn:
            return conn.execute(select(func.count()).select_from(blob_offices).where(
                blob_offices.c.sha256 == sha256,
                blob_offices.c.office_code.in_({r.office_id for r in refs}))).scalar_one() > 0

    # --- state --------------------------------------------------------------------------------------
    def office_has(self, office: str, sha256: str) -> bool:
        with self.storage.read() as conn:
            return conn.execute(select(blob_offices.c.sha256).where(
                blob_offices.c.office_code == office, blob_offices.c.sha256 == sha256)).first() is not None

    def status(self, device: Device, shas: list[str]) -> dict[str, dict]:
        """Per sha256: ``stored`` (the office holds it: nothing to upload; downloadable),
        ``partial`` with ``offset`` (resume there), ``missing`` (upload from 0) or ``unknown`` (no
        record of the office names it yet: sync records first)."""
        out: dict[str, dict] = {}
        with self.storage.read() as conn:
            kind = conn.execute(select(offices.c.kind).where(offices.c.code == device.office)).scalar()
            held = {r.sha256: r.size for r in conn.execute(select(blob_offices.c.sha256, blob_offices.c.size).where(
                blob_offices.c.office_code == device.office, blob_offices.c.sha256.in_(shas)))}
            for sha in shas:
                refs = [r for r in self.refs(conn, device.office, sha)
                        if r.owner_collection not in HEALTH_OWNERS or (r.own and kind == "puskesmas")]
                if not refs:
                    out[sha] = {"state": "unknown"}
                elif sha in held:
                    out[sha] = {"state": "stored", "size": held[sha]}
                elif any(not r.own for r in refs) and self._held_by(conn, sha, {r.office_id for r in refs}):
                    out[sha] = {"state": "stored", "size": next(r.size for r in refs)}
                else:
                    out[sha] = {"state": "missing"}
        return out

    @staticmethod
    def _held_by(conn: Connection, sha256: str, office_codes: set[str]) -> bool:
        return conn.execute(select(blob_offices.c.sha256).where(
            blob_offices.c.sha256 == sha256, blob_offices.c.office_code.in_(office_codes))).first() is not None

    def stored_size(self, sha256: str) -> int | None:
        with self.storage.read() as conn:
            return conn.execute(select(blobs.c.size).where(blobs.c.sha256 == sha256)).scalar()

    # --- quota --------------------------------------------------------------------------------------
    def quota(self, office: str) -> int:
        with self.storage.read() as conn:
            rows = dict(conn.execute(select(blob_quotas.c.scope, blob_quotas.c.bytes).where(
                blob_quotas.c.scope.in_([office, QUOTA_ALL]))).all())
        return rows.get(office, rows.get(QUOTA_ALL, DEFAULT_QUOTA_BYTES))

    def set_quota(self, scope: str, nbytes: int | None) -> None:
        """``nbytes`` None: the office falls back to the default for all offices."""
        with self.storage.write() as conn:
            conn.execute(delete(blob_quotas).where(blob_quotas.c.scope == scope))
            if nbytes is not None:
                conn.execute(insert(blob_quotas).values(scope=scope, bytes=nbytes))

    def usage(self, office: str) -> tuple[int, int]:
        """(bytes of blobs the office holds that a live attachment of it still names, bytes of its
        uploads under way)."""
        with self.storage.read() as conn:
            live = exists().where(records.c.collection == ATTACHMENTS, self.sha == blob_offices.c.sha256,
                                  records.c.office_id == office, records.c.deleted.is_(False))
            used = conn.execute(select(func.coalesce(func.sum(blob_offices.c.size), 0)).where(
                blob_offices.c.office_code == office, live)).scalar_one()
            pending = conn.execute(select(func.coalesce(func.sum(blob_uploads.c.length), 0)).where(
                blob_uploads.c.office_code == office)).scalar_one()
        return int(used), int(pending)

    def begin_upload(self, office: str, sha256: str, length: int) -> None:
        """Reserves ``length`` bytes of the office's quota for this upload (once), or QuotaExceeded."""
        key = (blob_uploads.c.office_code == office) & (blob_uploads.c.sha256 == sha256)
        with self.storage.read() as conn:
            mine = conn.execute(select(blob_uploads.c.length).where(key)).scalar()
        if mine == length:
            return
        if mine is not None:
            with self.storage.write() as conn:
                conn.execute(update(blob_uploads).where(key).values(length=length))
            return
        used, pending = self.usage(office)
        limit = self.quota(office)
        if used + pending + length > limit:
            raise QuotaExceeded(
                f"Ruang lampiran kantor ini di server penuh: terpakai {_mb(used + pending)} dari {_mb(limit)}. "
                "Lampiran ini tetap tersimpan di PC; minta IT menambah kuota atau hapus lampiran yang tidak perlu.",
                f"This office's attachment space on the server is full: {_mb_en(used + pending)} of "
                f"{_mb_en(limit)} used. The attachment stays on the PC; ask IT for more space or delete "
                "attachments that are not needed.", used=used + pending, quota=limit)
        with self.storage.write() as conn:
            if conn.execute(select(blob_uploads.c.length).where(key)).first() is None:
                conn.execute(insert(blob_uploads).values(office_code=office, sha256=sha256, length=length,
                                                         started_ms=now_ms()))

    def drop_upload(self, office: str, sha256: str) -> None:
        with self.storage.write() as conn:
            conn.execute(delete(blob_uploads).where(blob_uploads.c.office_code == office,
                                                    blob_uploads.c.sha256 == sha256))

    def finish(self, office: str, sha256: str, size: int) -> None:
        """The bytes are verified and in the store: the blob becomes visible, for this office."""
        now = now_ms()
        with self.storage.write() as conn:
            if conn.execute(select(blobs.c.sha256).where(blobs.c.sha256 == sha256)).first() is None:
                conn.execute(insert(blobs).values(sha256=sha256, size=size, stored_ms=now))
            if conn.execute(select(blob_offices.c.sha256).where(
                    blob_offices.c.office_code == office, blob_offices.c.sha256 == sha256)).first() is None:
                conn.execute(insert(blob_offices).values(office_code=office, sha256=sha256, size=size, added_ms=now))
            conn.execute(delete(blob_uploads).where(blob_uploads.c.office_code == office,
                                                    blob_uploads.c.sha256 == sha256))
            # Records of this office forwarded before their bytes went up: their new office holds them now.
            forwarded = select(grants.c.id).where(grants.c.office_id == office)
            for new_office in set(conn.execute(select(records.c.office_id).where(
                    records.c.collection == ATTACHMENTS, self.sha == sha256, records.c.deleted.is_(False),
                    records.c.office_id != office, records.c.id.in_(forwarded))).scalars()):
                _credit(conn, new_office, sha256, size, now)

    # --- housekeeping (layan-server blobs …) --------------------------------------------------------
    def report(self) -> list[dict]:
        out = []
        for code in [o["code"] for o in self.storage.list_offices()]:
            used, pending = self.usage(code)
            with self.storage.read() as conn:
                count = conn.execute(select(func.count()).select_from(blob_offices).where(
                    blob_offices.c.office_code == code)).scalar_one()
            out.append({"office": code, "blobs": count, "used": used, "pending": pending, "quota": self.quota(code)})
        return out

    def unreferenced(self) -> list[str]:
        """Stored blobs that no live attachment record names any more (candidates for removal)."""
        with self.storage.read() as conn:
            live = exists().where(records.c.collection == ATTACHMENTS, self.sha == blobs.c.sha256,
                                  records.c.deleted.is_(False))
            return list(conn.execute(select(blobs.c.sha256).where(~live)).scalars())

    def stale_uploads(self, before_ms: int) -> list[tuple[str, str]]:
        """(office, sha256) of uploads started before ``before_ms`` and never finished."""
        with self.storage.read() as conn:
            return [(r.office_code, r.sha256) for r in conn.execute(select(
                blob_uploads.c.office_code, blob_uploads.c.sha256).where(blob_uploads.c.started_ms < before_ms))]

    def forget(self, sha256: str) -> None:
        with self.storage.write() as conn:
            conn.execute(delete(blob_offices).where(blob_offices.c.sha256 == sha256))
            conn.execute(delete(blobs).where(blobs.c.sha256 == sha256))


def _credit(conn: Connection, office: str, sha256: str, size: int, now: int) -> None:
    if conn.execute(select(blob_offices.c.sha256).where(
            blob_offices.c.office_code == office, blob_offices.c.sha256 == sha256)).first() is None:
        conn.execute(insert(blob_offices).values(office_code=office, sha256=sha256, size=size, added_ms=now))


def move_with_owner(storage: Storage, conn: Connection, revs, owner_collection: str, owner_id: str, old: str,
                    new: str) -> list[Rec]:
    """Inside ``Storage.transfer``: the attachment records of the forwarded record move to ``new``
    with a new rev (so both offices' PCs receive them; the old office keeps them read-only), and
    ``new`` is credited with every blob ``old`` holds for them. Returns the moved records."""
    rows = conn.execute(select(records).where(
        records.c.collection == ATTACHMENTS, records.c.office_id == old,
        records.c.fields.like(f"%{owner_id}%"))).all()
    moved = []
    now = now_ms()
    for row in rows:
        rec = _row_to_rec(row)
        if rec.fields.get("owner_id") != owner_id or rec.fields.get("owner_collection") != owner_collection:
            continue
        rec.office_id, rec.rev = new, revs.next()
        conn.execute(update(records).where(records.c.id == rec.id).values(office_id=new, rev=rec.rev))
        storage._grant(conn, rec.id, old)
        moved.append(rec)
        sha = rec.fields.get("sha256")
        if rec.deleted or not isinstance(sha, str):
            continue
        size = conn.execute(select(blob_offices.c.size).where(
            blob_offices.c.office_code == old, blob_offices.c.sha256 == sha)).scalar()
        if size is not None:
            _credit(conn, new, sha, size, now)
    return moved
