"""Helpers: claims of a stored document in a form that compares across formats; the CLI."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from orgraph.cli import main
from orgraph.documents import Document
from orgraph.ingest import OCR_MARK, ingest_document
from orgraph.store import Store


def fresh_store() -> Store:
    store = Store()
    store.seed()
    return store


def ingest(document: Document) -> tuple[Store, str]:
    store = fresh_store()
    report = ingest_document(store, document)
    assert report.status == "ingested", report
    return store, report.source_id


def claim_keys(store: Store, source_id: str) -> Counter[tuple[Any, ...]]:
    """What a claim says and the sentence it rests on; offsets and ids differ by format."""
    return Counter(
        (
            c.subject,
            c.predicate,
            c.object,
            c.role,
            tuple(sorted(c.qualifiers.items())),
            # The interval as stated (the as-of horizon comes from the format's metadata date).
            (c.interval.start, c.interval.end, c.interval.end_state),
            c.status.value,
            c.confidence,
            tuple(sorted((e.text, e.extractor.removeprefix(OCR_MARK)) for e in c.evidence)),
        )
        for c in store.claims(source=source_id)
    )


def assert_offsets_point_at_sentences(store: Store, source_id: str) -> int:
    """Every evidence record's offsets cut its sentence out of the stored text; how many."""
    text = store.source(source_id).text
    count = 0
    for claim in store.claims(source=source_id):
        for ev in claim.evidence:
            assert text[ev.start : ev.end] == ev.text, (ev.start, ev.end, ev.text)
            count += 1
    return count


def run(db: Path, *args: str) -> Result:
    """`orgraph --db DB ARGS…` in-process; bad input never shows a traceback."""
    result = CliRunner().invoke(main, ["--db", str(db), *args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result
