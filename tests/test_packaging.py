"""The licence file matches the metadata, and the sdist carries what its own tests read."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

from support import REPO

NEEDED = ("tests", "policy", "notice", "docs", "schemas", "checks", "privlint")
TOP_LEVEL = ("README.md", "LICENSE", "pyproject.toml", "privlint-baseline.json", "cli.py", ".pre-commit-hooks.yaml")
SKIPPED_PARTS = {"__pycache__", ".pytest_cache", ".hypothesis"}


def test_the_licence_file_is_the_mit_licence_the_metadata_names():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    text = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n\nCopyright (c) ")
    assert 'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND' in text


def test_the_sdist_contains_every_file_its_tests_need(tmp_path: Path):
    # setuptools' own backend in this environment: no download of a build environment.
    build = f"from setuptools import build_meta; print(build_meta.build_sdist({str(tmp_path)!r}))"
    built = subprocess.run([sys.executable, "-c", build], cwd=REPO, capture_output=True, text=True, check=False)
    assert built.returncode == 0, built.stderr
    archive = tmp_path / built.stdout.strip().splitlines()[-1]
    with tarfile.open(archive) as sdist:
        members = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    wanted = {
        path.relative_to(REPO).as_posix()
        for folder in NEEDED
        for path in (REPO / folder).rglob("*")
        if path.is_file() and not SKIPPED_PARTS & set(path.relative_to(REPO).parts) and path.suffix != ".pyc"
    }
    assert sorted(wanted - members) == []
    assert sorted(set(TOP_LEVEL) - members) == []
