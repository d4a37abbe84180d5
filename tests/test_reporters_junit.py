"""JUnit XML: a testsuite per rule family, a testcase per rule, failures with their locations."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from privlint.config import Config
from privlint.engine import Result, lint
from privlint.findings import Finding, Severity, Span
from privlint.reporters import junit

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


def test_one_suite_per_family_and_one_case_per_rule(tmp_path: Path):
    root, _ = report(tmp_path)
    suites = [(s.get("name"), [c.get("name") for c in s.iter("testcase")]) for s in root.iter("testsuite")]
    assert suites == [
        (
            "REF — integrity",
            [
                "REF001 data-item-undeclared",
                "REF002 data-item-without-purpose",
                "REF003 unknown-reference",
                "REF004 duplicate-id",
                "REF005 shared-but-never-collected",
            ],
        ),
        ("SCH — schema", ["SCH001 schema-violation"]),
        (
            "WVR — waivers",
            ["WVR001 waiver-unused", "WVR002 waiver-expired", "WVR003 waiver-without-reason", "WVR004 waiver-unbound"],
        ),
        (
            "YML — input",
            ["YML001 yaml-syntax-error", "YML002 yaml-duplicate-key", "YML003 yaml-refused-construct"],
        ),
    ]
    assert (root.get("tests"), root.get("failures"), root.get("errors"), root.get("skipped")) == ("13", "2", "0", "0")
    ref = next(root.iter("testsuite"))
    assert (ref.get("tests"), ref.get("failures"), ref.get("skipped")) == ("5", "2", "0")


def test_failures_list_each_blocking_finding_and_waived_ones_go_to_system_out(tmp_path: Path):
    root, file = report(tmp_path)
    cases = {c.get("name").split()[0]: c for c in root.iter("testcase")}
    failure = cases["REF001"].find("failure")
    assert failure is not None
    assert failure.get("type") == "REF001"
    assert failure.get("message") == (
        "1 finding: data item 'bank_account' is used by processing activity 'invoicing' but not declared in data_items"
    )
    assert failure.text == (
        f"{file}:6:33: data item 'bank_account' is used by processing activity 'invoicing' but not declared in "
        "data_items\n  hint: declare the item under data_items (or correct the reference)"
    )
    assert cases["REF001"].findtext("system-out") == (
        f"waived: {file}:6:47: data item 'iban' is used by processing activity 'invoicing' but not declared in "
        "data_items\n  hint: declare the item under data_items (or correct the reference)"
    )
    assert cases["REF002"].find("failure").get("message").startswith("1 finding: data item 'fax_number'")
    assert cases["REF003"].find("failure") is None
    assert cases["REF003"].find("system-out") is None


def test_findings_below_the_threshold_do_not_fail_their_testcase(tmp_path: Path):
    root, file = report(tmp_path, fail_on=Severity.ERROR)
    cases = {c.get("name").split()[0]: c for c in root.iter("testcase")}
    assert cases["REF002"].find("failure") is None
    assert cases["REF002"].findtext("system-out").startswith(f"below --fail-on (warning): {file}:3:5: data item")
    assert root.get("failures") == "1"


def test_rules_that_did_not_run_are_skipped(tmp_path: Path):
    root, _ = report(tmp_path, policy="processing_activities:\n  - id: x\n    legal_basis: contrct\n")
    cases = {c.get("name").split()[0]: c for c in root.iter("testcase")}
    assert cases["REF001"].find("skipped").get("message") == "not run: fix the schema errors first"
    assert cases["SCH001"].find("failure") is not None
    assert root.get("skipped") == "5"


def test_rules_are_skipped_when_the_policy_cannot_be_read(tmp_path: Path):
    root, file = report(tmp_path, policy="data_items: [unclosed\n")
    cases = {c.get("name").split()[0]: c for c in root.iter("testcase")}
    assert cases["REF002"].find("skipped").get("message") == "not run: the policy could not be read"
    assert cases["YML001"].find("failure").text.startswith(f"{file}:2:1: syntax error")
    assert (root.get("failures"), root.get("skipped")) == ("1", "5")


def test_text_that_xml_cannot_hold_is_replaced():
    finding = Finding(
        "REF001", "data-item-undeclared", Severity.ERROR, "bell \x07 here", "p.yaml", Span(1, 2), "", (), ""
    )
    root = ET.fromstring(junit.render(Result(findings=[finding], rules_applied=["REF001"])))  # noqa: S314
    assert root.find("testsuite/testcase/failure").text == "p.yaml:1:2: bell \ufffd here"
