"""Bad input through the real CLI: one `error:` line, exit code 2, no traceback, nothing written."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from orgraph.cli import main
from orgraph.store import Store

Snapshot = tuple[str, dict[str, int]]


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--db", str(db), *args])


def snapshot(db: Path) -> Snapshot:
    """What the store says: its JSONL export (history included) and its row counts."""
    exported = run(db, "export", "--history")
    assert exported.exit_code == 0, exported.output
    store = Store(db, create=False)
    try:
        return exported.stdout, store.stats()
    finally:
        store.close()


def assert_clean_error(result: Result, *fragments: str) -> str:
    """Exit 2, exactly one stderr line starting with `error:`, nothing on stdout, no traceback."""
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: "), lines[0]
    assert result.stdout == ""
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    return lines[0]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A real database file after `init`, with two claims in it."""
    path = tmp_path / "orgraph.db"
    assert run(path, "init").exit_code == 0
    for args in (
        ("IOM", "member_of", "GMG", "--start", "2006"),
        ("IOM", "member_of", "UNGA", "--role", "observer", "--start", "1992"),
    ):
        result = run(path, "add", *args)
        assert result.exit_code == 0, result.output
    return path


# -- add: every kind of bad input ------------------------------------------------------------

BAD_ADDS = [
    pytest.param(
        ["Weltbnk", "member_of", "GMG"], ["unknown entity", "Weltbank"], id="typo-suggests"
    ),
    pytest.param(
        ["IOM", "member_of", "Globl Migraton Grup"], ["Global Migration Group"], id="typo-obj"
    ),
    pytest.param(["Zzyzx Qwerty", "member_of", "GMG"], ["unknown entity", "Zzyzx"], id="no-match"),
    pytest.param(["IOM", "membr_of", "GMG"], ["unknown predicate", "member_of"], id="predicate"),
    pytest.param(["IOM", "", "GMG"], ["PREDICATE", "must not be empty"], id="empty-predicate"),
    pytest.param(["IOM", "member_of", "GMG", "--start", "2006-13"], ["2006-13"], id="month-13"),
    pytest.param(["IOM", "member_of", "GMG", "--start", "soon"], ["soon"], id="soon"),
    pytest.param(["IOM", "member_of", "GMG", "--start", "30. Februar 2023"], ["does not exist"]),
    pytest.param(["IOM", "member_of", "GMG", "--start", "2023-02-30"], ["does not exist"]),
    pytest.param(["IOM", "member_of", "GMG", "--end", "2005-02-29"], ["does not exist"], id="end"),
    pytest.param(
        ["IOM", "member_of", "GMG", "--start", "2010", "--end", "2005"],
        ["before"],
        id="end-before-start",
    ),
    pytest.param(
        ["IOM", "member_of", "GMG", "--start", "Ende 2006", "--end", "Anfang 2006"],
        ["before"],
        id="end-before-start-fuzzy",
    ),
    pytest.param(
        ["IOM", "member_of", "GMG", "--role", "lead"], ["role 'lead'", "member_of"], id="role"
    ),
    pytest.param(["IOM", "part_of", "GMG", "--role", "member"], ["allowed: none"], id="no-roles"),
    pytest.param(["IOM", "member_of", "IOM"], ["itself"], id="self-relation"),
]


@pytest.mark.parametrize(("args", "fragments"), BAD_ADDS)
def test_bad_add_is_one_clean_line_and_writes_nothing(
    db: Path, args: list[str], fragments: list[str]
) -> None:
    before = snapshot(db)
    assert_clean_error(run(db, "add", *args), *fragments)
    assert snapshot(db) == before


def test_unknown_entity_lists_close_matches_not_unrelated_ones(db: Path) -> None:
    line = assert_clean_error(run(db, "add", "Weltbnk", "member_of", "GMG"))
    suggested = line.split("did you mean:", 1)[1]
    assert "Weltbank" in suggested
    assert "GMG" not in suggested and "IOM" not in suggested


