"""The IT console against a real server filled by real desktop syncs."""

from __future__ import annotations

import re

from sqlalchemy import select

from sync.server.web.tables import sync_sessions
from tests.web.conftest import WebSession


def it_session(centre) -> WebSession:
    return WebSession(centre.server.url).login_as("it")


def _office_block(html: str, code: str) -> str:
    """The table rows of one office (its first row up to the next office's)."""
    start = html.index(f'<span class="code">{code}</span>')
    row_start = html.rfind("<tr", 0, start)
    nxt = re.search(r'<span class="code">[A-Z]{3}-[A-Z]{2}</span>', html[start + 10:])
    end = start + 10 + nxt.start() if nxt else len(html)
    return html[row_start:end]


def test_offices_and_devices_with_what_the_server_knows(centre):
    web = it_session(centre)
    page = web.get("/it/perangkat")
    assert page.status_code == 200
    busy = _office_block(page.text, "DST-MB")
    assert "Distrik Mimika Baru" in busy and "pc-mb" in busy and "0.1.0" in busy and "stable" in busy
    assert 'class="late"' not in busy and "terkini" in busy  # synced after the public address was published
    assert "perlu pembaruan ke 0.2.0" in busy
    silent = _office_block(page.text, "DST-AG")
    assert 'class="late"' in silent and "diam 10 hari" in silent and "tertinggal" in silent
    new = _office_block(page.text, "PKM-JL")
    assert "belum pernah sinkron" in new and "belum ada PC terdaftar" in new
    # silent offices come first
    assert page.text.index("DST-AG") < page.text.index("DST-MB")
    behind = re.search(r"Perlu pembaruan<strong[^>]*>(\d+)</strong>", page.text)
    assert behind and behind.group(1) == "2"
    summary = re.search(r"Kantor diam<strong[^>]*>(\d+)</strong>", page.text)
    assert summary and summary.group(1) == "2"  # Agimuga and Jila; not PUSAT, the centre itself


def test_the_silent_threshold_is_a_filter(centre):
    web = it_session(centre)
    page = web.get("/it/perangkat?hari=30")
    assert 'class="late"' not in _office_block(page.text, "DST-AG")
    for bad in ("abc", "-5", "<script>", "99999999999999999999"):
        r = web.get("/it/perangkat", params={"hari": bad})
        assert r.status_code == 200 and "<script>" not in r.text.split("<main")[1]


def test_the_pc_reports_its_channel_and_refusals_in_the_sync_history(centre):
    with centre.server.storage.read() as conn:
        rows = conn.execute(select(sync_sessions)).all()
    mine = [r for r in rows if r.device_id != centre.pc_silent_id and r.pushed]
    assert mine and all(r.channel == "stable" and r.refused_by_pc == 0 for r in mine)
    web = it_session(centre)
    device_id = mine[0].device_id
    page = web.get(f"/it/perangkat/{device_id}")
    assert page.status_code == 200 and "Riwayat sinkronisasi pc-mb" in page.text and device_id in page.text
    pushed = sum(r.pushed for r in rows if r.device_id == device_id)
    assert pushed >= 10 and f'<td class="num">{pushed}</td>' in page.text.replace(".", "")


def test_an_unknown_device_gets_a_clear_page(centre):
    web = it_session(centre)
    for bad in ("tidak-ada", "x" * 300, "<script>alert(1)</script>"):
        r = web.get("/it/perangkat/" + bad)
        assert r.status_code == 404 and "<script>alert" not in r.text


def test_releases_and_published_configuration(centre):
    page = it_session(centre).get("/it/rilis")
    assert page.status_code == 200 and "Belum ada rilis yang diterbitkan." not in page.text
    assert re.search(r"<td>0\.2\.0</td><td>linux-x86_64</td><td>stable</td><td>semua kantor</td>", page.text)
    assert "public_url" in page.text and "https://layan.mimikakab.go.id" in page.text


def test_the_login_log_lists_centre_users_and_logins(centre):
    page = it_session(centre).get("/it/masuk")
    assert page.status_code == 200
    for name in ("ita", "bupati", "surveilans", "ortala"):
        assert name in page.text
    assert "masuk" in page.text and "127.0.0.1" in page.text


def test_other_roles_are_refused_every_it_page(centre):
    for role in ("pimpinan", "dinkes", "organisasi"):
        web = WebSession(centre.server.url).login_as(role)
        for path in ("/it/perangkat", "/it/rilis", "/it/masuk", f"/it/perangkat/{centre.pc_silent_id}"):
            r = web.get(path)
            assert r.status_code == 403 and "Bukan untuk peran Anda" in r.text, (role, path)


def test_a_run_of_several_pages_is_one_session_counted_as_it_goes(centre):
    from tests.integration.conftest import letter, new_id

    dev = centre.server.new_device("DST-AG", "pc-ag-2")

    def rows() -> list:
        with centre.server.storage.read() as conn:
            return conn.execute(select(sync_sessions).where(sync_sessions.c.device_id == dev.device_id)).all()

    dev.sync(dev.mut("letters", new_id(), letter(1)), dev.mut("letters", new_id(), letter(2)), waiting=2)
    dev.sync(dev.mut("letters", new_id(), letter(3)), dev.mut("letters", new_id(), {"perihal": "tanpa nomor"}),
             waiting=0, cursor=0, limit=1)  # the server has more to send: the run goes on
    assert [(r.pushed, r.rejected) for r in rows()] == [(3, 1)]  # in the database at once: any worker adds to it
    reply = dev.pull_all()
    assert reply and len(rows()) == 1
    row = rows()[0]
    assert (row.pushed, row.rejected) == (3, 1) and row.pulled >= 3 and row.waiting == 0
    page = it_session(centre).get(f"/it/perangkat/{dev.device_id}")
    refused = page.text.split("Perubahan terakhir yang ditolak server")[1]
    assert '<td class="num">4</td>' in refused and "wajib" in refused  # mseq 4 lacked required fields


def test_configuration_sent_but_not_yet_confirmed_by_the_pc(centre):
    dev = centre.server.new_device("DST-MB", "pc-mb-baru")
    reply = dev.sync(cursor=0, limit=1000)  # one request: everything, including the configuration
    assert not reply["has_more"]
    page = it_session(centre).get("/it/perangkat")
    row = page.text[page.text.index("pc-mb-baru"):]
    row = row[:row.index("</tr>")]
    assert "terkirim" in row  # its next sync confirms it
    dev.sync(cursor=reply["cursor"])
    page = it_session(centre).get("/it/perangkat")
    row = page.text[page.text.index("pc-mb-baru"):]
    assert "terkini" in row[:row.index("</tr>")]
