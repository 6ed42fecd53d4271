"""Updates and the frozen app: update download sizes (full archive and patch), their time at
64 kbit/s, the size of the built app, start times of the frozen app (loose .pyc files against the
code archive inside the executable) and of the source.

Everything is built here, from one snapshot of the tree (desktop/, sync/, resources/, build.spec
copied to build/bench-updates/ once, so edits made meanwhile do not leak into one build only):

  a/  the snapshot, built with build.spec                       -> the app, launcher, start times
  b/  the same snapshot again, in another folder                -> reproducibility: files that differ
  c/  the snapshot with its version raised to X.Y.Z+1           -> the patch a -> c (one line changed)
  d/  the snapshot with noarchive=False (code archive in the exe) -> start times before/after loose .pyc

Download times at 64 kbit/s:
  * the patch is MEASURED: a real `layan-server serve` process on the repository, the link
    emulator (tests/tools/linkemu.py) at 64 kbit/s each way with 300 ms one way (600 ms RTT), and
    the real client: the frozen launcher of build a running the installed frozen app a,
    `layan update apply` (TUF metadata, download, verification of every file, install), then a
    `layan update check` when nothing is new. Only when the patch is under 1 MB (else it would
    take hours); above that it is computed like the full archive.
  * the full archive is COMPUTED from its size (bytes x 8 / 64 000) and, as a check of that rate,
    EXTRAPOLATED from a measured slice: its first 256 KiB fetched with an HTTP Range request over
    the same link (the request a resumed download makes).
"""

from __future__ import annotations

import json
import lzma
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / "build" / "bench-updates"
RATE = 64_000  # bit/s, each direction
LATENCY_MS = 300  # one way
SLICE = 256 * 1024  # bytes of the full archive measured through the link
EXE = ".exe" if os.name == "nt" else ""
SNAPSHOT = ("desktop", "sync", "resources", "build.spec")
# LAYAN_BENCH_UPDATES_PATCH_ONLY=1: build only a/ and c/, publish both, and measure the patch through the link
# (no reproducibility build, no code-archive build, no start times): a quarter of the builds.
PATCH_ONLY = os.environ.get("LAYAN_BENCH_UPDATES_PATCH_ONLY") == "1"


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.1f} kB"


def next_version(version: str) -> str:
    major, minor, patch = (int(x) for x in version.split("."))
    return f"{major}.{minor}.{patch + 1}"


def snapshot(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for name in SNAPSHOT:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, dest / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, dest / name)
    return dest


def build(src: Path, out: Path) -> tuple[Path, float]:
    """PyInstaller from scratch (own work folder), then the manifest: (out/dist, seconds)."""
    t0 = time.perf_counter()
    res = subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR",
                          "--distpath", str(out / "dist"), "--workpath", str(out / "work"), "build.spec"],
                         cwd=src, capture_output=True, text=True, env=build_env())
    if res.returncode:
        raise RuntimeError(f"PyInstaller failed in {src}:\n{res.stderr[-4000:]}")
    # cwd=src: the manifest records the version of the snapshot's desktop/__init__.py
    subprocess.run([sys.executable, "-m", "desktop.updates", "manifest", str(out / "dist" / "layan")], cwd=src,
                   check=True, capture_output=True, env=build_env())
    return out / "dist", time.perf_counter() - t0


def build_env() -> dict:
    return {k: v for k, v in os.environ.items() if not k.startswith(("LAYAN_", "PYTHONPATH"))}


def frozen_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LAYAN_", "PYTHON"))}
    env.update(QT_QPA_PLATFORM="offscreen", **extra)
    return env


def manifest_files(dist: Path) -> dict[str, dict]:
    return json.loads((dist / ".layan-manifest.json").read_text())["files"]


def evict(folder: Path) -> bool:
    """Drops the files of ``folder`` (our own build output) from the page cache: the next start reads
    them from disk. Linux only; other processes' files (the venv, system libraries) stay cached."""
    if not hasattr(os, "posix_fadvise"):
        return False
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)
    return True


def timed_ms(cmd: list[str], env: dict) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, capture_output=True, check=True, timeout=300)
    return (time.perf_counter() - t0) * 1000


