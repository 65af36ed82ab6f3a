"""``python -m eenzaamheid``: tables, info, search, codes, snapshot, claims and build.

A failure prints one line (what happened, which table, what to do) and exits with 2;
``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import warnings

from .errors import CbsError, SettingsError
from .site import NotebookFailed

SOURCES = ["auto", "live", "cache", "snapshot"]
SHOWN_CODES = 8  # per dimension in `info`


def _tables(args: argparse.Namespace) -> int:
    """The snapshot's tables, each read whole and checked (checksums, metadata)."""
    from .data.odata import current
    from .data.store import read_sidecar, read_table

    folder = current().snapshot_dir
    names = sorted({p.stem for p in (*folder.glob("*.parquet"), *folder.glob("*.json"))})
    if not names:
        raise SettingsError(
            f"the snapshot folder {folder} {'holds no tables' if folder.is_dir() else 'does not exist'}; "
            "set EENZAAMHEID_SNAPSHOT to the repository's data/snapshot, or rebuild it with `make snapshot`"
        )
    damaged = 0
    for name in names:
        stem = folder / name
        try:
            frame = read_table(stem, memo=False)
            read_sidecar(stem)
        except CbsError as exc:
            damaged += 1
            print(f"fout: {exc}", file=sys.stderr)
            continue
        meta = frame.attrs["meta"]
        print(f"{name:<20} {len(frame):>7} rijen  {meta.period_range:<10} {meta.title}")
    return 2 if damaged else 0


def _info(args: argparse.Namespace) -> int:
    from .data import codes, load

    frame = load(args.table, source=args.source)
    meta = frame.attrs["meta"]
    print(meta.describe())
    print(f"rijen: {len(frame)}")
    print("codes per dimensie:")
    for dimension in meta.dimensions:
        listed = codes(args.table, dimension.key, source=args.source)
        print(f"  {dimension.key} ({len(listed)}):")
        for row in listed.head(SHOWN_CODES).itertuples():
            print(f"    {_code_line(row)}")
        if len(listed) > SHOWN_CODES:
            print(
                f"    ... en {len(listed) - SHOWN_CODES} meer: "
                f"python -m eenzaamheid codes {args.table} {dimension.key}"
            )
    return 0


def _codes(args: argparse.Namespace) -> int:
    from .data import codes

    for row in codes(args.table, args.dimension, source=args.source).itertuples():
        print(_code_line(row))
    return 0


def _code_line(row) -> str:
    """``code  label  [group]``; a code that is its own label (transcriptions) once."""
    group = f"  [{row.group}]" if isinstance(row.group, str) else ""
    label = row.label if isinstance(row.label, str) and row.label != row.code else ""
    return f"{row.code:<12} {label}{group}".rstrip()


def _search(args: argparse.Namespace) -> int:
    from .data import search

    found = search(" ".join(args.words), source=args.source)
    for row in found.head(args.limit).itertuples():
        print(f"{row.id:<12} {row.period or '':<12} {row.modified or '':<10}  {row.title}")
    if len(found) > args.limit:
        print(f"... en {len(found) - args.limit} meer (--limit)")
    if found.empty:
        print("niets gevonden")
    return 0


def _snapshot(args: argparse.Namespace) -> int:
    from .snapshot import build_snapshot, refresh_snapshot_live

    counts = refresh_snapshot_live() if args.live else build_snapshot()
    for table, rows in counts.items():
        print(f"{table:<20} {rows:>7} rijen")
    return 0


def _claims(args: argparse.Namespace) -> int:
    from .claims import check_claims, claims_table
    from .data import load

    results = check_claims(lambda table, **kw: load(table, source=args.source, **kw))
    if args.json:
        print(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=1))
    else:
        print(claims_table(results))
    return 0


