"""The centre's blob endpoints against the real server process (SQLite and PostgreSQL): resumable
uploads, Range downloads, sha256 before visibility, tenancy, quota, limits and hostile input.
Nothing may be half stored: a refused upload leaves no blob visible and no stored file."""

from __future__ import annotations

import hashlib
import os
import socket
import time

import pytest

from tests.integration.conftest import new_id

PAGE = os.urandom(150_000)  # about one reduced A4 scan
SHA = hashlib.sha256(PAGE).hexdigest()


def attachment(sha: str, size: int, owner: str = "letters", owner_id: str | None = None, **extra) -> dict:
    return {"owner_collection": owner, "owner_id": owner_id or new_id(), "name": "scan.pdf",
            "mime": "application/pdf", "size": size, "sha256": sha, "pages": 1, **extra}


def attach(dev, data: bytes, **kw) -> tuple[str, str]:
    """Syncs an attachment record naming ``data`` (records first, as the PC does); returns (id, sha)."""
    sha = hashlib.sha256(data).hexdigest()
    rid = new_id()
    reply = dev.sync(dev.mut("attachments", rid, attachment(sha, len(data), **kw)))
    assert reply["results"] == [] or all(r.get("status") != "rejected" for r in reply["results"]), reply
    return rid, sha


def patch(dev, sha: str, offset: int, chunk: bytes, length: int, **headers):
    h = {"Upload-Offset": str(offset), "Upload-Length": str(length),
         "Content-Type": "application/offset+octet-stream", **headers}
    return dev.raw(f"/v1/blobs/{sha}", chunk, method="PATCH", headers=h)


def upload(dev, data: bytes, chunk: int = 64 * 1024) -> None:
    sha = hashlib.sha256(data).hexdigest()
    offset = 0
    while offset < len(data):
        r = patch(dev, sha, offset, data[offset:offset + chunk], len(data))
        assert r.status_code == 204, r.text
        offset = int(r.headers["Upload-Offset"])
    assert r.headers["Blob-State"] == "stored"


def status(dev, *shas: str) -> dict:
    r = dev.raw("/v1/blobs/status", {"sha256": list(shas)})
    assert r.status_code == 200, r.text
    return r.json()["blobs"]


def stored_files(server) -> list[str]:
    root = server.data_dir / "blobs"
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []


def staged_files(server) -> list[str]:
    root = server.data_dir / "blob-staging"
    return sorted(p.name for p in root.rglob("*.part")) if root.exists() else []


def test_chunked_upload_then_range_download(server):
    dev = server.new_device(server.new_office())
    _, sha = attach(dev, PAGE)
    assert status(dev, sha)[sha] == {"state": "missing"}
    r = patch(dev, sha, 0, PAGE[:50_000], len(PAGE))
    assert r.status_code == 204 and r.headers["Upload-Offset"] == "50000" and r.headers["Blob-State"] == "partial"
    assert status(dev, sha)[sha] == {"state": "partial", "offset": 50_000}
    head = dev.raw(f"/v1/blobs/{sha}", method="HEAD")
    assert head.headers["Upload-Offset"] == "50000" and head.headers["Blob-State"] == "partial"
    assert dev.raw(f"/v1/blobs/{sha}", method="GET").status_code == 404  # not visible before all bytes
    r = patch(dev, sha, 50_000, PAGE[50_000:], len(PAGE))
    assert r.status_code == 204 and r.headers["Blob-State"] == "stored"
    assert status(dev, sha)[sha] == {"state": "stored", "size": len(PAGE)}
    full = dev.raw(f"/v1/blobs/{sha}", method="GET")
    assert full.status_code == 200 and full.content == PAGE
    part = dev.raw(f"/v1/blobs/{sha}", method="GET", headers={"Range": "bytes=1000-1999"})
    assert part.status_code == 206 and part.content == PAGE[1000:2000]
    assert part.headers["Content-Range"] == f"bytes 1000-1999/{len(PAGE)}"
    tail = dev.raw(f"/v1/blobs/{sha}", method="GET", headers={"Range": "bytes=149000-"})
    assert tail.status_code == 206 and tail.content == PAGE[149_000:]
    bad = dev.raw(f"/v1/blobs/{sha}", method="GET", headers={"Range": f"bytes={len(PAGE)}-"})
    assert bad.status_code == 416
    # A second device of the office finds it stored and may read it; a re-upload is a no-op.
    other = server.new_device(dev.office)
    assert other.raw(f"/v1/blobs/{sha}", method="GET").content == PAGE
    assert patch(other, sha, 0, PAGE[:10], len(PAGE)).headers["Blob-State"] == "stored"


def test_wrong_sha256_is_refused_and_nothing_is_kept(server):
    dev = server.new_device(server.new_office())
    data = os.urandom(20_000)
    _, sha = attach(dev, data)
    forged = bytearray(data)
    forged[-1] ^= 0xFF
    r = patch(dev, sha, 0, bytes(forged), len(data))
    assert r.status_code == 422 and r.json()["error"] == "hash_mismatch" and r.json()["message"]
    assert status(dev, sha)[sha] == {"state": "missing"}
    assert dev.raw(f"/v1/blobs/{sha}", method="GET").status_code == 404
    if server.backend == "sqlite":
        assert sha not in stored_files(server) and f"{sha}.part" not in staged_files(server)
    upload(dev, data)  # the honest bytes still go through afterwards
    assert dev.raw(f"/v1/blobs/{sha}", method="GET").content == data


