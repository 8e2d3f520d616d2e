"""Command-line interface: ``python -m o2c template|sample|analyze|report``, over the same core as the app."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from o2c.cli.animate import add_command as add_animate_command
from o2c.cli.animate import run as run_animate_command
from o2c.cli.bench import add_command as add_bench_command
from o2c.cli.bench import run as run_bench_command
from o2c.cli.columns import add_column_options
from o2c.cli.engine_bench import add_options as add_engine_bench_options
from o2c.cli.engine_bench import run as run_engine_bench
from o2c.cli.engines import add_engine_options, run_engine
from o2c.cli.inputs import add_filter_option, load_input
from o2c.cli.monitor import add_command as add_monitor_command
from o2c.cli.monitor import run as run_monitor_command
from o2c.cli.report import add_command as add_report_command
from o2c.cli.report import run as run_report_command
from o2c.cli.salesforce import add_commands as add_salesforce_commands
from o2c.cli.salesforce import run as run_salesforce_command
from o2c.conform.conformance import conformance_summary
from o2c.conform.rules import DEFAULT_RULES, read_rules_sheet
from o2c.discover.measures import order_measures
from o2c.discover.overview import overview
from o2c.discover.process_map import dfg_records, end_activities, start_activities
from o2c.discover.rework import rework_summary
from o2c.discover.variants import variants_summary
from o2c.improve.compare import compare_summary
from o2c.improve.cost import cost_table_for, read_cost_sheet
from o2c.improve.settings import Settings
from o2c.ingest.validate import ValidationReport
from o2c.log.filters import STACK_KEY, Filters
from o2c.log.stack import parse_step, step_text
from o2c.log.vocabulary import ROLE_BY_KEY, activity_map, mapping_records
from o2c.monitor.kpis import kpi_dict


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the process exit code (1 when the data has blocking errors)."""
    parser = argparse.ArgumentParser(prog="python -m o2c", description="O2C Explorer on the command line.")
    commands = parser.add_subparsers(dest="command", required=True)

    template = commands.add_parser("template", help="write the Excel template")
    template.add_argument("out", type=Path, help="the .xlsx file to write")

    sample = commands.add_parser("sample", help="write a filled template with generated sample orders")
    sample.add_argument("out", type=Path, help="the .xlsx file to write")
    sample.add_argument("--orders", type=int, default=2000, help="number of orders (default 2000)")
    sample.add_argument("--seed", type=int, default=7, help="random seed (default 7)")

    analyze = commands.add_parser("analyze", help="validate a file and print its key figures")
    analyze.add_argument("file", type=Path, help="xlsx, csv, csv.gz, txt, parquet or xes")
    analyze.add_argument("--json", action="store_true", help="print one JSON object")
    analyze.add_argument("--timezone", default="UTC", help="time zone of times without an offset (default UTC)")
    analyze.add_argument("--date-order", choices=["auto", "day-first", "month-first"], default="auto")
    add_filter_option(analyze)
    analyze.add_argument(
        "--activity-map",
        type=Path,
        default=None,
        metavar="MAP.csv",
        help="CSV activity,role correcting which O2C step each activity is",
    )
    analyze.add_argument(
        "--compare",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="compare the orders whose attribute KEY is VALUE with the rest (repeatable)",
    )

    add_column_options(analyze)
    add_engine_options(analyze)
    add_salesforce_commands(commands)
    add_bench_command(commands)
    add_engine_bench_options(commands.choices["bench"])
    add_report_command(commands)
    add_monitor_command(commands)
    add_animate_command(commands)

    args = parser.parse_args(argv)
    if args.command == "bench":
        return run_engine_bench(args) if args.engine else run_bench_command(args)
    if args.command == "monitor":
        return run_monitor_command(args)
    if args.command == "report":
        return run_report_command(args, Filters.from_query(_parse_filters(args.filter)))
    if args.command == "animate":
        return run_animate_command(args, Filters.from_query(_parse_filters(args.filter)))
    if args.command in ("convert", "extract"):
        return run_salesforce_command(args)
    if args.command == "template":
        from o2c.workbook.template import build_template  # noqa: PLC0415 - openpyxl only when needed

        args.out.write_bytes(build_template())
        print(f"Wrote {args.out}")
        return 0
    if args.command == "sample":
        from o2c.ingest.sample import generate_sample  # noqa: PLC0415
        from o2c.workbook.template import build_template  # noqa: PLC0415

        events, orders = generate_sample(args.orders, args.seed)
        args.out.write_bytes(build_template(events, orders))
        print(f"Wrote {args.out}: {len(orders):,} orders, {len(events):,} events")
        return 0
    return _analyze(args)


