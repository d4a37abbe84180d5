"""Checks are pure: a function of the model and of what the engine hands it (the run's date).

No check reads a clock, a file, the environment or the network; the only date a check knows
is ``policy.settings.today``, which the engine sets. (The legal knowledge a check consults is
the package's own dated data, read once through ``privlint.knowledge``.)
"""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from privlint import catalogue
from privlint.config import Config
from privlint.engine import lint

from support import POLICY, REPO, lint_text

CHECK_MODULES = sorted((REPO / "checks").glob("*.py"))
# What reaches outside the model: clocks, files, the environment, processes, the network, chance.
IMPURE_MODULES = {
    "os",
    "sys",
    "time",
    "subprocess",
    "socket",
    "random",
    "pathlib",
    "urllib.request",
    "http",
    "shutil",
    "io",
}
IMPURE_CALLS = {"now", "today", "utcnow", "time", "open", "getenv", "read_text", "read_bytes", "urlopen"}
IMPURE_NAMES = {"environ"}


def _impure_module(name: str) -> bool:
    return any(name == module or name.startswith(f"{module}.") for module in IMPURE_MODULES)


def _impurities(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [f"import {a.name}" for a in node.names if _impure_module(a.name)]
        elif isinstance(node, ast.ImportFrom) and _impure_module(node.module or ""):
            found.append(f"from {node.module} import ...")
        elif isinstance(node, ast.Call):
            called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if called in IMPURE_CALLS:
                found.append(f"{called}() (line {node.lineno})")
        elif (
            isinstance(node, (ast.Attribute, ast.Name))
            and getattr(node, "attr", getattr(node, "id", "")) in IMPURE_NAMES
        ):
            found.append(f"environ (line {node.lineno})")
    return found


@pytest.mark.parametrize("path", CHECK_MODULES, ids=lambda p: p.name)
def test_no_check_module_reaches_for_a_clock_a_file_or_the_environment(path: Path):
    assert _impurities(path) == []


def test_the_impurity_scan_sees_a_clock():
    sample = REPO / "checks" / "transfers.py"
    text = sample.read_text(encoding="utf-8") + "\nTODAY = dt.date.today()\n"
    probe = Path(__file__).with_name("_impure_probe.py")
    probe.write_text(text, encoding="utf-8")
    try:
        assert _impurities(probe) == [f"today() (line {text.count(chr(10))})"]
    finally:
        probe.unlink()


UK_RECIPIENT = """\
recipients:
  - id: crm
    name: Example CRM Ltd
    role: processor
    country: GB
processing_activities:
  - id: sales
    locations: [EU]
    recipients: [crm]
"""


def test_the_run_date_is_the_one_the_engine_hands_in():
    # The United Kingdom's adequacy decision, as renewed, expires on 27 December 2031.
    in_force = lint_files_on(dt.date(2026, 12, 3))
    expired = lint_files_on(dt.date(2032, 1, 10))
    assert in_force == []
    assert [(f.code, f.line, f.column) for f in expired] == [("TRF002", 5, 14)]


def lint_files_on(day: dt.date) -> list[object]:
    import tempfile  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "policy.yaml").write_text(UK_RECIPIENT, encoding="utf-8")
        return lint([Path(folder)], Config(select=("TRF002",)), today=day).findings


def test_the_same_policy_and_date_give_the_same_findings_on_any_run():
    day = dt.date(2026, 6, 1)
    first = lint([POLICY], Config(use_baseline=False), today=day).findings
    again = lint([POLICY], Config(use_baseline=False), today=day).findings
    assert first == again
    assert lint_text(UK_RECIPIENT, select=["TRF002"]) == []  # the machine's date: the decision is in force
    assert all(rule.check is not None for rule in catalogue.registry().values() if rule.family == "TRF")
