"""Column titles of the letter registers, as in the paper agenda books (translated)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def title(direction: str, key: str) -> str:
    if key == "seq":
        return QCoreApplication.translate("LetterColumns", "No. Agenda") if direction == "masuk" else QCoreApplication.translate("LetterColumns", "No. Urut")
    if key == "tanggal_surat" and direction == "keluar":
        return QCoreApplication.translate("LetterColumns", "Tanggal")
    titles = {
        "tanggal_terima": QCoreApplication.translate("LetterColumns", "Tanggal Terima"),
        "nomor_surat": QCoreApplication.translate("LetterColumns", "Nomor Surat"),
        "tanggal_surat": QCoreApplication.translate("LetterColumns", "Tanggal Surat"),
        "asal": QCoreApplication.translate("LetterColumns", "Asal/Pengirim"),
        "tujuan": QCoreApplication.translate("LetterColumns", "Tujuan"),
        "perihal": QCoreApplication.translate("LetterColumns", "Perihal"),
        "sifat": QCoreApplication.translate("LetterColumns", "Sifat"),
        "klasifikasi": QCoreApplication.translate("LetterColumns", "Klasifikasi"),
        "lampiran": QCoreApplication.translate("LetterColumns", "Lampiran"),
        "diteruskan_kepada": QCoreApplication.translate("LetterColumns", "Diteruskan Kepada"),
        "penandatangan": QCoreApplication.translate("LetterColumns", "Penandatangan"),
        "keterangan": QCoreApplication.translate("LetterColumns", "Keterangan"),
    }
    return titles.get(key, key)
