"""A table a story's prose points to, as a reader reads it: headers in words, numbers in the
chart language's format, every cell escaped (labels from data are text, never markup)."""

from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd

from .numbers import fmt_number, percent_together

READER_TABLE_CLASS = "reader-table"  # the site shows outputs with this class on story pages


class ReaderTable:
    """Display object: ``_repr_html_`` for JupyterLab and the story pages."""

    def __init__(self, rows: list[list[str]], headers: list[str], numeric: list[bool]) -> None:
        self.rows, self.headers, self.numeric = rows, headers, numeric

    def _repr_html_(self) -> str:
        def cell(tag: str, value: str, right: bool) -> str:
            style = ' class="num"' if right else ""
            return f"<{tag}{style}>{html.escape(percent_together(value))}</{tag}>"

        head = "".join(cell("th", h, n) for h, n in zip(self.headers, self.numeric, strict=True))
        body = "".join(
            "<tr>"
            + "".join(cell("td", v, n) for v, n in zip(row, self.numeric, strict=True))
            + "</tr>"
            for row in self.rows
        )
        return (
            f'<table class="{READER_TABLE_CLASS}"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>"
        )

    def __repr__(self) -> str:
        lines = [" | ".join(self.headers)] + [" | ".join(row) for row in self.rows]
        return "\n".join(lines)


def table(
    frame: pd.DataFrame, columns: Mapping[str, str], decimals: Mapping[str, int] | None = None
) -> ReaderTable:
    """The ``columns`` of ``frame`` (key -> header in words, e.g. through ``say``), numbers
    formatted per language: whole numbers as counts, others to ``decimals[key]`` (default 1);
    a missing value is an empty cell. E.g. ``ch.table(top, {"regio": ch.say(nl="Gemeente",
    en="Municipality"), "Eenzaam_28": "%"}, decimals={"Eenzaam_28": 0})``."""
    decimals = dict(decimals or {})
    missing = [key for key in columns if key not in frame.columns]
    if missing:
        raise KeyError(f"table: no column {missing} in the frame ({list(frame.columns)})")
    numeric = [pd.api.types.is_numeric_dtype(frame[key]) for key in columns]

    def show(key: str, value: object, is_number: bool) -> str:
        if value is None or (is_number and pd.isna(value)):
            return ""
        if not is_number:
            return str(value)
        whole = pd.api.types.is_integer_dtype(frame[key]) and key not in decimals
        return fmt_number(value, 0 if whole else decimals.get(key, 1))

    rows = [
        [
            show(key, value, n)
            for (key, n), value in zip(zip(columns, numeric, strict=True), row, strict=True)
        ]
        for row in frame[list(columns)].itertuples(index=False)
    ]
    return ReaderTable(rows, list(columns.values()), numeric)
