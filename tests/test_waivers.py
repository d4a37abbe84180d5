"""Waivers: what they match, what they suppress, and how bad waivers are reported (WVR)."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from privlint import waivers
from privlint.config import Config, ConfigError
from privlint.engine import lint
from privlint.waiver_rules import EXAMPLE_POLICY

from support import lint_files, run, where

CASES = Path(__file__).parent / "checks" / "cases"

POLICY = """\
data_items:
  - id: customer_name
processing_activities:
  - id: invoicing
    data_items: [customer_name, bank_account, iban]
  - id: marketing
    data_items: [customer_name, phone]
"""
# Its REF001 findings, by pointer:
BANK = "/processing_activities/0/data_items/1"  # line 5, column 33
IBAN = "/processing_activities/0/data_items/2"  # line 5, column 47
PHONE = "/processing_activities/1/data_items/1"  # line 7, column 33


# WVR004 (a pointer without an id) has its own tests below; the others leave it out.
HYGIENE = ("REF001", "WVR001", "WVR002", "WVR003")


def lint_waived(waivers_text: str, *, policy: str = POLICY, select: tuple[str, ...] = HYGIENE, **options):
    files = {"policy.yaml": policy, "waivers.yaml": waivers_text}
    return lint_files(files, select=select, config=Config(**options))


def state(result) -> list[tuple[str, str, int, int, bool]]:
    return [(f.code, Path(f.file).name, f.line, f.column, f.waived) for f in result.findings]


# --- the case files of the WVR rules (tests/checks/cases/WVR00*.yaml) -----------------------


def wvr_cases() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("WVR*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        params.extend(
            pytest.param(document["rule"], case, id=f"{document['rule']}: {case['name']}") for case in document["cases"]
        )
    return params


@pytest.mark.parametrize(("code", "case"), wvr_cases())
def test_waiver_case(code: str, case: dict[str, Any]):
    files = {"policy.yaml": case["policy"], "waivers.yaml": case["waivers"]}
    result = lint_files(files, select=[code, *case.get("with", [])])
    found = [f for f in result.findings if f.code == code]
    assert [(Path(f.file).name, f.line, f.column) for f in found] == [
        ("waivers.yaml", e["line"], e["column"]) for e in case["expect"]
    ], "\n".join(f"{f.line}:{f.column} {f.code} {f.message}" for f in found)
    for finding, expected in zip(found, case["expect"], strict=True):
        assert expected.get("message", "") in finding.message


@pytest.mark.parametrize("code", ["WVR001", "WVR002", "WVR003", "WVR004"])
def test_the_rule_examples_are_waiver_files_for_the_example_policy(code: str):
    from privlint import catalogue  # noqa: PLC0415

    rule = catalogue.registry()[code]
    assert rule.check is None
    failing = lint_files({"policy.yaml": EXAMPLE_POLICY, "waivers.yaml": rule.fails or ""}, select=[code, "REF001"])
    assert code in [f.code for f in failing.findings]
    passing = lint_files({"policy.yaml": EXAMPLE_POLICY, "waivers.yaml": rule.passes or ""}, select=[code, "REF001"])
    assert [(f.code, f.waived) for f in passing.findings] == [("REF001", True)]


# --- matching ----------------------------------------------------------------------------


def test_a_waiver_by_pointer_waives_exactly_that_finding_and_keeps_it_visible():
    result = lint_waived(f"waivers:\n  - {{code: REF001, pointer: {BANK}, reason: declared elsewhere}}\n")
    assert state(result) == [
        ("REF001", "policy.yaml", 5, 33, True),
        ("REF001", "policy.yaml", 5, 47, False),
        ("REF001", "policy.yaml", 7, 33, False),
    ]
    waived = result.findings[0]
    assert waived.blocking is False
    assert result.waived_by[waived].reason == "declared elsewhere"


def test_a_waiver_by_pointer_covers_everything_beneath_it():
    result = lint_waived("waivers:\n  - {code: REF001, pointer: /processing_activities/0, reason: supplier notice}\n")
    assert [f.waived for f in result.findings] == [True, True, False]


def test_a_waiver_by_id_covers_the_findings_inside_that_entry():
    result = lint_waived("waivers:\n  - {code: REF001, id: marketing, reason: the marketing notice covers it}\n")
    assert [(f.pointer, f.waived) for f in result.findings] == [(BANK, False), (IBAN, False), (PHONE, True)]


def test_pointer_and_id_together_must_both_match():
    text = f"waivers:\n  - {{code: REF001, id: marketing, pointer: {BANK}, reason: r}}\n"
    result = lint_waived(text)
    assert [f.waived for f in result.findings if f.code == "REF001"] == [False, False, False]
    assert [(f.code, f.line, f.column) for f in result.findings if f.code.startswith("WVR")] == [("WVR001", 2, 5)]


def test_a_waiver_for_another_rule_does_not_match():
    result = lint_waived(f"waivers:\n  - {{code: REF002, pointer: {BANK}, reason: r}}\n", select=("REF", "WVR"))
    assert [f.waived for f in result.findings if f.code == "REF001"] == [False, False, False]
    assert [f.code for f in result.findings if f.code.startswith("WVR")] == ["WVR001"]


def test_within_respects_token_boundaries():
    assert waivers.within("/sharing/1/retention", "/sharing/1")
    assert waivers.within("/sharing/1", "/sharing/1")
    assert not waivers.within("/sharing/10", "/sharing/1")
    assert waivers.within("/anything", "")


def test_entry_ids_are_collected_along_the_pointer():
    data = {"sharing": [{"id": "payroll", "recipients": [{"id": "sd_worx"}]}]}
    assert waivers.entry_ids("/sharing/0/recipients/0/country", data) == {"payroll", "sd_worx"}
    assert waivers.entry_ids("/sharing/5", data) == set()


# --- expiry and reasons --------------------------------------------------------------------

EXPIRING = f"""\
waivers:
  - code: REF001
    pointer: {BANK}
    reason: fixed in the next release
    owner: legal@smetjet.be
    expires: 2025-06-30
