"""Consistency checks: stated counts against derived membership, and conflicting claims.

Disagreements are shown side by side, never silently resolved (SPEC §1).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from orgraph.interval import Answer
from orgraph.model import Claim, StatedCount
from orgraph.query import Relation, _relations_of, evidence_json, members_at
from orgraph.store import Store


@dataclass
class CountCheck:
    stated: StatedCount
    body_label: str
    certain: int
    possible: int

    @property
    def ok(self) -> bool:
        return self.certain <= self.stated.count <= self.possible

    def to_json(self) -> dict[str, Any]:
        return {
            "body": self.stated.body,
            "body_label": self.body_label,
            "at": self.stated.at.to_json() if self.stated.at else None,
            "stated": self.stated.count,
            "derived_certain": self.certain,
            "derived_possible": self.possible,
            "ok": self.ok,
            "evidence": evidence_json([self.stated.evidence] if self.stated.evidence else []),
        }


@dataclass
class Conflict:
    """Claims about the same relation whose dates cannot both be true."""

    claims: list[Relation]
    why: str

    def to_json(self) -> dict[str, Any]:
        return {"why": self.why, "claims": [r.to_json() for r in self.claims]}


def check_counts(store: Store, as_known: date | None = None) -> list[CountCheck]:
    results = []
    for stated in store.stated_counts(as_known=as_known):
        if stated.at is None:
            continue
        # A count "by 2010" describes the body at the end of that period.
        members = members_at(store, stated.body, stated.at.upper, as_known)
        certain = sum(1 for m in members.members if m.answer is Answer.YES)
        results.append(CountCheck(stated, members.body.label, certain, len(members.members)))
    return results


def _disjoint(a: Claim, b: Claim) -> bool:
    sa, sb = a.interval.start, b.interval.start
    return bool(sa and sb and (sa.upper < sb.lower or sb.upper < sa.lower))


def find_conflicts(store: Store, as_known: date | None = None) -> list[Conflict]:
    groups: dict[tuple[str, str, str, str | None], list[Claim]] = defaultdict(list)
    for claim in store.claims(as_known=as_known):
        groups[(claim.subject, claim.predicate, claim.object, claim.role)].append(claim)
    conflicts = []
    for claims in groups.values():
        clash = [c for c in claims if any(_disjoint(c, other) for other in claims)]
        if clash:
            dates = ", ".join(str(c.interval.start) for c in clash)
            conflicts.append(
                Conflict(_relations_of(store, clash), f"different start dates: {dates}")
            )
    return conflicts
