"""Reads the text back out of a PDF that Layan (Qt's PDF engine) wrote: for tests and self-checks.

Not a general PDF parser. It handles what QPdfWriter produces: uncompressed cross-reference,
FlateDecode content streams, Type0/Identity-H fonts with a ToUnicode CMap (bfrange/bfchar), and
text shown with Tj/TJ/'/" inside BT…ET. Text drawn as outlines (a font that could not be
embedded) yields nothing — which is exactly what a test of "real, selectable text" must catch.

Lines: glyphs at a different baseline start a new line; a new text object on the same baseline
gets a space before it (table cells, a bold word in a sentence).
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from pathlib import Path

_OBJ = re.compile(rb"(\d+)\s+(\d+)\s+obj\b(.*?)\bendobj", re.S)
_REF = re.compile(rb"(\d+)\s+\d+\s+R")


@dataclass
class PdfInfo:
    text: str
    pages: int
    fonts: list[str]  # BaseFont names
    embedded_fonts: int  # FontFile/FontFile2/FontFile3 streams
    media_boxes: list[tuple[float, float]]  # (width, height) in points, per page


def _objects(data: bytes) -> dict[int, bytes]:
    return {int(m.group(1)): m.group(3) for m in _OBJ.finditer(data)}


def _stream(objects: dict[int, bytes], body: bytes) -> bytes | None:
    start = body.find(b"stream")
    if start < 0:
        return None
    head = body[:start]
    raw = body[start + len(b"stream"):]
    raw = raw[2:] if raw.startswith(b"\r\n") else raw[1:]
    length = None
    m = re.search(rb"/Length\s+(\d+)(\s+\d+\s+R)?", head)
    if m:
        if m.group(2):
            target = objects.get(int(m.group(1)), b"").strip()
            length = int(target) if target.isdigit() else None
        else:
            length = int(m.group(1))
    if length is not None:
        raw = raw[:length]
    else:
        raw = raw[: raw.rfind(b"endstream")].rstrip(b"\r\n")
    if b"/FlateDecode" in head:
        raw = zlib.decompress(raw)
    return raw


def _dict_entry(body: bytes, key: bytes) -> bytes | None:
    m = re.search(rb"/" + key + rb"\s*(\[[^\]]*\]|<<.*?>>|\d+\s+\d+\s+R|/\w+|[\d.]+)", body, re.S)
    return m.group(1) if m else None


def _ref(value: bytes | None) -> int | None:
    m = _REF.match(value or b"")
    return int(m.group(1)) if m else None


def _hex_units(text: bytes) -> list[int]:
    text = re.sub(rb"\s", b"", text)
    return [int(text[i:i + 4], 16) for i in range(0, len(text) - 3, 4)]


def _cmap(data: bytes) -> dict[int, str]:
    out: dict[int, str] = {}

    def uni(hexes: bytes) -> str:
        units = _hex_units(hexes)
        return b"".join(u.to_bytes(2, "big") for u in units).decode("utf-16-be", "replace")

    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(src, 16)] = uni(dst)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, rest in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)", block):
            lo_i, hi_i = int(lo, 16), int(hi, 16)
            if rest.startswith(b"["):
                for i, dst in enumerate(re.findall(rb"<([0-9A-Fa-f]+)>", rest)):
                    out[lo_i + i] = uni(dst)
            else:
                base = _hex_units(rest[1:-1])
                for i in range(hi_i - lo_i + 1):
                    units = base[:-1] + [base[-1] + i]
                    out[lo_i + i] = b"".join(u.to_bytes(2, "big") for u in units).decode("utf-16-be", "replace")
    return out


_TOKEN = re.compile(rb"<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\)|/[^\s/\[\]()<>]+|\[|\]|[-+]?\d*\.?\d+|[A-Za-z'\"*]+",
                    re.S)


def _literal(token: bytes) -> bytes:
    body = token[1:-1]
    return re.sub(rb"\\([nrtbf()\\]|[0-7]{1,3})", lambda m: {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b",
                  b"f": b"\f", b"(": b"(", b")": b")", b"\\": b"\\"}.get(m.group(1), bytes([int(m.group(1), 8) & 255])),
                  body)


def _page_text(content: bytes, fonts: dict[str, dict[int, str]]) -> str:
    out: list[str] = []
    operands: list = []
    cmap: dict[int, str] = {}
    size = 12.0
    x = y = 0.0
    line_y: float | None = None
    new_object = False

    def emit(glyphs: str) -> None:
        nonlocal line_y, new_object
        if not glyphs:
            return
        if line_y is None:
            pass
        elif abs(y - line_y) > size * 0.4:
            out.append("\n")
        elif new_object and out and not out[-1].endswith((" ", "\n")):
            out.append(" ")
        line_y = y
        new_object = False
        out.append(glyphs)

    def decode(token: bytes) -> str:
        if token.startswith(b"<"):
            return "".join(cmap.get(u, "") for u in _hex_units(token[1:-1]))
        return _literal(token).decode("latin-1")

    for token in _TOKEN.findall(content):
        if token[:1] in (b"<", b"(", b"/", b"[", b"]") or re.match(rb"^[-+]?\d*\.?\d+$", token):
            operands.append(token)
            continue
        op = token
        if op == b"BT":
            x = y = 0.0
            new_object = True
        elif op == b"Tf" and len(operands) >= 2:
            cmap = fonts.get(operands[-2].decode("latin-1").lstrip("/"), {})
            size = abs(float(operands[-1])) or size
        elif op == b"Tm" and len(operands) >= 6:
            x, y = float(operands[-2]), float(operands[-1])
        elif op in (b"Td", b"TD") and len(operands) >= 2:
            x += float(operands[-2])
            y += float(operands[-1])
        elif op == b"T*":
            y -= size
        elif op == b"Tj" and operands:
            emit(decode(operands[-1]))
        elif op in (b"'", b'"') and operands:
            y -= size
            emit(decode(operands[-1]))
        elif op == b"TJ":
            emit("".join(decode(t) for t in operands if t[:1] in (b"<", b"(")))
        operands = []
    text = "".join(out).replace("\t", " ").replace("\u00a0", " ")
    return "\n".join(re.sub(r" {2,}", " ", line).strip() for line in text.split("\n"))


def read_pdf(path_or_bytes: Path | str | bytes) -> PdfInfo:
    data = path_or_bytes if isinstance(path_or_bytes, bytes) else Path(path_or_bytes).read_bytes()
    if not data.startswith(b"%PDF-"):
        raise ValueError("not a PDF file")
    objects = _objects(data)
    fonts_by_obj: dict[int, dict[int, str]] = {}
    names: list[str] = []
    embedded = 0
    for num, body in objects.items():
        if re.search(rb"/FontFile[23]?\s+\d+\s+\d+\s+R", body):
            embedded += 1
        if re.search(rb"/Type\s*/Font\b", body) and b"/ToUnicode" in body:
            ref = _ref(_dict_entry(body, b"ToUnicode"))
            stream = _stream(objects, objects.get(ref, b"")) if ref else None
            fonts_by_obj[num] = _cmap(stream or b"")
            base = _dict_entry(body, b"BaseFont")
            if base:
                names.append(base.decode("latin-1").lstrip("/"))
    pages = [(num, body) for num, body in objects.items() if re.search(rb"/Type\s*/Page\b(?!s)", body)]
    order = []
    kids = re.search(rb"/Kids\s*\[(.*?)\]", b"".join(b for _, b in objects.items() if b"/Type /Pages" in b), re.S)
    if kids:
        order = [int(n) for n in re.findall(rb"(\d+)\s+\d+\s+R", kids.group(1))]
    pages.sort(key=lambda p: order.index(p[0]) if p[0] in order else p[0])
    texts, boxes = [], []
    for _num, body in pages:
        box = re.search(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", body)
        if box:
            boxes.append((float(box.group(3)) - float(box.group(1)), float(box.group(4)) - float(box.group(2))))
        res = _dict_entry(body, b"Resources")
        res_body = objects.get(_ref(res), b"") if _ref(res) else (res or b"")
        font_dict = _dict_entry(res_body, b"Font") or b""
        if _ref(font_dict):
            font_dict = objects.get(_ref(font_dict), b"")
        fonts = {name.decode(): fonts_by_obj.get(int(n), {})
                 for name, n in re.findall(rb"/(\w+)\s+(\d+)\s+\d+\s+R", font_dict)}
        contents = _dict_entry(body, b"Contents") or b""
        refs = [int(n) for n in re.findall(rb"(\d+)\s+\d+\s+R", contents)]
        content = b"\n".join(_stream(objects, objects.get(r, b"")) or b"" for r in refs)
        texts.append(_page_text(content, fonts))
    return PdfInfo("\n\f".join(texts), len(pages), names, embedded, boxes)


def extract_text(path_or_bytes: Path | str | bytes) -> str:
    """The PDF's text, pages separated by a form feed."""
    return read_pdf(path_or_bytes).text
