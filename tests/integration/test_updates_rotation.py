"""Key rotation end to end: `layan-server release rotate-keys` with the offline root key (brought on its
USB stick), the real server hosting the repository, the real `layan` command. Installed PCs that
trusted the old root follow the root chain (online and sideload); anything signed with a replaced
key is refused afterwards; a wrong or missing root key changes nothing."""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path

import pytest

pytest.importorskip("tuf", reason="tuf is not installed (see docs/UPDATES.md, dependencies)")

from tests.integration.conftest import ServerProc  # noqa: E402
from tests.integration.updates_helpers import UpdateServer, fake_dist, install_initial, layan_json  # noqa: E402

ONLINE = ("targets", "snapshot", "timestamp")


# --- helpers -----------------------------------------------------------------------------------------
def keys_dir(up: UpdateServer) -> Path:
    return up.server.data_dir / "releases" / "keys"


def root_to_usb(up: UpdateServer, tmp: Path) -> Path:
    """What docs/UPDATES.md tells IT to do after init-keys: the root key leaves the server."""
    usb = tmp / "usb"
    usb.mkdir()
    shutil.move(keys_dir(up) / "root.pem", usb / "root.pem")
    return usb / "root.pem"


def rotate(up: UpdateServer, *args: str, check: bool = True):
    return up.server.cli("release", "rotate-keys", *args, check=check)


def keyid(up: UpdateServer, role: str) -> str:
    return json.loads((keys_dir(up) / f"{role}.pub.json").read_text())["keyid"]


def old_key(up: UpdateServer, role: str, generation: int = 0) -> Path:
    """A replaced private key, as rotate-keys set it aside (<role>.pem.old-<stamp>)."""
    kept = sorted(keys_dir(up).glob(f"{role}.pem.old-*"), key=lambda p: p.stat().st_mtime_ns)
    return kept[generation]


def signer_from(pem: Path):
    from cryptography.hazmat.primitives.serialization import load_pem_private_key
    from securesystemslib.signer import CryptoSigner, SSlibKey

    private = load_pem_private_key(pem.read_bytes(), password=None)
    return CryptoSigner(private, SSlibKey.from_crypto(private.public_key()))


def latest(metadata: Path, role: str) -> Path:
    if role == "timestamp":
        return metadata / "timestamp.json"
    return max(metadata.glob(f"*.{role}.json"), key=lambda p: int(p.name.split(".")[0]))


def trusted_root_version(data: Path) -> int:
    return json.loads((data / "updates" / "metadata" / "root.json").read_text())["signed"]["version"]


def tree(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), stat.S_IMODE(p.stat().st_mode))
            for p in sorted(folder.rglob("*")) if p.is_file()}


def new_pc(up: UpdateServer, tmp: Path, name: str, dist: Path, *, layan_args: tuple = ()) -> tuple[Path, Path]:
    data, home = tmp / f"pc-{name}", tmp / f"app-{name}"
    up.provision(up.office_code, data, layan_args=layan_args)
    install_initial(home, dist, "0.1.0")
    return data, home


def check(data: Path, home: Path) -> dict:
    return layan_json(data, "update", "check", "--app-home", home)


@pytest.fixture
def up(tmp_path):
    """A server with 0.1.0 and 0.2.0 published and the root key moved to a "USB stick"."""
    server = ServerProc(tmp_path / "server").start()
    try:
        up = UpdateServer(server, tmp_path)
        up.dists = {v: fake_dist(tmp_path / f"dist-{v}", v, big=5_000) for v in ("0.1.0", "0.2.0", "0.3.0", "0.4.0")}
        up.publish(up.dists["0.1.0"], "0.1.0")
        up.publish(up.dists["0.2.0"], "0.2.0")
        up.office_code = up.office()
        up.root_key = root_to_usb(up, tmp_path)
        yield up
    finally:
        server.stop()


