"""Read one YAML file safely into plain data plus the position of every node.

The policy is read with YAML 1.2 core-schema meaning (``NO`` is the string "NO"),
whatever parser produces the events. The events come from libyaml through PyYAML's
C binding when it is available (fast, and its marks give each event's character index),
otherwise from PyYAML's pure-Python parser; scalars are resolved here, not by the
parser, so YAML 1.1 rules never leak in. ruamel.yaml is the library for YAML that
privlint *writes* (round-trip dumps keep comments and order).

Both parsers read YAML 1.1 characters too: to them NEL (U+0085), LINE SEPARATOR (U+2028)
and PARAGRAPH SEPARATOR (U+2029) are line breaks, so a raw one folds a quoted string, ends a
comment early or splits a plain scalar. In YAML 1.2 they are ordinary characters: the text
the parser sees has each replaced by a private-use character that occurs nowhere in the
file, and the values are given back their own characters (see ``_Shield``).

Safety: nothing is constructed from tags, so nothing in a file is ever executed;
aliases are refused (no alias bombs); nesting depth and file size are bounded;
duplicate keys are reported with both lines.

Positions are kept in a *span tree* that mirrors the data instead of a table keyed by
JSON Pointer: building a pointer string and a ``Span`` object for each of the millions of
nodes of a large register cost more than parsing it. A record is a plain tuple of
character indices into the text:

- a sequence item or the root: ``(start, end, children)``
- a mapping member: ``(key_start, key_end, start, end, children)``

with ``children`` ``None`` for a scalar, a list of item records for a sequence and a dict
of member records by key for a mapping; ends are exclusive. ``Lines`` turns an index into a
1-based line and column, counting characters and the line breaks an editor counts (LF,
CR LF, CR), not the parser's: only for the places that are reported, so a clean file never
pays for it. ``Document.nodes`` and ``Document.keys`` present the tree as mappings from
JSON Pointer to ``Span``; ``locate`` walks it for one pointer.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping
from itertools import accumulate
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

# The line breaks of YAML 1.2 (and of editors): CR LF, CR, LF. Not NEL, LS, PS (YAML 1.1).
_BREAK = re.compile(r"\r\n?|\n")
_YAML11_BREAKS = {"\x85": "NEL", "\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR"}
# Where the stand-ins for those come from: private-use characters, which both parsers read as
# ordinary printable characters (a plain scalar may start with one, as with a letter).
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")

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


class Lines:
    """Line and column of a character index into a text, as an editor shows them.

    Both are 1-based and count characters (not bytes); CR LF, a lone CR and LF end a line.
    ``offset`` is added to every index first: libyaml does not count a byte-order mark that
    starts the text it is given. The table of line starts is built on the first question.
    """

    __slots__ = ("_offset", "_starts", "text")

    def __init__(self, text: str, offset: int = 0) -> None:
        self.text = text
        self._offset = offset
        self._starts: list[int] | None = None

    def position(self, index: int) -> tuple[int, int]:
        text = self.text
        index = max(0, min(index + self._offset, len(text)))
        if index and text[index - 1 : index + 1] == "\r\n":  # between CR and LF: at the line break
            index -= 1
        starts = self._starts
        if starts is None:
            starts = self._starts = _line_starts(text)
        line = bisect_right(starts, index)
        return line, index - starts[line - 1] + 1

    def character(self, index: int) -> str:
        """The character at ``index`` ("" at the end of the text)."""
        index += self._offset
        return self.text[index : index + 1]

    def span(self, start: int, end: int | None = None) -> Span:
        """The span from ``start`` to ``end`` (exclusive), or of the place ``start`` alone."""
        if end is None:
            return Span(*self.position(start))
        return Span(*self.position(start), *self.position(end))


def _line_starts(text: str) -> list[int]:
    """The index at which each line of ``text`` starts."""
    if "\r" in text:
        return [0, *(match.end() for match in _BREAK.finditer(text))]
    # LF only, the usual case: C loops only, about twice as fast on a large register.
    return list(accumulate(map((1).__add__, map(len, text.split("\n"))), initial=0))[:-1]


class Document:
    """One file's data with the span tree of its nodes (see the module docstring)."""

    __slots__ = ("data", "lines", "problems", "tree", "warnings")

    def __init__(self, lines: Lines | None = None) -> None:
        self.data: Any = None
        self.lines = lines if lines is not None else Lines("")
        self.tree: Record | None = None  # the root's record: (start, end, children)
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    @property
    def nodes(self) -> Mapping[str, Span]:
        """The span of every node (the root at ``""``), by JSON Pointer."""
        return SpanTable(self.tree, lambda _section: self.lines, keys=False)

    @property
    def keys(self) -> Mapping[str, Span]:
        """The span of the key of every mapping member, by JSON Pointer."""
        return SpanTable(self.tree, lambda _section: self.lines, keys=True)


