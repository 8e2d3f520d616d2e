"""``analyze --engine duckdb|spark``: the key figures computed by DuckDB or Spark SQL instead of in memory."""

from __future__ import annotations

import argparse
import json
import sys

from o2c.errors import FixableError
from o2c.log.filters import Filters

ENGINES = ("memory", "duckdb", "spark")


def add_engine_options(parser: argparse.ArgumentParser) -> None:
    """``--engine``, ``--spark-master`` and ``--skip`` on ``analyze``."""
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default="memory",
        help="memory (default: every result), duckdb (out of core: Parquet files or folders, CSV, a .duckdb file "
        "with #table) or spark (PATH is a Parquet/CSV path or a table name)",
    )
    parser.add_argument(
        "--spark-master",
        default="local[2]",
        metavar="URL",
        help="for --engine spark: local[N], a cluster master (spark://host:7077, yarn) or Spark Connect sc://host:15002",
    )
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        choices=["conformance"],
        help="leave a result out (conformance: no token replay, so pm4py is not loaded)",
    )


def open_engine(path: str, engine: str, spark_master: str = "local[2]"):
    """An SQL engine on ``path`` (the caller closes it)."""
    if engine == "duckdb":
        from o2c.engines.duck import DuckDBEngine  # noqa: PLC0415 - duckdb only for this engine

        return DuckDBEngine(path)
    from o2c.engines.spark import SparkEngine, spark_session  # noqa: PLC0415 - pyspark only for this engine

    return SparkEngine(path, spark_session(spark_master))


def run_engine(args: argparse.Namespace, filters: Filters) -> int:
    """Print the engine's summary (JSON with ``--json``); 2 when the source cannot be opened."""
    from o2c.engines.summary import engine_summary  # noqa: PLC0415 - keeps the memory path's imports as they were

    try:
        engine = open_engine(str(args.file), args.engine, args.spark_master)
    except FixableError as error:
        print(f"{error} {error.fix}", file=sys.stderr)
        return 2
    try:
        summary = engine_summary(engine, filters)
    except FixableError as error:  # e.g. a filter the engine cannot apply
        print(f"{error} {error.fix}", file=sys.stderr)
        return 2
    finally:
        engine.close()
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
        return 0
    print(f"{summary['cases']:,} orders, {summary['events']:,} events, {summary['start']} to {summary['end']}")
    for name, count in summary["activities"].items():
        print(f"  {count:>11,}  {name}")
    return 0
