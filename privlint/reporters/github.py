"""GitHub Actions workflow commands: each blocking finding becomes an annotation on its line.

``::error file=policy/x.yaml,line=3,col=5,title=REF001 data-item-undeclared::message``.
Escaping follows the Actions toolkit (``@actions/core``, ``command.ts``): in the message
``%``, CR and LF are percent-encoded; in property values also ``:`` and ``,``. Waived and
known (baseline) findings get no annotation: they do not block the pull request; the
summary line at the end counts them.
"""

from __future__ import annotations

from privlint.findings import Finding, Severity
from privlint.printable import line as printable
from privlint.reporters.text import summary
from privlint.result import Result

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


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
    lines = [annotation(finding) for finding in result.blocking]
    lines.append(summary(result))  # a plain log line, not a command
    return "\n".join(lines) + "\n"
