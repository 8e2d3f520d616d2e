"""Cycle times: the end-to-end time distribution, its trend, its split by an order attribute, and the time
between two milestones.

Everything is aggregated here (histogram bins, per-period and per-value quantiles), so a chart never gets
more rows than there are bins, periods or values. Quantiles use numpy's default (linear) definition.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Sequence

import numpy as np
import pandas as pd

from o2c.log.eventlog import NS_PER_SECOND, EventLog, LogView

Period = Literal["week", "month"]
DEFAULT_MILESTONES = ("Create Sales Order", "Shipped", "Invoice Created", "Payment Received")
MISSING_LABEL = "(missing)"
_NS_PER_DAY = 86_400 * NS_PER_SECOND
_SPLIT_MAX_DISTINCT = 5_000  # text attributes with more values are ids, not groups


@dataclass(frozen=True)
class TimeUnit:
    """The unit a set of durations reads best in: hours or days."""

    symbol: Literal["h", "d"]
    seconds: float

    def of(self, seconds: np.ndarray | float) -> np.ndarray | float:
        """``seconds`` expressed in this unit."""
        return seconds / self.seconds


HOURS = TimeUnit("h", 3_600.0)
DAYS = TimeUnit("d", 86_400.0)


def time_unit(seconds: np.ndarray | Sequence[float] | float) -> TimeUnit:
    """Hours when the typical (median) duration is under 2 days, else days, as ``format_duration`` switches.

    >>> time_unit([3_600, 7_200]).symbol, time_unit([5 * 86_400]).symbol
    ('h', 'd')
    """
    values = np.asarray(seconds, dtype=float).ravel()
    values = values[~np.isnan(values)]
    if values.size == 0:
        return DAYS
    return HOURS if np.median(values) < 2 * DAYS.seconds else DAYS


@dataclass(frozen=True)
class DurationStats:
    """Count, median, 90th percentile and mean of a set of durations (None when there are none)."""

    orders: int
    median_seconds: float | None
    p90_seconds: float | None
    mean_seconds: float | None


def duration_stats(seconds: np.ndarray) -> DurationStats:
    """The headline numbers of a set of durations in seconds."""
    if len(seconds) == 0:
        return DurationStats(0, None, None, None)
    return DurationStats(len(seconds), float(np.median(seconds)), float(np.quantile(seconds, 0.9)),
                         float(np.mean(seconds)))


@dataclass(frozen=True)
class GroupStats:
    """Per group: number of values, their sum and the requested quantiles (NaN for empty groups)."""

    counts: np.ndarray
    totals: np.ndarray
    quantiles: np.ndarray  # shape (groups, len(qs))


def group_quantiles(groups: np.ndarray, values: np.ndarray, n_groups: int,
                    qs: Sequence[float] = (0.5, 0.9)) -> GroupStats:
    """Count, sum and quantiles of ``values`` per integer group code in ``0 .. n_groups - 1``.

    One stable sort brings each group's values together; the quantiles are then taken per group (one
    numpy call per group, i.e. per period, value or transition, never per case or event).
    """
    counts = np.bincount(groups, minlength=n_groups)
    totals = np.bincount(groups, weights=values, minlength=n_groups)
    # 16-bit codes let numpy use its radix sort, several times faster on millions of events.
    keys = groups.astype(np.uint16) if n_groups <= 1 << 16 else groups
    grouped = values[np.argsort(keys, kind="stable")]
    bounds = np.concatenate(([0], np.cumsum(counts)))
    quantiles = np.full((n_groups, len(qs)), np.nan)
    for g in np.flatnonzero(counts):
        quantiles[g] = np.quantile(grouped[bounds[g]:bounds[g + 1]], qs)
    return GroupStats(counts, totals, quantiles)


def longest_first(seconds: np.ndarray, limit: int) -> np.ndarray:
    """Positions of the ``limit`` largest values, largest first, ties by position; no full sort.

    >>> longest_first(np.array([5.0, 9.0, 1.0, 9.0]), 3).tolist()
    [1, 3, 0]
    """
    if limit <= 0 or seconds.size == 0:
        return np.empty(0, dtype=np.int64)
    candidates = np.arange(seconds.size)
    if seconds.size > limit:
        cutoff = np.partition(seconds, seconds.size - limit)[seconds.size - limit]
        candidates = np.flatnonzero(seconds >= cutoff)  # the cut-off's ties too, so ties break by position
    return candidates[np.lexsort((candidates, -seconds[candidates]))][:limit]


# ---------------------------------------------------------------------------------------------- histogram

@dataclass(frozen=True)
class Histogram:
    """Equal-width bins from 0: ``bins`` has ``start`` and ``end`` (in ``unit``) and ``orders``.

    A bin holds the durations ``start <= d < end``; ``width`` is a round number (1, 2 or 5 times a power
    of ten) of the unit.
    """

    bins: pd.DataFrame
    unit: TimeUnit
    width: float


def duration_histogram(seconds: np.ndarray, max_bins: int = 30, unit: TimeUnit | None = None) -> Histogram:
    """Bin durations (seconds) into at most about ``max_bins`` round-width bins covering 0 to the maximum."""
    unit = unit or time_unit(seconds)
    if len(seconds) == 0:
        return Histogram(pd.DataFrame({"start": [], "end": [], "orders": []}), unit, 1.0)
    largest = float(np.max(seconds)) / unit.seconds
    width = nice_step(largest / max_bins) if largest > 0 else 1.0
    width_seconds = round(width * unit.seconds, 3)  # 0.2 d is 17,280 s, not 17,280.000000000004
    index = np.floor(np.asarray(seconds) / width_seconds).astype(np.int64)
    counts = np.bincount(index, minlength=int(index.max()) + 1)
    starts = np.round(np.arange(counts.size) * width, 10)
    return Histogram(pd.DataFrame({"start": starts, "end": starts + width, "orders": counts}), unit, width)


def nice_step(raw: float) -> float:
    """The smallest of 1, 2, 5 times a power of ten that is at least ``raw``.

    >>> nice_step(0.33), nice_step(3), nice_step(7.5), nice_step(10)
    (0.5, 5.0, 10.0, 10.0)
    """
    power = 10.0 ** np.floor(np.log10(raw))
    return next(float(f * power) for f in (1, 2, 5, 10) if f * power >= raw * (1 - 1e-12))


# ---------------------------------------------------------------------------------------------- trend

def duration_trend(view: LogView, period: Period = "week") -> pd.DataFrame:
    """Orders, median and p90 end-to-end time per week (starting Monday) or month the order was created.

    Columns ``period`` (start date, naive UTC), ``orders``, ``median_seconds``, ``p90_seconds``; periods
    without orders are left out.
    """
    starts = view.log.case_start_ns[view.case_mask]
    if starts.size == 0:
        return pd.DataFrame({"period": pd.Series(dtype="datetime64[ns]"), "orders": pd.Series(dtype=int),
                             "median_seconds": pd.Series(dtype=float), "p90_seconds": pd.Series(dtype=float)})
    codes = period_codes(starts, period)
    first = int(codes.min())
    stats = group_quantiles(codes - first, view.durations_seconds(), int(codes.max()) - first + 1)
    present = np.flatnonzero(stats.counts)
    return pd.DataFrame({
        "period": period_starts(present + first, period),
        "orders": stats.counts[present],
        "median_seconds": stats.quantiles[present, 0],
        "p90_seconds": stats.quantiles[present, 1],
    })


def period_codes(ns: np.ndarray, period: Period) -> np.ndarray:
    if period == "month":
        return ns.astype("datetime64[ns]").astype("datetime64[M]").astype(np.int64)
    days = np.floor_divide(ns, _NS_PER_DAY)
    return np.floor_divide(days + 3, 7)  # 1970-01-01 was a Thursday: shift so weeks start on Monday


def period_starts(codes: np.ndarray, period: Period) -> pd.DatetimeIndex:
    if period == "month":
        return pd.DatetimeIndex(codes.astype("datetime64[M]").astype("datetime64[ns]"))
    return pd.DatetimeIndex((codes * 7 - 3).astype("datetime64[D]").astype("datetime64[ns]"))


# ---------------------------------------------------------------------------------------------- split

def split_attributes(log: EventLog) -> list[str]:
    """Order attributes the end-to-end time can be split by: text with a few distinct values, numbers (as
    quartile bands) and dates (as months); id-like columns are left out. Computed once per log."""
    return list(log.memo("split_attributes", lambda: [
        name for name in log.case_attribute_names() if _splittable(log.cases[name])]))


def _splittable(column: pd.Series) -> bool:
    if pd.api.types.is_datetime64_any_dtype(column) or (
            pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)):
        return column.nunique() > 1
    distinct = len(column.cat.categories) if isinstance(column.dtype, pd.CategoricalDtype) else column.nunique()
    # More distinct values than half the orders means an id (order number, invoice number ...), not a group.
    return 1 < distinct <= min(_SPLIT_MAX_DISTINCT, max(20, len(column) // 2))


def split_by_attribute(view: LogView, attribute: str, max_values: int = 20) -> pd.DataFrame:
    """End-to-end time per value of an order attribute: ``value``, ``orders`` and the 10/25/50/75/90th
    percentiles (``p10_seconds`` ... ``p90_seconds``; ``median_seconds`` is the 50th).

    Numbers are grouped into quartile bands of the selected orders, dates into months; their rows keep
    that natural order. Text values are sorted by median, slowest first. Values beyond the ``max_values``
    most frequent are pooled into one "Other (n values)" row; pooled and missing rows come last.
    """
    column = view.cases[attribute]
    ordered = pd.api.types.is_datetime64_any_dtype(column) or (
        pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column))
    codes, labels = attribute_codes(column)
    codes = np.where(codes < 0, len(labels), codes)
    labels = [*labels, MISSING_LABEL]
    codes, labels = pool_rare(codes, labels, max_values)
    qs = (0.1, 0.25, 0.5, 0.75, 0.9)
    stats = group_quantiles(codes, view.durations_seconds(), len(labels), qs)
    present = np.flatnonzero(stats.counts)
    table = pd.DataFrame({"value": [labels[i] for i in present], "orders": stats.counts[present]})
    for q, column in zip(qs, ("p10", "p25", "median", "p75", "p90")):
        table[f"{column}_seconds"] = stats.quantiles[present, qs.index(q)]
    last = table["value"].eq(MISSING_LABEL) | table["value"].str.startswith("Other (")
    head = table[~last] if ordered else table[~last].sort_values(["median_seconds", "value"],
                                                                 ascending=[False, True])
    return pd.concat([head, table[last]], ignore_index=True)


def attribute_codes(column: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Integer codes per order (-1 = missing) and their labels."""
    if pd.api.types.is_datetime64_any_dtype(column):
        return _months(column)
    if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
        return _quartile_bands(column.to_numpy(dtype=float))
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(dtype=np.int64), [str(c) for c in column.cat.categories]
    return _factorized(column.astype("string"))


