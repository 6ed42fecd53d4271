"""Enrollment and one sync run for this PC: the glue between the store and sync's engine/client.

No Qt: the GUI's scheduler (desktop/tasks) and ``layan sync`` both call ``run_sync``. Everything
a run learns is recorded in the store's meta (last success, last error in plain Indonesian), so the
status bar and ``layan status`` can say what happened.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import __version__
from desktop.store.db import StoreError
from desktop.store.records import Store, now_iso
from desktop.store.replica import StoreReplica

from . import attachment_sync, central_config, numbering, office, usb_sync
from .credentials import TokenStore

if TYPE_CHECKING:  # the HTTP stack (requests, jsonschema) loads on the first sync, not at start-up
    from sync.client import SyncClient
    from sync.engine import SyncReport

SERVER_META = "server_url"
# How this PC reaches its server (set at enrollment or by the provisioning file): the server's
# certificate pinned by its sha256, a CA bundle file in the data folder, or the lab flag for http://.
PIN_META = "server_cert_sha256"
CA_FILE = "server-ca.pem"
INSECURE_META = "allow_insecure_http"
MOVE_ROLES = ("admin",)  # who may move this PC to another server
BLOCK_SIZE = 50  # numbers per block: weeks of letters for a distrik office (docs/NUMBERING.md)


@dataclass
class Enrollment:
    office: dict
    device_id: str
    token_warning: tuple[str, str] | None  # (id, en) when the token is in the fallback file


def tokens(store: Store) -> TokenStore:
    return TokenStore(store.data_dir, store.device_id())


def is_enrolled(store: Store) -> bool:
    return bool(store.meta(SERVER_META)) and tokens(store).load() is not None


@dataclass(frozen=True)
class Transport:
    """How to reach a server safely: see sync/client.py ``check_transport``."""

    pin_sha256: str | None = None
    ca_pem: str | None = None
    allow_insecure_http: bool = False


def _transport(store: Store) -> dict:
    ca = Path(store.data_dir) / CA_FILE
    return {"pin_sha256": store.meta(PIN_META) or None, "ca_bundle": str(ca) if ca.is_file() else None,
            "allow_insecure_http": store.meta(INSECURE_META) == "1"}


def _new_client(url: str, transport: dict, **kw) -> SyncClient:
    from sync.client import SyncClient
    from sync.protocol import SyncError

    try:
        return SyncClient(url, app_version=__version__, **transport, **kw)
    except SyncError as exc:  # http:// to another host without the lab flag
        raise StoreError(exc.message, exc.message_en) from exc
    except ValueError as exc:  # a malformed pin
        raise StoreError(f"Sidik sertifikat server tidak valid: {exc}", f"Invalid server certificate pin: {exc}") from exc


def make_client(store: Store, *, server_url: str | None = None, timeout: float | tuple = (10, 60)) -> SyncClient:
    url = server_url or store.meta(SERVER_META)
    if not url:
        raise StoreError("PC ini belum didaftarkan ke server. Buka Pengaturan → Sinkronisasi.",
                         "This PC is not enrolled with a server yet. Open Settings → Sync.")
    client = _new_client(url, _transport(store), timeout=timeout)
    client.token = tokens(store).load()
    return client


def enroll(store: Store, server_url: str, code: str, *, device_name: str | None = None,
           client: SyncClient | None = None, transport: Transport | None = None, _moving: bool = False) -> Enrollment:
    """Trades a one-time code for a device token. An uninitialized PC takes the server's office;
    an initialized one must belong to the same office (a clear refusal otherwise). An enrolled PC
    moves to another server only through ``move_to_server`` (an admin login, its changes to USB)."""
    from sync.protocol import SyncError

    server_url = server_url.strip().rstrip("/")
    if not server_url.startswith(("http://", "https://")):
        raise StoreError("Alamat server harus diawali https://",
                         "The server address must start with https://")
    current = store.meta(SERVER_META)
    if current and current != server_url and is_enrolled(store) and not _moving:
        raise StoreError(f"PC ini terdaftar ke {current}. Pindah ke server lain memerlukan login admin "
                         "(Daftarkan ulang…).",
                         f"This PC is enrolled with {current}. Moving it to another server needs an admin "
                         "login (Re-enroll…).")
    ca_path = Path(store.data_dir) / CA_FILE
    if transport is None:  # the same server again keeps how it is reached; another starts from the defaults
        settings = _transport(store) if current == server_url else \
            {"pin_sha256": None, "allow_insecure_http": False, "ca_bundle": None}
    else:
        settings = {"pin_sha256": transport.pin_sha256, "allow_insecure_http": transport.allow_insecure_http,
                    "ca_bundle": None}
        if transport.ca_pem:
            ca_tmp = ca_path.with_name(CA_FILE + ".new")
            ca_tmp.write_text(transport.ca_pem, encoding="ascii")
            settings["ca_bundle"] = str(ca_tmp)
    own = client or _new_client(server_url, settings)
    try:
        reply = own.enroll(code.strip(), device_name or platform.node() or "layan-pc")
    except SyncError as exc:
        raise StoreError(exc.message, exc.message_en) from exc
    finally:
        if client is None:
            own.close()
    remote = reply["office"]
    local = store.office()
    if local is None:
        office.initialize(store, code=remote["code"], name=remote["name"], kind=remote["kind"])
    elif local["code"] != remote["code"]:
        raise StoreError(
            f"Kode pendaftaran ini untuk kantor {remote['code']}, sedangkan PC ini milik {local['code']}.",
            f"This enrollment code is for office {remote['code']}, but this PC belongs to {local['code']}.")
    store_tokens = tokens(store)
    store_tokens.save(reply["token"])
    if settings["ca_bundle"] and settings["ca_bundle"] != str(ca_path):
        os.replace(settings["ca_bundle"], ca_path)
    elif not settings["ca_bundle"]:
        ca_path.unlink(missing_ok=True)
    with store.transaction() as tx:
        tx.set_meta(PIN_META, own.pin)
        tx.set_meta(INSECURE_META, "1" if settings["allow_insecure_http"] else None)
        tx.set_meta(SERVER_META, server_url)
        tx.set_meta("server_device_id", reply["device_id"])
        tx.set_meta("enrolled_at", now_iso())
        # From now on the server hands out number blocks: other PCs of the office may exist.
        tx.set_meta(numbering.AUTHORITY_META, "0")
        keep_used_numbers_as_blocks(tx)
        renumber_outbox(tx)
    # Enrollment happens online: take number blocks now, so the PC can register letters at once.
    try:
        with make_client(store) as new_client:
            top_up_blocks(store, new_client)
            usb_sync.fetch_key(store, new_client, force=True)  # a new identity: a new key for USB files
    except SyncError:
        pass  # the next sync fetches them; numbering says so plainly meanwhile
    return Enrollment(office=remote, device_id=reply["device_id"], token_warning=store_tokens.warning)


@dataclass
class Move:
    """What moving this PC to another server did."""

    enrollment: Enrollment
    old_server: str | None
    exported: object | None  # usb_sync.ExportResult of the changes not yet sent, or None (nothing waiting)


def move_plan(store: Store, new_server: str) -> dict:
    """What the clerk sees before moving: the old and the new server and the changes not yet sent."""
    return {"old_server": store.meta(SERVER_META), "new_server": new_server.strip().rstrip("/"),
            "waiting": store.outbox_size()}


def move_to_server(store: Store, server_url: str, code: str, *, username: str, password: str,
                   usb_folder: Path | str | None, device_name: str | None = None, client: SyncClient | None = None,
                   transport: Transport | None = None) -> Move:
    """Re-enrolls this PC with another server. Needs an admin's login; the changes not yet sent to the
    old server are first written to a USB sync file for it (so IT can import them there), and only
    then is the PC enrolled anew (its outbox is kept and renumbered for the new server)."""
    from . import users

    user = users.authenticate(store, username, password)
    if user is None or user.get("role") not in MOVE_ROLES:
        raise StoreError("Memindahkan PC ke server lain memerlukan login admin kantor ini.",
                         "Moving this PC to another server needs an admin login of this office.")
    old = store.meta(SERVER_META)
    exported = None
    if store.outbox_size():
        if not usb_folder:
            raise StoreError("Pilih folder USB: perubahan yang belum terkirim ditulis dulu ke sana.",
                             "Choose a USB folder: the changes not yet sent are written there first.")
        exported = usb_sync.export_request(store, usb_folder)
    enrollment = enroll(store, server_url, code, device_name=device_name, client=client, transport=transport,
                        _moving=True)
    with store.transaction() as tx:
        tx.set_meta("moved_from_server", old)
        tx.audit("device", store.device_id(), "update", {"server": [old, server_url]}, actor=user["username"])
    return Move(enrollment, old, exported)


def wanted_series(store: Store, today: dt.date | None = None) -> list[tuple[str, int]]:
    """The number series this office uses now: letters this year (and next, in December)."""
    today = today or dt.date.today()
    years = [today.year] + ([today.year + 1] if today.month == 12 else [])
    series = [(s, y) for y in years for s in (numbering.SERIES_MASUK, numbering.SERIES_KELUAR)]
    if (store.office() or {}).get("kind") == "puskesmas":
        series.append(("rekam_medis", 0))  # medical record numbers never restart
    return series


def blocks_wanted(store: Store, today: dt.date | None = None, size: int = BLOCK_SIZE) -> list[dict]:
    """Block requests (``{series, year, count, floor}``) for each series running low."""
    if store.meta(numbering.AUTHORITY_META) == "1":
        return []
    wanted = []
    for series, year in wanted_series(store, today):
        conn = store.read()
        left = numbering.remaining(conn, series, year)
        highest = conn.execute('SELECT max("end") FROM number_blocks WHERE series = ? AND year = ?',
                               (series, year)).fetchone()[0] or 0
        imported = numbering.imported_highest(store, series, year)
        if left is not None and left >= size // 2 and imported <= highest:
            continue
        # A block asked with its floor above the numbers an imported book brought claims them: no
        # device of the office is granted them afterwards (docs/NUMBERING.md, "Imported numbers").
        wanted.append({"series": series, "year": year, "count": size, "floor": max(highest, imported) + 1})
    return wanted


def top_up_blocks(store: Store, client: SyncClient, today: dt.date | None = None) -> int:
    """Asks the server for a new block of each series running low; returns how many were granted."""
    granted = 0
    for want in blocks_wanted(store, today):
        reply = client.blocks(want["series"], want["year"], want["count"], floor=want["floor"])
        with store.transaction() as tx:
            numbering.grant_block(tx, want["series"], want["year"], reply["start"], reply["end"])
        granted += 1
    return granted


def keep_used_numbers_as_blocks(tx) -> None:
    """On enrollment the open-ended standalone blocks end at the last number used, so this PC
    keeps what it has issued and asks the server for anything new."""
    tx.execute('UPDATE number_blocks SET "end" = next - 1 WHERE "end" IS NULL')
    tx.execute('DELETE FROM number_blocks WHERE "end" < start')


def renumber_outbox(tx) -> None:
    """A new server identity expects mseq 1: the waiting changes are renumbered 1..n, in order
    (re-enrolling a PC, e.g. after IT revoked it, must not lose what it still has to send)."""
    rows = tx.execute("SELECT mseq FROM outbox ORDER BY mseq").fetchall()
    offset = 1_000_000_000  # two passes avoid primary-key clashes while shifting
    tx.execute("UPDATE outbox SET mseq = mseq + ?", (offset,))
    for new, (old,) in enumerate(rows, start=1):
        tx.execute("UPDATE outbox SET mseq = ? WHERE mseq = ?", (new, old + offset))
    tx.set_meta("next_mseq", str(len(rows) + 1))


def forwardable() -> tuple[tuple[str, Callable[[Store], list[dict]]], ...]:
    """(collection, pending_forwards) of every record kind an office can forward to another."""
    from . import complaints, services

    return ((complaints.COMPLAINTS, complaints.pending_forwards),
            (services.SERVICE_REQUESTS, services.pending_forwards))


def transfer_forwards(store: Store, client: SyncClient) -> int:
    """Asks the server to move each complaint and service request this office forwarded (and already
    pushed) to its new office; the server moves its status events with it and leaves this office a
    read-only stub."""
    moved = 0
    for collection, pending_forwards in forwardable():
        for record in pending_forwards(store):
            if not record.get("rev"):
                continue  # not on the server yet (its push failed): the next sync retries
            client.transfer(collection, record["id"], record["diteruskan_ke"])
            moved += 1
    return moved


def replica_for(store: Store) -> StoreReplica:
    """The store as a sync replica, with the domain's own handling of pushed configuration."""
    return StoreReplica(store, appliers={"config": central_config.apply_change})


