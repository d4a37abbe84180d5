"""Mutation check: does removing any one rule's implementation make a property test fail?

    python scripts/mutation_check.py              # every rule with a check
    python scripts/mutation_check.py REF001 LB002 # some of them

For each rule code with a check function in the registry (the engine's own families YML,
SCH, WVR and DRF have none), this runs ``pytest tests/properties`` with that one rule's
check replaced by one that finds nothing, and reports the first test that failed: the
test that *killed* the mutant. A rule that survives is a rule the properties do not
guard. Nothing in the production code changes: this module is also the pytest plugin
(``-p mutation_check``) that does the replacing, when ``PRIVLINT_MUTATE=CODE`` is set.

The properties run with the default Hypothesis profile and without the example database,
so that a mutant's counter-examples are neither replayed by nor saved for normal runs.
Prints a markdown table ``| rule | killed by (first failing test) |``; exits with 1 when
a rule survives, 2 when a run could not be made.
"""  # noqa: INP001 - a script run by path, not a package module

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
MUTATE = "PRIVLINT_MUTATE"
PROFILE = "mutation"
_FAILED = re.compile(r"^(?:FAILED|ERROR) (\S+)", re.MULTILINE)


# --- the pytest plugin (loaded in the pytest process with -p mutation_check) ---------------------


def _finds_nothing(_policy: Any) -> Iterator[Any]:
    return iter(())


def pytest_configure(config: Any) -> None:  # noqa: ARG001 - pytest's hook signature
    """Load the profile and disable one rule's check: after tests/conftest.py, before any test module."""
    from hypothesis import settings  # noqa: PLC0415 - only in the pytest process

    # The default profile as tests/conftest.py registered it, without the example database.
    settings.register_profile(PROFILE, settings.get_profile("default"), database=None)
    settings.load_profile(PROFILE)
    code = os.environ.get(MUTATE)
    if not code:
        return
    from privlint import catalogue  # noqa: PLC0415

    rule = catalogue.registry()[code]
    if rule.check is None:
        raise SystemExit(f"{code} has no check to disable")
    # Rule is a frozen dataclass; the registry, the engine and the tests all share this one object.
    object.__setattr__(rule, "check", _finds_nothing)


# --- the script ------------------------------------------------------------------------------------


def checked_codes() -> list[str]:
    from privlint import catalogue  # noqa: PLC0415

    return [code for code, rule in catalogue.registry().items() if rule.check is not None]


def run_mutant(code: str, tests: str) -> tuple[int, str, float]:
    """Run the property tests with ``code`` disabled: pytest's exit code, its output, seconds."""
    # Without CI and HYPOTHESIS_PROFILE, tests/conftest.py loads the default profile.
    environment = {key: value for key, value in os.environ.items() if key not in ("CI", "HYPOTHESIS_PROFILE")}
    environment.update(
        {
            MUTATE: code,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(Path(__file__).parent), environment.get("PYTHONPATH")])),
        }
    )
    command = [sys.executable, "-m", "pytest", tests, "-x", "-q", "-p", "no:cacheprovider", "-p", "mutation_check"]
    started = time.perf_counter()
    completed = subprocess.run(  # noqa: S603 - our own interpreter running pytest on our tests
        command, cwd=REPO, env=environment, capture_output=True, text=True, check=False
    )
    return completed.returncode, completed.stdout + completed.stderr, time.perf_counter() - started


def verdict(returncode: int, output: str) -> str:
    """The cell of the table: the killing test, or why there is none."""
    if returncode == 0:
        return "**survived**"
    failed = _FAILED.search(output)
    if returncode == 1 and failed:
        return f"`{failed.group(1)}`"
    tail = " ".join(output.strip().splitlines()[-3:])
    return f"run failed (pytest exit {returncode}): {tail}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("codes", nargs="*", help="rule codes (default: every rule with a check)")
    parser.add_argument("--tests", default="tests/properties", help="what pytest runs (default: %(default)s)")
    options = parser.parse_args(argv)
    codes = options.codes or checked_codes()
    rows, survivors, broken = [], 0, 0
    for code in codes:
        returncode, output, seconds = run_mutant(code, options.tests)
        cell = verdict(returncode, output)
        survivors += returncode == 0
        broken += returncode not in (0, 1) or cell.startswith("run failed")
        rows.append(f"| {code} | {cell} |")
        sys.stderr.write(f"{code}: {cell} ({seconds:.0f} s)\n")
    sys.stdout.write("| rule | killed by (first failing test) |\n|---|---|\n" + "\n".join(rows) + "\n")
    return 2 if broken else 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
