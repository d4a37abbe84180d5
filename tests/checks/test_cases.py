"""Run every rule's case file (``cases/CODE.yaml``): a policy, and the exact findings it gives.

A case file::

    rule: REF001
    cases:
      - name: a processing uses an undeclared item
        policy: |
          data_items: [{id: customer_name}]
          processing_activities:
            - {id: invoicing, data_items: [customer_name, bank_account]}
        config: {eu_only: false}          # optional, keys of [tool.privlint]
        expect:
          - {line: 3, column: 45, message: "'bank_account'"}   # message: a substring
      - name: every item declared
        policy: ...
        expect: []

Only the file's rule is selected, so each case is about that rule alone. The expected
lines and columns were checked by hand against the policy text, not copied from output.

Waiver cases (WVR) add ``waivers:``, the text of ``waivers.yaml`` beside the policy (the
expected places are in that file), and ``with:``, rules selected besides the case's own
whose findings are not compared (a waiver for a rule that did not run is never unused).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from privlint import config as configuration

from support import lint_files

CASES = Path(__file__).with_name("cases")


def case_files() -> list[Path]:
    return sorted(CASES.glob("*.yaml"))


def load_cases(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return document


def all_cases() -> list[Any]:
    # Drift cases (DRF) compare a notice text with the policy: tests/notice/test_notice_drift.py
    # runs them through `privlint diff`, which this lint-only runner cannot express.
    documents = [d for d in map(load_cases, case_files()) if not d["rule"].startswith("DRF")]
    return [
        pytest.param(document["rule"], case, id=f"{document['rule']}: {case['name']}")
        for document in documents
        for case in document["cases"]
    ]


@pytest.mark.parametrize(("code", "case"), all_cases())
def test_case(code: str, case: dict[str, Any]) -> None:
    config = configuration.parse(case.get("config", {}), "case")
    files = {"policy.yaml": case["policy"]}
    if "waivers" in case:
        files["waivers.yaml"] = case["waivers"]
    others = case.get("with", [])
    result = lint_files(files, select=[code, *others], config=config)
    findings = [f for f in result.findings if f.code not in others]
    assert [(f.code, f.line, f.column) for f in findings] == [
        (code, expected["line"], expected["column"]) for expected in case["expect"]
    ], "\n".join(f"{f.line}:{f.column} {f.code} {f.message}" for f in findings)
    for finding, expected in zip(findings, case["expect"], strict=True):
        assert expected.get("message", "") in finding.message
