"""Round trip: privlint and ruamel.yaml (the library privlint writes YAML with) agree on policy files.

A policy file loaded and dumped again by ruamel.yaml's round-trip mode, with the file's own
indentation, is byte-identical; what ruamel.yaml writes, privlint reads as the same model,
whether ruamel.yaml round-trips the file or dumps the plain data privlint loaded from it.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from privlint import yaml_reader
from privlint.engine import lint

from property_support import examples, lint_written
from strategies import Style, Written, policies, written
from support import POLICY

WIDE = 1_000_000  # never fold long lines: a fold is a change


def ruamel(style: Style) -> YAML:
    yaml = YAML()  # round-trip mode: comments, order, quotes and flow style are kept
    yaml.preserve_quotes = True
    yaml.width = WIDE
    yaml.indent(mapping=style.indent, sequence=style.dash_offset + 2, offset=style.dash_offset)
    return yaml


def dump(yaml: YAML, data: Any) -> str:
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


def read(text: str) -> Any:
    document = yaml_reader.read(text)
    assert document.problems == []
    return document.data


@settings(max_examples=examples(1))
@given(data=st.data())
def test_a_round_trip_dump_of_an_unchanged_file_is_byte_identical(data):
    policy = data.draw(policies(), label="policy")
    files: Written = data.draw(written(policy, raw_breaks=False), label="written")
    yaml = ruamel(files.style)
    for text in files.files.values():
        assert dump(yaml, yaml.load(text)) == text


@settings(max_examples=examples(1))
@given(data=st.data())
def test_what_ruamel_writes_privlint_reads_as_the_same_model(data):
    policy = data.draw(policies(), label="policy")
    files: Written = data.draw(written(policy, raw_breaks=False), label="written")
    original = lint_written(files)
    yaml = ruamel(files.style)
    again = Written(files={name: dump(yaml, yaml.load(text)) for name, text in files.files.items()})
    assert lint_written(again).policy == original.policy
    # ruamel.yaml dumping privlint's plain data (its own quoting choices) reads back the same, unless a
    # string holds NEL, LS or PS: ruamel.yaml then writes the character raw followed by a YAML 1.1 line
    # continuation ("'x\x85  y'" for "x\x85y"), which only a YAML 1.1 reader folds back; in YAML 1.2 the
    # character and the indentation are both text (see the tests below).
    plain = YAML()
    plain.width = WIDE
    for text in files.files.values():
        if not any(character in text for character in (r"\N", r"\L", r"\P")):
            assert read(dump(plain, read(text))) == read(text)


@pytest.mark.parametrize("path", sorted(POLICY.glob("*.yaml")), ids=lambda p: p.name)
def test_the_bundled_policy_files_round_trip_byte_for_byte(path: Path):
    text = path.read_text(encoding="utf-8")
    yaml = ruamel(Style(indent=2, dash_offset=2))
    assert dump(yaml, yaml.load(text)) == text


def test_the_bundled_policy_round_trips_to_the_same_model(tmp_path: Path):
    yaml = ruamel(Style(indent=2, dash_offset=2))
    for path in sorted(POLICY.glob("*.yaml")):
        (tmp_path / path.name).write_text(dump(yaml, yaml.load(path.read_text(encoding="utf-8"))), encoding="utf-8")
    assert lint([tmp_path]).policy == lint([POLICY]).policy


# Regressions: libyaml reads YAML 1.1, where NEL, LS and PS are line breaks; privlint reads YAML 1.2.


@pytest.mark.parametrize("character", ["\x85", "\u2028", "\u2029"], ids=["NEL", "LS", "PS"])
def test_a_raw_yaml11_line_break_in_a_quoted_string_is_kept(character):
    assert read(f'url: "x{character}y"\n') == {"url": f"x{character}y"}
    assert read(f"url: 'x{character}y'\n") == {"url": f"x{character}y"}


@pytest.mark.parametrize(
    ("character", "escape"), [("\x85", "N"), ("\u2028", "L"), ("\u2029", "P")], ids=["NEL", "LS", "PS"]
)
def test_the_escaped_form_of_a_yaml11_line_break_round_trips(character, escape):
    """The writer escapes them, as ruamel.yaml does when it round-trips a double-quoted string."""
    text = f'name: "Smet\\{escape}Jet"\n'
    assert read(text) == {"name": f"Smet{character}Jet"}
    yaml = ruamel(Style())
    assert dump(yaml, yaml.load(text)) == text
