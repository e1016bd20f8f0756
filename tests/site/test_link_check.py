"""Every internal link must arrive, and nothing from outside the content folder is published
(issue "Hardening", items 4 and 8): each a build error with file:line, in every build."""

from __future__ import annotations

import shutil
from pathlib import Path

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