"""


def test_a_waiver_holds_on_its_expiry_date_and_not_the_day_after(tmp_path: Path):
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    (tmp_path / "waivers.yaml").write_text(EXPIRING, encoding="utf-8")
    config = Config(select=HYGIENE)
    on_the_day = lint([tmp_path], config, today=dt.date(2025, 6, 30))
    assert [(f.code, f.waived) for f in on_the_day.findings] == [("REF001", True), ("REF001", False), ("REF001", False)]
    after = lint([tmp_path], config, today=dt.date(2025, 7, 1))
    assert [(f.code, f.line, f.column, f.waived) for f in after.findings] == [
        ("REF001", 5, 33, False),
        ("REF001", 5, 47, False),
        ("REF001", 7, 33, False),
        ("WVR002", 2, 5, False),
    ]
    assert after.findings[-1].message == (
        f"the waiver for REF001 at {BANK} expired on 2025-06-30; its finding is reported again"
    )
    assert after.findings[-1].file.endswith("waivers.yaml")


def test_an_expired_waiver_fails_the_gate_with_wvr002_even_on_errors_only(tmp_path: Path):
    folder = tmp_path / "policy"
    folder.mkdir()
    (folder / "policy.yaml").write_text(POLICY.replace(", iban]", "]").replace(", phone]", "]"), encoding="utf-8")
    (folder / "waivers.yaml").write_text(EXPIRING, encoding="utf-8")
    result = run(
        "check", str(folder), "--select", "REF001,WVR001,WVR002,WVR003", "--fail-on", "error", "--format", "json"
    )
    assert result.returncode == 1
    import json  # noqa: PLC0415

    findings = json.loads(result.stdout)["findings"]
    assert [(f["code"], f["waived"], f["severity"]) for f in findings] == [
        ("REF001", False, "error"),
        ("WVR002", False, "error"),
    ]
    renewed = EXPIRING.replace("2025-06-30", "2999-12-31")
    (folder / "waivers.yaml").write_text(renewed, encoding="utf-8")
    assert run("check", str(folder), "--select", "REF001,WVR001,WVR002,WVR003", "--fail-on", "error").returncode == 0


def test_a_waiver_without_reason_suppresses_nothing():
    result = lint_waived(f"waivers:\n  - code: REF001\n    pointer: {BANK}\n    owner: legal@smetjet.be\n")
    assert [
        (f.code, f.line, f.column, f.waived) for f in result.findings if f.pointer == BANK or f.code == "WVR003"
    ] == [
        ("REF001", 5, 33, False),
        ("WVR003", 2, 5, False),
    ]


# --- the waivers file is not policy, is read safely, and has a checked shape ---------------


def test_the_waivers_file_is_not_loaded_as_policy():
    result = lint_waived(f"waivers:\n  - {{code: REF001, pointer: {BANK}, reason: r}}\n", select=())
    assert [Path(f).name for f in result.files] == ["policy.yaml"]
    assert [f.code for f in result.findings if f.code == "SCH001"] == []


def test_shape_errors_in_the_waivers_file_are_sch001_at_the_place():
    text = textwrap.dedent(
        """\
        waivers:
          - code: REF01
            pointer: /x
            reason: r
          - pointer: /y
            reason: r
          - code: REF001
            reason: r
          - code: REF001
            pointer: processing_activities
            expires: 30/06/2025
            reason: r
            approved: yes
        comment: none
        """
    )
    result = lint_waived(text, select=("REF001", "WVR", "YML"))
    shape = [(f.code, f.line, f.column, f.message) for f in result.findings if f.code != "REF001"]
    assert shape == [
        ("SCH001", 2, 11, "code: 'REF01' is not a rule code"),
        ("SCH001", 5, 5, "the waiver has no 'code'"),
        ("SCH001", 7, 5, "the waiver names no 'pointer' and no 'id'"),
        ("SCH001", 10, 14, "pointer: 'processing_activities' is not a JSON Pointer"),
        ("SCH001", 11, 14, "expires: '30/06/2025' is not a date"),
        ("SCH001", 13, 5, "unknown key 'approved' in a waiver"),
        ("YML004", 13, 15, "'yes' is the string 'yes' in YAML 1.2, but YAML 1.1 tools read it as a boolean"),
        ("SCH001", 14, 1, "unknown key 'comment'; expected 'waivers'"),
    ]
    assert all(f.file.endswith("waivers.yaml") for f in result.findings if f.code != "REF001")
    assert [f.waived for f in result.findings if f.code == "REF001"] == [False, False, False]


def test_unknown_rule_codes_and_waiver_codes_cannot_be_waived():
    text = "waivers:\n  - {code: ABC123, pointer: /x, reason: r}\n  - {code: WVR001, pointer: /x, reason: r}\n"
    result = lint_waived(text)
    assert [(f.line, f.message) for f in result.findings if f.code == "SCH001"] == [
        (2, "code: unknown rule 'ABC123'"),
        (3, "code: waiver findings cannot be waived"),
    ]


def test_an_unreadable_waivers_file_is_a_reading_finding_and_waives_nothing():
    result = lint_waived("waivers:\n  - code: REF001\n   pointer: x\n")
    assert [(f.code, Path(f.file).name) for f in result.findings if f.code != "REF001"] == [("YML001", "waivers.yaml")]
    assert not any(f.waived for f in result.findings)


def test_waivers_are_reported_with_the_unwaived_findings_when_waivers_are_off():
    result = lint_waived(f"waivers:\n  - {{code: REF001, pointer: {BANK}}}\n", use_waivers=False)
    assert [(f.code, f.waived) for f in result.findings] == [("REF001", False)] * 3
    assert result.waivers_file is None
    assert [Path(f).name for f in result.files] == ["policy.yaml"]  # still not policy


# --- where the waivers file comes from -----------------------------------------------------


def test_the_configured_waivers_file_is_used_and_a_missing_one_is_an_error(tmp_path: Path):
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    elsewhere = tmp_path / "decisions.yaml"
    elsewhere.write_text(f"waivers:\n  - {{code: REF001, pointer: {PHONE}, reason: r}}\n", encoding="utf-8")
    result = lint([tmp_path], Config(select=HYGIENE, waivers=str(elsewhere)))
    assert [f.waived for f in result.findings] == [False, False, True]
    assert [Path(f).name for f in result.files] == ["policy.yaml"]  # decisions.yaml is a YAML file in the folder
    with pytest.raises(ConfigError, match=r"waivers file '.*nope\.yaml' not found"):
        lint([tmp_path], Config(waivers=str(tmp_path / "nope.yaml")))


def test_the_config_key_waivers_and_the_command_line_options(tmp_path: Path):
    policy = tmp_path / "policy"
    policy.mkdir()
    (policy / "policy.yaml").write_text(POLICY, encoding="utf-8")
    (tmp_path / "decisions.yaml").write_text(
        f"waivers:\n  - {{code: REF001, pointer: {PHONE}, reason: r}}\n", encoding="utf-8"
    )
    (tmp_path / "pyproject.toml").write_text(
        "[tool.privlint]\nselect = ['REF001', 'WVR001', 'WVR002', 'WVR003']\nwaivers = 'decisions.yaml'\n",
        encoding="utf-8",
    )
    shown = run("check", cwd=tmp_path)
    assert shown.returncode == 1
    assert shown.stdout.splitlines()[-1] == (
        "Found 2 findings in 1 file: 2 errors, 0 warnings, 0 infos. "
        "Not shown: 1 waived (--no-waivers --no-baseline shows them)."
    )
    assert "7:33" not in shown.stdout
    assert "policy/policy.yaml:7:33: REF001" in run("check", "--no-waivers", cwd=tmp_path).stdout
    (tmp_path / "pyproject.toml").write_text("[tool.privlint]\nwaivers = 'gone.yaml'\n", encoding="utf-8")
    missing = run("check", cwd=tmp_path)
    assert missing.returncode == 2
    assert "waivers file 'gone.yaml' not found" in missing.stderr


def test_read_returns_waivers_with_their_fields(tmp_path: Path):
    path = tmp_path / "waivers.yaml"
    path.write_text(EXPIRING, encoding="utf-8")
    document = waivers.read(path, "waivers.yaml", {"REF001"})
    assert document.problems == []
    (waiver,) = document.waivers
    assert (waiver.code, waiver.pointer, waiver.id, waiver.reason, waiver.owner, waiver.expires) == (
        "REF001",
        BANK,
        None,
        "fixed in the next release",
        "legal@smetjet.be",
        dt.date(2025, 6, 30),
    )
    assert (waiver.span.line, waiver.span.column, waiver.entry) == (2, 5, "/waivers/0")


def test_an_empty_waivers_list_changes_nothing():
    findings = lint_waived("waivers: []\n").findings
    assert where(findings) == [("REF001", 5, 33), ("REF001", 5, 47), ("REF001", 7, 33)]


# --- a waiver is bound to the entry it was written for -----------------------------------

RETENTION_POLICY = """\
data_items:
  - id: customer_name
