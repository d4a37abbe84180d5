"""Helpers for the notice tests: the published notice (the repository's copy) and drift runs."""

from __future__ import annotations

import tempfile
import textwrap
from pathlib import Path

from privlint.config import Config
from privlint.engine import diff, lint
from privlint.findings import Finding
from privlint.loading import Source
from privlint.model import Policy

from support import REPO

SEED = REPO / "notice" / "klanten-privacyverklaring.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")
SEED_LINES = SEED_TEXT.splitlines()
NOTICE_PREFIX = "# notice|"


def changed_seed(line: int, old: str, new: str) -> str:
    """The seed notice with ``old`` replaced by ``new`` on (1-based) ``line`` only."""
    lines = SEED_TEXT.split("\n")
    assert old in lines[line - 1], (line, lines[line - 1])
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return "\n".join(lines)


def model_of(folder: Path) -> tuple[Policy, Source]:
    """The model and the merged source of the policy files in ``folder`` (which must be valid)."""
    result = lint([folder])
    assert result.policy is not None, [f"{f.code} {f.message}" for f in result.findings]
    assert result.source is not None
    return result.policy, result.source


def compare(policy: Path, notice: Path) -> list[Finding]:
    """The findings of ``privlint diff`` between the policy at ``policy`` and ``notice`` (no waivers, no baseline)."""
    result = diff([policy], notice, Config(use_baseline=False, use_waivers=False))
    assert result.policy is not None, [f"{f.code} {f.message}" for f in result.findings]
    return result.findings


def drift(policy: str, notice: str) -> list[Finding]:
    """The drift findings between one policy file (YAML text) and a notice text."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "policy").mkdir()
        (folder / "policy" / "policy.yaml").write_text(textwrap.dedent(policy), encoding="utf-8")
        (folder / "notice.txt").write_text(textwrap.dedent(notice), encoding="utf-8")
        return compare(folder / "policy", folder / "notice.txt")


def example_notice(example: str) -> str:
    """The notice written in a rule example's ``# notice|`` comment lines."""
    lines = [line.strip() for line in example.splitlines() if line.strip().startswith(NOTICE_PREFIX)]
    return "\n".join(line.removeprefix(NOTICE_PREFIX).removeprefix(" ") for line in lines) + "\n"


def where(findings: list[Finding]) -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.column) for f in findings]
