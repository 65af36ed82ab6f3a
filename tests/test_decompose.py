"""The decomposition of a change into population size, make-up and rates: checked by hand on
a tiny example, and on the real 71488ned figures it adds up exactly."""

import pandas as pd
import pytest

from eenzaamheid import load
from eenzaamheid.data.decompose import COMPONENTS, components, decompose_change

# Two groups, two years. Before: 60 young (6 alone, 10 %), 40 old (8 alone, 20 %): 14 of 100.
# After: 60 young (12 alone, 20 %), 60 old (12 alone, 20 %): 24 of 120. Change: +10.
TINY = pd.DataFrame(
    {
        "periode": ["2000", "2000", "2024", "2024"],
        "groep": ["jong", "oud", "jong", "oud"],
        "alleen": [6, 8, 12, 12],
        "mensen": [60, 40, 60, 60],
    }
)


def _tiny(method):
    return decompose_change(
        TINY,
        count="alleen",
        population="mensen",
        by=["groep"],
        before="2000",
        after="2024",
        method=method,
    ).set_index("groep")


def test_kitagawa_by_hand():
    # P 100 -> 120 (mean 110); shares s 0.6/0.4 -> 0.5/0.5; rates r 0.1/0.2 -> 0.2/0.2.
    # omvang = dP * (s0 r0 + s1 r1) / 2: young 20 * (0.06 + 0.10) / 2 = 1.6, old 20 * 0.09 = 1.8
    # samenstelling = mean(P) * ds * mean(r): young 110 * -0.1 * 0.15 = -1.65, old 110 * 0.1 * 0.2
    # kans = mean(P) * mean(s) * dr: young 110 * 0.55 * 0.1 = 6.05, old 0
    parts = _tiny("kitagawa")
    assert parts.loc["jong", "omvang"] == pytest.approx(1.6)
    assert parts.loc["oud", "omvang"] == pytest.approx(1.8)
    assert parts.loc["jong", "samenstelling"] == pytest.approx(-1.65)
    assert parts.loc["oud", "samenstelling"] == pytest.approx(2.2)
    assert parts.loc["jong", "kans"] == pytest.approx(6.05)
    assert parts.loc["oud", "kans"] == pytest.approx(0)
    assert parts["kans_voor"].tolist() == pytest.approx([0.1, 0.2])
    totals = components(parts.reset_index()).set_index("component")
    assert totals["aantal"].tolist() == pytest.approx([3.4, 0.55, 6.05, 10])
    assert totals.loc["kans", "procent"] == pytest.approx(60.5)


def test_das_gupta_by_hand():
    # effect of a = da * ((b0 c0 + b1 c1) / 3 + (b0 c1 + b1 c0) / 6), summed over the groups:
    # omvang 103/30, samenstelling 16/30, kans 181/30 (young: 0.1 * (120/3 + 122/6))
    totals = components(_tiny("das_gupta").reset_index()).set_index("component")["aantal"]
    assert totals.tolist() == pytest.approx([103 / 30, 16 / 30, 181 / 30, 10])


@pytest.mark.parametrize("method", ["kitagawa", "das_gupta"])
def test_the_parts_add_up_per_group(method):
    parts = _tiny(method)
    assert parts[list(COMPONENTS)].sum(axis=1).tolist() == pytest.approx([6, 4])
    assert parts["verandering"].tolist() == [6, 4]


def test_a_gap_is_not_decomposed():
    gap = TINY.astype({"alleen": "Float64"})
    gap.loc[3, "alleen"] = pd.NA
    with pytest.raises(ValueError, match="without a figure"):
        decompose_change(
            gap, count="alleen", population="mensen", by=["groep"], before="2000", after="2024"
        )
    with pytest.raises(ValueError, match="without a figure"):  # a group missing in one year
        decompose_change(
            TINY.drop(index=3),
            count="alleen",
            population="mensen",
            by=["groep"],
            before="2000",
            after="2024",
        )
    with pytest.raises(ValueError, match="method"):
        decompose_change(
            TINY,
            count="alleen",
            population="mensen",
            by=["groep"],
            before="2000",
            after="2024",
            method="guess",
        )


@pytest.fixture(scope="module")
def living_alone():
    """71488ned, Nederland, men and women by 5-year age group, 2000 and 2024; under 15 CBS
    gives no figure for living alone, so those groups are left out."""
    persons = load(
        "71488ned",
        source="snapshot",
        filters={
            "RegioS": "NL01",
            "Geslacht": ["3000", "4000"],
            "Perioden": ["2000JJ00", "2024JJ00"],
        },
        select=["Alleenstaand_4", "TotaalPersonenInHuishoudens_1"],
    )
    return persons[persons["leeftijd_code"] != "10000"].dropna(subset=["Alleenstaand_4"])


@pytest.mark.parametrize("method", ["kitagawa", "das_gupta"])
def test_on_the_real_data_the_parts_add_up_to_the_observed_change(living_alone, method):
    parts = decompose_change(
        living_alone,
        count="Alleenstaand_4",
        population="TotaalPersonenInHuishoudens_1",
        by=["geslacht_code", "leeftijd_code"],
        before="2000",
        after="2024",
        method=method,
    )
    assert len(parts) == 2 * 17  # 15-20 ... 90-95 and 95+, men and women
    totals = components(parts).set_index("component")["aantal"]
    observed = 3_340_560 - 2_272_219  # 71488ned, Nederland, total, 2024 and 2000
    assert totals["verandering"] == observed == 1_068_341
    assert totals[list(COMPONENTS)].sum() == pytest.approx(observed, abs=1e-6)
    if method == "kitagawa":
        assert round(totals["omvang"]) == 456_609
        assert round(totals["samenstelling"]) == 143_543
        assert round(totals["kans"]) == 468_189
    else:
        assert round(totals["omvang"]) == 458_003
        assert round(totals["samenstelling"]) == 142_846
        assert round(totals["kans"]) == 467_492
