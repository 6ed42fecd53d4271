<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="id_ID">
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="71"/>
        <source>Administrator lokal</source>
        <translation>Local administrator</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="72"/>
        <source>Akun untuk masuk di komputer ini sampai komputer didaftarkan ke server.</source>
        <translation>The account for logging in on this PC until the PC is enrolled with the server.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="75"/>
        <source>Nama pengguna</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="76"/>
        <source>Nama lengkap</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="77"/>
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="79"/>
        <source>Ulangi kata sandi</source>
        <translation>Repeat password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="88"/>
        <source>Nama pengguna wajib diisi.</source>
        <translation>A username is required.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="91"/>
        <source>Kata sandi minimal {n} karakter.</source>
        <translation>The password needs at least {n} characters.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="94"/>
        <source>Kedua kata sandi tidak sama.</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../desktop/ui/app.py" line="73"/>
        <source>Pemulihan gagal</source>
        <translation>Restore failed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/app.py" line="74"/>
        <source>Data tidak diubah.</source>
        <translation>Nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/app.py" line="76"/>
        <source>Data dipulihkan</source>
        <translation>Data restored</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/app.py" line="77"/>
        <source>Data dipulihkan. Data sebelumnya disimpan di:
{path}

Buka Layan lagi untuk melanjutkan.</source>
        <translation>The data was restored. The previous data was kept in:
{path}

Open Layan again to continue.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/app.py" line="101"/>
        <source>Layan tidak dapat dibuka</source>
        <translation>Layan cannot open</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../desktop/tasks/errors.py" line="84"/>
        <source>Terjadi kesalahan program</source>
        <translation>A program error occurred</translation>
    </message>
    <message>
        <location filename="../../desktop/tasks/errors.py" line="88"/>
        <source>Maaf, terjadi kesalahan dalam program. Data yang sudah tersimpan tetap aman.
Salin detail di bawah ini dan kirimkan ke petugas TI (Diskominfo).</source>
        <translation>Sorry, the program hit an error. Data that was already saved is safe.
Copy the details below and send them to IT (Diskominfo).</translation>
    </message>
    <message>
        <location filename="../../desktop/tasks/errors.py" line="97"/>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/tasks/errors.py" line="98"/>
        <source>Salin detail</source>
        <translation>Copy details</translation>
    </message>
    <message>
        <location filename="../../desktop/tasks/errors.py" line="107"/>
        <source>Tersalin</source>
        <translation>Copied</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../../desktop/ui/widgets/date_field.py" line="29"/>
        <source>Tekan Delete untuk mengosongkan tanggal.</source>
        <translation>Press Delete to clear the date.</translation>
    </message>
</context>
<context>
    <name>DispositionsPanel</name>
    <message>
        <location filename="../../desktop/ui/forms/dispositions_panel.py" line="37"/>
        <location filename="../../desktop/ui/forms/dispositions_panel.py" line="62"/>
        <source>Kepada</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/dispositions_panel.py" line="38"/>
        <location filename="../../desktop/ui/forms/dispositions_panel.py" line="63"/>
        <source>Instruksi</source>
        <translation>Instruction</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/dispositions_panel.py" line="39"/>
        <source>Batas Waktu</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/dispositions_panel.py" line="40"/>
        <location filename="../../desktop/ui/forms/dispositions_panel.py" line="65"/>
        <source>Catatan</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/dispositions_panel.py" line="41"/>
        <source>Oleh</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/dispositions_panel.py" line="42"/>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/dispositions_panel.py" line="56"/>
        <source>Disposisi tidak dapat diubah atau dihapus; tambahkan disposisi baru bila perlu.</source>
        <translation>Dispositions cannot be edited or deleted; add a new disposition if needed.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/dispositions_panel.py" line="64"/>
        <source>Batas waktu</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/dispositions_panel.py" line="69"/>
        <source>Tambah disposisi</source>
        <translation>Add disposition</translation>
    </message>
