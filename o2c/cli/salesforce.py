"""``python -m o2c convert`` and ``python -m o2c extract``: argument definitions and runners for o2c/cli.py."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from o2c.ingest.salesforce.mapping import DEFAULT_RULES, MappingRule, default_mapping, read_mapping


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Register the ``convert`` and ``extract`` sub-commands on the CLI's sub-parsers."""
    convert = commands.add_parser("convert", help="turn Salesforce exports into a filled template")
    convert.add_argument("files", type=Path, nargs="+", help="Data Loader / Bulk API / report exports (csv, xlsx)")
    _common(convert)
    extract = commands.add_parser("extract", help="read orders from a Salesforce org into a filled template")
    extract.add_argument(
        "--since",
        type=dt.date.fromisoformat,
        default=None,
        help="only records changed on or after this date (YYYY-MM-DD)",
    )
    extract.add_argument("--env-file", type=Path, default=Path(".env"), help="file with SF_* settings (default .env)")
    extract.add_argument(
        "--save-exports", type=Path, default=None, metavar="DIR", help="also write the raw per-object CSV files to DIR"
    )
    path = extract.add_mutually_exclusive_group()
    path.add_argument(
        "--bulk", dest="bulk", action="store_const", const="always", help="read large objects with Bulk API 2.0"
    )
    path.add_argument("--no-bulk", dest="bulk", action="store_const", const="never", help="read everything with REST")
    extract.set_defaults(bulk="auto")
    extract.add_argument(
        "--bulk-threshold",
        type=int,
        default=50_000,
        metavar="N",
        help="without --bulk/--no-bulk: Bulk API 2.0 for an object with more than N records (default 50000)",
    )
    extract.add_argument(
        "--incremental",
        action="store_true",
        help="refresh the dataset folder given by --dataset with what changed since its last run",
    )
    extract.add_argument("--dataset", type=Path, default=None, metavar="DIR", help="dataset folder (Parquet) to keep")
    _common(extract)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=None, help="the filled template (.xlsx) to write")
    parser.add_argument("--mapping", type=Path, default=None, help="edited Mapping table (.csv or .xlsx)")
    parser.add_argument(
        "--write-mapping",
        type=Path,
        default=None,
        metavar="FILE.csv",
        help="write the default Mapping table to edit, and stop",
    )
    parser.add_argument("--timezone", default="UTC", help="time zone of report-export dates (default UTC)")
    parser.add_argument("--date-order", choices=["auto", "day-first", "month-first"], default="auto")


def run(args: argparse.Namespace) -> int:
    """Run ``convert`` or ``extract``; returns the exit code."""
    if args.write_mapping:
        args.write_mapping.write_bytes(default_mapping().to_csv(index=False).encode("utf-8-sig"))
        print(f"Wrote {args.write_mapping}")
        return 0
    rules = _rules(args.mapping)
    if rules is None:
        return 2
    if args.command == "extract" and args.incremental:
        return _refresh(args, rules)
    if args.out is None:
        print(f"python -m o2c {args.command}: error: --out is required", file=sys.stderr)
        return 2
    if args.command == "convert":
        files = {path.name: path.read_bytes() for path in args.files}
        return _write(files, rules, args, [])
    return _extract(args, rules)


def _refresh(args: argparse.Namespace, rules: list[MappingRule]) -> int:
    """``extract --incremental --dataset DIR [--out FILE.xlsx]``: refresh the dataset, optionally write the template."""
    from o2c.errors import ExtractError  # noqa: PLC0415 - simple-salesforce only for extract
    from o2c.ingest.salesforce.bulk import BulkOptions  # noqa: PLC0415
    from o2c.ingest.salesforce.dataset import load_dataset, refresh_dataset  # noqa: PLC0415
    from o2c.ingest.salesforce.extract import connect, credentials_from_env  # noqa: PLC0415

    if args.dataset is None:
        print("python -m o2c extract: error: --incremental needs --dataset DIR", file=sys.stderr)
        return 2
    bulk = BulkOptions(mode=args.bulk, threshold=args.bulk_threshold)
    try:
        sf = connect(credentials_from_env(dotenv=args.env_file))
        result = refresh_dataset(sf, args.dataset, bulk=bulk, progress=_progress_bar)
    except ExtractError as error:
        print(f"\nError: {error.message}\n{error.fix}", file=sys.stderr)
        return 1
    print(file=sys.stderr)
    _print_methods(result.pulled, result.methods)
    for problem in result.problems:
        print(f"Note: {problem}", file=sys.stderr)
    changed = sum(result.pulled.values())
    print(f"Refreshed {args.dataset}: {changed:,} new or changed records, {result.partitions} partitions rewritten")
    return _write(load_dataset(args.dataset), rules, args, []) if args.out else 0


def _rules(path: Path | None) -> list[MappingRule] | None:
    if path is None:
        return list(DEFAULT_RULES)
    rules, problems = read_mapping(path.read_bytes(), path.name)
    for problem in problems:
        print(problem, file=sys.stderr)
    return rules or None


def _write(files: dict[str, bytes], rules: list[MappingRule], args: argparse.Namespace, notes: list[str]) -> int:
    from o2c.ingest.salesforce.convert import convert_exports  # noqa: PLC0415
    from o2c.workbook.template import build_template  # noqa: PLC0415

    result = convert_exports(files, rules, timezone=args.timezone, date_order=args.date_order)
    for name, kind in result.recognised.items():
        print(f"{name}: {kind}")
    for problem in [*notes, *result.problems, *result.notes]:
        print(f"Note: {problem}", file=sys.stderr)
    if result.events.empty:
        print("No events could be built from these files.", file=sys.stderr)
        return 1
    args.out.write_bytes(build_template(result.events, result.orders))
    print(f"Wrote {args.out}: {result.events['case_id'].nunique():,} orders, {len(result.events):,} events")
    return 0


def _extract(args: argparse.Namespace, rules: list[MappingRule]) -> int:
    from o2c.errors import ExtractError  # noqa: PLC0415 - simple-salesforce only for extract
    from o2c.ingest.salesforce.bulk import BulkOptions  # noqa: PLC0415
    from o2c.ingest.salesforce.extract import connect, credentials_from_env, extract_exports  # noqa: PLC0415

    bulk = BulkOptions(mode=args.bulk, threshold=args.bulk_threshold)
    try:
        sf = connect(credentials_from_env(dotenv=args.env_file))
        result = extract_exports(sf, since=args.since, progress=_progress_bar, bulk=bulk)
    except ExtractError as error:
        print(f"\nError: {error.message}\n{error.fix}", file=sys.stderr)
        return 1
    print(file=sys.stderr)
    _print_methods(result.counts, result.methods)
    if args.save_exports:
        args.save_exports.mkdir(parents=True, exist_ok=True)
        for name, data in result.files.items():
            (args.save_exports / name).write_bytes(data)
    return _write(result.files, rules, args, result.problems)


def _progress_bar(name: str, records: int, done: int, total: int) -> None:
    width = 30
    filled = width * done // max(total, 1)
    line = f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name}: {records:,} records"
    print(f"{line:<80}", end="", file=sys.stderr, flush=True)


def _print_methods(counts: dict[str, int], methods: dict[str, str]) -> None:
    for name, method in methods.items():
        how = "Bulk API 2.0" if method == "bulk" else "REST"
        print(f"{name}: {counts.get(name, 0):,} records ({how})", file=sys.stderr)
