"""Alt text written from the numbers a chart draws, in the chart language."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd

from .words import in_sentence, listed, say, text

Format = Callable[[float], str]


def _sentence(lead: str, items: Sequence[str], note: str, sep: str = ", ") -> str:
    body = f"{lead}: {sep.join(items)}." if items else f"{lead}."
    return f"{body} {note}".strip()


def _span(rows: pd.DataFrame, x: str, y: str, fmt: Format) -> str:
    """First and last value, then the highest and the lowest where they lie between those
    two (a peak that "from ... to ..." alone would hide). A value the rows' ``precisie``
    marks as rounded says so, as the chart draws it apart (an open mark)."""
    first, last = rows.iloc[0], rows.iloc[-1]
    values = rows[y].to_numpy(dtype=float)  # by position: a concatenated index repeats
    rounded = (rows["precisie"] == "rounded").to_numpy() if "precisie" in rows else None

    def value(at: list[int]) -> str:  # "11 %, afgerond," where a place with it is rounded
        marked = rounded is not None and any(rounded[i] for i in at)
        return fmt(values[at[0]]) + (f", {text('precisie_rounded')}," if marked else "")

    if len(rows) == 1:
        return f"{value([0])} {say(nl='in', en='in')} {first[x]}"
    last_at = len(rows) - 1
    span = text("van_tot").format(a=value([0]), x=first[x], b=value([last_at]), y=last[x])
    ends, between = (first[y], last[y]), []
    shown = [fmt(v) for v in values]  # as the reader sees them: a peak in two places
    said = {fmt(v) for v in ends}  # a peak written as an end's value is no peak to a reader
    top, bottom = values.max(), values.min()
    if top > max(ends) and fmt(top) not in said:
        at = [i for i, s in enumerate(shown) if s == fmt(top)]
        between.append(text("hoogst_in").format(a=value(at), x=listed(rows[x].iloc[at])))
    if bottom < min(ends) and fmt(bottom) not in said:
        at = [i for i, s in enumerate(shown) if s == fmt(bottom)]
        between.append(text("laagst_in").format(a=value(at), x=listed(rows[x].iloc[at])))
    return f"{span} ({'; '.join(between)})" if between else span


def alt_series(
    lead: str,
    data: pd.DataFrame,
    x: str,
    y: str,
    fmt: Format,
    *,
    by: str | None = None,
    note="",
    breaks: str | None = None,
) -> str:
    """For lines: each series from its first to its last value, e.g. ``Nederland: van ... in
    1950 tot ... in 2025``. ``breaks`` names a column that is true where a series starts anew
    (a break in the series): each piece is then told apart, as the chart draws it, never
    compared across the break."""
    groups = data.groupby(by, sort=False) if by else [("", data)]
    items = []
    for name, rows in groups:
        rows = rows.dropna(subset=[y]).sort_values(x)
        breaking = rows[breaks].fillna(False).astype(bool) if breaks else rows[y].isna()
        starts = breaking.cumsum()
        pieces = [_span(piece, x, y, fmt) for _, piece in rows.groupby(starts, sort=True)]
        after = say(nl="na een breuk in de reeks: ", en="after a break in the series: ")
        later = f" ({'; '.join(after + p for p in pieces[1:])})" if len(pieces) > 1 else ""
        items.append(f"{in_sentence(name)} {pieces[0]}{later}".strip())
    return _sentence(lead, items, note)


def alt_values(lead: str, labels: Sequence[str], values: Sequence[float], fmt: Format, note=""):
    """For bars: every label with its value."""
    items = [f"{in_sentence(label)} {fmt(v)}" for label, v in zip(labels, values, strict=True)]
    return _sentence(lead, items, note)


def alt_change(
    lead: str,
    labels: Sequence[str],
    before: Sequence[float],
    after: Sequence[float],
    fmt: Format,
    note: str = "",
) -> str:
    """For dumbbells: every label from its first to its second value."""
    items = [
        f"{in_sentence(label)} {text('van_naar').format(a=fmt(a), b=fmt(b))}"
        for label, a, b in zip(labels, before, after, strict=True)
    ]
    return _sentence(lead, items, note)


def alt_pairs(
    lead: str,
    labels: Sequence[str],
    first: Sequence,
    second: Sequence,
    fmt: Callable[[object], str],
    *,
    names: tuple[str, str],
    note: str = "",
) -> str:
    """For two sources side by side (the book and the data): every label with both values,
    each after its source's name; no "from ... to", which would read as a change over time."""
    items = [
        f"{in_sentence(label)}: {names[0]} {fmt(a)}, {names[1]} {fmt(b)}"
        for label, a, b in zip(labels, first, second, strict=True)
    ]
    return _sentence(lead, items, note, sep="; ")  # items hold commas


def alt_range(lead: str, values: pd.Series, names: pd.Series, fmt: Format, note: str = "") -> str:
    """For maps and long lists: the lowest and the highest value, with their names."""
    low, high = values.idxmin(), values.idxmax()
    span = text("bereik").format(
        low=fmt(values[low]),
        low_label=in_sentence(names[low]),
        high=fmt(values[high]),
        high_label=in_sentence(names[high]),
    )
    return f"{lead} {span}. {note}".strip()
