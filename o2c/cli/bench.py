"""``python -m o2c bench``: our engine against pm4py on generated logs, upload times and peak memory.

For each size the sample generator (``o2c.ingest.sample.generate_sample``) makes a log; the same log is analysed with
the app's functions and with pm4py's, in one run, and the results are checked against each other. "Cold" is the
first computation on a freshly built log (it builds the per-log indexes); "filter change" is what the app does
when the sidebar changes (indexes built, new view). Uploads and peak memory are measured in fresh child
processes, so the figures are those of a server that just started.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import json
import math
import multiprocessing
import os
import platform
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import numpy as np
import pandas as pd

from o2c.discover.process_map import process_map
from o2c.log.eventlog import EventLog, LogView, build_event_log
from o2c.log.filters import Filters
from o2c.log.stack import parse_step

T = TypeVar("T")

FILTER = Filters(attributes={"sales_channel": ("Partner",)})
# Five filters of the stack (o2c.log.stack), one of each kind that masks orders, and a trim.
STACK = (
    "has:Credit Check Passed",
    "notends:Order Cancelled",
    "follows:Order Activated>Shipped<30d",
    "duration>5d",
    "rework:no",
)
TRIM = "trim:Order Activated>Payment Received"
FLAT_ATTRIBUTES = (
    "sales_channel",
    "account_name",
    "region",
    "order_type",
    "carrier",
    "order_amount",
    "requested_delivery_date",
)  # order attributes repeated on every row of the flat files
XLSX_EVENTS = 100_000
PM4PY_KEYS = {"case_id_key": "case:concept:name", "activity_key": "concept:name", "timestamp_key": "time:timestamp"}


@dataclass
class Step:
    """One computation timed on our side and, when it has one, with pm4py's counterpart."""

    size: int
    name: str
    ours_cold: float
    ours_warm: float
    pm4py: float | None = None
    matches: bool | None = None
    mismatches: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        """pm4py's time over ours after a filter change."""
        return self.pm4py / self.ours_warm if self.pm4py is not None and self.ours_warm > 0 else None

    @property
    def cold_ratio(self) -> float | None:
        """pm4py's time over our first computation on a freshly built log."""
        return self.pm4py / self.ours_cold if self.pm4py is not None and self.ours_cold > 0 else None


@dataclass
class Ingest:
    """Reading and building one file in a fresh process, then computing every page once."""

    fmt: str
    orders: int
    events: int
    megabytes: float
    load_seconds: float
    pages_seconds: float
    peak_rss_mb: float  # peak resident memory of the child after loading and computing every page
    load_average: float = 0.0  # of the machine (1 minute) right after the measurement


@dataclass
class Report:
    """Everything one ``bench`` run measured, with the machine it ran on."""

    machine: dict
    sizes: list[dict] = field(default_factory=list)  # orders, events, variants per size
    steps: list[Step] = field(default_factory=list)
    ingest: list[Ingest] = field(default_factory=list)

    @property
    def mismatches(self) -> list[str]:
        """Every difference found between our results and pm4py's."""
        return [f"{s.size:,} orders, {s.name}: {m}" for s in self.steps for m in s.mismatches]

    def to_dict(self) -> dict:
        """The report as JSON-ready data."""
        steps = [{**dataclasses.asdict(s), "ratio": s.ratio, "cold_ratio": s.cold_ratio} for s in self.steps]
        return {
            "machine": self.machine,
            "sizes": self.sizes,
            "steps": steps,
            "ingest": [dataclasses.asdict(i) for i in self.ingest],
            "mismatches": self.mismatches,
        }


def run_bench(
    sizes: list[int],
    seed: int = 7,
    pm4py: bool = True,
    ingest_orders: int | None = None,
    xlsx_events: int = XLSX_EVENTS,
    workdir: Path | None = None,
    progress: Callable[[str], None] = lambda message: None,
) -> Report:
    """Measure every size in ``sizes`` (orders); uploads are measured at ``ingest_orders`` (default: the
    largest size; 0 skips them) and for an xlsx of about ``xlsx_events`` events. Files go to ``workdir``
    (a temporary folder by default) and are deleted afterwards."""
    report = Report(machine_info())
    for orders in sizes:
        progress(f"{orders:,} orders: generating")
        log = generated_log(orders, seed)
        report.sizes.append({"orders": orders, "events": log.n_events, "load_average": _load_average()[0]})
        report.steps += compare_with_pm4py(log, orders, pm4py, progress)
        report.steps += page_steps(log, orders)
        report.steps += stack_steps(log, orders)
        report.sizes[-1]["variants"] = int(_variant_count(log))
        del log
    ingest_orders = max(sizes) if ingest_orders is None else ingest_orders
    if ingest_orders or xlsx_events:
        with tempfile.TemporaryDirectory(dir=workdir, prefix="o2c-bench-") as folder:
            report.ingest = measure_ingest(Path(folder), ingest_orders, xlsx_events, seed, progress)
    report.machine["load_average_end"] = _load_average()
    return report


