"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

Choices, with the part of the standard (OASIS SARIF 2.1.0) or of GitHub's documented
subset they follow:

- ``tool.driver.rules`` lists every registered rule (not only those that fired), so a
  viewer can tell "ran and found nothing" from "unknown" and close fixed alerts. ``help``
  carries ``privlint rule CODE`` as Markdown; ``properties.tags`` the GDPR articles.
  ``helpUri`` must be an absolute URI (the schema's ``"format": "uri"``); it is given only
  when the installed package declares a ``Documentation`` project URL.
- Locations are relative to the project root (the folder of the configuration file, else
  the working directory) with ``uriBaseId`` ``%SRCROOT%`` (GitHub resolves them against
  the repository root), whatever the working directory; files outside it get absolute
  ``file:`` URIs.
  Regions are 1-based, end exclusive, columns in Unicode code points (``columnKind``).
- ``partialFingerprints["privlint/v1"]`` comes from the rule, the id-based location and a
  hash of the offending value (``privlint.baseline``), never from line numbers, so moving
  YAML keeps it. GitHub adds its own ``primaryLocationLineHash`` when uploading, from the
  line's content, which also survives moves.
- Waived and baseline findings carry ``suppressions`` of kind ``external``: the decision is
  stored outside the analysed file (``inSource`` is for suppressions written in the code
  itself, like ``# noqa``). A waiver is a reviewed decision with a reason, owner and expiry:
  status ``accepted``. A baseline entry only says the finding is known and still open:
  status ``underReview``, and ``baselineState`` ``unchanged`` (new findings: ``new``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from privlint import __version__, jsontext
from privlint.findings import Finding, Severity
from privlint.result import Result
from privlint.rules import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT = "privlint/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(result: Result, *, color: bool = False) -> str:
    del color
    return jsontext.document(document(result))


def document(result: Result) -> dict[str, Any]:
    """The SARIF log of ``result``, as JSON-ready data."""
    rules = list(result.rules.values())
    index = {rule.code: position for position, rule in enumerate(rules)}
    root = _root(result)
    # One artifact location per file, not one path resolution per finding.
    located = functools.cache(lambda file: artifact(file, root))
    results = [
        _result(finding, fingerprint, index, result, located)
        for finding, fingerprint in zip(result.findings, result.fingerprints(), strict=True)
    ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "privlint",
                "semanticVersion": __version__,
                "version": __version__,
                "rules": [_descriptor(rule) for rule in rules],
            }
        },
        "originalUriBaseIds": {SRCROOT: {"uri": root.as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": results,
        "invocations": [{"executionSuccessful": True, **_notifications(result)}],
    }
    url = _documentation_url()
    if url:
        run["tool"]["driver"]["informationUri"] = url
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _descriptor(rule: Rule) -> dict[str, Any]:
    from privlint import ruledocs  # noqa: PLC0415

    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.explanation or rule.summary},
        "help": {"text": f"{rule.summary} How to fix: {rule.hint}.", "markdown": ruledocs.explain(rule)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": ["privacy", "gdpr", *rule.articles], "family": rule.family},
    }
    url = _documentation_url()
    if url:
        descriptor["helpUri"] = f"{url}#{rule.code.lower()}"
    return descriptor


def _result(
    finding: Finding, fingerprint: str, index: dict[str, int], result: Result, located: Callable[[str], dict[str, str]]
) -> dict[str, Any]:
    message = finding.message + (f"\nHint: {finding.hint}" if finding.hint else "")
    data: dict[str, Any] = {
        "ruleId": finding.code,
        "level": LEVELS[finding.severity],
        "message": {"text": message},
        "locations": [_location(finding, located)],
        "partialFingerprints": {FINGERPRINT: fingerprint},
        "properties": {"pointer": finding.pointer, "articles": list(finding.articles), "hint": finding.hint},
    }
    if finding.code in index:
        data["ruleIndex"] = index[finding.code]
    suppressions = _suppressions(finding, result, located)
    if suppressions:
        data["suppressions"] = suppressions
    if result.baseline_file is not None:
        data["baselineState"] = "unchanged" if finding.baseline else "new"
    return data


def _root(result: Result) -> Path:
    return Path(result.root or ".").resolve()


def _location(finding: Finding, located: Callable[[str], dict[str, str]]) -> dict[str, Any]:
    span = finding.span
    region: dict[str, int] = {"startLine": max(span.line, 1), "startColumn": max(span.column, 1)}
    if span.end_line == span.line and span.end_column is not None:  # a scalar; a whole entry is marked where it starts
        region |= {"endLine": span.end_line, "endColumn": span.end_column}
    physical = {"artifactLocation": located(finding.file), "region": region}
    location: dict[str, Any] = {"physicalLocation": physical}
    if finding.pointer:
        location["logicalLocations"] = [{"fullyQualifiedName": finding.pointer, "kind": "object"}]
    return location


def artifact(file: str, root: Path | None = None) -> dict[str, str]:
    """A URI relative to ``root`` (default: the working directory) with ``uriBaseId``, else an absolute one."""
    base = root or Path.cwd().resolve()
    path = Path(file)
    try:
        relative = (path if path.is_absolute() else Path.cwd() / path).resolve().relative_to(base)
    except ValueError:
        return {"uri": path.resolve().as_uri()}
    return {"uri": quote(relative.as_posix()), "uriBaseId": SRCROOT}


def _suppressions(finding: Finding, result: Result, located: Callable[[str], dict[str, str]]) -> list[dict[str, Any]]:
    suppressions: list[dict[str, Any]] = []
    waiver = result.waived_by.get(finding)
    if waiver is not None:
        suppression: dict[str, Any] = {
            "kind": "external",
            "status": "accepted",
            "justification": waiver.reason or "",
            "location": {
                "physicalLocation": {
                    "artifactLocation": located(waiver.file),
                    "region": {"startLine": waiver.span.line, "startColumn": waiver.span.column},
                }
            },
        }
        details = {"owner": waiver.owner, "expires": waiver.expires.isoformat() if waiver.expires else None}
        if any(details.values()):
            suppression["properties"] = {name: value for name, value in details.items() if value}
        suppressions.append(suppression)
    if finding.baseline:
        suppressions.append(
            {
                "kind": "external",
                "status": "underReview",
                "justification": f"known finding recorded in the baseline {result.baseline_file}; still open",
            }
        )
    return suppressions


def _notifications(result: Result) -> dict[str, Any]:
    if not result.checks_skipped:
        return {}
    text = f"Compliance checks were not run: {result.checks_skipped}."
    return {"toolExecutionNotifications": [{"level": "warning", "message": {"text": text}}]}


@functools.cache
def _documentation_url() -> str | None:
    """The package's ``Documentation`` project URL, when it declares an absolute one."""
    from importlib import metadata  # noqa: PLC0415

    try:
        urls: list[str] = metadata.metadata("privlint").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    for entry in urls:
        label, _, url = str(entry).partition(",")
        if label.strip().lower() == "documentation" and url.strip().startswith(("https://", "http://")):
            return url.strip()
    return None
