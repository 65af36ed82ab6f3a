"""Verdicts and the numbers they are decided on: how a book figure is compared with data,
and the few CBS figures the checks need."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

import pandas as pd

from ..charts.numbers import decimals, fmt_percent
from ..charts.numbers import fmt_number as number
from ..charts.words import say, text
from ..data.cbs import AGE_TOTAL, AGES_71488, NETHERLANDS, SEX_TOTAL

CONFIRMED, FITS_ROUNDED = "bevestigd", "past bij afgeronde cijfers"
DIFFERS, UNCHECKABLE = "wijkt af", "niet te controleren"
OVERSTATED = "getal klopt, woorden overdreven"  # a claim's figure holds, its words do not
SEVERITY = {CONFIRMED: 0, FITS_ROUNDED: 1, UNCHECKABLE: 2, DIFFERS: 3}
Loader = Callable[..., pd.DataFrame]


@dataclass
class Part:
    """One figure of a claim: the book's value and the data's, each with its precision (half
    its last digit), so that each is written with the decimals it has."""

    label: str
    book_value: float
    data_value: float | None
    unit: str
    verdict: str
    explanation: str
    book_precision: float
    data_precision: float | None = None
    overstated: str = ""  # what the data give against the book's words beside this figure

    def book_text(self) -> str:
        """The book's figure as the book states it: ``11 %``, ``31,5 %``."""
        return amount(self.book_value, self.unit, decimals(self.book_precision))

    def data_text(self) -> str:
        """The data's figure at its own precision, or "no figure" (``geen meting``)."""
        if self.data_value is None or self.data_precision is None:
            return text("geen_meting")
        return amount(self.data_value, self.unit, decimals(self.data_precision))


@dataclass
class ClaimResult:
    id: str
    where: str
    says: str
    verdict: str
    book_value: float | None
    data_value: float | None
    unit: str
    explanation: str
    parts: list[Part] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    says_en: str = ""  # our English translation of the book's words

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# Explanations are written in the build language (settings.current().lang); verdicts, labels
# and denominator names stay Dutch keys, put in words where they are shown.
WORDS_EN = {
    "personen": "people",
    "aantal": "number",
    "bevolking": "population",
    "volwassenen (20+)": "adults (20+)",
    "huishoudens": "households",
}


def words(key: str) -> str:
    """A Dutch key (unit, part label, denominator) in the build language."""
    return say(nl=key, en=WORDS_EN.get(key, key))


def amount(value: float, unit: str, decimals: int = 0, *, signed: bool = False) -> str:
    """``22,3 %`` / ``22.3%``, ``3.340.560 personen`` / ``3,340,560 people``; ``signed``: a
    change (``+1,3 %``, ``−0,4 %``)."""
    if unit == "%":
        return fmt_percent(value, decimals, signed=signed)
    return f"{number(value, decimals, signed=signed)} {words(unit)}"


def compare(label, book, book_precision, data, data_precision, unit) -> Part:
    """Compare a book figure with data, each as an interval (value ± half its last digit).

    ``bevestigd``: the intervals overlap and the data are at least as precise as the book, so
    the data show the book's figure; ``past bij afgeronde cijfers``: they overlap, but only a
    coarser (rounded) figure exists; ``wijkt af``: no overlap. Each figure is written with
    the decimals its precision has (:func:`decimals`).
    """
    if data is None:
        no_figure = say(nl="geen cijfer in de data", en="no figure in the data")
        return Part(label, book, None, unit, UNCHECKABLE, no_figure, book_precision)
    part = Part(label, book, data, unit, DIFFERS, "", book_precision, data_precision)
    part.explanation = f"data: {part.data_text()}"
    gap = abs(book - data) - book_precision - data_precision
    if gap <= 1e-9:
        part.verdict = CONFIRMED if data_precision <= book_precision + 1e-9 else FITS_ROUNDED
        return part
    places = max(decimals(book_precision), decimals(data_precision))
    part.explanation += (
        f", {amount(data - book, unit, places, signed=True)} "
        f"{say(nl='t.o.v. het boek', en='against the book')}"
    )
    return part


_EARLY = "Bevolking op 1 januari|Naar leeftijd|{}"  # 37296ned's table view, in thousands


