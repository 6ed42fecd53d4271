"""``layan`` commands for service requests, complaints and printing.

    layan print certificate REQUEST -o FILE.pdf [--paper A4|F4]     (REQUEST: id or tracking code)
    layan print receipt REQUEST -o FILE.pdf [--paper A4|F4]
    layan print complaint-receipt COMPLAINT -o FILE.pdf
    layan print letter LETTER_ID -o FILE.pdf [--isi-file BODY.txt]
    layan print disposisi LETTER_ID -o FILE.pdf
    layan print config [KEY=VALUE ...]                              (letterhead, signatory, paper)
    layan verify "LAYAN|…"                                          (a certificate's QR text)
    layan import permohonan|pengaduan FILE [--partial] [--actor NAME]
    layan export permohonan|pengaduan --format csv|xlsx|json [-o FILE] --user NAME [--password-stdin]

``import`` and ``export`` belong to desktop/cli.py with fixed kinds; this module adds its kinds to
them and hands every other kind to the handler that was there before (the letters' or another
module's), the same way desktop/cli_health.py does.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

IMPORT_KINDS = ("permohonan", "pengaduan")
EXPORT_KINDS = ("permohonan", "pengaduan")
PRINT_KINDS = ("certificate", "receipt", "complaint-receipt", "letter", "disposisi", "config")


def _extend_kind(parser: argparse.ArgumentParser, kinds: tuple[str, ...]) -> None:
    for action in parser._actions:  # noqa: SLF001 - cli.py's kinds are fixed; see the module docstring
        if action.dest == "kind" and action.choices is not None:
            action.choices = tuple(dict.fromkeys([*action.choices, *kinds]))


def add_commands(subparsers, common) -> dict:
    from desktop import cli

    p = subparsers.add_parser("print", parents=[common], help="cetak ke PDF: surat keterangan, tanda terima, surat")
    p.add_argument("kind", choices=PRINT_KINDS)
    p.add_argument("key", nargs="*", help="id atau kode lacak (config: KUNCI=NILAI ...)")
    p.add_argument("-o", "--output", type=Path, help="berkas PDF tujuan")
    p.add_argument("--paper", choices=("A4", "F4", "a4", "f4"), help="ukuran kertas (default: pengaturan kantor)")
    p.add_argument("--isi-file", type=Path, help="letter: berkas teks isi surat (UTF-8)")

    p = subparsers.add_parser("verify", parents=[common], help="periksa teks QR surat keterangan")
    p.add_argument("payload", help='isi QR, mis. "LAYAN|DST-MB|400.12/0001/DST-MB/2026|…"')

    handlers = {"print": cmd_print, "verify": cmd_verify}
    export_parser = subparsers.choices.get("export")
    if export_parser is not None:
        _extend_kind(export_parser, EXPORT_KINDS)
        from desktop.cli_login import add_login_args

        add_login_args(export_parser)
        previous_export = cli.COMMANDS.get("export", cli.cmd_export)

        def export(args, data_dir, out):
            if args.kind in EXPORT_KINDS:
                return cmd_export(args, data_dir, out)
            return previous_export(args, data_dir, out)

        handlers["export"] = export
    import_parser = subparsers.choices.get("import")
    if import_parser is not None:
        _extend_kind(import_parser, IMPORT_KINDS)
        previous_import = cli.COMMANDS.get("import", cli.cmd_import)

        def import_(args, data_dir, out):
            if args.kind in IMPORT_KINDS:
                return cmd_import(args, data_dir, out)
            return previous_import(args, data_dir, out)

        handlers["import"] = import_
    return handlers


def cmd_print(args, data_dir: Path, out) -> int:
    from desktop import cli

    store = cli.open_office_store(data_dir, out)
    try:
        if args.kind == "config":
            return _print_config(store, args.key, out)
        if len(args.key) != 1 or args.output is None:
            out.say(f"Galat: layan print {args.kind} memerlukan satu ID dan -o BERKAS.pdf.",
                    f"Error: layan print {args.kind} needs one ID and -o FILE.pdf.", err=True)
            return cli.EXIT_USAGE
        printable = _printable(store, args)
        from desktop.printing import render

        path = render.save_pdf(printable, args.output)
    finally:
        store.close()
    out.say(f"PDF tersimpan: {path}", f"PDF written: {path}")
    return cli.EXIT_OK


def _printable(store, args):
    from desktop.printing import documents

    key = args.key[0]
    paper = args.paper.upper() if args.paper else None
    if args.kind == "certificate":
        return documents.certificate(store, key, paper=paper)
    if args.kind == "receipt":
        return documents.receipt(store, key, paper=paper)
    if args.kind == "complaint-receipt":
        return documents.complaint_receipt(store, key, paper=paper)
    if args.kind == "letter":
        body = None
        if args.isi_file:
            try:
                body = args.isi_file.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:
                from desktop.store.db import StoreError

                raise StoreError(f"Berkas isi surat tidak bisa dibaca: {exc}", f"Cannot read the body file: {exc}") from exc
        return documents.letter(store, key, isi=body, paper=paper)
    return documents.disposition_sheet(store, key, paper=paper)


def _print_config(store, pairs: list[str], out) -> int:
    from desktop import cli
    from desktop.printing import settings

    if pairs:
        values = {}
        for pair in pairs:
            key, sep, value = pair.partition("=")
            if not sep:
                out.say(f"Galat: tulis KUNCI=NILAI (bukan {pair!r}). Kunci: {', '.join(settings.KEYS)}",
                        f"Error: write KEY=VALUE (not {pair!r}). Keys: {', '.join(settings.KEYS)}", err=True)
                return cli.EXIT_USAGE
            values[key.strip()] = value
        settings.update_print_settings(store, values)
    print(json.dumps(settings.print_settings(store), ensure_ascii=False, indent=2))
    return cli.EXIT_OK


def cmd_verify(args, data_dir: Path, out) -> int:
    from desktop import cli
    from desktop.domain import services

    store = cli.open_office_store(data_dir, out)
    try:
        result = services.verify_certificate(store, args.payload)
    finally:
        store.close()
    out.say(("ASLI: " if result.valid else "TIDAK VALID: ") + result.message,
            ("GENUINE: " if result.valid else "NOT VALID: ") + result.message_en, err=not result.valid)
    return cli.EXIT_OK if result.valid else cli.EXIT_FAIL


def cmd_import(args, data_dir: Path, out) -> int:
    from desktop import cli
    from desktop.domain import complaints, services

    store = cli.open_office_store(data_dir, out)
    try:
        module = services if args.kind == "permohonan" else complaints
        result = module.import_file(store, args.file, partial=args.partial, actor=args.actor)
    finally:
        store.close()
    for warning in result.warnings:
        out.say(f"Catatan baris {warning.row}: {warning.message}", f"Note, row {warning.row}: {warning.message_en}",
                err=True)
    for err in result.errors:
        out.say(f"Baris {err.row}: {err.message}", f"Row {err.row}: {err.message_en}", err=True)
    if result.errors and not args.partial:
        out.say(f"Tidak ada yang diimpor: {len(result.errors)} galat di {result.total} baris. Perbaiki berkasnya, "
                "atau pakai --partial untuk mengimpor baris yang benar saja.",
                f"Nothing imported: {len(result.errors)} errors in {result.total} rows. Fix the file, or use "
                "--partial to import the good rows only.")
    else:
        out.say(f"{result.imported} dari {result.total} baris diimpor.",
                f"{result.imported} of {result.total} rows imported.")
    return cli.EXIT_OK if result.imported == result.total and not result.errors else cli.EXIT_FAIL


def cmd_export(args, data_dir: Path, out) -> int:
    from desktop import cli
    from desktop.cli_login import login
    from desktop.domain import complaints, privacy, services

    if args.output is None and args.format == "xlsx":
        out.say("Galat: format xlsx memerlukan -o BERKAS.", "Error: xlsx needs -o FILE.", err=True)
        return cli.EXIT_USAGE
    store = cli.open_office_store(data_dir, out)
    try:
        # NIK, KK numbers, names and contacts leave the app: a login of this office, and an audit entry.
        user = login(store, args, out, lambda u, s: privacy.require_role(u, s, privacy.CITIZEN_DATA_ROLES),
                     ("Ekspor data warga (NIK, KK, nama) memerlukan --user NAMA dan kata sandinya.",
                      "Exporting citizens' data (NIK, KK, names) needs --user NAME and its password."))
        module = services if args.kind == "permohonan" else complaints
        from desktop.cli_progress import export_progress

        count = module.export(store, args.format, args.output or sys.stdout, progress=export_progress(out.lang, to_file=args.output is not None))
        privacy.audit_export(store, user, "service_requests" if args.kind == "permohonan" else "complaints",
                             args.kind, count, args.format)
    finally:
        store.close()
    if args.output:
        out.say(f"{count} data diekspor ke {args.output}", f"{count} records exported to {args.output}")
    return cli.EXIT_OK
