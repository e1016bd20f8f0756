"""The six articles: front matter, pinned section ids, reading order, facts and fresh wording."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, Site, in_ci

from .prose import flesch_reading_ease, ngrams

HERE = Path(__file__).parent
SECTIONS: dict[str, list[str]] = yaml.safe_load((HERE / "expected_sections.yaml").read_text())
FACTS: dict[str, list[str]] = yaml.safe_load((HERE / "expected_facts.yaml").read_text())
ORDER = list(SECTIONS)  # the reading order, 1 to 6
SEED = ROOT.parent / "shared" / "seed" / "000_02e72682a6226c71.txt"


def _prose(path: Path) -> str:
    """The Markdown body as a reader sees it: no front matter, no {#ids}, no markup."""
    body = path.read_text(encoding="utf-8").split("---", 2)[2]
    body = re.sub(r"\{#[^}]*\}", "", body)
    return re.sub(r"^[#>]+ |\*\*", "", body, flags=re.M)


def _article_files() -> dict[str, Path]:
    files = {}
    for path in sorted((ROOT / "content" / "articles").glob("*.md")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])
        files[meta["slug"]] = path
    return files


def test_there_are_six_articles_with_complete_front_matter() -> None:
    files = _article_files()
    assert sorted(files) == sorted(ORDER)
    for slug, path in files.items():
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])
        assert meta["order"] == ORDER.index(slug) + 1, slug
        assert meta["title"] and meta["summary"] and meta["tags"], slug
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", slug)


@pytest.mark.parametrize("slug", ORDER)
def test_article_page_has_every_pinned_section_id(real_site: Site, slug: str) -> None:
    soup = real_site.soup(f"{slug}.html")
    prose = soup.select_one(".prose")
    assert prose is not None
    ids = [h["id"] for h in prose.find_all("h2")]
    assert ids == SECTIONS[slug]
    assert 2 <= len(ids) <= 4
    toc = [a["href"] for a in soup.select(".toc a")]
    assert toc == [f"#{i}" for i in ids]


@pytest.mark.parametrize("slug", ORDER)
def test_article_has_something_practical(real_site: Site, slug: str) -> None:
    prose = real_site.soup(f"{slug}.html").select_one(".prose")
    assert prose is not None
    assert prose.find(["ul", "ol", "blockquote"]) is not None


def test_reading_order_with_working_previous_and_next(real_site: Site) -> None:
    for position, slug in enumerate(ORDER):
        soup = real_site.soup(f"{slug}.html")
        assert soup.select_one(".kicker").get_text() == f"Piece {position + 1} of 6"
        prev = soup.select_one('a[rel="prev"]')
        nxt = soup.select_one('a[rel="next"]')
        if position == 0:
            assert prev is None
        else:
            assert prev["href"] == f"/{ORDER[position - 1]}.html"
        if position == len(ORDER) - 1:
            assert nxt is None
        else:
            assert nxt["href"] == f"/{ORDER[position + 1]}.html"
            assert (real_site.output / f"{ORDER[position + 1]}.html").exists()
        assert soup.select_one(".quiz-invite a")["href"] == "/quiz.html"


def test_index_lists_the_six_pieces_in_order_and_invites_to_the_quiz(real_site: Site) -> None:
    soup = real_site.soup("index.html")
    links = [a["href"] for a in soup.select(".article-list h3 a")]
    assert links == [f"/{slug}.html" for slug in ORDER]
    assert len(soup.select(".article-list .summary p")) == 6
    assert soup.select_one(".call-to-action a")["href"] == "/quiz.html"
    assert "six short, practical pieces" in soup.select_one(".intro").get_text()


def test_about_page_says_answers_stay_on_the_device(real_site: Site) -> None:
    text = real_site.soup("about.html").get_text(" ")
    assert "never sent anywhere" in text


@pytest.mark.parametrize("slug", ORDER)
def test_every_fact_of_the_piece_is_in_its_article(slug: str) -> None:
    text = " ".join(_prose(_article_files()[slug]).lower().replace("’", "'").split())
    missing = [fact for fact in FACTS[slug] if not any(alt in text for alt in fact.split("|"))]
    assert missing == []


def _content_files() -> list[Path]:
    return sorted((ROOT / "content").rglob("*.md"))


@pytest.mark.seed
@pytest.mark.parametrize("path", _content_files(), ids=lambda p: p.stem)
def test_no_run_of_eight_words_is_copied_from_the_source(path: Path) -> None:
    if not SEED.exists():
        if in_ci():
            pytest.fail(f"the source material {SEED} is missing")
        pytest.skip(f"the source material {SEED} is not beside this checkout")
    copied = ngrams(_prose(path), 8) & ngrams(SEED.read_text(encoding="utf-8"), 8)
    assert copied == set()


@pytest.mark.parametrize("path", _content_files(), ids=lambda p: p.stem)
def test_readable_by_a_teenager(path: Path) -> None:
    assert flesch_reading_ease(_prose(path)) >= 60