def test_upload_cut_mid_body_keeps_what_arrived_and_resumes_there(server):
    dev = server.new_device(server.new_office())
    _, sha = attach(dev, PAGE)
    head = (f"PATCH /v1/blobs/{sha} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {dev.token}\r\n"
            f"Upload-Offset: 0\r\nUpload-Length: {len(PAGE)}\r\nContent-Length: {len(PAGE)}\r\n\r\n").encode()
    offset = 0
    with socket.create_connection(("127.0.0.1", server.port)) as s:  # says 150 KB, sends 40 KB, hangs up
        s.sendall(head + PAGE[:40_000])
        for _ in range(400):  # the server writes what arrives as it arrives; wait for it, then cut
            offset = status(dev, sha)[sha].get("offset", 0)
            if offset == 40_000:
                break
            time.sleep(0.05)
    assert offset == 40_000
    assert dev.raw(f"/v1/blobs/{sha}", method="GET").status_code == 404
    for _ in range(400):  # until the server has noticed the hang-up and let go of the upload
        r = patch(dev, sha, 40_000, PAGE[40_000:], len(PAGE))
        if r.status_code != 409 or r.json()["error"] != "upload_busy":
            break
        time.sleep(0.05)
    assert r.status_code == 204 and r.headers["Blob-State"] == "stored"
    assert dev.raw(f"/v1/blobs/{sha}", method="GET").content == PAGE


def test_offsets_out_of_order_get_409_with_the_right_offset(server):
    dev = server.new_device(server.new_office())
    _, sha = attach(dev, PAGE)
    assert patch(dev, sha, 0, PAGE[:1000], len(PAGE)).status_code == 204
    for wrong in (0, 500, 5000):
        r = patch(dev, sha, wrong, PAGE[wrong:wrong + 1000], len(PAGE))
        assert r.status_code == 409 and r.json()["error"] == "offset_mismatch" and r.json()["offset"] == 1000
    r = patch(dev, sha, len(PAGE) + 1, b"x", len(PAGE))
    assert r.status_code == 409
    assert status(dev, sha)[sha] == {"state": "partial", "offset": 1000}
    r = patch(dev, sha, 1000, PAGE[1000:], len(PAGE) + 5)  # a length the record does not say
    assert r.status_code == 400 and r.json()["error"] == "size_mismatch"
    r = patch(dev, sha, 1000, PAGE[1000:] + b"extra", len(PAGE))  # more bytes than the blob has
    assert r.status_code == 413
    assert status(dev, sha)[sha] == {"state": "partial", "offset": 1000}


def test_limits_on_blob_and_chunk_size(server):
    dev = server.new_device(server.new_office())
    _, sha = attach(dev, PAGE)
    r = patch(dev, sha, 0, b"x" * 10, 200 * 1024 * 1024)  # a 200 MB upload: refused before any byte is kept
    assert r.status_code == 413 and r.json()["error"] == "blob_too_large" and "MB" in r.json()["message"]
    big = patch(dev, sha, 0, b"\0" * (4 * 1024 * 1024 + 1), len(PAGE))
    assert big.status_code == 413 and big.json()["error"] == "chunk_too_large"
    assert status(dev, sha)[sha] == {"state": "missing"}
    # A record saying more than 200 MB is refused by the record schema itself.
    reply = dev.sync(dev.mut("attachments", new_id(), attachment("ab" * 32, 201 * 1024 * 1024)))
    assert reply["results"][0]["status"] == "rejected"


@pytest.mark.parametrize("name", ["../../etc/passwd", "..\\..\\boot.ini", "a/b.pdf", "C:scan.pdf", "CON:"])
def test_path_tricks_in_names_are_refused_with_the_record(server, name):
    dev = server.new_device(server.new_office())
    reply = dev.sync(dev.mut("attachments", new_id(), attachment("cd" * 32, 10, name=name)))
    assert reply["results"][0]["status"] == "rejected" and reply["results"][0]["errors"][0]["message"]


def test_another_offices_blob_is_invisible_and_needs_its_own_bytes(server):
    a = server.new_device(server.new_office())
    b = server.new_device(server.new_office())
    _, sha = attach(a, PAGE)
    upload(a, PAGE)
    for method in ("GET", "HEAD"):
        r = b.raw(f"/v1/blobs/{sha}", method=method)
        assert r.status_code == 404
    assert patch(b, sha, 0, PAGE, len(PAGE)).status_code == 404
    assert status(b, sha)[sha] == {"state": "unknown"}
    # B writes a record naming A's sha256: that alone gives no access to A's bytes ...
    attach(b, PAGE)
    assert status(b, sha)[sha] == {"state": "missing"}
    assert b.raw(f"/v1/blobs/{sha}", method="GET").status_code == 404
    # ... B must send the bytes itself; they are kept once.
    upload(b, PAGE)
    assert b.raw(f"/v1/blobs/{sha}", method="GET").content == PAGE
    if server.backend == "sqlite":
        assert stored_files(server).count(sha) == 1


