"""Bad input never crashes privlint: each gives one located finding (YML001-YML004)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support import lint_files, lint_text, run, where

BAD_INPUTS = {
    "syntax error": ("controller:\n  name: [Smet-Jet\n", ("YML001", 3, 1), "syntax error"),
    "tab indentation": ("controller:\n\tname: Smet-Jet NV\n", ("YML001", 2, 1), "tab"),
    "duplicate key": ("controller:\n  name: A\n  name: B\n", ("YML002", 3, 3), "first defined at line 2"),
    "python tag": ("controller: !!python/object/apply:os.system ['true']\n", ("YML003", 1, 13), "not allowed"),
    "custom tag": ("controller: !secret x\n", ("YML003", 1, 13), "not allowed"),
    "alias bomb": (
        "a: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{n}: &{n} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
            for p, n in zip("abcdefgh", "bcdefghi", strict=True)
        )
        + "controller: *i\n",
        ("YML003", 2, 8),
        "alias",
    ),
    "empty file": ("", ("YML001", 1, 1), "empty"),
    "list at the top": ("- controller\n- data_items\n", ("YML001", 1, 1), "top level is a list"),
    "20,000 levels of nesting": ("controller: " + "[" * 20_000 + "]" * 20_000 + "\n", ("YML003", 1, 1012), "nesting"),
    "YAML 1.1 document": ("%YAML 1.1\n---\ncontroller: {name: x}\n", ("YML003", 1, 1), "YAML 1.2 only"),
    "two documents": ("controller: {}\n---\naudience: []\n", ("YML001", 2, 1), "more than one"),
    "NUL byte": ("controller:\n  name: Smet\x00Jet\n", ("YML001", 2, 13), "control characters"),
}


@pytest.mark.parametrize(("text", "expected", "words"), BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_bad_input_gives_one_located_finding(text, expected, words):
    findings = lint_text(text)
    assert where(findings) == [expected]
    assert words in findings[0].message


def test_not_utf8_is_located_at_the_first_bad_byte(tmp_path: Path):
    (tmp_path / "policy.yaml").write_bytes("controller:\n  name: Sm\u00e9t\n  city: Westerlo\xff\n".encode("latin-1"))
    result = run("check", str(tmp_path), "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    assert [(f["code"], f["line"], f["column"]) for f in findings] == [("YML001", 2, 11)]
    assert "not UTF-8" in findings[0]["message"]
    assert result.returncode == 1


def test_a_byte_order_mark_is_accepted():
    result = lint_files({"policy.yaml": "\ufeffaudience: [customers]\n"})
    assert [f.code for f in result.findings if f.code.startswith(("YML", "SCH"))] == []


def test_yaml11_boolean_lookalike_is_a_warning_and_stays_a_string():
    findings = lint_text("recipients:\n  - id: hosting\n    country: NO\n", select=["YML004"])
    assert where(findings) == [("YML004", 3, 14)]
    assert "'NO' is the string 'NO' in YAML 1.2" in findings[0].message


def test_section_defined_in_two_files_names_both_places():
    result = lint_files({"a.yaml": "audience: [customers]\n", "b.yaml": "\n\naudience: [suppliers]\n"})
    assert where(result.findings) == [("YML002", 3, 1)]
    assert result.findings[0].file.endswith("b.yaml")
    assert "a.yaml:1:1" in result.findings[0].message


def test_nothing_in_a_file_is_executed(tmp_path: Path):
    marker = tmp_path / "executed"
    policy = tmp_path / "policy.yaml"
    policy.write_text(f"controller: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    result = run("check", str(policy))
    assert not marker.exists()
    assert "YML003" in result.stdout


@pytest.mark.parametrize("name", ["alias bomb", "20,000 levels of nesting", "tab indentation"])
def test_bad_input_on_the_command_line_gives_no_traceback(tmp_path: Path, name: str):
    (tmp_path / "policy.yaml").write_text(BAD_INPUTS[name][0], encoding="utf-8")
    result = run("check", str(tmp_path), timeout=30)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert f"policy.yaml:{BAD_INPUTS[name][1][1]}:{BAD_INPUTS[name][1][2]}: {BAD_INPUTS[name][1][0]}" in result.stdout
