"""The at-a-glance numbers of the Overview page and ``analyze --json``."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from o2c.discover.measures import order_measures
from o2c.log.eventlog import LogView
from o2c.log.vocabulary import codes_of_role


@dataclass(frozen=True)
class Overview:
    """Orders, events, time span and end-to-end times of a view; ``paid_share`` is None without a payment step."""

    orders: int
    events: int
    activities: int
    start: pd.Timestamp | None
    end: pd.Timestamp | None
    median_seconds: float | None
    p90_seconds: float | None
    paid_share: float | None


def overview(view: LogView) -> Overview:
    """Headline numbers of the selected orders."""
    if view.n_cases == 0:
        return Overview(0, 0, 0, None, None, None, None, None)
    log = view.log
    durations = view.durations_seconds()
    starts = log.case_start_ns[view.case_mask]
    ends = log.case_end_ns[view.case_mask]
    paid_share = None
    if codes_of_role(log, "payment_received"):
        paid_share = float(order_measures(log).paid[view.case_mask].mean())
    return Overview(
        orders=view.n_cases,
        events=view.n_events,
        activities=int((view.activity_counts() > 0).sum()),
        start=pd.Timestamp(int(starts.min()), tz="UTC"),
        end=pd.Timestamp(int(ends.max()), tz="UTC"),
        median_seconds=float(np.median(durations)),
        p90_seconds=float(np.quantile(durations, 0.9)),
        paid_share=paid_share,
    )


def orders_started_per_period(view: LogView, freq: str = "W-MON") -> pd.DataFrame:
    """Orders started per period (week by default): columns ``period`` (start date) and ``orders``."""
    starts = pd.to_datetime(view.log.case_start_ns[view.case_mask], unit="ns")
    if starts.empty:
        return pd.DataFrame({"period": pd.Series(dtype="datetime64[ns]"), "orders": pd.Series(dtype=int)})
    periods = starts.to_period(freq).start_time
    counts = pd.Series(1, index=periods).groupby(level=0).sum()
    return pd.DataFrame({"period": counts.index, "orders": counts.to_numpy()})


@dataclass(frozen=True)
class OverviewPage:
    """What the Overview page shows: the headline numbers, orders started per week and events per activity
    (columns ``activity`` and ``events``)."""

    stats: Overview
    per_week: pd.DataFrame
    per_activity: pd.DataFrame


def overview_page(view: LogView) -> OverviewPage:
    """Everything the Overview page computes for ``view`` (it has no widgets of its own)."""
    return OverviewPage(
        overview(view), orders_started_per_period(view), view.activity_counts().rename_axis("activity").reset_index()
    )