def test_deleted_attachment_closes_access(server):
    dev = server.new_device(server.new_office())
    data = os.urandom(30_000)  # named by no other test's record
    rid, sha = attach(dev, data)
    upload(dev, data)
    dev.sync(dev.mut("attachments", rid, op="delete", base_rev=server.storage.record(rid)["rev"]))
    assert dev.raw(f"/v1/blobs/{sha}", method="GET").status_code == 404
    listed = server.cli("blobs", "gc").stdout
    assert f"unreferenced {sha}" in listed
    if server.backend == "sqlite":
        assert sha in stored_files(server)  # listing removes nothing
    server.cli("blobs", "gc", "--yes")
    if server.backend == "sqlite":
        assert sha not in stored_files(server)
    assert f"unreferenced {sha}" not in server.cli("blobs", "gc").stdout


def test_health_attachments_only_at_their_puskesmas(server):
    pkm = server.new_device(server.new_office("puskesmas"))
    data = os.urandom(3000)
    _, sha = attach(pkm, data, owner="patients")
    upload(pkm, data)
    assert pkm.raw(f"/v1/blobs/{sha}", method="GET").content == data
    distrik = server.new_device(server.new_office())
    attach(distrik, data, owner="patients")  # a distrik has no patients: naming one gives nothing
    assert status(distrik, sha)[sha] == {"state": "unknown"}
    assert patch(distrik, sha, 0, data, len(data)).status_code == 404


@pytest.mark.parametrize("path", [
    "/v1/blobs/..%2F..%2Fetc%2Fpasswd", "/v1/blobs/" + "A" * 64, "/v1/blobs/" + "a" * 63,
    "/v1/blobs/" + "a" * 64 + "%00", "/v1/blobs/..", "/v1/blobs/%2e%2e%2f" + "a" * 58,
])
def test_path_tricks_get_a_clear_4xx(server, path):
    dev = server.new_device(server.new_office())
    for method in ("GET", "PATCH", "HEAD"):
        r = dev.raw(path, b"x", method=method, headers={"Upload-Offset": "0", "Upload-Length": "1"})
        assert 400 <= r.status_code < 500, (method, path, r.status_code)
    if server.backend == "sqlite":
        assert stored_files(server) == [] or all(len(n) == 64 for n in stored_files(server))
        assert all(len(n) == 69 for n in staged_files(server))  # <64 hex>.part, nothing else


def test_bad_status_requests_and_tokens(server):
    dev = server.new_device(server.new_office())
    assert dev.raw("/v1/blobs/status", {"sha256": ["../x"]}).status_code == 400
    assert dev.raw("/v1/blobs/status", {"sha256": ["a" * 64] * 1001}).status_code == 400
    assert dev.raw("/v1/blobs/status", {"sha256": []}, token=None).status_code == 401
    assert dev.raw(f"/v1/blobs/{'a' * 64}", method="GET", token="lyn1_" + "x" * 43).status_code == 401
    r = patch(dev, "a" * 64, 0, b"x", 1, **{"Upload-Offset": "-1"})
    assert r.status_code == 400


def test_quota_per_office_with_a_clear_message(server):
    office = server.new_office()
    dev = server.new_device(office)
    server.cli("blobs", "quota", "200KB", "--office", office)
    first = os.urandom(150_000)
    attach(dev, first)
    upload(dev, first)
    second = os.urandom(100_000)
    _, sha2 = attach(dev, second)
    r = patch(dev, sha2, 0, second, len(second))
    assert r.status_code == 413 and r.json()["error"] == "quota_exceeded"
    assert "kuota" in r.json()["message"] or "penuh" in r.json()["message"]
    assert status(dev, sha2)[sha2] == {"state": "missing"}
    usage = server.cli("blobs", "usage").stdout
    assert office in usage
    server.cli("blobs", "quota", "default", "--office", office)
    upload(dev, second)


def test_an_upload_abandoned_for_a_month_gives_its_quota_back(server):
    from sqlalchemy import update

    from sync.server.blob_meta import BlobMeta, blob_uploads

    office = server.new_office()
    dev = server.new_device(office)
    _, sha = attach(dev, PAGE)
    assert patch(dev, sha, 0, PAGE[:10_000], len(PAGE)).status_code == 204
    meta = BlobMeta(server.storage)
    assert meta.usage(office) == (0, len(PAGE))  # reserved while under way
    assert f"stale upload {office}" not in server.cli("blobs", "gc").stdout
    with server.storage.write() as conn:  # as if it had started 31 days ago
        conn.execute(update(blob_uploads).where(blob_uploads.c.sha256 == sha).values(started_ms=1))
    assert f"stale upload {office} {sha}" in server.cli("blobs", "gc").stdout
    server.cli("blobs", "gc", "--yes")
    assert meta.usage(office) == (0, 0)
    assert status(dev, sha)[sha] == {"state": "missing"}
    upload(dev, PAGE)  # the PC can still send it whole later
