"""Read CSV files downloaded from the StatLine website into the package's tidy form.

Two layouts exist:

* the ``UntypedDataSet`` download: ``;``-separated, every field quoted, codes right-padded,
  numbers left-padded, ``.`` for "no figure"; one column per dimension (codes) and per topic;
* the *table layout* ("tabel"): a title line, a multi-row header, labels instead of codes,
  and either periods as columns (topics as rows) or topics as columns.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from ..errors import InvalidArgumentError
from .meta import Dimension, TableMeta, Topic, column_name
from .periods import period_columns
from .tidy import tidy_frame, to_numbers

_TOPIC_KEY = re.compile(r"_\d+$")  # CBS topic keys end in _<number>; dimension keys do not
_TABLE_ID = re.compile(r"^(\d{5}[a-z]{3}|\d{4}[a-z]{4})", re.IGNORECASE)


def table_id_from_name(path: Path) -> str:
    match = _TABLE_ID.match(path.name)
    return match[1] if match else path.stem


def _read_text(path: Path) -> str:
    return Path(path).read_text(encoding="utf-8-sig")


def is_untyped_dataset(text: str) -> bool:
    return text.startswith('"ID";')


def read_statline_csv(
    path: str | Path,
    *,
    labels: Mapping[str, Mapping[str, str]] | None = None,
    topics: Mapping[str, Topic] | None = None,
    title: str = "",
) -> pd.DataFrame:
    """Read a StatLine CSV download (either layout) into a tidy frame with ``.attrs["meta"]``.

    ``labels`` maps dimension key -> code -> label and ``topics`` gives titles and units, for
    the ``UntypedDataSet`` layout, which carries neither.
    """
    path = Path(path)
    try:
        text = _read_text(path)
        if is_untyped_dataset(text):
            frame = _read_untyped(text, table_id_from_name(path), labels or {}, topics or {}, title)
        else:
            frame = _read_table_layout(text, table_id_from_name(path))
    except FileNotFoundError as exc:
        raise InvalidArgumentError(f"{path} does not exist") from exc
    except (OSError, ValueError, LookupError, StopIteration, csv.Error) as exc:
        raise InvalidArgumentError(
            f"{path.name} is not a StatLine CSV download this reader knows (the UntypedDataSet "
            f"export or the table layout): {type(exc).__name__}: {str(exc)[:100]}"
        ) from exc
    frame.attrs["meta"].origin = f"StatLine CSV: {path.name}"
    return frame


def _read_untyped(
    text: str,
    table_id: str,
    labels: Mapping[str, Mapping[str, str]],
    topics: Mapping[str, Topic],
    title: str,
) -> pd.DataFrame:
    rows = pd.read_csv(io.StringIO(text), sep=";", dtype=str, keep_default_na=False)
    rows = rows.drop(columns="ID")
    dimensions = [c for c in rows.columns if not _TOPIC_KEY.search(c)]
    meta = TableMeta(
        table_id=table_id,
        title=title,
        dimensions=[Dimension(key, key, column_name(key)) for key in dimensions],
        topics=[
            topics.get(key) or Topic(key, key, datatype=_guess_datatype(rows[key]))
            for key in rows.columns
            if key not in dimensions
        ],
    )
    frame = tidy_frame(rows, meta, labels)
    frame.attrs["meta"] = meta
    return frame


def _guess_datatype(values: pd.Series) -> str:
    """The export carries no DataProperties: a topic with letters in it is a text topic."""
    return "text" if values.str.contains(r"[A-Za-z]{2}", regex=True).any() else "number"


def _sniff_rows(text: str) -> list[list[str]]:
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") or first.endswith('"') else ","
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _trim(row: list[str]) -> list[str]:
    while row and not row[-1].strip():
        row = row[:-1]
    return row


def _read_table_layout(text: str, table_id: str) -> pd.DataFrame:
    rows = [_trim(r) for r in _sniff_rows(text)]
    title = rows[0][0]
    rows = [r for r in rows if r and not r[0].startswith("Bron:")]
    header = next(i for i, r in enumerate(rows) if "Onderwerp" in r)
    if rows[header][0] == "Onderwerp":
        frame, topics = _periods_as_columns(rows[header], rows[header + 1 :])
    else:
        frame, topics = _topics_as_columns(rows[header + 1], rows[header + 2], rows[header + 3 :])
    dimensions = [Dimension("Perioden", "Perioden", "periode")]
    if "regio" in frame.columns:
        dimensions.insert(0, Dimension("RegioS", "Regio's", "regio"))
    meta = TableMeta(
        table_id=table_id,
        title=title,
        dimensions=dimensions,
        topics=topics,
        notes=[f"table layout: labels only, no codes; {' '.join(r[0] for r in rows[1:header])}"],
    )
    frame.attrs["meta"] = meta
    return frame


def _period_frame(labels: pd.Series) -> pd.DataFrame:
    """Period columns for yearly labels ("1947" -> code 1947JJ00)."""
    if not labels.str.fullmatch(r"\d{4}").all():
        raise ValueError("table layout with non-yearly periods is not supported yet")
    codes = labels + "JJ00"
    return pd.concat([codes.rename("periode_code"), period_columns(codes)], axis=1)


def _periods_as_columns(
    header: list[str], body: list[list[str]]
) -> tuple[pd.DataFrame, list[Topic]]:
    periods = pd.Series(header[2:], dtype="string")
    frame = _period_frame(periods)
    topics = []
    for row in body:
        key, unit, values = row[0], row[1], row[2:]
        values += [""] * (len(periods) - len(values))
        topics.append(Topic(key, key.split("|")[-1], unit))
        frame[key] = to_numbers(pd.Series(values, dtype="string"), decimal_comma=True).array
    return frame, topics


def _topics_as_columns(
    titles: list[str], units: list[str], body: list[list[str]]
) -> tuple[pd.DataFrame, list[Topic]]:
    data = pd.DataFrame(body, columns=units[:2] + titles[2:], dtype="string")
    frame = pd.concat(
        [data.iloc[:, 0].rename("regio"), _period_frame(data.iloc[:, 1])],
        axis=1,
    )
    topics = [Topic(t, t.split("|")[-1], u) for t, u in zip(titles[2:], units[2:], strict=True)]
    for topic in topics:
        frame[topic.key] = to_numbers(data[topic.key], decimal_comma=True)
    return frame, topics
