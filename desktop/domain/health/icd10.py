"""ICD-10 codes as data (resources/reference/icd10.tsv) and a type-ahead search for the diagnosis picker.

The list is WHO ICD-10 (2019 version) with English titles, plus two 2010-version dengue codes that
Indonesian reporting still uses (see the file's header for the source and the licence question).
Indonesian everyday words for common diagnoses (resources/reference/icd10_id.json, written for
Layan, not an official translation) are extra search words, so a nakes can type "diare" or "maag".

More words, local ones (tersiana, patek, keputihan …) and the puskesmas' common diagnoses are in
resources/reference/icd10_terms.json, which IT can replace by configuration push (key ``icd10_terms``,
checked by ``check_terms``); the words of both files are used. The index is rebuilt when that file changes.

``search(text, limit=20, usage=None)`` answers from an in-memory index built once on first use (about
12,000 codes): code prefixes ("b50", "B50.9", "b509") by bisection in the sorted codes, words by an
inverted index where every word typed may be a prefix ("mal fal") and, when that finds too little, a
part of a word ("ritis"). Among equal matches the office's own most used codes (``usage``, counted from
its visits by the caller) and then the common list come first. A 3-character category that has
subcategories is not a final diagnosis: a word search offers its ".9" (unspecified) subcategory in its
place, or the category marked ``has_children`` when there is none (the picker then shows the children).
No Qt, no SQL.
"""

from __future__ import annotations

import bisect
import json
import re
import time
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from desktop.domain import reference
from sync.schema import resources_dir

__all__ = ["Icd10Code", "all_codes", "check_terms", "children", "clear_cache", "common_codes", "get", "has_children",
           "is_valid", "normalize_code", "search", "title"]

_CODE_INPUT = re.compile(r"^[A-Za-z]\d{0,2}(\.?[0-9A-Za-z]{0,2})$")
_WORD = re.compile(r"[0-9a-z]+")


@dataclass(frozen=True)
class Icd10Code:
    code: str  # "B50.9"
    title: str  # English (WHO)
    chapter: str  # Roman numeral, "I"
    terms_id: tuple[str, ...] = ()  # Indonesian everyday words (Layan's, not official)

    @property
    def is_category(self) -> bool:
        """A 3-character category (B50) rather than a subcategory (B50.9)."""
        return "." not in self.code

    @property
    def category(self) -> str:
        return self.code[:3]

    def label(self, lang: str = "id") -> str:
        """"B50.9 Plasmodium falciparum malaria, unspecified (malaria falsiparum)" for a picker row."""
        if lang == "id" and self.terms_id:
            return f"{self.code} {self.title} ({self.terms_id[0]})"
        return f"{self.code} {self.title}"


def fold(text: str) -> str:
    """Lower case without accents: "Ménière" → "meniere"."""
    text = unicodedata.normalize("NFKD", text).casefold()
    return "".join(c for c in text if not unicodedata.combining(c))


def normalize_code(text: str) -> str | None:
    """ "b509", "B50.9", " b50.9 " → "B50.9"; None when it cannot be a code."""
    raw = (text or "").strip().upper().replace(" ", "")
    if not re.fullmatch(r"[A-Z]\d{2}(\.?[0-9A-Z]{1,2})?", raw):
        return None
    raw = raw.replace(".", "")
    return raw[:3] + ("." + raw[3:] if len(raw) > 3 else "")


