"""Column titles of the letter registers, as in the paper agenda books (translated)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

TITLES = {  # translated one at a time: the header asks for a title each time it paints a section
    "tanggal_terima": QT_TRANSLATE_NOOP("LetterColumns", "Tanggal Terima"),
    "nomor_surat": QT_TRANSLATE_NOOP("LetterColumns", "Nomor Surat"),
    "tanggal_surat": QT_TRANSLATE_NOOP("LetterColumns", "Tanggal Surat"),
    "asal": QT_TRANSLATE_NOOP("LetterColumns", "Asal/Pengirim"),
    "tujuan": QT_TRANSLATE_NOOP("LetterColumns", "Tujuan"),
    "perihal": QT_TRANSLATE_NOOP("LetterColumns", "Perihal"),
    "sifat": QT_TRANSLATE_NOOP("LetterColumns", "Sifat"),
    "klasifikasi": QT_TRANSLATE_NOOP("LetterColumns", "Klasifikasi"),
    "lampiran": QT_TRANSLATE_NOOP("LetterColumns", "Lampiran"),
    "diteruskan_kepada": QT_TRANSLATE_NOOP("LetterColumns", "Diteruskan Kepada"),
    "penandatangan": QT_TRANSLATE_NOOP("LetterColumns", "Penandatangan"),
    "keterangan": QT_TRANSLATE_NOOP("LetterColumns", "Keterangan"),
}


def title(direction: str, key: str) -> str:
    if key == "seq":
        return QCoreApplication.translate("LetterColumns", "No. Agenda") if direction == "masuk" else QCoreApplication.translate("LetterColumns", "No. Urut")
    if key == "tanggal_surat" and direction == "keluar":
        return QCoreApplication.translate("LetterColumns", "Tanggal")
    source = TITLES.get(key)
    return QCoreApplication.translate("LetterColumns", source) if source else key
