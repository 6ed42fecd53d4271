"""Helpers for the update tests: small fake frozen apps, a server with an update repository, and
the real `layan` command in a subprocess."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

from tests.integration.conftest import ServerProc, unique_code

LAYAN = str(Path(sys.executable).parent / "layan")
ROOT = Path(__file__).resolve().parents[2]


def clean_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LAYAN_")}
    env.update({k: str(v) for k, v in extra.items()})
    return env


def layan(data: Path, *args, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([LAYAN, "--data-dir", str(data), *map(str, args)], capture_output=True, text=True,
                          env=env or clean_env(), timeout=timeout)


def layan_json(data: Path, *args, **kw) -> dict:
    res = layan(data, *args, "--json", **kw)
    try:
        return json.loads(res.stdout)
    except json.JSONDecodeError:
        raise AssertionError(f"no JSON from layan {args}: rc={res.returncode}\n{res.stdout}\n{res.stderr}") from None


def fake_dist(folder: Path, version: str, *, big: int = 200_000, seed: int | str | None = None,
              exit_code: int = 0) -> Path:
    """A stand-in for dist/layan: an executable `layan` that prints its version, and incompressible
    data (``seed`` decides it: same seed, same bytes)."""
    folder.mkdir(parents=True)
    script = folder / "layan"
    script.write_text(f"#!/bin/sh\necho \"layan {version} $*\"\nexit {exit_code}\n")
    script.chmod(0o755)
    (folder / "_internal").mkdir()
    (folder / "_internal" / "big.bin").write_bytes(random.Random(seed if seed is not None else version).randbytes(big))
    (folder / "_internal" / "version.txt").write_text(version)
    os.symlink("version.txt", folder / "_internal" / "version-link.txt")
    return folder


def install_initial(home: Path, dist: Path, version: str) -> None:
    """What the Windows installer does: a version folder with its manifest, made current."""
    from desktop.launcher import AppHome
    from desktop.updates import write_manifest

    target = home / "versions" / version
    shutil.copytree(dist, target, symlinks=True)
    manifest = write_manifest(target, version)
    assert manifest.exists()
    AppHome(home).write_state({"current": version})


class UpdateServer:
    """The real layan-server with keys and an office or two."""

    def __init__(self, server: ServerProc, tmp: Path):
        self.server = server
        self.tmp = tmp
        server.cli("release", "init-keys")

    @property
    def repo(self) -> Path:
        return self.server.data_dir / "releases" / "repo"

    def publish(self, dist: Path, version: str, *args: str) -> str:
        return self.server.cli("release", "publish", str(dist), "--version", version, *args).stdout

    def office(self, kind: str = "distrik") -> str:
        code = unique_code("D")[:20]
        self.server.cli("office", "add", "--code", code, "--name", f"Kantor {code}", "--kind", kind)
        return code

    def provision(self, office: str, data: Path, *, url: str | None = None, extra: tuple = (),
                  layan_args: tuple = ()) -> subprocess.CompletedProcess:
        path = self.tmp / f"layan-provision-{office}-{data.name}.json"
        self.server.cli("provision-file", "--office", office, "-o", str(path), "--server-url", url or self.server.url,
                        *extra)
        res = layan(data, "provision", path, *layan_args)
        assert res.returncode == 0, res.stdout + res.stderr
        return res
