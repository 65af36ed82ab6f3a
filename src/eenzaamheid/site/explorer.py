"""The explorer on the website: ``build/verkenner.html`` and ``build/en/explorer.html``, for
readers without Python and without a network. The page draws with Vega-Lite, whose
JavaScript (Vega, Vega-Lite, Vega-Embed) ``vl-convert-python`` carries and which is written
to ``build/assets/``; each table's figures are exported from the snapshot as a small script
(``build/assets/verkenner/<table>.js``, loaded when the reader picks the table, so a page
opened from disk works too). Labels, caveats and the words of the honesty rules come from
``eenzaamheid.explore``, which the notebook explorer uses as well.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from importlib import resources
from pathlib import Path

import pandas as pd

from .. import charts as ch
from .. import explore, settings
from ..charts.sources import row_sources
from ..charts.vocabulary import ON_ITS_OWN_EN
from ..charts.words import flag_name, unit_name
from .explorer_text import PAGES, TEXT
from .layout import WORDS, esc, page

LOCALES = {"nl": "nl-NL", "en": "en-GB"}
MOST_GROUPS = 6  # a source line for every combination of up to this many groups: 63 lines


def explorer_anchor(lang: str) -> str:
    """A link to the explorer's page in ``lang``, from a page beside it."""
    return f'<a href="{PAGES[lang]}">{esc(TEXT[lang]["link"])}</a>'


def explorer_link(lang: str) -> str:
    """The index page's link to the explorer (one line there)."""
    return f'<p class="explorer-link">{explorer_anchor(lang)}</p>'


def _both(function, *args) -> dict[str, str]:
    out = {}
    for lang in PAGES:
        with explore.language(lang):
            out[lang] = function(*args)
    return out


def table_data(table: str) -> dict:
    """One table as the web explorer needs it: regions, dimensions with their values,
    measures, years, caveat and source line in both languages, and the figures as rows
    ``[region, value index per dimension..., year, measure..., (flag)]``; ``flags``: each
    Eurostat flag present in words (``None`` for a table without flags)."""
    frame = explore.load_table(table)
    offer = explore.options(frame)
    known = explore.KNOWN.get(table)
    measures = list(known.web if known and known.web else offer.measures)
    column = offer.region_column
    when = [c for c in ("periode", "jaar") if c in frame][:1]  # the source line says which
    sources = frame[[*ch.SOURCE_COLUMNS, *when]]  # years came from elsewhere
    groups = _source_groups(sources)
    frame = pd.DataFrame(frame)  # without the metadata that pandas copies at every step
    frame.attrs = {}
    codes = frame[f"{column}_code"] if f"{column}_code" in frame else frame[column]
    names = frame[[c for c in (column, f"{column}_code") if c in frame]].drop_duplicates()
    shown = _both(lambda: _regions(names, column))
    regions = list(offer.regions.values())
    dimensions = [_dimension(frame, c, values) for c, values in offer.dimensions.items()]
    work = pd.DataFrame({"regio": codes.astype(str).map({c: i for i, c in enumerate(regions)})})
    for c, values in offer.dimensions.items():
        work[c] = frame[c].astype(str).map({v: i for i, v in enumerate(values)})
    work["jaar"] = frame["periode"].astype(str).str[:4].astype(int)
    for key in measures:
        work[key] = frame[key].astype(float).round(4)
    flagged = "vlag" in frame  # Eurostat's flag on a value: the row's last item
    if flagged:
        work["vlag"] = frame["vlag"]
    work["bron"] = groups
    work = work.dropna(subset=["regio", *offer.dimensions]).dropna(subset=measures, how="all")
    indices = ["regio", *offer.dimensions, "jaar"]
    work[indices] = work[indices].astype(int)
    row_sources = work.pop("bron").astype(int).tolist()
    rows = work.astype(object).where(work.notna(), None).to_numpy().tolist()
    flags = sorted({row[-1] for row in rows if row[-1]}) if flagged else []
    start = explore.default(offer)
    label = {code: name for name, code in offer.regions.items()}
    twins = explore.two_codes(offer)  # Eurostat's Greece, EL and GR: said in a note

    def twin(code: str) -> dict[str, dict[str, str]]:
        codes = twins.get(label[code])
        return {"twin": _both(explore.two_codes_note, offer, tuple(codes))} if codes else {}

    return {
        "table": table,
        "title": offer.title,
        "caveat": _both(lambda: offer.caveat),
        "source": _both(ch.source_line, sources.drop_duplicates()),
        "sources": _source_lines(sources, groups),  # none above MOST_GROUPS: "source" then
        "row_sources": row_sources,
        "regions": [
            {"code": c, "label": label[c], "nl": shown["nl"][c], "en": shown["en"][c], **twin(c)}
            for c in regions
        ],
        "dimensions": dimensions,
        "pairs": _pairs(dimensions),
        "measures": [_measure(offer, key, measures) for key in measures],
        "start": {
            "regions": [offer.regions[r] for r in start.regions],
            "dimensions": {
                c: [_code(dimensions, c, v) for v in values] for c, values in start.filters
            },
            "measure": start.measure,
            "per": start.per,
        },
        "years": offer.years,
        "rows": rows,
        "flags": _both(lambda: {flag: flag_name(flag) for flag in flags}) if flagged else None,
    }


