"""What a rule is: a code, a name, a severity, the law it enforces, and a check.

A check is a pure function of the policy model that yields ``Hit``s: *where* (a JSON
Pointer) and *what* (a message). The engine stamps code, severity, file and position.
The check's docstring is the user documentation: a one-line summary, a plain-language
explanation, and a failing and a passing example that run as tests.
"""

from __future__ import annotations

import enum
import re
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from privlint.findings import Severity

if TYPE_CHECKING:
    from privlint.model import Policy

ERROR = Severity.ERROR
WARNING = Severity.WARNING
INFO = Severity.INFO

CODE_PATTERN = re.compile(r"^[A-Z]{2,4}[0-9]{3}$")  # family (REF, BE, LANG) and number


class Stage(enum.Enum):
    """Where in the pipeline a rule's findings are produced (see ``privlint.engine``)."""

    READING = "reading"  # the YAML reader and loader: the file can be read safely
    SCHEMA = "schema"  # the JSON Schema: the policy has the model's shape
    MODEL = "model"  # a check function of the model: the compliance rules
    WAIVERS = "waivers"  # the waivers file and its hygiene
    NOTICE = "notice"  # the published notice compared with the model (``privlint diff``)


class Hit(NamedTuple):
    """One place where a rule fires; ``at_key`` locates a mapping member at its key.

    ``severity`` lowers (or raises) one finding below the rule's own severity, for a rule
    whose findings differ in weight (BE002: a wrong address is an error, a missing phone
    number a remark); a severity configured for the rule still applies to all of them.
    """

    pointer: str
    message: str
    hint: str | None = None
    at_key: bool = False
    severity: Severity | None = None


Check = Callable[["Policy"], Iterator[Hit]]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    articles: tuple[str, ...]
    hint: str
    summary: str
    explanation: str
    fails: str | None = None
    passes: str | None = None
    check: Check | None = field(default=None, compare=False, repr=False)
    stage: Stage = Stage.MODEL

    @property
    def family(self) -> str:
        return self.code.rstrip("0123456789")

    @property
    def always_on(self) -> bool:
        """Reading and schema errors stop the checks, so no selection can hide them."""
        return self.stage in {Stage.READING, Stage.SCHEMA} and self.severity is Severity.ERROR

    def __call__(self, policy: Policy) -> Iterator[Hit]:
        if self.check is None:
            return iter(())
        return self.check(policy)


def rule(
    code: str,
    name: str,
    *,
    severity: Severity,
    articles: tuple[str, ...],
    hint: str,
) -> Callable[[Check], Rule]:
    """Turn a documented check function into a ``Rule``."""

    def make(check: Check) -> Rule:
        summary, explanation, fails, passes = parse_doc(check.__doc__ or "")
        return Rule(code, name, severity, articles, hint, summary, explanation, fails, passes, check, Stage.MODEL)

    return make


def describe(
    code: str,
    name: str,
    *,
    stage: Stage,
    severity: Severity,
    articles: tuple[str, ...],
    hint: str,
    doc: str,
) -> Rule:
    """A rule without a check function: the engine produces its findings at ``stage``."""
    summary, explanation, fails, passes = parse_doc(doc)
    return Rule(code, name, severity, articles, hint, summary, explanation, fails, passes, None, stage)


_EXAMPLE = re.compile(r"^(Fails|Passes)::\s*$", re.MULTILINE)


def parse_doc(doc: str) -> tuple[str, str, str | None, str | None]:
    """Split a rule docstring into summary, explanation, failing and passing example."""
    # Not inspect.cleandoc: it expands tabs, and an example may need a literal tab.
    first, _, rest = doc.strip("\n").partition("\n")
    text = first.strip() + "\n" + textwrap.dedent(rest)
    parts = _EXAMPLE.split(text)
    head = parts[0].strip()
    summary, _, explanation = head.partition("\n")
    examples: dict[str, str] = {}
    for label, body in zip(parts[1::2], parts[2::2], strict=True):
        examples[label] = textwrap.dedent(body).strip("\n") + "\n"
    return summary.strip(), explanation.strip(), examples.get("Fails"), examples.get("Passes")
