"""The files privlint reads and writes: only regular files read, within a limit; every write whole or not at all.

Reading. Opening a FIFO waits for a writer and a device such as ``/dev/zero`` never ends, so
what is not a regular file is refused before a byte is read; a regular file is read up to the
limit and one byte more, whatever size it claims (a sparse file can claim gigabytes of
nothing). Every refusal is an ``OSError`` with a ``strerror`` a person can read, so a caller
that already handles an unreadable file handles these too.

Writing. A file is written to a temporary file in the same folder and renamed into place
(``os.replace``, atomic on POSIX and Windows within one file system), so a full disk, a
file-size limit or an interruption leaves the old file as it was. Several files written
together (``privlint import``) are all staged first and renamed only when every one is
complete; a rename in one folder needs no space, so the last step does not fail for the
reasons writing does.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path

MAX_BYTES = 64 * 1024 * 1024  # policy, waivers, baseline, configuration and notice files alike


class FileTooLargeError(OSError):
    """The file holds more than the limit; ``size`` is what it holds, as far as is known."""

    def __init__(self, size: int, limit: int, *, at_least: bool = False) -> None:
        super().__init__(
            errno.EFBIG, f"file is {'more than ' if at_least else ''}{size:,} bytes; the limit is {limit:,}"
        )
        self.size = size
        self.limit = limit


def read_regular(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of the regular file at ``path``; ``OSError`` when it is none or is too large."""
    # O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer.
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(descriptor, "rb") as stream:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        if status.st_size > limit:
            raise FileTooLargeError(status.st_size, limit)
        raw = stream.read(limit + 1)
    if len(raw) > limit:  # it grew while being read
        raise FileTooLargeError(limit, limit, at_least=True)
    return raw


class WriteError(Exception):
    """A file could not be written; the message names it and says why. Nothing was changed."""


def write_text(path: Path, text: str) -> None:
    """Replace ``path`` by ``text`` (UTF-8) atomically; ``WriteError`` when it cannot be written."""
    write_texts({path: text})


def append_text(path: Path, text: str) -> None:
    """Add ``text`` at the end of the regular file ``path`` (created when missing), whole or not at all.

    Nothing of the file is read (it may be large, or ``/dev/zero``), and what is not a
    regular file is refused without waiting (a FIFO without a reader). When the text does
    not fit, the file is cut back to the size it had.
    """
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    before = _status(path)  # a FIFO without a reader would fail to open with a puzzling ENXIO
    if before is not None and not stat.S_ISREG(before.st_mode):
        raise WriteError(f"cannot append to {path}: not a regular file")
    try:
        descriptor = os.open(path, flags, 0o666)
    except OSError as error:
        raise WriteError(f"cannot append to {path}: {_why(error)}") from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise WriteError(f"cannot append to {path}: not a regular file")
        try:
            _write_all(descriptor, _encoded(text))
        except OSError as error:
            with contextlib.suppress(OSError):
                os.ftruncate(descriptor, status.st_size)
            raise WriteError(f"cannot append to {path}: {_why(error)} (the file was left as it was)") from None
    finally:
        os.close(descriptor)


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def check_writable(path: Path) -> None:
    """Refuse (``WriteError``) a path no file can be written at: a name too long, a loop of links, a folder.

    A path that does not exist yet is fine here; a missing folder is reported when writing.
    """
    status = _status(path)
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise WriteError(f"cannot write {path}: it is a folder")


def _status(path: Path) -> os.stat_result | None:
    """``path``'s status, links followed; None when nothing (or a link to nothing) is there."""
    try:
        return path.stat()
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:  # ENAMETOOLONG, ELOOP, EACCES; ValueError: a NUL character
        raise WriteError(f"cannot write {path}: {_why(error)}") from None


def _why(error: Exception) -> str:
    return getattr(error, "strerror", None) or str(error)


def write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` by ``data`` atomically (a workbook, a file from git's history)."""
    write_texts({path: data})


def write_texts(files: Mapping[Path, str | bytes]) -> None:
    """Write every file of ``files`` (text as UTF-8) or none of them (see the module docstring).

    A symbolic link is written through: the file it points to is replaced, the link kept.
    A path that is not a regular file (``/dev/stdout``, a FIFO, a terminal) is a stream: it
    is written to directly, never replaced.
    """
    statuses = {path: _status(path) for path in files}  # WriteError for a name no file can have
    streams = {
        path: text
        for path, text in files.items()
        if (status := statuses[path]) is not None
        and not stat.S_ISREG(status.st_mode)
        and not stat.S_ISDIR(status.st_mode)
    }
    staged: list[tuple[Path, Path]] = []
    try:
        for path, text in files.items():
            if path not in streams:
                real = _real(path)
                staged.append((_stage(real, text), real))
        for path, text in streams.items():
            _write_stream(path, text)
    except WriteError:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, path in staged:
        try:
            temporary.replace(path)  # os.replace: atomic
        except OSError as error:
            for left, _ in staged:
                left.unlink(missing_ok=True)
            raise WriteError(_reason(path, error)) from None


def _real(path: Path) -> Path:
    """``path`` with symbolic links followed (``path`` itself when it does not exist yet)."""
    try:
        return path.resolve() if path.is_symlink() else path
    except (OSError, RuntimeError) as error:  # RuntimeError: a loop of links, before Python 3.13
        raise WriteError(f"cannot write {path}: {_why(error)}") from None


def _write_stream(path: Path, text: str | bytes) -> None:
    try:
        with path.open("wb") as stream:
            stream.write(_encoded(text))
    except OSError as error:
        raise WriteError(_reason(path, error)) from None


def _encoded(text: str | bytes) -> bytes:
    return text.encode("utf-8") if isinstance(text, str) else text


def _stage(path: Path, text: str | bytes) -> Path:
    """``text`` in a new temporary file beside ``path``, with the mode ``path`` has or would get."""
    data = _encoded(text)
    if path.is_dir():
        raise WriteError(f"cannot write {path}: it is a folder")
    try:
        descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise WriteError(_reason(path, error)) from None
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.chmod(_mode(path))
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise WriteError(_reason(path, error)) from None
    return temporary


def _mode(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def _reason(path: Path, error: OSError) -> str:
    if isinstance(error, FileNotFoundError) and not path.parent.is_dir():
        return f"cannot write {path}: the folder {path.parent} does not exist"
    kept = " (the existing file was left as it was)" if path.is_file() else ""
    return f"cannot write {path}: {error.strerror or error}{kept}"
