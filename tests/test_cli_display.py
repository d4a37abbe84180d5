"""How findings are shown: --quiet, --statistics, --exit-zero, --color, --show-source."""

from __future__ import annotations

from pathlib import Path

import pytest

from privlint import cli

from support import REPO

POLICY = """\
data_items:
  - id: customer_name
  - id: fax_number
processing_activities:
  - id: invoicing
    data_items: [customer_name, bank_account, iban]
"""
ANSI = "\x1b["


@pytest.fixture(autouse=True)
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "policy").mkdir()
    (tmp_path / "policy" / "p.yaml").write_text(POLICY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name in ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def check(capsys, *args: str) -> tuple[int, str]:
    code = cli.main(["check", "--select", "REF", *args])
    return code, capsys.readouterr().out


SUMMARY = "Found 3 findings in 1 file: 2 errors, 1 warning, 0 infos."


def test_quiet_prints_the_summary_only(capsys):
    assert check(capsys, "--quiet") == (1, SUMMARY + "\n")
    assert check(capsys, "-q") == (1, SUMMARY + "\n")


def test_statistics_count_findings_per_rule_most_frequent_first(capsys):
    assert check(capsys, "--statistics") == (
        1,
        f"2  REF001  [error] data-item-undeclared\n1  REF002  [warning] data-item-without-purpose\n{SUMMARY}\n",
    )


def test_exit_zero_reports_but_passes_and_usage_errors_still_exit_2(capsys):
    code, out = check(capsys, "--exit-zero")
    assert code == 0
    assert out.startswith("policy/p.yaml:3:5: REF002 [warning] data item 'fax_number'")
    assert cli.main(["check", "--exit-zero", "--select", "NOPE"]) == 2
    assert cli.main(["diff", "--exit-zero", "policy", str(REPO / "notice" / "klanten-privacyverklaring.txt")]) == 0


def test_show_source_shows_the_line_with_a_caret_under_the_place(capsys):
    code, out = check(capsys, "--show-source")
    assert code == 1
    assert out.splitlines()[4:7] == [
        (
            "policy/p.yaml:6:33: REF001 [error] data item 'bank_account' is used by processing activity 'invoicing' "
            "but not declared in data_items"
        ),
        "  6 |     data_items: [customer_name, bank_account, iban]",
        "    |                                 ^^^^^^^^^^^^",
    ]


def test_source_and_colour_are_off_when_piped_and_on_at_a_terminal(capsys, monkeypatch):
    _, out = check(capsys)
    assert ANSI not in out
    assert " | " not in out
    monkeypatch.setattr(cli, "_is_terminal", lambda _stream: True)
    _, out = check(capsys)
    assert ANSI in out
    assert "  6 |     data_items: [customer_name, bank_account, iban]" in out
    _, out = check(capsys, "--no-show-source", "--color", "never")
    assert ANSI not in out
    assert " | " not in out


@pytest.mark.parametrize(
    ("environment", "option", "coloured"),
    [
        ({}, "always", True),
        ({"FORCE_COLOR": "1"}, "never", False),
        ({"FORCE_COLOR": "1"}, "auto", True),
        ({"FORCE_COLOR": "0"}, "auto", False),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, "auto", False),
        ({"NO_COLOR": "1"}, "always", True),
        ({}, "auto", False),
    ],
)
def test_colour_follows_the_option_then_no_color_then_force_color(capsys, monkeypatch, environment, option, coloured):
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    _, out = check(capsys, "--color", option)
    assert (ANSI in out) is coloured
    if coloured:
        assert out.startswith("\x1b[1mpolicy/p.yaml:3:5:\x1b[0m \x1b[33m\x1b[1mREF002\x1b[0m [warning]")


def test_no_module_writes_ansi_codes_by_hand():
    sources = [*(REPO / "privlint").rglob("*.py"), *(REPO / "checks").rglob("*.py")]
    hand_written = [str(path) for path in sources if "\\033[" in path.read_text(encoding="utf-8")]
    assert hand_written == []


# --- progress on stderr ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "label"),
    [
        (["check", "--select", "REF"], "checking 1 path"),
        (["report", "-o", "r.html"], "writing the report"),
        (["render", "policy", "-o", "n.txt"], "rendering the notice"),
    ],
)
def test_long_work_shows_progress_on_stderr_only_when_it_is_a_terminal(capsys, monkeypatch, args, label):
    monkeypatch.setattr(cli, "PROGRESS_AFTER", 0)  # "long" from the start
    cli.main(args)
    assert capsys.readouterr().err == ""  # stderr is not a terminal here
    monkeypatch.setattr(cli, "_is_terminal", lambda stream: stream is cli.sys.stderr)
    cli.main(args)
    assert capsys.readouterr().err == f"privlint: {label}... done\n"


def test_short_work_shows_no_progress_even_on_a_terminal(capsys, monkeypatch):
    monkeypatch.setattr(cli, "_is_terminal", lambda stream: stream is cli.sys.stderr)
    monkeypatch.setattr(cli, "PROGRESS_AFTER", 3600)
    assert cli.main(["check", "--select", "REF"]) == 1
    assert capsys.readouterr().err == ""


def test_show_source_shows_where_a_yaml_syntax_error_is(project, capsys):
    (project / "policy" / "p.yaml").write_text("controller:\n\tname: Smet-Jet NV\n", encoding="utf-8")
    code, out = check(capsys, "--show-source")
    assert code == 1
    assert out.splitlines()[:3] == [
        "policy/p.yaml:2:1: YML001 [error] syntax error: a tab is used where YAML allows only spaces",
        "  2 | \\tname: Smet-Jet NV",
        "    | ^^",
    ]


def test_show_source_splits_each_file_into_lines_once(capsys, monkeypatch):
    # Splitting the file again for every finding made --show-source quadratic: 20,000 findings
    # in one file took 81 s instead of 1.3 s.
    from privlint.reporters import text  # noqa: PLC0415

    splits: list[int] = []
    pattern = text._LINE_BREAK  # noqa: SLF001

    class Counting:
        def split(self, value: str) -> list[str]:
            splits.append(len(value))
            return pattern.split(value)

    monkeypatch.setattr(text, "_LINE_BREAK", Counting())
    code, out = check(capsys, "--show-source")
    assert code == 1
    assert out.count(" | ") >= 4  # several findings, each with its line
    assert len(splits) == 1
