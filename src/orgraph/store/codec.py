"""Row ⇄ domain object conversions for the store (dates, intervals, claims)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Row

from orgraph.fuzzydate import FuzzyDate, Modifier
from orgraph.interval import EndState, Interval
from orgraph.model import Claim, Evidence, Status


def now() -> datetime:
    return datetime.now(UTC)


def stamp(moment: datetime) -> str:
    """Transaction times as sortable ISO text in UTC, microseconds included."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def unstamp(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def date_columns(prefix: str, value: FuzzyDate | None) -> dict[str, Any]:
    if value is None:
        return {f"{prefix}_{c}": None for c in ("edtf", "mod", "text", "lower", "upper")}
    return {
        f"{prefix}_edtf": value.edtf,
        f"{prefix}_mod": value.mod.value if value.mod else None,
        f"{prefix}_text": value.text,
        f"{prefix}_lower": value.lower.isoformat(),
        f"{prefix}_upper": value.upper.isoformat(),
    }


def date_from(row: Row[Any] | dict[str, Any], prefix: str) -> FuzzyDate | None:
    mapping = row._mapping if isinstance(row, Row) else row
    edtf = mapping[f"{prefix}_edtf"]
    if edtf is None:
        return None
    parsed = FuzzyDate.parse(edtf)
    mod = mapping[f"{prefix}_mod"]
    return FuzzyDate(
        parsed.year,
        parsed.month,
        parsed.day,
        Modifier(mod) if mod else None,
        parsed.uncertain,
        mapping[f"{prefix}_text"] or "",
    )


def claim_columns(claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "subject_id": claim.subject,
        "predicate": claim.predicate,
        "object_id": claim.object,
        "role": claim.role,
        "qualifiers": json.dumps(claim.qualifiers, sort_keys=True, ensure_ascii=False),
        **date_columns("start", claim.interval.start),
        **date_columns("end", claim.interval.end),
        "end_state": claim.interval.end_state.value,
        "status": claim.status.value,
        "confidence": claim.confidence,
        "recorded_at": stamp(claim.recorded_at or now()),
        "retracted_at": stamp(claim.retracted_at) if claim.retracted_at else None,
    }


def claim_from(row: Row[Any], evidence: list[Evidence]) -> Claim:
    m = row._mapping
    return Claim(
        id=m["id"],
        subject=m["subject_id"],
        predicate=m["predicate"],
        object=m["object_id"],
        role=m["role"],
        qualifiers=json.loads(m["qualifiers"]),
        interval=Interval(date_from(row, "start"), date_from(row, "end"), EndState(m["end_state"])),
        status=Status(m["status"]),
        confidence=m["confidence"],
        evidence=evidence,
        recorded_at=unstamp(m["recorded_at"]),
        retracted_at=unstamp(m["retracted_at"]),
    )
