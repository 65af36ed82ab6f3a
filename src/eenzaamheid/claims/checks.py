"""One check per kind of claim in the register: each returns the parts of a claim with their
verdicts, computed from the data."""

from __future__ import annotations

from .verdicts import DIFFERS, UNCHECKABLE, ClaimData, Part, compare, nl


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
                    f"geen CBS-cijfer voor {v['year']} in de data; jaren met een cijfer: {years}",
                )
            )
            continue
        value, precision = sum(f[0] for f in found), sum(f[1] for f in found)
        part = compare(label, v["value"], v["precision"], value, precision, "%")
        part.explanation += f" van de {data.lonely_population(v['year'])}"
        if any(f[1] >= 0.5 for f in found):
            part.explanation += "; CBS-cijfer alleen afgerond op hele procenten bekend"
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
            notes.append(
                f"{year}: geen CBS-cijfer in de data, het boek gebruikt {nl(shares[side], 1)} %"
            )
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
        f"{nl(value)}; {part.explanation}. Het boek rekent kennelijk met {nl(implied)} mensen voor het "
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
TABLES_USED = {
    "persons_living_alone": ["71488ned", "37296ned"],
    "share_living_alone": ["71488ned", "37296ned", "37296ned-tabel"],
    "lonely_share": ["85766NED"],
    "extra_strongly_lonely": ["85766NED", "71488ned"],
    "lonely_by_age": ["85766NED"],
    "not_cbs_data": [],
}
