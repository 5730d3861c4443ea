"""Manual curation: claims entered by people, validated like extracted ones."""

from __future__ import annotations

import re
from contextlib import suppress

from orgraph.errors import InvalidDate
from orgraph.fuzzydate import FuzzyDate
from orgraph.interval import EndState, Interval
from orgraph.model import Claim, Evidence, Status
from orgraph.store import Store

MANUAL_SOURCE = "manual"


_NUMERIC_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def read_date(text: str | None) -> FuzzyDate | None:
    """A user-typed date in any form the temporal tagger knows ('Anfang 2006', '2003-04')."""
    if not text:
        return None
    if _NUMERIC_DATE.fullmatch(text.strip()):
        with suppress(InvalidDate):  # an impossible date: the tagger words the error
            return FuzzyDate.parse(text.strip())  # the tagger reads these the same way
    # The tagger compiles its lexicon on import: only a date in words needs it.
    from orgraph.pipeline.timeexpr import parse_date

    return parse_date(text)


def add_claim(
    store: Store,
    subject: str,
    predicate: str,
    obj: str,
    *,
    role: str | None = None,
    start: str | None = None,
    end: str | None = None,
    end_state: EndState | None = None,
    qualifiers: dict[str, str] | None = None,
    status: Status = Status.ACCEPTED,
    confidence: float = 1.0,
    by: str = "cli",
    sentence: str = "",
) -> Claim:
    """Record a claim a person states; names resolve by any alias or inflected form.

    Without an end, the relation is taken as ongoing (the person states it holds).
    Everything is validated before anything is written. A claim that states a fact already
    stored becomes evidence of that statement (and accepts it).
    """
    end_date = read_date(end)
    interval = Interval(
        read_date(start),
        end_date,
        EndState.DATED if end_date else (end_state or EndState.ONGOING),
    )
    claim = Claim(
        subject=store.resolve(subject).id,
        predicate=predicate,
        object=store.resolve(obj).id,
        role=role,
        qualifiers=dict(qualifiers or {}),
        interval=interval,
        status=status,
        confidence=confidence,
        evidence=[Evidence(MANUAL_SOURCE, 0, len(sentence), sentence, f"manual:{by}")],
    )
    with store.transaction() as conn:
        return store.record(claim, conn)
