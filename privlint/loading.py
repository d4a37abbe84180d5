"""Load a policy from files or directories and merge its sections into one model.

A policy may be one file or many (one per section); every top-level section is
defined once, and every node keeps the file, line and column where it was written.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from privlint import pointers, yaml_reader
from privlint.findings import Span

POLICY_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class Problem:
    """A reading problem of one file (see ``yaml_reader.Problem``), with the file named."""

    file: str
    code: str
    message: str
    span: Span
    hint: str


@dataclass(slots=True)
class Source:
    """The merged policy data and where each of its nodes was written."""

    data: dict[str, Any] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    section_files: dict[str, str] = field(default_factory=dict)
    nodes: dict[str, Span] = field(default_factory=dict)
    keys: dict[str, Span] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def locate(self, pointer: str, *, at_key: bool = False) -> tuple[str, Span]:
        """The file and span of the node at ``pointer``, or of its nearest written ancestor.

        With ``at_key``, a mapping member is located at its key rather than its value
        (for findings about the key itself, such as an unknown key).
        """
        while True:
            if at_key and pointer in self.keys:
                return self.file_of(pointer), self.keys[pointer]
            if pointer in self.nodes and pointer != "":
                return self.file_of(pointer), self.nodes[pointer]
            if not pointer:
                return (self.files[0] if self.files else "<policy>"), Span(1, 1)
            pointer = pointers.parent(pointer)
            at_key = False

    def file_of(self, pointer: str) -> str:
        section = pointers.tokens(pointer)[0] if pointer else ""
        return self.section_files.get(section, self.files[0] if self.files else "<policy>")


def policy_files(paths: Iterable[Path], exclude: Iterable[Path] = ()) -> list[Path]:
    """The YAML files named by ``paths``: files as given, directories' ``*.yaml``/``*.yml`` sorted."""
    excluded = {p.resolve() for p in exclude}
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            members = sorted(p for p in path.iterdir() if p.suffix in POLICY_SUFFIXES and p.is_file())
            found.extend(p for p in members if p.resolve() not in excluded)
        else:
            found.append(path)
    return found


def display_name(path: Path) -> str:
    """The path as a user should see it: relative to the working directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


@contextmanager
def _collector_paused() -> Iterator[None]:
    # Parsing allocates millions of small objects that all survive; the cyclic garbage
    # collector would rescan them repeatedly (measured up to 2.7x on large policies).
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load(paths: Sequence[Path], exclude: Iterable[Path] = ()) -> Source:
    """Read and merge every policy file under ``paths``."""
    source = Source()
    with _collector_paused():
        for path in policy_files(paths, exclude):
            _load_file(source, path)
    if not source.files and not source.problems:
        names = ", ".join(display_name(p) for p in paths)
        source.problems.append(Problem(names, "YML001", "no policy files (*.yaml, *.yml) found", Span(1, 1), ""))
    return source


def _load_file(source: Source, path: Path) -> None:
    name = display_name(path)
    source.files.append(name)
    try:
        raw = path.read_bytes()
    except OSError as error:
        source.problems.append(Problem(name, "YML001", f"cannot read: {error.strerror}", Span(1, 1), ""))
        return
    text = yaml_reader.decode(raw)
    if isinstance(text, yaml_reader.Problem):
        source.problems.append(_named(name, text))
        return
    document = yaml_reader.read(text)
    source.problems.extend(_named(name, p) for p in document.problems)
    source.warnings.extend(_named(name, p) for p in document.warnings)
    if document.data is None:
        return
    _merge(source, name, document)


def _merge(source: Source, name: str, document: yaml_reader.Document) -> None:
    refused: set[str] = set()
    for section, value in document.data.items():
        pointer = pointers.child("", section)
        if section in source.section_files:
            first_file = source.section_files[section]
            first = source.keys[pointer]
            source.problems.append(
                Problem(
                    name,
                    "YML002",
                    f"section {section!r} is already defined in {first_file}:{first.line}:{first.column}",
                    document.keys[pointer],
                    "define each top-level section in one file only",
                )
            )
            refused.add(pointers.escape(section))
            continue
        source.section_files[section] = name
        source.data[section] = value
    for table, spans in ((source.nodes, document.nodes), (source.keys, document.keys)):
        if not refused:
            table.update(spans)
            continue
        for pointer, span in spans.items():
            section = pointer.split("/", 2)[1] if pointer else ""
            if section and section not in refused:
                table[pointer] = span
    source.nodes.pop("", None)


def _named(name: str, problem: yaml_reader.Problem) -> Problem:
    return Problem(name, problem.code, problem.message, problem.span, problem.hint)
