"""The start page and the question box in Debian's chromium, against the real server.

The question's own words decide its language, whatever the UI language; a refusal offers
what can be asked as links that run their question; the start page counts what the store
holds and its example questions run on a click, also on a phone (390 px).
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.web.conftest import screenshot

pytestmark = pytest.mark.browser


def ask(page: Any, question: str) -> Any:
    page.fill("#ask-q", question)
    page.click("#ask-form button")
    answer = page.locator("#ask-answer p").first
    expect(answer).not_to_be_empty()
    return answer


@pytest.mark.parametrize(
    ("ui", "question", "expected"),
    [
        ("de", "Who leads the CCCM cluster?", "is led by International Organization for Migration"),
        (
            "en",
            "Mit welchen Organisationen arbeitet die IOM eng zusammen?",
            "arbeitet zusammen mit",
        ),
    ],
    ids=["english-question-german-ui", "german-question-english-ui"],
)
def test_the_question_not_the_ui_decides_the_language(
    page: Any, ui: str, question: str, expected: str
) -> None:
    page.goto(f"/?lang={ui}")
    assert page.locator("html").get_attribute("lang") == ui
    answer = ask(page, question)
    expect(answer).to_have_class("answer-text")
    expect(answer).to_contain_text(expected)
    assert page.locator("#ask-answer blockquote.citation").count() > 0
    screenshot(page, f"ask-{ui}-ui")


def test_a_refusal_lists_examples_and_a_click_runs_one(page: Any) -> None:
    page.goto("/?lang=en")
    refusal = ask(page, "Wie ist das Wetter morgen?")
    expect(refusal).to_have_class("refusal")
    expect(refusal).to_contain_text("Diese Frage kann ich nicht beantworten")
    examples = page.locator("#ask-answer ul.refusal-examples a.example")
    assert 5 <= examples.count() <= 10
    screenshot(page, "ask-refusal")
    link = examples.filter(has_text="Gehört UNICEF zu den Vereinten Nationen?")
    link.click()
    expect(page.locator("#ask-q")).to_have_value("Gehört UNICEF zu den Vereinten Nationen?")
    answer = page.locator("#ask-answer p").first
    expect(answer).to_have_class("answer-text")
    expect(answer).to_contain_text("Ja:")
    assert "ask=" in page.url  # the link is a real link: the answer can be shared


def test_an_unknown_name_gets_a_close_match_that_runs(page: Any) -> None:
    page.goto("/?lang=en")
    ask(page, "Who were the members of the GMGG in December 2007?")
    suggestion = page.locator("#ask-answer a.suggestion")
    expect(suggestion).to_have_text("GMG")
    suggestion.click()
    answer = page.locator("#ask-answer p").first
    expect(answer).to_contain_text("Members of the Global Migration Group")


@pytest.mark.parametrize(("lang", "width"), [("en", 1280), ("de", 390)])
def test_the_start_page_counts_and_its_examples_run_on_click(
    page: Any, lang: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"/?lang={lang}")
    counts = {
        key: int(page.locator(f".counts [data-count={key}]").inner_text())
        for key in ("documents", "organizations", "statements", "pending")
    }
    assert counts["documents"] == 1
    assert counts["statements"] >= counts["pending"] > 0
    assert counts["organizations"] > 10
    recent = page.locator("ul.recent-documents a")
    assert recent.count() == 1
    assert recent.first.get_attribute("href").startswith("/document/")
    examples = page.locator("ul.examples a.example")
    assert examples.count() >= 5
    first = examples.first.inner_text()
    examples.first.click()
    expect(page.locator("#ask-q")).to_have_value(first)
    expect(page.locator("#ask-answer p").first).to_have_class("answer-text")
    # The start page's own content fits the screen (the shared header is the layout's own).
    wider = page.evaluate(
        "w => [...document.querySelectorAll('main *')]"
        ".filter(e => e.getBoundingClientRect().right > w + 1).map(e => e.outerHTML.slice(0, 80))",
        width,
    )
    assert wider == [], wider
    screenshot(page, f"home-{lang}-{width}")
