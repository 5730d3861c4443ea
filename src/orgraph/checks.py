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
from orgraph.statements import contradicts, why_conflict
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


def find_conflicts(store: Store, as_known: date | None = None) -> list[Conflict]:
    """Statements about the same relation (across renames) whose times cannot both be true."""
    identity = store.rename_identity()
    groups: dict[tuple[str, ...], list[Claim]] = defaultdict(list)
    for claim in store.claims(as_known=as_known):
        ends = sorted(
            (identity.get(claim.subject, claim.subject), identity.get(claim.object, claim.object))
        )
        groups[(claim.predicate, claim.role or "", *ends)].append(claim)
    conflicts = []
    for claims in groups.values():
        pairs = [
            (a, b)
            for i, a in enumerate(claims)
            for b in claims[i + 1 :]
            if contradicts(a, b, identity)
        ]
        if pairs:
            clash = list(dict.fromkeys(c.id for pair in pairs for c in pair))
            chosen = [c for c in claims if c.id in clash]
            conflicts.append(Conflict(_relations_of(store, chosen), why_conflict(*pairs[0])))
    return conflicts