def compare_starts(apps: dict[str, Path], rounds: int = 10) -> None:
    """Start to exit of `layan --version` and of `layan selftest --gui` (the main window of a demo
    office up and closed, offscreen), the frozen builds interleaved round by round: "cold" right after
    the app folder was dropped from the page cache, "warm" right after that; the source once a round."""
    source = str(Path(sys.executable).parent / "layan")
    runs = {"`layan --version`": ("layan-cli", ["--version"]), "`layan selftest --gui`": ("layan", ["selftest", "--gui"])}
    samples: dict[tuple[str, str, str], list[float]] = {}
    with tempfile.TemporaryDirectory() as home:
        env = frozen_env(HOME=home)
        for _ in range(rounds):
            for name, app in apps.items():
                for what, (exe, args) in runs.items():
                    if evict(app):
                        samples.setdefault((what, name, "cold"), []).append(timed_ms([str(app / f"{exe}{EXE}"), *args], env))
                    samples.setdefault((what, name, "warm"), []).append(timed_ms([str(app / f"{exe}{EXE}"), *args], env))
            for what, (_exe, args) in runs.items():
                samples.setdefault((what, "source (venv)", "warm"), []).append(timed_ms([source, *args], env))
    for what in runs:
        print(f"start to exit, {what} (median of {rounds}):")
        for name in [*apps, "source (venv)"]:
            cold, warm = samples.get((what, name, "cold")), samples[(what, name, "warm")]
            print(f"  {name}: " + (f"cold {statistics.median(cold):.0f} ms, " if cold else "")
                  + f"warm {statistics.median(warm):.0f} ms")


def run() -> None:
    from sync.server.releases import XZ_PRESET, Repository

    shutil.rmtree(WORK, ignore_errors=True)
    src_a = snapshot(WORK / "a" / "src")
    version = re.search(r'__version__ = "([^"]+)"', (src_a / "desktop" / "__init__.py").read_text())[1]
    newer = next_version(version)
    src_c = shutil.copytree(src_a, WORK / "c" / "src", symlinks=True)
    init = src_c / "desktop" / "__init__.py"
    init.write_text(init.read_text().replace(f'__version__ = "{version}"', f'__version__ = "{newer}"'))

    dist_a, t_a = build(src_a, WORK / "a")
    dist_c, t_c = build(src_c, WORK / "c")
    app, launcher = dist_a / "layan", dist_a / "launcher"
    files = manifest_files(app)
    pycs = [n for n in files if n.endswith(".pyc")]
    print(f"frozen app ({version}): {mb(du(app))} on disk, {len(files)} files ({len(pycs)} .pyc, "
          f"{mb(sum(files[n]['size'] for n in pycs))}); executables {mb((app / f'layan{EXE}').stat().st_size)} each; "
          f"launcher {mb(du(launcher))}")
    print(f"PyInstaller from scratch (own work folder) + manifest: {t_a:.0f} s, {t_c:.0f} s")
    if not PATCH_ONLY:
        src_b = shutil.copytree(src_a, WORK / "b" / "src", symlinks=True)
        dist_b, _ = build(src_b, WORK / "b")
        files_b = manifest_files(dist_b / "layan")
        differ = sorted(n for n in set(files) | set(files_b) if files.get(n) != files_b.get(n))
        print(f"reproducibility, the same snapshot built twice in two folders: {len(differ)} files differ {differ[:10]}")
    files_c = manifest_files(dist_c / "layan")
    have = {e.get("sha256") for e in files.values()}
    changed = sorted(n for n, e in files_c.items() if "sha256" in e and e["sha256"] not in have)
    print(f"{version} -> {newer} (one line of desktop/__init__.py): {len(changed)} file(s) with new content {changed[:10]}")

    with tempfile.TemporaryDirectory() as tmp:
        repo = Repository(tmp)
        repo.init_keys()
        t0 = time.perf_counter()
        repo.publish(app, version)
        t_full = time.perf_counter() - t0
        t0 = time.perf_counter()
        release = repo.publish(dist_c / "layan", newer)
        t_next = time.perf_counter() - t0
        full, delta = release["full"]["length"], release["deltas"][0]["length"]
        meta = sum(p.stat().st_size for p in (repo.metadata_dir).glob("*.json"))
        print(f"publish {version}: {t_full:.0f} s (xz); publish {newer} with its patch: {t_next:.0f} s")
        print(f"update download, full archive: {mb(full)} -> at 64 kbit/s {full * 8 / RATE / 60:.0f} min (computed)")
        print(f"update download, patch {version} -> {newer}: {mb(delta)} ({delta} bytes) -> at 64 kbit/s "
              f"{delta * 8 / RATE:.1f} s (computed, bytes only)")
        manifest = json.dumps(json.loads((dist_c / "layan" / ".layan-manifest.json").read_text()), indent=1,
                              sort_keys=True).encode()  # as write_archive() stores it
        print(f"  of which {newer}'s manifest ({len(files_c)} files' sha256, size, mode), xz alone: "
              f"{mb(len(lzma.compress(manifest, preset=XZ_PRESET)))}")
        print(f"metadata per check (timestamp + snapshot + targets + index, first check): about {meta // 1024} KiB "
              f"on disk; a check with nothing new fetches timestamp.json only ({(repo.metadata_dir / 'timestamp.json').stat().st_size} bytes)")
        if delta < 1_000_000:
            measure_over_link(Path(tmp), repo, dist_a, version, newer, release)
        else:
            print("patch over 1 MB: not measured through the link emulator")
    if PATCH_ONLY:
        return

    src_d = shutil.copytree(src_a, WORK / "d" / "src", symlinks=True)
    spec = src_d / "build.spec"
    text, n = re.subn(r"^(\s+)noarchive=True,", r"\1noarchive=False,", spec.read_text(), flags=re.M)
    assert n == 1, "build.spec: expected one `noarchive=True,` argument"
    spec.write_text(text)
    dist_d, _ = build(src_d, WORK / "d")
    compare_starts({"loose .pyc (build.spec)": app, "code archive in the exe (noarchive=False)": dist_d / "layan"})


