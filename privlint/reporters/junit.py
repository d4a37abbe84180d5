"""JUnit XML for CI dashboards: one testsuite per rule, one testcase per finding.

The output is valid against the JUnit schema of the Jenkins xunit plugin (``junit-10.xsd``,
the dialect Jenkins, GitLab and most dashboards read; a copy is in ``tests/data``).
That schema gives a testcase no ``file`` or ``line`` attribute, so the place is its
``name`` (``policy/sharing.yaml:76:9``) and its ``classname`` is the rule
(``privlint.REF001``), which dashboards show as "class" and "test".

- A blocking finding at or above the gate's threshold is a ``failure`` (``type`` the code).
- A waived or known (baseline) finding is ``skipped``, with the reason: it is open but
  does not fail the gate. A finding below the threshold passes, noted in ``system-out``.
- A rule that ran and found nothing is one passing testcase named after the rule, so a
  dashboard tells "checked, clean" from "not checked"; a selected rule that could not run
  (the policy unreadable or of the wrong shape) is one ``skipped`` testcase saying why.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable

from privlint import printable
from privlint.findings import Finding
from privlint.result import Result

# XML 1.0 allows neither most C0 controls nor lone surrogates; printable() already escaped
# the controls, this catches what is left (surrogates, U+FFFE, U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", printable.line(text))


def render(result: Result, *, color: bool = False) -> str:
    del color
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        by_rule[finding.code].append(finding)
    root = ET.Element("testsuites", name="privlint")
    for code in sorted({*result.rules_applied, *result.rules_not_run, *by_rule}):
        rule = result.rules.get(code)
        suite = ET.SubElement(root, "testsuite", name=f"{code} {rule.name}" if rule is not None else code)
        if by_rule[code]:
            for finding in by_rule[code]:
                _finding_case(suite, finding, result)
        elif code in result.rules_not_run:
            case = ET.SubElement(suite, "testcase", name=suite.get("name", code), classname=f"privlint.{code}")
            ET.SubElement(case, "skipped", message=_clean(f"not run: {result.checks_skipped}"))
        else:
            ET.SubElement(suite, "testcase", name=suite.get("name", code), classname=f"privlint.{code}", time="0")
        _count(suite, suite.findall("testcase"), skipped=True)
    _count(root, root.iter("testcase"), skipped=False)
    ET.indent(root)
    text = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + printable.no_command(text, colon="&#58;") + "\n"


def _finding_case(suite: ET.Element, finding: Finding, result: Result) -> None:
    where = f"{finding.file}:{finding.line}:{finding.column}"
    case = ET.SubElement(suite, "testcase", name=_clean(where), classname=f"privlint.{finding.code}", time="0")
    details = _clean(f"{where}: {finding.message}") + (f"\nhint: {_clean(finding.hint)}" if finding.hint else "")
    if finding.waived:
        waiver = result.waived_by.get(finding)
        reason = waiver.reason if waiver is not None and waiver.reason else "a recorded decision"
        ET.SubElement(case, "skipped", message=_clean(f"waived: {reason}")).text = details
    elif finding.baseline:
        known = f"known in the baseline {result.baseline_file}; still open"
        ET.SubElement(case, "skipped", message=_clean(known)).text = details
    elif finding.severity >= result.fail_on:
        failure = ET.SubElement(case, "failure", message=_clean(finding.message), type=finding.code)
        failure.text = details
    else:
        ET.SubElement(case, "system-out").text = f"below --fail-on ({finding.severity.label}): {details}"


def _count(element: ET.Element, cases: Iterable[ET.Element], *, skipped: bool) -> None:
    """The counts the schema requires (``skipped`` exists on a testsuite only)."""
    listed = list(cases)
    element.set("tests", str(len(listed)))
    element.set("failures", str(sum(1 for case in listed if case.find("failure") is not None)))
    element.set("errors", "0")
    if skipped:
        element.set("skipped", str(sum(1 for case in listed if case.find("skipped") is not None)))
    element.set("time", "0")
