"""When the compliance checks could not run, no waiver, baseline or threshold turns the gate green."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from privlint import baseline
from privlint.cli import main
from privlint.config import Config
from privlint.engine import lint

POLICY = """\
data_items:
  - id: customer_name
processing_activities:
  - id: invoicing
    data_items: [customer_name]
"""
UNKNOWN_KEY = POLICY + "    colour: blue\n"  # one harmless SCH001 at line 6
BOOLEAN_LOOKALIKE = POLICY + "recipients:\n  - id: hosting\n    name: Hosting\n    country: NO\n"
WAIVER = """\
waivers:
  - code: {code}
    {where}
    reason: harmless
    owner: legal@example.org
    expires: 2999-12-31
"""
SKIPPED = "The gate fails: the compliance checks did not run (fix the schema errors first).\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "policy").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(project: Path, policy: str, waivers: str | None = None) -> None:
    (project / "policy" / "policy.yaml").write_text(policy, encoding="utf-8")
    if waivers is not None:
        (project / "policy" / "waivers.yaml").write_text(waivers, encoding="utf-8")


def test_a_waiver_for_a_schema_error_is_refused_and_the_gate_fails(project, capsys):
    write(project, UNKNOWN_KEY, WAIVER.format(code="SCH001", where="pointer: /processing_activities/0/colour"))
    assert main(["check", "--select", "REF", "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    found = [(f["code"], Path(f["file"]).name, f["line"], f["column"], f["waived"]) for f in document["findings"]]
    assert found == [
        ("SCH001", "policy.yaml", 6, 5, False),
        ("SCH001", "waivers.yaml", 2, 11, False),
    ]
    refusal = document["findings"][1]["message"]
    assert refusal == "code: SCH001 cannot be waived: the policy must be readable and valid"
    assert document["summary"]["fails"] is True


@pytest.mark.parametrize("code", ["YML001", "YML002", "YML003", "SCH001"])
def test_no_blocking_reading_or_schema_error_can_be_waived(project, code):
    write(project, POLICY, WAIVER.format(code=code, where="id: invoicing"))
    result = lint([project / "policy"], Config(select=("REF",)))
    assert [(f.code, f.message) for f in result.findings] == [
        ("SCH001", f"code: {code} cannot be waived: the policy must be readable and valid")
    ]


def test_a_baseline_that_records_a_schema_error_does_not_cover_it(project, capsys):
    write(project, UNKNOWN_KEY)
    found = lint([project / "policy"], Config(select=("REF",)))
    assert [f.code for f in found.findings] == ["SCH001"]
    baseline.write(project / "b.json", [baseline.key(f, found.data_of(f)) for f in found.findings])
    assert main(["check", "--select", "REF", "--baseline", "b.json"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("policy/policy.yaml:6:5: SCH001 [error] ")
    assert out.endswith(SKIPPED)


def test_the_gate_fails_when_checks_are_skipped_whatever_the_threshold_and_severity(project, capsys):
    write(project, UNKNOWN_KEY)
    assert main(["check", "--select", "REF", "--fail-on", "error"]) == 1
    out = capsys.readouterr().out
    assert "All checks passed" not in out
    assert out.endswith(SKIPPED)
    # Lowering the schema error's severity is refused outright (it showed a blocking error as [info]).
    (project / "pyproject.toml").write_text('[tool.privlint.severity]\nSCH001 = "info"\n', encoding="utf-8")
    assert main(["check", "--select", "REF", "--fail-on", "error"]) == 2
    captured = capsys.readouterr()
    assert "All checks passed" not in captured.out
    assert "severity: SCH001 cannot be changed" in captured.err


def test_a_baseline_is_not_written_from_a_run_whose_checks_did_not_run(project, capsys):
    write(project, UNKNOWN_KEY)
    assert main(["check", "--select", "REF", "--write-baseline", "b.json"]) == 2
    assert not (project / "b.json").exists()
    assert capsys.readouterr().err == (
        "privlint: configuration error: b.json: not written: the compliance checks did not run "
        "(fix the schema errors first)\n"
    )


def test_a_yaml11_boolean_warning_may_be_waived_and_baselined(project, capsys):
    # A reading finding has no pointer into the model: the empty pointer (the whole policy) waives it.
    write(project, BOOLEAN_LOOKALIKE, WAIVER.format(code="YML004", where='pointer: ""'))
    assert main(["check", "--select", "REF,YML004", "--format", "json"]) == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["code"], f["line"], f["column"], f["waived"]) for f in findings] == [("YML004", 9, 14, True)]
    (project / "policy" / "waivers.yaml").unlink()
    assert main(["check", "--select", "REF,YML004", "--write-baseline", "b.json"]) == 0
    capsys.readouterr()
    assert main(["check", "--select", "REF,YML004", "--baseline", "b.json", "--format", "json"]) == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["code"], f["baseline"]) for f in findings] == [("YML004", True)]


@pytest.mark.parametrize(("code", "shown"), [("{}", "{}"), ("[]", "[]"), ("[1, [2]]", "[1, [2]]")])
def test_a_waiver_code_that_is_not_text_is_a_shape_error(project, code, shown):
    # Found by tests/test_fuzz.py: the refusal of unwaivable codes looked the value up in a set.
    write(project, POLICY, WAIVER.format(code=code, where="id: invoicing"))
    result = lint([project / "policy"], Config(select=("REF",)))
    assert [(f.code, f.line, f.column, f.message) for f in result.findings] == [
        ("SCH001", 2, 11, f"code: {shown} is not a rule code")
    ]
