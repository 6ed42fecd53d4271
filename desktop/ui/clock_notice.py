"""Telling the clerk plainly that the PC's clock is wrong: a status-bar text and a notice, once.

Layan itself goes by the corrected clock (domain/wall_clock.py), but the clerk should still fix
the PC: other programs, file dates and the printed time follow it. The notice is not modal and
comes once per session for a given error (again only when the error changes by more than a few
minutes), never in a loop.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QTimeZone
from PySide6.QtWidgets import QWidget

from desktop.domain import wall_clock

from .i18n import TIME_FORMATS, current_language

_noticed: list[dt.timedelta] = []  # the errors already told about in this session


def short_moment(moment: dt.datetime) -> str:
    """``4 Des 2036 10.00`` (local time; English: ``4 Dec 2036 10:00``)."""
    stamp = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()), QTimeZone.utc()).toLocalTime()
    return QLocale().toString(stamp, f"d MMM yyyy {TIME_FORMATS[current_language()]}")


def basis_text(reading: wall_clock.Reading) -> str:
    if reading.basis == wall_clock.SERVER:
        return QCoreApplication.translate("ClockNotice", "menurut server saat sinkronisasi")
    if reading.basis == wall_clock.RECORDS:
        return QCoreApplication.translate("ClockNotice",
                                          "data terbaru di komputer ini tidak mungkin dibuat di masa depan")
    return QCoreApplication.translate("ClockNotice", "aplikasi ini dirilis sesudah tanggal itu")


def status_text(reading: wall_clock.Reading) -> str:
    """For the status bar: what the clock says and what it should say."""
    return QCoreApplication.translate("ClockNotice", "Jam komputer: {pc} — seharusnya {now}").format(
        pc=short_moment(reading.pc), now=short_moment(reading.now))


def how_to_fix() -> str:
    return QCoreApplication.translate(
        "ClockNotice",
        "Cara membetulkan di Windows: buka Settings → Time & language → Date & time (Pengaturan → Waktu & "
        "bahasa → Tanggal & waktu), nyalakan \"Set time automatically\" (Atur waktu secara otomatis) lalu "
        "tekan \"Sync now\" (Sinkronkan sekarang). Tanpa internet: matikan pengaturan otomatis itu, tekan "
        "\"Change\" (Ubah) dan isi tanggal serta jam yang benar. Bila jam kembali salah setiap kali komputer "
        "dinyalakan, baterai kecil (CMOS) di dalam komputer perlu diganti.")


def notice_text(reading: wall_clock.Reading) -> str:
    if reading.offset > dt.timedelta(0):
        direction = QCoreApplication.translate("ClockNotice", "terlambat")
    else:
        direction = QCoreApplication.translate("ClockNotice", "terlalu cepat")
    return QCoreApplication.translate(
        "ClockNotice",
        "Jam komputer ini menunjukkan {pc}, padahal seharusnya sekitar {now} ({basis}): jamnya {direction}.\n\n"
        "Layan memakai waktu yang benar untuk tanggal baru dan tahun nomor surat, tetapi program lain di "
        "komputer ini tidak.\n\n{fix}").format(
        pc=short_moment(reading.pc), now=short_moment(reading.now), basis=basis_text(reading),
        direction=direction, fix=how_to_fix())


def should_notice(reading: wall_clock.Reading) -> bool:
    """True the first time this session for an error of this size (within the allowed skew)."""
    if not reading.is_wrong:
        return False
    return not any(abs(reading.offset - seen) <= wall_clock.MAX_SKEW for seen in _noticed)


def show_notice(parent: QWidget | None, reading: wall_clock.Reading) -> QWidget:
    """The notice, not modal: work goes on behind it."""
    # Here: PySide sets a class up on first use, and the first screen needs no message box.
    from PySide6.QtWidgets import QMessageBox

    _noticed.append(reading.offset)
    title = QCoreApplication.translate("ClockNotice", "Jam komputer salah")
    box = QMessageBox(QMessageBox.Icon.Warning, title, notice_text(reading), parent=parent)
    box.setObjectName("clockNotice")
    box.setModal(False)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    from PySide6.QtCore import Qt  # not with the module: it loads before the first screen (ui/qt_values.py)

    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.show()
    return box


def forget_notices() -> None:
    """A new session (tests)."""
    _noticed.clear()
