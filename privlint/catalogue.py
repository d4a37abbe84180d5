"""The rule catalogue: every rule privlint applies, by code, built once.

The compliance rules are the families of ``privlint.checks`` (the top-level ``checks/``
folder, one module per family, each rule with its check function). The rules the engine
applies itself have no check function; their metadata lives beside the code that produces
their findings: the reader, the schema, the waivers and the notice comparison. Every
``Rule`` object defined in one of these modules joins the registry; two rules with one code
are a programming error.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Mapping
from types import ModuleType

from privlint.rules import Rule

CHECKS_PACKAGE = "privlint.checks"
# In pipeline order: reading, schema, (the model checks), waivers, the notice.
_BEFORE_CHECKS = ("privlint.reading_rules", "privlint.schema_rules")
_AFTER_CHECKS = ("privlint.waiver_rules", "privlint.notice.drift_rules")


def families() -> list[ModuleType]:
    """Every module that defines rules, in pipeline order (the checks by module name)."""
    # Imported by name: ``checks/`` becomes ``privlint.checks`` only when installed
    # (pyproject.toml maps it), so a type checker reading the source tree knows it as ``checks``.
    checks = importlib.import_module(CHECKS_PACKAGE)
    names = sorted(info.name for info in pkgutil.iter_modules(checks.__path__) if not info.name.startswith("_"))
    modules = [*_BEFORE_CHECKS, *(f"{CHECKS_PACKAGE}.{name}" for name in names), *_AFTER_CHECKS]
    return [importlib.import_module(name) for name in modules]


def rules_of(module: ModuleType) -> list[Rule]:
    """The rules ``module`` defines, by code."""
    return sorted((value for value in vars(module).values() if isinstance(value, Rule)), key=lambda r: r.code)


@functools.cache
def registry() -> Mapping[str, Rule]:
    """Every rule by code, ordered by code."""
    rules: dict[str, Rule] = {}
    for module in families():
        for found in rules_of(module):
            if found.code in rules and rules[found.code] is not found:
                raise RuntimeError(f"rule code {found.code} is defined twice ({module.__name__})")
            rules[found.code] = found
    return dict(sorted(rules.items()))


def family_titles() -> dict[str, str]:
    """``{"REF": "REF — integrity", ...}`` from the first line of each family module's docstring."""
    titles: dict[str, str] = {}
    for module in families():
        first = (module.__doc__ or "").strip().splitlines()[0] if module.__doc__ else ""
        family = first.split(" ", 1)[0]
        if family:
            titles[family] = first.split(":", 1)[0].strip()
    return titles
