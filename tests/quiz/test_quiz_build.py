"""The compiled quiz in real builds: the static form, the worked-out section and the data."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from pelican.plugins.quiz.loader import load_quiz
from pelican.plugins.quiz.schema import SCHEMA_PATH
from pelican.plugins.quiz.scoring import result_for

from tests.conftest import ROOT, Site


def test_static_form_is_complete_without_javascript(build) -> None:
    site: Site = build("quiz")
    soup = site.soup("quiz.html")
    quiz = soup.select_one("section#quiz-mini.quiz")
    assert quiz["aria-labelledby"] == "quiz-mini--title"
    fieldsets = quiz.select("form fieldset")
    assert [f["data-question"] for f in fieldsets] == ["feel", "why"]
    assert fieldsets[0].legend.get_text(" ", strip=True) == "1. How do you feel ?"
    assert fieldsets[0].legend.strong.get_text() == "feel"
    assert fieldsets[0]["aria-describedby"] == "quiz-mini--q-feel--help"
    radios = fieldsets[0].select('input[type="radio"]')
    assert [(r["name"], r["value"]) for r in radios] == [
        ("quiz-mini--q-feel", "bad"),
        ("quiz-mini--q-feel", "good"),
    ]
    for control in quiz.select("input"):
        assert quiz.select_one(f'label[for="{control["id"]}"]') is not None
    assert len(fieldsets[1].select('input[type="checkbox"]')) == 2
    assert "Answer this only if: you answered “Bad” to question 1" in fieldsets[1].get_text()
    assert quiz.select_one(".quiz-feedback").get_text() == "That's okay."
    assert quiz.select_one("[data-quiz-nav]").has_attr("hidden")
    assert quiz.select_one(".quiz-nojs-note") is not None


def test_how_the_result_is_worked_out_lists_every_outcome_with_a_real_link(build) -> None:
    site: Site = build("quiz")
    how = site.soup("quiz.html").select_one("#quiz-mini--how")
    assert how.name == "details"
    assert how.summary.get_text() == "How the result is worked out"
    outcomes = how.select(".quiz-outcomes > li")
    assert [o["data-outcome"] for o in outcomes] == ["rest", "go"]
    assert outcomes[0].select_one(".quiz-when").get_text() == (
        "Your “Calm” points add up to less than 1."
    )
    assert outcomes[1].select_one(".quiz-when").get_text() == "In every other case."
    links = [o.select_one("a.quiz-outcome-link") for o in outcomes]
    assert [a["href"] for a in links] == ["/advice.html#breathe", "/advice.html#go"]
    assert [a.get_text() for a in links] == ["Go to: Breathe first", "Go to: Go for it"]
    for link in links:
        page, fragment = link["href"].lstrip("/").split("#")
        assert site.soup(page).find(id=fragment) is not None
    rows = [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in how.select("tbody tr")]
    assert rows[:3] == [["1. How do you feel?"], ["Bad", "0"], ["Good", "2"]]
    assert how.select_one(".quiz-dimensions a")["href"] == "/advice.html#breathe"


def test_quiz_data_has_the_logic_and_no_html(build) -> None:
    site: Site = build("quiz")
    script = site.soup("quiz.html").select_one("#quiz-mini script[data-quiz-data]")
    assert script["type"] == "application/json"
    data = json.loads(script.string)
    assert data["id"] == "mini" and len(data["hash"]) == 16 and data["remember"] is False
    assert data["dimensions"] == [{"id": "calm", "min": 0, "max": 2}]
    assert data["questions"][1] == {
        "id": "why",
        "type": "multiple",
        "show_if": {"answer": "feel", "is": "bad"},
        "options": [{"id": "tired", "score": {}}, {"id": "sad", "score": {"calm": 0}}],
    }
    assert data["outcomes"] == [
        {"id": "rest", "when": {"score": "calm", "below": 1}},
        {"id": "go", "when": None},
    ]
    assert data["strings"]["progress"] == "Question {n} of {total}"


def test_same_quiz_twice_on_a_page_gets_unique_ids(build) -> None:
    site: Site = build("quiz")
    soup = site.soup("quiz.html")
    assert [s["id"] for s in soup.select("section.quiz")] == ["quiz-mini", "quiz2-mini"]
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))


def test_quiz_assets_load_only_where_a_quiz_is(build) -> None:
    site: Site = build("quiz")
    assert [link["href"] for link in site.soup("quiz.html").select('link[rel="stylesheet"]')] == [
        "/theme/css/site.css",
        "/quiz/quiz.css",
    ]
    scripts = site.soup("quiz.html").select("script[src]")
    assert [(s["src"], s["type"]) for s in scripts] == [("/quiz/quiz.js", "module")]
    assert (site.output / "quiz" / "quiz.css").exists()
    assert (site.output / "quiz" / "quiz.js").exists()
    for page in ("advice.html", "index.html"):
        assert "quiz/quiz" not in (site.output / page).read_text(encoding="utf-8")


def test_quiz_strings_setting_changes_the_interface(build) -> None:
    site: Site = build("quiz", QUIZ_STRINGS={"how_title": "Work it out yourself"})
    assert site.soup("quiz.html").select_one("details summary").get_text() == (
        "Work it out yourself"
    )


def test_unknown_quiz_setting_key_is_refused(build) -> None:
    site: Site = build("quiz", QUIZ_STRINGS={"colour": "x"}, expect_ok=False)
    assert any("QUIZ_STRINGS: unknown key(s) colour" in e for e in site.result.errors)


def test_missing_page_missing_section_and_unknown_quiz_fail_the_build(build) -> None:
    site: Site = build("quiz-broken", expect_ok=False)
    assert site.result.errors == [
        "content/pages/quiz.md:8: unknown quiz 'maxi' (known: mini)",
        "content/quizzes/mini.yaml:33: link {filename}/articles/advice.md#relax: "
        "'articles/advice.md' has no section '#relax'",
        "content/quizzes/mini.yaml:37: link {filename}/articles/advise.md#go: no article or "
        "page 'articles/advise.md'",
    ]
    assert not (site.output).exists()


def test_real_quiz_page_builds_with_every_outcome(real_site: Site) -> None:
    soup = real_site.soup("quiz.html")
    outcomes = [li["data-outcome"] for li in soup.select(".quiz-outcomes > li")]
    assert outcomes == [
        "gentle",
        "wait",
        "hoping",
        "replaying",
        "reframe",
        "be-yourself",
        "space",
        "warm-up",
        "think-first",
        "ready",
    ]
    ready = soup.select_one('[data-outcome="ready"] a.quiz-outcome-link')
    assert ready["href"] == "/reach-out.html#what-to-say"
    assert 6 <= len(soup.select("form fieldset")) <= 8


def test_quiz_fence_with_a_body_or_a_bad_id_fails_the_build(build) -> None:
    site: Site = build("quiz-fence", expect_ok=False)
    assert sorted(site.result.errors) == [
        "content/pages/argument.md:4: '{quiz} Mini Quiz!': a quiz id is the name of its file in "
        "the quiz folder, lowercase letters, digits and '-' (my-quiz for my-quiz.yaml)",
        "content/pages/body.md:6: a {quiz} fence takes the quiz id after it and an empty body",
    ]
    assert not site.output.exists()


def test_a_broken_linked_article_gives_its_own_message_only(build) -> None:
    site: Site = build("quiz-article-broken", expect_ok=False)
    assert site.result.errors == [
        "content/articles/advice.md:3:1: duplicate key 'title'",
    ]


def test_each_persona_reaches_the_outcome_that_fits_them() -> None:
    # The same people as the browser test, through the scorer the build proves with.
    quiz = load_quiz(ROOT / "content" / "quizzes" / "ready-to-reach-out.yaml")
    personas = yaml.safe_load((Path(__file__).parent / "personas.yaml").read_text("utf-8"))
    assert len(personas) >= 10
    for persona in personas:
        result = result_for(quiz, persona["answers"])
        assert result.outcome is not None and result.outcome.id == persona["expect"], persona
        assert [n.id for n in result.notices] == (["support"] if persona["help"] else [])


def test_every_schema_comment_in_content_points_at_the_shipped_schema() -> None:
    # Editors (yaml-language-server) find the schema from this comment: a path that does not
    # resolve gives no completion and no warning.
    comments = []
    for file in sorted((ROOT / "content").rglob("*.y*ml")):
        for line in file.read_text(encoding="utf-8").splitlines():
            if "yaml-language-server: $schema=" in line:
                target = (file.parent / line.split("$schema=", 1)[1].strip()).resolve()
                comments.append((file.name, target))
    assert comments, "the quizzes name their schema"
    for name, target in comments:
        assert target == SCHEMA_PATH.resolve(), name
