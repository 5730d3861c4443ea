"""The Store: one SQLite file (WAL mode) holding entities, sources, claims and evidence.

Every write goes through `transaction()`: a document's source, mentions,
entities and claims land together or not at all.
"""

from __future__ import annotations

import difflib
import sqlite3
import threading
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, and_, case, create_engine, event, func, or_, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DatabaseError, DBAPIError, OperationalError
from sqlalchemy.pool import StaticPool

from orgraph.errors import DocumentStored, NotFound, StoreError, UnknownEntity
from orgraph.fuzzydate import FuzzyDate
from orgraph.gazetteer import Gazetteer, Succession, load_gazetteer
from orgraph.interval import EndState
from orgraph.model import Claim, Entity, Evidence, Name, PageSpan, Source, StatedCount, Status
from orgraph.names import acronym_key, looks_like_acronym, name_key
from orgraph.statements import refined, same_fact
from orgraph.store import opening
from orgraph.store import schema as t
from orgraph.store.codec import (
    claim_columns,
    claim_from,
    date_columns,
    date_from,
    now,
    stamp,
    unstamp,
)

LEARNED_KINDS = ("seen", "reference")  # name kinds that come from documents, not curation


def _descriptive(entity: tuple[str, str, str | None]) -> tuple[int, str, str, str]:
    """Sort key: the longer label first (a long form over its acronym), ties alphabetically."""
    label, kind, parent = entity
    return (-len(label), label, kind, parent or "")


def name_row_key(name: Name) -> str:
    return acronym_key(name.text) if name.kind == "acronym" else name_key(name.text)


def as_known_stamp(as_known: date | datetime | None) -> str | None:
    """A transaction-time cut-off: a bare date means the end of that day (UTC)."""
    if as_known is None:
        return None
    if isinstance(as_known, datetime):
        return stamp(as_known)
    return stamp(datetime.combine(as_known, time.max).replace(tzinfo=now().tzinfo))


def _sentences(claim: Claim) -> set[tuple[str, int, int, str]]:
    """The pieces of evidence a claim rests on, as comparable values."""
    return {(e.source, e.start, e.end, e.text) for e in claim.evidence}


@dataclass(frozen=True)
class Withdrawal:
    """What withdrawing evidence did: pieces withdrawn, statements touched, statements retracted."""

    evidence: int
    statements: list[str]
    retracted: list[str]

    def to_json(self) -> dict[str, Any]:
        return {
            "evidence": self.evidence,
            "statements": self.statements,
            "retracted": self.retracted,
        }


