"""``python -m eenzaamheid``: snapshot, tables, info, claims and build."""

from __future__ import annotations

import argparse
import json
import logging
import sys

from .errors import CbsError
from .site import NotebookFailed


def _tables(args: argparse.Namespace) -> None:
    from .snapshot import snapshot_summary

    for row in snapshot_summary():
        print(f"{row['table']:<20} {row['rows']:>7} rijen  {row['periods']:<10} {row['title']}")


def _info(args: argparse.Namespace) -> None:
    from .data import load

    frame = load(args.table, source=args.source)
    print(frame.attrs["meta"].describe())
    print(f"rijen: {len(frame)}")


def _snapshot(args: argparse.Namespace) -> None:
    from .snapshot import build_snapshot, refresh_snapshot_live

    counts = refresh_snapshot_live() if args.live else build_snapshot()
    for table, rows in counts.items():
        print(f"{table:<20} {rows:>7} rijen")


def _claims(args: argparse.Namespace) -> None:
    from .claims import check_claims, claims_table
    from .data import load

    results = check_claims(lambda table, **kw: load(table, source=args.source, **kw))
    if args.json:
        print(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=1))
    else:
        print(claims_table(results))


def _build(args: argparse.Namespace) -> None:
    from .site import build

    build(theme=args.theme, lang=args.lang, source=args.source, only=args.only)


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="python -m eenzaamheid",
        description="CBS data on loneliness and living alone: data snapshot, claim checks, charts.",
        epilog="examples:\n"
        "  python -m eenzaamheid tables\n"
        "  python -m eenzaamheid info 71488ned\n"
        "  python -m eenzaamheid claims --json --source snapshot\n"
        "  python -m eenzaamheid build --theme college --lang en\n"
        "  CBS_ODATA_URL=http://127.0.0.1:8008 python -m eenzaamheid snapshot --live",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    main.add_argument("-v", "--verbose", action="store_true", help="log downloads and sources")
    sub = main.add_subparsers(dest="command", required=True)

    tables = sub.add_parser("tables", help="list the tables in data/snapshot/")
    tables.set_defaults(func=_tables)

    info = sub.add_parser("info", help="title, dimensions, topics, units, periods and source")
    info.add_argument("table", help="CBS table id, e.g. 71488ned")
    info.add_argument("--source", default="snapshot", choices=["auto", "live", "cache", "snapshot"])
    info.set_defaults(func=_info)

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
        choices=["auto", "live", "cache", "snapshot"],
        help="where the data comes from (default: $EENZAAMHEID_SOURCE or auto)",
    )
    claims.set_defaults(func=_claims)

    build = sub.add_parser("build", help="run every notebook, export every chart, write build/")
    build.add_argument("--theme", default="notebook", choices=["notebook", "artikel", "college"])
    build.add_argument("--lang", default="nl", choices=["nl", "en"])
    build.add_argument(
        "--source",
        default="snapshot",
        choices=["auto", "live", "cache", "snapshot"],
        help="data source for the notebooks (default: snapshot, reproducible)",
    )
    build.add_argument("--only", nargs="*", help="run only these notebooks (name fragments)")
    build.set_defaults(func=_build)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        args.func(args)
    except (CbsError, NotebookFailed) as exc:
        print(f"fout: {exc}", file=sys.stderr)
        return 2
    return 0
