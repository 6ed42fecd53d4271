"""Attachments: scans and photos kept with a letter, a request (per checklist document), a complaint,
a patient or a visit.

An attachment is a synced record (collection ``attachments``: owner, name, type, size, sha256, pages)
whose bytes live in the data folder's encrypted blob store (sync/blobs.py), named by their sha256.
The bytes are stored before the record, so a record never points at bytes this PC lacks because of
a crash; bytes whose record was never written are removed again. What travels is the reduced scan
(imaging.prepare); the original stays on this PC only when the clerk asks for it ("simpan asli").

Attachments of patients and visits are health data: only the health roles of this puskesmas see
them (health/access.py), and every opening of one is audited.

No Qt here.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

from desktop.store.attachment_blobs import blob_store
from desktop.store.db import StoreError
from desktop.store.records import RecordNotFound, Store
from sync.blobs import BlobError

from ..health.access import AccessDenied, actor, require_health_role
from . import imaging
from .files import MAX_INPUT_BYTES, AttachmentError, check_content, check_name

log = logging.getLogger(__name__)

ATTACHMENTS = "attachments"
OWNERS = ("letters", "service_requests", "complaints", "patients", "visits")
HEALTH_OWNERS = frozenset({"patients", "visits"})
THUMB_EDGE = 160


@dataclass(frozen=True)
class Incoming:
    """A file checked and made ready to attach (nothing stored yet)."""

    name: str  # the name it will carry (extension following the type that travels)
    original_name: str
    original: bytes
    original_mime: str
    prepared: imaging.Prepared

    @property
    def reduced(self) -> bool:
        return self.prepared.reduced


@dataclass(frozen=True)
class Waiting:
    """A file taken on a form before its record is saved: kept in memory only (nothing in the blob
    store), stored by ``attach_waiting`` once the record exists, forgotten if the form is cancelled."""

    incoming: Incoming
    slot: str | None = None
    keep_original: bool = False


def _travel_name(name: str, mime: str) -> str:
    from .files import DEFAULT_EXTENSION, EXTENSIONS

    stem, dot, ext = name.rpartition(".")
    if dot and EXTENSIONS.get(f".{ext.lower()}") == mime:
        return name
    return f"{stem if dot else name}{DEFAULT_EXTENSION[mime]}"


def inspect_bytes(name: str, data: bytes) -> Incoming:
    """Checks a file's name, size and content and prepares what will travel; AttachmentError if bad."""
    name = check_name(name)
    mime = check_content(name, len(data), data[:2048])
    prepared = imaging.prepare(name, data, mime)
    return Incoming(_travel_name(name, prepared.mime), name, data, mime, prepared)


def inspect_file(path: Path | str) -> Incoming:
    path = Path(path)
    name = check_name(path.name)
    try:
        size = path.stat().st_size
        if size == 0 or size > MAX_INPUT_BYTES:
            check_content(name, size, b"")  # raises the size message before anything is read
        data = path.read_bytes()
    except OSError as exc:
        raise AttachmentError(f"Berkas '{name}' tidak dapat dibaca: {exc.strerror or exc}",
                              f"The file '{name}' cannot be read: {exc.strerror or exc}") from exc
    return inspect_bytes(name, data)


def pasted_name(now: dt.datetime | None = None) -> str:
    """The name of an image pasted from the clipboard (it has none)."""
    return f"tempelan-{(now or dt.datetime.now()):%Y%m%d-%H%M%S}.png"


# ---- access -------------------------------------------------------------------------------------

def check_access(store: Store, user: dict | None, owner_collection: str) -> None:
    if owner_collection not in OWNERS:
        raise AttachmentError(f"Lampiran tidak tersedia untuk {owner_collection}.",
                              f"Attachments are not available for {owner_collection}.")
    if not user:
        raise AccessDenied("Silakan masuk (login) dulu.", "Please log in first.")
    if owner_collection in HEALTH_OWNERS:
        require_health_role(user, store)


def can_see(store: Store, user: dict | None, owner_collection: str) -> bool:
    try:
        check_access(store, user, owner_collection)
    except StoreError:
        return False
    return True


# ---- the records --------------------------------------------------------------------------------

