"""Load a policy from files or directories and merge its sections into one model.

A policy may be one file or many (one per section); every top-level section is
defined once, and every node keeps the file, line and column where it was written.

What is named as policy must be one: ``policy_files`` decides, for every command, that a
missing path, something that is neither a regular file nor a folder (a FIFO, a device), a
file that is not ``*.yaml``/``*.yml`` and a folder without such files are usage errors
(``PolicyPathError``), not findings: there is nothing to locate a finding in.
"""

from __future__ import annotations

import gc
import stat
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

from privlint import pointers, yaml_reader
from privlint.findings import Span

POLICY_SUFFIXES = (".yaml", ".yml")


class Problem(NamedTuple):
    """A reading problem of one file (see ``yaml_reader.Problem``), with the file named."""

    file: str
    code: str
    message: str
    span: Span
    hint: str


class Source:
    """The merged policy data and where each of its nodes was written.

    Positions live in each file's span tree (see ``yaml_reader``); ``sections`` holds the
    record of every top-level section, so a pointer is located by walking its tokens, and
    ``lines`` the line table of every file, which turns the record's indices into a place.
    """

    __slots__ = ("data", "files", "lines", "problems", "section_files", "sections", "warnings")

    def __init__(self) -> None:  # a plain class: see yaml_reader.Problem on dataclasses
        self.data: dict[str, Any] = {}
        self.files: list[str] = []
        self.section_files: dict[str, str] = {}
        self.sections: dict[str, yaml_reader.Record] = {}
        self.lines: dict[str, yaml_reader.Lines] = {}
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def locate(self, pointer: str, *, at_key: bool = False) -> tuple[str, Span]:
        """The file and span of the node at ``pointer``, or of its nearest written ancestor.

        With ``at_key``, a mapping member is located at its key rather than its value
        (for findings about the key itself, such as an unknown key).
        """
        path = pointers.tokens(pointer)
        section = self.sections.get(path[0]) if path else None
        if section is None:
            return (self.files[0] if self.files else "<policy>"), Span(1, 1)
        found = [section, *yaml_reader.trail(section, path[1:])]
        record = found[-1]
        file = self.section_files[path[0]]
        lines = self.lines[file]
        if at_key and len(found) == len(path):
            key = yaml_reader.key_span(record, lines)
            if key is not None:
                return file, key
        return file, yaml_reader.node_span(record, lines)

    def _lines_of(self, section: str) -> yaml_reader.Lines:
        return self.lines[self.section_files[section]]

    @property
    def nodes(self) -> Mapping[str, Span]:
        """The span of every node, by JSON Pointer (the root excluded)."""
        return yaml_reader.SpanTable((0, 0, self.sections), self._lines_of, keys=False, with_root=False)

    @property
    def keys(self) -> Mapping[str, Span]:
        """The span of the key of every mapping member, by JSON Pointer."""
        return yaml_reader.SpanTable((0, 0, self.sections), self._lines_of, keys=True)

    def file_of(self, pointer: str) -> str:
        section = pointers.tokens(pointer)[0] if pointer else ""
        return self.section_files.get(section, self.files[0] if self.files else "<policy>")


class PolicyPathError(Exception):
    """A path named as policy is none: the message (one line) names it as it was given."""


def policy_files(paths: Iterable[Path], exclude: Iterable[Path] = ()) -> list[Path]:
    """The YAML files named by ``paths``: files as given, directories' ``*.yaml``/``*.yml`` sorted.

    In a folder, only regular files count (following symbolic links), and ``exclude`` (the
    waivers and baseline files) is left out. Raises ``PolicyPathError`` for a path that is
    no policy (see the module docstring).
    """
    paths = list(paths)
    if not paths:
        raise PolicyPathError("no policy path given (pass one, or set [tool.privlint] paths)")
    excluded = {p.resolve() for p in exclude}
    found: list[Path] = []
    for path in paths:
        kind = _kind(path)
        if kind == "folder":
            members = sorted(p for p in path.iterdir() if p.suffix in POLICY_SUFFIXES and _kind(p) == "file")
            members = [p for p in members if p.resolve() not in excluded]
            if not members:
                raise PolicyPathError(f"no policy files (*.yaml, *.yml) in {path}")
            found.extend(members)
        elif kind == "file" and path.suffix in POLICY_SUFFIXES:
            found.append(path)
        elif kind == "file":
            raise PolicyPathError(f"{path} is not a policy file (*.yaml, *.yml)")
        elif kind == "missing":
            raise PolicyPathError(f"no such file or directory: {path}")
        else:
            raise PolicyPathError(f"{path} is not a regular file or folder")
    return found


def _kind(path: Path) -> str:
    """ "file" (regular), "folder", "missing" or "other" (a FIFO, a device, a socket), links followed."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "missing"
    except OSError:  # a loop of links, a name too long, no permission: not a file privlint can use
        return "other"
    if stat.S_ISREG(mode):
        return "file"
    return "folder" if stat.S_ISDIR(mode) else "other"


def display_name(path: Path) -> str:
    """The path as a user should see it: relative to the working directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (nestable: an outer pause stays in force).

    Reading, modelling and checking allocate millions of small objects that all survive and
    form almost no cycles; the collector would only rescan them (measured up to 2.7x while
    parsing, 25 % over a whole check of 10,000 activities).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load(paths: Sequence[Path], exclude: Iterable[Path] = (), *, max_bytes: int = yaml_reader.MAX_BYTES) -> Source:
    """Read and merge every policy file under ``paths`` (``PolicyPathError``: see ``policy_files``).

    A file of more than ``max_bytes`` is not read (a YML003 problem): see ``Config.max_file_bytes``.
    """
    source = Source()
    files = policy_files(paths, exclude)
    with collector_paused():
        for path in files:
            _load_file(source, path, max_bytes)
    return source


def _load_file(source: Source, path: Path, max_bytes: int) -> None:
    name = display_name(path)
    source.files.append(name)
    text = yaml_reader.read_file(path, max_bytes)
    if isinstance(text, yaml_reader.Problem):
        source.problems.append(_named(name, text))
        return
    document = yaml_reader.read(text)
    source.problems.extend(_named(name, p) for p in document.problems)
    source.warnings.extend(_named(name, p) for p in document.warnings)
    source.lines[name] = document.lines  # also of a file that could not be read: --show-source shows where
    if document.data is None:
        return
    _merge(source, name, document)


def _merge(source: Source, name: str, document: yaml_reader.Document) -> None:
    assert document.tree is not None  # noqa: S101 - a document with data has a tree
    members: dict[str, yaml_reader.Record] = document.tree[-1]
    for section, value in document.data.items():
        record = members[section]
        if section in source.section_files:
            first_file = source.section_files[section]
            first = yaml_reader.key_span(source.sections[section], source.lines[first_file])
            here = yaml_reader.key_span(record, document.lines)
            assert first is not None  # noqa: S101 - a section is a mapping member
            assert here is not None  # noqa: S101 - ditto
            source.problems.append(
                Problem(
                    name,
                    "YML002",
                    f"section {section!r} is already defined in {first_file}:{first.line}:{first.column}",
                    here,
                    "define each top-level section in one file only",
                )
            )
            continue
        source.section_files[section] = name
        source.sections[section] = record
        source.data[section] = value


def _named(name: str, problem: yaml_reader.Problem) -> Problem:
    return Problem(name, problem.code, problem.message, problem.span, problem.hint)
