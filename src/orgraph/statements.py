"""Statements: one fact, however many documents state it (SPEC §2).

Two claims state the same fact when they relate the same bodies (across renames), with the
same predicate and role, qualifiers that do not contradict, and compatible times: each start
falls inside the other's window of uncertainty, and the ends agree in kind. Claims that do
not fit stay separate statements; where they relate the same bodies they are a conflict,
shown side by side and never resolved silently.
"""

from __future__ import annotations

from dataclasses import replace

from orgraph.errors import InvalidClaim
from orgraph.fuzzydate import FuzzyDate
from orgraph.interval import EndState, Interval
from orgraph.model import Claim, Status, predicate


def _overlap(a: FuzzyDate | None, b: FuzzyDate | None) -> bool:
    """An unknown date fits any date; two dates fit when their windows share a day."""
    return a is None or b is None or (a.lower <= b.upper and b.lower <= a.upper)


def _ends_agree(a: Interval, b: Interval) -> bool:
    """Ongoing and ended disagree; 'end unknown' fits anything; a date fits 'ended, date unknown'."""
    kinds = {a.end_state, b.end_state}
    if EndState.UNKNOWN in kinds or len(kinds) == 1:
        return _overlap(a.end, b.end)
    return kinds == {EndState.DATED, EndState.ENDED}


def starts_agree(a: Interval, b: Interval) -> bool:
    return _overlap(a.start, b.start)


def times_agree(a: Interval, b: Interval) -> bool:
    if not (starts_agree(a, b) and _ends_agree(a, b)):
        return False
    try:
        combined_interval(a, b)  # one's start may fall after the other's end
    except InvalidClaim:
        return False
    return True


def qualifiers_agree(a: Claim, b: Claim) -> bool:
    return all(b.qualifiers.get(k, v) == v for k, v in a.qualifiers.items())


def same_relation(a: Claim, b: Claim, identity: dict[str, str]) -> bool:
    """Same bodies (by lineage), predicate and role; a symmetric predicate in either direction."""
    if a.predicate != b.predicate or a.role != b.role:
        return False
    ends_a = (identity.get(a.subject, a.subject), identity.get(a.object, a.object))
    ends_b = (identity.get(b.subject, b.subject), identity.get(b.object, b.object))
    if ends_a == ends_b:
        return True
    return predicate(a.predicate).symmetric and ends_a == ends_b[::-1]


def same_fact(a: Claim, b: Claim, identity: dict[str, str]) -> bool:
    return (
        same_relation(a, b, identity)
        and qualifiers_agree(a, b)
        and times_agree(a.interval, b.interval)
    )


def _narrower(a: FuzzyDate | None, b: FuzzyDate | None) -> FuzzyDate | None:
    """The more precise of two fitting dates (the one with the shorter window)."""
    if a is None or b is None:
        return a or b
    # Equally precise: the same choice whichever document came first (the text decides).
    return min(a, b, key=lambda d: (d.upper - d.lower, d.edtf, d.text))


def combined_interval(a: Interval, b: Interval) -> Interval:
    """The interval two agreeing claims support together: each bound as precise as either says."""
    end = _narrower(a.end, b.end)
    if end is not None:
        return Interval(_narrower(a.start, b.start), end)
    state = a.end_state if a.end_state is not EndState.UNKNOWN else b.end_state
    return Interval(_narrower(a.start, b.start), None, state)


def refined(statement: Claim, claim: Claim, identity: dict[str, str]) -> Claim | None:
    """The statement with what `claim` adds (a more precise time, a missing qualifier), or None
    when the claim adds nothing but its evidence. Where both say a thing equally well (two
    names of one body, two spellings of one date), the same one is kept whichever document
    came first, so the graph does not depend on the order of ingestion."""
    interval = combined_interval(statement.interval, claim.interval)
    qualifiers = {**claim.qualifiers, **statement.qualifiers}
    # A person stating the fact accepts a candidate; a rejected statement is never matched.
    status = Status.ACCEPTED if Status.ACCEPTED in (statement.status, claim.status) else None
    ends = (claim.subject, claim.object)
    if identity.get(claim.subject, claim.subject) != identity.get(
        statement.subject, statement.subject
    ):
        ends = ends[::-1]  # a symmetric relation stated the other way round
    ends = min(ends, (statement.subject, statement.object))
    texts = _date_texts(interval) != _date_texts(statement.interval)
    if (
        (interval, qualifiers, ends)
        == (statement.interval, statement.qualifiers, (statement.subject, statement.object))
        and not texts
        and status in (None, statement.status)
        and claim.confidence <= statement.confidence
    ):
        return None
    return replace(
        statement,
        subject=ends[0],
        object=ends[1],
        interval=interval,
        qualifiers=qualifiers,
        confidence=max(statement.confidence, claim.confidence),
        status=status or statement.status,
    )


def _date_texts(interval: Interval) -> tuple[str, str]:
    return (
        interval.start.text if interval.start else "",
        interval.end.text if interval.end else "",
    )


def in_conflict(a: Claim, b: Claim, identity: dict[str, str]) -> bool:
    """Two statements about the same relation whose times cannot both be true."""
    return same_relation(a, b, identity) and not times_agree(a.interval, b.interval)


def contradicts(a: Claim, b: Claim, identity: dict[str, str]) -> bool:
    """Statements whose times cannot both be true. An ongoing statement and an ended one
    contradict only when the ongoing one's sources were written after the end."""
    if not in_conflict(a, b, identity):
        return False
    if _one_after_other(a.interval, b.interval) or _one_after_other(b.interval, a.interval):
        return False  # left and joined again: two periods, both true
    kinds = {a.interval.end_state, b.interval.end_state}
    if kinds != {EndState.ONGOING, EndState.DATED} or not starts_agree(a.interval, b.interval):
        return True
    ongoing, ended = (a, b) if a.interval.end_state is EndState.ONGOING else (b, a)
    attested = ongoing.interval.attested
    assert ended.interval.end is not None
    return attested is None or attested.lower > ended.interval.end.upper


def _one_after_other(first: Interval, second: Interval) -> bool:
    return (
        first.end is not None and second.start is not None and first.end.upper < second.start.lower
    )


def why_conflict(a: Claim, b: Claim) -> str:
    if not _overlap(a.interval.start, b.interval.start):
        return f"different start dates: {a.interval.start} and {b.interval.start}"
    return f"different ends: {a.interval.describe()} and {b.interval.describe()}"
