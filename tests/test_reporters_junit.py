"""JUnit XML: a testsuite per rule family, a testcase per rule, failures with their locations."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from privlint.config import Config
from privlint.engine import lint
from privlint.findings import Finding, Severity, Span
from privlint.reporters import junit
from privlint.result import Result

POLICY = """\
data_items:
  - id: customer_name
  - id: fax_number
processing_activities:
  - id: invoicing
    data_items: [customer_name, bank_account, iban]
"""
WAIVERS = "waivers:\n  - {code: REF001, pointer: /processing_activities/0/data_items/2, reason: supplier notice}\n"


def report(tmp_path: Path, policy: str = POLICY, **options) -> tuple[ET.Element, str]:
    (tmp_path / "policy.yaml").write_text(policy, encoding="utf-8")
    (tmp_path / "waivers.yaml").write_text(WAIVERS, encoding="utf-8")
    result = lint([tmp_path], Config(select=("REF", "WVR"), **options))
    text = junit.render(result)
    return ET.fromstring(text), str(tmp_path / "policy.yaml")  # noqa: S314 - our own output


def cases_of(root: ET.Element) -> dict[str, list[ET.Element]]:
    return {suite.get("name").split()[0]: suite.findall("testcase") for suite in root.iter("testsuite")}


def test_one_suite_per_rule_and_one_case_per_finding(tmp_path: Path):
    root, file = report(tmp_path)
    suites = [(s.get("name"), [(c.get("classname"), c.get("name")) for c in s.iter("testcase")]) for s in root]
    assert suites[:4] == [
        (
            "REF001 data-item-undeclared",
            [("privlint.REF001", f"{file}:6:33"), ("privlint.REF001", f"{file}:6:47")],
        ),
        ("REF002 data-item-without-purpose", [("privlint.REF002", f"{file}:3:5")]),
        ("REF003 unknown-reference", [("privlint.REF003", "REF003 unknown-reference")]),
        ("REF004 duplicate-id", [("privlint.REF004", "REF004 duplicate-id")]),
    ]
    assert [s.get("name").split()[0] for s in root] == [
        *("REF001", "REF002", "REF003", "REF004", "REF005", "REF006", "SCH001"),
        *("WVR001", "WVR002", "WVR003", "WVR004", "YML001", "YML002", "YML003"),
    ]
    assert (root.get("tests"), root.get("failures"), root.get("errors"), root.get("skipped")) == ("15", "2", "0", None)
    ref = root[0]
    assert (ref.get("tests"), ref.get("failures"), ref.get("skipped")) == ("2", "1", "1")


def test_a_failure_per_blocking_finding_and_waived_ones_are_skipped(tmp_path: Path):
    root, file = report(tmp_path)
    bank, iban = cases_of(root)["REF001"]
    failure = bank.find("failure")
    assert failure.get("type") == "REF001"
    assert failure.get("message") == (
        "data item 'bank_account' is used by processing activity 'invoicing' but not declared in data_items"
    )
    assert failure.text == (
        f"{file}:6:33: data item 'bank_account' is used by processing activity 'invoicing' but not declared in "
        "data_items\nhint: declare the item under data_items (or correct the reference)"
    )
    assert iban.find("failure") is None
    assert iban.find("skipped").get("message") == "waived: supplier notice"
    assert iban.find("skipped").text.startswith(f"{file}:6:47: data item 'iban'")
    (clean,) = cases_of(root)["REF003"]
    assert list(clean) == []


def test_findings_below_the_threshold_pass_with_a_note(tmp_path: Path):
    root, file = report(tmp_path, fail_on=Severity.ERROR)
    (case,) = cases_of(root)["REF002"]
    assert case.find("failure") is None
    assert case.findtext("system-out").startswith(f"below --fail-on (warning): {file}:3:5: data item")
    assert root.get("failures") == "1"


def test_rules_that_did_not_run_are_skipped(tmp_path: Path):
    root, _ = report(tmp_path, policy="processing_activities:\n  - id: x\n    legal_basis: contrct\n")
    (case,) = cases_of(root)["REF001"]
    assert case.find("skipped").get("message") == "not run: fix the schema errors first"
    assert cases_of(root)["SCH001"][0].find("failure") is not None
    assert sum(int(suite.get("skipped")) for suite in root) == 6  # REF001-REF006


def test_rules_are_skipped_when_the_policy_cannot_be_read(tmp_path: Path):
    root, file = report(tmp_path, policy="data_items: [unclosed\n")
    assert cases_of(root)["REF002"][0].find("skipped").get("message") == "not run: the policy could not be read"
    # Located where the unclosed flow sequence starts (issue 18), not where the parser gave up.
    assert cases_of(root)["YML001"][0].find("failure").text.startswith(f"{file}:1:13: syntax error")
    assert (root.get("failures"), sum(int(suite.get("skipped")) for suite in root)) == ("1", 6)


def test_control_characters_are_escaped_and_text_xml_cannot_hold_is_replaced():
    finding = Finding(
        "REF001", "data-item-undeclared", Severity.ERROR, "bell \x07 here \ud800", "p.yaml", Span(1, 2), "", (), ""
    )
    root = ET.fromstring(junit.render(Result(findings=[finding], rules_applied=["REF001"])))  # noqa: S314
    assert root.find("testsuite/testcase/failure").text == "p.yaml:1:2: bell \\x07 here \ufffd"


def test_the_bundled_policy_report_is_valid_against_the_jenkins_xunit_junit_schema(tmp_path: Path):
    import xmlschema  # noqa: PLC0415

    from support import POLICY as BUNDLED  # noqa: PLC0415

    schema = xmlschema.XMLSchema(str(Path(__file__).parent / "data" / "junit-10.xsd"))
    for options in ({}, {"use_baseline": False}):
        result = lint([BUNDLED], Config(baseline=str(Path(__file__).parents[1] / "privlint-baseline.json"), **options))
        schema.validate(junit.render(result))
    root, _ = report(tmp_path, policy="data_items: [unclosed\n")
    schema.validate(ET.tostring(root, encoding="unicode"))
