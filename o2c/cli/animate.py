"""``python -m o2c animate FILE --out replay.html``: the replay of the orders over the process map as one
self-contained HTML file for offline presentations (no network reference; opens from disk)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from o2c.cli.columns import add_column_options
from o2c.cli.inputs import add_filter_option, load_input
from o2c.discover.dot import FREQUENCY_METRICS, PERFORMANCE_METRICS
from o2c.discover.map_layout import graphviz_available
from o2c.discover.process_map import DEFAULT_PATH_PERCENT, detailed_map
from o2c.discover.replay import colour_options, speed_seconds
from o2c.i18n import LANGUAGES, t
from o2c.log.filters import Filters
from o2c.report.replay import MAX_ORDERS, replay_page


def add_command(commands: argparse._SubParsersAction) -> None:
    """The ``animate`` subcommand and its options."""
    animate = commands.add_parser("animate", help="write the replay of the orders over the process map as HTML")
    animate.add_argument("file", type=Path, help="xlsx, csv, csv.gz, txt, parquet or xes")
    animate.add_argument("--out", type=Path, required=True, help="the .html file to write")
    add_filter_option(animate)
    animate.add_argument(
        "--color-by",
        default="",
        metavar="NAME",
        help="colour the dots by an order attribute, or on_time_delivery, "
        "on_time_payment, rework (default: one colour)",
    )
    animate.add_argument("--speed", default="1d", help="process time per second of replay: 6h, 1d, 1w ... (default 1d)")
    animate.add_argument(
        "--metric",
        choices=[*FREQUENCY_METRICS, *PERFORMANCE_METRICS],
        default="events",
        help="what the map's labels show (default events)",
    )
    animate.add_argument("--activities", type=int, default=100, help="percent of activities shown (default 100)")
    animate.add_argument(
        "--paths",
        type=int,
        default=DEFAULT_PATH_PERCENT,
        help=f"percent of paths shown (default {DEFAULT_PATH_PERCENT})",
    )
    animate.add_argument(
        "--max-orders",
        type=int,
        default=MAX_ORDERS,
        help=f"replay at most this many orders (an evenly spaced sample beyond; default {MAX_ORDERS:,})",
    )
    animate.add_argument("--autoplay", action="store_true", help="start playing when the file opens")
    animate.add_argument("--lang", choices=list(LANGUAGES), default="en", help="language (default en)")
    animate.add_argument("--timezone", default="UTC", help="time zone of times without an offset (default UTC)")
    animate.add_argument("--date-order", choices=["auto", "day-first", "month-first"], default="auto")
    animate.add_argument(
        "--activity-map",
        type=Path,
        default=None,
        metavar="MAP.csv",
        help="CSV activity,role correcting which O2C step each activity is",
    )
    add_column_options(animate)


def run(args: argparse.Namespace, filters: Filters) -> int:
    """Write the replay; exit code 1 when the data has blocking errors, 2 for unusable options or input."""
    began = time.perf_counter()
    try:
        speed = speed_seconds(args.speed)
    except ValueError:
        print(t("replay.cli.speed", args.lang, speed=args.speed), file=sys.stderr)
        return 2
    if not graphviz_available():
        print(t("replay.no_graphviz", args.lang), file=sys.stderr)
        return 2
    loaded = load_input(args, "animate", filters, args.lang)
    if isinstance(loaded, int):
        return loaded
    log = loaded.log
    assert log is not None  # load_input returns an exit code for a file without a log
    view = filters.apply(log)
    choices = colour_options(view)
    if args.color_by not in choices:
        print(
            t("replay.cli.colour", args.lang, name=args.color_by, choices=", ".join(c for c in choices if c)),
            file=sys.stderr,
        )
        return 2
    statistics = (args.metric,) if args.metric in PERFORMANCE_METRICS else ()
    shown, _ = detailed_map(view, _share(args.activities), _share(args.paths), statistics)
    heading = (
        t("replay.title", args.lang, name=args.file.name)
        + " · "
        + filters.describe(view.n_cases, log.n_cases, args.lang)
    )
    page = replay_page(
        view, shown, args.metric, args.color_by, args.lang, speed, heading, args.autoplay, max(1, args.max_orders)
    )
    args.out.write_text(page.html, encoding="utf-8")
    print(
        t(
            "replay.cli.wrote",
            args.lang,
            path=args.out,
            orders=page.replay.n_orders,
            seconds=time.perf_counter() - began,
        )
    )
    return 0


def _share(percent: int) -> float:
    return min(max(percent, 0), 100) / 100
