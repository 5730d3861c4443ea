"""JSONL: one claim a line (SPEC §5) — the stable format tools and tests read, and re-import."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from functools import lru_cache
from typing import IO, Any

from sqlalchemy import Connection, select

from orgraph.errors import InvalidImport, OrgraphError
from orgraph.fuzzydate import FuzzyDate
from orgraph.interval import EndState, Interval
from orgraph.model import Claim, Entity, Evidence, Name, Status, predicate
from orgraph.query import claim_json
from orgraph.store import Store, bulk
from orgraph.store import schema as t
from orgraph.store.bulk import ROWID
from orgraph.store.codec import now
from orgraph.store.db import rename_roots


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
    aliases = tuple(a for a in ref.get("aliases", []) if isinstance(a, str))
    optional = tuple(ref.get(k) for k in ("type", "parent", "wikidata"))
    if any(v is not None and not isinstance(v, str) for v in optional):
        raise InvalidImport("type, parent and wikidata must be strings")
    return _known_entity(ref["id"], str(ref["label"]), aliases, *optional)


@lru_cache(maxsize=65_536)
def _known_entity(
    entity_id: str,
    label: str,
    aliases: tuple[str, ...],
    kind: str | None,
    parent: str | None,
    wikidata: str | None,
) -> Entity:
    """One Entity per distinct reference: a large import names the same bodies on many lines.
    (The import only reads these entities.)"""
    return Entity(
        entity_id,
        kind or "organization",
        label,
        # Restored as given, in the file's order: an imported entity is not relabelled later.
        [Name(a, "", "alias") for a in aliases],
        parent=parent,
        wikidata=wikidata,
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


CHUNK = 2000  # lines per bulk write: a few statements each, memory flat in the file's size


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

    Streams: lines are read, checked and written `CHUNK` at a time inside one transaction.
    """
    added = 0
    with store.transaction() as conn:
        # Read under the write lock: no other writer can record anything until this commits.
        moment, last = now(), store.last_recorded(conn)
        before = bulk.watermark(conn)  # claims above it came from this file
        edges = store.rename_edges(conn)
        for chunk in _parsed_chunks(lines, keep_history, moment, last, conn):
            edges += [
                (c.subject, c.object)
                for c, _, _ in chunk
                if c.predicate == "renamed_to" and _current(c)
            ]
            added += _import_chunk(store, conn, chunk, rename_roots(edges), before)
    return added


def _parsed_chunks(
    lines: Iterable[str],
    keep_history: bool,
    moment: datetime,
    last: datetime | None,
    conn: Connection,
) -> Iterator[list[tuple[Claim, Entity, Entity]]]:
    chunk: list[tuple[Claim, Entity, Entity]] = []
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        try:
            claim, subject, obj = parse_line(text)
        except OrgraphError as exc:
            raise InvalidImport(f"line {number}: {exc}") from None
        if not keep_history:
            if claim.retracted_at is not None:
                continue  # the source store's past, not a fact of this one
            claim.recorded_at = moment
        elif not (claim.id and bulk.stored_ids(conn, [claim.id])):  # stored: skipped later
            _check_history(number, claim, moment, last)
        chunk.append((claim, subject, obj))
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _current(claim: Claim) -> bool:
    return claim.retracted_at is None and claim.status is not Status.REJECTED


def _import_chunk(
    store: Store,
    conn: Connection,
    chunk: list[tuple[Claim, Entity, Entity]],
    identity: dict[str, str],
    before: int,
) -> int:
    """Entities, then new claims in bulk; a claim that may state a fact stored before the
    import goes through `Store.record`, which merges it into that statement."""
    bulk.merge_entities(conn, (e for _, s, o in chunk for e in (s, o)))
    stored = bulk.stored_ids(conn, [c.id for c, _, _ in chunk])
    fresh: list[Claim] = []
    for claim, _, _ in chunk:
        if claim.id and claim.id in stored:
            continue  # already imported
        if claim.id:
            stored.add(claim.id)  # a line repeated in the file counts once
        fresh.append(claim)
    held = _held_relations(conn, [c for c in fresh if _current(c)], identity, before)
    plain = [c for c in fresh if not (_current(c) and _relation_key(c, identity) in held)]
    bulk.add_claims(conn, plain)
    for claim in fresh:
        if _current(claim) and _relation_key(claim, identity) in held:
            store.record(claim, conn, identity, apart_from=_imported(conn, claim, identity, before))
    return len(fresh)


def _relation_key(claim: Claim, identity: dict[str, str]) -> tuple[str, str, str]:
    """The bodies (by lineage, in a fixed order for symmetric predicates) and the predicate."""
    ends = [identity.get(claim.subject, claim.subject), identity.get(claim.object, claim.object)]
    if predicate(claim.predicate).symmetric:
        ends.sort()
    return ends[0], ends[1], claim.predicate


def _lineage_members(ids: Iterable[str], identity: dict[str, str]) -> set[str]:
    roots = {identity.get(i, i) for i in ids}
    return set(ids) | {entity for entity, root in identity.items() if root in roots}


def _held_relations(
    conn: Connection, claims: list[Claim], identity: dict[str, str], before: int
) -> set[tuple[str, str, str]]:
    """The relations among these claims' that the store held before the import: one query."""
    if not claims or before == 0:  # an empty store held nothing
        return set()
    ends = sorted(_lineage_members({e for c in claims for e in (c.subject, c.object)}, identity))
    c_ = t.claims.c
    found: set[tuple[str, str, str]] = set()
    wanted = {_relation_key(c, identity) for c in claims}
    for first in range(0, len(ends), 10_000):
        rows = conn.execute(
            select(c_.subject_id, c_.object_id, c_.predicate).where(
                c_.subject_id.in_(ends[first : first + 10_000]),
                c_.predicate.in_(sorted({c.predicate for c in claims})),
                c_.retracted_at.is_(None),
                before >= ROWID,
            )
        )
        for subject, obj, name in rows:
            key = _relation_key(Claim(subject, name, obj), identity)
            if key in wanted:
                found.add(key)
    return found


def _imported(conn: Connection, claim: Claim, identity: dict[str, str], before: int) -> set[str]:
    """The statements this import wrote that `claim` might match: it must not merge with them."""
    ends = sorted(_lineage_members({claim.subject, claim.object}, identity))
    c_ = t.claims.c
    return set(
        conn.scalars(
            select(c_.id).where(c_.subject_id.in_(ends), c_.object_id.in_(ends), before < ROWID)
        )
    )


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
