"""Text for a terminal and pre-commit: ``file:line:col: CODE [severity] message`` and a hint."""

from __future__ import annotations

from privlint.engine import Result
from privlint.findings import Finding, Severity

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, *, color: bool) -> str:
    return f"\033[{code}m{text}\033[0m" if color else text


def line(finding: Finding, *, color: bool = False) -> str:
    where = _paint(f"{finding.file}:{finding.line}:{finding.column}:", "1", color=color)
    code = _paint(finding.code, "1;" + _COLORS[finding.severity], color=color)
    marks = "".join(f" ({mark})" for mark, on in (("waived", finding.waived), ("baseline", finding.baseline)) if on)
    return f"{where} {code} [{finding.severity.label}] {finding.message}{marks}"


def render(result: Result, *, color: bool = False) -> str:
    lines: list[str] = []
    for finding in result.findings:
        lines.append(line(finding, color=color))
        if finding.hint:
            lines.append(f"  hint: {finding.hint}")
    lines.append(summary(result))
    return "\n".join(lines) + "\n"


def summary(result: Result) -> str:
    counts = {severity: result.count(severity) for severity in Severity}
    files = f"{len(result.files)} file{'s' if len(result.files) != 1 else ''}"
    shown = sum(counts.values())
    if not result.findings:
        return f"All checks passed ({files}, {result.rules_run} rules)."
    parts = [f"{counts[s]} {s.label}{'s' if counts[s] != 1 else ''}" for s in sorted(Severity, reverse=True)]
    text = f"Found {shown} finding{'s' if shown != 1 else ''} in {files}: {', '.join(parts)}."
    hidden = len(result.findings) - shown
    if hidden:
        text += f" {hidden} more waived or in the baseline."
    if result.checks_skipped:
        text += f" Compliance checks were not run: {result.checks_skipped}."
    return text
