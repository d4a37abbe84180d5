"""The rule catalogue: one module per family; this registry finds them all.

Every module in this package is a rule family. Its module docstring documents the family
and every ``Rule`` object it defines (see ``privlint.rules.rule``) joins the registry.
The registry is built once, refuses duplicate codes and is ordered by code.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Mapping
from types import ModuleType

from privlint.rules import Rule


def families() -> list[ModuleType]:
    """Every rule family module, by module name."""
    names = sorted(info.name for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_"))
    return [importlib.import_module(f"{__name__}.{name}") for name in names]


@functools.cache
def registry() -> Mapping[str, Rule]:
    """Every rule by code; two rules with one code are a programming error."""
    rules: dict[str, Rule] = {}
    for module in families():
        for value in vars(module).values():
            if not isinstance(value, Rule):
                continue
            if value.code in rules and rules[value.code] is not value:
                raise RuntimeError(f"rule code {value.code} is defined twice ({module.__name__})")
            rules[value.code] = value
    return dict(sorted(rules.items()))
