"""Configured paths are the configuration file's, wherever privlint is started in the project."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from privlint.cli import main

from support import POLICY

WAIVER = """\
waivers:
  - code: REF001
    id: payroll
    reason: the payroll items are declared in the staff notice
    owner: legal@example.org
    expires: 2999-12-31
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(POLICY, tmp_path / "model")
    (tmp_path / "decisions.yaml").write_text(WAIVER, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.privlint]\npaths = ["model"]\nwaivers = "decisions.yaml"\nbaseline = "known.json"\n', encoding="utf-8"
    )
    (tmp_path / "docs" / "deep").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--write-baseline", "known.json"]) == 0
    monkeypatch.chdir(tmp_path / "docs" / "deep")
    return tmp_path


def test_check_from_a_subfolder_uses_the_configured_paths_baseline_and_waivers(project, capsys):
    capsys.readouterr()
    assert main(["check", "--format", "json"]) == 0
    summary = json.loads(capsys.readouterr().out)["summary"]
    assert summary["files"] == [str(project / "model" / name) for name in sorted(p.name for p in POLICY.iterdir())]
    assert summary["waived"] == 10
    assert summary["baseline"] == len(json.loads((project / "known.json").read_text(encoding="utf-8"))["findings"])
    assert summary["waivers_file"] == str(project / "decisions.yaml")
    assert summary["baseline_file"] == str(project / "known.json")


def test_sarif_locations_are_relative_to_the_project_root_whatever_the_working_directory(project, capsys):
    capsys.readouterr()
    assert main(["check", "--format", "sarif", "--no-baseline", "--select", "REF001"]) == 1
    run = json.loads(capsys.readouterr().out)["runs"][0]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": project.resolve().as_uri() + "/"}}
    locations = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert "model/sharing.yaml" in locations
    assert all(not uri.startswith(("/", "file:", "..")) for uri in locations)


def test_privlint_toml_with_a_tool_privlint_table_is_accepted(tmp_path, monkeypatch, capsys):
    shutil.copytree(POLICY, tmp_path / "model")
    (tmp_path / "privlint.toml").write_text('[tool.privlint]\npaths = ["model"]\nfail_on = "error"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--select", "TRN007"]) == 0  # an info finding, below fail_on = "error"
    assert "TRN007" in capsys.readouterr().out


def test_privlint_toml_mixing_top_level_keys_and_a_tool_table_is_refused(tmp_path, monkeypatch, capsys):
    (tmp_path / "privlint.toml").write_text('fail_on = "error"\n[tool.privlint]\npaths = ["x"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    assert capsys.readouterr().err == (
        f"privlint: configuration error: {tmp_path / 'privlint.toml'}: write the settings at the top of "
        "privlint.toml without a [tool.privlint] header (or keep them all under it)\n"
    )
