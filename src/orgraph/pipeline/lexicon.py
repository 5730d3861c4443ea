"""The relation lexicons (`lexicon/relations.toml`, `lexicon/discourse.toml`), read once."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from orgraph.names import fold, stem


def trie_pattern(words: Iterable[str]) -> str:
    """A regex matching any of the words, factored as a prefix tree so the engine tries a
    handful of branches per position instead of every word ("ab|ac" → "a(?:b|c)")."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return "(?:" + build(trie) + ")"


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
    # The body a status implies when none is named ("Sonderorganisation").
    default_body: str | None = None
    # One of these must stand just before: "eine Hauptabteilung des …", not "dem Programm der …".
    only_after: frozenset[str] = frozenset()
    opens_list: bool = True  # "…, nämlich:" continues it in the items; "Within the cluster, …:" not
    # Read only when no other trigger is in the sentence: "Gemeinsam mit dem UNEP baut die UNIDO
    # Zentren auf" is cooperation, "leitet gemeinsam mit X den Cluster" is co-leading.
    fallback: bool = False
    # The object stands right after the trigger (after its preposition, if it has one): "hosted
    # WHO", "reports to the Council", "works with UNICEF", "im IASC vertreten" — not any
    # organization later in the clause ("hosted a conference that WHO attended").
    object_next: bool = False
    # Only with its agents ("durch die Generalversammlung eingesetzt"): the active verb is used
    # for teams, camps and offices too.
    needs_agent: bool = False


@dataclass(frozen=True)
class Lexicon:
    triggers: tuple[Trigger, ...]
    words: dict[str, frozenset[str]]  # word lists of discourse.toml, folded
    number_words: dict[str, int]
    # Triggers by their first word, so a token costs a few dictionary lookups, not a scan.
    by_word: dict[str, tuple[Trigger, ...]] = field(default_factory=dict)
    by_prefix: dict[str, tuple[Trigger, ...]] = field(default_factory=dict)
    prefixes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # the * entries of each list
    prefix_heads: frozenset[str] = frozenset()  # first three letters of the prefix triggers
    prefix_lengths: tuple[int, ...] = ()
    # Cheap tests on lower-cased text (see `extract.Cues`): a trigger's first word; a word that
    # points to an organization (a pronoun, "die Gruppe").
    trigger_cue: re.Pattern[str] = re.compile("")
    pointer_cue: re.Pattern[str] = re.compile("")

    def has(self, name: str, folded: str, key: str = "") -> bool:
        """Whether a word is in one of the discourse lists (exact forms, or a listed prefix*)."""
        words = self.words[name]
        if folded in words or (key and key in words):
            return True
        prefixes = self.prefixes.get(name)
        return bool(prefixes) and folded.startswith(prefixes)  # type: ignore[arg-type]

    def starting_with(self, folded: str, key: str) -> list[Trigger]:
        """The triggers whose first word matches this token."""
        if (
            key not in self.by_word
            and folded not in self.by_word
            and folded[:3] not in self.prefix_heads
        ):
            return []
        found = [t for t in self.by_word.get(key, ()) if t.words[0].matches(folded, key)]
        if folded != key:
            found += [t for t in self.by_word.get(folded, ()) if t not in found]
        if folded[:3] in self.prefix_heads:
            for length in self.prefix_lengths:
                if length > len(folded):
                    break
                found += self.by_prefix.get(folded[:length], ())
        return found


def _reference_words() -> list[str]:
    return [str(entry["word"]) for entry in _read("references.toml")["reference"]]


def _read(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("orgraph.lexicon").joinpath(name).read_text("utf-8"))


def _cue(patterns: Iterable[WordPattern]) -> re.Pattern[str]:
    """Where in lower-cased text one of the words may stand: a prefix* with any continuation,
    a stem with its inflection endings, an exact word alone ("er" is not "erwarten")."""
    by_kind: dict[str, set[str]] = {"prefix": set(), "stem": set(), "exact": set()}
    for p in patterns:
        if len(p.text) >= 2:
            by_kind["prefix" if p.prefix else "exact" if p.exact else "stem"].add(p.text)
    tails = {"prefix": "", "stem": r"\w{0,9}\b", "exact": r"\b"}
    branches = [trie_pattern(words) + tails[kind] for kind, words in by_kind.items() if words]
    return re.compile(r"\b(?:" + "|".join(branches) + ")")


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
            default_body=entry.get("default_body"),
            only_after=frozenset(fold(w) for w in entry.get("only_after", ())),
            opens_list=bool(entry.get("opens_list", True)),
            fallback=bool(entry.get("fallback", False)),
            object_next=bool(entry.get("object_next", False)),
            needs_agent=bool(entry.get("needs_agent", False)),
        )
        for entry in _read("relations.toml")["trigger"]
    )
    discourse = _read("discourse.toml")
    lists = {k: v for k, v in discourse.items() if isinstance(v, list)}
    by_word: dict[str, list[Trigger]] = {}
    by_prefix: dict[str, list[Trigger]] = {}
    for trigger in triggers:
        first = trigger.words[0]
        (by_prefix if first.prefix else by_word).setdefault(first.text, []).append(trigger)
    # A trigger alone does not make a sentence worth reading ("Der Fluss trat über die Ufer"):
    # it needs an organization (the name index's cue), or a word that points to one.
    pointers = [*lists["actor_pronouns"], *lists["plural_pronouns"], *_reference_words()]
    # A trigger is cued by its longest word, which every match contains; "in … aufgenommen"
    # by "aufgenommen", not by every word that begins with "in".
    cue_words = [max(t.words, key=lambda w: len(w.text)) for t in triggers]
    trigger_cue = _cue(cue_words)
    pointer_cue = _cue(
        word_pattern(w) if w.endswith("*") else WordPattern(fold(w), False, True) for w in pointers
    )
    return Lexicon(
        trigger_cue=trigger_cue,
        pointer_cue=pointer_cue,
        by_word={k: tuple(v) for k, v in by_word.items()},
        prefixes={k: tuple(fold(w)[:-1] for w in v if w.endswith("*")) for k, v in lists.items()},
        by_prefix={k: tuple(v) for k, v in by_prefix.items()},
        prefix_heads=frozenset(k[:3] for k in by_prefix),
        prefix_lengths=tuple(sorted({len(k) for k in by_prefix})),
        triggers=triggers,
        words={k: frozenset(fold(w) for w in v) for k, v in lists.items()},
        number_words={fold(k): int(v) for k, v in discourse["number_words"].items()},
    )
