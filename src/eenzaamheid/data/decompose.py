"""Why a count changed: population size, population make-up, or behaviour within groups.

A count is a sum over groups (e.g. age x sex): ``A = P * sum_i(s_i * r_i)``, with ``P`` the
population, ``s_i = P_i / P`` the share of group ``i`` in it (its *make-up*) and
``r_i = A_i / P_i`` the rate within the group (e.g. the share of 30- to 35-year-old men who
live alone). The change ``A1 - A0`` between two periods splits exactly into three parts:

- ``omvang``: the population grew or shrank, with make-up and rates as on average;
- ``samenstelling``: the population's make-up shifted (e.g. ageing), rates as on average;
- ``kans``: people in the same group did it more or less often (the rates changed).

``method="kitagawa"`` (Kitagawa 1955, nested): first ``A = P * R`` (R the crude rate) as
``dP * mean(R) + mean(P) * dR``, then ``dR`` as ``sum(ds * mean(r)) + sum(mean(s) * dr)``; at
each step the two orderings are averaged (midpoint weights), so nothing is left over.
``method="das_gupta"``: the symmetric three-factor form (Das Gupta 1993), the average over all
six orderings. Both add up exactly, also per group. Pure pandas; no charts, no language.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

COMPONENTS = ("omvang", "samenstelling", "kans")
METHODS = ("kitagawa", "das_gupta")


def _wide(frame: pd.DataFrame, by: list[str], period: str, when: str, columns: dict[str, str]):
    rows = frame[frame[period] == when]
    if rows.empty:
        raise ValueError(f"no rows for {period} == {when!r}")
    if rows.duplicated(by).any():
        raise ValueError(f"more than one row per group {by} in {when}")
    return rows.set_index(by)[list(columns)].rename(columns=columns).astype("float64")


def _check(table: pd.DataFrame, before: str, after: str) -> None:
    missing = table[table.isna().any(axis=1)]
    if not missing.empty:
        raise ValueError(
            f"groups without a figure in {before} or {after}: {list(missing.index)[:5]}; "
            "a gap cannot be decomposed (leave the group out, and say so)"
        )
    empty = table[(table["bevolking_voor"] <= 0) | (table["bevolking_na"] <= 0)]
    if not empty.empty:
        raise ValueError(f"groups with no population: {list(empty.index)[:5]}")


def decompose_change(
    frame: pd.DataFrame,
    *,
    count: str,
    population: str,
    by: Sequence[str],
    period: str = "periode",
    before: str,
    after: str,
    method: str = "kitagawa",
) -> pd.DataFrame:
    """The change in ``count`` from ``before`` to ``after``, per group of ``by``, split into
    :data:`COMPONENTS` (in the count's unit); ``frame`` is tidy: one row per group and period.

    Returns one row per group: the counts, populations and rates in both periods, the observed
    ``verandering`` and its parts ``omvang + samenstelling + kans`` (equal to it, up to float
    rounding). Every group must have a figure in both periods.
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, not {method!r}")
    by = list(by)
    table = _wide(frame, by, period, before, {count: "aantal_voor", population: "bevolking_voor"})
    table = table.join(
        _wide(frame, by, period, after, {count: "aantal_na", population: "bevolking_na"}),
        how="outer",
    )
    _check(table, before, after)
    p0, p1 = table["bevolking_voor"].sum(), table["bevolking_na"].sum()
    s0, s1 = table["bevolking_voor"] / p0, table["bevolking_na"] / p1
    r0, r1 = (
        table["aantal_voor"] / table["bevolking_voor"],
        table["aantal_na"] / table["bevolking_na"],
    )
    if method == "kitagawa":
        parts = {
            "omvang": (p1 - p0) * (s0 * r0 + s1 * r1) / 2,
            "samenstelling": (p0 + p1) / 2 * (s1 - s0) * (r0 + r1) / 2,
            "kans": (p0 + p1) / 2 * (s0 + s1) / 2 * (r1 - r0),
        }
    else:
        parts = {
            "omvang": _symmetric(p1 - p0, (s0, s1), (r0, r1)),
            "samenstelling": _symmetric(s1 - s0, (p0, p1), (r0, r1)),
            "kans": _symmetric(r1 - r0, (p0, p1), (s0, s1)),
        }
    table = table.assign(
        kans_voor=r0, kans_na=r1, verandering=table["aantal_na"] - table["aantal_voor"], **parts
    )
    return table.reset_index()


def _symmetric(change, other, third):
    """Das Gupta's effect of one factor of a product of three: its change times the other two,
    weighted over all six orderings in which the factors can be replaced."""
    (b0, b1), (c0, c1) = other, third
    return change * ((b0 * c0 + b1 * c1) / 3 + (b0 * c1 + b1 * c0) / 6)


def components(parts: pd.DataFrame) -> pd.DataFrame:
    """The totals of :func:`decompose_change`: one row per component with its ``aantal`` (in
    the count's unit) and ``procent`` of the observed change; a last row ``verandering``."""
    change = parts["verandering"].sum()
    totals = pd.Series(
        {name: parts[name].sum() for name in COMPONENTS} | {"verandering": change}, name="aantal"
    )
    out = totals.rename_axis("component").reset_index()
    out["procent"] = 100 * out["aantal"] / change
    return out
