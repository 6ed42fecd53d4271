"""Scanning from the clerk's scanner, through a well-kept route when the PC has one.

Two routes, tried in this order; the "Pindai" button shows only when one exists:
* NAPS2 (free, GPL, widely used by offices on Windows): its command line ``NAPS2.Console.exe -o FILE``
  scans with the profile set up once in NAPS2 itself (scanner, dpi, duplex, feeder) and writes a PDF.
* Windows Image Acquisition (WIA, part of Windows): ``WIA.CommonDialog`` through pywin32 or comtypes,
  when one of them is installed; Windows shows its own scanner dialog.

Neither can be tried on the Linux build machine; see docs/ATTACHMENTS.md.

No Qt here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .files import AttachmentError

NAPS2_NAMES = ("NAPS2.Console.exe", "naps2.console", "naps2")
NAPS2_FOLDERS = (r"C:\Program Files\NAPS2", r"C:\Program Files (x86)\NAPS2")
WIA_SCANNER = 1  # WiaDeviceType.ScannerDeviceType
WIA_MAXIMIZE_QUALITY = 131072  # WiaImageBias: the page is made small afterwards (imaging.prepare)
WIA_FORMAT_JPEG = "{B96B3CAE-0728-11D3-9D7B-0000F81EF32E}"  # else WIA saves BMP, which is not kept
SCAN_TIMEOUT_S = 600  # a feeder with 50 pages at 300 dpi takes minutes, never ten


@dataclass(frozen=True)
class ScanRoute:
    kind: str  # "naps2" | "wia"
    program: str  # the NAPS2 executable, or the COM library used for WIA


def naps2_console() -> str | None:
    for name in NAPS2_NAMES:
        found = shutil.which(name)
        if found and (name != "naps2" or sys.platform != "win32"):
            return found
    if sys.platform == "win32":
        for folder in NAPS2_FOLDERS:
            candidate = Path(folder) / "NAPS2.Console.exe"
            if candidate.is_file():
                return str(candidate)
    return None


def _wia_library() -> str | None:
    if sys.platform != "win32":
        return None
    for module in ("win32com.client", "comtypes.client"):
        try:
            __import__(module)
        except ImportError:
            continue
        return module
    return None


def find_route() -> ScanRoute | None:
    """The scanning route this PC has, or None (then there is no "Pindai" button)."""
    if os.environ.get("LAYAN_NO_SCANNER"):
        return None
    program = naps2_console()
    if program:
        return ScanRoute("naps2", program)
    library = _wia_library()
    if library:
        return ScanRoute("wia", library)
    return None


def scan_failed(detail: str) -> AttachmentError:
    return AttachmentError(
        f"Pemindaian gagal: {detail}. Periksa pemindai (menyala, kabel, kertas) lalu coba lagi.",
        f"Scanning failed: {detail}. Check the scanner (power, cable, paper) and try again.",
    )


def scan_with_naps2(program: str, target: Path) -> Path:
    """Scans with NAPS2's default profile into ``target`` (a PDF). Blocks: run it off the GUI thread."""
    try:
        done = subprocess.run([program, "-o", str(target), "-f"], capture_output=True, text=True,
                              timeout=SCAN_TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise scan_failed(str(exc)) from exc
    if done.returncode != 0 or not target.is_file() or target.stat().st_size == 0:
        raise scan_failed((done.stderr or done.stdout or f"kode {done.returncode}").strip()[:200])
    return target


def scan_with_wia(library: str, target: Path) -> Path | None:
    """Shows Windows' own scanner dialog and saves the page to ``target`` (a .jpg); None when the clerk cancels.
    WIA is a COM API of the GUI thread: call it there (the dialog is modal anyway)."""
    try:
        if library == "win32com.client":
            import win32com.client  # type: ignore[import-not-found]

            dialog = win32com.client.Dispatch("WIA.CommonDialog")
        else:
            import comtypes.client  # type: ignore[import-not-found]

            dialog = comtypes.client.CreateObject("WIA.CommonDialog")
        # DeviceType, Intent, Bias, FormatID, AlwaysSelectDevice, UseCommonUI, CancelError
        image = dialog.ShowAcquireImage(WIA_SCANNER, 0, WIA_MAXIMIZE_QUALITY, WIA_FORMAT_JPEG, False, True, False)
    except Exception as exc:  # noqa: BLE001 - COM raises its own types; the clerk needs the text
        raise scan_failed(str(exc)) from exc
    if image is None:
        return None
    target.unlink(missing_ok=True)
    image.SaveFile(str(target))
    return target
