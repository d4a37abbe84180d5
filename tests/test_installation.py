"""`pip install .` into a brand-new virtual environment gives a working `privlint` anywhere.

These tests install from the package registry like a user would, so they take a while.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile
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
    probe = (
        "import privlint, privlint.checks, privlint.schemas, privlint.cli;"
        "print(privlint.__file__, privlint.checks.__file__, privlint.schemas.__file__, privlint.cli.__file__)"
    )
    python = installed.with_name("python")
    printed = subprocess.run([str(python), "-c", probe], cwd="/", capture_output=True, text=True, check=True).stdout
    assert str(REPO) not in printed
    assert printed.count("site-packages/privlint/") == 4
    assert sys.prefix not in printed


@pytest.mark.parametrize("command", [["-m", "privlint"], ["cli.py"]])
def test_running_from_a_checkout_with_a_regular_install_says_what_to_do(installed: Path, command: list[str]):
    # In the checkout, its privlint/ folder comes before the installed package and lacks the
    # checks/ that only an install maps into it: one line that says so, not an internal error.
    python = installed.with_name("python")
    result = subprocess.run(
        [str(python), *command, "check"], cwd=REPO, capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 2
    expected = (
        "privlint: privlint.checks is missing: this privlint package is a checkout's source folder found "
        "before the installed one; run the installed privlint command, or install the checkout with pip install -e ."
    )
    assert result.stderr.splitlines() == [expected]
    assert result.stdout == ""


def test_the_installed_distribution_has_one_top_level_package(installed: Path):
    site = next(installed.parent.parent.glob("lib/python*/site-packages"))
    (record,) = site.glob("privlint-*.dist-info/RECORD")
    installed_files = [line.split(",")[0] for line in record.read_text(encoding="utf-8").splitlines()]
    top = {name.split("/")[0] for name in installed_files if not name.startswith("../")}  # ../../bin/privlint
    assert {name for name in top if not name.endswith(".dist-info")} == {"privlint"}
    python = installed.with_name("python")
    for module in ("checks", "cli", "schemas"):
        probe = subprocess.run(
            [str(python), "-c", f"import {module}"], cwd="/", capture_output=True, text=True, check=False
        )
        assert probe.returncode == 1, module
        assert f"No module named '{module}'" in probe.stderr


def test_the_wheel_names_only_privlint_as_top_level(tmp_path: Path):
    source = clean_copy(tmp_path / "src")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            str(source),
            "-w",
            str(tmp_path),
        ],
        check=True,
        timeout=600,
    )
    (wheel,) = tmp_path.glob("privlint-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        (top_level,) = [name for name in archive.namelist() if name.endswith(".dist-info/top_level.txt")]
        assert archive.read(top_level).decode().split() == ["privlint"]
        names = archive.namelist()
    assert "privlint/checks/references.py" in names
    assert "privlint/schemas/policy.schema.json" in names
    assert "privlint/cli.py" in names


def test_modules_named_like_the_folders_elsewhere_do_not_shadow_privlint(installed: Path, tmp_path: Path):
    # Another project's checks/, schemas/ and cli.py on PYTHONPATH (or in the working
    # directory), and another installed distribution that ships a top-level cli.py.
    other = tmp_path / "other"
    for package in ("checks", "schemas"):
        (other / package).mkdir(parents=True)
        (other / package / "__init__.py").write_text(
            "raise ImportError('the wrong " + package + "')\n", encoding="utf-8"
        )
    (other / "cli.py").write_text("raise ImportError('the wrong cli')\n", encoding="utf-8")
    site = next(installed.parent.parent.glob("lib/python*/site-packages"))
    (site / "cli.py").write_text("def something_else(): pass\n", encoding="utf-8")
    try:
        result = subprocess.run(
            [str(installed), "check", str(POLICY), "--no-baseline", "--select", "REF001"],
            cwd=other,
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "PYTHONPATH": str(other)},
        )
    finally:
        (site / "cli.py").unlink()
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    assert "REF001 [error] data item 'bank_account'" in result.stdout


def test_every_folder_of_the_package_is_installed():
    # pyproject.toml lists the packages by name (two are mapped from the top-level folders):
    # a new sub-package that is not listed would be missing from the wheel.
    import tomllib  # noqa: PLC0415

    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    mapped = {"checks": "privlint.checks", "schemas": "privlint.schemas"}
    found = {".".join(init.parent.relative_to(REPO).parts) for init in (REPO / "privlint").rglob("__init__.py")} | {
        mapped[folder] for folder in mapped if (REPO / folder / "__init__.py").is_file()
    }
    assert found == listed
