"""The chart of a choice in the house style, its reader table and the code that draws it."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path

import matplotlib as mpl
import pandas as pd
from matplotlib.ticker import MaxNLocator

from .. import charts as ch
from ..charts.words import unit_name
from .known import MAX_SERIES, ExploreError, words
from .offer import Choice, Offer
from .rules import (
    breaks,
    describe,
    dimension_name,
    measure_label,
    measure_name,
    missing_note,
    select,
    shown,
    value_column,
)

SPARSE_YEARS = 8  # at most this many years, with gaps between them: a tick at each year drawn


def chart_name(choice: Choice, offer: Offer) -> str:
    """A stable file name for a choice: ``10_verkenner_71488ned_nl01_alleenstaand_4``."""
    codes = [offer.regions.get(label, label) for label in choice.regions][:3]
    words_ = [choice.table, *codes, choice.measure, *(choice.per or "").split()]
    words_ += [
        label
        for _, labels in choice.filters
        for label in labels
        if not label.lower().startswith("totaal")
    ]
    slug = re.sub(r"[^a-z0-9]+", "_", "_".join(words_).lower()).strip("_")
    return f"10_verkenner_{slug}"[:90].rstrip("_")


def draw(frame: pd.DataFrame, choice: Choice, offer: Offer, *, save: bool = False) -> ch.Chart:
    """The chart for a choice: a line per series over the years (a series of one year as a
    point), bars for a single year, a panel per value of a second varying dimension. ``save``
    writes it (PNG, SVG, PDF, CSV, JSON) like every chart of the stories."""
    if offer.regions and not choice.regions:
        raise ExploreError(words("choose_region"))
    for column, labels in choice.filters:
        if not labels:
            raise ExploreError(words("choose_value", name=dimension_name(column)))
    every_year = select(frame, choice._replace(years=None), offer)  # the years a region has
    drawn = every_year[every_year["jaar"].between(*choice.years)] if choice.years else every_year
    if drawn.empty:  # the years the regions do have say why
        raise ExploreError(missing_note(drawn, choice, offer, every_year) or words("nothing"))
    series = drawn["reeks"].nunique()
    if series > MAX_SERIES:
        raise ExploreError(words("too_many_series", most=MAX_SERIES, now=series))
    text = describe(drawn, choice, offer, every_year)
    panels, top = list(dict.fromkeys(drawn["paneel"])), drawn[value_column(choice)].max()
    columns = min(len(panels), 3)
    rows = -(-len(panels) // columns)
    with ch.Chart(
        text["title"], text["subtitle"], notes=text["notes"], ncols=columns, nrows=rows, sharey=True
    ) as chart:
        for ax, panel in zip(chart.axes, panels, strict=False):
            _panel(ax, drawn[drawn["paneel"] == panel], choice, panel, top, offer.years)
        for ax in chart.axes[len(panels) :]:
            ax.set_visible(False)
        if save:  # a panel column only where there are panels
            saved = drawn if len(panels) > 1 else drawn.drop(columns="paneel")
            chart.save(chart_name(choice, offer), saved, alt=text["alt"])
        else:  # on screen too the chart carries its source line
            chart.source = text["source"]
            chart.fit_texts()
    return chart


def _panel(
    ax, drawn: pd.DataFrame, choice: Choice, panel: str, top: float, table_years: list[int]
) -> None:
    """One panel; a line breaks at a year of the table (``table_years``) its series lacks."""
    unit, value = drawn["eenheid"].iloc[0], value_column(choice)
    series = list(dict.fromkeys(drawn["reeks"]))
    colours = dict(zip(series, ch.PALETTE, strict=False))  # draw() allows no more series
    if panel:
        ax.set_title(panel, loc="left", fontsize="medium")
    if drawn["jaar"].nunique() == 1:
        values = drawn.set_index("reeks").loc[series, value]
        names = [ch.on_its_own(s) for s in series]  # a label on its own: The Netherlands
        ax.barh(names, values, color=[colours[s] for s in series])
        ax.invert_yaxis()
        ch.horizontal_layout(ax)
        _number_axis(ax, "x", unit)
        return
    ends = {}
    for name in series:
        rows = drawn[drawn["reeks"] == name]
        cuts_at = breaks(rows)
        dotted = len(rows) == 1 or rows["jaar"].diff().gt(1).any() or cuts_at
        style = {"marker": "o"} if dotted else {}
        span = [y for y in table_years if rows["jaar"].min() <= y <= rows["jaar"].max()]
        line = rows.set_index("jaar")[value]
        if line.index.is_unique:  # one value a year: a gap (NaN) breaks the line
            line = line.reindex(span)
            # a break in series (Eurostat's flag b) breaks it too: no line across it
            cuts = pd.Series(float("nan"), index=[y - 0.5 for y in cuts_at])
            line = pd.concat([line, cuts]).sort_index() if cuts_at else line
        ax.plot(line.index, line.to_numpy(), color=colours[name], **style)
        ends[name] = (rows["jaar"].iloc[-1], rows[value].iloc[-1])
    _number_axis(ax, "y", unit)
    ax.set_ylim(0, top * 1.08)  # room above the highest point of all panels
    years = sorted(drawn["jaar"].unique())
    if len(years) <= SPARSE_YEARS and (pd.Series(years).diff() > 1).any():
        ax.set_xticks(years)  # a survey every few years: ticks at its years, not every year
    else:
        ax.xaxis.get_major_locator().set_params(integer=True)
    ax.margins(x=0.25 if len(series) > 1 else 0.04)
    if len(series) > 1:  # direct labels at the ends, moved apart where they would overlap
        for name, dy in _dodge(ax, {name: y for name, (_, y) in ends.items()}).items():
            ch.label_line_end(ax, *ends[name], ch.on_its_own(name), colours[name], dy=dy)


def _dodge(ax, ends: dict[str, float]) -> dict[str, float]:
    """Each label's shift in lines so that labels keep a line apart."""
    top = ax.get_ylim()[1]
    height = ax.get_position().height * ax.figure.get_size_inches()[1] * 72
    per_line = top * mpl.rcParams["font.size"] * 1.1 / height  # data units of one line
    shifts, previous = {}, None
    for name, y in sorted(ends.items(), key=lambda kv: kv[1]):
        place = y if previous is None else max(y, previous + per_line)
        shifts[name], previous = (place - y) / per_line * 1.1, place
    return shifts


