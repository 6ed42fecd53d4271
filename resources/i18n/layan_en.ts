<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="id_ID">
<context>
    <name>AccessNotice</name>
    <message>
        <location filename="../../desktop/ui/health/common.py" line="44"/>
        <source>Data pasien hanya dapat dibuka oleh tenaga kesehatan (nakes) dan kepala puskesmas ini (UU 27/2022 tentang Pelindungan Data Pribadi). Masuklah dengan akun nakes untuk melanjutkan.</source>
        <translation>Patient records can be opened only by health staff (nakes) and the head of this health centre (Law 27/2022 on Personal Data Protection). Log in with a health staff account to continue.</translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="128"/>
        <source>Tambah pengguna</source>
        <translation>Add user</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="130"/>
        <source>Nama pengguna</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="131"/>
        <source>huruf kecil, mis. bidan.maria</source>
        <translation>lower case, e.g. bidan.maria</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="132"/>
        <source>Nama lengkap</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="133"/>
        <source>Peran</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="143"/>
        <source>Nama pengguna wajib diisi.</source>
        <translation>A username is required.</translation>
    </message>
</context>
<context>
    <name>AddressCheck</name>
    <message>
        <location filename="../../desktop/ui/services/address_check.py" line="62"/>
        <source>{place}Distrik {distrik} bukan wilayah kantor ini, padahal surat ini menyatakan pemohon penduduk wilayah kantor ini. Setelah disimpan, permohonan bisa diteruskan ke Distrik {distrik}.</source>
        <translation>{place}Distrik {distrik} is not this office&apos;s area, yet this certificate states that the applicant lives in this office&apos;s area. Once saved, the request can be forwarded to Distrik {distrik}.</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="129"/>
        <source>Administrator lokal</source>
        <translation>Local administrator</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="130"/>
        <source>Akun untuk masuk di komputer ini sampai komputer didaftarkan ke server.</source>
        <translation>The account for logging in on this PC until the PC is enrolled with the server.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="133"/>
        <source>Nama pengguna</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="134"/>
        <source>Nama lengkap</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="135"/>
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="137"/>
        <source>Ulangi kata sandi</source>
        <translation>Repeat password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="146"/>
        <source>Nama pengguna wajib diisi.</source>
        <translation>A username is required.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="149"/>
        <source>Kata sandi minimal {n} karakter.</source>
        <translation>The password needs at least {n} characters.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="152"/>
        <source>Kedua kata sandi tidak sama.</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../desktop/ui/app.py" line="91"/>
        <source>Pemulihan gagal</source>
        <translation>Restore failed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/app.py" line="92"/>
        <source>Data tidak diubah.</source>
        <translation>Nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/app.py" line="94"/>
        <source>Data dipulihkan</source>
        <translation>Data restored</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/app.py" line="95"/>
        <source>Data dipulihkan. Data sebelumnya disimpan di:
{path}

Buka Layan lagi untuk melanjutkan.</source>
        <translation>The data was restored. The previous data was kept in:
{path}

Open Layan again to continue.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/app.py" line="226"/>
        <source>Layan tidak dapat dibuka</source>
        <translation>Layan cannot open</translation>
    </message>
</context>
<context>
    <name>AttachmentColumn</name>
    <message>
        <location filename="../../desktop/ui/registers/attachment_column.py" line="55"/>
        <source>{count} lampiran</source>
        <translation>Attachments: {count}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/attachment_column.py" line="78"/>
        <source>Lampiran berkas (pindaian, foto)</source>
        <translation>Attached files (scans, photos)</translation>
    </message>
</context>
<context>
    <name>AttachmentStrip</name>
    <message>
        <location filename="../../desktop/ui/widgets/attachment_strip.py" line="106"/>
        <source>&amp;Lampirkan berkas…</source>
        <translation>&amp;Attach file…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/attachment_strip.py" line="109"/>
        <source>&amp;Pindai</source>
        <translation>&amp;Scan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/attachment_strip.py" line="113"/>
        <source>&amp;Buka</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/attachment_strip.py" line="116"/>
        <source>Hapus lampiran</source>
        <translation>Remove attachment</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/attachment_strip.py" line="120"/>
        <source>Untuk &amp;dokumen:</source>
        <translation>For &amp;document:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/attachment_strip.py" line="129"/>
        <source>Simpan asli di PC ini</source>
        <translation>Keep the original on this PC</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/attachment_strip.py" line="131"/>
        <source>Yang dikirim ke kantor lain selalu versi kecil (±150 KB per halaman). Centang untuk juga menyimpan berkas asli di komputer ini saja.</source>
        <translation>Other offices always receive the small version (about 150 KB per page). Tick to also keep the original file, on this computer only.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/attachment_strip.py" line="169"/>
        <source>(bukan dokumen persyaratan)</source>
        <translation>(not a checklist document)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/attachment_strip.py" line="233"/>
        <location filename="../../desktop/ui/widgets/attachment_strip.py" line="249"/>
        <source>{count} hlm.</source>
        <translation>{count} p.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/attachment_strip.py" line="239"/>
        <source>{name}: disimpan saat data ini disimpan.</source>
        <translation>{name}: stored when this record is saved.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/attachment_strip.py" line="255"/>
        <source>(belum sampai di PC ini)</source>
        <translation>(not on this PC yet)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/attachment_strip.py" line="260"/>
        <source>{name}: berkas belum sampai di komputer ini (diunduh saat sinkronisasi).</source>
        <translation>{name}: the file has not reached this computer yet (it is downloaded at sync).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/attachment_strip.py" line="307"/>
        <source>Lampiran dapat ditambahkan setelah data ini disimpan.</source>
        <translation>Attachments can be added once this record is saved.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/attachment_strip.py" line="309"/>
        <source>Memeriksa dan memperkecil berkas…</source>
        <translation>Checking and reducing the file…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/attachment_strip.py" line="312"/>
        <source>Berkas disimpan bersama data ini saat Simpan ditekan. Seret berkas ke sini, tempel dengan Ctrl+V, atau pakai Lampirkan berkas (Alt+L). Enter membuka, Delete membuang.</source>
        <translation>Files are stored with this record when you save it. Drag files here, paste with Ctrl+V, or use Attach file (Alt+L). Enter opens one, Delete drops it.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/attachment_strip.py" line="316"/>
        <source>Seret berkas PDF, JPEG, PNG atau TIFF ke sini, tempel gambar dengan Ctrl+V, atau pakai tombol Lampirkan berkas (Alt+L). Enter membuka, Delete menghapus.</source>
        <translation>Drag PDF, JPEG, PNG or TIFF files here, paste an image with Ctrl+V, or use the Attach file button (Alt+A). Enter opens, Delete removes.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/attachment_strip.py" line="322"/>
        <source>Lampirkan berkas</source>
        <translation>Attach file</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/attachment_strip.py" line="323"/>
        <source>Pindaian dan foto ({patterns})</source>
        <translation>Scans and photos ({patterns})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/attachment_strip.py" line="400"/>
        <location filename="../../desktop/ui/widgets/attachment_strip.py" line="415"/>
        <source>Berkas tidak dilampirkan</source>
        <translation>File not attached</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/attachment_strip.py" line="401"/>
        <source>Data tersimpan, tetapi berkas ini tidak dilampirkan:
{lines}

Lampirkan lagi dari tab Lampiran.</source>
        <translation>The record is saved, but these files were not attached:
{lines}

Attach them again on the Attachments tab.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/attachment_strip.py" line="461"/>
        <source>Pemindaian gagal</source>
        <translation>Scanning failed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/attachment_strip.py" line="474"/>
        <source>Memindai…</source>
        <translation>Scanning…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/attachment_strip.py" line="504"/>
        <source>Hapus lampiran?</source>
        <translation>Remove attachment?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/attachment_strip.py" line="505"/>
        <source>Hapus lampiran “{name}” dari data ini? Penghapusan ikut tersinkron ke komputer lain.</source>
        <translation>Remove the attachment “{name}” from this record? The removal is synced to the other computers too.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/attachment_strip.py" line="507"/>
        <source>Ya, hapus</source>
        <translation>Yes, remove</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/attachment_strip.py" line="508"/>
        <source>Tidak</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/attachment_strip.py" line="528"/>
        <source>Lampiran ({count})</source>
        <translation>Attachments ({count})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/attachment_strip.py" line="529"/>
        <source>Lampiran</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/attachment_strip.py" line="595"/>
        <source>&amp;Lampiran…</source>
        <translation>&amp;Attachments…</translation>
    </message>
</context>
<context>
    <name>AttachmentViewer</name>
    <message>
        <location filename="../../desktop/ui/attachment_viewer.py" line="66"/>
        <source>◀ Sebelumnya</source>
        <translation>◀ Previous</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/attachment_viewer.py" line="69"/>
        <source>Berikutnya ▶</source>
        <translation>Next ▶</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/attachment_viewer.py" line="71"/>
        <source>Putar kiri</source>
        <translation>Rotate left</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/attachment_viewer.py" line="72"/>
        <source>Putar kanan</source>
        <translation>Rotate right</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/attachment_viewer.py" line="92"/>
        <source>Cetak…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/attachment_viewer.py" line="93"/>
        <source>Buka di aplikasi lain</source>
        <translation>Open in another app</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/attachment_viewer.py" line="94"/>
        <source>Simpan salinan…</source>
        <translation>Save a copy…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/attachment_viewer.py" line="95"/>
        <source>Simpan berkas asli…</source>
        <translation>Save the original…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/attachment_viewer.py" line="79"/>
        <source>Membuka…</source>
        <translation>Opening…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/attachment_viewer.py" line="119"/>
        <source>{count} hlm.</source>
        <translation>{count} p.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/attachment_viewer.py" line="120"/>
        <source>{name} · {pages} · {size}</source>
        <translation>{name} · {pages} · {size}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/attachment_viewer.py" line="122"/>
        <source>asli disimpan di PC ini ({size})</source>
        <translation>original kept on this PC ({size})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/attachment_viewer.py" line="145"/>
        <source>Mengunduh lampiran dari server…</source>
        <translation>Downloading the attachment from the server…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/attachment_viewer.py" line="164"/>
        <source>Halaman {page} dari {pages}</source>
        <translation>Page {page} of {pages}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/attachment_viewer.py" line="219"/>
        <source>Putaran tidak tersimpan</source>
        <translation>The rotation was not saved</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/attachment_viewer.py" line="243"/>
        <source>Cetak</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/attachment_viewer.py" line="243"/>
        <source>Pencetak tidak dapat dibuka.</source>
        <translation>The printer cannot be opened.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/attachment_viewer.py" line="273"/>
        <source>Simpan salinan</source>
        <translation>Save a copy</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/attachment_viewer.py" line="279"/>
        <source>Tersimpan: {path}</source>
        <translation>Saved: {path}</translation>
    </message>
</context>
<context>
    <name>CentralConfig</name>
    <message>
        <location filename="../../desktop/ui/sync/central_config_view.py" line="25"/>
        <source>Semua kantor</source>
        <translation>All offices</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/central_config_view.py" line="27"/>
        <source>Semua distrik</source>
        <translation>All distrik offices</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/central_config_view.py" line="29"/>
        <source>Semua puskesmas</source>
        <translation>All puskesmas</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/central_config_view.py" line="31"/>
        <source>Kantor pusat</source>
        <translation>Central office</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/central_config_view.py" line="32"/>
        <source>Kantor ini ({code})</source>
        <translation>This office ({code})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/central_config_view.py" line="37"/>
        <source>Berlaku</source>
        <translation>In force</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/central_config_view.py" line="38"/>
        <source>Tidak dipakai: ada nilai khusus untuk kantor ini</source>
        <translation>Not used: this office has a value of its own</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/central_config_view.py" line="39"/>
        <source>Ditolak</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/central_config_view.py" line="40"/>
        <source>Ditarik oleh pusat</source>
        <translation>Withdrawn by the centre</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/central_config_view.py" line="45"/>
        <source>Ditolak: {reason}</source>
        <translation>Refused: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/central_config_view.py" line="46"/>
        <source>{status}; versi {version} ditolak: {reason}</source>
        <translation>{status}; version {version} refused: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/central_config_view.py" line="62"/>
        <source>Pengaturan</source>
        <translation>Setting</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/central_config_view.py" line="63"/>
        <source>Berlaku untuk</source>
        <translation>Applies to</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/central_config_view.py" line="64"/>
        <source>Versi</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/central_config_view.py" line="65"/>
        <source>Diterbitkan</source>
        <translation>Published</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/central_config_view.py" line="66"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>CentralConfigView</name>
    <message>
        <location filename="../../desktop/ui/sync/central_config_view.py" line="84"/>
        <source>Pengaturan dan data rujukan (katalog layanan, klasifikasi arsip, hari libur, unit, kop surat) yang diterbitkan Diskominfo atau Dinas Kesehatan untuk kantor ini. Datang bersama sinkronisasi dan langsung dipakai. Nilai khusus kantor ini mengalahkan nilai untuk semua kantor. Nilai yang ditolak tidak dipakai; laporkan alasannya ke IT.</source>
        <translation>Settings and reference data (service catalogue, archive classification, holidays, units, letterhead) published by Diskominfo or the health office for this office. They arrive with sync and are used at once. A value for this office beats a value for all offices. A refused value is not used; report the reason to IT.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/central_config_view.py" line="94"/>
        <source>Belum ada konfigurasi dari pusat.</source>
        <translation>No configuration from the centre yet.</translation>
    </message>
</context>
<context>
    <name>ClockNotice</name>
    <message>
        <location filename="../../desktop/ui/clock_notice.py" line="31"/>
        <source>menurut server saat sinkronisasi</source>
        <translation>according to the server at the last sync</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/clock_notice.py" line="33"/>
        <source>data terbaru di komputer ini tidak mungkin dibuat di masa depan</source>
        <translation>the newest data on this computer cannot have been made in the future</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/clock_notice.py" line="35"/>
        <source>aplikasi ini dirilis sesudah tanggal itu</source>
        <translation>this application was released after that date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/clock_notice.py" line="40"/>
        <source>Jam komputer: {pc} — seharusnya {now}</source>
        <translation>Computer clock: {pc} — should be {now}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/clock_notice.py" line="45"/>
        <source>Cara membetulkan di Windows: buka Settings → Time &amp; language → Date &amp; time (Pengaturan → Waktu &amp; bahasa → Tanggal &amp; waktu), nyalakan &quot;Set time automatically&quot; (Atur waktu secara otomatis) lalu tekan &quot;Sync now&quot; (Sinkronkan sekarang). Tanpa internet: matikan pengaturan otomatis itu, tekan &quot;Change&quot; (Ubah) dan isi tanggal serta jam yang benar. Bila jam kembali salah setiap kali komputer dinyalakan, baterai kecil (CMOS) di dalam komputer perlu diganti.</source>
        <translation>How to fix it in Windows: open Settings → Time &amp; language → Date &amp; time, turn on &quot;Set time automatically&quot;, then press &quot;Sync now&quot;. Without internet: turn that setting off, press &quot;Change&quot; and enter the right date and time. If the clock is wrong again every time the computer is switched on, the small battery (CMOS) inside the computer needs replacing.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/clock_notice.py" line="56"/>
        <source>terlambat</source>
        <translation>behind</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/clock_notice.py" line="58"/>
        <source>terlalu cepat</source>
        <translation>ahead</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/clock_notice.py" line="59"/>
        <source>Jam komputer ini menunjukkan {pc}, padahal seharusnya sekitar {now} ({basis}): jamnya {direction}.

Layan memakai waktu yang benar untuk tanggal baru dan tahun nomor surat, tetapi program lain di komputer ini tidak.

{fix}</source>
        <translation>This computer&apos;s clock shows {pc}, but it should be about {now} ({basis}): the clock is {direction}.

Layan uses the right time for new dates and for the year of letter numbers, but other programs on this computer do not.

{fix}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/clock_notice.py" line="81"/>
        <source>Jam komputer salah</source>
        <translation>Computer clock is wrong</translation>
    </message>
</context>
<context>
    <name>CodeAdvice</name>
    <message>
        <location filename="../../desktop/ui/health/case_types.py" line="171"/>
        <source>Pakai {code}</source>
        <translation>Use {code}</translation>
    </message>
</context>
<context>
    <name>ComplaintActions</name>
    <message>
        <location filename="../../desktop/ui/services/complaint_detail.py" line="29"/>
        <source>&amp;Verifikasi</source>
        <translation>&amp;Verify</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_detail.py" line="30"/>
        <source>&amp;Tindak lanjuti</source>
        <translation>&amp;Act on it</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_detail.py" line="31"/>
        <source>&amp;Selesai</source>
        <translation>&amp;Resolved</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_detail.py" line="32"/>
        <source>&amp;Bukan wewenang</source>
        <translation>&amp;Not our remit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_detail.py" line="40"/>
        <source>ke {office}</source>
        <translation>to {office}</translation>
    </message>
</context>
<context>
    <name>ComplaintColumns</name>
    <message>
        <location filename="../../desktop/ui/services/labels.py" line="30"/>
        <source>Kode Lacak</source>
        <translation>Tracking code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/labels.py" line="31"/>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/labels.py" line="32"/>
        <source>Saluran</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/labels.py" line="33"/>
        <source>Pelapor</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/labels.py" line="34"/>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/labels.py" line="35"/>
        <source>Kampung</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/labels.py" line="36"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/labels.py" line="37"/>
        <source>Batas Tanggapan</source>
        <translation>Response due</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/labels.py" line="38"/>
        <source>Diteruskan ke</source>
        <translation>Forwarded to</translation>
    </message>
