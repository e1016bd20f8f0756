"""Render a quiz as a complete static HTML form, its "How the result is worked out" section and
the JSON data the widget reads. Author text is Markdown with raw HTML off."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from functools import cache
from html import escape
from typing import Any

from markdown_it import MarkdownIt

from .conditions import clause, describe_html, is_nested, map_bounds
from .in_answers import in_answers, summed_dimensions
from .model import Band, Condition, Dimension, Question, Quiz, number_text
from .rule_view import decisive_rules, point_scale
from .scoring import Range, adds_to, ranges
from .toolkit.pelican_links import keep_pelican_links

__all__ = ["markdown", "quiz_data", "quiz_hash", "render_quiz"]


@cache
def markdown() -> MarkdownIt:
    # Quiz text is CommonMark with raw HTML off, whatever reader the site uses; {filename}
    # links are kept for Pelican to resolve.
    md = MarkdownIt("commonmark", {"html": False, "typographer": True})
    return md.enable("strikethrough").use(keep_pelican_links)


def _block(text: str, path: str) -> str:
    return markdown().render(text, {"source_path": path}) if text else ""


def _inline(text: str, path: str) -> str:
    return str(markdown().renderInline(text, {"source_path": path}))


_number = number_text


def quiz_hash(quiz: Quiz) -> str:
    """A short fingerprint of the quiz's content: remembered answers of another version are
    forgotten."""
    data = quiz.located.data if quiz.located else quiz.title
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def quiz_data(quiz: Quiz, strings: Mapping[str, str], remember: bool) -> dict[str, Any]:
    """What the widget needs to score and route: logic only; all text stays in the HTML.

    Points are whole numbers of 1/``scale`` points, so JavaScript adds them as exactly as the
    Python scorer does (0.7 + 0.1 is 0.8 in both) and divides only to show them."""
    scale = point_scale(quiz)
    return {
        "id": quiz.id,
        "hash": quiz_hash(quiz),
        "remember": remember,
        "result": {"scores": quiz.result.scores, "revisit": quiz.result.revisit},
        "scale": scale,
        "dimensions": [_dimension_data(quiz, d, span, scale) for d, span in ranges(quiz).items()],
        "questions": [
            {
                "id": q.id,
                "type": q.type,
                "show_if": map_bounds(q.show_if, lambda bound: int(bound * scale)),
                "options": [
                    {"id": o.id, "score": {d: int(v * scale) for d, v in o.score.items()}}
                    for o in q.options
                ],
            }
            | ({"skipped": {d: int(v * scale) for d, v in q.skipped.items()}} if q.skipped else {})
            | (_number_data(q, scale) if q.type == "number" else {})
            for q in quiz.questions
        ],
        "outcomes": [
            {"id": o.id, "when": map_bounds(o.when, lambda bound: int(bound * scale))}
            for o in quiz.outcomes
        ],
        "notices": [
            {"id": n.id, "when": map_bounds(n.when, lambda bound: int(bound * scale))}
            for n in quiz.notices
        ],
        "strings": {
            k: strings[k]
            for k in (
                "progress",
                "progress_up_to",
                "back",
                "next",
                "finish",
                "result_heading",
                "result_link",
                "scores_heading",
                "score_text",
                "score_range_text",
                "revisit_heading",
                "start_again",
                "forget",
                "forgotten",
                "choose_first",
            )
        },
    }


def _number_data(question: Question, scale: int) -> dict[str, Any]:
    """A number question's bands, for the widget to score its value by."""
    return {
        "bands": [
            {"below": b.below, "score": {d: int(v * scale) for d, v in b.score.items()}}
            for b in question.bands
        ]
    }


def _dimension_data(quiz: Quiz, dimension: str, span: Range, scale: int) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": dimension,
        "min": int(span.low * scale),
        "max": int(span.high * scale),
    }
    if quiz.dimensions[dimension].hidden:
        data["hidden"] = True
    if quiz.dimensions[dimension].lower_is_better:
        data["lower"] = True
    return data


