"""``python -m o2c bench --engine memory|duckdb|spark``: load/prepare time, first view, filter change per page and
peak memory of one engine on generated orders written as a Parquet folder (one file per million orders).

Each size runs in a fresh child process, so its peak memory (``VmHWM``; for Spark also the JVM's) is that of a
server that just started. The Parquet folders are kept in ``--workdir`` and reused by later runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import sys
import time
from collections.abc import Callable
from pathlib import Path

from o2c.log.filters import Filters
from o2c.log.stack import Follows, Performance

CHUNK = 1_000_000  # orders per Parquet file (and per generator call: a million orders fit in about 3 GiB)
FILTERS = {
    "channel": Filters({"sales_channel": ("Partner",)}),
    "quarter": Filters(date_from=dt.date(2024, 4, 1), date_to=dt.date(2024, 6, 30)),
    # The filter stack: an order shipped within 5 days of its creation, then the slowest 10% of those.
    "stack": Filters(
        steps=(Follows("Create Sales Order", "Shipped", limit="within", seconds=5 * 86400), Performance(90, 100, True))
    ),
}


def add_options(bench: argparse.ArgumentParser) -> None:
    """``--engine`` and ``--spark-master`` on ``bench``."""
    bench.add_argument(
        "--engine",
        choices=["memory", "duckdb", "spark"],
        default=None,
        help="time one engine on generated Parquet folders of --orders orders (kept in --workdir) instead of "
        "comparing with pm4py",
    )
    bench.add_argument("--spark-master", default="local[2]", metavar="URL", help="for --engine spark")


def run(args: argparse.Namespace) -> int:
    """Run the engine benchmark for every size; prints one JSON object per size (progress on stderr)."""
    workdir = args.workdir or Path("/tmp")
    results = []
    for orders in args.orders:
        folder = generated_parquet(workdir, orders, args.seed)
        print(f"{orders:,} orders: {args.engine}", file=sys.stderr)
        with multiprocessing.get_context("spawn").Pool(1) as pool:
            result = pool.apply(_child, (args.engine, str(folder), args.spark_master))
        result = {"orders": orders, "engine": args.engine, **result}
        results.append(result)
        print(json.dumps(result), flush=True)
    if not args.json:
        print(format_table(results))
    return 0


def generated_parquet(workdir: Path, orders: int, seed: int) -> Path:
    """A folder of flat Parquet files (one row per event, the order attributes on it) with ``orders`` orders,
    written once per (orders, seed); each file holds up to a million orders with their own id prefix."""
    from o2c.cli.bench import flat_events  # noqa: PLC0415 - only when files are missing
    from o2c.ingest.sample import generate_sample  # noqa: PLC0415

    folder = workdir / f"o2c-orders-{orders}-{seed}"
    done = folder / "_complete"
    if done.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for part, start in enumerate(range(0, orders, CHUNK)):
        size = min(CHUNK, orders - start)
        events, table = generate_sample(size, seed + part)
        if part:  # the generator numbers every call's orders from 1
            prefix = f"P{part}-"
            events["case_id"] = prefix + events["case_id"].astype(str)
            table["case_id"] = prefix + table["case_id"].astype(str)
        flat = flat_events(events, table)
        _write_parquet(flat, folder / f"part-{part:03d}.parquet")
        print(f"  wrote part {part} ({len(flat):,} events)", file=sys.stderr)
        del events, table, flat
    done.touch()
    return folder


def _write_parquet(flat, path: Path) -> None:
    """Text as plain strings, as an export tool writes it (``o2c.cli.bench.write_flat_files`` without the CSV)."""
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.parquet as pq  # noqa: PLC0415

    table = pa.Table.from_pandas(flat, preserve_index=False)
    columns = [c.cast(c.type.value_type) if pa.types.is_dictionary(c.type) else c for c in table.columns]
    pq.write_table(pa.Table.from_arrays(columns, names=table.column_names), str(path))


def page_queries(engine) -> dict[str, Callable[[Filters], object]]:
    """What each page supported by the SQL engines asks for a filter change."""
    return {
        "overview": lambda f: (engine.counts(f), engine.activity_counts(f), engine.duration_stats(f)),
        "process map": lambda f: (engine.dfg(f), engine.activity_counts(f), engine.start_activities(f)),
        "variants": lambda f: engine.variant_table(f),
        "cycle times": lambda f: (engine.duration_stats(f), engine.duration_histogram(f)),
        "kpis and rework": lambda f: (engine.rework(f), engine.counts(f)),
    }


def _child(kind: str, folder: str, master: str) -> dict:
    from o2c.cli.bench import _peak_rss_mb  # noqa: PLC0415

    start = time.perf_counter()
    engine, jvm_pid = _open(kind, folder, master)
    prepared = time.perf_counter() - start
    queries = page_queries(engine)
    first = {name: _seconds(lambda q=q: q(Filters())) for name, q in queries.items()}  # type: ignore[misc]
    changes = {
        f"{page} ({label})": _seconds(lambda q=q, f=f: q(f))  # type: ignore[misc]
        for label, f in FILTERS.items()
        for page, q in queries.items()
    }
    counts = engine.counts(Filters())
    result = {
        "events": counts.events,
        "prepare_seconds": round(prepared, 2),
        "first_view_seconds": {k: round(v, 3) for k, v in first.items()},
        "filter_change_seconds": {k: round(v, 3) for k, v in changes.items()},
        "peak_rss_mb": round(_peak_rss_mb()),
    }
    if jvm_pid is not None:
        result["jvm_peak_rss_mb"] = round(_process_peak_mb(jvm_pid))
    engine.close()
    return result


def _open(kind: str, folder: str, master: str):
    if kind == "duckdb":
        from o2c.engines.duck import DuckDBEngine  # noqa: PLC0415

        return DuckDBEngine(folder), None
    if kind == "spark":
        from o2c.engines.spark import SparkEngine, spark_session  # noqa: PLC0415

        session = spark_session(master, driver_memory="8g")
        proc = getattr(session.sparkContext._gateway, "proc", None)
        return SparkEngine(folder, session), (proc.pid if proc is not None else None)
    from o2c.engines.memory import MemoryEngine  # noqa: PLC0415
    from o2c.ingest.load import load_event_log  # noqa: PLC0415

    files = sorted(Path(folder).glob("*.parquet"))
    if len(files) != 1:
        raise SystemExit("the in-memory engine loads one file: use at most 1,000,000 orders")
    result = load_event_log(files[0].read_bytes(), files[0].name, max_bytes=None)
    assert result.log is not None
    return MemoryEngine(result.log), None


def _seconds(compute: Callable[[], object]) -> float:
    start = time.perf_counter()
    compute()
    return time.perf_counter() - start


def _process_peak_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        return int(next(line for line in status if line.startswith("VmHWM")).split()[1]) / 1024


def format_table(results: list[dict]) -> str:
    """One line per size and page: first view and the two filter changes."""
    lines = []
    for r in results:
        peak = r["peak_rss_mb"] + r.get("jvm_peak_rss_mb", 0)
        lines.append(
            f"{r['engine']} {r['orders']:,} orders, {r['events']:,} events: prepare {r['prepare_seconds']} s, "
            f"peak {peak / 1024:.1f} GiB"
        )
        for page, seconds in r["first_view_seconds"].items():
            changes = [v for k, v in r["filter_change_seconds"].items() if k.startswith(page + " (")]
            lines.append(
                f"  {page:<16} first {seconds:7.3f} s   filter changes " + ", ".join(f"{c:.3f} s" for c in changes)
            )
    return "\n".join(lines)