# --- tests -------------------------------------------------------------------------------------------
def test_clients_that_trusted_the_old_root_follow_a_rotation_of_online_keys_then_of_root(up, tmp_path):
    dist = up.dists["0.1.0"]
    seen, fresh = new_pc(up, tmp_path, "seen", dist), new_pc(up, tmp_path, "fresh", dist)
    offline = new_pc(up, tmp_path, "offline", dist, layan_args=("--no-enroll",))
    report = check(*seen)  # holds root 1 and metadata signed with the old online keys
    assert report["ok"] and report["state"] == "available" and report["version"] == "0.2.0", report
    assert trusted_root_version(seen[0]) == 1
    before = {role: keyid(up, role) for role in (*ONLINE, "root")}

    # 1. targets + snapshot + timestamp (the default), with the root key from the stick.
    out = rotate(up, "--root-key", str(up.root_key)).stdout
    assert "keys replaced: targets, snapshot, timestamp; root.json is now version 2" in out
    keys = keys_dir(up)
    for role in ONLINE:
        assert keyid(up, role) != before[role]
        assert stat.S_IMODE((keys / f"{role}.pem").stat().st_mode) == 0o600
        kept = old_key(up, role)
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600
        assert signer_from(kept).public_key.keyid == before[role]  # the old key, set aside
        assert (keys / f"{role}.pem").read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    assert keyid(up, "root") == before["root"] and not (keys / "root.pem").exists()  # root untouched, still offline
    root2 = json.loads((up.repo / "metadata" / "2.root.json").read_text())
    assert root2["signed"]["version"] == 2 and (up.repo / "metadata" / "root.json").read_bytes() == \
        (up.repo / "metadata" / "2.root.json").read_bytes()
    assert {r: root2["signed"]["roles"][r]["keyids"] for r in ONLINE} == {r: [keyid(up, r)] for r in ONLINE}
    assert [s["keyid"] for s in root2["signatures"]] == [before["root"]]

    # Publishing goes on with the new targets key; every kind of client gets the new release.
    up.publish(up.dists["0.3.0"], "0.3.0")
    report = check(*seen)
    assert report["ok"] and report["version"] == "0.3.0", report
    assert trusted_root_version(seen[0]) == 2  # walked 1 -> 2 first
    report = layan_json(fresh[0], "update", "apply", "--app-home", fresh[1])  # had only the provisioned root 1
    assert report["ok"] and report["state"] == "staged" and report["version"] == "0.3.0", report
    assert trusted_root_version(fresh[0]) == 2
    stick = tmp_path / "stick"
    up.server.cli("release", "export-sideload", str(stick))
    report = layan_json(offline[0], "update", "sideload", stick, "--app-home", offline[1])  # no link at all
    assert report["ok"] and report["state"] == "staged" and report["version"] == "0.3.0", report
    assert trusted_root_version(offline[0]) == 2

    # 2. The root key itself: root 3 is signed by the old and the new root key.
    out = rotate(up, "--root-key", str(up.root_key), "--new-root").stdout
    assert "keys replaced: root; root.json is now version 3" in out and "IMPORTANT" in out
    new_root_key = keys / "root.pem"
    assert stat.S_IMODE(new_root_key.stat().st_mode) == 0o600
    root3 = json.loads((up.repo / "metadata" / "3.root.json").read_text())
    assert {r: root3["signed"]["roles"][r]["keyids"] for r in ONLINE} == {r: [keyid(up, r)] for r in ONLINE}
    assert sorted(s["keyid"] for s in root3["signatures"]) == sorted([before["root"], keyid(up, "root")])
    assert root3["signed"]["roles"]["root"]["keyids"] == [keyid(up, "root")] != [before["root"]]
    shutil.move(new_root_key, tmp_path / "usb" / "root-new.pem")  # back to the stick, off the server
    # The old root key signs nothing any more.
    res = rotate(up, "--root-key", str(up.root_key), check=False)
    assert res.returncode == 2 and "does not match root.json (version 3)" in res.stderr, res.stderr

    up.publish(up.dists["0.4.0"], "0.4.0")
    report = check(*seen)
    assert report["ok"] and report["version"] == "0.4.0", report
    assert trusted_root_version(seen[0]) == 3
    # A PC provisioned now trusts only the current root (not root 1 and its replaced key).
    late = new_pc(up, tmp_path, "late", dist)
    assert json.loads((late[0] / "updates" / "bootstrap-root.json").read_text())["signed"]["version"] == 3
    report = layan_json(late[0], "update", "apply", "--app-home", late[1])
    assert report["ok"] and report["state"] == "staged" and report["version"] == "0.4.0", report
    # ... and the new root key from the stick rotates again.
    out = rotate(up, "--root-key", str(tmp_path / "usb" / "root-new.pem"), "--role", "timestamp").stdout
    assert "keys replaced: timestamp; root.json is now version 4" in out
    report = check(*seen)
    assert report["ok"] and report["version"] == "0.4.0", report
    assert trusted_root_version(seen[0]) == 4


