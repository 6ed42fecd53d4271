"""Power cuts on both ends: `kill -9` of the syncing PC and of the server at random points.

The desktop side is the real `layan sync` command on a real data folder, talking to the real
server process through the link emulator (a slow link widens the window a kill can hit). After
every round of cuts, one clean sync on each PC must leave: every letter the clerk saved on the
server (zero lost), no mutation applied twice (zero duplicated), no stranded outbox entry, and the
two PCs' registers identical by checksum.
"""

from __future__ import annotations

import hashlib
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.domain import letters, open_store, syncing
from desktop.domain.numbering import NumberingError
from desktop.domain import office as office_mod
from tests.tools.linkemu import LinkEmulator

from .conftest import ServerProc

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = int(os.environ.get("LAYAN_FAULT_ROUNDS", "200"))  # kill points (client and server together)

pytestmark = pytest.mark.slow


def register_some(data: Path, rnd: random.Random, round_no: int, env: dict) -> list[str]:
    """A clerk's work between two syncs: new letters, an edit and a disposisi (append-only).

    On a loaded machine most killed syncs die before they fetch a new number block; when the PC runs
    out of numbers the clerk is told to sync, and does (one sync left to finish), then goes on."""
    store = open_store(data)
    try:
        made = []
        for i in range(rnd.randint(1, 6)):
            fields = {"tanggal_terima": "2026-11-27", "asal": f"Pengirim {round_no}-{i}",
                      "perihal": f"Surat ronde {round_no} nomor {i} " + "x" * rnd.randint(0, 300), "sifat": "biasa"}
            try:
                change = letters.register_incoming(store, fields, actor="op")
            except NumberingError:
                store.close()
                clean_sync(data, env)
                store = open_store(data)
                change = letters.register_incoming(store, fields, actor="op")
            made.append(change.record_id)
        if made and rnd.random() < 0.5:
            letters.update_letter(store, made[0], {"keterangan": f"diubah ronde {round_no}"}, actor="op")
            letters.add_disposition(store, made[0], {"kepada": "Sekretaris", "instruksi": "Proses"}, actor="kepala")
        return made
    finally:
        store.close()


def layan_sync(data: Path, env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "desktop.cli", "--data-dir", str(data), "sync"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)


def clean_sync(data: Path, env: dict) -> None:
    done = subprocess.run([sys.executable, "-m", "desktop.cli", "--data-dir", str(data), "sync"],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr


def register_checksum(data: Path) -> tuple[int, str]:
    store = open_store(data)
    try:
        rows = store.read().execute(
            "SELECT id, direction, year, seq, perihal, asal, keterangan, deleted FROM letters ORDER BY id").fetchall()
        dispositions = store.read().execute(
            "SELECT id, letter_id, kepada FROM dispositions ORDER BY id").fetchall()
    finally:
        store.close()
    digest = hashlib.sha256(repr([tuple(r) for r in rows] + [tuple(d) for d in dispositions]).encode())
    return len(rows), digest.hexdigest()


def test_kill_9_client_and_server_at_random_points_loses_and_duplicates_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("LAYAN_TOKEN_STORE", "file")
    env = {**os.environ, "LAYAN_TOKEN_STORE": "file"}
    rnd = random.Random(20261127)
    server = ServerProc(tmp_path / "server").start()
    port = server.port
    try:
        office = server.new_office()
        with LinkEmulator(port, rate_bps=2_000_000, latency_ms=15, seed=7) as link:
            url = f"http://127.0.0.1:{link.port}"
            pcs = []
            for name in ("pc1", "pc2"):
                store = open_store(tmp_path / name)
                if name == "pc1":
                    office_mod.initialize(store, code=office, name="Kantor Uji", kind="distrik")
                code = server.cli("enroll-code", "--office", office).stdout.strip().split()[-1]
                syncing.enroll(store, url, code, device_name=name)
                store.close()
                pcs.append(tmp_path / name)
            pc1, pc2 = pcs

            saved: list[str] = []
            server_kills = client_kills = 0
            for round_no in range(ROUNDS):
                saved += register_some(pc1, rnd, round_no, env)
                victim = pc1 if rnd.random() < 0.75 else pc2
                proc = layan_sync(victim, env)
                time.sleep(rnd.uniform(0.2, 1.5))  # start-up takes ~0.4 s: some kills land before, most during
                if rnd.random() < 0.3:
                    server.kill()  # the central server loses power mid-request
                    server_kills += 1
                    proc.kill()
                    proc.wait()
                    server.start(port=port)
                else:
                    proc.kill()  # SIGKILL: the PC loses power
                    proc.wait()
                    client_kills += 1
                link.kill_connections()

            # The link and the power come back: one clean sync each, in turn, until both are idle.
            for data in (pc1, pc2, pc1, pc2):
                clean_sync(data, env)
        assert client_kills > 0 and server_kills > 0

        for data in (pc1, pc2):
            store = open_store(data)
            try:
                assert store.outbox_size() == 0  # no stranded outbox entry
                assert store.read().execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                assert store.read().execute("SELECT count(*) FROM rejected").fetchone()[0] == 0
            finally:
                store.close()
        count1, sum1 = register_checksum(pc1)
        count2, sum2 = register_checksum(pc2)
        assert count1 == len(saved) == len(set(saved))  # zero lost on the PC that wrote them
        assert (count2, sum2) == (count1, sum1)  # the other PC has exactly the same register
        storage = server.storage
        assert storage.count("letters") == len(saved)  # zero lost, zero duplicated on the server
    finally:
        server.stop()
