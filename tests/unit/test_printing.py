"""Printing: real PDFs written headless (Qt offscreen), their text read back with PDFium (tests/tools/pdf.py).

Every certificate must carry the applicant's name, NIK and the letter number as real text with
embedded fonts; receipts the tracking code; letters and the lembar disposisi their data.
"""

from __future__ import annotations

import datetime as dt

import pytest
import segno

from desktop.domain import complaints, letters, services, users
from desktop.printing import documents, settings
from desktop.printing.templates import Renderer, TemplateError, parse
from desktop.store.records import ValidationError
from tests.tools.pdf import extract_text, page_pixels, read_pdf, shared_glyphs
from tests.unit.test_services_samples import (
    CERTIFICATE_MARKERS,
    DETAILS,
    SIGNER,
    TODAY,
    required_documents,
    sample,
)

A4 = (595.3, 841.9)
F4 = (609.4, 935.4)


@pytest.fixture
def office(store, qapp):
    settings.update_print_settings(store, {**SIGNER, "kop_alamat": "Jl. Cenderawasih No. 1, Timika",
                                           "kop_kontak": "Telp. (0901) 321000"})
    return store


def completed(store, code: str, **overrides) -> dict:
    req = services.new_request(store, code, sample(code, **overrides), actor="admin", today=TODAY)
    services.verify(store, req["id"], actor="admin", dokumen=required_documents(code), today=TODAY)
    services.process(store, req["id"], actor="admin", today=TODAY)
    return services.complete(store, req["id"], actor="admin", today=TODAY)


def save(printable, path):
    from desktop.printing import render

    return read_pdf(render.save_pdf(printable, path))


def one_line(text: str) -> str:
    return " ".join(text.split())


def close(box, expected) -> bool:
    return abs(box[0] - expected[0]) < 1 and abs(box[1] - expected[1]) < 1


@pytest.mark.parametrize("code", sorted(DETAILS))
def test_every_certificate_pdf_carries_name_nik_and_number_as_real_text(office, tmp_path, code):
    done = completed(office, code)
    info = save(documents.certificate(office, done["id"]), tmp_path / f"{code}.pdf")
    text = one_line(info.text)
    assert done["nomor_surat"] in text
    assert "MARIA KOGOYA" in text
    assert "9404014101900001" in text
    assert CERTIFICATE_MARKERS[code] in text
    assert SIGNER["ttd_nama"] in text and "NIP. 19700101 200003 1 001" in text  # NIP in its usual groups
    assert "Timika, 27 November 2026" in text
    assert "PEMERINTAH KABUPATEN MIMIKA" in text and "DISTRIK MIMIKA BARU" in text
    assert "YOHANA BEANAL" not in text  # the extraction is not just saying yes
    assert info.pages == 1 and close(info.media_boxes[0], A4)
    assert info.embedded_fonts >= 1 and info.fonts


def test_the_certificate_is_found_by_tracking_code_too_and_follows_the_office_paper(office, tmp_path):
    done = completed(office, "domisili")
    settings.update_print_settings(office, {"kertas": "F4"})
    info = save(documents.certificate(office, done["tracking_code"].lower()), tmp_path / "f4.pdf")
    assert close(info.media_boxes[0], F4)
    info = save(documents.certificate(office, done["id"], paper="A4"), tmp_path / "a4.pdf")
    assert close(info.media_boxes[0], A4)


def test_an_unfinished_request_has_no_certificate(office):
    req = services.new_request(office, "domisili", sample("domisili"), actor="admin", today=TODAY)
    with pytest.raises(services.StoreError):
        documents.certificate(office, req["id"])


