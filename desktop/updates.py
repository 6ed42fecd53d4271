"""Application updates, client side (no Qt): check, resumable download, TUF verification, install
into a versioned folder, sideload from a USB stick, rollback.

The trust chain: python-tuf's ngclient refreshes the repository metadata (root -> timestamp ->
snapshot -> targets: signatures, versions that never go back, expiry) from the server (or from a
sideload folder) and gives the signed length and sha256 of every file. The release list
(``layan/index.json``) is such a file. Archives are downloaded here rather than by ngclient, so a
dropped link resumes with an HTTP Range request at the last byte kept on disk
(``DATA/updates/downloads/<sha256>.part``); a finished file is accepted only when its length and
sha256 match the signed ones. Install unpacks into ``APP_HOME/versions/.X.Y.Z.tmp``, checks every
file against the archive's manifest, renames the folder to ``versions/X.Y.Z`` and stages it; the
launcher (desktop/launcher.py) switches at the next start.

For the GUI's sync scheduler: ``background_update(data_dir)`` — one call, blocking, never raises for
network trouble, at most one real check per ``CHECK_INTERVAL_S``; run it in the network pool.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import lzma
import os
import platform as _platform
import shutil
import sys
import tarfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from desktop import __version__
from desktop.launcher import MANIFEST, AppHome, parse_version
from desktop.store.db import StoreError

UPDATES_DIR = "updates"
INDEX_PATH = "layan/index.json"
BOOTSTRAP_ROOT = "bootstrap-root.json"  # the provisioning file's root of trust, until TUF has one
CHECK_INTERVAL_S = 6 * 3600
CHUNK = 16 * 1024
SYNC_EVERY = 256 * 1024  # bytes of a download written between two fsyncs of its partial file
RETRIES = 4  # Range-resumed attempts within one call (more come with the next call)
CHANNEL_META = "update_channel"
DELTA_INFO = ".layan-delta.json"  # in a patch archive: its base version (sync/server/releases.py)
LAST_CHECK = "last-check"  # in updates/: the last successful check's report (its mtime: when)


# --- results -----------------------------------------------------------------------------------------
@dataclass
class UpdateReport:
    ok: bool
    state: str  # up_to_date | available | staged | error
    current: str | None = None
    version: str | None = None  # the release found / staged
    kind: str | None = None  # full | delta
    size: int = 0  # bytes of the archive apply fetches (the patch when one applies); details["full_size"]: the full one
    downloaded: int = 0  # bytes fetched by this call (0: already on disk)
    resumed_from: int = 0  # bytes already on disk when the last attempt started
    attempts: int = 0
    message: str = ""
    message_en: str = ""
    error: str | None = None  # machine-readable reason for failures
    details: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


class UpdateError(StoreError):
    """A known failure (network, verification, disk): Indonesian and English message."""

    def __init__(self, code: str, message: str, message_en: str):
        super().__init__(message, message_en)
        self.code = code


# --- where things are -------------------------------------------------------------------------------
def app_home(explicit: Path | str | None = None) -> AppHome | None:
    if explicit:
        return AppHome(explicit)
    env = os.environ.get("LAYAN_APP_HOME")
    return AppHome(env) if env else None


def platform_tag() -> str:
    system = {"win32": "windows", "linux": "linux", "darwin": "macos"}.get(sys.platform, sys.platform)
    machine = _platform.machine().lower()
    machine = {"amd64": "x86_64", "x64": "x86_64", "aarch64": "arm64"}.get(machine, machine)
    return f"{system}-{machine}"


def installed_version(home: AppHome | None) -> str:
    if home is not None and (current := home.current()):
        return current
    return os.environ.get("LAYAN_LAUNCHED_VERSION") or __version__


def updates_dir(data_dir: Path | str) -> Path:
    return Path(data_dir) / UPDATES_DIR


def install_bootstrap_root(data_dir: Path | str, root: dict | bytes) -> Path:
    """Keeps the root of trust a provisioning file brought (used until TUF has its own copy)."""
    from tuf.api.metadata import Metadata, Root

    data = root if isinstance(root, bytes) else json.dumps(root).encode()
    md = Metadata.from_bytes(data)
    if not isinstance(md.signed, Root):
        raise UpdateError("bad_root", "Kunci pembaruan di berkas ini tidak valid.", "The update key in this file is invalid.")
    md.verify_delegate("root", md)  # self-signed by its threshold of root keys
    held = trusted_root(data_dir)
    if held is not None and held != data:  # once a root is trusted, only TUF's rotation replaces it
        raise UpdateError("root_held", "PC ini sudah memiliki kunci pembaruan; kunci itu hanya berganti lewat "
                          "pembaruan resmi.", "This PC already has an update key; it changes only through a "
                          "signed rotation.")
    folder = updates_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / BOOTSTRAP_ROOT
    path.write_bytes(data)
    return path


def trusted_root(data_dir: Path | str) -> bytes | None:
    """The root this PC trusts now: TUF's own (it follows key rotations), else the provisioned or
    bundled one; None on a PC that trusts none yet."""
    from sync.schema import resources_dir

    for path in (updates_dir(data_dir) / "metadata" / "root.json", updates_dir(data_dir) / BOOTSTRAP_ROOT,
                 resources_dir() / "updates" / "root.json"):
        if path.is_file():
            return path.read_bytes()
    return None


def _bootstrap_root(data_dir: Path) -> bytes | None:
    """None when TUF's metadata folder already has a trusted root; else the provisioned/bundled one."""
    if (updates_dir(data_dir) / "metadata" / "root.json").exists():
        return None
    from sync.schema import resources_dir

    for path in (updates_dir(data_dir) / BOOTSTRAP_ROOT, resources_dir() / "updates" / "root.json"):
        if path.is_file():
            return path.read_bytes()
    raise UpdateError("no_root", "Kunci pembaruan belum dipasang di PC ini. Minta berkas provisioning dari IT.",
                      "No update key on this PC yet. Ask IT for a provisioning file.")