# --------------------------------------------------------------------------------------------- the logs


def generated_log(orders: int, seed: int) -> EventLog:
    """The sample generator's log as the engine holds it (built directly from the generated frames)."""
    from o2c.ingest.sample import generate_sample  # noqa: PLC0415

    events, table = generate_sample(orders, seed)
    events = events.assign(row=np.arange(2, len(events) + 2))
    return build_event_log(events, table)


def fresh(log: EventLog) -> EventLog:
    """The same log without the indexes computed on it (variants, transitions ...), as right after an upload."""
    return EventLog(**{f.name: getattr(log, f.name) for f in dataclasses.fields(EventLog)})


def pm4py_frame(log: EventLog) -> pd.DataFrame:
    """The log as pm4py wants it: its column names, strings, sorted by case and time (``format_dataframe``)."""
    import pm4py  # noqa: PLC0415 - seconds to import; only the comparison needs it

    frame = pd.DataFrame(
        {
            "case:concept:name": log.cases["case_id"].to_numpy(dtype=object)[log.case],
            "concept:name": np.asarray(log.activity_names, dtype=object)[log.activity],
            "time:timestamp": pd.to_datetime(log.timestamp, unit="ns", utc=True),
            "case:sales_channel": log.cases["sales_channel"].astype(object).to_numpy()[log.case],
        }
    )
    return pm4py.format_dataframe(
        frame, case_id="case:concept:name", activity_key="concept:name", timestamp_key="time:timestamp"
    )


# --------------------------------------------------------------------------------------------- comparison


def compare_with_pm4py(log: EventLog, orders: int, with_pm4py: bool, progress: Callable[[str], None]) -> list[Step]:
    """Directly-follows (frequency and performance), variants, case durations, and a case filter followed by
    all three: ours against pm4py's functions, with the results checked against each other."""
    ours: dict[str, Callable[[LogView], object]] = {
        "directly-follows + performance": lambda view: process_map(view),
        "variants": _our_variants,
        "case durations": lambda view: view.durations_seconds(),
    }
    steps = []
    for name, compute in ours.items():
        cold, warm, _ = _time_ours(log, _on_whole_log(compute))
        steps.append(Step(orders, name, cold, warm))
    cold, warm, _ = _time_ours(log, lambda lg: _all_three(FILTER.apply(lg)))
    steps.append(Step(orders, "filter change: case filter + all three", cold, warm))
    if not with_pm4py:
        return steps
    progress(f"{orders:,} orders: pm4py")
    frame = pm4py_frame(log)
    theirs: dict[str, Callable[[pd.DataFrame], object]] = {
        "directly-follows + performance": _pm4py_dfg,
        "variants": _pm4py_variants,
        "case durations": _pm4py_durations,
    }
    repeats = 3 if log.n_events < 2_000_000 else 1
    for step in steps[:3]:
        step.pm4py, result = _best_of(repeats, functools.partial(theirs[step.name], frame))
        _check(step, {step.name: result}, log.view())
    steps[3].pm4py, results = _best_of(repeats, lambda: _pm4py_filtered(frame, theirs))
    _check(steps[3], results, FILTER.apply(log))
    return steps


def _our_variants(view: LogView) -> pd.DataFrame:
    from o2c.discover.variants import variant_table  # noqa: PLC0415

    return variant_table(view)


def _all_three(view: LogView) -> None:
    process_map(view)
    _our_variants(view)
    view.durations_seconds()


def _pm4py_dfg(frame: pd.DataFrame) -> tuple:
    import pm4py  # noqa: PLC0415

    return pm4py.discover_dfg(frame, **PM4PY_KEYS), pm4py.discover_performance_dfg(frame, **PM4PY_KEYS)


def _pm4py_variants(frame: pd.DataFrame) -> dict:
    import pm4py  # noqa: PLC0415

    return pm4py.get_variants(frame, **PM4PY_KEYS)


