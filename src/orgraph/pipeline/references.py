"""Units of organizations, and noun phrases that point back to an organization.

A unit is a head noun such as "Beobachterbüro" with an organization in the
genitive and an optional place: "das Ständige Beobachterbüro der IOM in New
York". It becomes an entity of its own, `part_of` its parent. Definite noun
phrases ("die Organisation", "das Büro", "die Feldmissionen") resolve to the
organization the text is about, or to the last unit named with that head;
where the text does not make it clear, nothing is resolved.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from orgraph.names import fold, slug
from orgraph.pipeline.lexicon import lexicon
from orgraph.pipeline.mentions import Mention
from orgraph.pipeline.tokens import ARTICLE_KEY, Token


@cache
def _lexicon() -> dict[str, Any]:
    return tomllib.loads(
        resources.files("orgraph.lexicon").joinpath("references.toml").read_text("utf-8")
    )


_ENGLISH_ATTRIBUTES = frozenset(
    ["new", "same", "former", "latter", "said", "whole", "entire", "task", "working"]
)  # "the task force", "the working group"


def _attributive(word: str) -> bool:
    """A word that may stand between article and noun of a reference: a number, a German
    adjective ("neuen", "eingerichtete"), or a few English ones ("the new office")."""
    if word.isdigit():
        return True
    if not word.islower():
        return False
    return (
        word.endswith(("e", "en", "er", "es", "em")) and not word.endswith("ee")
    ) or word in _ENGLISH_ATTRIBUTES


@dataclass(frozen=True)
class Unit:
    id: str
    label: str
    parent: str
    head: str  # folded head noun, for "das Büro" references


@dataclass
class Discourse:
    """What the document has said so far: mention counts, units, for resolving references."""

    counts: Counter[str] = field(default_factory=Counter)
    units: list[Unit] = field(default_factory=list)
    org_types: dict[str, str] = field(default_factory=dict)
    recent: list[str] = field(default_factory=list)  # entities in order of last mention
    forms: dict[str, set[str]] = field(default_factory=dict)  # folded words of each entity's names
    section: str | None = None  # the one organization the current section's heading names

    def saw(self, entity: str, text: str) -> None:
        if entity in self.recent:
            self.recent.remove(entity)
        self.recent.append(entity)
        self.forms.setdefault(entity, set()).update(fold(text).replace("-", " ").split())

    def head_for(self, word: str) -> str | None:
        """The organization a bare head noun points to ("das Programm", "die Gruppe"): the one the
        text is about when its name has that word, else the most recent one whose name ends in it."""

        def named(entity: str) -> bool:
            return any(w.endswith(word) for w in self.forms.get(entity, ()))

        top = self.counts.most_common(1)
        if top and named(top[0][0]):
            return top[0][0]
        return next((e for e in reversed(self.recent) if named(e)), None)

    def focus(self) -> str | None:
        """The organization the text is about: the most mentioned one that is an actor, not a body."""
        for entity, _ in self.counts.most_common():
            if self.org_types.get(entity, "organization") not in (
                "system",
                "inter_agency_body",
                "principal_organ",
                "country_team",
                "cluster",
            ):
                return entity
        return None

    def recent_body(self, body_types: frozenset[str]) -> str | None:
        for entity in reversed(self.recent):
            if self.org_types.get(entity, "organization") in body_types:
                return entity
        return None

    def focus_body(self, body_types: frozenset[str]) -> str | None:
        """The body the text is mostly about: the most mentioned entity of a body type."""
        for entity, _ in self.counts.most_common():
            if self.org_types.get(entity, "organization") in body_types:
                return entity
        return None

    def unit_for(self, word: str) -> Unit | None:
        for unit in reversed(self.units):
            if unit.head.endswith(word) or word.endswith(unit.head):
                return unit
        return None


@cache
def _unit_heads() -> tuple[str, ...]:
    return tuple(fold(h) for h in _lexicon()["unit_heads"])


@cache
def _reference_entries() -> tuple[tuple[str, bool, dict[str, str]], ...]:
    """(stem, is a prefix, entry) of each reference word, for a quick first test."""
    return tuple(
        (e["word"].rstrip("*"), e["word"].endswith("*"), e) for e in _lexicon()["reference"]
    )


def find_units(
    text: str, tokens: list[Token], base: int, mentions: list[Mention]
) -> tuple[list[Mention], list[Unit]]:
    """Unit phrases: [adjectives] UNIT-HEAD der/des ORG [in Place]."""
    heads = _unit_heads()
    by_first = {m.first_token: m for m in mentions}
    named = {i for m in mentions for i in range(m.first_token, m.last_token + 1)}
    units: list[Unit] = []
    result = list(mentions)
    for i, token in enumerate(tokens[:-2]):
        if not token.text[:1].isupper() or not fold(token.text).endswith(heads):
            continue
        if i in named:
            continue  # "die UN-Generalversammlung": a name already, not a unit phrase
        if tokens[i + 1].key != ARTICLE_KEY and fold(tokens[i + 1].text) != "of":
            continue
        if text[token.end - base : tokens[i + 1].start - base].strip():
            continue  # "…, den die IOM": a comma ends the phrase
        if i > 0 and fold(tokens[i - 1].text) in lexicon().words["indefinite_articles"]:
            continue  # "der HLCP, ein Ausschuss des CEB": describes a body named elsewhere
        parent = by_first.get(i + 2) or (
            by_first.get(i + 3) if tokens[i + 2].key == ARTICLE_KEY else None
        )
        if parent is None:
            continue
        first = i
        while (
            first > 0
            and tokens[first - 1].text[:1].isupper()
            and tokens[first - 1].key != ARTICLE_KEY
            and first - 1 not in {m.last_token for m in result}
        ):
            first -= 1  # adjectives: "Ständiges", "Permanent Observer"
        last = parent.last_token
        place = ""
        if (
            last + 2 < len(tokens)
            and fold(tokens[last + 1].text) == "in"
            and tokens[last + 2].text[:1].isupper()
        ):
            end = last + 2
            if (
                end + 1 < len(tokens)
                and tokens[end + 1].text[:1].isupper()
                and tokens[end + 1].start - tokens[end].end == 1
            ):
                end += 1  # "New York"
            place = " ".join(t.text for t in tokens[last + 2 : end + 1])
            last = end
        head = fold(token.text)
        unit_id = f"{parent.entity}-{slug(token.text)}" + (f"-{slug(place)}" if place else "")
        surface = text[tokens[first].start - base : tokens[last].end - base]
        units.append(Unit(unit_id, surface, parent.entity, head))
        result = [
            m for m in result if not (m.start >= tokens[first].start and m.end <= tokens[last].end)
        ]
        result.append(
            Mention(tokens[first].start, tokens[last].end, surface, unit_id, "unit", first, last)
        )
    result, more = _named_units(text, tokens, base, result, heads)
    result, owned = _possessive_units(text, tokens, base, result, heads)
    result.sort(key=lambda m: m.start)
    return result, units + more + owned


def _possessive_units(
    text: str, tokens: list[Token], base: int, mentions: list[Mention], heads: tuple[str, ...]
) -> tuple[list[Mention], list[Unit]]:
    """ "the Partnership's secretariat", "UNDP's Executive Board": a unit of the organization
    whose possessive stands before it (capitalised words before the head belong to its name)."""
    units: list[Unit] = []
    result = list(mentions)
    taken = {i for m in mentions for i in range(m.first_token, m.last_token + 1)}
    for m in mentions:
        s = m.last_token + 1
        if m.how in ("definition", "unit") or s + 1 >= len(tokens) or tokens[s].text != "s":
            continue
        if text[m.end - base : tokens[s].start - base] not in ("'", "’"):
            continue
        # a name learned for the unit alone ("Executive Board") is the unit's
        learned = next((r for r in result if r.first_token == s + 1 and r.how == "learned"), None)
        last = learned.last_token if learned else s + 1
        while (
            learned is None
            and last + 1 < len(tokens)
            and tokens[last].text[:1].isupper()
            and not fold(tokens[last].text).endswith(heads)
            and last + 1 not in taken
        ):
            last += 1  # "UNDP's Executive Board": modifiers, then the head
        if (last in taken and learned is None) or not fold(tokens[last].text).endswith(heads):
            continue
        if tokens[last].text.islower() and not lexicon().has(
            "possessive_unit_heads", fold(tokens[last].text)
        ):
            continue  # "UNICEF's office in Geneva", "the WHO's assembly": a place or event
        if learned is not None:
            result = [r for r in result if r is not learned]
        words = text[tokens[s + 1].start - base : tokens[last].end - base]
        # named by its own words when they are a name ("Executive Committee"), else with its
        # owner ("the Partnership's secretariat"); the mention keeps the possessive
        surface = text[m.start - base : tokens[last].end - base]
        label = words if words[:1].isupper() else surface
        unit = Unit(f"{m.entity}-{slug(words)}", label, m.entity, fold(tokens[last].text))
        units.append(unit)
        result = [r for r in result if r is not m]
        result.append(
            Mention(m.start, tokens[last].end, unit.label, unit.id, "unit", m.first_token, last)
        )
        taken.update(range(m.first_token, last + 1))
    return result, units


def _named_units(
    text: str, tokens: list[Token], base: int, mentions: list[Mention], heads: tuple[str, ...]
) -> tuple[list[Mention], list[Unit]]:
    """ "the Gavi Board", "UNDP Executive Board": an organization's name before a unit head."""
    units: list[Unit] = []
    result = list(mentions)
    taken = {i for m in mentions for i in range(m.first_token, m.last_token + 1)}
    for m in mentions:
        if m.how in ("definition", "unit", "reference"):
            continue
        last = m.last_token
        for j in range(m.last_token + 1, min(m.last_token + 3, len(tokens))):
            if j in taken or not tokens[j].text[:1].isupper():
                break
            if text[tokens[j - 1].end - base : tokens[j].start - base] != " ":
                break
            if fold(tokens[j].text).endswith(heads):
                last = j
                break
        if last == m.last_token:
            continue
        # "ACC Subcommittee on Water Resources": the unit's attribute belongs to its name.
        while (
            last + 2 < len(tokens)
            and fold(tokens[last + 1].text) in ("on", "for", "of")
            and tokens[last + 2].text[:1].isupper()
            and last + 2 not in taken
        ):
            last += 2
            while (
                last + 1 < len(tokens)
                and tokens[last + 1].text[:1].isupper()
                and last + 1 not in taken
            ):
                last += 1
        words = text[tokens[m.last_token + 1].start - base : tokens[last].end - base]
        unit = Unit(
            f"{m.entity}-{slug(words)}",
            text[m.start - base : tokens[last].end - base],
            m.entity,
            fold(tokens[last].text),
        )
        units.append(unit)
        result = [r for r in result if r is not m]
        result.append(
            Mention(m.start, tokens[last].end, unit.label, unit.id, "unit", m.first_token, last)
        )
    return result, units