def node_span(record: Record, lines: Lines) -> Span:
    """The span of the node of ``record`` (a member's value, or an item)."""
    return lines.span(record[-3], record[-2])


def key_span(record: Record, lines: Lines) -> Span | None:
    """The span of the key of ``record``, or None for a sequence item or the root."""
    return lines.span(record[0], record[1]) if len(record) == 5 else None


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
    """A span tree seen as a read-only mapping from JSON Pointer to node (or key) span.

    ``lines_of`` gives the ``Lines`` of the file that holds the top-level member named (the
    merged policy's sections come from several files).
    """

    __slots__ = ("_keys", "_lines_of", "_root", "_with_root")

    def __init__(
        self, root: Record | None, lines_of: Callable[[str], Lines], *, keys: bool, with_root: bool = True
    ) -> None:
        self._root = root
        self._lines_of = lines_of
        self._keys = keys
        self._with_root = with_root  # whether the root itself is the node at ""

    def __getitem__(self, pointer: str) -> Span:
        if self._root is None:
            raise KeyError(pointer)
        if not pointer:
            if self._keys or not self._with_root:
                raise KeyError(pointer)
            return node_span(self._root, self._lines_of(""))
        path = tokens(pointer)
        found = trail(self._root, path)
        if len(found) < len(path):
            raise KeyError(pointer)
        lines = self._lines_of(path[0])
        span = key_span(found[-1], lines) if self._keys else node_span(found[-1], lines)
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
            if not self._keys or len(below) == 5:
                yield here
            yield from self._below(here, below)

    def __len__(self) -> int:
        return sum(1 for _ in self)


