"""How long `pelican-quiz check` takes to prove quizzes exactly, end to end (process start
included, as an author runs it): a 3-question quiz, PHQ-9 (4^9 = 262,144 answer sets) and a
50-statement inventory with one total, and a 50-item five-factor inventory where the highest
factor wins (both 5^50 answer sets); then the realistic families of
:mod:`benchmarks.quiz_families`, each at its size, with its time and peak memory."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from benchmarks.quiz_families import FAMILIES
from benchmarks.stats import Spread

__all__ = [
    "QUIZZES",
    "FamilyRun",
    "ProofTimes",
    "measure_families",
    "measure_quiz_proofs",
    "write_quizzes",
]

# A family's proof is stopped past this (QUIZ_PROOF_SECONDS), so a family that runs out
# cannot hold up `make bench`; its target (5x a 3-question quiz) is far below it.
FAMILY_SECONDS = 15.0
FAMILY_MEGABYTES = 500

LINK = "{filename}/a.md#b"


def _scale(points: list[int], labels: list[str]) -> list[dict[str, Any]]:
    return [
        {"id": f"p{p}", "label": label, "score": {"total": p}}
        for p, label in zip(points, labels, strict=True)
    ]


def _bands(bands: list[tuple[str, int | None, int | None]]) -> list[dict[str, Any]]:
    outcomes = []
    for name, low, high in bands:
        parts = ([{"score": "total", "at_least": low}] if low is not None else []) + (
            [{"score": "total", "below": high}] if high is not None else []
        )
        when = parts[0] if len(parts) == 1 else {"all": parts}
        outcomes.append({"id": name, "title": name.title(), "link": LINK, "when": when})
    return outcomes


def _quiz(title: str, questions: int, points: list[int], labels: list[str], bands: Any) -> dict:
    return {
        "title": title,
        "dimensions": {"total": {"label": "Total", "link": LINK}},
        "questions": [
            {
                "id": f"q{i}",
                "prompt": f"Statement {i}",
                "type": "scale",
                "options": _scale(points, labels),
            }
            for i in range(1, questions + 1)
        ],
        "outcomes": _bands(bands),
    }


FACTORS = ["openness", "conscientiousness", "extraversion", "agreeableness", "neuroticism"]


def _five_factors() -> dict[str, Any]:
    """50 statements, ten per factor, interleaved as printed inventories are, every other one
    reversed; written with `scales:`, and "the highest factor wins" with `top`."""
    return {
        "title": "Five factors",
        "scales": {
            "agree": [
                {"id": f"p{p}", "label": label, "points": p}
                for p, label in enumerate(
                    ["Disagree", "Slightly disagree", "Neutral", "Slightly agree", "Agree"], 1
                )
            ]
        },
        "dimensions": {f: {"label": f.title(), "link": LINK} for f in FACTORS},
        "questions": [
            {
                "id": f"q{i}",
                "prompt": f"Statement {i}",
                "scale": "agree",
                "scores": FACTORS[i % 5],
                **({"reverse": True} if (i // 5) % 2 else {}),
            }
            for i in range(50)
        ],
        "outcomes": [
            {"id": f, "title": f.title(), "link": LINK, "when": {"top": f}} for f in FACTORS
        ],
    }


QUIZZES: dict[str, tuple[dict, int]] = {
    "3 questions": (
        _quiz("Three", 3, [0, 1, 2], ["No", "Some", "Yes"], [("low", None, 3), ("high", 3, None)]),
        3**3,
    ),
    "PHQ-9": (
        _quiz(
            "PHQ-9",
            9,
            [0, 1, 2, 3],
            ["Not at all", "Several days", "More than half the days", "Nearly every day"],
            [
                ("minimal", None, 5),
                ("mild", 5, 10),
                ("moderate", 10, 15),
                ("moderately-severe", 15, 20),
                ("severe", 20, None),
            ],
        ),
        4**9,
    ),
    "50 statements": (
        _quiz(
            "Inventory",
            50,
            [1, 2, 3, 4, 5],
            ["Disagree", "Slightly disagree", "Neutral", "Slightly agree", "Agree"],
            [("low", None, 150), ("middle", 150, 200), ("high", 200, None)],
        ),
        5**50,
    ),
    "50 items, 5 factors": (_five_factors(), 5**50),
}


def write_quizzes(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    for name, (data, _) in QUIZZES.items():
        file = folder / (re.sub(r"[^a-z0-9]+", "-", name.lower()) + ".yaml")
        file.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        files[name] = file
    return files


@dataclass
class ProofTimes:
    seconds: dict[str, Spread]
    answer_sets: dict[str, int]


def measure_quiz_proofs(work: Path, runs: int) -> ProofTimes:
    command = Path(sys.executable).with_name("pelican-quiz")
    files = write_quizzes(work / "quizzes")
    times: dict[str, list[float]] = {name: [] for name in files}
    for _ in range(runs):
        for name, file in files.items():
            started = time.perf_counter()
            done = subprocess.run(
                [str(command), "check", str(file)], capture_output=True, text=True
            )
            times[name].append(time.perf_counter() - started)
            if done.returncode != 0 or f"all {QUIZZES[name][1]:,} answer" not in done.stdout:
                raise RuntimeError(f"pelican-quiz check {file} failed:\n{done.stdout}{done.stderr}")
    return ProofTimes(
        {name: Spread.of(values) for name, values in times.items()},
        {name: count for name, (_, count) in QUIZZES.items()},
    )


@dataclass
class FamilyRun:
    name: str
    size: int
    seconds: Spread
    megabytes: float  # the most any run's process held
    proved: bool
    why_not: str  # the error `check` printed, when it did not prove the quiz
    counted: bool  # its answer sets counted, not only its verdict decided ("not counted")


def _peak_run(command: list[str]) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """Run ``command``: its wall time, its own peak memory in MB (from wait4, not the most
    any child of ours ever held) and its result."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        done = subprocess.CompletedProcess(
            command, os.waitstatus_to_exitcode(status), out.read(), err.read()
        )
    return elapsed, usage.ru_maxrss / 1024, done


def measure_families(work: Path, runs: int) -> list[FamilyRun]:
    """Each family of :data:`FAMILIES` at its size, proved ``runs`` times by `check`."""
    command = Path(sys.executable).with_name("pelican-quiz")
    folder = work / "families"
    folder.mkdir(parents=True, exist_ok=True)
    found = []
    for name, generate, size in FAMILIES:
        file = folder / (re.sub(r"[^a-z0-9]+", "-", name.lower()) + f"-{size}.yaml")
        file.write_text(yaml.safe_dump(generate(size), sort_keys=False), encoding="utf-8")
        times, peak, why_not, counted = [], 0.0, "", False
        for _ in range(runs):
            check = [str(command), "check", str(file), "--seconds", str(FAMILY_SECONDS)]
            elapsed, megabytes, done = _peak_run([*check, "--memory", str(FAMILY_MEGABYTES)])
            times.append(elapsed)
            peak = max(peak, megabytes)
            counted = "answer combinations not counted" not in done.stdout
            if done.returncode != 0:
                why_not = (done.stderr.strip().splitlines() or ["failed"])[0]
                break
        found.append(FamilyRun(name, size, Spread.of(times), peak, not why_not, why_not, counted))
    return found
