"""The claim register: each figure the book states, checked against the data.

The book's figures are in ``seeds/claims.yaml``; every verdict here is computed from data:
``bevestigd`` (the book's figure and the data's agree within both their roundings), ``wijkt af``
(they do not: by how much and the likely reason) or ``niet te controleren`` (no data at hand:
which data would settle it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from .loader import load

CLAIMS_FILE = Path(__file__).resolve().parents[2] / "seeds" / "claims.yaml"
CONFIRMED, DIFFERS, UNCHECKABLE = "bevestigd", "wijkt af", "niet te controleren"
_SEVERITY = {CONFIRMED: 0, UNCHECKABLE: 1, DIFFERS: 2}
Loader = Callable[..., pd.DataFrame]


@dataclass
class Part:
    label: str
    book_value: float
    data_value: float | None
    unit: str
    verdict: str
    explanation: str


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

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def nl(value: float, decimals: int = 0) -> str:
    """Dutch number text for explanations (``1.234,5``)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def compare(label, book, book_precision, data, data_precision, unit, decimals=1) -> Part:
    """Agree when the two intervals (value ± half its last digit) overlap."""
    if data is None:
        return Part(label, book, None, unit, UNCHECKABLE, "geen cijfer in de data")
    gap = abs(book - data) - book_precision - data_precision
    if gap <= 1e-9:
        return Part(label, book, data, unit, CONFIRMED, f"data: {nl(data, decimals)} {unit}")
    diff = data - book
    return Part(
        label,
        book,
        data,
        unit,
        DIFFERS,
        f"data: {nl(data, decimals)} {unit}, {'+' if diff > 0 else '−'}"
        f"{nl(abs(diff), decimals)} {unit} t.o.v. het boek",
    )


class ClaimData:
    """The few numbers the checks need, each from a named CBS table."""

    def __init__(self, loader: Loader = load):
        self.households = loader("37296ned").set_index("periode")
        self.early = loader("37296ned-tabel").set_index("periode")
        self.persons = loader("71488ned", filters={"RegioS": "NL01", "Geslacht": "T001038"})
        self.lonely = loader("85766NED")

    def living_alone(self, year: int) -> tuple[float, float, str] | None:
        """Persons living alone: (value, precision, table)."""
        total = self.persons[
            (self.persons["leeftijd_code"] == "10000") & (self.persons["periode"] == str(year))
        ]
        if len(total) and pd.notna(total["Alleenstaand_4"].iloc[0]):
            return float(total["Alleenstaand_4"].iloc[0]), 0.5, "71488ned"
        value = self.households["Eenpersoonshuishoudens_63"].get(str(year))
        if value is not None and pd.notna(value):
            return float(value) * 1000, 500.0, "37296ned"
        return None

    def denominators(self, year: int) -> dict[str, float]:
        """Population, adults (20+) and households in ``year``, where the data has them."""
        key = str(year)
        if key in self.households.index:
            row = self.households.loc[key]
            return {
                "bevolking": row["TotaleBevolking_1"],
                "volwassenen (20+)": row["TotaleBevolking_1"] - row["JongerDan20Jaar_10"],
                "huishoudens": row["TotaalHuishoudens_62"] * 1000,
            }
        if key in self.early.index:
            row = self.early.loc[key]
            total = row["Bevolking op 1 januari|Naar leeftijd|Totaal bevolking"] * 1000
            young = row["Bevolking op 1 januari|Naar leeftijd|0 tot 20 jaar"] * 1000
            return {"bevolking": total, "volwassenen (20+)": total - young}
        return {}

    def population_15_plus(self, year: int) -> float | None:
        rows = self.persons[self.persons["periode"] == str(year)].set_index("leeftijd_code")
        if rows.empty:
            return None
        under_15 = rows.loc[["70100", "70200", "70300"], "TotaalPersonenInHuishoudens_1"].sum()
        return float(rows.loc["10000", "TotaalPersonenInHuishoudens_1"] - under_15)

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
        best = rows.sort_values("precisie").iloc[0]  # "exact" sorts before "rounded"
        return float(best["percentage"]), 0.05 if best["precisie"] == "exact" else 0.5

    def survey_years(self) -> list[str]:
        return sorted(self.lonely["periode"].unique())


