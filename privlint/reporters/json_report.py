"""JSON for machines: ``{"version": 1, "findings": [...], "summary": {...}}``."""

from __future__ import annotations

import json
from typing import Any

from privlint.engine import Result
from privlint.findings import Finding, Severity

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


def render(result: Result, *, color: bool = False) -> str:
    del color
    document = {
        "version": FORMAT_VERSION,
        "findings": [finding_data(f) for f in result.findings],
        "summary": {
            **{severity.label: result.count(severity) for severity in Severity},
            "total": len(result.findings),
            "files": result.files,
            "rules_run": result.rules_run,
            "checks_skipped": result.checks_skipped,
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
