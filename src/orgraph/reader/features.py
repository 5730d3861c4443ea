"""Candidate pairs and their features: what the learned reader looks at (issue 9).

A candidate is two organization mentions the pipeline found in one sentence, or in one line
of a list, table or infobox, in text order. Its features say what stands between and around
them, how the line is built ("Mitglieder: A, B, C" — the key before a colon, a list item, a
table cell), which trigger words of the relation lexicon occur, and what the rules made of
the pair. Features are strings (weights are learned per string), so the model file stays a
plain table.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from orgraph.names import fold, name_key
from orgraph.pipeline.extract import Extraction
from orgraph.pipeline.lexicon import lexicon
from orgraph.pipeline.mentions import Mention
from orgraph.pipeline.segment import Block, Sentence
from orgraph.pipeline.tokens import token_key

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_GAP = 40  # words between the two mentions; farther pairs are no candidates


@dataclass(frozen=True)
class Candidate:
    sentence: Sentence
    first: Mention  # the earlier mention in the text
    second: Mention
    features: tuple[str, ...]


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


@cache
def _trigger(word: str) -> tuple[str, ...]:
    """The predicates whose trigger starts with this word, by the rules' own lexicon."""
    return tuple(
        sorted({t.predicate for t in lexicon().starting_with(fold(word), token_key(word))})
    )


def _line_key(text: str, start: int) -> str:
    """The key of a 'Key: value' line the position lies in ("mitglieder", "leitung")."""
    line_start = text.rfind("\n", 0, start) + 1
    head, colon, _ = text[line_start:start].partition(":")
    if not colon or len(head) > 40:
        return ""
    return " ".join(name_key(w) for w in _words(head)[-2:])


def _rule_claims(extraction: Extraction) -> dict[tuple[str, str], set[str]]:
    """What the rules claimed for each ordered pair of entities, by predicate."""
    said: dict[tuple[str, str], set[str]] = {}
    for claim in extraction.claims:
        said.setdefault((claim.subject, claim.object), set()).add(claim.predicate)
    return said


def _pair_features(
    text: str,
    sentence: Sentence,
    a: Mention,
    b: Mention,
    ruled: dict[tuple[str, str], set[str]],
) -> tuple[str, ...]:
    between = _words(text[a.end : b.start])
    before = _words(text[max(sentence.start, a.start - 60) : a.start])[-3:]
    after = _words(text[b.end : min(sentence.end, b.end + 60)])[:3]
    features = [
        "bias",
        f"gap={min(len(between), 10)}",
        f"how={a.how}>{b.how}",
        f"block={sentence.block.value}",
        f"key={_line_key(text, a.start)}",
        f"keyb={_line_key(text, b.start)}",
        f"comma_only={all(w in {'und', 'and', 'sowie', 'or', 'oder'} for w in between)}",
        f"newline={chr(10) in text[a.end : b.start]}",
        f"colon={':' in text[a.end : b.start]}",
        f"paren={text[a.end : b.start].strip().startswith('(')}",
    ]
    features += [f"w={name_key(w)}" for w in between[:12]]
    features += [f"b={name_key(w)}" for w in before]
    features += [f"a={name_key(w)}" for w in after]
    if between:
        features += [f"first={name_key(between[0])}", f"last={name_key(between[-1])}"]
    for w in between + before[-2:]:
        features += [f"trigger={predicate}" for predicate in _trigger(w)]
    for predicate in ruled.get((a.entity, b.entity), ()):
        features.append(f"rule>{predicate}")
    for predicate in ruled.get((b.entity, a.entity), ()):
        features.append(f"rule<{predicate}")
    return tuple(features)


def _is_listing(text: str, sentence: Sentence) -> bool:
    """A list item, an infobox or table line ("Mitglieder: A, B", "A | 1949 | Rom")."""
    line = sentence.text
    return (
        sentence.block is Block.ITEM
        or "|" in line
        or bool(_line_key(text, sentence.start + len(line.partition(":")[0]) + 1))
    )


def candidates(text: str, extraction: Extraction) -> Iterator[Candidate]:
    """Every pair of mentions of two different entities within a sentence; and in list, table
    and infobox lines, each mention with the topic: the first organization of the heading
    above (or of the document's title)."""
    ruled = _rule_claims(extraction)
    by_sentence: dict[int, list[Mention]] = {}
    starts = [s.start for s in extraction.sentences]
    for mention in extraction.mentions:
        index = _sentence_of(starts, mention.start)
        if index is not None:
            by_sentence.setdefault(index, []).append(mention)
    title = next(
        (sorted(by_sentence[i], key=lambda m: m.start)[0] for i in sorted(by_sentence)), None
    )
    topic = title
    for index, sentence in enumerate(extraction.sentences):
        ordered = sorted(by_sentence.get(index, []), key=lambda m: m.start)
        listing = _is_listing(text, sentence)
        if sentence.block is Block.HEADING and ordered and not listing:
            topic = ordered[0]  # a heading names what the lines below are about
            continue
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                if a.entity == b.entity or b.start < a.end:
                    continue
                if len(_words(text[a.end : b.start])) > MAX_GAP:
                    break
                yield Candidate(sentence, a, b, _pair_features(text, sentence, a, b, ruled))
        if topic is not None and ordered and listing:
            for m in ordered:
                if m.entity != topic.entity:
                    features = _pair_features(text, sentence, topic, m, ruled)
                    yield Candidate(sentence, topic, m, ("topic", *_topic_only(features)))


def _topic_only(features: tuple[str, ...]) -> tuple[str, ...]:
    """Features of a topic pair: the line's own words, not the text between heading and line."""
    kept = ("bias", "block=", "key=", "keyb=", "a=", "rule", "how=")
    return tuple(f for f in features if f.startswith(kept))


def _sentence_of(starts: list[int], position: int) -> int | None:
    index = bisect.bisect_right(starts, position) - 1
    return index if index >= 0 else None
