"""QuickStatements (V1, tab-separated) for Wikidata: one statement per claim that Wikidata can
hold — both sides carry a Wikidata id, and the predicate maps to a property
(`vocab/predicates.toml`). Start and end become P580/P582 at their own precision; the
sentence becomes a quotation (S1683) in the reference: a statement with several sources is
written once per source (QuickStatements adds each line's S-properties as one more reference
to the same statement). Rejected claims, hedged ones, roles the property does not state (an
observer is no "member of"), and claims on entities without a Wikidata id are left out;
`skipped` counts them by reason.
"""

from __future__ import annotations

from collections import Counter
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
        self.skipped: Counter[str] = Counter()

    def _unfit(self, claim: Claim, subject: Entity, obj: Entity) -> str | None:
        """Why Wikidata cannot take the statement (None when it can)."""
        entry = predicate(claim.predicate)
        if claim.status is Status.REJECTED:
            return "rejected"
        if "hedge" in claim.qualifiers:  # "mit vielen von ihnen": not a statement of fact
            return "hedged"
        if not entry.wikidata:
            return f"no Wikidata property for {claim.predicate}"
        if entry.wikidata_roles and (claim.role or "member") not in entry.wikidata_roles:
            return f"role {claim.role} is not what {entry.wikidata} states"
        if not (subject.wikidata and obj.wikidata):
            return "an organization without a Wikidata id"
        return None

    def write(self, claim: Claim, subject: Entity, obj: Entity) -> None:
        reason = self._unfit(claim, subject, obj)
        if reason is not None:
            self.skipped[reason] += 1
            return
        cells = [subject.wikidata or "", predicate(claim.predicate).wikidata, obj.wikidata or ""]
        if claim.interval.start is not None:
            cells += [START, wikidata_time(claim.interval.start)]
        if claim.interval.end is not None:
            cells += [END, wikidata_time(claim.interval.end)]
        sentences: dict[str, str] = {}
        for ev in claim.evidence:
            sentences.setdefault(ev.source, ev.text)
        for sentence in sentences.values() or [""]:
            quote = (
                [QUOTATION, f"{detect_language(sentence)}:{_quoted(sentence)}"] if sentence else []
            )
            self.out.write("\t".join(cells + quote) + "\n")

    def summary(self) -> str:
        """What was left out and why, for the user (empty when nothing was)."""
        if not self.skipped:
            return ""
        reasons = "; ".join(f"{n} {why}" for why, n in self.skipped.most_common())
        return f"skipped {sum(self.skipped.values())} statements Wikidata cannot take: {reasons}"

    def finalize(self) -> None:
        return None
