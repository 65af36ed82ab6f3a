"""The numbers behind a chart, as a writer can use them: CSV (UTF-8, RFC 4180) and XLSX
(typed numbers, a sheet with title, source line and notes), in the chart language."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .sources import row_sources
from .words import category, column_name, language, say, unit_name

# Text columns that hold category labels, translated with the chart language.
LABEL_COLUMNS = (
    "regio",
    "leeftijd",
    "geslacht",
    "groep",
    "maat",
    "niveau",
    "indeling",
    "oordeel",
    "onderdeel",
    "noemer",
    "populatie",
    "precisie",
    "label",
)


def _rounded(column: pd.Series, decimals: int | None) -> pd.Series:
    """Counts as integers; other numbers rounded to ``decimals`` (default: one decimal)."""
    values = pd.to_numeric(column, errors="coerce").astype("Float64")
    whole = values.dropna().eq(values.dropna().round()).all()
    if decimals is None and whole:
        return values.round().astype("Int64")
    return values.round(1 if decimals is None else decimals)


def export_frame(data: pd.DataFrame, decimals: dict[str, int] | None = None) -> pd.DataFrame:
    """The data as written: each row with its own source line, numbers rounded, and column
    names, categories and units in the chart language."""
    decimals = decimals or {}
    out = data.copy().reset_index(drop=True)
    out["bron"] = row_sources(out)
    for name in out.columns:
        if name.endswith("_code") or name in ("tabel", "bron_soort", "bron_url", "bron"):
            continue
        if pd.api.types.is_bool_dtype(out[name]):
            continue
        if pd.api.types.is_numeric_dtype(out[name]):
            out[name] = _rounded(out[name], decimals.get(name))
        elif name in LABEL_COLUMNS:
            out[name] = out[name].map(lambda v: category(v) if isinstance(v, str) else v)
        elif name == "eenheid":
            out[name] = out[name].map(unit_name)
        elif name == "precisie":
            out[name] = (
                out[name]
                .map({"exact": "exact", "rounded": say(nl="afgerond", en="rounded")})
                .fillna(out[name])
            )
    return out.rename(columns=column_name)


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """UTF-8 with a byte-order mark (so Excel reads "Fryslân" right), comma-separated, CRLF
    line ends and quotes where needed, as RFC 4180 has it."""
    frame.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\r\n")


def write_xlsx(frame: pd.DataFrame, path: Path, about: dict[str, str]) -> None:
    """Sheet 1: the numbers (typed, with a header row); sheet 2: title, source line, notes."""
    data_sheet = say(nl="cijfers", en="data")
    info_sheet = say(nl="toelichting", en="about")
    info = pd.DataFrame({"": list(about), " ": list(about.values())})
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name=data_sheet, index=False)
        info.to_excel(writer, sheet_name=info_sheet, index=False, header=False)
        sheet = writer.sheets[data_sheet]
        for column, name in zip(sheet.iter_cols(min_row=2), frame.columns, strict=True):
            if pd.api.types.is_float_dtype(frame[name]):
                for cell in column:
                    cell.number_format = "0.0"
        for letter, width in (("A", 16), ("B", 100)):
            writer.sheets[info_sheet].column_dimensions[letter].width = width


def about(title: str, subtitle: str, source: str, alt: str) -> dict[str, str]:
    """The second sheet of the XLSX file, in the chart language."""
    return {
        say(nl="titel", en="title"): title,
        say(nl="ondertitel", en="subtitle"): subtitle,
        say(nl="bron", en="source"): source,
        say(nl="beschrijving", en="description"): alt,
        say(nl="afronding", en="rounding"): say(
            nl="aantallen als gehele getallen; andere getallen op één decimaal, tenzij anders "
            "vermeld",
            en="counts as whole numbers; other numbers to one decimal unless stated otherwise",
        ),
        say(nl="taal", en="language"): language(),
    }
