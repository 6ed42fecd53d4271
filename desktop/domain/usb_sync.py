"""Sync by USB stick, office side (the file format and its trust: sync/usb.py).

``export_request`` writes this PC's waiting changes, its cursor and the number blocks it needs to
``<stick>/layan-sync/``; IT imports the file into the server, which writes a reply beside it;
``import_replies`` applies the reply: acknowledgements (the outbox entries the server took),
the changes this PC has not seen (records, configuration, users), the number blocks. Everything
is idempotent: exporting twice sends the same changes (the server deduplicates them by mseq), a
reply imported twice or after an online sync applies only what is still new (changes are
filtered by the local cursor, so an older reply can never roll a record back).
No Qt here (domain layer).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from desktop import __version__
from desktop.store.db import StoreError
from desktop.store.records import Store, now_iso
from desktop.store.replica import StoreReplica
from sync import usb
from sync.engine import confirmed_upto
from sync.protocol import CONFLICTS, MAX_MUTATIONS, SCHEMA_V, SyncError, envelope_errors, now_ms

from . import attachment_usb
from .credentials import TokenStore

KEY_SECRET = "usb-key"
LAST_EXPORT_META = "usb_last_export_at"
LAST_IMPORT_META = "usb_last_import_at"
IMPORTED_META = "usb_last_imported_request"  # created_ms of the newest request whose reply was applied
MAX_PAGES = 200  # as the server accepts (sync/server/usb_import.py)


def key_store(store: Store) -> TokenStore:
    return TokenStore(store.data_dir, store.device_id(), secret=KEY_SECRET)


def fetch_key(store: Store, client, *, force: bool = False) -> bool:
    """Fetches this device's key for USB files once (online: after enrollment, or the first sync after
    an update). Returns True when a key was stored. A server without USB sync is not an error."""
    keys = key_store(store)
    if keys.load() and not force:
        return False
    try:
        key_text = client.usb_key()
        usb.decode_key(key_text)
    except (SyncError, KeyError, TypeError, ValueError):
        return False  # an older server, one without USB sync, or a dropped link: the next sync asks again
    keys.save(key_text)
    return True


def _device(store: Store) -> tuple[str, bytes]:
    device_id = store.meta("server_device_id")
    key_text = key_store(store).load()
    if not device_id or not store.meta("server_url"):
        raise StoreError("PC ini belum didaftarkan ke server. Daftarkan sekali (butuh jaringan), lalu sinkronisasi "
                         "lewat USB bisa dipakai.",
                         "This PC is not enrolled with a server. Enroll it once (needs a network); then sync by "
                         "USB stick works.")
    if not key_text:
        raise StoreError("Kunci berkas USB belum ada di PC ini: sinkronkan sekali lewat jaringan (atau daftarkan "
                         "ulang PC ini) agar PC menerima kuncinya.",
                         "This PC has no key for USB files yet: sync once over the network (or re-enroll this PC) "
                         "so it receives its key.")
    return device_id, usb.decode_key(key_text)


@dataclass
class ExportResult:
    path: Path
    changes: int
    blocks: int
    left_out: int  # waiting changes beyond what one file carries (export again after the reply)
    forwards: int = 0  # forwarded complaints and requests the file asks the centre to move


def export_request(store: Store, where: Path | str, today: dt.date | None = None) -> ExportResult:
    """Writes a request file with everything waiting (up to 200,000 changes) to ``where``/layan-sync/."""
    from .syncing import blocks_wanted

    device_id, key = _device(store)
    replica = StoreReplica(store)
    mutations = replica.pending_mutations(MAX_PAGES * MAX_MUTATIONS)
    pages = [mutations[i:i + MAX_MUTATIONS] for i in range(0, len(mutations), MAX_MUTATIONS)]
    wanted = blocks_wanted(store, today)
    transfers = forwards_waiting(store)
    created = now_ms()
    body = {"created_ms": created, "app_version": __version__, "schema_v": SCHEMA_V, "cursor": replica.cursor(),
            "pages": pages, "blocks": wanted, "transfers": transfers}
    stamp = dt.datetime.fromtimestamp(created / 1000, dt.UTC).strftime("%Y%m%d-%H%M%S")
    office_code = (store.office() or {}).get("code") or "office"
    name = f"{office_code}-{device_id[:8]}-{stamp}{usb.REQUEST_SUFFIX}"
    folder = Path(where)
    folder = folder if folder.name == usb.FOLDER else folder / usb.FOLDER
    try:
        path = usb.write_bundle(folder / name, usb.REQUEST, device_id, body, key)
    except OSError as exc:
        raise StoreError(f"Tidak bisa menulis ke {folder}: {exc.strerror or exc}. Periksa USB-nya (penuh, terkunci?).",
                         f"Cannot write to {folder}: {exc.strerror or exc}. Check the stick (full, locked?).") from exc
    attachment_usb.export_blobs(store, folder, device_id, key)  # attachment bytes beside it (within the cap)
    store.set_meta(LAST_EXPORT_META, now_iso())
    return ExportResult(path, len(mutations), len(wanted), max(replica.outbox_size() - len(mutations), 0),
                        len(transfers))


def forwards_waiting(store: Store) -> list[dict]:
    """Complaints and service requests this office forwarded that have not moved yet: the request
    file asks the centre to move them (after applying the file's changes, which bring them), as an
    online sync asks ``POST /v1/transfer``."""
    from .syncing import forwardable

    return [{"collection": collection, "id": record["id"], "to_office": record["diteruskan_ke"]}
            for collection, pending_forwards in forwardable() for record in pending_forwards(store)]


@dataclass
class ImportReport:
    files: int = 0  # replies applied
    skipped: list[tuple[Path, str, str]] = field(default_factory=list)  # (file, Indonesian, English)
    other_pcs: int = 0  # replies for other PCs on the same stick (left for them)
    acknowledged: int = 0
    rejected: int = 0
    pulled: int = 0
    set_aside: int = 0  # received changes that failed this PC's checks (sync/inbound.py)
    conflicts: int = 0
    blocks: int = 0
    more: bool = False  # the server has more: export again
    error: tuple[str, str] | None = None  # the server stopped a file (e.g. a gap): what to do
    waiting: int = 0
    transferred: int = 0  # forwarded records the centre moved to their new office
    transfer_refusals: list[tuple[str, str]] = field(default_factory=list)  # (Indonesian, English) per refusal
    forwards_waiting: int = 0  # forwarded records still here after the import: they go with the next export


def import_replies(store: Store, where: Path | str) -> ImportReport:
    """Applies this PC's reply files found at ``where`` (a stick, its layan-sync folder, or a file)."""
    from . import numbering
    from .syncing import replica_for

    device_id, key = _device(store)
    report = ImportReport()
    replies = []
    for path in usb.bundle_files(Path(where), usb.REPLY_SUFFIX):
        try:
            doc = usb.read_unverified(path)
            if doc["kind"] != usb.REPLY:
                raise usb.BundleError(f"{path.name} bukan berkas balasan.", f"{path.name} is not a reply file.")
            if doc["device_id"] != device_id:
                report.other_pcs += 1
                continue
            replies.append((path, usb.verify(doc, key, path)))
        except usb.BundleError as exc:
            report.skipped.append((path, exc.message, exc.message_en))
    replica = replica_for(store)
    for path, body in sorted(replies, key=lambda r: int(r[1].get("request_created_ms") or 0)):
        try:
            _apply_reply(store, replica, body, report, numbering)
        except (KeyError, TypeError, ValueError) as exc:
            report.skipped.append((path, f"isi berkas tidak valid ({exc})", f"invalid file content ({exc})"))
            continue
        report.files += 1
        attachment_usb.import_blobs(store, path.parent, device_id, key, body)  # the reply's attachment bytes
        created = int(body.get("request_created_ms") or 0)
        if created > int(store.meta(IMPORTED_META) or 0):
            store.set_meta(IMPORTED_META, str(created))
    if report.files:
        store.set_meta(LAST_IMPORT_META, now_iso())
    report.waiting = replica.outbox_size()
    report.forwards_waiting = len(forwards_waiting(store))
    return report


def _apply_reply(store: Store, replica: StoreReplica, body: dict, report: ImportReport, numbering) -> None:
    replies = body["replies"]
    for reply in replies:  # the same envelope checks as a reply over HTTP (sync/client.py)
        problems = envelope_errors("sync_reply", reply)
        if problems:
            raise ValueError("; ".join(problems))
    for reply in replies:
        sent = [m["mseq"] for m in replica.pending_mutations(MAX_PAGES * MAX_MUTATIONS)]
        upto = confirmed_upto(sent, reply["acked_mseq"], reply["results"])
        if upto is not None:  # each entry leaves the outbox only on its own acknowledgement
            mine = [r for r in reply["results"] if r["mseq"] in set(sent) and r["mseq"] <= upto]
            replica.acknowledge(upto, mine)
            report.acknowledged += len(mine)
            report.rejected += sum(1 for r in mine if r["status"] == "rejected")
        local = replica.cursor()
        fresh = [c for c in reply["changes"] if int(c["rev"]) > local]  # never older than what we have
        if fresh or int(reply["cursor"]) > local:
            report.set_aside += replica.apply_changes(fresh, max(local, int(reply["cursor"]))) or 0
            report.pulled += len(fresh)
            report.conflicts += sum(1 for c in fresh if c["collection"] == CONFLICTS and not c.get("deleted")
                                    and not (c.get("fields") or {}).get("resolved"))
    with store.transaction() as tx:
        for grant in body.get("blocks") or []:
            numbering.grant_block(tx, str(grant["series"]), int(grant["year"]), int(grant["start"]), int(grant["end"]))
            report.blocks += 1
    for moved in body.get("transfers") or []:
        if moved.get("ok"):
            report.transferred += 1
        else:
            report.transfer_refusals.append((f"{moved.get('id', '')[:36]}: {moved.get('message') or moved.get('code')}",
                                             f"{moved.get('id', '')[:36]}: {moved.get('message_en') or moved.get('code')}"))
    report.more = report.more or bool(body.get("more"))
    if body.get("error"):
        error = body["error"]
        report.error = (str(error.get("message") or error.get("code")), str(error.get("message_en") or error.get("code")))