class _RefusedError(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


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
        # error.object is what was decoded: the bytes after a byte-order mark, if there is one.
        before = error.object[: error.start].decode("utf-8")
        return Problem(
            "YML001",
            f"not UTF-8: byte 0x{error.object[error.start]:02x} cannot be decoded",
            Lines(before).span(len(before)),
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


class _Shield:
    """Stand-ins for the characters that YAML 1.1 parsers take for line breaks (NEL, LS, PS).

    ``text`` is what the parser reads: the same length, each such character replaced by a
    private-use character that the file does not contain. ``restore`` gives values back
    their own characters. ``missing`` names a character for which no stand-in was free.
    """

    __slots__ = ("missing", "restore", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.restore: dict[int, str] | None = None
        self.missing: str | None = None
        present = [character for character in _YAML11_BREAKS if character in text]
        if not present:
            return
        used = set(_PRIVATE_USE.findall(text))
        free = (chr(code) for code in range(0xE000, 0xF900) if chr(code) not in used)
        stand_ins = {character: next(free, None) for character in present}
        self.missing = next((c for c, stand_in in stand_ins.items() if stand_in is None), None)
        if self.missing is not None:
            return
        self.text = text.translate({ord(c): stand_in for c, stand_in in stand_ins.items()})
        self.restore = {ord(stand_in): c for c, stand_in in stand_ins.items() if stand_in is not None}

    def value(self, text: str) -> str:
        return text.translate(self.restore) if self.restore is not None else text


class _Frame:
    """An open mapping or sequence: its data, its children's records, and the member it is."""

    __slots__ = ("children", "container", "is_mapping", "key", "key_span", "member_key", "member_span", "start")

    def __init__(self, container: Any, children: Any, start: int, member: tuple[str, Record] | None) -> None:
        # A dict (mapping) or a list (sequence); ``children`` is of the same kind. Typed Any:
        # the hot path tells them apart by class, which the type checker cannot follow.
        self.container: Any = container
        self.children: Any = children
        self.is_mapping = container.__class__ is dict
        self.start = start  # character index of the collection's first character
        self.key: str | None = None  # a mapping's key waiting for its value
        self.key_span: Record = ()  # (start, end) of that key
        # The key and key span under which this collection is a member of its parent mapping.
        self.member_key: str | None = member[0] if member is not None else None
        self.member_span: Record = member[1] if member is not None else ()


def _parser(text: str) -> Any:
    """libyaml's parser through PyYAML's C binding, or PyYAML's own when that is missing."""
    import yaml  # noqa: PLC0415 - lazy: the parser is only needed when a file is read

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)


class _Builder:
    """Turns parser events into plain data and a span tree, recording problems."""

    def __init__(self, document: Document, shield: _Shield) -> None:
        self.document = document
        self.lines = document.lines
        self.shield = shield
        self.stack: list[_Frame] = []
        self.top: _Frame | None = None  # the innermost open collection: stack[-1]
        self.documents = 0

    def handlers(self) -> dict[type, Callable[[Any], None]]:
        """The handler of each event class (dispatch by class: one dict lookup per event)."""
        import yaml  # noqa: PLC0415

        return {
            yaml.ScalarEvent: self.scalar if self.shield.restore is None else self.shielded_scalar,
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

    def at(self, mark: Any) -> Span:
        """The place of a parser's mark."""
        return self.lines.span(mark.index)

    def refuse(self, code: str, message: str, mark: Any, hint: str = "") -> _RefusedError:
        return _RefusedError(Problem(code, message, self.at(mark), hint))

    def start_document(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            raise self.refuse(
                "YML001",
                "more than one YAML document in the file",
                event.start_mark,
                "keep one document per file; split sections over several files instead",
            )
        if event.version is not None and event.version != (1, 2):
            major, minor = event.version
            raise self.refuse(
                "YML003",
                f"the file declares %YAML {major}.{minor}; privlint reads YAML 1.2 only",
                event.start_mark,
                "remove the %YAML directive and quote values such as yes/no/on/off",
            )

    def alias(self, event: Any) -> None:
        raise self.refuse(
            "YML003",
            f"alias '*{event.anchor}' is not allowed",
            event.start_mark,
            "write the value out instead of using anchors and aliases",
        )

    def _refuse_tag(self, event: Any) -> _RefusedError:
        return self.refuse(
            "YML003", f"tag {event.tag!r} is not allowed; a policy is plain data", event.start_mark, "remove the tag"
        )

    def tagged_value(self, event: Any) -> Any:
        """The value of a scalar with an explicit tag, which must be one of the core schema's."""
        tag = event.tag
        if tag not in _ALLOWED_TAGS:
            raise self._refuse_tag(event)
        if tag is None or (event.implicit[0] and tag != "!"):
            return resolve_plain(event.value) if not event.style else event.value
        if tag in ("!", _CORE + "str"):
            return event.value
        value = resolve_plain(event.value)
        if not _FITS_TAG[tag](value):
            raise self.refuse("YML003", f"{event.value!r} is not a valid {tag[len(_CORE) :]}", event.start_mark)
        return float(value) if tag == _CORE + "float" else value

    def shielded_scalar(self, event: Any) -> None:
        event.value = self.shield.value(event.value)
        self.scalar(event)

    def scalar(self, event: Any) -> None:
        # The hot path: most events of a policy are scalars, and half of them are keys.
        tag = event.tag
        value = event.value
        if tag is not None:
            resolved = self.tagged_value(event)
        span = (event.start_mark.index, event.end_mark.index)
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
        line, column = self.lines.position(first[0])
        self.document.problems.append(
            Problem(
                "YML002",
                f"duplicate key {key!r} (first defined at line {line}, column {column})",
                self.lines.span(*span),
                "remove or rename one of the two keys",
            )
        )

    def _yaml11_boolean(self, value: str, span: Record) -> None:
        self.document.warnings.append(
            Problem(
                "YML004",
                f"{value!r} is the string {value!r} in YAML 1.2, but YAML 1.1 tools read it as a boolean",
                self.lines.span(*span),
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
            raise self._refuse_tag(event)
        stack = self.stack
        if len(stack) >= MAX_DEPTH:
            raise self.refuse("YML003", f"nesting is deeper than {MAX_DEPTH} levels", event.start_mark, _FLATTEN)
        member = None
        if stack:
            parent = stack[-1]
            if parent.is_mapping:
                if parent.key is None:
                    raise self.refuse(
                        "YML001", "a mapping key must be a plain value", event.start_mark, "use a simple string key"
                    )
                member = (parent.key, parent.key_span)
                parent.key = None
        self.top = _Frame(container, children, event.start_mark.index, member)
        stack.append(self.top)

    def close(self, event: Any) -> None:
        frame = self.stack.pop()
        span = (frame.start, event.end_mark.index)
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
    shield = _Shield(text)
    # libyaml skips a byte-order mark at the start of its input without counting it.
    skipped = 1 if text.startswith("\ufeff") and _is_libyaml() else 0
    document = Document(Lines(text, skipped))
    if shield.missing is not None:
        document.problems.append(_unshieldable(text, shield.missing))
    else:
        builder = _Builder(document, shield)
        _parse(shield, builder)
        _settle(document, builder)
    if document.problems:
        document.data = None
    return document


def _settle(document: Document, builder: _Builder) -> None:
    """Keep the problem to report, or find one in a document that was read to its end."""
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


def _unshieldable(text: str, character: str) -> Problem:
    """A file that holds every private-use character and one YAML 1.1 reads as a line break."""
    name = _YAML11_BREAKS[character]
    escape = f"\\u{ord(character):04x}" if character != "\x85" else "\\x85"
    return Problem(
        "YML001",
        f"the file holds U+{ord(character):04X} ({name}), which YAML 1.1 parsers read as a line break, "
        "and every private-use character, so privlint cannot read it as YAML 1.2",
        Lines(text).span(text.index(character)),
        f'write it as the escape "{escape}" in a double-quoted string',
    )


def _is_libyaml() -> bool:
    import yaml  # noqa: PLC0415

    return hasattr(yaml, "CSafeLoader")


def _parse(shield: _Shield, builder: _Builder) -> None:
    import yaml  # noqa: PLC0415

    text = shield.text
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
        problems.append(_syntax_problem(error, builder.lines))
    except yaml.reader.ReaderError as error:  # a character YAML forbids
        index = _character_index(text, error.position)
        problems.append(
            Problem("YML001", f"{error.reason} (character #x{error.character:04x})", builder.lines.span(index))
        )
    except yaml.YAMLError as error:
        problems.append(Problem("YML001", str(error).splitlines()[0], Span(1, 1)))
    finally:
        if parser is not None:
            parser.dispose()


def _character_index(text: str, position: int) -> int:
    """The character index of a reader error: libyaml gives the offset in the UTF-8 bytes it read."""
    if not _is_libyaml():
        return position  # PyYAML's own reader counts characters
    return len(text.encode("utf-8", "surrogatepass")[:position].decode("utf-8", "ignore"))


def _syntax_problem(error: Any, lines: Lines) -> Problem:
    mark = error.problem_mark or error.context_mark
    span = lines.span(mark.index) if mark is not None else Span(1, 1)
    if mark is not None and lines.character(mark.index) == "\t":
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
