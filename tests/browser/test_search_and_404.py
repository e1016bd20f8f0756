"""The published site in Chromium, under a sub-path: static search finds an article and leads to
it; the 404 page works at any depth."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PageLog
from tests.conftest import Site

pytestmark = pytest.mark.browser
Publish = Callable[..., tuple[str, Site]]


@pytest.mark.parametrize(
    ("sub_path", "settings"),
    [
        ("", {}),
        ("some-repo", {}),
        # Three bundles; the article found is in the second, merged into the first.
        ("some-repo", {"PAGEFIND_SHARD_SIZE": 2}),
    ],
    ids=["domain-root", "sub-path", "in-bundles"],
)
def test_search_finds_a_word_and_follows_the_hit(
    page: Page, publish: Publish, sub_path: str, settings: dict[str, int]
) -> None:
    url, site = publish(sub_path, **settings)
    bundles = sorted(p.name for p in (site.output / "pagefind").iterdir())
    assert bundles == (["0", "1", "2"] if settings else ["0"])
    log = PageLog(page, url.rsplit("/", 1)[0] if sub_path else url)
    page.goto(f"{url}/")
    page.get_by_role("searchbox", name="Search").fill("circles")
    page.get_by_role("searchbox", name="Search").press("Enter")
    page.wait_for_url(f"{url}/search.html?q=circles")
    status = page.locator("[data-search-status]")
    expect(status).to_have_text("One piece of advice mentions “circles”.")
    hits = page.locator("[data-search-results] li")
    expect(hits.locator("mark").first).to_contain_text("circles", ignore_case=True)
    hits.first.locator("a").click()
    page.wait_for_url(f"{url}/let-it-go.html")
    expect(page.locator("h1")).to_have_text("Let it go")
    log.assert_clean()


@pytest.mark.parametrize(
    ("word", "found"),
    [
        ("sad", "Give it time and space"),
        ("crying", "Give it time and space"),
        ("embarrassed", "Give it time and space"),
        ("she", "A no is not a failure"),
        ("space", "Keep the friendship"),
    ],
)
def test_words_a_hurting_reader_types_find_advice(
    page: Page, publish: Publish, word: str, found: str
) -> None:
    url, _ = publish("some-repo")
    page.goto(f"{url}/search.html?q={word}")
    hits = page.locator("[data-search-results] li")
    expect(hits.first).to_be_visible()
    assert found in hits.locator("a").all_inner_texts()
    # A heading's "#" link is no word of the page: never in an excerpt.
    for excerpt in hits.locator("p").all_inner_texts():
        assert "#" not in excerpt


def test_search_for_nothing_says_so(page: Page, publish: Publish) -> None:
    url, _ = publish("some-repo")
    page.goto(f"{url}/search.html?q=zeppelin")
    expect(page.locator("[data-search-status]")).to_have_text(
        "Nothing mentions “zeppelin”. Try a shorter or different word."
    )


def test_404_page_works_at_a_nested_address(page: Page, publish: Publish) -> None:
    url, _ = publish("some-repo")
    log = PageLog(page, url.rsplit("/", 1)[0])
    response = page.goto(f"{url}/some/deep/missing/page.html")
    assert response is not None and response.status == 404
    log.errors = [e for e in log.errors if "404" not in e]  # the page itself answers 404
    expect(page.locator("h1")).to_have_text("This page isn’t here")
    assert page.evaluate("document.styleSheets[0].cssRules.length") > 10, "stylesheet loaded"
    page.get_by_role("link", name="Take the “Are you ready to reach out?” quiz").click()
    page.wait_for_url(f"{url}/quiz.html")
    log.assert_clean()
