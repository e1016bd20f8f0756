"""Fixture-driven rendering tests: each ``cases/<name>.md`` is rendered and compared with
``cases/<name>.html``. Set ``UPDATE_FIXTURES=1`` to rewrite the expected files after a
deliberate change, then read the diff."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from mdit_reader.renderer import configure, make_markdown, render
from pelican.plugins.quiz.toolkit.located_yaml import SourceError

CASES = sorted((Path(__file__).parent / "cases").glob("*.md"))


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_case_renders_as_expected(case: Path) -> None:
    md = make_markdown(configure(None))
    html = render(md, case.read_text(encoding="utf-8"), str(case)).html
    expected = case.with_suffix(".html")
    if os.environ.get("UPDATE_FIXTURES"):
        expected.write_text(html, encoding="utf-8")
    assert html == expected.read_text(encoding="utf-8")


def test_toc_lists_levels_two_and_three_with_their_ids() -> None:
    md = make_markdown(configure(None))
    rendered = render(md, (Path(__file__).parent / "cases/heading_ids.md").read_text(), "x.md")
    assert [(e["level"], e["id"]) for e in rendered.toc] == [
        (2, "how-long-to-wait"),
        (2, "let-it-go-really"),
        (2, "let-it-go-really-2"),
        (3, "small-step"),
    ]
    assert "not-in-the-table-of-contents" in rendered.heading_ids


def test_unknown_setting_is_refused_with_the_known_ones() -> None:
    with pytest.raises(ValueError, match=r"MARKDOWN_IT: unknown key\(s\) colour; known: preset"):
        configure({"colour": "red"})


def test_unknown_extension_is_refused() -> None:
    with pytest.raises(ValueError, match=r"unknown extension\(s\) emoji"):
        configure({"extensions": ["table", "emoji"]})


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("no_such_module:rule", "MARKDOWN_IT: plugin 'no_such_module:rule' cannot be loaded"),
        ("pelican.plugins.quiz.embed.mdit_fence:nope", "cannot be loaded"),
        ("pelican.plugins.quiz.embed.mdit_fence", "expected 'module:function'"),
        ("pelican.plugins.quiz.embed.mdit_fence:__name__", "is not a function"),
    ],
)
def test_a_plugin_that_cannot_be_loaded_is_refused(name: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        configure({"plugins": [name]})


def test_a_plugin_rule_renders_its_own_fences_and_passes_the_rest_on() -> None:
    def shout(md: MarkdownIt) -> None:
        fallback = md.renderer.rules["fence"]

        def fence(tokens, idx, options, env):
            if tokens[idx].info.strip() == "{shout}":
                return f"<p>{tokens[idx].content.strip().upper()}</p>"
            return fallback(tokens, idx, options, env)

        md.add_render_rule("fence", lambda self, *args: fence(*args))

    md = make_markdown(configure({"plugins": [shout]}))
    html = render(md, "```{shout}\nhi\n```\n\n```python\nx = 1\n```\n", "a.md").html
    assert "<p>HI</p>" in html and '<code class="language-python">' in html
    with pytest.raises(SourceError, match=r"a.md:1: unknown directive '\{poll\}'"):
        render(md, "```{poll} x\n```\n", "a.md")


def test_twenty_thousand_identical_headings_take_linear_work() -> None:
    # Each new copy of a slug used to count up from -2 through every earlier copy: 20,000
    # identical headings took 53 s. The alarm is a guard against that, not a speed target.
    import signal

    def too_slow(signum: int, frame: object) -> None:
        raise TimeoutError("quadratic heading ids")

    md = make_markdown(configure({}))
    previous = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(20)
    try:
        rendered = render(md, "## Same\n\n" * 20_000 + "## Same-2\n", "a.md")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert len(rendered.heading_ids) == 20_001
    assert {"same", "same-2", "same-20000", "same-2-2"} <= set(rendered.heading_ids)
