"""The ``layan`` command: the GUI by default, and headless commands for IT and scripts.

Messages are Indonesian first (``LAYAN_LANG=en`` or ``--lang en`` for English). Exit codes:
0 success, 1 a known failure (message printed), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from desktop import __version__

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
IMPORT_KINDS = ("surat-masuk", "surat-keluar")
EXPORT_KINDS = ("surat-masuk", "surat-keluar")


def default_data_dir() -> Path:
    if env := os.environ.get("LAYAN_DATA_DIR"):
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("Layan", appauthor=False))


class Output:
    """Prints the message in the user's language."""

    def __init__(self, lang: str):
        self.lang = lang

    def say(self, id_text: str, en_text: str, *, err: bool = False) -> None:
        print(en_text if self.lang == "en" else id_text, file=sys.stderr if err else sys.stdout)

    def error(self, exc) -> None:
        message = getattr(exc, "message", str(exc))
        message_en = getattr(exc, "message_en", message)
        self.say(f"Galat: {message}", f"Error: {message_en}", err=True)


def build_parser() -> argparse.ArgumentParser:
    def common_options(default_data_dir, default_lang):
        p = argparse.ArgumentParser(add_help=False)
        p.add_argument("--data-dir", type=Path, default=default_data_dir,
                       help="folder data (default: folder data pengguna OS; env LAYAN_DATA_DIR)")
        p.add_argument("--lang", choices=("id", "en"), default=default_lang)
        return p

    # The subcommands repeat the options without defaults, so `layan --data-dir D init` keeps D.
    common = common_options(argparse.SUPPRESS, argparse.SUPPRESS)

    parser = argparse.ArgumentParser(prog="layan", parents=[common_options(None, os.environ.get("LAYAN_LANG", "id"))],
                                     description="Layan — aplikasi kantor distrik dan puskesmas Kabupaten Mimika")
    parser.add_argument("--version", action="version", version=f"Layan {__version__}")
    sub = parser.add_subparsers(dest="command")

    sub.add_parser("gui", parents=[common], help="buka aplikasi (default)")

    p = sub.add_parser("init", parents=[common], help="pengaturan awal tanpa layar")
    p.add_argument("--office", required=True, help="kode kantor, mis. DST-MB")
    p.add_argument("--name", required=True, help='nama kantor, mis. "Distrik Mimika Baru"')
    p.add_argument("--kind", required=True, choices=("distrik", "puskesmas", "central"))
    p.add_argument("--admin", help="nama pengguna administrator lokal")
    p.add_argument("--admin-password-stdin", action="store_true", help="baca kata sandi admin dari stdin")
    p.add_argument("--demo", action="store_true", help="isi dengan data contoh")

    p = sub.add_parser("import", parents=[common], help="impor CSV/XLSX")
    p.add_argument("kind", choices=IMPORT_KINDS)
    p.add_argument("file", type=Path)
    p.add_argument("--partial", action="store_true", help="impor baris yang benar saja")
    p.add_argument("--actor", default="import")

    p = sub.add_parser("export", parents=[common], help="ekspor CSV/XLSX/JSON")
    p.add_argument("kind", choices=EXPORT_KINDS)
    p.add_argument("--format", choices=("csv", "xlsx", "json"), default="csv")
    p.add_argument("-o", "--output", type=Path, help="berkas tujuan (default: stdout untuk csv/json)")

    sub.add_parser("status", parents=[common], help="status dalam JSON")

    p = sub.add_parser("backup", parents=[common], help="buat cadangan")
    p.add_argument("-o", "--output", type=Path)

    p = sub.add_parser("restore", parents=[common], help="pulihkan dari cadangan")
    p.add_argument("file", type=Path)
    p.add_argument("--recovery-key", type=Path, metavar="PEM",
                   help="kunci privat pemulihan IT, untuk cadangan dari PC lain (docs/SECURITY.md)")

    for module in command_modules():
        COMMANDS.update(module.add_commands(sub, common))
    hide_suppressed_commands(sub)
    return parser


def hide_suppressed_commands(sub) -> None:
    """A subcommand added with help=SUPPRESS (selftest) is left out of `layan --help` altogether:
    argparse would list it as "selftest ==SUPPRESS==" and name it in the choices."""
    sub._choices_actions[:] = [a for a in sub._choices_actions if a.help != argparse.SUPPRESS]
    sub.metavar = "{" + ",".join(a.dest for a in sub._choices_actions) + "}"


# Modules that add their own subcommands: each has add_commands(subparsers, common) -> {name: handler},
# where a handler is handler(args, data_dir, out) -> exit code (see the cmd_* functions below).
COMMAND_MODULES: tuple[str, ...] = ("desktop.cli_sync", "desktop.cli_health", "desktop.cli_services", "desktop.cli_updates",
                                     "desktop.cli_reports",  # after cli_health: it extends `report`
                                     "desktop.cli_privacy", "desktop.cli_users")


def command_modules():
    import importlib

    return [importlib.import_module(name) for name in COMMAND_MODULES]


def gui_arguments(argv: list[str]) -> argparse.Namespace | None:
    """`layan` alone or with only --data-dir/--lang (the window): parsed without building every subcommand's
    parser (~11 ms of the app's start). None for anything else, which the full parser handles (and explains)."""
    parser = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--lang", choices=("id", "en"), default=os.environ.get("LAYAN_LANG", "id"))
    parser.add_argument("command", nargs="?", choices=("gui",))
    try:
        args, rest = parser.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    return None if rest else args