# --- one check per kind of claim -------------------------------------------------------------


def persons_living_alone(claim: dict, data: ClaimData) -> list[Part]:
    parts = []
    for v in claim["values"]:
        found = data.living_alone(v["year"])
        if found is None:
            first = data.households["Eenpersoonshuishoudens_63"].dropna()
            parts.append(
                Part(
                    str(v["year"]),
                    v["value"],
                    None,
                    v["unit"],
                    UNCHECKABLE,
                    f"geen telling van {v['year']} in de data; de reeks (37296ned) begint "
                    f"in {first.index[0]} met {nl(first.iloc[0] * 1000)}. "
                    "Nodig: de Volkstelling 1947.",
                )
            )
            continue
        value, precision, table = found
        part = compare(str(v["year"]), v["value"], v["precision"], value, precision, v["unit"], 0)
        part.explanation += f" (tabel {table})"
        parts.append(part)
    return parts


def share_living_alone(claim: dict, data: ClaimData) -> list[Part]:
    parts = []
    for v in claim["values"]:
        found = data.living_alone(v["year"])
        count = found[0] if found else v.get("count_from_book")
        shares = {name: 100 * count / d for name, d in data.denominators(v["year"]).items()}
        if count is None or not shares:
            parts.append(Part(str(v["year"]), v["value"], None, "%", UNCHECKABLE, "geen data"))
            continue
        part = compare(str(v["year"]), v["value"], v["precision"], shares["bevolking"], 0.05, "%")
        matching = [n for n, s in shares.items() if abs(s - v["value"]) <= v["precision"] + 0.05]
        part.explanation = (
            f"als aandeel van de {'; '.join(f'{n}: {nl(s, 1)} %' for n, s in shares.items())}"
            + ("" if found else f" (aantal uit het boek: {nl(count)})")
            + (f". Het boek klopt als aandeel van de {matching[0]}" if matching else "")
        )
        parts.append(part)
    return parts


def lonely_share(claim: dict, data: ClaimData) -> list[Part]:
    parts = []
    for v in claim["values"]:
        levels = v["level"] if isinstance(v["level"], list) else [v["level"]]
        found = [data.lonely_share(v["year"], level) for level in levels]
        label = f"{v['year']} {' + '.join(levels).lower()}"
        if any(f is None for f in found):
            years = ", ".join(p[:4] for p in data.survey_years())
            parts.append(
                Part(
                    label,
                    v["value"],
                    None,
                    "%",
                    UNCHECKABLE,
                    f"geen CBS-meting in {v['year']}; metingen: {years}",
                )
            )
            continue
        value, precision = sum(f[0] for f in found), sum(f[1] for f in found)
        part = compare(label, v["value"], v["precision"], value, precision, "%")
        if any(f[1] >= 0.5 for f in found):
            part.explanation += ", CBS-cijfer afgerond op hele procenten"
        parts.append(part)
    return parts


def extra_strongly_lonely(claim: dict, data: ClaimData) -> list[Part]:
    (v,) = claim["values"]
    shares, notes = {}, []
    for side in ("from", "to"):
        year = v[f"{side}_year"]
        found = data.lonely_share(year, "Sterk")
        shares[side] = found[0] if found else v[f"{side}_share"]
        if not found:
            notes.append(f"{year}: geen meting, het boek gebruikt {nl(shares[side], 1)} %")
    people = {s: data.population_15_plus(v[f"{s}_year"]) for s in ("from", "to")}
    if None in people.values():
        return [Part("aantal", v["value"], None, "personen", UNCHECKABLE, "geen bevolkingscijfer")]
    value = (shares["to"] * people["to"] - shares["from"] * people["from"]) / 100
    precision = 0.0005 * (people["to"] + people["from"])
    part = compare("aantal", v["value"], v["precision"], value, precision, "personen", 0)
    implied = v["value"] / ((shares["to"] - shares["from"]) / 100)
    part.explanation = (
        f"{nl(shares['to'], 1)} % × {nl(people['to'])} (15+, {v['to_year']}) − "
        f"{nl(shares['from'], 1)} % × {nl(people['from'])} (15+, {v['from_year']}) = "
        f"{nl(value)}; {part.explanation}. Het boek rekent met {nl(implied)} mensen voor het "
        f"verschil van {nl(shares['to'] - shares['from'], 1)} procentpunt"
        + (f" ({'; '.join(notes)})" if notes else "")
    )
    return [part]


