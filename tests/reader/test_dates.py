"""Dates in front matter: the YAML loader keeps a date as its text and Pelican parses it, so a
YAML date and the same date written as quoted text give the same metadata."""

from __future__ import annotations

from pathlib import Path

from mdit_reader.mdit_reader import MarkdownItReader
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import SafeDatetime

DATES = Path(__file__).parent / "dates"


def _metadata(name: str) -> dict[str, object]:
    reader = MarkdownItReader({**DEFAULT_CONFIG, "PATH": str(DATES)})
    return reader.read(str(DATES / name))[1]


def test_a_yaml_date_is_the_date_pelican_reads_from_its_text() -> None:
    as_date, as_text = _metadata("yaml_date.md"), _metadata("text_date.md")
    assert as_date["date"] == as_text["date"] == SafeDatetime(2026, 1, 2)
    assert type(as_date["date"]) is type(as_text["date"]) is SafeDatetime
    assert as_date["modified"] == as_text["modified"]


def test_a_yaml_date_and_time_keeps_its_time() -> None:
    assert _metadata("yaml_datetime.md")["date"] == SafeDatetime(2026, 1, 2, 9, 30)
