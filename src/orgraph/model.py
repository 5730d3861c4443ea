"""The domain model (SPEC §2): entities, claims, evidence, sources, stated counts.

Claims are records, not bare edges: each has its own valid time, status,
confidence and evidence. They are never overwritten: a correction retracts the
old claim (`retracted_at`) and records a new one (`recorded_at`).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

from orgraph.errors import InvalidClaim
from orgraph.fuzzydate import FuzzyDate
from orgraph.interval import Interval


class Status(StrEnum):
    CANDIDATE = "candidate"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


@dataclass(frozen=True)
class Predicate:
    """One entry of the predicate vocabulary (`vocab/predicates.toml`)."""

    name: str
    label: dict[str, str]
    roles: tuple[str, ...] = ()
    membership: bool = False
    symmetric: bool = False
    org: str = "org:linkedTo"
    wikidata: str = ""
    wikidata_roles: tuple[str, ...] = ()
    event: bool = False  # an event the object took part in (a founding), not a standing tie
    why: str = ""


@cache
def predicates() -> dict[str, Predicate]:
    """The predicate vocabulary, read once from its data file."""
    raw = tomllib.loads(resources.files("orgraph.vocab").joinpath("predicates.toml").read_text())
    return {
        name: Predicate(
            name=name,
            label=dict(entry["label"]),
            roles=tuple(entry.get("roles", ())),
            membership=bool(entry.get("membership", False)),
            symmetric=bool(entry.get("symmetric", False)),
            org=entry.get("org", "org:linkedTo"),
            wikidata=entry.get("wikidata", ""),
            wikidata_roles=tuple(entry.get("wikidata_roles", ())),
            event=bool(entry.get("event", False)),
            why=entry.get("why", ""),
        )
        for name, entry in raw.items()
    }


def predicate(name: str) -> Predicate:
    try:
        return predicates()[name]
    except KeyError:
        known = ", ".join(sorted(predicates()))
        raise InvalidClaim(f"unknown predicate {name!r} (known: {known})") from None


@dataclass(frozen=True)
class Name:
    """A surface form of an entity: label, acronym, alias, a form seen in a text, or a former name."""

    text: str
    lang: str = ""
    kind: str = "alias"  # label | acronym | alias | seen | former
    valid_until: FuzzyDate | None = None


@dataclass
class Entity:
    id: str
    type: str
    label: str
    names: list[Name] = field(default_factory=list)
    parent: str | None = None
    wikidata: str | None = None

    def labels(self) -> dict[str, str]:
        """The first name in each language."""
        found: dict[str, str] = {}
        for name in self.names:
            if name.lang and name.kind in ("label", "alias") and name.lang not in found:
                found[name.lang] = name.text
        return found

    def aliases(self) -> list[str]:
        """Every distinct surface form, label first."""
        seen: dict[str, None] = {self.label: None}
        for name in self.names:
            seen.setdefault(name.text, None)
        return list(seen)

    def ref(self) -> dict[str, Any]:
        """The ENTITY shape of the JSON interfaces: `{"id", "label", "aliases"}`."""
        return {"id": self.id, "label": self.label, "aliases": self.aliases()}


@dataclass(frozen=True)
class Evidence:
    """Where a claim comes from: a sentence of a source, and what extracted it."""

    source: str
    start: int
    end: int
    text: str
    extractor: str
    id: int | None = field(default=None, compare=False)  # the store's row, once stored

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "extractor": self.extractor,
        }


@dataclass
class Claim:
    subject: str
    predicate: str
    object: str
    role: str | None = None
    qualifiers: dict[str, str] = field(default_factory=dict)
    interval: Interval = field(default_factory=Interval)
    status: Status = Status.CANDIDATE
    confidence: float = 1.0
    evidence: list[Evidence] = field(default_factory=list)
    id: str = ""
    recorded_at: datetime | None = None
    retracted_at: datetime | None = None

    def validate(self) -> None:
        """Raise InvalidClaim unless predicate, role and confidence fit the vocabulary."""
        entry = predicate(self.predicate)
        if self.role is not None and self.role not in entry.roles:
            allowed = ", ".join(entry.roles) or "none"
            raise InvalidClaim(
                f"role {self.role!r} does not fit predicate {self.predicate!r} (allowed: {allowed})"
            )
        if not 0.0 <= self.confidence <= 1.0:
            raise InvalidClaim(f"confidence {self.confidence} is outside 0..1")
        if self.subject == self.object:
            raise InvalidClaim(f"a claim cannot relate {self.subject!r} to itself")

    @property
    def documents(self) -> list[str]:
        """The distinct sources that state the statement (a person's word counts as one)."""
        return list(dict.fromkeys(e.source for e in self.evidence))

    @property
    def corroborated(self) -> float:
        """Confidence fed by corroboration: each further document could be wrong on its own."""
        doubt = (1.0 - self.confidence) ** max(len(self.documents), 1)
        return round(1.0 - doubt, 4)

    def content_key(self) -> tuple[Any, ...]:
        """What makes two claims say the same thing (used to merge duplicate extractions)."""
        return (
            self.subject,
            self.predicate,
            self.object,
            self.role,
            tuple(sorted(self.qualifiers.items())),
            self.interval,
        )


@dataclass(frozen=True)
class PageSpan:
    """Where one page of the original lies in a source's normalized text (`text[start:end]`).

    `ocr` marks text recognised from a page image rather than read from a text layer.
    """

    start: int
    end: int
    page: int
    ocr: bool = False


@dataclass(frozen=True)
class Source:
    id: str
    sha256: str
    lang: str
    title: str
    origin: str
    text: str
    as_of: FuzzyDate | None = None  # what the document can vouch for: up to this date
    format: str = "txt"  # txt | md | html | pdf | docx | odt
    as_of_inferred: bool = False  # taken from the latest date the text states


@dataclass(frozen=True)
class StatedCount:
    """A source's statement that a body had `count` members at a time (or a complete list)."""

    body: str
    count: int
    at: FuzzyDate | None
    evidence: Evidence | None = None
    complete: bool = False
