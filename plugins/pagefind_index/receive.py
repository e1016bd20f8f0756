"""Receive Pagefind's bundles, in a process of its own beside the build.

    python receive.py ID=FOLDER [ID=FOLDER ...] < Pagefind's answers

Reads Pagefind's service answers from standard input up to the last ID named and writes the
files each of those answers holds (GetFiles answers) into its FOLDER as soon as it arrives,
while Pagefind makes the next bundle; then exits 0. Otherwise it prints why and exits 1, or
exits 2 when Pagefind stopped before answering (its own messages say why); the build then
fails and its half-written folder is thrown away. Only the standard library: it starts in a
few milliseconds.
"""

from __future__ import annotations

import base64
import json
import os
import sys
from collections.abc import Iterator
from typing import Any, BinaryIO

STOPPED = 2


def answers(stream: BinaryIO, last: int) -> Iterator[dict[str, Any]]:
    """The answers on ``stream`` as they arrive, up to the one numbered ``last`` (fewer if it
    ends)."""
    received = bytearray()
    while chunk := stream.read1(1 << 20):  # type: ignore[attr-defined]
        start = len(received)  # what came before holds no comma: look in the new part
        received += chunk
        while (comma := received.find(b",", start)) != -1:
            answer = json.loads(base64.b64decode(received[:comma]))
            del received[: comma + 1]
            start = 0
            yield answer
            if answer.get("message_id") == last:
                return


def write_bundle(bundle: str, files: list[dict[str, str]]) -> None:
    """Write the files of a bundle as Pagefind hands them over (paths inside the bundle)."""
    root = os.path.realpath(bundle)
    folders: set[str] = set()
    for file in files:
        target = os.path.realpath(os.path.join(root, file["path"]))
        if not target.startswith(root + os.sep):
            raise ValueError(f"a file outside the bundle: {file['path']!r}")
        folder = os.path.dirname(target)
        if folder not in folders:
            os.makedirs(folder, exist_ok=True)
            folders.add(folder)
        with open(target, "wb") as handle:
            handle.write(base64.b64decode(file["content"]))


def main(argv: list[str]) -> int:
    folders = {int(asked): folder for asked, _, folder in (a.partition("=") for a in argv)}
    last = None
    try:
        for answer in answers(sys.stdin.buffer, max(folders)):
            payload = answer.get("payload", {})
            if payload.get("type") == "Error":
                print(payload.get("message", "an error"))
                return 1
            last = answer.get("message_id")
            if last in folders:
                write_bundle(folders[last], payload["files"])
    except (OSError, ValueError, KeyError) as exc:
        print(f"{type(exc).__name__}: {exc}")
        return 1
    return 0 if last == max(folders) else STOPPED


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
