"""The real server, a real SQLite file with the IOM–UN document, and Debian's chromium."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from tests.web.conftest import TOKEN, screenshot

pytestmark = pytest.mark.browser


def visible_edges(page: Any) -> set[str]:
    return set(
        page.eval_on_selector_all("line.edge:not(.is-no)", "els => els.map(e => e.dataset.claim)")
    )


def test_search_weltbank_leads_to_its_gmg_membership_with_the_sentence(page: Any) -> None:
    page.goto("/lang/en?next=/")
    page.fill("input[name=q]", "Weltbank")
    page.click("form.search button")
    page.wait_for_url("**/search?q=Weltbank")
    screenshot(page, "search")
    page.click("a.result[href='/entity/world-bank']")
    page.wait_for_url("**/entity/world-bank")
    assert page.inner_text("h1.entity-name").startswith("World Bank")
    membership = page.locator("section[data-predicate=member_of] tr.relation").filter(
        has_text="Global Migration Group"
    )
    assert membership.count() == 1
    row = membership.first
    assert row.locator("td.start time").get_attribute("datetime") == "2006"
    assert "Anfang 2006" in row.locator("td.start").inner_text()
    citation = row.locator("blockquote.citation a")
    assert "Weltbank erweitert" in citation.inner_text()
    assert citation.get_attribute("href").startswith("/document/doc-")
    screenshot(page, "entity")
    citation.click()
    page.wait_for_url("**/document/doc-*#ev-*")
    assert page.locator(".claim-sentence:target").inner_text().startswith("Anfang 2006")
    screenshot(page, "document")


def test_gmg_body_page_lists_members_as_of_a_date_and_draws_uncertainty(page: Any) -> None:
    page.goto("/body/gmg?lang=en")
    assert page.locator("svg.gantt rect.seg-window").count() > 0
    assert page.locator("svg.gantt rect.seg-certain").count() > 0
    assert "Global Migration Group" in page.locator("svg.gantt .rename-label").text_content()
    for day, expected in (("2010-12-31", 16), ("2006-12-31", 10)):
        page.fill("#asof-date", day)
        page.click("form.asof button")
        page.wait_for_url(f"**/body/gmg?at={day}")
        rows = page.locator("table.members tr.member")
        assert rows.count() == expected
        answers = set(page.locator("table.members tr.member .answer").all_inner_texts())
        assert answers <= {"yes", "uncertain"}
        assert page.inner_text(".count-yes") == str(expected)
    assert page.locator("svg.gantt line.asof-line").count() == 1
    screenshot(page, "body")


def test_network_slider_changes_the_edges_that_exist(page: Any, live_server: str) -> None:
    page.goto("/network?at=2004")
    early = visible_edges(page)
    page.locator("#net-year").fill("2010")
    expect(page.locator("#net-year-value")).to_have_text("2010")
    later = visible_edges(page)
    assert early and later and early != later
    assert early < later  # the GMG grew: 2004's relations still hold in 2010, new ones appear
    api = httpx.get(f"{live_server}/network.json", params={"at": "2010"}).json()
    assert later == {e["claim"] for e in api["edges"] if e["state"] != "no"}
    assert page.inner_text("#net-edge-count") == str(len(later))
    assert "at=2010" in page.url
    screenshot(page, "network")
    page.locator("#net-year").fill("2004")
    assert visible_edges(page) == early


def test_german_and_english_ui_both_render_and_the_choice_is_remembered(page: Any) -> None:
    page.goto("/lang/de?next=/network")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.inner_text("header nav").split()[:2] == ["Suche", "Netzwerk"]
    page.goto("/body/gmg?at=2010-12-31")  # no ?lang: the cookie remembers German
    assert "Mitglieder am" in page.inner_text("h2.asof-title")
    assert "ja" in page.locator("table.members .answer").all_inner_texts()
    screenshot(page, "body-de")
    page.goto("/documents")
    assert page.inner_text("h1") == "Dokumente"
    assert page.locator("table.documents a").count() == 1
    screenshot(page, "documents-de")
    page.goto("/entity/Weltbank")
    assert page.inner_text("h1.entity-name").startswith("Weltbank")
    assert page.locator("section[data-predicate=member_of] h3").inner_text() == "Mitglied von"
    screenshot(page, "entity-de")
    page.click("a.lang-en")
    page.wait_for_url("**/entity/Weltbank")
    assert page.inner_text("h1.entity-name").startswith("World Bank")
    assert page.locator("html").get_attribute("lang") == "en"


def test_a_write_without_the_token_gets_401(page: Any, live_server: str) -> None:
    response = httpx.post(f"{live_server}/api/claims/anything/accept")
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["status"] == 401
    page.goto("/review?lang=en")
    first = page.locator("article.review-item").first
    claim = first.get_attribute("data-claim")
    first.locator("button.accept").click()
    expect(page.locator("#review-result")).to_contain_text("401")
    assert httpx.get(f"{live_server}/api/claims/{claim}").json()["status"] == "candidate"


def test_review_queue_accept_and_reject_show_through_the_api(page: Any, live_server: str) -> None:
    page.goto("/review?lang=en")
    page.fill("#token", TOKEN)
    page.locator("#token").dispatch_event("change")
    items = page.locator("article.review-item:not([data-predicate=member_of])")
    to_accept, to_reject = items.nth(0), items.nth(1)
    accepted_id, rejected_id = (
        to_accept.get_attribute("data-claim"),
        to_reject.get_attribute("data-claim"),
    )
    to_accept.locator("button.accept").click()
    expect(page.locator("#review-result")).to_contain_text(f"{accepted_id} →")
    to_reject.locator("button.reject").click()
    expect(page.locator("#review-result")).to_contain_text(f"{rejected_id} →")
    screenshot(page, "review")
    for old, status in ((accepted_id, "accepted"), (rejected_id, "rejected")):
        history = httpx.get(f"{live_server}/api/claims/{old}/history").json()
        assert [h["status"] for h in history] == ["candidate", status]
        assert history[0]["retracted_at"] is not None and history[1]["retracted_at"] is None
        current = httpx.get(f"{live_server}/api/claims", params={"status": status}).json()
        assert history[1]["id"] in {c["id"] for c in current}
    page.goto("/review?status=accepted&lang=en")
    item = page.locator("article.review-item").first
    item.locator("details.history summary").click()
    assert item.locator("details.history li").count() == 2
    screenshot(page, "review-history")


def test_api_docs_page_renders_offline(page: Any, live_server: str) -> None:
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto("/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15000)
    assert requested and all(url.startswith(live_server) for url in requested), requested
    screenshot(page, "api-docs")


def test_the_start_page_answers_a_question(page: Any) -> None:
    import orgraph.qa

    if not callable(getattr(orgraph.qa, "ask", None)):
        pytest.skip("orgraph.qa.ask is not there yet: no question box")
    page.goto("/?lang=de")
    page.fill("#ask-q", "Wer war Ende 2007 Mitglied der GMG?")
    page.click("#ask-form button")
    expect(page.locator("#ask-answer p")).to_contain_text("UNDP")
    assert page.locator("#ask-answer blockquote.citation").count() > 0
    screenshot(page, "ask")
