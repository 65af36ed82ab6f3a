"""The honesty rules: the rows a choice selects with their series and panels, the chosen
regions without figures, and a title computed over everything drawn."""

from __future__ import annotations

import pandas as pd

from .. import charts as ch
from ..charts.columns import column_label
from ..charts.words import group_in_sentence, lower_first, unit_name
from .known import TOPICS_EN, TOPICS_NL, ExploreError, words
from .offer import Choice, Offer, region, shown, two_codes


def value_column(choice: Choice) -> str:
    """The column drawn: the measure itself, or ``aandeel`` (measure as % of ``per``)."""
    return "aandeel" if choice.per else choice.measure


def dimension_name(column: str) -> str:
    """A dimension in the chart language (``leeftijd`` -> ``Leeftijd`` / ``Age``), as the
    data files head it; a column they do not know, capitalised."""
    name, _ = column_label(column)
    return column.capitalize() if name == column else name


def layout(choice: Choice) -> tuple[str | None, str | None]:
    """Which column gives the series and which the panels: the first two that vary (regions
    first), or ``ExploreError`` when three vary."""
    varying = ["regio"] if len(set(choice.regions)) > 1 else []  # a region twice is one
    varying += [column for column, labels in choice.filters if len(set(labels)) > 1]
    if len(varying) > 2:
        names = ", ".join(dimension_name(c) for c in varying)  # in words, as on the web
        raise ExploreError(words("too_many", names=names))
    series, panel, *_ = [*varying, None, None]
    return series, panel


def _offered(choice: Choice, offer: Offer) -> None:
    """An ``ExploreError`` for a region or value the table does not offer (a choice written
    by hand), which the selection would leave out without a word."""
    for label in choice.regions if offer.regions else ():
        if label not in offer.regions:
            found = region(offer, label)  # raises when the name fits no region, or several
            raise ExploreError(words("named_otherwise", typed=label, label=found))
    for column, labels in choice.filters:
        offered = offer.dimensions.get(column, [])
        for label in (label for label in labels if label not in offered):
            some = ", ".join(offered[:6]) + (", …" if len(offered) > 6 else "") or "—"
            name = dimension_name(column)
            raise ExploreError(words("unknown_value", value=label, name=name, options=some))


def select(frame: pd.DataFrame, choice: Choice, offer: Offer) -> pd.DataFrame:
    """The rows the choice selects, in long form, each with its source and its series
    (``reeks``) and panel (``paneel``): what the chart draws and what is saved beside it."""
    _offered(choice, offer)
    rows, column = frame, offer.region_column
    if offer.regions:
        codes = [offer.regions[label] for label in choice.regions]
        code_column = f"{column}_code" if f"{column}_code" in frame else column
        rows = rows[rows[code_column].isin(codes)]
    for dimension, labels in choice.filters:
        rows = rows[rows[dimension].astype(str).isin(labels)]
    rows = rows.assign(jaar=rows["periode"].astype(str).str[:4].astype(int))
    if choice.years:
        rows = rows[rows["jaar"].between(*choice.years)]
    names = {code: label for label, code in offer.regions.items()}
    codes = rows[f"{column}_code"] if f"{column}_code" in rows else rows.get(column, "")
    drawn = pd.DataFrame({"jaar": rows["jaar"], "regio_code": codes})
    drawn["regio"] = codes.map(names) if offer.regions else ""
    for dimension, _ in choice.filters:
        drawn[dimension] = rows[dimension].astype(str)
    drawn[choice.measure] = rows[choice.measure].astype(float)
    unit = offer.units.get(choice.measure, "")
    if choice.per:
        drawn[choice.per] = rows[choice.per].astype(float)
        per = drawn[choice.per].where(drawn[choice.per] != 0)  # no share of nothing: a gap
        drawn["aandeel"] = 100 * drawn[choice.measure] / per
        unit = "%"
    drawn["eenheid"] = unit_name(unit)
    if "vlag" in rows:  # Eurostat's flag on a value (b = break in series, e = estimated, ...)
        drawn["vlag"] = rows["vlag"]
    for source in ("bron_soort", "tabel", "bron_url", "bron_datum"):
        if source in rows:
            drawn[source] = rows[source]
    drawn = drawn.dropna(subset=[value_column(choice)])
    series, panel = layout(choice)
    drawn["reeks"] = drawn[series].map(shown) if series else drawn["regio"].map(shown)
    drawn["paneel"] = drawn[panel].map(shown) if panel else ""
    order = {label: i for i, label in enumerate(choice.regions)}
    for _, labels in choice.filters:
        order.update({label: i for i, label in enumerate(labels)})
    keys = [c for c in (panel, series, "regio") if c] + ["jaar"]
    return drawn.sort_values(
        list(dict.fromkeys(keys)), key=lambda s: s if s.name == "jaar" else s.map(order)
    )


