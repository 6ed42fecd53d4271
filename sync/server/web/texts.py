"""Every text the centre's pages show, in one place: key -> (Bahasa Indonesia, English).

Templates call ``t("key")``; Python code calls ``text(lang, "key")``. A page module with many texts
of its own may keep them in its own dict and ``add()`` it at import (keys must not clash)."""

from __future__ import annotations

LANGS = ("id", "en")

TEXTS: dict[str, tuple[str, str]] = {
    # frame
    "app_title": ("Layan — Pusat Kabupaten Mimika", "Layan — Mimika Regency Centre"),
    "skip_to_content": ("Langsung ke isi", "Skip to content"),
    "logged_in_as": ("Masuk sebagai", "Logged in as"),
    "logout": ("Keluar", "Log out"),
    "login": ("Masuk", "Log in"),
    "language_other": ("English", "Bahasa Indonesia"),
    "home": ("Beranda", "Home"),
    "nav_track": ("Lacak", "Track"),
    "nav_verify": ("Verifikasi surat", "Verify a certificate"),
    "footer": ("Layan · Pemerintah Kabupaten Mimika", "Layan · Mimika Regency Government"),
    # roles
    "role_it": ("IT (Diskominfo)", "IT (Diskominfo)"),
    "role_pimpinan": ("Pimpinan", "Leadership"),
    "role_dinkes": ("Dinas Kesehatan", "Health Office"),
    "role_organisasi": ("Bagian Organisasi", "Organisation Bureau"),
    # login
    "login_title": ("Masuk ke Layan Pusat", "Log in to the Layan Centre"),
    "username": ("Nama pengguna", "Username"),
    "password": ("Kata sandi", "Password"),
    "login_wrong": ("Nama pengguna atau kata sandi salah.", "Wrong username or password."),
    "login_locked": ("Terlalu banyak percobaan gagal. Akun dikunci sampai {until}.",
                     "Too many failed attempts. The account is locked until {until}."),
    "login_disabled": ("Akun ini dinonaktifkan. Hubungi IT.", "This account is disabled. Contact IT."),
    "session_expired": ("Sesi Anda berakhir. Silakan masuk lagi.", "Your session has ended. Please log in again."),
    "logged_out": ("Anda sudah keluar.", "You have logged out."),
    "login_needed": ("Silakan masuk untuk membuka halaman itu.", "Please log in to open that page."),
    # errors
    "error_title": ("Tidak dapat dibuka", "Cannot be opened"),
    "forbidden_title": ("Bukan untuk peran Anda", "Not for your role"),
    "forbidden_text": ("Halaman ini tidak tersedia untuk peran {role}.", "This page is not available to the role {role}."),
    "not_found_title": ("Halaman tidak ditemukan", "Page not found"),
    "not_found_text": ("Alamat ini tidak ada. Periksa kembali tautannya.", "This address does not exist. Check the link."),
    "csrf_title": ("Formulir kedaluwarsa", "Form expired"),
    "csrf_text": ("Formulir ini tidak dapat diterima (token keamanan tidak cocok). Muat ulang halaman lalu coba lagi; "
                  "tidak ada yang diubah.",
                  "This form could not be accepted (security token mismatch). Reload the page and try again; "
                  "nothing was changed."),
    "bad_request_title": ("Isian tidak valid", "Invalid input"),
    "bad_request_text": ("Isian formulir atau alamat tidak dapat dibaca. Tidak ada yang diubah.",
                         "The form or address could not be read. Nothing was changed."),
    "too_many_title": ("Terlalu banyak permintaan", "Too many requests"),
    "too_many_text": ("Terlalu banyak pencarian dari alamat Anda. Coba lagi sebentar lagi.",
                      "Too many look-ups from your address. Try again in a moment."),
    "server_error_title": ("Terjadi kesalahan di server", "Server error"),
    "server_error_text": ("Maaf, halaman ini gagal dibuat. Tidak ada yang diubah. IT sudah dapat melihat catatannya.",
                          "Sorry, this page failed. Nothing was changed. IT can see the details in the log."),
    "back_home": ("Kembali ke beranda", "Back to the home page"),
    "home_intro": ("Pilih halaman di menu.", "Choose a page from the menu."),
    "home_track": ("Lacak permohonan atau pengaduan", "Track a request or complaint"),
    "home_track_hint": ("dengan kode lacak pada tanda terima", "with the tracking code on your receipt"),
    "home_verify": ("Periksa keaslian surat keterangan", "Check a certificate"),
    "home_verify_hint": ("dari kode QR pada surat", "from the QR code on it"),
    "home_staff": ("Masuk untuk petugas pusat", "Log in (centre staff)"),
}

MONTHS = {
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}


def add(texts: dict[str, tuple[str, str]]) -> None:
    clash = set(texts) & set(TEXTS)
    if clash:
        raise ValueError(f"text keys defined twice: {sorted(clash)}")
    TEXTS.update(texts)


def text(lang: str, key: str, **values) -> str:
    pair = TEXTS.get(key)
    if pair is None:
        return key
    out = pair[1] if lang == "en" else pair[0]
    return out.format(**values) if values else out
