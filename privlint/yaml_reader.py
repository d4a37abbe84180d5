"""Read one YAML file safely into plain data plus the position of every node.

The policy is read with YAML 1.2 core-schema meaning (``NO`` is the string "NO"),
whatever parser produces the events. The events come from libyaml through PyYAML's
C binding when it is available (fast, and it yields marks with line and column),
otherwise from PyYAML's pure-Python parser; scalars are resolved here, not by the
parser, so YAML 1.1 rules never leak in. ruamel.yaml is the library for YAML that
privlint *writes* (round-trip dumps keep comments and order).

Safety: nothing is constructed from tags, so nothing in a file is ever executed;
aliases are refused (no alias bombs); nesting depth and file size are bounded;
duplicate keys are reported with both lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from privlint.findings import Span
from privlint.pointers import child

MAX_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64

# YAML 1.2.2, section 10.3.2 (core schema): the only implicit non-string scalars.
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_BOOL_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT_DEC = re.compile(r"^[-+]?[0-9]+$")
_INT_OCT = re.compile(r"^0o[0-7]+$")
_INT_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")
# YAML 1.1 (yaml.org/type/bool.html) reads these as booleans; YAML 1.2 reads strings.
_YAML11_BOOL = frozenset(
    "y Y yes Yes YES n N no No NO on On ON off Off OFF".split()  # noqa: SIM905
)

_FLATTEN = "a policy needs only a few levels; flatten the structure"
_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = frozenset(_CORE + name for name in ("str", "int", "float", "bool", "null", "map", "seq")) | {"!"}


@dataclass(frozen=True, slots=True)
class Problem:
    """A reason the file cannot be read, located in it."""

    code: str  # YML001 syntax/encoding/shape, YML002 duplicate key, YML003 refused construct
    message: str
    span: Span
    hint: str = ""


@dataclass(slots=True)
class Document:
    """One file's data with the spans of its nodes and mapping keys, by JSON Pointer."""

    data: Any = None
    nodes: dict[str, Span] = field(default_factory=dict)
    keys: dict[str, Span] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


