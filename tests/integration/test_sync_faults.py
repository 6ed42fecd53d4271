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
from desktop.domain import office as office_mod
from desktop.domain.numbering import NumberingError
from tests.tools.linkemu import LinkEmulator

from .conftest import ServerProc

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = int(os.environ.get("LAYAN_FAULT_ROUNDS", "80"))  # kill points (client and server together)
# Where in a sync a round's kill lands, in turn; placed by the sync's own traffic through the link, so
# that on a fast or a loaded machine alike the kills fall inside the sync and every phase gets its share:
# - "start-up": while the command starts, opens the store and reads its outbox (before or at the first byte);
# - "request": once the first request's bytes reach the server (sending it, or the server applying it);
# - "reply": once the first reply's bytes reach the PC (receiving it, or applying it to the store);
# - "later": a while after the first reply (the next requests: pull pages, number blocks, the USB key).
# (Before, a kill came 0.2-1.5 s after the command started: most landed before the first byte or after the
# sync had ended, so 200 rounds were needed for enough kills inside a sync.)
KILL_POINTS = ("start-up", "request", "reply", "later")

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


def wait_for_kill_point(link: LinkEmulator, proc: subprocess.Popen, point: str, rnd: random.Random) -> None:
    """Waits until the sync running in ``proc`` reaches ``point`` (KILL_POINTS), or has ended."""
    before = link.stats

    def reached(passed) -> None:  # polls the link's counters: waiting for the sync, not asserting on time
        while proc.poll() is None and not passed(link.stats):
            time.sleep(0.002)

    if point == "start-up":
        time.sleep(rnd.uniform(0.0, 0.4))
    elif point == "request":
        reached(lambda now: now.bytes_up > before.bytes_up)
        time.sleep(rnd.uniform(0.0, 0.05))
    elif point == "reply":
        reached(lambda now: now.bytes_down > before.bytes_down)
        time.sleep(rnd.uniform(0.0, 0.05))
    else:
        reached(lambda now: now.bytes_down > before.bytes_down)
        time.sleep(rnd.uniform(0.05, 0.5))


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
                syncing.enroll(store, url, server.enroll_code(office), device_name=name)
                store.close()
                pcs.append(tmp_path / name)
            pc1, pc2 = pcs

            saved: list[str] = []
            server_kills = client_kills = mid_sync_kills = 0
            for round_no in range(ROUNDS):
                saved += register_some(pc1, rnd, round_no, env)
                victim = pc1 if rnd.random() < 0.75 else pc2
                proc = layan_sync(victim, env)
                wait_for_kill_point(link, proc, KILL_POINTS[round_no % len(KILL_POINTS)], rnd)
                mid_sync_kills += proc.poll() is None
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
        assert client_kills > 0 and server_kills > 0 and mid_sync_kills > 0

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