def test_metadata_signed_with_a_replaced_key_is_refused(up, tmp_path):
    from tuf.api.metadata import Metadata, MetaFile
    from tuf.api.serialization.json import JSONSerializer

    dist = up.dists["0.1.0"]
    seen, never = new_pc(up, tmp_path, "seen", dist), new_pc(up, tmp_path, "never", dist)
    assert check(*seen)["version"] == "0.2.0"
    metadata = up.repo / "metadata"
    old_timestamp = (metadata / "timestamp.json").read_bytes()  # signed with the old timestamp key
    rotate(up, "--root-key", str(up.root_key))
    good = tree(metadata)
    assert check(*seen)["ok"]

    def serve(files: dict[str, bytes]) -> None:
        for name, data in files.items():
            (metadata / name).write_bytes(data)

    def restore() -> None:
        for path in metadata.iterdir():
            if path.name not in good:
                path.unlink()
        serve({name: data for name, (data, _mode) in good.items()})

    # The old timestamp put back (what a mirror or proxy still has): a PC that never saw the new one
    # walks to root 2 first and refuses the old key's signature, not just an old version.
    serve({"timestamp.json": old_timestamp})
    report = check(*never)
    assert not report["ok"] and report["error"] == "untrusted", report
    assert "tanda tangan" in report["message"] and "timestamp was signed by 0/1 keys" in report["message_en"], report
    assert trusted_root_version(never[0]) == 2
    restore()
    assert check(*never)["ok"]

    # Someone who stole the old online keys signs NEWER metadata with them (a "release" of their own).
    def forge(keys: dict[str, Path]) -> dict[str, bytes]:
        targets = Metadata.from_file(str(latest(metadata, "targets")))
        snapshot = Metadata.from_file(str(latest(metadata, "snapshot")))
        timestamp = Metadata.from_file(str(latest(metadata, "timestamp")))
        targets.signed.version += 10
        snapshot.signed.version += 10
        snapshot.signed.meta["targets.json"] = MetaFile(version=targets.signed.version)
        timestamp.signed.version += 10
        timestamp.signed.snapshot_meta = MetaFile(version=snapshot.signed.version)
        files = {}
        for role, md in (("targets", targets), ("snapshot", snapshot), ("timestamp", timestamp)):
            md.signatures.clear()
            md.sign(signer_from(keys[role]))
            name = "timestamp.json" if role == "timestamp" else f"{md.signed.version}.{role}.json"
            files[name] = md.to_bytes(JSONSerializer(compact=False))
        return files

    serve(forge({role: old_key(up, role) for role in ONLINE}))
    report = check(*seen)
    assert not report["ok"] and report["error"] == "untrusted", report
    assert "tanda tangan" in report["message"] and "timestamp was signed by 0/1 keys" in report["message_en"], report
    # With the real metadata back the PC carries on: nothing forged was taken in.
    restore()
    report = check(*seen)
    assert report["ok"] and report["version"] == "0.2.0", report
    # Only the targets key is an old one (the online keys of today signed the rest): refused at targets.
    serve(forge({"targets": old_key(up, "targets"), "snapshot": keys_dir(up) / "snapshot.pem",
                 "timestamp": keys_dir(up) / "timestamp.pem"}))
    report = check(*seen)
    assert not report["ok"] and report["error"] == "untrusted", report
    assert "targets was signed by 0/1 keys" in report["message_en"], report
    # That timestamp and snapshot were validly signed, so the PC now holds their inflated versions and
    # refuses the real (lower) ones as a rollback: the way out is to replace those keys too.
    restore()
    report = check(*seen)
    assert not report["ok"] and report["error"] == "rollback", report
    rotate(up, "--root-key", str(up.root_key), "--role", "snapshot", "--role", "timestamp")
    report = check(*seen)  # its old-key timestamp/snapshot no longer verify: it starts from the new ones
    assert report["ok"] and report["version"] == "0.2.0", report
    assert trusted_root_version(seen[0]) == 3


def test_a_wrong_or_missing_root_key_is_refused_and_nothing_changes(tmp_path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    server = ServerProc(tmp_path / "server")  # the release commands need no running server
    up = UpdateServer(server, tmp_path)
    root_key = root_to_usb(up, tmp_path)
    releases = server.data_dir / "releases"
    before = tree(releases)
    wrong = tmp_path / "usb" / "other-root.pem"
    wrong.write_bytes(Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    not_a_key = tmp_path / "usb" / "notes.txt"
    not_a_key.write_text("kunci root ada di brankas\n")

    cases = [
        ((), ["No root key at", "kunci root tidak ada", "--root-key"]),  # deleted from the server, as the docs say
        (("--root-key", str(tmp_path / "usb" / "missing.pem")), ["No root key at", "kunci root tidak ada"]),
        (("--root-key", str(wrong)), ["does not match root.json (version 1)", "kunci root tidak cocok",
                                      "nothing was changed"]),
        (("--root-key", str(wrong), "--new-root"), ["does not match root.json"]),
        (("--root-key", str(root_key.with_name("notes.txt"))), ["not an unencrypted PEM", "kunci root"]),
        (("--root-key", str(keys_dir(up) / "targets.pem"), "--role", "targets"), ["does not match root.json"]),
    ]
    for args, needles in cases:
        res = rotate(up, *args, check=False)
        assert res.returncode == 2, (args, res.stdout, res.stderr)
        assert res.stderr.startswith("error: "), res.stderr
        for needle in needles:
            assert needle in res.stderr, (args, needle, res.stderr)
        assert tree(releases) == before, f"rotate-keys {args} changed files"

    # The right key from the stick works (the refusals were about the key).
    out = rotate(up, "--root-key", str(root_key), "--role", "timestamp").stdout
    assert "keys replaced: timestamp; root.json is now version 2" in out
    assert tree(releases) != before
