"""The register as one CSV table: the controller's columns, then each activity's columns."""

from __future__ import annotations

import csv
import io

from privlint.printable import line as printable
from privlint.register import Cell, Register


def render(register: Register, *, terminal: bool = False) -> str:
    """The CSV text; for a ``terminal``, control characters in cells become visible escapes."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    controller = [(c, register.controller[c.key]) for c in register.controller_columns]
    header = [f"{c.heading} *" if c.article else c.heading for c, _ in controller]
    header += [f"{c.heading} *" if c.article else c.heading for c in register.columns]
    writer.writerow(header)
    for row in register.activities:
        values = [_text(cell) for _, cell in controller] + [_text(row.cells[c.key]) for c in register.columns]
        writer.writerow([printable(v) for v in values] if terminal else values)
    return out.getvalue()


def _text(cell: Cell) -> str:
    text = cell.text
    if text[:1] in {"=", "+", "-", "@", "\t", "\r"}:  # never a formula in a spreadsheet (CSV injection)
        text = "'" + text
    return f"{text} [{', '.join(cell.findings)}]" if cell.findings else text
