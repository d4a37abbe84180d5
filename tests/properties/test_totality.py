"""Totality: whatever the input, ``privlint check`` gives located findings or a clean result, never a crash.

Schema-valid policies must reach the checks and every reporter must render the result.
Arbitrary bytes, arbitrary text, YAML-shaped noise and policy-shaped data of the wrong shape
must give findings (YML, SCH) located inside the file, and the command line must exit with
0 or 1, never 2 (its answer to an internal error).
"""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from privlint import cli
from privlint.config import Config
from privlint.engine import lint
from privlint.findings import Finding
from privlint.reporters import REPORTERS, reporter
from privlint.result import Result

from property_support import READING, examples, lint_written
from strategies import Written, policies, section_names, written, yaml_lines

TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=400)
BYTES = st.binary(max_size=600)

TEXT_FORMATS = [name for name in REPORTERS if name != "html"]  # html: one run below, it is slower


def render_all(result: Result, formats: list[str] = TEXT_FORMATS) -> None:
    for name in formats:
        output = reporter(name)(result)
        assert isinstance(output, str)
        if name in ("json", "sarif"):
            json.loads(output)


@settings(max_examples=examples(1))
@given(data=st.data())
def test_a_schema_valid_policy_reaches_the_checks_and_every_reporter(data):
    policy = data.draw(policies(), label="policy")
    result = lint_written(data.draw(written(policy), label="written"))
    assert [f"{f.code} {f.message}" for f in result.findings if f.code.startswith(READING)] == []
    assert result.policy is not None
    render_all(result)


@settings(max_examples=examples(0.1))
@given(policies())
def test_the_html_report_renders_any_valid_policy(policy):
    from strategies import write  # noqa: PLC0415

    render_all(lint_written(write(policy)), ["html"])


