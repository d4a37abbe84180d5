"""Malformed configuration is one line, exit code 2, naming the file: never an internal error.

Found by a tester on 2026-12-05 (inputs in /tmp/hunt1): a ``tool`` or ``tool.privlint``
that is not a table, and file paths holding a NUL character, raised TypeError,
AttributeError or ValueError.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support import REPO, run

COMPLIANT = REPO / "tests" / "fixtures" / "compliant"
NOT_A_TABLE = "[tool.privlint] must be a table"
TOOL_NOT_A_TABLE = "'tool' must be a table (the one that holds [tool.privlint])"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(COMPLIANT, tmp_path / "policy")
    (tmp_path / "policy" / "README.md").unlink()
    (tmp_path / "sub").mkdir()
    return tmp_path


def _refused(project: Path, name: str, text: str, *, cwd: Path | None = None) -> str:
    (project / name).write_text(text, encoding="utf-8")
    result = run("check", cwd=cwd or project)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert "internal error" not in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    return result.stderr


PYPROJECT = {
    "privlint is a number": ("[tool]\nprivlint = 1\n", NOT_A_TABLE),
    "privlint is a string": ('[tool]\nprivlint = "x"\n', NOT_A_TABLE),
    "privlint is a list": ('[tool]\nprivlint = ["paths"]\n', NOT_A_TABLE),
    "tool is a number": ("tool = 1\n", TOOL_NOT_A_TABLE),
    "tool is a string": ('tool = "privlint"\n', TOOL_NOT_A_TABLE),
    "tool is a list": ('tool = ["privlint"]\n', TOOL_NOT_A_TABLE),
}


@pytest.mark.parametrize("case", sorted(PYPROJECT))
@pytest.mark.parametrize("where", ["root", "subfolder"])
def test_a_tool_or_privlint_that_is_no_table_is_a_configuration_error(project: Path, case: str, where: str):
    text, message = PYPROJECT[case]
    cwd = project if where == "root" else project / "sub"
    stderr = _refused(project, "pyproject.toml", text, cwd=cwd)
    assert stderr == f"privlint: configuration error: {project / 'pyproject.toml'}: {message}\n"


@pytest.mark.parametrize("text", ["tool = 1\n", "[tool]\nprivlint = 1\n", '[tool]\nprivlint = "x"\n'])
def test_privlint_toml_with_a_tool_that_is_no_table_is_a_configuration_error(project: Path, text: str):
    stderr = _refused(project, "privlint.toml", text)
    assert stderr.startswith(f"privlint: configuration error: {project / 'privlint.toml'}: ")


@pytest.mark.parametrize(
    ("setting", "key"),
    [('paths = ["\\u0000"]', "paths"), ('paths = ["policy", "a\\u0000b"]', "paths"),
     ('baseline = "\\u0000"', "baseline"), ('waivers = "\\u0000"', "waivers")],
)  # fmt: skip
def test_a_file_path_with_a_nul_character_is_a_configuration_error(project: Path, setting: str, key: str):
    stderr = _refused(project, "pyproject.toml", f"[tool.privlint]\n{setting}\n")
    path = project / "pyproject.toml"
    assert stderr == f"privlint: configuration error: {path}: {key!r} cannot hold a NUL character (\\u0000)\n"


def test_a_valid_configuration_still_passes(project: Path):
    (project / "pyproject.toml").write_text('[tool]\nother = 1\n[tool.privlint]\npaths = ["policy"]\n', "utf-8")
    assert run("check", cwd=project / "sub").returncode == 0


def test_a_pyproject_without_privlint_is_passed_over_in_discovery(project: Path):
    (project / "pyproject.toml").write_text('[tool.privlint]\npaths = ["policy"]\n', encoding="utf-8")
    (project / "sub" / "pyproject.toml").write_text("[tool.black]\nline-length = 1\n", encoding="utf-8")
    assert run("check", cwd=project / "sub").returncode == 0
