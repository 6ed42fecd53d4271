"""`layan` commands for puskesmas health data (wired through desktop.cli.COMMAND_MODULES).

    layan report lb1|kunjungan|malaria|bulanan --month 2026-10 --format json|xlsx|pdf -o FILE --user NAME
    layan export pasien|kunjungan --format csv|xlsx|json [-o FILE] [--month 2026-10] --user NAME
    layan export fhir --month 2026-10 -o FILE.json [--org-id ID] --user NAME
    layan import pasien|kunjungan FILE [--partial] --user NAME

Health data needs a health-staff login (nakes or kepala of this puskesmas): ``--user NAME`` and the
password on stdin (``--password-stdin``, or it is asked for on a terminal).

``export`` and ``import`` belong to desktop/cli.py with fixed kinds. Until cli.py lets modules add
kinds, ``add_commands`` extends the kinds of those two subcommands and returns wrappers that hand
the letters kinds back to cli.cmd_export / cli.cmd_import unchanged (see docs/HEALTH.md, "CLI").
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPORTS = ("lb1", "kunjungan", "malaria", "bulanan")
EXPORT_KINDS = ("pasien", "kunjungan", "fhir")
IMPORT_KINDS = ("pasien", "kunjungan")


def _login_args(p: argparse.ArgumentParser) -> None:
    from desktop.cli_login import add_login_args

    add_login_args(p, "nama pengguna tenaga kesehatan (nakes/kepala)")


def _extend_kind(parser: argparse.ArgumentParser, kinds: tuple[str, ...]) -> None:
    for action in parser._actions:  # noqa: SLF001 - interim hook, see the module docstring
        if action.dest == "kind" and action.choices is not None:
            action.choices = tuple(dict.fromkeys([*action.choices, *kinds]))


def add_commands(subparsers, common) -> dict:
    from desktop import cli

    p = subparsers.add_parser("report", parents=[common], help="laporan bulanan kesehatan (LB1 dll.)")
    p.add_argument("kind", choices=REPORTS)
    p.add_argument("--month", required=True, help="bulan, mis. 2026-10")
    p.add_argument("--format", choices=("json", "xlsx", "pdf"), default="json")
    p.add_argument("-o", "--output", type=Path, help="berkas tujuan (json tanpa -o: stdout)")
    p.add_argument("--level", choices=("code", "category"), default="code",
                   help="LB1 per kode (B50.9) atau per kategori 3 karakter (B50)")
    _login_args(p)

    handlers = {"report": cmd_report}
    export_parser = subparsers.choices.get("export")
    if export_parser is not None:
        _extend_kind(export_parser, EXPORT_KINDS)
        export_parser.add_argument("--month", help="kunjungan/fhir: bulan, mis. 2026-10")
        export_parser.add_argument("--org-id", help="fhir: ID organisasi SATUSEHAT (default: dari pengaturan)")
        _login_args(export_parser)
        letters_export = cli.COMMANDS.get("export", cli.cmd_export)

        def export(args, data_dir, out):
            if args.kind in EXPORT_KINDS:
                return cmd_export(args, data_dir, out)
            return letters_export(args, data_dir, out)

        handlers["export"] = export
    import_parser = subparsers.choices.get("import")
    if import_parser is not None:
        _extend_kind(import_parser, IMPORT_KINDS)
        _login_args(import_parser)
        letters_import = cli.COMMANDS.get("import", cli.cmd_import)

        def import_(args, data_dir, out):
            if args.kind in IMPORT_KINDS:
                return cmd_import(args, data_dir, out)
            return letters_import(args, data_dir, out)

        handlers["import"] = import_
    return handlers


def _login(store, args, out) -> dict:
    from desktop.cli_login import login
    from desktop.domain.health import access

    return login(store, args, out, access.require_health_role,
                 ("Data kesehatan memerlukan --user NAMA (nakes atau kepala puskesmas).",
                  "Health data needs --user NAME (health staff or head of the puskesmas)."))


def cmd_report(args, data_dir: Path, out) -> int:
    from desktop import cli
    from desktop.domain.health import reports

    if args.format in ("xlsx", "pdf") and args.output is None:
        out.say(f"Galat: format {args.format} memerlukan -o BERKAS.", f"Error: {args.format} needs -o FILE.", err=True)
        return cli.EXIT_USAGE
    store = cli.open_office_store(data_dir, out)
    try:
        user = _login(store, args, out)
        if args.kind == "lb1":
            data = reports.lb1(store, user, args.month, level=args.level)
        elif args.kind == "kunjungan":
            data = reports.visits_by_unit(store, user, args.month)
        elif args.kind == "malaria":
            data = reports.malaria_summary(store, user, args.month)
        else:
            data = reports.monthly(store, user, args.month)
    finally:
        store.close()
    if args.format == "json":
        if args.output is None:
            print(json.dumps(data, ensure_ascii=False, indent=2))
            return cli.EXIT_OK
        reports.write_json(data, args.output)
    elif args.format == "xlsx":
        reports.write_xlsx(data, args.output, lang=out.lang)
    else:
        try:
            from desktop.printing import health_reports
        except ImportError as exc:  # Qt missing on this machine
            out.say(f"Galat: PDF memerlukan Qt (PySide6): {exc}", f"Error: PDF needs Qt (PySide6): {exc}", err=True)
            return cli.EXIT_FAIL
        health_reports.write_pdf(data, args.output, lang=out.lang)
    out.say(f"Laporan {args.kind} {args.month} tersimpan: {args.output}",
            f"Report {args.kind} {args.month} written: {args.output}")
    return cli.EXIT_OK


def cmd_export(args, data_dir: Path, out) -> int:
    from desktop import cli
    from desktop.domain.health import fhir, tables

    if args.kind == "fhir":
        if not args.month or args.output is None:
            out.say("Galat: export fhir memerlukan --month BULAN dan -o BERKAS.json.",
                    "Error: export fhir needs --month MONTH and -o FILE.json.", err=True)
            return cli.EXIT_USAGE
    elif args.output is None and args.format == "xlsx":
        out.say("Galat: format xlsx memerlukan -o BERKAS.", "Error: xlsx needs -o FILE.", err=True)
        return cli.EXIT_USAGE
    store = cli.open_office_store(data_dir, out)
    try:
        user = _login(store, args, out)
        if args.kind == "fhir":
            bundle = fhir.export_month(store, user, args.month, org=args.org_id)
            fhir.write_bundle(bundle, args.output)
            counts = ", ".join(f"{n} {k}" for k, n in fhir.counts(bundle).items()) or "0"
            out.say(f"FHIR {args.month}: {counts} → {args.output}", f"FHIR {args.month}: {counts} → {args.output}")
            return cli.EXIT_OK
        from desktop.cli_progress import export_progress

        count = tables.export(store, user, args.kind, args.format, args.output or sys.stdout, month=args.month,
                              progress=export_progress(out.lang, to_file=args.output is not None))
    finally:
        store.close()
    if args.output:
        out.say(f"{count} data diekspor ke {args.output}", f"{count} records exported to {args.output}")
    return cli.EXIT_OK


def cmd_import(args, data_dir: Path, out) -> int:
    from desktop import cli
    from desktop.domain.health import tables

    store = cli.open_office_store(data_dir, out)
    try:
        user = _login(store, args, out)
        result = tables.import_file(store, user, args.kind, args.file, partial=args.partial)
    finally:
        store.close()
    for err in result.errors:
        out.say(f"Baris {err.row}: {err.message}", f"Row {err.row}: {err.message_en}", err=True)
    out.say(f"{result.imported} dari {result.total} baris diimpor.", f"{result.imported} of {result.total} rows imported.")
    return cli.EXIT_OK if result.imported == result.total and not result.errors else cli.EXIT_FAIL
