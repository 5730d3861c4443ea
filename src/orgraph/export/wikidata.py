"""QuickStatements (V1, tab-separated) for Wikidata: one statement per claim that Wikidata can
hold — both sides carry a Wikidata id, and the predicate maps to a property
(`vocab/predicates.toml`). Start and end become P580/P582 at their own precision; the
sentence becomes a quotation (S1683) in the reference. Rejected claims, roles the property does
not state (an observer is no "member of"), and claims on entities without a Wikidata id are
left out; `skipped` counts them.
"""

from __future__ import annotations

from typing import IO

from orgraph.fuzzydate import FuzzyDate
from orgraph.model import Claim, Entity, Status, predicate
from orgraph.pipeline.language import detect_language

START, END, QUOTATION = "P580", "P582", "S1683"


def wikidata_time(value: FuzzyDate) -> str:
    """ "+2006-03-00T00:00:00Z/10": the date at Wikidata's precision (9 year, 10 month, 11 day)."""
    precision = value.precision.wikidata
    month = value.month if precision >= 10 and value.month else 0
    day = value.day if precision >= 11 and value.day else 0
    return f"+{value.year:04d}-{month:02d}-{day:02d}T00:00:00Z/{precision}"


def _quoted(text: str) -> str:
    return '"' + " ".join(text.split()).replace('"', "'") + '"'


class QuickStatementsSink:
    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.skipped = 0

    def write(self, claim: Claim, subject: Entity, obj: Entity) -> None:
        entry = predicate(claim.predicate)
        prop = entry.wikidata
        untrue = bool(entry.wikidata_roles) and (claim.role or "member") not in entry.wikidata_roles
        if (
            claim.status is Status.REJECTED
            or "hedge" in claim.qualifiers  # "mit vielen von ihnen": not a statement of fact
            or untrue
            or not (prop and subject.wikidata and obj.wikidata)
        ):
            self.skipped += 1
            return
        cells = [subject.wikidata, prop, obj.wikidata]
        if claim.interval.start is not None:
            cells += [START, wikidata_time(claim.interval.start)]
        if claim.interval.end is not None:
            cells += [END, wikidata_time(claim.interval.end)]
        if claim.evidence:
            sentence = claim.evidence[0].text
            cells += [QUOTATION, f"{detect_language(sentence)}:{_quoted(sentence)}"]
        self.out.write("\t".join(cells) + "\n")

    def finalize(self) -> None:
        return None