def _pm4py_durations(frame: pd.DataFrame) -> list[float]:
    import pm4py  # noqa: PLC0415

    return pm4py.get_all_case_durations(frame, **PM4PY_KEYS)


def _pm4py_filtered(frame: pd.DataFrame, theirs: dict[str, Callable]) -> dict:
    import pm4py  # noqa: PLC0415

    kept = pm4py.filter_event_attribute_values(
        frame,
        "case:sales_channel",
        list(FILTER.attributes["sales_channel"]),
        level="case",
        case_id_key="case:concept:name",
    )
    return {name: compute(kept) for name, compute in theirs.items()}


def _check(step: Step, results: dict, view: LogView) -> None:
    """Compare pm4py's results with ours on ``view``; differences go into ``step.mismatches``."""
    problems: list[str] = []
    if "directly-follows + performance" in results:
        problems += _dfg_differences(view, *results["directly-follows + performance"])
    if "variants" in results:
        problems += _variant_differences(view, results["variants"])
    if "case durations" in results:
        problems += _duration_differences(view, results["case durations"])
    step.matches = not problems
    step.mismatches = problems


def _dfg_differences(view: LogView, frequency: tuple, performance: tuple) -> list[str]:
    pm = process_map(view)
    names = view.log.activity_names
    edges = pm.edges
    inner = edges[(edges["source"] >= 0) & (edges["target"] >= 0)]
    counts = {(names[s], names[t]): int(c) for s, t, c in zip(inner["source"], inner["target"], inner["count"])}
    medians = {
        (names[s], names[t]): float(m) for s, t, m in zip(inner["source"], inner["target"], inner["median_seconds"])
    }
    dfg, starts, ends = frequency
    problems = []
    if counts != {pair: int(n) for pair, n in dfg.items()}:
        problems.append(f"directly-follows counts differ ({len(counts)} paths here, {len(dfg)} in pm4py)")
    ours_start = {names[t]: int(c) for s, t, c in zip(edges["source"], edges["target"], edges["count"]) if s == -1}
    ours_end = {names[s]: int(c) for s, t, c in zip(edges["source"], edges["target"], edges["count"]) if t == -2}
    if ours_start != {a: int(n) for a, n in starts.items()} or ours_end != {a: int(n) for a, n in ends.items()}:
        problems.append("start or end activity counts differ")
    waits = performance[0]
    off = [
        pair
        for pair, median in medians.items()
        if pair not in waits or not math.isclose(median, waits[pair]["median"], rel_tol=1e-12, abs_tol=1e-9)
    ]
    if off:
        problems.append(f"median waiting time differs on {len(off)} path(s), e.g. {' -> '.join(off[0])}")
    return problems


def _variant_differences(view: LogView, variants: dict) -> list[str]:
    from o2c.log.index import variant_index  # noqa: PLC0415

    table = _our_variants(view)
    sequences = variant_index(view.log).sequences
    ours = {sequences[code]: int(n) for code, n in zip(table["code"], table["orders"])}
    theirs = {tuple(sequence): int(n if not isinstance(n, list) else len(n)) for sequence, n in variants.items()}
    if ours == theirs:
        return []
    return [f"variants differ ({len(ours)} here, {len(theirs)} in pm4py)"]


def _duration_differences(view: LogView, durations: list[float]) -> list[str]:
    ours = np.sort(view.durations_seconds())
    theirs = np.asarray(durations, dtype=float)
    if ours.size != theirs.size:
        return [f"{ours.size:,} case durations here, {theirs.size:,} in pm4py"]
    if ours.size and np.median(ours) != np.median(theirs):
        return [f"median case duration {np.median(ours)} s here, {np.median(theirs)} s in pm4py"]
    if not np.array_equal(ours, np.sort(theirs)):
        return ["case durations differ"]
    return []


# --------------------------------------------------------------------------------------------- the pages

PAGE_FILES = {
    "Overview": "pages/overview.py",
    "Process map + DOT": "pages/process_map.py",
    "Variants": "pages/variants.py",
    "Rework": "pages/rework.py",
    "Cycle times": "pages/cycle_times.py",
}


def page_functions() -> dict[str, Callable[[LogView], object]]:
    """The core function behind each analysis page (``PAGE_FILES``): what the page computes, called by the page
    with its widgets' choices; called with a view alone it computes the page's default state."""
    from o2c.discover.cycle_times import cycle_times_page  # noqa: PLC0415
    from o2c.discover.process_map import map_page  # noqa: PLC0415
    from o2c.discover.rework import rework_page  # noqa: PLC0415
    from o2c.discover.variants import variants_page  # noqa: PLC0415
    from o2c.monitor.story import story_page  # noqa: PLC0415

    return {
        "Overview": story_page,
        "Process map + DOT": map_page,
        "Variants": variants_page,
        "Rework": rework_page,
        "Cycle times": cycle_times_page,
    }