BAD_QUERIES = [
    pytest.param(["members", "GMG", "--at", "soon"], ["soon"], id="members-bad-date"),
    pytest.param(["members", "Weltbnk", "--at", "2006"], ["Weltbank"], id="members-unknown"),
    pytest.param(["is-member", "IOM", "GMG", "--at", "2023-02-30"], ["does not exist"]),
    pytest.param(["is-member", "Weltbnk", "GMG", "--at", "2006"], ["Weltbank"], id="is-member"),
    pytest.param(["timeline", "Weltbnk"], ["Weltbank"], id="timeline"),
    pytest.param(["names", "Zzyzx Qwerty"], ["unknown entity"], id="names"),
]


@pytest.mark.parametrize(("args", "fragments"), BAD_QUERIES)
def test_bad_query_is_one_clean_line(db: Path, args: list[str], fragments: list[str]) -> None:
    before = snapshot(db)
    assert_clean_error(run(db, *args), *fragments)
    assert snapshot(db) == before


# -- names in other forms and inflections resolve ----------------------------------------------

FORMS = [
    ("der Weltbank", "world-bank"),
    ("World Bank", "world-bank"),
    ("Banque mondiale", "world-bank"),
    ("UNO-Flüchtlingshilfswerk", "unhcr"),
    ("des UNO-Flüchtlingshilfswerks", "unhcr"),
    ("der Internationalen Organisation für Migration", "iom"),
    ("UN DESA", "desa"),
    ("UNDESA", "desa"),
]


@pytest.mark.parametrize(("form", "entity_id"), FORMS)
def test_add_resolves_other_forms_and_inflections(db: Path, form: str, entity_id: str) -> None:
    result = run(db, "add", form, "member_of", "der Generalversammlung", "--format", "json")
    assert result.exit_code == 0, result.output
    line = json.loads(result.stdout)
    assert (line["subject"]["id"], line["object"]["id"]) == (entity_id, "unga")
    assert line["status"] == "accepted"
    assert line["end"] == {"open": True}


# -- an unreadable or corrupt database file ---------------------------------------------------