def apposition_heads(
    text: str, tokens: list[Token], base: int, mentions: list[Mention]
) -> list[tuple[str, str]]:
    """ "Education Cannot Wait (ECW), der globale Fonds für Bildung, …": the noun an apposition
    gives an organization, so that "der Fonds" later points to it."""
    starts = {m.first_token for m in mentions}
    found = []
    for m in mentions:
        j = m.last_token + 1
        if j < len(tokens) and "(" in text[tokens[j - 1].end - base : tokens[j].start - base]:
            while (
                j < len(tokens)
                and ")" not in text[tokens[j - 1].end - base : tokens[j].start - base]
            ):
                j += 1  # past "(ECW)"
        if j >= len(tokens) or "," not in text[tokens[j - 1].end - base : tokens[j].start - base]:
            continue
        if (
            tokens[j].key != ARTICLE_KEY
            and fold(tokens[j].text) not in lexicon().words["indefinite_articles"]
        ):
            continue
        k = j + 1
        while k < len(tokens) and k - j <= 3 and _attributive(tokens[k].text):
            k += 1
        if k < len(tokens) and tokens[k].text[:1].isupper() and k not in starts:
            found.append((m.entity, fold(tokens[k].text)))
    return found


def resolve_references(
    text: str, tokens: list[Token], base: int, mentions: list[Mention], discourse: Discourse
) -> list[Mention]:
    """Definite noun phrases that point back: "die Organisation" → focus, "das Büro …" → last unit."""
    covered = {i for m in mentions for i in range(m.first_token, m.last_token + 1)}
    result = list(mentions)
    for i, token in enumerate(tokens):
        if i not in covered and fold(token.text) in lexicon().words["latter_words"]:
            # "Letztere wurde 2016 aufgenommen", "the latter": the one named last
            earlier = [m.entity for m in mentions if m.last_token < i] or discourse.recent
            if earlier:
                first = i - 1 if i > 0 and fold(tokens[i - 1].text) == "the" else i
                result.append(
                    Mention(
                        tokens[first].start,
                        token.end,
                        text[tokens[first].start - base : token.end - base],
                        earlier[-1],
                        "reference",
                        first,
                        i,
                    )
                )
            continue
        if i in covered or i == 0:
            continue
        # "die Organisation", "der neuen Einheit", "das 1996 eingerichtete Büro": an article,
        # at most two lower-case words or numbers, then the noun.
        article = next(
            (
                j
                for j in (i - 1, i - 2, i - 3)
                if j >= 0
                and (
                    tokens[j].key == ARTICLE_KEY
                    or fold(tokens[j].text) in lexicon().words["demonstratives"]
                )
            ),
            -1,
        )
        if article < 0 or not all(_attributive(tokens[j].text) for j in range(article + 1, i)):
            continue
        if any(
            lexicon().has("introducing_words", fold(tokens[j].text)) for j in range(article + 1, i)
        ):
            continue
        word = fold(token.text)
        for stem, prefix, entry in _reference_entries():
            if not (word.startswith(stem) if prefix else word == stem):
                continue
            last = i
            target: str | None
            if entry["refers_to"] == "unit":
                unit = discourse.unit_for(word)
                # No unit named yet: "the office" is an organization called an office.
                target = unit.id if unit else discourse.head_for(word)
                # "Das Büro des Ständigen Beobachters": the genitive belongs to the reference.
                if (
                    i + 3 < len(tokens)
                    and tokens[i + 1].key == ARTICLE_KEY
                    and (i + 2) not in covered
                ):
                    j = i + 2
                    while j < len(tokens) and tokens[j].text[:1].isupper() and j not in covered:
                        last = j
                        j += 1
            elif entry["refers_to"] == "head":
                target = discourse.head_for(word)
            elif entry["refers_to"] == "head_or_focus":
                # "die Agentur" for the IAEO, whose German names lack the word.
                target = discourse.head_for(word) or discourse.focus()
            elif entry["refers_to"] == "section":
                # "Der Mechanismus soll …" under the heading "UN-Energy".
                target = discourse.head_for(word) or discourse.section
            else:
                target = discourse.focus()
            if target:
                surface = text[tokens[article].start - base : tokens[last].end - base]
                result.append(
                    Mention(
                        tokens[article].start,
                        tokens[last].end,
                        surface,
                        target,
                        "reference",
                        article,
                        last,
                    )
                )
            break
    result.sort(key=lambda m: m.start)
    return result
