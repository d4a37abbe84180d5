"""Which rules a run applies: ``select``, ``ignore`` and ``severity`` checked against the catalogue.

A code or prefix that names no rule is a usage error with a did-you-mean, never a silent
no-op: ``--select XYZ`` would otherwise run nothing and pass, and ``--ignore REF01`` (a
typo for ``REF001``) would ignore nothing. A selection that leaves none of the command's
rules to run is refused for the same reason: a green run must mean "checked".

``privlint.config`` parses the settings without the catalogue (it is imported on every
start); the engine and the command line check them here, once the rules are known. The
engine refuses unknown codes; the command line also refuses a selection that leaves its
command nothing to run (a library caller may select reading rules only).
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Mapping

from privlint.config import Config, ConfigError
from privlint.rules import Rule, Stage

_KIND = {Stage.MODEL: "compliance", Stage.NOTICE: "notice (DRF)"}


def unknown(codes: Iterable[str], known: Collection[str], *, prefixes: bool = True) -> list[str]:
    """One message per entry of ``codes`` that names no rule (as a code, or as a prefix when allowed)."""
    messages = []
    for code in codes:
        if code in known or (prefixes and code and any(k.startswith(code) for k in known)):
            continue
        kind = "rule code or prefix" if prefixes else "rule code"
        messages.append(f"unknown {kind} {code!r}{_suggestion(code, known, prefixes=prefixes)}")
    return messages


def _suggestion(code: str, known: Collection[str], *, prefixes: bool) -> str:
    candidates = {*known, *(k.rstrip("0123456789") for k in known if prefixes)}
    close = difflib.get_close_matches(code.upper(), sorted(candidates), n=1, cutoff=0.5)
    return f"; did you mean {close[0]!r}?" if close else "; `privlint rules` lists every code"


def check(config: Config, rules: Mapping[str, Rule]) -> None:
    """Raise ``ConfigError`` when ``config`` names a code or prefix that is no rule's."""
    where = config.source or "configuration"
    problems = [
        *(f"select: {m}" for m in unknown(config.select, rules)),
        *(f"ignore: {m}" for m in unknown(config.ignore, rules)),
        *(f"severity: {m}" for m in unknown(config.severity, rules, prefixes=False)),
        *(
            f"severity: {code} cannot be changed: a file that cannot be read, or a policy of the wrong "
            "shape, stops the checks and is always an error"
            for code, severity in config.severity.items()
            if code in rules and rules[code].always_on and severity is not rules[code].severity
        ),
    ]
    if problems:
        raise ConfigError(f"{where}: {problems[0]}")


def require_rules(config: Config, rules: Mapping[str, Rule], stage: Stage) -> None:
    """Raise ``ConfigError`` when ``config`` selects no rule of ``stage`` (the command would check nothing)."""
    if not any(rule.stage is stage and config.selects(rule) for rule in rules.values()):
        raise ConfigError(
            f"select {list(config.select)} and ignore {list(config.ignore)} leave no "
            f"{_KIND.get(stage, stage.value)} rule to run; nothing would be checked"
        )
