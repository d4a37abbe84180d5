"""`pip install .` into a brand-new virtual environment gives a working `privlint` anywhere.

These tests install from the package registry like a user would, so they take a while.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from support import POLICY, REPO


def clean_copy(target: Path) -> Path:
    """The repository's tracked files only, so no local build artefact leaks in."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        if (REPO / name).exists():
            shutil.copy2(REPO / name, destination)
    return target


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("install")
    source = clean_copy(root / "src")
    environment = root / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(source)], check=True, timeout=600)
    return environment / "bin" / "privlint"


def test_installed_command_checks_a_policy_from_another_directory(installed: Path, tmp_path: Path):
    result = subprocess.run(
        [str(installed), "check", str(POLICY), "--select", "REF001", "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PATH": f"{installed.parent}:{os.environ['PATH']}"},
    )
    assert result.returncode == 1, result.stderr
    assert '"code": "REF001"' in result.stdout
    assert "sick_leave_days" in result.stdout


def test_installed_package_ships_its_schema_and_finds_shape_errors(installed: Path, tmp_path: Path):
    (tmp_path / "policy").mkdir()
    (tmp_path / "policy" / "p.yaml").write_text("audience: customers\n", encoding="utf-8")
    result = subprocess.run([str(installed), "check"], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 1, result.stderr
    assert "policy/p.yaml:1:11: SCH001 [error] audience must be a list, found the string 'customers'" in result.stdout


def test_installed_command_does_not_import_from_the_source_tree(installed: Path):
    probe = "import privlint, checks, schemas; print(privlint.__file__, checks.__file__, schemas.__file__)"
    python = installed.with_name("python")
    printed = subprocess.run([str(python), "-c", probe], cwd="/", capture_output=True, text=True, check=True).stdout
    assert str(REPO) not in printed
    assert "site-packages" in printed
    assert sys.prefix not in printed
