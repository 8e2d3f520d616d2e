"""The Overview's story: the six outcomes the product promises (shorter end to end, faster invoice to cash, less
rework, more on-time deliveries, better adherence, lower cost per order), each with its change against a baseline
period, and the five findings (``o2c.monitor.findings``) with links to their evidence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np

from o2c.discover.overview import Overview, overview
from o2c.i18n import Language
from o2c.improve.settings import Settings
from o2c.log.eventlog import NS_PER_SECOND, EventLog, LogView
from o2c.log.filters import Filters
from o2c.monitor.findings import Finding, LeftOut, findings
from o2c.monitor.kpis import KpiValue, kpi_values
from o2c.monitor.monitoring import STILL_OPEN, Verdict, verdict
from o2c.stats import SMALL_GROUP

OUTCOME_KPIS = (
    "end_to_end_median",
    "invoice_to_cash",
    "rework_rate",
    "on_time_delivery_rate",
    "adherence_rate",
    "cost_per_order",
)
Baseline = Literal["previous", "year", "custom"]
BASELINES: tuple[Baseline, ...] = ("previous", "year", "custom")


# --- the six outcomes -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Window:
    """Orders created (or completed, by the filters' date mode) from ``start`` to ``end``, both days included."""

    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        """Its length in days."""
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class OutcomeKpi:
    """One outcome KPI: its value over the selection (``value``, with the reason when it has none), and its value
    in the current and the baseline window with the change and whether the change is good news."""

    value: KpiValue
    current: float | None = None
    baseline: float | None = None
    verdict: Verdict | None = None

    @property
    def delta(self) -> float | None:
        """Current minus baseline, None when either is missing."""
        if self.current is None or self.baseline is None:
            return None
        return self.current - self.baseline

    @property
    def pct_change(self) -> float | None:
        """The change relative to the baseline, None when the baseline is 0 or missing."""
        delta = self.delta
        return None if delta is None or not self.baseline else delta / abs(self.baseline)


@dataclass(frozen=True)
class Outcomes:
    """The six outcome KPIs and what they are compared over: ``current`` against ``baseline`` (None when the
    selection has no date span to compare), the orders in each and the share of current orders still open."""

    kpis: tuple[OutcomeKpi, ...]
    current: Window | None = None
    baseline: Window | None = None
    current_orders: int = 0
    baseline_orders: int = 0
    open_share: float = 0.0

    @property
    def too_few(self) -> bool:
        """True when either window has too few orders for its change to mean anything (``SMALL_GROUP``)."""
        return min(self.current_orders, self.baseline_orders) < SMALL_GROUP

    @property
    def still_open(self) -> bool:
        """True when so many current orders are open that their times and rates will still change."""
        return self.open_share >= STILL_OPEN


def windows(
    log: EventLog,
    filters: Filters,
    baseline: Baseline = "previous",
    custom: Window | None = None,
    within: np.ndarray | None = None,
) -> tuple[Window, Window] | None:
    """The current window and its baseline. Current: the filters' date range, or without one the later half of
    the selected orders' span. Baseline: the period of equal length just before it, the same period a year
    earlier, or ``custom``. None when the selection has no orders. ``within``: a mask over the log's orders that
    the selection is also limited to (a view without its filters).
    """
    mask = _mask(log, filters, within)
    if not mask.any():
        return None
    dates = log.case_start_ns if filters.date_mode == "started" else log.case_end_ns
    chosen = dates[mask]
    low, high = _day(int(chosen.min())), _day(int(chosen.max()))
    if filters.date_from is not None or filters.date_to is not None:
        current = Window(filters.date_from or low, filters.date_to or high)
    else:  # the later half against the earlier one (a day longer when the span has an odd number of days)
        half = max(1, ((high - low).days + 1) // 2)
        current = Window(high - dt.timedelta(days=half - 1), high)
        if baseline == "previous" and current.start > low:
            return current, Window(low, current.start - dt.timedelta(days=1))
    if baseline == "custom" and custom is not None:
        return current, custom
    if baseline == "year":
        return current, Window(_year_earlier(current.start), _year_earlier(current.end))
    return current, Window(current.start - dt.timedelta(days=current.days), current.start - dt.timedelta(days=1))


def outcome_kpis(
    log: EventLog,
    filters: Filters,
    settings: Settings = Settings(),
    baseline: Baseline = "previous",
    custom: Window | None = None,
    within: np.ndarray | None = None,
) -> Outcomes:
    """The six outcome KPIs of the selected orders, each with its change from the baseline window to the current
    window (the same attribute and variant filters, other dates); ``within`` as for ``windows``."""
    values = {v.kpi.key: v for v in kpi_values(log.view(_mask(log, filters, within)), settings)}
    found = windows(log, filters, baseline, custom, within)
    if found is None:
        return Outcomes(tuple(OutcomeKpi(values[key]) for key in OUTCOME_KPIS))
    current, before = found
    now_view, then_view = (
        log.view(_mask(log, replace(filters, date_from=w.start, date_to=w.end), within)) for w in (current, before)
    )
    now = {v.kpi.key: v for v in kpi_values(now_view, settings)}
    then = {v.kpi.key: v for v in kpi_values(then_view, settings)}
    kpis = []
    for key in OUTCOME_KPIS:
        a, b = now[key].value, then[key].value
        judged = None if a is None or b is None else verdict(values[key].kpi, b, a - b)
        kpis.append(OutcomeKpi(values[key], a, b, judged))
    open_orders = now["open_orders"].value or 0.0
    return Outcomes(
        tuple(kpis),
        current,
        before,
        now_view.n_cases,
        then_view.n_cases,
        open_orders / now_view.n_cases if now_view.n_cases else 0.0,
    )


def _mask(log: EventLog, filters: Filters, within: np.ndarray | None) -> np.ndarray:
    mask = filters.case_mask(log)
    return mask if within is None else mask & within


def _day(ns: int) -> dt.date:
    return dt.datetime.fromtimestamp(ns / NS_PER_SECOND, dt.UTC).date()


def _year_earlier(day: dt.date) -> dt.date:
    return day.replace(year=day.year - 1, day=min(day.day, 28 if day.month == 2 else day.day))


# --- the page ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class StoryPage:
    """What the Overview shows: the selection at a glance, the six outcomes, the findings and those left out."""

    stats: Overview
    outcomes: Outcomes
    findings: list[Finding]
    left_out: list[LeftOut]


def story_page(
    view: LogView,
    filters: Filters | None = None,
    settings: Settings = Settings(),
    lang: Language = "en",
    baseline: Baseline = "previous",
    custom: Window | None = None,
) -> StoryPage:
    """Everything the Overview computes for ``view``, the orders ``filters`` select (None: the view's orders, with
    no date filter), as ``python -m o2c bench`` times it."""
    chosen = filters if filters is not None else Filters()
    within = None if filters is not None else view.case_mask
    made, left = findings(view, chosen, settings, lang)
    outcomes = outcome_kpis(view.log, chosen, settings, baseline, custom, within)
    return StoryPage(overview(view), outcomes, made, left)
