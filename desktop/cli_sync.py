"""`layan enroll`, `layan sync` and `layan config`: the headless side of sync, for IT and scripts."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.cli import EXIT_FAIL, EXIT_OK, EXIT_USAGE, Output, open_office_store


def add_commands(sub, common) -> dict:
    p = sub.add_parser("enroll", parents=[common], help="daftarkan PC ini ke server pusat")
    p.add_argument("--server", required=True, help="alamat server, mis. https://layan.mimikakab.go.id")
    p.add_argument("--code", required=True, help="kode pendaftaran dari IT")
    p.add_argument("--device-name", help="nama PC ini (default: nama host)")

    p = sub.add_parser("sync", parents=[common], help="sinkronkan sekarang (sekali, sampai tuntas)")
    p.add_argument("--json", action="store_true", help="laporan dalam JSON")

    p = sub.add_parser("config", parents=[common], help="konfigurasi dari pusat: daftar, atau periksa berkas")
    cfg = p.add_subparsers(dest="config_cmd", required=True)
    q = cfg.add_parser("list", parents=[common], help="nilai yang diterima dari pusat dan statusnya")
    q.add_argument("--json", action="store_true", help="dalam JSON")
    q = cfg.add_parser("check", parents=[common],
                       help="periksa berkas sebelum diterbitkan pusat (aturan yang sama dengan PC kantor)")
    q.add_argument("key", help="kunci, mis. services, holidays, klasifikasi, health_units")
    q.add_argument("file", type=Path, help="berkas JSON (atau gambar untuk kop_logo)")
    return {"enroll": cmd_enroll, "sync": cmd_sync, "config": cmd_config}


def cmd_enroll(args, data_dir, out: Output) -> int:
    from desktop.domain import syncing

    store = open_office_store(data_dir, out, must_exist=False)
    try:
        result = syncing.enroll(store, args.server, args.code, device_name=args.device_name)
    finally:
        store.close()
    if result.token_warning:
        out.say(*result.token_warning, err=True)
    out.say(f"PC ini terdaftar untuk kantor {result.office['code']} ({result.office['name']}).",
            f"This PC is enrolled for office {result.office['code']} ({result.office['name']}).")
    return EXIT_OK


def cmd_sync(args, data_dir, out: Output) -> int:
    """Exit 0 only when everything is up to date: nothing left to push, nothing refused."""
    from desktop.domain import syncing

    store = open_office_store(data_dir, out)
    try:
        report = syncing.run_sync(store)
    finally:
        store.close()
    if args.json:
        print(json.dumps({
            "ok": report.ok, "pushed": report.pushed, "pulled": report.pulled, "rejected": report.rejected,
            "conflicts": report.conflicts, "waiting": report.waiting, "requests": report.requests,
            "bytes_up": report.bytes_up, "bytes_down": report.bytes_down,
            "error": report.error.message if report.error else None,
        }, ensure_ascii=False))
    if not report.ok:
        out.say(f"Sinkronisasi gagal: {report.error.message}", f"Sync failed: {report.error.message_en}",
                err=True)
        return EXIT_FAIL
    out.say(report.message, f"Sync done: {report.pushed} sent, {report.pulled} received, "
                            f"{report.rejected} refused, {report.conflicts} conflicts.",
            err=args.json)
    if report.waiting or report.rejected:
        out.say(f"{report.waiting} perubahan masih menunggu, {report.rejected} ditolak server.",
                f"{report.waiting} changes still waiting, {report.rejected} refused by the server.", err=True)
        return EXIT_FAIL
    return EXIT_OK


# Status words of central configuration (desktop/domain/central_config.py).
_STATUS = {"applied": ("berlaku", "in force"), "overridden": ("tertimpa cakupan lebih sempit", "overridden"),
           "refused": ("ditolak", "refused"), "withdrawn": ("ditarik pusat", "withdrawn")}


def cmd_config(args, data_dir, out: Output) -> int:
    from desktop.domain import central_config

    if args.config_cmd == "check":
        return _check_config_file(args, out)
    store = open_office_store(data_dir, out)
    try:
        entries = central_config.entries(store)
    finally:
        store.close()
    if args.json:
        print(json.dumps([e.__dict__ for e in entries], ensure_ascii=False, indent=1))
        return EXIT_OK
    if not entries:
        out.say("Belum ada konfigurasi dari pusat.", "No central configuration received yet.")
    for e in entries:
        status_id, status_en = _STATUS.get(e.status, (e.status, e.status))
        out.say(f"{e.key:<20} {e.scope:<12} v{e.version:<4} {status_id}", f"{e.key:<20} {e.scope:<12} v{e.version:<4} {status_en}")
        if e.error:
            out.say(f"    versi {e.refused_version} ditolak: {e.error}", f"    version {e.refused_version} refused: {e.error_en}")
    return EXIT_FAIL if any(e.error for e in entries) else EXIT_OK


def _check_config_file(args, out: Output) -> int:
    from desktop.domain import central_config
    from sync import config

    spec = config.KEYS.get(args.key)
    try:
        data = args.file.read_bytes()
        value = config.logo_value(data) if spec is not None and spec.target == "file" else json.loads(data.decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        out.say(f"Galat: {args.file} tidak bisa dibaca sebagai JSON: {exc}", f"Error: {args.file} is not readable JSON: {exc}",
                err=True)
        return EXIT_USAGE
    problems = central_config.check(args.key, value)
    for message_id, message_en in problems:
        out.say(f"Galat: {message_id}", f"Error: {message_en}", err=True)
    if problems:
        return EXIT_FAIL
    out.say(f"{args.file}: sah untuk {args.key}; terbitkan dengan: layan-server config set {args.key} --file {args.file}",
            f"{args.file}: valid for {args.key}; publish it with: layan-server config set {args.key} --file {args.file}")
    return EXIT_OK
