"""The "Pindai" route: found only when a scanning program exists; NAPS2's command line driven for real
through a stand-in executable of the same name (NAPS2 itself is Windows software)."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from desktop.domain.attachments import AttachmentError, scanning
from tests.unit import attachment_samples as samples


def fake_naps2(folder: Path, pdf: bytes | None, exit_code: int = 0) -> Path:
    """An executable named naps2.console that writes ``pdf`` where -o says, as NAPS2 does."""
    (folder / "out.pdf").write_bytes(pdf or b"")
    script = folder / "naps2.console"
    script.write_text(
        f"#!{sys.executable}\n"
        "import shutil, sys\n"
        "args = sys.argv[1:]\n"
        f"if {pdf is not None!r}: shutil.copyfile({str(folder / 'out.pdf')!r}, args[args.index('-o') + 1])\n"
        "print('scanner not found', file=sys.stderr)\n"
        f"sys.exit({exit_code})\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


@pytest.fixture
def path_with(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.delenv("LAYAN_NO_SCANNER", raising=False)
    return bin_dir


def test_no_scanning_program_no_route(path_with, monkeypatch):
    monkeypatch.setenv("PATH", str(path_with))
    assert scanning.find_route() is None


def test_naps2_scans_into_a_pdf(path_with, tmp_path):
    pdf = samples.pdf_blank_pages(2)
    fake_naps2(path_with, pdf)
    route = scanning.find_route()
    assert route is not None and route.kind == "naps2"
    scanned = scanning.scan_with_naps2(route.program, tmp_path / "pindaian.pdf")
    assert scanned.read_bytes() == pdf


def test_a_failed_scan_says_why(path_with, tmp_path):
    fake_naps2(path_with, None, exit_code=1)
    route = scanning.find_route()
    with pytest.raises(AttachmentError) as raised:
        scanning.scan_with_naps2(route.program, tmp_path / "pindaian.pdf")
    assert "Pemindaian gagal: scanner not found" in raised.value.message