# --- fetching ----------------------------------------------------------------------------------------
class Fetcher:
    """HTTP(S) via requests, or a local folder (``file://`` URLs: sideload). Implements ngclient's
    FetcherInterface; :meth:`download_resumable` is for the archives."""

    def __init__(self, timeout: tuple[float, float] = (15, 60)):
        import requests

        self.session = requests.Session()
        self.session.trust_env = False  # an office PC's stray proxy settings never apply
        self.session.headers["User-Agent"] = f"Layan/{__version__}"
        self.timeout = timeout
        self.bytes_in = 0

    def close(self) -> None:
        self.session.close()

    @staticmethod
    def _local(url: str) -> Path | None:
        if url.startswith("file://"):
            from urllib.parse import unquote, urlsplit

            path = unquote(urlsplit(url).path)
            if os.name == "nt" and path.startswith("/") and path[2:3] == ":":
                path = path[1:]
            return Path(path)
        return None

    def tuf_fetcher(self):
        from tuf.api import exceptions
        from tuf.ngclient import FetcherInterface

        outer = self

        class _TufFetcher(FetcherInterface):
            def _fetch(self, url: str) -> Iterator[bytes]:
                local = outer._local(url)
                if local is not None:
                    if not local.is_file():
                        raise exceptions.DownloadHTTPError(f"not found: {local}", 404)
                    return iter([local.read_bytes()])
                import requests

                try:
                    resp = outer.session.get(url, stream=True, timeout=outer.timeout)
                except requests.RequestException as e:
                    raise exceptions.DownloadError(f"cannot fetch {url}: {e}") from e
                if resp.status_code != 200:
                    resp.close()
                    raise exceptions.DownloadHTTPError(f"HTTP {resp.status_code} for {url}", resp.status_code)

                def chunks():
                    try:
                        for chunk in resp.iter_content(CHUNK):
                            outer.bytes_in += len(chunk)
                            yield chunk
                    except requests.RequestException as e:
                        raise exceptions.DownloadError(f"dropped while fetching {url}: {e}") from e
                    finally:
                        resp.close()

                return chunks()

        return _TufFetcher()

    def download_resumable(self, url: str, part: Path, length: int, report: UpdateReport,
                           should_stop: Callable[[], bool] | None = None,
                           progress: Callable[[int, int], None] | None = None) -> None:
        """Appends to ``part`` until it holds ``length`` bytes; every attempt after the first asks for
        ``Range: bytes=<size on disk>-``. Raises UpdateError when the link does not come back."""
        import requests

        local = self._local(url)
        if local is not None:
            shutil.copyfile(local, part)
            return
        last_error = None
        for attempt in range(RETRIES + 1):
            have = part.stat().st_size if part.exists() else 0
            if have > length:
                part.unlink()
                have = 0
            if have == length:
                return
            if should_stop and should_stop():
                raise UpdateError("stopped", "Unduhan dihentikan; dilanjutkan nanti.", "Download stopped; it resumes later.")
            report.attempts += 1
            report.resumed_from = have
            headers = {"Accept-Encoding": "identity", **({"Range": f"bytes={have}-"} if have else {})}
            try:
                with self.session.get(url, headers=headers, stream=True, timeout=self.timeout) as resp:
                    if have and resp.status_code == 200:  # the server ignored Range: start over
                        have = 0
                        mode = "wb"
                    elif resp.status_code in (200, 206):
                        mode = "ab" if have else "wb"
                        if resp.status_code == 206 and not resp.headers.get("Content-Range", "").startswith(f"bytes {have}-"):
                            raise UpdateError("bad_range", "Server mengirim bagian berkas yang salah.",
                                              "The server sent the wrong part of the file.")
                    elif resp.status_code == 416:
                        part.unlink(missing_ok=True)
                        continue
                    else:
                        raise UpdateError("http", f"Server menolak unduhan (HTTP {resp.status_code}).",
                                          f"The server refused the download (HTTP {resp.status_code}).")
                    with open(part, mode) as f:
                        got = synced = have
                        try:
                            for chunk in _received(resp):
                                chunk = chunk[: max(0, length - got)]  # never more than the signed length
                                f.write(chunk)
                                got += len(chunk)
                                self.bytes_in += len(chunk)
                                report.downloaded += len(chunk)
                                if got - synced >= SYNC_EVERY:  # durable as it grows, not only at the end
                                    _sync(f)
                                    synced = got
                                if progress:
                                    progress(got, length)
                                if got >= length or (should_stop and should_stop()):
                                    break
                        finally:  # a dropped link keeps every byte that arrived, on disk
                            _sync(f)
                if part.stat().st_size >= length:
                    return
            except requests.RequestException as e:
                last_error = e
            if attempt < RETRIES:
                time.sleep(min(2**attempt, 30) * 0.5)
        raise UpdateError("network", "Koneksi terputus saat mengunduh pembaruan; akan dilanjutkan nanti.",
                          f"The link dropped while downloading the update; it resumes later ({last_error}).")