def page_computations(view: LogView) -> dict[str, Callable[[], object]]:
    """What each analysis page computes for ``view`` in its default state, as callables: the pages' own functions
    (``page_functions``) with their default arguments."""
    return {name: functools.partial(compute, view) for name, compute in page_functions().items()}


def page_steps(log: EventLog, orders: int) -> list[Step]:
    """Each page's computations: cold (first view after the upload, all orders) and after a filter change."""
    steps = []
    first = fresh(log)
    for name, compute in page_computations(first.view()).items():
        cold = _seconds(compute)
        warm, _ = _best_of(3, _after_filter_change(first, name))
        steps.append(Step(orders, f"page: {name}", cold, warm))
    steps.append(Step(orders, "all five pages", sum(s.ours_cold for s in steps), sum(s.ours_warm for s in steps)))
    return steps


def stack_steps(log: EventLog, orders: int) -> list[Step]:
    """The filter stack: five filters alone, five filters then every page, a trim then every page; cold on a
    fresh log, then after a filter change (the per-log indexes and the trimmed log exist)."""
    five = Filters(steps=tuple(step for step in map(parse_step, STACK) if step is not None))
    trim = Filters(steps=tuple(step for step in map(parse_step, (TRIM,)) if step is not None))

    def pages(filters: Filters) -> Callable[[EventLog], object]:
        return lambda lg: [compute() for compute in page_computations(filters.apply(lg)).values()]

    steps = []
    for name, compute in (
        ("filter stack of five", five.apply),
        ("stack of five + all five pages", pages(five)),
        ("trim + all five pages", pages(trim)),
    ):
        cold, warm, _ = _time_ours(log, compute)
        steps.append(Step(orders, name, cold, warm))
    return steps


# --------------------------------------------------------------------------------------------- uploads


def measure_ingest(
    folder: Path, orders: int, xlsx_events: int, seed: int, progress: Callable[[str], None]
) -> list[Ingest]:
    """Write the xlsx (about ``xlsx_events`` events), parquet and CSV files and load each in a fresh process."""
    from o2c.ingest.sample import generate_sample  # noqa: PLC0415

    results = []
    if xlsx_events:
        from o2c.workbook.template import build_template  # noqa: PLC0415

        progress(f"xlsx with about {xlsx_events:,} events: writing")
        events, table = generate_sample(max(1, round(xlsx_events / 10.9)), seed)
        path = folder / "bench.xlsx"
        path.write_bytes(build_template(events, table))
        results.append(_load_in_child(path, "xlsx", repeats=2))
    if orders:
        progress(f"{orders:,} orders: writing parquet and csv")
        events, table = generate_sample(orders, seed)
        flat = flat_events(events, table)
        del events, table
        write_flat_files(flat, folder / "bench.parquet", folder / "bench.csv")
        del flat
        for fmt, repeats in (("parquet", 2), ("csv", 1)):
            progress(f"{orders:,} orders: loading {fmt}")
            results.append(_load_in_child(folder / f"bench.{fmt}", fmt, repeats))
    return results


def flat_events(events: pd.DataFrame, orders: pd.DataFrame) -> pd.DataFrame:
    """One row per event with the order attributes ``FLAT_ATTRIBUTES`` repeated on it, as a flat export."""
    position = pd.Index(orders["case_id"]).get_indexer(events["case_id"].astype(str))
    carried = {
        name: orders[name].take(position).to_numpy()
        if not isinstance(orders[name].dtype, pd.CategoricalDtype)
        else pd.Categorical.from_codes(orders[name].cat.codes.to_numpy()[position], dtype=orders[name].dtype)
        for name in FLAT_ATTRIBUTES
    }
    return events.assign(**carried)


def write_flat_files(flat: pd.DataFrame, parquet: Path, csv: Path) -> None:
    """The flat events as an export tool writes them: text as plain strings (no categories), parquet with
    pyarrow's defaults (snappy, dictionary pages) and UTF-8 CSV with ISO 8601 timestamps."""
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.csv as pa_csv  # noqa: PLC0415
    import pyarrow.parquet as pq  # noqa: PLC0415

    table = pa.Table.from_pandas(flat, preserve_index=False)
    columns = [
        column.cast(column.type.value_type) if pa.types.is_dictionary(column.type) else column
        for column in table.columns
    ]
    table = pa.Table.from_arrays(columns, names=table.column_names)
    pq.write_table(table, str(parquet))
    pa_csv.write_csv(table, str(csv))


