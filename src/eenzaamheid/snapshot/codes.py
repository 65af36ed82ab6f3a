"""Labels for the codes in StatLine exports, from CBS's own code lists and maps."""

from __future__ import annotations

import csv
import itertools
import json
from pathlib import Path
from typing import Any

from ..data.statline import read_statline_csv
from .raw import raw_file


def code_list(path: Path) -> dict[str, str]:
    """``{code: title}`` from a CBS OData code list dumped to CSV (Key, Title, ...)."""
    with path.open(encoding="utf-8") as handle:
        return {row["Key"].strip(): row["Title"] for row in csv.DictReader(handle)}


def _code_name_topics(path: Path) -> dict[str, str]:
    """Region names from the Code_*/Naam_* topic pairs of a 70072ned export."""
    frame = read_statline_csv(path)
    labels = {}
    for code_key, name_key in itertools.pairwise(frame.columns):
        if code_key.startswith("Code_") and name_key.startswith("Naam_"):
            pairs = frame[[code_key, name_key]].dropna().drop_duplicates()
            labels.update(dict(zip(pairs[code_key], pairs[name_key].str.strip(), strict=True)))
    return labels


def _map_names(path: Path) -> dict[str, str]:
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    return {f["properties"]["statcode"]: f["properties"]["statnaam"] for f in features}


def dimension_labels(spec: dict[str, Any]) -> tuple[dict[str, dict[str, str]], list[dict]]:
    """``{dimension: {code: label}}`` from the ``labels`` section of ``tables.yaml``, and the
    provenance of the files they came from. Later sources win (most specific last)."""
    readers = {"codelist": code_list, "code_name_topics": _code_name_topics, "map": _map_names}
    labels: dict[str, dict[str, str]] = {}
    used: list[dict] = []
    for dimension, sources in spec.items():
        labels[dimension] = {}
        for kind, value in sources.items():
            if kind == "fixed":
                labels[dimension].update({str(k): v for k, v in value.items()})
                continue
            file = raw_file(value)
            labels[dimension].update(readers[kind](file.path))
            used.append(file.provenance(what=f"labels of {dimension}"))
    return labels, used