class _Index:
    def __init__(self, codes: list[Icd10Code], common: tuple[str, ...] = ()):
        self.common = {code: len(common) - i for i, code in enumerate(common)}  # earlier = higher
        self.parents = {c.code[:3] for c in codes if not c.is_category}
        self.codes = codes
        self.by_code = {c.code: c for c in codes}
        self.keys = [c.code.replace(".", "") for c in codes]  # sorted like the file: A00, A000, A001 …
        order = sorted(range(len(codes)), key=lambda i: self.keys[i])
        self.codes = [codes[i] for i in order]
        self.keys = [self.keys[i] for i in order]
        postings: dict[str, set[int]] = {}
        alias_postings: dict[str, set[int]] = {}  # exact words of the Indonesian terms
        for i, c in enumerate(self.codes):
            for word in _WORD.findall(fold(c.title)):
                postings.setdefault(word, set()).add(i)
            for term in c.terms_id:
                for word in _WORD.findall(fold(term)):
                    postings.setdefault(word, set()).add(i)
                    alias_postings.setdefault(word, set()).add(i)
        self.postings = postings
        self.alias_postings = alias_postings
        self.vocab = sorted(postings)
        # Rank among equals: categories before subcategories, then shorter titles.
        self.rank = [(0, 0 if c.is_category else 1, len(c.title)) for c in self.codes]

    def by_prefix(self, key: str, limit: int) -> list[Icd10Code]:
        start = bisect.bisect_left(self.keys, key)
        out = []
        for i in range(start, len(self.keys)):
            if not self.keys[i].startswith(key) or len(out) >= limit:
                break
            out.append(self.codes[i])
        return out

    def word_hits(self, word: str, prefix: bool) -> set[int]:
        if not prefix:
            return set(self.postings.get(word, ()))
        start = bisect.bisect_left(self.vocab, word)
        hits: set[int] = set()
        for j in range(start, len(self.vocab)):
            term = self.vocab[j]
            if not term.startswith(word):
                break
            hits |= self.postings[term]
        return hits

    def inner_hits(self, word: str) -> set[int]:
        """Codes with a word containing ``word`` anywhere ("ritis" in "dermatitis"); 3+ letters only."""
        if len(word) < 3:
            return set()
        hits: set[int] = set()
        for term in self.vocab:
            if word in term:
                hits |= self.postings[term]
        return hits

    def _intersect(self, sets: list[set[int]]) -> set[int]:
        result: set[int] | None = None
        for hits in sorted(sets, key=len):  # the rarest first keeps the intersections small
            result = hits if result is None else result & hits
            if not result:
                return set()
        return result or set()

    def by_words(self, text: str, limit: int, usage: dict[str, int] | None = None) -> list[Icd10Code]:
        words = _WORD.findall(fold(text))
        if not words:
            return []
        unique = list(dict.fromkeys(words))
        # Every word may be a prefix ("mal fal"); with too few hits, a part of a word as well.
        result = self._intersect([self.word_hits(w, prefix=True) for w in unique])
        inner: set[int] = set()
        if len(result) < limit and any(len(w) >= 4 for w in unique):
            inner = self._intersect([self.word_hits(w, prefix=True) | self.inner_hits(w) for w in unique]) - result
            result = result | inner
        if not result:
            return []
        usage = usage or {}
        query = " ".join(words)
        alias_hits = set().union(*(self.alias_postings.get(w, set()) for w in words))

        def alias_score(i: int) -> int:
            # 0: an Indonesian term is exactly what was typed ("hipertensi"); 1: a term starts with it
            # ("tb paru" → "TB paru klinis"); 2: a typed word is in a term; 3: English title only.
            if i not in alias_hits:
                return 3
            terms = [" ".join(_WORD.findall(fold(t))) for t in self.codes[i].terms_id]
            if query in terms:
                return 0
            return 1 if any(t.startswith(query) for t in terms) else 2

        def weight(i: int) -> float:
            code = self.codes[i].code
            return usage.get(code, 0) + self.common.get(code, 0) / 1000  # own counts first, then the common list

        chosen = sorted(result, key=lambda i: (i in inner, alias_score(i), -weight(i), *self.rank[i][1:],
                                               self.keys[i]))
        found = {self.codes[i].code for i in chosen}
        out: list[Icd10Code] = []
        for i in chosen:
            entry = self.codes[i]
            if entry.code in self.parents:  # not a final diagnosis: its unspecified subcategory instead
                entry = self.by_code.get(entry.code + ".9", entry)
                if entry.is_category and any(c.startswith(entry.code + ".") for c in found):
                    continue  # a subcategory is offered already
            if entry not in out:
                out.append(entry)
            if len(out) >= limit:
                break
        return out


def _stamp(path: Path) -> tuple[str, int]:
    try:
        return str(path), path.stat().st_mtime_ns
    except OSError:
        return str(path), 0


_checked: list = [0.0, None]  # when the word files were last looked at, and their stamps


def _index() -> _Index:
    # Keyed on the word files' paths and times (looked at once a second at most): a configuration push
    # replaces icd10_terms.json, and the next search uses the new words.
    now = time.monotonic()
    if _checked[1] is None or now - _checked[0] > 1.0:
        _checked[:] = [now, (_stamp(reference.reference_path("icd10_id")),
                             _stamp(reference.reference_path("icd10_terms")))]
    return _build(*_checked[1])


