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

Positions are kept in a *span tree* that mirrors the data instead of a table keyed by
JSON Pointer: building a pointer string and a ``Span`` object for each of the millions of
nodes of a large register cost more than parsing it. A record is a plain tuple:

- a sequence item or the root: ``(line, column, end_line, end_column, children)``
- a mapping member: ``(key_line, key_column, key_end_line, key_end_column,
  line, column, end_line, end_column, children)``

with ``children`` ``None`` for a scalar, a list of item records for a sequence and a dict
of member records by key for a mapping. Lines and columns are 1-based; ends are exclusive.
``Document.nodes`` and ``Document.keys`` present the tree as mappings from JSON Pointer to
``Span``; ``locate`` walks it for one pointer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any, NamedTuple

from privlint.findings import Span
from privlint.pointers import child, tokens

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
# Every core-schema value that is not a string starts with one of these (or is empty), so
# the patterns above need not be tried on the other scalars: most of a policy is words.
_TYPED_FIRST = frozenset("~nNtTfF-+.0123456789")
# YAML 1.1 (yaml.org/type/bool.html) reads these as booleans; YAML 1.2 reads strings.
_YAML11_BOOL = frozenset(
    "y Y yes Yes YES n N no No NO on On ON off Off OFF".split()  # noqa: SIM905
)

_FLATTEN = "a policy needs only a few levels; flatten the structure"
_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = frozenset(_CORE + name for name in ("str", "int", "float", "bool", "null", "map", "seq")) | {"!"}

_INDEX = re.compile(r"0|[1-9][0-9]*")  # a JSON Pointer token that indexes a list (RFC 6901)

# A record of the span tree (see the module docstring).
Record = tuple[Any, ...]
Children = dict[str, Record] | list[Record] | None


class Problem(NamedTuple):
    """A reason the file cannot be read, located in it."""

    # NamedTuple rather than a frozen dataclass here and below: a dataclass costs about half
    # a millisecond to create at import, and pre-commit pays every import on every commit.
    code: str  # YML001 syntax/encoding/shape, YML002 duplicate key, YML003 refused construct
    message: str
    span: Span
    hint: str = ""


class Document:
    """One file's data with the span tree of its nodes (see the module docstring)."""

    __slots__ = ("data", "problems", "tree", "warnings")

    def __init__(self) -> None:
        self.data: Any = None
        self.tree: Record | None = None  # the root's record: (line, column, end_line, end_column, children)
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    @property
    def nodes(self) -> Mapping[str, Span]:
        """The span of every node (the root at ``""``), by JSON Pointer."""
        return SpanTable(self.tree, keys=False)

    @property
    def keys(self) -> Mapping[str, Span]:
        """The span of the key of every mapping member, by JSON Pointer."""
        return SpanTable(self.tree, keys=True)


def node_span(record: Record) -> Span:
    """The span of the node of ``record`` (a member's value, or an item)."""
    return Span(*record[-5:-1])


def key_span(record: Record) -> Span | None:
    """The span of the key of ``record``, or None for a sequence item or the root."""
    return Span(*record[:4]) if len(record) == 9 else None


def step(record: Record, token: str) -> Record | None:
    """The record of the child ``token`` (a JSON Pointer token, unescaped) of ``record``."""
    children = record[-1]
    if isinstance(children, dict):
        return children.get(token)
    if isinstance(children, list) and _INDEX.fullmatch(token):
        index = int(token)
        return children[index] if index < len(children) else None
    return None


def trail(record: Record, path: list[str]) -> list[Record]:
    """The records along ``path`` below ``record``, as far as the path exists."""
    found: list[Record] = []
    for token in path:
        below = step(record, token)
        if below is None:
            break
        found.append(below)
        record = below
    return found


