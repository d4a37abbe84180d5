"""Bad input never crashes privlint: each gives one located finding (YML001-YML004)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privlint import yaml_reader

from support import lint_files, lint_text, run, where

BAD_INPUTS = {
    # A syntax error is placed where the unclosed construct starts, not where the parser gave up.
    "syntax error": ("controller:\n  name: [Smet-Jet\n", ("YML001", 2, 9), "while parsing a flow sequence"),
    "unclosed quote": (
        'controller:\n  name: "Smet-Jet\n  city: Westerlo\n',
        ("YML001", 2, 9),
        "syntax error: found unexpected end of stream at line 4, column 1 (while scanning a quoted scalar",
    ),
    "unclosed flow sequence": (
        "controller: [a, b\nfoo: bar\n",
        ("YML001", 1, 13),
        "at line 2, column 4 (while parsing a flow sequence that starts here)",
    ),
    "unclosed flow mapping": ("controller: {name: x\naudience: []\n", ("YML001", 1, 13), "flow mapping"),
    "key without colon": ("controller:\n  name: x\naudience\n", ("YML001", 3, 1), "simple key"),
    "anchor without alias": ("data_items:\n  - &x id: vat_number\n", ("YML003", 2, 5), "anchor '&x' is not allowed"),
    "anchor on a mapping": ("controller: &c {name: x}\n", ("YML003", 1, 13), "anchor '&c' is not allowed"),
    "anchor on a list": ("audience: &a\n  - customers\n", ("YML003", 1, 11), "anchor '&a' is not allowed"),
    "anchor after a JSON-like key": ('controller: {"name":&n x}\n', ("YML003", 1, 21), "anchor '&n' is not allowed"),
    "YAML 1.3 document": (
        "%YAML 1.3\n---\ncontroller: {name: x}\n",
        ("YML003", 1, 1),
        "the file declares %YAML 1.3; privlint reads YAML 1.2 only",
    ),
    "YAML 2.0 document": ("%YAML 2.0\n---\ncontroller: {name: x}\n", ("YML003", 1, 1), "declares %YAML 2.0;"),
    "YAML 1.1 after a comment": (
        "# the policy\n%YAML 1.1\n---\ncontroller: {name: x}\n",
        ("YML003", 2, 1),
        "the file declares %YAML 1.1; privlint reads YAML 1.2 only",
    ),
    "YAML 1.1 after a byte-order mark": ("\ufeff%YAML 1.1\n---\ncontroller: {name: x}\n", ("YML003", 1, 1), "1.1;"),
    "%YAML without a version": ("%YAML\n---\ncontroller: {name: x}\n", ("YML003", 1, 1), "%YAML with no version"),
    "4,301-digit integer": (
        "controller:\n  name: " + "9" * 4301 + "\n",
        ("YML003", 2, 9),
        "an integer of 4,301 digits; privlint reads integers of at most 4,300 digits",
    ),
    "4,301-digit negative integer in a list": (
        "audience: [-" + "1" * 4301 + "]\n",
        ("YML003", 1, 12),
        "an integer of 4,301 digits",
    ),
    "hexadecimal integer over 4,300 digits": (
        "controller: {name: 0x" + "f" * 3600 + "}\n",
        ("YML003", 1, 20),
        "an integer of 4,335 digits",
    ),
    "4,301-digit integer under an explicit tag": (
        "controller: {name: !!int " + "7" * 4301 + "}\n",
        ("YML003", 1, 20),
        "an integer of 4,301 digits",
    ),
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


def test_a_yaml_1_2_directive_and_a_4300_digit_integer_are_read():
    result = lint_files({"policy.yaml": "%YAML 1.2\n---\ncontroller:\n  name: " + "9" * 4300 + "\n"})
    assert where(result.findings) == [("SCH001", 4, 9)]
    assert result.source is not None
    assert result.source.data["controller"]["name"] == int("9" * 4300)


def test_an_anchor_on_the_first_character_of_the_file_is_refused():
    result = lint_files({"policy.yaml": "&a controller: {name: x}\n"})
    assert where(result.findings) == [("YML003", 1, 1)]
    assert "anchor '&a' is not allowed" in result.findings[0].message


def test_an_anchor_after_a_byte_order_mark_is_refused():
    # Called directly, the reader keeps the mark in the text and counts it as the first column
    # (a policy file is decoded without it, so its columns start after it).
    for text, name in (("\ufeff&m\ncontroller: {name: x}\n", "m"), ("\ufeff&a controller: x\n", "a")):
        problems = yaml_reader.read(text).problems
        assert [(p.code, p.span.line, p.span.column) for p in problems] == [("YML003", 1, 2)], text
        assert problems[0].message == f"anchor '&{name}' is not allowed"


@pytest.mark.parametrize("before", ["", " ", "\t", "\r", "\n", "[", "{", ",", ":", "\ufeff"])
def test_an_ampersand_and_a_name_where_a_node_may_start_may_be_an_anchor(before: str):
    text = f"key{before}&a" if before else "&a: x"
    assert yaml_reader._may_hold_anchor(text)  # noqa: SLF001
    assert not yaml_reader._may_hold_anchor(text.replace("&a", "& a"))  # noqa: SLF001
    assert not yaml_reader._may_hold_anchor(f"key{before}x&a")  # noqa: SLF001


@given(
    st.lists(
        st.sampled_from(["&", "&a", "a", " ", "\t", "\r", "\n", "[", "]", "{", "}", ",", ":", "#", "'", "\ufeff"])
    ).map("".join)
)
def test_the_anchor_pre_check_finds_every_place_an_anchor_could_be(text: str):
    # When it finds none, the reader does not look for anchors on scalars: it must miss none
    # of the places that YAML 1.2.2 (6.9.2) allows, which this expression, its first form, names
    # (with a byte-order mark, which the parser skips, as the start of the text).
    expected = re.search(r"(?:^|[ \t\r\n\[{,:\ufeff])&[^ \t\r\n\[\]{},]", text) is not None
    assert yaml_reader._may_hold_anchor(text) is expected  # noqa: SLF001


def test_an_ampersand_in_text_is_no_anchor():
    result = lint_files({"policy.yaml": "controller:\n  name: Smet & Jet NV\n  email: 'a&b@example.be'\n"})
    assert [f.code for f in result.findings if f.code.startswith("YML")] == []
    assert result.source is not None
    assert result.source.data["controller"] == {"name": "Smet & Jet NV", "email": "a&b@example.be"}


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


HUGE = "9" * 4301


@pytest.mark.parametrize("command", ["check", "render"])
def test_a_4301_digit_integer_in_the_policy_is_a_located_finding_in_every_command(tmp_path: Path, command: str):
    (tmp_path / "policy.yaml").write_text(f"controller:\n  name: Smet-Jet NV\naudience: [{HUGE}]\n", encoding="utf-8")
    result = run(command, str(tmp_path), cwd=tmp_path)
    output = result.stdout if command == "check" else result.stderr
    assert "internal error" not in result.stdout + result.stderr
    assert result.returncode == 1
    assert (
        "policy.yaml:3:12: YML003 [error] an integer of 4,301 digits; "
        "privlint reads integers of at most 4,300 digits" in output
    )


def test_a_4301_digit_integer_in_the_waivers_file_is_a_located_finding(tmp_path: Path):
    (tmp_path / "policy.yaml").write_text("controller:\n  name: Smet-Jet NV\n", encoding="utf-8")
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(f"- code: TRN001\n  pointer: /controller\n  reason: {HUGE}\n", encoding="utf-8")
    result = run("check", str(tmp_path / "policy.yaml"), "--waivers", str(waivers), "--format", "json", cwd=tmp_path)
    assert "internal error" not in result.stderr
    findings = json.loads(result.stdout)["findings"]
    refused = [(f["file"], f["code"], f["line"], f["column"]) for f in findings if f["code"].startswith("YML")]
    assert refused == [("waivers.yaml", "YML003", 3, 11)]
