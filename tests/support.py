"""Helpers shared by the tests: lint YAML text, run the command line."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterable, Mapping
from pathlib import Path

from privlint.config import Config
from privlint.engine import lint
from privlint.findings import Finding
from privlint.result import Result

REPO = Path(__file__).resolve().parents[1]
POLICY = REPO / "policy"
PRIVLINT = Path(sys.executable).with_name("privlint")


def lint_files(files: Mapping[str, str], *, select: Iterable[str] = (), config: Config | None = None) -> Result:
    """Lint a policy made of ``files`` (name -> YAML text, dedented) in a temporary directory."""
    config = (config or Config()).with_options(select=tuple(select) or None)
    with tempfile.TemporaryDirectory() as folder:
        for name, text in files.items():
            (Path(folder) / name).write_text(textwrap.dedent(text), encoding="utf-8")
        return lint([Path(folder)], config)


def lint_text(text: str, *, select: Iterable[str] = (), config: Config | None = None) -> list[Finding]:
    """The findings for one policy file with ``text``."""
    return lint_files({"policy.yaml": text}, select=select, config=config).findings


def where(findings: Iterable[Finding]) -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.column) for f in findings]


def run(*args: str, cwd: Path | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run the installed ``privlint`` command in a subprocess."""
    return subprocess.run(
        [str(PRIVLINT), *args], cwd=cwd or REPO, capture_output=True, text=True, timeout=timeout, check=False
    )
