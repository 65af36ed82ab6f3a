import pandas as pd

from eenzaamheid import charts as ch
from eenzaamheid import settings


def test_reader_table_formats_numbers_per_language_and_escapes_labels():
    frame = pd.DataFrame(
        {
            "regio": ["<img src=x onerror=alert(1)>", "Utrecht"],
            "n": [3340560, 12],
            "p": [47.04, None],
        }
    )
    headers = {"regio": "Gemeente", "n": "Personen", "p": "%"}
    settings.configure(lang="nl")  # conftest resets the settings after the test
    nl = ch.table(frame, headers)._repr_html_()
    settings.configure(lang="en")
    en = ch.table(frame, headers, decimals={"p": 0})._repr_html_()
    assert 'class="reader-table"' in nl
    assert "<img" not in nl and "&lt;img src=x" in nl
    assert "3.340.560" in nl and "47,0" in nl
    assert "3,340,560" in en and ">47<" in en
    assert '<td class="num"></td>' in nl  # a missing value stays empty, not 'nan'
    said = ch.table(pd.DataFrame({"t": ["data: 11 % van de 15-plussers"]}), {"t": "Tekst"})
    assert "11\u00a0% van" in said._repr_html_()  # number and sign stay on one line


def test_reader_table_names_a_missing_column():
    try:
        ch.table(pd.DataFrame({"a": [1]}), {"b": "B"})
    except KeyError as error:
        assert "'b'" in str(error)
    else:
        raise AssertionError("no error for a missing column")


def test_a_page_table_writes_a_negative_number_with_a_minus_sign():
    """The chart's table on a page, read from its CSV (which keeps the hyphen a spreadsheet
    reads): a minus sign, as on the chart's axis."""
    from eenzaamheid.site.chartdata import number

    assert number("-144000", "nl") == "\u2212144.000"
    assert number("-3.5", "en") == "\u22123.5"
    assert number("3.5", "nl") == "3,5"
    assert number("-0.04", "nl", 0) == "0" and number("-0.0", "en") == "0.0"  # no sign on zero
