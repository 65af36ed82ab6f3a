/* The web explorer: choose a table, regions, characteristics, a measure and years; draw with
   Vega-Lite (served from build/assets), show the table, download the CSV, keep the choice in
   the URL. Words, aliases and the honesty rules' sentences come from eenzaamheid.explore
   (via the page's #v-config); the rules are the same as in the notebook explorer:
   every series shows its points (a series of one year is a point), a single year is drawn
   as bars, chosen regions without figures are named, the title is computed over all that is
   drawn and says when the series cover different years. */
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("v-config").textContent);
  const W = config.words, lang = config.lang;
  const $ = (id) => document.getElementById(id);
  const state = { table: null, regions: [], dims: {}, measure: null, per: null, from: null, to: null };
  let data = null, points = [], focusAt = -1, view = null, lastRows = [];

  /* a break in series (Eurostat's flag b) cuts a line at a year after its first, as
     explore.rules.breaks: cutAt(drawn)(point); .lines: how many lines there are */
  function cutAt(drawn) {
    const first = new Map();
    for (const p of drawn) {
      const line = p.series + "|" + p.panel;
      first.set(line, Math.min(first.has(line) ? first.get(line) : Infinity, p.year));
    }
    const cut = (p) => p.flag.includes("b") && p.year > first.get(p.series + "|" + p.panel);
    cut.lines = first.size;
    return cut;
  }

  /* words and numbers */
  const fill = (template, values) =>
    template.replace(/\{(\w+)(!r)?\}/g, (_, key, repr) => (repr ? `'${values[key]}'` : String(values[key])));
  const number = (value, decimals) => {
    // a minus sign, not CLDR's hyphen, and no sign on what reads as zero (as the charts)
    const written = new Intl.NumberFormat(config.locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
    return /[1-9]/.test(written) ? written.replace(/^-/, "\u2212") : written.replace(/^-/, "");
  };
  const fmt = (value, decimals, percent) =>
    percent ? number(value, 1) + (lang === "nl" ? "\u00a0%" : "%") : number(value, decimals);
  /* a name inside a sentence: its first letter small, unless its second is a capital too
     (EU-SILC) */
  const lowerFirst = (text) => (/^.[A-Z]/.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1));
  const join = (names) => (names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} ${W.and} ${names[names.length - 1]}`);
  const span = (years) => {
    const first = Math.min(...years), last = Math.max(...years);
    return first === last ? String(first) : `${first}\u2013${last}`;
  };
  /* years in a sentence, in order: one run as a span (2011–2019); else each run of three or
     more as a span, other years listed (explore.rules._years) */
  const yearsSaid = (years) => {
    if (years[years.length - 1] - years[0] === years.length - 1) return span(years);
    const runs = [];
    for (const year of years) {
      const last = runs[runs.length - 1];
      if (last && year === last[last.length - 1] + 1) last.push(year);
      else runs.push([year]);
    }
    return join(runs.flatMap((run) => (run.length >= 3 ? [span(run)] : run.map(String))));
  };
  const upper = (text) => text.charAt(0).toUpperCase() + text.slice(1);
  /* a name on its own (a cell, a file's row, a key, a chip): the Netherlands -> The
     Netherlands; a name the data spell lower case keeps it (charts.words.on_its_own) */
  const alone = (name) => {
    const said = Object.keys(config.alone).find((s) => name.startsWith(s));
    return said ? config.alone[said] + name.slice(said.length) : name;
  };

  /* names as typed: no accents, no case, no apostrophes (as explore.fold) */
  const fold = (text) =>
    text.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").replace(/['\u2019]/g, "").replace(/\s+/g, " ").trim().toLowerCase();
  function close(typed, name) {
    if (Math.abs(typed.length - name.length) > 1) return false;
    const [shorter, longer] = typed.length <= name.length ? [typed, name] : [name, typed];
    for (let i = 0; i < longer.length; i++) {
      const dropped = longer.slice(0, i) + longer.slice(i + 1);
      const swapped = longer.slice(0, i) + shorter[i] + longer.slice(i + 1);
      if (dropped === shorter || (shorter.length === longer.length && swapped === shorter)) return true;
    }
    return false;
  }
  function matches(typed, limit = 12) {
    let wanted = fold(typed);
    if (config.aliases[wanted]) wanted = config.aliases[wanted];
    if (!wanted) return [];
    /* the names in both languages and the table's own label: "den haag" and "the hague"
       find 's-Gravenhage, "germany" Duitsland on the Dutch page (as explore.matches) */
    const named = data.regions.map((r) => [r, [fold(r.nl), fold(r.en), fold(r.label)]]);
    const starts = named.filter(([, ns]) => ns.some((n) => n.startsWith(wanted))).map(([r]) => r);
    let inside = named.filter(([r, ns]) => ns.some((n) => n.includes(wanted)) && !starts.includes(r)).map(([r]) => r);
    if (!starts.length && !inside.length && wanted.length > 3) inside = named.filter(([, ns]) => ns.some((n) => close(wanted, n))).map(([r]) => r);
    return starts.concat(inside).slice(0, limit);
  }

  /* a table's figures: a script per table, loaded once */
  function loadTable(id) {
    window.VERKENNER_DATA = window.VERKENNER_DATA || {};
    if (window.VERKENNER_DATA[id]) return Promise.resolve(window.VERKENNER_DATA[id]);
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = `${config.root}assets/verkenner/${encodeURIComponent(id)}.js`;
      script.onload = () => (window.VERKENNER_DATA[id] ? resolve(window.VERKENNER_DATA[id]) : script.onerror());
      script.onerror = () => {
        script.remove(); /* asked again, it is loaded again */
        reject(new Error(id));
      };
      document.body.appendChild(script);
    });
  }

  /* the URL keeps the choice: #tabel=…&regio=…&<dimension>=…&maat=…&per=…&jaren=… */
  /* read defensively: a part that cannot be decoded (a cut-off %E0%A4%A) is left out, so a
     broken link still shows what it can; a key whose every value is unreadable is as absent */
  const decode = (text) => {
    try {
      return decodeURIComponent(text);
    } catch (error) {
      return null;
    }
  };
  function readHash() {
    const found = {};
    for (const part of location.hash.replace(/^#/, "").split("&")) {
      const at = part.indexOf("=");
      const key = decode(at < 0 ? part : part.slice(0, at)), value = at < 0 ? "" : part.slice(at + 1);
      if (!key) continue;
      const values = value.split(",").filter(Boolean);
      const read = values.map(decode).filter((v) => v !== null && v !== "");
      if (read.length || !values.length) found[key] = [...new Set(read)]; /* each once */
    }
    return found;
  }
  function writeHash() {
    const enc = (values) => values.map(encodeURIComponent).join(",");
    const parts = [`tabel=${enc([state.table])}`, `regio=${enc(state.regions)}`];
    for (const d of data.dimensions) parts.push(`${encodeURIComponent(d.column)}=${enc(state.dims[d.column])}`);
    parts.push(`maat=${enc([state.measure])}`, `per=${enc(state.per ? [state.per] : [])}`, `jaren=${state.from}-${state.to}`);
    history.replaceState(null, "", "#" + parts.join("&"));
    /* the other language's page opens on the same choice */
    const other = $("v-other");
    if (other) other.href = other.getAttribute("href").replace(/#.*$/, "") + location.hash;
  }

  /* controls */
  function option(select, value, text, textLang = lang) {
    const o = document.createElement("option");
    o.value = value;
    o.textContent = text;
    if (textLang !== lang) o.lang = textLang;
    select.appendChild(o);
  }
  function measureName(key) {
    const m = data.measures.find((x) => x.key === key);
    return m ? m[lang] : key;
  }
  function buildControls() {
    $("v-measure").replaceChildren();
    for (const m of data.measures) option($("v-measure"), m.key, m[lang]);
    showDenominators();
    for (const id of ["v-from", "v-to"]) {
      $(id).replaceChildren();
      for (const y of data.years) option($(id), y, y);
    }
    const box = $("v-dimensions");
    box.replaceChildren();
    for (const d of data.dimensions) {
      const set = document.createElement("fieldset");
      set.className = "field dimension";
      const legend = document.createElement("legend");
      legend.textContent = d.name[lang];
      set.appendChild(legend);
      const list = document.createElement("div");
      list.className = d.values.length > 6 ? "checks many" : "checks";
      d.values.forEach((v, i) => {
        const label = document.createElement("label");
        const box = document.createElement("input");
        box.type = "checkbox";
        box.value = v.code;
        box.id = `v-${d.column}-${i}`;
        box.addEventListener("change", () => {
          state.dims[d.column] = d.values.map((x) => x.code).filter((code) =>
            set.querySelector(`input[value="${CSS.escape(code)}"]`).checked);
          update();
        });
        label.append(box, " " + v[lang]);
        list.appendChild(label);
      });
      set.appendChild(list);
      box.appendChild(set);
    }
  }
  function denominators() {
    return data.measures.find((m) => m.key === state.measure)?.denominators || [];
  }
  function showDenominators() {
    $("v-per").replaceChildren();
    option($("v-per"), "", W.none);
    for (const m of data.measures) if (denominators().includes(m.key)) option($("v-per"), m.key, m[lang]);
  }
  function showState() {
    $("v-table").value = state.table;
    $("v-measure").value = state.measure;
    $("v-per").value = state.per || "";
    $("v-from").value = state.from;
    $("v-to").value = state.to;
    for (const d of data.dimensions)
      for (const box of document.querySelectorAll(`#v-dimensions input[id^="v-${d.column}-"]`))
        box.checked = state.dims[d.column].includes(box.value);
    const chosen = $("v-chosen");
    chosen.replaceChildren();
    for (const code of state.regions) {
      const region = data.regions.find((r) => r.code === code);
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = `${alone(region[lang])} \u00d7`;
      button.setAttribute("aria-label", fill(W.remove, { name: region[lang] }));
      button.addEventListener("click", () => {
        state.regions = state.regions.filter((c) => c !== code);
        update();
        $("v-region").focus();
      });
      li.appendChild(button);
      chosen.appendChild(li);
    }
  }
  function chooseTable(id, wanted = {}) {
    busy = openTable(id, wanted);
    return busy;
  }
  let latest = 0; /* the table asked for last: an earlier one's figures, arriving later, are not shown */
  const tableTitle = (id) => (config.tables.find((t) => t.id === id) || { title: id }).title;
  async function openTable(id, wanted) {
    const asked = ++latest;
    $("v-title").textContent = W.loading;
    /* until the new figures are in, nothing of the old table can be saved under the new name */
    for (const button of ["v-csv", "v-csv-nl"]) $(button).disabled = true;
    let loaded;
    try {
      loaded = await loadTable(id);
    } catch (error) {
      if (asked !== latest) return busy;
      const failed = fill(W.load_failed, { table: tableTitle(id) });
      const shown = data ? ` ${fill(W.still_showing, { shown: tableTitle(state.table) })}` : "";
      $("v-table-message").textContent = failed + shown;
      if (!data) { /* nothing shown yet: no table is chosen, so choosing it again asks again */
        $("v-title").textContent = failed;
        $("v-table").selectedIndex = -1;
        return undefined;
      }
      $("v-table").value = state.table; /* the picker names the table shown */
      return update();
    }
    if (asked !== latest) return busy;
    $("v-table-message").textContent = "";
    data = loaded;
    data.regionAt = new Map(data.regions.map((r, i) => [r.code, i]));
    state.table = id;
    buildControls();
    /* a link's codes this table lacks are named, not dropped in silence; each code once */
    const unknown = [];
    const codes = (list, allowed) => {
      for (const c of list || []) if (!allowed.includes(c)) unknown.push(c);
      return [...new Set((list || []).filter((c) => allowed.includes(c)))];
    };
    const regionCodes = data.regions.map((r) => r.code);
    state.regions = codes(wanted.regio, regionCodes);
    if (!wanted.regio) state.regions = data.start.regions.slice();
    state.dims = {};
    for (const d of data.dimensions) {
      const allowed = d.values.map((v) => v.code);
      const asked = codes(wanted[d.column], allowed);
      state.dims[d.column] = asked.length ? asked : data.start.dimensions[d.column].slice();
    }
    const keys = data.measures.map((m) => m.key);
    const measure = (wanted.maat || [])[0];
    state.measure = keys.includes(measure) ? measure : data.start.measure;
    const per = wanted.per ? wanted.per[0] : wanted.maat ? null : data.start.per;
    state.per = denominators().includes(per) ? per : null;
    showDenominators();
    const yearsAsked = (wanted.jaren || [])[0];
    const [from, to] = (yearsAsked || "").split("-").map(Number);
    state.from = data.years.includes(from) ? from : data.years[0];
    state.to = data.years.includes(to) && to >= state.from ? to : data.years[data.years.length - 1];
    /* a measure, denominator or years this table lacks are named like a region it lacks */
    if (measure !== undefined && state.measure !== measure) unknown.push(measure);
    if (wanted.per && per && state.per !== per) unknown.push(per); /* per= asks for none */
    if (yearsAsked !== undefined && `${state.from}-${state.to}` !== yearsAsked) unknown.push(yearsAsked);
    /* a table the explorer lacks (the first one shows instead) is named like a code it lacks */
    const table = (wanted.tabel || [])[0];
    const said = table && table !== id ? [fill(W.unknown_table, { table })] : [];
    if (unknown.length) said.push(fill(W.not_in_table, { codes: [...new Set(unknown)].join(", ") }));
    $("v-region-message").textContent = said.map(upper).join(". ");
    return update();
  }

  /* region type-ahead */
  let suggestions = [], active = -1;
  function suggest() {
    const box = $("v-suggest"), typed = $("v-region").value;
    suggestions = typed.trim() ? matches(typed).filter((r) => !state.regions.includes(r.code)) : [];
    active = -1;
    box.replaceChildren();
    suggestions.forEach((r, i) => {
      const li = document.createElement("li");
      li.id = `v-suggest-${i}`;
      li.setAttribute("role", "option");
      li.textContent = alone(r[lang]); /* a name on its own: The Netherlands */
      li.addEventListener("mousedown", (event) => {
        event.preventDefault();
        addRegion(r);
      });
      box.appendChild(li);
    });
    box.hidden = !suggestions.length;
    $("v-region").setAttribute("aria-expanded", String(!box.hidden));
    $("v-region").removeAttribute("aria-activedescendant");
    $("v-region-message").textContent = typed.trim() && !suggestions.length ? notFound(typed.trim()) : "";
  }
  /* regions to choose from, told apart: semicolons when a name holds a comma (explore.listing) */
  function listing(regions) {
    const names = regions.map((r) => r[lang]);
    return names.join(names.some((n) => n.includes(",")) ? "; " : ", ");
  }
  function notFound(typed) {
    /* a region already chosen is said to be chosen, not unknown */
    const chosen = matches(typed).filter((r) => state.regions.includes(r.code));
    if (chosen.length) return upper(fill(W.chosen_already, { names: join(chosen.map((r) => r[lang])) }));
    return upper(fill(W.unknown_none, { typed }));
  }
  function addRegion(region) {
    if (!state.regions.includes(region.code)) state.regions.push(region.code);
    $("v-region").value = "";
    suggest();
    update();
  }
  function moveActive(step) {
    if (!suggestions.length) return;
    active = (active + step + suggestions.length) % suggestions.length;
    [...$("v-suggest").children].forEach((li, i) => li.setAttribute("aria-selected", String(i === active)));
    $("v-region").setAttribute("aria-activedescendant", `v-suggest-${active}`);
  }
  /* the list closed: nothing highlighted, so Enter cannot add an option no one sees */
  function closeSuggestions() {
    $("v-suggest").hidden = true;
    active = -1;
    for (const li of $("v-suggest").children) li.removeAttribute("aria-selected");
    $("v-region").setAttribute("aria-expanded", "false");
    $("v-region").removeAttribute("aria-activedescendant");
  }
  $("v-region").addEventListener("input", suggest);
  $("v-region").addEventListener("blur", closeSuggestions);
  $("v-region").addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown") moveActive(1);
    else if (event.key === "ArrowUp") moveActive(-1);
    else if (event.key === "Escape") closeSuggestions();
    else if (event.key === "Enter") {
      const typed = $("v-region").value.trim();
      if (!typed) return;
      /* a name as shown, as the table has it (the other language), or an alias */
      const wanted = config.aliases[fold(typed)] || fold(typed);
      /* a name in either language, or the code a name shows, typed in full ("GR": Greece
         (code GR); "ch" is part of Czechia, not Switzerland's code: explore.offer._named) */
      const isNamed = (r) => [r.label, r.nl, r.en].map(fold).includes(wanted) || (r.label.includes(`(code ${r.code})`) && fold(r.code) === wanted);
      /* every region the name fits that is not chosen yet, not only the suggestions shown */
      const every = matches(typed, Infinity).filter((r) => !state.regions.includes(r.code));
      const exact = data.regions.find((r) => isNamed(r) && !state.regions.includes(r.code));
      /* names that differ only in what tells them apart: Bergen (L.), Bergen (NH.) */
      const bare = (name) => fold(name.replace(/\s*\([^)]*\)$/, ""));
      const alike = every.filter((r) => [r[lang], r.label].some((n) => bare(n) === wanted));
      const only = suggestions.length === 1 ? suggestions[0] : alike.length === 1 ? alike[0] : null;
      const pick = active >= 0 ? suggestions[active] : exact || only;
      /* the name of a region already chosen: said so, not the one other region it still fits */
      const named = data.regions.find(isNamed);
      const message = (text) => ($("v-region-message").textContent = upper(text));
      if (active < 0 && named && state.regions.includes(named.code)) message(fill(W.chosen_already, { names: named[lang] }));
      else if (pick) addRegion(pick);
      else if (alike.length > 1) message(fill(W.ambiguous, { typed, options: listing(alike) }));
      else if (suggestions.length) message(fill(W.unknown, { typed, close: listing(suggestions.slice(0, 5)) }));
      else message(notFound(typed));
    } else return;
    event.preventDefault();
  });

  const isGap = (v) => v === null || v === undefined || Number.isNaN(v);
  /* what the choice selects, with series, panels and what is missing */
  function select() {
    const dims = data.dimensions;
    /* nothing chosen is said as such (as explore.draw), not as "no figures" */
    if (!state.regions.length) return { error: upper(W.choose_region) };
    const none = dims.find((d) => !state.dims[d.column].length);
    if (none) return { error: upper(fill(W.choose_value, { name: none.name[lang] })) };
    const varying = (state.regions.length > 1 ? ["regio"] : []).concat(dims.filter((d) => state.dims[d.column].length > 1).map((d) => d.column));
    const nameOfColumn = (c) => (c === "regio" ? W.regio : dims.find((d) => d.column === c).name[lang]);
    if (varying.length > 2) return { error: upper(fill(W.too_many, { names: varying.map(nameOfColumn).join(", ") })) };
    const [seriesBy, panelBy] = varying;
    const mi = data.measures.findIndex((m) => m.key === state.measure);
    const pi = state.per ? data.measures.findIndex((m) => m.key === state.per) : -1;
    const base = dims.length + 2;
    const regionAt = new Map(state.regions.map((c, i) => [data.regionAt.get(c), i]));
    const dimAt = dims.map((d) => new Map(state.dims[d.column].map((code, i) => [d.values.findIndex((v) => v.code === code), i])));
    const percent = pi >= 0 || data.measures[mi].percent;
    const decimals = data.measures[mi].decimals;
    const drawn = [];
    for (const [at, row] of data.rows.entries()) {
      if (!regionAt.has(row[0]) || row[dims.length + 1] < state.from || row[dims.length + 1] > state.to) continue;
      if (dims.some((d, j) => !dimAt[j].has(row[j + 1]))) continue;
      const measure = row[base + mi], per = pi >= 0 ? row[base + pi] : null;
      const flag = data.flags ? row[base + data.measures.length] || "" : "";
      if (isGap(measure) || (pi >= 0 && (isGap(per) || per === 0))) continue; /* no figure */
      const value = pi >= 0 ? (100 * measure) / per : measure;
      const region = data.regions[row[0]];
      const values = dims.map((d, j) => d.values[row[j + 1]]);
      const nameOf = (by) => (by === "regio" ? region[lang] : values[dims.findIndex((d) => d.column === by)][lang]);
      /* in a title: a region by its name, a group as people (explore's group_in_sentence) */
      const saidOf = (by) => (by === "regio" ? region[lang] : values[dims.findIndex((d) => d.column === by)].said[lang]);
      const order = (by) => (by === "regio" ? regionAt.get(row[0]) : dimAt[dims.findIndex((d) => d.column === by)].get(row[dims.findIndex((d) => d.column === by) + 1]));
      drawn.push({
        region, values, year: row[dims.length + 1], value, measure, per, flag, source: data.row_sources[at],
        series: seriesBy ? nameOf(seriesBy) : region[lang],
        panel: panelBy ? nameOf(panelBy) : "",
        seriesSaid: seriesBy ? saidOf(seriesBy) : region[lang],
        panelSaid: panelBy ? saidOf(panelBy) : "",
        seriesOrder: seriesBy ? order(seriesBy) : 0,
        panelOrder: panelBy ? order(panelBy) : 0,
        label: fmt(value, decimals, percent),
      });
    }
    const count = new Set(drawn.map((p) => p.series)).size; /* a colour of its own each */
    if (count > config.maxSeries) return { error: upper(fill(W.too_many_series, { most: config.maxSeries, now: count })) };
    drawn.sort((a, b) => a.panelOrder - b.panelOrder || a.seriesOrder - b.seriesOrder || a.year - b.year);
    drawn.forEach((p) => (p.key = `${p.series}|${p.panel}|${p.year}`));
    /* a region without figures in the years chosen says in which years it has them */
    const figure = (row) => !isGap(row[base + mi]) && (pi < 0 || (!isGap(row[base + pi]) && row[base + pi] !== 0));
    const years = (index) => [...new Set(data.rows.filter((row) => row[0] === index && figure(row) && dims.every((d, j) => dimAt[j].has(row[j + 1]))).map((row) => row[dims.length + 1]))].sort((a, b) => a - b);
    const named = (index) => {
      const found = years(index), name = data.regions[index][lang];
      return found.length ? `${name} (${fill(W.has_years, { years: yearsSaid(found) })})` : name;
    };
    const missing = state.regions.filter((c) => !drawn.some((p) => p.region.code === c)).map((c) => named(data.regionAt.get(c)));
    /* a value without figures, as a sentence says it ("women"); with nothing drawn at all,
       the regions' years say why, and the values chosen are not blamed */
    if (drawn.length) dims.forEach((d, j) => {
      for (const code of state.dims[d.column])
        if (!drawn.some((p) => p.values[j].code === code)) missing.push(d.values.find((v) => v.code === code).said[lang]);
    });
    return { drawn, missing, percent, seriesBy, panelBy };
  }

  /* title and subtitle: the same rules and words as explore.title and explore.describe */
  function measureLabel() {
    const name = measureName(state.measure);
    return state.per ? fill(W.per, { measure: name, per: lowerFirst(measureName(state.per)) }) : name;
  }
  function unitText(percent) {
    if (state.per) return "%";
    return data.measures.find((m) => m.key === state.measure).unit[lang];
  }
  function describe(sel) {
    const { drawn, missing, percent, seriesBy, panelBy } = sel;
    /* the one region of all series is said after the measure when the series are ages or
       sexes, and a group is "bij 65 jaar of ouder", a region "in Amsterdam" (as explore) */
    const groups = seriesBy && seriesBy !== "regio";
    const region = state.regions.length === 1 ? data.regions[data.regionAt.get(state.regions[0])][lang] : "";
    const measure = groups && region ? `${measureLabel()} ${fill(W.in_region, { name: region })}` : measureLabel();
    /* "in Groningen, bij mannen": a series and its panel each said as a region or a group */
    const where = (column, name) => fill(column && column !== "regio" ? W.in_group : W.in_region, { name });
    /* a sex and an age as one group: "bij vrouwen van 75 tot 80 jaar" (explore.rules._said) */
    const at = (column) => data.dimensions.findIndex((d) => d.column === column);
    const paired = new Set([seriesBy, panelBy]).has("geslacht") && new Set([seriesBy, panelBy]).has("leeftijd");
    const pairOf = (p) => data.pairs[`${p.values[at("geslacht")].code}|${p.values[at("leeftijd")].code}`][lang];
    const named = (p) => (paired ? fill(W.in_group, { name: pairOf(p) }) : p.panel ? `${where(seriesBy, p.seriesSaid)}, ${where(panelBy, p.panelSaid)}` : where(seriesBy, p.seriesSaid));
    const spans = new Map();
    for (const p of drawn) spans.set(named(p), (spans.get(named(p)) || []).concat(p.year));
    const years = [...new Set(drawn.map((p) => p.year))].sort((a, b) => a - b);
    let title;
    if (spans.size === 1 && years.length > 1) {
      const first = drawn[0], last = drawn[drawn.length - 1];
      title = fill(W.change, { measure, series: named(first), first: first.year, first_value: first.label, last: last.year, last_value: last.label });
    } else if (drawn.length === 1) {
      /* "highest" needs another point to be higher than */
      title = fill(W.single, { measure, series: named(drawn[0]), year: drawn[0].year, value: drawn[0].label });
    } else {
      /* like with like: when the series cover different years, only the years every one has */
      const uneven = new Set([...spans.values()].map((y) => y.join(","))).size > 1;
      const shared = years.filter((y) => [...spans.values()].every((ys) => ys.includes(y)));
      const compared = uneven && shared.length ? shared : years;
      const points = drawn.filter((p) => compared.includes(p.year));
      const peak = points.reduce((a, b) => (b.value > a.value ? b : a)).label;
      /* as the reader sees it: two series at 25.7 % are both highest (explore.rules.title) */
      const tops = points.filter((p) => p.label === peak);
      const when = new Map();
      for (const p of tops) when.set(named(p), [...new Set((when.get(named(p)) || []).concat(p.year))]);
      for (const [name, ys] of when) when.set(name, yearsSaid(ys.sort((a, b) => a - b)));
      const top = join([...when.keys()]);
      if (compared.length === 1) title = fill(W.highest_year, { measure, year: compared[0], top, value: peak });
      /* tied in different years: each series with its own (explore.rules.title) */
      else if (new Set(when.values()).size > 1) title = fill(W.highest_year, { measure, year: span(compared), top: join([...when].map(([name, at]) => `${name} in ${at}`)), value: peak });
      else title = fill(W.highest, { measure, span: span(compared), top, value: peak, year: [...when.values()][0] });
      if (uneven) title += `; ${shared.length === 1 ? W.shared_year : shared.length ? W.shared_years : W.different_years}`;
    }
    const picked = data.dimensions.filter((d) => state.dims[d.column].length === 1)
      .map((d) => d.values.find((v) => v.code === state.dims[d.column][0]))
      .filter((v) => !v.label.toLowerCase().startsWith("totaal")).map((v) => v[lang]);
    const unit = unitText(percent);
    let subtitle = [...picked, span(drawn.map((p) => p.year))].join(", ") + (unit ? ` (${unit})` : "");
    if (missing.length) subtitle += ". " + upper(fill(W.missing, { names: join(missing), span: span([state.from, state.to]) }));
    /* notes as explore._notes: a place under two codes, a line broken at a break in series */
    const notes = [...new Set(state.regions.map((c) => data.regions[data.regionAt.get(c)].twin).filter(Boolean).map((t) => t[lang]))];
    const broken = new Map(), cut = cutAt(drawn);
    if (years.length > 1) for (const p of drawn) if (cut(p)) {
      const name = [p.series, p.panel].filter(Boolean).join(" ");
      broken.set(name, (broken.get(name) || []).concat(p.year));
    }
    if (broken.size) {
      const one = cut.lines === 1;
      const said = one ? [...broken.values()][0].join(", ") : [...broken].map(([name, list]) => `${name}: ${list.join(", ")}`).join("; ");
      notes.push(fill(W.breaks, { years: said }));
    }
    return { title, subtitle, notes };
  }

  /* the chart */
  function labelPlaces(drawn, top) {
    /* direct labels at each series' last point, a line apart (as explore._dodge) */
    const gap = top * 0.07, ends = new Map();
    for (const p of drawn) ends.set(p.panel + "\u0000" + p.series, p);
    const places = [];
    const byPanel = new Map();
    for (const p of ends.values()) byPanel.set(p.panel, (byPanel.get(p.panel) || []).concat(p));
    for (const list of byPanel.values()) {
      let previous = null;
      for (const p of list.sort((a, b) => a.value - b.value)) {
        const place = previous === null ? p.value : Math.max(p.value, previous + gap);
        places.push({ ...p, place });
        previous = place;
      }
    }
    return places;
  }
  function spec(sel, width) {
    const { drawn, percent } = sel;
    /* a name on its own, on an axis, in a key or at a line's end: "The Netherlands" */
    const names = [...new Set(drawn.map((p) => alone(p.series)))];
    const panels = [...new Set(drawn.map((p) => p.panel))];
    const single = new Set(drawn.map((p) => p.year)).size === 1;
    const columns = Math.min(panels.length, width < 560 ? 1 : 3);
    /* lines named at their ends; in a key above the plot where the names would squeeze it (a
       phone, a long name) */
    const labelled = !single && names.length > 1;
    const labelRoom = 10 + 7.5 * Math.max(...names.map((n) => n.length));
    const keyAbove = labelled && (width < 560 || labelRoom > width * 0.3);
    const room = labelled && !keyAbove ? labelRoom : 10;
    const inner = Math.max(120, Math.floor((width - 60 - room * columns - 15 * (columns - 1)) / columns));
    const legend = keyAbove ? { orient: "top", direction: "vertical", title: null, labelFontSize: 12, labelLimit: width - 40, symbolType: "stroke", symbolStrokeWidth: 3 } : null;
    const color = { field: "series", type: "nominal", sort: names, scale: { domain: names, range: config.palette }, legend };
    const axisFormat = percent
      ? { labelExpr: `format(datum.value, ',.0f') + '${lang === "nl" ? "\u00a0%" : "%"}'`, tickCount: 5, tickMinStep: 1 }
      : { format: ",.0f", tickCount: 5, tickMinStep: 1 };
    const tooltip = [
      { field: "series", type: "nominal", title: W.series },
      { field: "year", type: "ordinal", title: W.year },
      { field: "label", type: "nominal", title: W.value },
    ];
    const top = Math.max(...drawn.map((p) => p.value));
    const places = new Map(names.length > 1 && !keyAbove ? labelPlaces(drawn, top).map((p) => [p.key, p.place]) : []);
    /* a point is marked where its series has one year or a gap (as explore._panel) */
    const yearsOf = new Map();
    for (const p of drawn) yearsOf.set(p.series + "|" + p.panel, (yearsOf.get(p.series + "|" + p.panel) || []).concat(p.year));
    const dotted = (list) => list.length === 1 || list.some((y, i) => i > 0 && y - list[i - 1] > 1);
    /* a break in series (Eurostat's flag b) breaks the line too, and its points are shown */
    const breaks = new Set(drawn.filter(cutAt(drawn)).map((p) => p.series + "|" + p.panel));
    /* a line breaks at a year of the table that its series lacks: a gap stays a gap */
    const at = new Map(data.years.map((y, i) => [y, i])), ends = new Map(), segment = new Map();
    for (const p of drawn) {
      const line = p.series + "|" + p.panel, before = ends.get(line);
      const n = !before ? 0 : at.get(p.year) - at.get(before.year) === 1 && !p.flag.includes("b") ? before.n : before.n + 1;
      ends.set(line, { year: p.year, n });
      segment.set(p.key, `${line}|${n}`);
    }
    const values = drawn.map((p) => ({ series: alone(p.series), panel: p.panel, year: p.year, value: p.value, label: p.label, key: p.key, segment: segment.get(p.key), place: places.has(p.key) ? places.get(p.key) : null, dot: dotted(yearsOf.get(p.series + "|" + p.panel)) || breaks.has(p.series + "|" + p.panel) }));
    let layer;
    if (single) {
      layer = [{
        mark: { type: "bar", aria: false },
        encoding: {
          /* a long name on two lines, at its comma ("European Union" / "27 countries (from
             2020)"), never cut off with an ellipsis (a phone's bars keep half the width) */
          y: { field: "series", type: "nominal", sort: names, title: null, axis: { labelExpr: "split(datum.label, ', ')", labelLimit: Math.max(180, width / 2) } },
          x: { field: "value", type: "quantitative", title: null, axis: axisFormat },
          color, tooltip,
        },
      }, {
        mark: { type: "bar", fill: "transparent", stroke: "#000", strokeWidth: 2, aria: false },
        transform: [{ filter: "datum.key === focus" }],
        encoding: { y: { field: "series", type: "nominal", sort: names }, x: { field: "value", type: "quantitative" } },
      }];
    } else {
      const years = [...new Set(drawn.map((p) => p.year))].sort((a, b) => a - b);
      const ticks = years.length <= Math.max(3, Math.floor(inner / 60)) ? { values: years } : { tickCount: Math.floor(inner / 70) };
      const x = { field: "year", type: "quantitative", title: null, axis: { format: "d", tickMinStep: 1, ...ticks }, scale: { zero: false, nice: false, padding: 10 } };
      layer = [
        { mark: { type: "line", strokeWidth: 2.5, aria: false }, encoding: { x, y: { field: "value", type: "quantitative", title: null, axis: axisFormat, scale: { zero: true } }, color, detail: { field: "segment" } } },
        { mark: { type: "point", filled: true, size: 60, aria: false }, encoding: { x, y: { field: "value", type: "quantitative" }, color, tooltip, opacity: { condition: { test: "datum.dot", value: 1 }, value: 0 } } },
        { mark: { type: "point", filled: false, size: 260, strokeWidth: 2.5, color: "#000", aria: false }, transform: [{ filter: "datum.key === focus" }], encoding: { x, y: { field: "value", type: "quantitative" } } },
        { transform: [{ filter: "datum.place !== null" }], mark: { type: "text", align: "left", dx: 7, fontWeight: "bold", fontSize: 12, aria: false }, encoding: { x, y: { field: "place", type: "quantitative" }, text: { field: "series" }, color } },
      ];
    }
    const base = {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      data: { values },
      params: [{ name: "focus", value: "" }],
      config: {
        aria: false, /* the chart is one image named by its title (description); the arrow keys read the values */
        font: "system-ui, sans-serif",
        axis: { labelFontSize: 12, grid: true, gridColor: "#ddd", domain: false, tickColor: "#ddd", labelColor: "#333" },
        axisX: { grid: false, domain: true, domainColor: "#555" },
        view: { stroke: null },
        header: { labelFontSize: 13, labelAnchor: "start", labelFontWeight: "bold", title: null },
      },
    };
    const chart = { width: inner, height: width < 560 ? 240 : 300, layer };
    base.padding = { left: 5, top: 5, bottom: 5, right: room };
    if (panels.length > 1) {
      return { ...base, facet: { field: "panel", type: "nominal", sort: panels, title: null }, columns, spacing: { row: 25, column: room + 15 }, spec: chart, resolve: { scale: { y: "shared" } } };
    }
    return { ...base, ...chart };
  }

  /* table and CSV of the selection */
  function tableRows(sel) {
    /* a value column says its unit once: "Alleenstaand (aantal)", "… als % van …" */
    const unitOf = (key) => data.measures.find((m) => m.key === key).unit[lang];
    /* a unit the name says already is not said twice (explore.chart._with_unit) */
    const said = (name, unit) => name.includes(unit) || (unit.startsWith("%") && name.includes("%"));
    const withUnit = (name, unit) => (unit && !said(name, unit) ? `${name} (${unit})` : name);
    const head = [W.regio, ...data.dimensions.map((d) => d.name[lang]), W.year, withUnit(measureName(state.measure), unitOf(state.measure))];
    if (state.per) head.push(withUnit(measureName(state.per), unitOf(state.per)), withUnit(measureLabel(), "%"));
    if (data.flags) head.push(W.flag);
    const measure = data.measures.find((m) => m.key === state.measure);
    const whole = (key) => data.measures.find((m) => m.key === key).decimals;
    const rows = sel.drawn.map((p) => {
      const row = [alone(p.region[lang]), ...p.values.map((v) => v[lang]), String(p.year), number(p.measure, whole(state.measure))];
      if (state.per) row.push(number(p.per, whole(state.per)), number(p.value, 1));
      if (data.flags) row.push(p.flag);
      return row;
    });
    const raw = sel.drawn.map((p) => [alone(p.region[lang]), ...p.values.map((v) => v[lang]), p.year, p.measure, ...(state.per ? [p.per, Math.round(p.value * 10) / 10] : []), ...(data.flags ? [p.flag] : [])]);
    const numeric = head.map((_, i) => i >= data.dimensions.length + 1 && !(data.flags && i === head.length - 1));
    return { head, rows, raw, numeric, measure };
  }
  function showTable(sel) {
    const all = tableRows(sel);
    /* on screen, a characteristic with one value chosen is no column: the subtitle says it,
       or it is the total (the downloads keep it); on a phone every column counts */
    const one = (i) => i >= 1 && i <= data.dimensions.length && state.dims[data.dimensions[i - 1].column].length === 1;
    const keep = (_, i) => !one(i);
    const [head, numeric, rows] = [all.head.filter(keep), all.numeric.filter(keep), all.rows.map((r) => r.filter(keep))];
    const table = document.createElement("table");
    table.className = "reader-table";
    const tr = document.createElement("tr");
    head.forEach((h, i) => {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = h;
      if (numeric[i]) th.className = "num";
      tr.appendChild(th);
    });
    const thead = document.createElement("thead");
    thead.appendChild(tr);
    const tbody = document.createElement("tbody");
    for (const row of rows) {
      const line = document.createElement("tr");
      row.forEach((cell, i) => {
        const td = document.createElement("td");
        td.textContent = cell;
        if (numeric[i]) td.className = "num";
        line.appendChild(td);
      });
      tbody.appendChild(line);
    }
    table.append(thead, tbody);
    $("v-rows").replaceChildren(table);
    /* what each Eurostat flag in the table means (as explore.flag_note) */
    const present = [...new Set(sel.drawn.map((p) => p.flag).filter(Boolean))].sort();
    $("v-flags").textContent = present.length
      ? fill(W.flags, { flags: present.map((f) => `${f} = ${data.flags[lang][f] || f}`).join("; ") }) : "";
  }
  function csvCell(value, excelNl) {
    /* a number with a decimal comma for Excel with Dutch settings (as the charts' _excel-nl.csv) */
    if (typeof value === "number") return excelNl ? String(value).replace(".", ",") : String(value);
    let text = String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text; /* never a formula (OWASP) */
    return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }
  /* the source line of the points drawn, as the notebook's chart says it: the line of their
     groups of sources (explorer._source_lines), or the table's own when there is none */
  function sourceOf(points) {
    const key = [...new Set(points.map((p) => p.source))].sort((a, b) => a - b).join(",");
    return (data.sources[key] || data.source)[lang];
  }
  function csvText(excelNl = false) {
    /* UTF-8 with a byte-order mark, CRLF, each row with its own source (without "Bron: ");
       comma-separated, or for Dutch Excel semicolon-separated with decimal commas */
    const { head, raw } = tableRows(lastSelection);
    const sep = excelNl ? ";" : ",";
    const own = (i) => sourceOf([lastSelection.drawn[i]]).replace(/^[^:]*: /, "");
    const line = (cells) => cells.map((c) => csvCell(c, excelNl)).join(sep);
    const lines = [line([...head, W.source])].concat(raw.map((r, i) => line([...r, own(i)])));
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }
  /* the file says the choice: table, region codes, codes chosen other than totals, measure,
     years (the notebook explorer's explore.chart_name names its files by labels instead) */
  function fileName() {
    const values = data.dimensions.flatMap((d) => state.dims[d.column].filter((code) => !d.values.find((v) => v.code === code).label.toLowerCase().startsWith("totaal")));
    const words = [state.table, ...state.regions.slice(0, 3), ...values, state.measure, ...(state.per ? [state.per] : [])];
    const slug = words.join("_").toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
    return `${config.file}_${slug}_${state.from === state.to ? state.from : `${state.from}-${state.to}`}`;
  }
  function downloadCsv(excelNl) {
    const blob = new Blob([csvText(excelNl)], { type: "text/csv;charset=utf-8" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `${fileName()}${excelNl ? "_excel-nl" : ""}.csv`;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  /* show the code that draws the same view in JupyterLab (as explore.code) */
  function pythonCode() {
    const py = (v) => (v === null ? "None" : JSON.stringify(v));
    const tuple = (list) => `(${list.join(", ")}${list.length === 1 ? "," : ""})`;
    const regions = state.regions.map((c) => py(data.regions[data.regionAt.get(c)].label));
    const filters = data.dimensions.map((d) => tuple([py(d.column), tuple(state.dims[d.column].map((c) => py(d.values.find((v) => v.code === c).label)))]));
    return [
      "from eenzaamheid import charts as ch",
      "from eenzaamheid import explore, load",
      "",
      `frame = ch.sourced(load(${py(state.table)}, source="snapshot"))  # with its source`,
      "offer = explore.options(frame)",
      "choice = explore.Choice(",
      `    table=${py(state.table)},`,
      `    regions=${tuple(regions)},`,
      `    filters=${tuple(filters)},`,
      `    measure=${py(state.measure)},`,
      `    per=${py(state.per)},`,
      `    years=(${state.from}, ${state.to}),`,
      ")",
      "explore.draw(frame, choice, offer)  # save=True writes PNG, SVG, PDF, CSV, JSON",
      "rows = explore.select(frame, choice, offer)  # the numbers drawn",
    ].join("\n");
  }

  /* draw everything for the current state */
  let lastSelection = null, drawing = Promise.resolve(), busy = drawing;
  function update() {
    showState();
    writeHash();
    const sel = select();
    const chart = $("v-chart");
    $("v-source").textContent = sel.drawn && sel.drawn.length ? sourceOf(sel.drawn) : data.source[lang];
    $("v-caveat").textContent = data.caveat[lang];
    $("v-code").textContent = pythonCode();
    $("v-readout").textContent = "";
    focusAt = -1;
    const empty = Boolean(sel.error || !sel.drawn.length);
    /* nothing drawn: no image with an old name, no header-only download, no keys to press */
    for (const id of ["v-csv", "v-csv-nl"]) $(id).disabled = empty;
    $("v-keys").hidden = empty;
    if (empty) {
      chart.removeAttribute("role");
      chart.removeAttribute("aria-label");
      chart.removeAttribute("tabindex");
    } else {
      chart.setAttribute("role", "img");
      chart.setAttribute("tabindex", "0");
    }
    $("v-notes").textContent = "";
    if (empty) {
      $("v-title").textContent = sel.error || upper(W.nothing);
      $("v-subtitle").textContent = sel.missing && sel.missing.length ? upper(fill(W.missing, { names: join(sel.missing), span: span([state.from, state.to]) })) : "";
      chart.replaceChildren();
      chart.dataset.series = "0";
      points = [];
      $("v-rows").replaceChildren();
      $("v-flags").textContent = "";
      lastSelection = { drawn: [] };
      busy = drawing = Promise.resolve();
      return drawing;
    }
    lastSelection = sel;
    const words = describe(sel);
    $("v-title").textContent = words.title;
    $("v-subtitle").textContent = words.subtitle;
    chart.setAttribute("aria-label", `${words.title}. ${words.subtitle}`);
    $("v-notes").textContent = words.notes.join(". ");
    points = sel.drawn;
    chart.dataset.series = String(new Set(points.map((p) => p.series + "|" + p.panel)).size);
    showTable(sel);
    const width = chart.clientWidth || 600;
    const options = { actions: false, renderer: "svg", formatLocale: config.format, tooltip: { theme: "light" } };
    const described = (room) => ({ ...spec(sel, room), description: `${words.title}. ${words.subtitle}` });
    const embed = (room) => vegaEmbed(chart, described(room), options).then((result) => {
      if (view) view.finalize();
      view = result.view;
      return Number(chart.querySelector("svg").getAttribute("width")) - width;
    });
    /* panels' axes and labels take room Vega-Lite only knows once drawn: fit in one redraw */
    drawing = embed(width).then((over) => (over > 1 ? embed(width - over) : 0)).then(() => {
      chart.dataset.drawn = String(Date.now());
    });
    busy = drawing;
    return drawing;
  }

  /* values by keyboard: arrows walk the points, the readout says each */
  $("v-chart").addEventListener("keydown", (event) => {
    if (!points.length) return;
    const moves = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    if (event.key in moves) focusAt = Math.max(0, Math.min(points.length - 1, focusAt + moves[event.key]));
    else if (event.key === "Home") focusAt = 0;
    else if (event.key === "End") focusAt = points.length - 1;
    else return;
    event.preventDefault();
    const p = points[focusAt];
    $("v-readout").textContent = `${alone(p.series)}${p.panel ? ", " + p.panel : ""}, ${p.year}: ${p.label}`;
    if (view) view.signal("focus", p.key).runAsync();
  });

  /* wiring */
  for (const t of config.tables) option($("v-table"), t.id, t.title, t.lang); /* a Dutch title says so */
  $("v-table").addEventListener("change", () => chooseTable($("v-table").value, {}));
  $("v-measure").addEventListener("change", () => {
    state.measure = $("v-measure").value;
    if (!denominators().includes(state.per)) state.per = null;
    showDenominators();
    update();
  });
  $("v-per").addEventListener("change", () => {
    state.per = denominators().includes($("v-per").value) ? $("v-per").value : null;
    update();
  });
  $("v-from").addEventListener("change", () => {
    state.from = Number($("v-from").value);
    if (state.to < state.from) state.to = state.from;
    update();
  });
  $("v-to").addEventListener("change", () => {
    state.to = Number($("v-to").value);
    if (state.from > state.to) state.from = state.to;
    update();
  });
  /* chart and table as WAI-ARIA tabs (click, arrow keys, Home/End), as on the story pages */
  const tabs = [["v-tab-chart", "v-chart-view"], ["v-tab-rows", "v-rows-view"]];
  const showTab = (tab, focus) => {
    for (const [t, p] of tabs) {
      $(t).setAttribute("aria-selected", String(t === tab));
      $(t).tabIndex = t === tab ? 0 : -1;
      $(p).hidden = t !== tab;
    }
    if (focus) $(tab).focus();
    if (tab === "v-tab-chart") update();
  };
  tabs.forEach(([tab], at) => {
    $(tab).addEventListener("click", () => showTab(tab, false));
    $(tab).addEventListener("keydown", (event) => {
      const last = tabs.length - 1;
      const to = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: last }[event.key];
      if (to === undefined) return;
      event.preventDefault();
      showTab(tabs[(to + tabs.length) % tabs.length][0], true);
    });
  });
  $("v-tab-rows").tabIndex = -1;
  $("v-csv").addEventListener("click", () => downloadCsv(false));
  $("v-csv-nl").addEventListener("click", () => downloadCsv(true));
  let resizing = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => data && update(), 200);
  });
  window.addEventListener("hashchange", () => {
    const asked = readHash(), table = (asked.tabel || [])[0];
    if (!table) return; /* an anchor on the page (the skip link's #main), not a choice */
    chooseTable(config.tables.some((t) => t.id === table) ? table : state.table, asked);
  });
  const wanted = readHash();
  const first = (wanted.tabel || [])[0];
  window.verkenner = {
    ready: chooseTable(config.tables.some((t) => t.id === first) ? first : config.tables[0].id, wanted),
    settled: () => busy,
    csv: csvText,
    file: fileName,
    points: () => points.map((p) => ({ series: p.series, panel: p.panel, year: p.year, label: p.label })),
  };
})();
