"""/api/ask: the question's own words decide the language of the answer, not the UI's."""

from __future__ import annotations

import pytest

from tests.web.conftest import Client


@pytest.mark.parametrize(
    ("question", "ui", "expected"),
    [
        ("Wer leitet den CCCM-Cluster?", "en", "leitet: Internationale Organisation für Migration"),
        ("Who leads the CCCM cluster?", "de", "is led by International Organization for Migration"),
    ],
)
def test_the_question_decides_the_language(
    client: Client, question: str, ui: str, expected: str
) -> None:
    body = client.get("/api/ask", params={"q": question, "lang": ui}).json()
    assert body["kind"] == "leader"
    assert expected in body["text"]
    assert body["citations"]


def test_a_refusal_carries_examples_and_suggestions(client: Client) -> None:
    body = client.get("/api/ask", params={"q": "Wer war 2008 Mitglied der GMGG?"}).json()
    assert body["kind"] == "cannot_answer"
    assert body["suggestions"] == [{"name": "GMG", "q": "Wer war 2008 Mitglied der GMG?"}]
    assert all(e["q"].endswith("?") and e["what"] for e in body["examples"])


def test_the_start_page_json_counts_what_the_store_holds(client: Client) -> None:
    body = client.get("/home.json").json()
    assert body["counts"]["documents"] == 1
    assert body["counts"]["statements"] >= body["counts"]["pending"] > 0
    assert [d["title"] for d in body["recent"]]
    assert len(body["examples"]) >= 5