def _received(resp) -> Iterator[bytes]:
    """The body as it arrives, each piece as soon as the socket has it (at most CHUNK bytes), so a
    link that drops mid-chunk loses no byte that came through (``iter_content`` only yields whole
    chunks: a cut at 30 kB resumed at 16 kB). Asked with ``Accept-Encoding: identity``, so the bytes
    are the file's own and a Range offset counts them."""
    import requests
    import urllib3

    raw = resp.raw
    while True:
        try:
            piece = raw.read1(CHUNK, decode_content=True)
        except (urllib3.exceptions.HTTPError, OSError) as e:  # as iter_content would raise it
            raise requests.ConnectionError(e) from e
        if not piece:
            return
        yield piece


def _sync(f) -> None:
    f.flush()
    os.fsync(f.fileno())


# --- the TUF session -----------------------------------------------------------------------------------
class Repository:
    """One refreshed view of the update repository (server URL or sideload folder)."""

    def __init__(self, data_dir: Path | str, base: str, *, clock_offset_ms: int = 0, fetcher: Fetcher | None = None):
        from tuf.api import exceptions
        from tuf.ngclient import Updater, UpdaterConfig

        self.data_dir = Path(data_dir)
        self.base = base.rstrip("/")
        self.fetcher = fetcher or Fetcher()
        meta_dir = updates_dir(data_dir) / "metadata"
        meta_dir.mkdir(parents=True, exist_ok=True)
        self.cache_dir = updates_dir(data_dir) / "downloads"
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        try:
            self.updater = Updater(str(meta_dir), f"{self.base}/metadata/", str(self.cache_dir), f"{self.base}/targets/",
                                   fetcher=self.fetcher.tuf_fetcher(), config=UpdaterConfig(app_user_agent="Layan"),
                                   bootstrap=_bootstrap_root(self.data_dir))
            if clock_offset_ms:  # a PC whose clock is wrong judges expiry by the server's time
                trusted = self.updater._trusted_set
                trusted.reference_time = trusted.reference_time + dt.timedelta(milliseconds=clock_offset_ms)
            self.updater.refresh()
        except exceptions.DownloadError as e:
            raise UpdateError("network", "Server pembaruan tidak dapat dihubungi.",
                              f"Cannot reach the update server ({e}).") from e
        except exceptions.ExpiredMetadataError as e:
            raise UpdateError("expired", "Data pembaruan sudah kedaluwarsa (atau jam PC ini salah). Minta IT "
                              "menyegarkan repositori, atau periksa tanggal PC.",
                              f"The update metadata has expired (or this PC's clock is wrong): {e}") from e
        except exceptions.BadVersionNumberError as e:
            raise UpdateError("rollback", "Data pembaruan ditolak: versi lebih lama dari yang sudah dipercaya "
                              "(kemungkinan serangan rollback).",
                              f"Update metadata refused: older than what this PC already trusts (rollback?): {e}") from e
        except exceptions.RepositoryError as e:
            raise UpdateError("untrusted", "Data pembaruan ditolak: tanda tangan atau isi tidak valid.",
                              f"Update metadata refused: bad signature or content: {e}") from e
        except (OSError, ValueError) as e:
            raise UpdateError("local", "Data pembaruan di PC ini tidak dapat dibaca.",
                              f"Cannot read this PC's update data: {e}") from e

    def close(self) -> None:
        self.fetcher.close()

    def targetinfo(self, path: str):
        from tuf.api import exceptions

        try:
            info = self.updater.get_targetinfo(path)
        except exceptions.RepositoryError as e:
            raise UpdateError("untrusted", "Data pembaruan ditolak.", f"Update metadata refused: {e}") from e
        if info is None:
            raise UpdateError("missing", f"Berkas {path} tidak terdaftar di repositori.", f"{path} is not in the repository.")
        return info

    def index(self) -> dict:
        from tuf.api import exceptions

        info = self.targetinfo(INDEX_PATH)
        try:
            path = self.updater.find_cached_target(info) or self.updater.download_target(info)
        except exceptions.LengthOrHashMismatchError as e:
            raise UpdateError("tampered", "Daftar rilis ditolak: isinya tidak cocok dengan tanda tangan.",
                              f"Release list refused: it does not match its signature ({e}).") from e
        except exceptions.DownloadError as e:
            raise UpdateError("network", "Daftar rilis tidak dapat diunduh.", f"Cannot download the release list ({e}).") from e
        return json.loads(Path(path).read_text(encoding="utf-8"))

    def url_of(self, info) -> str:
        folder, _, name = info.path.rpartition("/")
        prefix = f"{folder}/" if folder else ""
        return f"{self.base}/targets/{prefix}{info.hashes['sha256']}.{name}"

    def fetch_verified(self, info, report: UpdateReport, should_stop=None, progress=None) -> Path:
        """The archive on disk, resumed if a part is there, accepted only if it matches the signature."""
        from tuf.api import exceptions

        sha = info.hashes["sha256"]
        done = self.cache_dir / f"{sha}.{Path(info.path).name}"
        if done.is_file():
            with open(done, "rb") as f:
                try:
                    info.verify_length_and_hashes(f)
                    return done
                except exceptions.LengthOrHashMismatchError:
                    pass
            done.unlink()
        part = self.cache_dir / f"{sha}.part"
        self.fetcher.download_resumable(self.url_of(info), part, info.length, report, should_stop, progress)
        with open(part, "rb") as f:
            try:
                info.verify_length_and_hashes(f)
            except exceptions.LengthOrHashMismatchError as e:
                f.close()
                part.unlink(missing_ok=True)
                raise UpdateError("tampered", "Berkas pembaruan ditolak: isinya tidak cocok dengan tanda tangan "
                                  "(rusak atau diubah). Tidak ada yang dipasang.",
                                  f"Update file refused: it does not match its signature (damaged or tampered). "
                                  f"Nothing was installed. ({e})") from e
        os.replace(part, done)
        return done


