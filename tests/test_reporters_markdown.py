"""The Markdown summary for pull requests: verdict, counts, findings and waivers, all escaped."""

from __future__ import annotations

import datetime as dt

from privlint.findings import Finding, Severity, Span
from privlint.reporters import markdown
from privlint.result import Result
from privlint.waivers import Waiver


def finding(line: int, severity: Severity = Severity.ERROR, **changes) -> Finding:
    values = {
        "code": "REF001",
        "name": "data-item-undeclared",
        "severity": severity,
        "message": f"item {line}",
        "file": "policy/sharing.yaml",
        "span": Span(line, 9),
        "pointer": "",
        "articles": (),
        "hint": "",
    }
    return Finding(**{**values, **changes})


def test_a_failing_run_shows_the_verdict_counts_and_findings():
    result = Result(
        findings=[finding(3), finding(4, Severity.INFO), finding(5, Severity.WARNING, baseline=True)],
        files=["policy/a.yaml", "policy/b.yaml"],
        rules_run=40,
    )
    assert markdown.render(result) == (
        "### privlint: ❌ 1 finding fails the gate (2 files)\n"
        "\n"
        "| | error | warning | info |\n"
        "|---|---:|---:|---:|\n"
        "| new | 1 | 0 | 1 |\n"
        "| waived | 0 | 0 | 0 |\n"
        "| known (baseline) | 0 | 1 | 0 |\n"
        "\n"
        "Gate: findings at or above **warning** that are neither waived nor known.\n"
        "\n"
        "<details><summary>Findings (2)</summary>\n"
        "\n"
        "| Rule | Severity | Where | Message |\n"
        "|---|---|---|---|\n"
        "| `REF001` | error | policy/sharing.yaml:3:9 | item 3 |\n"
        "| `REF001` | info | policy/sharing.yaml:4:9 | item 4 |\n"
        "\n"
        "</details>\n"
    )


def test_a_passing_run_lists_its_waivers():
    waived = finding(7, waived=True, message="waived one")
    waiver = Waiver(
        "REF001",
        "/x",
        None,
        "legal said | fine",
        "@legal-team",
        dt.date(2026, 1, 31),
        "w.yaml",
        Span(2, 5),
        "/waivers/0",
    )
    result = Result(findings=[waived], files=["policy/a.yaml"], rules_run=1, waived_by={waived: waiver})
    text = markdown.render(result)
    assert text.startswith("### privlint: ✅ the gate passes (1 file, 1 rule)\n")
    assert "<details><summary>Findings" not in text
    assert text.endswith(
        "<details><summary>Waived (1)</summary>\n"
        "\n"
        "| Rule | Where | Reason | Owner | Expires |\n"
        "|---|---|---|---|---|\n"
        "| `REF001` | policy/sharing.yaml:7:9 | legal said \\| fine | &#64;legal-team | 2026-01-31 |\n"
        "\n"
        "</details>\n"
    )


def test_policy_text_cannot_break_out_of_its_cell():
    assert markdown.cell("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert markdown.cell("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"
    assert markdown.cell("a | b\nc") == "a \\| b c"
    assert (
        markdown.cell("*bold* _x_ `code` [link](u) ~~s~~ \\")
        == "\\*bold\\* \\_x\\_ \\`code\\` \\[link\\](u) \\~\\~s\\~\\~ \\\\"
    )
    assert markdown.cell("ping @smetjet/legal & co") == "ping &#64;smetjet/legal &amp; co"


def test_long_lists_are_cut_with_a_count():
    result = Result(findings=[finding(line) for line in range(1, 61)], files=["p.yaml"])
    text = markdown.render(result)
    assert text.count("| `REF001` |") == 50
    assert "\n… and 10 more.\n" in text
