"""Reporters turn a ``Result`` into text for one audience; they never decide the exit code.

``REPORTERS`` maps each ``--format`` name to the module that implements it, so that
only the chosen reporter is imported.
"""

from __future__ import annotations

import importlib
from typing import Protocol

from privlint.engine import Result

REPORTERS: dict[str, str] = {
    "text": "privlint.reporters.text",
    "json": "privlint.reporters.json_report",
    "sarif": "privlint.reporters.sarif",
    "junit": "privlint.reporters.junit",
    "github": "privlint.reporters.github",
    "markdown": "privlint.reporters.markdown",
    "html": "privlint.report",
}


class Reporter(Protocol):
    def __call__(self, result: Result, *, color: bool = False) -> str: ...


def reporter(name: str) -> Reporter:
    """The ``render`` function of the reporter called ``name``."""
    module = importlib.import_module(REPORTERS[name])
    render: Reporter = module.render
    return render
