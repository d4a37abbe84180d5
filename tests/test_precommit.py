"""The published pre-commit hook, run by the real `pre-commit try-repo`, fails on a broken policy."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import REPO

PRE_COMMIT = Path(sys.executable).with_name("pre-commit")

GOOD = """\
data_items:
  - id: customer_name
processing_activities:
  - id: invoicing
    data_items: [customer_name]
"""


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    (folder / "policy").mkdir(parents=True)
    git("init", "-q", cwd=folder)
    git("config", "user.email", "test@example.invalid", cwd=folder)
    git("config", "user.name", "test", cwd=folder)
    (folder / "pyproject.toml").write_text("[tool.privlint]\nselect = ['REF']\n", encoding="utf-8")
    return folder


def try_repo(project: Path, home: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(REPO), "privlint", "--all-files"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env=environment,
        timeout=900,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
def test_hook_fails_on_a_broken_policy_and_passes_on_a_clean_one(project: Path, tmp_path: Path):
    policy = project / "policy" / "policy.yaml"
    policy.write_text(GOOD.replace("[customer_name]", "[customer_name, iban]"), encoding="utf-8")
    git("add", "-A", cwd=project)
    broken = try_repo(project, tmp_path / "cache")
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "REF001" in broken.stdout
    assert "'iban'" in broken.stdout

    policy.write_text(GOOD, encoding="utf-8")
    git("add", "-A", cwd=project)
    clean = try_repo(project, tmp_path / "cache")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout


@pytest.mark.parametrize("hooks_file", [".pre-commit-hooks.yaml", ".pre-commit-config.yaml"])
def test_the_hook_runs_when_the_configuration_the_baseline_or_the_waivers_change(hooks_file: str):
    # pre-commit runs a hook on a commit when re.search(files, path) matches a staged path.
    import re  # noqa: PLC0415

    import yaml  # noqa: PLC0415

    document = yaml.safe_load((REPO / hooks_file).read_text(encoding="utf-8"))
    hooks = document if isinstance(document, list) else [h for repo in document["repos"] for h in repo["hooks"]]
    (hook,) = [h for h in hooks if h["id"] == "privlint"]
    pattern = re.compile(hook["files"])
    for path in (
        "policy/sharing.yaml",
        "pyproject.toml",
        "privlint.toml",
        "privlint-baseline.json",
        "policy/waivers.yaml",
        "waivers.yml",
        "config/waivers.yaml",
    ):
        assert pattern.search(path), path
    for path in ("README.md", "docs/pyproject.toml.md", "notice/x.txt", "my-waivers.yaml"):
        assert not pattern.search(path), path