def _script_json(data: object) -> str:
    # Safe inside <script>: no "</script>", no "<!--", whatever the author wrote.
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _question(
    quiz: Quiz, question: Question, number: int, prefix: str, strings: Mapping[str, str]
) -> str:
    path = quiz.source_path
    # Every id is made of ids joined by "--", which no id can hold, under a kind ("q-", "o-",
    # "outcome-"): question a with option b-c and question a-b with option c, an option
    # called help, a question called title, two quizzes on one page can never collide.
    qid = f"{prefix}--q-{question.id}"
    control = "checkbox" if question.type == "multiple" else "radio"
    # quiz-single, quiz-scale, quiz-multiple, quiz-numeric (.quiz-number is the question's number)
    kind = "numeric" if question.type == "number" else question.type
    described = f' aria-describedby="{qid}--help"' if question.help else ""
    parts = [
        f'<fieldset class="quiz-question quiz-{kind}" id="{qid}" '
        f'data-question="{question.id}"{described}>',
        f'<legend><span class="quiz-number">{number}.</span> '
        f"{_inline(question.prompt, path)}</legend>",
    ]
    if question.help:
        parts.append(f'<p class="quiz-help" id="{qid}--help">{_inline(question.help, path)}</p>')
    if question.show_if is not None and is_nested(question.show_if):
        # Nested `all`/`any` read two ways as a sentence: lists, as in the outcomes.
        parts.append(
            f'<div class="quiz-condition"><p>{escape(strings["only_if_list"])}</p>'
            f"{describe_html(question.show_if, quiz, strings)}</div>"
        )
    elif question.show_if is not None:
        condition = clause(question.show_if, quiz, strings)
        parts.append(
            f'<p class="quiz-condition">'
            f"{escape(strings['only_if'].format(condition=condition))}</p>"
        )
    parts.append('<div class="quiz-options">')
    if question.type == "number":
        # A native number input: the browser keeps it to whole numbers in the range, and
        # without JavaScript it is still a field to write the answer in.
        unit = escape(question.unit) if question.unit else escape(strings["number_label"])
        hint = escape(strings["number_first"].format(min=question.least, max=question.most))
        parts.append(
            f'<div class="quiz-value"><input type="number" id="{qid}--value" name="{qid}" '
            f'min="{question.least}" max="{question.most}" step="1" inputmode="numeric" '
            f'data-quiz-hint="{hint}"><label for="{qid}--value">{unit}</label></div>'
        )
    for option in question.options:
        oid = f"{qid}--o-{option.id}"
        parts.append(
            f'<div class="quiz-option"><input type="{control}" id="{oid}" '
            f'name="{qid}" value="{option.id}">'
            f'<label for="{oid}">{_inline(option.label, path)}</label>'
        )
        if option.feedback:
            parts.append(f'<p class="quiz-feedback">{_inline(option.feedback, path)}</p>')
        parts.append("</div>")
    parts.append("</div></fieldset>")
    return "".join(parts)


def _points_table(quiz: Quiz, dims: list[Dimension], strings: Mapping[str, str]) -> str:
    path = quiz.source_path
    # The widget takes each dimension's label for its scores from here.
    head = "".join(
        f'<th scope="col" data-dimension-label="{d.id}">{escape(d.label)}</th>' for d in dims
    )
    rows = []
    for number, question in enumerate(quiz.questions, 1):
        if not any(adds_to(question, d.id) for d in dims):
            continue  # it adds nothing to add up
        rows.append(
            f'<tbody><tr><th scope="rowgroup" colspan="{len(dims) + 1}">{number}. '
            f"{_inline(question.prompt, path)}</th></tr>"
        )
        answers = [(_inline(o.label, path), o.score) for o in question.options]
        answers += [(escape(_band_text(question, b, strings)), b.score) for b in question.bands]
        if question.skipped:  # what it adds when it is not asked
            answers.append((escape(strings["not_asked"]), question.skipped))
        for label, score in answers:
            cells = "".join(f"<td>{_number(score.get(d.id, 0))}</td>" for d in dims)
            rows.append(f'<tr><th scope="row">{label}</th>{cells}</tr>')
        rows.append("</tbody>")
    return (
        f'<div class="quiz-table-wrap" role="region" tabindex="0" '
        f'aria-label="{escape(strings["points_caption"])}"><table class="quiz-points">'
        f"<caption>{escape(strings['points_caption'])}</caption>"
        f'<thead><tr><th scope="col">{escape(strings["question_column"])}</th>{head}</tr>'
        f"</thead>{''.join(rows)}</table></div>"
    )


def _band_text(question: Question, band: Band, strings: Mapping[str, str]) -> str:
    """The values a band holds, in words: "1 to 7 drinks", "15 or more drinks"."""
    index = question.bands.index(band)
    low = question.bands[index - 1].below if index else None
    low = question.least if low is None else max(low, question.least)
    high = question.most if band.below is None else min(band.below - 1, question.most)
    if low == high:
        text = str(low)
    elif band.below is None or high == question.most:
        text = strings["value_at_least"].format(n=low)
    else:
        text = strings["value_from_to"].format(low=low, high=high)
    return f"{text} {question.unit}".strip()


def _range_text(dimension: Dimension, span: Range, strings: Mapping[str, str]) -> str:
    if span.low == 0:
        text = strings["max_points"].format(max=_number(span.high))
    else:
        text = strings["range_points"].format(min=_number(span.low), max=_number(span.high))
    return text + (strings["fewer_is_better"] if dimension.lower_is_better else "")


def _explained(
    quiz: Quiz,
) -> tuple[list[Dimension], Callable[[Condition | None], Condition | None]]:
    """The dimensions a reader without JavaScript adds up, and how each rule is said. With
    `result: {scores: false}` a rule is said in answers wherever answers can say it, and only
    the dimensions that still take a sum (and those "worth revisiting" weighs) are added up."""
    if quiz.result.scores:
        return list(quiz.dimensions.values()), lambda condition: condition
    needed = summed_dimensions(quiz, decisive_rules(quiz))
    if quiz.result.revisit != 0:
        needed |= {d.id for d in quiz.shown_dimensions()}
    summed = [d for d in quiz.dimensions.values() if d.id in needed]
    return summed, lambda condition: in_answers(condition, quiz)