def _months(column: pd.Series) -> tuple[np.ndarray, list[str]]:
    months = column.dt.tz_localize(None) if column.dt.tz is not None else column
    values = months.to_numpy().astype("datetime64[M]")
    known = ~np.isnat(values)
    codes, uniques = pd.factorize(values[known].astype(np.int64), sort=True)
    full = np.full(values.size, -1, dtype=np.int64)
    full[known] = codes
    return full, [str(m) for m in uniques.astype("datetime64[M]")]


def _factorized(column: pd.Series) -> tuple[np.ndarray, list[str]]:
    codes, uniques = pd.factorize(column, sort=True)
    return codes.astype(np.int64), [str(u) for u in uniques]


def _quartile_bands(values: np.ndarray) -> tuple[np.ndarray, list[str]]:
    known = values[~np.isnan(values)]
    if known.size == 0:
        return np.full(values.size, -1, dtype=np.int64), []
    edges = np.unique(np.quantile(known, [0, 0.25, 0.5, 0.75, 1]))
    if edges.size == 1:
        return np.where(np.isnan(values), -1, 0).astype(np.int64), [f"{edges[0]:,.6g}"]
    # Band i holds edges[i] <= v < edges[i + 1]; the last band also holds the maximum.
    band = np.clip(np.searchsorted(edges, values, side="right") - 1, 0, edges.size - 2)
    labels = [f"{_short_number(lo)} – {_short_number(hi)}" for lo, hi in zip(edges[:-1], edges[1:])]
    return np.where(np.isnan(values), -1, band).astype(np.int64), labels