def test_the_qr_is_vector_and_carries_the_verification_payload(office, tmp_path):
    from desktop.printing import render

    done = completed(office, "sktm")
    printable = documents.certificate(office, done["id"])
    rendered = render.Rendered(printable)
    payloads = []
    block = rendered.doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.objectType() == render.QR_OBJECT:
                payloads.append(fmt.property(render.QR_DATA))
            it += 1
        block = block.next()
    assert payloads == [services.verification_payload(done)]
    assert services.verify_certificate(office, payloads[0]).valid
    pdf = (render.save_pdf(printable, tmp_path / "c.pdf")).read_bytes()
    assert b"/Subtype /Image" not in pdf  # drawn as squares, not a (JPEG-compressed) picture
    # Whatever the code holds (ff, fi…), it reads back as issued, one glyph per character.
    text = extract_text(pdf)
    assert done["kode_verifikasi"] in text and not shared_glyphs(pdf)


def test_codes_and_names_with_ff_and_fi_print_as_typed(office, tmp_path):
    """A serif face sets "ff"/"fi" as one glyph (U+FB00/U+FB01): the code read back or copied from the
    PDF would be another code. Here the verification code (hex) holds ff, the purpose ff and fi."""
    done = completed(office, "domisili", nama="Taufik Effendi", keperluan="Berkas Taufik Effendi, staf efisiensi")
    with office.transaction() as tx:
        tx.save(services.SERVICE_REQUESTS, {"kode_verifikasi": "00ff1ffa2ffb3ffc"}, record_id=done["id"], actor="t")
    pdf = tmp_path / "ff.pdf"
    info = save(documents.certificate(office, done["id"]), pdf)
    text = one_line(info.text)
    assert "00ff1ffa2ffb3ffc" in text and "TAUFIK EFFENDI" in text and "Berkas Taufik Effendi, staf efisiensi" in text
    assert "\ufb00" not in info.text and "\ufb01" not in info.text
    assert shared_glyphs(pdf) == []  # every character its own glyph: copy-paste gives the same text


