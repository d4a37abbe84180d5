"""A typo in a selection is a usage error, never a green run that checked nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from privlint.cli import main

from support import POLICY


@pytest.fixture(autouse=True)
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(POLICY, tmp_path / "policy")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--select", "XYZ"], "--select: unknown rule code or prefix 'XYZ'; `privlint rules` lists every code"),
        (["--ignore", "NOPE1"], "--ignore: unknown rule code or prefix 'NOPE1'; `privlint rules` lists every code"),
        (["--select", "REF01"], "--select: unknown rule code or prefix 'REF01'; did you mean 'REF001'?"),
        (["--select", "REF,RTE"], "--select: unknown rule code or prefix 'RTE'; did you mean 'RET'?"),
    ],
)
def test_unknown_codes_on_the_command_line_are_usage_errors(capsys, args, message):
    assert main(["check", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.endswith(f"Error: {message}\n")


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('select = ["REF", "XYZ"]', "select: unknown rule code or prefix 'XYZ'"),
        ('ignore = ["RET02"]', "ignore: unknown rule code or prefix 'RET02'; did you mean 'RET002'?"),
        ('[tool.privlint.severity]\nREF01 = "error"', "severity: unknown rule code 'REF01'; did you mean 'REF001'?"),
        ('[tool.privlint.severity]\nREF = "error"', "severity: unknown rule code 'REF';"),
        # A blocking read or schema error shown as [info] with "0 errors" while the gate fails.
        ('[tool.privlint.severity]\nYML002 = "info"', "severity: YML002 cannot be changed: a file that cannot"),
        ('[tool.privlint.severity]\nSCH001 = "warning"', "severity: SCH001 cannot be changed: a file that cannot"),
    ],
)
def test_unknown_codes_in_the_configuration_are_usage_errors(project, capsys, table, message):
    (project / "pyproject.toml").write_text(f"[tool.privlint]\n{table}\n", encoding="utf-8")
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"privlint: configuration error: {project / 'pyproject.toml'}: {message}")


@pytest.mark.parametrize("args", [["--select", "REF", "--ignore", "REF"], ["--select", "YML"], ["--select", "WVR"]])
def test_a_selection_that_leaves_no_rule_to_run_is_refused(capsys, args):
    assert main(["check", *args]) == 2
    assert "leave no compliance rule to run; nothing would be checked" in capsys.readouterr().err


def test_a_selection_of_model_rules_leaves_nothing_for_diff(project, capsys):
    (project / "pyproject.toml").write_text('[tool.privlint]\nselect = ["REF"]\n', encoding="utf-8")
    notice = Path(__file__).resolve().parents[1] / "notice" / "klanten-privacyverklaring.txt"
    assert main(["diff", "policy", str(notice)]) == 2
    assert "leave no notice (DRF) rule to run" in capsys.readouterr().err


def test_a_valid_prefix_still_selects(capsys):
    assert main(["check", "--no-baseline", "--select", "REF00"]) == 1
    assert "REF001" in capsys.readouterr().out
