"""Every HTML file the build writes is valid HTML (Nu HTML Checker): development and
production builds alike."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import Site
from tests.quality.vnu import vnu_errors


def test_development_build_is_valid_html(real_site: Site) -> None:
    assert vnu_errors(real_site.output) == []


def test_production_build_is_valid_html(publish: Callable[[str], tuple[str, Site]]) -> None:
    _, site = publish("some-repo")
    assert vnu_errors(site.output) == []


def test_the_checker_reports_a_bad_page() -> None:
    errors = vnu_errors(Path(__file__).parent / "fixtures" / "invalid-html")
    assert len(errors) >= 3
    assert all("bad.html" in line for line in errors)
