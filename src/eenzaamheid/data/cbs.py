"""CBS codes the stories share, written once: the whole country, the sexes, all ages, and the
age groups of 71488ned in their own order (not the order of their codes)."""

from __future__ import annotations

from types import MappingProxyType

import pandas as pd

NETHERLANDS = "NL01"  # RegioS: Nederland
SEX_TOTAL, MEN, WOMEN = "T001038", "3000", "4000"  # Geslacht: totaal, mannen, vrouwen
AGE_TOTAL = "10000"  # Leeftijd: totaal (all ages)
# 71488ned for the whole country, both sexes and all ages: ``load("71488ned", filters=...)``
NATIONAL_TOTAL = MappingProxyType(
    {"RegioS": NETHERLANDS, "Geslacht": SEX_TOTAL, "Leeftijd": AGE_TOTAL}
)
# 71488ned's five-year groups, youngest first: 0-5 .. 90-95 (70100 .. 71900), then 95+ (22000)
AGES_71488 = (*(f"7{group:02d}00" for group in range(1, 20)), "22000")


def ages_from(first: str) -> tuple[str, ...]:
    """The age codes of 71488ned from ``first`` up: ``ages_from("71200")`` is 55 and over."""
    if first not in AGES_71488:
        raise ValueError(f"{first!r} is not a five-year age group of 71488ned: {AGES_71488}")
    return AGES_71488[AGES_71488.index(first) :]


def age_rank(codes: pd.Series) -> pd.Series:
    """Each 71488ned age code's place, youngest first (all ages and unknown codes last): a
    ``key`` for ``sort_values("leeftijd_code", key=age_rank)``."""
    rank = {code: place for place, code in enumerate(AGES_71488)}
    return codes.map(rank).fillna(len(rank))