def _short_number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.4g}"


def pool_rare(codes: np.ndarray, labels: list[str], max_values: int) -> tuple[np.ndarray, list[str]]:
    """Keep the ``max_values`` most frequent labels (missing excluded) and pool the rest into one code."""
    counts = np.bincount(codes, minlength=len(labels))
    known = np.flatnonzero(counts[:-1])
    if known.size <= max_values:
        return codes, labels
    # Most frequent first; ties by label code so the choice is stable.
    ranked = known[np.lexsort((known, -counts[known]))]
    kept, pooled = ranked[:max_values], ranked[max_values:]
    remap = np.full(len(labels), max_values, dtype=np.int64)
    remap[kept] = np.arange(max_values)
    remap[-1] = max_values + 1
    new_labels = [labels[k] for k in kept] + [f"Other ({pooled.size} values)", MISSING_LABEL]
    return remap[codes], new_labels


# ---------------------------------------------------------------------------------------------- milestones

def default_milestones(log: EventLog) -> list[str]:
    """The O2C milestones present in the log; otherwise the most common first and last activities."""
    present = [name for name in DEFAULT_MILESTONES if log.activity_code(name) is not None]
    if len(present) >= 2:
        return present
    offsets = log.case_offsets
    names = log.activity_names
    first = names[int(np.bincount(log.activity[offsets[:-1]]).argmax())]
    last = names[int(np.bincount(log.activity[offsets[1:] - 1]).argmax())]
    return [first, last] if first != last else [first]


