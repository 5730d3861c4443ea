"""Writes in bulk: a chunk of entities or claims in a handful of statements (executemany).

`Store.add_entity` and `Store.add_claim` check and write one row at a time; an import of a
million claims cannot afford that. These functions take a whole chunk: one existence check,
one insert per table. They do no merging into statements — the caller decides which claims
may merge (`Store.record`) and which are new.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Integer, Table, func, literal_column, select
from sqlalchemy.sql.elements import ColumnClause

from orgraph.model import Claim, Entity, Name
from orgraph.store import schema as t
from orgraph.store.codec import claim_columns, now, stamp
from orgraph.store.db import name_row_key

# SQLite's implicit row number: claims inserted after a watermark were inserted since then.
ROWID: ColumnClause[int] = literal_column("rowid", Integer)


def merge_entities(conn: Connection, entities: Iterable[Entity]) -> None:
    """Insert the unseen entities and the unseen names of known ones (first mention wins)."""
    by_id: dict[str, Entity] = {}
    names: dict[str, dict[str, Name]] = {}
    for entity in entities:
        by_id.setdefault(entity.id, entity)
        for name in entity.names:
            names.setdefault(entity.id, {}).setdefault(name.text, name)
    if not by_id:
        return
    ids = list(by_id)
    known = set(conn.scalars(select(t.entities.c.id).where(t.entities.c.id.in_(ids))))
    fresh = [by_id[i] for i in ids if i not in known]
    if fresh:
        conn.execute(
            t.entities.insert(),
            [
                {
                    "id": e.id,
                    "type": e.type,
                    "label": e.label,
                    "parent_id": e.parent,
                    "wikidata": e.wikidata,
                }
                for e in fresh
            ],
        )
    # A new entity has none of its names yet: only the known ones' names are read.
    names_of_known = select(t.names.c.entity_id, t.names.c.name).where(
        t.names.c.entity_id.in_(sorted(known))
    )
    have = set(conn.execute(names_of_known)) if known else set()
    rows = [
        {
            "entity_id": entity_id,
            "name": name.text,
            "key": name_row_key(name),
            "lang": name.lang,
            "kind": name.kind,
            "valid_until": name.valid_until.edtf if name.valid_until else None,
        }
        for entity_id, by_text in names.items()
        for name in by_text.values()
        if (entity_id, name.text) not in have
    ]
    if rows:
        conn.execute(t.names.insert(), rows)


def stored_ids(conn: Connection, claim_ids: Sequence[str]) -> set[str]:
    """Which of these claim ids are stored already (current or retracted)."""
    ids = [i for i in claim_ids if i]
    if not ids:
        return set()
    return set(conn.scalars(select(t.claims.c.id).where(t.claims.c.id.in_(ids))))


def watermark(conn: Connection) -> int:
    """The highest claim row number now: rows above it were inserted afterwards."""
    return int(conn.scalar(select(func.max(ROWID)).select_from(t.claims)) or 0)


def add_claims(conn: Connection, claims: Sequence[Claim]) -> None:
    """Insert new claims and their evidence: two statements for the whole chunk.

    The caller has validated the claims and stored their entities."""
    if not claims:
        return
    moment = now()
    for claim in claims:
        claim.id = claim.id or "c" + uuid.uuid4().hex[:15]
        claim.recorded_at = claim.recorded_at or moment
    insert_many(conn, t.claims, [{**claim_columns(c), "supersedes": None} for c in claims])
    evidence = [
        {
            "claim_id": claim.id,
            "source_id": ev.source,
            "start": ev.start,
            "end": ev.end,
            "text": ev.text,
            "extractor": ev.extractor,
            "recorded_at": stamp(claim.recorded_at or moment),
        }
        for claim in claims
        for ev in claim.evidence
    ]
    insert_many(conn, t.evidence, evidence)


def insert_many(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """executemany with the statement compiled once for the dialect.

    `conn.execute(table.insert(), rows)` processes every row's parameters in Python: at a
    million claims that was the largest cost of an import after JSON parsing."""
    if not rows:
        return
    compiled = table.insert().compile(dialect=conn.dialect, column_keys=list(rows[0]))
    if compiled.positional:
        order = compiled.positiontup or []
        params: list[Any] = [tuple(row[key] for key in order) for row in rows]
    else:
        params = rows
    conn.exec_driver_sql(str(compiled), params)