def attach(store: Store, user: dict, owner_collection: str, owner_id: str, incoming: Incoming, *,
           slot: str | None = None, note: str | None = None, keep_original: bool = False) -> dict:
    """Stores the bytes, then the record (and the kept original) in one transaction; returns the record."""
    check_access(store, user, owner_collection)
    store.get(owner_collection, owner_id)  # RecordNotFound: nothing to attach to
    blobs = blob_store(store.data_dir)
    prepared = incoming.prepared
    stored = [blobs.put_bytes(prepared.data)]
    keep = keep_original and prepared.reduced
    if keep:
        stored.append(blobs.put_bytes(incoming.original))
    fields = {"owner_collection": owner_collection, "owner_id": owner_id, "slot": slot or None,
              "name": incoming.name, "mime": prepared.mime, "size": len(prepared.data), "sha256": stored[0],
              "pages": prepared.pages, "note": (note or "").strip() or None}
    try:
        with store.transaction() as tx:
            change = tx.save(ATTACHMENTS, fields, actor=actor(user))
            if keep:
                tx.execute(
                    "INSERT OR REPLACE INTO attachment_originals(attachment_id, sha256, name, mime, size, kept_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (change.record_id, stored[1], incoming.original_name, incoming.original_mime,
                     len(incoming.original), dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
                )
    except BaseException:
        for sha256 in stored:
            drop_unused_bytes(store, sha256)  # nothing half stored
        raise
    return store.get(ATTACHMENTS, change.record_id)


def attach_waiting(store: Store, user: dict, owner_collection: str, owner_id: str,
                   waiting: list[Waiting]) -> list[tuple[str, StoreError]]:
    """Stores the files a form took before its record was saved (each as ``attach`` does: all of it or
    nothing of it); returns the ones refused, by name, with why (a full disk, a refused record)."""
    refused = []
    for item in waiting:
        try:
            attach(store, user, owner_collection, owner_id, item.incoming, slot=item.slot,
                   keep_original=item.keep_original)
        except StoreError as exc:
            refused.append((item.incoming.name, exc))
    return refused


def list_for(store: Store, user: dict, owner_collection: str, owner_id: str) -> list[dict]:
    """The owner record's attachments, oldest first."""
    check_access(store, user, owner_collection)
    return store.find(ATTACHMENTS, "owner_collection = ? AND owner_id = ?", (owner_collection, owner_id),
                      order_by="created_at, rowid")


def get(store: Store, user: dict, attachment_id: str) -> dict:
    record = store.get(ATTACHMENTS, attachment_id)
    check_access(store, user, record["owner_collection"])
    return record


def is_here(store: Store, record: dict) -> bool:
    """True when the bytes are on this PC (an attachment made elsewhere may still be on its way)."""
    return blob_store(store.data_dir).has(record["sha256"])


def not_here_yet() -> AttachmentError:
    return AttachmentError(
        "Berkas lampiran ini belum sampai di komputer ini; akan diunduh saat sinkronisasi berikutnya.",
        "This attachment's file has not reached this computer yet; it is downloaded at the next sync.",
    )


def read_bytes(store: Store, user: dict, record: dict, *, original: bool = False) -> bytes:
    """The attachment's bytes (or the kept original's); an opening of health data is audited."""
    check_access(store, user, record["owner_collection"])
    sha256 = record["sha256"]
    if original:
        kept = original_of(store, record["id"])
        sha256 = kept["sha256"] if kept else sha256
    blobs = blob_store(store.data_dir)
    if not blobs.has(sha256):
        raise not_here_yet()
    try:
        data = blobs.read(sha256)
    except BlobError as exc:
        raise AttachmentError(exc.message, exc.message_en) from exc
    if record["owner_collection"] in HEALTH_OWNERS:
        store.record_opened(ATTACHMENTS, record["id"], actor=actor(user))
    return data


def original_of(store: Store, attachment_id: str) -> dict | None:
    row = store.read().execute("SELECT * FROM attachment_originals WHERE attachment_id = ?",
                               (attachment_id,)).fetchone()
    return dict(row) if row else None


def remove(store: Store, user: dict, attachment_id: str) -> None:
    """Deletes the attachment (a tombstone that travels); its bytes go when nothing else uses them."""
    record = get(store, user, attachment_id)
    kept = original_of(store, attachment_id)
    with store.transaction() as tx:
        tx.delete(ATTACHMENTS, attachment_id, actor=actor(user))
        tx.execute("DELETE FROM attachment_originals WHERE attachment_id = ?", (attachment_id,))
    drop_unused_bytes(store, record["sha256"])
    if kept:
        drop_unused_bytes(store, kept["sha256"])


def set_slot(store: Store, user: dict, attachment_id: str, slot: str | None) -> None:
    """Points the attachment at a checklist document of its request (or at none)."""
    get(store, user, attachment_id)
    store.save(ATTACHMENTS, {"slot": slot or None}, record_id=attachment_id, actor=actor(user))


ROTATIONS = (0, 90, 180, 270)


def page_rotation(record: dict, index: int) -> int:
    """Degrees (clockwise) page ``index`` (0-based) is turned for showing and printing."""
    turned = (record.get("rotation") or {}).get(str(index + 1), 0)
    return turned if turned in ROTATIONS else 0