@dataclass(frozen=True)
class SegmentTimes:
    """The time from milestone ``source`` to ``target`` in the orders that have both (``case_codes``)."""

    source: str
    target: str
    with_source: int  # selected orders that reach the source milestone
    case_codes: np.ndarray
    seconds: np.ndarray


def segment_times(view: LogView, source: str, target: str) -> SegmentTimes:
    """From the first ``source`` event of each order to the first ``target`` event after it.

    "After" is by position in the order's events (time, then upload row), so a target at the same
    timestamp counts with 0 s. Orders without the source, or without a target after it, are not measured.
    """
    log = view.log
    a, b = log.activity_code(source), log.activity_code(target)
    if a is None:
        return SegmentTimes(source, target, 0, np.empty(0, dtype=np.int64), np.empty(0))
    a_events = activity_events(log, a)
    a_cases, a_first = _first_per_case(log, a_events[view.event_mask[a_events]])
    if b is None:
        return SegmentTimes(source, target, int(a_cases.size), np.empty(0, dtype=np.int64), np.empty(0))
    first_a = np.full(log.n_cases, log.n_events, dtype=np.int64)
    first_a[a_cases] = a_first
    b_events = activity_events(log, b)
    b_events = b_events[b_events > first_a[log.case[b_events]]]  # cases without a source have first_a = n_events
    b_cases, b_first = _first_per_case(log, b_events)
    seconds = (log.timestamp[b_first] - log.timestamp[first_a[b_cases]]) / NS_PER_SECOND
    return SegmentTimes(source, target, int(a_cases.size), b_cases, seconds)


def activity_events(log: EventLog, code: int) -> np.ndarray:
    """Positions (ascending) of the events of one activity; grouped once per log and kept on it."""
    order, bounds = log.memo("activity_events", lambda: _group_by_activity(log))
    return order[bounds[code]:bounds[code + 1]]


def _group_by_activity(log: EventLog) -> tuple[np.ndarray, np.ndarray]:
    n = len(log.activity_names)
    keys = log.activity.astype(np.uint16) if n <= 1 << 16 else log.activity
    # A stable radix sort groups the events by activity and keeps each group in event order.
    return (np.argsort(keys, kind="stable"),
            np.concatenate(([0], np.cumsum(np.bincount(log.activity, minlength=n)))))


def _first_per_case(log: EventLog, events: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For ascending event positions: the cases they belong to and each case's first position."""
    cases = log.case[events]
    first = np.ones(events.size, dtype=bool)
    first[1:] = cases[1:] != cases[:-1]
    return cases[first].astype(np.int64), events[first]


def segment_table(view: LogView, milestones: Sequence[str]) -> pd.DataFrame:
    """Times between consecutive milestones: ``source``, ``target``, ``with_source`` (orders reaching the
    source), ``orders`` (orders measured), ``median_seconds`` and ``p90_seconds``."""
    rows = []
    for source, target in zip(milestones[:-1], milestones[1:]):
        segment = segment_times(view, source, target)
        stats = duration_stats(segment.seconds)
        rows.append({"source": source, "target": target, "with_source": segment.with_source,
                     "orders": stats.orders, "median_seconds": stats.median_seconds,
                     "p90_seconds": stats.p90_seconds})
    columns = ["source", "target", "with_source", "orders", "median_seconds", "p90_seconds"]
    return pd.DataFrame(rows, columns=columns).astype({"median_seconds": float, "p90_seconds": float})
