"""GitHub Actions annotations: one workflow command per blocking finding, escaped like the toolkit."""

from __future__ import annotations

from privlint.engine import Result
from privlint.findings import Finding, Severity, Span
from privlint.reporters import github


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