def test_the_letterhead_closes_with_a_thick_and_a_thin_rule(office, tmp_path):
    done = completed(office, "domisili")
    pdf = tmp_path / "kop.pdf"
    save(documents.certificate(office, done["id"]), pdf)
    pixels = page_pixels(pdf, dpi=288)  # 4 pixels per point
    left_margin = round(settings.DEFAULT_MARGINS_MM[3] / 25.4 * 288)
    runs = pixels.dark_runs_down(left_margin + 20, 0, pixels.height // 4)  # beside the kop text: the rules first
    (thick_top, thick), (thin_top, thin) = runs[:2]
    gap = thin_top - (thick_top + thick)
    assert thick >= 8 and 2 <= thin <= 5 and 0 < gap <= 16, runs[:3]  # ~2 pt line, a gap under 4 pt, a ~¾ pt line


def test_the_qr_drawing_matches_the_code_module_for_module(qapp):
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter, QTextCharFormat

    from desktop.printing import render

    payload = "LAYAN|DST-MB|400.9/0003/DST-MB/2026|01a21f15-ca1a-7bd1-966b-02612653a090|0123456789abcdef"
    matrix = [list(row) for row in segno.make(payload, error="m").matrix]
    border = render.QR_BORDER_MODULES
    n = len(matrix) + 2 * border
    cell = 6
    image = QImage(n * cell, n * cell, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    fmt = QTextCharFormat()
    fmt.setProperty(render.QR_DATA, payload)
    painter = QPainter(image)
    render._QrObject().drawObject(painter, QRectF(0, 0, n * cell, n * cell), None, 0, fmt)
    painter.end()
    for y in range(n):
        for x in range(n):
            dark = image.pixelColor(x * cell + cell // 2, y * cell + cell // 2).lightness() < 128
            inside = border <= x < n - border and border <= y < n - border
            expected = bool(matrix[y - border][x - border]) if inside else False
            assert dark == expected, (x, y)


def test_the_receipt_shows_tracking_code_name_nik_and_due_date(office, tmp_path):
    with office.transaction() as tx:
        users.create_local_admin(tx, office_id=office.office_id, username="yuliana", password="rahasia12",
                                 full_name="Yuliana Kogoya, A.Md")
    req = services.new_request(office, "sktm", sample("sktm", dokumen=["ktp", "kk"]), actor="yuliana", today=TODAY)
    info = save(documents.receipt(office, req["id"]), tmp_path / "receipt.pdf")
    text = one_line(info.text)
    code = services.tracking.display(req["tracking_code"])
    assert code in text and "MARIA KOGOYA" in text and "9404014101900001" in text
    assert "Perkiraan selesai : 30 November 2026 (1 hari kerja)" in text
    assert "Surat pengantar RT/RW Ya Belum" in text and "Kartu Keluarga (KK) Ya Ada" in text
    assert "Petugas, Yuliana Kogoya, A.Md" in text and "yuliana" not in text  # the officer's name, not the login
    assert b"/Subtype /Image" not in (tmp_path / "receipt.pdf").read_bytes()


def test_the_complaint_receipt_of_an_anonymous_report_names_nobody(office, tmp_path):
    c = complaints.new_complaint(office, {"channel": "telepon", "anonim": True, "pelapor_nama": "Yakobus Magal",
                                          "kategori": "Kesehatan", "uraian": "Puskesmas tutup\nsiang hari"},
                                 actor="admin", today=TODAY)
    text = one_line(save(documents.complaint_receipt(office, c["id"]), tmp_path / "c.pdf").text)
    assert services.tracking.display(c["tracking_code"]) in text
    assert "Pelapor : Anonim" in text and "Yakobus" not in text
    assert "Puskesmas tutup siang hari" in text and "4 Desember 2026" in text


def test_an_outgoing_letter_prints_on_the_letterhead(office, tmp_path):
    change = letters.register_outgoing(office, {"tanggal_surat": "2026-11-27", "tujuan": "Kepala Dinas Sosial",
                                                "perihal": "Permohonan data penerima bantuan", "sifat": "segera",
                                                "klasifikasi": "400.9", "lampiran": 2,
                                                "penandatangan": SIGNER["ttd_nama"]}, actor="admin")
    letter = office.get(letters.LETTERS, change.record_id)
    body = "Dengan hormat,\n\nBersama ini kami mohon data penerima <bantuan> tahun 2026.\n\nAtas perhatiannya kami ucapkan terima kasih."
    info = save(documents.letter(office, letter["id"], isi=body), tmp_path / "letter.pdf")
    text = one_line(info.text)
    assert letter["nomor_surat"] in text and "Kepala Dinas Sosial" in text
    assert "Sifat : Segera" in text and "Lampiran : 2 berkas" in text
    assert "data penerima <bantuan> tahun 2026" in text  # typed text is escaped, not read as HTML
    assert "Timika, 27 November 2026" in text and "NIP. 19700101 200003 1 001" in text
    incoming = letters.register_incoming(office, {"tanggal_terima": "2026-11-27", "asal": "Sekda",
                                                  "perihal": "Undangan", "sifat": "biasa"}, actor="admin")
    with pytest.raises(services.StoreError):
        documents.letter(office, incoming.record_id)


def test_the_disposition_sheet_lists_the_letter_and_its_dispositions(office, tmp_path):
    change = letters.register_incoming(office, {"tanggal_terima": "2026-11-26", "tanggal_surat": "2026-11-20",
                                                "nomor_surat": "100.2/455/SETDA/2026", "asal": "Sekretariat Daerah",
                                                "perihal": "Undangan rapat koordinasi", "sifat": "segera"},
                                       actor="admin")
    letters.add_disposition(office, change.record_id, {"kepada": "Sekretaris Distrik",
                                                       "instruksi": "Untuk dilaksanakan", "batas_waktu": "2026-12-01",
                                                       "catatan": "Hadiri dan laporkan"}, actor="kepala")
    text = one_line(save(documents.disposition_sheet(office, change.record_id), tmp_path / "d.pdf").text)
    assert "LEMBAR DISPOSISI" in text and "Surat dari: Sekretariat Daerah" in text
    assert "Nomor surat: 100.2/455/SETDA/2026" in text and "Nomor agenda: 1" in text
    assert "[X] Segera" in text and "[X] Untuk dilaksanakan" in text and "[ ] Arsip" in text
    assert "- Sekretaris Distrik (batas 1 Desember 2026)" in text and "Hadiri dan laporkan" in text
    assert "Diterima tanggal: 26 November 2026" in text


def test_an_office_can_override_a_template_file(office, tmp_path):
    done = completed(office, "domisili")
    own = office.data_dir / "templates" / "partials"
    own.mkdir(parents=True)
    (own / "kop.html").write_text('<p align="center">KOP KHUSUS {{kop.nama}}</p>', encoding="utf-8")
    text = one_line(save(documents.certificate(office, done["id"]), tmp_path / "own.pdf").text)
    assert "KOP KHUSUS DISTRIK MIMIKA BARU" in text and "PEMERINTAH KABUPATEN MIMIKA" not in text


def test_a_typo_in_a_template_names_the_file_and_line(office, tmp_path):
    done = completed(office, "domisili")
    own = office.data_dir / "templates" / "certificates"
    own.mkdir(parents=True)
    (own / "domisili.html").write_text("{{> kop}}\n<p>{{pemohon.nmaa}}</p>\n", encoding="utf-8")
    with pytest.raises(TemplateError) as err:
        documents.certificate(office, done["id"])
    assert "domisili.html" in err.value.message and "baris 2" in err.value.message
    assert "{{pemohon.nmaa}}" in err.value.message


def test_a_logo_goes_on_the_letterhead(office, tmp_path):
    from PySide6.QtGui import QColor, QImage

    logo = QImage(120, 140, QImage.Format.Format_RGB32)
    logo.fill(QColor("darkgreen"))
    assert logo.save(str(office.data_dir / "logo.png"))
    with pytest.raises(ValidationError):
        settings.update_print_settings(office, {"kop_logo": "tidak-ada.png"})
    settings.update_print_settings(office, {"kop_logo": "logo.png"})
    done = completed(office, "domisili")
    pdf = tmp_path / "logo.pdf"
    save(documents.certificate(office, done["id"]), pdf)
    assert b"/Subtype /Image" in pdf.read_bytes()


def test_print_settings_validate_and_reset(office):
    with pytest.raises(ValidationError) as err:
        settings.update_print_settings(office, {"kertas": "Letter", "ttd_nip": "abc", "warna": "merah"})
    assert {e.field for e in err.value.errors} == {"kertas", "ttd_nip", "warna"}
    settings.update_print_settings(office, {"kertas": "f4", "kop_kota": "Kokonao"})
    assert settings.print_settings(office)["kertas"] == "F4"
    settings.update_print_settings(office, {"kop_kota": ""})
    assert settings.print_settings(office)["kop_kota"] == "Timika"
    assert settings.print_settings(office)["ttd_jabatan"] == "Kepala Distrik Mimika Baru"


# --- the template language -----------------------------------------------------------------------

def test_template_values_are_escaped_sections_repeat_and_filters_apply():
    r = Renderer()
    ctx = {"nama": "<b>Ani & Budi</b>", "daftar": [{"n": "a"}, {"n": "b"}], "kosong": [], "t": "2026-08-17",
           "uang": 1500000, "baris": "satu\ndua", "raw": "<i>x</i>"}
    out = r.render_string("{{nama}}|{{#daftar}}[{{n}}]{{/daftar}}|{{^kosong}}none{{/kosong}}|{{t|tanggal}}|"
                          "{{uang|rupiah}}|{{baris|baris}}|{{{raw}}}|{{nama|upper}}{{! komentar }}", ctx)
    assert out == ("&lt;b&gt;Ani &amp; Budi&lt;/b&gt;|[a][b]|none|17 Agustus 2026|Rp 1.500.000|satu<br/>dua|"
                   "<i>x</i>|&lt;B&gt;ANI &amp; BUDI&lt;/B&gt;")
    assert services.format_tanggal(dt.date(2026, 11, 27)) == "27 November 2026"
    assert services.format_tanggal("2026-01-05", "en") == "5 January 2026"


@pytest.mark.parametrize("text,problem", [
    ("{{#a}}x", "tidak ditutup"), ("{{#a}}x{{/b}}", "tidak cocok"), ("{{a|huruf}}", "filter tidak dikenal"),
    ("{{{a}}", "kurung kurawal"), ("{{a b}}", "penanda tidak valid"),
])
def test_template_syntax_errors_are_reported(text, problem):
    with pytest.raises(TemplateError) as err:
        parse(text, "contoh.html")
    assert problem in err.value.message and "contoh.html" in err.value.message


def test_every_shipped_template_parses_and_the_partials_exist():
    from sync.schema import resources_dir

    root = resources_dir() / "templates"
    files = sorted(root.rglob("*.html"))
    assert len(files) >= 15
    for path in files:
        for node in _walk(parse(path.read_text(encoding="utf-8"), str(path))):
            if node.kind == "partial":
                assert (root / "partials" / f"{node.value}.html").is_file(), (path, node.value)


def _walk(nodes):
    for node in nodes:
        yield node
        yield from _walk(node.children or [])


def test_the_preview_dialog_paints_the_pages(office, qtbot):
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    from desktop.printing import render

    done = completed(office, "sktm")
    dialog = render.preview_dialog(documents.certificate(office, done["id"]))
    qtbot.addWidget(dialog)
    painted = []
    dialog.paintRequested.connect(lambda printer: painted.append(printer.pageLayout().pageSize().id()))
    widget = dialog.findChild(QPrintPreviewWidget)
    widget.updatePreview()
    assert painted and widget.pageCount() == 1
    assert done["nomor_surat"] in dialog.windowTitle()


def test_an_acting_or_on_behalf_signatory_is_printed_as_offices_write_it(office, tmp_path):
    services.set_alternative_signers(office, [
        {"nama": "Agustinus Magai, S.Sos", "nip": "197805152006041010", "jabatan": "Sekretaris Distrik",
         "atas_nama": True},
        {"nama": "Markus Tabuni", "nip": "", "jabatan": "Plh. Kepala Distrik Mimika Baru"},
    ])
    chosen = services.signers(office)
    assert [s.nama for s in chosen] == [SIGNER["ttd_nama"], "Agustinus Magai, S.Sos", "Markus Tabuni"]

    req = services.new_request(office, "domisili", sample("domisili"), actor="admin", today=TODAY)
    services.verify(office, req["id"], actor="admin", dokumen=required_documents("domisili"), today=TODAY)
    services.process(office, req["id"], actor="admin", today=TODAY)
    done = services.complete(office, req["id"], actor="admin", today=TODAY, signer=chosen[1])
    assert done["penandatangan"] == "Agustinus Magai, S.Sos"
    text = one_line(save(documents.certificate(office, done["id"]), tmp_path / "an.pdf").text)
    jabatan = settings.print_settings(office)["ttd_jabatan"]
    # The opening sentence reads naturally; the signature block has the two "a.n." lines.
    assert f"Yang bertanda tangan di bawah ini, Sekretaris Distrik, atas nama {jabatan}" in text
    assert f"a.n. {jabatan} Sekretaris Distrik" in text
    assert "Agustinus Magai, S.Sos NIP. 19780515 200604 1 010" in text
    assert SIGNER["ttd_nama"] not in text


def test_other_signatories_are_checked_row_by_row(office):
    with pytest.raises(ValidationError) as caught:
        services.set_alternative_signers(office, [{"nama": "", "jabatan": "Sekretaris Distrik"},
                                                  {"nama": "Markus", "nip": "12-34", "jabatan": ""},
                                                  {"nama": "", "nip": "", "jabatan": ""}])
    assert "baris 1: nama wajib diisi" in caught.value.message
    assert "baris 2: NIP hanya berisi angka" in caught.value.message
    assert "baris 2: jabatan wajib diisi" in caught.value.message
    assert office.meta(services.META_TTD_LAIN) is None
    services.set_alternative_signers(office, [])
    assert [s.nama for s in services.signers(office)] == [SIGNER["ttd_nama"]]