@cache
def _codes() -> tuple[tuple[str, str, str], ...]:
    rows = []
    with (resources_dir() / "reference" / "icd10.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            code, chapter, title = line.rstrip("\n").split("\t")
            rows.append((code, chapter, title))
    return tuple(rows)


@cache
def _build(base: tuple[str, int], extra: tuple[str, int]) -> _Index:
    terms: dict[str, list[str]] = {}
    common: tuple[str, ...] = ()
    for path, _mtime in (base, extra):
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # a missing extra file: the base words only
        for code, words in (data.get("terms") or {}).items():
            known = terms.setdefault(code, [])
            known += [w for w in words if w not in known]
        common = tuple(data.get("common") or common)
    codes = [Icd10Code(code, title, chapter, tuple(terms.get(code, ()))) for code, chapter, title in _codes()]
    return _Index(codes, common)


def clear_cache() -> None:
    _checked[:] = [0.0, None]
    _build.cache_clear()
    _codes.cache_clear()


def check_terms(value: object) -> list[tuple[str, str]]:
    """Problems with an icd10_terms file (configuration push): the shape, and codes that do not exist."""
    if not isinstance(value, dict) or not isinstance(value.get("terms", {}), dict) \
            or not isinstance(value.get("common", []), list):
        return [("Berkas kata ICD-10 harus berisi 'terms' (kode: [kata]) dan 'common' (daftar kode).",
                 "The ICD-10 words file must hold 'terms' (code: [words]) and 'common' (a list of codes).")]
    index = _index()
    problems = []
    for code, words in value.get("terms", {}).items():
        if code not in index.by_code:
            problems.append((f"Kode ICD-10 tidak dikenal: {code[:20]}.", f"Unknown ICD-10 code: {code[:20]}."))
        elif not isinstance(words, list) or not all(isinstance(w, str) and 0 < len(w) <= 100 for w in words):
            problems.append((f"Kata untuk {code}: daftar teks (1–100 huruf).", f"Words for {code}: a list of texts (1–100 characters)."))
    for code in value.get("common", []):
        if not isinstance(code, str) or code not in index.by_code:
            problems.append((f"Kode ICD-10 tidak dikenal: {str(code)[:20]}.", f"Unknown ICD-10 code: {str(code)[:20]}."))
    return problems[:10]


def common_codes() -> list[str]:
    """The built-in common diagnoses, most common first."""
    index = _index()
    return sorted(index.common, key=lambda c: -index.common[c])


def has_children(code: str) -> bool:
    """True for a 3-character category with subcategories (J06): not a final diagnosis."""
    entry = get(code)
    return entry is not None and entry.code in _index().parents


def children(code: str) -> list[Icd10Code]:
    entry = get(code)
    if entry is None or not entry.is_category:
        return []
    return [c for c in _index().by_prefix(entry.code, 100) if not c.is_category]


def all_codes() -> list[Icd10Code]:
    return list(_index().codes)


def get(code: str) -> Icd10Code | None:
    """The entry for ``code`` (any spelling normalize_code accepts), or None."""
    key = normalize_code(code)
    return _index().by_code.get(key) if key else None


def is_valid(code: str) -> bool:
    return get(code) is not None


def title(code: str) -> str:
    entry = get(code)
    return entry.title if entry else ""


def search(text: str, limit: int = 20, usage: dict[str, int] | None = None) -> list[Icd10Code]:
    """Type-ahead: a code prefix ("b5", "B50.", "b509") or words ("malaria fal", "diare", "maag").
    ``usage``: this office's counts per code (most used first among equal matches)."""
    text = text or ""
    stripped = text.strip()
    if not stripped:
        return []
    index = _index()
    compact = stripped.upper().replace(" ", "")
    if _CODE_INPUT.match(compact):
        exact = index.by_code.get(normalize_code(compact) or "")
        hits = index.by_prefix(compact.replace(".", ""), limit)
        if exact is not None and (not hits or hits[0] is not exact):
            hits = [exact] + [h for h in hits if h is not exact][: limit - 1]
        if hits:
            return hits
    return index.by_words(text, limit, usage)