def _source_groups(sources: pd.DataFrame) -> pd.Series:
    """Each row's source as a number: the rows whose own source reads alike (``row_sources``:
    one group per RIVM monitor year, one for a table's downloads) are one group."""
    own = row_sources(sources)
    return own.map({text: i for i, text in enumerate(dict.fromkeys(own))})


def _source_lines(sources: pd.DataFrame, groups: pd.Series) -> dict[str, dict[str, str]]:
    """The source line of each combination of groups (``"0,2"``), in both languages: the page
    shows the line of the groups drawn, as the notebook's chart names the sources of its rows."""
    count = int(groups.max()) + 1
    if count > MOST_GROUPS:
        return {}  # the page shows the table's own line
    lines = {}
    for mask in range(1, 2**count):
        chosen = [g for g in range(count) if mask >> g & 1]
        rows = sources[groups.isin(chosen)].drop_duplicates()
        lines[",".join(map(str, chosen))] = _both(ch.source_line, rows)
    return lines


def _regions(names: pd.DataFrame, column: str) -> dict[str, str]:
    """Region code -> name in the chart language, as the notebook's explorer shows it (the
    labels tell regions apart: ``Utrecht (provincie)``, ``Griekenland (code GR)``)."""
    return {
        code: explore.shown(label) for label, code in explore.region_labels(names, column).items()
    }


def _dimension(frame: pd.DataFrame, column: str, values: list[str]) -> dict:
    codes = _codes(frame, column)
    return {
        "column": column,
        "name": _both(explore.dimension_name, column),
        "values": [
            {
                "code": codes.get(v, v),
                "label": v,
                **_both(explore.shown, v),
                "said": _both(_in_title, v),
            }
            for v in values
        ],
    }


def _pairs(dimensions: list[dict]) -> dict[str, dict[str, str]]:
    """Each sex and age, as a title says them as one group (``"4000|71500"``: ``vrouwen van
    75 tot 80 jaar``), for a table with both; none for another."""
    values = {d["column"]: d["values"] for d in dimensions}
    if not {"geslacht", "leeftijd"} <= set(values):
        return {}

    def said(sex: str, age: str) -> str:
        return explore.sex_and_age(explore.shown(sex), explore.shown(age))

    return {
        f"{s['code']}|{a['code']}": _both(said, s["label"], a["label"])
        for s in values["geslacht"]
        for a in values["leeftijd"]
    }


def _in_title(value: str) -> str:
    """A dimension's value as a title says it after "bij" / "among" (as explore.title)."""
    return ch.group_in_sentence(explore.shown(value))


def _measure(offer: explore.Offer, key: str, measures: list[str]) -> dict:
    unit = offer.units[key]
    return {
        "key": key,
        **_both(explore.measure_name, key, offer),  # the one rule for a measure's name
        "unit": _both(unit_name, unit),  # in each language, from the one vocabulary
        "percent": "%" in unit,
        "decimals": offer.decimals[key],
        "denominators": [k for k in explore.denominators(offer, key) if k in measures],
    }


