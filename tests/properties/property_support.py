"""Helpers for the property tests: lint a written policy, run the rules on data in memory."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from privlint import catalogue, model, schema
from privlint.config import Config
from privlint.engine import lint
from privlint.findings import Finding
from privlint.result import Result

from strategies import Written

READING = ("YML", "SCH")


def lint_written(
    written: Written, config: Config | None = None, *, extra: Mapping[str, str] | None = None, today: date | None = None
) -> Result:
    """Lint the files of ``written`` (and ``extra`` files, e.g. waivers.yaml) in a temporary directory.

    Findings name their file by its bare name.
    """
    with tempfile.TemporaryDirectory() as folder:
        for name, text in {**written.files, **(extra or {})}.items():
            (Path(folder) / name).write_text(text, encoding="utf-8")
        result = lint([Path(folder)], config or Config(), today=today)
    result.findings = [_relative(finding, folder) for finding in result.findings]
    return result


def _relative(finding: Finding, folder: str) -> Finding:
    from dataclasses import replace  # noqa: PLC0415

    return replace(finding, file=Path(finding.file).name) if finding.file.startswith(folder) else finding


def triples(findings: Iterable[Finding]) -> list[tuple[str, str, str]]:
    return [(f.code, f.pointer, f.message) for f in findings]


def hits(data: Mapping[str, Any], settings: model.Settings | None = None) -> Iterator[tuple[str, str, str]]:
    """Every rule's hits on schema-valid ``data``: ``(code, pointer, message)``, without files."""
    policy = model.build(data, settings)
    for rule in catalogue.registry().values():
        if rule.check is not None:
            for hit in rule(policy):
                yield (rule.code, hit.pointer, hit.message)


def rule_hits(code: str, data: Mapping[str, Any], settings: model.Settings | None = None) -> list[str]:
    """The pointers at which rule ``code`` fires on ``data``, in the order it reports them."""
    policy = model.build(data, settings)
    return [hit.pointer for hit in catalogue.registry()[code](policy)]


def schema_errors(data: Any) -> list[str]:
    return [f"{v.pointer}: {v.message}" for v in schema.validate(data)]


def examples(share: float) -> int:
    """``share`` of the profile's ``max_examples`` (the ci profile runs four times the default's)."""
    from hypothesis import settings  # noqa: PLC0415

    return max(3, round(settings.default.max_examples * share))
