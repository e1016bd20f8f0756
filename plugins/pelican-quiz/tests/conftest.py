"""Every test builds a real Pelican site into tmp_path and reads the HTML it wrote.

The sites are folders under ``sites/``: Pelican's own readers and themes, ``PLUGINS =
["quiz"]``, nothing of any other site.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pelican.plugins.signals as signals
import pytest
from blinker import NamedSignal
from bs4 import BeautifulSoup
from pelican import Pelican
from pelican.log import LimitFilter
from pelican.settings import read_settings

SITES = Path(__file__).parent / "sites"


@dataclass
class Built:
    output: Path
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def soup(self, name: str) -> BeautifulSoup:
        return BeautifulSoup((self.output / name).read_text(encoding="utf-8"), "html.parser")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _disconnect_every_plugin() -> None:
    """Pelican's signals keep their receivers for the process: start each build as a fresh
    ``pelican`` run would, with only the plugins its settings name."""
    for signal in vars(signals).values():
        if isinstance(signal, NamedSignal):
            for receiver in list(signal.receivers.values()):
                target = receiver() if isinstance(receiver, weakref.ref) else receiver
                if target is not None:
                    signal.disconnect(target)


def build(site: Path, tmp_path: Path, **overrides: Any) -> Built:
    """Build ``site`` (a folder with content/, and pelicanconf.py unless it takes the quickstart
    site's) into tmp_path/output.

    An exception out of Pelican (what ``pelican`` turns into its exit status) is kept as an
    error, worded as the command line shows it."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    if not (copy / "pelicanconf.py").exists():  # a site that differs only in its content
        shutil.copy(SITES / "quickstart" / "pelicanconf.py", copy / "pelicanconf.py")
    output = tmp_path / "output"
    settings = read_settings(
        str(copy / "pelicanconf.py"),
        override={
            "PATH": str(copy / "content"),
            "OUTPUT_PATH": str(output),
            "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False,
            **overrides,
        },
    )
    _disconnect_every_plugin()
    # Pelican shows a message once per process; every build here must report its own.
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    collect = _Collect()
    logging.getLogger().addHandler(collect)
    built = Built(output)
    try:
        Pelican(settings).run()
    except (Exception, SystemExit) as exc:
        built.errors.append(str(exc))
    finally:
        logging.getLogger().removeHandler(collect)
    for record in collect.records:
        target = built.errors if record.levelno >= logging.ERROR else built.warnings
        target.append(record.getMessage())
    return built


def pelican_command(site: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """``pelican content`` run in a copy of ``site``, as a user would, in a process of its own."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    return subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", "out"],
        cwd=copy,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "300"},
    )


@pytest.fixture
def build_site(tmp_path: Path) -> Callable[..., Built]:
    def run(name: str = "quickstart", **overrides: Any) -> Built:
        return build(SITES / name, tmp_path, **overrides)

    return run
