"""Organization mentions: gazetteer names in any inflected form, and acronyms.

The index maps the first key (or the exact first token of an acronym) to the
name sequences that start with it, so matching is one dictionary lookup per
token and the longest name wins. Weak aliases ("Logistik") count only in a
sentence that also holds one of their context words ("Cluster").
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from orgraph.gazetteer import Gazetteer, load_gazetteer
from orgraph.names import fold
from orgraph.pipeline.lexicon import trie_pattern
from orgraph.pipeline.tokens import ARTICLE_KEY, Token, acronym_tokens, name_keys

# Characters in the gap between two tokens that a name may not span.
_BREAKS = frozenset('()[]{}.;:!?"„“”«»')


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    entity: str
    how: str  # gazetteer | acronym | learned | unit | reference
    first_token: int  # index of the first token in the sentence's token list
    last_token: int


@dataclass
class NameIndex:
    """Name and acronym sequences by first token, built from a gazetteer (plus document learning)."""

    names: dict[str, list[tuple[tuple[str, ...], str]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    acronyms: dict[str, list[tuple[tuple[str, ...], str]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    weak: dict[str, list[tuple[tuple[str, ...], str]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    context: dict[str, frozenset[str]] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)
    parents: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    _cue: re.Pattern[str] | None = None
    successors: dict[str, str] = field(default_factory=dict)  # gazetteer: earlier → later identity

    def add_name(self, name: str, entity: str) -> None:
        keys = name_keys(name)
        if keys and (keys, entity) not in self.names[keys[0]]:
            self.names[keys[0]].append((keys, entity))

    def add_acronym(self, acronym: str, entity: str) -> None:
        tokens = acronym_tokens(acronym)
        if tokens and (tokens, entity) not in self.acronyms[tokens[0]]:
            self.acronyms[tokens[0]].append((tokens, entity))

    def rebind_acronym(self, acronym: str, entity: str) -> None:
        """The document defines an acronym for another body than the gazetteer's ("Welttourismus-
        organisation (WTO)"): from here on it means that one."""
        tokens = acronym_tokens(acronym)
        if tokens:
            kept = [(seq, e) for seq, e in self.acronyms[tokens[0]] if seq != tokens]
            self.acronyms[tokens[0]] = [(tokens, entity), *kept]

    def has_name(self, name: str, entity: str) -> bool:
        keys = name_keys(name)
        return bool(keys) and (keys, entity) in self.names.get(keys[0], ())

    def cue(self) -> re.Pattern[str]:
        """A regex that finds, in lower-cased text, where a name of the index may start: the stem
        of a first word of any name (inflection may follow)."""
        if self._cue is None:
            # Built once from the gazetteer; a document's copy shares it (names learned from the
            # document are found once their sentence is read anyway).
            stems = sorted(
                {k for k in self.names if len(k) >= 3 and not k.startswith("·")},
                key=len,
                reverse=True,
            )
            # Matched against lower-cased text (see extract.Cues); capitals are found apart. A
            # short stem must end its word (with an inflection at most): "min" is no "Minuten".
            long = [s for s in stems if len(s) >= 5]
            short = [s for s in stems if len(s) < 5]
            self._cue = re.compile(
                r"\b(?:"
                + trie_pattern(long)
                + "|"
                + trie_pattern(short)
                + r"(?:ern|en|er|es|e|n|s)?\b)"
            )
        return self._cue

    def copy(self) -> NameIndex:
        """A document-local copy that learning may extend without touching the shared index."""
        return NameIndex(
            defaultdict(list, {k: list(v) for k, v in self.names.items()}),
            defaultdict(list, {k: list(v) for k, v in self.acronyms.items()}),
            self.weak,
            self.context,
            dict(self.types),
            dict(self.parents),
            dict(self.labels),
            self.cue(),
            self.successors,
        )

    def acronym_entity(self, acronym: str) -> str | None:
        tokens = acronym_tokens(acronym)
        for seq, entity in self.acronyms.get(tokens[0], []) if tokens else []:
            if seq == tokens:
                return entity
        if acronym.endswith("s"):
            return self.acronym_entity(acronym[:-1])
        return None


def build_index(gazetteer: Gazetteer) -> NameIndex:
    index = NameIndex()
    for entity in gazetteer.entities:
        index.types[entity.id] = entity.type
        index.labels[entity.id] = entity.label
        if entity.parent:
            index.parents[entity.id] = entity.parent
        for name in entity.names:
            if name.kind == "acronym":
                index.add_acronym(name.text, entity.id)
            else:
                index.add_name(name.text, entity.id)
    for entity_id, words in gazetteer.weak_names.items():
        for word in words:
            keys = name_keys(word)
            if keys:
                index.weak[keys[0]].append((keys, entity_id))
        index.context[entity_id] = frozenset(fold(w) for w in gazetteer.context.get(entity_id, ()))
    index.successors = {s.predecessor: s.successor for s in gazetteer.successions}
    return index


@cache
def default_index() -> NameIndex:
    return build_index(load_gazetteer())


def _gap_ok(text: str, left: Token, right: Token, base: int) -> bool:
    gap = text[left.end - base : right.start - base]
    return not any(ch in _BREAKS for ch in gap)


def _match_at(
    tokens: list[Token], i: int, text: str, base: int, index: NameIndex, weak_ok: set[str]
) -> tuple[int, str, str] | None:
    """The longest (end token index, entity, how) starting at token i."""
    best: tuple[int, str, str] | None = None
    token = tokens[i]
    candidates: list[tuple[tuple[str, ...], str, str, bool]] = []
    candidates += [(seq, e, "gazetteer", False) for seq, e in index.names.get(token.key, ())]
    candidates += [(seq, e, "acronym", True) for seq, e in index.acronyms.get(token.text, ())]
    candidates += [
        (seq, e, "gazetteer", False) for seq, e in index.weak.get(token.key, ()) if e in weak_ok
    ]
    for seq, entity, how, exact in candidates:
        end = i + len(seq)
        if end > len(tokens):
            continue
        window = tokens[i:end]
        values = [t.text for t in window] if exact else [t.key for t in window]
        if exact and values != list(seq):
            # A plural acronym ("UNCTs") is the acronym.
            if not (
                len(seq) == len(values)
                and values[:-1] == list(seq[:-1])
                and values[-1] == seq[-1] + "s"
            ):
                continue
        elif not exact and tuple(values) != seq:
            continue
        if any(not _gap_ok(text, a, b, base) for a, b in pairwise(window)):
            continue
        if best is None or end > best[0]:
            best = (end, entity, how)
    return best


def find_mentions(
    text: str,
    tokens: list[Token],
    base: int,
    index: NameIndex,
    context: frozenset[str] = frozenset(),
) -> list[Mention]:
    """Gazetteer and acronym mentions in one sentence, longest match first, non-overlapping.

    `context` adds words that count as present for weak aliases: the section heading's.
    """
    folded_words = {t.text.casefold() for t in tokens} | context
    weak_ok = {e for e, words in index.context.items() if words & folded_words}
    mentions = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.key == ARTICLE_KEY or (
            token.key not in index.names
            and token.text not in index.acronyms
            and token.key not in index.weak
        ):
            i += 1  # most words start no name
            continue
        found = _match_at(tokens, i, text, base, index, weak_ok)
        if found is None:
            i += 1
            continue
        end, entity, how = found
        start_tok, last_tok = tokens[i], tokens[end - 1]
        mentions.append(
            Mention(
                start_tok.start,
                last_tok.end,
                text[start_tok.start - base : last_tok.end - base],
                entity,
                how,
                i,
                end - 1,
            )
        )
        i = end
    return mentions
