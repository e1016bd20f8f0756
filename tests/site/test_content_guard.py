"""Every internal link must arrive, and nothing from outside the content folder is published
(issue "Hardening", items 4 and 8): each a build error with file:line, in every build."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from content_guard.markup import markup_problems

from tests.conftest import SITES, run_build_command

EXPECTED = [
    "error: content/articles/links.md:7: link {filename}/articles/missing.md: no article or "
    "page 'articles/missing.md'",
    "error: content/articles/links.md:9: link {filename}/articles/target.md#nowhere: "
    "'articles/target.md' has no section '#nowhere'",
    "error: content/articles/links.md:11: link {filename}target.md#gone: 'articles/target.md' "
    "has no section '#gone'",
    "error: content/articles/links.md:13: link {attach}/../../../../../proc/self/environ: "
    "'/../../../../../proc/self/environ' is outside the content folder; only files inside it "
    "are published",
    "error: content/articles/links.md:15: link {attach}../../secret.txt: '../../secret.txt' is "
    "outside the content folder; only files inside it are published",
    "error: content/articles/links.md:17: link {static}/images/none.svg: no file "
    "'images/none.svg' in the content folder",
]


def test_broken_links_fail_make_build_with_file_and_line(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(SITES / "bad-links" / "content", content, symlinks=True)
    (tmp_path / "secret.txt").write_text("API_KEY=hunter2")
    good = tmp_path / "output"
    first = run_build_command("-o", str(good), "-e", f"PATH={content}", "-e", "STATIC_PATHS=[]")
    assert first.returncode == 1
    errors = [line for line in first.stderr.splitlines() if line.startswith("error:")]
    assert errors == EXPECTED
    assert "Traceback" not in first.stderr
    assert not good.exists()


def test_a_symlink_out_of_the_content_folder_is_not_published(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(SITES / "bad-links" / "content", content, symlinks=True)
    (content / "articles" / "links.md").unlink()
    run = run_build_command("-o", str(tmp_path / "output"), "-e", f"PATH={content}")
    assert run.returncode == 1
    assert [line for line in run.stderr.splitlines() if line.startswith("error:")] == [
        "error: content/images/escape.txt: a link out of the content folder (to /etc/hostname); "
        "only files inside it are published"
    ]
    assert not (tmp_path / "output").exists()


HOSTILE = SITES / "hostile" / "content"
HOSTILE_EXPECTED = SITES / "hostile" / "expected.txt"


def test_script_markup_script_urls_and_stolen_paths_fail_the_build(tmp_path: Path) -> None:
    run = run_build_command("-o", str(tmp_path / "output"), "-e", f"PATH={HOSTILE}")
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    if os.environ.get("UPDATE_FIXTURES"):
        HOSTILE_EXPECTED.write_text("\n".join(errors) + "\n", encoding="utf-8")
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert errors == HOSTILE_EXPECTED.read_text(encoding="utf-8").splitlines()
    assert not (tmp_path / "output").exists()


def test_files_of_the_readers_the_site_does_not_use_are_not_published(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    for name in ("target.md", "raw.html", "old.mkd"):
        shutil.copy(HOSTILE / "articles" / name, content / "articles" / name)
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-7f3a9c from the machine\n")
    (content / "articles" / "raw.rst").write_text(
        "Raw reST\n########\n\n:date: 2026-11-02\n\n.. raw:: html\n\n   <script>alert(1)</script>"
        f"\n\n.. include:: {secret}\n"
    )
    run = run_build_command("-o", str(tmp_path / "output"), "-e", f"PATH={content}")
    assert run.returncode == 0, run.stderr
    published = "".join(p.read_text(errors="replace") for p in (tmp_path / "output").rglob("*.*"))
    assert "alert(1)" not in published
    assert "SECRET-7f3a9c" not in published
    assert "example.org" not in published
    assert sorted(p.name for p in (tmp_path / "output").glob("raw*")) == []


def test_a_folder_link_that_loops_is_refused_before_reading(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(SITES / "links" / "content", content)
    (content / "articles" / "again").symlink_to("..", target_is_directory=True)
    (content / "images" / "up").symlink_to("../images", target_is_directory=True)
    run = run_build_command("-o", str(tmp_path / "output"), "-e", f"PATH={content}")
    assert run.returncode == 1
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: content/articles/again: a folder link that leads back to {content}: Pelican "
        "would walk it for ever",
        f"error: content/images/up: a folder link that leads back to {content / 'images'}: "
        "Pelican would walk it for ever",
    ]


def test_markup_that_runs_script_is_found_in_any_readers_html() -> None:
    # Our reader escapes raw HTML; another reader's HTML gets the same rule.
    html = (
        '<p onclick="x()">a</p><SCRIPT src="/x.js"></SCRIPT><meta http-equiv="refresh">'
        '<a href="&#106;ava&#x73;cript:alert(1)">b</a><a href="java%0Ascript:y">c</a>'
        '<img src="data:text/html;base64,xx"><a href="/fine.html">d</a><img src="data:image/png;x">'
    )
    assert [message for _, message in markup_problems(html)] == [
        "<script> is not allowed in a page",
        "<meta> is not allowed in a page",
        "the event handler attribute onclick is not allowed",
        "the script URL '&#106;ava&#x73;cript:alert(1)' is not allowed",
        "the script URL 'java%0Ascript:y' is not allowed",
        "the script URL 'data:text/html;base64,xx' is not allowed",
    ]


def test_an_article_page_quiz_or_folder_linked_from_outside_is_not_published(
    tmp_path: Path,
) -> None:
    # Issue "Hardening, second round", item 7: static files were refused, these were read and
    # published.
    content = tmp_path / "content"
    shutil.copytree(SITES / "quiz" / "content", content)
    outside = tmp_path / "elsewhere"
    (outside / "folder").mkdir(parents=True)
    secret = "---\ntitle: Secret\ndate: 2026-11-02\n---\nSECRET-41c7 from the machine\n"
    (outside / "secret.md").write_text(secret)
    (outside / "folder" / "more.md").write_text(secret.replace("Secret", "More"))
    quiz = content / "quizzes" / "mini.yaml"
    (outside / "mini.yaml").write_text(quiz.read_text())
    quiz.unlink()
    (content / "articles" / "secret.md").symlink_to(outside / "secret.md")
    (content / "pages").mkdir(exist_ok=True)
    (outside / "private.md").write_text(secret.replace("Secret", "Private"))
    (content / "pages" / "private.md").symlink_to(outside / "private.md")
    (content / "articles" / "folder").symlink_to(outside / "folder", target_is_directory=True)
    quiz.symlink_to(outside / "mini.yaml")
    output = tmp_path / "output"
    run = run_build_command("-o", str(output), "-e", f"PATH={content}")
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: content/{where}: a link out of the content folder (to {outside / target}); "
        "only files inside it are published"
        for where, target in [
            ("articles/folder", "folder"),
            ("articles/secret.md", "secret.md"),
            ("pages/private.md", "private.md"),
            ("quizzes/mini.yaml", "mini.yaml"),
        ]
    ]
    assert not output.exists()


def test_words_like_a_handler_inside_an_attribute_value_are_only_words() -> None:
    # Hardening, second round, item 16: a link title "Click onwards=here" was refused as an
    # event handler. Only attribute names count, wherever quotes and > stand.
    assert markup_problems('<a href="/y" title="Click onwards=here">x</a>') == []
    assert markup_problems("<p title='a > b'>x</p>") == []
    assert [m for _, m in markup_problems("<p title='a>b' onmouseover=go>x</p>")] == [
        "the event handler attribute onmouseover is not allowed"
    ]
    assert [m for _, m in markup_problems('<p title="unclosed onclick=x>')] == [
        "the event handler attribute onclick is not allowed"
    ]


def test_a_link_titled_like_a_handler_builds(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(SITES / "links" / "content", content)
    (content / "articles" / "titled.md").write_text(
        '---\ntitle: Titled\ndate: 2026-11-02\n---\n[Next]({filename}/articles/target.md "Click '
        'onwards=here")\n'
    )
    run = run_build_command("-o", str(tmp_path / "output"), "-e", f"PATH={content}")
    assert run.returncode == 0, run.stderr