def _corrupt_files(tmp_path: Path) -> dict[str, bytes]:
    good = tmp_path / "good.db"
    store = Store(good)
    store.seed()
    store.close()  # the last connection closes: the WAL is checkpointed into the main file
    assert not good.with_name("good.db-wal").exists()
    data = good.read_bytes()
    flipped = bytearray(data)
    for index in range(4096, len(flipped), 97):
        flipped[index] ^= 0xA5
    return {
        "random-bytes": os.urandom(8192),
        "text": b"Die IOM ist Mitglied der GMG.\n" * 50,
        "sqlite-header-then-noise": b"SQLite format 3\x00" + os.urandom(8000),
        "truncated": data[: len(data) // 2],
        "bits-flipped": bytes(flipped),
    }


CORRUPT_KINDS = ["random-bytes", "text", "sqlite-header-then-noise", "truncated", "bits-flipped"]
COMMANDS = [
    ["init"],
    ["add", "IOM", "member_of", "GMG"],
    ["members", "GMG", "--at", "2006"],
    ["export"],
    ["ingest", "{doc}"],
    ["import", "{jsonl}"],
]


@pytest.mark.parametrize("kind", CORRUPT_KINDS)
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_corrupt_database_is_refused_and_left_untouched(
    tmp_path: Path, kind: str, command: list[str]
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    doc = work / "doc.txt"
    doc.write_text("Die IOM ist seit 2006 Mitglied der Globalen Migrationsgruppe.\n", "utf-8")
    jsonl = work / "claims.jsonl"
    jsonl.write_text(
        json.dumps(
            {
                "subject": {"id": "iom", "label": "IOM"},
                "predicate": "member_of",
                "object": {"id": "gmg", "label": "GMG"},
            }
        )
        + "\n",
        "utf-8",
    )
    target = work / "broken.db"
    target.write_bytes(_corrupt_files(tmp_path)[kind])
    before = target.read_bytes()
    files_before = sorted(p.name for p in work.iterdir())

    args = [a.format(doc=doc, jsonl=jsonl) for a in command]
    assert_clean_error(run(target, *args), "broken.db")

    assert target.read_bytes() == before
    assert sorted(p.name for p in work.iterdir()) == files_before  # no -wal/-journal left behind


def test_missing_database_asks_for_init(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.db"
    assert_clean_error(run(missing, "members", "GMG", "--at", "2006"), "orgraph init")
    assert not missing.exists()


# -- JSONL import: one bad line, nothing imported ------------------------------------------------


def _valid_lines(tmp_path: Path) -> list[str]:
    source = tmp_path / "source.db"
    assert run(source, "init").exit_code == 0
    for args in (
        ("UNHCR", "member_of", "GMG", "--start", "April 2003"),
        ("ILO", "member_of", "GMG", "--start", "2003-04", "--role", "founding_member"),
        ("IOM", "agreement_with", "UN", "--start", "1996", "-q", "kind=cooperation_agreement"),
    ):
        assert run(source, "add", *args).exit_code == 0
    exported = run(source, "export")
    lines = exported.stdout.splitlines()
    assert len(lines) == 3
    return lines


def _mutated(line: str, **changes: Any) -> str:
    data = json.loads(line)
    data["id"] = "c-bad-line"
    data.update(changes)
    return json.dumps(data, ensure_ascii=False)


BAD_LINES = {
    "not-json": lambda line: line[:-10],
    "not-an-object": lambda line: "[1, 2, 3]",
    "unknown-predicate": lambda line: _mutated(line, predicate="member_off"),
    "role-does-not-fit": lambda line: _mutated(line, role="lead"),
    "missing-subject": lambda line: _mutated(line, subject=None),
    "malformed-date": lambda line: _mutated(line, start={"edtf": "2006-13", "text": "x"}),
    "impossible-date": lambda line: _mutated(line, start={"edtf": "2023-02-30", "text": "x"}),
    "end-before-start": lambda line: _mutated(
        line, start={"edtf": "2010", "text": "2010"}, end={"edtf": "2005", "text": "2005"}
    ),
    "confidence-above-1": lambda line: _mutated(line, confidence=1.5),
    "unknown-status": lambda line: _mutated(line, status="maybe"),
    "self-relation": lambda line: _mutated(line, object=json.loads(line)["subject"]),
}


@pytest.mark.parametrize("bad", sorted(BAD_LINES))
def test_import_with_one_invalid_line_names_it_and_imports_nothing(
    tmp_path: Path, db: Path, bad: str
) -> None:
    good = _valid_lines(tmp_path)
    # A blank line counts: the number is the line of the file a person opens in an editor.
    lines = [good[0], "", good[1], BAD_LINES[bad](good[2]), good[2]]
    path = tmp_path / "claims.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    before = snapshot(db)
    assert_clean_error(run(db, "import", str(path)), "line 4")
    assert snapshot(db) == before


def test_import_of_a_file_that_is_not_utf8(tmp_path: Path, db: Path) -> None:
    path = tmp_path / "claims.jsonl"
    path.write_bytes('{"predicate": "Mitglied für"}\n'.encode("latin-1"))
    before = snapshot(db)
    assert_clean_error(run(db, "import", str(path)), "not UTF-8")
    assert snapshot(db) == before


def test_import_of_the_valid_lines_alone_works(tmp_path: Path, db: Path) -> None:
    """The control for the test above: without the bad line, all three go in."""
    path = tmp_path / "claims.jsonl"
    path.write_text("\n".join(_valid_lines(tmp_path)) + "\n", "utf-8")
    result = run(db, "import", str(path))
    assert result.exit_code == 0, result.output
    assert "imported 3 claims" in result.stdout


# -- the edges of the calendar ----------------------------------------------------------------


@pytest.mark.parametrize("start", ["0001-01?", "0001-01-01~"])
def test_uncertain_dates_in_year_one_are_kept_within_the_calendar(db: Path, start: str) -> None:
    result = run(db, "add", "IOM", "member_of", "GMG", "--start", start, "--format", "json")
    assert result.exit_code == 0, result.output
    recorded = json.loads(result.stdout)
    assert recorded["start"]["lower"] == "0001-01-01"
