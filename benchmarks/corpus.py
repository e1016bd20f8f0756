"""Write a corpus of N articles for the build-speed comparison, in three flavours.

Each article has front matter, a few ``##`` sections with ids, paragraphs and a list. In our
flavour one article in ten embeds a quiz. Plain Pelican and Hugo get the same articles without
the quiz (they have no quiz plugin); Hugo's front matter lists tags as YAML lists.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

__all__ = ["QUIZ_EVERY", "write_corpus"]

QUIZ_EVERY = 10
HERE = Path(__file__).parent
WORDS = [
    "time",
    "space",
    "friend",
    "talk",
    "brave",
    "honest",
    "kind",
    "calm",
    "slowly",
    "listen",
    "message",
    "school",
    "weekend",
    "laugh",
    "walk",
    "music",
    "story",
    "patience",
    "trust",
    "courage",
    "gentle",
    "moment",
    "chance",
    "answer",
    "question",
    "week",
    "hobby",
    "plan",
    "group",
    "coffee",
    "smile",
    "simple",
    "nervous",
    "steady",
    "ready",
    "wait",
    "hope",
    "feel",
    "think",
    "notice",
]
TAGS = ["time", "friendship", "courage", "habits", "feelings", "talking", "mindset"]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(3, 5)))


def _article(index: int, flavour: str, rng: random.Random) -> str:
    tags = rng.sample(TAGS, 2)
    tag_line = f"tags: [{', '.join(tags)}]" if flavour == "hugo" else f"tags: {', '.join(tags)}"
    lines = [
        "---",
        f"title: Article number {index}",
        f"date: 2026-01-{index % 28 + 1:02d}",
        f"summary: {_sentence(rng)}",
        tag_line,
        "---",
        "",
        _paragraph(rng),
        "",
    ]
    for section in range(rng.randint(3, 4)):
        lines += [f"## Section {section + 1} of article {index} {{#part-{section + 1}}}", ""]
        lines += [_paragraph(rng), ""]
        lines += [f"- {_sentence(rng)}" for _ in range(3)] + [""]
        lines += [_paragraph(rng), ""]
    if flavour == "ours" and index % QUIZ_EVERY == 0:
        lines += ["```{quiz} corpus-quiz", "```", ""]
    return "\n".join(lines)


def write_corpus(folder: Path, count: int, flavour: str, seed: int = 1) -> Path:
    """Write ``count`` articles into ``folder`` for ``flavour`` (ours, pelican, hugo); returns
    the content folder to build."""
    rng = random.Random(seed)
    if folder.exists():
        shutil.rmtree(folder)
    if flavour == "hugo":
        shutil.copytree(HERE / "hugo_site", folder)
        articles = folder / "content" / "posts"
        content = folder
    else:
        content = folder / "content"
        articles = content / "articles"
    articles.mkdir(parents=True)
    for index in range(1, count + 1):
        text = _article(index, flavour, rng)
        (articles / f"article-{index:05d}.md").write_text(text, encoding="utf-8")
    if flavour == "ours":
        (content / "quizzes").mkdir()
        shutil.copy(HERE / "corpus-quiz.yaml", content / "quizzes" / "corpus-quiz.yaml")
    return content
