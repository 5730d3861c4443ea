"""`orgraph ingest` over real folders: bad files get a clear line, good ones go in, no half-writes."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from orgraph.cli import main
from orgraph.ingest import MAX_BYTES, source_id
from orgraph.store import Store

GERMAN = (
    "Die Internationale Organisation für Migration (IOM) erhielt 1992 Beobachterstatus in der "
    "Generalversammlung der Vereinten Nationen.\n"
)
ENGLISH_MD = (
    "# IOM and the UN\n\n"
    "IOM joined the UN system in September 2016. IOM leads the CCCM cluster in natural disasters.\n"
)
# A document that brings a new organization (a new entity, names, mentions) and a claim.
NEWCOMER = (
    "Die Beispielorganisation für Testzwecke (BOT) ist seit 2010 Mitglied der Globalen "
    "Migrationsgruppe (GMG). Die BOT unterzeichnete 2012 ein Kooperationsabkommen mit der IOM.\n"
)
MB = 1_000_000


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--db", str(db), *args])


def ingest(db: Path, *paths: Path) -> Result:
    result = run(db, "ingest", *map(str, paths))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def dump(db: Path) -> list[str]:
    """Every row of every table, as SQL text (triggers included)."""
    raw = sqlite3.connect(db)
    try:
        return list(raw.iterdump())
    finally:
        raw.close()


def stats(db: Path) -> dict[str, int]:
    store = Store(db, create=False)
    try:
        return store.stats()
    finally:
        store.close()


def write_big_text(path: Path, size: int) -> None:
    line = "Die IOM arbeitet seit 1996 mit den Vereinten Nationen zusammen. " * 16 + "\n"
    with path.open("w", encoding="utf-8") as out:
        for _ in range(size // len(line.encode()) + 1):
            out.write(line)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "orgraph.db"
    assert run(path, "init").exit_code == 0
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder of mixed files, as people keep them."""
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "bericht.txt").write_text(GERMAN, "utf-8")
    (docs / "sub" / "notes.md").write_text(ENGLISH_MD, "utf-8")
    (docs / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(2000))
    (docs / "latin1.txt").write_bytes(
        "Die Organisation für Migration ändert sich.\n".encode("latin-1")
    )
    (docs / "empty.txt").write_bytes(b"")
    (docs / "blank.md").write_text(" \n\t\n", "utf-8")
    write_big_text(docs / "huge.txt", 50 * MB)
    (docs / "report.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    (docs / "memo.docx").write_bytes(b"PK\x03\x04" + os.urandom(200))
    (docs / "slides.pptx").write_bytes(b"PK\x03\x04" + os.urandom(200))
    (docs / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    return docs


FAILURES = {
    "binary.txt": "binary file, not text",
    "empty.txt": "empty document",
    "blank.md": "empty document",
    "huge.txt": f"over the {MAX_BYTES // MB} MB limit",
    "report.pdf": "corrupt PDF",
    "memo.docx": "corrupt Word document",
}
SKIPPED = {"slides.pptx": "not a supported format (.pptx"}
INGESTED = ("bericht.txt", "notes.md", "latin1.txt")


def test_mixed_folder_bad_files_reported_good_ones_ingested(db: Path, folder: Path) -> None:
    result = ingest(db, folder)

    assert result.exit_code == 2
    [error] = result.stderr.splitlines()  # one line: the first failure, and how many more
    assert error.startswith("error: ") and "5 more documents failed" in error, error
    out = result.stdout.splitlines()
    for name, reason in FAILURES.items():
        [line] = [o for o in out if f"{name}:" in o]
        assert line.startswith("failed: ") and reason in line, line
    for name, reason in SKIPPED.items():
        [line] = [o for o in out if name in o]
        assert line.startswith("skipped: ") and reason in line, line
    for name in INGESTED:
        assert any(o.startswith("ingested: ") and name in o for o in out), name
    assert ".DS_Store" not in result.output  # hidden files are not documents
    assert "10 documents: 3 ingested, 1 skipped, 6 failed" in result.stdout

    store = Store(db, create=False)
    origins = sorted(Path(s.origin).name for s in store.sources())
    assert origins == sorted(INGESTED)
    [latin1] = [s for s in store.sources() if s.origin.endswith("latin1.txt")]
    assert latin1.text == "Die Organisation für Migration ändert sich.\n"  # Latin-1, detected
    assert store.stats()["claims"] >= 2
    store.close()


def test_second_run_over_the_same_folder_adds_nothing(db: Path, folder: Path) -> None:
    first = ingest(db, folder)
    after_first = dump(db)
    second = ingest(db, folder)

    assert second.exit_code == 2  # the bad files are still bad
    assert "3 ingested, 1 skipped, 6 failed" in first.stdout
    for name in INGESTED:
        [line] = [o for o in second.stdout.splitlines() if name in o]
        assert line.startswith("skipped: ") and "already ingested" in line
    assert "0 ingested, 4 skipped, 6 failed; 0 claims, 0 new entities" in second.stdout
    assert dump(db) == after_first


def test_good_files_alone_exit_zero_and_are_idempotent(db: Path, tmp_path: Path) -> None:
    docs = tmp_path / "good"
    docs.mkdir()
    (docs / "a.txt").write_text(GERMAN, "utf-8")
    (docs / "b.md").write_text(ENGLISH_MD, "utf-8")
    (docs / "copy-of-a.txt").write_text(GERMAN, "utf-8")  # same content, another name

    first = ingest(db, docs)
    assert first.exit_code == 0, first.output
    assert first.stderr == ""
    assert "3 documents: 2 ingested, 1 skipped, 0 failed" in first.stdout
    exported = run(db, "export").stdout
    assert exported

    second = ingest(db, docs / "a.txt", docs)  # a file named twice, once inside its folder
    assert second.exit_code == 0
    assert "4 documents: 0 ingested, 4 skipped, 0 failed; 0 claims" in second.stdout
    assert run(db, "export").stdout == exported


def test_json_report_names_every_document(db: Path, folder: Path) -> None:
    result = run(db, "ingest", str(folder), "--format", "json")
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    statuses = {Path(d["origin"]).name: d["status"] for d in report["documents"]}
    assert statuses == {
        **dict.fromkeys(INGESTED, "ingested"),
        **dict.fromkeys(FAILURES, "failed"),
        **dict.fromkeys(SKIPPED, "skipped"),
    }
    assert report["summary"]["failed"] == len(FAILURES)


@pytest.mark.parametrize("kind", ["text", "sparse-zeros"])
def test_oversized_file_is_refused_by_its_size(db: Path, tmp_path: Path, kind: str) -> None:
    """Refused by size before reading: a file of NULs would otherwise be called binary."""
    big = tmp_path / "big.txt"
    if kind == "text":
        write_big_text(big, 50 * MB)
    else:
        with big.open("wb") as out:
            out.truncate(50 * MB)
    result = ingest(db, big)
    assert result.exit_code == 2
    assert result.stderr.strip().startswith(f"error: {big}: ")
    assert f"is over the {MAX_BYTES // MB} MB limit" in result.stderr
    assert "binary" not in result.stderr
    assert stats(db)["sources"] == 0


def test_file_at_the_limit_is_read(db: Path, tmp_path: Path) -> None:
    """Exactly MAX_BYTES is allowed: the file is read (and then found to be binary, cheaply)."""
    at_limit = tmp_path / "limit.txt"
    with at_limit.open("wb") as out:
        out.truncate(MAX_BYTES)
    result = ingest(db, at_limit)
    assert "binary file, not text" in result.stderr, result.stderr


def test_missing_file_is_a_clear_failure(db: Path, tmp_path: Path) -> None:
    result = ingest(db, tmp_path / "nowhere.txt")
    assert result.exit_code == 2
    assert "nowhere.txt: cannot read" in result.stderr


# -- a document that fails while being stored leaves no trace -------------------------------------


def add_failing_trigger(db: Path, text: str) -> str:
    """A real SQLite trigger that aborts inserting a claim while this document is being stored."""
    sid = source_id(hashlib.sha256(text.encode("utf-8")).hexdigest())
    raw = sqlite3.connect(db)
    try:
        raw.execute(
            "CREATE TRIGGER fail_one_document BEFORE INSERT ON claims "
            f"WHEN EXISTS (SELECT 1 FROM sources WHERE id = '{sid}') "
            "BEGIN SELECT RAISE(ABORT, 'simulated failure'); END"
        )
        raw.commit()
    finally:
        raw.close()
    return sid


def drop_failing_trigger(db: Path) -> None:
    raw = sqlite3.connect(db)
    try:
        raw.execute("DROP TRIGGER fail_one_document")
        raw.commit()
    finally:
        raw.close()


def rows_of(db: Path, sid: str) -> dict[str, int]:
    raw = sqlite3.connect(db)
    try:
        return {
            table: raw.execute(f"SELECT count(*) FROM {table} WHERE {column} = ?", (sid,)).fetchone()[0]
            for table, column in (("sources", "id"), ("mentions", "source_id"), ("evidence", "source_id"))
        }  # fmt: skip
    finally:
        raw.close()


def test_failed_store_leaves_no_trace_and_others_go_in(db: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a-newcomer.txt").write_text(NEWCOMER, "utf-8")
    (docs / "b-bericht.txt").write_text(GERMAN, "utf-8")
    sid = add_failing_trigger(db, NEWCOMER)

    result = ingest(db, docs)

    assert result.exit_code == 2
    [error] = result.stderr.splitlines()
    assert error.startswith(f"error: {docs / 'a-newcomer.txt'}: ") and "simulated failure" in error
    assert "ingested: " in result.stdout and "b-bericht.txt" in result.stdout
    assert rows_of(db, sid) == {"sources": 0, "mentions": 0, "evidence": 0}
    store = Store(db, create=False)
    assert [Path(s.origin).name for s in store.sources()] == ["b-bericht.txt"]
    assert store.search("Beispielorganisation für Testzwecke") == []  # no entity, no names
    store.close()


def test_failed_store_changes_no_row_at_all(db: Path, tmp_path: Path) -> None:
    doc = tmp_path / "newcomer.txt"
    doc.write_text(NEWCOMER, "utf-8")
    sid = add_failing_trigger(db, NEWCOMER)
    before = dump(db)

    result = ingest(db, doc)

    assert result.exit_code == 2
    assert "simulated failure" in result.stderr
    assert dump(db) == before

    # Nothing remembers the failed attempt: without the trigger, the document goes in.
    drop_failing_trigger(db)
    again = ingest(db, doc)
    assert again.exit_code == 0, again.output
    assert again.stdout.startswith("ingested: ")
    assert rows_of(db, sid)["sources"] == 1
    assert rows_of(db, sid)["mentions"] > 0 and rows_of(db, sid)["evidence"] > 0