processing_activities:
  - id: invoicing
    data_items: [customer_name, iban]
  - id: delivery
    data_items: [customer_name, parcel_code]
  - id: customer_communication
    data_items: [customer_name, phone]
"""
DELIVERY = "/processing_activities/1/data_items/1"


def without_delivery(policy: str) -> str:
    return policy.replace("  - id: delivery\n    data_items: [customer_name, parcel_code]\n", "")


def test_a_waiver_with_pointer_and_id_matches_nothing_once_its_entry_is_removed():
    text = f"waivers:\n  - {{code: REF001, pointer: {DELIVERY}, id: delivery, reason: r}}\n"
    assert [
        (f.pointer, f.waived) for f in lint_waived(text, policy=RETENTION_POLICY).findings if f.code == "REF001"
    ] == [
        ("/processing_activities/0/data_items/1", False),
        (DELIVERY, True),
        ("/processing_activities/2/data_items/1", False),
    ]
    after = lint_waived(text, policy=without_delivery(RETENTION_POLICY))
    assert [(f.code, f.pointer, f.waived) for f in after.findings] == [
        ("REF001", "/processing_activities/0/data_items/1", False),
        ("REF001", DELIVERY, False),  # customer_communication's phone, now at position 1
        ("WVR001", "/waivers/0", False),
    ]
    assert "'phone'" in after.findings[1].message
    assert after.findings[2].message == f"the waiver for REF001 at {DELIVERY} in 'delivery' matches no finding"


def test_a_pointer_only_waiver_keeps_working_and_names_the_id_it_is_bound_to():
    text = f"waivers:\n  - {{code: REF001, pointer: {DELIVERY}, reason: r}}\n"
    result = lint_waived(text, policy=RETENTION_POLICY, select=("REF001", "WVR"))
    assert [(f.code, Path(f.file).name, f.line, f.column, f.waived) for f in result.findings] == [
        ("REF001", "policy.yaml", 5, 33, False),
        ("REF001", "policy.yaml", 7, 33, True),
        ("REF001", "policy.yaml", 9, 33, False),
        ("WVR004", "waivers.yaml", 2, 5, False),
    ]
    assert result.findings[3].severity.label == "info"
    assert result.findings[3].message == (
        f"the waiver for REF001 at {DELIVERY} names no id: it waives the finding in 'delivery' "
        "by position only; add id: delivery"
    )
    # Once delivery is gone, the note names the neighbour now under the pointer: never silent.
    after = lint_waived(text, policy=without_delivery(RETENTION_POLICY), select=("REF001", "WVR"))
    assert "it waives the finding in 'customer_communication' by position only" in after.findings[-1].message


def test_a_pointer_only_waiver_outside_any_entry_needs_no_id():
    text = "waivers:\n  - {code: REF001, pointer: /processing_activities, reason: r}\n"
    result = lint_waived(text, select=("REF001", "WVR"))
    assert [(f.code, f.waived) for f in result.findings] == [("REF001", True)] * 3
