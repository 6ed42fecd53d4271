"""The server's half of sync by USB stick (sync/usb.py): device keys and ``layan-server usb import``.

Each request file is handled like the HTTP sync of that device, page by page through the same
``handle_sync``: the mutations are applied (deduplicated by mseq, so importing a file twice, or
after the office synced online, applies nothing twice), then everything the office has not seen is
paged into the reply, up to ``REPLY_BUDGET`` bytes (the office imports the reply and, if the reply
says more is waiting, exports again). Number blocks the office asked for are granted into the reply,
and the complaints and requests the office forwarded are moved (as ``POST /v1/transfer``) after
the pages that brought them, so the reply carries them back as read-only stubs.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path

from sync import usb
from sync.protocol import MAX_LIMIT, MAX_MUTATIONS, SCHEMA_V, envelope_errors, now_ms
from sync.server import usb_blob_exchange
from sync.server.app import ApiError, Settings, handle_sync
from sync.server.storage import Storage, StorageError

SECRET_FILE = "usb-secret"
REPLY_BUDGET = 48 * 1024 * 1024  # JSON bytes of changes in one reply (gzip makes it ~5x smaller)
MAX_PAGES = 200  # mutation pages in one request file (200,000 changes)
MAX_BLOCK_REQUESTS = 16
MAX_TRANSFERS = 1000  # forwarded complaints and requests in one request file


def server_secret(data_dir: Path | str) -> bytes:
    """32 random bytes in the server's data folder (mode 0600), made on first use; not in the database,
    so a copy of the database alone cannot forge a device's files."""
    path = Path(data_dir) / SECRET_FILE
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_bytes(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, stat.S_IRUSR | stat.S_IWUSR)
    except FileExistsError:  # another worker made it first
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(secret.hex())
        f.flush()
        os.fsync(f.fileno())
    return secret


def device_key(data_dir: Path | str, device_id: str) -> bytes:
    return hmac.new(server_secret(data_dir), f"layan-usb-key/1:{device_id}".encode(), hashlib.sha256).digest()


def device_key_text(data_dir: Path | str, device_id: str) -> str:
    return usb.encode_key(device_key(data_dir, device_id))


@dataclass
class ImportResult:
    path: Path
    device_id: str = ""
    office: str = ""
    reply_path: Path | None = None
    applied: int = 0
    duplicates: int = 0
    rejected: int = 0
    changes: int = 0
    more: bool = False
    blocks: int = 0
    transferred: int = 0
    transfers_refused: int = 0
    error: tuple[str, str] | None = None  # (Indonesian, English): the file was refused or stopped early
    notes: list[str] = field(default_factory=list)


def _error_of(exc: Exception) -> dict:
    if isinstance(exc, ApiError):
        return {"status": exc.status, **exc.body.get("error", exc.body)}
    return {"status": getattr(exc, "status", 400), "code": getattr(exc, "code", "refused"),
            "message": exc.message, "message_en": exc.message_en}


def import_request(storage: Storage, settings: Settings, data_dir: Path | str, path: Path, out_dir: Path) -> ImportResult:
    """Applies one request file and writes its reply beside the others in ``out_dir``."""
    result = ImportResult(path)
    try:
        doc = usb.read_unverified(path)
        if doc["kind"] != usb.REQUEST:
            raise usb.BundleError(f"{path.name} adalah berkas balasan, bukan permintaan.",
                                  f"{path.name} is a reply file, not a request.")
        found = storage.device_by_id(doc["device_id"])
        if found is None:
            raise usb.BundleError(f"{path.name}: perangkat {doc['device_id'][:40]} tidak terdaftar di server ini.",
                                  f"{path.name}: device {doc['device_id'][:40]} is not enrolled on this server.")
        device, revoked = found
        result.device_id, result.office = device.id, device.office
        if revoked:
            raise usb.BundleError(f"{path.name}: perangkat {device.name} sudah dicabut; berkasnya tidak diterima.",
                                  f"{path.name}: device {device.name} was revoked; its file is refused.")
        body = usb.verify(doc, device_key(data_dir, device.id), path)
        reply = _serve(storage, settings, device, body, result)
        result.notes += usb_blob_exchange.exchange(storage, data_dir, device, device_key(data_dir, device.id),
                                                   path.parent, out_dir, reply)  # attachment bytes (sync/usb_blobs.py)
    except usb.BundleError as exc:
        result.error = (exc.message, exc.message_en)
        return result
    name = path.name[: -len(usb.REQUEST_SUFFIX)] if path.name.endswith(usb.REQUEST_SUFFIX) else path.stem
    # Answered in the request's own format: a PC not yet updated reads format 1 only.
    result.reply_path = usb.write_bundle(out_dir / f"{name}{usb.REPLY_SUFFIX}", usb.REPLY, device.id, reply,
                                         device_key(data_dir, device.id), version=doc["format"])
    return result


def _pages(body: dict) -> list[list]:
    pages = body.get("pages")
    if not isinstance(pages, list) or len(pages) > MAX_PAGES or not all(
            isinstance(p, list) and len(p) <= MAX_MUTATIONS for p in pages):
        raise usb.BundleError("Isi berkas tidak valid (halaman perubahan).", "Invalid file content (change pages).")
    return pages


