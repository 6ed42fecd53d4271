"""Updates and the frozen app: update download sizes (full archive and patch), their time at
64 kbit/s, the size of the built app, cold start of the frozen app against the source.

Needs dist/layan (`make dist`; reused when present). For a realistic patch it builds a second
frozen app from a copy of the tree whose version is raised to X.Y.Z+1 (one line of Python changed:
the embedded code archive changes, the libraries do not), cached in build/bench-next/.

Download time at 64 kbit/s: the full archive is *computed* from its size (bytes x 8 / 64 000 plus
a 0.6 s round trip per request); the patch is also *measured* through the link emulator at
64 kbit/s / 300 ms one way when it is under 1 MB.
"""

from __future__ import annotations

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
RATE = 64_000
EXE = ".exe" if os.name == "nt" else ""


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def ensure_dist() -> Path:
    dist = ROOT / "dist" / "layan"
    if not (dist / ".layan-manifest.json").exists():
        subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "build.spec"],
                       cwd=ROOT, check=True)
        subprocess.run([sys.executable, "-m", "desktop.updates", "manifest", "dist/layan"], cwd=ROOT, check=True)
    return dist


def next_version(version: str) -> str:
    major, minor, patch = (int(x) for x in version.split("."))
    return f"{major}.{minor}.{patch + 1}"


def ensure_next_dist(version: str) -> Path:
    """The same app with its version raised: a copy of the tree, built in build/bench-next/."""
    work = ROOT / "build" / "bench-next"
    dist = work / "dist" / "layan"
    if (dist / ".layan-manifest.json").exists():
        return dist
    src = work / "src"
    shutil.rmtree(src, ignore_errors=True)
    for name in ("desktop", "sync", "resources", "build.spec"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(
            ROOT / name, src / name, **({"ignore": shutil.ignore_patterns("__pycache__")} if (ROOT / name).is_dir() else {}))
    init = src / "desktop" / "__init__.py"
    init.write_text(re.sub(r'__version__ = "[^"]+"', f'__version__ = "{version}"', init.read_text()))
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(work / "dist"), "--workpath", str(work / "work"), "build.spec"],
                   cwd=src, check=True)
    subprocess.run([sys.executable, "-m", "desktop.updates", "manifest", str(dist)], cwd=src, check=True)
    return dist


def start_times(cmd: list[str], env: dict, repeat: int = 5) -> list[float]:
    samples = []
    for _ in range(repeat + 1):
        t0 = time.perf_counter()
        subprocess.run(cmd, env=env, capture_output=True, check=True, timeout=300)
        samples.append((time.perf_counter() - t0) * 1000)
    return samples  # the first one is the coldest this machine can give without dropping caches


def run() -> None:
    from desktop import __version__
    from sync.server.releases import Repository

    dist = ensure_dist()
    launcher = ROOT / "dist" / "launcher"
    print(f"frozen app (dist/layan): {mb(du(dist))} on disk, {sum(1 for p in dist.rglob('*') if p.is_file())} files; "
          f"launcher (dist/launcher): {mb(du(launcher))}")

    newer = next_version(__version__)
    t0 = time.perf_counter()
    next_dist = ensure_next_dist(newer)
    print(f"second build {newer} (cached after the first run): {time.perf_counter() - t0:.0f} s")

    with tempfile.TemporaryDirectory() as tmp:
        repo = Repository(tmp)
        repo.init_keys()
        t0 = time.perf_counter()
        repo.publish(dist, __version__)
        t_full = time.perf_counter() - t0
        t0 = time.perf_counter()
        release = repo.publish(next_dist, newer)
        t_next = time.perf_counter() - t0
        full, delta = release["full"]["length"], release["deltas"][0]["length"]
        meta = sum(p.stat().st_size for p in (repo.metadata_dir).glob("*.json"))
        print(f"publish {__version__}: {t_full:.0f} s (xz); publish {newer} with its patch: {t_next:.0f} s")
        print(f"update download, full archive: {mb(full)} -> at 64 kbit/s {full * 8 / RATE / 60:.0f} min (computed)")
        print(f"update download, patch {__version__} -> {newer}: {mb(delta)} -> at 64 kbit/s "
              f"{delta * 8 / RATE / 60:.1f} min (computed)")
        print(f"metadata per check (timestamp + snapshot + targets + index, first check): about {meta // 1024} KiB "
              f"on disk; a check with nothing new fetches timestamp.json only ({(repo.metadata_dir / 'timestamp.json').stat().st_size} bytes)")
        if delta < 1_000_000:
            measured = measure_patch_download(tmp, repo, dist, newer)
            print(f"patch through the link emulator at 64 kbit/s, 300 ms one way: {measured:.0f} s (measured, "
                  f"check + download + verify + unpack)")

    env = {k: v for k, v in os.environ.items() if not k.startswith(("LAYAN_", "PYTHON"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    frozen = start_times([str(dist / f"layan-cli{EXE}"), "--version"], env)
    source = start_times([str(Path(sys.executable).parent / "layan"), "--version"], env)
    print(f"start to exit, `layan --version`: frozen first {frozen[0]:.0f} ms, median {statistics.median(frozen[1:]):.0f} ms; "
          f"source first {source[0]:.0f} ms, median {statistics.median(source[1:]):.0f} ms")
    with tempfile.TemporaryDirectory() as home:
        env["HOME"] = home
        frozen = start_times([str(dist / f"layan{EXE}"), "selftest", "--gui"], env, repeat=3)
        source = start_times([str(Path(sys.executable).parent / "layan"), "selftest", "--gui"], env, repeat=3)
    print(f"main window up and closed (selftest --gui: demo office, offscreen): frozen first {frozen[0]:.0f} ms, "
          f"median {statistics.median(frozen[1:]):.0f} ms; source first {source[0]:.0f} ms, "
          f"median {statistics.median(source[1:]):.0f} ms")


def measure_patch_download(tmp: str, repo, dist: Path, newer: str) -> float:
    """The real server process on the repository, a client at 64 kbit/s applying the patch."""
    import json

    from desktop.launcher import AppHome
    from desktop.updates import install_bootstrap_root
    from tests.integration.conftest import ServerProc
    from tests.tools.linkemu import LinkEmulator

    server = ServerProc(Path(tmp)).start()
    try:
        with LinkEmulator(server.port, rate_bps=RATE, latency_ms=300) as link:
            data, home = Path(tmp) / "pc", Path(tmp) / "app"
            install_bootstrap_root(data, json.loads((repo.metadata_dir / "1.root.json").read_text()))
            (home / "versions").mkdir(parents=True)
            subprocess.run(["cp", "-al", str(dist), str(home / "versions" / json.loads(
                (dist / ".layan-manifest.json").read_text())["version"])], check=True)
            AppHome(home).write_state({})
            t0 = time.perf_counter()
            res = subprocess.run([str(Path(sys.executable).parent / "layan"), "--data-dir", str(data), "update", "apply",
                                  "--app-home", str(home), "--server", f"http://127.0.0.1:{link.port}", "--json"],
                                 capture_output=True, text=True, timeout=3600)
            elapsed = time.perf_counter() - t0
            report = json.loads(res.stdout)
            assert report["state"] == "staged" and report["kind"] == "delta", report
            return elapsed
    finally:
        server.stop()


if __name__ == "__main__":
    run()
