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
        sys.stdout.write(f"privlint, version {__version__}\n")
        sys.exit(0)
    from privlint.cli import entry  # noqa: PLC0415 - only past the fast path above

    entry()


if __name__ == "__main__":
    main()
