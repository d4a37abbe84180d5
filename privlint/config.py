"""Configuration: ``[tool.privlint]`` in ``pyproject.toml``, or ``privlint.toml``.

Found like ruff finds its settings: the nearest such file from the working directory
upwards. Unknown keys are errors, so a typo never silently disables a rule (unknown rule
codes are refused by ``privlint.selection``, which knows the catalogue). The file's
``paths``, ``baseline`` and ``waivers`` are relative to the folder of the file, whatever
the working directory; that folder is the project root (SARIF locations are relative to it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tomli

from privlint import files
from privlint.findings import Severity

if TYPE_CHECKING:
    from privlint.rules import Rule


class ConfigError(Exception):
    """The configuration cannot be used; the message names the file and the key."""


DEFAULT_PATH = "policy"


@dataclass(frozen=True, slots=True)
class Config:
    paths: tuple[str, ...] = (DEFAULT_PATH,)
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
    # The largest policy file read. A guard against a file that would take all memory (reading
    # takes about 25 bytes of memory per byte of YAML); a register of 50,000 activities in one
    # file is above the default (about 66 MB for its processing activities alone).
    max_file_bytes: int = files.MAX_BYTES
    source: str | None = None
    root: str | None = None  # the folder of the configuration file (None: the working directory)

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


_KEYS = {
    "paths",
    "select",
    "ignore",
    "fail_on",
    "severity",
    "eu_only",
    "audience",
    "waivers",
    "baseline",
    "max_file_mib",
}
MIB = 1024 * 1024
MAX_FILE_MIB = 4096  # the most max_file_mib may say: 4 GiB of YAML would take about 100 GiB to read


def discover(start: Path) -> Path | None:
    """The nearest ``privlint.toml``, or ``pyproject.toml`` with a ``[tool.privlint]`` table."""
    for folder in (start, *start.parents):
        candidate = folder / "privlint.toml"
        if candidate.is_file():
            return candidate
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and "privlint" in _tool(_read(candidate), candidate):
            return candidate
    return None


def _tool(document: Mapping[str, Any], path: Path) -> Mapping[str, Any]:
    """The ``[tool]`` table of a pyproject.toml (empty when there is none)."""
    tool = document.get("tool", {})
    if not isinstance(tool, dict):  # `tool = "privlint"`: a malformed pyproject.toml, as ruff says too
        raise ConfigError(f"{path}: 'tool' must be a table (the one that holds [tool.privlint])")
    return tool


def _table(value: Any, path: Path) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{path}: [tool.privlint] must be a table")
    return value


def load(path: Path | None) -> Config:
    """The configuration in ``path`` (defaults when ``None``)."""
    if path is None:
        return Config()
    document = _read(path)
    if path.name == "privlint.toml":
        table = _privlint_toml(document, path)
    else:
        table = _table(_tool(document, path).get("privlint", {}), path)
    return parse(table, str(path), root=path.parent)


def _privlint_toml(document: dict[str, Any], path: Path) -> Mapping[str, Any]:
    """The settings of a ``privlint.toml``: top-level keys, or one ``[tool.privlint]`` table as in pyproject.toml."""
    tool = document.get("tool")
    if tool is None:
        return document
    if set(document) == {"tool"} and isinstance(tool, dict) and set(tool) == {"privlint"}:
        return _table(tool["privlint"], path)
    raise ConfigError(
        f"{path}: write the settings at the top of privlint.toml without a [tool.privlint] header "
        "(or keep them all under it)"
    )


def parse(table: Mapping[str, Any], where: str, *, root: Path | None = None) -> Config:
    """The settings in ``table`` (read from ``where``); relative file paths are taken from ``root``."""
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(
            f"{where}: unknown key {unknown[0]!r} in [tool.privlint]; allowed: {', '.join(sorted(_KEYS))}"
        )
    values: dict[str, Any] = {}
    for key in ("select", "ignore", "audience"):
        if key in table:
            values[key] = _strings(table[key], key, where)
    values |= _files(table, where, root)
    if "fail_on" in table:
        values["fail_on"] = _severity(table["fail_on"], "fail_on", where)
    if "severity" in table:
        values["severity"] = _severities(table["severity"], where)
    if "eu_only" in table:
        if not isinstance(table["eu_only"], bool):
            raise ConfigError(f"{where}: 'eu_only' must be true or false")
        values["eu_only"] = table["eu_only"]
    if "max_file_mib" in table:
        values["max_file_bytes"] = _mebibytes(table["max_file_mib"], where)
    return Config(source=where, root=str(root) if root is not None else None, **values)


def _mebibytes(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_FILE_MIB:
        raise ConfigError(f"{where}: 'max_file_mib' must be a whole number of MiB from 1 to {MAX_FILE_MIB}")
    return value * MIB


def _files(table: Mapping[str, Any], where: str, root: Path | None) -> dict[str, Any]:
    """``paths``, ``waivers`` and ``baseline``, taken from ``root``."""
    values: dict[str, Any] = {
        key: _against(root, _path(table[key], key, where)) for key in ("waivers", "baseline") if key in table
    }
    paths = _strings(table["paths"], "paths", where) if "paths" in table else (DEFAULT_PATH,)
    if any("\0" in value for value in paths):
        raise ConfigError(f"{where}: 'paths' cannot hold a NUL character (\\u0000)")
    if "paths" in table or root is not None:
        values["paths"] = tuple(_against(root, value) for value in paths)
    return values


def _against(root: Path | None, value: str) -> str:
    """``value`` taken from ``root``, written relative to the working directory when under it."""
    if root is None or Path(value).is_absolute():
        return value
    path = (root / value).resolve()
    try:
        return path.relative_to(Path.cwd().resolve()).as_posix() or "."
    except ValueError:
        return str(path)


def codes(values: Iterable[str]) -> tuple[str, ...]:
    """Command-line code lists: repeated options and comma-separated values alike."""
    return tuple(code.strip().upper() for value in values for code in value.split(",") if code.strip())


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomli.loads(files.read_regular(path).decode("utf-8"))
    except (OSError, ValueError) as error:  # ValueError: UnicodeDecodeError, TOMLDecodeError, an integer too long
        raise ConfigError(f"{path}: cannot read configuration: {error}") from None
    except RecursionError as error:  # arrays or inline tables nested hundreds of levels deep
        raise ConfigError(f"{path}: cannot read configuration: {error}") from None


def _strings(value: Any, key: str, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: {key!r} must be a list of strings")
    return tuple(value)


def _path(value: Any, key: str, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{where}: {key!r} must be a file path (a non-empty string)")
    if "\0" in value:  # no file system allows it; Path.resolve would raise ValueError
        raise ConfigError(f"{where}: {key!r} cannot hold a NUL character (\\u0000)")
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
