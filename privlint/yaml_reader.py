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
nodes of a large register cost more than parsing it. A record is a plain tuple of one
character index into the text and lengths from there:

- a sequence item or the root: ``(start, length, children)``
- a mapping member: ``(key_start, key_length, gap, length, children)``, its value starting
  ``gap`` characters after the key's end

with ``children`` ``None`` for a scalar, a list of item records for a sequence and a dict
of member records by key for a mapping. Lengths and gaps rather than end indices: Python
shares one object for each integer up to 256, so most of them cost nothing, where every
index into a large file is an integer object of 28 bytes (issue 16: 55 MB of a 20 MB
register). ``Lines`` turns an index into a
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
from pathlib import Path
from typing import Any, NamedTuple

from privlint import files
from privlint.findings import Span
from privlint.pointers import child, tokens

MAX_BYTES = files.MAX_BYTES
MAX_DEPTH = 64
# Python converts integers to and from decimal text only up to 4,300 digits (its default
# ``sys.get_int_max_str_digits()``, CPython 3.11+): a longer one would fail wherever it is
# shown, so it is refused while reading, located, like the other limits.
MAX_INTEGER_DIGITS = 4300

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
# Also read for the waivers file, which max_file_mib does not cover: the hint says which files it does.
_SPLIT = "split it into several files (one per section); max_file_mib in [tool.privlint] raises it for policy files"
_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = frozenset(_CORE + name for name in ("str", "int", "float", "bool", "null", "map", "seq")) | {"!"}

# Where an anchor could be: '&' at the start of a node, followed by a character of its name
# (YAML 1.2.2, 6.9.2). Text such as "Smet & Jet" does not match; a quoted "&x" may, harmlessly.
# The expression starts with the '&' so that ``re`` skips to each one; what may stand before
# it is tested apart (an expression that starts with that choice tried every position: 0.46 s
# for a file of 19 MB, against 0.007 s, measured 2026-12-04). A byte-order mark counts as
# the start of the text: the parser skips it.
_AMPERSAND_AND_NAME = re.compile(r"&[^ \t\r\n\[\]{},]")
_BEFORE_A_NODE = frozenset(" \t\r\n[{,:\ufeff")
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
        self.tree: Record | None = None  # the root's record: (start, length, children)
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
    start, end = node_range(record)
    return lines.span(start, end)


def node_range(record: Record) -> tuple[int, int]:
    """The character indices where the node of ``record`` starts and ends (exclusive)."""
    if len(record) == 5:
        key_start, key_length, gap, length, _ = record
        start = key_start + key_length + gap
        return start, start + length
    return record[0], record[0] + record[1]


def key_span(record: Record, lines: Lines) -> Span | None:
    """The span of the key of ``record``, or None for a sequence item or the root."""
    return lines.span(record[0], record[0] + record[1]) if len(record) == 5 else None


def _member(key: Record, start: int, end: int, children: Children) -> Record:
    """The record of a mapping member whose key spans ``key`` and whose value runs from ``start`` to ``end``."""
    key_start, key_end = key
    return (key_start, key_end - key_start, start - key_end, end - start, children)


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


def read_file(path: Path, limit: int = MAX_BYTES) -> str | Problem:
    """The text of the file at ``path``, or why it cannot be read as a policy file.

    Only a regular file is read, and never more than ``limit`` + 1 bytes (see ``files``).
    """
    try:
        raw = files.read_regular(path, limit)
    except files.FileTooLargeError as error:
        return Problem("YML003", str(error.strerror), Span(1, 1), _SPLIT)
    except OSError as error:
        return Problem("YML001", f"cannot read: {error.strerror}", Span(1, 1))
    return decode(raw, limit)


def decode(raw: bytes, limit: int = MAX_BYTES) -> str | Problem:
    """Decode UTF-8 (a byte-order mark is allowed), or say where the first bad byte is."""
    if len(raw) > limit:
        return Problem("YML003", str(files.FileTooLargeError(len(raw), limit).strerror), Span(1, 1), _SPLIT)
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


class IntegerTooLongError(ValueError):
    """An integer scalar with more decimal digits than ``MAX_INTEGER_DIGITS``."""

    def __init__(self, digits: int) -> None:
        super().__init__(f"an integer of {digits:,} digits")
        self.digits = digits


def _decimal(text: str) -> int:
    digits = len(text) - (text[0] in "+-")
    if digits > MAX_INTEGER_DIGITS:
        raise IntegerTooLongError(digits)
    return int(text)


