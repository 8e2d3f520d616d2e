"""The in-memory engine: today's ``EventLog`` and page functions behind the engine protocol."""

from __future__ import annotations

import pandas as pd

from o2c.discover.cycle_times import DurationStats, Histogram, duration_histogram, duration_stats
from o2c.discover.process_map import dfg_records, end_activities, start_activities
from o2c.discover.rework import rework
from o2c.discover.variants import variant_table
from o2c.engines.base import DFG_COLUMNS, VARIANT_COLUMNS, Counts, ReworkCounts
from o2c.log.eventlog import EventLog
from o2c.log.filters import Filters
from o2c.log.index import variant_index


class MemoryEngine:
    """An ``EventLog`` held in this process (the default engine)."""

    name = "memory"

    def __init__(self, log: EventLog) -> None:
        self.log = log

    def attribute_names(self) -> list[str]:
        """Order attributes of the case table."""
        return self.log.case_attribute_names()

    def attribute_values(self, name: str, limit: int = 1000) -> list[str]:
        """Distinct values of one order attribute, sorted."""
        values = self.log.cases[name].dropna().astype(str).unique()
        return sorted(values)[:limit]

    def counts(self, filters: Filters) -> Counts:
        """Orders, events and time span of the selection."""
        view = filters.apply(self.log)
        if view.n_cases == 0:
            return Counts(0, 0, None, None)
        start = pd.Timestamp(int(self.log.case_start_ns[view.case_mask].min()), tz="UTC")
        end = pd.Timestamp(int(self.log.case_end_ns[view.case_mask].max()), tz="UTC")
        return Counts(view.n_cases, view.n_events, start, end)

    def activity_counts(self, filters: Filters) -> dict[str, int]:
        """Events per activity, most first (ties in order of first appearance)."""
        return {str(a): int(n) for a, n in filters.apply(self.log).activity_counts().items()}

    def start_activities(self, filters: Filters) -> dict[str, int]:
        """First activity of each selected order -> orders."""
        return start_activities(filters.apply(self.log))

    def end_activities(self, filters: Filters) -> dict[str, int]:
        """Last activity of each selected order -> orders."""
        return end_activities(filters.apply(self.log))

    def dfg(self, filters: Filters) -> pd.DataFrame:
        """Directly-follows pairs with counts and median waits."""
        records = dfg_records(filters.apply(self.log))
        frame = pd.DataFrame(records, columns=["from", "to", "count", "median_seconds"])
        return frame.set_axis(list(DFG_COLUMNS), axis=1)

    def variant_table(self, filters: Filters) -> pd.DataFrame:
        """Variants with orders, shares and end-to-end medians."""
        table = variant_table(filters.apply(self.log))
        sequences = variant_index(self.log).sequences
        table = table.assign(activities=[list(sequences[code]) for code in table["code"].to_numpy()])
        return table[list(VARIANT_COLUMNS)].reset_index(drop=True)

    def duration_stats(self, filters: Filters) -> DurationStats:
        """End-to-end times: count, median, p90 and mean."""
        return duration_stats(filters.apply(self.log).durations_seconds())

    def duration_histogram(self, filters: Filters, max_bins: int = 30) -> Histogram:
        """End-to-end times in round-width bins."""
        return duration_histogram(filters.apply(self.log).durations_seconds(), max_bins)

    def rework(self, filters: Filters) -> ReworkCounts:
        """Orders with a repeated activity, per activity (check families left out)."""
        result = rework(filters.apply(self.log))
        activities = result.by_activity[~result.by_activity["family"]]
        by_activity = {str(a): int(n) for a, n in zip(activities["activity"], activities["orders"]) if n > 0}
        return ReworkCounts(result.orders, result.orders_with_rework, by_activity)

    def close(self) -> None:
        """Nothing to release."""
