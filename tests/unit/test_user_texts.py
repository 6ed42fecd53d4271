"""No text a user reads names a command to type, an issue (a work item) or "this version".

A clerk cannot act on "(atau: layan print config ttd_nama=…)" or "dikerjakan dalam isu tersendiri":
such texts send people to the command line or to our plans. Checked over every source text and
translation in the Qt translations, and over the domain's (Indonesian, English) message pairs, read
from the code with ``ast`` so a new message is checked without being listed here.
"""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# A command ("layan sync", "layan-server config set"), a work item, a version plan.
FORBIDDEN = [
    re.compile(r"\blayan(-server)? [a-z]"),  # the app's name is "Layan", capitalised; the command is lower case
    re.compile(r"\bissues?\b(?! (a|the|it|them|this|certificates?|letters?)\b)", re.I),  # "issue #12", not "issue it"
    re.compile(r"\bisu tersendiri\b", re.I),
    re.compile(r"\bversi ini\b", re.I),
    re.compile(r"\bthis version\b", re.I),
    re.compile(r"(^|\s)--[a-z][a-z-]+"),  # a command-line option
]
# The Laporan placeholder page goes away with the real reports (another part of the work).
NOT_CHECKED_CONTEXTS = {"PlaceholderPage"}
# Where the domain's messages live (the GUI's own texts are all in the translations file).
MESSAGE_CODE = ["desktop", "sync"]


def hits(text: str) -> list[str]:
    return [m.group(0) for pattern in FORBIDDEN if (m := pattern.search(text))]


def translation_texts() -> list[tuple[str, str]]:
    out = []
    for context in ET.parse(ROOT / "resources" / "i18n" / "layan_en.ts").getroot().iter("context"):
        name = context.findtext("name")
        if name in NOT_CHECKED_CONTEXTS:
            continue
        for message in context.iter("message"):
            for tag in ("source", "translation"):
                text = message.findtext(tag) or ""
                out.append((f"{name}: {tag}", text))
    return out


def _text_of(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    return None


def message_pairs() -> list[tuple[str, str]]:
    """Every call with two or more literal texts (StoreError(id, en), FieldError(field, id, en), …) and
    every pair of texts ("Permohonan", "A request"), in the code that speaks to users through the GUI."""
    out = []
    files = []
    for entry in MESSAGE_CODE:
        path = ROOT / entry
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path] if path.exists() else []
    for path in files:
        if "cli" in path.name or "/server/" in path.as_posix() or "desktop/ui/" in path.as_posix():
            continue  # the command line's own help, the central server's operator texts, the GUI (translated)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            parts = node.args if isinstance(node, ast.Call) else node.elts if isinstance(node, ast.Tuple) else []
            texts = [t for t in (_text_of(p) for p in parts) if t is not None]
            if len(texts) >= 2:
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                out += [(where, t) for t in texts]
    return out


def test_the_patterns_catch_what_they_must():
    assert hits("Isi di Pengaturan → Cetak (atau: layan print config ttd_nama=…).")
    assert hits("Modul ini dikerjakan dalam isu tersendiri yang akan menyusul")
    assert hits("Belum tersedia di versi ini.") and hits("Not in this version yet.")
    assert hits("It is planned as a separate issue.") and hits("use --server")
    assert not hits("Layan tidak dapat dibuka") and not hits("Yes, issue it") and not hits("Issue the certificate?")
    assert not hits("Certificate 1 is genuine, issued 27 November 2026.")


def test_no_translated_text_names_a_command_an_issue_or_this_version():
    texts = translation_texts()
    assert len(texts) > 500  # the file was read
    bad = [(where, text) for where, text in texts if hits(text)]
    assert not bad, "\n".join(f"{where}: {text}" for where, text in bad)


def test_no_domain_message_names_a_command_an_issue_or_this_version():
    texts = message_pairs()
    assert any("Nama penandatangan belum diatur" in text for _, text in texts)  # the scan reaches the domain
    bad = [(where, text) for where, text in texts if hits(text)]
    assert not bad, "\n".join(f"{where}: {text}" for where, text in bad)