def missing(
    drawn: pd.DataFrame, choice: Choice, every_year: pd.DataFrame | None = None
) -> list[str]:
    """Chosen regions and dimension values that have no figure in the chosen years, as a
    sentence says them (``Utrecht``, ``vrouwen``, ``people aged 95 and over``); a region with
    the years it does have figures for in ``every_year`` (the choice in all years), as
    ``Amsterdam (wel voor 2015)``. With nothing drawn, the regions' years say why: the values
    chosen are not named."""
    drawn_regions = set(drawn["regio"])
    absent = [
        _with_years(label, every_year) for label in choice.regions if label not in drawn_regions
    ]
    for dimension, labels in choice.filters if not drawn.empty else ():
        present = set(drawn[dimension]) if dimension in drawn else set()
        absent += [group_in_sentence(shown(label)) for label in labels if label not in present]
    return absent


def _with_years(label: str, every_year: pd.DataFrame | None) -> str:
    rows = every_year[every_year["regio"] == label] if every_year is not None else ()
    years = sorted(set(map(int, rows["jaar"]))) if len(rows) else []
    return f"{shown(label)} ({words('has_years', years=_years(years))})" if years else shown(label)


def missing_note(
    drawn: pd.DataFrame, choice: Choice, offer: Offer, every_year: pd.DataFrame | None = None
) -> str:
    """The sentence naming what has no figures in the chosen years (:func:`missing`), or ""."""
    absent = missing(drawn, choice, every_year)
    if not absent:
        return ""
    wanted = _span(choice.years) if choice.years else _span(offer.years)
    return ch.upper_first(words("missing", names=_join(absent), span=wanted))


def _fmt(choice: Choice, offer: Offer):
    """A value as the reader sees it: a percentage to one decimal, a count whole, any other
    figure with the decimals the table gives it."""
    if choice.per or "%" in offer.units.get(choice.measure, ""):
        return lambda v: ch.fmt_percent(v, 1)
    return lambda v: ch.fmt_number(v, offer.decimals.get(choice.measure, 1))


def measure_name(key: str, offer: Offer) -> str:
    """A measure in the chart language: the table's own title (without a code in it), in
    English where we know it."""
    if ch.say(nl="nl", en="en") == "en" and key in TOPICS_EN:
        return TOPICS_EN[key]
    return TOPICS_NL.get(key, offer.measures.get(key, key))


def measure_label(choice: Choice, offer: Offer) -> str:
    label = measure_name(choice.measure, offer)
    if choice.per:
        return words("per", measure=label, per=lower_first(measure_name(choice.per, offer)))
    return label


def _span(years: pd.Series | list[int]) -> str:
    first, last = int(min(years)), int(max(years))
    return f"{first}–{last}" if first != last else str(first)


def _years(years: list[int]) -> str:
    """Years in a sentence, in order: one run as a span (2011–2019); else each run of three or
    more as a span, other years listed (2011, 2012 en 2014–2019)."""
    if years == list(range(years[0], years[-1] + 1)):
        return _span(years)
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return _join(
        [said for run in runs for said in ([_span(run)] if len(run) >= 3 else map(str, run))]
    )


