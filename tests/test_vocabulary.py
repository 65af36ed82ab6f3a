"""One vocabulary: every word the charts write is looked up in ``charts.vocabulary`` by key,
in one shape (``{"nl": ..., "en": ...}``), with one function (``word``/``text``)."""

import ast
from pathlib import Path

import pytest

from eenzaamheid import configure
from eenzaamheid.charts.columns import COLUMNS, column_label, kind_name, topic_unit
from eenzaamheid.charts.sources import KINDS, kind_of, kind_words
from eenzaamheid.charts.vocabulary import REGION_KINDS_EN, VOCABULARY
from eenzaamheid.charts.words import age_bounds, age_short, category, word
from eenzaamheid.explore.known import REGION_KINDS

CHARTS = Path(__file__).resolve().parents[1] / "src" / "eenzaamheid" / "charts"


def _word_tables(path: Path) -> list[str]:
    """Module-level tables in ``path`` that hold words: a dict with ``nl`` and ``en`` keys,
    or a dict whose entries are such dicts or tuples that start with a Dutch and an English
    header (``("Jaar", "Year", "period")``)."""

    def bilingual(node: ast.AST) -> bool:
        keys = [k.value for k in getattr(node, "keys", []) if isinstance(k, ast.Constant)]
        return isinstance(node, ast.Dict) and {"nl", "en"} <= set(keys)

    def headed(node: ast.AST) -> bool:
        first = node.elts[0] if isinstance(node, ast.Tuple) and len(node.elts) > 2 else None
        return isinstance(first, ast.Constant) and str(first.value)[:1].isupper()

    found = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        target = node.targets[0] if isinstance(node, ast.Assign) else getattr(node, "target", None)
        value = getattr(node, "value", None)
        entries = value.values if isinstance(value, ast.Dict) else []
        if isinstance(target, ast.Name) and (
            bilingual(value) or any(bilingual(e) or headed(e) for e in entries)
        ):
            found.append(f"{path.name}:{target.id}")
    return found


def test_the_rule_finds_a_word_table_of_either_shape(tmp_path):
    module = tmp_path / "m.py"
    module.write_text(
        'A = {"nl": "opgehaald", "en": "retrieved"}\n'
        'B: dict = {"x": {"nl": "een", "en": "one"}}\n'
        'C = {"jaar": ("Jaar", "Year", "period")}\n'
        'D = {"jaar": ("period", None), "Eenzaam_28": ("value", "%")}\n'
    )
    assert _word_tables(module) == ["m.py:A", "m.py:B", "m.py:C"]


def test_words_live_in_the_vocabulary_module_only():
    tables = [t for path in sorted(CHARTS.glob("*.py")) for t in _word_tables(path)]
    assert "vocabulary.py:VOCABULARY" in tables
    assert [t for t in tables if not t.startswith("vocabulary.py:")] == []


def test_every_word_has_both_languages():
    for key, texts in VOCABULARY.items():
        assert set(texts) == {"nl", "en"} and all(texts.values()), key


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_source_has_its_words_and_is_found_by_them(kind):
    for lang in ("nl", "en"):
        configure(lang=lang)
        said = kind_words(kind)
        assert said == word(f"soort_{kind}", lang) and kind_of(said) == kind
    assert kind_of(kind) == kind and kind_words("unknown") == "unknown"


def test_the_source_kinds_are_said_as_before():
    configure(lang="en")
    assert kind_words("rivm_table") == "RIVM table (model estimates)"
    assert kind_of("CBS-tabel, overgenomen van cbs.nl") == "statline_table_page"


def test_every_column_has_a_header_in_both_languages():
    for key in COLUMNS:
        assert {word(f"kolom_{key}", lang) for lang in ("nl", "en")}, key


@pytest.mark.parametrize(
    ("lang", "key", "said"),
    [
        ("nl", "bron_soort", ("Soort bron", "source")),
        ("en", "aantal_gemeenten", ("Municipalities", "count")),
        ("en", "waarde", ("Value", "value")),  # the unit comes from each row's eenheid
        ("nl", "Alleenstaand_4", ("Alleenstaanden", "count")),  # a CBS topic: personen
        ("en", "Eenpersoonshuishoudens_63", ("One-person households", "count")),  # x 1 000
        ("en", "Eenzaam_28", ("Lonely", "percent")),
        ("nl", "Onbekend_7", ("Onbekend_7", "value")),
    ],
)
def test_a_column_is_named_with_its_kind(lang, key, said):
    configure(lang=lang)
    assert column_label(key) == said


