"""Text for a terminal and pre-commit: ``file:line:col: CODE [severity] message`` and a hint."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import click

from privlint.findings import Finding, Severity
from privlint.printable import line as printable
from privlint.printable import no_command
from privlint.result import Result

_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # as privlint counts lines (an editor's way)


@dataclass(frozen=True, slots=True)
class Options:
    """How the text is shown: ``--color``, ``--show-source``, ``--quiet``, ``--statistics``."""

    color: bool = False
    show_source: bool = False
    quiet: bool = False  # the summary only
    statistics: bool = False  # a count per rule instead of each finding


def _paint(text: str, *, color: bool, **style: object) -> str:
    return click.style(text, **style) if color else text  # type: ignore[arg-type]


def line(finding: Finding, *, color: bool = False) -> str:
    where = _paint(f"{printable(finding.file)}:{finding.line}:{finding.column}:", color=color, bold=True)
    code = _paint(finding.code, color=color, bold=True, fg=_COLORS[finding.severity])
    marks = "".join(f" ({mark})" for mark, on in (("waived", finding.waived), ("baseline", finding.baseline)) if on)
    return f"{where} {code} [{finding.severity.label}] {printable(finding.message)}{marks}"


def render(result: Result, *, color: bool = False) -> str:
    """Every blocking finding with its hint, then the summary (waived and known findings are counted)."""
    return report(result, Options(color=color))


def report(result: Result, options: Options) -> str:
    """The text output with ``options``; the last line is always the summary."""
    lines: list[str] = []
    if options.statistics:
        lines.extend(statistics(result))
    elif not options.quiet:
        sources = _Sources(result)
        for finding in result.blocking:
            lines.append(line(finding, color=options.color))
            if options.show_source:
                lines.extend(sources.excerpt(finding, color=options.color))
            if finding.hint:
                lines.append(f"  hint: {printable(finding.hint)}")
    lines.append(summary(result))
    return no_command("\n".join(lines) + "\n")  # a file named "::error ..." starts no workflow command


def statistics(result: Result) -> list[str]:
    """One line per rule with blocking findings, most frequent first (like ``ruff --statistics``)."""
    counts = Counter(f.code for f in result.blocking)
    first = {f.code: f for f in reversed(result.blocking)}
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    width = len(str(ordered[0][1])) if ordered else 1
    return [f"{count:>{width}}  {code:<7} [{first[code].severity.label}] {first[code].name}" for code, count in ordered]


class _Sources:
    """The lines of the policy files, for ``--show-source`` (only files that could be read)."""

    def __init__(self, result: Result) -> None:
        self._texts = {name: lines.text for name, lines in result.source.lines.items()} if result.source else {}
        self._lines: dict[str, list[str]] = {}

    def excerpt(self, finding: Finding, *, color: bool) -> list[str]:
        """The offending line and a caret under the place, as ``  76 | text`` / ``     | ^^^``."""
        if finding.file not in self._texts:
            return []
        lines = self._lines.get(finding.file)
        if lines is None:  # split once per file: setdefault's argument would split it for every finding
            lines = self._lines[finding.file] = _LINE_BREAK.split(self._texts[finding.file])
        if not 1 <= finding.line <= len(lines):
            return []
        text = lines[finding.line - 1]
        span = finding.span
        end = span.end_column if span.end_line == span.line and span.end_column else finding.column + 1
        before = printable(text[: finding.column - 1])
        marked = printable(text[finding.column - 1 : max(end, finding.column + 1) - 1]) or " "
        gutter = " " * len(str(finding.line))
        caret = _paint("^" * len(marked), color=color, bold=True, fg=_COLORS[finding.severity])
        return [f"  {finding.line} | {printable(text)}", f"  {gutter} | {' ' * len(before)}{caret}"]


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
