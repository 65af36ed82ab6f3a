"""One check per kind of claim in the register: each returns the parts of a claim with their
verdicts, computed from the data."""

from __future__ import annotations

from ..charts.numbers import decimals
from ..charts.words import listed, say, text
from .verdicts import DIFFERS, UNCHECKABLE, ClaimData, Part, amount, compare, number, words


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
                    say(
                        nl=f"geen telling van {v['year']} in de data; de reeks (37296ned) begint "
                        f"in {first.index[0]} met {number(first.iloc[0] * 1000)}. "
                        "Nodig: de Volkstelling 1947.",
                        en=f"no count for {v['year']} in the data; the series (37296ned) starts "
                        f"in {first.index[0]} with {number(first.iloc[0] * 1000)}. "
                        "Needed: the 1947 census (Volkstelling).",
                    ),
                    v["precision"],
                )
            )
            continue
        value, precision, table = found
        part = compare(str(v["year"]), v["value"], v["precision"], value, precision, v["unit"])
        part.explanation += f" ({say(nl='tabel', en='table')} {table})"
        parts.append(part)
    return parts


def share_living_alone(claim: dict, data: ClaimData) -> list[Part]:
    parts = []
    for v in claim["values"]:
        found = data.living_alone(v["year"])
        count = found[0] if found else v.get("count_from_book")
        shares = {name: 100 * count / d for name, d in data.denominators(v["year"]).items()}
        if count is None or not shares:
            no_data = say(nl="geen data", en="no data")
            no_share = Part(
                str(v["year"]), v["value"], None, "%", UNCHECKABLE, no_data, v["precision"]
            )
            parts.append(no_share)
            continue
        part = compare(str(v["year"]), v["value"], v["precision"], shares["bevolking"], 0.05, "%")
        matching = [n for n, s in shares.items() if abs(s - v["value"]) <= v["precision"] + 0.05]
        listed = "; ".join(f"{words(n)}: {amount(s, '%', 1)}" for n, s in shares.items())
        book = say(
            nl=f" (aantal uit het boek: {number(count)})",
            en=f" (the book's count: {number(count)})",
        )
        part.explanation = say(nl=f"als aandeel van de {listed}", en=f"as a share of the {listed}")
        part.explanation += "" if found else book
        if matching:
            right = say(
                nl=". Het boek klopt als aandeel van de ", en=". The book is right as a share of "
            )
            part.explanation += right + words(matching[0])
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
                    say(
                        nl=f"geen CBS-cijfer voor {v['year']} in de data; jaren met een cijfer: {years}",
                        en=f"no CBS figure for {v['year']} in the data; years with a figure: {years}",
                    ),
                    v["precision"],
                )
            )
            continue
        value, precision = sum(f[0] for f in found), sum(f[1] for f in found)
        part = compare(label, v["value"], v["precision"], value, precision, "%")
        part.explanation += f" {say(nl='van de', en='of')} {data.lonely_population(v['year'])}"
        if any(f[1] >= 0.5 for f in found):
            part.explanation += say(
                nl="; CBS-cijfer alleen afgerond op hele procenten bekend",
                en="; the CBS figure is known only rounded to whole percentages",
            )
        parts.append(part)
    return parts


def not_clearly_highest(claim: dict, data: ClaimData) -> list[str]:
    """Where the book calls its year's figures the highest: for each of its figures, whether
    the data show it above every other survey year's, beyond rounding: ``""`` when they do,
    else the years that come as high (``sterk eenzaam in 2021 (11 %, afgerond) ligt niet
    duidelijk boven 2022 (10,7 %)``)."""

    def said(found: tuple[float, float]) -> str:
        rounded = say(nl=", afgerond", en=", rounded") if found[1] >= 0.5 else ""
        return f"{amount(found[0], '%', decimals(found[1]))}{rounded}"

    if claim["check"] != "lonely_share" or any(
        isinstance(v["level"], list) for v in claim["values"]
    ):
        raise ValueError(f"{claim['id']}: 'highest' checks survey shares of one level each")
    close = []
    for v in claim["values"]:
        found = data.lonely_share(v["year"], v["level"])
        close.append("")
        if found is None:
            continue
        others = {int(y[:4]) for y in data.survey_years()} - {v["year"]}
        shares = {year: data.lonely_share(year, v["level"]) for year in sorted(others)}
        rivals = [  # a figure that may be as high: its interval reaches above the year's lowest
            f"{year} ({said(other)})"  # (a rounded 10 only touches a rounded 11: in the book's
            for year, other in shares.items()  # favour, as compare() counts a touch as a fit)
            if other and other[0] + other[1] > found[0] - found[1] + 1e-9
        ]
        if rivals:
            level = text(v["level"].lower()).lower()
            close[-1] = say(
                nl=f"{level} in {v['year']} ({said(found)}) ligt niet duidelijk boven ",
                en=f"{level} in {v['year']} ({said(found)}) is not clearly above ",
            ) + listed(rivals)
    return close


def extra_strongly_lonely(claim: dict, data: ClaimData) -> list[Part]:
    (v,) = claim["values"]
    shares, notes = {}, []
    for side in ("from", "to"):
        year = v[f"{side}_year"]
        found = data.lonely_share(year, "Sterk")
        shares[side] = found[0] if found else v[f"{side}_share"]
        if not found:
            notes.append(
                say(
                    nl=f"{year}: geen CBS-cijfer in de data, het boek gebruikt ",
                    en=f"{year}: no CBS figure in the data, the book uses ",
                )
                + amount(shares[side], "%", 1)
            )
    people = {s: data.population_15_plus(v[f"{s}_year"]) for s in ("from", "to")}
    if None in people.values():
        no_population = say(nl="geen bevolkingscijfer", en="no population figure")
        return [
            Part("aantal", v["value"], None, "personen", UNCHECKABLE, no_population, v["precision"])
        ]
    value = (shares["to"] * people["to"] - shares["from"] * people["from"]) / 100
    precision = 0.0005 * (people["to"] + people["from"])
    part = compare("aantal", v["value"], v["precision"], value, precision, "personen")
    implied = v["value"] / ((shares["to"] - shares["from"]) / 100)
    points = number(shares["to"] - shares["from"], 1)
    part.explanation = (
        f"{amount(shares['to'], '%', 1)} × {number(people['to'])} (15+, {v['to_year']}) − "
        f"{amount(shares['from'], '%', 1)} × {number(people['from'])} (15+, {v['from_year']}) = "
        f"{number(value)}; {part.explanation}. "
        + say(
            nl=f"Het boek rekent kennelijk met {number(implied)} mensen voor het verschil van "
            f"{points} procentpunt",
            en=f"The book apparently counts with {number(implied)} people for the difference of "
            f"{points} percentage points",
        )
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
            part.explanation += say(nl="; plaats {} van {}", en="; rank {} of {}").format(
                rank, len(ranking)
            )
            if rank != v["rank"]:
                part.verdict = DIFFERS
                part.explanation += say(nl=" (boek: plaats {})", en=" (book: rank {})").format(
                    v["rank"]
                )
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
            say(
                nl="geen CBS-cijfer: te controleren in de geciteerde studie zelf",
                en="not a CBS figure: to be checked in the cited study itself",
            ),
            v["precision"],
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
TABLES_USED = {
    "persons_living_alone": ["71488ned", "37296ned"],
    "share_living_alone": ["71488ned", "37296ned", "37296ned-tabel"],
    "lonely_share": ["85766NED"],
    "extra_strongly_lonely": ["85766NED", "71488ned"],
    "lonely_by_age": ["85766NED"],
    "not_cbs_data": [],
}
