"""Acceptance: every gold question of the IOM–UN account, asked in German and in English
through `orgraph ask --format json` after ingesting that document, is answered correctly."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from orgraph.cli import main
from orgraph.goldfile import load_gold, resolve_gold_entity
from orgraph.store import Store
from tests.conftest import shared_path
from tests.qa.conftest import StoreFor

GOLD = "eval/iom-un-relations.gold.json"


def gold_questions() -> list[Any]:
    return [(lang, i) for i in range(12) for lang in ("de", "en")]


def expected_ids(store: Store, gold_ids: list[str]) -> list[str]:
    gold = load_gold(shared_path(GOLD))
    found = []
    for gold_id in gold_ids:
        entity = resolve_gold_entity(store, gold.entities[gold_id])
        found.append(entity or f"<unresolved {gold_id}>")
    return sorted(found)


@pytest.mark.shared
def test_gold_file_has_the_questions_tested() -> None:
    assert len(load_gold(shared_path(GOLD)).questions) == 12


@pytest.mark.shared
@pytest.mark.parametrize(("lang", "index"), gold_questions())
def test_gold_question_through_the_cli(store_for: StoreFor, lang: str, index: int) -> None:
    gold = load_gold(shared_path(GOLD))
    item: dict[str, Any] = gold.questions[index]
    store, db = store_for("shared:corpus/iom-un-relations.de.txt")
    run = CliRunner().invoke(main, ["--db", str(db), "ask", item[lang], "--format", "json"])
    assert run.exit_code == 0, run.output
    result = json.loads(run.output)
    assert result["kind"] == item["kind"], result["text"]
    if isinstance(item["answer"], list):
        assert sorted(e["id"] for e in result["answer"]) == expected_ids(store, item["answer"]), (
            result["text"]
        )
    else:
        assert result["answer"] == item["answer"], result["text"]
    if item["answer"] not in ([], None, "no"):
        assert result["citations"], result["text"]
        assert all(c["sentence"] for c in result["citations"])
