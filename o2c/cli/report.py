"""``python -m o2c report FILE --out report.html|report.xlsx``: the reports of the app, from a scheduled job.

The file is read as ``analyze`` reads it (no upload limit, its Rules and Activities sheets apply); ``--snapshot``
also records the KPIs in the snapshot store that the Monitoring page reads.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

from o2c.cli.columns import ColumnUsageError, add_column_options, load_with_columns
from o2c.cli.inputs import exists, read_input
from o2c.conform.rules import DEFAULT_RULES, read_rules_sheet
from o2c.errors import FixableError
from o2c.i18n import LANGUAGES, t
from o2c.improve.cost import read_cost_sheet
from o2c.improve.settings import Settings
from o2c.ingest.activity_sheet import read_activity_map_sheet
from o2c.log.eventlog import EventLog
from o2c.log.filters import Filters
from o2c.log.stack import check_steps
from o2c.log.vocabulary import read_activity_map, with_activity_map

FORMATS = {".html": "html", ".htm": "html", ".xlsx": "xlsx"}


def mapped_log(log: EventLog, path: Path | None, data: bytes = b"", filename: str = "") -> EventLog:
    """``log`` with the activity mapping of its workbook's Activities sheet (``data``, ``filename``) and then of
    the CSV at ``path`` applied; ``log`` itself without either. Raises ``FixableError`` for a map that cannot be
    used."""
    overrides, problems = read_activity_map_sheet(data, filename) if data else ({}, [])
    if problems:
        raise problems[0]
    if path is not None:
        overrides |= read_activity_map(path.read_bytes(), path.name)
    return with_activity_map(log, overrides) if overrides else log


def add_command(commands: argparse._SubParsersAction) -> None:
    """The ``report`` subcommand and its options."""
    report = commands.add_parser("report", help="write the Excel or HTML report of a file")
    report.add_argument("file", type=Path, help="xlsx, csv, csv.gz, txt, parquet or xes")
    report.add_argument("--out", type=Path, required=True, help="report.html or report.xlsx")
    report.add_argument(
        "--filter",
        action="append",
        default=[],
        metavar="FILTER",
        help="KEY=VALUE for an order attribute (from=/to= take dates) or a filter of the stack, as for analyze: "
        "has=A, follows=A>B, 'duration>30d', resource=NAME, rework=yes, trim=A>B ... (repeatable)",
    )
    report.add_argument("--lang", choices=list(LANGUAGES), default="en", help="report language (default en)")
    report.add_argument("--timezone", default="UTC", help="time zone of times without an offset (default UTC)")
    report.add_argument("--date-order", choices=["auto", "day-first", "month-first"], default="auto")
    report.add_argument(
        "--activity-map",
        type=Path,
        default=None,
        metavar="MAP.csv",
        help="CSV activity,role correcting which O2C step each activity is",
    )
    add_column_options(report)
    report.add_argument("--snapshot", action="store_true", help="also save the KPIs as a snapshot (Monitoring page)")
    report.add_argument(
        "--store",
        type=Path,
        default=None,
        help="snapshot file (default: snapshots.sqlite3 in the data directory, "
        "see o2c.monitor.snapshots.default_store_path)",
    )
    report.add_argument(
        "--workspace",
        default=None,
        help="save the snapshot in this workspace of the Monitoring page instead of --store",
    )


def run(args: argparse.Namespace, filters: Filters) -> int:
    """Write the report; exit code 1 when the data has blocking errors, 2 for a missing file or unknown format."""
    fmt = FORMATS.get(args.out.suffix.lower())
    if fmt is None:
        print(t("cli.report.format", args.lang, path=args.out), file=sys.stderr)
        return 2
    if not exists(args.file):
        print(f"No such file: {args.file}", file=sys.stderr)
        return 2
    began = time.perf_counter()
    try:
        data, name = read_input(args.file)  # a file, or a dataset folder kept by extract --incremental
        result = load_with_columns(args, data, name)
    except FixableError as error:
        print(f"{error.message} {error.fix}", file=sys.stderr)
        return 2
    except ColumnUsageError as error:
        print(f"python -m o2c report: error: {error}", file=sys.stderr)
        return 2
    if result.log is None:
        for issue in result.report.to_records():
            print(f"[{issue['severity']}] {issue['message']} Fix: {issue['fix']}", file=sys.stderr)
        return 1
    try:
        log = mapped_log(result.log, args.activity_map, data, name)
    except (FixableError, OSError, UnicodeDecodeError) as error:
        print(error, file=sys.stderr)  # the message names the file (and row)
        return 2
    try:
        check_steps(log, filters.steps)
    except FixableError as error:
        print(f"{error.message_in(args.lang)} {error.fix_in(args.lang)}", file=sys.stderr)
        return 2
    rules, _ = read_rules_sheet(data, name)
    costs, _ = read_cost_sheet(data, name)
    settings = Settings(rules=rules if rules is not None else DEFAULT_RULES, costs=costs)
    view = filters.apply(log)
    text = filters.describe(view.n_cases, log.n_cases, args.lang)
    if fmt == "html":
        from o2c.report.html import html_report  # noqa: PLC0415 - one renderer per run

        args.out.write_text(html_report(view, settings, args.lang, text, name), encoding="utf-8")
    else:
        from o2c.report.xlsx import excel_report  # noqa: PLC0415

        args.out.write_bytes(excel_report(view, settings, args.lang, text, name))
    print(t("cli.report.wrote", args.lang, path=args.out, orders=view.n_cases, seconds=time.perf_counter() - began))
    if args.snapshot:
        from o2c.errors import SnapshotStoreError  # noqa: PLC0415 - the store only when asked for
        from o2c.monitor.snapshots import SnapshotStore, snapshot_from_view, workspace_path  # noqa: PLC0415

        try:
            store = SnapshotStore(workspace_path(args.workspace) if args.workspace else args.store)
        except ValueError as error:
            print(error, file=sys.stderr)
            return 2
        try:
            snapshot_id = store.save(
                snapshot_from_view(view, settings, source_name=name, lang=args.lang, filters=filters)
            )
        except (SnapshotStoreError, sqlite3.Error, OSError) as error:
            print(f"{store.path}: {error}", file=sys.stderr)
            return 1
        print(t("cli.report.snapshot", args.lang, id=snapshot_id, path=store.path))
    return 0
