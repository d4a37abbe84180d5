"""Hostile files and paths: never an internal error, never a green gate, never a user's file lost.

Found by a test helper on 2026-12-04: members of a policy folder that
cannot be read were skipped silently, a file named twice was a duplicate of itself, long
names and loops of links crashed, outputs could replace the files a run reads, and the
GitHub step summary and a full standard output were internal errors.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from privlint.loading import policy_files

from support import PRIVLINT, REPO, run

COMPLIANT = REPO / "tests" / "fixtures" / "compliant"
HINT = "a policy folder holds regular *.yaml/*.yml files only: replace it by one, or move it out of the folder"


@pytest.fixture
def policy(tmp_path: Path) -> Path:
    """A copy of the compliant policy (it passes the gate) in ``tmp_path/policy``."""
    folder = tmp_path / "policy"
    shutil.copytree(COMPLIANT, folder)
    (folder / "README.md").unlink()
    return folder


def _findings(result) -> list[tuple[str, str, int, int, str]]:
    found = json.loads(result.stdout)["findings"]
    return [(f["code"], f["file"], f["line"], f["column"], f["message"]) for f in found]


def _loop(folder: Path, name: str) -> Path:
    (folder / name).symlink_to(folder / f"{name}.other")
    (folder / f"{name}.other").symlink_to(folder / name)
    return folder / name


def test_the_compliant_policy_passes_so_the_cases_below_would_be_green(policy: Path):
    result = run("check", "policy", cwd=policy.parent)
    assert result.returncode == 0, result.stdout


MEMBERS = {
    "a link to nothing": (
        lambda p: p.symlink_to("/nonexistent"),
        "cannot be read: it is a symbolic link to /nonexistent, which does not exist",
    ),
    "a FIFO": (os.mkfifo, "not a regular file but a FIFO"),
    "a link to /dev/zero": (lambda p: p.symlink_to("/dev/zero"), "not a regular file but a device"),
    "a folder": (Path.mkdir, "not a regular file but a folder"),
    "a loop of links": (
        lambda p: _loop(p.parent, p.name),
        "cannot be read: Too many levels of symbolic links",
    ),
}


@pytest.mark.parametrize("case", sorted(MEMBERS))
def test_an_unreadable_member_of_a_policy_folder_is_a_yml001_finding_that_fails_the_gate(policy: Path, case: str):
    make, message = MEMBERS[case]
    make(policy / "extra.yaml")
    result = run("check", "policy", "--format", "json", cwd=policy.parent, timeout=30)
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert result.stderr == ""
    assert _findings(result) == [("YML001", "policy/extra.yaml", 1, 1, message)]
    assert json.loads(result.stdout)["findings"][0]["hint"] == HINT


def test_an_editor_lock_file_is_no_member(policy: Path):
    # Emacs keeps a link to nothing named .#FILE while a buffer has unsaved changes.
    (policy / ".#processing.yaml").symlink_to("user@host.1234:1700000000")
    result = run("check", "policy", "--format", "json", cwd=policy.parent)
    assert result.returncode == 0, (result.stdout, result.stderr)
    assert policy_files([policy]) == [policy / "organisation.yaml", policy / "processing.yaml"]


def test_an_unreadable_member_is_not_a_policy_file_to_the_library(policy: Path):
    (policy / "extra.yaml").symlink_to("/nonexistent")
    assert policy_files([policy]) == [policy / "organisation.yaml", policy / "processing.yaml"]


def test_a_folder_holding_only_an_unreadable_member_is_a_finding_not_no_policy(tmp_path: Path):
    (tmp_path / "policy").mkdir()
    (tmp_path / "policy" / "only.yaml").symlink_to("/dev/zero")
    result = run("check", "policy", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert _findings(result) == [("YML001", "policy/only.yaml", 1, 1, "not a regular file but a device")]


def test_an_upper_case_suffix_is_a_policy_file_in_a_folder_and_by_name(policy: Path):
    (policy / "Extra.YAML").write_text("controller:\n  name: Twee\n", encoding="utf-8")
    result = run("check", "policy", "--format", "json", cwd=policy.parent)
    assert result.returncode == 1
    assert [f[:4] for f in _findings(result)] == [("YML002", "policy/organisation.yaml", 8, 1)]
    assert "policy/Extra.YAML:1:1" in _findings(result)[0][4]
    by_name = run("check", "policy/Extra.YAML", "--format", "json", cwd=policy.parent)
    assert "is not a policy file" not in by_name.stderr
    assert by_name.returncode == 1  # read: one section is not a whole policy


@pytest.mark.parametrize(
    "arguments",
    [
        ("policy", "policy"),
        ("policy/organisation.yaml", "policy/./organisation.yaml", "policy/processing.yaml"),
        ("policy", "policy/processing.yaml"),
        ("policy", "./policy/../policy"),
    ],
)
def test_a_file_named_twice_is_read_once(policy: Path, arguments: tuple[str, ...]):
    result = run("check", *arguments, "--format", "json", cwd=policy.parent)
    assert result.returncode == 0, result.stdout
    assert json.loads(result.stdout)["summary"]["files"] == ["policy/organisation.yaml", "policy/processing.yaml"]


LONG = "a" * 5000  # far over a file system's 255 bytes a name
LOOP_WRITE = "cannot write loop.yaml: Too many levels of symbolic links"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("check", LONG), f"cannot read {LONG}: File name too long"),
        (("check", "loop.yaml"), "cannot read loop.yaml: Too many levels of symbolic links"),
        (("check", "policy", "--write-baseline", LONG), f"cannot write {LONG}: File name too long"),
        (("check", "policy", "--format", f"json:{LONG}"), f"cannot write {LONG}: File name too long"),
        (("check", "policy", "-o", LONG), f"cannot write {LONG}: File name too long"),
        (("report", "policy", "-o", LONG), f"cannot write {LONG}: File name too long"),
        (("render", "policy", "-o", LONG), f"cannot write {LONG}: File name too long"),
        (("check", "policy", "--write-baseline", "loop.yaml"), LOOP_WRITE),
        (("check", "policy", "--format", "json:loop.yaml"), LOOP_WRITE),
        (("check", "policy", "-o", "loop.yaml"), LOOP_WRITE),
        (("report", "policy", "-o", "loop.yaml"), LOOP_WRITE),
        (("render", "policy", "-o", "loop.yaml"), LOOP_WRITE),
        (("register", "policy", "-o", "loop.yaml"), LOOP_WRITE),
        (
            ("check", "policy", "--baseline", "loop.yaml"),
            "configuration error: loop.yaml: cannot read the baseline: Too many levels of symbolic links",
        ),
    ],
)  # fmt: skip
def test_a_name_too_long_or_a_loop_of_links_is_one_line_and_exit_2(policy: Path, arguments, message: str):
    _loop(policy.parent, "loop.yaml")
    result = run(*arguments, cwd=policy.parent)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stderr == f"privlint: {message}\n"
    assert not (policy.parent / "loop.yaml.other").exists() or (policy.parent / "loop.yaml.other").is_symlink()


def test_a_baseline_nested_too_deeply_is_a_configuration_error(policy: Path):
    (policy.parent / "bl.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = run("check", "policy", "--baseline", "bl.json", cwd=policy.parent)
    assert result.returncode == 2, result.stderr
    assert result.stderr == "privlint: configuration error: bl.json: cannot read the baseline: nested too deeply\n"


READ_BY_THE_RUN = {
    "a policy file": (("check", "policy", "--format", "json:policy/organisation.yaml"), "policy/organisation.yaml"),
    "a policy file, by -o": (("check", "policy", "--format", "json", "-o", "policy/./organisation.yaml"), None),
    "a policy file, by report": (("report", "policy", "-o", "policy/processing.yaml"), None),
    "a policy file, by render": (("render", "policy", "-o", "policy/processing.yaml"), None),
    "a policy file, by --write-baseline": (("check", "policy", "--write-baseline", "policy/processing.yaml"), None),
    "the waivers file": (("check", "policy", "--format", "sarif:policy/waivers.yaml"), None),
    "the baseline": (("check", "policy", "--baseline", "known.json", "-o", "known.json"), None),
    "the configuration": (("check", "policy", "-o", "pyproject.toml"), None),
    "a link to a policy file": (("check", "policy", "-o", "link.yaml"), None),
}


@pytest.mark.parametrize("case", sorted(READ_BY_THE_RUN))
def test_an_output_onto_a_file_the_run_reads_is_refused_and_the_file_kept(policy: Path, case: str):
    root = policy.parent
    (policy / "waivers.yaml").write_text("waivers: []\n", encoding="utf-8")
    (root / "pyproject.toml").write_text('[tool.privlint]\npaths = ["policy"]\n', encoding="utf-8")
    (root / "link.yaml").symlink_to("policy/organisation.yaml")
    assert run("check", "policy", "--write-baseline", "known.json", cwd=root).returncode == 0
    before = {p: p.read_bytes() for p in (*policy.iterdir(), root / "known.json", root / "pyproject.toml")}
    arguments, _ = READ_BY_THE_RUN[case]
    result = run(*arguments, cwd=root)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stderr.startswith("privlint: not writing ")
    assert "which privlint reads" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert {p: p.read_bytes() for p in before} == before


def test_the_message_names_the_output_and_what_it_is(policy: Path):
    result = run("check", "policy", "--format", "json:policy/organisation.yaml", cwd=policy.parent)
    assert result.stderr == (
        "privlint: not writing the json report to policy/organisation.yaml: it is a policy file, which privlint reads\n"
    )


def test_rewriting_the_configured_baseline_is_still_allowed(policy: Path):
    (policy.parent / "pyproject.toml").write_text('[tool.privlint]\nbaseline = "known.json"\n', encoding="utf-8")
    assert run("check", "--write-baseline", "known.json", cwd=policy.parent).returncode == 0
    assert run("check", "--write-baseline", "known.json", cwd=policy.parent).returncode == 0


def _summary_run(policy: Path, summary: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summary}
    return subprocess.run(
        [str(PRIVLINT), "check", "policy"],
        cwd=policy.parent, env=environment, capture_output=True, text=True, timeout=30, check=False,
    )  # fmt: skip


def test_the_step_summary_is_appended_without_reading_what_it_holds(policy: Path):
    summary = policy.parent / "summary.md"
    summary.write_bytes(b"\xff earlier step, not UTF-8\n")
    result = _summary_run(policy, str(summary))
    assert result.returncode == 0, result.stderr
    text = summary.read_bytes()
    assert text.startswith(b"\xff earlier step, not UTF-8\n")
    assert len(text) > len(b"\xff earlier step, not UTF-8\n")


@pytest.mark.parametrize("kind", ["/dev/zero", "fifo"])
def test_a_step_summary_that_is_no_regular_file_is_refused_at_once(policy: Path, kind: str):
    summary = kind
    if kind == "fifo":
        summary = str(policy.parent / "fifo")
        os.mkfifo(summary)
        reader = os.open(summary, os.O_RDONLY | os.O_NONBLOCK)  # a reader: opening to write does not fail
    result = _summary_run(policy, summary)  # without the fix: out of memory, or no answer
    if kind == "fifo":
        os.close(reader)
    assert result.returncode == 2, result.stderr
    assert result.stderr == f"privlint: cannot append to {summary}: not a regular file\n"


STDOUT_COMMANDS = [
    ("check", "policy"),
    ("check", "policy", "--format", "json"),
    ("render", "policy"),
    ("rules",),
    ("--help",),
    ("--version",),  # answered before the command line is imported (privlint/__main__.py)
]


@pytest.mark.parametrize("arguments", STDOUT_COMMANDS)
def test_a_full_standard_output_is_one_line_and_exit_2(policy: Path, arguments: tuple[str, ...]):
    with Path("/dev/full").open("w") as full:
        result = subprocess.run(
            [str(PRIVLINT), *arguments], cwd=policy.parent, stdout=full, stderr=subprocess.PIPE, text=True,
            timeout=60, check=False,
        )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr == "privlint: cannot write output: No space left on device\n"