def measure_over_link(tmp: Path, repo, dist: Path, version: str, newer: str, release: dict) -> None:
    """The real server process on the repository; the frozen launcher + app of a PC at 64 kbit/s."""
    import requests

    from desktop.launcher import AppHome
    from desktop.updates import install_bootstrap_root
    from tests.integration.conftest import ServerProc
    from tests.tools.linkemu import LinkEmulator

    data, home = tmp / "pc", tmp / "app"
    install_bootstrap_root(data, json.loads((repo.metadata_dir / "1.root.json").read_text()))
    (home / "versions").mkdir(parents=True)
    subprocess.run(["cp", "-a", str(dist / "layan"), str(home / "versions" / version)], check=True)
    AppHome(home).write_state({"current": version})  # what the installer leaves
    cli = str(dist / "launcher" / f"layan-cli{EXE}")
    env = frozen_env(LAYAN_APP_HOME=str(home))

    server = ServerProc(tmp).start()
    try:
        with LinkEmulator(server.port, rate_bps=RATE, latency_ms=LATENCY_MS) as link:
            url = f"http://127.0.0.1:{link.port}"

            def layan(*args) -> tuple[dict, float, object]:
                before = link.stats
                t0 = time.perf_counter()
                res = subprocess.run([cli, "--data-dir", str(data), "update", *args, "--server", url, "--json"],
                                     capture_output=True, text=True, timeout=1800, env=env)
                elapsed = time.perf_counter() - t0
                after = link.stats
                assert res.returncode == 0, res.stdout + res.stderr
                return json.loads(res.stdout), elapsed, (after.bytes_down - before.bytes_down,
                                                          after.bytes_up - before.bytes_up,
                                                          after.connections - before.connections)

            report, elapsed, (down, up, conns) = layan("apply")
            assert report["state"] == "staged" and report["kind"] == "delta" and report["version"] == newer, report
            print(f"patch through the link emulator (64 kbit/s, 600 ms RTT), frozen `layan update apply` on a PC "
                  f"with {version}, first check (TUF metadata from the root up) + download + verification + install: "
                  f"{elapsed:.1f} s (measured), {down} bytes down, {up} bytes up, {conns} connections")
            assert AppHome(home).state()["pending"] == newer
            report, elapsed, (down, up, conns) = layan("check")
            print(f"then `layan update check` with nothing new: {elapsed:.1f} s (measured), {down} bytes down, "
                  f"{up} bytes up, {conns} connections ({report['state']})")
            res = subprocess.run([cli, "--version"], capture_output=True, text=True, timeout=120, env=env)
            assert res.returncode == 0 and res.stdout.strip() == f"Layan {newer}", res.stdout + res.stderr
            print(f"the launcher's next start runs the patched {newer}: `{res.stdout.strip()}`")

            folder, _, base = release["full"]["path"].rpartition("/")
            name = f"{folder}/{release['full']['sha256']}.{base}"  # consistent snapshots: <sha256>.<name>
            with requests.Session() as s:
                t0 = time.perf_counter()
                resp = s.get(f"{url}/v1/updates/targets/{name}", headers={"Range": f"bytes=0-{SLICE - 1}"},
                             stream=True, timeout=120)
                assert resp.status_code == 206, resp.status_code
                t_first = time.perf_counter()
                got = sum(len(c) for c in resp.iter_content(16384))
                t_end = time.perf_counter()
            assert got == SLICE, got
            rate = got * 8 / (t_end - t_first)
            full = release["full"]["length"]
            print(f"full archive, first {SLICE // 1024} KiB with HTTP Range through the same link: "
                  f"{t_end - t0:.1f} s (measured; {rate / 1000:.1f} kbit/s of body after {(t_first - t0) * 1000:.0f} ms "
                  f"to the headers) -> the whole {mb(full)} ≈ {((t_first - t0) + full * 8 / rate) / 60:.0f} min "
                  f"(extrapolated)")
    finally:
        server.stop()


if __name__ == "__main__":
    run()
