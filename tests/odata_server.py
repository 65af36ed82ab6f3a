"""A small CBS OData v3 stand-in on 127.0.0.1 serving real recorded CBS responses
(``tests/fixtures/odata-v3``).

Tables: the JSON recordings (80137ned) and the CSV dumps (83262NED, 70076ned), turned back
into OData entity lists; the catalogue (``/ODataCatalog/Tables``) lists their TableInfos.
Supports server-driven paging through ``odata.nextLink`` (page size settable), ``$top`` and
``$skip``, ``$select``, and the ``$filter`` form the client sends:
``(K eq 'a' or K eq 'b') and (...)``.

``faults`` injects misbehaviour per entity name (or ``"*"``): ``status``, ``delay``, a
non-JSON ``body``, ``drop`` (close at once), ``partial`` (send that many bytes of the page,
then close), ``silent`` (accept, never answer), ``trickle`` (one byte every that many
seconds), ``next_link`` (a server whose address the next link names instead), ``rename``
/ ``remove`` (keys changed in the rows), ``thin`` (a key left out of every other row),
``values`` (topic values replaced), ``empty`` (``value: []``), ``rows`` (only the first n rows
of the page), ``no_next`` (no next link), ``shift`` (the page's rows start that many rows
earlier: rows repeated across pages), ``gzip`` (the page gzip-compressed; ``"damaged"``: a
body that is not gzip), ``bomb`` (a gzip
body inflating to that many MiB), ``huge`` (a body of that many bytes of empty objects, sent
without a length), ``cut`` (that many bytes of the page, sent without a length, then closed:
an answer cut short that ends cleanly), ``revise`` (CBS revises the table as this page is
asked: those topic values in every row from now on, and a new ``Modified`` date); with
``status``: ``retry_after`` (the header) and ``message`` (CBS's ``odata.error`` text);
``skip`` limits a fault to the page at that ``$skip``, ``times`` to its
first n uses. Every wait ends when the server closes, and after :data:`MAX_WAIT` seconds at
most.

``python -m tests.odata_server --rows 200000 --topics 10`` serves a generated table
``bench01`` from a process of its own (for the benchmark) until its stdin closes.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import gzip
import itertools
import json
import random
import re
import sys
import threading
import time
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

_CLAUSE = re.compile(r"(\w+) eq '([^']*)'")
MAX_WAIT = 60.0  # seconds any silent or trickling answer lasts at most


def _csv_entities(folder: Path) -> dict[str, list[dict]]:
    """Entity lists from a CSV dump; the data cells are the untyped strings, and the typed
    data set has them as numbers with null for CBS's missing symbols, as CBS serves it. A dump
    holds some codes of each dimension: the code lists keep those (the data is their cube)."""
    entities = {}
    for path in folder.glob("*.csv"):
        with path.open(encoding="utf-8") as handle:
            entities[path.stem] = list(csv.DictReader(handle))
    topics = {p["Key"] for p in entities["DataProperties"] if p["Type"] == "Topic"}
    entities["UntypedDataSet"] = entities.pop("data")
    for prop in entities["DataProperties"]:  # a dump is a slice: its codes, a cube again
        if prop["Type"].endswith("Dimension"):
            present = {row[prop["Key"]] for row in entities["UntypedDataSet"]}
            entities[prop["Key"]] = [c for c in entities[prop["Key"]] if c["Key"] in present]
    entities["TypedDataSet"] = [
        {k: (_number(v) if k in topics else v) for k, v in row.items()}
        for row in entities["UntypedDataSet"]
    ]
    return entities


def _number(cell: str) -> float | None:
    cell = cell.strip()
    return None if cell in ("", ".") else float(cell)


def load_tables(fixtures: Path) -> dict[str, dict[str, list[dict]]]:
    tables = {}
    recorded = fixtures / "odata-v3" / "80137ned"
    tables["80137ned"] = {
        p.stem: json.loads(p.read_text(encoding="utf-8"))["value"]
        for p in recorded.glob("*.json")
        if not p.stem.startswith("_")
    }
    for folder in (fixtures / "odata-v3" / "csv-dumps").iterdir():
        tables[folder.name] = _csv_entities(folder)
    return tables


def entities_from_snapshot(frame, *exports: Path) -> dict[str, list[dict]]:
    """A snapshot table served as OData again: the export's rows (CBS's padded codes, numbers),
    its topics and code lists. For the benchmark: a real 20,000-row table through the server."""
    meta = frame.attrs["meta"]
    rows = []
    for export in exports:
        with export.open(encoding="utf-8-sig") as handle:
            rows += list(csv.DictReader(handle, delimiter=";"))
    rows = _as_cube(rows, [d.key for d in meta.dimensions])
    topics = set(meta.topic_keys)  # a property that builds a list: once, not once a cell
    typed = [{k: (_number(v) if k in topics else v) for k, v in row.items()} for row in rows]
    dims = [{"Key": d.key, "Title": d.title, "Type": "Dimension"} for d in meta.dimensions]
    topics = [
        {"Key": t.key, "Title": t.title, "Unit": t.unit, "Type": "Topic"} for t in meta.topics
    ]
    entities = {
        "TableInfos": [
            {
                "Identifier": meta.table_id,
                "Title": meta.title,
                "Period": meta.period_range,
                "Modified": "2025-06-05T02:00:00",  # a fixture's date: the snapshot keeps none
            }
        ],
        "DataProperties": dims + topics,
        "CategoryGroups": [],
        "TypedDataSet": typed,
        "UntypedDataSet": rows,
    }
    for dim in meta.dimensions:
        codes = sorted({row[dim.key] for row in rows})
        pairs = frame[[f"{dim.column}_code", dim.column]] if dim.column in frame else None
        labels = {} if pairs is None else dict(pairs.dropna().itertuples(index=False))
        entities[dim.key] = [{"Key": c, "Title": labels.get(c.strip(), c.strip())} for c in codes]
    if "Perioden" in entities:  # CBS says each period's status (the snapshot's, where it has one)
        status = (
            dict(frame[["periode_code", "status"]].dropna().itertuples(index=False))
            if {"periode_code", "status"} <= set(frame.columns)
            else {}
        )
        for entry in entities["Perioden"]:
            entry["Status"] = status.get(entry["Key"].strip())
    return entities


def _as_cube(rows: list[dict], dims: list[str]) -> list[dict]:
    """The exports' rows as CBS serves a table, a cube (its live answers are checked to be
    one): several exports together (70072ned: provinces 1995-2019, municipalities 2015) are
    overlapping slices of it, so a combination of codes sent twice is kept once and one sent
    by none gets a row with CBS's "no figure" symbol for every topic."""
    if not rows or not dims:
        return rows
    kept: dict[tuple, dict] = {}
    for row in rows:
        kept.setdefault(tuple(row[d] for d in dims), row)
    codes = [list(dict.fromkeys(combination[i] for combination in kept)) for i in range(len(dims))]
    template = dict.fromkeys(rows[0], ".")
    padding = []
    for combination in itertools.product(*codes):
        if combination not in kept:
            row = {**template, **dict(zip(dims, combination, strict=True))}
            if "ID" in row:
                row["ID"] = str(len(kept) + len(padding))
            padding.append(row)
    return [*kept.values(), *padding]


