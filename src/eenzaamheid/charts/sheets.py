"""A chart's numbers as files: CSV as RFC 4180 has it, CSV for Excel with Dutch settings (``;``
and a decimal comma) and XLSX (typed numbers and years, column widths, a frozen header row,
an about-sheet).

Text from data never runs as a formula: in CSV a text cell that begins with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return gets a leading ``'`` (as OWASP advises for CSV
injection); in XLSX every text is a text cell, never a formula, and such a cell is marked
"quote prefix" so that Excel keeps it text when it is edited. Numbers stay numbers.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_WIDTH = 60


def neutral(text: str) -> str:
    """Text that a spreadsheet would run as a formula, with a leading ``'`` (OWASP)."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _text(value: object, places: int, comma: bool) -> str:
    if value is None or pd.isna(value):
        return ""
    if isinstance(value, float):
        text = f"{value:.{places}f}"
        return text.replace(".", ",") if comma else text
    if isinstance(value, int | bool):
        return str(value)
    return neutral(str(value))


def write_csv(frame: pd.DataFrame, path: Path, places: list[int], *, excel_nl: bool = False):
    """UTF-8 with a byte-order mark (so Excel reads "Fryslân" right), CRLF line ends and
    quotes where needed, as RFC 4180 has it; comma-separated with decimal points, or, with
    ``excel_nl``, semicolon-separated with decimal commas, as Excel with Dutch settings reads.
    ``places``: decimals of each column's fractional numbers."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";" if excel_nl else ",", lineterminator="\r\n")
        writer.writerow([neutral(str(name)) for name in frame.columns])
        for row in frame.itertuples(index=False):
            writer.writerow([_text(v, p, excel_nl) for v, p in zip(row, places, strict=True)])


@dataclass
class Sheet:
    """A sheet of the workbook: its name, rows (headers a reader sees) and number formats."""

    name: str
    frame: pd.DataFrame
    formats: list[str]  # per column, for its numbers: "#,##0", "0", "#,##0.0", ...


def number_format(kind: str, places: int) -> str:
    """Counts with a thousands separator, years without, others to their decimals."""
    if kind in ("period", "code"):
        return "0"
    return "#,##0" + ("." + "0" * places if places and kind != "count" else "")


def _put(cell, value: object, fmt: str) -> None:
    """A typed cell: a number with its format, or text that is never a formula."""
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"  # openpyxl takes "=..." for a formula otherwise
        if value.startswith(FORMULA_START):
            cell.quotePrefix = True
    elif value is not None:
        cell.value = value
        cell.number_format = fmt.split(".")[0] if isinstance(value, int) else fmt


def _width(frame: pd.DataFrame, position: int) -> float:
    texts = [str(frame.columns[position])]
    texts += [str(v) for v in frame.iloc[:2000, position] if v is not None]
    return min(MAX_WIDTH, max(8, max(len(t) for t in texts) + 2))


def _data_sheet(book: Workbook, sheet: Sheet) -> None:
    ws = book.create_sheet(sheet.name)
    for column, name in enumerate(sheet.frame.columns, start=1):
        _put(ws.cell(row=1, column=column), str(name), "")
        ws.cell(row=1, column=column).font = Font(bold=True)
        ws.cell(row=1, column=column).alignment = Alignment(wrap_text=True, vertical="top")
        letter = ws.cell(row=1, column=column).column_letter
        ws.column_dimensions[letter].width = _width(sheet.frame, column - 1)
    for number, row in enumerate(sheet.frame.itertuples(index=False), start=2):
        for column, (value, fmt) in enumerate(zip(row, sheet.formats, strict=True), start=1):
            _put(ws.cell(row=number, column=column), value, fmt)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions


def write_xlsx(path: Path, sheets: list[Sheet], about: str, rows: list[tuple[str, ...]]) -> None:
    """The data sheets, then the about-sheet ``about``: rows of text (what the chart is and
    shows, and each column's header, key and kind)."""
    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        _data_sheet(book, sheet)
    ws = book.create_sheet(about)
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            _put(ws.cell(row=number, column=column), value, "")
            ws.cell(row=number, column=column).alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in (("A", 28), ("B", 90), ("C", 12)):
        ws.column_dimensions[letter].width = width
    book.save(path)
