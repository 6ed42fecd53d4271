"""Property: three real desktop stores of one office (StoreReplica, the real engine, compact stamps)
make random offline edits and deletes with syncs cut after a few rounds and round trips by USB stick
(some replies lost on the way back); after everyone syncs twice, every PC holds exactly the server's
letters and nothing waits or was refused.

The same property over the reference MemoryReplica lives in test_client_engine.py; this one runs
the desktop's own store code (outbox, pending-field protection, field stamps, tombstones).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from desktop.domain import letters, syncing, usb_sync
from sync.server import usb_import
from sync.server.app import Settings

from .conftest import BACKENDS, _start_server

FIELDS = ("perihal", "keterangan", "asal")
MASUK = {"tanggal_terima": "2026-11-27", "asal": "Dinas Sosial", "perihal": "Undangan", "sifat": "biasa"}

step = st.one_of(
    st.tuples(st.just("create"), st.integers(0, 2), st.just(0), st.just("")),
    st.tuples(st.just("edit"), st.integers(0, 2), st.integers(0, 3), st.sampled_from(FIELDS)),
    st.tuples(st.just("delete"), st.integers(0, 2), st.integers(0, 3), st.just("")),
    st.tuples(st.just("sync"), st.integers(0, 2), st.integers(1, 3), st.just("")),
    # A round trip by USB stick; k=0: the reply never makes it back (the stick is lost).
    st.tuples(st.just("usb"), st.integers(0, 2), st.integers(0, 1), st.just("")),
)


@pytest.fixture(autouse=True)
def token_file(monkeypatch):
    monkeypatch.setenv("LAYAN_TOKEN_STORE", "file")


@pytest.fixture(scope="module", params=BACKENDS)
def prop_server(request, tmp_path_factory, pg_base_url):
    srv = _start_server(tmp_path_factory, request.param, pg_base_url)
    yield srv
    srv.stop()


def visible(store) -> dict[str, tuple]:
    rows = store.read().execute("SELECT id, perihal, keterangan, asal, deleted FROM letters ORDER BY id")
    return {r["id"]: (r["perihal"], r["keterangan"], r["asal"], bool(r["deleted"])) for r in rows}


def live_ids(store) -> list[str]:
    return [r[0] for r in store.read().execute("SELECT id FROM letters WHERE deleted = 0 ORDER BY id")]


@settings(max_examples=int(os.environ.get("LAYAN_PROPERTY_EXAMPLES", "8")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(steps=st.lists(step, min_size=1, max_size=25))
def test_desktop_stores_converge_with_the_server(prop_server, tmp_path_factory, steps):
    server = prop_server
    office = server.new_office()
    root = tmp_path_factory.mktemp("pcs")
    pcs = [server.desktop_pc(root / f"pc{i}", office, initialize=i == 0) for i in range(3)]
    settings_for_usb = Settings(data_dir=str(server.data_dir))
    try:
        tag = 0
        for op, who, k, field in steps:
            store = pcs[who]
            if op == "sync":
                rounds: list[int] = []
                syncing.run_sync(store, on_progress=lambda _r, rounds=rounds: rounds.append(1),
                                 should_stop=lambda rounds=rounds, n=k: len(rounds) >= n)
                continue
            if op == "usb":
                stick = root / f"stick-{len(list(root.iterdir()))}"
                request = usb_sync.export_request(store, stick)
                imported = usb_import.import_request(server.storage, settings_for_usb, server.data_dir,
                                                     request.path, request.path.parent)
                assert imported.reply_path is not None, imported.error
                if k:
                    usb_sync.import_replies(store, stick)
                continue
            if op == "create":
                tag += 1
                letters.register_incoming(store, {**MASUK, "perihal": f"pc{who}-{tag}"}, actor=f"op{who}")
                continue
            ids = live_ids(store)
            if not ids:
                continue
            rid = ids[k % len(ids)]
            if op == "delete":
                store.delete("letters", rid, actor=f"op{who}")
            else:
                tag += 1
                letters.update_letter(store, rid, {field: f"pc{who}-{tag}"}, actor=f"op{who}")
        for _ in range(2):
            for store in pcs:
                report = syncing.run_sync(store)
                assert report.ok, report.error

        def synced(store) -> dict[str, tuple]:
            """What the PC shares with the server. A letter deleted before it ever reached the server
            never does: it stays on that PC alone, as a tombstone without its fields."""
            out = {}
            for rid, row in visible(store).items():
                if server.storage.record(rid) is None:
                    assert row == (None, None, None, True)
                else:
                    out[rid] = row
            return out

        truth = {}
        for rid in synced(pcs[0]):
            rec = server.storage.record(rid)
            truth[rid] = (rec["fields"].get("perihal"), rec["fields"].get("keterangan"), rec["fields"].get("asal"),
                          rec["deleted"])
            if rec["deleted"]:  # a tombstone keeps none of the letter's text (sync/tombstones.py)
                assert truth[rid][:3] == (None, None, None)
        for store in pcs:
            assert store.outbox_size() == 0
            assert store.read().execute("SELECT count(*) FROM rejected").fetchone()[0] == 0
            assert synced(store) == truth
    finally:
        for store in pcs:
            store.close()
