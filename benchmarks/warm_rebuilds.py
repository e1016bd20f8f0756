"""Warm rebuilds the way `make serve` does them: from a process that has imported Pelican
already, each build forked, with the content cache; one article edited before each build.
Prints the seconds of each build and the largest build's peak memory as JSON.

    python -m benchmarks.warm_rebuilds CONTENT OUTPUT CACHE EDITED RUNS
"""

from __future__ import annotations

import json
import resource
import sys
import time

from tools.serve import build_in_fork, warm_up


def main(argv: list[str]) -> int:
    content, output, cache, edited, runs = argv
    args = [
        "-s",
        "pelicanconf.py",
        "-o",
        output,
        "-e",
        f"PATH={content}",
        "-e",
        f"CACHE_PATH={cache}",
        "-e",
        "CACHE_CONTENT=true",
        "-e",
        "LOAD_CONTENT_CACHE=true",
    ]
    warm_up()
    if build_in_fork(args) != 0:  # fills the cache and the previous output
        return 1
    seconds = []
    for run in range(int(runs)):
        with open(edited, "a", encoding="utf-8") as handle:
            handle.write(f"\nOne more sentence, edit {run}.\n")
        started = time.perf_counter()
        if build_in_fork(args) != 0:
            return 1
        seconds.append(time.perf_counter() - started)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_kib": peak}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
