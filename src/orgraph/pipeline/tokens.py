"""Word tokens with offsets and lookup keys: the unit every later stage works on.

A compiled regex finds the words; punctuation is kept in the gaps between
them, because commas, parentheses and quotes matter for enumerations and
acronym definitions while hyphens and slashes only join compound names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from orgraph.names import fold, stem

# An apostrophe joins "d'Ivoire", not the English possessive: "UNDP's" is "UNDP" + "s", so the name
# is found and "UNDP's Executive Board" is a unit of it.
_WORD = re.compile(r"[^\W_]+(?:['’](?!s\b)[^\W_]+)?")
ARTICLES = frozenset(["der", "die", "das", "des", "dem", "den", "the"])
ARTICLE_KEY = "·art"


@dataclass(frozen=True, slots=True)
class Token:
    start: int  # offsets into the document
    end: int
    text: str
    key: str  # folded, inflection-stripped; articles collapse to one key


@lru_cache(maxsize=65536)
def token_key(word: str) -> str:
    folded = fold(word)
    return ARTICLE_KEY if folded in ARTICLES else stem(folded)


def tokenize(text: str, offset: int = 0) -> list[Token]:
    return [
        Token(m.start() + offset, m.end() + offset, m.group(), token_key(m.group()))
        for m in _WORD.finditer(text)
    ]


def name_keys(name: str) -> tuple[str, ...]:
    """The key sequence of a gazetteer name, leading articles dropped."""
    keys = [token_key(m.group()) for m in _WORD.finditer(name)]
    while keys and keys[0] == ARTICLE_KEY:
        keys.pop(0)
    return tuple(keys)


def acronym_tokens(acronym: str) -> tuple[str, ...]:
    return tuple(m.group() for m in _WORD.finditer(acronym))
