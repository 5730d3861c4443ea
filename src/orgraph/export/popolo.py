"""Popolo JSON (popoloproject.com): organizations and their memberships, for tools built on it.

Popolo has no place for renamings or agreements: only `member_of` claims become memberships
(an organization as the member); `part_of` gives an organization its parent when the gazetteer
does not. Dates keep their precision ("2006", "2006-03"), as Popolo allows.
"""

from __future__ import annotations

import json
from typing import IO, Any

from orgraph.fuzzydate import FuzzyDate, Precision
from orgraph.model import Claim, Entity, Status


def _sources(claim: Claim) -> list[dict[str, str]]:
    """One Popolo source per document, with the sentences it states the fact in."""
    by_source: dict[str, list[str]] = {}
    for ev in claim.evidence:
        by_source.setdefault(ev.source, []).append(ev.text)
    return [{"note": f"{source}: {' | '.join(texts)}"} for source, texts in by_source.items()]


def _date(value: FuzzyDate | None) -> str | None:
    if value is None:
        return None
    if value.precision is Precision.DAY:
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    if value.precision is Precision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return f"{value.year:04d}"


class PopoloSink:
    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.organizations: dict[str, dict[str, Any]] = {}
        self.memberships: list[dict[str, Any]] = []

    def _organization(self, entity: Entity) -> dict[str, Any]:
        if entity.id not in self.organizations:
            record: dict[str, Any] = {
                "id": entity.id,
                "name": entity.label,
                "classification": entity.type,
                "other_names": [{"name": a} for a in entity.aliases() if a != entity.label],
            }
            if entity.parent:
                record["parent_id"] = entity.parent
            if entity.wikidata:
                record["identifiers"] = [{"scheme": "wikidata", "identifier": entity.wikidata}]
            self.organizations[entity.id] = record
        return self.organizations[entity.id]

    def write(self, claim: Claim, subject: Entity, obj: Entity) -> None:
        if claim.status is Status.REJECTED:
            return  # a reviewer said no
        member, body = self._organization(subject), self._organization(obj)
        if claim.predicate == "part_of":
            member.setdefault("parent_id", body["id"])
            return
        if claim.predicate != "member_of":
            return
        membership: dict[str, Any] = {
            "id": claim.id,
            "member": {"@type": "Organization", "id": subject.id},
            "organization_id": obj.id,
            "role": claim.role or "member",
            "sources": _sources(claim),
        }
        start, end = _date(claim.interval.start), _date(claim.interval.end)
        if start:
            membership["start_date"] = start
        if end:
            membership["end_date"] = end
        self.memberships.append(membership)

    def finalize(self) -> None:
        data = {"organizations": list(self.organizations.values()), "memberships": self.memberships}
        self.out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
