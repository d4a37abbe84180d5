"""Nothing a policy or a notice says reaches a terminal or a CI log raw, in any output format."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from privlint.cli import main
from privlint.reporters import REPORTERS

from support import POLICY, REPO

# ESC sequences (OSC 52 clipboard, screen clear), BEL, CR, LF, a forged workflow command,
# GitHub's escape character, a table pipe, HTML, a javascript: link and a bidi override.
HOSTILE = (
    "Naam\x1b]52;c;aGk=\x07\x1b[2J\r\n::error file=x.yaml,line=1::forged%0A | <script>alert(1)</script> "
    "[click](javascript:alert(1)) \u202egnp.exe"
)
RAW = ("\x1b", "\x07", "\r", "\u202e")
POLICY_TEXT = """\
data_items:
  - id: customer_name
    name: {nl: NAME}
processing_activities:
  - id: invoicing
    data_items: [customer_nam]
"""


def yaml_string(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML 1.2 double-quoted scalar


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "policy").mkdir()
    (tmp_path / "policy" / "p.yaml").write_text(POLICY_TEXT.replace("NAME", yaml_string(HOSTILE)), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def strings(data):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings(value)


def assert_no_raw_control(text: str) -> None:
    assert [char for char in RAW if char in text] == []


@pytest.mark.usefixtures("project")
@pytest.mark.parametrize("output_format", REPORTERS)
def test_every_format_escapes_what_the_policy_says(capsys, output_format):
    assert main(["check", "--select", "REF001", "--format", output_format]) == 1
    out = capsys.readouterr().out
    if output_format == "html":
        assert main(["report"]) == 0
        out += capsys.readouterr().out
        assert "<script>alert(1)" not in out
    assert_no_raw_control(out)
    assert not [line for line in out.splitlines() if line.startswith("::") and output_format != "github"]
    if output_format in {"json", "sarif"}:
        assert any(HOSTILE in text for text in strings(json.loads(out)))  # the data itself is kept
    if output_format == "github":
        commands = [line for line in out.splitlines() if line.startswith("::")]
        assert [line.split(" ", 1)[0] for line in commands] == ["::error"]
        assert "forged%250A" in out
    if output_format == "text":
        lines = out.splitlines()
        assert len(lines) == 3
        assert re.fullmatch(r"policy/p\.yaml:6:18: REF001 \[error\] .*", lines[0])
        assert "(Naam\\x1b]52;c;aGk=\\x07\\x1b[2J\\r\\n::error file=x.yaml" in lines[0]
        assert lines[0].endswith("\\u202egnp.exe)?")
    if output_format == "markdown":
        assert "<script>" not in out
        assert re.search(r"(?<!\\)\]\(javascript:", out) is None  # brackets escaped: never a link
        assert "\\| &lt;script&gt;" in out


def test_render_escapes_text_and_keeps_urls_from_injecting_markdown(tmp_path, monkeypatch, capsys):
    shutil.copytree(POLICY, tmp_path / "policy")
    rights = tmp_path / "policy" / "rights.yaml"
    url = "javascript:alert(1)> [x](javascript:alert(1))\n# forged heading"
    text = rights.read_text(encoding="utf-8").replace("url: http://gegevensbeschermingsautoriteit.be", "url: URL")
    rights.write_text(
        text.replace("URL", yaml_string(url)).replace(
            "name: Gegevensbeschermingsautoriteit", f"name: {yaml_string(HOSTILE)}"
        ),
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    for output_format in ("md", "txt"):
        assert main(["render", "--format", output_format]) == 0
        out = capsys.readouterr().out
        assert_no_raw_control(out)
        assert "\n# forged heading" not in out
        assert "\n::error" not in out
    assert main(["render", "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"(?<!\\)\]\(javascript:", out) is None
    assert "<javascript:" not in out  # not an http(s) URL: text, never an autolink
    https = "https://example.org/a b>c\n[x](javascript:alert(1))"
    rights.write_text(rights.read_text(encoding="utf-8").replace(yaml_string(url), yaml_string(https)), "utf-8")
    assert main(["render", "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert "<https://example.org/a%20b%3Ec%0A%5Bx%5D(javascript:alert(1))>" in out


def test_import_and_diff_escape_the_notice_text(tmp_path, monkeypatch, capsys):
    notice = tmp_path / "notice.txt"
    seed = (REPO / "notice" / "klanten-privacyverklaring.txt").read_text(encoding="utf-8")
    hostile = HOSTILE.replace("\r\n", " ")  # one line of the notice
    notice.write_text(seed.replace("Drukpersstraat 35", hostile, 1) + "\n\n" + hostile + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["import", str(notice), "-o", "imported"]) == 0
    captured = capsys.readouterr()
    assert_no_raw_control(captured.err + captured.out)
    for output_format in ("text", "github", "markdown", "junit"):
        code = main(["diff", "--no-baseline", "--format", output_format, str(REPO / "policy"), str(notice)])
        assert code == 1
        out = capsys.readouterr().out
        assert_no_raw_control(out)
        assert "x1b" in out  # shown, escaped


def test_error_messages_escape_what_the_configuration_and_file_names_say(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.privlint]\nselect = ["REF"]\nbaseline = "b\\u001b[2J\\u202e.json"\n', encoding="utf-8"
    )
    (tmp_path / "policy").mkdir()
    (tmp_path / "policy" / "p.yaml").write_text("data_items: [{id: a}]\n", encoding="utf-8")
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert_no_raw_control(err)
    assert "b\\x1b[2J\\u202e.json: baseline file not found" in err
    assert main(["check", "--select", "X\x1b[2J"]) == 2
    err = capsys.readouterr().err
    assert_no_raw_control(err)
