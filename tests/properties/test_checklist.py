"""The Art. 13/14 checklist shows what the rules found (issue 11, item 3).

For generated policies, an element is "present" exactly when none of the rules that cover it
fired, "missing" or "partly" exactly when one did, and every covering rule is a real rule.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given

from privlint import catalogue
from privlint.report.checklist import ELEMENTS, checklist

from property_support import lint_written
from strategies import Written, policies, written

TODAY = dt.date(2026, 6, 1)


def test_every_covering_rule_exists():
    codes = set(catalogue.registry())
    assert {code for element in ELEMENTS for code in element.rules} <= codes


@given(policies().flatmap(written))
def test_an_element_is_present_exactly_when_none_of_its_rules_fired(case: Written):
    result = lint_written(case, today=TODAY)
    fired = {f.code for f in result.findings}
    items = {item.key: item for item in checklist(result.findings, result.rules_applied)}
    for element in ELEMENTS:
        item = items[element.key]
        if result.checks_skipped is not None and not set(element.rules) & set(result.rules_applied):
            assert item.status == "not_assessed"
            continue
        if not element.rules:
            assert item.status == "not_assessed"
            continue
        hit = [code for code in element.rules if code in fired]
        assert (item.status == "present") == (not hit), (element.key, hit)
        assert item.related == hit
        assert (item.status == "missing") == any(code in fired for code in element.absent)
