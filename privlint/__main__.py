"""The ``privlint`` command: ``python -m privlint`` and the installed console script.

``privlint --version`` is answered here, before the command line (click and every option
of every command) is imported: it then costs little more than starting Python. Everything
else goes to ``privlint.cli``.
"""

from __future__ import annotations

import sys

from privlint import __version__


def main() -> None:
    """Console-script entry point."""
    if sys.argv[1:] in (["--version"], ["-V"]):
        sys.exit(_version())
    from privlint.cli import entry  # noqa: PLC0415 - only past the fast path above

    entry()


def _version() -> int:
    """Print the version; 2 with one line on stderr when standard output cannot take it (a full disk)."""
    try:
        sys.stdout.write(f"privlint, version {__version__}\n")
        sys.stdout.flush()
    except BrokenPipeError:
        return 0  # the reader went away, as `privlint check | head` may
    except OSError as error:
        sys.stderr.write(f"privlint: cannot write output: {error.strerror or error}\n")
        return 2
    return 0


if __name__ == "__main__":
    main()
