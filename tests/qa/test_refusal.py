"""The honest refusal: questions orgraph cannot parse are refused, never guessed at."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from orgraph.cli import main
from orgraph.qa import ANSWERABLE, ask
from orgraph.qa.parse import patterns
from tests.qa.conftest import StoreFor

DEMO = "demo:iom-un-demo.de.txt"

REFUSED = [
    "",
    "   ",
    "?",
    "Wer war im Dezember 2007 Mitglied der GMG? " * 250,  # 10,000+ characters
    "x" * 10_000,
    "'; DROP TABLE claims; --",
    "SELECT * FROM claims WHERE 1=1",
    "1' OR '1'='1",
    "Robert'); DROP TABLE entities;--",
    "asdf qwer zxcv",
    "Lorem ipsum dolor sit amet",
    "Wie ist das Wetter morgen?",
    "What is the capital of France?",
    "Who were the members of the Foobar Alliance in 2007?",  # an organization nobody knows
    "Wer war Mitglied?",  # no body named
    "Was UNICEF a member in 2006?",  # no body named
    "War UNICEF im selben Jahr Mitglied der GMG?",  # a date that cannot be placed
    "Which organizations joined the GMG?",  # no period
    "<script>alert(1)</script>",
    "\x00\x01\x02",
    "🙂🙂🙂",
]


@pytest.mark.parametrize("text", REFUSED, ids=range(len(REFUSED)))
def test_refused(store_for: StoreFor, text: str) -> None:
    store, _ = store_for(DEMO)
    result = ask(store, text)
    assert result.kind.value == "cannot_answer"
    assert result.answer is None
    assert result.citations == []
    assert result.reason


@pytest.mark.parametrize(
    "text",
    [
        "",
        "x" * 10_000,
        "'; DROP TABLE claims; --",
        "SELECT * FROM claims",
        "blorp zorp",
        "Wer war Mitglied?",
    ],
)
def test_cli_refusal_exits_0_without_a_traceback(store_for: StoreFor, text: str) -> None:
    _, db = store_for(DEMO)
    run = CliRunner().invoke(main, ["--db", str(db), "ask", text, "--format", "json"])
    assert run.exit_code == 0, run.output
    assert run.exception is None
    assert "Traceback" not in run.output
    data = json.loads(run.output)
    assert data["kind"] == "cannot_answer" and data["answer"] is None


def test_cli_table_refusal(store_for: StoreFor) -> None:
    _, db = store_for(DEMO)
    run = CliRunner().invoke(main, ["--db", str(db), "ask", "Wie ist das Wetter morgen?"])
    assert run.exit_code == 0
    assert run.output.startswith("Diese Frage kann ich nicht beantworten")


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Wie ist das Wetter morgen in Genf?", "de"), ("What is the weather like in Geneva?", "en")],
)
def test_refusal_lists_the_kinds_in_the_question_language(
    store_for: StoreFor, text: str, lang: str
) -> None:
    store, _ = store_for(DEMO)
    result = ask(store, text)
    offered = patterns()["refusal"]["offer"]
    assert 5 <= len(offered) <= 10, "a short list"
    lines = result.text.splitlines()
    for kind in offered:
        what, example = patterns()["kinds"][kind][lang]
        assert f"- {what}: {example}" in lines, "one line per kind, with its example"
    assert [e["q"] for e in result.to_json()["examples"]] == [
        patterns()["kinds"][k][lang][1] for k in offered
    ]
    assert patterns()["refusal"][lang]["intro"] in result.text


def test_every_kind_has_words_in_both_languages() -> None:
    for kind in ANSWERABLE:
        for lang in ("de", "en"):
            what, example = patterns()["kinds"][kind.value][lang]
            assert what and example.endswith("?")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_offered_examples_are_answered(store_for: StoreFor, lang: str) -> None:
    """Each example a refusal offers runs and is answered on the demo store, not refused."""
    store, _ = store_for(DEMO)
    for example in ask(store, "blorp", lang=lang).examples:
        result = ask(store, example["q"])
        assert result.kind.value == example["kind"], (example["q"], result.text)


def test_unknown_names_get_close_matches(store_for: StoreFor) -> None:
    store, _ = store_for(DEMO)
    result = ask(store, "Who were the members of the GMGG in 2008?")
    assert result.kind.value == "cannot_answer"
    assert [s["name"] for s in result.suggestions] == ["GMG"]
    assert result.suggestions[0]["q"] == "Who were the members of the GMG in 2008?"
    assert "GMG?" in result.text.splitlines()[0]
    assert ask(store, result.suggestions[0]["q"]).kind.value == "members"
    assert ask(store, "Who were the members of the Foobar Alliance in 2007?").suggestions == []


def test_refusal_says_why(store_for: StoreFor) -> None:
    store, _ = store_for(DEMO)
    assert "no organization" in (
        ask(store, "Who were the members of the Foobar Alliance in 2007?").reason or ""
    )
    assert "500" in (ask(store, "x" * 10_000, lang="en").reason or "")
    assert "leer" in (ask(store, "", lang="de").reason or "")


def test_unknown_database_is_a_clean_error(tmp_path: object) -> None:
    run = CliRunner().invoke(main, ["--db", "/nonexistent/dir/orgraph.db", "ask", "Wer?"])
    assert run.exit_code != 0
    assert "Traceback" not in run.output


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("Who were members of the GMG on 31 February 2006?", "is not a date that exists"),
        ("Wer war am 31. Februar 2006 Mitglied der GMG?", "kein gültiges Datum"),
    ],
)
def test_an_impossible_date_is_refused_not_replaced(question: str, words: str) -> None:
    from orgraph.qa import ask
    from orgraph.store import Store

    store = Store()
    store.seed()
    result = ask(store, question)
    assert result.kind.value == "cannot_answer"
    assert words in result.text


def test_cli_refusal_lists_what_can_be_asked_one_line_each(store_for: StoreFor) -> None:
    _, db = store_for(DEMO)
    run = CliRunner().invoke(main, ["--db", str(db), "ask", "Who were the members of the GMGG?"])
    assert run.exit_code == 0
    lines = run.output.splitlines()
    assert lines[0].endswith("did you mean GMG?")
    offered = patterns()["refusal"]["offer"]
    assert lines[1] == patterns()["refusal"]["en"]["offer"] + ":"
    assert lines[2:] == [
        f"- {patterns()['kinds'][k]['en'][0]}: {patterns()['kinds'][k]['en'][1]}" for k in offered
    ]
