"""``python cli.py check`` in a checkout: the same as the installed ``privlint`` command.

The command line itself is ``privlint.cli``; this file only starts it, so the repository
keeps its top-level ``cli.py``. It needs the project installed (``pip install -e .``),
which is what maps ``checks/`` and ``schemas/`` into the ``privlint`` package.
"""

from privlint.cli import entry

if __name__ == "__main__":
    entry()
