"""JUnit XML for CI dashboards: one testsuite per rule family, one testcase per rule.

A rule's testcase fails when it has blocking findings at or above the gate's threshold;
the failure text lists each one as ``file:line:col: message``. Findings below the
threshold, waived ones and known (baseline) ones are listed in ``system-out`` and do not
fail the testcase. Rules that were selected but not run are ``skipped``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable

from privlint.findings import Finding
from privlint.result import Result
from privlint.rules import Rule

# XML 1.0 allows neither most C0 controls nor lone surrogates; policy text is not trusted to avoid them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _where(finding: Finding) -> str:
    text = f"{finding.file}:{finding.line}:{finding.column}: {finding.message}"
    return text + (f"\n  hint: {finding.hint}" if finding.hint else "")


def render(result: Result, *, color: bool = False) -> str:
    del color
    registry = result.rules
    families = result.families
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        by_rule[finding.code].append(finding)
    codes = sorted({*result.rules_applied, *result.rules_not_run, *by_rule})
    by_family: dict[str, list[str]] = defaultdict(list)
    for code in codes:
        by_family[code.rstrip("0123456789")].append(code)
    root = ET.Element("testsuites", name="privlint")
    for family, members in by_family.items():
        suite = ET.SubElement(root, "testsuite", name=families.get(family, family))
        for code in members:
            _testcase(suite, family, registry.get(code), code, by_rule[code], result)
        _count(suite, suite.findall("testcase"))
    _count(root, root.iter("testcase"))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _testcase(
    suite: ET.Element, family: str, rule: Rule | None, code: str, findings: list[Finding], result: Result
) -> None:
    name = f"{code} {rule.name}" if rule is not None else code
    case = ET.SubElement(suite, "testcase", classname=f"privlint.{family}", name=name, time="0")
    failing = [f for f in findings if f.blocking and f.severity >= result.fail_on]
    if failing:
        count = f"{len(failing)} finding{'s' if len(failing) != 1 else ''}"
        failure = ET.SubElement(case, "failure", message=_clean(f"{count}: {failing[0].message}"), type=code)
        failure.text = _clean("\n".join(_where(f) for f in failing))
    elif code in result.rules_not_run:
        ET.SubElement(case, "skipped", message=_clean(f"not run: {result.checks_skipped}"))
    notes = [
        *(f"below --fail-on ({f.severity.label}): {_where(f)}" for f in findings if f.blocking and f not in failing),
        *(f"waived: {_where(f)}" for f in findings if f.waived),
        *(f"known in the baseline: {_where(f)}" for f in findings if f.baseline),
    ]
    if notes:
        ET.SubElement(case, "system-out").text = _clean("\n".join(notes))


def _count(element: ET.Element, cases: Iterable[ET.Element]) -> None:
    listed = list(cases)
    element.set("tests", str(len(listed)))
    element.set("failures", str(sum(1 for case in listed if case.find("failure") is not None)))
    element.set("errors", "0")
    element.set("skipped", str(sum(1 for case in listed if case.find("skipped") is not None)))
    element.set("time", "0")