</context>
<context>
    <name>FirstStartWizard</name>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="121"/>
        <source>Layan — pengaturan awal</source>
        <translation>Layan — first start</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="124"/>
        <source>Lanjut &gt;</source>
        <translation>Next &gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="125"/>
        <source>&lt; Kembali</source>
        <translation>&lt; Back</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="126"/>
        <source>Selesai</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="127"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="158"/>
        <source>Menyiapkan kantor…</source>
        <translation>Setting up the office…</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <location filename="../../desktop/ui/forms/history_panel.py" line="19"/>
        <source>Dibuat</source>
        <translation>Created</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/history_panel.py" line="20"/>
        <source>Diubah</source>
        <translation>Changed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/history_panel.py" line="21"/>
        <source>Dihapus</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/history_panel.py" line="22"/>
        <source>Dibuka</source>
        <translation>Opened</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/history_panel.py" line="23"/>
        <source>Dipulihkan</source>
        <translation>Restored</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/history_panel.py" line="24"/>
        <source>Dari sinkronisasi</source>
        <translation>From sync</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/history_panel.py" line="25"/>
        <source>Konflik</source>
        <translation>Conflict</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <location filename="../../desktop/ui/forms/history_panel.py" line="50"/>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/history_panel.py" line="51"/>
        <source>Oleh</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/history_panel.py" line="52"/>
        <source>Tindakan</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/history_panel.py" line="53"/>
        <source>Isian</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/history_panel.py" line="54"/>
        <source>Sebelumnya</source>
        <translation>Before</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/history_panel.py" line="55"/>
        <source>Menjadi</source>
        <translation>After</translation>
    </message>
</context>
<context>
    <name>KlasifikasiInput</name>
    <message>
        <location filename="../../desktop/ui/widgets/klasifikasi_input.py" line="33"/>
        <source>mis. 400.12 atau kata dari namanya</source>
        <translation>e.g. 400.12 or words of its name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/klasifikasi_input.py" line="74"/>
        <source>kode tidak ada di daftar</source>
        <translation>code is not in the list</translation>
    </message>
</context>
<context>
    <name>LayanStatusBar</name>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="63"/>
        <source>Belum terhubung ke server</source>
        <translation>Not connected to a server yet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="65"/>
        <source>Luring — sinkronisasi terakhir gagal</source>
        <translation>Offline — the last sync failed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="67"/>
        <source>Daring — terhubung ke server</source>
        <translation>Online — connected to the server</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="68"/>
        <source>{count} perubahan menunggu sinkronisasi</source>
        <translation>{count} changes waiting to sync</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="71"/>
        <source>Sinkronisasi terakhir: {when}</source>
        <translation>Last sync: {when}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="74"/>
        <source>Belum pernah sinkronisasi</source>
        <translation>Never synced</translation>
    </message>
</context>
<context>
    <name>LetterColumns</name>
    <message>
        <location filename="../../desktop/ui/registers/column_titles.py" line="10"/>
        <source>No. Agenda</source>
        <translation>Agenda no.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/column_titles.py" line="10"/>
        <source>No. Urut</source>
        <translation>Serial no.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/column_titles.py" line="12"/>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/column_titles.py" line="14"/>
        <source>Tanggal Terima</source>
        <translation>Date received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/column_titles.py" line="15"/>
        <source>Nomor Surat</source>
        <translation>Letter number</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/column_titles.py" line="16"/>
        <source>Tanggal Surat</source>
        <translation>Letter date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/column_titles.py" line="17"/>
        <source>Asal/Pengirim</source>
        <translation>Sender</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/column_titles.py" line="18"/>
        <source>Tujuan</source>
        <translation>Addressee</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/column_titles.py" line="19"/>
        <source>Perihal</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/column_titles.py" line="20"/>
        <source>Sifat</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/column_titles.py" line="21"/>
        <source>Klasifikasi</source>
        <translation>Classification</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/column_titles.py" line="22"/>
        <source>Lampiran</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/column_titles.py" line="23"/>
        <source>Diteruskan Kepada</source>
        <translation>Forwarded to</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/column_titles.py" line="24"/>
        <source>Penandatangan</source>
        <translation>Signatory</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/column_titles.py" line="25"/>
        <source>Keterangan</source>
        <translation>Remarks</translation>
    </message>
