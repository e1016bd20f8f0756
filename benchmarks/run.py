"""make bench: page weight, build speed, rebuild latency and Lighthouse, side by side, written
to benchmarks/RESULTS.md with two SVG charts. Exits 1 when a budget or target is missed.

    python -m benchmarks.run [--sizes 100,300,1000] [--runs 9] [--quick]
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

from .build_speed import BuildTimes, measure_build_speed
from .charts import bar_chart, line_chart
from .lighthouse import CATEGORIES, lighthouse_available, run_lighthouse
from .page_weight import ANCHORS, PAGES, Budget, PageWeight, check_budgets, measure_pages
from .quiz_proofs import FAMILY_MEGABYTES, FAMILY_SECONDS, measure_families, measure_quiz_proofs
from .rebuild_latency import measure_rebuild_latency
from .stats import kib

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from tests.pages_host import PagesHost  # noqa: E402  (serves like GitHub Pages)

LIGHTHOUSE_PAGES = {"index": "", "article": "reach-out.html", "quiz page": "quiz.html"}


def _machine() -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.strip()
    return [
        f"- Date: {datetime.date.today().isoformat()}",
        f"- Commit: `{commit or 'unknown'}`{' (with uncommitted changes)' if dirty else ''}",
        f"- Machine: {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}",
    ]


def _publish(work: Path) -> tuple[Path, str, PagesHost]:
    root = work / "www"
    root.mkdir()
    host = PagesHost(root)
    subprocess.run(
        [sys.executable, "-m", "tools.build", "-s", "publishconf.py", "-o", str(root)],
        cwd=ROOT,
        env={**os.environ, "SITEURL": host.url},
        check=True,
        capture_output=True,
    )
    return root, host.url, host


def _weight_table(weights: list[PageWeight]) -> list[str]:
    lines = [
        "| page | requests | HTML raw / gz | CSS raw / gz | JS raw / gz | other raw |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for w in weights:
        cells = [
            f"{kib(w.raw.get(k, 0))} / {kib(w.gzipped.get(k, 0))}" for k in ("html", "css", "js")
        ]
        lines.append(
            f"| {w.name} (`/{w.path}`) | {len(w.requests)} | {' | '.join(cells)} | "
            f"{kib(w.raw.get('other', 0))} |"
        )
    return lines


def _budget_table(budgets: list[Budget]) -> list[str]:
    lines = ["| budget | measured | limit | |", "| --- | ---: | ---: | --- |"]
    lines += [
        f"| {b.what} | {b.measured} | {b.limit} | {'met' if b.ok else '**missed**'} |"
        for b in budgets
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run")
    parser.add_argument("--sizes", default="100,300,1000", help="corpus sizes (articles)")
    parser.add_argument("--runs", type=int, default=9, help="runs per figure")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="small corpus, one run, no Lighthouse: checks the benchmark itself, not the targets",
    )
    parser.add_argument("--output", default=str(HERE / "RESULTS.md"))
    args = parser.parse_args(argv)
    sizes = [50, 100] if args.quick else [int(s) for s in args.sizes.split(",")]
    runs = 1 if args.quick else args.runs
    out = Path(args.output)
    missed: list[str] = []
    report = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`python -m benchmarks.run`); "
        "every figure is the median of the runs with (min to max).",
        "",
        *_machine(),
        "",
    ]

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        site, url, host = _publish(work)
        try:
            print("page weight…", flush=True)
            weights = measure_pages(site, url, PAGES)
            articles = sorted(p.name for p in (ROOT / "content" / "articles").glob("*.md"))
            budgets = check_budgets(
                site, weights, [a.replace(".md", ".html") for a in articles], url
            )
            scores: dict[str, dict[str, int]] = {}
            why_not = lighthouse_available()
            if not args.quick and why_not is None:
                print("lighthouse…", flush=True)
                scores = {
                    name: run_lighthouse(f"{url}/{path}") for name, path in LIGHTHOUSE_PAGES.items()
                }
        finally:
            host.close()

        print("build speed…", flush=True)
        speeds: list[BuildTimes] = []
        for size in sizes:
            print(f"  {size} articles", flush=True)
            speeds.append(
                measure_build_speed(work / f"corpus-{size}", size, runs, warm=size == sizes[-1])
            )
        print("rebuild latency…", flush=True)
        latency = measure_rebuild_latency(work / "serve", 2 if args.quick else max(runs, 5))
        print("quiz proofs…", flush=True)
        proofs = measure_quiz_proofs(work / "proofs", runs)
        families = measure_families(work / "proofs", 1 if args.quick else 3)

    missed += [b.what for b in budgets if not b.ok]
    report += [
        "## Page weight (production build, loaded in Chromium)",
        "",
        *_weight_table(weights),
        "",
        "Budgets:",
        "",
        *_budget_table(budgets),
        "",
        "Anchors (quoted in the benchmarks issue, JS+CSS gzipped a reader downloads): "
        + "; ".join(f"{k}: {kib(v)}" for k, v in ANCHORS.items())
        + ".",
        "",
        "![Page weight](page-weight.svg)",
        "",
    ]
    bars = {f"{w.name}": (w.gzipped.get("js", 0) + w.gzipped.get("css", 0)) / 1024 for w in weights}
    bars |= {f"anchor: {k}": v / 1024 for k, v in ANCHORS.items()}
    (out.parent / "page-weight.svg").write_text(
        bar_chart("JS + CSS a page downloads, gzipped", bars, "KB"), encoding="utf-8"
    )

    largest = speeds[-1]
    cold, plain = largest.seconds["ours (cold)"], largest.seconds["plain Pelican"]
    warm = largest.seconds["ours (warm, one file changed)"]
    report += [
        f"## Build speed ({largest.articles:,} articles, {runs} alternating runs)",
        "",
        "| build | time | peak memory | ratio of medians | ratio in each round |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, spread in largest.seconds.items():
        paired = largest.paired_ratios.get(name)
        in_rounds = (
            f"{paired.median:.2f}x ({paired.low:.2f} to {paired.high:.2f})" if paired else "-"
        )
        report.append(
            f"| {name} | {spread.seconds()} | {largest.peak_kib[name] / 1024:.0f} MB "
            f"| {spread.ratio_to(plain):.2f}x | {in_rounds} |"
        )
    cold_ratio, warm_ratio = largest.paired_ratios["ours (cold)"].median, warm.ratio_to(cold)
    report += [
        "",
        "Each round builds ours, then plain Pelican, then Hugo, seconds apart; the ratio in each "
        "round divides by plain Pelican's time in the same round, so a slow minute of the "
        "machine weighs on both sides. The cold-build verdict takes the median of those. Before "
        "each build its previous output is deleted and the file system synced, outside the "
        "time.",
        "",
        f"- Our cold build is **{cold_ratio:.2f}x** plain Pelican (median of the rounds; target "
        f"at most 0.75x): {'met' if cold_ratio <= 0.75 else '**missed**'}.",
        f"- A warm rebuild after one file changes is **{warm_ratio:.2f}x** our cold "
        f"build (target at most 0.5x): {'met' if warm_ratio <= 0.5 else '**missed**'}.",
        "- Ours includes what plain Pelican does not do: the quiz compiler (one article "
        "in ten embeds a quiz) and the Pagefind search index.",
        "",
        "![Build time against articles](build-time.svg)",
        "",
    ]
    if cold_ratio > 0.75:
        missed.append(f"cold build {cold_ratio:.2f}x plain Pelican (target 0.75x)")
    if warm_ratio > 0.5:
        missed.append(f"warm rebuild {warm_ratio:.2f}x cold (target 0.5x)")
    names = [n for n in largest.seconds if "warm" not in n]
    (out.parent / "build-time.svg").write_text(
        line_chart(
            "Build time against number of articles",
            sizes,
            {n: [s.seconds[n].median for s in speeds] for n in names},
            "seconds",
        ),
        encoding="utf-8",
    )

    report += [
        "## Rebuild latency of `make serve` (real site)",
        "",
        "From saving a file to the rebuilt page being served.",
        "",
        "| file saved | latency |",
        "| --- | ---: |",
    ]
    for name, spread in latency.items():
        report.append(f"| {name} | {spread.seconds()} |")
        if spread.median >= 1.0:
            missed.append(f"rebuild latency after a {name} edit: {spread.median:.2f} s")
    report += ["", "Target: under 1 s.", ""]

    report += [
        "## Quiz proofs (`pelican-quiz check`, end to end)",
        "",
        "Each quiz proved exactly (every answer set counted, none sampled), process start "
        "included.",
        "",
        "| quiz | answer sets | time |",
        "| --- | ---: | ---: |",
    ]
    for name, spread in proofs.seconds.items():
        report.append(f"| {name} | {proofs.answer_sets[name]:.3g} | {spread.seconds()} |")
    report.append("")
    for name in ("50 statements", "50 items, 5 factors"):
        ratio = proofs.seconds[name].ratio_to(proofs.seconds["3 questions"])
        report.append(
            f"- {name} takes **{ratio:.2f}x** the 3-question quiz (target at most 5x): "
            f"{'met' if ratio <= 5 else '**missed**'}."
        )
        if ratio > 5:
            missed.append(f"{name} proof {ratio:.2f}x the 3-question one (target 5x)")
    report += [
        "",
        "### Realistic families (`benchmarks/quiz_families.py`, generated)",
        "",
        f"Each at the size the proof issue gives, proved by `check` with a limit of "
        f"{FAMILY_SECONDS:g} s and {FAMILY_MEGABYTES} MB. Target: at most 5x the 3-question quiz "
        f"and at most {FAMILY_MEGABYTES} MB, the verdict exact. Answer sets are counted where "
        'that is affordable; otherwise `check` says "not counted" and decides the verdict alone.',
        "",
        "| family | size | time | x 3 questions | peak memory | answer sets | |",
        "| --- | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for run in families:
        ratio = run.seconds.ratio_to(proofs.seconds["3 questions"])
        ok = run.proved and ratio <= 5 and run.megabytes <= FAMILY_MEGABYTES
        verdict = "met" if ok else "**missed**" + ("" if run.proved else ": not proved")
        report.append(
            f"| {run.name} | {run.size} | {run.seconds.seconds()} | {ratio:.1f}x "
            f"| {run.megabytes:.0f} MB | {'counted' if run.counted else 'not counted'} "
            f"| {verdict} |"
        )
        if not ok:
            missed.append(f"{run.name} ({run.size}) proof {ratio:.1f}x, {run.megabytes:.0f} MB")
    stopped = [run for run in families if not run.proved]
    report += [""] + [f"- {run.name}: {run.why_not.split(': ', 2)[-1]}" for run in stopped]
    report.append("")

    report += ["## Lighthouse 12.2.3 (mobile, system Chromium)", ""]
    if scores:
        report += [
            "| page | " + " | ".join(CATEGORIES) + " |",
            "| --- |" + " ---: |" * len(CATEGORIES),
        ]
        for name, result in scores.items():
            report.append(f"| {name} | " + " | ".join(str(result[c]) for c in CATEGORIES) + " |")
            missed += [
                f"Lighthouse {c} {result[c]} on {name}" for c in CATEGORIES if result[c] < 100
            ]
        report += ["", "Target: 100 in each.", ""]
    else:
        reason = "--quick" if args.quick else why_not
        report += [f"Not run: {reason}.", ""]
        if not args.quick:
            missed.append(f"Lighthouse not run: {reason}")

    report += ["## Verdict", ""]
    report += [f"- Missed: {m}" for m in missed] or ["- Every budget and target is met."]
    out.write_text("\n".join(report) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    for line in missed:
        print(f"missed: {line}", file=sys.stderr)
    return 1 if missed and not args.quick else 0


if __name__ == "__main__":
    sys.exit(main())
