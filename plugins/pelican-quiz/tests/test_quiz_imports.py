"""What importing the quiz plugin costs a build's start."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_loading_the_plugin_leaves_jsonschema_for_the_first_quiz() -> None:
    # A build starts on one core while Pelican and the plugins are imported; jsonschema waits
    # until a quiz is checked.
    script = (
        "import sys\n"
        "import pelican.plugins.quiz\n"
        "print('jsonschema' in sys.modules)\n"
        "from pelican.plugins.quiz.loader import load_quiz\n"
        f"load_quiz(__import__('pathlib').Path({str(Path(__file__).with_name('valid.yaml'))!r}))\n"
        "print('jsonschema' in sys.modules)\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["False", "True"]