class SpanTable(Mapping[str, Span]):
    """A span tree seen as a read-only mapping from JSON Pointer to node (or key) span."""

    __slots__ = ("_keys", "_root", "_with_root")

    def __init__(self, root: Record | None, *, keys: bool, with_root: bool = True) -> None:
        self._root = root
        self._keys = keys
        self._with_root = with_root  # whether the root itself is the node at ""

    def __getitem__(self, pointer: str) -> Span:
        if self._root is None:
            raise KeyError(pointer)
        if not pointer:
            if self._keys or not self._with_root:
                raise KeyError(pointer)
            return node_span(self._root)
        path = tokens(pointer)
        found = trail(self._root, path)
        if len(found) < len(path):
            raise KeyError(pointer)
        span = key_span(found[-1]) if self._keys else node_span(found[-1])
        if span is None:
            raise KeyError(pointer)
        return span

    def __iter__(self) -> Iterator[str]:
        if self._root is None:
            return
        if not self._keys and self._with_root:
            yield ""
        yield from self._below("", self._root)

    def _below(self, pointer: str, record: Record) -> Iterator[str]:
        children = record[-1]
        members = children.items() if isinstance(children, dict) else enumerate(children or ())
        for token, below in members:
            here = child(pointer, token)
            if not self._keys or len(below) == 9:
                yield here
            yield from self._below(here, below)

    def __len__(self) -> int:
        return sum(1 for _ in self)


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
    if value and value[0] not in _TYPED_FIRST:
        return value
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


def _tagged_value(event: Any) -> Any:
    """The value of a scalar with an explicit tag, which must be one of the core schema's."""
    if event.tag not in _ALLOWED_TAGS:
        raise _refuse_tag(event)
    return _resolve_tagged(event)


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
    """An open mapping or sequence: its data, its children's records, and the member it is."""

    __slots__ = (
        "children",
        "column",
        "container",
        "is_mapping",
        "key",
        "key_span",
        "line",
        "member_key",
        "member_span",
    )

    def __init__(self, container: Any, children: Any, start: Any, member: tuple[str, Record] | None) -> None:
        # A dict (mapping) or a list (sequence); ``children`` is of the same kind. Typed Any:
        # the hot path tells them apart by class, which the type checker cannot follow.
        self.container: Any = container
        self.children: Any = children
        self.is_mapping = container.__class__ is dict
        self.line: int = start.line + 1
        self.column: int = start.column + 1
        self.key: str | None = None  # a mapping's key waiting for its value
        self.key_span: Record = ()
        # The key and key span under which this collection is a member of its parent mapping.
        self.member_key: str | None = member[0] if member is not None else None
        self.member_span: Record = member[1] if member is not None else ()


def _parser(text: str) -> Any:
    """libyaml's parser through PyYAML's C binding, or PyYAML's own when that is missing."""
    import yaml  # noqa: PLC0415 - lazy: the parser is only needed when a file is read

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)


def _refuse_tag(event: Any) -> _RefusedError:
    return _RefusedError(
        Problem(
            "YML003",
            f"tag {event.tag!r} is not allowed; a policy is plain data",
            _span(event.start_mark),
            "remove the tag",
        )
    )


def _plain_key_required(event: Any) -> _RefusedError:
    return _RefusedError(
        Problem("YML001", "a mapping key must be a plain value", _span(event.start_mark), "use a simple string key")
    )


