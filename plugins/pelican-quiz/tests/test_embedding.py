"""The quiz in a pelican-quickstart site: Python-Markdown and reST pages, notmyidea and simple."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

THEMES = ["notmyidea", "simple"]


def _quiz(built, page: str) -> str:
    section = built.soup(page).select_one("section.quiz[data-quiz=mini]")
    assert section is not None, f"no quiz on {page}"
    return str(section)


@pytest.mark.parametrize("theme", THEMES)
def test_markdown_and_rst_pages_hold_the_same_quiz(build_site, theme: str) -> None:
    built = build_site(THEME=theme)
    assert built.errors == []
    markdown = _quiz(built, "pages/quiz-markdown.html")
    assert markdown == _quiz(built, "pages/quiz-rst.html")
    soup = built.soup("pages/quiz-markdown.html")
    assert len(soup.select("fieldset.quiz-question")) == 2
    assert soup.select_one("#quiz-mini--q-feel--o-good")["type"] == "radio"
    # The outcome links are resolved against the real pages, with the section's title.
    link = soup.select_one("#quiz-mini--outcome-go .quiz-outcome-link")
    assert link["href"] == "../some-advice.html#go"
    # The section's title, escaped once (not "&amp;amp;").
    assert link.get_text() == "Go to: Go ahead & do it"
    assert "Go ahead &amp; do it</a>" in str(link)


@pytest.mark.parametrize("theme", THEMES)
def test_a_page_with_a_quiz_loads_the_widget_and_others_do_not(build_site, theme: str) -> None:
    built = build_site(THEME=theme)
    soup = built.soup("pages/quiz-rst.html")
    assert [x["href"] for x in soup.select("link[href$='quiz.css']")] == ["../quiz/quiz.css"]
    scripts = soup.select("script[src$='quiz.js']")
    assert [(s["src"], s["type"]) for s in scripts] == [("../quiz/quiz.js", "module")]
    # No inline script but the quiz's JSON data.
    inline = [s for s in soup.select("script:not([src])") if s.get("type") != "application/json"]
    assert inline == []
    assert (
        built.soup("some-advice.html").select("script[src$='quiz.js'], link[href$='quiz.css']")
        == []
    )
    for name in ("quiz.js", "quiz.css"):
        assert (built.output / "quiz" / name).stat().st_size > 500


def test_absolute_site_url_reaches_the_assets(build_site) -> None:
    built = build_site(RELATIVE_URLS=False, SITEURL="https://example.org/sub")
    soup = built.soup("pages/quiz-markdown.html")
    assert (
        soup.select_one("link[href$='quiz.css']")["href"] == "https://example.org/sub/quiz/quiz.css"
    )


def test_a_theme_can_place_the_assets_itself(build_site) -> None:
    built = build_site(QUIZ_ASSETS_IN_CONTENT=False)
    soup = built.soup("pages/quiz-markdown.html")
    assert soup.select("link[href$='quiz.css'], script[src$='quiz.js']") == []
    assert (built.output / "quiz" / "quiz.js").is_file()


def test_a_fence_inside_another_fence_is_only_shown(build_site) -> None:
    soup = build_site().soup("pages/quiz-markdown.html")
    assert len(soup.select("section.quiz")) == 1
    assert "```{quiz} mini" in soup.select_one("pre").get_text()


@pytest.mark.parametrize("theme", THEMES)
def test_a_summary_links_to_the_quiz_instead_of_cutting_it(build_site, theme: str) -> None:
    built = build_site(THEME=theme, SUMMARY_MAX_LENGTH=30)
    # notmyidea shows the newest article (not this one) whole, and the others' summaries.
    listing = built.soup("index.html")
    assert listing.select("form, fieldset, section.quiz") == []
    link = listing.select_one(".quiz-summary-link a")
    assert link.get_text() == "Take the quiz: Mini quiz"
    assert link["href"] == "try-the-quiz.html#quiz-mini"
    # The article itself holds the whole quiz.
    assert built.soup("try-the-quiz.html").select_one("section#quiz-mini") is not None


def test_the_status_line_is_hidden_without_the_theme(build_site) -> None:
    built = build_site(THEME="simple")
    status = built.soup("pages/quiz-rst.html").select_one("[data-quiz-status]")
    assert status["class"] == ["quiz-visually-hidden"]
    css = (built.output / "quiz" / "quiz.css").read_text(encoding="utf-8")
    assert ".quiz-visually-hidden{" in css
    # Colours and fonts come from the page the quiz stands in.
    assert "currentColor" in css and "font:inherit" in css
    assert "#" not in "".join(line.split("/*")[0] for line in css.splitlines() if "color" in line)


def test_an_article_shown_whole_elsewhere_still_finds_its_assets(build_site) -> None:
    built = build_site(
        ARTICLE_SAVE_AS="posts/{slug}/index.html",
        ARTICLE_URL="posts/{slug}/",
        ARTICLE_ORDER_BY="reversed-title",  # the quiz's article first: shown whole
    )
    article = built.soup("posts/try-the-quiz/index.html")
    assert article.select_one("link[href$='quiz.css']")["href"] == "../../quiz/quiz.css"
    # notmyidea shows the newest article whole on the index, one level up from it.
    index = built.soup("index.html")
    assert index.select_one("section#quiz-mini") is not None
    assert index.select_one("link[href$='quiz.css']")["href"] == "./quiz/quiz.css"


def test_a_quote_in_the_file_name_neither_drops_the_quiz_nor_injects(tmp_path) -> None:
    from conftest import SITES, build

    site = tmp_path / "quoted"
    shutil.copytree(SITES / "quickstart", site)
    page = site / "content" / "pages" / "quiz-markdown.md"
    page.rename(page.with_name('say "hi" onmouseover=x.md'))
    built = build(site, tmp_path / "built")
    assert built.errors == []
    soup = built.soup("pages/quiz-markdown.html")
    assert soup.select_one("section#quiz-mini") is not None
    assert soup.select("[onmouseover]") == []


def test_an_unchanged_quiz_is_not_proved_again(tmp_path) -> None:
    from conftest import SITES, build

    source = tmp_path / "source"
    shutil.copytree(SITES / "quickstart", source)
    cached = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(tmp_path / "c")}
    assert build(source, tmp_path / "one", **cached).errors == []
    # A limit no proof can meet: the second build passes only by taking the kept verdict.
    assert build(source, tmp_path / "two", **cached, QUIZ_PROOF_SECONDS=1e-9).errors == []
    quiz = source / "content" / "quizzes" / "mini.yaml"
    quiz.write_text(quiz.read_text().replace("title: Go ahead", "title: Go on"))
    changed = build(source, tmp_path / "three", **cached, QUIZ_PROOF_SECONDS=1e-9)
    assert [e.split(": the routing proof")[0] for e in changed.errors[0].splitlines()] == [
        "content/quizzes/mini.yaml:30"
    ]


def test_no_two_elements_share_an_id(build_site) -> None:
    built = build_site("collisions")
    assert built.errors == []
    soup = built.soup("pages/all-of-them.html")
    ids = [tag["id"] for tag in soup.select("[id]")]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert [s["id"] for s in soup.select("section.quiz")] == ["quiz-a", "quiz-a-b", "quiz2-a"]
    for label in soup.select("section.quiz label[for]"):
        control = soup.select_one(f"#{label['for']}")
        assert control is not None and control.name == "input"
        # Each label is for the input beside it, in its own question.
        assert control.find_parent("fieldset") is label.find_parent("fieldset")


def test_a_changed_proof_proves_again(tmp_path, monkeypatch) -> None:
    # Hardening, item 9: verdicts were kept by the plugin's version, which stayed 0.1.0 through
    # fourteen changes of the proof. They are kept by a digest of the proving code.
    from conftest import SITES, build
    from pelican.plugins.quiz import proof_cache

    source = tmp_path / "source"
    shutil.copytree(SITES / "quickstart", source)
    cached = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(tmp_path / "c")}
    assert build(source, tmp_path / "one", **cached).errors == []
    kept = json.loads((tmp_path / "c" / proof_cache.FILE_NAME).read_text())
    assert kept["version"] == proof_cache.proof_digest() != "source"
    # The same quiz, and the same plugin version, but other proving code.
    monkeypatch.setattr(proof_cache, "proof_digest", lambda: "a-fixed-proof")
    again = build(source, tmp_path / "two", **cached, QUIZ_PROOF_SECONDS=1e-9)
    assert "the routing proof ran" in again.errors[0]


def test_a_page_id_a_quiz_also_gives_is_an_error(build_site) -> None:
    # Hardening, item 13: the page's own id="quiz-mini--q-feel" left the quiz's labels dead.
    built = build_site("id-clash")
    assert built.errors == [
        "content/clash.md:6: the page's id 'quiz-mini--q-feel' is an id of quiz 'mini' too "
        "(its ids begin 'quiz-mini'); give the page's element another id"
    ]


def test_links_in_a_quizs_text_must_arrive_too(build_site) -> None:
    # Hardening, item 10: links in prompts, feedback, bodies and notices were never checked.
    built = build_site("text-links")
    assert built.errors[0].splitlines() == [
        "content/quizzes/linked.yaml:5: link {filename}/advice.md#nowhere: 'advice.md' has no "
        "section '#nowhere'",
        "content/quizzes/linked.yaml:9: link {filename}/missing.md: no article or page "
        "'missing.md'",
        "content/quizzes/linked.yaml:9: link {static}/images/gone.png: no file 'images/gone.png' "
        "in the content folder",
        "content/quizzes/linked.yaml:15: link {filename}/advice.md#elsewhere: 'advice.md' has "
        "no section '#elsewhere'",
        "content/quizzes/linked.yaml:22: link {attach}/files/none.pdf: no file 'files/none.pdf' "
        "in the content folder",
    ]


def test_a_section_link_to_a_page_whose_headings_have_no_ids_says_how_to_give_them(
    build_site,
) -> None:
    # Real sites, item 3: a pelican-quickstart site's Markdown gives headings no ids, and the
    # message said only "has no section".
    built = build_site("no-heading-ids")
    lines = built.errors[0].splitlines()
    markdown_hint = (
        "'advice.md' has no section '#breathe'; none of its headings has an id: write the "
        "heading as '## Title {#id}', or add 'markdown.extensions.toc' to MARKDOWN's "
        "extension_configs"
    )
    assert lines == [
        f"content/quizzes/idless.yaml:5: link {{filename}}/advice.md#breathe: {markdown_hint}",
        f"content/quizzes/idless.yaml:15: link {{filename}}/advice.md#breathe: {markdown_hint}",
        "content/quizzes/idless.yaml:19: link {filename}/notes.html#go-ahead: 'notes.html' has "
        "no section '#go-ahead'; its reader gives none of its headings an id",
    ]


def _feed_entry_html(feed: Path, title: str) -> str:
    """The HTML an Atom entry or RSS item titled ``title`` carries (content, summary,
    description), unescaped."""

    def local(tag: str) -> str:
        return tag.rsplit("}", 1)[-1]

    for entry in ElementTree.parse(feed).iter():
        if local(entry.tag) in ("entry", "item"):
            texts = {local(child.tag): child.text or "" for child in entry}
            if texts.get("title") == title:
                parts = ("content", "summary", "description")
                return "".join(texts.get(part, "") for part in parts)
    raise AssertionError(f"no entry {title!r} in {feed}")


@pytest.mark.parametrize("summary_only", [False, True])
def test_feeds_carry_a_link_to_the_quiz_never_the_quiz(build_site, summary_only: bool) -> None:
    # Real sites, item 4: a full-content feed carried the form, its JSON and two <script> tags.
    built = build_site(
        SITEURL="https://example.org",
        FEED_ALL_ATOM="feeds/all.atom.xml",
        FEED_ALL_RSS="feeds/all.rss.xml",
        RSS_FEED_SUMMARY_ONLY=summary_only,
    )
    assert built.errors == []
    for feed in ("all.atom.xml", "all.rss.xml"):
        html = _feed_entry_html(built.output / "feeds" / feed, "Try the quiz")
        assert "A word after the quiz." in html or summary_only
        for quiz_part in ("<form", "<script", "data-quiz", "quiz.css", "<table"):
            assert quiz_part not in html, (feed, quiz_part)
        link = BeautifulSoup(html, "html.parser").select_one(".quiz-summary-link a")
        assert (
            link is not None and link["href"] == "https://example.org/try-the-quiz.html#quiz-mini"
        )


def test_a_plugin_that_adds_an_articles_generator_keeps_the_quiz(build_site) -> None:
    # Real sites, item 1: with pelican-lunr 0.3.0 every quiz page was published with the empty
    # placeholder, exit 0.
    built = build_site("other-generators")
    assert built.errors == []
    assert built.soup("try-the-quiz.html").select_one("form.quiz-form") is not None
    written = [p for p in built.output.rglob("*.html") if "data-quiz-embed" in p.read_text()]
    assert written == []


def test_a_page_written_with_its_quiz_unplaced_fails_the_build_naming_it(build_site) -> None:
    built = build_site("other-generators", PLUGINS=["quiz", "private_pages"])
    assert built.errors == [
        "content/try-the-quiz.md:7: this quiz was written into output/private.html unplaced: a "
        "generator the quiz plugin does not see (another plugin's) wrote that page, and its "
        "quiz would be missing there"
    ]


def test_quiz_assets_in_the_head_reach_an_index_that_shows_the_quiz_whole(
    build_site, tmp_path: Path
) -> None:
    # Real sites, item 5: with QUIZ_ASSETS_IN_CONTENT = False, the README's snippet read
    # article.quiz_scripts, and notmyidea's index showed the quiz article whole without them.
    # (Pelican reads THEME_TEMPLATES_OVERRIDES from the working folder: the copy's is given.)
    templates = str(tmp_path / "site" / "templates")
    built = build_site("theme-assets", THEME="notmyidea", THEME_TEMPLATES_OVERRIDES=[templates])
    assert built.errors == []

    def head_assets(name: str) -> list[str]:
        head = built.soup(name).head
        return [t["href"] for t in head.select("link[href*=quiz]")] + [
            t["src"] for t in head.select("script[src*=quiz]")
        ]

    assert built.soup("index.html").select_one("form.quiz-form") is not None
    assert head_assets("index.html") == ["./quiz/quiz.css", "./quiz/quiz.js"]
    assert head_assets("try-the-quiz.html") == ["./quiz/quiz.css", "./quiz/quiz.js"]
    assert head_assets("category/advice.html") == ["../quiz/quiz.css", "../quiz/quiz.js"]
    assert head_assets("some-advice.html") == []
    assert head_assets("archives.html") == []
    # Nothing in the content: the theme placed them.
    assert "quiz.js" not in str(built.soup("try-the-quiz.html").select_one(".entry-content"))


def test_a_result_link_to_a_section_whose_id_is_on_its_wrapper_is_labelled_by_its_heading(
    build_site,
) -> None:
    # Real sites, item 10: with pelican-myst-reader (and Pelican's reST reader, which writes
    # sections the same way) a result link was labelled with the page's title.
    built = build_site("section-labels")
    assert built.errors == []
    links = built.soup("the-quiz.html").select(".quiz-outcome-link")
    assert [link.get_text() for link in links] == ["Go to: Breathe first", "Go to: Go ahead"]


THEMES_FOLDER = Path(__file__).parent / "third_party" / "themes"
VENDORED_THEMES = sorted(p.name for p in THEMES_FOLDER.iterdir() if p.is_dir())
# What attila's templates read and Pelican leaves unset (its README asks for them).
THEME_URLS = {
    "TAGS_URL": "tags.html",
    "CATEGORIES_URL": "categories.html",
    "ARCHIVES_URL": "archives.html",
    "AUTHORS_URL": "authors.html",
}


@pytest.mark.parametrize("theme", VENDORED_THEMES)
def test_the_quiz_builds_under_third_party_themes(build_site, theme: str) -> None:
    # Real sites, item 6 (the layout in Chromium: tests/browser/test_quiz_in_themes.py).
    built = build_site(THEME=str(THEMES_FOLDER / theme), **THEME_URLS)
    assert built.errors == []
    soup = built.soup("pages/quiz-markdown.html")
    assert soup.select_one("section.quiz form.quiz-form") is not None
    assert [x["href"] for x in soup.select("link[href$='quiz.css']")] == ["../quiz/quiz.css"]
    assert [x["src"] for x in soup.select("script[src$='quiz.js']")] == ["../quiz/quiz.js"]
