"""The pipeline: load, validate, model, check, locate, select, waive, baseline — one direction only.

``lint`` never prints and never decides the exit code; it returns findings, each marked
``waived`` or ``baseline`` where a waiver or the baseline covers it. ``Result.fails``
is the gate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from privlint.config import Config, ConfigError
from privlint.findings import Finding, Severity, Span
from privlint.loading import Source, collector_paused, display_name, load
from privlint.model import Policy
from privlint.rules import Hit, Rule

if TYPE_CHECKING:
    from privlint.waivers import Waiver

WAIVERS_FILE = "waivers.yaml"
ENGINE_FAMILIES = ("YML", "SCH")  # applied while reading, whatever else runs


@dataclass(slots=True)
class Result:
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    rules_run: int = 0
    checks_skipped: str | None = None
    policy: Policy | None = None  # the model, when the policy could be read and has a valid shape
    source: Source | None = None  # the merged data and where each node was written
    fail_on: Severity = Severity.WARNING  # the gate's threshold, for reporters that show a verdict
    rules_applied: list[str] = field(default_factory=list)  # codes of the rules that ran
    rules_not_run: list[str] = field(default_factory=list)  # selected codes skipped (see checks_skipped)
    waivers_file: str | None = None
    waivers_data: Any = None
    waivers: list[Waiver] = field(default_factory=list)
    waived_by: dict[Finding, Waiver] = field(default_factory=dict)
    baseline_file: str | None = None
    baseline_stale: int = 0  # baseline entries that matched no finding

    def count(self, severity: Severity, *, blocking_only: bool = True) -> int:
        return sum(1 for f in self.findings if f.severity == severity and (f.blocking or not blocking_only))

    def fails(self, threshold: Severity) -> bool:
        """Whether any blocking finding is at or above ``threshold``."""
        return any(f.blocking and f.severity >= threshold for f in self.findings)

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.blocking]

    @property
    def waived(self) -> list[Finding]:
        return [f for f in self.findings if f.waived]

    @property
    def known(self) -> list[Finding]:
        """Findings the baseline knows (still open, but not failing the gate)."""
        return [f for f in self.findings if f.baseline]

    def data_of(self, finding: Finding) -> Any:
        """The document ``finding.pointer`` points into: the waivers file or the merged policy."""
        if self.waivers_file is not None and finding.file == self.waivers_file:
            return self.waivers_data
        return self.source.data if self.source is not None else None

    def fingerprints(self) -> list[str]:
        """Line-independent fingerprints of ``findings``, in order (see ``privlint.baseline``)."""
        from privlint import baseline  # noqa: PLC0415

        return baseline.fingerprints(self.findings, self.data_of)


def lint(paths: Sequence[Path], config: Config | None = None, *, today: dt.date | None = None) -> Result:
    """Check the policy under ``paths`` and return its located findings, sorted.

    Raises ``ConfigError`` when a configured waivers or baseline file cannot be used.
    """
    import checks  # noqa: PLC0415 - the catalogue is only needed when linting

    # Reading, modelling and checking create millions of objects that live until the end
    # and form almost no cycles: the cyclic collector would only rescan them (a quarter of a
    # check of 10,000 activities). It resumes when the check is done.
    with collector_paused():
        return _lint(checks.registry(), paths, config or Config(), today)


def _lint(rules: Mapping[str, Rule], paths: Sequence[Path], config: Config, today: dt.date | None) -> Result:
    waivers_path = waivers_file(paths, config)
    baseline_path = Path(config.baseline) if config.baseline else None
    aside = [p for p in (waivers_path, baseline_path) if p is not None]  # never policy, even when unused
    source = load(_without(paths, aside), exclude=aside)
    result = Result(files=list(source.files), source=source, fail_on=config.fail_on)
    findings = [*_reading_findings(source, rules, config)]
    result.rules_applied = [code for code in rules if code.startswith(ENGINE_FAMILIES) and config.selects(code)]
    if source.problems:
        result.checks_skipped = "the policy could not be read"
        result.rules_not_run = [r.code for r in rules.values() if r.check is not None and config.selects(r.code)]
    else:
        findings.extend(_checked(source, rules, config, result))
    findings = [f for f in findings if config.selects(f.code)]
    if waivers_path is not None and config.use_waivers:
        findings = _waive(findings, waivers_path, rules, config, result, today or dt.datetime.now().astimezone().date())
    result.findings = sorted(findings, key=Finding.sort_key)
    if baseline_path is not None and config.use_baseline:
        apply_baseline(result, baseline_path)
    return result


def waivers_file(paths: Sequence[Path], config: Config) -> Path | None:
    """The waivers file: configured, else ``waivers.yaml`` beside the policy (when it exists)."""
    if config.waivers is not None:
        path = Path(config.waivers)
        if config.use_waivers and not path.is_file():
            raise ConfigError(f"{config.source or 'configuration'}: waivers file {config.waivers!r} not found")
        return path
    for path in paths:
        folder = path if path.is_dir() else path.parent
        candidate = folder / WAIVERS_FILE
        if candidate.is_file():
            return candidate
    return None


def apply_baseline(result: Result, path: Path) -> None:
    """Mark the findings of ``result`` that the baseline at ``path`` knows."""
    from privlint import baseline  # noqa: PLC0415

    try:
        known = baseline.read(path)
    except baseline.BaselineError as error:
        raise ConfigError(str(error)) from None
    result.findings, result.baseline_stale = baseline.apply(result.findings, known, result.data_of)
    result.baseline_file = display_name(path)


def write_baseline(result: Result, path: Path) -> int:
    """Record every finding of ``result`` that is not waived in ``path``; return how many."""
    from privlint import baseline  # noqa: PLC0415

    keys = [baseline.key(f, result.data_of(f)) for f in result.findings if not f.waived]
    try:
        baseline.write(path, keys)
    except baseline.BaselineError as error:
        raise ConfigError(str(error)) from None
    return len(keys)


def _without(paths: Sequence[Path], aside: Sequence[Path]) -> list[Path]:
    """``paths`` minus files that are the waivers or baseline file (they are not policy)."""
    resolved = {p.resolve() for p in aside}
    kept = [p for p in paths if p.is_dir() or p.resolve() not in resolved]
    return kept or list(paths)


def _checked(source: Source, rules: Mapping[str, Rule], config: Config, result: Result) -> list[Finding]:
    from privlint import model, schema  # noqa: PLC0415

    violations = schema.validate(source.data)
    sch = rules["SCH001"]
    findings = [_finding(sch, config, source, Hit(v.pointer, v.message, v.hint, v.at_key)) for v in violations]
    checks = [rule for rule in rules.values() if rule.check is not None and config.selects(rule.code)]
    if violations:
        result.checks_skipped = "fix the schema errors first"
        result.rules_not_run = [rule.code for rule in checks]
        return findings
    policy = model.build(source.data, model.Settings(eu_only=config.eu_only, audience=config.audience))
    result.policy = policy
    for rule in checks:
        result.rules_run += 1
        result.rules_applied.append(rule.code)
        findings.extend(_finding(rule, config, source, hit) for hit in rule(policy))
    return findings


def _waive(
    findings: list[Finding],
    path: Path,
    rules: Mapping[str, Rule],
    config: Config,
    result: Result,
    today: dt.date,
) -> list[Finding]:
    from privlint import waivers  # noqa: PLC0415

    name = display_name(path)
    document = waivers.read(path, name, rules)
    result.waivers_file, result.waivers_data, result.waivers = name, document.data, document.waivers
    reading = [_stamped(rules[p.code], config, name, p.span, p.pointer, p.message, p.hint) for p in document.problems]
    policy_data = result.source.data if result.source is not None else None
    outcome = waivers.apply(findings, document.waivers, policy_data, today, runs=set(result.rules_applied).__contains__)
    result.waived_by = outcome.waived_by
    result.rules_applied.extend(code for code in rules if code.startswith("WVR") and config.selects(code))
    hygiene = [
        _stamped(rules[h.code], config, name, h.waiver.span, h.waiver.entry, h.message, rules[h.code].hint)
        for h in outcome.hygiene
    ]
    return [*outcome.findings, *(f for f in (*reading, *hygiene) if config.selects(f.code))]


def _stamped(
    rule: Rule,
    config: Config,
    file: str,
    span: Span,
    pointer: str,
    message: str,
    hint: str,
    severity: Severity | None = None,
) -> Finding:
    """The finding, at the hit's own severity where it has one (configuration overrides both)."""
    return Finding(
        code=rule.code,
        name=rule.name,
        severity=config.severity_of(rule.code, severity or rule.severity),
        message=message,
        file=file,
        span=span,
        pointer=pointer,
        articles=rule.articles,
        hint=hint or rule.hint,
    )


def _reading_findings(source: Source, rules: Mapping[str, Rule], config: Config) -> Iterable[Finding]:
    for problem in (*source.problems, *source.warnings):
        yield _stamped(rules[problem.code], config, problem.file, problem.span, "", problem.message, problem.hint)


def _finding(rule: Rule, config: Config, source: Source, hit: Hit) -> Finding:
    file, span = source.locate(hit.pointer, at_key=hit.at_key)
    return _stamped(rule, config, file, span, hit.pointer, hit.message, hit.hint or rule.hint, hit.severity)
