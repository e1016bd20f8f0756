"""Every page carries a strict Content-Security-Policy: same origin only, no inline script or
style, no eval; the dev server's one script hash only in development builds."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import Site
from tools.livereload_csp import livereload_script_hash


def policies(site: Site) -> dict[str, dict[str, list[str]]]:
    found = {}
    for path in site.html_files():
        if "pagefind" in path.parts:
            continue
        meta = site.soup(str(path.relative_to(site.output))).select(
            'meta[http-equiv="Content-Security-Policy"]'
        )
        assert len(meta) == 1, f"{path.name}: {len(meta)} policies"
        directives = [d.split() for d in str(meta[0]["content"]).split(";") if d.strip()]
        found[path.name] = {d[0]: d[1:] for d in directives}
    return found


def _check(policy: dict[str, list[str]], name: str) -> None:
    assert policy["default-src"] == ["'self'"], name
    for directive, sources in policy.items():
        assert "'unsafe-inline'" not in sources, (name, directive)
        assert "'unsafe-eval'" not in sources, (name, directive)
        assert not any(s.startswith(("http:", "https:", "*")) for s in sources), (name, directive)
    assert policy["object-src"] == ["'none'"]


def test_development_pages_allow_only_the_livereload_script(real_site: Site) -> None:
    for name, policy in policies(real_site).items():
        _check(policy, name)
        extra = ["'wasm-unsafe-eval'"] if name == "search.html" else []
        assert policy["script-src"] == ["'self'", *extra, f"'{livereload_script_hash()}'"], name


@pytest.mark.parametrize("sub_path", ["", "some-repo"])
def test_production_pages_allow_nothing_inline(
    publish: Callable[[str], tuple[str, Site]], sub_path: str
) -> None:
    _, site = publish(sub_path)
    for name, policy in policies(site).items():
        _check(policy, name)
        extra = ["'wasm-unsafe-eval'"] if name == "search.html" else []
        assert policy["script-src"] == ["'self'", *extra], name
