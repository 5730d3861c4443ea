"""Damage in the middle of a store file — not only in its header — is found on open by every
command, reported in one line, and nothing is written into the damaged file."""

from __future__ import annotations

import json
import os
import random
import sqlite3
from pathlib import Path

import pytest

from orgraph.ingest import ingest_text
from orgraph.store import Store
from tests.test_cli_errors import assert_clean_error, run

TEXT = (
    "Die Globale Migrationsgruppe wurde Anfang 2006 um UNDESA, UNDP, UNFPA und die Weltbank "
    "erweitert. Die IOM erhielt 1992 Beobachterstatus in der Generalversammlung."
)


@pytest.fixture(scope="module")
def damaged(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A real store (gazetteer, a document, claims) with 40 KB of noise written into its middle."""
    path = tmp_path_factory.mktemp("damage") / "good.db"
    store = Store(path)
    store.seed()
    assert ingest_text(store, TEXT, "doc.txt").status == "ingested"
    store.close()  # checkpointed: the whole store is in the main file
    data = bytearray(path.read_bytes())
    assert len(data) > 200_000
    middle = len(data) // 2
    data[middle : middle + 40_000] = random.Random(12).randbytes(40_000)
    assert data[:16] == b"SQLite format 3\x00"  # the header is intact: only the body is damaged
    return bytes(data)


COMMANDS = [
    ["init"],
    ["check"],
    ["members", "GMG", "--at", "2010"],
    ["is-member", "IOM", "GMG", "--at", "2010"],
    ["timeline", "IOM"],
    ["relations", "IOM"],
    ["names", "GMG"],
    ["export"],
    ["export", "--format", "csv"],
    ["ask", "Wer war 2010 Mitglied der GMG?"],
    ["add", "IOM", "member_of", "GMG"],
    ["ingest", "{doc}"],
    ["import", "{jsonl}"],
    ["plot", "timeline", "GMG", "-o", "{work}/chart.svg"],
    ["serve", "--port", "1"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: "-".join(c[:2]))
def test_every_command_reports_damage_in_the_middle_and_writes_nothing(
    tmp_path: Path, damaged: bytes, command: list[str]
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    doc = work / "doc.txt"
    doc.write_text("Die IOM ist seit 2010 Mitglied der Globalen Migrationsgruppe.\n", "utf-8")
    jsonl = work / "claims.jsonl"
    line = {"subject": {"id": "iom", "label": "IOM"}, "predicate": "member_of"}
    jsonl.write_text(json.dumps({**line, "object": {"id": "gmg", "label": "GMG"}}) + "\n", "utf-8")
    target = work / "store.db"
    target.write_bytes(damaged)
    files_before = sorted(p.name for p in work.iterdir())

    args = [a.format(doc=doc, jsonl=jsonl, work=work) for a in command]
    message = assert_clean_error(run(target, *args), "store.db", "damaged")

    assert "Page" in message  # SQLite's own finding, not a guess
    assert target.read_bytes() == damaged
    assert sorted(p.name for p in work.iterdir()) == files_before


def test_quick_check_finds_what_a_plain_open_misses(damaged: bytes, tmp_path: Path) -> None:
    """The control: SQLite opens the damaged file and reads its schema without complaint, so
    only the check on open tells the commands that the file is damaged."""
    target = tmp_path / "store.db"
    target.write_bytes(damaged)
    raw = sqlite3.connect(target)
    try:
        tables = {r[0] for r in raw.execute("select name from sqlite_master where type='table'")}
        assert {"claims", "migrations"} <= tables
        try:
            verdict = raw.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            verdict = str(exc)
        assert verdict != "ok"
    finally:
        raw.close()
    assert os.path.getsize(target) == len(damaged)
