"""The relation lexicons (`lexicon/relations.toml`, `lexicon/discourse.toml`), read once."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from orgraph.names import fold, stem


@dataclass(frozen=True)
class WordPattern:
    text: str
    prefix: bool
    exact: bool = False

    def matches(self, folded: str, key: str) -> bool:
        if self.exact:
            return folded == self.text
        return (
            folded.startswith(self.text) if self.prefix else key == self.text or folded == self.text
        )


def word_pattern(raw: str) -> WordPattern:
    """ "mitglied" matches any inflection, "beobachterstatus*" any continuation, "=leiten" only itself."""
    raw = fold(raw)
    if raw.startswith("="):
        return WordPattern(raw[1:], False, exact=True)
    return WordPattern(raw[:-1], True) if raw.endswith("*") else WordPattern(stem(raw), False)


@dataclass(frozen=True)
class Trigger:
    words: tuple[WordPattern, ...]
    gap: int
    frame: str
    predicate: str
    role: str | None
    kind: str | None
    passive: bool
    not_after: frozenset[str] = frozenset()  # words before the trigger that void it ("as part of")


@dataclass(frozen=True)
class Lexicon:
    triggers: tuple[Trigger, ...]
    words: dict[str, frozenset[str]]  # word lists of discourse.toml, folded
    patterns: dict[str, tuple[WordPattern, ...]]  # the same lists as patterns (for * entries)
    number_words: dict[str, int]

    def has(self, name: str, folded: str, key: str = "") -> bool:
        return any(p.matches(folded, key or folded) for p in self.patterns[name])


def _read(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("orgraph.lexicon").joinpath(name).read_text("utf-8"))


@cache
def lexicon() -> Lexicon:
    triggers = tuple(
        Trigger(
            words=tuple(word_pattern(w) for w in entry["words"]),
            gap=int(entry.get("gap", 0)),
            frame=entry["frame"],
            predicate=entry["predicate"],
            role=entry.get("role"),
            kind=entry.get("kind"),
            passive=bool(entry.get("passive", False)),
            not_after=frozenset(fold(w) for w in entry.get("not_after", ())),
        )
        for entry in _read("relations.toml")["trigger"]
    )
    discourse = _read("discourse.toml")
    lists = {k: v for k, v in discourse.items() if isinstance(v, list)}
    return Lexicon(
        triggers=triggers,
        words={k: frozenset(fold(w) for w in v) for k, v in lists.items()},
        patterns={
            k: tuple(
                WordPattern(fold(w)[:-1], True) if w.endswith("*") else WordPattern(fold(w), False)
                for w in v
            )
            for k, v in lists.items()
        },
        number_words={fold(k): int(v) for k, v in discourse["number_words"].items()},
    )
