"""Updates over the same bad link, the edges: a cut in the middle of a 16 KiB chunk resumes at the
byte (nothing re-sent), the partial file is fsync'd as it grows and when the link drops,
`layan update check --json` reports the size apply will fetch (the patch), and a patched install
holds exactly the files of a full install. The real server, the real `layan`, the link emulator."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest.importorskip("tuf", reason="tuf is not installed (see docs/UPDATES.md, dependencies)")

from desktop import updates as upd  # noqa: E402
from tests.integration.conftest import ServerProc  # noqa: E402
from tests.integration.updates_helpers import UpdateServer, fake_dist, install_initial, layan_json  # noqa: E402
from tests.tools.linkemu import LinkEmulator  # noqa: E402


@pytest.fixture(scope="module")
def updates(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("updates-edges")
    server = ServerProc(tmp / "server").start()
    up = UpdateServer(server, tmp)
    up.dists = {v: fake_dist(tmp / f"dist-{v}", v) for v in ("0.1.0", "0.2.0")}
    for v in ("0.1.0", "0.2.0"):
        up.publish(up.dists[v], v)
    up.office_code = up.office()
    yield up
    server.stop()


def patch_target(updates) -> tuple[str, int]:
    """The URL path and length of the 0.1.0 → 0.2.0 patch, as the repository serves it."""
    (path,) = (updates.repo / "targets" / "layan").rglob("*.layan-0.2.0-from-0.1.0.delta.tar.xz")
    return "/v1/updates/" + path.relative_to(updates.repo).as_posix(), path.stat().st_size


def download(link, url_path: str, part: Path, length: int) -> upd.UpdateReport:
    report = upd.UpdateReport(ok=True, state="available")
    fetcher = upd.Fetcher(timeout=(10, 20))  # a fresh connection: the link's byte count starts at this response
    try:
        fetcher.download_resumable(f"http://127.0.0.1:{link.port}{url_path}", part, length, report)
    finally:
        fetcher.close()
    return report


def test_a_cut_mid_chunk_resumes_at_the_byte_and_the_part_is_durable(updates, tmp_path, monkeypatch):
    url_path, length = patch_target(updates)
    assert length > 100_000
    cut_into_body = 30_000  # as found: "a cut about 30 kB into the patch resumed from byte 16,384"
    assert cut_into_body % upd.CHUNK
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(upd, "SYNC_EVERY", 8 * 1024, raising=False)  # so that a 30 kB start is synced as it grows
    monkeypatch.setattr(upd.os, "fsync", lambda fd: (synced.append(os.fstat(fd).st_size), real_fsync(fd))[1])

    with LinkEmulator(updates.server.port, rate_bps=8_000_000, latency_ms=1, seed=3) as link:
        clean = download(link, url_path, tmp_path / "clean.part", length)
        headers = link.stats.bytes_down - length  # the 200 response's status line and headers
        assert clean.downloaded == length and 0 < headers < 1024
        before = link.stats.bytes_down
        link.cut_after(downstream_bytes=headers + cut_into_body, how="close")
        synced.clear()
        report = download(link, url_path, tmp_path / "cut.part", length)
        wire = link.stats.bytes_down - before
        assert link.stats.cuts == 1

    assert report.attempts == 2
    assert report.resumed_from == cut_into_body  # every byte that came through was kept
    assert report.downloaded == length  # and none was fetched twice
    resent_or_headers = wire - length - headers  # the second response's headers, and nothing else
    assert 0 < resent_or_headers < 1024, resent_or_headers
    assert (tmp_path / "cut.part").read_bytes() == (tmp_path / "clean.part").read_bytes()
    # Durable as it grew (every 8 KiB here), and at the drop itself: what was on disk when the link
    # went is what the resume started from.
    first_attempt = synced[: synced.index(cut_into_body) + 1]
    assert len(first_attempt) >= 3 and first_attempt == sorted(first_attempt)
    assert synced[-1] == length


def test_check_reports_the_patch_size_and_a_patched_install_equals_a_full_one(updates, tmp_path):
    data, home = tmp_path / "pc", tmp_path / "app"
    updates.provision(updates.office_code, data)
    install_initial(home, updates.dists["0.1.0"], "0.1.0")
    _, patch_length = patch_target(updates)

    check = layan_json(data, "update", "check", "--app-home", home)
    assert check["state"] == "available" and check["kind"] == "delta", check
    assert check["size"] == patch_length  # what apply will fetch, not the full archive
    assert check["details"]["full_size"] > patch_length
    applied = layan_json(data, "update", "apply", "--app-home", home)
    assert applied["kind"] == "delta" and applied["size"] == check["size"] == applied["downloaded"], applied

    full_home = tmp_path / "full-app"  # the same release installed from its full archive
    full = layan_json(tmp_path / "pc", "update", "apply", "--app-home", full_home)
    assert full["kind"] == "full" and full["state"] == "staged", full

    def files(folder: Path) -> set[str]:
        return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}

    patched, whole = files(home / "versions" / "0.2.0"), files(full_home / "versions" / "0.2.0")
    assert ".layan-delta.json" not in patched
    assert patched == whole