def _number_axis(ax, axis: str, unit: str) -> None:
    ch.number_axis(ax, axis, "percent" if "%" in unit else "number")
    values = ax.xaxis if axis == "x" else ax.yaxis
    values.set_major_locator(MaxNLocator(steps=[1, 2, 5, 10]))  # round ticks: 0, 5, 10


def table(drawn: pd.DataFrame, choice: Choice, offer: Offer) -> ch.tables.ReaderTable:
    """The numbers drawn as a reader reads them: headers in words, numbers in the chart
    language, no index; a value's Eurostat flag beside it (``flag_note`` says what it means)."""
    headers = {"regio": ch.say(nl="Regio", en="Region"), "jaar": ch.say(nl="Jaar", en="Year")}
    headers.update({column: dimension_name(column) for column, _ in choice.filters})
    shown_frame = drawn.assign(  # a name on its own in its cell: The Netherlands
        regio=drawn["regio"].map(lambda label: ch.on_its_own(shown(label))),
        jaar=drawn["jaar"].astype(str),
    )
    for column, _ in choice.filters:
        shown_frame[column] = shown_frame[column].map(shown)
    value = value_column(choice)
    keys = [choice.measure, *([choice.per, value] if choice.per else [])]
    units = {key: unit_name(offer.units.get(key, "")) for key in keys}
    headers.update({key: _with_unit(measure_name(key, offer), units[key]) for key in keys})
    if choice.per:
        headers[value] = _with_unit(measure_label(choice, offer), "%")
    decimals = {key: offer.decimals.get(key, 1) for key in keys}  # as the title writes them
    decimals[value] = 1 if choice.per else decimals[value]
    if "vlag" in drawn:  # Eurostat's flags, explained by flag_note below the table
        headers["vlag"] = words("flag")
        shown_frame["vlag"] = drawn["vlag"].astype(object).where(drawn["vlag"].notna(), "")
    return ch.table(shown_frame, headers, decimals=decimals)


def _with_unit(name: str, unit: str) -> str:
    """A value column's header with its unit (``Alleenstaand (aantal)``), unless the name
    says it already (``Eenpersoonshuishoudens (% van huishoudens)``)."""
    said = unit in name or (unit.startswith("%") and "%" in name)
    return f"{name} ({unit})" if unit and not said else name


def code(choice: Choice, offer: Offer) -> str:
    """Python that reproduces the current view, to paste into one's own notebook."""
    return "\n".join(
        [
            "from eenzaamheid import charts as ch",
            "from eenzaamheid import explore, load",
            "",
            f"frame = ch.sourced(load({choice.table!r}, source='snapshot'))  # with its source",
            "offer = explore.options(frame)",
            "choice = explore.Choice(",
            f"    table={choice.table!r},",
            f"    regions={tuple(choice.regions)!r},",
            f"    filters={tuple((c, tuple(v)) for c, v in choice.filters)!r},",
            f"    measure={choice.measure!r},",
            f"    per={choice.per!r},",
            f"    years={choice.years!r},",
            ")",
            "explore.draw(frame, choice, offer)  # save=True writes PNG, SVG, PDF, CSV, JSON",
            "rows = explore.select(frame, choice, offer)  # the numbers drawn",
        ]
    )


def widget_html(message: str, paths: Iterable[Path] = ()) -> str:
    """Text for an ipywidgets HTML widget, escaped (an error may quote a name as typed): a
    message, starting with a capital, and the full path of each file written."""
    items = "".join(f"<li><code>{html.escape(str(Path(p).resolve()))}</code></li>" for p in paths)
    return f"<b>{html.escape(ch.upper_first(message))}</b>" + (f"<ul>{items}</ul>" if items else "")