def _analyze(args: argparse.Namespace) -> int:
    if args.engine != "memory":
        return run_engine(args, Filters.from_query(_parse_filters(args.filter)))
    filters = Filters.from_query(_parse_filters(args.filter))
    loaded = load_input(args, "analyze", filters, need_log=False)
    if isinstance(loaded, int):
        return loaded
    data, name, result, log = loaded.data, loaded.name, loaded.result, loaded.log
    rules, _ = read_rules_sheet(data, name)  # None: the default O2C rules
    costs, _ = read_cost_sheet(data, name)  # None: the illustrative default costs
    summary = analysis_summary(log, result.report, filters, rules, costs, skip=frozenset(args.skip))
    if args.compare and log is not None:
        summary["compare"] = compare_summary(log, Filters.from_query(_parse_filters(args.compare)), filters)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        _print_text(summary)
    return 0 if result.log is not None else 1


def _parse_filters(pairs: list[str]) -> dict[str, list[str]]:
    """``--filter`` values as URL query parameters: a filter of the stack (``has=A``, ``duration>30d``, see
    ``o2c.log.stack``) goes to ``f``, anything else is ``attribute=value`` (or ``from=``/``to=``)."""
    query: dict[str, list[str]] = {}
    for pair in pairs:
        step = parse_step(pair)
        if step is not None:
            query.setdefault(STACK_KEY, []).append(step_text(step))
            continue
        key, _, value = pair.partition("=")
        query.setdefault(key.strip(), []).append(value.strip())
    return query


def analysis_summary(
    log, report: ValidationReport, filters: Filters = Filters(), rules=None, costs=None, skip: frozenset = frozenset()
) -> dict:
    """The JSON document of ``analyze --json``: counts, activities, time span, the analyses and the validation rows.

    ``skip`` names results to leave out ("conformance": its token replay is the only step that loads pm4py).

    ``rules`` is the workbook's rule set (None for the default O2C rules), ``costs`` its Activities sheet's cost
    table (None for the defaults); the KPIs use both, as the app does.
    """
    summary: dict = {"validation": report.to_records()}
    if log is None:
        return {"cases": None, "events": None, **summary}
    view = filters.apply(log)
    stats = overview(view)
    durations = view.durations_seconds()
    return {
        **_final_milestone(view),
        "cases": stats.orders,
        "events": stats.events,
        "filter": filters.describe(view.n_cases, log.n_cases),
        "activities": {name: int(count) for name, count in view.activity_counts().items()},
        "start": stats.start.isoformat() if stats.start is not None else None,
        "end": stats.end.isoformat() if stats.end is not None else None,
        "paid_share": stats.paid_share,
        "case_duration_seconds": _duration_summary(durations),
        "start_activities": start_activities(view),
        "end_activities": end_activities(view),
        "dfg": dfg_records(view),
        "variants": variants_summary(view),
        "rework": rework_summary(view),
        **({} if "conformance" in skip else {"conformance": conformance_summary(view, rules)}),
        "kpis": kpi_dict(
            view, Settings(rules=DEFAULT_RULES if rules is None else rules, costs=cost_table_for(log, costs))
        ),
        "activity_map": mapping_records(log, view.activity_counts().to_dict()),
        "unmatched": activity_map(log).unmatched,
        **summary,
    }


def _final_milestone(view) -> dict:
    """``final_milestone`` for a log that ends before payment: the step an order must reach not to count as open
    (the role key and its name) and how many selected orders are open; nothing for a log with payments."""
    measures = order_measures(view.log)
    if not measures.partial or measures.milestone is None:
        return {}
    role = ROLE_BY_KEY[measures.milestone]
    open_orders = int(measures.open[view.case_mask].sum())
    return {"final_milestone": {"role": role.key, "name": role.name, "open_orders": open_orders}}


def _duration_summary(durations) -> dict:
    if len(durations) == 0:
        return {"median": None, "mean": None, "p90": None}
    return {
        "median": float(np.median(durations)),
        "mean": float(np.mean(durations)),
        "p90": float(np.quantile(durations, 0.9)),
    }


def _print_text(summary: dict) -> None:
    if summary["cases"] is not None:
        print(f"{summary['filter']}; {summary['events']:,} events, {summary['start']} to {summary['end']}")
        roles = {record["activity"]: record["role"] for record in summary["activity_map"]}
        for name, count in summary["activities"].items():
            print(f"  {count:>9,}  {name}" + (f"  [{roles[name]}]" if roles.get(name) else ""))
        if "final_milestone" in summary:
            milestone = summary["final_milestone"]
            print(f"Open orders (not yet {milestone['name']}, the log's last milestone): {milestone['open_orders']:,}")
        if summary["unmatched"]:
            print("No O2C step matched (correct with --activity-map MAP.csv): " + ", ".join(summary["unmatched"]))
    for issue in summary["validation"]:
        print(f"[{issue['severity']}] {issue['message']} Fix: {issue['fix']}")
