"""The S3 blob store against a real S3-compatible HTTP endpoint on loopback: moto's server
(``moto[server]``, a Flask app speaking the S3 REST API), with boto3 as the server uses it.
Skipped when boto3 or moto is not installed (the ``server-s3`` extra is optional)."""

from __future__ import annotations

import hashlib
import os

import pytest

from tests.integration.conftest import free_port
from tests.integration.test_blob_server import attach, patch, status, upload

boto3 = pytest.importorskip("boto3")
moto_server = pytest.importorskip("moto.server")

BUCKET = "layan-blobs"


@pytest.fixture(scope="module")
def s3(tmp_path_factory):
    """A moto S3 endpoint on 127.0.0.1 with one bucket; credentials are moto's dummies."""
    mp = pytest.MonkeyPatch()
    for key, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                       "AWS_DEFAULT_REGION": "us-east-1"}.items():
        mp.setenv(key, value)
    port = free_port()
    srv = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    srv.start()
    endpoint = f"http://127.0.0.1:{port}"
    boto3.client("s3", endpoint_url=endpoint).create_bucket(Bucket=BUCKET)
    yield endpoint
    srv.stop()
    mp.undo()


def test_s3_store_single_put_multipart_and_ranges(s3, tmp_path):
    from sync.server.blobs import S3Blobs

    store = S3Blobs(f"s3://{BUCKET}/unit", endpoint=s3)
    for size in (150_000, 9 * 1024 * 1024):  # one PUT; a multipart upload (above 8 MiB)
        data = os.urandom(size)
        sha = hashlib.sha256(data).hexdigest()
        path = tmp_path / f"{sha}.part"
        path.write_bytes(data)
        assert not store.has(sha) and store.size(sha) is None
        store.store(sha, path)
        assert store.has(sha) and store.size(sha) == size
        assert b"".join(store.read(sha, 0, size)) == data
        assert b"".join(store.read(sha, 1000, 5000)) == data[1000:6000]
        store.store(sha, path)  # again: left as it is
        store.remove(sha)
        assert not store.has(sha)
    with pytest.raises(ValueError):
        store.key("../../etc/passwd")


def test_server_keeps_blobs_in_s3(s3, fresh_server, monkeypatch):
    monkeypatch.setenv("LAYAN_BLOB_STORE", f"s3://{BUCKET}/centre")
    monkeypatch.setenv("LAYAN_S3_ENDPOINT", s3)
    server = fresh_server()
    dev = server.new_device(server.new_office())
    data = os.urandom(300_000)
    _, sha = attach(dev, data)
    assert patch(dev, sha, 0, data[:100_000], len(data)).headers["Upload-Offset"] == "100000"
    client = boto3.client("s3", endpoint_url=s3)
    listed = client.list_objects_v2(Bucket=BUCKET, Prefix="centre/").get("Contents", [])
    assert listed == []  # nothing in the bucket before every byte is verified
    bad = bytearray(data[100_000:])
    bad[0] ^= 1
    assert patch(dev, sha, 100_000, bytes(bad), len(data)).status_code == 422
    assert client.list_objects_v2(Bucket=BUCKET, Prefix="centre/").get("Contents", []) == []
    upload(dev, data)
    keys = [o["Key"] for o in client.list_objects_v2(Bucket=BUCKET, Prefix="centre/")["Contents"]]
    assert keys == [f"centre/{sha[:2]}/{sha}"]
    assert not (server.data_dir / "blobs").exists() or not any((server.data_dir / "blobs").rglob("*.*"))
    assert status(dev, sha)[sha]["state"] == "stored"
    r = dev.raw(f"/v1/blobs/{sha}", method="GET", headers={"Range": "bytes=5-104"})
    assert r.status_code == 206 and r.content == data[5:105]
    assert dev.raw(f"/v1/blobs/{sha}", method="GET").content == data
