"""Configuration: ``[tool.privlint]`` in ``pyproject.toml``, or ``privlint.toml``.

Found like ruff finds its settings: the nearest such file from the working directory
upwards. Unknown keys are errors, so a typo never silently disables a rule.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from privlint import files
from privlint.findings import Severity

if TYPE_CHECKING:
    from privlint.rules import Rule


class ConfigError(Exception):
    """The configuration cannot be used; the message names the file and the key."""


@dataclass(frozen=True, slots=True)
class Config:
    paths: tuple[str, ...] = ("policy",)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.WARNING
    severity: Mapping[str, Severity] = field(default_factory=dict)
    eu_only: bool = True
    audience: tuple[str, ...] = ()
    waivers: str | None = None  # None: ``waivers.yaml`` in the (first) policy directory, when it exists
    baseline: str | None = None
    use_waivers: bool = True  # --no-waivers
    use_baseline: bool = True  # --no-baseline
    source: str | None = None

    def selects(self, rule: Rule) -> bool:
        """Whether ``rule`` runs and its findings are reported (prefixes work like ruff's: ``RET``, ``RET00``).

        A rule that is ``always_on`` (a reading or schema error: the checks cannot run past
        it) is never deselected.
        """
        if rule.always_on:
            return True
        code = rule.code
        chosen = not self.select or any(code.startswith(prefix) for prefix in self.select)
        return chosen and not any(code.startswith(prefix) for prefix in self.ignore)

    def severity_of(self, code: str, default: Severity) -> Severity:
        return self.severity.get(code, default)

    def with_options(self, **options: Any) -> Config:
        """This configuration with command-line options (those not ``None``) on top."""
        return replace(self, **{key: value for key, value in options.items() if value is not None})


_KEYS = {"paths", "select", "ignore", "fail_on", "severity", "eu_only", "audience", "waivers", "baseline"}


def discover(start: Path) -> Path | None:
    """The nearest ``privlint.toml``, or ``pyproject.toml`` with a ``[tool.privlint]`` table."""
    for folder in (start, *start.parents):
        candidate = folder / "privlint.toml"
        if candidate.is_file():
            return candidate
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and "privlint" in _read(candidate).get("tool", {}):
            return candidate
    return None


def load(path: Path | None) -> Config:
    """The configuration in ``path`` (defaults when ``None``)."""
    if path is None:
        return Config()
    document = _read(path)
    table = document if path.name == "privlint.toml" else document.get("tool", {}).get("privlint", {})
    return parse(table, str(path))


def parse(table: Mapping[str, Any], where: str) -> Config:
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(
            f"{where}: unknown key {unknown[0]!r} in [tool.privlint]; allowed: {', '.join(sorted(_KEYS))}"
        )
    values: dict[str, Any] = {}
    for key in ("paths", "select", "ignore", "audience"):
        if key in table:
            values[key] = _strings(table[key], key, where)
    for key in ("waivers", "baseline"):
        if key in table:
            values[key] = _path(table[key], key, where)
    if "fail_on" in table:
        values["fail_on"] = _severity(table["fail_on"], "fail_on", where)
    if "severity" in table:
        values["severity"] = _severities(table["severity"], where)
    if "eu_only" in table:
        if not isinstance(table["eu_only"], bool):
            raise ConfigError(f"{where}: 'eu_only' must be true or false")
        values["eu_only"] = table["eu_only"]
    return Config(source=where, **values)


def codes(values: Iterable[str]) -> tuple[str, ...]:
    """Command-line code lists: repeated options and comma-separated values alike."""
    return tuple(code.strip().upper() for value in values for code in value.split(",") if code.strip())


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(files.read_regular(path).decode("utf-8"))
    except (OSError, ValueError) as error:  # ValueError: UnicodeDecodeError, TOMLDecodeError, an integer too long
        raise ConfigError(f"{path}: cannot read configuration: {error}") from None


def _strings(value: Any, key: str, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: {key!r} must be a list of strings")
    return tuple(value)


def _path(value: Any, key: str, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{where}: {key!r} must be a file path (a non-empty string)")
    return value


def _severities(value: Any, where: str) -> dict[str, Severity]:
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where}: 'severity' must be a table of CODE = \"error|warning|info\"")
    return {code: _severity(level, f"severity.{code}", where) for code, level in value.items()}


def _severity(value: Any, key: str, where: str) -> Severity:
    try:
        return Severity.parse(str(value))
    except ValueError as error:
        raise ConfigError(f"{where}: {key}: {error}") from None
