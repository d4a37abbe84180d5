"""The register as an Excel workbook (openpyxl, imported only here): controller, register, findings.

Mandatory columns (GDPR 30(1)) have a "*" and a bold heading; a cell the policy does not
fill is in italics and grey; a cell with open findings names their codes and links to the
first of them on the findings sheet.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from privlint import files, printable
from privlint.register import Cell, Column, Register, Row

if TYPE_CHECKING:
    from openpyxl.styles import Font

WIDTH = 40


def write(register: Register, path: Path) -> None:
    from openpyxl import Workbook  # noqa: PLC0415 - only `privlint register` needs it

    book = Workbook()
    controller = book.active
    assert controller is not None  # noqa: S101 - a new workbook has one sheet
    controller.title = register.words("sheet_controller")
    findings_sheet = register.words("sheet_findings")
    first_row = _finding_rows(register)
    for index, column in enumerate(register.controller_columns, start=1):
        controller.cell(index, 1, _heading(column)).font = _bold(column)
        _put(controller.cell(index, 2), register.controller[column.key], findings_sheet, first_row)
    controller.column_dimensions["A"].width = WIDTH
    controller.column_dimensions["B"].width = WIDTH * 2
    _table(book.create_sheet(register.words("sheet_register")), register.columns, register.activities, register)
    sharing_columns = (*register.columns, Column("serves", "→", None))
    _table(book.create_sheet(_sharing_title(register)), sharing_columns, register.sharing, register)
    sheet = book.create_sheet(findings_sheet)
    for number, finding in enumerate(register.findings, start=1):
        for index, text in enumerate(finding, start=1):
            _text(sheet.cell(number, index), text)
    sheet.column_dimensions["B"].width = WIDTH * 2
    workbook = io.BytesIO()
    book.save(workbook)
    files.write_bytes(path, workbook.getvalue())  # whole or not at all


def _sharing_title(register: Register) -> str:
    return {"nl": "Verstrekkingen", "fr": "Communications", "en": "Sharing"}[register.lang]


def _finding_rows(register: Register) -> dict[str, int]:
    first: dict[str, int] = {}
    for number, (code, _, _) in enumerate(register.findings, start=1):
        first.setdefault(code, number)
    return first


def _table(sheet: object, columns: Sequence[Column], rows: Sequence[Row], register: Register) -> None:
    from openpyxl.utils import get_column_letter  # noqa: PLC0415
    from openpyxl.worksheet.worksheet import Worksheet  # noqa: PLC0415

    assert isinstance(sheet, Worksheet)  # noqa: S101
    for index, column in enumerate(columns, start=1):
        sheet.cell(1, index, _heading(column)).font = _bold(column)
        sheet.column_dimensions[get_column_letter(index)].width = WIDTH
    first = _finding_rows(register)
    for number, row in enumerate(rows, start=2):
        for index, column in enumerate(columns, start=1):
            _put(sheet.cell(number, index), row.cells[column.key], register.words("sheet_findings"), first)
    sheet.freeze_panes = "C2"
    note = len(rows) + 3
    sheet.cell(note, 1, register.words("mandatory"))


def _heading(column: Column) -> str:
    return f"{column.heading} *" if column.article else column.heading


def _bold(column: Column) -> Font:
    from openpyxl.styles import Font  # noqa: PLC0415

    return Font(bold=column.article is not None)


def _put(target: object, cell: Cell, findings_sheet: str, first: Mapping[str, int]) -> None:
    from openpyxl.cell.cell import Cell as SheetCell  # noqa: PLC0415
    from openpyxl.styles import Alignment, Font  # noqa: PLC0415
    from openpyxl.worksheet.hyperlink import Hyperlink  # noqa: PLC0415

    assert isinstance(target, SheetCell)  # noqa: S101
    text = cell.text
    if cell.findings:
        text += " [" + ", ".join(cell.findings) + "]"
        row = first.get(cell.findings[0])
        if row is not None:
            target.hyperlink = Hyperlink(ref=target.coordinate, location=f"'{findings_sheet}'!A{row}")
    _text(target, text)
    target.alignment = Alignment(wrap_text=True, vertical="top")
    if not cell.stated:
        target.font = Font(italic=True, color="666666")


def _text(target: object, text: str) -> None:
    """Policy text into a cell: always text, never a formula, control characters shown as escapes.

    openpyxl makes a formula of a string that starts with "=" (a policy could then run one in
    the legal team's spreadsheet) and refuses most control characters, which Excel cannot
    store; bidi controls would make the text read otherwise than it is. Tab and line feed stay.
    """
    from openpyxl.cell.cell import Cell as SheetCell  # noqa: PLC0415

    assert isinstance(target, SheetCell)  # noqa: S101
    target.value = printable.document(text, colon=":")  # no CI log here: "::" needs no guard
    target.data_type = "s"