def set_rotation(store: Store, user: dict, attachment_id: str, index: int, degrees: int) -> dict:
    """Turns page ``index`` (0-based) to ``degrees`` for good: saved in the record's ``rotation`` field,
    so the thumbnail, print and every PC of the office show it turned. The file itself is not changed
    (its sha256 and its bytes stay; nothing is uploaded again). Returns the record."""
    degrees %= 360
    if degrees not in ROTATIONS:
        raise AttachmentError("Halaman hanya dapat diputar per 90 derajat.", "A page turns by 90 degrees only.")
    record = get(store, user, attachment_id)
    if not 0 <= index < int(record.get("pages") or 1):
        raise AttachmentError("Halaman itu tidak ada pada lampiran ini.", "This attachment has no such page.")
    rotation = {key: value for key, value in (record.get("rotation") or {}).items() if value}
    rotation.pop(str(index + 1), None)
    if degrees:
        rotation[str(index + 1)] = degrees
    if rotation == {key: value for key, value in (record.get("rotation") or {}).items() if value}:
        return record
    store.save(ATTACHMENTS, {"rotation": rotation or None}, record_id=attachment_id, actor=actor(user))
    return store.get(ATTACHMENTS, attachment_id)


def drop_unused_bytes(store: Store, sha256: str) -> bool:
    """Removes bytes no live attachment and no kept original refers to; True when removed."""
    conn = store.read()
    used = conn.execute("SELECT 1 FROM attachments WHERE sha256 = ? AND deleted = 0 LIMIT 1", (sha256,)).fetchone()
    used = used or conn.execute("SELECT 1 FROM attachment_originals WHERE sha256 = ? LIMIT 1", (sha256,)).fetchone()
    if used:
        return False
    blob_store(store.data_dir).remove(sha256)
    return True


def forget_deleted_bytes(store: Store, changes) -> None:
    """Store listener: when attachments are deleted (here or by sync from another PC), their bytes go
    once nothing else uses them. Runs after the commit, on the writer thread."""
    ids = [c.record_id for c in changes.changes if c.collection == ATTACHMENTS]
    if not ids:
        return
    marks = ",".join("?" * len(ids))
    rows = store.read().execute(f"SELECT sha256 FROM attachments WHERE deleted = 1 AND id IN ({marks})", ids)
    for (sha256,) in rows.fetchall():
        try:
            if sha256:
                drop_unused_bytes(store, sha256)
        except (OSError, BlobError):  # a file held open elsewhere: it stays, harmless; never fails the commit
            log.warning("could not remove the bytes of a deleted attachment", exc_info=True)


def slots_with_files(store: Store, user: dict, request_id: str) -> set[str]:
    """The checklist documents of a request that have a scan attached."""
    return {r["slot"] for r in list_for(store, user, "service_requests", request_id) if r.get("slot")}


# ---- thumbnails ---------------------------------------------------------------------------------

def cached_thumbnail(store: Store, sha256: str, edge: int = THUMB_EDGE) -> bytes | None:
    row = store.read().execute("SELECT png FROM attachment_thumbs WHERE sha256 = ? AND edge = ?",
                               (sha256, edge)).fetchone()
    return bytes(row[0]) if row else None


def make_thumbnail(store: Store, record: dict, edge: int = THUMB_EDGE) -> bytes | None:
    """The first page as a small PNG, made from the bytes (read only: a worker thread may call it);
    None when the bytes are not here yet or cannot be read."""
    blobs = blob_store(store.data_dir)
    if not blobs.has(record["sha256"]):
        return None
    try:
        return imaging.thumbnail_png(blobs.read(record["sha256"]), record["mime"], edge, record.get("name", ""))
    except (AttachmentError, BlobError):
        return None


def cache_thumbnail(store: Store, sha256: str, png: bytes, edge: int = THUMB_EDGE) -> None:
    with store.transaction() as tx:
        tx.execute("INSERT OR REPLACE INTO attachment_thumbs(sha256, edge, png) VALUES (?, ?, ?)", (sha256, edge, png))


def thumbnail(store: Store, record: dict, edge: int = THUMB_EDGE) -> bytes | None:
    """The cached thumbnail, or one made now and cached. A thumbnail is not an 'open' of health data
    (it is shown only to those who may see the attachment)."""
    cached = cached_thumbnail(store, record["sha256"], edge)
    if cached is not None:
        return cached
    png = make_thumbnail(store, record, edge)
    if png is not None:
        cache_thumbnail(store, record["sha256"], png, edge)
    return png


__all__ = ["ATTACHMENTS", "HEALTH_OWNERS", "OWNERS", "THUMB_EDGE", "Incoming", "RecordNotFound", "Waiting", "attach",
           "attach_waiting",
           "cache_thumbnail", "can_see", "cached_thumbnail", "check_access", "drop_unused_bytes", "forget_deleted_bytes", "get", "inspect_bytes",
           "inspect_file", "is_here", "list_for", "make_thumbnail", "original_of", "pasted_name", "read_bytes", "remove", "set_slot",
           "page_rotation", "set_rotation", "slots_with_files", "thumbnail"]
