"""--write-baseline from a partial run merges; only a full run advises rewriting the baseline."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from privlint.cli import main

from support import POLICY, REPO

BASELINE = "privlint-baseline.json"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(POLICY, tmp_path / "policy")
    (tmp_path / "pyproject.toml").write_text(f'[tool.privlint]\nbaseline = "{BASELINE}"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def entries(project: Path) -> list[dict[str, str]]:
    return json.loads((project / BASELINE).read_text(encoding="utf-8"))["findings"]


def test_a_baseline_written_with_select_keeps_the_entries_of_the_other_rules(project, capsys):
    assert main(["check", "--write-baseline", BASELINE]) == 0
    everything = entries(project)
    assert len(everything) == len(json.loads((REPO / "privlint-baseline.json").read_text(encoding="utf-8"))["findings"])
    capsys.readouterr()
    assert main(["check", "--select", "REF", "--write-baseline", BASELINE]) == 0
    refs = sum(1 for e in everything if e["code"].startswith("REF"))
    assert capsys.readouterr().err == (
        f"privlint: recorded {refs} findings in {BASELINE} "
        f"(kept {len(everything) - refs} of rules or files this run did not check)\n"
    )
    assert entries(project) == everything
    assert main(["check"]) == 0


def test_a_baseline_written_for_one_file_keeps_the_entries_of_the_other_files(project, capsys):
    assert main(["check", "--write-baseline", BASELINE]) == 0
    everything = entries(project)
    # notice.yaml alone lacks the rights section: "not listed in rights" is an artefact of the
    # partial model, reported but not recorded (rights were not read).
    assert main(["check", "policy/notice.yaml", "--write-baseline", BASELINE]) == 1
    said = re.search(
        r"recorded (\d+) findings in \S+ \(kept (\d+) of rules or files this run did not check\)\n$",
        capsys.readouterr().err,
    )
    assert said is not None
    merged = entries(project)
    assert int(said[1]) + int(said[2]) == len(merged)
    assert len(merged) == len(everything) + 2  # nothing is lost; two findings of the partial model are added
    assert all(entry in merged for entry in everything)
    added = [entry["code"] for entry in merged if entry not in everything]
    assert sorted(added) == ["TRN004", "TRN005"]  # about sections notice.yaml alone does not hold
    assert main(["check"]) == 0


def test_the_rewrite_advice_appears_only_when_the_whole_policy_and_every_rule_ran(project, capsys):
    assert main(["check", "--write-baseline", BASELINE]) == 0
    text = (project / "policy" / "sharing.yaml").read_text(encoding="utf-8")
    fixed = text.replace("      - bank_account  #", "      # -", 1)
    assert fixed != text
    (project / "policy" / "sharing.yaml").write_text(fixed, encoding="utf-8")
    capsys.readouterr()
    assert main(["check", "--select", "REF"]) == 0
    partial = capsys.readouterr().out
    assert partial.endswith("2 baseline entries no longer match a finding.\n")
    assert main(["check", "policy/sharing.yaml", "policy/data_items.yaml"]) in {0, 1}
    assert "rewrite the baseline" not in capsys.readouterr().out
    assert main(["check"]) == 0
    assert capsys.readouterr().out.endswith(
        "2 baseline entries no longer match a finding; rewrite the baseline with --write-baseline.\n"
    )
