"""`import` in chunks: all-or-nothing across chunks, idempotent, and still merging a line into
the statement the store held before the import (issue 11)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from orgraph.benchgraph import Graph, jsonl_line
from orgraph.errors import InvalidImport
from orgraph.export import jsonl
from orgraph.export.jsonl import export_lines, import_lines
from orgraph.store import Store


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonl, "CHUNK", 7)  # many chunks from a small file


def lines(size: int) -> list[str]:
    return [jsonl_line(fact) for fact in Graph(size).facts()]


def test_chunks_store_every_line_once_and_again_nothing() -> None:
    file = lines(200)
    store = Store()
    assert import_lines(store, file) == len(file)
    assert store.stats()["claims"] == len(file)
    assert import_lines(store, file) == 0
    exported = {json.loads(line)["id"] for line in export_lines(store)}
    assert exported == {json.loads(line)["id"] for line in file}


def test_a_bad_line_after_many_chunks_leaves_the_store_unchanged() -> None:
    store = Store()
    before = store.stats()
    file = [*lines(60), '{"subject": "no"}']
    with pytest.raises(InvalidImport, match=f"line {len(file)}:"):
        import_lines(store, file)
    assert store.stats() == before


def test_a_repeated_line_counts_once() -> None:
    file = lines(20)
    store = Store()
    assert import_lines(store, [*file, file[3]]) == len(file)


def test_the_file_is_read_as_it_is_imported() -> None:
    """Memory flat in the file's size: lines are consumed a chunk at a time."""
    store = Store()
    consumed: list[int] = []

    def reading() -> Iterator[str]:
        for number, line in enumerate(lines(30), start=1):
            consumed.append(number)
            yield line

    import_lines(store, reading())
    assert store.stats()["claims"] == 30 + len(Graph(30).renamed)
    assert len(consumed) == 30 + len(Graph(30).renamed)


def test_a_line_stating_a_held_fact_becomes_its_evidence() -> None:
    store = Store()
    file = lines(40)
    import_lines(store, file)
    held = json.loads(file[-1])
    again = {**held, "id": "c-again", "evidence": [{**held["evidence"][0], "source": "doc-other"}]}
    assert import_lines(store, [json.dumps(again)]) == 1
    merged = [c for c in store.claims() if "doc-other" in {e.source for e in c.evidence}]
    assert len(merged) == 1 and merged[0].id != "c-again"  # merged, not a new statement
    assert {e.source for e in merged[0].evidence} == {held["evidence"][0]["source"], "doc-other"}
    assert store.stats()["claims"] == len(file)


def test_cli_import_of_a_large_file_streams(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from orgraph.cli import main

    path = tmp_path / "graph.jsonl"
    path.write_text("\n".join(lines(100)) + "\n", encoding="utf-8")
    db = tmp_path / "o.db"
    result = CliRunner().invoke(main, ["--db", str(db), "import", str(path)])
    assert result.exit_code == 0, result.output
    assert f"imported {len(lines(100))} claims" in result.output
    assert Store(db).stats()["claims"] == len(lines(100))


def test_renamed_body_lines_still_merge_across_the_rename() -> None:
    """A held membership of the old name, restated for the new name, is one statement
    (bodies across their names)."""
    graph = next(g for g in (Graph(400, seed=s) for s in range(100)) if g.renamed)
    old, (new, _) = sorted(graph.renamed.items())[0]
    file = [jsonl_line(fact) for fact in graph.facts()]
    store = Store()
    import_lines(store, file)
    held = next(
        line
        for line in map(json.loads, file)
        if line["object"]["id"] == old and line["predicate"] == "member_of"
    )
    again = {
        **held,
        "id": "c-renamed",
        "object": {**held["object"], "id": new, "label": new},
        "evidence": [{**held["evidence"][0], "source": "doc-renamed"}],
    }
    import_lines(store, [json.dumps(again)])
    assert "c-renamed" not in {c.id for c in store.claims()}
    assert any("doc-renamed" in {e.source for e in c.evidence} for c in store.claims())