def _load_in_child(path: Path, fmt: str, repeats: int = 1) -> Ingest:
    """The best of ``repeats`` loads, each in a fresh process (the machine is shared: the best is the least
    disturbed)."""
    runs = []
    for _ in range(repeats):
        with multiprocessing.get_context("spawn").Pool(1) as pool:
            runs.append(pool.apply(_ingest_child, (str(path),)))
    best = min(runs, key=lambda run: run["load_seconds"])
    return Ingest(
        fmt,
        best["orders"],
        best["events"],
        path.stat().st_size / 1e6,
        best["load_seconds"],
        best["pages_seconds"],
        max(run["peak_rss_mb"] for run in runs),
        _load_average()[0],
    )


def _ingest_child(path: str) -> dict:
    """In a fresh process: load the file as ``analyze`` does, then compute every page once."""
    from o2c.ingest.load import load_event_log  # noqa: PLC0415

    start = time.perf_counter()
    result = load_event_log(Path(path).read_bytes(), Path(path).name, max_bytes=None)
    loaded = time.perf_counter()
    log = result.log
    if log is None:
        raise RuntimeError(f"{path} did not load: {result.report.to_records()[:3]}")
    for compute in page_computations(log.view()).values():
        compute()
    return {
        "orders": log.n_cases,
        "events": log.n_events,
        "load_seconds": loaded - start,
        "pages_seconds": time.perf_counter() - loaded,
        "peak_rss_mb": _peak_rss_mb(),
    }


# --------------------------------------------------------------------------------------------- helpers


def _time_ours(log: EventLog, compute: Callable[[EventLog], object]) -> tuple[float, float, object]:
    """First run on a fresh copy of ``log`` (cold), then the best of three on that copy (warm)."""
    copy = fresh(log)
    cold = _seconds(lambda: compute(copy))
    warm, result = _best_of(3, lambda: compute(copy))
    return cold, warm, result


def _on_whole_log(compute: Callable[[LogView], object]) -> Callable[[EventLog], object]:
    """``compute`` on a view of all of a log's orders."""
    return lambda log: compute(log.view())


def _after_filter_change(log: EventLog, page: str) -> Callable[[], object]:
    """One page's computations on ``log`` with the benchmark's filter applied."""
    return lambda: page_computations(FILTER.apply(log))[page]()


def _best_of(repeats: int, compute: Callable[[], T]) -> tuple[float, T]:
    """The fastest of ``repeats`` (at least one) runs of ``compute`` and its last result."""
    start = time.perf_counter()
    result = compute()
    best = time.perf_counter() - start
    for _ in range(repeats - 1):
        start = time.perf_counter()
        result = compute()
        best = min(best, time.perf_counter() - start)
    return best, result


def _seconds(compute: Callable[[], object]) -> float:
    start = time.perf_counter()
    compute()
    return time.perf_counter() - start


def _variant_count(log: EventLog) -> int:
    from o2c.log.index import variant_index  # noqa: PLC0415

    return len(variant_index(log).ids)


