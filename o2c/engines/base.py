"""The engine protocol and the small results every engine returns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import pandas as pd

from o2c.discover.cycle_times import DurationStats, Histogram
from o2c.log.filters import Filters

DFG_COLUMNS = ("source", "target", "count", "median_seconds")
VARIANT_COLUMNS = ("variant_id", "activities", "orders", "share", "cumulative_share", "median_seconds", "p90_seconds")


@dataclass(frozen=True)
class Counts:
    """Selected orders and their events, and the first and last event time (UTC, None without orders)."""

    orders: int
    events: int
    start: pd.Timestamp | None
    end: pd.Timestamp | None


@dataclass(frozen=True)
class ReworkCounts:
    """Orders in which some activity repeats, and per activity the orders in which it repeats (most first)."""

    orders: int
    orders_with_rework: int
    by_activity: dict[str, int]

    @property
    def rate(self) -> float:
        """Share of the selected orders with a repeated activity (0 without orders, as ``Rework.rate``)."""
        return self.orders_with_rework / self.orders if self.orders else 0.0


class AnalysisEngine(Protocol):
    """One event log behind a query interface; ``filters`` select orders as on the pages."""

    name: str

    def attribute_names(self) -> list[str]:
        """Order attributes the filters can use."""
        ...

    def attribute_values(self, name: str, limit: int = 1000) -> list[str]:
        """Distinct values of one order attribute, sorted."""
        ...

    def counts(self, filters: Filters) -> Counts:
        """Orders, events and time span of the selection."""
        ...

    def activity_counts(self, filters: Filters) -> dict[str, int]:
        """Events per activity, most first (ties in order of first appearance in the source)."""
        ...

    def start_activities(self, filters: Filters) -> dict[str, int]:
        """First activity of each selected order -> orders, most first (ties by name)."""
        ...

    def end_activities(self, filters: Filters) -> dict[str, int]:
        """Last activity of each selected order -> orders, most first (ties by name)."""
        ...

    def dfg(self, filters: Filters) -> pd.DataFrame:
        """Directly-follows pairs (``DFG_COLUMNS``; names, not codes), most frequent first, ties by names."""
        ...

    def variant_table(self, filters: Filters) -> pd.DataFrame:
        """Variants (``VARIANT_COLUMNS``), most orders first, ties in order of first appearance in the log."""
        ...

    def duration_stats(self, filters: Filters) -> DurationStats:
        """End-to-end times: count, median, p90 (linear interpolation, as numpy) and mean."""
        ...

    def duration_histogram(self, filters: Filters, max_bins: int = 30) -> Histogram:
        """End-to-end times in round-width bins, as ``o2c.discover.cycle_times.duration_histogram``."""
        ...

    def rework(self, filters: Filters) -> ReworkCounts:
        """Orders with a repeated activity, per activity."""
        ...

    def close(self) -> None:
        """Release the connection or session."""
        ...


def sorted_counts(counts: dict[str, int]) -> dict[str, int]:
    """``counts`` most first, ties by name: the order every engine returns."""
    return {name: int(counts[name]) for name in sorted(counts, key=lambda name: (-counts[name], name))}
