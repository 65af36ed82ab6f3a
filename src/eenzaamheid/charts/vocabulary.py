"""Every word the charts write, in Dutch and English: ``VOCABULARY`` holds our own words by
key (looked up with :func:`words.word` or :func:`words.text`); ``CATEGORIES``, ``LABEL_WORDS``
and ``UNITS`` put the Dutch labels and units that the data bring into English, keyed by the
Dutch text itself. A story's own headlines live in its notebook (``say(nl=..., en=...)``)."""

from __future__ import annotations

VOCABULARY: dict[str, dict[str, str]] = {
    # units and shared words
    "mln": {"nl": "mln", "en": "mn"},  # "m" would read as metres
    "miljoen": {"nl": "miljoen", "en": "million"},  # in a sentence
    "jaar": {"nl": "Jaar", "en": "Year"},
    "leeftijd": {"nl": "Leeftijd", "en": "Age"},
    "mannen": {"nl": "Mannen", "en": "Men"},
    "vrouwen": {"nl": "Vrouwen", "en": "Women"},
    "totaal": {"nl": "Totaal", "en": "Total"},
    "nederland": {"nl": "Nederland", "en": "the Netherlands"},
    "boek": {"nl": "boek", "en": "book"},
    "geen_meting": {"nl": "geen cijfer", "en": "no figure"},
    "enigszins": {"nl": "Enigszins eenzaam", "en": "Somewhat lonely"},
    "sterk": {"nl": "Sterk eenzaam", "en": "Strongly lonely"},
    "exact": {"nl": "exact cijfer (1 decimaal)", "en": "exact figure (1 decimal)"},
    "afgerond": {"nl": "afgerond (nieuwsbericht)", "en": "rounded (news release)"},
    "Eenzaamheid": {"nl": "Eenzaamheid", "en": "Loneliness"},
    "Sociale eenzaamheid": {"nl": "Sociale eenzaamheid", "en": "Social loneliness"},
    "Emotionele eenzaamheid": {"nl": "Emotionele eenzaamheid", "en": "Emotional loneliness"},
    # the book's figures on a chart
    "boek_jaar": {"nl": "boek: {value} in {year}", "en": "book: {value} in {year}"},
    # a wide data file: what goes with one series' values ("Precisie bij Sterk")
    "bij_reeks": {"nl": "{what} bij {series}", "en": "{what} for {series}"},
    # alt text
    "van_tot": {"nl": "van {a} in {x} tot {b} in {y}", "en": "from {a} in {x} to {b} in {y}"},
    "hoogst_in": {"nl": "het hoogst {a} in {x}", "en": "highest {a} in {x}"},
    "laagst_in": {"nl": "het laagst {a} in {x}", "en": "lowest {a} in {x}"},
    "van_naar": {"nl": "van {a} naar {b}", "en": "from {a} to {b}"},
    "bereik": {
        "nl": "van {low} ({low_label}) tot {high} ({high_label})",
        "en": "from {low} ({low_label}) to {high} ({high_label})",
    },
    # a figure's precision (``precisie``) in a data file
    "precisie_exact": {"nl": "exact", "en": "exact"},
    "precisie_rounded": {"nl": "afgerond", "en": "rounded"},
    "precisie_computed": {"nl": "berekend", "en": "computed"},  # by the notebook, from its rows
    # source lines
    "bron": {"nl": "Bron", "en": "Source"},
    "tabel": {"nl": "tabel", "en": "table"},
    "tabellen": {"nl": "tabellen", "en": "tables"},
    "en": {"nl": "en", "en": "and"},
    "kaart_pdok": {"nl": "kaart: CBS/PDOK", "en": "map: CBS/PDOK"},
    "opgehaald": {"nl": "opgehaald", "en": "retrieved"},  # a table's date: its download
    "versie_van": {"nl": "versie van", "en": "release of"},  # a Eurostat dataset's: its release
    # Eurostat's aggregates (country names come from Babel: see country())
    "EU27_2020": {"nl": "EU-27-gemiddelde", "en": "EU-27 average"},
    "EU28": {"nl": "EU-28-gemiddelde", "en": "EU-28 average"},
    # the kinds of source (``bron_soort``, see sources.KINDS), as a data file's "Soort bron"
    # column shows them
    "soort_statline": {"nl": "CBS-tabel (StatLine)", "en": "CBS table (StatLine)"},
    "soort_statline_table_page": {
        "nl": "CBS-tabel, overgenomen van cbs.nl",
        "en": "CBS table, transcribed from cbs.nl",
    },
    "soort_cbs_longread": {"nl": "CBS-longread", "en": "CBS longread"},
    "soort_cbs_news": {"nl": "CBS-nieuwsbericht", "en": "CBS news release"},
    "soort_cbs_news_reprint": {
        "nl": "CBS-nieuwsbericht, elders herplaatst",
        "en": "CBS news, reprinted",
    },
    "soort_press_report": {"nl": "nieuwsbericht in de pers", "en": "press report"},
    "soort_rivm_page": {"nl": "RIVM-pagina", "en": "RIVM page"},
    "soort_rivm_table": {
        "nl": "RIVM-tabel (modelschattingen)",
        "en": "RIVM table (model estimates)",
    },
    "soort_eurostat": {"nl": "Eurostat-dataset", "en": "Eurostat dataset"},
    "soort_book": {"nl": "het boek", "en": "the book"},
    "soort_study": {"nl": "onderzoek (artikel)", "en": "study (paper)"},
    # a link to a row's source online (``bron_url``), by the kind of source (``bron_soort``)
    "link_statline": {"nl": "CBS StatLine, tabel {table}", "en": "CBS StatLine, table {table}"},
    "link_statline_table_page": {
        "nl": "cbs.nl, tabelpagina {table}",
        "en": "cbs.nl, table page {table}",
    },
    "link_cbs_longread": {"nl": "CBS-longread", "en": "CBS longread"},
    "link_cbs_news": {"nl": "CBS-nieuws", "en": "CBS news"},
    "link_cbs_news_reprint": {"nl": "CBS-nieuws via {host}", "en": "CBS news via {host}"},
    "link_press_report": {"nl": "nieuwsbericht, {host}", "en": "news report, {host}"},
    "link_rivm_page": {"nl": "RIVM, {host}", "en": "RIVM, {host}"},
    "link_rivm_table": {
        "nl": "RIVM, eenzaamheid per gemeente (Gezondheidsmonitor)",
        "en": "RIVM, loneliness by municipality (Health Monitor)",
    },
    "link_eurostat": {"nl": "Eurostat, dataset {table}", "en": "Eurostat, dataset {table}"},
    "link_study": {"nl": "{table}", "en": "{table}"},
    # Eurostat's observation flags (OBS_FLAG), as Eurostat's code list names them
    "vlag_b": {"nl": "breuk in de reeks", "en": "break in series"},
    "vlag_c": {"nl": "vertrouwelijk", "en": "confidential"},
    "vlag_d": {"nl": "definitie wijkt af", "en": "definition differs"},
    "vlag_e": {"nl": "schatting", "en": "estimated"},
    "vlag_f": {"nl": "prognose", "en": "forecast"},
    "vlag_n": {"nl": "niet significant", "en": "not significant"},
    "vlag_p": {"nl": "voorlopig", "en": "provisional"},
    "vlag_r": {"nl": "herzien", "en": "revised"},
    "vlag_s": {"nl": "schatting van Eurostat", "en": "Eurostat estimate"},
    "vlag_u": {"nl": "onbetrouwbaar", "en": "low reliability"},
    "vlag_z": {"nl": "niet van toepassing", "en": "not applicable"},
    # the kinds of column (columns.COLUMNS), as a data file's about-sheet names them
    "kolomsoort_count": {"nl": "aantal", "en": "count"},
    "kolomsoort_number": {"nl": "getal", "en": "number"},
    "kolomsoort_percent": {"nl": "percentage", "en": "percent"},
    "kolomsoort_text": {"nl": "tekst", "en": "text"},
    "kolomsoort_period": {"nl": "periode", "en": "period"},
    "kolomsoort_code": {"nl": "code", "en": "code"},
    "kolomsoort_source": {"nl": "bron", "en": "source"},
    # the headers of the data files' columns (columns.COLUMNS), without their unit
    "kolom_jaar": {"nl": "Jaar", "en": "Year"},
    "kolom_periode": {"nl": "Periode", "en": "Period"},
    "kolom_periode_code": {"nl": "Periode (code)", "en": "Period (code)"},
    "kolom_waarde": {"nl": "Waarde", "en": "Value"},
    "kolom_aandeel": {"nl": "Aandeel", "en": "Share"},
    "kolom_percentage": {"nl": "Percentage", "en": "Percentage"},
    "kolom_eenheid": {"nl": "Eenheid", "en": "Unit"},
    "kolom_tabel": {"nl": "Tabel of bron", "en": "Table or source"},
    "kolom_bron": {"nl": "Bron", "en": "Source"},
    "kolom_bron_soort": {"nl": "Soort bron", "en": "Kind of source"},
    "kolom_bron_url": {"nl": "Bron (webadres)", "en": "Source (web address)"},
    "kolom_bron_datum": {"nl": "Bron (datum)", "en": "Source (date)"},
    "kolom_regio": {"nl": "Regio", "en": "Region"},
    "kolom_regio_code": {"nl": "Regio (code)", "en": "Region (code)"},
    "kolom_leeftijd": {"nl": "Leeftijd", "en": "Age"},
    "kolom_leeftijd_code": {"nl": "Leeftijd (code)", "en": "Age (code)"},
    "kolom_geslacht": {"nl": "Geslacht", "en": "Sex"},
    "kolom_geslacht_code": {"nl": "Geslacht (code)", "en": "Sex (code)"},
    "kolom_groep": {"nl": "Groep", "en": "Group"},
    "kolom_maat": {"nl": "Maat", "en": "Measure"},
    "kolom_niveau": {"nl": "Niveau", "en": "Level"},
    "kolom_indeling": {"nl": "Indeling", "en": "Breakdown"},
    "kolom_precisie": {"nl": "Precisie", "en": "Precision"},
    "kolom_populatie": {"nl": "Populatie", "en": "Population"},
    "kolom_opmerking": {"nl": "Opmerking", "en": "Note"},
    "kolom_onderwerp": {"nl": "Onderwerp", "en": "Topic"},
    "kolom_onderdeel": {"nl": "Onderdeel", "en": "Part"},
    "kolom_oordeel": {"nl": "Oordeel", "en": "Verdict"},
    "kolom_claim": {"nl": "Claim (register)", "en": "Claim (register)"},
    "kolom_boek": {"nl": "Boek", "en": "Book"},
    "kolom_data": {"nl": "Data", "en": "Data"},
    "kolom_noemer": {"nl": "Noemer", "en": "Denominator"},
    "kolom_alleenstaanden": {"nl": "Alleenstaanden", "en": "People living alone"},
    "kolom_kaart": {"nl": "Kaart", "en": "Map"},
    "kolom_label": {"nl": "Label", "en": "Label"},
    # notebooks 7 and 8: the decomposition, the projection and the scenario
    "kolom_component_code": {"nl": "Onderdeel (code)", "en": "Component (code)"},
    "kolom_aantal": {"nl": "Aantal", "en": "Number"},
    "kolom_procent": {"nl": "Deel van de groei", "en": "Part of the growth"},
    # story 7's parts as its charts name them; a contribution, negative where a part shrank
    "kolom_omvang": {"nl": "Bijdrage: grotere bevolking", "en": "Contribution: larger population"},
    "kolom_samenstelling": {
        "nl": "Bijdrage: andere opbouw",
        "en": "Contribution: different composition",
    },
    "kolom_kans": {"nl": "Bijdrage: vaker alleen", "en": "Contribution: more often alone"},
    "kolom_verandering": {"nl": "Verandering", "en": "Change"},
    "kolom_methode": {"nl": "Methode", "en": "Method"},
    "kolom_groepen": {"nl": "Groepen", "en": "Groups"},
    "kolom_soort": {"nl": "Soort cijfer", "en": "Kind of figure"},
    "kolom_aanname": {"nl": "Aanname", "en": "Assumption"},
    "kolom_ondergrens": {"nl": "Ondergrens van de afronding", "en": "Lower bound of the rounding"},
    "kolom_bovengrens": {"nl": "Bovengrens van de afronding", "en": "Upper bound of the rounding"},
    "kolom_eenpersoonshuishoudens": {"nl": "Eenpersoonshuishoudens", "en": "One-person households"},
    "kolom_sterk_eenzaam_laag": {"nl": "Sterk eenzaam, laag", "en": "Strongly lonely, low"},
    "kolom_sterk_eenzaam_midden": {"nl": "Sterk eenzaam, midden", "en": "Strongly lonely, middle"},
    "kolom_sterk_eenzaam_hoog": {"nl": "Sterk eenzaam, hoog", "en": "Strongly lonely, high"},
    # notebooks 6 and 9
    "kolom_vlag": {"nl": "Vlag (Eurostat)", "en": "Flag (Eurostat)"},
    "kolom_reeks": {"nl": "Reeks", "en": "Series"},
    "kolom_paneel": {"nl": "Paneel", "en": "Panel"},
    "kolom_klasse_van": {"nl": "Klasse vanaf (%, inbegrepen)", "en": "Bin from (%, included)"},
    "kolom_klasse_tot": {
        "nl": "Klasse tot (%, niet inbegrepen)",
        "en": "Bin up to (%, not included)",
    },
    "kolom_aantal_gemeenten": {"nl": "Aantal gemeenten", "en": "Municipalities"},
    # CBS and RIVM topics drawn in the stories
    "kolom_Alleenstaand_4": {"nl": "Alleenstaanden", "en": "People living alone"},
    "kolom_TotaalPersonenInHuishoudens_1": {
        "nl": "Personen in huishoudens",
        "en": "Persons in households",
    },
    "kolom_TotaleBevolking_1": {"nl": "Bevolking op 1 januari", "en": "Population on 1 January"},
    "kolom_TotaalHuishoudens_62": {"nl": "Particuliere huishoudens", "en": "Private households"},
    "kolom_Eenpersoonshuishoudens_63": {
        "nl": "Eenpersoonshuishoudens",
        "en": "One-person households",
    },
    "kolom_Eenpersoonshuishoudens_86": {
        "nl": "Eenpersoonshuishoudens",
        "en": "One-person households",
    },
    "kolom_Eenzaam_28": {"nl": "Eenzaam", "en": "Lonely"},
    "kolom_ErnstigZeerErnstigEenzaam_29": {
        "nl": "Ernstig of zeer ernstig eenzaam",
        "en": "Severely or very severely lonely",
    },
    "kolom_EmotioneelEenzaam_30": {"nl": "Emotioneel eenzaam", "en": "Emotionally lonely"},
    "kolom_SociaalEenzaam_31": {"nl": "Sociaal eenzaam", "en": "Socially lonely"},
}

