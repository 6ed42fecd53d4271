"""Print templates: HTML files an office can adjust without code, with a small placeholder language.

Templates live in ``resources/templates/`` (shipped with the app). An office overrides any of them
by putting a file with the same relative path in ``<data folder>/templates/`` (for example
``<data folder>/templates/partials/kop.html``); updates of the app never touch that folder.

The language is a small subset of Mustache, enough for letters and certificates:

* ``{{pemohon.nama}}`` — a value, HTML-escaped; ``{{{isi_html}}}`` — a value inserted as is;
* ``{{surat.tanggal|tanggal}}`` — a filter: ``tanggal`` (27 November 2026), ``upper``, ``lower``,
  ``baris`` (line breaks kept), ``rupiah``, ``nip`` (19750812 200003 1 005);
* ``{{#anggota}}…{{/anggota}}`` — repeated for each item of a list (inside, ``{{nama}}`` is the
  item's field and ``{{.}}`` the item itself), or shown once when the value is non-empty;
  ``{{^x}}…{{/x}}`` — shown when ``x`` is empty;
* ``{{> kop}}`` — includes ``partials/kop.html``; ``{{! a comment }}``.

A placeholder that names nothing known is an error that names the file and line (a typo in an
office's template must not silently print a blank). No Qt here.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.services import format_nip, format_tanggal
from desktop.store.db import StoreError
from sync.schema import resources_dir

_TAG = re.compile(r"\{\{(\{)?\s*([#^/>!]?)\s*(.*?)\s*(\})?\}\}", re.S)
_NAME = re.compile(r"^(\.|[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*)$")
MAX_DEPTH = 10


class TemplateError(StoreError):
    """A template that cannot be used: the message names the file, the line and the problem."""


def office_templates_dir(data_dir: Path | str | None) -> Path | None:
    return Path(data_dir) / "templates" if data_dir else None


def find_template(name: str, data_dir: Path | str | None = None) -> Path:
    """The office's copy of template ``name`` if it has one, else the shipped one."""
    parts = Path(name).parts
    if not name or ".." in parts or Path(name).is_absolute():
        raise TemplateError(f"Nama templat tidak valid: {name!r}", f"Invalid template name: {name!r}")
    own = office_templates_dir(data_dir)
    for folder in ([own] if own else []) + [resources_dir() / "templates"]:
        path = folder / name
        if path.is_file():
            return path
    raise TemplateError(f"Templat {name} tidak ditemukan (di {resources_dir() / 'templates'}).",
                        f"Template {name} not found (in {resources_dir() / 'templates'}).")


def read_template(name: str, data_dir: Path | str | None = None) -> tuple[str, Path]:
    path = find_template(name, data_dir)
    try:
        return path.read_text(encoding="utf-8-sig"), path
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"Templat {path} tidak bisa dibaca: {exc}", f"Template {path} cannot be read: {exc}") from exc


# --- filters ------------------------------------------------------------------------------------

def _rupiah(value) -> str:
    try:
        return "Rp " + f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return str(value)


FILTERS = {
    "tanggal": lambda v: format_tanggal(v) if isinstance(v, (str, dt.date)) else ("" if v is None else str(v)),
    "upper": lambda v: ("" if v is None else str(v)).upper(),
    "lower": lambda v: ("" if v is None else str(v)).lower(),
    "rupiah": _rupiah,
    "nip": lambda v: format_nip(None if v is None else str(v)),
    "baris": None,  # handled while escaping: newlines become <br/>
}


# --- parsing ------------------------------------------------------------------------------------

