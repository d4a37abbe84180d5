"""The pipeline: load, validate, model, check, locate, select, waive, baseline — one direction only.

``lint`` (the model's checks) and ``diff`` (the model against the published notice) share
every step but the one that produces the findings; each finding is stamped by the same
code, so severities, ``select``/``ignore``, waivers and the baseline apply to every rule
alike. Where a rule runs is its ``stage`` (see ``privlint.rules.Stage``). The engine never
prints and never decides the exit code; it returns findings, each marked ``waived`` or
``baseline`` where a waiver or the baseline covers it. ``Result.fails`` is the gate.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from privlint.config import Config, ConfigError
from privlint.findings import Finding, Severity, Span
from privlint.loading import Source, collector_paused, display_name, load
from privlint.model import Policy
from privlint.result import Result
from privlint.rules import Hit, Rule, Stage

if TYPE_CHECKING:
    from privlint.baseline import Scope

WAIVERS_FILE = "waivers.yaml"

# What produces the findings of the last stage, given the model, its source and the rules.
Producer = Callable[[Policy, Source, Sequence[Rule], Config], list[Finding]]


def lint(paths: Sequence[Path], config: Config | None = None, *, today: dt.date | None = None) -> Result:
    """Check the policy under ``paths`` and return its located findings, sorted.

    Raises ``ConfigError`` when a configured waivers or baseline file cannot be used, and
    ``loading.PolicyPathError`` when a path is no policy (see ``loading.policy_files``).
    """
    return _run(paths, config or Config(), today or local_today(), Stage.MODEL, _model_checks)


def diff(paths: Sequence[Path], notice: Path, config: Config | None = None, *, today: dt.date | None = None) -> Result:
    """Compare the policy under ``paths`` with the published ``notice`` text (the DRF rules).

    Raises ``privlint.notice.drift.NoticeReadError`` when the notice cannot be read.
    """
    from privlint.notice import drift  # noqa: PLC0415 - only `privlint diff` reads a notice

    text = drift.read_notice(notice)
    name = display_name(notice)

    def compare(policy: Policy, source: Source, rules: Sequence[Rule], config: Config) -> list[Finding]:
        by_code = {rule.code: rule for rule in rules}
        return sorted(
            {
                _stamped(by_code[d.code], config, name, Span(d.at.line, d.at.column), d.pointer, d.message, "")
                for d in drift.differences(policy, source.data, text)
                if d.code in by_code
            },
            key=Finding.sort_key,
        )

    result = _run(paths, config or Config(), today or local_today(), Stage.NOTICE, compare)
    result.files.append(name)
    return result


def local_today() -> dt.date:
    """Today in the machine's time zone: the date waivers expire and decisions are in force on."""
    return dt.datetime.now().astimezone().date()


def _run(paths: Sequence[Path], config: Config, today: dt.date, stage: Stage, produce: Producer) -> Result:
    from privlint import catalogue, selection  # noqa: PLC0415 - the rule modules are only needed when running

    rules = catalogue.registry()
    selection.check(config, rules)
    # Reading, modelling and checking create millions of objects that live until the end
    # and form almost no cycles: the cyclic collector would only rescan them (a quarter of a
    # check of 10,000 activities). It resumes when the check is done.
    with collector_paused():
        result = _produce(rules, paths, config, today, stage, produce)
    result.rules = rules
    result.families = catalogue.family_titles()
    return result


def _produce(
    rules: Mapping[str, Rule],
    paths: Sequence[Path],
    config: Config,
    today: dt.date,
    stage: Stage,
    produce: Producer,
) -> Result:
    waivers_path = waivers_file(paths, config)
    baseline_path = Path(config.baseline) if config.baseline else None
    aside = [p for p in (waivers_path, baseline_path) if p is not None]  # never policy, even when unused
    source = load(_without(paths, aside), exclude=aside, max_bytes=config.max_file_bytes)
    result = Result(files=list(source.files), source=source, fail_on=config.fail_on, rules=rules)
    result.root = config.root
    result.whole_policy = _same_files(paths, config.paths)
    result.complete = result.whole_policy and not config.select and not config.ignore
    selected = [rule for rule in rules.values() if config.selects(rule)]
    staged = [rule for rule in selected if rule.stage is stage]
    findings = [*_reading_findings(source, rules, config)]
    result.rules_applied = [rule.code for rule in selected if rule.stage is Stage.READING]
    if source.problems:
        result.checks_skipped = "the policy could not be read"
        result.rules_not_run = [rule.code for rule in staged]
    else:
        findings.extend(_modelled(source, rules, config, today, result, staged, produce))
    findings = [f for f in findings if config.selects(rules[f.code])]
    if waivers_path is not None and config.use_waivers:
        findings = _waive(findings, waivers_path, rules, config, result, today)
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
    result.findings, result.baseline_stale = baseline.apply(
        result.findings, known, result.data_of, scope=_scope(result), exempt=_always_on(result).__contains__
    )
    result.baseline_file = display_name(path)


