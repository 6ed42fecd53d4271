"""Comparing person names for duplicate detection.

Names at a Mimika puskesmas are written by hand, from memory, in old and new spelling ("Yohanes",
"Johanes"; "Djoko", "Joko"; "Markus", "Marcus"), with titles ("Ny.", "Bpk.", "An.") and in any
order ("Beanal Yance"). A name becomes a set of tokens: folded (no case, no accents), titles
dropped, each with a phonetic key. Two names are similar when every token of the shorter one
matches a different token of the longer one (same key, a close spelling, or an initial), and at
least one matched token is more than an initial.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

# Titles and honorifics dropped before comparing. "by"/"bayi" is kept apart: a baby registered as
# "By. Ny. Maria" is not Maria herself.
TITLES = frozenset({
    "bpk", "bapak", "pak", "ibu", "bu", "sdr", "sdri", "saudara", "saudari", "tn", "tuan", "ny", "nyonya",
    "nn", "nona", "an", "anak", "dr", "drs", "dra", "ir", "hj", "h", "st", "amd", "skm", "skep",
    "ns", "spd", "se", "sh", "mama", "bapa",
})
BABY = frozenset({"by", "bayi"})
_TOKEN = re.compile(r"[a-z]+")
_RULES = (("oe", "u"), ("dj", "j"), ("tj", "c"), ("sj", "sy"), ("ph", "f"), ("th", "t"), ("kh", "k"),
          ("dh", "d"), ("ch", "k"), ("q", "k"), ("x", "ks"), ("z", "s"), ("v", "f"))


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "").casefold()
    return "".join(c for c in text if not unicodedata.combining(c))


def phonetic(token: str) -> str:
    """A spelling-insensitive key: old spelling, j/y, c/k before a/o/u, doubled letters, final h."""
    t = token
    for a, b in _RULES:
        t = t.replace(a, b)
    t = t.replace("j", "y")
    t = re.sub(r"c(?=[aou]|$)", "k", t)
    t = re.sub(r"(.)\1+", r"\1", t)
    if len(t) > 3 and t.endswith("h") and t[-2] in "aeiou":
        t = t[:-1]
    if len(t) > 2 and t.endswith("y"):
        t = t[:-1] + "i"
    return t


def tokens(name: str) -> tuple[list[str], bool]:
    """(name tokens without titles, is-a-baby-registration)."""
    words = _TOKEN.findall(fold(name))
    baby = any(w in BABY for w in words)
    return [w for w in words if w not in TITLES and w not in BABY], baby


def _token_match(a: str, b: str) -> int:
    """2: the same name part; 1: an initial ("m" / "muhammad"); 0: different."""
    if len(a) == 1 or len(b) == 1:
        return 1 if a[0] == b[0] else 0
    pa, pb = phonetic(a), phonetic(b)
    if pa == pb:
        return 2
    if min(len(pa), len(pb)) >= 4 and SequenceMatcher(None, pa, pb).ratio() >= 0.8:
        return 2
    return 0


def similarity(name_a: str, name_b: str) -> float:
    """0..1: the share of the longer name's tokens matched, 0 unless the names are similar (see module doc)."""
    ta, baby_a = tokens(name_a)
    tb, baby_b = tokens(name_b)
    if not ta or not tb or baby_a != baby_b:
        return 0.0
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    free = list(long_)
    matched_full = 0
    for tok in short:
        best, best_j = 0, -1
        for j, other in enumerate(free):
            m = _token_match(tok, other)
            if m > best:
                best, best_j = m, j
        if best == 0:
            return 0.0
        matched_full += best == 2
        free.pop(best_j)
    if matched_full == 0:
        return 0.0
    return len(short) / len(long_)


def is_similar(name_a: str, name_b: str) -> bool:
    return similarity(name_a, name_b) > 0