def _based(text: str, base: int) -> int:
    """An octal or hexadecimal integer (Python converts these at any length), within the limit."""
    value = int(text[2:], base)
    if value.bit_length() > _SAFE_BITS:
        digits = int(value.bit_length() * 0.30102999566398120) + 1  # log10(2): at most one too many
        if value < 10 ** (digits - 1):
            digits -= 1
        if digits > MAX_INTEGER_DIGITS:
            raise IntegerTooLongError(digits)
    return value


# Every integer below 2**_SAFE_BITS has at most MAX_INTEGER_DIGITS decimal digits.
_SAFE_BITS = int(MAX_INTEGER_DIGITS / 0.30102999566398120)

_PLAIN_VALUES: tuple[tuple[re.Pattern[str], Any], ...] = (
    (_NULL, lambda _: None),
    (_BOOL_TRUE, lambda _: True),
    (_BOOL_FALSE, lambda _: False),
    (_INT_DEC, _decimal),
    (_INT_OCT, lambda v: _based(v, 8)),
    (_INT_HEX, lambda v: _based(v, 16)),
    (_FLOAT, float),
    (_INF, lambda v: float(v.replace(".", "", 1))),
    (_NAN, lambda _: float("nan")),
)


def resolve_plain(value: str) -> Any:
    """The YAML 1.2 core-schema value of a plain (unquoted) scalar.

    Raises ``IntegerTooLongError`` for an integer of more than ``MAX_INTEGER_DIGITS`` digits.
    """
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
        self.anchor: Any = None  # the first anchored event, refused unless an alias is refused first
        # One string per distinct key: a register repeats "id", "name", "nl" in every entry, and
        # the parser makes a new string for each (a tenth of the memory of a large file).
        self.keys: dict[str, str] = {}

    def handlers(self) -> dict[type, Callable[[Any], None]]:
        """The handler of each event class (dispatch by class: one dict lookup per event)."""
        import yaml  # noqa: PLC0415

        scalar: Callable[[Any], None] = self.scalar if self.shield.restore is None else self.shielded_scalar
        open_mapping: Callable[[Any], None] = self.open_mapping
        open_sequence: Callable[[Any], None] = self.open_sequence
        if _may_hold_anchor(self.lines.text):  # only then can an event carry one: most files pay nothing
            scalar, open_mapping, open_sequence = map(self._noting_anchor, (scalar, open_mapping, open_sequence))
        return {
            yaml.ScalarEvent: scalar,
            yaml.MappingStartEvent: open_mapping,
            yaml.SequenceStartEvent: open_sequence,
            yaml.MappingEndEvent: self.close,
            yaml.SequenceEndEvent: self.close,
            yaml.AliasEvent: self.alias,
            yaml.DocumentStartEvent: self.start_document,
            yaml.DocumentEndEvent: self.end_document,
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

    def _noting_anchor(self, handler: Callable[[Any], None]) -> Callable[[Any], None]:
        def noting(event: Any) -> None:
            if event.anchor is not None and self.anchor is None:
                self.anchor = event
            handler(event)

        return noting

    def end_document(self, _event: Any) -> None:
        # An alias, had there been one, was refused where it is written: it is the riskier part.
        if self.anchor is not None:
            raise self.refuse(
                "YML003",
                f"anchor '&{self.anchor.anchor}' is not allowed",
                self.anchor.start_mark,
                "remove the anchor; a policy writes every value out",
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
        start, end = event.start_mark.index, event.end_mark.index
        span = (start, end)
        frame = self.top
        if frame is not None and frame.is_mapping and frame.key is None:  # a key: it stays the string written
            if value in frame.children:
                self._duplicate(frame.children[value], value, span)
            frame.key = self.keys.setdefault(value, value)
            frame.key_span = span
            return
        plain = tag is None and not event.style  # style: None from PyYAML's parser, "" from libyaml's
        if tag is not None:
            value = resolved
        elif plain and (not value or value[0] in _TYPED_FIRST):
            value = resolve_plain(value)
        if frame is None:
            self.document.data = value
            self.document.tree = (start, end - start, None)
        elif not frame.is_mapping:
            frame.container.append(value)
            frame.children.append((start, end - start, None))
        else:
            key = frame.key
            if key not in frame.children:
                frame.container[key] = value
                key_start, key_end = frame.key_span  # written out: the hot path (see _member)
                frame.children[key] = (key_start, key_end - key_start, start - key_end, end - start, None)
            frame.key = None
        if plain and event.value in _YAML11_BOOL:
            self._yaml11_boolean(event.value, span)

    def too_long(self, error: IntegerTooLongError, event: Any) -> Problem:
        """The problem of a scalar ``event`` holding an integer over the limit."""
        return Problem(
            "YML003",
            f"{error}; privlint reads integers of at most {MAX_INTEGER_DIGITS:,} digits",
            self.at(event.start_mark),
            "quote the value if it is text",
        )

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
        start, end = frame.start, event.end_mark.index
        if not self.stack:
            self.top = None
            self.document.data = frame.container
            self.document.tree = (start, end - start, frame.children)
            return
        parent = self.top = self.stack[-1]
        if frame.member_key is None:
            parent.container.append(frame.container)
            parent.children.append((start, end - start, frame.children))
        elif frame.member_key not in parent.container:
            parent.container[frame.member_key] = frame.container
            parent.children[frame.member_key] = _member(frame.member_span, start, end, frame.children)


def _ignore(_event: Any) -> None:
    pass


def _may_hold_anchor(text: str) -> bool:
    """Whether ``text`` has an '&' where a node may start, followed by a character of a name."""
    return any(
        match.start() == 0 or text[match.start() - 1] in _BEFORE_A_NODE for match in _AMPERSAND_AND_NAME.finditer(text)
    )


def read(text: str) -> Document:
    """Parse ``text``; problems are recorded on the document, never raised."""
    shield = _Shield(text)
    # libyaml skips a byte-order mark at the start of its input without counting it.
    skipped = 1 if text.startswith("\ufeff") and _is_libyaml() else 0
    document = Document(Lines(text, skipped))
    version = _other_yaml_version(text)
    if version is not None:
        document.problems.append(version)
    elif shield.missing is not None:
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


# What may precede the first document's content: a byte-order mark, blank and comment lines,
# and directives (YAML 1.2.2, section 9.2). A %YAML directive can only stand there.
_PROLOGUE = re.compile(r"\ufeff?(?:[ \t]*(?:#[^\r\n]*)?(?:\r\n?|\n)|%[^\r\n]*(?:\r\n?|\n|\Z))*")
_YAML_DIRECTIVE = re.compile(r"(?:^|(?<=[\r\n\ufeff]))%YAML(?:[ \t]+([^ \t\r\n#]*))?(?=[ \t\r\n#]|\Z)")


def _other_yaml_version(text: str) -> Problem | None:
    """A ``%YAML`` directive for any version but 1.2, which privlint refuses whatever it is.

    Looked for before parsing: libyaml and PyYAML disagree on what they accept (1.1, 1.3, ...)
    and on how they fail, and either way the file would be read as YAML 1.2.
    """
    if "%" not in text[:2] and "\n%" not in text and "\r%" not in text:
        return None  # the usual file: no line starts with a directive
    prologue = _PROLOGUE.match(text)
    assert prologue is not None  # noqa: S101 - the pattern matches the empty string
    for directive in _YAML_DIRECTIVE.finditer(prologue.group()):
        version = directive.group(1) or ""
        if version != "1.2":
            written = f"%YAML {version}" if version else "%YAML with no version"
            hint = "remove the %YAML directive: privlint reads every file as YAML 1.2"
            if version == "1.1":
                hint += "; quote values such as yes/no/on/off that should stay text"
            return Problem(
                "YML003",
                f"the file declares {written}; privlint reads YAML 1.2 only",
                Lines(text).span(directive.start()),
                hint,
            )
    return None


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
    event: Any = None
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
    except IntegerTooLongError as error:  # raised while the handler of ``event`` resolved its value
        problems.append(builder.too_long(error, event))
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
    start = error.context_mark
    if error.context and error.problem and start is not None and error.context.startswith(_UNCLOSED):
        # A string, a flow collection or a key that is not closed: the parser notices where
        # it gives up, often the end of the file; the place to fix is where it starts.
        line, column = span.line, span.column
        return Problem(
            "YML001",
            f"{message} at line {line}, column {column} ({error.context} that starts here)",
            lines.span(start.index),
        )
    if error.context and error.problem:
        message += f" ({error.context})"
    return Problem("YML001", message, span)


# Contexts of a construct that runs from its start to a closing character or key indicator
# (a quoted scalar, a flow collection, a simple key, ...), in libyaml's and PyYAML's words.
_UNCLOSED = ("while scanning", "while parsing a flow")
