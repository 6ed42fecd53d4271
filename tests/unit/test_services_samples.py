"""A filled-in request for every service of the catalog (used by the services, printing and CLI tests),
and the check that the samples keep covering the catalog as services are added."""

from __future__ import annotations

import copy
import datetime as dt

TODAY = dt.date(2026, 11, 27)  # a Friday
SIGNER = {"ttd_nama": "Drs. Yakobus Beanal, M.Si", "ttd_nip": "197001012000031001"}

APPLICANT = {
    "nik": "9404014101900001", "nama": "Maria Kogoya", "no_kk": "9404010101200001", "jenis_kelamin": "P",
    "tempat_lahir": "Timika", "tanggal_lahir": "1990-01-01", "agama": "kristen", "status_kawin": "belum_kawin",
    "pekerjaan": "Petani", "kewarganegaraan": "WNI", "alamat": "Jl. Yos Sudarso No. 5", "rt": "3", "rw": "2",
    "kampung": "Koperapoka", "distrik": "Mimika Baru", "telepon": "0812 4800 1234",
    "keperluan": "Melamar pekerjaan",
}
# Other people's NIKs used in the details (valid: 94 province, a birth date, a serial).
NIK_SUAMI = "9404010101800002"
NIK_AYAH = "9404011203850003"
NIK_ALMARHUM = "9404010101500003"

DETAILS = {
    "domisili": {"tinggal_sejak": 2015},
    "domisili_usaha": {"nama_usaha": "Kios Sejahtera", "jenis_usaha": "Kios sembako", "alamat_usaha": "Pasar Sentral",
                       "status_tempat": "sewa"},
    "sktm": {"penghasilan": 800000, "anggota": [
        {"nama": "Yan Kogoya", "nik": NIK_SUAMI, "hubungan": "Kepala Keluarga"},
        {"nama": "Maria Kogoya", "nik": "9404014101900001", "hubungan": "istri"}]},
    "pengantar_skck": {},
    "keterangan_usaha": {"jenis_usaha": "Jualan pinang", "alamat_usaha": "Jl. Budi Utomo", "mulai_usaha": 2019},
    "kelahiran": {"nama_anak": "Yosua Kogoya", "jenis_kelamin_anak": "L", "tempat_lahir_anak": "RSUD Mimika",
                  "tanggal_lahir_anak": "2026-11-20", "jam_lahir": "08:30", "anak_ke": 2, "nama_ayah": "Yan Kogoya",
                  "nik_ayah": NIK_AYAH, "nama_ibu": "Maria Kogoya", "hubungan_pelapor": "Ibu kandung"},
    "kematian": {"nama_almarhum": "Petrus Kogoya", "nik_almarhum": NIK_ALMARHUM, "umur": 76,
                 "tanggal_meninggal": "2026-11-25", "tempat_meninggal": "Rumah", "sebab_meninggal": "Sakit",
                 "hubungan_pelapor": "Anak"},
    "pengantar_pindah": {"alamat_tujuan": "Jl. Merdeka 10", "kabupaten_tujuan": "Nabire",
                         "provinsi_tujuan": "Papua Tengah", "alasan_pindah": "Pekerjaan",
                         "anggota": [{"nama": "Yan Kogoya", "nik": NIK_SUAMI, "hubungan": "suami"}]},
    "belum_menikah": {"nama_ayah": "Petrus Kogoya", "nama_ibu": "Yohana Kum"},
    "surat_jalan": {"tujuan": "Agimuga", "tanggal_berangkat": "2026-11-30", "berlaku_sampai": "2026-12-14",
                    "alat_angkut": "Perahu motor", "barang_bawaan": "Bahan makanan\nPakaian"},
}

# What the certificate must say besides the applicant (a detail that proves the right template).
CERTIFICATE_MARKERS = {
    "domisili": "SURAT KETERANGAN DOMISILI", "domisili_usaha": "Kios Sejahtera",
    "sktm": NIK_SUAMI, "pengantar_skck": "SKCK", "keterangan_usaha": "Jualan pinang",
    "kelahiran": "YOSUA KOGOYA", "kematian": "PETRUS KOGOYA", "pengantar_pindah": "Nabire",
    "belum_menikah": "belum pernah menikah", "surat_jalan": "Agimuga",
}


def sample(code: str, **overrides) -> dict:
    """A valid request for service ``code`` (a deep copy: tests may change it)."""
    fields = {**copy.deepcopy(APPLICANT), "details": copy.deepcopy(DETAILS[code])}
    fields.update(overrides)
    return fields


def required_documents(code: str) -> list[str]:
    from desktop.domain import services

    return list(services.service(code).required_documents)


def test_samples_cover_every_service_of_the_catalog():
    from desktop.domain import services

    assert set(DETAILS) == set(services.catalog().codes) == set(CERTIFICATE_MARKERS)


def test_every_sample_is_valid_for_its_service():
    from desktop.domain import services

    for code in DETAILS:
        _, errors = services.check_request(services.service(code), sample(code), today=TODAY)
        assert errors == [], (code, errors)
