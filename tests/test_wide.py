"""The wide layout keys rows on a code when the data carry one: a place that two tables spell
differently ("Utrecht" and "Utrecht (gemeente)") is one row, named one way."""

import pandas as pd
import pytest

from eenzaamheid import configure
from eenzaamheid.charts.datafile import export_frame
from eenzaamheid.charts.wide import wide


@pytest.fixture(autouse=True)
def language():
    configure(lang="nl")  # conftest resets it after the test


def _two_tables() -> pd.DataFrame:
    """Fixture rows (not real figures): two tables about the same two municipalities, one of
    which spells them with CBS's suffix."""
    return pd.DataFrame(
        {
            "regio_code": ["GM0344", "GM0363", "GM0344", "GM0363"],
            "regio": ["Utrecht", "Amsterdam", "Utrecht (gemeente)", "Amsterdam"],
            "Eenzaam_28": [50.5, 52.0, None, None],
            "Eenpersoonshuishoudens_86": [None, None, 47.0, 55.5],
            "tabel": ["rivm", "rivm", "70072ned", "70072ned"],
            "bron_soort": "statline",
            "bron_url": "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/70072ned/table",
        }
    )


def test_one_code_with_two_labels_is_one_row_named_by_its_first_label():
    layout = wide(export_frame(_two_tables()))
    assert layout is not None and layout.record()["rows"] == "regio"
    frame = layout.frame.set_index("Regio")
    assert frame.index.tolist() == ["Utrecht", "Amsterdam"]
    assert frame.loc["Utrecht"].tolist() == [50.5, 47.0]
    assert frame.loc["Amsterdam"].tolist() == [52.0, 55.5]


def test_without_a_code_the_label_is_the_row():
    layout = wide(export_frame(_two_tables().drop(columns="regio_code")))
    assert layout is not None
    assert layout.frame.iloc[:, 0].tolist() == ["Utrecht", "Amsterdam", "Utrecht (gemeente)"]


def test_the_wide_file_of_story_06_has_one_row_per_municipality(site):
    path = site.charts / "06_eenpersoons_en_eenzaamheid_breed.csv"
    rows = pd.read_csv(path, encoding="utf-8-sig")
    assert len(rows) == 334 and rows["Regio"].is_unique
    assert rows.iloc[:, 1:].notna().all(axis=None)  # each has both numbers: none split in two
    assert "Utrecht" in set(rows["Regio"]) and "Utrecht (gemeente)" not in set(rows["Regio"])