def write_baseline(result: Result, path: Path) -> tuple[int, int]:
    """Record every finding of ``result`` that is not waived in ``path``; return how many, and how many kept.

    The entries of rules that did not run (``select``, ``ignore``, or the DRF rules of
    ``privlint diff`` in a ``check``) are kept; a run of part of the configured policy
    keeps every entry and adds its own (see ``baseline.merged``), so the next full run
    still knows them. A run of the whole policy replaces the entries of the rules it ran.

    Refused (``ConfigError``) when the compliance checks did not run: such a baseline would
    record the reading or schema errors and none of the findings the checks make.
    """
    from privlint import baseline  # noqa: PLC0415

    if result.checks_skipped:
        raise ConfigError(f"{path}: not written: the compliance checks did not run ({result.checks_skipped})")
    recordable = [f for f in result.findings if not f.waived and f.code not in _always_on(result)]
    scope = _scope(result)
    # A finding outside the scope is about a section this run did not read (e.g. "no rights"
    # when rights.yaml was not among the paths): an artefact of the partial run.
    keys = [k for k in (baseline.key(f, result.data_of(f)) for f in recordable) if scope.covers(k)]
    old: Counter[baseline.Key] = Counter()
    if path.exists():
        try:
            old = baseline.read(path)
        except baseline.BaselineError as error:
            if not result.complete:  # a full run replaces an unreadable file; a partial one would lose it
                raise ConfigError(f"{error}; a partial run cannot merge into it (rewrite it from a full run)") from None
    entries, kept = baseline.merged(keys, old, scope)
    baseline.write(path, entries)  # privlint.files.WriteError when it cannot: the old file stays
    return len(keys), kept


def _scope(result: Result) -> Scope:
    from privlint import baseline  # noqa: PLC0415

    sections = frozenset(result.source.data) if result.source is not None else frozenset()
    if result.waivers_file is not None:
        sections |= {"waivers"}  # waiver findings are located in the waivers file
    files = frozenset(Path(name).name for name in (*result.files, *filter(None, [result.waivers_file])))
    return baseline.Scope(set(result.rules_applied).__contains__, sections, files, everywhere=result.whole_policy)


def _same_files(paths: Sequence[Path], configured: Sequence[str]) -> bool:
    """Whether ``paths`` name the configured policy (the same files and folders, in any order)."""
    return {p.resolve() for p in paths} == {Path(p).resolve() for p in configured}


def _always_on(result: Result) -> set[str]:
    return {code for code, rule in result.rules.items() if rule.always_on}


def _without(paths: Sequence[Path], aside: Sequence[Path]) -> list[Path]:
    """``paths`` minus files that are the waivers or baseline file (they are not policy)."""
    resolved = {p.resolve() for p in aside}
    kept = [p for p in paths if p.is_dir() or p.resolve() not in resolved]
    return kept or list(paths)


def _modelled(
    source: Source,
    rules: Mapping[str, Rule],
    config: Config,
    today: dt.date,
    result: Result,
    staged: Sequence[Rule],
    produce: Producer,
) -> list[Finding]:
    """The schema's findings, then (on a policy of valid shape) the findings of ``staged`` rules."""
    from privlint import model, schema  # noqa: PLC0415

    violations = schema.validate(source.data)
    result.rules_applied.extend(rule.code for rule in rules.values() if rule.stage is Stage.SCHEMA)
    sch = rules["SCH001"]
    findings = [_finding(sch, config, source, Hit(v.pointer, v.message, v.hint, v.at_key)) for v in violations]
    if violations:
        result.checks_skipped = "fix the schema errors first"
        result.rules_not_run = [rule.code for rule in staged]
        return findings
    settings = model.Settings(eu_only=config.eu_only, audience=config.audience, today=today)
    policy = model.build(source.data, settings)
    result.policy = policy
    result.rules_run = len(staged)
    result.rules_applied.extend(rule.code for rule in staged)
    return [*findings, *produce(policy, source, staged, config)]


def _model_checks(policy: Policy, source: Source, rules: Sequence[Rule], config: Config) -> list[Finding]:
    return [_finding(rule, config, source, hit) for rule in rules for hit in rule(policy)]


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
    document = waivers.read(path, name, rules, unwaivable=[code for code, rule in rules.items() if rule.always_on])
    result.waivers_file, result.waivers_data, result.waivers = name, document.data, document.waivers
    reading = [_stamped(rules[p.code], config, name, p.span, p.pointer, p.message, p.hint) for p in document.problems]
    policy_data = result.source.data if result.source is not None else None
    outcome = waivers.apply(findings, document.waivers, policy_data, today, runs=set(result.rules_applied).__contains__)
    result.waived_by = outcome.waived_by
    hygiene_rules = [rule for rule in rules.values() if rule.stage is Stage.WAIVERS and config.selects(rule)]
    result.rules_applied.extend(rule.code for rule in hygiene_rules)
    hygiene = [
        _stamped(rules[h.code], config, name, h.waiver.span, h.waiver.entry, h.message, rules[h.code].hint)
        for h in outcome.hygiene
    ]
    return [*outcome.findings, *(f for f in (*reading, *hygiene) if config.selects(rules[f.code]))]


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
