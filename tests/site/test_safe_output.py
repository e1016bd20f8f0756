"""A build never destroys what it did not write (issue "Hardening", data loss): the output
folder it may replace, the swap, and the content cache."""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import stat
import subprocess
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, SITES, copy_site_source, run_build_command
from tests.quality.test_determinism import tree_differences
from tools import output_folder
from tools.build import build_site
from tools.output_folder import STAMP, build_lock

LINKS = SITES / "links" / "content"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of this project in a git repository, with an untracked draft: what `-o` must
    never destroy."""
    copy = copy_site_source(tmp_path / "project")
    subprocess.run(["git", "init", "-q", str(copy)], check=True)
    draft = "---\ntitle: My draft\ndate: 2026-11-20\nstatus: draft\n---\nNot in git yet.\n"
    (copy / "content" / "articles" / "draft-not-in-git.md").write_text(draft)
    return copy


def _snapshot(folder: Path, into: Path) -> Path:
    shutil.copytree(folder, into, symlinks=True)
    return into


@pytest.mark.parametrize(
    ("target", "holds"),
    [
        (".", "the content folder"),
        ("content", "the content folder"),
        ("..", "the content folder"),
    ],
)
def test_an_output_folder_holding_the_sources_is_refused(
    project: Path, tmp_path: Path, target: str, holds: str
) -> None:
    before = _snapshot(project, tmp_path / "before")
    run = run_build_command("-o", target, project=project)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    shown = (project / target).resolve()
    assert f"error: output folder {shown} holds {holds} " in run.stderr
    assert tree_differences(before, project) == []
    assert (project / ".git").is_dir()


def test_an_output_folder_inside_the_content_is_refused(project: Path) -> None:
    run = run_build_command("-o", "content/site", project=project)
    assert run.returncode == 1
    assert "is inside the content folder" in run.stderr
    assert not (project / "content" / "site").exists()


def test_a_folder_of_someone_elses_files_is_refused(tmp_path: Path) -> None:
    output = tmp_path / "mine"
    output.mkdir()
    (output / "notes.txt").write_text("keep me")
    result = build_site(str(ROOT / "pelicanconf.py"), {"PATH": str(LINKS)}, str(output))
    assert not result.ok
    assert result.errors == [
        f"output folder {output} holds files no build made (notes.txt); move them away or "
        "choose an empty folder (a build replaces its output folder)"
    ]
    assert sorted(p.name for p in output.iterdir()) == ["notes.txt"]


def _build(tmp_path: Path, output: Path, **settings: object) -> list[str]:
    values = {"PATH": str(LINKS), "CACHE_PATH": str(tmp_path / "cache"), **settings}
    result = build_site(str(ROOT / "pelicanconf.py"), values, str(output))
    assert result.ok, result.errors
    return result.warnings


def test_kept_entries_survive_and_old_pages_go(tmp_path: Path) -> None:
    output = tmp_path / "output"
    # A gh-pages worktree: only its .git and a hand-made CNAME, before any build.
    output.mkdir()
    (output / ".git").write_text("gitdir: /somewhere/.git/worktrees/gh-pages\n")
    (output / "CNAME").write_text("advice.example.org\n")
    _build(tmp_path, output)
    (output / "stale.html").write_text("from an older build")
    _build(tmp_path, output)
    assert (output / ".git").read_text().startswith("gitdir:")
    assert (output / "CNAME").read_text() == "advice.example.org\n"
    assert (output / STAMP).is_file() and (output / "index.html").is_file()
    assert not (output / "stale.html").exists()


def test_a_symlinked_output_folder_gets_the_site_and_stays_a_link(tmp_path: Path) -> None:
    target = tmp_path / "www"
    link = tmp_path / "output"
    link.symlink_to(target, target_is_directory=True)
    _build(tmp_path, link)
    _build(tmp_path, link)
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert (target / "index.html").is_file()


def test_the_output_folder_has_the_usual_modes(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        _build(tmp_path, tmp_path / "output")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "output").stat().st_mode) == 0o755


def test_a_swap_killed_between_its_renames_is_undone_by_the_next_build(tmp_path: Path) -> None:
    output = tmp_path / "output"
    _build(tmp_path, output)
    kept = _snapshot(output, tmp_path / "kept")
    # What a build killed after setting the old output aside leaves: no output at all.
    os.rename(output, tmp_path / "output.old-x1y2")
    (tmp_path / "output.building-z3").mkdir()
    (tmp_path / "output.building-z3" / STAMP).write_text("")
    broken = tmp_path / "broken"
    shutil.copytree(LINKS, broken)
    (broken / "articles" / "bad.md").write_text("no front matter\n")
    result = build_site(str(ROOT / "pelicanconf.py"), {"PATH": str(broken)}, str(output))
    assert not result.ok
    assert tree_differences(kept, output) == []
    assert sorted(p.name for p in tmp_path.glob("output.*")) == []


def test_an_output_folder_that_cannot_be_renamed_gets_its_contents_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "output"
    _build(tmp_path, output)
    (output / "CNAME").write_text("advice.example.org\n")
    (output / "stale.html").write_text("old")

    def busy(first: Path, second: Path) -> bool:
        raise OSError(errno.EBUSY, "Device or resource busy", str(second))  # a mount point

    monkeypatch.setattr(output_folder, "exchange", busy)
    inode = output.stat().st_ino
    _build(tmp_path, output)
    assert output.stat().st_ino == inode  # the same folder, new contents
    assert not (output / "stale.html").exists()
    assert (output / "CNAME").read_text() == "advice.example.org\n"
    assert (output / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.glob("output.*")) == []


def _worktree(tmp_path: Path) -> Path:
    """A built gh-pages worktree: its .git history is what must never be lost."""
    output = tmp_path / "output"
    output.mkdir()
    (output / ".git").mkdir()
    (output / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (output / "CNAME").write_text("advice.example.org\n")
    _build(tmp_path, output)
    return output


@pytest.mark.parametrize("renamed", [False, True], ids=["before-the-swap", "between-renames"])
def test_a_kept_git_moved_into_a_killed_build_comes_back(tmp_path: Path, renamed: bool) -> None:
    # Item 4: what a build killed between moving the kept .git into its staging folder and the
    # swap leaves (or, where there is no atomic exchange, between setting the old folder aside
    # and putting the new one in place); the next build deleted the staging folder, .git and
    # all.
    output = _worktree(tmp_path)
    staging = tmp_path / "output.building-k1ll3d"
    shutil.copytree(output, staging)
    shutil.rmtree(staging / ".git")
    os.rename(output / ".git", staging / ".git")
    if renamed:
        os.rename(output, tmp_path / "output.old-k1ll3d")
    _build(tmp_path, output)
    assert (output / ".git" / "HEAD").read_text() == "ref: refs/heads/gh-pages\n"
    assert sorted(p.name for p in tmp_path.glob("output.*")) == []


def _mount_point(monkeypatch: pytest.MonkeyPatch) -> None:
    """The output folder cannot be renamed, nor anything moved out of it to its parent."""

    def busy(first: Path, second: Path) -> bool:
        raise OSError(errno.EBUSY, "Device or resource busy", str(second))

    real_rename = os.rename

    def rename(source: object, target: object) -> None:
        if Path(str(target)).parent.name.startswith("output.building-"):
            raise OSError(errno.EXDEV, "Invalid cross-device link", str(source))
        real_rename(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(output_folder, "exchange", busy)
    monkeypatch.setattr(output_folder.os, "rename", rename)


def test_a_mount_point_keeps_its_git_and_gets_the_new_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = _worktree(tmp_path)
    (output / "stale.html").write_text("old")
    _mount_point(monkeypatch)
    _build(tmp_path, output)
    assert (output / ".git" / "HEAD").is_file() and (output / "index.html").is_file()
    assert not (output / "stale.html").exists()
    assert [p.name for p in output.iterdir() if p.name.startswith(STAMP + ".")] == []


def test_a_full_disk_under_a_mount_point_leaves_the_previous_site_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Item 5: the old site was deleted before the new one was known to fit; on a full disk the
    # build died with a traceback, a half site and its stamp gone.
    output = _worktree(tmp_path)
    kept = _snapshot(output, tmp_path / "kept")
    _mount_point(monkeypatch)
    copied = []
    real_copy = shutil.copy2

    def copy2(source: str, target: str, **options: object) -> object:
        if len(copied) == 5:
            raise OSError(errno.ENOSPC, "No space left on device", target)
        copied.append(target)
        return real_copy(source, target, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(shutil, "copy2", copy2)
    result = build_site(str(ROOT / "pelicanconf.py"), {"PATH": str(LINKS)}, str(output))
    assert not result.ok
    assert result.errors == [
        f"the new site could not be written into {output} (No space left on device); the "
        "previous site was left as it was"
    ]
    assert tree_differences(kept, output) == []
    assert sorted(p.name for p in tmp_path.glob("output.*")) == []
    monkeypatch.setattr(shutil, "copy2", real_copy)
    _build(tmp_path, output)  # the folder is still the build's: the next build may replace it


def test_a_folder_nothing_can_be_written_into_is_one_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Item 18: `chattr +i output` gave a traceback.
    output = _worktree(tmp_path)
    kept = _snapshot(output, tmp_path / "kept")

    real_rename, real_mkdtemp = os.rename, output_folder.tempfile.mkdtemp

    def refused(path: object) -> OSError:
        return OSError(errno.EPERM, "Operation not permitted", str(path))

    def exchange(first: Path, second: Path) -> bool:
        raise refused(second)

    def rename(source: object, target: object) -> None:
        if output in (Path(str(source)), *Path(str(source)).parents, Path(str(target)).parent):
            raise refused(source)
        real_rename(source, target)  # type: ignore[arg-type]

    def mkdtemp(prefix: str = "", dir: object = None) -> str:
        if Path(str(dir)) == output:
            raise refused(output)
        return real_mkdtemp(prefix=prefix, dir=dir)  # type: ignore[type-var]

    monkeypatch.setattr(output_folder, "exchange", exchange)
    monkeypatch.setattr(output_folder.os, "rename", rename)
    monkeypatch.setattr(output_folder.tempfile, "mkdtemp", mkdtemp)
    result = build_site(str(ROOT / "pelicanconf.py"), {"PATH": str(LINKS)}, str(output))
    assert not result.ok
    assert result.errors == [
        f"the new site could not be written into {output} (Operation not permitted); the "
        "previous site was left as it was"
    ]
    assert tree_differences(kept, output) == []


def test_make_clean_removes_only_what_builds_made(tmp_path: Path) -> None:
    # Item 6: `rm -rf output.*` took an author's output.txt and output.backup/.
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "Makefile", project / "Makefile")
    shutil.copytree(ROOT / "tools", project / "tools")
    output = _worktree(project)
    (project / "output.txt").write_text("my notes")
    (project / "output.backup").mkdir()
    (project / "output.building-x1").mkdir()
    (project / "output.building-x1" / STAMP).write_text("")
    (project / "cache.building-y2").mkdir()
    (project / "cache").mkdir(exist_ok=True)
    run = subprocess.run(["make", "-s", "clean"], cwd=project, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in project.iterdir()) == [
        "Makefile",
        "output",
        "output.backup",
        "output.txt",
        "tools",
    ]
    # The worktree's history and hand-made CNAME stay; the site goes.
    assert sorted(p.name for p in output.iterdir()) == [".git", "CNAME"]
    assert run.stdout == f"{Path('output')}: kept .git, CNAME (OUTPUT_RETENTION)\n"


def test_a_cache_copy_left_by_a_killed_build_goes_and_a_live_one_stays(tmp_path: Path) -> None:
    # Item 17: builds killed during the cache copy left cache.building-* folders for ever.
    abandoned = tmp_path / "cache.building-k1ll3d"
    (abandoned / "sub").mkdir(parents=True)
    live = tmp_path / "cache.building-l1ve"
    live.mkdir()
    handle = os.open(live, os.O_RDONLY)
    fcntl.flock(handle, fcntl.LOCK_EX)  # another build, still running, holds its copy
    try:
        _build(tmp_path, tmp_path / "output", **_cached(tmp_path))
        assert not abandoned.exists()
        assert live.is_dir()
    finally:
        os.close(handle)
    assert sorted(p.name for p in tmp_path.glob("cache*")) == ["cache", "cache.building-l1ve"]


def _cached(tmp_path: Path) -> dict[str, object]:
    return {
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
        "CACHE_PATH": str(tmp_path / "cache"),
    }


def test_an_unreadable_cache_is_dropped_with_one_warning(tmp_path: Path) -> None:
    output = tmp_path / "output"
    _build(tmp_path, output, **_cached(tmp_path))
    readers = tmp_path / "cache" / "ArticlesGenerator-Readers"
    assert readers.stat().st_size > 0
    readers.write_bytes(b"")  # a build killed while saving it, before this fix
    warnings = _build(tmp_path, output, **_cached(tmp_path))
    assert [w for w in warnings if "content cache" in w] == [
        f"{readers}: the content cache file was unreadable (a build was killed while saving "
        "it?); it was dropped and is rebuilt"
    ]
    assert readers.stat().st_size > 0
    assert [w for w in _build(tmp_path, output, **_cached(tmp_path)) if "cache" in w] == []


def test_a_failed_build_leaves_the_cache_as_it_was(tmp_path: Path) -> None:
    output = tmp_path / "output"
    _build(tmp_path, output, **_cached(tmp_path))
    before = _snapshot(tmp_path / "cache", tmp_path / "cache-before")
    broken = tmp_path / "broken"
    shutil.copytree(LINKS, broken)
    (broken / "articles" / "new.md").write_text("---\ntitle: New\ndate: 2026-11-01\n---\nHi\n")
    (broken / "articles" / "bad.md").write_text("no front matter\n")
    values = {"PATH": str(broken), **_cached(tmp_path)}
    assert not build_site(str(ROOT / "pelicanconf.py"), values, str(output)).ok
    assert tree_differences(before, tmp_path / "cache") == []
    assert sorted(p.name for p in tmp_path.glob("cache.*")) == []


def test_a_second_build_at_the_same_time_waits_for_the_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "output"
    held, released = threading.Event(), threading.Event()

    def first_build() -> None:
        with build_lock(output, "unused"):
            held.set()
            time.sleep(0.5)
            released.set()

    thread = threading.Thread(target=first_build)
    thread.start()
    held.wait()
    _build(tmp_path, output, **_cached(tmp_path))
    # It could only start once the first one let go.
    assert released.is_set()
    thread.join()
    assert f"waiting for another build of {output} to finish" in capsys.readouterr().err
    assert (output / "index.html").is_file()
