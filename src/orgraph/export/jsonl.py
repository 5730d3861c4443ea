"""JSONL: one claim a line (SPEC §5) — the stable format tools and tests read, and re-import."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import IO, Any

from orgraph.errors import InvalidImport, OrgraphError
from orgraph.fuzzydate import FuzzyDate
from orgraph.interval import EndState, Interval
from orgraph.model import Claim, Entity, Evidence, Name, Status
from orgraph.query import claim_json
from orgraph.store import Store
from orgraph.store.codec import now


def export_lines(store: Store, *, history: bool = False) -> Iterator[str]:
    """Current claims (or every record ever, with `history`) as JSON lines, in recording order."""
    claims = store.all_claims_ever() if history else store.claims(include_rejected=True)
    entities: dict[str, Entity] = {}
    for claim in claims:
        for entity_id in (claim.subject, claim.object):
            if entity_id not in entities:
                entities[entity_id] = store.entity(entity_id)
        line = claim_json(claim, entities[claim.subject], entities[claim.object])
        for side, entity_id in (("subject", claim.subject), ("object", claim.object)):
            line[side].update(_identity(entities[entity_id]))
        yield json.dumps(line, ensure_ascii=False, sort_keys=True)


def _identity(entity: Entity) -> dict[str, Any]:
    """What an import needs beyond SPEC's {id, label, aliases} to restore the entity as it was."""
    extra: dict[str, Any] = {"type": entity.type}
    if entity.parent:
        extra["parent"] = entity.parent
    if entity.wikidata:
        extra["wikidata"] = entity.wikidata
    return extra


def write_jsonl(store: Store, out: IO[str], *, history: bool = False) -> int:
    count = 0
    for line in export_lines(store, history=history):
        out.write(line + "\n")
        count += 1
    return count


def _fuzzy(value: Any) -> FuzzyDate | None:
    if value is None:
        return None
    if not isinstance(value, dict) or "edtf" not in value:
        raise InvalidImport(f"date {value!r} is not a date object")
    return FuzzyDate.from_json(value)


def _interval(line: dict[str, Any]) -> Interval:
    end = line.get("end")
    if isinstance(end, dict) and end.get("open"):
        return Interval(_fuzzy(line.get("start")), None, EndState.ONGOING)
    if isinstance(end, dict) and end.get("ended"):
        return Interval(_fuzzy(line.get("start")), None, EndState.ENDED)
    if end is None:
        return Interval(_fuzzy(line.get("start")), None, EndState.UNKNOWN)
    return Interval(_fuzzy(line.get("start")), _fuzzy(end), EndState.DATED)


def _entity(ref: Any) -> Entity:
    if not isinstance(ref, dict) or not isinstance(ref.get("id"), str) or not ref.get("label"):
        raise InvalidImport("subject/object must be {id, label, aliases}")
    aliases = [a for a in ref.get("aliases", []) if isinstance(a, str)]
    optional = {k: ref.get(k) for k in ("type", "parent", "wikidata")}
    if any(v is not None and not isinstance(v, str) for v in optional.values()):
        raise InvalidImport("type, parent and wikidata must be strings")
    return Entity(
        ref["id"],
        optional["type"] or "organization",
        ref["label"],
        # Restored as given, in the file's order: an imported entity is not relabelled later.
        [Name(a, "", "alias") for a in aliases],
        parent=optional["parent"],
        wikidata=optional["wikidata"],
    )


