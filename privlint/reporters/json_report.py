"""JSON for machines: ``{"version": 1, "findings": [...], "summary": {...}}``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from privlint import jsontext
from privlint.findings import Finding, Severity
from privlint.result import Result

if TYPE_CHECKING:
    from privlint.waivers import Waiver

FORMAT_VERSION = 1


def finding_data(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity.label,
        "message": finding.message,
        "file": finding.file,
        "line": finding.span.line,
        "column": finding.span.column,
        "end_line": finding.span.end_line,
        "end_column": finding.span.end_column,
        "pointer": finding.pointer,
        "articles": list(finding.articles),
        "hint": finding.hint,
        "waived": finding.waived,
        "baseline": finding.baseline,
    }


def waiver_data(waiver: Waiver) -> dict[str, Any]:
    return {
        "file": waiver.file,
        "line": waiver.span.line,
        "reason": waiver.reason,
        "owner": waiver.owner,
        "expires": waiver.expires.isoformat() if waiver.expires else None,
    }


def render(result: Result, *, color: bool = False) -> str:
    """Counts by severity are of blocking findings; ``waived`` and ``baseline`` count the others."""
    del color
    findings = []
    for finding, fingerprint in zip(result.findings, result.fingerprints(), strict=True):
        data = finding_data(finding)
        data["fingerprint"] = fingerprint
        waiver = result.waived_by.get(finding)
        if waiver is not None:
            data["waiver"] = waiver_data(waiver)
        findings.append(data)
    document = {
        "version": FORMAT_VERSION,
        "findings": findings,
        "summary": {
            **{severity.label: result.count(severity) for severity in Severity},
            "total": len(result.findings),
            "waived": len(result.waived),
            "baseline": len(result.known),
            "fails": result.fails(result.fail_on),
            "fail_on": result.fail_on.label,
            "files": result.files,
            "rules_run": result.rules_run,
            "checks_skipped": result.checks_skipped,
            "waivers_file": result.waivers_file,
            "baseline_file": result.baseline_file,
            "baseline_stale": result.baseline_stale,
        },
    }
    return jsontext.document(document)
