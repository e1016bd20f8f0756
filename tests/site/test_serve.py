"""`make serve`'s server, for real: start it on a copy of the site, edit files, watch it rebuild."""

from __future__ import annotations

import http.client
import re
import time
from pathlib import Path

import pytest

from tests.dev_server import DevServer, wait_for
from tools.livereload_csp import LIVERELOAD_SCRIPT

pytestmark = pytest.mark.slow


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_serves_with_the_livereload_script_the_policy_allows(dev_server: DevServer) -> None:
    html = dev_server.page("give-it-time.html")
    inline = re.findall(r"<script type=\"text/javascript\">(.*?)</script>", html, re.S)
    assert inline == [LIVERELOAD_SCRIPT]
    assert "LiveReload" in dev_server.page(f"livereload.js?port={dev_server.port}")


def test_edit_rebuilds_broken_file_keeps_last_good_site(dev_server: DevServer) -> None:
    article = dev_server.root / "content" / "articles" / "give-it-time.md"
    edit(article, "There is no exact number.", "There is no exact number, truly.")
    dev_server.wait_for_page(
        "give-it-time.html", "no exact number, truly.", "the edited article to be served"
    )

    edit(article, "title: Give it time and space", "title: Give it time and space\ntitle: twice")
    wait_for(lambda: "duplicate key 'title'" in dev_server.log_text(), "the build error")
    assert "content/articles/give-it-time.md:3:1: duplicate key 'title'" in dev_server.log_text()
    assert "Traceback" not in dev_server.log_text()
    assert "no exact number, truly." in dev_server.page("give-it-time.html")
    assert dev_server.process.poll() is None

    edit(article, "title: Give it time and space\ntitle: twice", "title: Give it time, gently")
    dev_server.wait_for_page(
        "give-it-time.html", "Give it time, gently", "the fixed article to be served"
    )


def test_plugin_code_change_takes_effect(dev_server: DevServer) -> None:
    headings = dev_server.root / "plugins" / "mdit_reader" / "headings.py"
    edit(headings, '<a class="permalink"', '<a class="permalink edited"')
    dev_server.wait_for_page(
        "let-it-go.html", 'class="permalink edited"', "the plugin change to show"
    )


def test_broken_quiz_keeps_last_good_quiz_page_until_fixed(dev_server: DevServer) -> None:
    quiz = dev_server.root / "content" / "quizzes" / "ready-to-reach-out.yaml"
    title = (
        quiz.read_text(encoding="utf-8").splitlines().index("title: Are you ready to reach out?")
    )
    edit(quiz, "title: Are you ready to reach out?", "title: [Are you ready")
    # YAML finds the unclosed list on the line after the title (lines count from 1).
    error = f"content/quizzes/ready-to-reach-out.yaml:{title + 2}:6: expected ',' or ']'"
    wait_for(lambda: error in dev_server.log_text(), "the quiz error")
    assert "unknown quiz" not in dev_server.log_text()
    assert "Traceback" not in dev_server.log_text()
    assert "Are you ready to reach out?" in dev_server.page("quiz.html")
    assert dev_server.process.poll() is None

    edit(quiz, "title: [Are you ready", "title: Ready to say hello again?")
    dev_server.wait_for_page("quiz.html", "Ready to say hello again?", "the fixed quiz")


def _status(port: int, path: str, headers: dict[str, str]) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path, headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


def test_the_last_good_site_is_served_while_a_rebuild_runs(dev_server: DevServer) -> None:
    settings = dev_server.root / "pelicanconf.py"
    # A rebuild that takes four seconds: the settings file itself sleeps when it is read.
    settings.write_text(
        settings.read_text(encoding="utf-8") + "\nimport time\ntime.sleep(4)\n", encoding="utf-8"
    )
    wait_for(lambda: _rebuilding(dev_server), "the rebuild to start", timeout=10, every=0.05)
    started = time.monotonic()
    assert "<html" in dev_server.page("index.html")  # answered from the last good site
    assert time.monotonic() - started < 2, "the server waited for the rebuild"
    assert _rebuilding(dev_server), "the rebuild ended before the request was answered"
    wait_for(lambda: not _rebuilding(dev_server), "the rebuild to end", timeout=30)


def _rebuilding(dev_server: DevServer) -> bool:
    """Whether a build process (a child of the server) is running now."""
    children = Path(f"/proc/{dev_server.process.pid}/task/{dev_server.process.pid}/children")
    return bool(children.read_text().split())


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/index.html", {"Host": "evil.example"}),
        ("/forcereload", {"Host": "rebound.evil.example:8000"}),
        (
            "/livereload",
            {
                "Host": "127.0.0.1",
                "Origin": "http://evil.example",
                "Upgrade": "websocket",
                "Connection": "Upgrade",
                "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
                "Sec-WebSocket-Version": "13",
            },
        ),
        # Hardening, second round, item 15: an <img src> of /forcereload on another site's
        # page has this machine's Host; the browser names the page's site.
        ("/forcereload", {"Host": "127.0.0.1", "Sec-Fetch-Site": "cross-site"}),
        ("/forcereload", {"Host": "127.0.0.1", "Referer": "https://evil.example/page.html"}),
    ],
    ids=[
        "foreign-host",
        "dns-rebinding-forcereload",
        "foreign-websocket-origin",
        "cross-site-forcereload",
        "forcereload-from-another-page",
    ],
)
def test_only_this_machine_is_answered(dev_server: DevServer, path: str, headers: dict) -> None:
    assert _status(dev_server.port, path, headers) == 403
    local = {**headers, "Host": f"localhost:{dev_server.port}"}
    for key in ("Origin", "Referer"):
        if key in local:
            local[key] = f"http://localhost:{dev_server.port}/"
    if "Sec-Fetch-Site" in local:
        local["Sec-Fetch-Site"] = "same-origin"
    assert _status(dev_server.port, path, local) in (101, 200)


def test_a_missing_page_gets_the_sites_own_404_page(dev_server: DevServer) -> None:
    # As GitHub Pages answers: the theme's 404.html, with status 404, at any depth; a path no
    # file can have (a NUL byte) is simply missing, never a server error with a traceback.
    for path in ("/some/deep/missing.html", "/%00", "/a%00b.html"):
        connection = http.client.HTTPConnection("127.0.0.1", dev_server.port, timeout=5)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            body = response.read().decode("utf-8")
        finally:
            connection.close()
        assert response.status == 404, path
        assert (dev_server.root / "output" / "404.html").read_text(encoding="utf-8")[:200] in body
        assert "Page not found" in body
    assert "Traceback" not in dev_server.log_text()
