"""Text for a terminal and pre-commit: ``file:line:col: CODE [severity] message`` and a hint."""

from __future__ import annotations

from privlint.findings import Finding, Severity
from privlint.printable import line as printable
from privlint.printable import no_command
from privlint.result import Result

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, *, color: bool) -> str:
    return f"\033[{code}m{text}\033[0m" if color else text


def line(finding: Finding, *, color: bool = False) -> str:
    where = _paint(f"{printable(finding.file)}:{finding.line}:{finding.column}:", "1", color=color)
    code = _paint(finding.code, "1;" + _COLORS[finding.severity], color=color)
    marks = "".join(f" ({mark})" for mark, on in (("waived", finding.waived), ("baseline", finding.baseline)) if on)
    return f"{where} {code} [{finding.severity.label}] {printable(finding.message)}{marks}"


def render(result: Result, *, color: bool = False) -> str:
    """Every blocking finding with its hint, then the summary (waived and known findings are counted)."""
    lines: list[str] = []
    for finding in result.blocking:
        lines.append(line(finding, color=color))
        if finding.hint:
            lines.append(f"  hint: {printable(finding.hint)}")
    lines.append(summary(result))
    return no_command("\n".join(lines) + "\n")  # a file named "::error ..." starts no workflow command


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def summary(result: Result) -> str:
    counts = {severity: result.count(severity) for severity in Severity}
    files = _plural(len(result.files), "file")
    shown = sum(counts.values())
    if not shown and not result.checks_skipped:
        text = f"All checks passed ({files}, {_plural(result.rules_run, 'rule')})."
    else:
        parts = [_plural(counts[s], s.label) for s in sorted(Severity, reverse=True)]
        text = f"Found {_plural(shown, 'finding')} in {files}: {', '.join(parts)}."
    hidden = [
        f"{count} {label}"
        for count, label in ((len(result.waived), "waived"), (len(result.known), "known in the baseline"))
        if count
    ]
    if hidden:
        text += f" Not shown: {' and '.join(hidden)} (--no-waivers --no-baseline shows them)."
    if result.baseline_stale:
        entries = "1 baseline entry no longer matches" if result.baseline_stale == 1 else None
        entries = entries or f"{result.baseline_stale} baseline entries no longer match"
        advice = "; rewrite the baseline with --write-baseline" if result.complete else ""
        text += f" {entries} a finding{advice}."
    if result.checks_skipped:
        text += f"\nThe gate fails: the compliance checks did not run ({printable(result.checks_skipped)})."
    return text