class _Builder:
    """Turns parser events into plain data and a span tree, recording problems."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.stack: list[_Frame] = []
        self.top: _Frame | None = None  # the innermost open collection: stack[-1]
        self.documents = 0

    def handlers(self) -> dict[type, Callable[[Any], None]]:
        """The handler of each event class (dispatch by class: one dict lookup per event)."""
        import yaml  # noqa: PLC0415

        return {
            yaml.ScalarEvent: self.scalar,
            yaml.MappingStartEvent: self.open_mapping,
            yaml.SequenceStartEvent: self.open_sequence,
            yaml.MappingEndEvent: self.close,
            yaml.SequenceEndEvent: self.close,
            yaml.AliasEvent: self.alias,
            yaml.DocumentStartEvent: self.start_document,
            yaml.DocumentEndEvent: _ignore,
            yaml.StreamStartEvent: _ignore,
            yaml.StreamEndEvent: _ignore,
        }

    def start_document(self, event: Any) -> None:
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

    def alias(self, event: Any) -> None:
        raise _RefusedError(
            Problem(
                "YML003",
                f"alias '*{event.anchor}' is not allowed",
                _span(event.start_mark),
                "write the value out instead of using anchors and aliases",
            )
        )

    def scalar(self, event: Any) -> None:
        # The hot path: most events of a policy are scalars, and half of them are keys.
        tag = event.tag
        value = event.value
        if tag is not None:
            resolved = _tagged_value(event)
        start, end = event.start_mark, event.end_mark
        span = (start.line + 1, start.column + 1, end.line + 1, end.column + 1)
        frame = self.top
        if frame is not None and frame.is_mapping and frame.key is None:  # a key: it stays the string written
            if value in frame.children:
                self._duplicate(frame.children[value], value, span)
            frame.key = value
            frame.key_span = span
            return
        plain = tag is None and not event.style  # style: None from PyYAML's parser, "" from libyaml's
        if tag is not None:
            value = resolved
        elif plain and (not value or value[0] in _TYPED_FIRST):
            value = resolve_plain(value)
        if frame is None:
            self.document.data = value
            self.document.tree = (*span, None)
        elif not frame.is_mapping:
            frame.container.append(value)
            frame.children.append((*span, None))
        else:
            key = frame.key
            if key not in frame.children:
                frame.container[key] = value
                frame.children[key] = (*frame.key_span, *span, None)
            frame.key = None
        if plain and event.value in _YAML11_BOOL:
            self._yaml11_boolean(event.value, span)

    def _duplicate(self, first: Record, key: str, span: Record) -> None:
        self.document.problems.append(
            Problem(
                "YML002",
                f"duplicate key {key!r} (first defined at line {first[0]}, column {first[1]})",
                Span(*span),
                "remove or rename one of the two keys",
            )
        )

    def _yaml11_boolean(self, value: str, span: Record) -> None:
        self.document.warnings.append(
            Problem(
                "YML004",
                f"{value!r} is the string {value!r} in YAML 1.2, but YAML 1.1 tools read it as a boolean",
                Span(*span),
                f'quote it: "{value}"',
            )
        )

    def open_mapping(self, event: Any) -> None:
        self._open(event, {}, {})

    def open_sequence(self, event: Any) -> None:
        self._open(event, [], [])

    def _open(self, event: Any, container: dict[str, Any] | list[Any], children: Children) -> None:
        tag = event.tag
        if tag is not None and tag not in _ALLOWED_TAGS:
            raise _refuse_tag(event)
        stack = self.stack
        if len(stack) >= MAX_DEPTH:
            raise _RefusedError(
                Problem("YML003", f"nesting is deeper than {MAX_DEPTH} levels", _span(event.start_mark), _FLATTEN)
            )
        member = None
        if stack:
            parent = stack[-1]
            if parent.is_mapping:
                if parent.key is None:
                    raise _plain_key_required(event)
                member = (parent.key, parent.key_span)
                parent.key = None
        self.top = _Frame(container, children, event.start_mark, member)
        stack.append(self.top)

    def close(self, event: Any) -> None:
        frame = self.stack.pop()
        end = event.end_mark
        span = (frame.line, frame.column, end.line + 1, end.column + 1)
        if not self.stack:
            self.top = None
            self.document.data = frame.container
            self.document.tree = (*span, frame.children)
            return
        parent = self.top = self.stack[-1]
        if frame.member_key is None:
            parent.container.append(frame.container)
            parent.children.append((*span, frame.children))
        elif frame.member_key not in parent.container:
            parent.container[frame.member_key] = frame.container
            parent.children[frame.member_key] = (*frame.member_span, *span, frame.children)


def _ignore(_event: Any) -> None:
    pass


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
    handlers = builder.handlers()
    parser = None
    try:
        parser = _parser(text)
        # get_event() directly, not yaml.parse(): that generator and its check_event() per
        # event cost about a fifth of reading a large file. None follows the stream's end.
        next_event = parser.get_event
        event = next_event()
        while event is not None:
            handlers[event.__class__](event)
            event = next_event()
    except _RefusedError as refused:
        problems.append(refused.problem)
    except yaml.MarkedYAMLError as error:
        problems.append(_syntax_problem(error, text))
    except yaml.reader.ReaderError as error:  # a character YAML forbids, located by index
        span = _index_span(text, error.position)
        problems.append(Problem("YML001", f"{error.reason} (character #x{error.character:04x})", span))
    except yaml.YAMLError as error:
        problems.append(Problem("YML001", str(error).splitlines()[0], Span(1, 1)))
    finally:
        if parser is not None:
            parser.dispose()


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