def _how_intro(summed: list[Dimension], strings: Mapping[str, str]) -> str:
    if not summed:
        return f"<p>{escape(strings['how_intro_answers'])}</p>"
    labels = strings["list_separator"].join(strings["quoted"].format(text=d.label) for d in summed)
    return f"<p>{escape(strings['how_intro'].format(labels=labels))}</p>"


def _revisit_section(quiz: Quiz, items: str, h: str, strings: Mapping[str, str]) -> str:
    """How "Worth revisiting" is worked out, unless the result lists no such areas."""
    if quiz.result.revisit == 0 or not items:
        return ""
    return (
        f"<{h}>{escape(strings['revisit_heading'])}</{h}>"
        f"<p>{escape(strings['revisit_intro'])}</p>"
        f'<ul class="quiz-dimensions">{items}</ul>'
    )


def _same_title(page: str, quiz: str) -> bool:
    return " ".join(page.split()).casefold() == " ".join(quiz.split()).casefold()


def render_quiz(
    quiz: Quiz,
    prefix: str,
    link_labels: Mapping[str, str],
    strings: Mapping[str, str],
    remember: bool = False,
    page_title: str = "",
) -> str:
    """The quiz as HTML. ``prefix`` makes its ids unique in the page; ``link_labels`` gives each
    link's text (the title of the section it points to). On a page whose title is the quiz's
    (``page_title``), the quiz does not repeat it as a heading of its own."""
    path = quiz.source_path
    spans = ranges(quiz)
    summed, say = _explained(quiz)
    titled_by_page = _same_title(page_title, quiz.title)
    h = "h2" if titled_by_page else "h3"  # one level under the quiz's title, or the page's
    outcomes = "".join(
        f'<li id="{prefix}--outcome-{o.id}" data-outcome="{o.id}">'
        f'<{h} class="quiz-outcome-title">{escape(o.title)}</{h}>'
        f'<div class="quiz-when">{describe_html(say(o.when), quiz, strings)}</div>'
        f'<div class="quiz-outcome-body">{_block(o.body, path)}</div>'
        f'<p><a class="quiz-outcome-link" href="{escape(o.link)}">'
        f"{escape(strings['result_link'].format(label=link_labels[o.link]))}</a></p></li>"
        for o in quiz.outcomes
    )
    dimensions = "".join(
        f'<li data-dimension="{d.id}"><a href="{escape(d.link)}">{escape(d.label)}</a>'
        + (f" ({escape(_range_text(d, spans[d.id], strings))})" if quiz.result.scores else "")
        + "</li>"
        for d in quiz.shown_dimensions()
    )
    notices = "".join(
        f'<li data-notice="{n.id}">'
        f'<div class="quiz-when">{describe_html(say(n.when), quiz, strings)}</div>'
        f'<div class="quiz-notice">{_block(n.text, path)}</div></li>'
        for n in quiz.notices
    )
    if notices:
        shown_with = escape(strings["notices_heading"])
        notices = f'<{h}>{shown_with}</{h}><ul class="quiz-notices">{notices}</ul>'
    questions = "".join(
        _question(quiz, q, n, prefix, strings) for n, q in enumerate(quiz.questions, 1)
    )
    if titled_by_page:
        heading = f'aria-label="{escape(quiz.title)}">'
    else:
        heading = (
            f'aria-labelledby="{prefix}--title">'
            f'<h2 class="quiz-title" id="{prefix}--title">{escape(quiz.title)}</h2>'
        )
    return (
        f'<section class="quiz" id="{prefix}" data-quiz="{quiz.id}" {heading}'
        f'<div class="quiz-intro">{_block(quiz.intro, path)}</div>'
        f'<p class="quiz-nojs-note" data-quiz-nojs>{escape(strings["nojs_note"])}</p>'
        f'<form class="quiz-form" data-quiz-form>'
        f'<p class="quiz-progress" data-quiz-progress hidden>\u00a0</p>{questions}'
        f'<p class="quiz-error" data-quiz-error hidden></p>'
        f'<div class="quiz-nav" data-quiz-nav hidden>'
        f'<button type="button" data-quiz-back>{escape(strings["back"])}</button> '
        f'<button type="button" data-quiz-next>{escape(strings["next"])}</button></div></form>'
        f'<div class="quiz-result" data-quiz-result tabindex="-1" hidden></div>'
        f'<p class="quiz-visually-hidden" data-quiz-status aria-live="polite"></p>'
        f'<details class="quiz-how" id="{prefix}--how"><summary>'
        f"{escape(strings['how_title'])}</summary>"
        f"{_how_intro(summed, strings)}"
        f"{_points_table(quiz, summed, strings) if summed else ''}"
        f'<ol class="quiz-outcomes">{outcomes}</ol>{notices}'
        f"{_revisit_section(quiz, dimensions, h, strings)}</details>"
        f'<script type="application/json" data-quiz-data>'
        f"{_script_json(quiz_data(quiz, strings, remember))}</script>"
        f"</section>"
    )
