"""The launcher: picks the installed version, switches to a staged update at start, rolls back.

Stdlib only (it is frozen on its own, a few MB, see build.spec). Layout of an installation's
APP_HOME (writable; on Windows ``C:\\ProgramData\\Layan\\app``, see resources/installer/layan.iss)::

    APP_HOME/
      state.ini                 [layan] current, previous, pending, trial, attempts, bad
      versions/0.1.0/           one complete frozen app each (layan, layan-cli, _internal/,
      versions/0.2.0/           .layan-manifest.json); a folder exists only once complete
      launcher.log

The app never replaces files it is running from: an update is unpacked and verified into
``versions/X.Y.Z`` (an atomic rename of a finished folder) and ``pending`` is set. At the next
start the launcher makes it ``current`` (the old one becomes ``previous``) and runs it as a
*trial*: a trial version that fails to start (exit code not 0 within ``HEALTHY_AFTER_S``) twice
in a row is marked bad and the previous version is started instead. ``layan update rollback``
stages ``previous`` as pending and marks the current one bad.

Where APP_HOME is: env ``LAYAN_APP_HOME``, else ``launcher.ini`` beside the launcher
(``[launcher] app_home = …``, ``data_dir = …``; the installer writes it), else the launcher's folder.
"""

from __future__ import annotations

import configparser
import contextlib
import os
import re
import subprocess
import sys
import time
from pathlib import Path

STATE_FILE = "state.ini"
VERSIONS_DIR = "versions"
MANIFEST = ".layan-manifest.json"
LAUNCHER_CONFIG = "launcher.ini"
TRIAL_ATTEMPTS = 2  # failed starts of a new version before the launcher goes back to the previous one
HEALTHY_AFTER_S = 20.0  # a GUI that stayed up this long started fine
STATE_KEYS = ("current", "previous", "pending", "trial", "attempts", "bad")
VERSION_RE = re.compile(r"^\d+\.\d+\.\d+$")
EXE_SUFFIX = ".exe" if os.name == "nt" else ""


def parse_version(text: str) -> tuple[int, int, int]:
    if not VERSION_RE.match(text or ""):
        raise ValueError(f"not a version X.Y.Z: {text!r}")
    major, minor, patch = (int(x) for x in text.split("."))
    return major, minor, patch


class AppHome:
    """The versions folder and its small state file (written atomically: temp file + os.replace)."""

    def __init__(self, root: Path | str):
        self.root = Path(root)
        self.versions_dir = self.root / VERSIONS_DIR

    # state
    def state(self) -> dict[str, str]:
        parser = configparser.ConfigParser(interpolation=None)
        with contextlib.suppress(OSError, configparser.Error):
            parser.read(self.root / STATE_FILE, encoding="utf-8")
        section = parser["layan"] if parser.has_section("layan") else {}
        return {key: section.get(key, "").strip() for key in STATE_KEYS}

    def write_state(self, state: dict[str, str]) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        parser = configparser.ConfigParser(interpolation=None)
        parser["layan"] = {k: str(state.get(k, "") or "") for k in STATE_KEYS}
        tmp = self.root / f".{STATE_FILE}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            parser.write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.root / STATE_FILE)

    def bad(self, state: dict[str, str] | None = None) -> set[str]:
        state = state or self.state()
        return {v for v in state.get("bad", "").split(",") if v}

    # versions
    def version_dir(self, version: str) -> Path:
        parse_version(version)
        return self.versions_dir / version

    def installed(self) -> list[str]:
        """Complete version folders, oldest first (a folder without its manifest is not complete)."""
        found = []
        with contextlib.suppress(OSError):
            for entry in self.versions_dir.iterdir():
                if VERSION_RE.match(entry.name) and (entry / MANIFEST).is_file():
                    found.append(entry.name)
        return sorted(found, key=parse_version)

    def is_installed(self, version: str) -> bool:
        return bool(version) and VERSION_RE.match(version) is not None and (self.version_dir(version) / MANIFEST).is_file()

    def executable(self, version: str, name: str = "layan") -> Path:
        return self.version_dir(version) / f"{name}{EXE_SUFFIX}"

    def current(self) -> str | None:
        """The version that runs now (or would run): state's current if installed, else the newest good one."""
        state = self.state()
        if self.is_installed(state["current"]):
            return state["current"]
        good = [v for v in self.installed() if v not in self.bad(state)]
        settled = [v for v in good if v != state["pending"]]  # a staged version is not current yet
        return (settled or good or [None])[-1]

    # transitions
    def stage(self, version: str) -> None:
        """Marks an installed version to become current at the next start."""
        if not self.is_installed(version):
            raise FileNotFoundError(f"version {version} is not installed in {self.versions_dir}")
        state = self.state()
        state["pending"] = version
        bad = self.bad(state) - {version}
        state["bad"] = ",".join(sorted(bad, key=parse_version))
        self.write_state(state)

    def rollback(self) -> str:
        """Stages the previous version and marks the current one bad; returns the version staged."""
        state = self.state()
        current = self.current()
        previous = state["previous"]
        if not previous or not self.is_installed(previous) or previous == current:
            older = [v for v in self.installed() if v != current and v not in self.bad(state)
                     and (current is None or parse_version(v) < parse_version(current))]
            if not older:
                raise LookupError("no previous version to go back to")
            previous = older[-1]
        bad = self.bad(state) | ({current} if current else set())
        bad.discard(previous)
        state.update(pending=previous, bad=",".join(sorted(bad, key=parse_version)))
        self.write_state(state)
        return previous

    def start(self, log=None, *, count: bool = True) -> str | None:
        """What the launcher does before running the app: activate a pending version, count a trial's
        attempts, go back when a trial keeps failing. Returns the version to run."""
        log = log or (lambda msg: None)
        state = self.state()
        current = self.current()
        pending = state["pending"]
        if pending:
            if self.is_installed(pending) and pending != current:
                log(f"switching {current} -> {pending}")
                state.update(previous=current or "", current=pending, trial=pending, attempts="0")
                current = pending
            state["pending"] = ""
        if state["current"] != (current or ""):
            state["current"] = current or ""
        attempts = int(state["attempts"] or 0) if state["attempts"].isdigit() else 0
        if current and state["trial"] == current and attempts >= TRIAL_ATTEMPTS and count:
            previous = state["previous"]
            bad = self.bad(state) | {current}
            log(f"version {current} failed to start {attempts} times: back to {previous or 'the newest good one'}")
            state.update(bad=",".join(sorted(bad, key=parse_version)), trial="", attempts="0", previous="")
            if previous and self.is_installed(previous):
                current = previous
            else:
                good = [v for v in self.installed() if v not in bad]
                current = good[-1] if good else current
            state["current"] = current
        elif current and state["trial"] == current and count:
            state["attempts"] = str(attempts + 1)
        self.write_state(state)
        return current

    def finished(self, version: str, returncode: int, seconds: float) -> None:
        """After the app exits: a trial version that exited 0 or stayed up long enough is good."""
        state = self.state()
        if state["trial"] != version:
            return
        if returncode == 0 or seconds >= HEALTHY_AFTER_S:
            state.update(trial="", attempts="0")
            self.write_state(state)

    def mark_good(self, version: str) -> None:
        state = self.state()
        if state["trial"] == version:
            state.update(trial="", attempts="0")
            self.write_state(state)


