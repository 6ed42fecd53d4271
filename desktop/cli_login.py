"""A login on the command line, for the commands that hand out personal data.

``--user NAME`` and the password on stdin (``--password-stdin``) or asked for on a terminal; never
in argv, where other users of the PC could read it. The same users and passwords as the GUI.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable


def add_login_args(p: argparse.ArgumentParser, who: str = "nama pengguna") -> None:
    if any(a.dest == "user" for a in p._actions):  # noqa: SLF001 - a parser shared by several modules
        return
    p.add_argument("--user", help=who)
    p.add_argument("--password-stdin", action="store_true", help="baca kata sandi dari stdin")


def login(store, args, out, check: Callable[[dict, object], None], needed: tuple[str, str]) -> dict:
    """The logged-in user after ``check(user, store)``; StoreError (a clear message) otherwise.

    ``needed`` says, in Indonesian and English, what the command needs when ``--user`` is missing.
    """
    from desktop.domain.users import authenticate
    from desktop.store.db import StoreError

    if not getattr(args, "user", None):
        raise StoreError(*needed)
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    elif sys.stdin.isatty():
        password = getpass.getpass("Kata sandi: " if out.lang != "en" else "Password: ")
    else:
        raise StoreError("Berikan kata sandi dengan --password-stdin.", "Give the password with --password-stdin.")
    user = authenticate(store, args.user, password)
    if user is None:
        raise StoreError("Nama pengguna atau kata sandi salah.", "Wrong username or password.")
    check(user, store)
    return user
