"""A synthetic graph of memberships for `orgraph.benchstore`, in two shapes over the same facts:
the project's JSONL import lines, and W3C ORG triples for pyoxigraph.

Deterministic (one seeded RNG). Bodies are renamed now and then; starts come at every
precision (year, season, month, day; early/mid/late; circa; uncertain) or not at all; ends
are dated, ended without a date, ongoing, or unknown. Questions are drawn from the same data.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from orgraph.fuzzydate import FuzzyDate

ORG = "http://www.w3.org/ns/org#"
OG = "https://orgraph.example/"
PROV = "http://www.w3.org/ns/prov#"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
ROLES = ["member"] * 8 + ["observer", "founding_member", "standing_invitee", "associate"]
RECORDED = "2026-01-01T00:00:00"


@dataclass(frozen=True)
class Fact:
    """One membership (or rename) as the generator made it."""

    id: str
    subject: str
    predicate: str
    object: str
    role: str | None
    start: FuzzyDate | None
    end: FuzzyDate | None
    end_state: str  # dated | ended | ongoing | unknown
    text: str
    source: str


@dataclass
class Graph:
    """The shape of a synthetic graph: its bodies (with their rename successors) and members."""

    size: int
    seed: int = 11
    bodies: list[str] = field(default_factory=list)
    renamed: dict[str, tuple[str, FuzzyDate]] = field(default_factory=dict)
    orgs: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        rng = random.Random(self.seed)
        self.bodies = [f"b{i}" for i in range(max(10, self.size // 200))]
        self.orgs = [f"o{i}" for i in range(max(50, self.size // 20))]
        for body in self.bodies:
            if rng.random() < 0.1:
                at = fuzzy_start(rng, always=True)
                assert at is not None
                self.renamed[body] = (body + "r", at)

    def facts(self) -> Iterator[Fact]:
        """Every rename, then `size` memberships (a renamed body's under either name)."""
        rng = random.Random(self.seed + 1)
        for n, (old, (new, at)) in enumerate(sorted(self.renamed.items())):
            yield Fact(f"r{n:07d}", old, "renamed_to", new, None, at, None, "unknown",
                       f"{old} was renamed {new} in {at}.", f"doc{n // 40}")  # fmt: skip
        for n in range(self.size):
            body = rng.choice(self.bodies)
            if body in self.renamed and rng.random() < 0.5:
                body = self.renamed[body][0]
            member = rng.choice(self.orgs)
            start = fuzzy_start(rng)
            end, state = fuzzy_end(rng, start)
            role = rng.choice(ROLES)
            text = f"{member} became a {role} of {body}" + (f" in {start}." if start else ".")
            yield Fact(f"m{n:07d}", member, "member_of", body, role, start, end, state, text,
                       f"doc{n // 40}")  # fmt: skip

    def questions(self, count: int, seed: int = 5) -> list[tuple[str, str, date]]:
        """(member, body, date) triples: bodies by any of their names, dates 1950–2025."""
        rng = random.Random(seed)
        names = self.bodies + [new for new, _ in self.renamed.values()]
        picked = []
        for _ in range(count):
            day = date(rng.randint(1950, 2025), rng.randint(1, 12), rng.randint(1, 28))
            picked.append((rng.choice(self.orgs), rng.choice(names), day))
        return picked


def fuzzy_start(rng: random.Random, *, always: bool = False) -> FuzzyDate | None:
    year = rng.randint(1945, 2020)
    kind = rng.randrange(9)
    if kind == 0 and not always:
        return None
    shapes: list[tuple[int | None, int | None, str | None, bool]] = [
        (None, None, None, False),  # 1992
        (rng.randint(1, 12), None, None, False),  # 2003-04
        (rng.randint(1, 12), rng.randint(1, 28), None, False),  # 2007-11-19
        (None, None, rng.choice(["START", "MID", "END"]), False),  # Anfang 2006
        (rng.choice([21, 22, 23, 24]), None, None, False),  # Frühjahr 2011
        (None, None, "APPROX", False),  # um 1995
        (None, None, None, True),  # 2006?
        (rng.randint(1, 12), None, "START", False),  # Anfang März 2001
    ]
    month, day, mod, uncertain = shapes[kind % len(shapes)]
    return FuzzyDate(year, month, day, mod, uncertain)  # type: ignore[arg-type]


def fuzzy_end(rng: random.Random, start: FuzzyDate | None) -> tuple[FuzzyDate | None, str]:
    roll = rng.random()
    if roll < 0.4:
        return None, "ongoing"
    if roll < 0.5:
        return None, "ended"
    if roll < 0.65:
        return None, "unknown"
    year = (start.upper.year if start else 1960) + rng.randint(1, 20)
    return FuzzyDate(year, rng.choice([None, rng.randint(1, 12)])), "dated"


def _date_json(value: FuzzyDate | None) -> dict[str, Any] | None:
    return value.to_json() if value else None


def _entity_json(entity_id: str) -> dict[str, Any]:
    kind = "organization" if entity_id.startswith("o") else "body"
    label = ("Organisation " if kind == "organization" else "Gremium ") + entity_id[1:].upper()
    return {"id": entity_id, "label": label, "aliases": [label, entity_id.upper()], "type": kind}


def jsonl_line(fact: Fact) -> str:
    """The SPEC §5 line `orgraph import` reads."""
    end: Any = {"open": True} if fact.end_state == "ongoing" else None
    if fact.end_state == "ended":
        end = {"ended": True}
    elif fact.end_state == "dated":
        end = _date_json(fact.end)
    line = {
        "id": fact.id,
        "subject": _entity_json(fact.subject),
        "predicate": fact.predicate,
        "role": fact.role,
        "object": _entity_json(fact.object),
        "qualifiers": {},
        "start": _date_json(fact.start),
        "end": end,
        "status": "candidate",
        "confidence": 0.9,
        "recorded_at": RECORDED,
        "evidence": [
            {
                "source": fact.source,
                "start": 0,
                "end": len(fact.text),
                "text": fact.text,
                "extractor": "benchgraph",
            }
        ],
    }
    return json.dumps(line, ensure_ascii=False)


def org_triples(fact: Fact) -> Iterator[tuple[str, str, str | tuple[str, str]]]:
    """W3C ORG: an org:Membership with its role, time bounds and the sentence it rests on.

    A literal is (value, datatype); datatype "" is a plain string."""
    node = f"{OG}claim/{fact.id}"
    s, o = f"{OG}entity/{fact.subject}", f"{OG}entity/{fact.object}"
    if fact.predicate == "renamed_to":
        yield s, f"{OG}renamedTo", o
        return
    yield node, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", ORG + "Membership"
    yield node, ORG + "member", s
    yield node, ORG + "organization", o
    yield node, ORG + "role", (fact.role or "member", "")
    yield node, PROV + "value", (fact.text, "")
    # Unknown bounds as the extremes of time: SPARQL filters then need no OPTIONAL, which
    # oxigraph evaluates over the whole graph before joining (a 100× slower plan).
    first, last = "0001-01-01", "9999-12-31"
    start, end = fact.start, fact.end
    yield node, OG + "startLower", (start.lower.isoformat() if start else first, XSD_DATE)
    yield node, OG + "startUpper", (start.upper.isoformat() if start else first, XSD_DATE)
    yield node, OG + "endLower", (end.lower.isoformat() if end else last, XSD_DATE)
    yield node, OG + "endUpper", (end.upper.isoformat() if end else last, XSD_DATE)
    yield node, OG + "endState", (fact.end_state, "")


def _names(entity: str, var: str) -> str:
    """The entity under each of its names. The synthetic graph renames a body at most once,
    so one hop each way is the whole lineage; oxigraph plans the property path
    `(og:renamedTo|^og:renamedTo)*` far worse (25–150 ms at 10k) than this union."""
    e = f"<{OG}entity/{entity}>"
    return (
        f"{{ {{ BIND({e} AS {var}) }} UNION {{ {e} og:renamedTo {var} }} UNION "
        f"{{ {var} og:renamedTo {e} }} }} "
    )


_PREFIXES = f"PREFIX org: <{ORG}> PREFIX og: <{OG}> PREFIX prov: <{PROV}> "


def sparql_members_at(body: str, day: date, member: str | None = None) -> str:
    """Members whose interval may hold on `day` (not certainly outside it), across renames."""
    who = f"<{OG}entity/{member}>" if member else "?member"
    at = f'"{day.isoformat()}"^^<{XSD_DATE}>'
    return (
        _PREFIXES
        + "SELECT ?m ?member ?role ?sl ?su ?el ?eu ?state ?text WHERE { "
        + _names(body, "?body")
        + f"?m org:organization ?body ; org:member {who} ; org:role ?role ; prov:value ?text ; "
        "og:endState ?state ; og:startLower ?sl ; og:startUpper ?su ; og:endLower ?el ; "
        f"og:endUpper ?eu . FILTER(?sl <= {at} && ?eu >= {at}) "
        + (f"BIND({who} AS ?member) " if member else "")
        + "}"
    )


def sparql_timeline(entity: str) -> str:
    """Every membership involving the entity (under any of its names), by start."""
    return (
        _PREFIXES
        + "SELECT ?m ?other ?role ?sl ?su ?text WHERE { "
        + _names(entity, "?x")
        + "{ ?m org:member ?x ; org:organization ?other } UNION "
        "{ ?m org:organization ?x ; org:member ?other } "
        "?m org:role ?role ; prov:value ?text ; og:startLower ?sl ; og:startUpper ?su . "
        "} ORDER BY ?sl"
    )