def launcher_dir() -> Path:
    return Path(sys.executable if getattr(sys, "frozen", False) else __file__).resolve().parent


def read_config(folder: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    with contextlib.suppress(OSError, configparser.Error):
        parser.read(folder / LAUNCHER_CONFIG, encoding="utf-8")
    section = parser["launcher"] if parser.has_section("launcher") else {}
    return {k: os.path.expandvars(v) for k, v in dict(section).items()}


def resolve_app_home(folder: Path | None = None) -> Path:
    if env := os.environ.get("LAYAN_APP_HOME"):
        return Path(env)
    folder = folder or launcher_dir()
    return Path(read_config(folder).get("app_home") or folder)


def clean_environment(env: dict[str, str]) -> dict[str, str]:
    """The frozen launcher's own PyInstaller settings must not leak into the app it starts (the app
    would load the launcher's libraries, or believe it is the launcher's subprocess)."""
    for key in [k for k in env if k.startswith("_PYI_") or k == "_MEIPASS2"]:
        del env[key]
    for var in ("LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH"):
        if f"{var}_ORIG" in env:
            env[var] = env.pop(f"{var}_ORIG")
        elif getattr(sys, "frozen", False):
            env.pop(var, None)
    if os.name == "nt" and getattr(sys, "frozen", False):  # the bootloader's DLL folder is inherited
        import ctypes

        with contextlib.suppress(Exception):
            ctypes.windll.kernel32.SetDllDirectoryW(None)
    return env


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    folder = launcher_dir()
    config = read_config(folder)
    home = AppHome(resolve_app_home(folder))
    name = Path(sys.executable).stem if getattr(sys, "frozen", False) else "layan"
    name = name if name in ("layan", "layan-cli") else "layan"
    log_path = home.root / "launcher.log"

    def log(message: str) -> None:
        with contextlib.suppress(OSError):
            home.root.mkdir(parents=True, exist_ok=True)
            with open(log_path, "a", encoding="utf-8") as f:
                f.write(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {message}\n")

    counts = name == "layan"  # only the GUI's starts count as a trial; layan-cli never rolls back
    version = home.start(log, count=counts)
    if version is None:
        message = (f"Layan belum terpasang dengan benar: tidak ada versi di {home.versions_dir}.\n"
                   f"Layan is not installed correctly: no version in {home.versions_dir}.")
        print(message, file=sys.stderr)
        log("no installed version")
        return 1
    env = clean_environment(dict(os.environ))
    env.update(LAYAN_APP_HOME=str(home.root), LAYAN_LAUNCHED_VERSION=version)
    if config.get("data_dir") and "LAYAN_DATA_DIR" not in os.environ:
        env["LAYAN_DATA_DIR"] = config["data_dir"]
    exe = home.executable(version, name)
    started = time.monotonic()
    try:
        rc = subprocess.call([str(exe), *argv], env=env)
    except OSError as exc:
        log(f"cannot start {exe}: {exc}")
        rc = 1
    if counts:
        home.finished(version, rc, time.monotonic() - started)
    elif rc == 0:
        home.mark_good(version)
    return rc


if __name__ == "__main__":
    sys.exit(main())
