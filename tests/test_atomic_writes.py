"""Every file privlint writes is complete or untouched; a failed write is one user error, exit 2."""

from __future__ import annotations

import resource
import shutil
import subprocess
from pathlib import Path

import pytest

from privlint.cli import main

from support import POLICY, PRIVLINT, REPO

NOTICE = REPO / "notice" / "klanten-privacyverklaring.txt"
LIMIT = 4096  # bytes: smaller than the baseline, every report and the imported policy


def limited(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run privlint with a file-size limit (RLIMIT_FSIZE, as `ulimit -f`): a full disk, simulated."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))

    return subprocess.run(
        [str(PRIVLINT), *args], cwd=cwd, capture_output=True, text=True, timeout=60, check=False, preexec_fn=limit
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(POLICY, tmp_path / "policy")
    return tmp_path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_failed_baseline_write_leaves_the_old_baseline_intact(project: Path):
    assert main_in(project, ["check", "--write-baseline", "b.json"]) == 0
    before = (project / "b.json").read_bytes()
    assert len(before) > LIMIT
    (project / "policy" / "sharing.yaml").write_text(
        (project / "policy" / "sharing.yaml").read_text(encoding="utf-8").replace("bank_account  #", "iban  #"),
        encoding="utf-8",
    )
    result = limited("check", "--write-baseline", "b.json", cwd=project)
    assert result.returncode == 2
    assert result.stderr == "privlint: cannot write b.json: File too large (the existing file was left as it was)\n"
    assert (project / "b.json").read_bytes() == before
    assert leftovers(project) == []


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--format", "sarif:out.txt"],
        ["check", "--format", "json", "-o", "out.txt"],
        ["report", "-o", "out.txt"],
        ["render", "policy", "-o", "out.txt"],
    ],
)
def test_a_failed_report_write_leaves_the_old_file_intact(project: Path, args: list[str]):
    (project / "out.txt").write_text("the previous report\n", encoding="utf-8")
    result = limited(*args, cwd=project)
    assert result.returncode == 2
    assert result.stderr.endswith("cannot write out.txt: File too large (the existing file was left as it was)\n")
    assert (project / "out.txt").read_text(encoding="utf-8") == "the previous report\n"
    assert leftovers(project) == []


@pytest.mark.parametrize(
    "args",
    [
        ["report", "-o", "/missing/dir/x.html"],
        ["render", "policy", "-o", "/missing/dir/x.txt"],
        ["check", "--format", "json:/missing/dir/x.json"],
        ["check", "--write-baseline", "/missing/dir/x.json"],
    ],
)
def test_a_missing_output_folder_is_a_user_error(project: Path, args: list[str], capsys):
    assert main_in(project, args) == 2
    err = capsys.readouterr().err
    assert err.endswith(f"privlint: cannot write {args[-1].split(':')[-1]}: the folder /missing/dir does not exist\n")
    assert "internal error" not in err


def test_import_force_writes_all_files_or_none(tmp_path: Path):
    out = tmp_path / "policy"
    assert main_in(tmp_path, ["import", str(NOTICE), "-o", "policy"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert len(before) > 1
    for path in out.iterdir():
        path.write_text("# edited by hand\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    edited = {p.name: p.read_bytes() for p in out.iterdir()}
    result = limited("import", str(NOTICE), "-o", "policy", "--force", cwd=tmp_path)
    assert result.returncode == 2
    assert "File too large" in result.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == edited
    assert leftovers(out) == []


def test_import_refuses_a_symbolic_link_in_the_output_folder(tmp_path: Path, capsys):
    out = tmp_path / "policy"
    assert main_in(tmp_path, ["import", str(NOTICE), "-o", "policy"]) == 0
    target = min(out.iterdir())
    outside = tmp_path / "outside.txt"
    outside.write_text("not yours\n", encoding="utf-8")
    target.unlink()
    target.symlink_to(outside)
    capsys.readouterr()
    assert main_in(tmp_path, ["import", str(NOTICE), "-o", "policy", "--force"]) == 2
    assert capsys.readouterr().err.endswith(
        f"Error: policy/{target.name} is a symbolic link; privlint does not write through links\n"
    )
    assert outside.read_text(encoding="utf-8") == "not yours\n"


def main_in(folder: Path, args: list[str]) -> int:
    import os  # noqa: PLC0415

    here = Path.cwd()
    os.chdir(folder)
    try:
        return main(args)
    finally:
        os.chdir(here)


def test_no_module_but_privlint_files_writes_a_file():
    import re  # noqa: PLC0415

    writing = re.compile(r"(?<!files)\.write_(?:text|bytes)\(|\.open\(\s*[\"'][wax]|\bopen\([^)]*[\"'][wax]b?[\"']")
    sources = [*(REPO / "privlint").rglob("*.py"), *(REPO / "checks").rglob("*.py"), REPO / "cli.py"]
    offenders = [
        f"{path.relative_to(REPO)}:{number}"
        for path in sources
        if path.name != "files.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if writing.search(line)
    ]
    assert offenders == []


def test_a_symbolic_link_to_a_report_is_written_through_and_kept(project: Path):
    (project / "reports").mkdir()
    real = project / "reports" / "out.json"
    real.write_text("old\n", encoding="utf-8")
    (project / "out.json").symlink_to(real)
    assert main_in(project, ["check", "--format", "json", "-o", "out.json"]) == 1
    assert (project / "out.json").is_symlink()
    assert real.read_text(encoding="utf-8").startswith('{\n  "version": 1,')


def test_a_stream_such_as_a_fifo_is_written_to_never_replaced(project: Path):
    import os  # noqa: PLC0415
    import threading  # noqa: PLC0415

    fifo = project / "stream"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    assert main_in(project, ["check", "--format", "json", "-o", "stream"]) == 1
    reader.join(timeout=30)
    assert received[0].startswith('{\n  "version": 1,')
    assert fifo.is_fifo()