def _code(dimensions: list[dict], column: str, label: str) -> str:
    values = next(d["values"] for d in dimensions if d["column"] == column)
    return next(v["code"] for v in values if v["label"] == label)


def _codes(frame: pd.DataFrame, column: str) -> dict[str, str]:
    if f"{column}_code" not in frame:
        return {}
    pairs = frame[[column, f"{column}_code"]].dropna().drop_duplicates(column)
    return dict(zip(pairs[column].astype(str), pairs[f"{column}_code"].astype(str), strict=True))


def _script(name: str) -> str:
    return resources.files(__package__).joinpath("assets", name).read_text("utf-8")


def _vega(folder: Path) -> str:
    """Vega, Vega-Lite and Vega-Embed in one script, bundled once per vl-convert version and
    kept in the cache folder (a build from scratch copies it instead of bundling anew)."""
    import vl_convert

    version = f"vega-{vl_convert.get_vega_version()}-lite-{vl_convert.get_vegalite_versions()[-1]}"
    name = f"{version}.js"
    kept = settings.current().cache_dir / "vega" / name
    if not kept.exists():
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.write_text(vl_convert.javascript_bundle(), encoding="utf-8")
    target = folder / name
    if not target.exists() or target.stat().st_size != kept.stat().st_size:
        for old in folder.glob("vega-*.js"):
            old.unlink()
        shutil.copyfile(kept, target)
    return name