def synthetic_table(table_id: str, rows: int, topics: int, seed: int = 7) -> dict[str, list]:
    """A generated table of ``rows`` rows (regions x sexes x ages x years) and ``topics``
    numeric topics, in CBS's shapes: padded codes, floats, some nulls. Test data, not CBS's."""
    rng = random.Random(seed)
    years = [f"{1990 + i}JJ00" for i in range(25)]
    sexes, ages = ["T001038", "3000   ", "4000   ", "5000   "], ["10000", "70100", "70200", "70300"]
    regions = [f"GM{i:04d}" for i in range(max(1, rows // (len(years) * len(sexes) * len(ages))))]
    keys = [f"Onderwerp_{i + 1}" for i in range(topics)]
    data = []
    for region in regions:
        for sex in sexes:
            for age in ages:
                for year in years:
                    row = {"ID": len(data), "Geslacht": sex, "Leeftijd": age, "RegioS": region}
                    row["Perioden"] = year
                    for key in keys:
                        row[key] = None if rng.random() < 0.02 else round(rng.uniform(0, 1e5), 1)
                    data.append(row)
    dims = [("Geslacht", sexes), ("Leeftijd", ages), ("RegioS", regions), ("Perioden", years)]
    props = [{"Key": k, "Title": k, "Type": "Dimension"} for k, _ in dims]
    props += [{"Key": k, "Title": k, "Unit": "aantal", "Type": "Topic"} for k in keys]
    entities = {
        "TableInfos": [
            {
                "Identifier": table_id,
                "Title": "Generated",
                "Period": "1990-2014",
                "Modified": "2030-01-01T02:00:00",
            }
        ],
        "DataProperties": props,
        "CategoryGroups": [],
        "TypedDataSet": data[:rows],
    }
    for key, codes in dims:
        entities[key] = [{"Key": c, "Title": f"label {c.strip()}"} for c in codes]
    for entry in entities["Perioden"]:
        entry["Status"] = "Definitief"
    return entities


def _matches(row: dict, query: str) -> bool:
    for group in re.split(r"\)\s+and\s+\(", query.strip("()")):
        if not any(row.get(k) == v for k, v in _CLAUSE.findall(group)):
            return False
    return True


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A client that hung up mid-answer (a deadline, a refused oversize answer) is what the
        fault tests provoke: not worth a traceback. Anything else is reported as usual."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class StandIn:
    def __init__(self, fixtures: Path | None, page_size: int = 10_000):
        self.tables = {k.lower(): v for k, v in load_tables(fixtures).items()} if fixtures else {}
        self.page_size = page_size
        self.faults: dict[str, dict] = {}
        self.requests: list[str] = []
        self.revisions = 0
        self.closing = threading.Event()
        self.server = _Server(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        # a short poll: close() waits for the serving loop to notice, 0.5 s by default, which
        # every test with a stand-in would pay in its teardown
        serve = partial(self.server.serve_forever, poll_interval=0.02)
        threading.Thread(target=serve, daemon=True).start()

    def add_table(self, table_id: str, entities: dict[str, list[dict]]) -> None:
        self.tables[table_id.lower()] = entities

    def close(self) -> None:
        self.closing.set()
        self.server.shutdown()
        self.server.server_close()

    def revise(self, table: dict[str, list[dict]], values: dict) -> None:
        """CBS publishes a revision: ``values`` in every row of the data from now on, and a
        ``Modified`` date one day later each time."""
        self.revisions += 1
        table["TypedDataSet"] = [{**row, **values} for row in table["TypedDataSet"]]
        table["TableInfos"] = [
            {**info, "Modified": f"2030-01-{self.revisions:02d}T02:00:00"}
            for info in table["TableInfos"]
        ]

    def catalogue(self) -> list[dict]:
        return [row for t in self.tables.values() for row in t.get("TableInfos", [])[:1]]

    def _fault(self, name: str, params: dict) -> dict | None:
        fault = self.faults.get(name) or self.faults.get("*")
        if not fault or ("skip" in fault and int(params.get("$skip", 0)) != fault["skip"]):
            return None
        if "times" in fault:
            if fault["times"] <= 0:
                return None
            fault["times"] -= 1
        return fault

    def _handler(self):
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                stand_in.requests.append(self.path)
                parts = urlsplit(self.path)
                segments = [s for s in parts.path.split("/") if s]
                params = {k: v[0] for k, v in parse_qs(parts.query).items()}
                if [s.lower() for s in segments] == ["odatacatalog", "tables"]:
                    table, name = {"Tables": stand_in.catalogue()}, "Tables"
                elif len(segments) >= 3 and segments[0].lower() in ("odatafeed", "odataapi"):
                    table = stand_in.tables.get(segments[2].lower())
                    name = segments[3] if len(segments) > 3 else ""
                else:
                    return self._send(404, {"odata.error": {"message": "unknown path"}})
                fault = stand_in._fault(name, params)
                if fault and self._misbehave(fault):
                    return None
                if fault and fault.get("revise") and table is not None:
                    stand_in.revise(table, fault["revise"])
                if table is None or (name and name not in table):
                    return self._send(404, {"odata.error": {"message": "Resource not found"}})
                if not name:
                    return self._send(200, {"value": [{"name": n, "url": n} for n in table]})
                body = self._page(table[name], params, fault or {})
                if fault and (fault.get("gzip") or fault.get("bomb")):
                    return self._send_gzip(body, fault.get("bomb"), fault.get("gzip") == "damaged")
                if fault and fault.get("partial"):
                    return self._send(200, body, cut=fault["partial"])
                if fault and fault.get("cut"):
                    return self._send_cut(body, fault["cut"])
                if fault and fault.get("trickle"):
                    return self._trickle(body, fault["trickle"])
                return self._send(200, body)

            def _misbehave(self, fault) -> bool:
                """Faults that replace the answer; True when the request is dealt with."""
                if fault.get("delay"):
                    stand_in.closing.wait(fault["delay"])
                if fault.get("silent"):
                    stand_in.closing.wait(MAX_WAIT)
                    return True
                if fault.get("drop"):
                    self.connection.shutdown(2)
                    return True
                if fault.get("status"):
                    message = {"lang": "en-US", "value": fault.get("message", "fault")}
                    headers = (
                        {"Retry-After": fault["retry_after"]} if "retry_after" in fault else {}
                    )
                    self._send(
                        fault["status"], {"odata.error": {"message": message}}, headers=headers
                    )
                    return True
                if fault.get("body") is not None:
                    self._send(200, fault["body"])
                    return True
                if fault.get("huge"):
                    self._send_huge(fault["huge"])
                    return True
                return False

            def _page(self, rows, params, fault):
                if "$filter" in params:
                    rows = [r for r in rows if _matches(r, params["$filter"])]
                skip = int(params.get("$skip", 0))
                top = int(params["$top"]) if "$top" in params else None
                size = stand_in.page_size if top is None else min(top, stand_in.page_size)
                start = max(0, skip - fault.get("shift", 0))
                wanted_end = len(rows) if top is None else min(len(rows), skip + top)
                # only the page's rows are selected and changed: the whole table each time
                # made a page of a 20,000-row table slow to start (read timeouts in tests)
                page = rows[start : start + size][: fault.get("rows")]
                if "$select" in params:
                    keys = params["$select"].split(",")
                    page = [{k: r[k] for k in keys if k in r} for r in page]
                if fault.get("rename") or fault.get("remove"):
                    renamed, removed = fault.get("rename", {}), set(fault.get("remove", []))
                    page = [
                        {renamed.get(k, k): v for k, v in r.items() if k not in removed}
                        for r in page
                    ]
                if fault.get("thin"):  # every other row of the table, counted from its first
                    page = [
                        {k: v for k, v in r.items() if k != fault["thin"] or i % 2}
                        for i, r in enumerate(page, start)
                    ]
                if fault.get("values"):
                    page = [{**r, **fault["values"]} for r in page]
                body = {"value": page}
                if fault.get("empty"):
                    return {"value": []}
                if skip + size < wanted_end and not fault.get("no_next"):
                    nxt = dict(params, **{"$skip": skip + size})
                    if top is not None:
                        nxt["$top"] = top - size
                    host = fault.get("next_link") or stand_in.url
                    body["odata.nextLink"] = f"{host}{urlsplit(self.path).path}?{urlencode(nxt)}"
                return body

            def _send(self, status, body, cut=None, headers=None):
                data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, str(value))
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data if cut is None else data[:cut])
                if cut is not None:
                    self.wfile.flush()
                    self.connection.shutdown(2)

            def _send_gzip(self, body, bomb_mib, damaged):
                """The page gzip-compressed (``damaged``: not gzip at all); with ``bomb_mib``:
                gzip members of 16 MiB of spaces each, that many MiB once inflated."""
                if damaged:
                    data = b"this is not gzip" * 64
                elif bomb_mib:
                    member = gzip.compress(b" " * (16 << 20), compresslevel=9)
                    data = gzip.compress(b'{"value": [') + member * (bomb_mib // 16)
                else:
                    data = gzip.compress(json.dumps(body).encode())
                self.send_response(200)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                with contextlib.suppress(OSError):
                    self.wfile.write(data)

            def _send_cut(self, body, size):
                """The first ``size`` bytes of the page without a Content-Length, then the
                connection closed: to the client an answer that simply ended."""
                self.send_response(200)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Connection", "close")
                self.end_headers()
                with contextlib.suppress(OSError):
                    self.wfile.write(json.dumps(body).encode()[:size])
                self.close_connection = True

            def _send_huge(self, size):
                """``size`` bytes of ``{"value":[{},{},...`` without a Content-Length."""
                self.send_response(200)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Connection", "close")
                self.end_headers()
                chunk = b"{}," * (1 << 16)
                with contextlib.suppress(OSError):
                    self.wfile.write(b'{"value":[')
                    for _ in range(size // len(chunk)):
                        if stand_in.closing.is_set():
                            return
                        self.wfile.write(chunk)
                    self.wfile.write(b"{}]}")
                self.close_connection = True

            def _trickle(self, body, interval):
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                ends = time.monotonic() + MAX_WAIT
                for byte in data:
                    if stand_in.closing.wait(interval) or time.monotonic() > ends:
                        return
                    try:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                    except OSError:
                        return

        return Handler


def main() -> None:
    """Serve a generated table from a process of its own until stdin closes (benchmark)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--topics", type=int, default=10)
    parser.add_argument("--page-size", type=int, default=10_000)
    args = parser.parse_args()
    stand_in = StandIn(None, page_size=args.page_size)
    stand_in.add_table("bench01", synthetic_table("bench01", args.rows, args.topics))
    print(stand_in.url, flush=True)
    sys.stdin.read()  # until the test closes the pipe (or ends)
    stand_in.close()


if __name__ == "__main__":
    main()
