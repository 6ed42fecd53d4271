"""`layan enroll`, `layan sync`, `layan usb export|import` and `layan config`: the headless side of
sync, for IT and scripts."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.cli import EXIT_FAIL, EXIT_OK, EXIT_USAGE, Output, open_office_store


def add_commands(sub, common) -> dict:
    p = sub.add_parser("enroll", parents=[common], help="daftarkan PC ini ke server pusat")
    p.add_argument("--server", required=True, help="alamat server, mis. https://layan.mimikakab.go.id")
    p.add_argument("--code", required=True, help="kode pendaftaran dari IT")
    p.add_argument("--device-name", help="nama PC ini (default: nama host)")
    p.add_argument("--pin-sha256", help="sidik server: 64 digit heksadesimal = sha256 sertifikatnya (hanya sertifikat "
                   "itu yang diterima), atau sha256//<base64> = sha256 kunci publiknya (SPKI; tetap berlaku bila "
                   "sertifikat diperbarui dengan kunci yang sama)")
    p.add_argument("--ca-file", type=Path, help="sertifikat CA (PEM) untuk memeriksa sertifikat server")
    p.add_argument("--allow-insecure-http", action="store_true",
                   help="izinkan http:// ke server lain (hanya lab uji: tanpa enkripsi)")

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

    p = sub.add_parser("usb", parents=[common], help="sinkronisasi lewat USB (tanpa jaringan)")
    usb = p.add_subparsers(dest="usb_cmd", required=True)
    q = usb.add_parser("export", parents=[common], help="tulis perubahan yang menunggu ke USB untuk dibawa ke IT")
    q.add_argument("where", type=Path, help="USB atau folder, mis. E:\\")
    q = usb.add_parser("import", parents=[common], help="terapkan balasan server dari USB")
    q.add_argument("where", type=Path, help="USB, foldernya, atau berkas balasan")
    return {"enroll": cmd_enroll, "sync": cmd_sync, "config": cmd_config, "usb": cmd_usb}


def cmd_enroll(args, data_dir, out: Output) -> int:
    from desktop.domain import syncing

    store = open_office_store(data_dir, out, must_exist=False)
    try:
        transport = syncing.Transport(pin_sha256=args.pin_sha256, allow_insecure_http=args.allow_insecure_http,
                                      ca_pem=args.ca_file.read_text(encoding="ascii") if args.ca_file else None)
        if args.allow_insecure_http:
            out.say("PERINGATAN: sambungan tanpa enkripsi (http://), hanya untuk lab uji.",
                    "WARNING: the link is not encrypted (http://): for a test lab only.", err=True)
        result = syncing.enroll(store, args.server, args.code, device_name=args.device_name, transport=transport)
    finally:
        store.close()
    if result.token_warning:
        out.say(*result.token_warning, err=True)
    out.say(f"PC ini terdaftar untuk kantor {result.office['code']} ({result.office['name']}).",
            f"This PC is enrolled for office {result.office['code']} ({result.office['name']}).")
    return EXIT_OK


def cmd_sync(args, data_dir, out: Output) -> int:
    """Exit 0 only when everything is up to date: nothing left to push, nothing refused."""
    from desktop.domain import number_clashes, syncing

    store = open_office_store(data_dir, out)
    try:
        report = syncing.run_sync(store)
        clashes = number_clashes.clash_count(store)
    finally:
        store.close()
    if args.json:
        print(json.dumps({
            "ok": report.ok, "pushed": report.pushed, "pulled": report.pulled, "rejected": report.rejected,
            "conflicts": report.conflicts, "waiting": report.waiting, "requests": report.requests,
            "bytes_up": report.bytes_up, "bytes_down": report.bytes_down, "number_clashes": clashes,
            "error": report.error.message if report.error else None,
        }, ensure_ascii=False))
    if not report.ok:
        out.say(f"Sinkronisasi gagal: {report.error.message}", f"Sync failed: {report.error.message_en}",
                err=True)
        return EXIT_FAIL
    out.say(report.message, f"Sync done: {report.pushed} sent, {report.pulled} received, "
                            f"{report.rejected} refused, {report.conflicts} conflicts.",
            err=args.json)
    if clashes:
        _say_clashes(out, clashes)
        return EXIT_FAIL
    if report.waiting or report.rejected:
        out.say(f"{report.waiting} perubahan masih menunggu, {report.rejected} ditolak server.",
                f"{report.waiting} changes still waiting, {report.rejected} refused by the server.", err=True)
        return EXIT_FAIL
    return EXIT_OK


def _say_clashes(out: Output, clashes: int) -> None:
    out.say(f"{clashes} nomor surat dipakai dua surat di kantor ini (nomor ganda): pilih surat yang diberi nomor "
            "baru di Sinkronisasi → Nomor ganda.",
            f"{clashes} letter numbers are used by two letters in this office: choose the letter that gets a new "
            "number in Sinkronisasi → Nomor ganda.", err=True)


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


def _say_blob_export(out: Output, store) -> None:
    """What attachment bytes went on the stick, and plainly what did not fit."""
    from desktop.domain import attachment_usb

    blobs = attachment_usb.last_export(store)
    if blobs is None or not (blobs.carried or blobs.left_out):
        return
    mb = blobs.carried_bytes / 1024 / 1024
    out.say(f"{blobs.carried} lampiran ikut ({mb:.1f} MB).".replace(".", ",", 1),
            f"{blobs.carried} attachments go along ({mb:.1f} MB).")
    if blobs.left_out:
        names = ", ".join(f"{name} ({size / 1024 / 1024:.1f} MB)" for name, size in blobs.left_out[:20])
        more = len(blobs.left_out) - 20
        out.say(f"Tidak muat di USB ini, ikut ekspor berikutnya: {names}" + (f" dan {more} lagi" if more > 0 else ""),
                f"Did not fit on this stick, next export: {names}" + (f" and {more} more" if more > 0 else ""),
                err=True)


def cmd_usb(args, data_dir, out: Output) -> int:
    from desktop.domain import number_clashes, usb_sync

    store = open_office_store(data_dir, out)
    try:
        if args.usb_cmd == "export":
            result = usb_sync.export_request(store, args.where)
            out.say(f"{result.changes} perubahan dan {result.blocks} permintaan blok nomor ditulis ke {result.path}. "
                    "Bawa USB ke IT; setelah diimpor di server, jalankan: layan usb import",
                    f"{result.changes} changes and {result.blocks} number block requests written to {result.path}. "
                    "Take the stick to IT; once imported on the server, run: layan usb import")
            if result.forwards:
                out.say(f"{result.forwards} pengaduan/permohonan yang diteruskan ikut dipindahkan ke kantor tujuannya.",
                        f"{result.forwards} forwarded complaints/requests go along to be moved to their new office.")
            if result.left_out:
                out.say(f"{result.left_out} perubahan lagi menunggu ekspor berikutnya.",
                        f"{result.left_out} more changes wait for the next export.", err=True)
            _say_blob_export(out, store)
            return EXIT_OK
        report = usb_sync.import_replies(store, args.where)
        clashes = number_clashes.clash_count(store)
    finally:
        store.close()
    for path, message_id, message_en in report.skipped:
        out.say(f"{path.name} dilewati: {message_id}", f"{path.name} skipped: {message_en}", err=True)
    if not report.files:
        out.say("Tidak ada balasan server untuk PC ini di sana.", "No server reply for this PC there.", err=True)
        return EXIT_FAIL
    out.say(f"{report.files} balasan diterapkan: {report.acknowledged} perubahan diterima server "
            f"({report.rejected} ditolak), {report.pulled} data baru, {report.blocks} blok nomor.",
            f"{report.files} replies applied: {report.acknowledged} changes taken by the server "
            f"({report.rejected} refused), {report.pulled} new records, {report.blocks} number blocks.")
    if report.transferred:
        out.say(f"{report.transferred} pengaduan/permohonan yang diteruskan sudah dipindahkan ke kantor tujuannya.",
                f"{report.transferred} forwarded complaints/requests were moved to their new office.")
    for message_id, message_en in report.transfer_refusals:
        out.say(f"Penerusan ditolak server: {message_id}", f"Forward refused by the server: {message_en}", err=True)
    if report.forwards_waiting:
        out.say(f"{report.forwards_waiting} pengaduan/permohonan yang diteruskan belum pindah: ekspor lagi dan bawa "
                "ke IT.",
                f"{report.forwards_waiting} forwarded complaints/requests have not moved yet: export again and take "
                "the stick to IT.", err=True)
    if report.error:
        out.say(f"Server menghentikan berkas: {report.error[0]}", f"The server stopped a file: {report.error[1]}",
                err=True)
    if report.more or report.waiting:
        out.say(f"Masih ada yang perlu dipertukarkan ({report.waiting} perubahan menunggu"
                f"{', server punya data lagi' if report.more else ''}): ekspor lagi.",
                f"More to exchange ({report.waiting} changes waiting"
                f"{', the server has more' if report.more else ''}): export again.", err=True)
    if clashes:
        _say_clashes(out, clashes)
    return EXIT_FAIL if report.error or report.skipped or report.transfer_refusals or clashes else EXIT_OK
