"""GitHub Actions annotations: one workflow command per blocking finding, escaped like the toolkit."""

from __future__ import annotations

from privlint.findings import Finding, Severity, Span
from privlint.reporters import github
from privlint.result import Result


def finding(severity: Severity = Severity.ERROR, **changes) -> Finding:
    values = {
        "code": "REF001",
        "name": "data-item-undeclared",
        "severity": severity,
        "message": "data item 'iban' is used by sharing 'payroll'",
        "file": "policy/sharing.yaml",
        "span": Span(76, 9, 76, 13),
        "pointer": "/sharing/0/data_items/0",
        "articles": ("GDPR 13(1)(c)",),
        "hint": "declare the item",
    }
    return Finding(**{**values, **changes})


def test_an_annotation_names_file_line_columns_and_title():
    assert github.annotation(finding()) == (
        "::error file=policy/sharing.yaml,line=76,endLine=76,col=9,endColumn=13,title=REF001 data-item-undeclared"
        "::data item 'iban' is used by sharing 'payroll'%0Ahint: declare the item"
    )


def test_a_whole_entry_is_annotated_where_it_starts_and_levels_follow_severity():
    entry = finding(Severity.WARNING, span=Span(70, 5, 90, 1), hint="")
    assert github.annotation(entry) == (
        "::warning file=policy/sharing.yaml,line=70,col=5,title=REF001 data-item-undeclared"
        "::data item 'iban' is used by sharing 'payroll'"
    )
    assert github.annotation(finding(Severity.INFO, hint="")).startswith("::notice ")


def test_message_and_properties_are_escaped_like_the_actions_toolkit():
    # A line break of the policy's text is shown as an escape (privlint.printable); the
    # toolkit's escaping then covers what is left, and the hint's own line break.
    tricky = finding(message="50% done\r\nnext: a, b", file="policy/a,b:c%.yaml", hint="")
    assert github.annotation(tricky) == (
        "::error file=policy/a%2Cb%3Ac%25.yaml,line=76,endLine=76,col=9,endColumn=13,"
        "title=REF001 data-item-undeclared::50%25 done\\r\\nnext: a, b"
    )
    assert github.escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert github.escape_data("a:b,c%\n") == "a:b,c%25%0A"


def test_waived_and_known_findings_are_counted_but_not_annotated():
    result = Result(
        findings=[finding(), finding(waived=True, span=Span(80, 9)), finding(baseline=True, span=Span(81, 9))],
        files=["policy/sharing.yaml"],
    )
    lines = github.render(result).splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("::error file=policy/sharing.yaml,line=76,")
    assert lines[1] == (
        "Found 1 finding in 1 file: 1 error, 0 warnings, 0 infos. "
        "Not shown: 1 waived and 1 known in the baseline (--no-waivers --no-baseline shows them)."
    )


def test_at_most_ten_annotations_per_severity_errors_first_and_a_line_for_the_rest():
    findings = [
        *(finding(severity=Severity.INFO, span=Span(line, 1)) for line in range(1, 13)),
        *(finding(severity=Severity.WARNING, span=Span(line, 1)) for line in range(20, 23)),
        *(finding(span=Span(line, 1)) for line in range(30, 45)),
    ]
    lines = github.render(Result(findings=findings, files=["policy/sharing.yaml"])).splitlines()
    commands = [line.split(" ", 1)[0] for line in lines if line.startswith("::")]
    assert commands == ["::error"] * 10 + ["::warning"] * 3 + ["::notice"] * 10
    assert next(line for line in lines if line.startswith("::error")).startswith(
        "::error file=policy/sharing.yaml,line=30,"
    )
    assert lines[-2] == (
        "privlint: 7 more findings not annotated (GitHub shows 10 per severity); "
        "the step summary and --format text list them all"
    )


def test_the_markdown_summary_is_appended_to_the_step_summary(tmp_path, monkeypatch, capsys):
    import shutil  # noqa: PLC0415

    from privlint.cli import main  # noqa: PLC0415

    from support import POLICY  # noqa: PLC0415

    shutil.copytree(POLICY, tmp_path / "policy")
    step_summary = tmp_path / "summary.md"
    step_summary.write_text("## an earlier step\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(step_summary))
    assert main(["check", "--select", "REF001"]) == 1
    # The first REF001 in file order: the website's essentiele_cookies, written as the notice writes it.
    assert capsys.readouterr().out.startswith("::error file=policy/processing.yaml,line=175,")
    written = step_summary.read_text(encoding="utf-8")
    assert written.startswith("## an earlier step\n### privlint: ❌ 18 findings fail the gate (6 files)\n")
    assert main(["check", "--select", "REF001", "--format", "json"]) == 1  # not the github format: not appended
    assert step_summary.read_text(encoding="utf-8") == written
