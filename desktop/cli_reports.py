"""`layan report surat|layanan|pengaduan` — the distrik reports from the command line:

    layan report surat --month 2026-11 --format pdf -o surat-2026-11.pdf
    layan report layanan --quarter 2026-Q4 --format xlsx -o layanan.xlsx
    layan report pengaduan --year 2026                      (JSON on stdout)

The ``report`` subcommand is desktop/cli_health.py's (lb1, kunjungan, malaria, bulanan); listed
after it in desktop.cli.COMMAND_MODULES, this module adds the office reports to its kinds, the
``--quarter`` and ``--year`` periods, and hands the health kinds back to it unchanged.
"""

from __future__ import annotations

import json
from pathlib import Path

OFFICE_REPORTS = ("surat", "layanan", "pengaduan")
NAMES_PEOPLE = ("layanan", "pengaduan")  # their overdue/open lists name applicants and reporters: login, audit


def add_commands(subparsers, common) -> dict:
    from desktop import cli

    parser = subparsers.choices.get("report")
    health_report = cli.COMMANDS.get("report")
    if parser is None:
        parser = subparsers.add_parser("report", parents=[common], help="laporan kantor")
        parser.add_argument("kind", choices=OFFICE_REPORTS)
        parser.add_argument("--month", help="bulan, mis. 2026-11")
        parser.add_argument("--format", choices=("json", "xlsx", "pdf"), default="json")
        parser.add_argument("-o", "--output", type=Path, help="berkas tujuan (json tanpa -o: stdout)")
    else:
        for action in parser._actions:  # noqa: SLF001 - the same interim hook as cli_health's for export
            if action.dest == "kind" and action.choices is not None:
                action.choices = tuple(dict.fromkeys([*action.choices, *OFFICE_REPORTS]))
            if action.dest == "month":
                action.required = False  # surat/layanan/pengaduan may take --quarter or --year instead
    parser.add_argument("--quarter", help="surat/layanan/pengaduan: triwulan, mis. 2026-Q4")
    parser.add_argument("--year", help="surat/layanan/pengaduan: tahun, mis. 2026")

    def report(args, data_dir, out):
        if args.kind in OFFICE_REPORTS:
            return cmd_office_report(args, data_dir, out)
        if not args.month or args.quarter or args.year:
            out.say(f"Galat: laporan {args.kind} memerlukan --month, mis. 2026-10.",
                    f"Error: report {args.kind} needs --month, e.g. 2026-10.", err=True)
            return cli.EXIT_USAGE
        return health_report(args, data_dir, out)

    return {"report": report}


def cmd_office_report(args, data_dir: Path, out) -> int:
    from desktop import cli
    from desktop.cli_login import login
    from desktop.domain import nik, office_reports, privacy

    given = [text for text in (args.month, args.quarter, args.year) if text]
    if len(given) != 1:
        out.say("Galat: pilih satu periode: --month 2026-11, --quarter 2026-Q4 atau --year 2026.",
                "Error: choose one period: --month 2026-11, --quarter 2026-Q4 or --year 2026.", err=True)
        return cli.EXIT_USAGE
    if args.format in ("xlsx", "pdf") and args.output is None:
        out.say(f"Galat: format {args.format} memerlukan -o BERKAS.", f"Error: {args.format} needs -o FILE.", err=True)
        return cli.EXIT_USAGE
    period = office_reports.Period.parse(given[0])
    expected = "month" if args.month else "quarter" if args.quarter else "year"
    if period.kind != expected:
        out.say(f"Galat: {given[0]!r} bukan {dict(month='bulan', quarter='triwulan', year='tahun')[expected]}.",
                f"Error: {given[0]!r} is not a {expected}.", err=True)
        return cli.EXIT_USAGE
    store = cli.open_office_store(data_dir, out)
    try:
        user = None
        if args.kind in NAMES_PEOPLE:
            user = login(store, args, out, lambda u, s: privacy.require_role(u, s, privacy.CITIZEN_DATA_ROLES),
                         ("Laporan ini memuat nama warga: berikan --user NAMA dan kata sandinya.",
                          "This report names citizens: give --user NAME and its password."))
        data = office_reports.report(store, args.kind, period, today=nik.effective_today())
        if user is not None:
            privacy.audit_export(store, user, "service_requests" if args.kind == "layanan" else "complaints",
                                 f"laporan-{args.kind}-{period.key}", len(data.get("overdue") or data.get("red_open") or []),
                                 args.format)
        if args.format == "json":
            text = json.dumps(data, ensure_ascii=False, indent=2)
            if args.output is None:
                print(text)
                return cli.EXIT_OK
            args.output.write_text(text + "\n", encoding="utf-8")
        else:
            from desktop.printing import office_reports as files

            write = files.write_pdf if args.format == "pdf" else files.write_xlsx
            write(store, data, args.output, lang=out.lang)
    finally:
        store.close()
    out.say(f"Laporan {args.kind} {period.key} tersimpan: {args.output}",
            f"Report {args.kind} {period.key} written: {args.output}")
    return cli.EXIT_OK