</context>
<context>
    <name>ComplaintDetailDialog</name>
    <message>
        <location filename="../../desktop/ui/services/complaint_detail.py" line="56"/>
        <source>Pengaduan</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_detail.py" line="60"/>
        <source>tindakan yang diambil; wajib bila bukan wewenang kantor</source>
        <translation>action taken; required when not the office&apos;s remit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_detail.py" line="61"/>
        <location filename="../../desktop/ui/services/complaint_detail.py" line="91"/>
        <source>Catatan</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_detail.py" line="62"/>
        <source>Pengaduan dipindahkan ke kantor tujuan beserta riwayatnya: akan dikirim saat sinkronisasi berikutnya.</source>
        <translation>The complaint moves to the target office with its history: it will be sent at the next sync.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_detail.py" line="74"/>
        <source>Tanda terima:</source>
        <translation>Receipt:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_detail.py" line="76"/>
        <source>Tanda terima pengaduan {code}</source>
        <translation>Complaint receipt {code}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_detail.py" line="86"/>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_detail.py" line="87"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_detail.py" line="88"/>
        <source>Dari</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_detail.py" line="89"/>
        <source>Oleh</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_detail.py" line="90"/>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_detail.py" line="100"/>
        <source>Pengaduan {code}</source>
        <translation>Complaint {code}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_detail.py" line="104"/>
        <source>Status: {status}</source>
        <translation>Status: {status}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_detail.py" line="108"/>
        <source>Batas tanggapan: {date} — terlambat, belum ditanggapi</source>
        <translation>Response due: {date} — overdue, no response yet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_detail.py" line="111"/>
        <source>Batas tanggapan: {date} — segera tanggapi</source>
        <translation>Response due: {date} — respond soon</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_detail.py" line="114"/>
        <source>Batas tanggapan: {date}</source>
        <translation>Response due: {date}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_detail.py" line="123"/>
        <source>Anonim</source>
        <translation>Anonymous</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_detail.py" line="144"/>
        <source>Pengaduan ini sudah dialihkan ke kantor {office} dan hanya bisa dibaca di sini. Statusnya diperbarui setiap sinkronisasi.</source>
        <translation>This complaint was transferred to office {office} and is read-only here. Its status is updated at every sync.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_detail.py" line="151"/>
        <source>Diteruskan ke {office}: akan dikirim saat sinkronisasi. Sampai saat itu pengaduan hanya bisa diteruskan ulang ke kantor lain.</source>
        <translation>Forwarded to {office}: it will be sent at the next sync. Until then the complaint can only be forwarded to another office instead.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_detail.py" line="166"/>
        <source>Menyimpan status…</source>
        <translation>Saving the status…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_detail.py" line="172"/>
        <source>Meneruskan pengaduan…</source>
        <translation>Forwarding the complaint…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_detail.py" line="179"/>
        <source>Status sekarang: {status}.</source>
        <translation>Status now: {status}.</translation>
    </message>
