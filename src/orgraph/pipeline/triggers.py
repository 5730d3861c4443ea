"""Trigger words found in a sentence, and the records relation reading passes around."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from orgraph.names import fold
from orgraph.pipeline.lexicon import Lexicon, Trigger
from orgraph.pipeline.tokens import Token

INSTRUMENT = re.compile(r"\b(?:[A-Z]{1,2}/RES/\d+/\d+|(?:Resolution|resolution)\s+\d+/\d+)")
DIGITS = re.compile(r"^\d{1,4}$")

Pairs = list[tuple[str, str]]


@dataclass(frozen=True)
class Found:
    """A relation read from one sentence, before dates and evidence are attached."""

    subject: str
    predicate: str
    object: str
    role: str | None
    qualifiers: tuple[tuple[str, str], ...]
    frame: str
    anchor: int  # character offset of the trigger (to find the nearest date)
    hedge: str | None = None
    inherited: bool = False  # an argument came from an earlier sentence


@dataclass(frozen=True)
class FoundCount:
    body: str
    count: int
    anchor: int


@dataclass
class Context:
    """What earlier sentences leave for later ones."""

    actor: str | None = None  # the organization the text was last about (for "sie", "es", "ihre")
    last_actors: list[str] = field(default_factory=list)  # all of them, for "sie zusammen"
    last_named: list[str] = field(
        default_factory=list
    )  # every organization of the last sentence, for "beide"
    objects: list[str] = field(default_factory=list)  # last partners (for "ihnen", "them")
    body: str | None = None  # the last body members joined (for "in die Gruppe aufgenommen")
    focus_body: str | None = None  # the body the text is mostly about
    topic: str | None = None  # the organization the text names most
    recent_body: str | None = None  # the body named last
    types: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class OpenFrame:
    """A list intro ending in ':' whose trigger found its subject but not its objects."""

    trigger: Trigger
    subjects: tuple[str, ...]
    body: str | None
    anchor: int
    # Every role the intro gives the listed members: "Gegründet … von sechs Organisationen, die
    # damit zugleich seine ersten Cosponsoren wurden:" — founding members and cosponsors.
    roles: tuple[str | None, ...] = ()


@dataclass(frozen=True)
class Hit:
    trigger: Trigger
    first: int  # token span of the trigger
    last: int


def find_triggers(tokens: list[Token], lex: Lexicon) -> list[Hit]:
    hits: list[Hit] = []
    folded = [fold(t.text) for t in tokens]
    for i, token in enumerate(tokens):
        for trigger in lex.starting_with(folded[i], token.key):
            if i > 0 and folded[i - 1] in trigger.not_after:
                continue
            if trigger.only_after and not trigger.only_after.intersection(
                folded[max(0, i - 5) : i]
            ):
                continue
            position, ok = i, True
            for word in trigger.words[1:]:
                window = range(position + 1, min(len(tokens), position + 2 + trigger.gap))
                nxt = next((j for j in window if word.matches(folded[j], tokens[j].key)), None)
                if nxt is None:
                    ok = False
                    break
                position = nxt
            if ok:
                hits.append(Hit(trigger, i, position))
    # Longest first; drop hits inside a longer one ("member" inside "founding member").
    hits.sort(key=lambda h: (-(h.last - h.first), h.first))
    kept: list[Hit] = []
    for hit in hits:
        inside = [k for k in kept if k.first <= hit.first and hit.last <= k.last]
        if not any(k.trigger.predicate == hit.trigger.predicate for k in inside):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.first)


def drop_glosses(hits: list[Hit], text: str, tokens: list[Token], base: int) -> list[Hit]:
    """ "ständig Eingeladene (standing invitee)": a translation in parentheses is not a second trigger."""
    kept: list[Hit] = []
    for hit in hits:
        if kept:
            prev = kept[-1]
            gap = text[tokens[prev.last].end - base : tokens[hit.first].start - base]
            same = (prev.trigger.predicate, prev.trigger.role) == (
                hit.trigger.predicate,
                hit.trigger.role,
            )
            if same and gap.strip() == "(":
                continue
        kept.append(hit)
    return kept
