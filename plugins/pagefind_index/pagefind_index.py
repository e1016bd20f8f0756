"""Index the built site with Pagefind, as the build's last step, for a fully static search.

Only what a theme marks with ``data-pagefind-body`` is indexed. Without Pagefind the build says
so once and the site is built without search (its search page explains that).

Settings (defaults in :data:`DEFAULTS`):

``PAGEFIND_ENABLED``  run Pagefind after the build (True)
``PAGEFIND_COMMAND``  the command to run, as a list; None finds the PyPI ``pagefind[bin]``
                      package, then a ``pagefind`` on PATH
"""

from __future__ import annotations

import importlib.util
import logging
import shutil
import subprocess
import sys
from typing import Any

from mdit_reader.settings_merge import fill_defaults
from pelican import signals

__all__ = ["DEFAULTS", "pagefind_command", "register"]

log = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {"PAGEFIND_ENABLED": True, "PAGEFIND_COMMAND": None}
_TYPES: dict[str, type | tuple[type, ...]] = {
    "PAGEFIND_ENABLED": bool,
    "PAGEFIND_COMMAND": (list, type(None)),
}
INSTALL_HINT = "pip install 'pagefind[bin]'"


def pagefind_command(setting: list[str] | None) -> list[str] | None:
    """The command that runs Pagefind here, or None when it is not installed."""
    if setting:
        return setting if shutil.which(setting[0]) else None
    if importlib.util.find_spec("pagefind") and importlib.util.find_spec("pagefind_bin"):
        return [sys.executable, "-m", "pagefind"]
    found = shutil.which("pagefind")
    return [found] if found else None


def _on_initialized(pelican: Any) -> None:
    fill_defaults(pelican.settings, DEFAULTS, _TYPES, "pagefind")


def _on_finalized(pelican: Any) -> None:
    settings = pelican.settings
    if not settings["PAGEFIND_ENABLED"]:
        return
    command = pagefind_command(settings["PAGEFIND_COMMAND"])
    if command is None:
        wanted = " ".join(settings["PAGEFIND_COMMAND"] or ["pagefind"])
        log.warning(
            "[pagefind] %s is not installed (%s): the site is built without search",
            wanted,
            INSTALL_HINT,
        )
        return
    run = subprocess.run(
        [*command, "--site", settings["OUTPUT_PATH"], "--quiet"],
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        detail = (run.stderr or run.stdout).strip().splitlines()[-3:]
        raise RuntimeError(f"[pagefind] indexing failed: {' / '.join(detail)}")


def register() -> None:
    signals.initialized.connect(_on_initialized)
    signals.finalized.connect(_on_finalized)
