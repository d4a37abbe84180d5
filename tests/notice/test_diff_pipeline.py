"""`privlint diff` findings go through the engine like every other finding.

Severities, ``select``/``ignore``, waivers and the baseline of ``[tool.privlint]`` apply to
the DRF rules exactly as to the model's checks (issue 11: one findings pipeline).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from privlint.config import Config
from privlint.engine import diff, write_baseline

from notice_support import changed_seed
from support import POLICY, run

BASIS_CHANGED = changed_seed(161, "Gerechtvaardigd Belang", "Toestemming")  # Bedrijfswebsite's basis


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The bundled policy and a published notice whose website basis differs from the model."""
    shutil.copytree(POLICY, tmp_path / "policy")
    (tmp_path / "notice.txt").write_text(BASIS_CHANGED, encoding="utf-8")
    return tmp_path


def diff_json(project: Path, *args: str) -> tuple[int, list[dict[str, object]]]:
    result = run("diff", "policy", "notice.txt", "--format", "json", *args, cwd=project)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout)["findings"]


def test_the_drift_is_an_error_by_default(project: Path):
    code, findings = diff_json(project)
    assert code == 1
    assert [(f["code"], f["severity"], f["line"], f["column"]) for f in findings] == [("DRF005", "error", 161, 14)]


def test_the_configured_severity_changes_what_diff_reports_and_its_exit_code(project: Path):
    (project / "privlint.toml").write_text('[severity]\nDRF005 = "info"\n', encoding="utf-8")
    text = run("diff", "policy", "notice.txt", cwd=project)
    assert text.returncode == 0, text.stdout
    assert "notice.txt:161:14: DRF005 [info] " in text.stdout
    code, findings = diff_json(project)
    assert (code, [f["severity"] for f in findings]) == (0, ["info"])


def test_ignore_applies_to_drift_rules(project: Path):
    (project / "privlint.toml").write_text('ignore = ["DRF005"]\n', encoding="utf-8")
    assert diff_json(project) == (0, [])


def test_a_waiver_for_a_drift_finding_waives_it(project: Path):
    _, (finding,) = diff_json(project)
    waiver = (
        "waivers:\n"
        f"  - code: DRF005\n    pointer: {finding['pointer']}\n"
        "    reason: the new notice is published next week\n    owner: legal@example.be\n    expires: 2099-01-01\n"
    )
    (project / "policy" / "waivers.yaml").write_text(waiver, encoding="utf-8")
    code, findings = diff_json(project)
    assert code == 0
    # A pointer without an id still waives; the info note names the entry it is bound to.
    assert [(f["code"], f["waived"]) for f in findings] == [("DRF005", True), ("WVR004", False)]
    assert "add id: " in findings[1]["message"]


def test_a_waiver_for_a_rule_that_diff_does_not_run_is_not_called_unused(project: Path):
    waiver = (
        "waivers:\n  - code: RET001\n    id: payroll\n"
        "    reason: legal reviews it\n    owner: legal@example.be\n    expires: 2099-01-01\n"
    )
    (project / "policy" / "waivers.yaml").write_text(waiver, encoding="utf-8")
    _, findings = diff_json(project)
    assert [f["code"] for f in findings] == ["DRF005"]


def test_a_baseline_entry_for_a_drift_finding_makes_it_known(project: Path):
    drifted = diff([project / "policy"], project / "notice.txt", Config(use_baseline=False))
    assert write_baseline(drifted, project / "drift-baseline.json") == (1, 0)
    (project / "privlint.toml").write_text('baseline = "drift-baseline.json"\n', encoding="utf-8")
    code, findings = diff_json(project)
    assert (code, [(f["code"], f["baseline"]) for f in findings]) == (0, [("DRF005", True)])
    # The same baseline in a check run: its DRF entry is not stale there (diff did not run).
    checked = run("check", "--format", "json", cwd=project)
    assert json.loads(checked.stdout)["summary"]["baseline_stale"] == 0


def test_a_baseline_of_check_findings_does_not_hide_drift(project: Path):
    assert run("check", "--write-baseline", "privlint-baseline.json", cwd=project).returncode == 0
    (project / "privlint.toml").write_text('baseline = "privlint-baseline.json"\n', encoding="utf-8")
    code, findings = diff_json(project)
    assert (code, [(f["code"], f["baseline"]) for f in findings]) == (1, [("DRF005", False)])
    text = run("diff", "policy", "notice.txt", cwd=project)
    assert "no longer match" not in text.stdout  # the check's entries are not stale in a diff