def _fixed(choice: Choice, measure: str) -> str:
    """The measure with the one region of every series when the series are not regions
    (``Eenzaam in Amsterdam`` above a line per age group): a title names what it shows."""
    series, _ = layout(choice)
    if series in (None, "regio") or len(set(choice.regions)) != 1:
        return measure
    return f"{measure} {words('in_region', name=shown(choice.regions[0]))}"


def _where(column: str | None, name: str) -> str:
    """A series or panel in a sentence: ``in Amsterdam`` for a region, ``bij 65 jaar of
    ouder`` for a group of people (not "in 65 jaar of ouder")."""
    if column in (None, "regio"):
        return words("in_region", name=name)
    return words("in_group", name=group_in_sentence(name))


def _said(choice: Choice, drawn: pd.DataFrame) -> pd.Series:
    """Each point's series and panel in a sentence: ``in Groningen, bij mannen``; a sex and
    an age as one group: ``bij vrouwen van 75 tot 80 jaar``."""
    series, panel = layout(choice)
    if {series, panel} == {"geslacht", "leeftijd"}:
        sexes, ages = ("reeks", "paneel") if series == "geslacht" else ("paneel", "reeks")
        pairs = zip(drawn[sexes], drawn[ages], strict=True)
        return pd.Series(
            [words("in_group", name=sex_and_age(*pair)) for pair in pairs], drawn.index
        )
    said = drawn["reeks"].map(lambda name: _where(series, name))
    return said.where(
        drawn["paneel"] == "", said + ", " + drawn["paneel"].map(lambda name: _where(panel, name))
    )


def sex_and_age(sex: str, age: str) -> str:
    """A sex and an age group, as the chart shows them, as one group in a sentence
    (``Vrouwen``, ``75 to 79 years`` -> ``women aged 75 to 79``)."""
    return ch.group_of_age(group_in_sentence(sex), group_in_sentence(age))


def title(drawn: pd.DataFrame, choice: Choice, offer: Offer) -> str:
    """The title, computed over every point drawn: one point as it is; one series from its
    first to its last year; several series: the highest point, of the years every series has
    when they cover different years (and saying so). A region that all series share is said
    after the measure."""
    measure, value = _fixed(choice, measure_label(choice, offer)), value_column(choice)
    fmt = _fmt(choice, offer)
    named = drawn.assign(reeks=_said(choice, drawn))
    spans = named.groupby("reeks", sort=False)["jaar"].agg(lambda s: tuple(sorted(s)))
    years = sorted(set(named["jaar"]))
    if len(spans) == 1 and len(years) > 1:
        series = named.set_index("jaar")[value]
        first, last = years[0], years[-1]
        return words(
            "change",
            measure=measure,
            series=spans.index[0],
            first=first,
            first_value=fmt(series[first]),
            last=last,
            last_value=fmt(series[last]),
        )
    uneven = len(set(spans)) > 1
    shared = sorted(set.intersection(*map(set, spans))) if uneven else years
    if uneven and shared:  # like with like: only the years every series has
        named, years = named[named["jaar"].isin(shared)], shared
    if len(named) == 1:  # "highest" needs another point to be higher than
        point = named.iloc[0]
        return words(
            "single", measure=measure, series=point["reeks"], year=years[0], value=fmt(point[value])
        )
    peak = fmt(named[value].max())  # as the reader sees it: two series at 25.7 % are both top
    tops = named[named[value].map(fmt) == peak]
    when = tops.groupby("reeks", sort=False)["jaar"].agg(lambda y: _years(sorted(set(y))))
    top = _join(list(when.index))
    if len(years) == 1:
        text = words("highest_year", measure=measure, year=years[0], top=top, value=peak)
    elif when.nunique() > 1:  # tied in different years: each series with its own
        top = _join([f"{name} in {at}" for name, at in when.items()])
        text = words("highest_year", measure=measure, year=_span(years), top=top, value=peak)
    else:
        span = _span(years)
        text = words("highest", measure=measure, span=span, top=top, value=peak, year=when.iloc[0])
    if uneven:
        said = (
            "shared_year" if len(shared) == 1 else "shared_years" if shared else "different_years"
        )
        text += f"; {words(said)}"
    return text


