"""Read a file privlint is given: only a regular file, and never more than a limit.

Opening a FIFO waits for a writer and a device such as ``/dev/zero`` never ends, so what is
not a regular file is refused before a byte is read; a regular file is read up to the limit
and one byte more, whatever size it claims (a sparse file can claim gigabytes of nothing).
Every refusal is an ``OSError`` with a ``strerror`` a person can read, so a caller that
already handles an unreadable file handles these too.
"""

from __future__ import annotations

import errno
import os
import stat
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