class _RefusedError(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _span(mark: Any) -> Span:
    return Span(mark.line + 1, mark.column + 1)


def _span_between(start: Any, end: Any) -> Span:
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def decode(raw: bytes) -> str | Problem:
    """Decode UTF-8 (a byte-order mark is allowed), or say where the first bad byte is."""
    if len(raw) > MAX_BYTES:
        return Problem(
            "YML003",
            f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}",
            Span(1, 1),
            "split the policy into several files",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        return Problem(
            "YML001",
            f"not UTF-8: byte 0x{raw[error.start]:02x} cannot be decoded",
            Span(line, column),
            "save the file as UTF-8",
        )


_PLAIN_VALUES: tuple[tuple[re.Pattern[str], Any], ...] = (
    (_NULL, lambda _: None),
    (_BOOL_TRUE, lambda _: True),
    (_BOOL_FALSE, lambda _: False),
    (_INT_DEC, int),
    (_INT_OCT, lambda v: int(v, 8)),
    (_INT_HEX, lambda v: int(v, 16)),
    (_FLOAT, float),
    (_INF, lambda v: float(v.replace(".", "", 1))),
    (_NAN, lambda _: float("nan")),
)


def resolve_plain(value: str) -> Any:
    """The YAML 1.2 core-schema value of a plain (unquoted) scalar."""
    for pattern, convert in _PLAIN_VALUES:
        if pattern.match(value):
            return convert(value)
    return value


def _resolve_tagged(event: Any) -> Any:
    tag = event.tag
    if tag is None or (event.implicit[0] and tag != "!"):
        return resolve_plain(event.value) if not event.style else event.value
    if tag in ("!", _CORE + "str"):
        return event.value
    value = resolve_plain(event.value)
    if not _FITS_TAG[tag](value):
        raise _RefusedError(
            Problem("YML003", f"{event.value!r} is not a valid {tag[len(_CORE) :]}", _span(event.start_mark))
        )
    return float(value) if tag == _CORE + "float" else value


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_FITS_TAG: dict[str, Callable[[Any], bool]] = {
    _CORE + "int": lambda value: _is_number(value) and isinstance(value, int),
    _CORE + "float": _is_number,
    _CORE + "bool": lambda value: isinstance(value, bool),
    _CORE + "null": lambda value: value is None,
    _CORE + "map": lambda _: False,
    _CORE + "seq": lambda _: False,
}


class _Frame:
    __slots__ = ("container", "key", "key_span", "pointer", "seen", "start")

    def __init__(self, container: dict[str, Any] | list[Any], pointer: str, start: Any) -> None:
        self.container = container
        self.pointer = pointer
        self.start = start
        self.key: str | None = None
        self.key_span: Span | None = None
        self.seen: dict[str, Span] = {}


def _events(text: str) -> Any:
    import yaml  # noqa: PLC0415 - lazy: the parser is only needed when a file is read

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.parse(text, Loader=loader)


def _check_tag(event: Any) -> None:
    tag = getattr(event, "tag", None)
    if tag is not None and tag not in _ALLOWED_TAGS:
        raise _RefusedError(
            Problem(
                "YML003",
                f"tag {tag!r} is not allowed; a policy is plain data",
                _span(event.start_mark),
                "remove the tag",
            )
        )


class _Builder:
    """Turns parser events into plain data, recording spans and problems."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.stack: list[_Frame] = []
        self.documents = 0

    def feed(self, event: Any) -> None:
        import yaml  # noqa: PLC0415

        if isinstance(event, yaml.DocumentStartEvent):
            self._start_document(event)
        elif isinstance(event, yaml.AliasEvent):
            raise _RefusedError(
                Problem(
                    "YML003",
                    f"alias '*{event.anchor}' is not allowed",
                    _span(event.start_mark),
                    "write the value out instead of using anchors and aliases",
                )
            )
        elif isinstance(event, yaml.ScalarEvent):
            _check_tag(event)
            self._scalar(event)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            _check_tag(event)
            self._open(event, {} if isinstance(event, yaml.MappingStartEvent) else [])
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = self.stack.pop()
            self.document.nodes[frame.pointer] = _span_between(frame.start, event.end_mark)

    def _start_document(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            raise _RefusedError(
                Problem(
                    "YML001",
                    "more than one YAML document in the file",
                    _span(event.start_mark),
                    "keep one document per file; split sections over several files instead",
                )
            )
        if event.version is not None and event.version != (1, 2):
            major, minor = event.version
            raise _RefusedError(
                Problem(
                    "YML003",
                    f"the file declares %YAML {major}.{minor}; privlint reads YAML 1.2 only",
                    _span(event.start_mark),
                    "remove the %YAML directive and quote values such as yes/no/on/off",
                )
            )

    def _place(self, value: Any, span: Span, event: Any) -> str | None:
        """Attach a value to the open collection; return its pointer (None for a key)."""
        if not self.stack:
            self.document.data = value
            self.document.nodes[""] = span
            return ""
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            pointer = child(frame.pointer, len(frame.container))
            frame.container.append(value)
            self.document.nodes[pointer] = span
            return pointer
        if frame.key is None:
            self._take_key(frame, span, event)
            return None
        pointer = child(frame.pointer, frame.key)
        if frame.key not in frame.container:
            frame.container[frame.key] = value
            self.document.nodes[pointer] = span
            self.document.keys[pointer] = frame.key_span or span
        frame.key = None
        return pointer

    def _take_key(self, frame: _Frame, span: Span, event: Any) -> None:
        import yaml  # noqa: PLC0415

        if not isinstance(event, yaml.ScalarEvent):
            raise _RefusedError(
                Problem("YML001", "a mapping key must be a plain value", span, "use a simple string key")
            )
        key = event.value
        first = frame.seen.get(key)
        if first is not None:
            self.document.problems.append(
                Problem(
                    "YML002",
                    f"duplicate key {key!r} (first defined at line {first.line}, column {first.column})",
                    span,
                    "remove or rename one of the two keys",
                )
            )
        else:
            frame.seen[key] = span
        frame.key = key
        frame.key_span = span

    def _scalar(self, event: Any) -> None:
        value = _resolve_tagged(event)
        span = _span_between(event.start_mark, event.end_mark)
        pointer = self._place(value, span, event)
        if (
            pointer is not None
            and event.tag is None
            and not event.style  # plain: None from PyYAML's parser, "" from libyaml's
            and event.value in _YAML11_BOOL
        ):
            self.document.warnings.append(
                Problem(
                    "YML004",
                    f"{event.value!r} is the string {event.value!r} in YAML 1.2, "
                    "but YAML 1.1 tools read it as a boolean",
                    span,
                    f'quote it: "{event.value}"',
                )
            )

    def _open(self, event: Any, container: dict[str, Any] | list[Any]) -> None:
        if len(self.stack) >= MAX_DEPTH:
            raise _RefusedError(
                Problem(
                    "YML003",
                    f"nesting is deeper than {MAX_DEPTH} levels",
                    _span(event.start_mark),
                    _FLATTEN,
                )
            )
        pointer = self._place(container, _span(event.start_mark), event)
        if pointer is None:
            raise _RefusedError(
                Problem(
                    "YML001",
                    "a mapping key must be a plain value",
                    _span(event.start_mark),
                    "use a simple string key",
                )
            )
        self.stack.append(_Frame(container, pointer, event.start_mark))


def read(text: str) -> Document:
    """Parse ``text``; problems are recorded on the document, never raised."""
    document = Document()
    builder = _Builder(document)
    _parse(text, builder)
    if document.problems:
        fatal = [p for p in document.problems if p.code != "YML002"]
        # After a fatal problem, reading stopped: that place is the one to report.
        document.problems = fatal[-1:] or sorted(document.problems, key=lambda p: (p.span.line, p.span.column))
    elif builder.documents == 0 or document.data is None:
        document.problems.append(
            Problem("YML001", "the file is empty", Span(1, 1), "add policy sections, e.g. 'controller:'")
        )
    elif not isinstance(document.data, dict):
        kind = "a list" if isinstance(document.data, list) else "a single value"
        document.problems.append(
            Problem(
                "YML001",
                f"the top level is {kind}; expected a mapping of policy sections",
                document.nodes[""],
                "start the file with a section key such as 'controller:'",
            )
        )
    if document.problems:
        document.data = None
    return document


def _parse(text: str, builder: _Builder) -> None:
    import yaml  # noqa: PLC0415

    problems = builder.document.problems
    try:
        for event in _events(text):
            builder.feed(event)
    except _RefusedError as refused:
        problems.append(refused.problem)
    except yaml.MarkedYAMLError as error:
        problems.append(_syntax_problem(error, text))
    except yaml.reader.ReaderError as error:  # a character YAML forbids, located by index
        span = _index_span(text, error.position)
        problems.append(Problem("YML001", f"{error.reason} (character #x{error.character:04x})", span))
    except yaml.YAMLError as error:
        problems.append(Problem("YML001", str(error).splitlines()[0], Span(1, 1)))


def _index_span(text: str, index: int) -> Span:
    line = text.count("\n", 0, index) + 1
    return Span(line, index - (text.rfind("\n", 0, index) + 1) + 1)


def _syntax_problem(error: Any, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    span = _span(mark) if mark is not None else Span(1, 1)
    if mark is not None and text[mark.index : mark.index + 1] == "\t":
        return Problem(
            "YML001", "syntax error: a tab is used where YAML allows only spaces", span, "indent with spaces"
        )
    problem = error.problem or error.context or "syntax error"
    if "maximum nesting depth" in problem:
        return Problem("YML003", f"nesting is deeper than the parser allows ({problem})", span, _FLATTEN)
    message = f"syntax error: {problem}"
    if error.context and error.problem:
        message += f" ({error.context})"
    return Problem("YML001", message, span)
