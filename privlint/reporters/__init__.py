"""Reporters turn a ``Result`` into text for one audience; they never decide the exit code.

``REPORTERS`` is the one table of output formats: it maps each ``--format`` name to the
module that implements it (the command line offers exactly these names), so that only the
chosen reporter is imported. Reporters import ``privlint.result``, never the engine.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from privlint.result import Result

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
