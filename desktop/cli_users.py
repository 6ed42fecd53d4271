"""`layan user`: the office's users for IT, on the PC (wired through desktop.cli.COMMAND_MODULES).

    layan user list --user ADMIN
    layan user add NAME --role nakes [--full-name "..."] --user ADMIN
    layan user disable|enable NAME --user ADMIN
    layan user passwd NAME --user ADMIN       (or --user NAME: anyone changes their own password)

``--user`` is an admin or kepala of this office who logs in first. Passwords never go in argv: they
are asked for on a terminal, or read from stdin with ``--password-stdin`` (first line: the password
of ``--user``; second line: the new user's password, for add and passwd). On an office that has no
active admin or kepala yet (set up with ``layan init`` without ``--admin``), ``add`` of an admin
needs no login. Everything goes through desktop/domain/users.py: the same rules, audit and outbox
as Pengaturan → Pengguna.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path


def add_commands(subparsers, common) -> dict:
    user = subparsers.add_parser("user", help="pengguna kantor ini (admin/kepala)")
    sub = user.add_subparsers(dest="user_cmd", required=True)

    def login_args(p):
        p.add_argument("--user", dest="login_user", help="admin atau kepala kantor ini yang menjalankan perintah")
        p.add_argument("--password-stdin", action="store_true",
                       help="baca kata sandi dari stdin (baris 1: --user; baris 2: kata sandi baru)")

    login_args(sub.add_parser("list", parents=[common], help="daftar pengguna"))
    p = sub.add_parser("add", parents=[common], help="tambah pengguna")
    p.add_argument("username")
    p.add_argument("--role", required=True, choices=("operator", "kepala", "nakes", "admin"))
    p.add_argument("--full-name", default="")
    login_args(p)
    for name, text in (("disable", "nonaktifkan pengguna"), ("enable", "aktifkan lagi"),
                       ("passwd", "kata sandi baru")):
        p = sub.add_parser(name, parents=[common], help=text)
        p.add_argument("username")
        login_args(p)
    return {"user": cmd_user}


class _Passwords:
    """Reads passwords from stdin (one per line) or asks on a terminal; never from argv."""

    def __init__(self, args, out):
        self.from_stdin = args.password_stdin
        self.out = out

    def read(self, prompt_id: str, prompt_en: str, *, repeat: bool = False) -> str:
        from desktop.store.db import StoreError

        if self.from_stdin:
            return sys.stdin.readline().rstrip("\r\n")
        if not sys.stdin.isatty():
            raise StoreError("Berikan kata sandi dengan --password-stdin.", "Give the password with --password-stdin.")
        prompt = prompt_en if self.out.lang == "en" else prompt_id
        value = getpass.getpass(f"{prompt}: ")
        if repeat and getpass.getpass("Ulangi: " if self.out.lang != "en" else "Again: ") != value:
            raise StoreError("Kedua kata sandi tidak sama.", "The two passwords differ.")
        return value


def _login(store, args, passwords: _Passwords, *, self_service: bool = False) -> dict:
    from desktop.domain import users
    from desktop.store.db import StoreError

    if not args.login_user:
        raise StoreError("Perintah ini memerlukan --user NAMA (admin atau kepala kantor ini).",
                         "This command needs --user NAME (an admin or head of this office).")
    result = users.login(store, args.login_user, passwords.read(f"Kata sandi {args.login_user}",
                                                               f"Password of {args.login_user}"))
    if result.wait_seconds:
        raise StoreError(f"Terlalu banyak percobaan yang salah. Coba lagi dalam {result.wait_seconds} detik.",
                         f"Too many failed attempts. Try again in {result.wait_seconds} seconds.")
    if result.user is None:
        raise StoreError("Nama pengguna atau kata sandi salah.", "Wrong username or password.")
    if not users.may_manage(result.user) and not self_service:
        raise StoreError("Hanya admin kantor atau kepala yang dapat mengatur pengguna.",
                         "Only the office admin or the head can manage users.")
    return result.user


def _target(store, username: str) -> dict:
    from desktop.domain import users
    from desktop.store.db import StoreError

    name = username.strip().lower()
    for u in users.list_users(store):
        if u["username"] == name:
            return u
    raise StoreError(f"Pengguna {name} tidak ada di PC ini.", f"There is no user {name} on this PC.")


def cmd_user(args, data_dir: Path, out) -> int:
    from desktop import cli
    from desktop.domain import users

    passwords = _Passwords(args, out)
    store = cli.open_office_store(data_dir, out)
    try:
        if args.user_cmd == "add" and args.role == "admin" and not args.login_user \
                and not any(u["active"] and u["role"] in ("admin", "kepala") for u in users.list_users(store)):
            # The office has nobody who could log in and add people (``layan init`` without --admin).
            password = passwords.read("Kata sandi baru", "New password", repeat=True)
            users.add_first_admin(store, username=args.username, full_name=args.full_name, password=password)
            out.say(f"Admin {args.username} ditambahkan.", f"Admin {args.username} added.")
            return cli.EXIT_OK
        own = args.user_cmd == "passwd" and (args.login_user or "").strip().lower() == args.username.strip().lower()
        actor = _login(store, args, passwords, self_service=own)
        if args.user_cmd == "list":
            for u in users.list_users(store):
                state = ("aktif", "active") if u["active"] else ("nonaktif", "disabled")
                state_text = state[1] if out.lang == "en" else state[0]
                print(f"{u['username']:<24} {u['role']:<9} {state_text:<9} {u['last_login_at'] or '-':<25} "
                      f"{u['full_name'] or ''}")
        elif args.user_cmd == "add":
            password = passwords.read("Kata sandi baru", "New password", repeat=True)
            users.add_user(store, actor, username=args.username, full_name=args.full_name, role=args.role,
                           password=password)
            out.say(f"Pengguna {args.username} ({args.role}) ditambahkan.", f"User {args.username} ({args.role}) added.")
        elif args.user_cmd == "passwd":
            target = _target(store, args.username)
            new = passwords.read("Kata sandi baru", "New password", repeat=True)
            if own:  # anyone may change their own password (they just logged in with the current one)
                users.set_own_password(store, actor, new)
            else:
                users.set_password(store, actor, target["id"], new)
            out.say(f"Kata sandi {target['username']} diganti.", f"{target['username']}'s password was changed.")
        else:
            target = _target(store, args.username)
            needs_password = users.set_active(store, actor, target["id"], args.user_cmd == "enable")
            done = ("diaktifkan", "enabled") if args.user_cmd == "enable" else ("dinonaktifkan", "disabled")
            out.say(f"{target['username']} {done[0]}.", f"{target['username']} {done[1]}.")
            if needs_password:
                out.say("Kata sandinya tidak tersimpan di PC ini: berikan yang baru dengan `passwd`, atau sinkronkan.",
                        "Their password is not kept on this PC: give a new one with `passwd`, or sync.")
    finally:
        store.close()
    return cli.EXIT_OK