def run_sync(store: Store, *, client: SyncClient | None = None,
             on_progress: Callable[[SyncReport], None] | None = None,
             should_stop: Callable[[], bool] | None = None) -> SyncReport:
    """One full sync (push everything, pull everything). Never raises for network trouble: the
    report says what happened, and the store's meta keeps the last success or error."""
    from sync.engine import sync_once
    from sync.protocol import SyncError

    own = client or make_client(store)
    requests0, up0, down0 = own.requests, own.bytes_up, own.bytes_down
    try:
        replica = replica_for(store)
        report = sync_once(replica, own, on_progress=on_progress, should_stop=should_stop)
        if report.ok:
            try:
                if transfer_forwards(store, own):
                    # Pull the transfers back at once: the forwarded records become read-only stubs here.
                    again = sync_once(replica, own, on_progress=on_progress, should_stop=should_stop)
                    report.pulled += again.pulled
                    report.ok, report.error = again.ok, again.error
                top_up_blocks(store, own)
                usb_sync.fetch_key(store, own)
            except SyncError as exc:
                report.ok, report.error = False, exc
                report.errors.append(exc)
        if report.ok:  # attachment bytes after the records, never instead of them (its errors stay its own)
            attachment_sync.after_records(store, own, should_stop=should_stop)
        # Everything this run sent and received, number blocks and transfers included.
        report.requests = own.requests - requests0
        report.bytes_up, report.bytes_down = own.bytes_up - up0, own.bytes_down - down0
    finally:
        if client is None:
            own.close()
    with store.transaction() as tx:
        if report.ok:
            tx.set_meta("last_sync_at", now_iso())
            tx.set_meta("last_sync_error", None)
        else:
            tx.set_meta("last_sync_error", report.error.message if report.error else "gagal")
            tx.set_meta("last_sync_error_en", report.error.message_en if report.error else "failed")
        tx.set_meta("last_sync_attempt_at", now_iso())
    return report
