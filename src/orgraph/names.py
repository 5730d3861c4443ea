"""Name keys: how a surface form of an organization is normalised for lookup.

German inflects names ("der Internationalen Arbeitsorganisation", "des Hohen
Kommissars"), so both the gazetteer's base forms and the text's forms are
reduced to the same key: case-folded, articles dropped, punctuation folded,
and common inflection endings stripped from each word. Acronyms are compared
case-sensitively with spaces, dots and hyphens removed ("UN DESA" = "UNDESA").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_ARTICLES = frozenset(
    [
        "der",
        "die",
        "das",
        "des",
        "dem",
        "den",
        "ein",
        "eine",
        "einer",
        "eines",
        "einem",
        "einen",
        "the",
        "a",
        "an",
        "le",
        "la",
        "les",
        "l",
        "du",
        "de",
    ]
)
# Longest first. Stripped only from words long enough to keep a stem of ≥ 3 letters.
_ENDINGS = ("ern", "en", "em", "er", "es", "e", "n", "s")
_ACRONYM_NOISE = re.compile(r"[\s.\-‐–/]")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """NFC, case-folded, ß → ss: the form every comparison starts from."""
    return unicodedata.normalize("NFC", text).casefold().replace("ß", "ss")


def _strip_one(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def stem(word: str) -> str:
    """Strip inflection endings from a (folded) word until none is left, so that every
    inflected form meets the same key: "systems" → "system" → "syst" = "system" → "syst"."""
    for _ in range(3):
        shorter = _strip_one(word)
        if shorter == word:
            break
        word = shorter
    return word


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def name_key(text: str) -> str:
    """The lookup key of a name: stems of its words, articles dropped, joined by spaces."""
    tokens = words(text)
    while tokens and tokens[0] in _ARTICLES:
        tokens = tokens[1:]
    return " ".join(stem(token) for token in tokens)


def acronym_key(text: str) -> str:
    """The key of an acronym: spaces, dots and hyphens removed, case kept."""
    return _ACRONYM_NOISE.sub("", unicodedata.normalize("NFC", text))


def looks_like_acronym(text: str) -> bool:
    """Two or more capitals and no lower-case word of three or more letters: UNHCR, UN DESA, UN-Habitat is not."""
    key = acronym_key(text)
    if re.fullmatch(r"[IVXLCDM]+", key):
        return False  # a Roman numeral: "Resolution 2816 (XXVI)"
    capitals = sum(1 for ch in key if ch.isupper())
    return capitals >= 2 and capitals >= len(key) - 1 and not re.search(r"[a-zäöü]{2,}", key)


def slug(text: str) -> str:
    """A stable id fragment: lower-case ASCII letters, digits and hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "entity"
