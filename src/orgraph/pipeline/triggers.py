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
    section: str | None = None  # the one organization the current section's heading names
    pair: list[str] = field(default_factory=list)  # the two last named together, for "beide"
    recent_body: str | None = None  # the body named last
    types: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # the gazetteer's or learned name


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
    at: tuple[int, ...] = ()  # the tokens its words matched


def _bracketed(tokens: list[Token], text: str, base: int) -> list[bool]:
    """Which tokens stand inside parentheses: "(Department of Political Affairs, DPA)"."""
    flags, depth, at = [], 0, 0
    for token in tokens:
        gap = text[at : token.start - base]
        depth = max(0, depth + gap.count("(") - gap.count(")"))
        flags.append(depth > 0)
        at = token.end - base
    return flags


def find_triggers(tokens: list[Token], lex: Lexicon, text: str = "", base: int = 0) -> list[Hit]:
    """The triggers of a sentence. A gap between a trigger's words does not count what stands in
    parentheses: "ging die DPA in der Hauptabteilung … (Department of …, DPPA) auf"."""
    hits: list[Hit] = []
    folded = [fold(t.text) for t in tokens]
    bracketed = _bracketed(tokens, text, base) if text else [False] * len(tokens)
    for i, token in enumerate(tokens):
        for trigger in lex.starting_with(folded[i], token.key):
            if i > 0 and folded[i - 1] in trigger.not_after:
                continue
            if trigger.only_after and not trigger.only_after.intersection(
                folded[max(0, i - 5) : i]
            ):
                continue
            position, ok, at = i, True, [i]
            for n, word in enumerate(trigger.words[1:], start=2):
                window = _window(position, trigger.gap, bracketed)
                nxt = next((j for j in window if word.matches(folded[j], tokens[j].key)), None)
                if nxt is None and text and trigger.gap >= 8 and n == len(trigger.words):
                    # A separable particle closes its clause however long the bracket is:
                    # "ging die DPA in der neu gebildeten Hauptabteilung … auf."
                    far = _window(position, _LONG_BRACKET, bracketed)
                    nxt = next(
                        (
                            j
                            for j in far
                            if word.matches(folded[j], tokens[j].key)
                            and _closes_clause(tokens, j, text, base)
                        ),
                        None,
                    )
                if nxt is None:
                    ok = False
                    break
                position = nxt
                at.append(nxt)
            if ok:
                hits.append(Hit(trigger, i, position, tuple(at)))
    # Longest first; drop hits made of a longer one's words ("member" inside "founding member"),
    # not those that stand between a verb and its particle ("kamen als ständige Eingeladene …
    # hinzu"): both are read.
    hits.sort(key=lambda h: (-(h.last - h.first), h.first))
    kept: list[Hit] = []
    for hit in hits:
        inside = [k for k in kept if set(hit.at) <= set(k.at)]
        if not any(k.trigger.predicate == hit.trigger.predicate for k in inside):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.first)


_LONG_BRACKET = 25


def _closes_clause(tokens: list[Token], j: int, text: str, base: int) -> bool:
    after = text[tokens[j].end - base : tokens[j + 1].start - base] if j + 1 < len(tokens) else "."
    return any(ch in after for ch in ".,;:!?")


def _window(position: int, gap: int, bracketed: list[bool]) -> list[int]:
    """The next `gap` + 1 token positions after `position`, not counting bracketed ones."""
    window: list[int] = []
    j, counted = position + 1, 0
    while j < len(bracketed) and counted <= gap:
        if not bracketed[j]:
            window.append(j)
            counted += 1
        j += 1
    return window


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