def _names(drawn: pd.DataFrame) -> pd.Series:
    """A point's series and panel in words (``Amsterdam, 65 jaar of ouder``)."""
    return drawn["reeks"].where(drawn["paneel"] == "", drawn["reeks"] + ", " + drawn["paneel"])


def describe(
    drawn: pd.DataFrame, choice: Choice, offer: Offer, every_year: pd.DataFrame | None = None
) -> dict[str, str]:
    """Title, subtitle (with the regions that have no figures, and their years in
    ``every_year``: :func:`missing`), source line with the table's caveat, alt text."""
    unit, value = drawn["eenheid"].iloc[0], value_column(choice)
    fmt, span = _fmt(choice, offer), _span(drawn["jaar"])
    picked = [
        ch.category(label)
        for _, labels in choice.filters
        if len(labels) == 1
        for label in labels
        if not label.lower().startswith("totaal")
    ]
    subtitle = ", ".join([*picked, span]) + (f" ({unit})" if unit else "")
    note = missing_note(drawn, choice, offer, every_year)
    if note:
        subtitle += f". {note}"
    named = drawn.assign(reeks=_names(drawn))
    lead = f"{_fixed(choice, measure_label(choice, offer))}, {span}"
    if named["jaar"].nunique() == 1:
        alt = ch.alt_values(lead, named["reeks"].tolist(), named[value].tolist(), fmt)
    else:
        alt = ch.alt_series(lead, named, "jaar", value, fmt, by="reeks")
    caveat = (lower_first(offer.caveat),) if offer.caveat else ()  # after a ";" in the line
    notes = caveat + _notes(drawn, choice, offer)
    return {
        "title": title(drawn, choice, offer),
        "subtitle": subtitle,
        "source": ch.source_line(drawn, notes),
        "alt": alt,
        "notes": notes,
    }


def _notes(drawn: pd.DataFrame, choice: Choice, offer: Offer) -> tuple[str, ...]:
    """What a reader must know to read the lines: a place Eurostat lists under two codes
    (Greece, EL and GR), and where a line is broken at a break in series (flag b)."""
    notes, twins = [], two_codes(offer)
    for codes in dict.fromkeys(tuple(twins[label]) for label in choice.regions if label in twins):
        notes.append(two_codes_note(offer, codes))
    if "vlag" in drawn and drawn["jaar"].nunique() > 1:
        lines = drawn.groupby(["reeks", "paneel"], sort=False)
        cut = {name: breaks(rows) for name, rows in lines}
        years = {
            " ".join(n for n in name if n): ", ".join(map(str, y)) for name, y in cut.items() if y
        }
        if years:
            one = len(cut) == 1
            said = (
                next(iter(years.values()))
                if one
                else "; ".join(f"{r}: {y}" for r, y in years.items())
            )
            notes.append(lower_first(words("breaks", years=said)))  # after a ";"
    return tuple(notes)


def breaks(rows: pd.DataFrame) -> list[int]:
    """The years a line of one series breaks at (Eurostat's flag b), after its first year."""
    if "vlag" not in rows:
        return []
    flagged = rows["vlag"].astype(str).str.contains("b", na=False)
    return [int(y) for y in rows.loc[flagged, "jaar"] if y > rows["jaar"].min()]


def two_codes_note(offer: Offer, codes: tuple[str, ...]) -> str:
    """The note on a place Eurostat lists under two codes (Greece: EL and GR), in the chart
    language; the notebook's and the web explorer's."""
    name = next(label for label, code in offer.regions.items() if code == codes[0])
    return words("two_codes", name=shown(name), codes=_join(list(codes)))


def _join(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} {ch.text('en')} {names[-1]}"
