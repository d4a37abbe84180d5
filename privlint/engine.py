"""The pipeline: load, validate, model, check, locate, select — one direction only.

``lint`` never prints and never decides the exit code; it returns findings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from privlint.config import Config
from privlint.findings import Finding, Severity
from privlint.loading import Source, load
from privlint.model import Policy
from privlint.rules import Hit, Rule


@dataclass(slots=True)
class Result:
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    rules_run: int = 0
    checks_skipped: str | None = None
    policy: Policy | None = None  # the model, when the policy could be read and has a valid shape
    source: Source | None = None  # the merged data and where each node was written

    def count(self, severity: Severity, *, blocking_only: bool = True) -> int:
        return sum(1 for f in self.findings if f.severity == severity and (f.blocking or not blocking_only))

    def fails(self, threshold: Severity) -> bool:
        """Whether any blocking finding is at or above ``threshold``."""
        return any(f.blocking and f.severity >= threshold for f in self.findings)


def lint(paths: Sequence[Path], config: Config | None = None) -> Result:
    """Check the policy under ``paths`` and return its located findings, sorted."""
    import checks  # noqa: PLC0415 - the catalogue is only needed when linting

    config = config or Config()
    rules = checks.registry()
    source = load(paths)
    result = Result(files=list(source.files), source=source)
    findings = [*_reading_findings(source, rules, config)]
    if source.problems:
        result.checks_skipped = "the policy could not be read"
    else:
        findings.extend(_checked(source, rules, config, result))
    result.findings = sorted((f for f in findings if config.selects(f.code)), key=Finding.sort_key)
    return result


def _checked(source: Source, rules: Mapping[str, Rule], config: Config, result: Result) -> list[Finding]:
    from privlint import model, schema  # noqa: PLC0415

    violations = schema.validate(source.data)
    sch = rules["SCH001"]
    findings = [_finding(sch, config, source, Hit(v.pointer, v.message, v.hint, v.at_key)) for v in violations]
    if violations:
        result.checks_skipped = "fix the schema errors first"
        return findings
    policy = model.build(source.data, model.Settings(eu_only=config.eu_only, audience=config.audience))
    result.policy = policy
    for rule in rules.values():
        if rule.check is None or not config.selects(rule.code):
            continue
        result.rules_run += 1
        findings.extend(_finding(rule, config, source, hit) for hit in rule(policy))
    return findings


def _reading_findings(source: Source, rules: Mapping[str, Rule], config: Config) -> Iterable[Finding]:
    for problem in (*source.problems, *source.warnings):
        rule = rules[problem.code]
        yield Finding(
            code=rule.code,
            name=rule.name,
            severity=config.severity_of(rule.code, rule.severity),
            message=problem.message,
            file=problem.file,
            span=problem.span,
            pointer="",
            articles=rule.articles,
            hint=problem.hint or rule.hint,
        )


def _finding(rule: Rule, config: Config, source: Source, hit: Hit) -> Finding:
    file, span = source.locate(hit.pointer, at_key=hit.at_key)
    return Finding(
        code=rule.code,
        name=rule.name,
        severity=config.severity_of(rule.code, rule.severity),
        message=hit.message,
        file=file,
        span=span,
        pointer=hit.pointer,
        articles=rule.articles,
        hint=hit.hint or rule.hint,
    )
