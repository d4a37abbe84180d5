"""The one record every problem becomes: a located, explained finding."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import NamedTuple


class Severity(enum.IntEnum):
    """How serious a finding is; ordered so that ``ERROR > WARNING > INFO``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.upper()]
        except KeyError:
            allowed = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {text!r}; expected one of: {allowed}") from None


class Span(NamedTuple):
    """A 1-based region of a file; ``end_*`` are inclusive-exclusive like SARIF regions."""

    line: int
    column: int
    end_line: int | None = None
    end_column: int | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """A rule's verdict on one place of the policy."""

    code: str
    name: str
    severity: Severity
    message: str
    file: str
    span: Span
    pointer: str
    articles: tuple[str, ...]
    hint: str
    waived: bool = False
    baseline: bool = False

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def column(self) -> int:
        return self.span.column

    @property
    def blocking(self) -> bool:
        """Whether the finding may fail the gate (neither waived nor known in the baseline)."""
        return not (self.waived or self.baseline)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.span.line, self.span.column, self.code, self.message)