@dataclass
class _Node:
    kind: str  # text | var | raw | section | inverted | partial
    value: str = ""
    filter: str | None = None
    children: list | None = None
    line: int = 0


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def parse(text: str, source: str = "<templat>") -> list[_Node]:
    def bad(pos: int, what_id: str, what_en: str) -> TemplateError:
        line = _line_of(text, pos)
        return TemplateError(f"Templat {source}, baris {line}: {what_id}", f"Template {source}, line {line}: {what_en}")

    root: list[_Node] = []
    stack: list[tuple[_Node | None, list[_Node]]] = [(None, root)]
    pos = 0
    for m in _TAG.finditer(text):
        if m.start() > pos:
            stack[-1][1].append(_Node("text", text[pos:m.start()]))
        pos = m.end()
        triple, sigil, body, closing = m.group(1), m.group(2), m.group(3), m.group(4)
        line = _line_of(text, m.start())
        if sigil == "!":
            continue
        if bool(triple) != bool(closing):
            raise bad(m.start(), f"kurung kurawal tidak seimbang di {m.group(0)!r}", f"unbalanced braces in {m.group(0)!r}")
        name, _, flt = body.partition("|")
        name, flt = name.strip(), flt.strip() or None
        if sigil == ">":
            if not re.match(r"^[\w\-/]+$", name):
                raise bad(m.start(), f"nama bagian tidak valid {name!r}", f"invalid partial name {name!r}")
            stack[-1][1].append(_Node("partial", name, line=line))
            continue
        if not _NAME.match(name):
            raise bad(m.start(), f"penanda tidak valid {m.group(0)!r}", f"invalid placeholder {m.group(0)!r}")
        if flt is not None and (flt not in FILTERS or sigil):
            raise bad(m.start(), f"filter tidak dikenal {flt!r} (tersedia: {', '.join(FILTERS)})",
                      f"unknown filter {flt!r} (available: {', '.join(FILTERS)})")
        if sigil in ("#", "^"):
            node = _Node("section" if sigil == "#" else "inverted", name, children=[], line=line)
            stack[-1][1].append(node)
            stack.append((node, node.children))
        elif sigil == "/":
            opened = stack[-1][0]
            if opened is None or opened.value != name:
                expected = f"{{{{/{opened.value}}}}}" if opened else "tidak ada bagian terbuka"
                raise bad(m.start(), f"{{{{/{name}}}}} tidak cocok (diharapkan {expected})",
                          f"{{{{/{name}}}}} does not match (expected {expected})")
            stack.pop()
        else:
            stack[-1][1].append(_Node("raw" if triple else "var", name, flt, line=line))
    if pos < len(text):
        stack[-1][1].append(_Node("text", text[pos:]))
    if len(stack) > 1:
        node = stack[-1][0]
        raise TemplateError(f"Templat {source}, baris {node.line}: {{{{#{node.value}}}}} tidak ditutup",
                            f"Template {source}, line {node.line}: {{{{#{node.value}}}}} is never closed")
    return root


# --- rendering ----------------------------------------------------------------------------------

_MISSING = object()


def _lookup(stack: list, name: str):
    if name == ".":
        return stack[-1]
    first, *rest = name.split(".")
    for scope in reversed(stack):
        if isinstance(scope, dict) and first in scope:
            value = scope[first]
            break
    else:
        return _MISSING
    for part in rest:
        if isinstance(value, dict) and part in value:
            value = value[part]
        else:
            return _MISSING
    return value


def _text(value) -> str:
    if value is None or value is False:
        return ""
    if isinstance(value, dt.date):
        return format_tanggal(value)
    return str(value)


class Renderer:
    """Renders templates by name, resolving partials and the office's overrides."""

    def __init__(self, data_dir: Path | str | None = None):
        self.data_dir = data_dir
        self._parsed: dict[str, tuple[list[_Node], str]] = {}

    def _load(self, name: str) -> tuple[list[_Node], str]:
        if name not in self._parsed:
            text, path = read_template(name, self.data_dir)
            self._parsed[name] = (parse(text, str(path)), str(path))
        return self._parsed[name]

    def render(self, name: str, context: dict) -> str:
        nodes, source = self._load(name)
        out: list[str] = []
        self._render(nodes, [context], out, source, 0)
        return "".join(out)

    def render_string(self, text: str, context: dict, source: str = "<templat>") -> str:
        out: list[str] = []
        self._render(parse(text, source), [context], out, source, 0)
        return "".join(out)

    def _render(self, nodes: list[_Node], stack: list, out: list[str], source: str, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise TemplateError(f"Templat {source}: bagian bersarang terlalu dalam (lingkaran?).",
                                f"Template {source}: partials nested too deep (a loop?).")
        for node in nodes:
            if node.kind == "text":
                out.append(node.value)
                continue
            if node.kind == "partial":
                sub, sub_source = self._load(f"partials/{node.value}.html")
                self._render(sub, stack, out, sub_source, depth + 1)
                continue
            value = _lookup(stack, node.value)
            if value is _MISSING:
                raise TemplateError(
                    f"Templat {source}, baris {node.line}: penanda {{{{{node.value}}}}} tidak dikenal.",
                    f"Template {source}, line {node.line}: unknown placeholder {{{{{node.value}}}}}.")
            if node.kind == "section":
                if isinstance(value, list):
                    for item in value:
                        self._render(node.children, [*stack, item], out, source, depth)
                elif value:
                    self._render(node.children, [*stack, value] if isinstance(value, dict) else stack, out,
                                 source, depth)
            elif node.kind == "inverted":
                if not value:
                    self._render(node.children, stack, out, source, depth)
            elif node.kind == "raw":
                out.append(_text(value))
            else:
                if node.filter and FILTERS.get(node.filter):
                    value = FILTERS[node.filter](value)
                text = html.escape(_text(value), quote=True)
                if node.filter == "baris":
                    text = text.replace("\r\n", "\n").replace("\n", "<br/>")
                out.append(text)


def paragraphs_html(text: str | None) -> str:
    """Plain text typed by a clerk as HTML paragraphs (blank line = new paragraph), escaped."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n")) if b.strip()]
    return "".join(f'<p class="isi">{html.escape(b).replace(chr(10), "<br/>")}</p>' for b in blocks)
