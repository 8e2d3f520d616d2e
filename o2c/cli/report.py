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

from o2c.cli.columns import add_column_options
from o2c.cli.inputs import add_filter_option, load_input
from o2c.conform.rules import DEFAULT_RULES, read_rules_sheet
from o2c.i18n import LANGUAGES, t
from o2c.improve.cost import read_cost_sheet
from o2c.improve.settings import Settings
from o2c.log.filters import Filters

FORMATS = {".html": "html", ".htm": "html", ".xlsx": "xlsx"}


def add_command(commands: argparse._SubParsersAction) -> None:
    """The ``report`` subcommand and its options."""
    report = commands.add_parser("report", help="write the Excel or HTML report of a file")
    report.add_argument("file", type=Path, help="xlsx, csv, csv.gz, txt, parquet or xes")
    report.add_argument("--out", type=Path, required=True, help="report.html or report.xlsx")
    add_filter_option(report)
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
    began = time.perf_counter()
    loaded = load_input(args, "report", filters, args.lang)
    if isinstance(loaded, int):
        return loaded
    data, name, log = loaded.data, loaded.name, loaded.log
    assert log is not None  # load_input returns an exit code for a file without a log
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