def test_a_topic_keeps_the_unit_its_table_gives_and_a_column_of_ours_has_none():
    assert topic_unit("Eenzaam_28") == "% van de leeftijdsgroep, modelschatting"
    assert topic_unit("TotaalHuishoudens_62") == "x 1 000"
    assert topic_unit("jaar") is None and topic_unit("Onbekend_7") is None


def test_the_kinds_of_column_are_named_in_the_chart_language():
    configure(lang="nl")
    assert [kind_name(k) for k in ("count", "source", "value")] == ["aantal", "bron", "value"]
    configure(lang="en")
    assert [kind_name(k) for k in ("count", "source")] == ["count", "source"]


@pytest.mark.parametrize(
    ("labels", "short"),
    [
        (("35 tot 45 jaar",), "35–44"),  # CBS's "tot" leaves 45 out: 35 up to 44 in whole years
        (("0 tot 5 jaar",), "0–4"),
        (("95 jaar of ouder",), "95+"),
        (("15 tot 20 jaar", "20 tot 25 jaar"), "15–24"),
        (("90 tot 95 jaar", "95 jaar of ouder"), "90+"),
        (("Totaal persoonskenmerken",), "Totaal"),  # no age group: the chart's label
    ],
)
def test_an_age_group_is_shortened_to_the_ages_it_holds(labels, short):
    assert age_short(*labels) == short


def test_a_label_that_is_no_age_group_is_said_in_the_chart_language():
    configure(lang="en")
    assert [age_short(label) for label in ("Mannen", "35 tot 45 jaar")] == ["Men", "35–44"]
    assert category("35 tot 45 jaar") == "35 to 44 years"  # not "to 45": CBS's tot leaves it out
    assert age_short("95 jaar of ouder", "95 jaar of ouder") == "95+"


@pytest.mark.parametrize(
    ("first", "last"),
    [
        ("95 jaar of ouder", "15 tot 20 jaar"),
        ("45 tot 55 jaar", "15 tot 25 jaar"),
        ("15 tot 25 jaar", "20 tot 25 jaar"),
        ("Totaal", "35 tot 45 jaar"),
    ],
)
def test_a_range_of_age_groups_runs_from_younger_to_older(first, last):
    with pytest.raises(ValueError, match="age group"):
        age_short(first, last)


def test_age_bounds_give_the_first_and_last_age_and_refuse_other_labels():
    assert age_bounds("25 tot 30 jaar") == (25, 29)
    assert age_bounds("75 jaar of ouder") == (75, None)
    with pytest.raises(ValueError, match=r"'Totaal'.*tot"):
        age_bounds("Totaal")


def test_a_municipality_has_one_english_name_as_a_place_and_in_a_label():
    """06 calls it The Hague (``place``); a table of 04 wrote "'s-Gravenhage (municipality)"
    (``category``): both now say The Hague."""
    from eenzaamheid import charts as ch
    from eenzaamheid import configure

    configure(lang="en")
    try:
        assert ch.place("'s-Gravenhage") == "The Hague"
        assert ch.category("'s-Gravenhage (gemeente)") == "The Hague (municipality)"
        assert ch.category("'s-Gravenhage") == "The Hague"
        assert ch.category("Utrecht (gemeente)") == "Utrecht (municipality)"
        assert ch.category("Nederland") == "the Netherlands"  # inside a sentence, as before
    finally:
        configure()
    assert ch.category("'s-Gravenhage (gemeente)") == "'s-Gravenhage (gemeente)"


def test_a_country_has_one_english_name_by_its_code_and_by_its_dutch_name():
    """09's Eurostat chart said "Netherlands" where 04, 06 and 10 say "The Netherlands"."""
    from eenzaamheid import charts as ch

    configure(lang="en")
    try:
        assert ch.country("NL") == ch.place("Nederland") == "The Netherlands"
        assert ch.country("DE") == ch.place("Duitsland") == "Germany"
        assert ch.country("EL") == "Greece"
    finally:
        configure()
    assert ch.country("NL") == "Nederland"


def test_a_name_on_its_own_is_the_name_a_sentence_lowercased_and_nothing_else():
    """A table cell or a file's row holds a name on its own: "The Netherlands", as before a
    sentence lowercased it; a name the data spell lower case keep theirs (het Bildt)."""
    from eenzaamheid.charts.words import in_sentence, on_its_own

    assert on_its_own("the Netherlands") == "The Netherlands"
    assert on_its_own(in_sentence("The Netherlands")) == "The Netherlands"
    assert on_its_own("het Bildt") == "het Bildt"
    assert on_its_own("the Hague") == "the Hague"  # not a form a sentence made


def test_every_kind_a_region_label_can_get_has_an_english_word():
    """``Utrecht (provincie)`` is a label in both languages; the chart says its kind in English."""
    assert set(REGION_KINDS.values()) == set(REGION_KINDS_EN)