def _write(path: Path, text: str) -> None:
    if not path.exists() or path.read_text("utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def write_explorer(build: Path, languages: list[str]) -> None:
    """The explorer page in each built language, its scripts and the figures of every table."""
    import vl_convert

    assets = build / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    vega = _vega(assets)
    _write(assets / "verkenner.js", _script("verkenner.js"))
    _write(assets / "verkenner.css", _script("verkenner.css"))
    tables = explore.explorable()
    for table in tables:
        _table_script(assets / "verkenner" / f"{table}.js", table)
    for lang in languages:
        root = "" if lang == "nl" else "../"
        config = {
            "lang": lang,
            "locale": LOCALES[lang],
            "file": TEXT[lang]["file"],
            "root": root,
            "tables": [_title(t, lang) for t in tables],
            "words": {**TEXT[lang], **explore.WORDS[lang]},
            "aliases": explore.ALIASES,
            "alone": ON_ITS_OWN_EN,
            "palette": ch.PALETTE,
            "format": vl_convert.get_format_locale(LOCALES[lang]),
            "maxSeries": explore.MAX_SERIES,
        }
        _write(
            build / ("" if lang == "nl" else "en/") / PAGES[lang], _page(lang, root, vega, config)
        )


def _title(table: str, lang: str) -> dict[str, str]:
    """A table in the picker: its title in ``lang`` where known, else its own (Dutch) one."""
    with explore.language(lang):
        title = explore.table_title(table)
    own = explore.snapshot_record(table)["meta"]["title"]
    return {"id": table, "title": title, "lang": "nl" if title == own else lang}


def _table_script(path: Path, table: str) -> None:
    """A table's figures as a script; rewritten only when the snapshot's record of the table
    or the code that exports it changed (a build with nothing new stays fast)."""
    code = [Path(__file__), *sorted(Path(explore.__file__).parent.glob("*.py"))]
    record = json.dumps(explore.snapshot_record(table), sort_keys=True)
    text = record + "".join(c.read_text("utf-8") for c in code)
    stamp = f"// {hashlib.sha256(text.encode()).hexdigest()[:20]}\n"
    if path.exists() and path.read_text("utf-8").startswith(stamp):
        return
    data = json.dumps(table_data(table), ensure_ascii=False, separators=(",", ":"))
    _write(
        path,
        f"{stamp}window.VERKENNER_DATA = window.VERKENNER_DATA || {{}};\n"
        f"window.VERKENNER_DATA[{json.dumps(table)}] = {data};\n",
    )


def _page(lang: str, root: str, vega: str, config: dict) -> str:
    words = TEXT[lang]
    other = "en/explorer.html" if lang == "nl" else "../verkenner.html"
    other_lang = "en" if lang == "nl" else "nl"
    body = f"""<h1>{esc(words["title"])}</h1>
<p class="note">{esc(words["intro"])} <a id="v-other" href="{other}" hreflang="{other_lang}" lang="{other_lang}">{"English" if lang == "nl" else "Nederlands"}</a></p>
<noscript><p class="note">{esc(words["noscript"])} <a href="index.html">{esc(WORDS[lang]["index"])}</a></p></noscript>
<form id="verkenner" class="verkenner" onsubmit="return false">
<div class="field"><label for="v-table">{esc(words["table"])}</label><select id="v-table" aria-describedby="v-table-message"></select>
<p id="v-table-message" class="message" aria-live="polite"></p></div>
<div class="field regions"><label for="v-region">{esc(words["region"])}</label>
<ul id="v-chosen" class="chosen"></ul>
<div class="combo"><input id="v-region" type="text" autocomplete="off" role="combobox" aria-expanded="false" aria-controls="v-suggest" aria-autocomplete="list" aria-describedby="v-region-message">
<ul id="v-suggest" role="listbox" hidden></ul></div>
<p id="v-region-message" class="message" aria-live="polite"></p></div>
<div id="v-dimensions"></div>
<div class="field"><label for="v-measure">{esc(words["measure"])}</label><select id="v-measure"></select></div>
<div class="field"><label for="v-per">{esc(words["per"])}</label><select id="v-per"></select></div>
<div class="field years"><span><label for="v-from">{esc(words["from"])}</label> <select id="v-from"></select></span>
<span><label for="v-to">{esc(words["to"])}</label> <select id="v-to"></select></span></div>
</form>
<figure class="chart verkenner-chart" aria-labelledby="v-title">
<div class="bar"><div class="tabs" role="tablist"><button type="button" role="tab" id="v-tab-chart" aria-selected="true" aria-controls="v-chart-view">{esc(words["chart"])}</button><button type="button" role="tab" id="v-tab-rows" aria-selected="false" aria-controls="v-rows-view">{esc(words["rows"])}</button></div><span class="downloads"><button type="button" id="v-csv">{esc(words["csv"])}</button> <button type="button" id="v-csv-nl">{esc(words["csv_excel_nl"])}</button></span></div>
<p id="v-title" class="v-title" aria-live="polite"></p><p id="v-subtitle" class="v-subtitle"></p>
<div id="v-chart-view" role="tabpanel" aria-labelledby="v-tab-chart"><div id="v-chart" tabindex="0" role="img" aria-describedby="v-keys v-readout"></div>
<p id="v-keys" class="note">{esc(words["keys"])}</p><p id="v-readout" class="readout" aria-live="polite"></p></div>
<div id="v-rows-view" role="tabpanel" aria-labelledby="v-tab-rows" hidden><div class="scroll" id="v-rows" tabindex="0" role="region" aria-labelledby="v-tab-rows"></div><p id="v-flags" class="note"></p></div>
<figcaption><small id="v-source"></small><br><small id="v-caveat"></small><br><small id="v-notes"></small></figcaption>
</figure>
<details class="code"><summary>Python</summary><p>{esc(words["code"])}</p><pre tabindex="0"><code id="v-code"></code></pre></details>
<script id="v-config" type="application/json">{_json_for_script(config)}</script>
<script src="{root}assets/{vega}"></script>
<script src="{root}assets/verkenner.js"></script>"""
    head = f'<link rel="stylesheet" href="{root}assets/verkenner.css">'
    text = page(lang, f"{words['title']} · {WORDS[lang]['site']}", body, root=root)
    text = text.replace(f'<script src="{root}assets/site.js" defer></script>', "", 1)  # own JS
    return text.replace("</head>", head + "\n</head>", 1)


def _json_for_script(data: dict) -> str:
    """JSON that cannot end its <script> element early."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
