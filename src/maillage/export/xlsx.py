"""The four CSV tables as one Excel workbook (XlsxWriter), written row by row.

Text is always written as a text cell, never as a formula, so a crawled `=HYPERLINK(...)`
stays text; numbers stay numbers. A cell is cut at Excel's 32,767 characters and a table
longer than a sheet goes on in the next one ("facts 2").
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from ..store import Store
from .csv import tables
from .selection import Row, Selection, select_for_export

MAX_CELL = 32_767
MAX_ROWS = 1_048_576
_CUT = " […]"


def write_xlsx(
    store: Store, target: Path, selection: Selection | None = None
) -> tuple[dict[str, int], list[str]]:
    """Write the entities, facts, evidence and documents sheets; return the row counts and
    notes about cells that had to be cut."""
    selection = selection or select_for_export(store)
    target.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(
        str(target),
        {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
    )
    bold = workbook.add_format({"bold": True})
    counts, cut = {}, 0
    try:
        for name, (columns, rows) in tables(store, selection).items():
            written, shortened = _write_sheets(workbook, name, columns, rows, bold)
            counts[name], cut = written, cut + shortened
    finally:
        workbook.close()
    notes = [f"{cut} cells were cut at Excel's limit of {MAX_CELL} characters"] if cut else []
    return counts, notes


def _write_sheets(
    workbook: Any, name: str, columns: tuple[str, ...], rows: Iterator[Row], bold: Any
) -> tuple[int, int]:
    sheet, line, part = _sheet(workbook, name, columns, bold), 1, 1
    count = cut = 0
    for row in rows:
        if line == MAX_ROWS:
            part += 1
            sheet, line = _sheet(workbook, f"{name} {part}", columns, bold), 1
        for column, key in enumerate(columns):
            cut += _write_cell(sheet, line, column, row.get(key))
        line += 1
        count += 1
    return count, cut


def _sheet(workbook: Any, title: str, columns: tuple[str, ...], bold: Any) -> Worksheet:
    sheet = workbook.add_worksheet(title)
    for column, key in enumerate(columns):
        sheet.write_string(0, column, key, bold)
    sheet.freeze_panes(1, 0)
    return sheet


def _write_cell(sheet: Worksheet, line: int, column: int, value: Any) -> int:
    """Write one value with its own type; return 1 if it had to be cut."""
    if value is None or value == "":
        return 0
    if isinstance(value, bool):
        sheet.write_number(line, column, int(value))
    elif isinstance(value, int | float):
        sheet.write_number(line, column, value)
    else:
        text = str(value)
        if len(text) > MAX_CELL:
            sheet.write_string(line, column, text[: MAX_CELL - len(_CUT)] + _CUT)
            return 1
        sheet.write_string(line, column, text)
    return 0