# --- choosing a release ---------------------------------------------------------------------------------
def visible(release: dict, office: str | None, channel: str) -> bool:
    """An office allow-list wins; else stable is for everyone, pilot for PCs on the pilot channel."""
    if release.get("offices"):
        return office is not None and office in release["offices"]
    return release.get("channel") == "stable" or channel == "pilot"


def choose(index: dict, *, current: str, office: str | None, channel: str, platform: str,
           bad: set[str] = frozenset()) -> dict | None:
    best = None
    for r in index.get("releases", []):
        try:
            newer = parse_version(r["version"]) > parse_version(current)
        except (ValueError, KeyError):
            continue
        if (r.get("platform") == platform and newer and r["version"] not in bad and visible(r, office, channel)
                and (best is None or parse_version(r["version"]) > parse_version(best["version"]))):
            best = r
    return best


# --- installing ---------------------------------------------------------------------------------------
def _safe_member(member: tarfile.TarInfo) -> bool:
    p = Path(member.name)
    if p.is_absolute() or ".." in p.parts or member.name.startswith(("/", "\\")):
        return False
    if member.issym():
        return not (os.path.isabs(member.linkname) or ".." in Path(member.linkname).parts)
    return member.isfile() or member.isdir()


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def verify_folder(folder: Path, manifest: dict) -> list[str]:
    """Files that are missing or differ from the manifest."""
    bad = []
    for name, entry in manifest["files"].items():
        path = folder / name
        if "link" in entry:
            if not path.is_symlink() or os.readlink(path) != entry["link"]:
                bad.append(name)
        elif not path.is_file() or path.stat().st_size != entry["size"] or _sha256(path) != entry["sha256"]:
            bad.append(name)
    return bad


