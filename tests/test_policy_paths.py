"""What is not a policy is a usage error: exit code 2 and one line, in every command that reads one.

The decision is ``privlint.loading.policy_files``; the command line only shows its message.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from privlint.loading import PolicyPathError, policy_files

from support import run

NOTICE = "Privacyverklaring\n"


def _arguments(command: str, path: Path) -> list[str]:
    """The command line of ``command`` reading the policy at ``path``."""
    if command == "diff":
        notice = path.parent / "notice.txt"
        if not notice.exists():
            notice.write_text(NOTICE, encoding="utf-8")
        return [command, str(path), str(notice)]
    return [command, str(path)]


def _missing(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "nope"
    return path, f"no such file or directory: {path}"


def _empty_folder(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "policy"
    path.mkdir()
    (path / "README.md").write_text("not a policy\n", encoding="utf-8")
    return path, f"no policy files (*.yaml, *.yml) in {path}"


def _notes(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "notes.txt"
    path.write_text("controller:\n  name: Smet-Jet NV\n", encoding="utf-8")
    return path, f"{path} is not a policy file (*.yaml, *.yml)"


CASES = {"missing path": _missing, "folder without policy files": _empty_folder, "non-YAML file": _notes}
COMMANDS = ["check", "report", "render", "diff"]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", sorted(CASES))
def test_a_path_that_is_no_policy_is_one_line_and_exit_2(tmp_path: Path, command: str, case: str):
    path, message = CASES[case](tmp_path)
    result = run(*_arguments(command, path), cwd=tmp_path)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert result.stderr == f"privlint: {message}\n"


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_decision_is_made_in_the_loading_layer(tmp_path: Path, case: str):
    path, message = CASES[case](tmp_path)
    with pytest.raises(PolicyPathError) as raised:
        policy_files([path])
    assert str(raised.value) == message


def test_a_missing_configured_path_is_one_line_and_exit_2(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text('[tool.privlint]\npaths = ["policies"]\n', encoding="utf-8")
    result = run("check", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "privlint: no such file or directory: policies\n"


def test_a_folder_lists_its_policy_files_and_skips_what_is_not_a_regular_file(tmp_path: Path):
    (tmp_path / "b.yaml").write_text("audience: [customers]\n", encoding="utf-8")
    (tmp_path / "a.yml").write_text("controller: {name: x}\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("x\n", encoding="utf-8")
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    assert policy_files([tmp_path]) == [tmp_path / "a.yml", tmp_path / "b.yaml"]


# Every other file a command reads (baseline, configuration, notice) is refused, not waited
# on, when it is a FIFO: opening one blocks until a writer comes.
FIFO_READERS = {
    "baseline": (["check", "policy", "--baseline", "fifo"], "cannot read the baseline"),
    "configuration": (["check", "policy", "--config", "fifo"], "cannot read configuration"),
    "imported notice": (["import", "fifo", "-o", "out"], "cannot read fifo"),
    "notice compared": (["diff", "policy", "fifo"], "cannot read fifo"),
}


@pytest.mark.parametrize("name", sorted(FIFO_READERS))
def test_a_fifo_given_as_any_file_is_refused_without_waiting(tmp_path: Path, name: str):
    (tmp_path / "policy").mkdir()
    (tmp_path / "policy" / "p.yaml").write_text("controller:\n  name: Smet-Jet NV\n", encoding="utf-8")
    os.mkfifo(tmp_path / "fifo")
    arguments, words = FIFO_READERS[name]
    result = run(*arguments, cwd=tmp_path, timeout=30)  # without the fix: no answer, ever
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert words in result.stderr
    assert "not a regular file" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_no_path_at_all_is_a_usage_error(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text("[tool.privlint]\npaths = []\n", encoding="utf-8")
    result = run("check", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "privlint: no policy path given (pass one, or set [tool.privlint] paths)\n"
    with pytest.raises(PolicyPathError, match="no policy path given"):
        policy_files([])


def test_a_configuration_nested_too_deeply_is_a_clear_error_not_an_internal_one(tmp_path: Path):
    # Found on 2026-12-04: arrays nested 2,000 deep in pyproject.toml raised RecursionError,
    # which the command line reported as an internal error.
    deep = "[" * 2_000 + "]" * 2_000
    (tmp_path / "pyproject.toml").write_text(f"[tool.privlint]\nselect = {deep}\n", encoding="utf-8")
    result = run("check", cwd=tmp_path)
    assert result.returncode == 2
    assert f"{tmp_path / 'pyproject.toml'}: cannot read configuration: " in result.stderr
    assert "internal error" not in result.stderr
    assert len(result.stderr.splitlines()) == 1


def _large_policy(folder: Path, mebibytes: float) -> Path:
    """A valid policy file of about ``mebibytes`` MiB: data items with long descriptions."""
    entry = "  - id: item_{0:06d}\n    name: {{nl: Gegeven {0}}}\n    text: {{nl: {1}}}\n"
    filler = "x" * 400
    count = int(mebibytes * 1024 * 1024 / (len(entry) + len(filler) + 10))
    path = folder / "policy" / "data_items.yaml"
    path.parent.mkdir()
    path.write_text("data_items:\n" + "".join(entry.format(i, filler) for i in range(count)), encoding="utf-8")
    return path


def test_max_file_mib_sets_the_largest_policy_file_that_is_read(tmp_path: Path):
    path = _large_policy(tmp_path, 1.5)
    (tmp_path / "pyproject.toml").write_text("[tool.privlint]\nmax_file_mib = 1\n", encoding="utf-8")
    refused = run("check", "--format", "json", cwd=tmp_path)
    assert refused.returncode == 1
    (finding,) = json.loads(refused.stdout)["findings"]
    assert finding["code"] == "YML003"
    assert finding["message"] == f"file is {path.stat().st_size:,} bytes; the limit is 1,048,576"
    assert "max_file_mib" in finding["hint"]
    (tmp_path / "pyproject.toml").write_text("[tool.privlint]\nmax_file_mib = 2\n", encoding="utf-8")
    read = run("check", "--format", "json", cwd=tmp_path)
    assert read.returncode == 1  # the items are unused and much else is missing, but the file was read
    codes = {f["code"] for f in json.loads(read.stdout)["findings"]}
    assert "YML003" not in codes
    assert "REF002" in codes


@pytest.mark.parametrize("value", ["0", "-1", "true", '"64"', "4097", "1.5"])
def test_max_file_mib_must_be_a_whole_number_of_mebibytes(tmp_path: Path, value: str):
    (tmp_path / "pyproject.toml").write_text(f"[tool.privlint]\nmax_file_mib = {value}\n", encoding="utf-8")
    result = run("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "'max_file_mib' must be a whole number of MiB from 1 to 4096" in result.stderr
