"""``layan-server``: run the central sync server and administer offices, users and devices.

Every command takes ``--data DIR`` (env LAYAN_SERVER_DATA, default ./layan-server-data) and
``--db URL`` (env LAYAN_SERVER_DB; default: SQLite in the data folder; or postgresql://...).
Messages are English with the Indonesian term where a clerk would meet it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import logging
import os
import sys

from sync.passwords import MIN_LENGTH, hash_password, too_short
from sync.protocol import ENROLL_TTL_DAYS, OFFICE_KINDS, USER_ROLES
from sync.server.storage import Storage, StorageError
from sync.server.web import accounts as centre
from sync.users import USERNAME_RE


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", default=os.environ.get("LAYAN_SERVER_DATA", "./layan-server-data"),
                   help="data folder (SQLite database, logs); env LAYAN_SERVER_DATA")
    p.add_argument("--db", default=os.environ.get("LAYAN_SERVER_DB") or None,
                   help="database URL, e.g. postgresql://user@host/layan (default: SQLite in --data)")


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    _common(common)
    parser = argparse.ArgumentParser(prog="layan-server",
                                     description="Layan central sync server (server sinkronisasi Layan).")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("serve", parents=[common], help="run the HTTP server")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8470)
    p.add_argument("--workers", type=int, default=1, help="worker processes (PostgreSQL only)")
    p.add_argument("--min-app-version", default=os.environ.get("LAYAN_MIN_APP_VERSION", "0.0.0"),
                   help="refuse (426) clients older than this")
    p.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    p.add_argument("--ssl-certfile", help="serve https with this certificate (PEM; docs/INSTALL.md)")
    p.add_argument("--ssl-keyfile", help="the certificate's private key (PEM)")
    from sync.server import cli_blobs  # attachment bytes: where they live, quotas (docs/ATTACHMENTS.md)
    cli_blobs.add_serve_options(p)

    office = sub.add_parser("office", help="offices (kantor)").add_subparsers(dest="office_cmd", required=True)
    p = office.add_parser("add", parents=[common], help="add an office")
    p.add_argument("--code", required=True, help='office code, e.g. "DST-MB"')
    p.add_argument("--name", required=True)
    p.add_argument("--kind", required=True, choices=OFFICE_KINDS)
    office.add_parser("list", parents=[common], help="list offices")

    p = sub.add_parser("enroll-code", parents=[common], help="create a one-time enrollment code (kode pendaftaran)")
    p.add_argument("--office", required=True)
    p.add_argument("--ttl-days", type=float, default=ENROLL_TTL_DAYS)

    user = sub.add_parser("user", help="users (pengguna)").add_subparsers(dest="user_cmd", required=True)
    p = user.add_parser("add", parents=[common], help="add a user to an office (centre roles: only to a central "
                        "office such as PUSAT; they log in to the web console)")
    p.add_argument("--office", required=True)
    p.add_argument("--username", required=True)
    p.add_argument("--role", required=True, choices=USER_ROLES + centre.ROLES)
    p.add_argument("--full-name", default="")
    p.add_argument("--password-stdin", action="store_true", help="read the password from stdin (first line)")
    for name, text in (("disable", "disable a user: no login on any PC of the office after its next sync"),
                       ("enable", "enable a disabled user again"),
                       ("passwd", "set a new password (reaches the office's PCs at their next sync)")):
        p = user.add_parser(name, parents=[common], help=text)
        p.add_argument("--office", required=True)
        p.add_argument("username")
        if name == "passwd":
            p.add_argument("--password-stdin", action="store_true", help="read the password from stdin (first line)")
    p = user.add_parser("list", parents=[common], help="list users (no password hashes)")
    p.add_argument("--office")

    p = sub.add_parser("devices", parents=[common], help="list enrolled devices (perangkat)")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("revoke", parents=[common], help="revoke a device's token")
    p.add_argument("device_id")

    p = sub.add_parser("set-mseq", parents=[common],
                       help="recovery: set a device's last applied mseq (see docs/SYNC.md, failure modes)")
    p.add_argument("device_id")
    p.add_argument("value", type=int)

    usb = sub.add_parser("usb", help="sync by USB stick (sinkronisasi lewat USB)").add_subparsers(
        dest="usb_cmd", required=True)
    p = usb.add_parser("import", parents=[common],
                       help="apply offices' request files and write their replies (docs/SYNC.md)")
    p.add_argument("paths", nargs="+", help="a stick (E:\\), its layan-sync folder, or request files")
    p.add_argument("--out", help="where to write the replies (default: beside each request)")
    p.add_argument("--min-app-version", default=os.environ.get("LAYAN_MIN_APP_VERSION", "0.0.0"))

    from sync.server import cli_config, releases, tombstones  # release … and provision-file (docs/UPDATES.md)

    releases.add_cli(sub, common)
    cli_config.add_cli(sub, common)
    tombstones.add_cli(sub, common)
    cli_blobs.add_cli(sub, common)
    from sync.server import projections  # the dashboards' tables

    projections.add_cli(sub, common)
    return parser


# Whether a device has pulled the newest configuration published for its office (as of its last sync).
_CONFIG_STATE = {None: "-", True: "current", False: "behind"}


def _fmt_ms(ms: int | None) -> str:
    if ms is None:
        return "-"
    return dt.datetime.fromtimestamp(ms / 1000, dt.UTC).strftime("%Y-%m-%d %H:%M:%SZ")


def _serve(args) -> int:
    import uvicorn

    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from sync.server import cli_blobs

    cli_blobs.apply_serve_options(args)
    if args.workers > 1:
        if not args.db:
            print("error: --workers > 1 needs PostgreSQL (--db postgresql://...); SQLite has one writer", file=sys.stderr)
            return 2
        os.environ.update(LAYAN_SERVER_DATA=args.data, LAYAN_SERVER_DB=args.db,
                          LAYAN_MIN_APP_VERSION=args.min_app_version,
                          LAYAN_SERVER_WORKERS=str(args.workers))  # the public look-ups' limit is shared out
        Storage.open(args.data, args.db).close()  # create the schema once, before the workers start
        uvicorn.run("sync.server.app:app_from_env", factory=True, host=args.host, port=args.port,
                    workers=args.workers, log_level=args.log_level,
                    ssl_certfile=args.ssl_certfile, ssl_keyfile=args.ssl_keyfile)
        return 0
    from sync.server.app import Settings, collect_less, create_app

    storage = Storage.open(args.data, args.db)
    app = create_app(storage, Settings(min_app_version=args.min_app_version, data_dir=args.data))
    collect_less()
    where = args.db.split("@")[-1] if args.db else os.path.abspath(args.data)
    scheme = "https" if args.ssl_certfile else "http"
    print(f"layan-server: serving on {scheme}://{args.host}:{args.port} (database: {where})", file=sys.stderr, flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level, timeout_keep_alive=30,
                ssl_certfile=args.ssl_certfile, ssl_keyfile=args.ssl_keyfile)
    storage.close()
    return 0


def _read_password(args) -> str:
    if args.password_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        line = getpass.getpass("Password (kata sandi): ")
        if getpass.getpass("Again (ulangi): ") != line:
            raise SystemExit("error: passwords differ (kata sandi tidak sama)")
    else:
        raise SystemExit("error: no terminal; use --password-stdin")
    if too_short(line):
        raise SystemExit(f"error: password must have at least {MIN_LENGTH} characters "
                         f"(kata sandi minimal {MIN_LENGTH} karakter)")
    return line


def _user_change(args, storage: Storage) -> int:
    if args.user_cmd == "list":
        for u in storage.list_users(args.office):
            state = "active" if u.get("active") else "disabled"
            print(f"{u['office_id']:<16} {u.get('username', ''):<24} {u.get('role', ''):<9} {state:<9} "
                  f"{u.get('full_name') or ''}")
        for u in centre.list_users(storage, args.office):
            state = "active" if u["active"] else "disabled"
            print(f"{u['office']:<16} {u['username']:<24} {u['role']:<9} {state:<9} {u['full_name']} (web)")
        return 0
    username = args.username.strip().lower()
    if centre.get_user(storage, username) is not None:
        return _centre_user_change(args, storage, username)
    if args.user_cmd == "passwd":
        fields = {"password_hash": hash_password(_read_password(args))}
    else:
        fields = {"active": args.user_cmd == "enable"}
    storage.update_user(args.office, username, fields)
    done = {"disable": "disabled (dinonaktifkan)", "enable": "enabled (diaktifkan)",
            "passwd": "has a new password (kata sandi baru)"}[args.user_cmd]
    print(f"user {username} of {args.office} {done}; the office's PCs take it at their next sync")
    return 0


def _centre_user_change(args, storage: Storage, username: str) -> int:
    fields = ({"password_hash": hash_password(_read_password(args))} if args.user_cmd == "passwd"
              else {"active": args.user_cmd == "enable"})
    if not centre.update_user(storage, args.office, username, fields):
        print(f"error: {username} is not a centre user of {args.office}", file=sys.stderr)
        return 1
    done = {"disable": "disabled (dinonaktifkan); their sessions ended", "enable": "enabled (diaktifkan)",
            "passwd": "has a new password (kata sandi baru); their sessions ended"}[args.user_cmd]
    print(f"centre user {username} of {args.office} {done}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "serve":
        return _serve(args)
    if args.command in ("release", "provision-file"):
        from sync.server import releases

        return releases.run_cli(args)
    if args.command == "projections":
        from sync.server import projections

        return projections.run_cli(args)
    if args.command == "config" and args.config_cmd == "keys":
        from sync.server import cli_config

        return cli_config.run(args, None)
    try:
        storage = Storage.open(args.data, args.db)
    except Exception as e:  # noqa: BLE001 - a clear message instead of a traceback
        print(f"error: cannot open the database: {e}", file=sys.stderr)
        return 1
    try:
        return _admin(args, storage)
    except StorageError as e:
        print(f"error: {e.message_en} ({e.message})", file=sys.stderr)
        return 1
    finally:
        storage.close()


def _admin(args, storage: Storage) -> int:
    if args.command == "office":
        if args.office_cmd == "add":
            o = storage.add_office(args.code, args.name, args.kind)
            print(f"office {o['code']} added: {o['name']} ({o['kind']})")
        else:
            for o in storage.list_offices():
                print(f"{o['code']:<16} {o['kind']:<10} {o['name']}")
        return 0
    if args.command == "enroll-code":
        code, expires = storage.create_enroll_code(args.office, args.ttl_days)
        print(code)
        print(f"enrollment code for {args.office}, single use, expires {_fmt_ms(expires)} "
              f"(kode pendaftaran, sekali pakai)", file=sys.stderr)
        return 0
    if args.command == "user" and args.user_cmd != "add":
        return _user_change(args, storage)
    if args.command == "user":
        username = args.username.strip().lower()
        if not USERNAME_RE.match(username):
            print("error: username: 3-32 of a-z 0-9 . _ - (nama pengguna tidak valid)", file=sys.stderr)
            return 2
        password = _read_password(args)
        if args.role in centre.ROLES:
            centre.add_user(storage, args.office, username, args.role, hash_password(password), args.full_name)
            print(f"centre user {username} ({args.role}) added to {args.office}; logs in to the web console")
            return 0
        rid = storage.add_user(args.office, username, args.role, hash_password(password), args.full_name)
        print(f"user {username} ({args.role}) added to {args.office}; record {rid}")
        return 0
    if args.command == "devices":
        rows = storage.list_devices()
        if args.json:
            print(json.dumps(rows, indent=1))
            return 0
        print(f"{'device':<36} {'office':<10} {'name':<18} {'app':<8} {'last sync':<20} {'waiting':>7} "
              f"{'mseq':>7} {'clock off':>10} {'config':<7} status")
        for d in rows:
            off = d["clock_offset_ms"]
            off_txt = "-" if off is None else f"{off / 1000:+.0f}s"
            status = f"revoked {_fmt_ms(d['revoked_ms'])}" if d["revoked_ms"] else "active"
            print(f"{d['id']:<36} {d['office_code']:<10} {d['name'][:18]:<18} {d['app_version'][:8]:<8} "
                  f"{_fmt_ms(d['last_seen_ms']):<20} {d['waiting']:>7} {d['last_mseq']:>7} {off_txt:>10} "
                  f"{_CONFIG_STATE[d['config_current']]:<7} {status}")
        return 0
    if args.command == "revoke":
        if storage.revoke(args.device_id):
            print(f"device {args.device_id} revoked (dicabut)")
            return 0
        print(f"error: no active device {args.device_id}", file=sys.stderr)
        return 1
    if args.command == "usb":
        from sync.server import usb_import

        return usb_import.run_cli(args, storage)
    if args.command == "config":
        from sync.server import cli_config

        return cli_config.run(args, storage)
    if args.command == "strip-tombstones":
        from sync.server import tombstones

        return tombstones.run_cli(storage)
    if args.command == "blobs":
        from sync.server import cli_blobs

        return cli_blobs.run(args, storage)
    if args.command == "set-mseq":
        storage.set_last_mseq(args.device_id, args.value)
        print(f"device {args.device_id}: last_mseq = {args.value}")
        return 0
    raise AssertionError(args.command)


if __name__ == "__main__":
    sys.exit(main())
