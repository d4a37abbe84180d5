"""What changed (issue 14): a semantic diff of two policies, material vs editorial (WP260)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from privlint import changes, model

from support import POLICY, PRIVLINT, run

Edit = Callable[[dict[str, Any]], None]


def copy_policy(target: Path, edit: Edit | None = None) -> Path:
    """The bundled policy, file by file, with ``edit`` applied to the merged data's sections."""
    target.mkdir(parents=True, exist_ok=True)
    documents = {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(POLICY.glob("*.yaml"))}
    merged = {key: value for document in documents.values() for key, value in document.items()}
    if edit is not None:
        edit(merged)
    for name, document in documents.items():
        content = {key: merged[key] for key in document}
        (target / name).write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def entry(data: dict[str, Any], section: str, ident: str) -> dict[str, Any]:
    return next(e for e in data[section] if e["id"] == ident)


def three_changes(data: dict[str, Any]) -> None:
    """A new US recipient for IT support, a longer camera retention, a reworded purpose."""
    data["recipients"].append({"id": "us_helpdesk", "name": "Helpdesk Inc.", "role": "processor", "country": "US"})
    entry(data, "sharing", "it_support")["recipients"] = ["us_helpdesk"]
    camera = entry(data, "processing_activities", "cctv")
    camera["retention"]["duration"] = "P2M"
    appointments = entry(data, "processing_activities", "customer_appointments")
    appointments["purposes"] = [{"nl": "Beheer van de agenda en de beschikbaarheid"}]


def classes(found: list[changes.Change]) -> list[tuple[str, bool, str]]:
    return [(c.klass, c.material, c.where) for c in found]


def models(tmp_path: Path, edit: Edit) -> tuple[model.Policy, model.Policy]:
    from privlint.engine import lint  # noqa: PLC0415

    old, new = lint([POLICY]).policy, lint([copy_policy(tmp_path / "new", edit)]).policy
    assert old is not None
    assert new is not None
    return old, new


def test_the_acceptance_case_is_two_material_changes_and_one_editorial(tmp_path: Path):
    old, new = models(tmp_path, three_changes)
    found = changes.compare(old, new)
    assert classes(found) == [  # material first; activities before sharing, in policy order
        ("longer_retention", True, "processing activity cctv"),
        ("new_transfer", True, "sharing it_support"),
        ("purpose_reworded", False, "processing activity customer_appointments"),
    ]
    transfer = next(c for c in found if c.klass == "new_transfer")
    assert transfer.words("nl") == "Nieuwe doorgifte naar een derde land bij IT support: Helpdesk Inc. (US)"
    reworded = next(c for c in found if c.klass == "purpose_reworded")
    assert (reworded.old, reworded.new) == (
        "Beheer van de beschikbaarheid / kalender",
        "Beheer van de agenda en de beschikbaarheid",
    )


def test_an_unchanged_copy_has_no_changes(tmp_path: Path):
    old, new = models(tmp_path, lambda _: None)
    assert changes.compare(old, new) == []


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda d: entry(d, "processing_activities", "cctv")["retention"].update(duration="P2W"),
            ("shorter_retention", False),
        ),
        (lambda d: d["rights"].pop(0), ("right_removed", True)),
        (
            lambda d: entry(d, "processing_activities", "delivery")["purposes"].append({"nl": "Marketing"}),
            ("new_purpose", True),
        ),
        (
            lambda d: entry(d, "processing_activities", "invoicing").update(legal_basis="legal_obligation"),
            ("legal_basis", True),
        ),
        (lambda d: entry(d, "sharing", "insurance")["recipients"].append("sd_worx"), ("new_recipient", True)),
        (lambda d: d["recipient_categories"].append({"nl": "marketingbureaus"}), ("new_recipient_category", True)),
        (
            lambda d: entry(d, "processing_activities", "cctv")["data_items"].append("sick_leave_days"),
            ("new_special_category", True),
        ),
        (
            lambda d: entry(d, "processing_activities", "cctv")["data_items"].append("vat_number"),
            ("new_data_item", True),
        ),
        (lambda d: entry(d, "processing_activities", "cctv")["locations"].append("CN"), ("new_transfer", True)),
        (lambda d: d["processing_activities"].reverse(), ("order", False)),
        (
            lambda d: entry(d, "processing_activities", "cctv")["description"].update(nl="Camerabeelden."),
            ("wording", False),
        ),
        (lambda d: entry(d, "recipients", "sd_worx").update(role="controller"), ("recipient_role", True)),
        (lambda d: d["processing_activities"].pop(), ("removed_processing", False)),
    ],
)
def test_each_class(tmp_path: Path, edit: Edit, expected: tuple[str, bool]):
    old, new = models(tmp_path, edit)
    assert [(c.klass, c.material) for c in changes.compare(old, new)] == [expected]


def test_cli_old_folder_text_markdown_and_json(tmp_path: Path):
    new = copy_policy(tmp_path / "new", three_changes)
    text = run("changes", str(new), "--old", str(POLICY), "--lang", "nl")
    assert text.returncode == 0, text.stderr
    assert text.stdout.startswith("Wezenlijke wijzigingen (betrokkenen vooraf informeren, art. 13.3 AVG, WP260) (2):\n")
    assert "Redactionele wijzigingen (1):\n" in text.stdout
    markdown = run("changes", str(new), "--old", str(POLICY), "--format", "markdown")
    assert "### Editorial changes (1)\n- Purpose of Klantenafspraken reworded" in markdown.stdout
    data = json.loads(run("changes", str(new), "--old", str(POLICY), "--format", "json").stdout)
    assert (data["format"], data["version"], data["material"], data["editorial"]) == ("privlint-changes", 1, 2, 1)
    assert {c["class"]: c["material"] for c in data["changes"]} == {
        "new_transfer": True,
        "longer_retention": True,
        "purpose_reworded": False,
    }


def git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=folder,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    folder = tmp_path / "repo"
    copy_policy(folder / "policy")
    git(folder, "init", "-q")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "policy")
    copy_policy(folder / "policy", three_changes)
    return folder


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_since_a_git_revision(repository: Path):
    done = run("changes", "--since", "HEAD", "policy", "--format", "json", cwd=repository)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["old"], data["material"], data["editorial"]) == ("HEAD", 2, 1)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize(
    ("revision", "message"),
    [("no-such-branch", "unknown git revision 'no-such-branch'"), ("--output=x", "not a git revision: '--output=x'")],
)
def test_a_bad_revision_is_a_clear_usage_error(repository: Path, revision: str, message: str):
    done = run("changes", f"--since={revision}", "policy", cwd=repository)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_missing_git_is_a_clear_usage_error(repository: Path):
    environment = {**os.environ, "PATH": str(repository)}  # a PATH without git
    done = subprocess.run(
        [str(PRIVLINT), "changes", "--since", "HEAD", "policy"],
        cwd=repository,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "git is not installed (or not on PATH); use --old DIR instead of --since" in done.stderr


def test_exactly_one_old_version():
    done = run("changes")
    assert done.returncode == 2
    assert "give exactly one of --since REV and --old DIR" in done.stderr
