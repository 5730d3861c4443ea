"""The gazetteer: organizations of the UN system and its neighbours, as data.

`entities.toml` is the data (one `[[entity]]` block per organization; its
header says how to extend it). This module reads it into `Entity` records and
the identity changes between them; the pipeline's mention matcher and the
store's name resolution are both built from what it returns.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any

from orgraph.errors import OrgraphError
from orgraph.fuzzydate import FuzzyDate
from orgraph.model import Entity, Name


@dataclass(frozen=True)
class Succession:
    """An identity change known as data: `predecessor` became (part of) `successor`."""

    predecessor: str
    successor: str
    change: str  # renamed | merged | replaced
    until: FuzzyDate | None


@dataclass(frozen=True)
class Gazetteer:
    entities: tuple[Entity, ...]
    successions: tuple[Succession, ...]
    weak_names: dict[str, tuple[str, ...]]  # entity id → generic words valid only near `context`
    context: dict[str, tuple[str, ...]]


def _date(value: Any) -> FuzzyDate | None:
    return FuzzyDate.parse(str(value)) if value not in (None, "") else None


_UN_PREFIX = re.compile(r"^(?:UN|VN|UNO)-(\w+)(.*)$")
_UN_GENITIVE = re.compile(r"^(\w+) der Vereinten Nationen(.*)$")


def german_un_variants(name: str, english: str = "") -> list[str]:
    """German writes a UN body two ways: "UN-Netzwerk für Migration" and "Netzwerk der Vereinten
    Nationen für Migration". Each form in the data also stands for the other (not for English
    words: "UN-Women" stays as it is)."""
    prefixed = _UN_PREFIX.match(name)
    english_words = set(english.casefold().split())
    if (
        prefixed
        and prefixed.group(1)[:1].isupper()
        and prefixed.group(1).casefold() not in english_words
    ):
        return [f"{prefixed.group(1)} der Vereinten Nationen{prefixed.group(2)}"]
    genitive = _UN_GENITIVE.match(name)
    if genitive:
        return [f"UN-{genitive.group(1)}{genitive.group(2)}"]
    return []


def _entity_from(block: dict[str, Any]) -> Entity:
    names = [Name(block["en"], "en", "label")]
    names += [
        Name(text, "de", "label" if i == 0 else "alias")
        for i, text in enumerate(block.get("de", []))
    ]
    names += [
        Name(text, "fr", "label" if i == 0 else "alias")
        for i, text in enumerate(block.get("fr", []))
    ]
    names += [Name(text, "", "acronym") for text in block.get("acronyms", [])]
    names += [Name(text, "", "alias") for text in block.get("aliases", [])]
    known = {n.text for n in names}
    names += [
        Name(variant, "de", "alias")
        for text in block.get("de", [])
        for variant in german_un_variants(text, block["en"])
        if variant not in known
    ]
    return Entity(
        id=block["id"],
        type=block["type"],
        label=block["en"],
        names=names,
        parent=block.get("parent"),
        wikidata=block.get("wikidata"),
    )


def _predecessor_from(block: dict[str, Any], successor: Entity) -> Entity:
    acronyms = set(block.get("acronyms", []))
    full = [n for n in block["names"] if n not in acronyms] or list(block["names"])
    names = [Name(text, "", "acronym" if text in acronyms else "alias") for text in block["names"]]
    return Entity(
        id=block["id"], type=successor.type, label=full[0], names=names, parent=successor.parent
    )


def _chain(predecessors: list[dict[str, Any]], successor: str) -> list[Succession]:
    """An entity's former names as one chain: each renamed to the next, by their end dates
    (PICMME until 1952 → ICEM until 1980 → ICM until 1989 → IOM). Mergers and replacements
    point at the entity itself."""
    renamed = sorted(
        (p for p in predecessors if p.get("change", "renamed") == "renamed"),
        key=lambda p: until.lower if (until := _date(p.get("until"))) else date.max,
    )
    following = {p["id"]: q["id"] for p, q in pairwise(renamed)}
    return [
        Succession(
            p["id"],
            following.get(p["id"], successor),
            p.get("change", "renamed"),
            _date(p.get("until")),
        )
        for p in predecessors
    ]


def parse_gazetteer(raw: dict[str, Any], origin: str = "gazetteer") -> Gazetteer:
    """Build a Gazetteer from parsed TOML; errors name the offending entity."""
    entities: list[Entity] = []
    successions: list[Succession] = []
    weak: dict[str, tuple[str, ...]] = {}
    context: dict[str, tuple[str, ...]] = {}
    for block in raw.get("entity", []):
        try:
            entity = _entity_from(block)
            entities.append(entity)
            for pred in block.get("predecessor", []):
                entities.append(_predecessor_from(pred, entity))
            successions += _chain(block.get("predecessor", []), entity.id)
            for old in block.get("replaces", []):
                successions.append(
                    Succession(
                        old,
                        entity.id,
                        block.get("replaces_change", "replaced"),
                        _date(block.get("replaces_until")),
                    )
                )
            if block.get("weak_aliases"):
                weak[entity.id] = tuple(block["weak_aliases"])
                context[entity.id] = tuple(block.get("context", ()))
        except (KeyError, TypeError, OrgraphError) as exc:
            raise OrgraphError(
                f"{origin}: entity {block.get('id', '?')!r} is malformed: {exc}"
            ) from None
    ids = [e.id for e in entities]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise OrgraphError(f"{origin}: duplicate ids {', '.join(duplicates)}")
    known = set(ids)
    for entity in entities:
        if entity.parent and entity.parent not in known:
            raise OrgraphError(f"{origin}: {entity.id!r} has unknown parent {entity.parent!r}")
    for succession in successions:
        if succession.predecessor not in known:
            raise OrgraphError(f"{origin}: unknown predecessor {succession.predecessor!r}")
    return Gazetteer(tuple(entities), tuple(successions), weak, context)


@cache
def load_gazetteer(path: str | None = None) -> Gazetteer:
    """The bundled gazetteer (or one at `path`), read once."""
    if path is None:
        text = resources.files("orgraph.gazetteer").joinpath("entities.toml").read_text("utf-8")
        origin = "entities.toml"
    else:
        text, origin = Path(path).read_text("utf-8"), path
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise OrgraphError(f"{origin}: not valid TOML: {exc}") from None
    return parse_gazetteer(raw, origin)
