"""Releases: the signed update repository (TUF) that the central server hosts, and provisioning files.

Layout in the server's data folder::

    releases/keys/{root,targets,snapshot,timestamp}.pem     private keys (ed25519, PKCS8, mode 0600)
    releases/keys/*.pub.json                                public keys
    releases/repo/metadata/  1.root.json …, N.targets.json, N.snapshot.json, timestamp.json
    releases/repo/targets/layan/index.json (as <sha256>.index.json) and
                          layan/<platform>/<sha256>.layan-X.Y.Z.tar.xz, …-from-W.delta.tar.xz
    releases/manifests/<platform>/X.Y.Z.json                 what each published version holds
    releases/pilot-offices.json                              the pilot channel's offices

The repository is plain TUF (python-tuf's Metadata API here, its ngclient in the app) with
consistent snapshots, so every file a client downloads has a unique, immutable URL and a mid-way
publish never mixes two states. The release list that clients read is itself a signed target
(``layan/index.json``): per release its version, platform, channel and office allow-list.

HTTP (no token needed: the repository is public data, its integrity comes from the signatures)::

    GET /v1/updates/metadata/{name}     TUF metadata (timestamp.json, N.snapshot.json, …)
    GET /v1/updates/targets/{path}      archives; HTTP Range supported (resumable downloads)

CLI: ``layan-server release init-keys|rotate-keys|publish|promote|list|pilot|refresh|export-sideload``
and ``layan-server provision-file``. See docs/UPDATES.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import lzma
import os
import re
import shutil
import sys
import tarfile
import tempfile
from pathlib import Path

ROLES = ("root", "targets", "snapshot", "timestamp")
ONLINE_ROLES = ("targets", "snapshot", "timestamp")  # the keys `rotate-keys` replaces (root: --new-root)
EXPIRY_DAYS = {"root": 3650, "targets": 400, "snapshot": 400, "timestamp": 45}
INDEX_PATH = "layan/index.json"
MANIFEST = ".layan-manifest.json"
VERSION_RE = re.compile(r"^\d+\.\d+\.\d+$")
CHANNELS = ("stable", "pilot")
DELTA_BASES = 3  # a new release also gets patches from the last N versions of its platform
KEEP_RELEASES = 8  # per platform, in the signed index (older ones drop out; their files stay)
XZ_PRESET = 8  # 32 MiB dictionary: files repeated within the app folder compress as one


class ReleaseError(Exception):
    def __init__(self, message: str, message_en: str, exit_code: int = 1):
        super().__init__(message_en)
        self.message = message
        self.message_en = message_en
        self.exit_code = exit_code  # 2: the offline root key is missing or wrong (nothing was changed)


def _vkey(version: str) -> tuple[int, ...]:
    return tuple(int(x) for x in version.split("."))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# --- manifests and archives --------------------------------------------------------------------------
def build_manifest(dist_dir: Path, version: str, platform: str) -> dict:
    """Every file of a frozen app folder: sha256, size, executable bit; symlinks by target."""
    dist_dir = Path(dist_dir)
    files: dict[str, dict] = {}
    for path in sorted(dist_dir.rglob("*")):
        rel = path.relative_to(dist_dir).as_posix()
        if rel == MANIFEST or path.is_dir() and not path.is_symlink():
            continue
        if path.is_symlink():
            target = os.readlink(path)
            if os.path.isabs(target) or ".." in Path(target).parts:
                raise ReleaseError(f"Tautan {rel} menunjuk ke luar folder.", f"Symlink {rel} points outside the folder.")
            files[rel] = {"link": target}
            continue
        files[rel] = {"sha256": sha256_file(path), "size": path.stat().st_size,
                      "exec": bool(path.stat().st_mode & 0o111)}
    return {"format": 1, "version": version, "platform": platform, "files": files}


def detect_platform(dist_dir: Path) -> str:
    if (Path(dist_dir) / "layan.exe").exists():
        return "windows-x86_64"
    if (Path(dist_dir) / "layan").exists():
        return "linux-x86_64"
    raise ReleaseError(f"{dist_dir} bukan folder aplikasi Layan (tidak ada layan / layan.exe).",
                       f"{dist_dir} is not a Layan app folder (no layan / layan.exe).")


def _file_order(manifest: dict, names) -> list[str]:
    # Same-content files next to each other, so the xz dictionary sees the second one as a repeat.
    return sorted(names, key=lambda n: (manifest["files"][n].get("sha256", ""), n))


def write_archive(dist_dir: Path, manifest: dict, names, out: Path, extra: dict | None = None) -> None:
    """tar.xz of ``names`` (paths in the manifest) plus the manifest itself (and ``extra`` JSON files)."""
    dist_dir = Path(dist_dir)
    with lzma.open(out, "wb", preset=XZ_PRESET) as xz, tarfile.open(fileobj=xz, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, obj in [(MANIFEST, manifest), *(extra or {}).items()]:
            data = json.dumps(obj, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = len(data), 0o644, 0
            tar.addfile(info, io.BytesIO(data))
        for name in _file_order(manifest, names):
            entry = manifest["files"][name]
            path = dist_dir / name
            info = tarfile.TarInfo(name)
            info.mtime = 0
            if "link" in entry:
                info.type, info.linkname, info.mode = tarfile.SYMTYPE, entry["link"], 0o777
                tar.addfile(info)
                continue
            info.size, info.mode = entry["size"], 0o755 if entry["exec"] else 0o644
            with open(path, "rb") as f:
                tar.addfile(info, f)


# --- the repository ----------------------------------------------------------------------------------
class Repository:
    def __init__(self, server_data: Path | str):
        self.root = Path(server_data) / "releases"
        self.keys_dir = self.root / "keys"
        self.metadata_dir = self.root / "repo" / "metadata"
        self.targets_dir = self.root / "repo" / "targets"
        self.manifests_dir = self.root / "manifests"
        self.pilot_file = self.root / "pilot-offices.json"

    @property
    def initialized(self) -> bool:
        return (self.metadata_dir / "root.json").is_file()

    # keys
    def init_keys(self, *, force: bool = False) -> list[Path]:
        from securesystemslib.signer import CryptoSigner
        from tuf.api.metadata import Metadata, Root, Snapshot, Targets, Timestamp

        if self.initialized and not force:
            raise ReleaseError("Kunci repositori pembaruan sudah ada (gunakan --force untuk mengganti semua).",
                               "The update repository keys exist already (--force replaces everything).")
        if force:
            shutil.rmtree(self.root / "repo", ignore_errors=True)
        self.keys_dir.mkdir(parents=True, exist_ok=True)
        os.chmod(self.keys_dir, 0o700)
        written = []
        root = Root(expires=_now() + dt.timedelta(days=EXPIRY_DAYS["root"]), consistent_snapshot=True)
        signers = {}
        for role in ROLES:
            signer = CryptoSigner.generate_ed25519()
            signers[role] = signer
            written += self._write_key(role, signer)
            root.add_key(signer.public_key, role)
        self.metadata_dir.mkdir(parents=True, exist_ok=True)
        self.targets_dir.mkdir(parents=True, exist_ok=True)
        md_root = Metadata(root)
        md_root.sign(signers["root"])
        self._write(md_root, "root")
        targets = Metadata(Targets(expires=_now() + dt.timedelta(days=EXPIRY_DAYS["targets"])))
        self._save_index(targets, {"format": 1, "releases": []})
        snapshot = Metadata(Snapshot(expires=_now() + dt.timedelta(days=EXPIRY_DAYS["snapshot"])))
        timestamp = Metadata(Timestamp(expires=_now() + dt.timedelta(days=EXPIRY_DAYS["timestamp"])))
        targets.signed.version = 1
        self._sign_and_write(targets, snapshot, timestamp, signers=signers, bump=False)
        return written

    def _write_key(self, role: str, signer, *, set_aside: str | None = None) -> list[Path]:
        """keys/<role>.pem (PKCS8 PEM, 0600) and keys/<role>.pub.json; with ``set_aside`` (a date stamp)
        the current pair is first renamed to <name>.old-<stamp> (kept 0600, never overwritten)."""
        self.keys_dir.mkdir(parents=True, exist_ok=True)
        os.chmod(self.keys_dir, 0o700)
        pem, pub = self.keys_dir / f"{role}.pem", self.keys_dir / f"{role}.pub.json"
        kept = []
        if set_aside:
            for path in (pem, pub):
                if path.exists():
                    old, n = path.with_name(f"{path.name}.old-{set_aside}"), 1
                    while old.exists():
                        n += 1
                        old = path.with_name(f"{path.name}.old-{set_aside}-{n}")
                    os.replace(path, old)
                    kept.append(old)
        tmp = self.keys_dir / f".{role}.pem.tmp"
        tmp.unlink(missing_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(signer.private_bytes)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, pem)
        tmp = self.keys_dir / f".{role}.pub.json.tmp"
        tmp.write_text(json.dumps({"keyid": signer.public_key.keyid, **signer.public_key.to_dict()}, indent=1))
        os.replace(tmp, pub)
        return [pem, pub, *kept]

    def root_signer(self, root_md, path: Path | str | None = None):
        """The offline root key (from its USB stick, or keys/root.pem if it is still here), checked
        against the root role of ``root_md``. Raises ReleaseError(exit_code=2) when it is missing,
        unreadable or not one of the root keys."""
        from cryptography.exceptions import UnsupportedAlgorithm
        from cryptography.hazmat.primitives.serialization import load_pem_private_key
        from securesystemslib.signer import CryptoSigner, SSlibKey

        path = Path(path) if path else self.keys_dir / "root.pem"
        if not path.is_file():
            raise ReleaseError(
                f"Kunci root tidak ada di {path}. Kunci root disimpan offline: pasang flashdisk-nya dan "
                "beri --root-key, mis. --root-key E:\\root.pem",
                f"No root key at {path} (kunci root tidak ada). The root key is kept offline: attach its USB "
                "stick and pass --root-key, e.g. --root-key E:\\root.pem", exit_code=2)
        try:
            private = load_pem_private_key(path.read_bytes(), password=None)
            public = SSlibKey.from_crypto(private.public_key())
        except (OSError, ValueError, TypeError, UnsupportedAlgorithm) as e:
            raise ReleaseError(f"{path} bukan kunci privat PEM (PKCS8) tanpa sandi: kunci root tidak dapat dibaca.",
                               f"{path} is not an unencrypted PEM (PKCS8) private key (kunci root tidak dapat "
                               f"dibaca): {e}", exit_code=2) from e
        role = root_md.signed.roles["root"]
        if public.keyid not in role.keyids:
            version = root_md.signed.version
            raise ReleaseError(
                f"Kunci root di {path} tidak cocok dengan root.json (versi {version}). Tidak ada yang diubah.",
                f"The root key {path} does not match root.json (version {version}) (kunci root tidak cocok); "
                "nothing was changed. Use the root key of this repository (after a --new-root rotation: "
                "the new one).", exit_code=2)
        return CryptoSigner(private, public)

    def rotate_keys(self, roles: list[str] | None = None, *, root_key: Path | str | None = None,
                    new_root: bool = False) -> dict:
        """Replaces signing keys (docs/UPDATES.md, 'Key handling'): new ed25519 keys for ``roles``
        (default: targets, snapshot and timestamp; none when only ``new_root``), a new N+1.root.json
        signed with the offline root key (with ``new_root`` also with the new root key: TUF wants both
        the old and the new threshold), then targets (when its key changed), snapshot and timestamp
        re-signed with the new keys as new versions, timestamp last. Clients walk the root chain
        (N -> N+1) and from then on refuse anything signed with a replaced key.

        Everything is checked before anything is written: a missing or wrong root key changes nothing
        (ReleaseError, exit_code 2). Old key files stay as keys/<role>.pem.old-<UTC stamp>. If it is
        interrupted, run it again (root.json still names the old keys until the new root is written)."""
        from securesystemslib.signer import CryptoSigner

        roles = list(dict.fromkeys(roles)) if roles else ([] if new_root else list(ONLINE_ROLES))
        unknown = [r for r in roles if r not in ONLINE_ROLES]
        if unknown:
            raise ReleaseError(f"Peran tidak dikenal: {', '.join(unknown)} (pilih {', '.join(ONLINE_ROLES)}).",
                               f"Unknown role: {', '.join(unknown)} (one of {', '.join(ONLINE_ROLES)}).")
        current = self.load("root")
        old_root = self.root_signer(current, root_key)
        # The online keys that stay must be here: snapshot and timestamp are always re-signed.
        signers = {role: self.signer(role) for role in ("snapshot", "timestamp") if role not in roles}
        fresh = {role: CryptoSigner.generate_ed25519() for role in [*roles, *(["root"] if new_root else [])]}

        md_root = self.load("root")
        root = md_root.signed
        for role, signer in fresh.items():
            for keyid in list(root.roles[role].keyids):
                root.revoke_key(keyid, role)
            root.add_key(signer.public_key, role)
        root.version += 1
        root.expires = _now() + dt.timedelta(days=EXPIRY_DAYS["root"])
        md_root.signatures.clear()
        md_root.sign(old_root, append=True)
        if new_root:
            md_root.sign(fresh["root"], append=True)
        current.verify_delegate("root", md_root)  # what a client holding root N checks ...
        md_root.verify_delegate("root", md_root)  # ... and root N+1's own threshold

        # The new keys first (a key is never lost), then targets -> snapshot -> root -> timestamp.
        stamp = _now().strftime("%Y%m%dT%H%M%SZ")
        written = []
        for role, signer in fresh.items():
            written += self._write_key(role, signer, set_aside=stamp)
        targets = self.load("targets") if "targets" in fresh else None
        self._sign_and_write(targets, signers={**signers, **fresh}, root=md_root, resign_snapshot=True)
        return {"root_version": root.version, "rotated": list(fresh), "files": written,
                "root_key_on_server": (self.keys_dir / "root.pem").exists()}

    def signer(self, role: str):
        from securesystemslib.signer import CryptoSigner, SSlibKey

        pem, pub = self.keys_dir / f"{role}.pem", self.keys_dir / f"{role}.pub.json"
        if not pem.is_file():
            raise ReleaseError(
                f"Kunci {role} tidak ada di {self.keys_dir}. Jalankan: layan-server release init-keys"
                + (" (kunci root disimpan offline: pasang dulu)" if role == "root" else ""),
                f"No {role} key in {self.keys_dir}. Run: layan-server release init-keys"
                + (" (the root key is kept offline: attach it first)" if role == "root" else ""))
        data = json.loads(pub.read_text())
        keyid = data.pop("keyid")
        return CryptoSigner.from_priv_key_uri(f"file2:{pem}", SSlibKey.from_dict(keyid, data))

    # metadata files
    def _path(self, role: str, version: int | None = None) -> Path:
        if role == "timestamp":
            return self.metadata_dir / "timestamp.json"
        return self.metadata_dir / f"{version}.{role}.json"

    def load(self, role: str):
        from tuf.api.metadata import Metadata

        if not self.initialized:
            raise ReleaseError("Repositori pembaruan belum dibuat. Jalankan: layan-server release init-keys",
                               "No update repository yet. Run: layan-server release init-keys")
        if role == "timestamp":
            return Metadata.from_file(str(self._path("timestamp")))
        if role == "root":
            return Metadata.from_file(str(self.metadata_dir / "root.json"))
        versions = [int(p.name.split(".")[0]) for p in self.metadata_dir.glob(f"*.{role}.json")]
        return Metadata.from_file(str(self._path(role, max(versions))))

    def _write(self, md, role: str) -> None:
        from tuf.api.serialization.json import JSONSerializer

        data = md.to_bytes(JSONSerializer(compact=False))
        targets = [self._path(role, md.signed.version)]
        if role == "root":
            targets.append(self.metadata_dir / "root.json")
        for path in targets:
            tmp = path.with_name(f".{path.name}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, path)

    def _sign_and_write(self, targets, snapshot=None, timestamp=None, *, signers=None, bump=True,
                        timestamp_days: float | None = None, root=None, resign_snapshot: bool = False) -> None:
        """targets -> snapshot -> (root) -> timestamp, each a new version, written in that order (a client
        that reads timestamp.json meanwhile still finds the complete older state). ``root``: an already
        signed new root (key rotation), written just before the timestamp; ``resign_snapshot``: a new
        snapshot even without new targets (its key changed)."""
        from tuf.api.metadata import MetaFile

        signers = signers or {}
        get = lambda role: signers.get(role) or self.signer(role)  # noqa: E731
        snapshot = snapshot or self.load("snapshot")
        timestamp = timestamp or self.load("timestamp")
        now = _now()
        if targets is not None:
            if bump:
                targets.signed.version += 1
            targets.signed.expires = now + dt.timedelta(days=EXPIRY_DAYS["targets"])
            targets.signatures.clear()
            targets.sign(get("targets"))
            self._write(targets, "targets")
            snapshot.signed.meta["targets.json"] = MetaFile(version=targets.signed.version)
        if targets is not None or resign_snapshot:
            if bump:
                snapshot.signed.version += 1
            snapshot.signed.expires = now + dt.timedelta(days=EXPIRY_DAYS["snapshot"])
            snapshot.signatures.clear()
            snapshot.sign(get("snapshot"))
            self._write(snapshot, "snapshot")
        if root is not None:
            self._write(root, "root")
        timestamp.signed.snapshot_meta = MetaFile(version=snapshot.signed.version)
        if bump or targets is None:
            timestamp.signed.version += 1
        timestamp.signed.expires = now + dt.timedelta(days=timestamp_days or EXPIRY_DAYS["timestamp"])
        timestamp.signatures.clear()
        timestamp.sign(get("timestamp"))
        self._write(timestamp, "timestamp")

    # targets
    def _add_target(self, targets, path: str, local: Path, custom: dict | None = None) -> dict:
        """Copies ``local`` into the repository as <sha256>.<name> and lists it in ``targets``."""
        from tuf.api.metadata import TargetFile

        info = TargetFile.from_file(path, str(local), ["sha256"])
        if custom:
            info.unrecognized_fields["custom"] = custom
        folder, name = (self.targets_dir / path).parent, Path(path).name
        folder.mkdir(parents=True, exist_ok=True)
        dest = folder / f"{info.hashes['sha256']}.{name}"
        if not dest.exists():
            tmp = folder / f".{name}.tmp"
            shutil.copyfile(local, tmp)
            os.replace(tmp, dest)
        targets.signed.targets[path] = info
        return {"path": path, "length": info.length, "sha256": info.hashes["sha256"]}

    def index(self) -> dict:
        targets = self.load("targets")
        info = targets.signed.targets.get(INDEX_PATH)
        if info is None:
            return {"format": 1, "releases": []}
        return json.loads((self.targets_dir / "layan" / f"{info.hashes['sha256']}.index.json").read_text())

    def _save_index(self, targets, index: dict) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            local = Path(tmp) / "index.json"
            local.write_text(json.dumps(index, indent=1, sort_keys=True))
            self._add_target(targets, INDEX_PATH, local)

    def pilot_offices(self) -> list[str]:
        try:
            return sorted(json.loads(self.pilot_file.read_text()))
        except (OSError, ValueError):
            return []

    def set_pilot_offices(self, offices: list[str]) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self.pilot_file.write_text(json.dumps(sorted(set(offices))))

    def publish(self, dist_dir: Path | str, version: str, *, channel: str = "stable",
                offices: list[str] | None = None, platform: str | None = None, notes: str = "",
                log=lambda msg: None) -> dict:
        dist_dir = Path(dist_dir)
        if not VERSION_RE.match(version):
            raise ReleaseError("Versi harus berbentuk X.Y.Z, mis. 0.2.0.", "The version must be X.Y.Z, e.g. 0.2.0.")
        if channel not in CHANNELS:
            raise ReleaseError(f"Kanal harus salah satu dari {', '.join(CHANNELS)}.",
                               f"The channel must be one of {', '.join(CHANNELS)}.")
        if not dist_dir.is_dir():
            raise ReleaseError(f"Folder {dist_dir} tidak ada.", f"No folder {dist_dir}.")
        platform = platform or detect_platform(dist_dir)
        targets = self.load("targets")
        index = self.index()
        if any(r["version"] == version and r["platform"] == platform for r in index["releases"]):
            raise ReleaseError(f"Versi {version} ({platform}) sudah diterbitkan; naikkan nomor versi.",
                               f"Version {version} ({platform}) is published already; raise the version number.")
        if offices is None and channel == "pilot":
            offices = self.pilot_offices()
        manifest = build_manifest(dist_dir, version, platform)
        log(f"{len(manifest['files'])} files")
        release = {"version": version, "platform": platform, "channel": channel, "offices": sorted(offices or []),
                   "published_at": _now().isoformat(), "notes": notes, "deltas": []}
        with tempfile.TemporaryDirectory(dir=self.root) as tmp:
            full = Path(tmp) / f"layan-{version}.tar.xz"
            write_archive(dist_dir, manifest, list(manifest["files"]), full)
            custom = {"layan": {k: release[k] for k in ("version", "platform", "channel", "offices")}}
            release["full"] = self._add_target(targets, f"layan/{platform}/layan-{version}.tar.xz", full,
                                               {"layan": {**custom["layan"], "kind": "full"}})
            log(f"full archive: {release['full']['length']} bytes")
            for base in self._delta_bases(platform, version):
                base_manifest = json.loads((self.manifests_dir / platform / f"{base}.json").read_text())
                have = {e.get("sha256") for e in base_manifest["files"].values()}
                names = [n for n, e in manifest["files"].items() if "sha256" in e and e["sha256"] not in have]
                delta = Path(tmp) / f"layan-{version}-from-{base}.delta.tar.xz"
                write_archive(dist_dir, manifest, names, delta, extra={".layan-delta.json": {"base": base}})
                entry = self._add_target(targets, f"layan/{platform}/layan-{version}-from-{base}.delta.tar.xz", delta,
                                         {"layan": {**custom["layan"], "kind": "delta", "base": base}})
                release["deltas"].append({"base": base, **entry})
                log(f"patch from {base}: {entry['length']} bytes ({len(names)} changed files)")
        (self.manifests_dir / platform).mkdir(parents=True, exist_ok=True)
        (self.manifests_dir / platform / f"{version}.json").write_text(json.dumps(manifest))
        index["releases"].append(release)
        index["releases"] = self._pruned(index["releases"], targets)
        self._save_index(targets, index)
        self._sign_and_write(targets)
        return release

    def _delta_bases(self, platform: str, version: str) -> list[str]:
        have = [p.stem for p in (self.manifests_dir / platform).glob("*.json")] if (self.manifests_dir / platform).is_dir() else []
        older = sorted((v for v in have if VERSION_RE.match(v) and _vkey(v) < _vkey(version)), key=_vkey)
        return older[-DELTA_BASES:]

    @staticmethod
    def _pruned(releases: list[dict], targets) -> list[dict]:
        keep = []
        for platform in {r["platform"] for r in releases}:
            mine = sorted((r for r in releases if r["platform"] == platform), key=lambda r: _vkey(r["version"]))
            keep += mine[-KEEP_RELEASES:]
            for old in mine[:-KEEP_RELEASES]:
                for entry in [old["full"], *old["deltas"]]:
                    targets.signed.targets.pop(entry["path"], None)
        return sorted(keep, key=lambda r: (r["platform"], _vkey(r["version"])))

    def promote(self, version: str, *, channel: str = "stable", offices: list[str] | None = None,
                platform: str | None = None) -> list[dict]:
        """Changes who sees a published release (e.g. pilot -> stable): a new signed index."""
        if channel not in CHANNELS:
            raise ReleaseError(f"Kanal harus salah satu dari {', '.join(CHANNELS)}.",
                               f"The channel must be one of {', '.join(CHANNELS)}.")
        targets = self.load("targets")
        index = self.index()
        changed = [r for r in index["releases"] if r["version"] == version and platform in (None, r["platform"])]
        if not changed:
            raise ReleaseError(f"Versi {version} belum diterbitkan.", f"Version {version} is not published.")
        for r in changed:
            r["channel"], r["offices"] = channel, sorted(offices or [])
        self._save_index(targets, index)
        self._sign_and_write(targets)
        return changed

    def refresh(self, timestamp_days: float | None = None) -> None:
        """A new timestamp (run daily from cron: clients refuse an expired one)."""
        self._sign_and_write(None, timestamp_days=timestamp_days)

    def export_sideload(self, dest: Path | str, *, platform: str | None = None, version: str | None = None,
                        channel: str = "stable", timestamp_days: float = 120) -> dict:
        """Copies the metadata and one release's archives to ``dest``/layan-update for a USB stick.
        The timestamp is re-signed with a long expiry first: a stick may travel for weeks."""
        index = self.index()
        candidates = [r for r in index["releases"] if platform in (None, r["platform"])
                      and (version == r["version"] if version else r["channel"] == channel and not r["offices"])]
        if not candidates:
            raise ReleaseError("Tidak ada rilis yang cocok untuk diekspor.", "No matching release to export.")
        latest = {}
        for r in sorted(candidates, key=lambda r: _vkey(r["version"])):
            latest[r["platform"]] = r
        self.refresh(timestamp_days)
        out = Path(dest) / "layan-update"
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(self.metadata_dir, out / "metadata", ignore=shutil.ignore_patterns(".*"))
        targets = self.load("targets")
        for entry in [targets.signed.targets[INDEX_PATH]]:
            self._copy_target(INDEX_PATH, entry.hashes["sha256"], out)
        for r in latest.values():
            self._copy_target(r["full"]["path"], r["full"]["sha256"], out)
        (out / "README.txt").write_text(
            "Pembaruan Layan untuk PC tanpa jaringan.\r\n"
            "Di PC kantor: layan-cli update sideload <folder ini>  (atau menu Pengaturan > Pembaruan).\r\n"
            "Semua berkas ditandatangani; berkas yang diubah akan ditolak.\r\n", encoding="utf-8")
        return {"folder": str(out), "releases": [{"version": r["version"], "platform": r["platform"]}
                                                  for r in latest.values()]}

    def _copy_target(self, path: str, sha: str, out: Path) -> None:
        folder = Path(path).parent
        name = f"{sha}.{Path(path).name}"
        (out / "targets" / folder).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.targets_dir / folder / name, out / "targets" / folder / name)


# --- HTTP ----------------------------------------------------------------------------------------------
SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def register(app, settings=None, data_dir: Path | str | None = None) -> None:
    """Adds /v1/updates/… to the FastAPI app (the repository in DATA/releases)."""
    from fastapi import HTTPException
    from fastapi.responses import FileResponse

    folder = data_dir or getattr(settings, "data_dir", None) or os.environ.get("LAYAN_SERVER_DATA", "./layan-server-data")
    repo = Repository(folder)

    def _file(base: Path, rel: str) -> Path:
        parts = rel.split("/")
        if not parts or not all(SAFE_NAME.match(p) for p in parts):
            raise HTTPException(404, "not found")
        path = base.joinpath(*parts)
        if not path.is_file():
            raise HTTPException(404, "not found")
        return path

    @app.get("/v1/updates/metadata/{name}")
    def update_metadata(name: str):
        # Timestamp must not be cached by anything between us and the office; the rest is immutable.
        cache = "no-cache" if name in ("timestamp.json", "root.json") else "public, max-age=31536000, immutable"
        return FileResponse(_file(repo.metadata_dir, name), media_type="application/json",
                            headers={"Cache-Control": cache})

    @app.get("/v1/updates/targets/{path:path}")
    def update_target(path: str):
        return FileResponse(_file(repo.targets_dir, path), media_type="application/octet-stream",
                            headers={"Cache-Control": "public, max-age=31536000, immutable"})


# --- provisioning files ------------------------------------------------------------------------------------
def provisioning_file(storage, repo: Repository, office_code: str, server_url: str, *, ttl_days: float = 14,
                      settings: dict | None = None, tls: dict | None = None, allow_insecure_http: bool = False) -> dict:
    office = storage.office(office_code)
    if office is None:
        raise ReleaseError(f"Kantor {office_code} tidak ada. Tambahkan dulu: layan-server office add",
                           f"No office {office_code}. Add it first: layan-server office add")
    if not server_url.startswith(("http://", "https://")):
        raise ReleaseError("--server-url harus diawali http:// atau https://",
                           "--server-url must start with http:// or https://")
    from sync.client import InsecureTransport, check_transport

    try:
        check_transport(server_url, allow_insecure_http=allow_insecure_http)
    except InsecureTransport:
        raise ReleaseError("--server-url harus https:// (http:// hanya untuk loopback, atau lab dengan "
                           "--allow-insecure-http)",
                           "--server-url must be https:// (http:// only for loopback, or a lab with "
                           "--allow-insecure-http)") from None
    code, expires_ms = storage.create_enroll_code(office_code, ttl_days)
    body = {
        "format": "layan-provision", "format_version": 1,
        "server_url": server_url.rstrip("/"),
        "office": {"code": office["code"], "name": office["name"], "kind": office["kind"]},
        "enrollment_code": code,
        "enrollment_expires": dt.datetime.fromtimestamp(expires_ms / 1000, dt.UTC).isoformat(),
        "settings": {k: v for k, v in (settings or {}).items() if v is not None},
        "created_at": _now().isoformat(),
    }
    if tls:
        body["tls"] = tls
    if allow_insecure_http:
        body["allow_insecure_http"] = True
    if repo.initialized:
        from sync import provision_sig

        # The current root (after a key rotation: the newest), so a new PC never trusts replaced keys,
        # and every root version, so a PC that trusts an older one can follow the rotation.
        body["update_root"] = json.loads((repo.metadata_dir / "root.json").read_text())
        history = sorted(repo.metadata_dir.glob("*.root.json"), key=lambda p: int(p.name.split(".")[0]))
        body[provision_sig.ROOT_HISTORY] = [json.loads(p.read_text()) for p in history]
        # Signed with the targets key the root names: an enrolled PC accepts only what its root vouches for.
        body = provision_sig.sign(body, repo.signer("targets"))
    return body


def cert_sha256(pem: bytes) -> str:
    """The pin of a certificate: sha256 of its DER bytes (what the PC compares, sync/client.py)."""
    import ssl

    return hashlib.sha256(ssl.PEM_cert_to_DER_cert(pem.decode("ascii"))).hexdigest()


# --- CLI ---------------------------------------------------------------------------------------------
def add_cli(sub, common) -> None:
    """``release …`` and ``provision-file`` subcommands for ``layan-server``."""
    rel = sub.add_parser("release", help="update repository: keys, publish, pilot, USB export").add_subparsers(
        dest="release_cmd", required=True)
    p = rel.add_parser("init-keys", parents=[common], help="create the TUF keys and an empty repository")
    p.add_argument("--force", action="store_true", help="replace the keys (every installed app must be re-provisioned)")
    p = rel.add_parser("rotate-keys", parents=[common],
                       help="replace signing keys with the offline root key (a new N+1.root.json)")
    p.add_argument("--role", action="append", choices=ONLINE_ROLES, default=None,
                   help="key to replace (repeatable; default: targets, snapshot and timestamp, "
                        "or none when --new-root is given alone)")
    p.add_argument("--root-key", help="the offline root key from its USB stick (PKCS8 PEM; default: keys/root.pem)")
    p.add_argument("--new-root", action="store_true",
                   help="replace the root key too (the new root.json is signed by the old and the new root key)")
    p = rel.add_parser("publish", parents=[common], help="publish a frozen app folder (dist/layan)")
    p.add_argument("dist_dir")
    p.add_argument("--version", required=True)
    p.add_argument("--channel", choices=CHANNELS, default="stable")
    p.add_argument("--office", action="append", default=None, help="only these offices (repeatable)")
    p.add_argument("--platform", help="linux-x86_64 | windows-x86_64 (default: from the folder)")
    p.add_argument("--notes", default="")
    p = rel.add_parser("promote", parents=[common], help="change a release's channel/offices (e.g. pilot -> stable)")
    p.add_argument("version")
    p.add_argument("--channel", choices=CHANNELS, default="stable")
    p.add_argument("--office", action="append", default=None)
    p.add_argument("--platform")
    p = rel.add_parser("list", parents=[common], help="published releases")
    p.add_argument("--json", action="store_true")
    p = rel.add_parser("pilot", parents=[common], help="offices of the pilot channel")
    p.add_argument("action", choices=("list", "add", "remove"))
    p.add_argument("offices", nargs="*")
    p = rel.add_parser("refresh", parents=[common], help="re-sign the timestamp (daily, from cron)")
    p.add_argument("--days", type=float, default=None)
    p = rel.add_parser("export-sideload", parents=[common], help="copy a signed update to a folder / USB stick")
    p.add_argument("dest")
    p.add_argument("--version")
    p.add_argument("--platform")
    p.add_argument("--channel", choices=CHANNELS, default="stable")
    p.add_argument("--days", type=float, default=120, help="timestamp validity for the trip (default 120)")

    p = sub.add_parser("provision-file", parents=[common], help="write a provisioning file for an office's PC")
    p.add_argument("--office", required=True)
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--server-url", default=os.environ.get("LAYAN_PUBLIC_URL"),
                   help="the address offices use (env LAYAN_PUBLIC_URL)")
    p.add_argument("--ttl-days", type=float, default=14)
    p.add_argument("--language", choices=("id", "en"))
    p.add_argument("--numbering-template")
    p.add_argument("--update-channel", choices=CHANNELS)
    pin = p.add_mutually_exclusive_group()
    pin.add_argument("--pin-cert", help="pin the server's certificate (PEM file): PCs accept only that certificate")
    pin.add_argument("--pin-key", help="pin the server's public key (a certificate PEM file): PCs accept any "
                                       "certificate with that key, also one renewed with the same key")
    p.add_argument("--ca-file", help="a CA bundle (PEM) PCs check the server's certificate against")
    p.add_argument("--allow-insecure-http", action="store_true",
                   help="allow an http:// server address that is not loopback (a test lab only: no encryption)")


COMMANDS = ("release", "provision-file")


def run_cli(args) -> int:
    repo = Repository(args.data)
    try:
        if args.command == "provision-file":
            return _provision_file(args, repo)
        return _release(args, repo)
    except ReleaseError as e:
        print(f"error: {e.message_en} ({e.message})", file=sys.stderr)
        return e.exit_code


def _provision_file(args, repo: Repository) -> int:
    from sync.server.storage import Storage, StorageError

    if not args.server_url:
        print("error: --server-url is required (or LAYAN_PUBLIC_URL)", file=sys.stderr)
        return 2
    storage = Storage.open(args.data, args.db)
    try:
        tls = {}
        if args.pin_cert:
            tls["pin_sha256"] = cert_sha256(Path(args.pin_cert).read_bytes())
        if args.pin_key:
            import ssl

            from sync.client import spki_pin

            tls["pin_sha256"] = spki_pin(ssl.PEM_cert_to_DER_cert(Path(args.pin_key).read_text(encoding="ascii")))
        if args.ca_file:
            tls["ca_pem"] = Path(args.ca_file).read_text(encoding="ascii")
        if args.allow_insecure_http:
            print("warning: --allow-insecure-http: the office's data crosses the link unencrypted (lab use only)",
                  file=sys.stderr)
        body = provisioning_file(storage, repo, args.office, args.server_url, ttl_days=args.ttl_days,
                                 settings={"language": args.language, "numbering_template": args.numbering_template,
                                           "update_channel": args.update_channel},
                                 tls=tls, allow_insecure_http=args.allow_insecure_http)
    except StorageError as e:
        print(f"error: {e.message_en} ({e.message})", file=sys.stderr)
        return 1
    finally:
        storage.close()
    out = Path(args.output)
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.unlink(missing_ok=True)
    # It holds a live enrollment code: owner-only, like a password.
    with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w", encoding="utf-8") as f:
        f.write(json.dumps(body, ensure_ascii=False, indent=2))
    os.replace(tmp, out)
    print(f"provisioning file for {args.office} written to {out} (enrollment code valid until "
          f"{body['enrollment_expires'][:16]}Z; treat the file like a password)")
    return 0


def _release(args, repo: Repository) -> int:
    cmd = args.release_cmd
    if cmd == "init-keys":
        written = repo.init_keys(force=args.force)
        print(f"update repository created in {repo.root}")
        for path in written:
            print(f"  {path}")
        print("IMPORTANT: copy keys/root.pem to two offline USB sticks and delete it from this server;\n"
              "it is needed only to rotate keys (docs/UPDATES.md, 'Key handling').")
        return 0
    if cmd == "rotate-keys":
        result = repo.rotate_keys(args.role, root_key=args.root_key, new_root=args.new_root)
        print(f"keys replaced: {', '.join(result['rotated'])}; root.json is now version {result['root_version']}")
        for path in result["files"]:
            print(f"  {path}")
        print("Installed PCs follow the new root at their next update check and refuse anything signed with "
              "the old keys (kept above as *.old-*).")
        if "targets" in result["rotated"]:
            print("Copy the new keys/targets.pem to the PC that publishes releases (if it is not this server).")
        if "root" in result["rotated"]:
            print("IMPORTANT: copy the NEW keys/root.pem to both offline USB sticks (replacing the old root key)\n"
                  "and delete it from this server; the old root key no longer signs anything.")
        elif result["root_key_on_server"]:
            print("IMPORTANT: keys/root.pem is on this server: keep it on two offline USB sticks and delete it here.")
        return 0
    if cmd == "publish":
        release = repo.publish(args.dist_dir, args.version, channel=args.channel, offices=args.office,
                               platform=args.platform, notes=args.notes, log=lambda m: print(f"  {m}"))
        who = ", ".join(release["offices"]) if release["offices"] else ("every office" if release["channel"] == "stable"
                                                                         else "PCs on the pilot channel")
        print(f"published {release['version']} ({release['platform']}, {release['channel']}) for {who}")
        return 0
    if cmd == "promote":
        for r in repo.promote(args.version, channel=args.channel, offices=args.office, platform=args.platform):
            print(f"{r['version']} ({r['platform']}): channel {r['channel']}, offices {r['offices'] or 'all'}")
        return 0
    if cmd == "list":
        releases = repo.index()["releases"]
        if args.json:
            print(json.dumps(releases, indent=2))
            return 0
        for r in releases:
            print(f"{r['version']:<10} {r['platform']:<16} {r['channel']:<7} {r['full']['length']:>11} "
                  f"{','.join(r['offices']) or '-'}")
        return 0
    if cmd == "pilot":
        offices = repo.pilot_offices()
        if args.action == "add":
            repo.set_pilot_offices(offices + args.offices)
        elif args.action == "remove":
            repo.set_pilot_offices([o for o in offices if o not in args.offices])
        print(" ".join(repo.pilot_offices()) or "(no pilot offices)")
        return 0
    if cmd == "refresh":
        repo.refresh(args.days)
        print("timestamp re-signed")
        return 0
    if cmd == "export-sideload":
        result = repo.export_sideload(args.dest, platform=args.platform, version=args.version,
                                      channel=args.channel, timestamp_days=args.days)
        print(f"exported to {result['folder']}: " + ", ".join(f"{r['version']} ({r['platform']})"
                                                                for r in result["releases"]))
        return 0
    raise AssertionError(cmd)
