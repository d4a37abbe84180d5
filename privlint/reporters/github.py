"""GitHub Actions workflow commands: each blocking finding becomes an annotation on its line.

``::error file=policy/x.yaml,line=3,col=5,title=REF001 data-item-undeclared::message``.
Escaping follows the Actions toolkit (``@actions/core``, ``command.ts``): in the message
``%``, CR and LF are percent-encoded; in property values also ``:`` and ``,``. Waived and
known (baseline) findings get no annotation: they do not block the pull request; the
summary line at the end counts them.

GitHub shows at most 10 error, 10 warning and 10 notice annotations per step and drops
the rest silently. The errors come first, then the warnings, then the notices, at most
``PER_SEVERITY`` of each, and one log line says how many were not shown; the step summary
(``$GITHUB_STEP_SUMMARY``, written by the command line) lists them all.
"""

from __future__ import annotations

from privlint.findings import Finding, Severity
from privlint.printable import line as printable
from privlint.reporters.text import summary
from privlint.result import Result

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
PER_SEVERITY = 10  # GitHub's limit per step


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    span = finding.span
    properties = {"file": finding.file, "line": str(span.line)}
    if span.end_line == span.line and span.end_column is not None:  # a scalar: mark exactly it
        properties |= {"endLine": str(span.line), "col": str(span.column), "endColumn": str(span.end_column)}
    else:
        properties["col"] = str(span.column)
    properties["title"] = f"{finding.code} {finding.name}"
    listed = ",".join(f"{name}={escape_property(printable(value))}" for name, value in properties.items())
    message = printable(finding.message) + (f"\nhint: {printable(finding.hint)}" if finding.hint else "")
    return f"::{COMMANDS[finding.severity]} {listed}::{escape_data(message)}"


def render(result: Result, *, color: bool = False) -> str:
    del color
    lines: list[str] = []
    hidden = 0
    for severity in sorted(Severity, reverse=True):
        findings = [f for f in result.blocking if f.severity is severity]
        lines.extend(annotation(finding) for finding in findings[:PER_SEVERITY])
        hidden += max(0, len(findings) - PER_SEVERITY)
    if hidden:
        lines.append(
            f"privlint: {hidden} more finding{'s' if hidden != 1 else ''} not annotated "
            f"(GitHub shows {PER_SEVERITY} per severity); the step summary and --format text list them all"
        )
    lines.append(summary(result))  # a plain log line, not a command
    return "\n".join(lines) + "\n"