def population(households: pd.DataFrame, early: pd.DataFrame) -> pd.DataFrame:
    """Population, under-20s and adults (20+) per year (index ``periode``): from 37296ned's
    download, and from its table view (``37296ned-tabel``, thousands) for the years the
    download lacks. The rows keep their other columns, such as their source; ``precisie``
    says whether CBS gives the population in persons (``exact``) or in thousands (``rounded``)."""
    people = pd.concat(
        [
            households.assign(
                bevolking=households["TotaleBevolking_1"],
                jong=households["JongerDan20Jaar_10"],
                precisie="exact",
            ),
            early.assign(
                bevolking=early[_EARLY.format("Totaal bevolking")] * 1000,
                jong=early[_EARLY.format("0 tot 20 jaar")] * 1000,
                precisie="rounded",
            ),
        ]
    ).drop_duplicates("periode")
    return people.set_index("periode").assign(volwassenen=lambda d: d["bevolking"] - d["jong"])


class ClaimData:
    """The few numbers the checks need, each from a named CBS table."""

    def __init__(self, loader: Loader):
        households = loader("37296ned")
        self.households = households.set_index("periode")
        self.people = population(households, loader("37296ned-tabel"))
        self.persons = loader("71488ned", filters={"RegioS": NETHERLANDS, "Geslacht": SEX_TOTAL})
        self.lonely = loader("85766NED")

    def living_alone(self, year: int) -> tuple[float, float, str] | None:
        """Persons living alone: (value, precision, table)."""
        total = self.persons[
            (self.persons["leeftijd_code"] == AGE_TOTAL) & (self.persons["periode"] == str(year))
        ]
        if len(total) and pd.notna(total["Alleenstaand_4"].iloc[0]):
            return float(total["Alleenstaand_4"].iloc[0]), 0.5, "71488ned"
        value = self.households["Eenpersoonshuishoudens_63"].get(str(year))
        if value is not None and pd.notna(value):
            return float(value) * 1000, 500.0, "37296ned"
        return None

    def denominators(self, year: int) -> dict[str, float]:
        """Population, adults (20+) and households in ``year``, where the data has them."""
        if str(year) not in self.people.index:
            return {}
        row = self.people.loc[str(year)]
        found = {"bevolking": row["bevolking"], "volwassenen (20+)": row["volwassenen"]}
        if pd.notna(row.get("TotaalHuishoudens_62")):
            found["huishoudens"] = row["TotaalHuishoudens_62"] * 1000
        return found

    def population_15_plus(self, year: int) -> float | None:
        rows = self.persons[self.persons["periode"] == str(year)].set_index("leeftijd_code")
        if rows.empty:
            return None
        under_15 = rows.loc[list(AGES_71488[:3]), "TotaalPersonenInHuishoudens_1"].sum()
        return float(rows.loc[AGE_TOTAL, "TotaalPersonenInHuishoudens_1"] - under_15)

    def lonely_share(
        self,
        year: int,
        level: str,
        group: str = "Totaal persoonskenmerken",
        measure: str = "Eenzaamheid",
    ) -> tuple[float, float] | None:
        """(percent, precision): the exact figure if there is one, else the rounded one."""
        rows = self.lonely[
            (self.lonely["periode"] == str(year))
            & (self.lonely["niveau"] == level)
            & (self.lonely["groep"] == group)
            & (self.lonely["maat"] == measure)
        ]
        if rows.empty:
            return None
        best = rows.sort_values("precisie", key=lambda p: p != "exact").iloc[0]  # exact first
        return float(best["percentage"]), 0.05 if best["precisie"] == "exact" else 0.5

    def lonely_population(self, year: int) -> str:
        """Who the survey figures are about, e.g. ``15-plussers`` (``people aged 15 and over``)."""
        found = self.lonely.loc[self.lonely["periode"] == str(year), "populatie"].unique()
        older = say(nl="{}-plussers", en="people aged {} and over")
        suffix = " jaar of ouder"
        return ", ".join(
            older.format(p[: -len(suffix)]) if p.endswith(suffix) else p for p in found
        )

    def survey_years(self) -> list[str]:
        return sorted(self.lonely["periode"].unique())
