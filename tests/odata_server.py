"""A small CBS OData v3 stand-in on 127.0.0.1 serving real recorded CBS responses
(``tests/fixtures/odata-v3``).

Tables: the JSON recordings (80137ned) and the CSV dumps (83262NED, 70076ned), turned back
into OData entity lists. Supports paging through ``odata.nextLink`` (page size settable),
``$select``, and the ``$filter`` form the client sends: ``(K eq 'a' or K eq 'b') and (...)``.
``faults`` injects errors per entity name: status code, delay, non-JSON body or a dropped
connection.
"""

from __future__ import annotations

import csv
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

_CLAUSE = re.compile(r"(\w+) eq '([^']*)'")


def _csv_entities(folder: Path) -> dict[str, list[dict]]:
    """Entity lists from a CSV dump; the data cells are the untyped strings, and the typed
    data set has them as numbers with null for CBS's missing symbols, as CBS serves it."""
    entities = {}
    for path in folder.glob("*.csv"):
        with path.open(encoding="utf-8") as handle:
            entities[path.stem] = list(csv.DictReader(handle))
    topics = {p["Key"] for p in entities["DataProperties"] if p["Type"] == "Topic"}
    entities["UntypedDataSet"] = entities.pop("data")
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
    typed = [
        {k: (_number(v) if k in meta.topic_keys else v) for k, v in row.items()} for row in rows
    ]
    dims = [{"Key": d.key, "Title": d.title, "Type": "Dimension"} for d in meta.dimensions]
    topics = [
        {"Key": t.key, "Title": t.title, "Unit": t.unit, "Type": "Topic"} for t in meta.topics
    ]
    entities = {
        "TableInfos": [{"Title": meta.title, "Period": meta.period_range, "Modified": ""}],
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
    return entities


def _matches(row: dict, query: str) -> bool:
    for group in re.split(r"\)\s+and\s+\(", query.strip("()")):
        if not any(row.get(k) == v for k, v in _CLAUSE.findall(group)):
            return False
    return True


class StandIn:
    def __init__(self, fixtures: Path, page_size: int = 10_000):
        self.tables = {k.lower(): v for k, v in load_tables(fixtures).items()}
        self.page_size = page_size
        self.faults: dict[str, dict] = {}
        self.requests: list[str] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def add_table(self, table_id: str, entities: dict[str, list[dict]]) -> None:
        self.tables[table_id.lower()] = entities

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

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
                if len(segments) < 3 or segments[0].lower() not in ("odatafeed", "odataapi"):
                    return self._send(404, {"odata.error": {"message": "unknown path"}})
                table = stand_in.tables.get(segments[2].lower())
                name = segments[3] if len(segments) > 3 else ""
                fault = stand_in.faults.get(name) or stand_in.faults.get("*")
                if fault:
                    if fault.get("delay"):
                        time.sleep(fault["delay"])
                    if fault.get("drop"):
                        self.connection.shutdown(2)
                        return None
                    if fault.get("status"):
                        return self._send(fault["status"], {"odata.error": {"message": "fault"}})
                    if fault.get("body") is not None:
                        return self._send(200, fault["body"])
                if table is None or (name and name not in table):
                    return self._send(404, {"odata.error": {"message": "Resource not found"}})
                if not name:
                    return self._send(200, {"value": [{"name": n, "url": n} for n in table]})
                return self._send(200, self._page(table[name], params))

            def _page(self, rows, params):
                if "$filter" in params:
                    rows = [r for r in rows if _matches(r, params["$filter"])]
                if "$select" in params:
                    keys = params["$select"].split(",")
                    rows = [{k: r[k] for k in keys} for r in rows]
                skip = int(params.get("$skip", 0))
                body = {"value": rows[skip : skip + stand_in.page_size]}
                if skip + stand_in.page_size < len(rows):
                    nxt = dict(params, **{"$skip": skip + stand_in.page_size})
                    host = f"{stand_in.url}{urlsplit(self.path).path}"
                    body["odata.nextLink"] = f"{host}?{urlencode(nxt)}"
                return body

            def _send(self, status, body):
                data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler
