"""Cycle times: the end-to-end time distribution, its trend, its split by an order attribute, and the time
between two milestones.

Everything is aggregated here (histogram bins, per-period and per-value quantiles), so a chart never gets
more rows than there are bins, periods or values. Quantiles use numpy's default (linear) definition.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from o2c.discover.bottlenecks import slowest_on_transition, transition_ranking
from o2c.format import TimeUnit, time_unit
from o2c.log.attributes import MISSING_LABEL, attribute_codes, pool_rare, split_attributes
from o2c.log.eventlog import NS_PER_SECOND, EventLog, LogView
from o2c.log.index import activity_events
from o2c.log.periods import Period, period_codes, period_starts
from o2c.log.vocabulary import first_name_of_role
from o2c.stats import group_quantiles

DEFAULT_MILESTONES = ("order_created", "ship", "invoice_created", "payment_received")  # roles


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
    return DurationStats(
        len(seconds), float(np.median(seconds)), float(np.quantile(seconds, 0.9)), float(np.mean(seconds))
    )


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
        return pd.DataFrame(
            {
                "period": pd.Series(dtype="datetime64[ns]"),
                "orders": pd.Series(dtype=int),
                "median_seconds": pd.Series(dtype=float),
                "p90_seconds": pd.Series(dtype=float),
            }
        )
    codes = period_codes(starts, period)
    first = int(codes.min())
    stats = group_quantiles(codes - first, view.durations_seconds(), int(codes.max()) - first + 1)
    present = np.flatnonzero(stats.counts)
    return pd.DataFrame(
        {
            "period": period_starts(present + first, period),
            "orders": stats.counts[present],
            "median_seconds": stats.quantiles[present, 0],
            "p90_seconds": stats.quantiles[present, 1],
        }
    )


# ---------------------------------------------------------------------------------------------- split


def split_by_attribute(view: LogView, attribute: str, max_values: int = 20) -> pd.DataFrame:
    """End-to-end time per value of an order attribute: ``value``, ``orders`` and the 10/25/50/75/90th
    percentiles (``p10_seconds`` ... ``p90_seconds``; ``median_seconds`` is the 50th).

    Numbers are grouped into quartile bands of the selected orders, dates into months; their rows keep
    that natural order. Text values are sorted by median, slowest first. Values beyond the ``max_values``
    most frequent are pooled into one "Other (n values)" row; pooled and missing rows come last.
    """
    column = view.cases[attribute]
    ordered = pd.api.types.is_datetime64_any_dtype(column) or (
        pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)
    )
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
    head = table[~last] if ordered else table[~last].sort_values(["median_seconds", "value"], ascending=[False, True])
    return pd.concat([head, table[last]], ignore_index=True)


# ---------------------------------------------------------------------------------------------- milestones


def default_milestones(log: EventLog) -> list[str]:
    """The O2C milestones present in the log; otherwise the most common first and last activities."""
    present = [name for name in (first_name_of_role(log, role) for role in DEFAULT_MILESTONES) if name]
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
        rows.append(
            {
                "source": source,
                "target": target,
                "with_source": segment.with_source,
                "orders": stats.orders,
                "median_seconds": stats.median_seconds,
                "p90_seconds": stats.p90_seconds,
            }
        )
    columns = ["source", "target", "with_source", "orders", "median_seconds", "p90_seconds"]
    return pd.DataFrame(rows, columns=columns).astype({"median_seconds": float, "p90_seconds": float})


# ---------------------------------------------------------------------------------------------- the page

BOTTLENECK_ROWS = 10  # transitions the Cycle times page ranks (as many as a table shows without scrolling)


@dataclass(frozen=True)
class EndToEnd:
    """The end-to-end times of a view (seconds per order), their statistics and histogram, and the unit that
    reads best for them."""

    seconds: np.ndarray
    stats: DurationStats
    histogram: Histogram
    unit: TimeUnit


def end_to_end(view: LogView) -> EndToEnd:
    """The Cycle times page's headline: statistics and histogram of the end-to-end times."""
    seconds = view.durations_seconds()
    return EndToEnd(seconds, duration_stats(seconds), duration_histogram(seconds), time_unit(seconds))


def split_default(options: Sequence[str]) -> str | None:
    """The attribute the split starts with: the sales channel when it can be split by, else the first option."""
    return "sales_channel" if "sales_channel" in options else (options[0] if options else None)


def attribute_split(view: LogView, attribute: str | None = None) -> pd.DataFrame | None:
    """End-to-end times per value of ``attribute`` (``split_by_attribute``; by default ``split_default``), or None
    when the log has no attribute to split by."""
    attribute = attribute or split_default(split_attributes(view.log))
    return split_by_attribute(view, attribute) if attribute else None


def milestone_segments(view: LogView, milestones: Sequence[str] | None = None) -> pd.DataFrame | None:
    """Times between consecutive ``milestones`` (``segment_table``; by default ``default_milestones``), or None
    for fewer than two milestones."""
    milestones = default_milestones(view.log) if milestones is None else milestones
    return segment_table(view, milestones) if len(milestones) >= 2 else None


def bottleneck_ranking(view: LogView, rows: int = BOTTLENECK_ROWS) -> pd.DataFrame:
    """The ``rows`` transitions with the most waiting in total (``transition_ranking``)."""
    return transition_ranking(view).head(rows)


def slowest_orders(view: LogView, ranking: pd.DataFrame, row: int = 0) -> pd.DataFrame | None:
    """The orders that wait longest on the transition in row ``row`` of ``ranking`` (the first by default, as the
    page picks it), or None when there is no such row."""
    if not 0 <= row < len(ranking):
        return None
    return slowest_on_transition(view, ranking["source"].iloc[row], ranking["target"].iloc[row])


@dataclass(frozen=True)
class CycleTimesPage:
    """What the Cycle times page shows, section by section."""

    end_to_end: EndToEnd
    trend: pd.DataFrame
    split: pd.DataFrame | None
    segments: pd.DataFrame | None
    ranking: pd.DataFrame
    slowest: pd.DataFrame | None


def cycle_times_page(
    view: LogView,
    period: Period = "week",
    attribute: str | None = None,
    milestones: Sequence[str] | None = None,
    bottleneck: int = 0,
) -> CycleTimesPage:
    """Everything the Cycle times page computes for its widgets' choices (the defaults are theirs). The page calls
    these sections one by one, each after its widget; this runs them all, for the benchmark."""
    ranking = bottleneck_ranking(view)
    return CycleTimesPage(
        end_to_end(view),
        duration_trend(view, period),
        attribute_split(view, attribute),
        milestone_segments(view, milestones),
        ranking,
        slowest_orders(view, ranking, bottleneck),
    )
