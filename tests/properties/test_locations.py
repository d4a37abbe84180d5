"""Location: every finding's line and column exist in its file and hold the node its pointer names.

The writer in ``strategies.py`` records where it puts every node and key, independently of the
reader. The properties check the reader against the writer, every finding against the writer
(through the pointer's nearest written ancestor, which is what the engine locates), and the
bundled policy against its own files. The tests at the end pin location bugs found
by these properties, fixed since; they stay as plain regression tests.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from privlint import pointers, yaml_reader
from privlint.engine import lint
from privlint.findings import Span

from property_support import examples, lint_written
from strategies import PLAIN_KEY, Written, policies, quote, scalar, written, yaml_lines
from support import POLICY, lint_text, where


def resolve(data: Any, pointer: str) -> Any:
    """The node at ``pointer`` in ``data`` (KeyError/IndexError when there is none)."""
    node = data
    for token in pointers.tokens(pointer):
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node


def text_at(files: dict[str, str], place: tuple[str, int, int]) -> str:
    name, line, column = place
    return yaml_lines(files[name].encode("utf-8"))[line - 1][column - 1 :]


def rendering(value: Any) -> tuple[str, ...]:
    """How the writer may have started writing ``value``."""
    if isinstance(value, dict):
        if not value:
            return ("{}",)
        key = next(iter(value))
        quoted = (quote(key), quote(key, raw_breaks=True))
        return (key, *quoted) if PLAIN_KEY.match(key) else quoted
    if isinstance(value, list):
        return ("- ", "[") if value else ("[]",)
    return (scalar(value), scalar(value, raw_breaks=True))


@settings(max_examples=examples(1))
@given(data=st.data())
def test_the_reader_puts_every_node_and_key_where_the_writer_wrote_it(data):
    policy = data.draw(policies(), label="policy")
    files: Written = data.draw(written(policy), label="written")
    source = lint_written(files).source
    assert source is not None
    assert source.data == policy
    read_nodes = {p: (Path(source.file_of(p)).name, s.line, s.column) for p, s in source.nodes.items()}
    read_keys = {p: (Path(source.file_of(p)).name, s.line, s.column) for p, s in source.keys.items()}
    assert read_nodes == files.nodes
    assert read_keys == files.keys
    for pointer, place in files.nodes.items():
        assert text_at(files.files, place).startswith(rendering(resolve(policy, pointer))), pointer


def nearest_written(pointer: str, places: dict[str, tuple[str, int, int]]) -> str:
    while pointer and pointer not in places:
        pointer = pointers.parent(pointer)
    return pointer


@settings(max_examples=examples(1))
@given(data=st.data())
def test_every_finding_is_at_the_node_its_pointer_names(data):
    policy = data.draw(policies(), label="policy")
    files: Written = data.draw(written(policy), label="written")
    result = lint_written(files)
    for finding in result.findings:
        anchor = nearest_written(finding.pointer, files.nodes)
        resolve(policy, anchor)  # the part of the pointer that was written resolves in the merged model
        expected = {files.nodes[anchor], files.keys.get(anchor)} if anchor else {(min(files.files), 1, 1)}
        assert (finding.file, finding.line, finding.column) in expected, finding
        lines = yaml_lines(files.files[finding.file].encode("utf-8"))
        assert finding.line <= len(lines)
        assert finding.column <= len(lines[finding.line - 1]) + 1


def test_every_finding_on_the_bundled_policy_is_at_its_node():
    result = lint([POLICY])
    source = result.source
    assert source is not None
    assert result.findings
    for finding in result.findings:
        path = Path(finding.file)
        lines = yaml_lines((path if path.is_absolute() else POLICY.parent / path).read_bytes())
        assert 1 <= finding.line <= len(lines), finding
        assert 1 <= finding.column <= len(lines[finding.line - 1]) + 1, finding
        if not finding.pointer or finding.file == result.waivers_file:
            continue
        anchor = nearest_written(finding.pointer, dict.fromkeys(source.nodes, ("", 0, 0)))
        value = resolve(source.data, anchor)
        node, key = source.nodes[anchor], source.keys.get(anchor)
        places = {(node.line, node.column)} | ({(key.line, key.column)} if key else set())
        assert (finding.line, finding.column) in places, finding
        if isinstance(value, str) and (finding.line, finding.column) == (node.line, node.column):
            written_text = lines[finding.line - 1][finding.column - 1 :]
            assert written_text.startswith((value[:10], '"', "'", "|", ">")), (finding, written_text)


def naive_position(text: str, index: int) -> tuple[int, int]:
    """Line and column of ``text[index]``, splitting the text before it at CR LF, CR and LF."""
    if text[index - 1 : index + 1] == "\r\n":  # between CR and LF: the place of the line break
        index -= 1
    before = re.split(r"\r\n|\r|\n", text[:index])
    return len(before), len(before[-1]) + 1


@settings(max_examples=examples(1))
@given(st.text(st.sampled_from("ab\r\n\x85\u2028\u2029\ufeff😀\t"), max_size=40))
def test_every_index_has_the_line_and_column_an_editor_shows(text):
    lines = yaml_reader.Lines(text)
    assert [lines.position(i) for i in range(len(text) + 1)] == [naive_position(text, i) for i in range(len(text) + 1)]


# --- regressions: location bugs these properties found, fixed in the reader ---------------------------


@pytest.mark.parametrize("character", ["\u2028", "\x85", "\u2029"], ids=["LS", "NEL", "PS"])
def test_a_yaml11_line_break_inside_a_string_is_text_and_does_not_shift_later_lines(character):
    text = f'controller:\n  name: "Smet{character}Jet"\ndata_items:\n  - id: unused\n'
    assert where(lint_text(text, select=["REF002"])) == [("REF002", 4, 5)]
    assert yaml_reader.read(text).data["controller"] == {"name": f"Smet{character}Jet"}


@pytest.mark.parametrize("character", ["\u2028", "\x85", "\u2029"], ids=["LS", "NEL", "PS"])
def test_a_yaml11_line_break_inside_a_plain_scalar_is_text(character):
    assert lint_text(f"controller:\n  name: Smet{character}Jet\n", select=["YML001"]) == []
    assert yaml_reader.read(f"name: Smet{character}Jet\n").data == {"name": f"Smet{character}Jet"}


@pytest.mark.parametrize("character", ["\u2028", "\x85", "\u2029"], ids=["LS", "NEL", "PS"])
def test_a_yaml11_line_break_does_not_end_a_comment(character):
    """To YAML 1.1 the text after it would be a key; to YAML 1.2 (and to a reviewer's editor) it is comment."""
    assert yaml_reader.read(f"a: b  # note{character}c: d\n").data == {"a": "b"}


def test_a_yaml11_line_break_keeps_its_character_in_keys_block_scalars_and_messages():
    document = yaml_reader.read("\u2028key: |\n  one\x85two\n  three\u2029\n")
    assert document.data == {"\u2028key": "one\x85two\nthree\u2029\n"}
    messages = [p.message for p in yaml_reader.read("k\u2028: 1\nk\u2028: 2\n").problems]
    assert messages == ["duplicate key 'k\\u2028' (first defined at line 1, column 1)"]
    messages = [p.message for p in yaml_reader.read("n: !!int 1\x85\n").problems]
    assert messages == ["'1\\x85' is not a valid int"]


def test_a_file_holding_every_private_use_character_and_a_yaml11_break_is_refused_at_the_break():
    """No stand-in is free for the break: refused at its place, with the escape to write instead."""
    text = "a: " + "".join(map(chr, range(0xE000, 0xF900))) + "\nb: x\u2028y\n"
    problems = yaml_reader.read(text).problems
    assert [(p.code, p.span.line, p.span.column) for p in problems] == [("YML001", 2, 5)]
    assert "U+2028 (LINE SEPARATOR)" in problems[0].message
    assert problems[0].hint == 'write it as the escape "\\u2028" in a double-quoted string'


def test_the_end_of_a_file_without_a_final_line_break_is_on_its_last_line():
    findings = lint_text("controller: [")
    assert where(findings) == [("YML001", 1, 14)]


@pytest.mark.parametrize(
    ("text", "place"),
    [("a: éé\x1f\n", (1, 6)), ("a: b\nc: 😀😀\x00\n", (2, 6)), ("a: b\rc: \x1f\n", (2, 4)), ("a: \x85\x1f\n", (1, 5))],
    ids=["accents", "astral", "carriage return", "next line"],
)
def test_a_forbidden_character_is_located_by_characters_and_all_line_breaks(text, place):
    assert where(lint_text(text)) == [("YML001", *place)]


@pytest.mark.parametrize(
    ("raw", "place", "byte"),
    [
        (b"a: b\r\x80\n", (2, 1), 0x80),
        (b"a: b\r\nc: \xc3\xa9\xff\n", (2, 5), 0xFF),
        (b"\xef\xbb\xbfab\xfe", (1, 3), 0xFE),
    ],
    ids=["carriage return", "crlf and accent", "byte-order mark"],
)
def test_a_byte_that_is_not_utf8_is_located_by_characters_and_all_line_breaks(raw, place, byte):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "policy.yaml"
        path.write_bytes(raw)
        findings = lint([path]).findings
    assert where(findings) == [("YML001", *place)]
    assert f"byte 0x{byte:02x} cannot be decoded" in findings[0].message


def test_a_second_byte_order_mark_is_a_character_of_the_first_line():
    """The first is no character (utf-8-sig); libyaml skips the second uncounted, the reader counts it."""
    assert [(p.span.line, p.span.column) for p in yaml_reader.read("\ufeffcontroller: [").problems] == [(1, 15)]
    assert yaml_reader.read("\ufeffa: [b, c]\n").nodes["/a/1"] == Span(1, 9, 1, 10)


LOCATED = {
    "crlf": ("a: 1\r\nb: [x, y]\r\n", "/b/1", Span(2, 8, 2, 9)),
    "lone cr": ("a: 1\rb:\r  - x\r  - y\r", "/b/1", Span(4, 5, 4, 6)),
    "next line in a string": ('a: "1\x85"\nb: [x, y]\n', "/b/1", Span(2, 8, 2, 9)),
    "astral": ("a: 😀😀\nb: [x, y]\n", "/a", Span(1, 4, 1, 6)),
    "multi-line string": ('a: "one\n  two"\nb: y', "/a", Span(1, 4, 2, 7)),
    "end without line break": ("a:\n  b: [x, y]", "/a", Span(2, 3, 2, 12)),
}


@pytest.fixture(params=["libyaml", "pure Python"])
def parser(request, monkeypatch):
    """Both parsers the reader can run on: positions must not depend on which one is installed."""
    if request.param == "pure Python":
        monkeypatch.setattr(yaml_reader, "_parser", yaml.SafeLoader)
        monkeypatch.setattr(yaml_reader, "_is_libyaml", lambda: False)
    return request.param


@pytest.mark.usefixtures("parser")
@pytest.mark.parametrize(("text", "pointer", "span"), LOCATED.values(), ids=LOCATED.keys())
def test_nodes_are_located_alike_by_both_parsers(text, pointer, span):
    assert yaml_reader.read(text).nodes[pointer] == span


@pytest.mark.parametrize(
    ("text", "place"),
    [("a: éé\x1f\n", (1, 6)), ("a: b\rc: \x1f\n", (2, 4)), ("\ufeffa: [", (1, 6)), ('a: "x\u2028y"\nb: [', (2, 5))],
    ids=["forbidden character", "carriage return", "byte-order mark", "line separator"],
)
@pytest.mark.usefixtures("parser")
def test_problems_are_located_alike_by_both_parsers(text, place):
    assert [(p.span.line, p.span.column) for p in yaml_reader.read(text).problems] == [place]
