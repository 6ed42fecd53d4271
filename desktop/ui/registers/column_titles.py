"""Column titles of the letter registers, as in the paper agenda books (translated)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def title(direction: str, key: str) -> str:
    tr = QCoreApplication.translate
    if key == "seq":
        return tr("LetterColumns", "No. Agenda") if direction == "masuk" else tr("LetterColumns", "No. Urut")
    if key == "tanggal_surat" and direction == "keluar":
        return tr("LetterColumns", "Tanggal")
    titles = {
        "tanggal_terima": tr("LetterColumns", "Tanggal Terima"),
        "nomor_surat": tr("LetterColumns", "Nomor Surat"),
        "tanggal_surat": tr("LetterColumns", "Tanggal Surat"),
        "asal": tr("LetterColumns", "Asal/Pengirim"),
        "tujuan": tr("LetterColumns", "Tujuan"),
        "perihal": tr("LetterColumns", "Perihal"),
        "sifat": tr("LetterColumns", "Sifat"),
        "klasifikasi": tr("LetterColumns", "Klasifikasi"),
        "lampiran": tr("LetterColumns", "Lampiran"),
        "diteruskan_kepada": tr("LetterColumns", "Diteruskan Kepada"),
        "penandatangan": tr("LetterColumns", "Penandatangan"),
        "keterangan": tr("LetterColumns", "Keterangan"),
    }
    return titles.get(key, key)
