"""The pure rules the centre shares with the office app: QR texts, masked names, payload parsing."""

from __future__ import annotations

import pytest

from sync import certificates, tracking


def test_a_receipt_qr_carries_the_public_address_once_published():
    assert tracking.qr_text("K7QMP3XA", None) == "K7QMP3XA"
    assert tracking.qr_text("K7QMP3XA", "https://layan.mimikakab.go.id/") == "https://layan.mimikakab.go.id/lacak/K7QMP3XA"


def test_a_certificate_qr_round_trips_through_the_address():
    payload = "LAYAN|DST-MB|400.9/0001/DST-MB/2026|0190f0a0-0000-7000-8000-000000000000|0123456789abcdef"
    assert certificates.qr_text(payload, None) == payload
    url = certificates.qr_text(payload, "https://layan.mimikakab.go.id")
    assert url.startswith("https://layan.mimikakab.go.id/verifikasi?k=LAYAN%7C") and "/" not in url.split("?k=")[1]
    assert certificates.parse_payload(url) == certificates.parse_payload(payload)
    assert certificates.parse_payload(payload).number == "400.9/0001/DST-MB/2026"


@pytest.mark.parametrize("text", ["", "LAYAN", "LAYAN|a|b|c", "LAYAN|a|b|c|d|e", "OTHER|a|b|c|d", "LAYAN||b|c|d",
                                  "https://x.example/verifikasi", "https://x.example/?q=LAYAN|a|b|c|d",
                                  "LAYAN|a|b|c|" + "d" * 1000, None])
def test_anything_else_is_not_a_certificate(text):
    assert certificates.parse_payload(text) is None


@pytest.mark.parametrize("name, masked", [("Maria Beanal", "M**** B*****"), ("  yohanes   kogoya ", "y****** k*****"),
                                          ("A", "A"), ("", ""), (None, "")])
def test_names_are_masked_word_by_word(name, masked):
    assert tracking.mask_name(name) == masked


def test_the_public_url_setting_must_be_https():
    from sync import config

    assert config.value_errors("public_url", "https://layan.mimikakab.go.id") == []
    assert config.value_errors("public_url", "https://layan.mimikakab.go.id/pusat/") == []
    for bad in ("http://layan.mimikakab.go.id", "javascript:alert(1)", "https://x.example/<b>", "https://"):
        assert config.value_errors("public_url", bad), bad


@pytest.mark.parametrize("ms, lang, text", [(None, "id", "–"), (40_000, "id", "+40 s"), (-180_000, "id", "−3 mnt"),
                                            (7_500_000, "id", "+2 j 5 mnt"), (-400 * 86_400_000, "en", "−400 d")])
def test_clock_offsets_read_like_a_clerk_would_say_them(ms, lang, text):
    from sync.server.web.it_console import clock_text

    assert clock_text(ms, lang) == text
