"""Tables of the store (SQLAlchemy Core), and the migrations that create them.

Dates are kept as their EDTF text plus modifier and surface text (exact round
trip), with ISO lower/upper bounds beside them for indexing. Transaction time:
`recorded_at` and `retracted_at` on claims and stated counts; rows are never
updated except to set `retracted_at`.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    Column,
    Connection,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    inspect,
    select,
    text,
)

metadata = MetaData()

migrations_table = Table(
    "migrations",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("name", String, nullable=False),
    Column("applied_at", String, nullable=False),
)

entities = Table(
    "entities",
    metadata,
    Column("id", String, primary_key=True),
    Column("type", String, nullable=False),
    Column("label", String, nullable=False),
    Column("parent_id", String),
    Column("wikidata", String),
)

names = Table(
    "names",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entity_id", String, ForeignKey("entities.id"), nullable=False),
    Column("name", String, nullable=False),
    Column("key", String, nullable=False),  # names.name_key(), or acronym_key() for acronyms
    Column("lang", String, nullable=False, default=""),
    Column("kind", String, nullable=False),
    Column("valid_until", String),
    Index("ix_names_key", "key"),
    Index("ix_names_entity", "entity_id"),
)

# Identity changes known as data (the gazetteer's predecessors): predecessor → successor.
successions = Table(
    "successions",
    metadata,
    Column("predecessor_id", String, ForeignKey("entities.id"), primary_key=True),
    Column("successor_id", String, ForeignKey("entities.id"), primary_key=True),
    Column("change", String, nullable=False),  # renamed | merged | replaced
    Column("until", String),
)

sources = Table(
    "sources",
    metadata,
    Column("id", String, primary_key=True),
    Column("sha256", String, nullable=False, unique=True),
    Column("lang", String, nullable=False),
    Column("title", String, nullable=False),
    Column("origin", String, nullable=False),
    Column("as_of", String),
    Column("as_of_inferred", Integer, nullable=False, default=0),
    Column("text", Text, nullable=False),
    Column("ingested_at", String, nullable=False),
    Column("format", String),  # added by migration 2; NULL for documents stored before it
)

# Which page of the original each stretch of a source's normalized text came from (migration 2).
source_pages = Table(
    "source_pages",
    metadata,
    Column("source_id", String, ForeignKey("sources.id"), primary_key=True),
    Column("start", Integer, primary_key=True),
    Column("end", Integer, nullable=False),
    Column("page", Integer, nullable=False),
    Column("ocr", Integer, nullable=False, default=0),
)

_date_columns = ("edtf", "mod", "text", "lower", "upper")

claims = Table(
    "claims",
    metadata,
    Column("id", String, primary_key=True),
    Column("subject_id", String, ForeignKey("entities.id"), nullable=False),
    Column("predicate", String, nullable=False),
    Column("object_id", String, ForeignKey("entities.id"), nullable=False),
    Column("role", String),
    Column("qualifiers", Text, nullable=False, default="{}"),
    *(Column(f"start_{c}", String) for c in _date_columns),
    *(Column(f"end_{c}", String) for c in _date_columns),
    Column("end_state", String, nullable=False),
    Column("status", String, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("recorded_at", String, nullable=False),
    Column("retracted_at", String),
    Column("supersedes", String),
    Index("ix_claims_object", "object_id", "predicate"),
    Index("ix_claims_subject", "subject_id", "predicate"),
)

# Members at a date: a body's claims narrowed by their bounds within the index.
interval_index = Index(
    "ix_claims_object_time",
    claims.c.object_id,
    claims.c.predicate,
    claims.c.start_lower,
    claims.c.end_upper,
)

evidence = Table(
    "evidence",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("claim_id", String, ForeignKey("claims.id"), nullable=False),
    Column("source_id", String, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("extractor", String, nullable=False),
    # Transaction time of the evidence itself: a statement gains evidence when a later
    # document states the same fact, and loses it when that document is retracted.
    Column("recorded_at", String),  # None: recorded with its claim
    Column("retracted_at", String),
    Index("ix_evidence_claim", "claim_id"),
    Index("ix_evidence_source", "source_id"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source_id", String, ForeignKey("sources.id"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("kind", String, nullable=False),  # org | time
    Column("value", String, nullable=False),  # entity id, or EDTF value
    Column("text", String, nullable=False),
    Index("ix_mentions_source", "source_id"),
)

stated_counts = Table(
    "stated_counts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("body_id", String, ForeignKey("entities.id"), nullable=False),
    Column("count", Integer, nullable=False),
    Column("complete", Integer, nullable=False, default=0),
    *(Column(f"at_{c}", String) for c in _date_columns),
    Column("source_id", String),
    Column("start", Integer),
    Column("end", Integer),
    Column("text", Text),
    Column("extractor", String),
    Column("recorded_at", String, nullable=False),
    Column("retracted_at", String),
)

Migration = Callable[[Connection], None]
MIGRATIONS: list[tuple[int, str, Migration]] = []


def migration(version: int, name: str) -> Callable[[Migration], Migration]:
    """Register a schema step; steps run once each, in order, recorded in `migrations`."""

    def register(step: Migration) -> Migration:
        MIGRATIONS.append((version, name, step))
        return step

    return register


@migration(1, "initial tables")
def _initial(conn: Connection) -> None:
    metadata.create_all(
        conn, tables=[t for t in metadata.sorted_tables if t is not migrations_table]
    )


@migration(2, "source format and page map")
def _source_pages(conn: Connection) -> None:
    # A fresh store already has both from step 1 (which creates the tables as they are now);
    # a store made before this step gets the column and the table here.
    columns = {c["name"] for c in inspect(conn).get_columns("sources")}
    if "format" not in columns:
        conn.execute(text("ALTER TABLE sources ADD COLUMN format VARCHAR"))
    source_pages.create(conn, checkfirst=True)


@migration(3, "statements: evidence in transaction time, inferred as-of dates, no reference names")
def _statements(conn: Connection) -> None:
    added = {
        "evidence": ("recorded_at VARCHAR", "retracted_at VARCHAR"),
        "sources": ("as_of_inferred INTEGER NOT NULL DEFAULT 0",),
    }
    for table, columns in added.items():
        have = {c["name"] for c in inspect(conn).get_columns(table)}
        for column in columns:
            if column.split()[0] not in have:
                conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {column}")
    # Reference phrases ("die Organisation") are evidence of a mention, never a name.
    conn.execute(names.delete().where(names.c.kind == "reference"))


@migration(4, "index for interval filters")
def _interval_index(conn: Connection) -> None:
    # A fresh store has it from step 1; an older one gets it here.
    interval_index.create(conn, checkfirst=True)


def applied_versions(conn: Connection) -> set[int]:
    return set(conn.scalars(select(migrations_table.c.version)))