def rename_roots(edges: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each entity on a rename edge → the first (smallest) id of its chain."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    edges = list(edges)
    for old, new in edges:
        a, b = root(old), root(new)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return {x: root(x) for pair in edges for x in pair}


class Store:
    """A claim store on SQLite. `Store()` is in memory; `Store("orgraph.db")` a file."""

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        create: bool = True,
        adopt: bool = False,
        durable: bool = False,
    ) -> None:
        """Open (or, with `create`, make) a store; `adopt` lets an empty or foreign SQLite file
        become one (only `orgraph init` asks for that); `durable` syncs every commit to disk."""
        self.path = Path(path) if path is not None else None
        self.durable = durable
        if self.path is not None:
            kind = opening.inspect(self.path)
            if kind is opening.FileKind.MISSING:
                if not create:
                    raise StoreError(f"no database at {self.path} (run `orgraph init` first)")
                opening.create_whole(self.path, self._build)
            else:
                opening.refuse_unless_ours(self.path, kind, adopt=adopt)
        self.engine = self._connect(self.path)
        self._local = threading.local()  # the connection of a `snapshot()`, per thread
        self._migrate()

    # -- connection ---------------------------------------------------------------

    def _connect(self, path: Path | None) -> Engine:
        if path is None:
            engine = create_engine(
                "sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False}
            )
        else:
            engine = create_engine(
                f"sqlite:///{path}",
                connect_args={"check_same_thread": False, "timeout": opening.BUSY_TIMEOUT},
            )
        # WAL + NORMAL: a commit is atomic and survives a crash of the process; a power loss
        # can lose the last commits (never half of one). FULL also syncs each commit.
        synchronous = "FULL" if self.durable else "NORMAL"

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi: sqlite3.Connection, _record: object) -> None:
            # WAL: readers keep reading while one writer writes.
            dbapi.execute("PRAGMA journal_mode=WAL")
            dbapi.execute("PRAGMA foreign_keys=ON")
            dbapi.execute(f"PRAGMA synchronous={synchronous}")
            # 64 MB of page cache (default 2 MB): a bulk import into a store of a million
            # claims touches index pages all over the file.
            dbapi.execute("PRAGMA cache_size=-65536")

        return engine

    def _build(self, scratch: Path) -> None:
        """Make a new, migrated store file at `scratch` (then linked into place whole)."""
        engine = self._connect(scratch)
        try:
            self._apply_migrations(engine)
        finally:
            engine.dispose()

    def _migrate(self) -> None:
        try:
            self._apply_migrations(self.engine)
        except (DatabaseError, OperationalError, sqlite3.DatabaseError) as exc:
            where = self.path or "memory"
            raise StoreError(
                f"cannot open database {where}: {exc.__class__.__name__}: not an orgraph store or corrupt"
            ) from None

    def _apply_migrations(self, engine: Engine) -> None:
        with engine.connect() as conn:
            has_table = engine.dialect.has_table(conn, t.migrations_table.name)
            pending = not has_table or {v for v, _n, _s in t.MIGRATIONS} - t.applied_versions(conn)
        if not pending:
            return  # the usual case: opening writes nothing and waits for no writer
        with engine.begin() as conn:
            if self.path is not None:
                conn.exec_driver_sql("BEGIN IMMEDIATE")  # one process migrates, others wait
            t.migrations_table.create(conn, checkfirst=True)
            done = t.applied_versions(conn)
            for version, name, step in sorted(t.MIGRATIONS):
                if version not in done:
                    step(conn)
                    conn.execute(
                        t.migrations_table.insert().values(
                            version=version, name=name, applied_at=stamp(now())
                        )
                    )

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One atomic unit of work; rolled back entirely on any error.

        A database failure (locked, read-only, a constraint) becomes a one-line StoreError.
        """
        try:
            with self.engine.begin() as conn:
                if self.path is not None:
                    # Take the write lock first: what the transaction reads stays true until it
                    # commits (no check-then-insert races between processes), and a busy store
                    # makes it wait for its turn instead of failing at its first write.
                    conn.exec_driver_sql("BEGIN IMMEDIATE")
                yield conn
        except DBAPIError as exc:
            reason = str(exc.orig).splitlines()[0] if exc.orig is not None else type(exc).__name__
            raise StoreError(f"database error, nothing written: {reason}") from None

    @contextmanager
    def snapshot(self) -> Iterator[Connection]:
        """One connection and one read snapshot for every read inside: a whole answer's
        statements share them instead of each opening its own."""
        shared = getattr(self._local, "conn", None)
        if shared is not None:
            yield shared
            return
        with self._reading(None) as conn:
            self._local.conn = conn
            try:
                yield conn
            finally:
                self._local.conn = None

    @contextmanager
    def _reading(self, conn: Connection | None) -> Iterator[Connection]:
        conn = conn if conn is not None else getattr(self._local, "conn", None)
        if conn is not None:
            yield conn
        else:
            with self.engine.connect() as fresh:
                if self.path is not None:
                    # One WAL snapshot for every statement of this read: never half a commit.
                    fresh.exec_driver_sql("BEGIN")
                yield fresh

    def close(self) -> None:
        self.engine.dispose()

    # -- gazetteer ----------------------------------------------------------------

    def seed(self, gazetteer: Gazetteer | None = None) -> int:
        """Load the gazetteer's entities (idempotent: known ids are left as they are)."""
        gazetteer = gazetteer or load_gazetteer()
        with self.transaction() as conn:
            known = set(conn.scalars(select(t.entities.c.id)))
            fresh = [e for e in gazetteer.entities if e.id not in known]
            for entity in fresh:
                self._insert_entity(conn, entity, with_parent=False)
            for entity in fresh:
                if entity.parent:
                    conn.execute(
                        t.entities.update()
                        .where(t.entities.c.id == entity.id)
                        .values(parent_id=entity.parent)
                    )
            for succession in gazetteer.successions:
                if succession.predecessor in {e.id for e in fresh}:
                    self._insert_succession(conn, succession)
        return len(fresh)

    def _insert_succession(self, conn: Connection, succession: Succession) -> None:
        conn.execute(
            t.successions.insert().values(
                predecessor_id=succession.predecessor,
                successor_id=succession.successor,
                change=succession.change,
                until=succession.until.edtf if succession.until else None,
            )
        )

    # -- entities -----------------------------------------------------------------

    def _insert_entity(self, conn: Connection, entity: Entity, *, with_parent: bool = True) -> None:
        conn.execute(
            t.entities.insert().values(
                id=entity.id,
                type=entity.type,
                label=entity.label,
                parent_id=entity.parent if with_parent else None,
                wikidata=entity.wikidata,
            )
        )
        self._insert_names(conn, entity.id, entity.names)

    def _insert_names(self, conn: Connection, entity_id: str, names: Iterable[Name]) -> None:
        rows = [
            {
                "entity_id": entity_id,
                "name": n.text,
                "key": name_row_key(n),
                "lang": n.lang,
                "kind": n.kind,
                "valid_until": n.valid_until.edtf if n.valid_until else None,
            }
            for n in names
        ]
        if rows:
            conn.execute(t.names.insert(), rows)

    def add_entity(self, entity: Entity, conn: Connection | None = None) -> Entity:
        """Insert a new entity, or add its unseen names to the existing one with that id."""
        if conn is None:
            with self.transaction() as own:
                return self.add_entity(entity, own)
        existing = conn.execute(select(t.entities).where(t.entities.c.id == entity.id)).first()
        if existing is None:
            self._insert_entity(conn, entity)
        else:
            self.add_names(entity.id, entity.names, conn)
            self._settle_learned(conn, existing, entity)
        return self.entity(entity.id, conn)

    @staticmethod
    def _settle_learned(conn: Connection, row: Any, offered: Entity) -> None:
        """An entity known only from documents takes the most descriptive label (then type and
        parent) any of them gave it, so the store does not depend on the order of ingestion."""
        curated = conn.execute(
            select(t.names.c.id).where(
                t.names.c.entity_id == row.id, t.names.c.kind.not_in(LEARNED_KINDS)
            )
        ).first()
        if curated is not None:  # from the gazetteer or a person: never relabelled
            return
        have = (row.label, row.type, row.parent_id)
        given = (offered.label, offered.type, offered.parent)
        if _descriptive(given) < _descriptive(have):
            conn.execute(
                t.entities.update()
                .where(t.entities.c.id == row.id)
                .values(label=offered.label, type=offered.type, parent_id=offered.parent)
            )

    def add_names(self, entity_id: str, names: Iterable[Name], conn: Connection) -> None:
        """Record surface forms not yet known for the entity."""
        have = set(conn.scalars(select(t.names.c.name).where(t.names.c.entity_id == entity_id)))
        fresh: dict[str, Name] = {}
        for name in names:
            if name.text not in have:
                fresh.setdefault(name.text, name)
        self._insert_names(conn, entity_id, fresh.values())

    def entity(self, entity_id: str, conn: Connection | None = None) -> Entity:
        found = self.entities_by_id([entity_id], conn)
        if entity_id not in found:
            raise UnknownEntity(entity_id)
        return found[entity_id]

    def entities_by_id(
        self, entity_ids: Iterable[str], conn: Connection | None = None
    ) -> dict[str, Entity]:
        """The stored entities among these ids, with their names: two statements per 500 ids."""
        ids = sorted(set(entity_ids))
        found: dict[str, Entity] = {}
        with self._reading(conn) as c:
            learned = t.names.c.kind.in_(LEARNED_KINDS)
            for first in range(0, len(ids), 500):
                chunk = ids[first : first + 500]
                names: dict[str, list[Name]] = {}
                for n in c.execute(
                    select(t.names)
                    .where(t.names.c.entity_id.in_(chunk))
                    # Curated names in their own order, then forms seen in texts alphabetically:
                    # the order of ingestion leaves no trace.
                    .order_by(learned, case((learned, t.names.c.name), else_=""), t.names.c.id)
                ):
                    valid = date_from({"v_edtf": n.valid_until, "v_mod": None, "v_text": ""}, "v")
                    names.setdefault(n.entity_id, []).append(Name(n.name, n.lang, n.kind, valid))
                for row in c.execute(select(t.entities).where(t.entities.c.id.in_(chunk))):
                    found[row.id] = Entity(
                        id=row.id,
                        type=row.type,
                        label=row.label,
                        parent=row.parent_id,
                        wikidata=row.wikidata,
                        names=names.get(row.id, []),
                    )
        return found

    def entity_ids(self, conn: Connection | None = None) -> set[str]:
        with self._reading(conn) as c:
            return set(c.scalars(select(t.entities.c.id)))

    def entities(self, conn: Connection | None = None) -> list[Entity]:
        with self._reading(conn) as c:
            ids = list(c.scalars(select(t.entities.c.id).order_by(t.entities.c.id)))
            found = self.entities_by_id(ids, c)
            return [found[i] for i in ids]

    def resolve(self, name: str, conn: Connection | None = None) -> Entity:
        """The entity a name denotes: by id, acronym, or any inflected form of any name.

        Raises UnknownEntity with close matches when nothing fits.
        """
        text = name.strip()
        with self._reading(conn) as c:
            by_id = self.entities_by_id([text], c)
            if text in by_id:
                return by_id[text]
            for key in self._candidate_keys(text):
                ids = list(
                    dict.fromkeys(
                        c.scalars(
                            select(t.names.c.entity_id).where(
                                t.names.c.key == key, t.names.c.kind != "reference"
                            )
                        )
                    )
                )
                if ids:
                    return self.entity(self._prefer(c, ids), c)
            suggestions = difflib.get_close_matches(
                name_key(text), list(set(c.scalars(select(t.names.c.key)))), n=3, cutoff=0.75
            )
            labels = [
                c.scalars(select(t.names.c.name).where(t.names.c.key == key)).first() or key
                for key in suggestions
            ]
        raise UnknownEntity(name, [label for label in labels if label])

    @staticmethod
    def _candidate_keys(text: str) -> list[str]:
        keys = []
        if looks_like_acronym(text):
            keys.append(acronym_key(text))
            if text.endswith("s"):
                keys.append(acronym_key(text[:-1]))  # plural: UNCTs
        keys.append(name_key(text))
        keys.append(acronym_key(text))  # "UN Women": an acronym-like name with lower-case letters
        keys.append(acronym_key(text).upper())
        return [k for k in keys if k]

    @staticmethod
    def _prefer(conn: Connection, ids: Sequence[str]) -> str:
        """Among entities sharing a name, prefer one with claims (the better-known one)."""
        for entity_id in ids:
            if conn.execute(
                select(t.claims.c.id).where(
                    or_(t.claims.c.subject_id == entity_id, t.claims.c.object_id == entity_id)
                )
            ).first():
                return entity_id
        return ids[0]

    def search(self, query: str, limit: int = 20) -> list[Entity]:
        """Entities whose names contain the query (folded), best first."""
        key = name_key(query)
        acr = acronym_key(query).upper()
        with self._reading(None) as c:
            rows = c.execute(select(t.names.c.entity_id, t.names.c.key, t.names.c.name)).all()
            scored: dict[str, int] = {}
            for entity_id, row_key, text in rows:
                score = 0
                if row_key in (key, acr) or acronym_key(text).upper() == acr:
                    score = 3
                elif key and key in row_key:
                    score = 2
                elif key and any(w.startswith(key) for w in row_key.split()):
                    score = 1
                if score:
                    scored[entity_id] = max(scored.get(entity_id, 0), score)
            ranked = sorted(scored, key=lambda i: (-scored[i], i))[:limit]
            found = self.entities_by_id(ranked, c)
            return [found[i] for i in ranked]

    def successions(
        self, conn: Connection | None = None, *, touching: Sequence[str] | None = None
    ) -> list[Succession]:
        """The gazetteer's identity changes (those with one of `touching` on either side)."""
        query = select(t.successions)
        if touching is not None:
            s_ = t.successions.c
            query = query.where(or_(s_.predecessor_id.in_(touching), s_.successor_id.in_(touching)))
        with self._reading(conn) as c:
            return [
                Succession(
                    r.predecessor_id,
                    r.successor_id,
                    r.change,
                    date_from({"u_edtf": r.until, "u_mod": None, "u_text": ""}, "u"),
                )
                for r in c.execute(query)
            ]

    # -- sources ------------------------------------------------------------------

    def source_by_hash(self, sha256: str, conn: Connection | None = None) -> Source | None:
        with self._reading(conn) as c:
            row = c.execute(select(t.sources).where(t.sources.c.sha256 == sha256)).first()
        return self._source_from(row) if row else None

    def add_source(self, source: Source, conn: Connection) -> None:
        """Record a document; DocumentStored when its content is already there.

        Insert-or-skip in one statement: two processes storing the same document at once
        cannot both pass a check and then collide on the content hash.
        """
        inserted = conn.execute(
            sqlite_insert(t.sources)
            .values(
                id=source.id,
                sha256=source.sha256,
                lang=source.lang,
                title=source.title,
                origin=source.origin,
                as_of=source.as_of.edtf if source.as_of else None,
                as_of_inferred=int(source.as_of_inferred),
                text=source.text,
                format=source.format,
                ingested_at=stamp(now()),
            )
            .on_conflict_do_nothing()
        )
        if inserted.rowcount == 0:
            raise DocumentStored(source.id)

    def source(self, source_id: str) -> Source:
        with self._reading(None) as c:
            row = c.execute(select(t.sources).where(t.sources.c.id == source_id)).first()
        if row is None:
            raise NotFound(f"no document {source_id!r}")
        return self._source_from(row)

    def sources(self) -> list[Source]:
        with self._reading(None) as c:
            return [
                self._source_from(r)
                for r in c.execute(select(t.sources).order_by(t.sources.c.ingested_at))
            ]

    @staticmethod
    def _source_from(row: Any) -> Source:
        as_of = date_from({"a_edtf": row.as_of, "a_mod": None, "a_text": ""}, "a")
        return Source(
            row.id,
            row.sha256,
            row.lang,
            row.title,
            row.origin,
            row.text,
            as_of,
            row.format or "txt",
            bool(row.as_of_inferred),
        )

    def source_dates(
        self, source_ids: Iterable[str], conn: Connection | None = None
    ) -> dict[str, tuple[FuzzyDate, str]]:
        """Each document's as-of date and title, for the documents that have one."""
        ids = sorted(set(source_ids))
        found: dict[str, tuple[FuzzyDate, str]] = {}
        with self._reading(conn) as c:
            for first in range(0, len(ids), 500):
                rows = c.execute(
                    select(t.sources.c.id, t.sources.c.as_of, t.sources.c.title).where(
                        t.sources.c.id.in_(ids[first : first + 500]), t.sources.c.as_of.is_not(None)
                    )
                )
                for sid, as_of, title in rows:
                    found[sid] = (FuzzyDate.parse(as_of), title)
        return found

    def add_pages(self, source_id: str, pages: Iterable[PageSpan], conn: Connection) -> None:
        rows = [
            {"source_id": source_id, "start": p.start, "end": p.end, "page": p.page, "ocr": p.ocr}
            for p in pages
        ]
        if rows:
            conn.execute(t.source_pages.insert(), rows)

    def pages(self, source_id: str) -> list[PageSpan]:
        """The page map of a source (empty for formats without pages)."""
        with self._reading(None) as c:
            rows = c.execute(
                select(t.source_pages)
                .where(t.source_pages.c.source_id == source_id)
                .order_by(t.source_pages.c.start)
            )
            return [PageSpan(r.start, r.end, r.page, bool(r.ocr)) for r in rows]

    def add_mentions(
        self, source_id: str, rows: Iterable[dict[str, Any]], conn: Connection
    ) -> None:
        batch = [{"source_id": source_id, **row} for row in rows]
        if batch:
            conn.execute(t.mentions.insert(), batch)

    def mentions(self, source_id: str) -> list[dict[str, Any]]:
        with self._reading(None) as c:
            rows = c.execute(
                select(t.mentions)
                .where(t.mentions.c.source_id == source_id)
                .order_by(t.mentions.c.start)
            )
            return [dict(r._mapping) for r in rows]

    # -- claims -------------------------------------------------------------------

    def add_claim(
        self, claim: Claim, conn: Connection | None = None, supersedes: str | None = None
    ) -> Claim:
        """Validate and record a claim (new id and `recorded_at` unless it already has them)."""
        if conn is None:
            with self.transaction() as own:
                return self.add_claim(claim, own, supersedes)
        claim.validate()
        for entity_id in (claim.subject, claim.object):
            self.entity(entity_id, conn)  # raises UnknownEntity
        claim.id = claim.id or "c" + uuid.uuid4().hex[:15]
        claim.recorded_at = claim.recorded_at or now()
        conn.execute(t.claims.insert().values(**claim_columns(claim), supersedes=supersedes))
        self._add_evidence(claim.id, claim.evidence, claim.recorded_at, conn)
        return claim

    @staticmethod
    def _add_evidence(
        claim_id: str, evidence: Sequence[Evidence], at: datetime, conn: Connection
    ) -> None:
        if evidence:
            conn.execute(
                t.evidence.insert(),
                [
                    {
                        "claim_id": claim_id,
                        "source_id": ev.source,
                        "start": ev.start,
                        "end": ev.end,
                        "text": ev.text,
                        "extractor": ev.extractor,
                        "recorded_at": stamp(at),
                    }
                    for ev in evidence
                ],
            )

    def record(
        self,
        claim: Claim,
        conn: Connection,
        identity: dict[str, str] | None = None,
        apart_from: set[str] = frozenset(),  # type: ignore[assignment]
    ) -> Claim:
        """Record a claim as a statement: evidence for the statement that already states the same
        fact (refining its time where the claim is more precise), or a new statement.

        `identity` maps each entity to its rename lineage (`rename_identity`); pass it when
        recording many claims at once. Statements in `apart_from` are not matched."""
        claim.validate()
        identity = self.rename_identity(conn) if identity is None else identity
        roots = {
            identity.get(claim.subject, claim.subject),
            identity.get(claim.object, claim.object),
        }
        ends = {claim.subject, claim.object} | {e for e, root in identity.items() if root in roots}
        candidates = self.claims(
            subjects=sorted(ends), objects=sorted(ends), predicates=[claim.predicate], conn=conn
        )
        # A document's own claims were already pooled by its extraction: what it keeps apart
        # stays apart, so a statement that already rests on this document takes no more of it.
        # (A person's statements are each their own source.) Among several matches the one
        # resting on the earliest sentence, so the graph does not depend on the order in which
        # documents come.
        pieces = _sentences(claim)
        own = {e.source for e in claim.evidence if not e.extractor.startswith("manual")}

        matches = [
            c
            for c in candidates
            if c.id not in apart_from
            and same_fact(c, claim, identity)
            # The same sentence already stands behind it (an import run again): the same
            # statement. Otherwise a statement resting on this document takes no more of it.
            and (pieces & _sentences(c) or not own & {e.source for e in c.evidence})
        ]
        twin = min(
            matches,
            key=lambda c: min(((e.source, e.start) for e in c.evidence), default=("", 0)),
            default=None,
        )
        if twin is None:
            return self.add_claim(claim, conn)
        seen = _sentences(twin)
        fresh = [e for e in claim.evidence if (e.source, e.start, e.end, e.text) not in seen]
        better = refined(twin, claim, identity)
        if better is not None:
            better.evidence = twin.evidence + fresh
            return self._supersede(twin.id, better, conn)
        self._add_evidence(twin.id, fresh, now(), conn)
        twin.evidence += fresh
        return twin

    def rename_identity(self, conn: Connection | None = None) -> dict[str, str]:
        """Each entity in a rename chain → the chain's first entity (bodies across their names)."""
        return rename_roots(self.rename_edges(conn))

    def rename_edges(self, conn: Connection | None = None) -> list[tuple[str, str]]:
        """(old, new) for every rename: the gazetteer's, and current `renamed_to` statements."""
        with self._reading(conn) as c:
            edges = [
                (p, s)
                for p, s in c.execute(
                    select(t.successions.c.predecessor_id, t.successions.c.successor_id).where(
                        t.successions.c.change == "renamed"
                    )
                )
            ]
            edges += [
                (s, o)
                for s, o in c.execute(
                    select(t.claims.c.subject_id, t.claims.c.object_id).where(
                        t.claims.c.predicate == "renamed_to",
                        t.claims.c.retracted_at.is_(None),
                        t.claims.c.status != Status.REJECTED.value,
                    )
                )
            ]
        return edges

    def claim(self, claim_id: str, conn: Connection | None = None) -> Claim:
        with self._reading(conn) as c:
            row = c.execute(select(t.claims).where(t.claims.c.id == claim_id)).first()
            if row is None:
                raise NotFound(f"no claim {claim_id!r}")
            # A retracted record keeps the evidence it had when it was retracted.
            cutoff = row.retracted_at
            if cutoff is not None:
                cutoff = stamp(datetime.fromisoformat(cutoff) - timedelta(microseconds=1))
            return claim_from(row, self._evidence(c, [claim_id], cutoff).get(claim_id, []))

    def retract(self, claim_id: str, conn: Connection) -> Claim:
        old = self.claim(claim_id, conn)
        if old.retracted_at is not None:
            raise NotFound(f"claim {claim_id!r} was already retracted; edit its successor")
        conn.execute(
            t.claims.update().where(t.claims.c.id == claim_id).values(retracted_at=stamp(now()))
        )
        return old

    def correct(self, claim_id: str, replacement: Claim) -> Claim:
        """Retract a claim and record its replacement in one transaction (never overwrite)."""
        with self.transaction() as conn:
            return self._supersede(claim_id, replacement, conn)

    def _supersede(self, claim_id: str, replacement: Claim, conn: Connection) -> Claim:
        old = self.retract(claim_id, conn)
        replacement.id = ""
        replacement.recorded_at = None
        replacement.evidence = replacement.evidence or old.evidence
        return self.add_claim(replacement, conn, supersedes=claim_id)

    def withdraw(self, *, source: str | None = None, evidence_id: int | None = None) -> Withdrawal:
        """Withdraw a document's evidence, or one piece of evidence, in one transaction."""
        with self.transaction() as conn:
            return self.retract_evidence(conn, source=source, evidence_id=evidence_id)

    def retract_evidence(
        self, conn: Connection, *, source: str | None = None, evidence_id: int | None = None
    ) -> Withdrawal:
        """Withdraw a document's evidence (or one piece): the statements keep their other
        evidence; a statement left with none is retracted."""
        e = t.evidence.c
        which = e.source_id == source if evidence_id is None else e.id == evidence_id
        # Only the evidence of current records: a superseded record keeps its own as history.
        current = select(t.claims.c.id).where(t.claims.c.retracted_at.is_(None))
        live = and_(which, e.retracted_at.is_(None), e.claim_id.in_(current))
        touched = set(conn.scalars(select(e.claim_id).where(live)))
        if not touched:
            raise NotFound(
                f"no evidence from document {source!r}"
                if evidence_id is None
                else f"no current evidence {evidence_id}"
            )
        moment = stamp(now())
        pieces = conn.execute(t.evidence.update().where(live).values(retracted_at=moment)).rowcount
        still = set(
            conn.scalars(
                select(e.claim_id).where(e.claim_id.in_(touched), e.retracted_at.is_(None))
            )
        )
        empty = sorted(touched - still)
        conn.execute(
            t.claims.update()
            .where(t.claims.c.id.in_(empty), t.claims.c.retracted_at.is_(None))
            .values(retracted_at=moment)
        )
        return Withdrawal(pieces, sorted(touched), empty)

    def set_status(self, claim_id: str, status: Status) -> Claim:
        """Accept or reject: a new record with the new status; the old one is retracted."""
        old = self.claim(claim_id)
        old.status = status
        return self.correct(claim_id, old)

    def history(self, claim_id: str) -> list[Claim]:
        """The chain of records a claim went through, oldest first."""
        with self._reading(None) as c:
            chain = [claim_id]
            while prev := c.scalar(select(t.claims.c.supersedes).where(t.claims.c.id == chain[0])):
                chain.insert(0, prev)
            while nxt := c.scalar(select(t.claims.c.id).where(t.claims.c.supersedes == chain[-1])):
                chain.append(nxt)
            return [self.claim(i, c) for i in chain]

    def claims(
        self,
        *,
        subjects: Sequence[str] | None = None,
        objects: Sequence[str] | None = None,
        predicates: Sequence[str] | None = None,
        involving: Sequence[str] | None = None,
        source: str | None = None,
        status: Status | None = None,
        as_known: date | datetime | None = None,
        include_rejected: bool = False,
        during: tuple[date, date] | None = None,
        limit: int | None = None,
        offset: int = 0,
        conn: Connection | None = None,
    ) -> list[Claim]:
        """Claims that are current (or were, on `as_known`), filtered; rejected ones left out.

        `during` (first, last day) leaves out claims certainly outside that period: begun after
        it or ended before it (the stored bounds are the widest the dates allow). Claims with
        qualifiers stay, whatever their dates: a qualifier can date them otherwise."""
        c_ = t.claims.c
        query = select(t.claims)
        if during is not None:
            first, last = (day.isoformat() for day in during)
            query = query.where(
                or_(
                    and_(
                        or_(c_.start_lower.is_(None), c_.start_lower <= last),
                        or_(c_.end_upper.is_(None), c_.end_upper >= first),
                    ),
                    c_.qualifiers != "{}",
                )
            )
        cutoff = as_known_stamp(as_known)
        if cutoff is None:
            query = query.where(c_.retracted_at.is_(None))
        else:
            query = query.where(
                c_.recorded_at <= cutoff, or_(c_.retracted_at.is_(None), c_.retracted_at > cutoff)
            )
        if subjects is not None:
            query = query.where(c_.subject_id.in_(subjects))
        if objects is not None:
            query = query.where(c_.object_id.in_(objects))
        if involving is not None:
            query = query.where(or_(c_.subject_id.in_(involving), c_.object_id.in_(involving)))
        if predicates is not None:
            query = query.where(c_.predicate.in_(predicates))
        if status is not None:
            query = query.where(c_.status == status.value)
        elif not include_rejected:
            query = query.where(c_.status != Status.REJECTED.value)
        if source is not None:
            query = query.where(
                c_.id.in_(
                    select(t.evidence.c.claim_id).where(
                        t.evidence.c.source_id == source,
                        t.evidence.c.retracted_at.is_(None)
                        if cutoff is None
                        else or_(
                            t.evidence.c.retracted_at.is_(None), t.evidence.c.retracted_at > cutoff
                        ),
                    )
                )
            )
        query = query.order_by(c_.recorded_at, c_.id)
        if limit is not None:
            query = query.limit(limit)
        if offset:
            query = query.offset(offset)
        with self._reading(conn) as c:
            rows = c.execute(query).all()
            evidence = self._evidence(c, [r.id for r in rows], cutoff)
            found = [claim_from(r, evidence.get(r.id, [])) for r in rows]
            return self._attest(found, c)

    def _attest(self, claims: list[Claim], conn: Connection) -> list[Claim]:
        """Ongoing statements are certain only up to the latest as-of date of their documents.

        A statement a person stated keeps no such limit (it is stated as holding now), nor one
        whose documents give no date at all; a document without a date adds nothing to it."""
        dates = self.source_dates({e.source for c in claims for e in c.evidence}, conn)
        for claim in claims:
            if claim.interval.end_state is not EndState.ONGOING or not claim.evidence:
                continue
            if any(e.extractor.startswith("manual") for e in claim.evidence):
                continue
            dated = [dates[e.source] for e in claim.evidence if e.source in dates]
            if not dated:
                continue
            as_of, title = max(dated, key=lambda d: d[0].lower)
            # A document that states the start was written after it.
            start = claim.interval.start
            if start is not None and as_of.lower < start.upper:
                as_of = FuzzyDate.from_date(start.upper)
            claim.interval = replace(claim.interval, attested=as_of, attested_by=title)
        return claims

    @staticmethod
    def _evidence(
        conn: Connection, claim_ids: Sequence[str], cutoff: str | None = None
    ) -> dict[str, list[Evidence]]:
        """The evidence of each claim as it stood at `cutoff` (now when None)."""
        e = t.evidence.c
        current = (
            e.retracted_at.is_(None)
            if cutoff is None
            else and_(
                or_(e.recorded_at.is_(None), e.recorded_at <= cutoff),
                or_(e.retracted_at.is_(None), e.retracted_at > cutoff),
            )
        )
        found: dict[str, list[Evidence]] = {}
        for chunk_start in range(0, len(claim_ids), 500):
            chunk = claim_ids[chunk_start : chunk_start + 500]
            rows = conn.execute(
                select(t.evidence).where(e.claim_id.in_(chunk), current).order_by(e.id)
            )
            for r in rows:
                found.setdefault(r.claim_id, []).append(
                    Evidence(r.source_id, r.start, r.end, r.text, r.extractor, r.id)
                )
        return found

    def all_claims_ever(self) -> list[Claim]:
        """Every record, retracted ones included, in recording order (for export and audit)."""
        with self._reading(None) as c:
            rows = c.execute(select(t.claims).order_by(t.claims.c.recorded_at, t.claims.c.id)).all()
            evidence = self._evidence(c, [r.id for r in rows if r.retracted_at is None])
            # A retracted record with the evidence it had when it was retracted.
            past = {r.id: self.claim(r.id, c).evidence for r in rows if r.retracted_at}
        return [claim_from(r, past.get(r.id) or evidence.get(r.id, [])) for r in rows]

    # -- stated counts ------------------------------------------------------------

    def add_stated_count(self, stated: StatedCount, conn: Connection) -> None:
        ev = stated.evidence
        conn.execute(
            t.stated_counts.insert().values(
                body_id=stated.body,
                count=stated.count,
                complete=int(stated.complete),
                **date_columns("at", stated.at),
                source_id=ev.source if ev else None,
                start=ev.start if ev else None,
                end=ev.end if ev else None,
                text=ev.text if ev else None,
                extractor=ev.extractor if ev else None,
                recorded_at=stamp(now()),
            )
        )

    def stated_counts(
        self, bodies: Sequence[str] | None = None, as_known: date | datetime | None = None
    ) -> list[StatedCount]:
        s = t.stated_counts.c
        query = select(t.stated_counts)
        cutoff = as_known_stamp(as_known)
        query = (
            query.where(s.retracted_at.is_(None))
            if cutoff is None
            else query.where(
                and_(
                    s.recorded_at <= cutoff, or_(s.retracted_at.is_(None), s.retracted_at > cutoff)
                )
            )
        )
        if bodies is not None:
            query = query.where(s.body_id.in_(bodies))
        with self._reading(None) as c:
            rows = c.execute(query.order_by(s.id)).all()
        return [
            StatedCount(
                body=r.body_id,
                count=r._mapping["count"],
                at=date_from(r, "at"),
                complete=bool(r.complete),
                evidence=Evidence(r.source_id, r.start, r.end, r.text, r.extractor)
                if r.source_id
                else None,
            )
            for r in rows
        ]

    def last_recorded(self, conn: Connection) -> datetime | None:
        """The latest transaction time in the store (a record or a retraction), if any."""
        moments = [
            conn.scalar(select(func.max(column)))
            for column in (
                t.claims.c.recorded_at,
                t.claims.c.retracted_at,
                t.stated_counts.c.recorded_at,
                t.stated_counts.c.retracted_at,
            )
        ]
        return unstamp(max((m for m in moments if m), default=None))

    def objects_of(self, predicates: Sequence[str]) -> list[str]:
        """The entities that current, unrejected claims with these predicates point to."""
        c_ = t.claims.c
        with self._reading(None) as c:
            return list(
                c.scalars(
                    select(c_.object_id)
                    .distinct()
                    .where(
                        c_.retracted_at.is_(None),
                        c_.status != Status.REJECTED.value,
                        c_.predicate.in_(predicates),
                    )
                    .order_by(c_.object_id)
                )
            )

    def claim_counts(self) -> dict[str, int]:
        """How many current claims have each status (one query, for the review queue)."""
        c_ = t.claims.c
        with self._reading(None) as c:
            rows = c.execute(
                select(c_.status, func.count()).where(c_.retracted_at.is_(None)).group_by(c_.status)
            ).all()
        found = {status: count for status, count in rows}
        return {s.value: int(found.get(s.value, 0)) for s in Status}

    def stats(self) -> dict[str, int]:
        with self._reading(None) as c:
            return {
                "entities": c.scalar(select(func.count()).select_from(t.entities)) or 0,
                "sources": c.scalar(select(func.count()).select_from(t.sources)) or 0,
                "claims": c.scalar(
                    select(func.count())
                    .select_from(t.claims)
                    .where(t.claims.c.retracted_at.is_(None))
                )
                or 0,
            }
