"""Bodies across their names: the rename chain an entity belongs to.

A rename keeps identity (SPEC §3): members of "OCHA" in 1995 are the
members of the body under its earlier name (DHA) then. Renames come from two
places — the gazetteer's successions (change = renamed) and `renamed_to`
claims extracted from sources — and both are followed here. Mergers and
replacements are identity changes and end the chain.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from orgraph.fuzzydate import FuzzyDate
from orgraph.gazetteer import Succession
from orgraph.model import Evidence
from orgraph.store import Store


@dataclass(frozen=True)
class NamePeriod:
    """One name of a body: the entity that carries it and when it took over."""

    entity_id: str
    since: FuzzyDate | None  # when the body got this name (None: first known name)
    until: FuzzyDate | None  # when it was renamed again (None: still current)
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Rename:
    old: str
    new: str
    at: FuzzyDate | None
    evidence: tuple[Evidence, ...]


def renames(store: Store, as_known: date | None = None, around: str | None = None) -> list[Rename]:
    """Every rename; with `around`, only those of that entity's chain, found hop by hop (a
    couple of indexed statements per hop instead of reading every rename in the store)."""
    if around is None:
        return _renames(store, store.successions(), None, as_known)
    found: dict[tuple[str, str], Rename] = {}
    seen: set[str] = set()
    frontier = {around}
    while frontier:
        seen |= frontier
        ids = sorted(frontier)
        for rename in _renames(store, store.successions(touching=ids), ids, as_known):
            found.setdefault((rename.old, rename.new), rename)
        frontier = {x for key in found for x in key} - seen
    return list(found.values())


def _renames(
    store: Store, successions: list[Succession], involving: list[str] | None, as_known: date | None
) -> list[Rename]:
    found = [
        Rename(s.predecessor, s.successor, s.until, ())
        for s in successions
        if s.change == "renamed"
    ]
    found += [
        Rename(c.subject, c.object, c.interval.start, tuple(c.evidence))
        for c in store.claims(involving=involving, predicates=["renamed_to"], as_known=as_known)
    ]
    return found


def lineage(store: Store, entity_id: str, as_known: date | None = None) -> list[NamePeriod]:
    """The body's names in time order, oldest first; a body never renamed has one period."""
    edges = renames(store, as_known, around=entity_id)
    backward = {r.new: r for r in edges}
    forward = {r.old: r for r in edges}
    chain = [entity_id]
    while chain[0] in backward and backward[chain[0]].old not in chain:
        chain.insert(0, backward[chain[0]].old)
    while chain[-1] in forward and forward[chain[-1]].new not in chain:
        chain.append(forward[chain[-1]].new)
    periods = []
    for index, member in enumerate(chain):
        into = backward.get(member) if index else None
        out = forward.get(member) if index < len(chain) - 1 else None
        periods.append(
            NamePeriod(
                member,
                into.at if into else None,
                out.at if out else None,
                (into.evidence if into else ()) + (out.evidence if out else ()),
            )
        )
    return periods


def name_at(periods: list[NamePeriod], first: date, last: date) -> list[str]:
    """The name(s) the body bore during [first, last]: two where a rename window overlaps."""
    names = []
    for period in periods:
        not_yet = period.since is not None and period.since.lower > last
        over = period.until is not None and period.until.upper < first
        if not not_yet and not over:
            names.append(period.entity_id)
    return names or [periods[-1].entity_id]
