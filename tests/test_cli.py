"""The command line: exit codes, formats, configuration errors, help and version."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from privlint import __version__

from support import POLICY, PRIVLINT, REPO, run

CLEAN_POLICY = """\
data_items:
  - id: customer_name
processing_activities:
  - id: invoicing
    data_items: [customer_name]
"""


def write_policy(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "policy.yaml").write_text(text, encoding="utf-8")
    return folder


def test_bundled_policy_reports_the_undeclared_payroll_items_and_exits_1():
    result = run("check", "--no-baseline", "--format", "json", "--select", "REF001")
    assert result.returncode == 1
    findings = json.loads(result.stdout)["findings"]
    undeclared = {f["message"].split("'")[1] for f in findings if f["file"] == "policy/sharing.yaml"}
    assert {"bank_account", "sick_leave_days", "marital_status", "salary_data"} <= undeclared
    bank = next(f for f in findings if "'bank_account'" in f["message"])
    assert (bank["line"], bank["column"]) == (76, 9)
    assert bank["pointer"] == "/sharing/0/data_items/0"
    assert bank["articles"] == ["GDPR 5(1)(a)", "GDPR 13(1)(c)", "GDPR 30(1)(c)"]
    assert bank["hint"]


def test_text_output_is_file_line_column_code_severity_message(tmp_path: Path):
    folder = write_policy(tmp_path / "p", CLEAN_POLICY.replace("[customer_name]", "[customer_name, iban]"))
    result = run("check", str(folder), "--select", "REF", cwd=tmp_path)
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.endswith(
        "policy.yaml:5:33: REF001 [error] data item 'iban' is used by processing activity 'invoicing' "
        "but not declared in data_items"
    )
    assert result.stdout.splitlines()[1].startswith("  hint: ")
    assert result.stdout.splitlines()[-1] == "Found 1 finding in 1 file: 1 error, 0 warnings, 0 infos."


def test_clean_policy_exits_0(tmp_path: Path):
    result = run("check", str(write_policy(tmp_path / "p", CLEAN_POLICY)), "--select", "REF", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("All checks passed (1 file,")


def test_fail_on_error_lets_warnings_pass(tmp_path: Path):
    text = CLEAN_POLICY.replace("  - id: customer_name\n", "  - id: customer_name\n  - id: fax_number\n")
    folder = write_policy(tmp_path / "q", text)
    assert run("check", str(folder), "--select", "REF002", cwd=tmp_path).returncode == 1
    assert run("check", str(folder), "--select", "REF002", "--fail-on", "error", cwd=tmp_path).returncode == 0


def test_json_format_has_version_findings_and_summary(tmp_path: Path):
    folder = write_policy(tmp_path / "p", "processing_activities:\n  - id: x\n    legal_basis: contrct\n")
    document = json.loads(run("check", str(folder), "--format", "json", cwd=tmp_path).stdout)
    assert document["version"] == 1
    assert document["summary"]["error"] == 1
    (finding,) = document["findings"]
    assert set(finding) >= {
        "code",
        "name",
        "severity",
        "message",
        "file",
        "line",
        "column",
        "pointer",
        "articles",
        "hint",
    }
    assert (finding["code"], finding["line"], finding["column"]) == ("SCH001", 3, 18)


def test_checking_from_another_directory_with_a_path(tmp_path: Path):
    result = run("check", str(POLICY), "--select", "REF001", cwd=tmp_path)
    assert result.returncode == 1
    assert f"{POLICY}/sharing.yaml:76:9: REF001" in result.stdout


def test_unknown_configuration_key_is_a_usage_error_naming_the_key(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text("[tool.privlint]\nfail_onn = 'error'\n", encoding="utf-8")
    write_policy(tmp_path / "policy", CLEAN_POLICY)
    result = run("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "unknown key 'fail_onn'" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_path_is_a_usage_error(tmp_path: Path):
    result = run("check", str(tmp_path / "nope"))
    assert result.returncode == 2
    assert result.stderr == f"privlint: no such file or directory: {tmp_path / 'nope'}\n"


def test_version_and_help():
    assert run("--version").stdout.strip() == f"privlint, version {__version__}"
    assert run("-V").stdout.strip() == f"privlint, version {__version__}"
    # The same answer where the fast path does not apply (another option beside it).
    assert run("--version", "--help").stdout.strip() == f"privlint, version {__version__}"
    help_text = run("check", "--help").stdout
    assert "Examples:" in help_text
    assert "Exit codes: 0 clean, 1 findings" in help_text


def test_rule_explains_a_code_and_rules_lists_them():
    explained = run("rule", "ref001")
    assert explained.returncode == 0
    assert explained.stdout.startswith("# data-item-undeclared (REF001)")
    assert "Fails:" in explained.stdout
    listing = run("rules", "--format", "json")
    codes = [rule["code"] for rule in json.loads(listing.stdout)]
    assert {"YML001", "SCH001", "REF001", "REF002"} <= set(codes)
    assert run("rule", "XYZ999").returncode == 2


def test_schema_command_prints_the_shipped_schema():
    printed = json.loads(run("schema").stdout)
    assert printed == json.loads((REPO / "schemas" / "policy.schema.json").read_text(encoding="utf-8"))


# Commands that do not apply a baseline or waivers, with the arguments to run them in a folder
# holding a copy of the bundled policy and notice. (`diff` applies both to its DRF findings,
# like `check`: see tests/notice/test_diff_pipeline.py.)
NEEDS_NEITHER = {
    "render": ["render"],
    "import": ["import", "notice.txt", "-o", "imported"],
    "rules": ["rules"],
    "rule": ["rule", "REF001"],
    "schema": ["schema"],
}
MISSING_FILES = {
    "baseline": '[tool.privlint]\nbaseline = "missing.json"\n',
    "waivers": '[tool.privlint]\nwaivers = "missing-waivers.yaml"\n',
}


def _repository_copy(folder: Path, configuration: str) -> Path:
    shutil.copytree(POLICY, folder / "policy")
    shutil.copy(REPO / "notice" / "klanten-privacyverklaring.txt", folder / "notice.txt")
    (folder / "pyproject.toml").write_text(configuration, encoding="utf-8")
    return folder


@pytest.mark.parametrize("missing", sorted(MISSING_FILES))
@pytest.mark.parametrize("command", sorted(NEEDS_NEITHER))
def test_a_command_that_applies_no_baseline_or_waivers_ignores_a_missing_one(tmp_path: Path, command, missing):
    folder = _repository_copy(tmp_path, MISSING_FILES[missing])
    result = run(*NEEDS_NEITHER[command], cwd=folder)
    assert result.returncode in (0, 1), result.stderr
    assert "not found" not in result.stderr
    assert result.stdout


@pytest.mark.parametrize("command", [["check"], ["report", "-o", "report.html"], ["diff", "policy", "notice.txt"]])
def test_a_command_that_applies_the_baseline_still_refuses_a_missing_one(tmp_path: Path, command):
    folder = _repository_copy(tmp_path, MISSING_FILES["baseline"])
    result = run(*command, cwd=folder)
    assert result.returncode == 2
    assert result.stderr == (
        "privlint: configuration error: missing.json: baseline file not found; "
        "write it with --write-baseline missing.json\n"
    )


def test_a_4301_digit_integer_in_the_configuration_is_a_configuration_error(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text(f"[tool.privlint]\neu_only = {'9' * 4301}\n", encoding="utf-8")
    write_policy(tmp_path / "policy", CLEAN_POLICY)
    result = run("check", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"privlint: configuration error: {tmp_path / 'pyproject.toml'}: cannot read")
    assert "internal error" not in result.stderr


def test_the_version_is_answered_without_loading_the_command_line():
    probe = (
        "import sys; sys.argv = ['privlint', '--version']\n"
        "from privlint.__main__ import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('click', 'privlint.cli', 'yaml') if m in sys.modules))\n"
    )
    shown = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert shown.splitlines() == [f"privlint, version {__version__}", "[]"]


def test_output_is_complete_when_the_process_ends():
    # The console script ends with os._exit once stdout and stderr are flushed (privlint.cli.leave).
    completed = run("check", "--no-baseline", "--format", "json")
    assert completed.returncode == 1
    assert len(json.loads(completed.stdout)["findings"]) > 100
    assert completed.stderr == ""


def test_a_reader_that_stops_early_gets_no_traceback_and_the_exit_code_stays():
    # `privlint check | head -1`: the JSON (over 64 KiB, a pipe's buffer) cannot all be written.
    process = subprocess.Popen(
        [str(PRIVLINT), "check", "--no-baseline", "--format", "json"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    assert process.stdout.read(10) == b'{\n  "versi'
    process.stdout.close()
    error = process.stderr.read()
    process.stderr.close()
    assert process.wait() == 1
    assert error == b""
