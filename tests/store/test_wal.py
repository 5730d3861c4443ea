"""WAL mode: readers keep reading one consistent state while a writer writes."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from orgraph.ingest import store_extraction
from orgraph.interval import Interval
from orgraph.model import Claim, Evidence, Source
from orgraph.pipeline.extract import extract
from orgraph.store import Store

LIMIT = 10.0  # seconds; every wait is bounded, the store's own busy timeout is 30 s


@pytest.fixture
def path(tmp_path: Path) -> Path:
    db = tmp_path / "orgraph.db"
    store = Store(db)
    store.seed()
    store.close()
    return db


@pytest.fixture
def two(path: Path) -> Iterator[tuple[Store, Store]]:
    """A writer and a reader: two Stores (two engines, two connections) over one file."""
    writer, reader = Store(path, create=False), Store(path, create=False)
    yield writer, reader
    writer.close()
    reader.close()


def claim(subject: str, start: str = "2006") -> Claim:
    from orgraph.curation import read_date

    sentence = f"{subject} ist seit {start} Mitglied."
    return Claim(
        subject,
        "member_of",
        "gmg",
        interval=Interval(read_date(start), None),
        evidence=[Evidence("manual", 0, len(sentence), sentence, "manual:test")],
    )


def in_thread(work: Callable[[], None]) -> tuple[threading.Thread, list[BaseException]]:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as exc:  # reported to the test thread
            errors.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, errors


def test_file_is_in_wal_mode(path: Path) -> None:
    raw = sqlite3.connect(path)
    try:
        # WAL is a property of the file: a plain connection that sets nothing sees it too.
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        raw.close()
    store = Store(path, create=False)
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    store.close()


def test_reader_sees_the_last_commit_while_a_writer_holds_a_transaction(
    two: tuple[Store, Store],
) -> None:
    writer, reader = two
    writer.add_claim(claim("iom"))
    written, release = threading.Event(), threading.Event()

    def write_document() -> None:
        with writer.transaction() as conn:
            text_ = "Die UNDP ist seit 2006 Mitglied der GMG."
            source = Source("doc-test", "f" * 64, "de", "test", "test.txt", text_)
            writer.add_source(source, conn)
            writer.add_claim(claim("undp"), conn)
            writer.add_claim(claim("unfpa"), conn)
            written.set()
            assert release.wait(LIMIT)

    thread, errors = in_thread(write_document)
    try:
        assert written.wait(LIMIT), errors
        started = time.monotonic()
        stats = reader.stats()
        members = sorted(c.subject for c in reader.claims(objects=["gmg"]))
        assert time.monotonic() - started < LIMIT / 2, "the reader waited for the writer"
        assert (stats["claims"], stats["sources"]) == (1, 0)
        assert members == ["iom"]
    finally:
        release.set()
        thread.join(LIMIT)
    assert not thread.is_alive() and not errors, errors
    assert (reader.stats()["claims"], reader.stats()["sources"]) == (3, 1)
    assert sorted(c.subject for c in reader.claims(objects=["gmg"])) == ["iom", "undp", "unfpa"]


def test_writer_commits_while_a_reader_holds_a_snapshot(two: tuple[Store, Store]) -> None:
    """Only WAL lets a commit through while a read transaction is open (a rollback journal
    would make the writer wait for the reader); the reader keeps its snapshot until it ends."""
    writer, reader = two
    writer.add_claim(claim("iom"))
    with reader.engine.connect() as conn:
        conn.exec_driver_sql("BEGIN")
        assert [c.subject for c in reader.claims(conn=conn)] == ["iom"]

        thread, errors = in_thread(lambda: writer.add_claim(claim("undp")) and None)
        thread.join(LIMIT)
        assert not thread.is_alive(), "the writer was blocked by the reader"
        assert not errors, errors

        assert [c.subject for c in reader.claims(conn=conn)] == ["iom"]  # the same snapshot
        assert reader.stats()["claims"] == 2  # a fresh reader sees the commit
        conn.exec_driver_sql("COMMIT")
        assert sorted(c.subject for c in reader.claims(conn=conn)) == ["iom", "undp"]


def test_a_document_becomes_visible_all_at_once(two: tuple[Store, Store]) -> None:
    """A reader polling during an ingestion sees either none of the document or all of it."""
    writer, reader = two
    text_ = (
        "Die Globale Migrationsgruppe wurde Anfang 2006 um UNDESA, UNDP, UNFPA und die Weltbank "
        "erweitert. Die IOM erhielt 1992 Beobachterstatus in der Generalversammlung."
    )
    result = extract(text_, "de", "doc-poll")
    assert len(result.claims) >= 3
    source = Source("doc-poll", "e" * 64, result.lang, "poll", "poll.txt", text_)
    seen = poll_during(reader, lambda: store_extraction(writer, source, result) and None)
    assert seen <= {(0, 0), (1, len(result.claims))}, seen
    assert reader.stats()["claims"] == len(result.claims)


def test_one_read_is_one_snapshot_across_many_commits(two: tuple[Store, Store]) -> None:
    """`stats()` counts sources and claims in two statements; a commit must not fall between."""
    writer, reader = two
    documents, per_document = 40, 3

    def write_many() -> None:
        for number in range(documents):
            with writer.transaction() as conn:
                sid = f"doc-{number}"
                writer.add_source(Source(sid, f"{number:064d}", "de", sid, sid, "Text."), conn)
                for subject in ("iom", "undp", "unfpa")[:per_document]:
                    writer.add_claim(claim(subject, str(1990 + number)), conn)

    seen = poll_during(reader, write_many)
    assert all(claims == per_document * sources for sources, claims in seen), sorted(seen)
    assert (documents, documents * per_document) in seen


def poll_during(reader: Store, write: Callable[[], None]) -> set[tuple[int, int]]:
    """(sources, claims) as a reader sees them, polled while `write` runs in this thread."""
    seen: set[tuple[int, int]] = set()
    done = threading.Event()

    def poll() -> None:
        while not done.is_set():
            stats = reader.stats()
            seen.add((stats["sources"], stats["claims"]))

    thread, errors = in_thread(poll)
    try:
        write()
    finally:
        time.sleep(0.05)
        done.set()
        thread.join(LIMIT)
    assert not thread.is_alive() and not errors, errors
    return seen
