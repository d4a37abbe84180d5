"""Load a policy from files or directories and merge its sections into one model.

A policy may be one file or many (one per section); every top-level section is
defined once, and every node keeps the file, line and column where it was written.

What is named as policy must be one: ``policy_members`` decides, for every command, that a
missing path, something that is neither a regular file nor a folder (a FIFO, a device), a
file that is not ``*.yaml``/``*.yml`` and a folder without such files are usage errors
(``PolicyPathError``), not findings: there is nothing to locate a finding in. A member of a
folder that cannot be read (a link to nothing, a FIFO, a folder named ``x.yaml``) is part of
the policy all the same: a YML001 finding at its first line, never skipped.
"""

from __future__ import annotations

import gc
import os
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


class Member(NamedTuple):
    """A file of the policy: named by a path, or found in a policy folder.

    ``refused`` says why a member of a folder cannot be read (a link to nothing, a FIFO, a
    folder named ``x.yaml``): it is still part of the policy, and a YML001 finding, so a
    file that no one can read never leaves the gate green by being skipped.
    """

    path: Path
    refused: str | None = None


REFUSED_HINT = "a policy folder holds regular *.yaml/*.yml files only: replace it by one, or move it out of the folder"


def policy_files(paths: Iterable[Path], exclude: Iterable[Path] = ()) -> list[Path]:
    """The readable YAML files named by ``paths``: files as given, directories' ``*.yaml``/``*.yml`` sorted.

    In a folder, only regular files count (following symbolic links; the others are members
    the loader reports, see ``policy_members``), and ``exclude`` (the waivers and baseline
    files) is left out. Raises ``PolicyPathError`` for a path that is no policy (see the
    module docstring).
    """
    return [member.path for member in policy_members(paths, exclude) if member.refused is None]


def policy_members(paths: Iterable[Path], exclude: Iterable[Path] = ()) -> list[Member]:
    """Every file of the policy named by ``paths``, once each however often it is named.

    A suffix is matched whatever its case (``Extra.YAML``): on the file systems that ignore
    case it is the same name, and a file that looks like YAML is never skipped unread.
    """
    paths = list(paths)
    if not paths:
        raise PolicyPathError("no policy path given (pass one, or set [tool.privlint] paths)")
    excluded = {_resolved(p) for p in exclude}
    found: dict[Path, Member] = {}  # by the file itself: `check base base` reads base once
    for path in paths:
        for member in _members(path, excluded):
            found.setdefault(_resolved(member.path), member)
    return list(found.values())


def _members(path: Path, excluded: set[Path]) -> list[Member]:
    kind = _kind(path)
    if kind == "folder":
        try:
            names = sorted(path.iterdir())
        except OSError as error:
            raise PolicyPathError(f"cannot read the folder {path}: {error.strerror or error}") from None
        members = [
            Member(p, _refusal(p))
            for p in names
            if _is_policy_name(p) and not p.name.startswith(_EDITOR_LOCK) and _resolved(p) not in excluded
        ]
        if not members:
            raise PolicyPathError(f"no policy files (*.yaml, *.yml) in {path}")
        return members
    if kind == "file" and _is_policy_name(path):
        return [Member(path)]
    if kind == "file":
        raise PolicyPathError(f"{path} is not a policy file (*.yaml, *.yml)")
    if kind == "missing":
        raise PolicyPathError(f"no such file or directory: {path}")
    raise PolicyPathError(_unusable(path))


def _unusable(path: Path) -> str:
    """Why ``path``, named as policy, is none: what stops it being read, or what it is."""
    try:
        path.stat()
    except OSError as error:  # a name too long, a loop of links, no permission
        return f"cannot read {path}: {error.strerror or error}"
    return f"{path} is not a regular file or folder"


# Emacs's lock of a file with unsaved changes: a link to nothing named ".#policy.yaml". It is
# no policy file, and an open editor must not fail the gate.
_EDITOR_LOCK = ".#"


def _is_policy_name(path: Path) -> bool:
    return path.suffix.lower() in POLICY_SUFFIXES


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


_NOT_REGULAR = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"))


def _refusal(path: Path) -> str | None:
    """Why the folder member ``path`` cannot be read as a policy file (None: it is a regular file)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if not path.is_symlink():  # removed since the folder was listed
            return "cannot be read: it no longer exists"
        return f"cannot be read: it is a symbolic link to {path.readlink()}, which does not exist"
    except OSError as error:
        return f"cannot be read: {error.strerror or error}"
    if stat.S_ISREG(mode):
        return None
    return "not a regular file but " + next((what for test, what in _NOT_REGULAR if test(mode)), "a device")


def _resolved(path: Path) -> Path:
    """``path`` with links followed, or as written (made absolute) where they cannot be (a loop)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a loop of links, before Python 3.13
        return _as_written(path)


def _as_written(path: Path) -> Path:
    """``path`` made absolute without following links (``..`` and ``.`` taken away as written)."""
    return Path(os.path.abspath(path))  # noqa: PTH100 - Path.resolve follows links, which is what is avoided


def display_name(path: Path, *, follow: bool = True) -> str:
    """The path as a user should see it: relative to the working directory when inside it.

    ``follow=False`` names a symbolic link itself rather than what it points to (a link
    that cannot be followed, or points to nothing, is named as written).
    """
    absolute = _resolved(path) if follow else _as_written(path)
    try:
        return absolute.relative_to(_resolved(Path.cwd())).as_posix()
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
    members = policy_members(paths, exclude)
    with collector_paused():
        for member in members:
            if member.refused is None:
                _load_file(source, member.path, max_bytes)
            else:
                _refuse_file(source, member.path, member.refused)
    return source


def _refuse_file(source: Source, path: Path, reason: str) -> None:
    name = display_name(path, follow=False)
    source.files.append(name)
    source.problems.append(Problem(name, "YML001", reason, Span(1, 1), REFUSED_HINT))


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
