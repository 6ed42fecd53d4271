"""ICD-10 codes as data (resources/reference/icd10.tsv) and a type-ahead search for the diagnosis picker.

The list is WHO ICD-10 (2019 version) with English titles, plus two 2010-version dengue codes that
Indonesian reporting still uses (see the file's header for the source and the licence question).
Indonesian everyday words for common diagnoses (resources/reference/icd10_id.json, written for
Layan, not an official translation) are extra search words, so a nakes can type "diare" or "maag".

``search(text, limit=20)`` answers from an in-memory index built once on first use (about 12,000
codes): code prefixes ("b50", "B50.9", "b509") by bisection in the sorted codes, words by an inverted
index where every word typed may be a prefix ("mal fal"). No Qt, no SQL.
"""

from __future__ import annotations

import bisect
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from sync.schema import resources_dir

__all__ = ["Icd10Code", "all_codes", "clear_cache", "get", "is_valid", "normalize_code", "search", "title"]

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
    def __init__(self, codes: list[Icd10Code]):
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

    def by_words(self, text: str, limit: int) -> list[Icd10Code]:
        words = _WORD.findall(fold(text))
        if not words:
            return []
        result: set[int] | None = None
        # Every word may be a prefix ("mal fal"); the rarest first keeps the intersections small.
        sets = [self.word_hits(w, prefix=True) for w in dict.fromkeys(words)]
        for hits in sorted(sets, key=len):
            result = hits if result is None else result & hits
            if not result:
                return []
        assert result is not None
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

        chosen = sorted(result, key=lambda i: (alias_score(i), *self.rank[i][1:], self.keys[i]))
        return [self.codes[i] for i in chosen[:limit]]


@cache
def _index() -> _Index:
    folder = resources_dir() / "reference"
    terms = json.loads((folder / "icd10_id.json").read_text(encoding="utf-8"))["terms"]
    codes = []
    with (folder / "icd10.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            code, chapter, title = line.rstrip("\n").split("\t")
            codes.append(Icd10Code(code, title, chapter, tuple(terms.get(code, ()))))
    return _Index(codes)


def clear_cache() -> None:
    _index.cache_clear()


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


def search(text: str, limit: int = 20) -> list[Icd10Code]:
    """Type-ahead: a code prefix ("b5", "B50.", "b509") or words ("malaria fal", "diare", "maag")."""
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
    return index.by_words(text, limit)
