"""Foundation acceptance: gold facts entered by hand (the `add` path), gold questions answered."""

from __future__ import annotations

from typing import Any

import pytest

from orgraph import curation
from orgraph.goldfile import GoldFile, load_gold, question_of, resolve_gold_entity
from orgraph.model import Entity, Name
from orgraph.names import slug
from orgraph.qa.answer import Kind, answer
from orgraph.store import Store
from tests.conftest import shared_path

# Kinds whose answers follow from the facts alone (the liaison question needs the Secretariat's units).
FOUNDATION_KINDS = {k.value for k in Kind} - {"liaises"}
MOD_WORDS = {"START": "early", "MID": "mid", "END": "late"}


def enter_gold_facts(store: Store, gold: GoldFile) -> dict[str, str]:
    """Create entities the gazetteer lacks, then add every gold fact through curation.add_claim."""
    ids: dict[str, str] = {}
    for entity in gold.entities.values():
        found = resolve_gold_entity(store, entity)
        if found is None:
            found = slug(entity.id)
            store.add_entity(
                Entity(
                    found,
                    "organization",
                    entity.forms[0],
                    [Name(f, "", "seen") for f in entity.forms],
                )
            )
        ids[entity.id] = found
    for fact in gold.facts:
        raw = fact.raw
        start = None
        if raw.get("start"):
            start = f"{MOD_WORDS[raw['mod']]} {raw['start']}" if raw.get("mod") else raw["start"]
        qualifiers = {k: str(raw[k]) for k in ("kind", "instrument") if raw.get(k)}
        if raw.get("qualifier"):
            qualifiers["context"] = raw["qualifier"]
        curation.add_claim(
            store,
            ids[fact.s],
            fact.r,
            ids[fact.o],
            role=fact.role,
            start=start,
            qualifiers=qualifiers,
            by="test",
        )
    return ids


def matches(gold_answer: Any, result: Any, ids: dict[str, str]) -> bool:
    if isinstance(gold_answer, list):
        return sorted(ids[g] for g in gold_answer) == sorted(e["id"] for e in result)
    return gold_answer == result


@pytest.mark.shared
@pytest.mark.parametrize("lang", ["de", "en"])
def test_gold_questions_from_manually_entered_facts(store: Store, lang: str) -> None:
    gold = load_gold(shared_path("eval/iom-un-relations.gold.json"))
    ids = enter_gold_facts(store, gold)
    asked = 0
    for item in gold.questions:
        if item["kind"] not in FOUNDATION_KINDS:
            continue
        result = answer(store, question_of(item, lang, ids))
        assert matches(item["answer"], result.answer, ids), (item[lang], result.text)
        assert result.text
        if item["answer"] not in ([], None, "no"):
            assert result.citations, item[lang]
        asked += 1
    assert asked >= 11
