"""The question bank: German and English questions over the demo, ../shared and the dev corpus."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from orgraph.errors import UnknownEntity
from orgraph.qa import ask
from orgraph.qa.parse import find_organizations
from orgraph.store import Store
from tests.qa.conftest import StoreFor

BANK = json.loads((Path(__file__).parent / "question_bank.json").read_text("utf-8"))["questions"]


def ids(store: Store, names: list[str]) -> list[str]:
    found = []
    for name in names:
        try:
            found.append(store.resolve(name).id)
        except UnknownEntity:
            # The question parser's matcher knows some forms the exact lookup does not.
            orgs, _ = find_organizations(store, name, "en")
            found.append(orgs[0].entity if len(orgs) == 1 else f"<unknown: {name}>")
    return sorted(found)


def check(store: Store, item: dict[str, Any]) -> None:
    result = ask(store, item["q"])
    got = result.to_json()
    assert got["kind"] == item["kind"], got["text"]
    expected = item["answer"]
    if item["kind"] == "relations":
        pairs = {
            (r["predicate"], s)
            for r in got["answer"]
            for s in (r["subject"]["id"], r["object"]["id"])
        }
        for predicate, other in item["includes"]:
            assert (predicate, store.resolve(other).id) in pairs, got["text"]
    elif item["kind"] == "roles":
        roles = sorted((r["role"], r["body"]["id"]) for r in got["answer"])
        assert roles == sorted((role, store.resolve(body).id) for role, body in expected), got[
            "text"
        ]
    elif item["kind"] == "what_is":
        # The summary: type and parent as the gazetteer and graph hold them.
        for key, value in expected.items():
            assert got["answer"][key] == value, got["text"]
    elif isinstance(expected, list):
        assert sorted(e["id"] for e in got["answer"]) == ids(store, expected), got["text"]
    else:
        assert got["answer"] == expected, got["text"]
    assert got["text"]
    if expected not in ([], None, "no"):
        assert got["citations"], got["text"]


@pytest.mark.parametrize("item", BANK, ids=[f"{q['id']}-{q['lang']}" for q in BANK])
def test_question_bank(store_for: StoreFor, item: dict[str, Any]) -> None:
    store, _ = store_for(*item["docs"])
    check(store, item)


# Words of the English answer phrases; a German answer has none of them (names aside).
ENGLISH = re.compile(
    r"\b(since|until|Yes|No|Uncertain|Members|members|founded|renamed|led|Formerly|within|"
    r"today|sources|first called|Merged|cooperates|agreement|participates|lead agency)\b"
)


@pytest.mark.parametrize(
    "item",
    [q for q in BANK if q["lang"] == "de"],
    ids=[q["id"] for q in BANK if q["lang"] == "de"],
)
def test_german_answers_are_german(store_for: StoreFor, item: dict[str, Any]) -> None:
    store, _ = store_for(*item["docs"])
    text = ask(store, item["q"], lang="en").text  # the UI language does not decide
    assert not ENGLISH.search(text), text


NEW_KINDS = {"leader", "what_is", "relation_kind", "event", "part_of"}


def test_bank_size_and_languages() -> None:
    assert len(BANK) >= 128
    new = [q for q in BANK if q["kind"] in NEW_KINDS]
    assert len(new) >= 40
    assert {q["kind"] for q in new} == NEW_KINDS
    for kind in NEW_KINDS:
        assert {q["lang"] for q in new if q["kind"] == kind} == {"de", "en"}, kind
    assert {q["lang"] for q in BANK} == {"de", "en"}
    over_bundled = [q for q in BANK if q["docs"][0].startswith(("shared:", "demo:"))]
    assert len(over_bundled) >= 40