def check_file(raw: bytes) -> Result:
    """Lint one file holding ``raw``; every finding is located inside it."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "policy.yaml"
        path.write_bytes(raw)
        result = lint([path], Config())
    for finding in result.findings:
        assert_inside(finding, raw)
    if any(f.code in ("YML001", "YML003") for f in result.findings):
        assert result.policy is None
    render_all(result)
    return result


def assert_inside(finding: Finding, raw: bytes) -> None:
    """The finding's ``line:column`` is a place in the file: a character, or just after its line's last one."""
    lines = yaml_lines(raw)
    assert 1 <= finding.line <= len(lines), (finding, lines)
    assert 1 <= finding.column <= len(lines[finding.line - 1]) + 1, (finding, lines[finding.line - 1])


def command_line(raw: bytes) -> tuple[int, str, str]:
    """Run ``privlint check FILE --format json`` in this process; return exit code, stdout, stderr."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "policy.yaml"
        path.write_bytes(raw)
        (Path(folder) / "privlint.toml").write_text("", encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(["check", str(path), "--format", "json", "--config", str(Path(folder) / "privlint.toml")])
    return code, out.getvalue(), err.getvalue()


@settings(max_examples=examples(1))
@given(BYTES)
@example(b"\xff\xfe" + "controller: {}".encode("utf-16-le"))  # UTF-16 with its byte-order mark
@example(b"\xef\xbb\xbfcontroller:\n  name: \x00\n")
@example(b'controller:\n  name: "Smet\xc3\x28Jet"\n')  # an invalid UTF-8 sequence
# Counter-examples found by this property (each was located outside its file):
@example(b"a: b\r\x80\n")  # a bad byte after a lone CR: the UTF-8 check counted LF only
@example(b"\xef\xbb\xbf\xef\xbb\xbfa: [")  # two byte-order marks, the end of a file without a line break
@example("a: \u00e9\u00e9\x1f\n".encode())  # a forbidden character after accents: a byte offset taken for a column
@example(b"a: b\rc: \x1f\n")
def test_any_bytes_give_located_findings(raw):
    check_file(raw)


@settings(max_examples=examples(1))
@given(TEXT)
@example("\ufeff\ufeff")
# Counter-examples found by this property: YAML 1.1 line breaks moved every later place.
@example('a: "x\u2028y"\nb: [')
@example("a: x\x85y\n\u2029b: [\n")
@example("# note\u2028controller: {\n")
@example("controller: [")
def test_any_text_gives_located_findings(text):
    check_file(text.encode("utf-8"))


YAML_TOKENS = (
    *section_names(),
    "id",
    "legal_basis",
    "data_items",
    "consent",
    "legitimate_interest",
    "right",
    "retention",
    "duration",
    ": ",
    ":",
    "- ",
    "-",
    "\n",
    "\n  ",
    "\n    ",
    "  ",
    " ",
    "\t",
    "[",
    "]",
    "{",
    "}",
    ", ",
    "? ",
    "|",
    "|-",
    ">",
    "&a ",
    "*a",
    "&b ",
    "*b",
    "<<: ",
    "!!str ",
    "!!int ",
    "!!binary ",
    "!!python/object/apply:os.system ",
    "!x ",
    "!<tag:yaml.org,2002:str> ",
    "%YAML 1.1\n",
    "%YAML 1.2\n",
    "%TAG ! tag:x,2000:\n",
    "---\n",
    "...\n",
    "---",
    '"',
    "'",
    "# c",
    "\\",
    '"\\u00e9"',
    '"\\x"',
    "NO",
    "yes",
    "off",
    "~",
    "null",
    "1",
    "0o17",
    "0x1F",
    "1e3",
    ".inf",
    ".nan",
    "2024-01-01",
    "P4W",
    "EU",
    "BE",
    "\ufeff",
    "\x00",
    "\x7f",
    "é",
    "😀",
)


@settings(max_examples=examples(2))
@given(st.lists(st.sampled_from(YAML_TOKENS), max_size=60).map("".join))
@example("controller:\n  name: &a x\n  legal_form: *a\n")
@example("a: !!int 1.5\n")
@example("a: !!float x\n")
@example("!!map {}\n")
@example("? [a]\n: b\n")
@example("--- |\n  x\n")
@example("{a: 1, a: 2}\n")
@example("controller: {name: x}\ncontroller: {name: y}\n")
def test_yaml_shaped_noise_gives_located_findings(text):
    check_file(text.encode("utf-8"))


# Data of any shape under the policy's own keys: the schema's explanations meet every kind of error.
_KEYS = st.sampled_from((*section_names(), "id", "nl", "en", "x", "name", "legal_basis", "right", "data_items"))
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=8),
)
_SHAPES = st.recursive(
    _SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=4), max_leaves=25
)


@settings(max_examples=examples(1))
@given(st.dictionaries(st.sampled_from(section_names()), _SHAPES, max_size=5))
def test_policy_shaped_data_of_any_shape_gives_located_findings(data: dict[str, Any]):
    check_file(json.dumps(data).encode("utf-8"))
    check_file(json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8", "surrogatepass"))


@settings(max_examples=examples(0.4))
@given(BYTES | st.lists(st.sampled_from(YAML_TOKENS), max_size=40).map(lambda t: "".join(t).encode()))
@example(b'controller: {name: "\\ud800"}\n')  # an escaped lone surrogate: not encodable in the report
@example(b"controller: !!python/object/apply:os.system ['true']\n")
def test_the_command_line_exits_0_or_1_with_json_never_an_internal_error(raw):
    code, out, err = command_line(raw)
    assert code in (0, 1), err
    assert "Traceback" not in out + err
    json.loads(out)


@settings(max_examples=examples(0.4))
@given(data=st.data())
def test_the_command_line_accepts_every_valid_policy(data):
    policy = data.draw(policies(), label="policy")
    files: Written = data.draw(written(policy, split=False), label="written")
    code, out, err = command_line(files.files["policy.yaml"].encode("utf-8"))
    assert code in (0, 1), err
    assert json.loads(out)["summary"]["checks_skipped"] is None
