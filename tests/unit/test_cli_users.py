"""`layan user` for IT: every change behind an admin or kepala login, passwords from stdin or a prompt,
never from argv; the same rules and audit as Pengaturan → Pengguna."""

from __future__ import annotations

import io

import pytest

from desktop import cli
from desktop.domain import open_store, users


def run(data_dir, *args, stdin: str = "") -> int:
    import sys

    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        return cli.main(["--data-dir", str(data_dir), *args])
    finally:
        sys.stdin = old


@pytest.fixture
def office_dir(tmp_path):
    """`layan init` without an admin: nobody could log in yet."""
    data = tmp_path / "pkm"
    assert run(data, "init", "--office", "PKM-TJ", "--name", "Puskesmas Timika Jaya", "--kind", "puskesmas") == 0
    return data


def test_it_adds_the_first_admin_then_people_behind_that_login(office_dir, capsys):
    assert run(office_dir, "user", "add", "kapus", "--role", "admin", "--password-stdin",
               stdin="Kapus-2026!\nKapus-2026!\n") == 0
    # From now on every command logs in first (line 1), the new password follows (line 2).
    assert run(office_dir, "user", "add", "bidan", "--role", "nakes", "--full-name", "Bidan Maria",
               "--user", "kapus", "--password-stdin", stdin="Kapus-2026!\nBidan-2026\n") == 0
    assert run(office_dir, "user", "add", "bidan2", "--role", "nakes", "--password-stdin",
               stdin="Bidan-2026\n") == cli.EXIT_FAIL  # no --user: refused
    assert run(office_dir, "user", "add", "bidan3", "--role", "nakes", "--user", "kapus", "--password-stdin",
               stdin="salah-salah\nBidan-2026\n") == cli.EXIT_FAIL
    assert run(office_dir, "user", "passwd", "bidan", "--user", "kapus", "--password-stdin",
               stdin="Kapus-2026!\npendek\n") == cli.EXIT_FAIL
    assert "minimal 8" in capsys.readouterr().err
    assert run(office_dir, "user", "disable", "bidan", "--user", "kapus", "--password-stdin",
               stdin="Kapus-2026!\n") == 0
    assert run(office_dir, "user", "disable", "kapus", "--user", "kapus", "--password-stdin",
               stdin="Kapus-2026!\n") == cli.EXIT_FAIL  # not oneself
    assert run(office_dir, "user", "list", "--user", "kapus", "--password-stdin", stdin="Kapus-2026!\n") == 0
    listing = capsys.readouterr().out
    assert "bidan" in listing and "nonaktif" in listing and "scrypt" not in listing
    assert run(office_dir, "user", "enable", "bidan", "--user", "kapus", "--password-stdin",
               stdin="Kapus-2026!\n") == 0
    assert "passwd" in capsys.readouterr().out  # its password left the PC when it was disabled
    assert run(office_dir, "user", "passwd", "bidan", "--user", "kapus", "--password-stdin",
               stdin="Kapus-2026!\nBidan-Baru-1\n") == 0
    store = open_store(office_dir)
    try:
        assert users.authenticate(store, "bidan", "Bidan-Baru-1")["full_name"] == "Bidan Maria"
        bidan = next(u for u in users.list_users(store) if u["username"] == "bidan")
        assert [h["action"] for h in store.history("users", bidan["id"])] == \
            ["create", "disable", "enable", "password"]
        assert {h["actor"] for h in store.history("users", bidan["id"])} == {"kapus"}
    finally:
        store.close()


def test_the_first_admin_without_login_only_while_the_office_has_none(office_dir):
    assert run(office_dir, "user", "add", "kapus", "--role", "admin", "--password-stdin",
               stdin="Kapus-2026!\nKapus-2026!\n") == 0
    assert run(office_dir, "user", "add", "penyusup", "--role", "admin", "--password-stdin",
               stdin="Masuk-2026!\nMasuk-2026!\n") == cli.EXIT_FAIL
    store = open_store(office_dir)
    try:
        assert [u["username"] for u in users.list_users(store)] == ["kapus"]
    finally:
        store.close()


def test_a_password_is_never_an_argument(office_dir):
    with pytest.raises(SystemExit):
        run(office_dir, "user", "add", "bidan", "--role", "nakes", "--password", "Bidan-2026")


def test_anyone_changes_their_own_password_from_the_cli(office_dir):
    run(office_dir, "user", "add", "kapus", "--role", "admin", "--password-stdin", stdin="Kapus-2026!\n")
    run(office_dir, "user", "add", "loket", "--role", "operator", "--user", "kapus", "--password-stdin",
        stdin="Kapus-2026!\nLoket-2026!\n")
    assert run(office_dir, "user", "passwd", "loket", "--user", "loket", "--password-stdin",
               stdin="Loket-2026!\nLoket-Baru-1\n") == 0
    assert run(office_dir, "user", "passwd", "kapus", "--user", "loket", "--password-stdin",
               stdin="Loket-Baru-1\nDirebut-2026\n") == cli.EXIT_FAIL  # not someone else's
    store = open_store(office_dir)
    try:
        assert users.authenticate(store, "loket", "Loket-Baru-1") is not None
        assert users.authenticate(store, "kapus", "Kapus-2026!") is not None
    finally:
        store.close()