</context>
<context>
    <name>ComplaintDialog</name>
    <message>
        <location filename="../../desktop/ui/services/complaint_form.py" line="55"/>
        <source>Pengaduan Baru</source>
        <translation>New complaint</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_form.py" line="72"/>
        <source>Pelapor minta identitasnya dirahasiakan (nama dan kontak tidak dicatat)</source>
        <translation>The reporter asks to stay anonymous (name and contact are not recorded)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_form.py" line="78"/>
        <source>nomor HP atau alamat; tidak dicetak di tanda terima</source>
        <translation>phone number or address; not printed on the receipt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_form.py" line="86"/>
        <source>pilih atau ketik</source>
        <translation>choose or type</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_form.py" line="106"/>
        <source>Apa yang terjadi, di mana, sejak kapan, siapa yang terdampak</source>
        <translation>What happened, where, since when, who is affected</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_form.py" line="111"/>
        <source>Foto/berkas</source>
        <translation>Photos/files</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_form.py" line="123"/>
        <source>Buka pengaduan</source>
        <translation>Open the complaint</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_form.py" line="123"/>
        <source>Pengaduan baru (Ctrl+N)</source>
        <translation>New complaint (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_form.py" line="170"/>
        <source>Menyimpan pengaduan…</source>
        <translation>Saving the complaint…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_form.py" line="179"/>
        <source>Pengaduan tersimpan</source>
        <translation>Complaint saved</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_form.py" line="183"/>
        <source>Tanda terima:</source>
        <translation>Receipt:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_form.py" line="185"/>
        <source>Tanda terima pengaduan {code}</source>
        <translation>Complaint receipt {code}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_form.py" line="190"/>
        <source>Pengaduan tersimpan dengan kode lacak {code}; batas tanggapan {date}. Tekan Enter untuk mencetak tanda terima.</source>
        <translation>Complaint saved with tracking code {code}; response due {date}. Press Enter to print the receipt.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_form.py" line="205"/>
        <source>Buang isian?</source>
        <translation>Discard what was typed?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/complaint_form.py" line="205"/>
        <source>Pengaduan ini belum disimpan. Tutup tanpa menyimpan?</source>
        <translation>This complaint is not saved. Close without saving?</translation>
    </message>
</context>
<context>
    <name>ComplaintRegisterPage</name>
    <message>
        <location filename="../../desktop/ui/services/register_page.py" line="325"/>
        <source>Pengaduan</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/register_page.py" line="328"/>
        <source>Pengaduan baru (Ctrl+N)</source>
        <translation>New complaint (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/register_page.py" line="331"/>
        <source>Cari kode lacak, pelapor, kategori, kampung, isi… (Ctrl+F)</source>
        <translation>Search tracking code, reporter, category, village, text… (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/register_page.py" line="337"/>
        <source>Semua kategori</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/register_page.py" line="340"/>
        <source>{count} pengaduan</source>
        <translation>{count} complaints</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/register_page.py" line="348"/>
        <source>&lt;b&gt;Hari ini&lt;/b&gt;</source>
        <translation>&lt;b&gt;Today&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/register_page.py" line="349"/>
        <source>Belum selesai</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/register_page.py" line="349"/>
        <location filename="../../desktop/ui/services/register_page.py" line="352"/>
        <source>Lewat batas tanggapan</source>
        <translation>Past response time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/register_page.py" line="353"/>
        <source>Batas tanggapan hari ini atau besok (kolom status)</source>
        <translation>Response due today or tomorrow (status column)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/register_page.py" line="354"/>
        <source>Dialihkan ke kantor lain (hanya dibaca)</source>
        <translation>Transferred to another office (read-only)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/register_page.py" line="358"/>
        <source>Tidak ada pengaduan yang cocok dengan pencarian dan filter ini.
Kosongkan kotak cari (Ctrl+F) atau pilih &quot;Semua status&quot; dan &quot;Semua kategori&quot;.</source>
        <translation>No complaint matches this search and these filters.
Clear the search box (Ctrl+F) or choose &quot;All statuses&quot; and &quot;All categories&quot;.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/register_page.py" line="360"/>
        <source>Belum ada pengaduan.
Tekan Ctrl+N (Pengaduan baru) untuk mencatat pengaduan warga.</source>
        <translation>No complaints yet.
Press Ctrl+N (New complaint) to record a citizen&apos;s complaint.</translation>
    </message>
</context>
<context>
    <name>ComplaintTableModel</name>
    <message>
        <location filename="../../desktop/ui/services/register_model.py" line="143"/>
        <source>Anonim</source>
        <translation>Anonymous</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/register_model.py" line="157"/>
        <source>Terlambat: belum ditanggapi melewati batas tanggapan</source>
        <translation>Overdue: no response within the response time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/register_model.py" line="159"/>
        <source>Batas tanggapan hari ini atau hari kerja berikutnya</source>
        <translation>Response due today or on the next working day</translation>
    </message>
</context>
<context>
    <name>ComplaintsView</name>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="140"/>
        <location filename="../../desktop/ui/reports/views.py" line="160"/>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="140"/>
        <location filename="../../desktop/ui/reports/views.py" line="148"/>
        <location filename="../../desktop/ui/reports/views.py" line="153"/>
        <source>Jumlah</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="141"/>
        <location filename="../../desktop/ui/reports/views.py" line="154"/>
        <source>Merah</source>
        <translation>Red</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="150"/>
        <source>Belum ada pengaduan pada {period}.</source>
        <translation>No complaints in {period}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="156"/>
        <source>Merah: tanggapan pertama lebih dari {days} hari kerja setelah pengaduan masuk, atau belum ditanggapi dan sudah lewat. Belum ditanggapi ({n}):</source>
        <translation>Red: first response more than {days} working days after the complaint came in, or none yet and overdue. Not answered yet ({n}):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="160"/>
        <source>Kode lacak</source>
        <translation>Tracking code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="160"/>
        <source>Masuk</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="160"/>
        <source>Batas tanggapan</source>
        <translation>Response due</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="161"/>
        <source>Terlambat (hari kerja)</source>
        <translation>Late (working days)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="161"/>
        <source>Uraian</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="164"/>
        <source>Tidak ada pengaduan yang terlambat ditanggapi.</source>
        <translation>No complaint is overdue for a response.</translation>
    </message>
</context>
<context>
    <name>ConflictsView</name>
    <message>
        <location filename="../../desktop/ui/sync/conflicts_view.py" line="72"/>
        <source>Isian ini diubah di dua komputer pada waktu yang hampir bersamaan. Nilai yang lebih baru berlaku; nilai yang tertimpa disimpan di sini. Pilih baris lalu Pulihkan untuk memakai nilai yang tertimpa, atau Abaikan untuk tetap memakai nilai yang berlaku.</source>
        <translation>These fields were changed on two computers at almost the same time. The newer value applies; the overwritten value is kept here. Select a row, then Restore to use the overwritten value, or Dismiss to keep the value that applies.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/conflicts_view.py" line="83"/>
        <source>&amp;Pulihkan nilai yang tertimpa</source>
        <translation>&amp;Restore the overwritten value</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/conflicts_view.py" line="86"/>
        <source>A&amp;baikan (pakai nilai yang berlaku)</source>
        <translation>&amp;Dismiss (keep the value that applies)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/conflicts_view.py" line="153"/>
        <source>Nilai “{value}” dipulihkan pada {record}. Perubahan ini ikut terkirim pada sinkronisasi berikutnya.</source>
        <translation>The value “{value}” was restored on {record}. The change goes out with the next sync.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/conflicts_view.py" line="161"/>
        <source>Nilai yang berlaku tetap dipakai.</source>
        <translation>The value that applies is kept.</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../desktop/tasks/crash_dialog.py" line="34"/>
        <source>Terjadi kesalahan program</source>
        <translation>A program error occurred</translation>
    </message>
    <message>
        <location filename="../../desktop/tasks/crash_dialog.py" line="38"/>
        <source>Maaf, terjadi kesalahan dalam program. Data yang sudah tersimpan tetap aman.
Salin detail di bawah ini dan kirimkan ke petugas TI (Diskominfo).</source>
        <translation>Sorry, the program hit an error. Data that was already saved is safe.
Copy the details below and send them to IT (Diskominfo).</translation>
    </message>
    <message>
        <location filename="../../desktop/tasks/crash_dialog.py" line="47"/>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/tasks/crash_dialog.py" line="48"/>
        <source>Salin detail</source>
        <translation>Copy details</translation>
    </message>
    <message>
        <location filename="../../desktop/tasks/crash_dialog.py" line="57"/>
        <source>Tersalin</source>
        <translation>Copied</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../../desktop/ui/widgets/date_field.py" line="60"/>
        <source>mis. 5/12/2026</source>
        <translation>e.g. 5/12/2026</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/date_field.py" line="61"/>
        <source>Ketik tanggal, mis. 5/12/2026 atau 5 des 2026. Panah atas/bawah: sehari; Alt+Panah bawah atau F4: kalender.</source>
        <translation>Type a date, e.g. 5/12/2026 or 5 Dec 2026. Up/Down arrow: one day; Alt+Down arrow or F4: calendar.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/date_field.py" line="64"/>
        <source>Tekan Delete untuk mengosongkan tanggal.</source>
        <translation>Press Delete to clear the date.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/date_field.py" line="68"/>
        <source>Kalender (Alt+Panah bawah)</source>
        <translation>Calendar (Alt+Down arrow)</translation>
    </message>
</context>
<context>
    <name>DiagnosisList</name>
    <message>
        <location filename="../../desktop/ui/health/icd10_input.py" line="148"/>
        <source>Diagnosa pertama adalah diagnosa utama. Delete menghapus, Ctrl+↑/↓ memindah.</source>
        <translation>The first diagnosis is the main one. Delete removes, Ctrl+↑/↓ moves.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/icd10_input.py" line="177"/>
        <source>{label}  (utama)</source>
        <translation>{label}  (main)</translation>
    </message>
</context>
<context>
    <name>DiscardQuestion</name>
    <message>
        <location filename="../../desktop/ui/widgets/discard.py" line="12"/>
        <source>Ya, buang</source>
        <translation>Yes, discard</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/discard.py" line="14"/>
        <source>Tidak, kembali</source>
        <translation>No, go back</translation>
    </message>
</context>
<context>
    <name>DispositionSettingsBox</name>
    <message>
        <location filename="../../desktop/ui/forms/disposition_settings_box.py" line="28"/>
        <source>Disposisi: daftar tujuan dan instruksi</source>
        <translation>Dispositions: recipients and instructions</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/disposition_settings_box.py" line="35"/>
        <source>Tujuan (satu per baris)</source>
        <translation>Recipients (one per line)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/disposition_settings_box.py" line="36"/>
        <source>Instruksi (satu per baris)</source>
        <translation>Instructions (one per line)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/disposition_settings_box.py" line="47"/>
        <source>Simpan daftar disposisi</source>
        <translation>Save disposition lists</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/disposition_settings_box.py" line="67"/>
        <source>Daftar ini diterbitkan oleh pusat; perubahan di sini berlaku sampai pusat menerbitkannya lagi.</source>
        <translation>These lists are published by the centre; a change made here applies until the centre publishes them again.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/disposition_settings_box.py" line="79"/>
        <source>Daftar disposisi tersimpan.</source>
        <translation>Disposition lists saved.</translation>
    </message>
</context>
<context>
    <name>DispositionsPanel</name>
    <message>
        <location filename="../../desktop/ui/forms/dispositions_panel.py" line="110"/>
        <source>Kepada</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/dispositions_panel.py" line="111"/>
        <source>Instruksi</source>
        <translation>Instruction</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/dispositions_panel.py" line="112"/>
        <source>Batas Waktu</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/dispositions_panel.py" line="113"/>
        <location filename="../../desktop/ui/forms/dispositions_panel.py" line="171"/>
        <source>Catatan</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/dispositions_panel.py" line="114"/>
        <source>Oleh</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/dispositions_panel.py" line="115"/>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/dispositions_panel.py" line="132"/>
        <source>Lembar disposisi:</source>
        <translation>Disposition sheet:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/dispositions_panel.py" line="134"/>
        <source>Lembar disposisi</source>
        <translation>Disposition sheet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/dispositions_panel.py" line="137"/>
        <source>Disposisi tidak dapat diubah atau dihapus; tambahkan disposisi baru bila perlu. Daftar tujuan dan instruksi diatur di Pengaturan.</source>
        <translation>A disposition cannot be changed or deleted; add a new one when needed. The lists of recipients and instructions are kept in Settings.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/dispositions_panel.py" line="148"/>
        <source>lainnya: nama/jabatan; pisahkan dengan ;</source>
        <translation>others: name/position; separate with ;</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/dispositions_panel.py" line="149"/>
        <source>instruksi lain</source>
        <translation>other instruction</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/dispositions_panel.py" line="152"/>
        <source>Kepada (boleh lebih dari satu)</source>
        <translation>To (one or more)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/dispositions_panel.py" line="154"/>
        <source>Instruksi (boleh lebih dari satu)</source>
        <translation>Instructions (one or more)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/dispositions_panel.py" line="170"/>
        <source>catatan pimpinan (Enter = baris baru)</source>
        <translation>the head&apos;s note (Enter = new line)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/dispositions_panel.py" line="175"/>
        <source>Simpan disposisi… (Ctrl+S)</source>
        <translation>Save disposition… (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/dispositions_panel.py" line="238"/>
        <source>Kepada: {kepada}
Instruksi: {instruksi}
Batas waktu: {batas}</source>
        <translation>To: {kepada}
Instructions: {instruksi}
Due: {batas}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/dispositions_panel.py" line="241"/>
        <source>Simpan disposisi?</source>
        <translation>Save the disposition?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/dispositions_panel.py" line="242"/>
        <source>Disposisi tidak dapat diubah setelah disimpan.</source>
        <translation>A disposition cannot be changed once saved.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/dispositions_panel.py" line="245"/>
        <source>Ya, simpan</source>
        <translation>Yes, save</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/dispositions_panel.py" line="246"/>
        <source>Periksa lagi</source>
        <translation>Check again</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/dispositions_panel.py" line="166"/>
        <source>Batas waktu</source>
        <translation>Deadline</translation>
    </message>
</context>
<context>
    <name>EnrollDialog</name>
    <message>
        <location filename="../../desktop/ui/sync/enroll_dialog.py" line="49"/>
        <source>Daftarkan PC ini</source>
        <translation>Enroll this PC</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/enroll_dialog.py" line="52"/>
        <source>Minta kode pendaftaran ke petugas TI (Diskominfo). Kode hanya berlaku sekali. Pendaftaran memerlukan sambungan ke server; setelah itu PC ini tetap bisa bekerja tanpa jaringan.</source>
        <translation>Ask IT (Diskominfo) for an enrollment code. A code works only once. Enrolling needs a connection to the server; afterwards this PC keeps working without a network.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/enroll_dialog.py" line="58"/>
        <source>Alamat server</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/enroll_dialog.py" line="61"/>
        <source>Kode pendaftaran</source>
        <translation>Enrollment code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/enroll_dialog.py" line="70"/>
        <source>Pilih…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/enroll_dialog.py" line="77"/>
        <source>Admin (nama pengguna)</source>
        <translation>Admin (user name)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/enroll_dialog.py" line="78"/>
        <source>Kata sandi admin</source>
        <translation>Admin password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/enroll_dialog.py" line="79"/>
        <source>Folder USB untuk perubahan yang belum terkirim</source>
        <translation>USB folder for the changes not yet sent</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/enroll_dialog.py" line="94"/>
        <source>Daftarkan</source>
        <translation>Enroll</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/enroll_dialog.py" line="95"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/enroll_dialog.py" line="115"/>
        <source>Pindah server. Server lama: {old}. Server baru: {new}. Perubahan belum terkirim: {n}; perubahan itu ditulis dulu ke berkas USB untuk server lama. Perlu login admin.</source>
        <translation>Moving to another server. Old server: {old}. New server: {new}. Changes not yet sent: {n}; they are first written to a USB file for the old server. Needs an admin login.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/enroll_dialog.py" line="120"/>
        <source>Pilih folder USB</source>
        <translation>Choose the USB folder</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/enroll_dialog.py" line="133"/>
        <source>Alamat server wajib diisi.</source>
        <translation>The server address is required.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/enroll_dialog.py" line="137"/>
        <source>Kode pendaftaran wajib diisi.</source>
        <translation>The enrollment code is required.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/enroll_dialog.py" line="142"/>
        <source>Pindah server memerlukan login admin.</source>
        <translation>Moving to another server needs an admin login.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/enroll_dialog.py" line="146"/>
        <source>Pilih folder USB: perubahan yang belum terkirim ditulis dulu ke sana.</source>
        <translation>Choose a USB folder: the changes not yet sent are written there first.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/enroll_dialog.py" line="154"/>
        <source>Menghubungi server…</source>
        <translation>Contacting the server…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/enroll_dialog.py" line="177"/>
        <source>Pendaftaran gagal: {reason}</source>
        <translation>Enrollment failed: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/enroll_dialog.py" line="185"/>
        <source>PC ini terdaftar untuk kantor {name} ({code}). Sinkronisasi pertama dimulai.</source>
        <translation>This PC is enrolled for the office {name} ({code}). The first sync has started.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/enroll_dialog.py" line="188"/>
        <source>Perubahan untuk server lama tersimpan di {path}; serahkan ke petugas TI.</source>
        <translation>The changes for the old server are saved in {path}; hand them to IT.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/enroll_dialog.py" line="194"/>
        <source>Selesai</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>FirstStartWizard</name>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="247"/>
        <source>Layan — pengaturan awal</source>
        <translation>Layan — first start</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="250"/>
        <source>Lanjut &gt;</source>
        <translation>Next &gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="251"/>
        <source>&lt; Kembali</source>
        <translation>&lt; Back</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="252"/>
        <source>Selesai</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="253"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="307"/>
        <source>Menyiapkan kantor…</source>
        <translation>Setting up the office…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="313"/>
        <source>Provisioning</source>
        <translation>Provisioning</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../../desktop/ui/widgets/form_base.py" line="82"/>
        <source>Buang isian?</source>
        <translation>Discard what was typed?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/form_base.py" line="82"/>
        <source>Isian ini belum disimpan. Tutup tanpa menyimpan?</source>
        <translation>This is not saved. Close without saving?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/form_base.py" line="118"/>
        <source>Simpan (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/form_base.py" line="120"/>
        <source>Tutup (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
</context>
<context>
    <name>Health</name>
    <message>
        <location filename="../../desktop/ui/health/common.py" line="59"/>
        <source>Laki-laki</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/common.py" line="59"/>
        <source>Perempuan</source>
        <translation>Female</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/common.py" line="63"/>
        <source>Umum</source>
        <translation>Self-pay</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/common.py" line="67"/>
        <source>Mikroskopis</source>
        <translation>Microscopy</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/common.py" line="71"/>
        <source>Positif</source>
        <translation>Positive</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/common.py" line="71"/>
        <source>Negatif</source>
        <translation>Negative</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/common.py" line="77"/>
        <source>Campuran (mix)</source>
        <translation>Mixed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/common.py" line="84"/>
        <source>Baru</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/common.py" line="84"/>
        <source>Lama</source>
        <translation>Old</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/common.py" line="136"/>
        <source>Tulis angka saja, misalnya 38,5.</source>
        <translation>Enter a number only, e.g. 38.5.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/common.py" line="137"/>
        <source>Tulis bilangan bulat saja.</source>
        <translation>Enter a whole number only.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/common.py" line="147"/>
        <source>Tulis tensi seperti 120/80 (sistolik/diastolik).</source>
        <translation>Enter the blood pressure like 120/80 (systolic/diastolic).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/common.py" line="164"/>
        <source>Untuk bayi di bawah 1 tahun, isi tanggal lahir (lihat buku KIA), mis. 15-03-2026.</source>
        <translation>For a baby under 1 year, enter the date of birth (see the KIA book), e.g. 15-03-2026.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/common.py" line="170"/>
        <source>Umur paling tinggi 130 tahun.</source>
        <translation>The age is at most 130 years.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/common.py" line="172"/>
        <source>Tulis tanggal lahir seperti 15-03-1990, atau umur dalam tahun (mis. 40).</source>
        <translation>Enter the date of birth like 15-03-1990, or the age in years (e.g. 40).</translation>
    </message>
</context>
<context>
    <name>HealthReports</name>
    <message>
        <location filename="../../desktop/ui/health/report_models.py" line="174"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/report_models.py" line="174"/>
        <source>Baru L</source>
        <translation>New M</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/report_models.py" line="174"/>
        <source>Baru P</source>
        <translation>New F</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/report_models.py" line="175"/>
        <source>Lama L</source>
        <translation>Old M</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/report_models.py" line="175"/>
        <source>Lama P</source>
        <translation>Old F</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/report_models.py" line="175"/>
        <location filename="../../desktop/ui/health/report_models.py" line="190"/>
        <source>Jumlah</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/report_models.py" line="176"/>
        <source>Dirujuk</source>
        <translation>Referred</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/report_models.py" line="184"/>
        <source>Subtotal</source>
        <translation>Subtotal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/report_models.py" line="185"/>
        <source>JUMLAH</source>
        <translation>TOTAL</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/report_models.py" line="190"/>
        <source>Indikator</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/report_models.py" line="192"/>
        <source>Orang diperiksa</source>
        <translation>People tested</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/report_models.py" line="195"/>
        <source>Orang positif</source>
        <translation>People positive</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/report_models.py" line="196"/>
        <source>Angka positif (%)</source>
        <translation>Positivity rate (%)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/report_models.py" line="198"/>
        <source>Kasus baru</source>
        <translation>New cases</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/report_models.py" line="199"/>
        <source>Kasus baru menurut spesies</source>
        <translation>New cases by species</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/report_models.py" line="205"/>
        <source>Kasus baru laki-laki</source>
        <translation>New cases, male</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/report_models.py" line="206"/>
        <source>Kasus baru perempuan</source>
        <translation>New cases, female</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/report_models.py" line="209"/>
        <source>Tes kontrol (lanjutan)</source>
        <translation>Follow-up tests</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/report_models.py" line="210"/>
        <source>Tes kontrol positif</source>
        <translation>Follow-up tests positive</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/report_models.py" line="211"/>
        <source>Kasus baru menurut golongan umur</source>
        <translation>New cases by age group</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/report_models.py" line="194"/>
        <source>Mikroskopis</source>
        <translation>Microscopy</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/report_models.py" line="207"/>
        <source>Diobati (ACT)</source>
        <translation>Treated (ACT)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/report_models.py" line="208"/>
        <source>Diberi primakuin</source>
        <translation>Given primaquine</translation>
    </message>
</context>
<context>
    <name>HealthReportsPage</name>
    <message>
        <location filename="../../desktop/ui/health/reports_page.py" line="75"/>
        <source>Laporan</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/reports_page.py" line="86"/>
        <source>Laporan Bulanan Puskesmas</source>
        <translation>Health centre monthly reports</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/reports_page.py" line="91"/>
        <source>&amp;Bulan</source>
        <translation>&amp;Month</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/reports_page.py" line="107"/>
        <source>Bulan sebelumnya</source>
        <translation>Previous month</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/reports_page.py" line="111"/>
        <source>Bulan berikutnya</source>
        <translation>Next month</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/reports_page.py" line="118"/>
        <source>&amp;Tingkat LB1</source>
        <translation>LB1 &amp;level</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/reports_page.py" line="121"/>
        <source>Kode ICD-10 (mis. B50.9)</source>
        <translation>ICD-10 code (e.g. B50.9)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/reports_page.py" line="122"/>
        <source>Kategori 3 karakter (mis. B50)</source>
        <translation>3-character category (e.g. B50)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/reports_page.py" line="129"/>
        <source>Simpan &amp;PDF</source>
        <translation>Save &amp;PDF</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/reports_page.py" line="130"/>
        <source>Simpan &amp;XLSX</source>
        <translation>Save &amp;XLSX</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/reports_page.py" line="131"/>
        <source>Ekspor &amp;FHIR (SATUSEHAT)</source>
        <translation>Export &amp;FHIR (SATUSEHAT)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/reports_page.py" line="161"/>
        <source>Kunjungan per unit</source>
        <translation>Visits per unit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/reports_page.py" line="164"/>
        <source>Malaria</source>
        <translation>Malaria</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/reports_page.py" line="220"/>
        <source>Menghitung laporan {month}…</source>
        <translation>Computing the reports for {month}…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/reports_page.py" line="225"/>
        <source>Menghitung laporan…</source>
        <translation>Computing reports…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/reports_page.py" line="236"/>
        <source>Kolom golongan umur menghitung kasus baru. Kunjungan tanpa diagnosa: {n}.</source>
        <translation>The age-group columns count new cases. Visits without a diagnosis: {n}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/reports_page.py" line="239"/>
        <source>Tidak dihitung ({reason}): {n} diagnosa.</source>
        <translation>Not counted ({reason}): {n} diagnoses.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/reports_page.py" line="242"/>
        <source>{month}: {diagnoses} diagnosa, {visits} kunjungan, {positive} kasus malaria baru.</source>
        <translation>{month}: {diagnoses} diagnoses, {visits} visits, {positive} new malaria cases.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/reports_page.py" line="279"/>
        <source>Simpan laporan</source>
        <translation>Save the report</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/reports_page.py" line="291"/>
        <location filename="../../desktop/ui/health/reports_page.py" line="296"/>
        <source>Laporan-bulanan</source>
        <translation>Monthly-report</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/reports_page.py" line="291"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/reports_page.py" line="296"/>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/reports_page.py" line="301"/>
        <source>FHIR JSON (*.json)</source>
        <translation>FHIR JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/reports_page.py" line="323"/>
        <source>Menyimpan {path}…</source>
        <translation>Saving {path}…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/reports_page.py" line="338"/>
        <source>Menyusun FHIR {month}…</source>
        <translation>Building the FHIR bundle for {month}…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/reports_page.py" line="340"/>
        <source>Ekspor FHIR…</source>
        <translation>FHIR export…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/reports_page.py" line="343"/>
        <source>Tersimpan: {path}</source>
        <translation>Saved: {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/reports_page.py" line="355"/>
        <source>Tidak berhasil.</source>
        <translation>That did not work.</translation>
    </message>
</context>
<context>
    <name>HealthSettingsBox</name>
    <message>
        <location filename="../../desktop/ui/health/settings_box.py" line="52"/>
        <source>Puskesmas</source>
        <translation>Puskesmas</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/settings_box.py" line="61"/>
        <source>dari SATUSEHAT (Kemenkes), untuk ekspor FHIR</source>
        <translation>from SATUSEHAT (Ministry of Health), for the FHIR export</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/settings_box.py" line="62"/>
        <location filename="../../desktop/ui/health/settings_box.py" line="118"/>
        <source>ID organisasi SATUSEHAT</source>
        <translation>SATUSEHAT organisation id</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/settings_box.py" line="64"/>
        <source>Unit layanan (ILP). Unit yang dinonaktifkan tetap muncul di laporan untuk kunjungan lamanya; kunjungan baru hanya untuk unit aktif.</source>
        <translation>Service units (ILP). A unit switched off still appears in reports for its old visits; new visits are for active units only.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/settings_box.py" line="70"/>
        <source>Kode</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/settings_box.py" line="70"/>
        <source>Klaster</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/settings_box.py" line="70"/>
        <source>Nama unit</source>
        <translation>Unit name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/settings_box.py" line="71"/>
        <source>Aktif</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/settings_box.py" line="86"/>
        <source>Tambah unit</source>
        <translation>Add unit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/settings_box.py" line="88"/>
        <source>Kembalikan daftar bawaan</source>
        <translation>Back to the default list</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/settings_box.py" line="93"/>
        <source>Simpan pengaturan puskesmas</source>
        <translation>Save puskesmas settings</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/settings_box.py" line="118"/>
        <source>unit layanan</source>
        <translation>service units</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/settings_box.py" line="120"/>
        <source>Diatur oleh pusat: {names}. Perubahan di sini berlaku sampai pusat menerbitkan nilai baru.</source>
        <translation>Managed centrally: {names}. A change made here holds until the centre publishes a new value.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/settings_box.py" line="181"/>
        <source>Pengaturan puskesmas tersimpan.</source>
        <translation>Puskesmas settings saved.</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../../desktop/ui/help_dialog.py" line="65"/>
        <source>Panduan Layan</source>
        <translation>Layan guide</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/help_dialog.py" line="71"/>
        <source># Panduan tidak ditemukan

Berkas panduan tidak ada di folder aplikasi. Hubungi IT untuk memasang ulang Layan.</source>
        <translation># Guide not found

The guide file is missing from the application folder. Ask IT to reinstall Layan.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/help_dialog.py" line="96"/>
        <source>Simpan PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/help_dialog.py" line="101"/>
        <source>Tutup (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/help_dialog.py" line="180"/>
        <source>Simpan panduan sebagai PDF</source>
        <translation>Save the guide as PDF</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/help_dialog.py" line="181"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
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
    <name>Icd10Input</name>
    <message>
        <location filename="../../desktop/ui/health/icd10_input.py" line="46"/>
        <source>ketik kode atau kata, mis. b509, malaria, diare — Enter memilih</source>
        <translation>type a code or words, e.g. b509, malaria, diarrhoea — Enter picks</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/icd10_input.py" line="100"/>
        <source>{code} punya subkode: pilih salah satu dari daftar (mis. {example}).</source>
        <translation>{code} has subcategories: choose one from the list (e.g. {example}).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/icd10_input.py" line="128"/>
        <source>Kode ICD-10 tidak dikenal: {text}. Pilih dari daftar saran.</source>
        <translation>Unknown ICD-10 code: {text}. Pick one from the suggestions.</translation>
    </message>
</context>
<context>
    <name>KlasifikasiInput</name>
    <message>
        <location filename="../../desktop/ui/widgets/klasifikasi_input.py" line="35"/>
        <source>mis. 400.12 atau kata</source>
        <translation>e.g. 400.12 or a word</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/klasifikasi_input.py" line="76"/>
        <source>kode tidak ada di daftar</source>
        <translation>code is not in the list</translation>
    </message>
</context>
<context>
    <name>LayanStatusBar</name>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="114"/>
        <source>{count} konflik data</source>
        <translation>{count} data conflicts</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="115"/>
        <source>Nilai yang tertimpa suntingan dari komputer lain: klik untuk melihat dan memulihkannya.</source>
        <translation>Values overwritten by an edit on another computer: click to see and restore them.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="118"/>
        <source>{count} perubahan menunggu sinkronisasi</source>
        <translation>{count} changes waiting to sync</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="121"/>
        <source>Sinkronisasi terakhir: {when}</source>
        <translation>Last sync: {when}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="124"/>
        <source>Belum pernah sinkronisasi</source>
        <translation>Never synced</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="132"/>
        <source>Belum terdaftar</source>
        <translation>Not enrolled</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="133"/>
        <source>PC ini belum didaftarkan ke server: buka Sinkronisasi.</source>
        <translation>This PC is not enrolled with a server yet: open Sync.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="138"/>
        <source>Daring</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="139"/>
        <source>Server dapat dihubungi pada percobaan terakhir.</source>
        <translation>The server answered at the last attempt.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="141"/>
        <source>Luring</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="142"/>
        <source>Server tidak dapat dihubungi.</source>
        <translation>The server could not be reached.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="162"/>
        <source>Menyinkronkan…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="168"/>
        <source>Menyinkronkan… {records} data, {size}</source>
        <translation>Syncing… {records} records, {size}</translation>
    </message>
</context>
<context>
    <name>Lb1Model</name>
    <message>
        <location filename="../../desktop/ui/health/report_models.py" line="53"/>
        <source>JUMLAH</source>
        <translation>TOTAL</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/report_models.py" line="74"/>
        <source>Kode</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/report_models.py" line="76"/>
        <source>Diagnosa</source>
        <translation>Diagnosis</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/report_models.py" line="80"/>
        <source>Baru</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/report_models.py" line="80"/>
        <source>Lama</source>
        <translation>Old</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/report_models.py" line="81"/>
        <source>Jml</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/report_models.py" line="83"/>
        <source>Jumlah</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>LetterColumns</name>
    <message>
        <location filename="../../desktop/ui/registers/column_titles.py" line="25"/>
        <source>No. Agenda</source>
        <translation>Agenda no.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/column_titles.py" line="25"/>
        <source>No. Urut</source>
        <translation>Serial no.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/column_titles.py" line="27"/>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/column_titles.py" line="8"/>
        <source>Tanggal Terima</source>
        <translation>Date received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/column_titles.py" line="9"/>
        <source>Nomor Surat</source>
        <translation>Letter number</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/column_titles.py" line="10"/>
        <source>Tanggal Surat</source>
        <translation>Letter date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/column_titles.py" line="11"/>
        <source>Asal/Pengirim</source>
        <translation>Sender</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/column_titles.py" line="12"/>
        <source>Tujuan</source>
        <translation>Addressee</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/column_titles.py" line="13"/>
        <source>Perihal</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/column_titles.py" line="14"/>
        <source>Sifat</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/column_titles.py" line="15"/>
        <source>Klasifikasi</source>
        <translation>Classification</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/column_titles.py" line="16"/>
        <source>Lampiran</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/column_titles.py" line="17"/>
        <source>Diteruskan Kepada</source>
        <translation>Forwarded to</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/column_titles.py" line="18"/>
        <source>Penandatangan</source>
        <translation>Signatory</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/column_titles.py" line="19"/>
        <source>Keterangan</source>
        <translation>Remarks</translation>
    </message>
</context>
<context>
    <name>LetterDialog</name>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="70"/>
        <source>Data surat</source>
        <translation>Letter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="85"/>
        <source>(diberikan otomatis saat disimpan)</source>
        <translation>(assigned automatically when saved)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="103"/>
        <source>kosongkan: dibuat otomatis dari format nomor kantor</source>
        <translation>leave empty: made from the office&apos;s number template</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="112"/>
        <source>Asal/Pengirim</source>
        <translation>Sender</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="114"/>
        <source>Tujuan</source>
        <translation>Addressee</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="138"/>
        <source> berkas</source>
        <translation> item(s)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="148"/>
        <source>Surat Masuk Baru</source>
        <translation>New incoming letter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="148"/>
        <source>Surat Keluar Baru</source>
        <translation>New outgoing letter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="150"/>
        <source>Surat Masuk No. Agenda {seq}/{year}</source>
        <translation>Incoming letter, agenda no. {seq}/{year}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="152"/>
        <source>Surat Keluar No. Urut {seq}/{year}</source>
        <translation>Outgoing letter, serial no. {seq}/{year}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="178"/>
        <source>Disposisi</source>
        <translation>Dispositions</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="189"/>
        <source>Riwayat</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="196"/>
        <source>Konflik</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="202"/>
        <source>Konflik ({count})</source>
        <translation>Conflicts ({count})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="269"/>
        <source>Tanggal terima ada di masa depan (hari ini {today}).</source>
        <translation>The date received is in the future (today is {today}).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="272"/>
        <source>Tanggal surat sesudah tanggal terima ({received}).</source>
        <translation>The letter is dated after the date it was received ({received}).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="296"/>
        <source>Periksa tanggal</source>
        <translation>Check the dates</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="297"/>
        <source>Simpan dengan tanggal ini?</source>
        <translation>Save with these dates?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="298"/>
        <source>Ya, simpan</source>
        <translation>Yes, save</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="299"/>
        <source>Tidak, periksa lagi</source>
        <translation>No, check again</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="306"/>
        <source>Nomor di tahun lain?</source>
        <translation>Number in another year?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="307"/>
        <source>Surat keluar ini akan bernomor tahun {year}, padahal tahun sekarang {current}. Nomor yang sudah diberikan tidak dapat dipindah ke tahun lain.

Beri nomor tahun {year}?</source>
        <translation>This outgoing letter would be numbered in {year}, but the current year is {current}. A number once given cannot be moved to another year.

Number it in {year}?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="311"/>
        <source>Ya, tahun {year}</source>
        <translation>Yes, {year}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="312"/>
        <source>Tidak, periksa tanggal</source>
        <translation>No, check the date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="352"/>
        <source>Menyimpan surat…</source>
        <translation>Saving the letter…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="361"/>
        <source>Tersimpan dengan No. Agenda {seq}/{year}.</source>
        <translation>Saved as agenda no. {seq}/{year}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="363"/>
        <source>Tersimpan dengan No. Urut {seq}/{year}, nomor surat {nomor}.</source>
        <translation>Saved as serial no. {seq}/{year}, letter number {nomor}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="366"/>
        <source>Perubahan tersimpan.</source>
        <translation>Changes saved.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="394"/>
        <source>Buang perubahan?</source>
        <translation>Discard changes?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/letter_dialog.py" line="394"/>
        <source>Ada isian yang belum disimpan. Tutup tanpa menyimpan?</source>
        <translation>Some input is not saved. Close without saving?</translation>
    </message>
</context>
<context>
    <name>LettersView</name>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="67"/>
        <source>Belum ada surat pada {period}.</source>
        <translation>No letters in {period}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="70"/>
        <location filename="../../desktop/ui/reports/views.py" line="76"/>
        <source>Jumlah</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="73"/>
        <source>Sifat</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="73"/>
        <location filename="../../desktop/ui/reports/views.py" line="76"/>
        <location filename="../../desktop/ui/reports/views.py" line="81"/>
        <source>Masuk</source>
        <translation>In</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="73"/>
        <location filename="../../desktop/ui/reports/views.py" line="76"/>
        <location filename="../../desktop/ui/reports/views.py" line="82"/>
        <source>Keluar</source>
        <translation>Out</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="76"/>
        <source>Kode</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="76"/>
        <source>Klasifikasi</source>
        <translation>Classification</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="84"/>
        <source>Disposisi menunggu tindak lanjut ({n}): disposisi terakhir pada surat masuk {period} yang meminta tindakan; merah: lewat batas waktu.</source>
        <translation>Dispositions awaiting action ({n}): the latest disposition on the letters received in {period} that asks for action; red: past its due date.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="88"/>
        <source>No. agenda</source>
        <translation>Agenda no.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="88"/>
        <source>Perihal</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="88"/>
        <source>Asal</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="88"/>
        <source>Kepada</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="88"/>
        <source>Instruksi</source>
        <translation>Instruction</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="89"/>
        <source>Sejak</source>
        <translation>Since</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="89"/>
        <source>Hari</source>
        <translation>Days</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="89"/>
        <source>Batas waktu</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="92"/>
        <source>Tidak ada disposisi yang menunggu tindak lanjut untuk surat masuk {period}.</source>
        <translation>No disposition awaits action for the letters received in {period}.</translation>
    </message>
</context>
<context>
    <name>LockCover</name>
    <message>
        <location filename="../../desktop/ui/lock.py" line="70"/>
        <source>Layan terkunci</source>
        <translation>Layan is locked</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <location filename="../../desktop/ui/lock.py" line="96"/>
        <source>Layan terkunci</source>
        <translation>Layan is locked</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lock.py" line="102"/>
        <source>Layar dikunci karena tidak ada kegiatan. Masukkan kata sandi {name} untuk melanjutkan; isian yang belum disimpan tetap ada.</source>
        <translation>The screen was locked after a period without activity. Enter {name}&apos;s password to continue; unsaved input is still there.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lock.py" line="108"/>
        <source>Nama pengguna</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lock.py" line="112"/>
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lock.py" line="121"/>
        <source>Buka kunci</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lock.py" line="122"/>
        <source>Tutup aplikasi…</source>
        <translation>Close the app…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lock.py" line="145"/>
        <source>Terlalu banyak percobaan yang salah. Coba lagi dalam {n} detik.</source>
        <translation>Too many failed attempts. Try again in {n} seconds.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lock.py" line="148"/>
        <source>Kata sandi salah.</source>
        <translation>Wrong password.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lock.py" line="156"/>
        <source>Tutup aplikasi?</source>
        <translation>Close the app?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lock.py" line="157"/>
        <source>Isian yang belum disimpan akan hilang. Tutup Layan sekarang?</source>
        <translation>Unsaved input will be lost. Close Layan now?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lock.py" line="158"/>
        <source>Ya, tutup</source>
        <translation>Yes, close</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lock.py" line="159"/>
        <source>Tidak</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>LockSettingsBox</name>
    <message>
        <location filename="../../desktop/ui/lock.py" line="281"/>
        <source>Kunci layar</source>
        <translation>Screen lock</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lock.py" line="288"/>
        <source> menit</source>
        <translation> minutes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lock.py" line="289"/>
        <source>tidak pernah</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lock.py" line="291"/>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lock.py" line="296"/>
        <source>Kunci layar setelah tidak ada kegiatan selama</source>
        <translation>Lock the screen after no activity for</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lock.py" line="297"/>
        <source>Layar terkunci meminta kata sandi pengguna yang sedang masuk. Ctrl+L mengunci layar seketika.</source>
        <translation>The locked screen asks for the logged-in user&apos;s password. Ctrl+L locks the screen at once.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lock.py" line="317"/>
        <source>Tersimpan.</source>
        <translation>Saved.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="26"/>
        <source>Layan — masuk</source>
        <translation>Layan — log in</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="32"/>
        <source>Nama pengguna</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="33"/>
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="37"/>
        <source>Masuk</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="38"/>
        <source>Keluar</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="77"/>
        <source>Terlalu banyak percobaan yang salah. Coba lagi dalam {n} detik.</source>
        <translation>Too many failed attempts. Try again in {n} seconds.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="80"/>
        <source>Nama pengguna atau kata sandi salah.</source>
        <translation>Wrong username or password.</translation>
    </message>
</context>
<context>
    <name>LogoPreview</name>
    <message>
        <location filename="../../desktop/ui/print_setup_form.py" line="56"/>
        <source>Berkas ini bukan gambar PNG atau JPG.</source>
        <translation>This file is not a PNG or JPG picture.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="56"/>
        <source>surat masuk</source>
        <translation>incoming letters</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="57"/>
        <source>surat keluar</source>
        <translation>outgoing letters</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="58"/>
        <source>permohonan layanan</source>
        <translation>service requests</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="59"/>
        <source>pengaduan</source>
        <translation>complaints</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="60"/>
        <source>pasien</source>
        <translation>patients</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="61"/>
        <source>kunjungan</source>
        <translation>visits</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="77"/>
        <source>Layan — {office}</source>
        <translation>Layan — {office}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="113"/>
        <source>Bantuan (F1)</source>
        <translation>Help (F1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="118"/>
        <source>Masuk sebagai {user} ({role})</source>
        <translation>Logged in as {user} ({role})</translation>
    </message>
</context>
<context>
    <name>MalariaRegisterPanel</name>
    <message>
        <location filename="../../desktop/ui/health/malaria_register.py" line="70"/>
        <source>Tahun</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/malaria_register.py" line="76"/>
        <source>Kasus baru (positif RDT/mikroskopis di luar masa kontrol 28 hari) menurut spesies. Enter pada bulan: daftar kasus.</source>
        <translation>New cases (RDT/microscopy positive outside a case&apos;s 28-day follow-up) by species. Enter on a month: the case list.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/malaria_register.py" line="86"/>
        <source>Bulan</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/malaria_register.py" line="89"/>
        <source>Jumlah</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/malaria_register.py" line="100"/>
        <source>Daftar kasus: pilih bulan di atas</source>
        <translation>List of cases: choose a month above</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/malaria_register.py" line="103"/>
        <source>Tampilkan daftar kasus</source>
        <translation>Show the list of cases</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/malaria_register.py" line="109"/>
        <source>Kasus</source>
        <translation>Case</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/malaria_register.py" line="109"/>
        <source>Baru</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/malaria_register.py" line="109"/>
        <source>Lanjutan</source>
        <translation>Continued</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/malaria_register.py" line="110"/>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/malaria_register.py" line="111"/>
        <source>No. RM</source>
        <translation>MR no.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/malaria_register.py" line="112"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/malaria_register.py" line="113"/>
        <source>JK</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/malaria_register.py" line="114"/>
        <source>Umur</source>
        <translation>Age</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/malaria_register.py" line="115"/>
        <source>Kampung</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/malaria_register.py" line="116"/>
        <source>Pemeriksaan</source>
        <translation>Test</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/malaria_register.py" line="117"/>
        <source>Spesies</source>
        <translation>Species</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/malaria_register.py" line="118"/>
        <source>Pengobatan</source>
        <translation>Treatment</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/malaria_register.py" line="119"/>
        <source>Primakuin</source>
        <translation>Primaquine</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/malaria_register.py" line="119"/>
        <source>ya</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/malaria_register.py" line="120"/>
        <source>Konfirmasi</source>
        <translation>Confirmation</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/malaria_register.py" line="123"/>
        <source>Hari ke-{day}</source>
        <translation>Day {day}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/malaria_register.py" line="197"/>
        <source>Daftar kasus malaria {month}: {new} kasus baru, {old} lanjutan</source>
        <translation>Malaria cases {month}: {new} new, {old} continued</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/malaria_register.py" line="148"/>
        <source>Jumlah {year}</source>
        <translation>Total {year}</translation>
    </message>
</context>
<context>
    <name>MembersEditor</name>
    <message>
        <location filename="../../desktop/ui/services/members_editor.py" line="21"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/members_editor.py" line="21"/>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/members_editor.py" line="21"/>
        <source>Hubungan</source>
        <translation>Relation</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/members_editor.py" line="21"/>
        <source>Tambah orang</source>
        <translation>Add a person</translation>
    </message>
</context>
<context>
    <name>Modules</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="42"/>
        <source>Surat Masuk</source>
        <translation>Incoming letters</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="43"/>
        <source>Surat Keluar</source>
        <translation>Outgoing letters</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="44"/>
        <source>Permohonan Layanan</source>
        <translation>Service requests</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="45"/>
        <source>Pengaduan</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="46"/>
        <source>Pasien &amp; Kunjungan</source>
        <translation>Patients &amp; visits</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="47"/>
        <source>Laporan</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="48"/>
        <source>Sinkronisasi</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="49"/>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
</context>
<context>
    <name>NumberClashView</name>
    <message>
        <location filename="../../desktop/ui/sync/number_clash_view.py" line="35"/>
        <source>Nomor</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/number_clash_view.py" line="35"/>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/number_clash_view.py" line="35"/>
        <source>Perihal</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/number_clash_view.py" line="36"/>
        <source>Asal / tujuan</source>
        <translation>From / to</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/number_clash_view.py" line="36"/>
        <source>Dicatat oleh</source>
        <translation>Registered by</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/number_clash_view.py" line="37"/>
        <source>Dicatat pada</source>
        <translation>Registered at</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/number_clash_view.py" line="41"/>
        <source>Nomor di bawah ini dipakai dua surat di kantor ini: biasanya nomor dari buku agenda yang diimpor, yang juga dipakai PC lain saat belum tersinkron. Pilih surat yang diberi nomor baru, lalu tekan tombolnya. Nomor lama dicatat di Keterangan surat itu.</source>
        <translation>Each number below is used by two letters of this office: usually a number from an imported agenda book that another PC also used before they synced. Select the letter that gets a new number, then press the button. The old number is noted in that letter&apos;s Keterangan.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/number_clash_view.py" line="51"/>
        <source>Beri &amp;nomor baru pada surat ini</source>
        <translation>Give this letter a new &amp;number</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/number_clash_view.py" line="103"/>
        <source>Surat itu mendapat nomor baru. Perubahan ini ikut terkirim pada sinkronisasi berikutnya.</source>
        <translation>That letter has a new number. The change goes out with the next sync.</translation>
    </message>
</context>
<context>
    <name>OfficePage</name>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="46"/>
        <source>Kantor</source>
        <translation>Office</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="47"/>
        <source>Komputer ini dipakai oleh kantor mana? Kode kantor diberikan oleh Diskominfo.</source>
        <translation>Which office uses this PC? Diskominfo gives out the office codes.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="70"/>
        <source>Baca berkas provisioning dari IT…</source>
        <translation>Read the provisioning file from IT…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="50"/>
        <source>Kode kantor</source>
        <translation>Office code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="51"/>
        <source>mis. DST-MB</source>
        <translation>e.g. DST-MB</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="53"/>
        <source>Nama kantor</source>
        <translation>Office name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="54"/>
        <source>mis. Distrik Mimika Baru</source>
        <translation>e.g. Distrik Mimika Baru</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="55"/>
        <source>Jenis kantor</source>
        <translation>Office kind</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="59"/>
        <source>Buka kantor demo dengan data contoh</source>
        <translation>Open a demo office with sample data</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="62"/>
        <source>Kantor demo untuk latihan: berisi surat-surat contoh. Jangan dipakai untuk data sungguhan.</source>
        <translation>A demo office for practice, with sample letters. Do not use it for real data.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="78"/>
        <source>Berkas provisioning</source>
        <translation>Provisioning file</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="79"/>
        <source>Berkas provisioning Layan (*.json)</source>
        <translation>Layan provisioning file (*.json)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="99"/>
        <source>Dari berkas IT: kantor {code}, server {server}. PC ini akan didaftarkan saat pengaturan selesai.</source>
        <translation>From IT&apos;s file: office {code}, server {server}. This PC is enrolled when the set-up finishes.</translation>
    </message>
</context>
<context>
    <name>OfficeReportsPanel</name>
    <message>
        <location filename="../../desktop/ui/reports/panel.py" line="48"/>
        <source>P&amp;eriode</source>
        <translation>P&amp;eriod</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/panel.py" line="57"/>
        <source>Simpan &amp;PDF</source>
        <translation>Save &amp;PDF</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/panel.py" line="58"/>
        <source>Simpan &amp;XLSX</source>
        <translation>Save &amp;XLSX</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/panel.py" line="76"/>
        <source>Surat</source>
        <translation>Letters</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/panel.py" line="76"/>
        <source>Layanan</source>
        <translation>Services</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/panel.py" line="76"/>
        <source>Pengaduan</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/panel.py" line="112"/>
        <source>Menghitung laporan {period}…</source>
        <translation>Computing the reports for {period}…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/panel.py" line="116"/>
        <source>Menghitung laporan…</source>
        <translation>Computing the reports…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/panel.py" line="125"/>
        <source>Laporan {period}, dihitung menurut hari kerja (tanpa Sabtu, Minggu, libur nasional dan cuti bersama).</source>
        <translation>Reports for {period}, counted in working days (without Saturdays, Sundays, public holidays and collective leave).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/panel.py" line="157"/>
        <source>Simpan laporan</source>
        <translation>Save the report</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/panel.py" line="168"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/panel.py" line="173"/>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/panel.py" line="186"/>
        <location filename="../../desktop/ui/reports/panel.py" line="206"/>
        <source>Menyimpan {path}…</source>
        <translation>Saving {path}…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/panel.py" line="211"/>
        <source>Tersimpan: {path}</source>
        <translation>Saved: {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/panel.py" line="218"/>
        <source>Tidak berhasil.</source>
        <translation>It did not work.</translation>
    </message>
</context>
<context>
    <name>OwnPasswordBox</name>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="200"/>
        <source>Kata sandi saya</source>
        <translation>My password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="205"/>
        <source>Ganti kata sandi saya…</source>
        <translation>Change my password…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="214"/>
        <source>Kata sandi Anda diganti.</source>
        <translation>Your password was changed.</translation>
    </message>
</context>
<context>
    <name>OwnPasswordDialog</name>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="181"/>
        <source>Ganti kata sandi saya</source>
        <translation>Change my password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="183"/>
        <source>Kata sandi sekarang</source>
        <translation>Current password</translation>
    </message>
</context>
<context>
    <name>PatientDialog</name>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="98"/>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="99"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="100"/>
        <source>Kasus</source>
        <translation>Case</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="101"/>
        <source>Diagnosa</source>
        <translation>Diagnoses</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="102"/>
        <source>Malaria</source>
        <translation>Malaria</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="103"/>
        <source>Tindakan</source>
        <translation>Treatment</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="104"/>
        <source>Petugas</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="140"/>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="282"/>
        <source>Data pasien</source>
        <translation>Patient data</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="146"/>
        <source>Kunjungan baru (Ctrl+K)</source>
        <translation>New visit (Ctrl+K)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="161"/>
        <source>Membuka data pasien…</source>
        <translation>Opening the patient record…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="177"/>
        <source>&amp;Nama</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="177"/>
        <source>&amp;Jenis kelamin</source>
        <translation>&amp;Sex</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="178"/>
        <source>Tgl &amp;lahir / umur</source>
        <translation>Date of birth / a&amp;ge</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="178"/>
        <source>NI&amp;K</source>
        <translation>NI&amp;K</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="178"/>
        <source>NIK &amp;ibu (bayi)</source>
        <translation>&amp;Mother&apos;s NIK (baby)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="179"/>
        <source>No. &amp;BPJS</source>
        <translation>&amp;BPJS no.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="179"/>
        <source>Pen&amp;jamin</source>
        <translation>&amp;Payer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="179"/>
        <source>&amp;Alamat</source>
        <translation>&amp;Address</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="180"/>
        <source>Ka&amp;mpung</source>
        <translation>&amp;Village</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="180"/>
        <source>&amp;Distrik</source>
        <translation>&amp;District</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="180"/>
        <source>&amp;Telepon</source>
        <translation>P&amp;hone</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="191"/>
        <source>L — Laki-laki</source>
        <translation>L — Male</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="192"/>
        <source>P — Perempuan</source>
        <translation>P — Female</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="196"/>
        <source>— (BPJS bila No. BPJS diisi)</source>
        <translation>— (BPJS when a BPJS no. is given)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="197"/>
        <source>Umum</source>
        <translation>Self-pay</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="208"/>
        <source>15-03-1990, atau umur: 40</source>
        <translation>15-03-1990, or an age: 40</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="210"/>
        <source>16 digit (boleh kosong)</source>
        <translation>16 digits (may be empty)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="211"/>
        <source>untuk bayi yang belum punya NIK</source>
        <translation>for a baby who has no NIK yet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="212"/>
        <source>13 digit</source>
        <translation>13 digits</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="241"/>
        <source>Kunjungan</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="253"/>
        <source>Kunjungan ({count})</source>
        <translation>Visits ({count})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="257"/>
        <source>Pasien baru</source>
        <translation>New patient</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="280"/>
        <source>Data pasien tidak dapat dibuka.</source>
        <translation>The patient record cannot be opened.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="344"/>
        <source>belum lengkap</source>
        <translation>not complete yet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="349"/>
        <source>umur {years} tahun</source>
        <translation>age {years} years</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="458"/>
        <source>Menyimpan pasien…</source>
        <translation>Saving the patient…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="468"/>
        <source>Tersimpan dengan No. RM {no_rm}. Ctrl+K: kunjungan baru.</source>
        <translation>Saved with MR no. {no_rm}. Ctrl+K: new visit.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="473"/>
        <source>Perubahan tersimpan.</source>
        <translation>Changes saved.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="502"/>
        <source>NIK tidak cocok</source>
        <translation>NIK does not match</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="503"/>
        <source>{lines}

Sudah dicocokkan dengan KTP/KK? Simpan juga?</source>
        <translation>{lines}

Checked against the ID card/family card? Save anyway?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="504"/>
        <source>Ya, simpan</source>
        <translation>Yes, save</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="504"/>
        <source>Tidak, perbaiki</source>
        <translation>No, correct it</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="549"/>
        <source>Buang perubahan?</source>
        <translation>Discard changes?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patient_dialog.py" line="549"/>
        <source>Ada isian yang belum disimpan. Tutup tanpa menyimpan?</source>
        <translation>Some input is not saved. Close without saving?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/duplicates_panel.py" line="43"/>
        <source>&amp;Pakai pasien ini</source>
        <translation>&amp;Use this patient</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/duplicates_panel.py" line="46"/>
        <source>&amp;Tetap simpan sebagai pasien baru</source>
        <translation>Save as a new patien&amp;t anyway</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/duplicates_panel.py" line="67"/>
        <source>NIK ini sudah terdaftar: {who}. Satu NIK tidak bisa didaftarkan dua kali — buka data pasien tersebut.</source>
        <translation>This NIK is already registered: {who}. One NIK cannot be registered twice — open that patient&apos;s record.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/duplicates_panel.py" line="71"/>
        <source>Mungkin pasien ini sudah terdaftar ({count} data mirip). Periksa dulu sebelum menyimpan.</source>
        <translation>This patient may already be registered ({count} similar records). Check before saving.</translation>
    </message>
</context>
<context>
    <name>PatientTableModel</name>
    <message>
        <location filename="../../desktop/ui/health/patients_model.py" line="51"/>
        <source>No. RM</source>
        <translation>MR no.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patients_model.py" line="52"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patients_model.py" line="53"/>
        <source>JK</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patients_model.py" line="54"/>
        <source>Tgl Lahir/Umur</source>
        <translation>Born/Age</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patients_model.py" line="55"/>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patients_model.py" line="56"/>
        <source>Kampung</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patients_model.py" line="57"/>
        <source>Penjamin</source>
        <translation>Payer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patients_model.py" line="58"/>
        <source>Kunjungan Terakhir</source>
        <translation>Last visit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patients_model.py" line="78"/>
        <source>Bayi tanpa NIK: NIK ibu</source>
        <translation>Baby without a NIK: the mother&apos;s NIK</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patients_model.py" line="68"/>
        <source>ibu: {nik}</source>
        <translation>mother: {nik}</translation>
    </message>
</context>
<context>
    <name>PatientsPage</name>
    <message>
        <location filename="../../desktop/ui/health/patients_page.py" line="54"/>
        <location filename="../../desktop/ui/health/patients_page.py" line="65"/>
        <source>Pasien &amp; Kunjungan</source>
        <translation>Patients &amp; visits</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patients_page.py" line="73"/>
        <source>Kunjungan baru (Ctrl+K)</source>
        <translation>New visit (Ctrl+K)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patients_page.py" line="76"/>
        <source>Pasien baru (Ctrl+N)</source>
        <translation>New patient (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patients_page.py" line="92"/>
        <source>Cari No. RM (mis. 123), NIK, No. BPJS, atau awal nama… (Ctrl+F)</source>
        <translation>Search MR no. (e.g. 123), NIK, BPJS no., or the start of the name… (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patients_page.py" line="101"/>
        <source>Enter: buka pasien · Ctrl+K: kunjungan baru · Ctrl+N: pasien baru · ↓ dari kotak cari ke daftar</source>
        <translation>Enter: open the patient · Ctrl+K: new visit · Ctrl+N: new patient · ↓ from the search box into the list</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patients_page.py" line="106"/>
        <source>Daftar pasien</source>
        <translation>Patients</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patients_page.py" line="111"/>
        <source>Register malaria</source>
        <translation>Malaria register</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patients_page.py" line="123"/>
        <source>Pasien tidak ditemukan.
Periksa ejaan atau cari dengan No. RM/NIK, atau tekan Ctrl+N untuk mendaftarkan pasien baru.</source>
        <translation>No patient found.
Check the spelling or search by record number/NIK, or press Ctrl+N to register a new patient.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patients_page.py" line="125"/>
        <source>Belum ada pasien terdaftar.
Tekan Ctrl+N (Pasien baru) untuk mendaftarkan pasien pertama.</source>
        <translation>No patients registered yet.
Press Ctrl+N (New patient) to register the first one.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patients_page.py" line="130"/>
        <source>Mencari…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patients_page.py" line="147"/>
        <source>{count}+ pasien — ketik lebih lengkap</source>
        <translation>{count}+ patients — type more</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patients_page.py" line="150"/>
        <source>{count} pasien</source>
        <translation>{count} patients</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patients_page.py" line="171"/>
        <source>Tidak ditemukan. Ctrl+N: daftarkan pasien baru.</source>
        <translation>Not found. Ctrl+N: register a new patient.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patients_page.py" line="176"/>
        <source>{count} pasien — pilih dengan ↑/↓ lalu Enter atau Ctrl+K</source>
        <translation>{count} patients — choose with ↑/↓, then Enter or Ctrl+K</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/patients_page.py" line="255"/>
        <source>Cari dan pilih pasien dulu, lalu Ctrl+K.</source>
        <translation>Find and select a patient first, then Ctrl+K.</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <location filename="../../desktop/ui/reports/period_picker.py" line="29"/>
        <source>Bulan</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/period_picker.py" line="30"/>
        <source>Triwulan</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/period_picker.py" line="31"/>
        <source>Tahun</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/period_picker.py" line="41"/>
        <source>Periode sebelumnya (Alt+←)</source>
        <translation>Previous period (Alt+←)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/period_picker.py" line="44"/>
        <source>Periode berikutnya (Alt+→)</source>
        <translation>Next period (Alt+→)</translation>
    </message>
</context>
<context>
    <name>PrintBar</name>
    <message>
        <location filename="../../desktop/ui/services/print_bar.py" line="48"/>
        <source>Ukuran kertas</source>
        <translation>Paper size</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/print_bar.py" line="52"/>
        <source>Pratinjau &amp;&amp; cetak…</source>
        <translation>Preview &amp;&amp; print…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/print_bar.py" line="55"/>
        <source>Simpan PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/print_bar.py" line="76"/>
        <source>Menyiapkan dokumen…</source>
        <translation>Preparing the document…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/print_bar.py" line="97"/>
        <source>Simpan sebagai PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/print_bar.py" line="97"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/print_bar.py" line="111"/>
        <source>PDF tersimpan: {path}</source>
        <translation>PDF saved: {path}</translation>
    </message>
</context>
<context>
    <name>PrintSettingsBox</name>
    <message>
        <location filename="../../desktop/ui/services/print_settings_box.py" line="34"/>
        <source>Cetak: kop surat dan penandatangan</source>
        <translation>Printing: letterhead and signatory</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/print_settings_box.py" line="50"/>
        <source>Pilih…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/print_settings_box.py" line="61"/>
        <source>wajib untuk menerbitkan surat keterangan</source>
        <translation>required to issue certificates</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/print_settings_box.py" line="63"/>
        <source>Penandatangan lain (Plh./Plt., atau a.n. kepala): dipilih saat surat keterangan diterbitkan.</source>
        <translation>Other signatories (acting head, or on behalf of the head): chosen when a certificate is issued.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/print_settings_box.py" line="70"/>
        <source>Kosongkan isian untuk kembali ke nilai bawaan. Berlaku untuk surat keterangan, tanda terima dan surat keluar yang dicetak sesudahnya.</source>
        <translation>Empty a field to go back to its default. Applies to certificates, receipts and outgoing letters printed from now on.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/print_settings_box.py" line="84"/>
        <source>Simpan pengaturan cetak</source>
        <translation>Save print settings</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/print_settings_box.py" line="104"/>
        <source>Diatur oleh pusat: {names}. Perubahan di sini berlaku sampai pusat menerbitkan nilai baru.</source>
        <translation>Managed centrally: {names}. A change made here holds until the centre publishes a new value.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/print_settings_box.py" line="126"/>
        <source>Pilih logo</source>
        <translation>Choose a logo</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/print_settings_box.py" line="126"/>
        <source>Gambar (*.png *.jpg *.jpeg)</source>
        <translation>Images (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/print_settings_box.py" line="136"/>
        <source>Tidak ada yang berubah.</source>
        <translation>Nothing changed.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/print_settings_box.py" line="150"/>
        <source>Pengaturan cetak tersimpan.</source>
        <translation>Print settings saved.</translation>
    </message>
</context>
<context>
    <name>PrintSetupDialog</name>
    <message>
        <location filename="../../desktop/ui/services/print_setup_dialog.py" line="36"/>
        <source>Sebelum surat keterangan diterbitkan</source>
        <translation>Before the certificate is issued</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/print_setup_dialog.py" line="39"/>
        <source>Surat keterangan ini perlu data berikut. Isi sekali di sini; tersimpan juga di Pengaturan → Cetak.</source>
        <translation>This certificate needs the following. Fill it in once here; it is also kept in Settings → Printing.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/print_setup_dialog.py" line="52"/>
        <source>Simpan dan lanjutkan</source>
        <translation>Save and continue</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/print_setup_dialog.py" line="54"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/print_setup_dialog.py" line="75"/>
        <source>Nama penandatangan wajib diisi untuk menerbitkan surat keterangan.</source>
        <translation>The signatory&apos;s name is required to issue a certificate.</translation>
    </message>
</context>
<context>
    <name>PrintSetupForm</name>
    <message>
        <location filename="../../desktop/ui/print_setup_form.py" line="73"/>
        <source>Kop surat</source>
        <translation>Letterhead</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/print_setup_form.py" line="74"/>
        <source>Penandatangan surat keterangan</source>
        <translation>Signatory of certificates</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/print_setup_form.py" line="96"/>
        <source>mis. Drs. Yakobus Beanal, M.Si</source>
        <translation>e.g. Drs. Yakobus Beanal, M.Si</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/print_setup_form.py" line="98"/>
        <source>18 angka, mis. 19750812 200003 1 005</source>
        <translation>18 digits, e.g. 19750812 200003 1 005</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/print_setup_form.py" line="100"/>
        <source>mis. Telp. (0901) 321000</source>
        <translation>e.g. Telp. (0901) 321000</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/print_setup_form.py" line="102"/>
        <source>mis. Jl. Cenderawasih No. 1, Timika</source>
        <translation>e.g. Jl. Cenderawasih No. 1, Timika</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/print_setup_form.py" line="108"/>
        <source>Pilih…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/print_setup_form.py" line="116"/>
        <source>Pilih logo</source>
        <translation>Choose a logo</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/print_setup_form.py" line="116"/>
        <source>Gambar (*.png *.jpg *.jpeg)</source>
        <translation>Pictures (*.png *.jpg *.jpeg)</translation>
    </message>
</context>
<context>
    <name>PrintingPage</name>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="167"/>
        <source>Kop surat dan penandatangan</source>
        <translation>Letterhead and signatory</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_start.py" line="168"/>
        <source>Untuk surat keterangan, tanda terima dan surat keluar. Boleh dilewati: bisa diisi nanti di Pengaturan → Cetak, atau saat surat keterangan pertama diterbitkan.</source>
        <translation>For certificates, receipts and outgoing letters. You may skip this: it can be filled in later in Settings → Printing, or when the first certificate is issued.</translation>
    </message>
</context>
<context>
    <name>RecordDetailDialog</name>
    <message>
        <location filename="../../desktop/ui/services/detail_base.py" line="103"/>
        <source>Data</source>
        <translation>Data</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/detail_base.py" line="114"/>
        <source>Riwayat status</source>
        <translation>Status history</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/detail_base.py" line="116"/>
        <source>Riwayat perubahan</source>
        <translation>Change history</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/detail_base.py" line="122"/>
        <source>Tindakan</source>
        <translation>Actions</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/detail_base.py" line="135"/>
        <source>Cetak</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/detail_base.py" line="140"/>
        <source>Tutup (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/detail_base.py" line="236"/>
        <source>kode kantor, mis. DST-KK</source>
        <translation>office code, e.g. DST-KK</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/detail_base.py" line="240"/>
        <source>Teruskan ke &amp;kantor lain</source>
        <translation>Forward to another &amp;office</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/detail_base.py" line="245"/>
        <source>Kantor tujuan</source>
        <translation>Target office</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/detail_base.py" line="268"/>
        <source>Diteruskan ke {office}; akan dikirim saat sinkronisasi.</source>
        <translation>Forwarded to {office}; it will be sent at the next sync.</translation>
    </message>
</context>
<context>
    <name>RefusedByPcView</name>
    <message>
        <location filename="../../desktop/ui/sync/refused_view.py" line="38"/>
        <source>Data di bawah ini dikirim server tetapi tidak lolos pemeriksaan PC ini (milik kantor lain, isiannya rusak, atau tidak dapat disimpan), sehingga tidak dipakai. Data lain tetap tersinkron. Salin rinciannya dan laporkan ke IT.</source>
        <translation>The server sent the records below, but they failed this PC&apos;s checks (another office&apos;s record, damaged fields, or a value that cannot be stored), so they are not used. Everything else still syncs. Copy the details and report them to IT.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/refused_view.py" line="66"/>
        <source>Tidak ada data dari server yang ditolak PC ini.</source>
        <translation>This PC has refused nothing the server sent.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/refused_view.py" line="70"/>
        <source>&amp;Salin rincian untuk IT</source>
        <translation>&amp;Copy the details for IT</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/refused_view.py" line="129"/>
        <source>Kantor asal: {office}</source>
        <translation>Office: {office}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/refused_view.py" line="130"/>
        <source>Diterima: {when}</source>
        <translation>Received: {when}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/refused_view.py" line="131"/>
        <source>ID data: {id} (revisi {rev})</source>
        <translation>Record ID: {id} (revision {rev})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/refused_view.py" line="132"/>
        <source>Alasan: {reason}</source>
        <translation>Reason: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/refused_view.py" line="141"/>
        <source>Tersalin.</source>
        <translation>Copied.</translation>
    </message>
</context>
<context>
    <name>RegisterBase</name>
    <message>
        <location filename="../../desktop/ui/registers/register_base.py" line="222"/>
        <source>Tidak ada data.</source>
        <translation>No data.</translation>
    </message>
</context>
<context>
    <name>RegisterIoButton</name>
    <message>
        <location filename="../../desktop/ui/widgets/register_io.py" line="42"/>
        <location filename="../../desktop/ui/widgets/register_io.py" line="137"/>
        <source>Impor/Ekspor</source>
        <translation>Import/Export</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/register_io.py" line="45"/>
        <source>Impor {name} dari Excel/CSV…</source>
        <translation>Import {name} from Excel/CSV…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/register_io.py" line="49"/>
        <source>Ekspor {name} ke Excel/CSV…</source>
        <translation>Export {name} to Excel/CSV…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/register_io.py" line="57"/>
        <source>Pilih berkas untuk diimpor</source>
        <translation>Choose the file to import</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/register_io.py" line="58"/>
        <source>Excel atau CSV (*.xlsx *.csv)</source>
        <translation>Excel or CSV (*.xlsx *.csv)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/register_io.py" line="64"/>
        <source>Simpan sebagai</source>
        <translation>Save as</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/register_io.py" line="65"/>
        <source>Excel (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/register_io.py" line="77"/>
        <source>Mengimpor…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/register_io.py" line="81"/>
        <source>Mengekspor {file}…</source>
        <translation>Exporting {file}…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/register_io.py" line="82"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/register_io.py" line="101"/>
        <source>… dan {n} baris lagi.</source>
        <translation>… and {n} more rows.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/register_io.py" line="106"/>
        <source>Tidak ada yang diimpor dari {file}: {bad} dari {total} baris bermasalah. Perbaiki berkasnya lalu impor lagi, atau impor baris yang benar saja.</source>
        <translation>Nothing was imported from {file}: {bad} of {total} rows have problems. Fix the file and import it again, or import only the good rows.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/register_io.py" line="111"/>
        <source>Impor {n} baris yang benar saja</source>
        <translation>Import only the {n} good rows</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/register_io.py" line="114"/>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/register_io.py" line="116"/>
        <source>{n} dari {total} baris diimpor dari {file}.</source>
        <translation>{n} of {total} rows imported from {file}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets/register_io.py" line="124"/>
        <source>{n} data diekspor ke {file}.</source>
        <translation>{n} records exported to {file}.</translation>
    </message>
</context>
<context>
    <name>RegisterModel</name>
    <message>
        <location filename="../../desktop/ui/services/register_model.py" line="56"/>
        <source>{status} (dialihkan)</source>
        <translation>{status} (transferred)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/register_model.py" line="63"/>
        <source>Sudah dialihkan ke kantor lain; hanya bisa dibaca.</source>
        <translation>Transferred to another office; read-only.</translation>
    </message>
</context>
<context>
    <name>RegisterPage</name>
    <message>
        <location filename="../../desktop/ui/registers/register_page.py" line="50"/>
        <source>Surat Masuk</source>
        <translation>Incoming letters</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/register_page.py" line="50"/>
        <source>Surat Keluar</source>
        <translation>Outgoing letters</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/register_page.py" line="59"/>
        <source>Surat baru (Ctrl+N)</source>
        <translation>New letter (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/register_page.py" line="66"/>
        <source>Cari nomor, perihal, pengirim, tujuan… (Ctrl+F)</source>
        <translation>Search number, subject, sender, addressee… (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/register_page.py" line="67"/>
        <source>Periode</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/register_page.py" line="74"/>
        <source>Semua sifat</source>
        <translation>Any urgency</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/register_page.py" line="79"/>
        <source>Klasifikasi</source>
        <translation>Classification</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/register_page.py" line="90"/>
        <source>Sangat segera</source>
        <translation>Very urgent</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/register_page.py" line="91"/>
        <source>Segera (kolom Sifat)</source>
        <translation>Urgent (Priority column)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/register_page.py" line="107"/>
        <source>Mencari…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/register_page.py" line="122"/>
        <source>Tidak ada surat yang cocok dengan pencarian dan filter ini.
Kosongkan kotak cari (Ctrl+F) atau ubah periode, sifat dan klasifikasi.</source>
        <translation>No letter matches this search and these filters.
Clear the search box (Ctrl+F) or change the period, priority and classification.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/register_page.py" line="125"/>
        <source>Belum ada surat masuk.
Tekan Ctrl+N (Surat baru) untuk mencatat surat yang diterima.</source>
        <translation>No incoming letters yet.
Press Ctrl+N (New letter) to record a letter received.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/register_page.py" line="126"/>
        <source>Belum ada surat keluar.
Tekan Ctrl+N (Surat baru) untuk mencatat dan memberi nomor surat.</source>
        <translation>No outgoing letters yet.
Press Ctrl+N (New letter) to record and number a letter.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/registers/register_page.py" line="129"/>
        <source>{count} surat</source>
        <translation>{count} letters</translation>
    </message>
</context>
<context>
    <name>RejectedView</name>
    <message>
        <location filename="../../desktop/ui/sync/conflicts_view.py" line="199"/>
        <source>Server menolak perubahan di bawah ini, sehingga perubahan itu tidak sampai ke komputer lain. Datanya tetap tercatat di sini: perbaiki lalu simpan ulang datanya, atau salin dan laporkan ke IT.</source>
        <translation>The server refused the changes below, so they did not reach the other computers. The data is kept here: correct it and save it again, or copy it and report it to IT.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/conflicts_view.py" line="208"/>
        <source>&amp;Salin data dan alasannya</source>
        <translation>&amp;Copy the data and the reasons</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/conflicts_view.py" line="239"/>
        <source>Alasan: {reasons}</source>
        <translation>Reasons: {reasons}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/conflicts_view.py" line="241"/>
        <source>Tersalin.</source>
        <translation>Copied.</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../desktop/ui/reports/page.py" line="27"/>
        <source>Kesehatan (LB1, kunjungan, malaria)</source>
        <translation>Health (LB1, visits, malaria)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/page.py" line="30"/>
        <source>Surat</source>
        <translation>Letters</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/page.py" line="34"/>
        <source>Laporan</source>
        <translation>Reports</translation>
    </message>
</context>
<context>
    <name>RequestActions</name>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="48"/>
        <source>&amp;Verifikasi (dokumen lengkap)</source>
        <translation>&amp;Verify (documents complete)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="49"/>
        <source>&amp;Proses</source>
        <translation>&amp;Process</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="50"/>
        <source>&amp;Selesai — terbitkan surat</source>
        <translation>&amp;Complete — issue the certificate</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="51"/>
        <source>&amp;Tolak</source>
        <translation>&amp;Reject</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="58"/>
        <source>Surat No. {nomor}</source>
        <translation>Certificate no. {nomor}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="60"/>
        <source>Diteruskan dari {source} ke {office}</source>
        <translation>Forwarded from {source} to {office}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="69"/>
        <source>Diteruskan</source>
        <translation>Forwarded</translation>
    </message>
</context>
<context>
    <name>RequestDetailDialog</name>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="90"/>
        <source>Permohonan Layanan</source>
        <translation>Service request</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="95"/>
        <source>Dokumen diperiksa</source>
        <translation>Documents checked</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="98"/>
        <source>wajib diisi bila permohonan ditolak</source>
        <translation>required when the request is rejected</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="99"/>
        <source>Alasan penolakan</source>
        <translation>Reason for rejection</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="103"/>
        <source>mis. pemohon tinggal di wilayah kantor tujuan (tidak wajib)</source>
        <translation>e.g. the applicant lives in the target office&apos;s area (optional)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="104"/>
        <source>Catatan penerusan</source>
        <translation>Forwarding note</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="108"/>
        <source>Penandatangan</source>
        <translation>Signatory</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="118"/>
        <source>hanya bila tetap diterbitkan di sini; alasan dicatat</source>
        <translation>only to issue it here anyway; the reason is recorded</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="123"/>
        <source>Alasan tetap terbit</source>
        <translation>Reason to issue it anyway</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="125"/>
        <source>Permohonan dipindahkan ke kantor tujuan beserta data dan riwayatnya: akan dikirim saat sinkronisasi berikutnya.</source>
        <translation>The request moves to the target office with its data and history: it will be sent at the next sync.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="137"/>
        <source>&amp;Ubah data…</source>
        <translation>&amp;Edit data…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="139"/>
        <source>Perbaiki salah ketik selama permohonan belum selesai</source>
        <translation>Correct a typo while the request is not completed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="145"/>
        <source>Tanda terima:</source>
        <translation>Receipt:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="147"/>
        <source>Tanda terima {code}</source>
        <translation>Receipt {code}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="148"/>
        <source>Surat keterangan:</source>
        <translation>Certificate:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="150"/>
        <source>Surat keterangan {nomor}</source>
        <translation>Certificate {nomor}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="163"/>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="164"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="165"/>
        <source>Dari</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="166"/>
        <source>Oleh</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="167"/>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="168"/>
        <source>Keterangan</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="191"/>
        <source>{service} — {code}</source>
        <translation>{service} — {code}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="195"/>
        <source>Status: {status}</source>
        <translation>Status: {status}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="198"/>
        <source>Surat No. {nomor}, {date}</source>
        <translation>Certificate no. {nomor}, {date}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="202"/>
        <source>Alasan: {reason}</source>
        <translation>Reason: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="205"/>
        <source>Batas waktu: {date} — terlambat</source>
        <translation>Due: {date} — overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="208"/>
        <source>Batas waktu: {date}</source>
        <translation>Due: {date}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="232"/>
        <source>RT/RW</source>
        <translation>RT/RW</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="268"/>
        <source>Permohonan ini sudah dialihkan ke kantor {office} dan hanya bisa dibaca di sini. Statusnya diperbarui setiap sinkronisasi.</source>
        <translation>This request was transferred to office {office} and is read-only here. Its status is updated at every sync.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="275"/>
        <source>Diteruskan ke {office}: akan dikirim saat sinkronisasi. Sampai saat itu permohonan hanya bisa diteruskan ulang ke kantor lain.</source>
        <translation>Forwarded to {office}: it will be sent at the next sync. Until then the request can only be forwarded to another office instead.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="299"/>
        <source> (wajib)</source>
        <translation> (required)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="315"/>
        <source>Alamat pemohon ada di {place}Distrik {distrik}, bukan di wilayah Distrik {own}: surat ini menyatakan ia penduduk wilayah kantor ini. Teruskan ke Distrik {distrik}, atau isi alasan bila tetap diterbitkan di sini.</source>
        <translation>The applicant&apos;s address is in {place}Distrik {distrik}, not in Distrik {own}: this certificate states that the applicant lives in this office&apos;s area. Forward it to Distrik {distrik}, or give a reason to issue it here anyway.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="318"/>
        <source>Teruskan ke Distrik {distrik}</source>
        <translation>Forward to Distrik {distrik}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="332"/>
        <source>Alamat pemohon di {place}Distrik {distrik}</source>
        <translation>The applicant&apos;s address is in {place}Distrik {distrik}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="347"/>
        <source>Perubahan tersimpan.</source>
        <translation>Changes saved.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="354"/>
        <source> — ada pindaian</source>
        <translation> — scan attached</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="382"/>
        <source>Menyimpan status…</source>
        <translation>Saving the status…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="425"/>
        <source>Meneruskan permohonan…</source>
        <translation>Forwarding the request…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="432"/>
        <source>Terbitkan surat keterangan?</source>
        <translation>Issue the certificate?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="433"/>
        <source>Surat keterangan akan diberi nomor surat keluar berikutnya. Nomor yang sudah terbit tidak bisa dibatalkan. Lanjutkan?</source>
        <translation>The certificate gets the next outgoing letter number. A number once issued cannot be taken back. Continue?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="435"/>
        <source>Ya, terbitkan</source>
        <translation>Yes, issue it</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="436"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="444"/>
        <source>Surat keterangan terbit dengan nomor {nomor}.</source>
        <translation>Certificate issued with number {nomor}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="447"/>
        <source>Permohonan ditolak.</source>
        <translation>Request rejected.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_detail.py" line="450"/>
        <source>Status sekarang: {status}.</source>
        <translation>Status now: {status}.</translation>
    </message>
</context>
<context>
    <name>RequestDialog</name>
    <message>
        <location filename="../../desktop/ui/services/request_form.py" line="89"/>
        <source>Permohonan Layanan Baru</source>
        <translation>New service request</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_form.py" line="118"/>
        <source>Ketik untuk mencari: domisili, sktm, usaha…</source>
        <translation>Type to search: domicile, low income, business…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_form.py" line="119"/>
        <source>Jenis layanan *</source>
        <translation>Service *</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_form.py" line="126"/>
        <location filename="../../desktop/ui/services/request_form.py" line="336"/>
        <source>Pemohon</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_form.py" line="135"/>
        <source>Rincian layanan</source>
        <translation>Service details</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_form.py" line="142"/>
        <source>mis. melamar pekerjaan, mendaftar sekolah, bantuan sosial</source>
        <translation>e.g. a job application, school enrolment, social aid</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_form.py" line="150"/>
        <source>Dokumen diperiksa</source>
        <translation>Documents checked</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_form.py" line="162"/>
        <source>Lampiran (pindaian dokumen)</source>
        <translation>Attachments (document scans)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_form.py" line="181"/>
        <source>Buka permohonan</source>
        <translation>Open the request</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_form.py" line="181"/>
        <source>Permohonan baru (Ctrl+N)</source>
        <translation>New request (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_form.py" line="236"/>
        <source>16 digit, dari KTP-el</source>
        <translation>16 digits, from the ID card</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_form.py" line="273"/>
        <source>Ubah permohonan {code}</source>
        <translation>Edit request {code}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_form.py" line="294"/>
        <source>Simpan perubahan (Ctrl+S)</source>
        <translation>Save changes (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_form.py" line="372"/>
        <source> (wajib)</source>
        <translation> (required)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_form.py" line="408"/>
        <source>16 digit</source>
        <translation>16 digits</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_form.py" line="475"/>
        <source>Data penduduk diisi dari permohonan sebelumnya. Periksa kembali dengan KTP.</source>
        <translation>Resident data filled in from an earlier request. Check it against the ID card.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_form.py" line="477"/>
        <source>Belum ada permohonan dengan NIK ini. Jenis kelamin dan tanggal lahir dibaca dari NIK; periksa dengan KTP.</source>
        <translation>No earlier request with this NIK. Sex and date of birth were read from the NIK; check them against the ID card.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_form.py" line="581"/>
        <source>Pilih jenis layanan dari daftar.</source>
        <translation>Choose a service from the list.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_form.py" line="600"/>
        <source>Menyimpan permohonan…</source>
        <translation>Saving the request…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_form.py" line="620"/>
        <source>Permohonan tersimpan</source>
        <translation>Request saved</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_form.py" line="623"/>
        <source>Kode lacak untuk warga. Perkiraan selesai: {date} ({days} hari kerja).</source>
        <translation>Tracking code for the citizen. Expected completion: {date} ({days} working days).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_form.py" line="626"/>
        <source>Tanda terima:</source>
        <translation>Receipt:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_form.py" line="628"/>
        <source>Tanda terima {code}</source>
        <translation>Receipt {code}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_form.py" line="631"/>
        <source>Permohonan tersimpan dengan kode lacak {code}. Tekan Enter untuk mencetak tanda terima.</source>
        <translation>Request saved with tracking code {code}. Press Enter to print the receipt.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_form.py" line="656"/>
        <source>Buang isian?</source>
        <translation>Discard what was typed?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/request_form.py" line="656"/>
        <source>Permohonan ini belum disimpan. Tutup tanpa menyimpan?</source>
        <translation>This request is not saved. Close without saving?</translation>
    </message>
</context>
<context>
    <name>RequestRegisterPage</name>
    <message>
        <location filename="../../desktop/ui/services/register_page.py" line="259"/>
        <source>Permohonan Layanan</source>
        <translation>Service requests</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/register_page.py" line="262"/>
        <source>Permohonan baru (Ctrl+N)</source>
        <translation>New request (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/register_page.py" line="265"/>
        <source>Cari kode lacak, NIK, nama, kampung… (Ctrl+F)</source>
        <translation>Search tracking code, NIK, name, village… (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/register_page.py" line="271"/>
        <source>Semua layanan</source>
        <translation>All services</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/register_page.py" line="280"/>
        <source>{count} permohonan</source>
        <translation>{count} requests</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/register_page.py" line="288"/>
        <source>&lt;b&gt;Hari ini&lt;/b&gt;</source>
        <translation>&lt;b&gt;Today&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/register_page.py" line="289"/>
        <source>Terlambat</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/register_page.py" line="289"/>
        <source>Belum selesai</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/register_page.py" line="292"/>
        <source>Terlambat (melewati batas waktu layanan)</source>
        <translation>Overdue (past the service time limit)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/register_page.py" line="293"/>
        <source>Dialihkan ke kantor lain (hanya dibaca)</source>
        <translation>Transferred to another office (read-only)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/register_page.py" line="297"/>
        <source>Tidak ada permohonan yang cocok dengan pencarian dan filter ini.
Kosongkan kotak cari (Ctrl+F) atau pilih &quot;Semua status&quot; dan &quot;Semua layanan&quot;.</source>
        <translation>No request matches this search and these filters.
Clear the search box (Ctrl+F) or choose &quot;All statuses&quot; and &quot;All services&quot;.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/register_page.py" line="299"/>
        <source>Belum ada permohonan.
Tekan Ctrl+N (Permohonan baru) untuk menerima permohonan warga.</source>
        <translation>No requests yet.
Press Ctrl+N (New request) to take a citizen&apos;s request.</translation>
    </message>
</context>
<context>
    <name>RequestTableModel</name>
    <message>
        <location filename="../../desktop/ui/services/register_model.py" line="120"/>
        <source>Terlambat: melewati batas waktu layanan</source>
        <translation>Overdue: past the service&apos;s due date</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="157"/>
        <source>Atur ulang kata sandi</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="160"/>
        <source>Kata sandi baru untuk {name} ({username}). Berikan kepadanya secara langsung.</source>
        <translation>A new password for {name} ({username}). Give it to them in person.</translation>
    </message>
</context>
<context>
    <name>RowsEditor</name>
    <message>
        <location filename="../../desktop/ui/widgets/rows_editor.py" line="29"/>
        <source>Hapus baris</source>
        <translation>Remove row</translation>
    </message>
</context>
<context>
    <name>ServiceColumns</name>
    <message>
        <location filename="../../desktop/ui/services/labels.py" line="16"/>
        <source>Kode Lacak</source>
        <translation>Tracking code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/labels.py" line="17"/>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/labels.py" line="18"/>
        <source>Layanan</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/labels.py" line="19"/>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/labels.py" line="20"/>
        <source>Nama Pemohon</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/labels.py" line="21"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/labels.py" line="22"/>
        <source>Batas Waktu</source>
        <translation>Due date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/labels.py" line="23"/>
        <source>Nomor Surat</source>
        <translation>Certificate number</translation>
    </message>
</context>
<context>
    <name>ServicesRegisterPage</name>
    <message>
        <location filename="../../desktop/ui/services/register_page.py" line="85"/>
        <source>Semua status</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/register_page.py" line="98"/>
        <source>Hanya yang terlambat</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/register_page.py" line="171"/>
        <source>Mencari…</source>
        <translation>Searching…</translation>
    </message>
</context>
<context>
    <name>ServicesView</name>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="110"/>
        <source>Jumlah</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="113"/>
        <location filename="../../desktop/ui/reports/views.py" line="124"/>
        <source>Layanan</source>
        <translation>Services</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="113"/>
        <source>SLA
(hari kerja)</source>
        <translation>SLA
(working days)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="113"/>
        <location filename="../../desktop/ui/reports/views.py" line="118"/>
        <location filename="../../desktop/ui/reports/views.py" line="124"/>
        <source>Diterima</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="113"/>
        <location filename="../../desktop/ui/reports/views.py" line="119"/>
        <source>Selesai</source>
        <translation>Finished</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="114"/>
        <source>Ditolak</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="114"/>
        <source>Median
(hari kerja)</source>
        <translation>Median
(working days)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="114"/>
        <source>Tepat
waktu</source>
        <translation>On
time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="115"/>
        <source>Belum ada permohonan layanan pada {period}.</source>
        <translation>No service requests in {period}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="121"/>
        <source>Permohonan terlambat ({n}): belum selesai dan lewat batas waktu layanan.</source>
        <translation>Overdue requests ({n}): not finished and past the service deadline.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="124"/>
        <source>Kode lacak</source>
        <translation>Tracking code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="124"/>
        <source>Pemohon</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="124"/>
        <source>Batas</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="125"/>
        <source>Terlambat (hari kerja)</source>
        <translation>Late (working days)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="125"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reports/views.py" line="128"/>
        <source>Tidak ada permohonan yang terlambat.</source>
        <translation>No request is overdue.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="62"/>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="73"/>
        <source>Bahasa</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="80"/>
        <source>Bahasa tampilan</source>
        <translation>Display language</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="81"/>
        <source>Bahasa langsung berganti: jendela utama dibuka ulang dalam bahasa yang dipilih.</source>
        <translation>The language changes at once: the main window reopens in the chosen language.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="89"/>
        <source>Kantor</source>
        <translation>Office</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="91"/>
        <source>Kode kantor</source>
        <translation>Office code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="92"/>
        <source>Nama kantor</source>
        <translation>Office name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="93"/>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="96"/>
        <source>ID perangkat</source>
        <translation>Device ID</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="97"/>
        <source>Folder data</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="101"/>
        <source>Penomoran surat keluar</source>
        <translation>Outgoing letter numbers</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="104"/>
        <source>Format nomor</source>
        <translation>Number template</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="105"/>
        <source>Kode unit</source>
        <translation>Unit code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="110"/>
        <source>Boleh memakai: {nomor} (wajib), {klasifikasi}, {kode_unit}, {tahun}, {bulan}, {bulan_romawi}.</source>
        <translation>May use: {nomor} (required), {klasifikasi}, {kode_unit}, {tahun}, {bulan}, {bulan_romawi}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="117"/>
        <source>Simpan penomoran</source>
        <translation>Save numbering</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="154"/>
        <source>Cadangan</source>
        <translation>Backup</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="156"/>
        <source>Cadangan otomatis dibuat sekali sehari saat aplikasi dibuka (14 terakhir disimpan di folder data/backups). Simpan juga cadangan ke flashdisk secara berkala.</source>
        <translation>An automatic backup is made once a day when the app opens (the last 14 are kept in data/backups). Also save a backup to a USB stick regularly.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="161"/>
        <source>Buat cadangan sekarang…</source>
        <translation>Back up now…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="163"/>
        <source>Pulihkan dari cadangan…</source>
        <translation>Restore from a backup…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="203"/>
        <source>Contoh: {number}</source>
        <translation>Example: {number}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="209"/>
        <source>Penomoran tersimpan.</source>
        <translation>Numbering saved.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="225"/>
        <source>Simpan cadangan</source>
        <translation>Save backup</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="226"/>
        <location filename="../../desktop/ui/settings_page.py" line="237"/>
        <source>Cadangan Layan (*.sqlite3)</source>
        <translation>Layan backups (*.sqlite3)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="232"/>
        <source>Cadangan tersimpan: {path}</source>
        <translation>Backup saved: {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="233"/>
        <source>Membuat cadangan…</source>
        <translation>Making a backup…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="236"/>
        <source>Pilih berkas cadangan</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="245"/>
        <source>Memeriksa berkas cadangan…</source>
        <translation>Checking the backup file…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="248"/>
        <source>Pulihkan dari cadangan?</source>
        <translation>Restore from the backup?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="249"/>
        <source>Data di komputer ini akan diganti dengan isi cadangan kantor {office}.
Data yang sekarang disimpan dulu sebagai salinan pengaman.
Aplikasi akan ditutup; buka lagi sesudahnya.</source>
        <translation>The data on this PC will be replaced by the backup of office {office}.
The current data is first kept as a safety copy.
The app will close; open it again afterwards.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="253"/>
        <source>Pulihkan dan tutup aplikasi</source>
        <translation>Restore and close the app</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_page.py" line="254"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SignersEditor</name>
    <message>
        <location filename="../../desktop/ui/services/signers_editor.py" line="18"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/signers_editor.py" line="18"/>
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/signers_editor.py" line="18"/>
        <source>Jabatan</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/signers_editor.py" line="18"/>
        <source>a.n. kepala</source>
        <translation>on behalf of the head</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/signers_editor.py" line="22"/>
        <source>Jabatan, mis. &quot;Plh. Kepala Distrik Mimika Baru&quot;, atau &quot;Sekretaris Distrik&quot; dengan a.n. kepala dicentang.</source>
        <translation>Position, e.g. &quot;Plh. Kepala Distrik Mimika Baru&quot;, or &quot;Sekretaris Distrik&quot; with on behalf of the head ticked.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/services/signers_editor.py" line="19"/>
        <source>Tambah penandatangan</source>
        <translation>Add signatory</translation>
    </message>
</context>
<context>
    <name>SyncFormatting</name>
    <message>
        <location filename="../../desktop/ui/sync/formatting.py" line="31"/>
        <source>(kosong)</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/formatting.py" line="33"/>
        <source>ya</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/formatting.py" line="34"/>
        <source>tidak</source>
        <translation>no</translation>
    </message>
</context>
<context>
    <name>SyncModels</name>
    <message>
        <location filename="../../desktop/ui/sync/models.py" line="84"/>
        <location filename="../../desktop/ui/sync/models.py" line="102"/>
        <location filename="../../desktop/ui/sync/models.py" line="114"/>
        <source>Data</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/models.py" line="86"/>
        <location filename="../../desktop/ui/sync/models.py" line="125"/>
        <source>Isian</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/models.py" line="87"/>
        <source>Nilai yang tertimpa</source>
        <translation>Overwritten value</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/models.py" line="88"/>
        <source>Diubah oleh</source>
        <translation>Changed by</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/models.py" line="89"/>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/models.py" line="90"/>
        <source>Nilai yang berlaku</source>
        <translation>Value that applies</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/models.py" line="91"/>
        <source>Oleh</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/models.py" line="101"/>
        <source>Ditolak</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/models.py" line="103"/>
        <source>Isian yang dikirim</source>
        <translation>Data sent</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/models.py" line="104"/>
        <location filename="../../desktop/ui/sync/models.py" line="116"/>
        <source>Alasan</source>
        <translation>Reasons</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/models.py" line="113"/>
        <source>Diterima</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/models.py" line="115"/>
        <source>Kantor asal</source>
        <translation>Office</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/models.py" line="126"/>
        <source>Nilai</source>
        <translation>Value</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="60"/>
        <location filename="../../desktop/ui/sync/page.py" line="92"/>
        <source>Sinkronisasi</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="67"/>
        <source>Pendaftaran PC ini</source>
        <translation>This PC&apos;s enrollment</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="76"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="77"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="78"/>
        <source>Kantor</source>
        <translation>Office</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="79"/>
        <source>ID perangkat</source>
        <translation>Device ID</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="80"/>
        <source>Terdaftar sejak</source>
        <translation>Enrolled since</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="85"/>
        <location filename="../../desktop/ui/sync/page.py" line="192"/>
        <source>&amp;Daftarkan PC ini…</source>
        <translation>&amp;Enroll this PC…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="95"/>
        <source>&amp;Sinkronkan sekarang (F5)</source>
        <translation>&amp;Sync now (F5)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="119"/>
        <source>Terakhir berhasil</source>
        <translation>Last success</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="120"/>
        <source>Percobaan terakhir</source>
        <translation>Last attempt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="121"/>
        <source>Kesalahan terakhir</source>
        <translation>Last error</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="122"/>
        <source>Hasil terakhir</source>
        <translation>Last result</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="123"/>
        <source>Lalu lintas data</source>
        <translation>Data traffic</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="124"/>
        <source>Menunggu dikirim</source>
        <translation>Waiting to be sent</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="127"/>
        <source>Lampiran</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="138"/>
        <location filename="../../desktop/ui/sync/page.py" line="151"/>
        <source>Konflik data</source>
        <translation>Data conflicts</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="139"/>
        <location filename="../../desktop/ui/sync/page.py" line="152"/>
        <source>Ditolak server</source>
        <translation>Refused by the server</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="141"/>
        <location filename="../../desktop/ui/sync/page.py" line="142"/>
        <source>Nomor ganda</source>
        <translation>Numbers used twice</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="144"/>
        <location filename="../../desktop/ui/sync/page.py" line="153"/>
        <source>Ditolak PC ini</source>
        <translation>Refused by this PC</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="146"/>
        <source>Pembaruan aplikasi</source>
        <translation>App updates</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="148"/>
        <location filename="../../desktop/ui/sync/page.py" line="150"/>
        <source>Konfigurasi pusat</source>
        <translation>Central configuration</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="184"/>
        <source>Terdaftar</source>
        <translation>Enrolled</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="185"/>
        <location filename="../../desktop/ui/sync/page.py" line="188"/>
        <source>&amp;Daftarkan ulang…</source>
        <translation>&amp;Enroll again…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="187"/>
        <source>Token perangkat tidak ditemukan: daftarkan ulang PC ini.</source>
        <translation>The device token was not found: enroll this PC again.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="190"/>
        <source>Belum terdaftar: semua data tersimpan aman di komputer ini, tetapi belum dikirim ke server.</source>
        <translation>Not enrolled: all data is kept safely on this computer, but not sent to a server yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="200"/>
        <source>Belum pernah</source>
        <translation>Never</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="202"/>
        <source>Tidak ada</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="204"/>
        <source>{count} perubahan</source>
        <translation>{count} changes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="207"/>
        <source>Sinkronisasi otomatis saat aplikasi dibuka, setiap {minutes} menit, dan sebentar setelah data disimpan.</source>
        <translation>Syncs automatically when the app opens, every {minutes} minutes, and shortly after data is saved.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="211"/>
        <source>{count} menunggu unggah, {size}</source>
        <translation>{count} waiting to upload, {size}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="213"/>
        <source>semua sudah terkirim</source>
        <translation>all sent</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="215"/>
        <source>{count} belum diunduh ke PC ini</source>
        <translation>{count} not yet downloaded to this PC</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="218"/>
        <source>Tidak terkirim: {name} — {reason}</source>
        <translation>Not sent: {name} — {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="227"/>
        <source>{n} terkirim</source>
        <translation>{n} sent</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="228"/>
        <source>{n} diterima</source>
        <translation>{n} received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="229"/>
        <source>{n} ditolak</source>
        <translation>{n} refused</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="230"/>
        <source>{n} konflik</source>
        <translation>{n} conflicts</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="233"/>
        <location filename="../../desktop/ui/sync/page.py" line="293"/>
        <location filename="../../desktop/ui/sync/page.py" line="302"/>
        <source>Gagal: {reason}</source>
        <translation>Failed: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="236"/>
        <source>Dihentikan sebelum selesai.</source>
        <translation>Stopped before it finished.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="238"/>
        <source>{requests} permintaan · terkirim {up} · diterima {down}</source>
        <translation>{requests} requests · sent {up} · received {down}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="251"/>
        <source>Sinkronisasi sedang berjalan…</source>
        <translation>A sync is running…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="276"/>
        <source>Menyinkronkan…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="279"/>
        <source>Menyinkronkan… {sent} terkirim, {received} diterima, {size}</source>
        <translation>Syncing… {sent} sent, {received} received, {size}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="289"/>
        <source>Selesai.</source>
        <translation>Done.</translation>
    </message>
</context>
<context>
    <name>SyncQueries</name>
    <message>
        <location filename="../../desktop/ui/sync/queries.py" line="43"/>
        <source>Seluruh data (dihapus di komputer lain)</source>
        <translation>The whole record (deleted on another computer)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/queries.py" line="58"/>
        <location filename="../../desktop/ui/sync/queries.py" line="153"/>
        <source>Surat Masuk</source>
        <translation>Incoming letter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/queries.py" line="60"/>
        <location filename="../../desktop/ui/sync/queries.py" line="154"/>
        <source>Surat Keluar</source>
        <translation>Outgoing letter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/queries.py" line="75"/>
        <location filename="../../desktop/ui/sync/queries.py" line="103"/>
        <location filename="../../desktop/ui/sync/queries.py" line="217"/>
        <source>(data kesehatan)</source>
        <translation>(health data)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/queries.py" line="117"/>
        <location filename="../../desktop/ui/sync/queries.py" line="226"/>
        <source>(penghapusan)</source>
        <translation>(deletion)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/queries.py" line="118"/>
        <location filename="../../desktop/ui/sync/queries.py" line="236"/>
        <source>(tanpa alasan)</source>
        <translation>(no reason given)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/queries.py" line="156"/>
        <source>Akun pengguna</source>
        <translation>User account</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/queries.py" line="158"/>
        <source>Konfigurasi pusat</source>
        <translation>Central configuration</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/queries.py" line="162"/>
        <source>Jenis data tidak dikenal ({name})</source>
        <translation>Unknown kind of record ({name})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/queries.py" line="175"/>
        <source>Nama pengguna</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/queries.py" line="176"/>
        <source>Nama lengkap</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/queries.py" line="177"/>
        <source>Peran</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/queries.py" line="178"/>
        <source>Aktif</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/queries.py" line="179"/>
        <source>Berlaku untuk</source>
        <translation>Applies to</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/queries.py" line="180"/>
        <source>Pengaturan</source>
        <translation>Setting</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/queries.py" line="181"/>
        <source>Nilai</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/queries.py" line="182"/>
        <source>Versi</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/queries.py" line="210"/>
        <source>(tanpa kantor)</source>
        <translation>(no office)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/queries.py" line="212"/>
        <source>{code} (kantor ini)</source>
        <translation>{code} (this office)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/queries.py" line="216"/>
        <source>Isian</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/queries.py" line="222"/>
        <source>Isian (tidak terbaca)</source>
        <translation>Fields (unreadable)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/queries.py" line="225"/>
        <source>Perubahan</source>
        <translation>Change</translation>
    </message>
</context>
<context>
    <name>SyncScheduler</name>
    <message>
        <location filename="../../desktop/tasks/sync_scheduler.py" line="490"/>
        <source>Sinkronisasi gagal</source>
        <translation>Sync failed</translation>
    </message>
    <message>
        <location filename="../../desktop/tasks/sync_scheduler.py" line="493"/>
        <source>Data tetap aman di komputer ini dan akan dikirim pada sinkronisasi berikutnya.</source>
        <translation>The data stays safe on this computer and will be sent with the next sync.</translation>
    </message>
</context>
<context>
    <name>SyncSettingsBox</name>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="310"/>
        <source>Sinkronisasi</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="317"/>
        <source> menit</source>
        <translation> minutes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="319"/>
        <source>Sinkronisasi otomatis setiap</source>
        <translation>Sync automatically every</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="321"/>
        <source>Simpan jadwal</source>
        <translation>Save schedule</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="323"/>
        <source>Buka halaman Sinkronisasi</source>
        <translation>Open the Sync page</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="329"/>
        <source>Pendaftaran PC, sinkronisasi manual, konflik data, dan data yang ditolak server ada di halaman Sinkronisasi.</source>
        <translation>Enrolling this PC, syncing by hand, data conflicts and data refused by the server are on the Sync page.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/page.py" line="351"/>
        <source>Jadwal tersimpan.</source>
        <translation>Schedule saved.</translation>
    </message>
</context>
<context>
    <name>UnitChooser</name>
    <message>
        <location filename="../../desktop/ui/health/visit_unit.py" line="74"/>
        <source>tidak sesuai umur ({range})</source>
        <translation>does not fit the age ({range})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_unit.py" line="76"/>
        <source>saran: keluhan “{word}”</source>
        <translation>suggested: complaint “{word}”</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_unit.py" line="78"/>
        <source>saran: sesuai umur</source>
        <translation>suggested: by age</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_unit.py" line="80"/>
        <source>saran: unit terakhir Anda</source>
        <translation>suggested: your last unit</translation>
    </message>
</context>
<context>
    <name>UpdateNotice</name>
    <message>
        <location filename="../../desktop/ui/updates_panel.py" line="76"/>
        <source>Versi {version} siap; aktif saat Layan dibuka lagi</source>
        <translation>Version {version} is ready; it starts the next time Layan opens</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/updates_panel.py" line="77"/>
        <source>Layan {version} sudah diunduh dan diperiksa. Pekerjaan tidak terganggu; versi baru dipakai saat Layan ditutup lalu dibuka lagi.</source>
        <translation>Layan {version} is downloaded and verified. Your work is not interrupted; the new version is used once Layan is closed and opened again.</translation>
    </message>
</context>
<context>
    <name>UpdatesPanel</name>
    <message>
        <location filename="../../desktop/ui/updates_panel.py" line="104"/>
        <source>Versi terpasang</source>
        <translation>Installed version</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/updates_panel.py" line="105"/>
        <source>Versi baru</source>
        <translation>New version</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/updates_panel.py" line="106"/>
        <source>Pemeriksaan terakhir</source>
        <translation>Last check</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/updates_panel.py" line="107"/>
        <source>Hasil</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/updates_panel.py" line="109"/>
        <source>Peri&amp;ksa pembaruan</source>
        <translation>Chec&amp;k for updates</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/updates_panel.py" line="117"/>
        <source>Layan memeriksa pembaruan sendiri sesudah sinkronisasi berhasil (paling sering 6 jam sekali), mengunduhnya di latar belakang, dan memakainya saat Layan dibuka lagi.</source>
        <translation>Layan checks for updates by itself after a successful sync (at most every 6 hours), downloads them in the background, and uses them the next time Layan opens.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/updates_panel.py" line="123"/>
        <source>Hanya Admin Kantor yang dapat memeriksa pembaruan dari sini.</source>
        <translation>Only an office admin can check for updates from here.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/updates_panel.py" line="145"/>
        <source>{version} — aktif saat Layan dibuka lagi</source>
        <translation>{version} — starts the next time Layan opens</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/updates_panel.py" line="146"/>
        <source>Tidak ada</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/updates_panel.py" line="147"/>
        <source>Belum pernah</source>
        <translation>Never</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/updates_panel.py" line="154"/>
        <source>Versi {version} sudah diunduh dan diperiksa; aktif saat Layan dibuka lagi.</source>
        <translation>Version {version} is downloaded and verified; it starts the next time Layan opens.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/updates_panel.py" line="157"/>
        <source>Layan {version} sudah versi terbaru.</source>
        <translation>Layan {version} is up to date.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/updates_panel.py" line="159"/>
        <source>Versi {version} tersedia, tetapi hanya dipasang bila Layan dibuka lewat peluncurnya.</source>
        <translation>Version {version} is available, but it is installed only when Layan is started by its launcher.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/updates_panel.py" line="162"/>
        <source>Unduhan dijeda selama sinkronisasi; dilanjutkan sesudahnya.</source>
        <translation>Download paused during the sync; it continues afterwards.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/updates_panel.py" line="163"/>
        <source>Gagal: {reason}</source>
        <translation>Failed: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/updates_panel.py" line="167"/>
        <source>Memeriksa pembaruan…</source>
        <translation>Checking for updates…</translation>
    </message>
</context>
<context>
    <name>UsbSyncBox</name>
    <message>
        <location filename="../../desktop/ui/sync/usb_box.py" line="25"/>
        <source>Lewat USB (tanpa jaringan)</source>
        <translation>By USB stick (no network)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/usb_box.py" line="30"/>
        <source>1. Ekspor ke USB, bawa USB ke IT di Timika. 2. IT mengimpornya ke server; balasannya ditulis ke USB yang sama. 3. Di sini: Impor balasan. Berkasnya ditandatangani: USB yang hilang atau diubah tidak bisa dipakai kantor lain.</source>
        <translation>1. Export to the USB stick and take it to IT in Timika. 2. IT imports it into the server; the reply is written to the same stick. 3. Here: Import the reply. The files are signed: a lost or changed stick cannot be used by another office.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/usb_box.py" line="37"/>
        <source>&amp;Ekspor ke USB…</source>
        <translation>&amp;Export to USB stick…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/usb_box.py" line="40"/>
        <source>&amp;Impor balasan dari USB…</source>
        <translation>&amp;Import reply from USB stick…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/usb_box.py" line="54"/>
        <source>Pilih USB (atau folder) untuk ekspor</source>
        <translation>Choose the USB stick (or a folder) to export to</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/usb_box.py" line="59"/>
        <source>Pilih USB (atau folder) berisi balasan server</source>
        <translation>Choose the USB stick (or folder) with the server&apos;s reply</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/usb_box.py" line="72"/>
        <source>Menulis ke USB…</source>
        <translation>Writing to the stick…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/usb_box.py" line="77"/>
        <source>Membaca balasan…</source>
        <translation>Reading the reply…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/usb_box.py" line="83"/>
        <source>{changes} perubahan ditulis ke {file}. Bawa USB ke IT.</source>
        <translation>{changes} changes written to {file}. Take the stick to IT.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/usb_box.py" line="86"/>
        <source>{n} perubahan lagi ikut ekspor berikutnya.</source>
        <translation>{n} more changes go with the next export.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/usb_box.py" line="94"/>
        <source>{n} lampiran ikut ({size}).</source>
        <translation>{n} attachments go along ({size}).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/usb_box.py" line="97"/>
        <source>Tidak muat di USB ini (ikut ekspor berikutnya): {files}</source>
        <translation>Did not fit on this stick (they go with the next export): {files}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/usb_box.py" line="105"/>
        <source>Tidak ada balasan server untuk PC ini di sana.</source>
        <translation>No server reply for this PC there.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/usb_box.py" line="107"/>
        <source>Balasan diterapkan: {sent} perubahan diterima server ({refused} ditolak), {received} data baru, {blocks} blok nomor.</source>
        <translation>Reply applied: {sent} changes taken by the server ({refused} refused), {received} new records, {blocks} number blocks.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/usb_box.py" line="112"/>
        <source>{file} dilewati: {reason}</source>
        <translation>{file} skipped: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/usb_box.py" line="114"/>
        <source>{n} pengaduan/permohonan yang diteruskan sudah pindah ke kantor tujuannya.</source>
        <translation>{n} forwarded complaints/requests moved to their new office.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/usb_box.py" line="117"/>
        <source>Penerusan ditolak server: {reason}</source>
        <translation>Forward refused by the server: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/usb_box.py" line="119"/>
        <source>{n} pengaduan/permohonan yang diteruskan belum pindah: ekspor lagi dan bawa ke IT.</source>
        <translation>{n} forwarded complaints/requests have not moved yet: export again and take the stick to IT.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/usb_box.py" line="122"/>
        <source>Server menghentikan berkas: {reason}</source>
        <translation>The server stopped a file: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync/usb_box.py" line="124"/>
        <source>Masih ada yang perlu dipertukarkan: ekspor lagi.</source>
        <translation>More to exchange: export again.</translation>
    </message>
</context>
<context>
    <name>UsersBox</name>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="221"/>
        <source>Pengguna</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="228"/>
        <source>Orang yang boleh masuk di kantor ini. Pengguna yang dinonaktifkan tidak dapat masuk di PC mana pun milik kantor ini setelah PC itu sinkron.</source>
        <translation>The people who may log in at this office. A disabled user cannot log in on any of the office&apos;s PCs once that PC has synced.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="234"/>
        <source>Nama pengguna</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="234"/>
        <source>Nama lengkap</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="234"/>
        <source>Peran</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="235"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="235"/>
        <source>Terakhir masuk di PC ini</source>
        <translation>Last login on this PC</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="249"/>
        <source>Tambah pengguna…</source>
        <translation>Add user…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="251"/>
        <source>Atur ulang kata sandi…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="253"/>
        <location filename="../../desktop/ui/users_box.py" line="307"/>
        <location filename="../../desktop/ui/users_box.py" line="343"/>
        <source>Nonaktifkan</source>
        <translation>Disable</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="281"/>
        <source>aktif</source>
        <translation>active</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="281"/>
        <source>nonaktif</source>
        <translation>disabled</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="306"/>
        <source>Aktifkan</source>
        <translation>Enable</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="313"/>
        <source>Pengguna {username} ditambahkan.</source>
        <translation>User {username} added.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="328"/>
        <source>Kata sandi {username} diganti.</source>
        <translation>{username}&apos;s password was changed.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="338"/>
        <source>Nonaktifkan pengguna?</source>
        <translation>Disable user?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="339"/>
        <source>{name} tidak dapat masuk lagi di PC ini, dan di PC lain kantor ini setelah sinkron. Datanya tetap ada; akun dapat diaktifkan kembali.</source>
        <translation>{name} can no longer log in on this PC, nor on the office&apos;s other PCs once they have synced. Their data stays; the account can be enabled again.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="359"/>
        <source>{username} diaktifkan. Kata sandinya tidak tersimpan di PC ini; berikan kata sandi baru.</source>
        <translation>{username} enabled. Their password is not kept on this PC; give them a new one.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="81"/>
        <location filename="../../desktop/ui/users_box.py" line="344"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="47"/>
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="49"/>
        <source>minimal {n} karakter</source>
        <translation>at least {n} characters</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="50"/>
        <source>Ulangi kata sandi</source>
        <translation>Repeat the password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="56"/>
        <source>Kata sandi minimal {n} karakter.</source>
        <translation>The password needs at least {n} characters.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="59"/>
        <source>Kedua kata sandi tidak sama.</source>
        <translation>The two passwords differ.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="80"/>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="106"/>
        <source>Menyimpan…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="353"/>
        <source>{username} diaktifkan.</source>
        <translation>{username} enabled.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/users_box.py" line="353"/>
        <source>{username} dinonaktifkan.</source>
        <translation>{username} disabled.</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="100"/>
        <source>Kunjungan baru</source>
        <translation>New visit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="100"/>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="134"/>
        <source>Kunjungan</source>
        <translation>Visit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="101"/>
        <source>Membuka data pasien…</source>
        <translation>Opening the patient record…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="119"/>
        <source>keluhan, mis. demam 3 hari, menggigil</source>
        <translation>complaint, e.g. fever for 3 days, chills</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="120"/>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="130"/>
        <source>&amp;Unit/Klaster</source>
        <translation>&amp;Unit/cluster</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="173"/>
        <source>&amp;Kasus</source>
        <translation>&amp;Case</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="133"/>
        <source>&amp;Anamnesis</source>
        <translation>Hist&amp;ory</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="141"/>
        <source>Tanda vital</source>
        <translation>Vital signs</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="147"/>
        <source>terapi/tindakan, mis. paracetamol 3x500 mg</source>
        <translation>therapy/procedure, e.g. paracetamol 3x500 mg</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="148"/>
        <source>Dirujuk</source>
        <translation>Referred</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="151"/>
        <source>tujuan rujukan, mis. RSUD Mimika</source>
        <translation>referred to, e.g. RSUD Mimika</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="153"/>
        <source>&amp;Tindakan</source>
        <translation>Tre&amp;atment</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="154"/>
        <source>&amp;Rujukan</source>
        <translation>Re&amp;ferral</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="155"/>
        <source>Tujuan rujukan</source>
        <translation>Referred to</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="156"/>
        <source>Petugas</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="157"/>
        <source>Tindakan dan rujukan</source>
        <translation>Treatment and referral</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="167"/>
        <source>&amp;Diagnosa</source>
        <translation>&amp;Diagnoses</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="174"/>
        <source>Diagnosa (ICD-10)</source>
        <translation>Diagnoses (ICD-10)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="192"/>
        <source>mis. DHP</source>
        <translation>e.g. DHP</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="193"/>
        <source>Diberi primakuin</source>
        <translation>Given primaquine</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="195"/>
        <source>Pemeriksaan &amp;malaria</source>
        <translation>&amp;Malaria test</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="196"/>
        <source>&amp;Hasil</source>
        <translation>&amp;Result</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="197"/>
        <source>S&amp;pesies</source>
        <translation>&amp;Species</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="198"/>
        <source>Pen&amp;gobatan</source>
        <translation>Dru&amp;gs</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="199"/>
        <source>Primakuin</source>
        <translation>Primaquine</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="200"/>
        <source>Tanggal kontrol</source>
        <translation>Follow-up date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="201"/>
        <source>Malaria</source>
        <translation>Malaria</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="282"/>
        <source>Kunjungan {date}</source>
        <translation>Visit of {date}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="294"/>
        <source>Data pasien tidak dapat dibuka.</source>
        <translation>The patient record cannot be opened.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="396"/>
        <source>Otomatis saat disimpan (malaria positif): {label}</source>
        <translation>Added when saved (malaria positive): {label}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="450"/>
        <source>{code} punya subkode: pilih salah satu dari daftar (Enter).</source>
        <translation>{code} has subcategories: choose one from the list (Enter).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="455"/>
        <source>Pilih diagnosa dari daftar saran (Enter), atau kosongkan.</source>
        <translation>Pick a diagnosis from the suggestions (Enter), or clear the field.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="543"/>
        <source>Menyimpan kunjungan…</source>
        <translation>Saving the visit…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="554"/>
        <source>Kunjungan tersimpan: {patient}</source>
        <translation>Visit saved: {patient}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="564"/>
        <source>Buang isian?</source>
        <translation>Discard what was typed?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_dialog.py" line="564"/>
        <source>Kunjungan ini belum disimpan. Tutup tanpa menyimpan?</source>
        <translation>This visit is not saved. Close without saving?</translation>
    </message>
</context>
<context>
    <name>VisitQuestions</name>
    <message>
        <location filename="../../desktop/ui/health/visit_questions.py" line="31"/>
        <source>Periksa sebelum menyimpan</source>
        <translation>Check before saving</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_questions.py" line="32"/>
        <source>{lines}

Simpan kunjungan ini?</source>
        <translation>{lines}

Save this visit?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_questions.py" line="33"/>
        <source>Ya, simpan</source>
        <translation>Yes, save</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_questions.py" line="34"/>
        <source>Tidak, kembali</source>
        <translation>No, go back</translation>
    </message>
</context>
<context>
    <name>VitalSigns</name>
    <message>
        <location filename="../../desktop/ui/health/visit_vitals.py" line="24"/>
        <source>kg</source>
        <translation>kg</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_vitals.py" line="25"/>
        <source>cm</source>
        <translation>cm</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_vitals.py" line="28"/>
        <source>/menit</source>
        <translation>/min</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_vitals.py" line="29"/>
        <source>&amp;Berat</source>
        <translation>&amp;Weight</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_vitals.py" line="30"/>
        <source>Tinggi</source>
        <translation>Height</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_vitals.py" line="31"/>
        <source>&amp;Suhu</source>
        <translation>&amp;Temperature</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_vitals.py" line="32"/>
        <source>T&amp;ensi</source>
        <translation>&amp;Blood pressure</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/visit_vitals.py" line="33"/>
        <source>&amp;Nadi</source>
        <translation>&amp;Pulse</translation>
    </message>
</context>
<context>
    <name>_CaseRow</name>
    <message>
        <location filename="../../desktop/ui/health/case_types.py" line="41"/>
        <source>Otomatis</source>
        <translation>Automatic</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/case_types.py" line="42"/>
        <source>Baru</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/case_types.py" line="43"/>
        <source>Lama</source>
        <translation>Old</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/case_types.py" line="44"/>
        <source>Kasus {code}</source>
        <translation>Case type {code}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/case_types.py" line="47"/>
        <source>alasan diubah, mis. kontrol dari RSUD</source>
        <translation>reason for the change, e.g. follow-up from the hospital</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/case_types.py" line="65"/>
        <source>{code} — Otomatis: baru</source>
        <translation>{code} — Automatic: new</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/case_types.py" line="67"/>
        <source>{code} — Otomatis: lama (penyakit kronis, pertama {date})</source>
        <translation>{code} — Automatic: old (chronic, first {date})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/health/case_types.py" line="70"/>
        <source>{code} — Otomatis: lama (kasus yang sama sejak {date})</source>
        <translation>{code} — Automatic: old (same case since {date})</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../desktop/tasks/errors.py" line="35"/>
        <source>Penyimpanan penuh. Kosongkan ruang disk lalu coba lagi.</source>
        <translation>The disk is full. Free some disk space and try again.</translation>
    </message>
    <message>
        <location filename="../../desktop/tasks/errors.py" line="37"/>
        <source>Tidak ada izin menulis ke folder itu: %1</source>
        <translation>No permission to write to that folder: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/tasks/errors.py" line="43"/>
        <source>Tidak dapat terhubung ke server. Data tetap aman di komputer ini; sinkronisasi dicoba lagi nanti.</source>
        <translation>Cannot reach the server. The data stays safe on this PC; sync will be tried again later.</translation>
    </message>
    <message>
        <location filename="../../desktop/tasks/errors.py" line="59"/>
        <source>Tidak berhasil</source>
        <translation>Did not succeed</translation>
    </message>
</context>
</TS>
