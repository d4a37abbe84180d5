"""The compliant fixture (tests/fixtures/compliant/): a careful lawyer's policy on which every rule is silent."""

from __future__ import annotations

from privlint import catalogue
from privlint.engine import lint

from support import REPO

COMPLIANT = REPO / "tests" / "fixtures" / "compliant"


def test_every_rule_runs_and_is_silent_on_the_compliant_fixture():
    result = lint([COMPLIANT])
    assert [f"{f.file}:{f.line}:{f.column} {f.code} {f.message}" for f in result.findings] == []
    with_checks = [rule for rule in catalogue.registry().values() if rule.check is not None]
    assert result.rules_run == len(with_checks)
    assert result.policy is not None
    assert len(result.policy.processings) == 13
