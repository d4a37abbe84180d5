"""A short Markdown summary for a pull-request comment or ``$GITHUB_STEP_SUMMARY``.

The verdict and counts come first; the blocking findings and the waivers follow in
collapsed tables (at most ``MAX_ROWS`` rows each). Policy text in cells is escaped:
Markdown punctuation with a backslash, HTML characters as entities and ``@`` so that
nobody is mentioned by accident.
"""

from __future__ import annotations

import re

from privlint.findings import Finding, Severity
from privlint.printable import line as printable
from privlint.result import Result

MAX_ROWS = 50
_MARKDOWN = re.compile(r"([\\`*_\[\]|~])")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "@": "&#64;"}


def cell(text: str) -> str:
    """``text`` as the literal content of one table cell."""
    flat = printable(" ".join(text.split()))
    escaped = _MARKDOWN.sub(r"\\\1", flat)
    return "".join(_ENTITIES.get(char, char) for char in escaped)


def _where(finding: Finding) -> str:
    return cell(f"{finding.file}:{finding.line}:{finding.column}")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def render(result: Result, *, color: bool = False) -> str:
    del color
    parts = [_headline(result), _counts(result)]
    if result.checks_skipped:
        parts.append(f"> **Compliance checks were not run:** {cell(result.checks_skipped)}.")
    blocking = result.blocking
    if blocking:
        rows = [f"| `{f.code}` | {f.severity.label} | {_where(f)} | {cell(f.message)} |" for f in blocking[:MAX_ROWS]]
        parts.append(
            _details(
                f"Findings ({len(blocking)})",
                ["| Rule | Severity | Where | Message |", "|---|---|---|---|", *rows],
                len(blocking),
            )
        )
    waived = result.waived
    if waived:
        rows = []
        for finding in waived[:MAX_ROWS]:
            waiver = result.waived_by.get(finding)
            reason, owner = (waiver.reason or "", waiver.owner or "") if waiver else ("", "")
            expires = waiver.expires.isoformat() if waiver and waiver.expires else "never"
            rows.append(f"| `{finding.code}` | {_where(finding)} | {cell(reason)} | {cell(owner)} | {expires} |")
        header = ["| Rule | Where | Reason | Owner | Expires |", "|---|---|---|---|---|"]
        parts.append(_details(f"Waived ({len(waived)})", [*header, *rows], len(waived)))
    return "\n\n".join(parts) + "\n"


def _headline(result: Result) -> str:
    blocking = [f for f in result.blocking if f.severity >= result.fail_on]
    files = _plural(len(result.files), "file")
    if result.fails(result.fail_on):
        verb = "fails" if len(blocking) == 1 else "fail"
        return f"### privlint: ❌ {_plural(len(blocking), 'finding')} {verb} the gate ({files})"
    return f"### privlint: ✅ the gate passes ({files}, {_plural(result.rules_run, 'rule')})"


def _counts(result: Result) -> str:
    rows = [
        ("new", [f for f in result.findings if f.blocking]),
        ("waived", result.waived),
        ("known (baseline)", result.known),
    ]
    levels = sorted(Severity, reverse=True)
    lines = ["| | " + " | ".join(s.label for s in levels) + " |", "|---|" + "---:|" * len(levels)]
    for label, findings in rows:
        counts = [sum(1 for f in findings if f.severity == s) for s in levels]
        lines.append(f"| {label} | " + " | ".join(str(c) for c in counts) + " |")
    note = f"Gate: findings at or above **{result.fail_on.label}** that are neither waived nor known."
    if result.baseline_stale:
        stale = "1 baseline entry no longer matches" if result.baseline_stale == 1 else None
        note += f" {stale or f'{result.baseline_stale} baseline entries no longer match'} a finding."
    return "\n".join(lines) + "\n\n" + note


def _details(summary: str, lines: list[str], total: int) -> str:
    more = ["", f"… and {total - MAX_ROWS} more."] if total > MAX_ROWS else []
    return "\n".join([f"<details><summary>{summary}</summary>", "", *lines, *more, "", "</details>"])