def install_archive(home: AppHome, archive: Path, version: str, *, base: str | None = None) -> Path:
    """Unpacks a verified archive into versions/<version> (via a temporary folder), checks every file
    against its manifest, and stages it for the next start."""
    if home.is_installed(version):
        home.stage(version)
        return home.version_dir(version)
    home.versions_dir.mkdir(parents=True, exist_ok=True)
    tmp = home.versions_dir / f".{version}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        with lzma.open(archive) as xz, tarfile.open(fileobj=xz, mode="r|") as tar:
            for member in tar:
                if member.name == DELTA_INFO:
                    continue  # the patch's own label: a patched install holds what a full one does
                if not _safe_member(member):
                    raise UpdateError("bad_archive", "Arsip pembaruan berisi jalur yang tidak aman.",
                                      f"The update archive holds an unsafe path: {member.name}")
                target = tmp / member.name
                target.parent.mkdir(parents=True, exist_ok=True)
                if member.issym():
                    os.symlink(member.linkname, target)
                elif member.isfile():
                    with tar.extractfile(member) as src, open(target, "wb") as dst:
                        shutil.copyfileobj(src, dst, 1 << 20)
                    os.chmod(target, 0o755 if member.mode & 0o111 else 0o644)
        manifest = json.loads((tmp / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("version") != version:
            raise UpdateError("bad_archive", "Versi di dalam arsip tidak cocok.", "The archive's version does not match.")
        if base is not None:
            _fill_from_base(home, base, tmp, manifest)
        wrong = verify_folder(tmp, manifest)
        if wrong:
            raise UpdateError("bad_archive", f"{len(wrong)} berkas tidak cocok setelah dibuka (mis. {wrong[0]}).",
                              f"{len(wrong)} files do not match after unpacking (e.g. {wrong[0]}).")
        os.replace(tmp, home.version_dir(version))
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    home.stage(version)
    return home.version_dir(version)


def _fill_from_base(home: AppHome, base: str, tmp: Path, manifest: dict) -> None:
    """A patch holds only new content: the rest is copied (by sha256) from the installed base version."""
    base_dir = home.version_dir(base)
    base_manifest = json.loads((base_dir / MANIFEST).read_text(encoding="utf-8"))
    by_hash = {e["sha256"]: name for name, e in base_manifest["files"].items() if "sha256" in e}
    for name, entry in manifest["files"].items():
        target = tmp / name
        if target.exists() or target.is_symlink():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if "link" in entry:
            os.symlink(entry["link"], target)
            continue
        source = by_hash.get(entry["sha256"])
        if source is None:
            raise UpdateError("bad_archive", "Patch tidak lengkap untuk versi terpasang.",
                              f"The patch lacks {name} for the installed version.")
        shutil.copy2(base_dir / source, target)


# --- the operations ------------------------------------------------------------------------------------
def _store_facts(data_dir: Path) -> dict:
    """Server URL, office, channel and clock offset from the office's store (if it has one)."""
    from desktop.domain import open_store

    facts = {"server_url": None, "office": None, "channel": "stable", "clock_offset_ms": 0}
    if not (Path(data_dir) / "layan.sqlite3").exists():
        return facts
    store = open_store(data_dir)
    try:
        facts["server_url"] = store.meta("server_url")
        facts["office"] = (store.office() or {}).get("code")
        facts["channel"] = store.meta(CHANNEL_META) or "stable"
        facts["allow_insecure_http"] = store.meta("allow_insecure_http") == "1"
        with contextlib.suppress(TypeError, ValueError):
            facts["clock_offset_ms"] = int(store.meta("clock_offset_ms") or 0)
    finally:
        store.close()
    return facts


def _pick_archive(repo: Repository, release: dict, home: AppHome | None, current: str):
    """A patch from the installed version when there is one and that version is intact, else the full archive."""
    if home is not None and home.is_installed(current):
        for delta in release.get("deltas", []):
            if delta["base"] == current:
                return repo.targetinfo(delta["path"]), "delta", current
    return repo.targetinfo(release["full"]["path"]), "full", None


def _run(data_dir: Path, home: AppHome | None, base_url: str, *, download: bool, sideload: bool = False,
         should_stop=None, progress=None) -> UpdateReport:
    facts = _store_facts(data_dir)
    current = installed_version(home)
    bad = home.bad() if home else set()
    report = UpdateReport(ok=True, state="up_to_date", current=current)
    repo = Repository(data_dir, base_url, clock_offset_ms=0 if sideload else facts["clock_offset_ms"])
    try:
        index = repo.index()
        release = choose(index, current=current, office=facts["office"], channel=facts["channel"],
                         platform=platform_tag(), bad=bad)
        if sideload and release is not None:
            # A stick carries the archives of some releases only: take the newest one that is on it.
            on_stick = [r for r in index["releases"] if r.get("platform") == platform_tag()
                        and repo.fetcher._local(repo.url_of(repo.targetinfo(r["full"]["path"]))).is_file()]
            release = choose({"releases": on_stick}, current=current, office=facts["office"],
                             channel=facts["channel"], platform=platform_tag(), bad=bad)
        if release is None:
            report.message = f"Layan {current} sudah versi terbaru."
            report.message_en = f"Layan {current} is up to date."
            return report
        report.version = release["version"]
        info, kind, base = _pick_archive(repo, release, None if sideload else home, current)
        report.kind, report.size = kind, info.length  # what apply fetches: the patch when one applies
        report.details["full_size"] = release["full"]["length"]
        if not download:
            report.state = "available"
            report.message = f"Pembaruan tersedia: Layan {release['version']} (terpasang {current})."
            report.message_en = f"Update available: Layan {release['version']} (installed {current})."
            return report
        archive = repo.fetch_verified(info, report, should_stop, progress)
        if home is None:
            report.state = "available"
            report.message = f"Layan {release['version']} sudah diunduh dan terverifikasi."
            report.message_en = f"Layan {release['version']} is downloaded and verified."
            return report
        try:
            install_archive(home, archive, release["version"], base=base)
        except UpdateError:
            if kind != "delta":
                raise
            info, report.kind = repo.targetinfo(release["full"]["path"]), "full"
            archive = repo.fetch_verified(info, report, should_stop, progress)
            install_archive(home, archive, release["version"])
        with contextlib.suppress(OSError):
            archive.unlink()
        report.state = "staged"
        report.message = f"Layan {release['version']} siap; aktif saat Layan dibuka lagi."
        report.message_en = f"Layan {release['version']} is ready; it starts the next time Layan opens."
        return report
    finally:
        repo.close()


def _failed(exc: UpdateError, current: str | None) -> UpdateReport:
    return UpdateReport(ok=False, state="error", current=current, error=exc.code,
                        message=exc.message, message_en=exc.message_en)


def check_and_apply(data_dir: Path | str, home: AppHome | None, *, server_url: str | None = None,
                    download: bool = True, should_stop=None, progress=None) -> UpdateReport:
    """Online: refresh the signed metadata, pick the newest release this office may have, and (with
    ``download``) fetch it resumably, verify it and stage it in ``home``."""
    data_dir = Path(data_dir)
    facts = _store_facts(data_dir)
    url = server_url or facts["server_url"]
    if not url:
        return _failed(UpdateError("not_enrolled", "PC ini belum terdaftar ke server. Daftarkan di halaman "
                                   "Sinkronisasi, atau minta berkas provisioning dari IT.",
                                   "This PC is not enrolled. Enroll it on the Sync page, or ask IT for a "
                                   "provisioning file."),
                       installed_version(home))
    from sync.client import InsecureTransport, check_transport

    try:  # https for every server but this PC's own, as for sync (the lab flag is the enrolled server's)
        check_transport(url, allow_insecure_http=bool(facts.get("allow_insecure_http")) and url == facts["server_url"])
    except InsecureTransport as exc:
        return _failed(UpdateError("insecure_http", exc.message, exc.message_en), installed_version(home))
    try:
        return _run(data_dir, home, url.rstrip("/") + "/v1/updates", download=download,
                    should_stop=should_stop, progress=progress)
    except UpdateError as exc:
        return _failed(exc, installed_version(home))


def sideload(data_dir: Path | str, folder: Path | str, home: AppHome | None) -> UpdateReport:
    """The same signed update from a folder or USB stick (``layan-server release export-sideload``)."""
    folder = Path(folder)
    if (folder / "layan-update").is_dir():
        folder = folder / "layan-update"
    if not (folder / "metadata" / "timestamp.json").is_file():
        return _failed(UpdateError("no_sideload", f"Folder {folder} tidak berisi pembaruan Layan (layan-update).",
                                   f"{folder} holds no Layan update (layan-update)."), installed_version(home))
    try:
        return _run(Path(data_dir), home, folder.resolve().as_uri(), download=True, sideload=True)
    except UpdateError as exc:
        return _failed(exc, installed_version(home))


def rollback(home: AppHome) -> UpdateReport:
    current = home.current()
    try:
        previous = home.rollback()
    except LookupError:
        return _failed(UpdateError("no_previous", "Tidak ada versi sebelumnya untuk dipakai kembali.",
                                   "There is no previous version to go back to."), current)
    return UpdateReport(ok=True, state="staged", current=current, version=previous,
                        message=f"Layan {previous} akan dipakai lagi saat Layan dibuka kembali ({current} tidak dipakai).",
                        message_en=f"Layan {previous} will be used again the next time Layan opens ({current} is set aside).")


def status(home: AppHome | None) -> dict:
    if home is None:
        return {"app_home": None, "version": __version__, "installed": [], "platform": platform_tag()}
    state = home.state()
    return {"app_home": str(home.root), "current": home.current(), "installed": home.installed(),
            "pending": state["pending"] or None, "previous": state["previous"] or None,
            "trial": state["trial"] or None, "bad": sorted(home.bad(state)), "platform": platform_tag()}


def background_update(data_dir: Path | str, *, force: bool = False, should_stop=None) -> UpdateReport | None:
    """For the sync scheduler after a successful sync: at most one real check every CHECK_INTERVAL_S
    (None when skipped); downloads and stages a new version in the background. Never raises."""
    home = app_home()
    stamp = updates_dir(data_dir) / LAST_CHECK
    if not force and stamp.exists() and time.time() - stamp.stat().st_mtime < CHECK_INTERVAL_S:
        return None
    report = check_and_apply(data_dir, home, download=home is not None, should_stop=should_stop)
    if report.ok:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(json.dumps(report.as_dict()))
    return report


# --- make dist: the manifest beside the frozen app ---------------------------------------------------------
def write_manifest(dist_dir: Path | str, version: str = __version__) -> Path:
    from sync.server.releases import build_manifest, detect_platform

    dist_dir = Path(dist_dir)
    manifest = build_manifest(dist_dir, version, detect_platform(dist_dir))
    path = dist_dir / MANIFEST
    path.write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    return path


if __name__ == "__main__":  # python -m desktop.updates manifest DIST_DIR
    import sys

    if len(sys.argv) == 3 and sys.argv[1] == "manifest":
        print(write_manifest(sys.argv[2]))
    else:
        print("usage: python -m desktop.updates manifest DIST_DIR", file=sys.stderr)
        sys.exit(2)