def parse_line(text: str) -> tuple[Claim, Entity, Entity]:
    """One JSONL line → the claim and its two entities; InvalidImport if it does not validate."""
    try:
        line = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidImport(f"not JSON ({exc.msg})") from None
    if not isinstance(line, dict):
        raise InvalidImport("not a JSON object")
    try:
        subject, obj = _entity(line["subject"]), _entity(line["object"])
        claim = Claim(
            subject=subject.id,
            predicate=str(line["predicate"]),
            object=obj.id,
            role=line.get("role"),
            qualifiers={str(k): str(v) for k, v in (line.get("qualifiers") or {}).items()},
            interval=_interval(line),
            status=Status(line.get("status", "candidate")),
            confidence=float(line.get("confidence", 1.0)),
            evidence=[
                Evidence(
                    str(e["source"]),
                    int(e["start"]),
                    int(e["end"]),
                    str(e["text"]),
                    str(e["extractor"]),
                )
                for e in line.get("evidence", [])
            ],
            id=str(line.get("id") or ""),
            recorded_at=datetime.fromisoformat(line["recorded_at"])
            if line.get("recorded_at")
            else None,
            retracted_at=datetime.fromisoformat(line["retracted_at"])
            if line.get("retracted_at")
            else None,
        )
    except InvalidImport:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InvalidImport(f"missing or malformed field: {exc}") from None
    except OrgraphError as exc:
        raise InvalidImport(str(exc)) from None
    claim.validate()
    return claim, subject, obj


def import_lines(store: Store, lines: Iterable[str], *, keep_history: bool = False) -> int:
    """Import JSONL claims atomically: any invalid line aborts the whole import, naming the line.

    Transaction time is the store's: the claims are recorded now, and records the file marks
    as retracted are left out. With `keep_history` (restoring `export --history`), the file's
    `recorded_at`/`retracted_at` are kept, but only if they lie in the past and after every
    time this store already recorded: history is appended, never rewritten or backdated.
    Idempotent: a claim whose id is already stored is skipped. A current claim that states a
    fact the store held before the import becomes evidence of that statement; the file's own
    lines stay as they are (an export is one line per statement already), and so do retracted
    and rejected records.
    """
    parsed: list[tuple[int, Claim, Entity, Entity]] = []
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        try:
            parsed.append((number, *parse_line(text)))
        except OrgraphError as exc:
            raise InvalidImport(f"line {number}: {exc}") from None
    added = 0
    with store.transaction() as conn:
        # Read under the write lock: no other writer can record anything until this commits.
        moment, last = now(), store.last_recorded(conn)
        identity = store.rename_identity(conn)
        imported: set[str] = set()
        for number, claim, subject, obj in parsed:
            try:
                store.claim(claim.id, conn)
                continue  # already imported
            except OrgraphError:
                pass
            if not keep_history:
                if claim.retracted_at is not None:
                    continue  # the source store's past, not a fact of this one
                claim.recorded_at = moment
            else:
                _check_history(number, claim, moment, last)
            for entity in (subject, obj):
                store.add_entity(entity, conn)
            if claim.retracted_at is not None or claim.status is Status.REJECTED:
                store.add_claim(claim, conn)
            else:
                store.record(claim, conn, identity, apart_from=imported)
                if claim.predicate == "renamed_to":
                    identity = store.rename_identity(conn)
            imported.add(claim.id)
            added += 1
    return added


def _check_history(number: int, claim: Claim, moment: datetime, last: datetime | None) -> None:
    """Kept transaction times must be past, in order, and after the store's own history."""
    claim.recorded_at = claim.recorded_at or moment
    for field, value in (("recorded_at", claim.recorded_at), ("retracted_at", claim.retracted_at)):
        if value is None:
            continue
        if value.tzinfo is None:
            raise InvalidImport(f"line {number}: {field} {value.isoformat()} has no time zone")
        if value > moment:
            raise InvalidImport(f"line {number}: {field} {value.isoformat()} is in the future")
        if last is not None and value <= last:
            raise InvalidImport(
                f"line {number}: {field} {value.isoformat()} is not after the store's last "
                f"recorded change ({last.isoformat()}); history can only be appended"
            )
    if claim.retracted_at is not None and claim.retracted_at < claim.recorded_at:
        raise InvalidImport(f"line {number}: retracted_at is before recorded_at")