REGION_KINDS_EN = {  # a region's kind in brackets after its name: "Utrecht (provincie)"
    "gemeente": "municipality",
    "provincie": "province",
    "landsdeel": "part of the country",
    "COROP": "COROP region",
    "GGD-regio": "GGD region",
    "land": "country",
}
# Municipalities and the country whose English name differs from the Dutch (CBS/RIVM) name
# (place(), and category() for a label that starts with one).
PLACES_EN = {
    "Nederland": "The Netherlands",
    "'s-Gravenhage": "The Hague",
    "Den Haag": "The Hague",
}
# English names whose article is lower case inside a sentence ("The Hague" keeps its capital)
IN_SENTENCE_EN = {"The Netherlands": "the Netherlands"}
# and back, for a name standing on its own (on_its_own(), and the web explorer's cells)
ON_ITS_OWN_EN = {said: name for name, said in IN_SENTENCE_EN.items()}
# A group of people as a sentence says it after "bij" / "among" (group_in_sentence(); ages in
# English by a rule: "people aged 65 and over"), keyed by the label in the chart language
GROUPS_IN_SENTENCE = {
    "nl": {"Totaal": "iedereen", "Totaal mannen en vrouwen": "mannen en vrouwen samen"},
    "en": {"Total": "everyone"},
}
# The data's own Dutch text in English (category() and unit_name()): an open set, keyed by
# the Dutch text itself, which a Dutch chart shows as it comes.
CATEGORIES = {
    "Nederland": "the Netherlands",
    "Eenzaamheid": "Loneliness",
    "Sociale eenzaamheid": "Social loneliness",
    "Emotionele eenzaamheid": "Emotional loneliness",
    "Niet": "Not",
    "Enigszins": "Somewhat",
    "Sterk": "Strongly",
    "Eenzaam (totaal)": "Lonely (total)",
    "Alleenwonend (zonder partner of kinderen)": "Living alone (no partner or children)",
    "Alleenstaande ouder": "Single parent",
    "Samenwonend met partner": "Living with a partner",
    "Mannen": "Men",
    "Vrouwen": "Women",
    "Totaal": "Total",
    "Totaal persoonskenmerken": "Total",
    "Totaal mannen en vrouwen": "Men and women",
    # Eurostat's groups of countries, as tables.yaml names them (countries: Babel)
    "Europese Unie, 27 landen (vanaf 2020)": "European Union, 27 countries (from 2020)",
    "Europese Unie, 28 landen (2013-2020)": "European Union, 28 countries (2013-2020)",
    "Europese Unie, 27 landen (2007-2013)": "European Union, 27 countries (2007-2013)",
    "Europese Unie (samenstelling van het jaar)": "European Union (membership of the year)",
    "Eurozone (samenstelling van het jaar)": "Euro area (membership of the year)",
    "Eurozone, 18 landen": "Euro area, 18 countries",
    "Eurozone, 19 landen": "Euro area, 19 countries",
}
LABEL_WORDS = {  # words inside composite labels such as "2021 enigszins + sterk"
    "enigszins": "somewhat",
    "sterk": "strongly",
    "bevestigd": "confirmed",
    "wijkt af": "differs",
    "niet te controleren": "not checkable",
    "sociale isolatie": "social isolation",
    "eenzaamheid": "loneliness",
    "alleen wonen": "living alone",
    "past bij afgeronde cijfers": "fits the rounded figures",
    "getal klopt, woorden overdreven": "number right, words overstated",
    "exact": "exact",
    "rounded": "rounded",
}
UNITS: dict[str, dict[str, str]] = {  # a unit as the table gives it -> in each language
    "personen": {"en": "persons"},
    "aantal": {"en": "number"},
    "x 1 000": {"nl": "× 1.000", "en": "× 1,000"},
    "gemeenten": {"en": "municipalities"},
    "% van personen in huishoudens": {"en": "% of persons in households"},
    "% van particuliere huishoudens": {"en": "% of private households"},
    "% van de particuliere huishoudens": {"en": "% of private households"},
    "% van de leeftijdsgroep": {"en": "% of the age group"},
    "% van de huishoudens": {"en": "% of households"},
    "% van de leeftijdsgroep, modelschatting": {"en": "% of the age group, model estimate"},
    "eenpersoonshuishoudens": {"en": "one-person households"},
    "% hogere odds op overlijden": {"en": "% higher odds of death"},
}