def _peak_rss_mb() -> float:
    """This process's peak resident memory: VmHWM on Linux. getrusage's ru_maxrss would also count the size of
    the parent at the fork that started this process; it is the fallback elsewhere."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            return int(next(line for line in status if line.startswith("VmHWM")).split()[1]) / 1024
    except (OSError, StopIteration, ValueError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def machine_info() -> dict:
    """Cores, memory, CPU model, Python and library versions, and the load when the run started."""
    import pyarrow  # noqa: PLC0415

    info = {
        "cores": os.cpu_count(),
        "memory_gib": _memory_gib(),
        "cpu": _cpu_model(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "pandas": pd.__version__,
        "pyarrow": pyarrow.__version__,
        "pm4py": _version("pm4py"),
        "platform": platform.platform(),
        "load_average_start": _load_average(),
    }
    return info


def _version(package: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        return version(package)
    except PackageNotFoundError:
        return None


def _memory_gib() -> float | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            kib = int(next(line for line in meminfo if line.startswith("MemTotal")).split()[1])
    except (OSError, StopIteration, ValueError):
        return None
    return round(kib / 1024 / 1024, 1)


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as cpuinfo:
            return next(line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name"))
    except (OSError, StopIteration):
        return platform.processor() or "unknown"


# --------------------------------------------------------------------------------------------- output


def format_report(report: Report) -> str:
    """The report as plain-text tables."""
    m = report.machine
    lines = [
        f"Machine: {m['cores']} cores, {m['memory_gib']} GiB, {m['cpu']}; Python {m['python']}, numpy "
        f"{m['numpy']}, pandas {m['pandas']}, pyarrow {m['pyarrow']}, pm4py {m['pm4py']}",
        f"Load average at start {m['load_average_start']}, at end {m.get('load_average_end')}",
        "",
    ]
    for size in report.sizes:
        lines.append(
            f"{size['orders']:,} orders, {size['events']:,} events, {size.get('variants', 0):,} variants "
            f"(load average {size.get('load_average')})"
        )
    lines += [
        "",
        f"{'orders':>10}  {'step':<40} {'ours cold s':>11} {'ours s':>9} {'pm4py s':>9} {'ratio':>7} "
        f"{'cold':>6}  check",
    ]
    for s in report.steps:
        pm4py = f"{s.pm4py:9.3f}" if s.pm4py is not None else f"{'':9}"
        ratio = f"{s.ratio:6.0f}x" if s.ratio is not None else f"{'':7}"
        cold = f"{s.cold_ratio:5.0f}x" if s.cold_ratio is not None else f"{'':6}"
        check = "" if s.matches is None else ("same" if s.matches else "MISMATCH")
        lines.append(
            f"{s.size:>10,}  {s.name:<40} {s.ours_cold:11.3f} {s.ours_warm:9.3f} {pm4py} {ratio} {cold}  {check}"
        )
    lines.append(
        "  'ours s': best of three once the per-log indexes exist (what a filter change costs); 'ours cold s':"
        " first run on a freshly built log; ratio = pm4py s / ours s, cold = pm4py s / ours cold s."
    )
    if report.ingest:
        lines += [
            "",
            f"{'upload':<8} {'orders':>10} {'events':>12} {'MB':>8} {'load s':>8} {'pages s':>8} "
            f"{'peak RSS MB':>12} {'load avg':>9}",
        ]
        for i in report.ingest:
            lines.append(
                f"{i.fmt:<8} {i.orders:>10,} {i.events:>12,} {i.megabytes:8.1f} {i.load_seconds:8.2f} "
                f"{i.pages_seconds:8.2f} {i.peak_rss_mb:12,.0f} {i.load_average:9.2f}"
            )
        lines.append(
            "  Each file is loaded in a fresh process (as analyze does; xlsx and parquet best of two), then"
            " every page is computed once; peak RSS is that process's VmHWM (/proc/self/status)."
        )
    for problem in report.mismatches:
        lines.append(f"MISMATCH: {problem}")
    return "\n".join(lines)


def print_progress(message: str) -> None:
    """Progress lines on stderr, so ``--json`` output stays clean."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------- command line


def add_command(commands: argparse._SubParsersAction) -> None:
    """The ``bench`` subcommand and its options."""
    bench = commands.add_parser("bench", help="time the engine against pm4py on generated logs")
    bench.add_argument(
        "--orders",
        type=int,
        nargs="+",
        default=[10_000, 100_000, 1_000_000],
        help="log sizes in orders (default 10000 100000 1000000)",
    )
    bench.add_argument("--json", action="store_true", help="print one JSON object")
    bench.add_argument("--no-pm4py", action="store_true", help="time our side only")
    bench.add_argument(
        "--ingest-orders",
        type=int,
        default=None,
        help="orders in the parquet and CSV upload files (default: the largest size; 0 skips them)",
    )
    bench.add_argument(
        "--xlsx-events",
        type=int,
        default=XLSX_EVENTS,
        help=f"events in the xlsx upload file (default {XLSX_EVENTS}; 0 skips it)",
    )
    bench.add_argument("--workdir", type=Path, default=None, help="where the upload files are written (default /tmp)")
    bench.add_argument("--seed", type=int, default=7, help="random seed of the generator (default 7)")


def run(args: argparse.Namespace) -> int:
    """Run ``bench``; exit code 1 when a result differs from pm4py's."""
    report = run_bench(
        args.orders, args.seed, not args.no_pm4py, args.ingest_orders, args.xlsx_events, args.workdir, print_progress
    )
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        print(format_report(report))
    for problem in report.mismatches:
        print(f"MISMATCH: {problem}", file=sys.stderr)
    return 1 if report.mismatches else 0