def _build(args: argparse.Namespace) -> int:
    from .site import build

    build(theme=args.theme, lang=args.lang, source=args.source, only=args.only)
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="python -m eenzaamheid",
        description="CBS data on loneliness and living alone: data snapshot, claim checks, charts.",
        epilog="examples:\n"
        "  python -m eenzaamheid tables\n"
        "  python -m eenzaamheid info 71488ned\n"
        "  python -m eenzaamheid search eenzaamheid\n"
        "  python -m eenzaamheid codes 71488ned RegioS\n"
        "  python -m eenzaamheid claims --json --source snapshot\n"
        "  python -m eenzaamheid build --theme college --lang en\n"
        "  CBS_ODATA_URL=http://127.0.0.1:8008 python -m eenzaamheid snapshot --live",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    main.add_argument("-v", "--verbose", action="store_true", help="log downloads and sources")
    main.add_argument("--debug", action="store_true", help="show the traceback of a failure")
    sub = main.add_subparsers(dest="command", required=True)

    tables = sub.add_parser("tables", help="list the tables in data/snapshot/, checking each")
    tables.set_defaults(func=_tables)

    info = sub.add_parser("info", help="title, dimensions and codes, topics, units and source")
    info.add_argument("table", help="CBS table id, e.g. 71488ned")
    info.add_argument("--source", default="snapshot", choices=SOURCES)
    info.set_defaults(func=_info)

    search = sub.add_parser("search", help="find tables in the CBS catalogue")
    search.add_argument("words", nargs="+", help="words in the title or description")
    search.add_argument("--source", default=None, choices=SOURCES)
    search.add_argument("--limit", type=int, default=30, help="show at most this many")
    search.set_defaults(func=_search)

    codes = sub.add_parser("codes", help="the codes and labels of one dimension of a table")
    codes.add_argument("table", help="CBS table id, e.g. 71488ned")
    codes.add_argument("dimension", help="dimension key, e.g. RegioS")
    codes.add_argument("--source", default=None, choices=SOURCES)
    codes.set_defaults(func=_codes)

    snap = sub.add_parser("snapshot", help="re-create data/snapshot/ (offline from data/raw/)")
    snap.add_argument(
        "--live",
        action="store_true",
        help="fetch the OData tables from CBS ($CBS_ODATA_URL) instead",
    )
    snap.set_defaults(func=_snapshot)

    claims = sub.add_parser("claims", help="check the book's figures against the data")
    claims.add_argument("--json", action="store_true", help="print JSON instead of a table")
    claims.add_argument(
        "--source",
        default=None,
        choices=SOURCES,
        help="where the data comes from (default: $EENZAAMHEID_SOURCE or auto)",
    )
    claims.set_defaults(func=_claims)

    build = sub.add_parser("build", help="run every notebook, export every chart, write build/")
    build.add_argument("--theme", default="notebook", choices=["notebook", "artikel", "college"])
    build.add_argument("--lang", default="nl", choices=["nl", "en"])
    build.add_argument(
        "--source",
        default="snapshot",
        choices=SOURCES,
        help="data source for the notebooks (default: snapshot, reproducible)",
    )
    build.add_argument("--only", nargs="*", help="run only these notebooks (name fragments)")
    build.set_defaults(func=_build)
    return main


def _one_line_warning(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"let op: {' '.join(str(message).split())}", file=file or sys.stderr)


def _run(args: argparse.Namespace) -> int:
    """The command, once the settings from the environment are known to be usable."""
    from . import settings

    try:
        settings.current()
    except ValueError as exc:
        raise SettingsError(str(exc)) from exc
    return args.func(args)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if args.debug:
        return _run(args)
    shown = warnings.showwarning
    warnings.showwarning = _one_line_warning
    try:
        return _run(args)
    except (CbsError, NotebookFailed) as exc:
        print(f"fout: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug, not something the user did: say so, in one line
        print(
            f"fout: onverwacht {type(exc).__name__}: {' '.join(str(exc).split())[:200]} "
            "(python -m eenzaamheid --debug ... toont de traceback; meld het graag)",
            file=sys.stderr,
        )
        return 3
    finally:
        warnings.showwarning = shown
