"""`layan enroll` and `layan sync`: the headless side of sync, for IT and scripts."""

from __future__ import annotations

import json

from desktop.cli import EXIT_FAIL, EXIT_OK, Output, open_office_store


def add_commands(sub, common) -> dict:
    p = sub.add_parser("enroll", parents=[common], help="daftarkan PC ini ke server pusat")
    p.add_argument("--server", required=True, help="alamat server, mis. https://layan.mimikakab.go.id")
    p.add_argument("--code", required=True, help="kode pendaftaran dari IT")
    p.add_argument("--device-name", help="nama PC ini (default: nama host)")

    p = sub.add_parser("sync", parents=[common], help="sinkronkan sekarang (sekali, sampai tuntas)")
    p.add_argument("--json", action="store_true", help="laporan dalam JSON")
    return {"enroll": cmd_enroll, "sync": cmd_sync}


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
