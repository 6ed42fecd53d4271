"""``layan subject-access NIK``: everything this office holds about one person (UU 27/2022, Pasal 7).

    layan subject-access NIK --user KEPALA [--password-stdin] [-o FILE.json]

For the kepala only; the report is written to the audit trail (with the NIK masked).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def add_commands(subparsers, common) -> dict:
    from desktop.cli_login import add_login_args

    p = subparsers.add_parser("subject-access", parents=[common],
                              help="semua data tentang satu NIK (hak akses subjek data; kepala)")
    p.add_argument("nik")
    p.add_argument("-o", "--output", type=Path, help="berkas JSON tujuan (default: stdout)")
    add_login_args(p, "nama pengguna kepala kantor")
    return {"subject-access": cmd_subject_access}


def cmd_subject_access(args, data_dir: Path, out) -> int:
    from desktop import cli
    from desktop.cli_login import login
    from desktop.domain import privacy
    from desktop.store.keys import write_private

    store = cli.open_office_store(data_dir, out)
    try:
        user = login(store, args, out, lambda u, s: privacy.require_role(u, s, privacy.SUBJECT_ACCESS_ROLES),
                     ("Laporan data subjek memerlukan --user NAMA (kepala kantor).",
                      "The subject access report needs --user NAME (the head of the office)."))
        report = privacy.subject_access_report(store, user, args.nik)
    finally:
        store.close()
    text = json.dumps(report, ensure_ascii=False, indent=1, default=str) + "\n"
    if args.output is None:
        sys.stdout.write(text)
    else:
        write_private(args.output, text.encode("utf-8"))  # personal data: owner-only
        count = sum(len(v) for v in report["records"].values())
        out.say(f"{count} data tentang NIK {privacy.masked_nik(report['nik'])} ditulis ke {args.output}",
                f"{count} records about NIK {privacy.masked_nik(report['nik'])} written to {args.output}")
    return cli.EXIT_OK