def lonely_by_age(claim: dict, data: ClaimData) -> list[Part]:
    year = claim["values"][0]["year"]
    ages = data.lonely[
        (data.lonely["periode"] == str(year))
        & (data.lonely["indeling"] == "Leeftijd")
        & (data.lonely["maat"] == "Eenzaamheid")
        & (data.lonely["niveau"] == "Sterk")
    ]
    ranking = ages.sort_values("percentage", ascending=False)["groep"].tolist()
    parts = []
    for v in claim["values"]:
        found = data.lonely_share(year, "Sterk", group=v["group"])
        part = compare(
            v["group"],
            v["value"],
            v["precision"],
            found and found[0],
            found[1] if found else 0,
            "%",
        )
        if "rank" in v and v["group"] in ranking:
            rank = ranking.index(v["group"]) + 1
            part.explanation += f"; plaats {rank} van {len(ranking)}"
            if rank != v["rank"]:
                part.verdict = DIFFERS
                part.explanation += f" (boek: plaats {v['rank']})"
        parts.append(part)
    return parts


def not_cbs_data(claim: dict, data: ClaimData) -> list[Part]:
    return [
        Part(
            v["what"],
            v["value"],
            None,
            v["unit"],
            UNCHECKABLE,
            "geen CBS-cijfer: te controleren in de geciteerde studie zelf",
        )
        for v in claim["values"]
    ]


CHECKS = {
    f.__name__: f
    for f in (
        persons_living_alone,
        share_living_alone,
        lonely_share,
        extra_strongly_lonely,
        lonely_by_age,
        not_cbs_data,
    )
}
_TABLES = {
    "persons_living_alone": ["71488ned", "37296ned"],
    "share_living_alone": ["71488ned", "37296ned", "37296ned-tabel"],
    "lonely_share": ["85766NED"],
    "extra_strongly_lonely": ["85766NED", "71488ned"],
    "lonely_by_age": ["85766NED"],
    "not_cbs_data": [],
}


def _summary(claim: dict, parts: list[Part]) -> ClaimResult:
    verdict = max((p.verdict for p in parts), key=_SEVERITY.get)
    main = next((p for p in parts if p.verdict == verdict), parts[0])
    explanation = "; ".join(f"{p.label}: {p.verdict} ({p.explanation})" for p in parts)
    if claim.get("note"):
        explanation += f". Let op: {claim['note']}"
    if claim.get("citation"):
        explanation += f". Bron: {claim['citation']}"
    return ClaimResult(
        claim["id"],
        claim["where"],
        claim["says"],
        verdict,
        main.book_value,
        main.data_value,
        main.unit,
        explanation,
        parts,
        [f"CBS {t}" for t in _TABLES[claim["check"]]],
    )


def read_claims(path: Path = CLAIMS_FILE) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def claim(claim_id: str, path: Path = CLAIMS_FILE) -> dict:
    """One entry of the register, e.g. ``claim("B8")["values"]``: the book's own figures."""
    for entry in read_claims(path):
        if entry["id"] == claim_id:
            return entry
    raise KeyError(f"no claim {claim_id!r} in {path}")


def check_claims(loader: Loader = load, path: Path = CLAIMS_FILE) -> list[ClaimResult]:
    """Check every claim in the register against the data that ``loader`` returns."""
    data = ClaimData(loader)
    return [_summary(c, CHECKS[c["check"]](c, data)) for c in read_claims(path)]


def claims_table(results: list[ClaimResult]) -> str:
    """The register as a plain-text table (``python -m eenzaamheid claims``)."""
    lines = [f"{'id':<4} {'oordeel':<20} {'boek':>12} {'data':>12}  toelichting"]
    for r in results:
        data = "—" if r.data_value is None else nl(r.data_value, 1 if r.unit == "%" else 0)
        book = nl(r.book_value, 1 if r.unit == "%" else 0)
        lines.append(f"{r.id:<4} {r.verdict:<20} {book:>12} {data:>12}  {r.explanation}")
    return "\n".join(lines)
