"""The gate on the command line: baselines, several outputs in one run, exit codes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from privlint import cli
from privlint.reporters import REPORTERS

from support import POLICY, PRIVLINT, run

BASELINE = "privlint-baseline.json"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the bundled policy in ``policy/`` of an empty project."""
    shutil.copytree(POLICY, tmp_path / "policy")
    return tmp_path


def total_findings(folder: Path) -> int:
    document = json.loads(run("check", "--format", "json", "--no-baseline", "--no-waivers", cwd=folder).stdout)
    return len(document["findings"])


def test_the_baseline_makes_the_bundled_policy_pass_and_without_it_fails(project: Path):
    total = total_findings(project)
    assert total > 0
    written = run("check", "--write-baseline", BASELINE, cwd=project)
    assert written.returncode == 0, written.stdout
    assert written.stderr == f"privlint: recorded {total} findings in {BASELINE}\n"
    (project / "pyproject.toml").write_text(f'[tool.privlint]\nbaseline = "{BASELINE}"\n', encoding="utf-8")
    gated = run("check", cwd=project)
    assert gated.returncode == 0, gated.stdout
    assert gated.stdout.startswith("All checks passed (6 files, ")
    assert gated.stdout.endswith(f"Not shown: {total} known in the baseline (--no-waivers --no-baseline shows them).\n")
    assert run("check", "--no-baseline", cwd=project).returncode == 1
    entries = json.loads((project / BASELINE).read_text(encoding="utf-8"))["findings"]
    assert len(entries) == total
    assert {key for entry in entries for key in entry} <= {"code", "location", "value", "message", "file"}


def test_one_new_defect_fails_the_gate_on_exactly_that_finding(project: Path):
    assert run("check", "--write-baseline", BASELINE, cwd=project).returncode == 0
    processing = project / "policy" / "processing.yaml"
    text = processing.read_text(encoding="utf-8")
    # Ten lines of comments above the activities move every known finding down...
    text = text.replace("processing_activities:\n", "processing_activities:\n" + "  # moved\n" * 10, 1)
    # ...and client_file now uses an item the policy never declares: one new defect.
    text = text.replace("      - contract\n", "      - contract\n      - loyalty_card_number\n", 1)
    processing.write_text(text, encoding="utf-8")
    new_line = text.splitlines().index("      - loyalty_card_number") + 1
    result = run("check", "--baseline", BASELINE, "--format", "json", cwd=project)
    assert result.returncode == 1
    document = json.loads(result.stdout)
    blocking = [f for f in document["findings"] if not f["baseline"] and not f["waived"]]
    assert [(f["code"], f["file"], f["line"], f["column"]) for f in blocking] == [
        ("REF001", "policy/processing.yaml", new_line, 9)
    ]
    assert "'loyalty_card_number'" in blocking[0]["message"]
    assert document["summary"]["baseline"] == total_findings(project) - 1
    assert document["summary"]["baseline_stale"] == 0


def test_a_configured_baseline_that_is_missing_is_a_usage_error(project: Path):
    (project / "pyproject.toml").write_text(f'[tool.privlint]\nbaseline = "{BASELINE}"\n', encoding="utf-8")
    result = run("check", cwd=project)
    assert result.returncode == 2
    assert result.stderr == (
        f"privlint: configuration error: {BASELINE}: baseline file not found; "
        f"write it with --write-baseline {BASELINE}\n"
    )
    assert run("check", "--write-baseline", BASELINE, cwd=project).returncode == 0
    assert run("check", cwd=project).returncode == 0


# --- several outputs in one run ------------------------------------------------------------


def test_a_format_names_its_file_after_a_colon(project: Path):
    result = run("check", "--format", "sarif:privlint.sarif", "--format", "text", cwd=project)
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1].startswith("Found ")
    sarif = json.loads((project / "privlint.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    assert len(sarif["runs"][0]["results"]) == total_findings(project)


def test_every_format_can_go_to_a_file_and_nothing_to_stdout(project: Path):
    args = ["check", "--format=json:out.json", "--format", "junit:out.xml", "--format", "markdown", "-o", "out.md"]
    result = run(*args, cwd=project)
    assert result.returncode == 1
    assert result.stdout == ""
    assert json.loads((project / "out.json").read_text(encoding="utf-8"))["version"] == 1
    assert (project / "out.xml").read_text(encoding="utf-8").startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert (project / "out.md").read_text(encoding="utf-8").startswith("### privlint: ")


def test_output_names_the_file_of_the_one_format_without_one(project: Path):
    assert run("check", "-o", "out.json", "--format", "json", cwd=project).returncode == 1
    assert json.loads((project / "out.json").read_text(encoding="utf-8"))["version"] == 1
    assert run("check", "-o", "out.txt", cwd=project).returncode == 1
    assert (project / "out.txt").read_text(encoding="utf-8").splitlines()[-1].startswith("Found ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "json", "--format", "text"], "only one format can go to standard output, not json and text"),
        (["--format", "json", "--format", "sarif", "-o", "a"], "--output a needs one format, not json and sarif"),
        (["--format", "json:a", "-o", "b"], "--output b needs a format without its own file"),
        (["--format", "xml"], "'xml' is not one of 'text', 'json', 'sarif'"),
        (["--format", "json:"], "name the file after the colon (json:FILE)"),
    ],
)
def test_outputs_that_cannot_be_placed_are_usage_errors(project: Path, args: list[str], message: str):
    result = run("check", *args, cwd=project)
    assert result.returncode == 2
    assert message in result.stderr
    assert not (project / "a").exists()
    assert not (project / "b").exists()


def test_github_is_the_default_format_in_github_actions(project: Path):
    environment = {**os.environ, "GITHUB_ACTIONS": "true"}
    result = subprocess.run(
        [str(PRIVLINT), "check", "--select", "REF001"],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout.startswith(
        "::error file=policy/processing.yaml,line=175,endLine=175,col=9,endColumn=27,title=REF001 data-item-undeclared"
        "::data item 'essentiele_cookies' is used by processing activity 'company_website' but not declared in "
        "data_items; did you mean 'essential_cookies' (Essentiële cookies)?%0A"
        "hint: declare the item under data_items (or correct the reference)\n"
    )
    explicit = subprocess.run(
        [str(PRIVLINT), "check", "--select", "REF001", "--format", "text"],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert explicit.stdout.startswith("policy/processing.yaml:175:9: REF001")


@pytest.mark.parametrize("output_format", REPORTERS)
def test_the_format_never_changes_the_exit_code(project: Path, output_format: str):
    assert run("check", "--format", output_format, "-o", "out", cwd=project).returncode == 1
    assert (
        run("check", "--format", output_format, "-o", "out", "--select", "BE001", cwd=project).returncode == 0
    )  # a valid enterprise number


def test_the_offered_formats_are_the_registered_reporters():
    from click.testing import CliRunner  # noqa: PLC0415

    helped = CliRunner().invoke(cli.cli, ["check", "--help"], terminal_width=200).output
    assert f"[{'|'.join(REPORTERS)}][:FILE]" in helped


def test_the_repository_baseline_records_exactly_the_bundled_policy_findings():
    # pyproject.toml names privlint-baseline.json: `privlint check` in the repository passes,
    # and no entry is stale (a fixed finding must leave the baseline with its fix).
    gated = run("check")
    assert gated.returncode == 0, gated.stdout
    assert "no longer match" not in gated.stdout
    everything = json.loads(run("check", "--no-baseline", "--format", "json").stdout)["findings"]
    assert gated.stdout.endswith(
        f"Not shown: {len(everything)} known in the baseline (--no-waivers --no-baseline shows them).\n"
    )