def main(argv: list[str] | None = None) -> int:
    args = gui_arguments(sys.argv[1:] if argv is None else argv)
    if args is not None:
        from desktop.ui.app import run_gui

        return run_gui(args.data_dir or default_data_dir(),
                       lang=None if args.lang == "id" and "LAYAN_LANG" not in os.environ else args.lang)
    parser = build_parser()
    args = parser.parse_args(argv)
    out = Output(args.lang)
    data_dir = args.data_dir or default_data_dir()
    command = args.command or "gui"
    if command == "gui":
        from desktop.ui.app import run_gui

        return run_gui(data_dir, lang=None if args.lang == "id" and "LAYAN_LANG" not in os.environ else args.lang)

    from desktop.store.db import StoreError

    try:
        handler = COMMANDS[command]
        return handler(args, data_dir, out)
    except StoreError as exc:
        out.error(exc)
        return EXIT_FAIL
    except KeyboardInterrupt:
        return EXIT_FAIL


def open_office_store(data_dir: Path, out: Output, *, must_exist: bool = True):
    """The store of an initialized office, or a StoreError telling how to set one up."""
    from desktop.domain import office, open_store

    store = open_store(data_dir)
    if must_exist and not office.is_initialized(store):
        store.close()
        from desktop.store.db import StoreError

        raise StoreError(
            f"Folder data {data_dir} belum diatur. Jalankan: layan init --office KODE --name NAMA --kind distrik",
            f"Data folder {data_dir} is not set up. Run: layan init --office CODE --name NAME --kind distrik",
        )
    return store


def cmd_init(args, data_dir: Path, out: Output) -> int:
    from desktop.domain import office

    password = sys.stdin.readline().rstrip("\n") if args.admin_password_stdin else None
    if args.admin and not password:
        out.say("Galat: --admin memerlukan --admin-password-stdin.", "Error: --admin needs --admin-password-stdin.",
                err=True)
        return EXIT_USAGE
    store = open_office_store(data_dir, out, must_exist=False)
    try:
        office.initialize(store, code=args.office, name=args.name, kind=args.kind,
                          admin_username=args.admin, admin_password=password)
        if args.demo:
            from desktop.domain import demo

            demo.fill(store, actor=args.admin or "demo")
    finally:
        store.close()
    out.say(f"Kantor {args.office} siap di {data_dir}", f"Office {args.office} is ready in {data_dir}")
    return EXIT_OK


def cmd_status(args, data_dir: Path, out: Output) -> int:
    from desktop.domain import status

    store = open_office_store(data_dir, out)
    try:
        print(json.dumps(status.summary(store), ensure_ascii=False, indent=2))
    finally:
        store.close()
    return EXIT_OK


def cmd_backup(args, data_dir: Path, out: Output) -> int:
    from desktop.store import backup

    store = open_office_store(data_dir, out)
    try:
        target = args.output or (data_dir / backup.BACKUP_DIR / backup.default_backup_name())
        backup.backup_to(store, target)
    finally:
        store.close()
    out.say(f"Cadangan tersimpan: {target}", f"Backup written: {target}")
    return EXIT_OK


def cmd_restore(args, data_dir: Path, out: Output) -> int:
    from desktop.store import backup

    recovery_key = None
    if args.recovery_key is not None:
        try:
            recovery_key = args.recovery_key.read_bytes()
        except OSError as exc:
            out.say(f"Galat: kunci pemulihan tidak terbaca: {exc.strerror}",
                    f"Error: cannot read the recovery key: {exc.strerror}", err=True)
            return EXIT_FAIL
    safety = backup.restore_from(data_dir, args.file, recovery_key=recovery_key)
    out.say(f"Data dipulihkan dari {args.file}. Data sebelumnya disimpan di {safety}",
            f"Data restored from {args.file}. The previous data was kept in {safety}")
    return EXIT_OK


def cmd_import(args, data_dir: Path, out: Output) -> int:
    from desktop.domain import importing

    store = open_office_store(data_dir, out)
    try:
        result = importing.import_file(store, args.kind, args.file, partial=args.partial, actor=args.actor)
    finally:
        store.close()
    for warning in result.warnings:
        out.say(f"Peringatan (baris {warning.row}): {warning.message}",
                f"Warning (row {warning.row}): {warning.message_en}", err=True)
    for err in result.errors:
        out.say(f"Baris {err.row}: {err.message}", f"Row {err.row}: {err.message_en}", err=True)
    out.say(f"{result.imported} dari {result.total} baris diimpor.",
            f"{result.imported} of {result.total} rows imported.")
    return EXIT_OK if result.imported == result.total and not result.errors else EXIT_FAIL


def cmd_export(args, data_dir: Path, out: Output) -> int:
    from desktop.cli_progress import export_progress
    from desktop.domain import exporting

    store = open_office_store(data_dir, out)
    try:
        if args.output is None and args.format == "xlsx":
            out.say("Galat: format xlsx memerlukan -o BERKAS.", "Error: xlsx needs -o FILE.", err=True)
            return EXIT_USAGE
        count = exporting.export(store, args.kind, args.format, args.output or sys.stdout,
                                 progress=export_progress(out.lang, to_file=args.output is not None))
    finally:
        store.close()
    if args.output:
        out.say(f"{count} data diekspor ke {args.output}", f"{count} records exported to {args.output}")
    return EXIT_OK


COMMANDS = {
    "init": cmd_init,
    "status": cmd_status,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "import": cmd_import,
    "export": cmd_export,
}


if __name__ == "__main__":
    sys.exit(main())
