"""The IT console's sync history is kept in the database: one sync run whose pages are answered by two server
processes on one database (as ``--workers 2`` does) is one session with every page counted, and a restarted
server shows the same history."""

from __future__ import annotations

import pytest

from sync.client import SyncClient
from sync.server.web import history
from tests.integration.conftest import BACKENDS, ServerProc, create_pg_database, letter, new_id


@pytest.fixture(params=BACKENDS)
def two_servers(request, tmp_path, pg_base_url):
    db_url = None
    if request.param == "postgres":
        if not pg_base_url:
            pytest.skip("PostgreSQL not available")
        db_url = create_pg_database(pg_base_url)
    servers = [ServerProc(tmp_path / "data", db_url).start(), ServerProc(tmp_path / "data", db_url).start()]
    yield servers
    for srv in servers:
        srv.stop()


def test_a_run_answered_by_two_processes_is_one_session_with_every_page(two_servers):
    first, second = two_servers
    office = first.new_office()
    pc = first.new_device(office)
    other = SyncClient(second.url, pc.token, retries=2, backoff=0.05, timeout=(5, 60))
    try:
        seq = iter(range(1, 100))
        cursor = 0
        # five letters in three pages, the PC saying more is waiting until the last one
        for client, n, waiting in ((pc.client, 2, 3), (other, 2, 1), (pc.client, 1, 0)):
            muts = [pc.mut("letters", new_id(), letter(next(seq))) for _ in range(n)]
            reply = client.sync_page(pc.request(muts, cursor, waiting=waiting))
            assert [r["status"] for r in reply["results"]] == ["applied"] * n
            cursor = reply["cursor"]
    finally:
        other.close()
    sessions = history.device_history(first.storage, pc.device_id)
    assert [(s["pushed"], s["rejected"], s["waiting"]) for s in sessions] == [(5, 0, 0)]
    for srv in two_servers:
        srv.stop()
    first.start()  # a restart forgets nothing
    assert [s["pushed"] for s in history.device_history(first.storage, pc.device_id)] == [5]


@pytest.mark.parametrize("reported, kept", [
    ("100012345", "100012345"),
    ("8F7A3C52-4B0E-4C43-9A57-6C61796E0001", "8f7a3c52-4b0e-4c43-9a57-6c61796e0001"),
    ("1" * 21, None),  # longer than a facility number
    ("100012345\n", None), ("P-WANIA", None), ("../100012345", None), ("", None), (100012345, None),
    ("8f7a3c52-4b0e-4c43-9a57-6c61796e000", None),
])
def test_only_a_satusehat_organisation_id_of_the_documented_form_is_kept(reported, kept):
    assert history.reported_org_id({"stats": {"satusehat_org_id": reported}}) == kept
    assert history.reported_org_id({"stats": "100012345"}) is None and history.reported_org_id({}) is None