def _serve(storage: Storage, settings: Settings, device, body: dict, result: ImportResult) -> dict:
    pages = _pages(body)
    cursor = body.get("cursor")
    if not isinstance(cursor, int) or cursor < 0:
        raise usb.BundleError("Isi berkas tidak valid (cursor).", "Invalid file content (cursor).")
    replies: list[dict] = []
    size = 0
    out = {"request_created_ms": body.get("created_ms"), "replies": replies, "blocks": [], "more": False}
    try:
        for i, page in enumerate(pages or [[]]):
            waiting = sum(len(p) for p in pages[i + 1:])
            reply = handle_sync(storage, settings, device, {
                "schema_v": body.get("schema_v", SCHEMA_V), "app_version": str(body.get("app_version", ""))[:40],
                "device_id": device.id, "mutations": page, "cursor": cursor, "limit": MAX_LIMIT, "waiting": waiting,
                "compact_stamps": True})
            cursor = reply["cursor"]
            replies.append(reply)
            size += len(json.dumps(reply["changes"], ensure_ascii=False))
        # Forwards run after the pages, which brought their records; the pull below then carries the
        # moved records back to the office as read-only stubs, as one online sync does.
        out["transfers"] = _transfer(storage, device, body.get("transfers"), result)
        pull_again = result.transferred > 0
        while (replies[-1]["has_more"] or pull_again) and size < REPLY_BUDGET:
            pull_again = False
            reply = handle_sync(storage, settings, device, {
                "schema_v": body.get("schema_v", SCHEMA_V), "app_version": str(body.get("app_version", ""))[:40],
                "device_id": device.id, "mutations": [], "cursor": cursor, "limit": MAX_LIMIT, "waiting": 0,
                "compact_stamps": True})
            cursor = reply["cursor"]
            replies.append(reply)
            size += len(json.dumps(reply["changes"], ensure_ascii=False))
        out["more"] = replies[-1]["has_more"]
    except (ApiError, StorageError) as exc:
        out["error"] = _error_of(exc)
        result.error = (out["error"].get("message", ""), out["error"].get("message_en", ""))
    for reply in replies:
        for res in reply["results"]:
            status = res["status"]
            result.applied += status == "applied"
            result.duplicates += status == "duplicate"
            result.rejected += status == "rejected"
        result.changes += len(reply["changes"])
    result.more = out["more"]
    if "error" not in out:
        out["blocks"] = _grant_blocks(storage, device, body.get("blocks"))
        result.blocks = len(out["blocks"])
    out["server_time"] = now_ms()
    return out


def _transfer(storage: Storage, device, wanted, result: ImportResult) -> list[dict]:
    """Moves each complaint or service request the office forwarded (``POST /v1/transfer`` by stick);
    the reply says, per record, whether it moved or why not."""
    done = []
    for item in (wanted if isinstance(wanted, list) else [])[:MAX_TRANSFERS]:
        if envelope_errors("transfer_request", item):
            continue
        answer = {k: item[k] for k in ("collection", "id", "to_office")}
        try:
            moved = storage.transfer(device, item["collection"], item["id"], item["to_office"])
            answer.update(ok=True, rev=moved["rev"])
            result.transferred += 1
        except StorageError as exc:
            answer.update(ok=False, code=getattr(exc, "code", "refused"), message=exc.message,
                          message_en=exc.message_en)
            result.transfers_refused += 1
        done.append(answer)
    return done


def _grant_blocks(storage: Storage, device, wanted) -> list[dict]:
    grants = []
    for item in (wanted if isinstance(wanted, list) else [])[:MAX_BLOCK_REQUESTS]:
        if envelope_errors("blocks_request", item):
            continue  # a malformed request for a block only costs the office that block
        try:
            start, end = storage.grant_block(device, item["series"], item["year"], item["count"], item.get("floor", 1))
        except StorageError:
            continue
        grants.append({"series": item["series"], "year": item["year"], "start": start, "end": end})
    return grants


def run_cli(args, storage: Storage) -> int:
    """``layan-server usb import PATH… [--out DIR]``: exit 0 when every file was imported whole."""
    settings = Settings(min_app_version=args.min_app_version, data_dir=args.data)
    files = [f for where in args.paths for f in usb.bundle_files(Path(where), usb.REQUEST_SUFFIX)]
    if not files:
        print("error: no request files (*.request.layan) found (tidak ada berkas permintaan)", file=sys.stderr)
        return 1
    failed = 0
    for path in files:
        out_dir = Path(args.out) if args.out else path.parent
        try:
            r = import_request(storage, settings, args.data, path, out_dir)
        except Exception as exc:  # noqa: BLE001 - one bad file never stops the next one on the stick
            r = ImportResult(path, error=(f"berkas tidak dapat diproses ({type(exc).__name__})",
                                          f"the file could not be processed ({type(exc).__name__}: {str(exc)[:120]})"))
        if r.reply_path is None:
            failed += 1
            print(f"{path.name}: REFUSED: {r.error[1]} ({r.error[0]})", file=sys.stderr)
            continue
        line = (f"{path.name}: office {r.office}, {r.applied} applied, {r.duplicates} already had, "
                f"{r.rejected} refused, {r.changes} changes and {r.blocks} number blocks in {r.reply_path.name}")
        if r.transferred or r.transfers_refused:
            line += f"; {r.transferred} forwarded records moved, {r.transfers_refused} not"
        if r.more:
            line += "; more waiting: the office imports this reply and exports again"
        print(line)
        for note in r.notes:
            print(f"{path.name}: {note}")
        if r.error:
            failed += 1
            print(f"{path.name}: stopped: {r.error[1]} ({r.error[0]})", file=sys.stderr)
    return 1 if failed else 0