</context>
<context>
    <name>LetterDialog</name>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="82"/>
        <source>Data surat</source>
        <translation>Letter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="87"/>
        <source>Simpan (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="88"/>
        <source>Tutup (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="103"/>
        <source>(diberikan otomatis saat disimpan)</source>
        <translation>(assigned automatically when saved)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="121"/>
        <source>kosongkan: dibuat otomatis dari format nomor kantor</source>
        <translation>leave empty: made from the office&apos;s number template</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="130"/>
        <source>Asal/Pengirim</source>
        <translation>Sender</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="132"/>
        <source>Tujuan</source>
        <translation>Addressee</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="154"/>
        <source> berkas</source>
        <translation> item(s)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="164"/>
        <source>Surat Masuk Baru</source>
        <translation>New incoming letter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="164"/>
        <source>Surat Keluar Baru</source>
        <translation>New outgoing letter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="166"/>
        <source>Surat Masuk No. Agenda {seq}/{year}</source>
        <translation>Incoming letter, agenda no. {seq}/{year}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="168"/>
        <source>Surat Keluar No. Urut {seq}/{year}</source>
        <translation>Outgoing letter, serial no. {seq}/{year}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="194"/>
        <source>Disposisi</source>
        <translation>Dispositions</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="198"/>
        <source>Riwayat</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="273"/>
        <source>Menyimpan surat…</source>
        <translation>Saving the letter…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="283"/>
        <source>Tersimpan dengan No. Agenda {seq}/{year}.</source>
        <translation>Saved as agenda no. {seq}/{year}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="285"/>
        <source>Tersimpan dengan No. Urut {seq}/{year}, nomor surat {nomor}.</source>
        <translation>Saved as serial no. {seq}/{year}, letter number {nomor}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="288"/>
        <source>Perubahan tersimpan.</source>
        <translation>Changes saved.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="321"/>
        <source>Buang perubahan?</source>
        <translation>Discard changes?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="322"/>
        <source>Ada isian yang belum disimpan. Tutup tanpa menyimpan?</source>
        <translation>Some input is not saved. Close without saving?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="323"/>
        <source>Ya, buang</source>
        <translation>Yes, discard</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="324"/>
        <source>Tidak, kembali</source>
        <translation>No, go back</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="21"/>
        <source>Layan — masuk</source>
        <translation>Layan — log in</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="27"/>
        <source>Nama pengguna</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="28"/>
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="32"/>
        <source>Masuk</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="33"/>
        <source>Keluar</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="50"/>
        <source>Nama pengguna atau kata sandi salah.</source>
        <translation>Wrong username or password.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="57"/>
        <source>Layan — {office}</source>
        <translation>Layan — {office}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="83"/>
        <source>Masuk sebagai {user}</source>
        <translation>Logged in as {user}</translation>
    </message>
</context>
<context>
    <name>Modules</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="34"/>
        <source>Surat Masuk</source>
        <translation>Incoming letters</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="35"/>
        <source>Surat Keluar</source>
        <translation>Outgoing letters</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="36"/>
        <source>Permohonan Layanan</source>
        <translation>Service requests</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="37"/>
        <source>Pengaduan</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="38"/>
        <source>Pasien &amp; Kunjungan</source>
        <translation>Patients &amp; visits</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="39"/>
        <source>Laporan</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="40"/>
        <source>Sinkronisasi</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="41"/>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
</context>
<context>
    <name>OfficePage</name>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="24"/>
        <source>Kantor</source>
        <translation>Office</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="25"/>
        <source>Komputer ini dipakai oleh kantor mana? Kode kantor diberikan oleh Diskominfo.</source>
        <translation>Which office uses this PC? Diskominfo gives out the office codes.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="28"/>
        <source>Kode kantor</source>
        <translation>Office code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="29"/>
        <source>mis. DST-MB</source>
        <translation>e.g. DST-MB</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="31"/>
        <source>Nama kantor</source>
        <translation>Office name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="32"/>
        <source>mis. Distrik Mimika Baru</source>
        <translation>e.g. Distrik Mimika Baru</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="33"/>
        <source>Jenis kantor</source>
        <translation>Office kind</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="37"/>
        <source>Buka kantor demo dengan data contoh</source>
        <translation>Open a demo office with sample data</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="40"/>
        <source>Kantor demo untuk latihan: berisi surat-surat contoh. Jangan dipakai untuk data sungguhan.</source>
        <translation>A demo office for practice, with sample letters. Do not use it for real data.</translation>
    </message>
</context>
<context>
    <name>Placeholder</name>
    <message>
        <location filename="../../desktop/ui/placeholder_page.py" line="11"/>
        <source>Permohonan layanan warga (surat keterangan domisili, SKTM, pengantar SKCK, keterangan usaha, kelahiran, kematian, pindah) dan penerbitan suratnya.</source>
        <translation>Citizens&apos; service requests (certificates of domicile, SKTM, SKCK referrals, business, birth, death, moving) and issuing the certificates.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/placeholder_page.py" line="14"/>
        <source>Pengaduan warga (Mimika Center), termasuk meneruskan pengaduan ke kantor lain.</source>
        <translation>Citizens&apos; complaints (Mimika Center), including forwarding a complaint to another office.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/placeholder_page.py" line="16"/>
        <source>Pasien dan register kunjungan per klaster ILP, diagnosis ICD-10.</source>
        <translation>Patients and visit registers per ILP cluster, ICD-10 diagnoses.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/placeholder_page.py" line="17"/>
        <source>Laporan bulanan (rekap surat, LB1 puskesmas).</source>
        <translation>Monthly reports (letter summaries, puskesmas LB1).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/placeholder_page.py" line="18"/>
        <source>Pendaftaran komputer ini ke server, sinkronisasi, dan konflik data. Sampai saat itu semua data tersimpan aman di komputer ini.</source>
        <translation>Enrolling this PC with the server, syncing, and data conflicts. Until then all data is kept safely on this PC.</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <location filename="../../desktop/ui/placeholder_page.py" line="32"/>
        <source>Modul ini belum tersedia di versi ini. Modul ini dikerjakan dalam isu tersendiri yang akan menyusul, dan akan berisi:</source>
        <translation>This module is not in this version yet. It is planned as a separate issue that comes later, and will hold:</translation>
    </message>
</context>
<context>
    <name>RegisterPage</name>
    <message>
        <location filename="../../desktop/ui/registers/register_page.py" line="53"/>
        <source>Surat Masuk</source>
        <translation>Incoming letters</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/register_page.py" line="53"/>
        <source>Surat Keluar</source>
        <translation>Outgoing letters</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/register_page.py" line="61"/>
        <source>Surat baru (Ctrl+N)</source>
        <translation>New letter (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/register_page.py" line="71"/>
        <source>Cari nomor, perihal, pengirim, tujuan… (Ctrl+F)</source>
        <translation>Search number, subject, sender, addressee… (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/register_page.py" line="73"/>
        <source>Periode</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/register_page.py" line="80"/>
        <source>Semua sifat</source>
        <translation>Any urgency</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/register_page.py" line="85"/>
        <source>Klasifikasi</source>
        <translation>Classification</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/register_page.py" line="144"/>
        <source>Mencari…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/register_page.py" line="164"/>
        <source>{count} surat</source>
        <translation>{count} letters</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="59"/>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="70"/>
        <source>Bahasa</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="77"/>
        <source>Bahasa tampilan</source>
        <translation>Display language</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="78"/>
        <source>Bahasa langsung berganti: jendela utama dibuka ulang dalam bahasa yang dipilih.</source>
        <translation>The language changes at once: the main window reopens in the chosen language.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="86"/>
        <source>Kantor</source>
        <translation>Office</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="88"/>
        <source>Kode kantor</source>
        <translation>Office code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="89"/>
        <source>Nama kantor</source>
        <translation>Office name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="90"/>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="93"/>
        <source>ID perangkat</source>
        <translation>Device ID</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="94"/>
        <source>Folder data</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="98"/>
        <source>Penomoran surat keluar</source>
        <translation>Outgoing letter numbers</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="101"/>
        <source>Format nomor</source>
        <translation>Number template</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="102"/>
        <source>Kode unit</source>
        <translation>Unit code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="107"/>
        <source>Boleh memakai: {nomor} (wajib), {klasifikasi}, {kode_unit}, {tahun}, {bulan}, {bulan_romawi}.</source>
        <translation>May use: {nomor} (required), {klasifikasi}, {kode_unit}, {tahun}, {bulan}, {bulan_romawi}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="114"/>
        <source>Simpan penomoran</source>
        <translation>Save numbering</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="123"/>
        <source>Cadangan</source>
        <translation>Backup</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="125"/>
        <source>Cadangan otomatis dibuat sekali sehari saat aplikasi dibuka (14 terakhir disimpan di folder data/backups). Simpan juga cadangan ke flashdisk secara berkala.</source>
        <translation>An automatic backup is made once a day when the app opens (the last 14 are kept in data/backups). Also save a backup to a USB stick regularly.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="130"/>
        <source>Buat cadangan sekarang…</source>
        <translation>Back up now…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="132"/>
        <source>Pulihkan dari cadangan…</source>
        <translation>Restore from a backup…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="172"/>
        <source>Contoh: {number}</source>
        <translation>Example: {number}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="178"/>
        <source>Penomoran tersimpan.</source>
        <translation>Numbering saved.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="194"/>
        <source>Simpan cadangan</source>
        <translation>Save backup</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="195"/>
        <location filename="../../desktop/ui/settings_page.py" line="206"/>
        <source>Cadangan Layan (*.sqlite3)</source>
        <translation>Layan backups (*.sqlite3)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="201"/>
        <source>Cadangan tersimpan: {path}</source>
        <translation>Backup saved: {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="202"/>
        <source>Membuat cadangan…</source>
        <translation>Making a backup…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="205"/>
        <source>Pilih berkas cadangan</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="214"/>
        <source>Memeriksa berkas cadangan…</source>
        <translation>Checking the backup file…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="217"/>
        <source>Pulihkan dari cadangan?</source>
        <translation>Restore from the backup?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="218"/>
        <source>Data di komputer ini akan diganti dengan isi cadangan kantor {office}.
Data yang sekarang disimpan dulu sebagai salinan pengaman.
Aplikasi akan ditutup; buka lagi sesudahnya.</source>
        <translation>The data on this PC will be replaced by the backup of office {office}.
The current data is first kept as a safety copy.
The app will close; open it again afterwards.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="222"/>
        <source>Pulihkan dan tutup aplikasi</source>
        <translation>Restore and close the app</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="223"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../desktop/tasks/errors.py" line="48"/>
        <source>Penyimpanan penuh. Kosongkan ruang disk lalu coba lagi.</source>
        <translation>The disk is full. Free some disk space and try again.</translation>
    </message>
    <message>
        <location filename="../../desktop/tasks/errors.py" line="50"/>
        <source>Tidak ada izin menulis ke folder itu: %1</source>
        <translation>No permission to write to that folder: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/tasks/errors.py" line="56"/>
        <source>Tidak dapat terhubung ke server. Data tetap aman di komputer ini; sinkronisasi dicoba lagi nanti.</source>
        <translation>Cannot reach the server. The data stays safe on this PC; sync will be tried again later.</translation>
    </message>
    <message>
        <location filename="../../desktop/tasks/errors.py" line="66"/>
        <source>Tidak berhasil</source>
        <translation>Did not succeed</translation>
    </message>
</context>
</TS>
