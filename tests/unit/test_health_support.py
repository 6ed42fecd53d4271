"""Shared fixtures for the health tests: a real puskesmas data folder with real users (no tests here).

Import the fixtures into a test module with ``from tests.unit.test_health_support import *``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import uuid6

from desktop.store.db import connect as connect_db

PUSKESMAS = {"code": "PKM-TIMIKA", "name": "Puskesmas Timika", "kind": "puskesmas"}
PASSWORD = "rahasia1"
# username -> (role, office)
USERS = {
    "bidan": ("nakes", "PKM-TIMIKA"),
    "kapus": ("kepala", "PKM-TIMIKA"),
    "admin": ("admin", "PKM-TIMIKA"),
    "loket": ("operator", "PKM-TIMIKA"),
    "perawat_lain": ("nakes", "PKM-WANIA"),
}


def add_user(store, username: str, role: str, office_id: str) -> dict:
    from sync.passwords import hash_password

    user_id = str(uuid6.uuid7())
    with store.transaction() as tx:
        tx.execute(
            "INSERT INTO users(id, office_id, username, full_name, role, password_hash, active, local_only) "
            "VALUES (?, ?, ?, ?, ?, ?, 1, 0)",
            (user_id, office_id, username, username.title(), role, hash_password(PASSWORD)),
        )
    return {"id": user_id, "office_id": office_id, "username": username, "full_name": username.title(),
            "role": role, "active": 1}


@pytest.fixture(scope="session")
def pkm_template(tmp_path_factory) -> Path:
    from desktop.domain import office, open_store

    folder = tmp_path_factory.mktemp("pkm_template")
    store = open_store(folder)
    office.initialize(store, **PUSKESMAS)
    for username, (role, office_id) in USERS.items():
        if username != "admin":
            add_user(store, username, role, office_id)
    with store.transaction() as tx:
        from desktop.domain.users import create_local_admin

        create_local_admin(tx, office_id="PKM-TIMIKA", username="admin", password=PASSWORD, full_name="Admin")
    store._write_conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return folder


@pytest.fixture
def pkm_dir(pkm_template, tmp_path) -> Path:
    target = tmp_path / "pkm"
    shutil.copytree(pkm_template, target)
    conn = connect_db(target / "layan.sqlite3")
    with conn:
        conn.execute("DELETE FROM meta WHERE key IN ('device_id', 'hlc_last')")
    conn.close()
    return target


@pytest.fixture
def pkm(pkm_dir):
    from desktop.domain import open_store

    s = open_store(pkm_dir)
    yield s
    s.close()


@pytest.fixture
def users(pkm) -> dict:
    from desktop.domain.users import authenticate

    return {name: authenticate(pkm, name, PASSWORD) for name in USERS}


@pytest.fixture
def nakes(users) -> dict:
    return users["bidan"]


# A valid NIK (Mimika, woman born 1990-01-01: day 41) and builders.
NIK_MARIA = "9404014101900001"
NIK_YANCE = "9404010505850002"


def patient_fields(**over) -> dict:
    base = {"nama": "Maria Magal", "jenis_kelamin": "P", "tanggal_lahir": "1990-01-01", "kampung": "Kwamki"}
    base.update(over)
    return base
