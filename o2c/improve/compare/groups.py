"""Group A and group B of a comparison, and their round trip through the URL.

A and B are ``Filters`` taken inside a view (the sidebar's filters apply to both); B may also be "the rest" (the
orders of the view that are not in A) or all orders of the view. Groups round-trip through the URL as
``_a.<filter>=...`` and ``_b.<filter>=...`` (any key of ``Filters.to_query``, the filter stack too:
``_a.f=has:Credit Check Failed``), ``_b=rest`` or ``_b=all``, and
``_preset=value|month|quarter|custom``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from o2c.i18n import Language, t
from o2c.log.eventlog import NS_PER_SECOND, LogView
from o2c.log.filters import Filters
from o2c.log.stack import describe_step

PRESETS = ("value", "month", "quarter", "custom")
OTHERS: tuple[Literal["rest", "all"], ...] = ("rest", "all")  # what B is when it has no filters of its own
QUERY_A, QUERY_B, QUERY_OTHERS, QUERY_PRESET = "_a.", "_b.", "_b", "_preset"


@dataclass(frozen=True)
class Groups:
    """Group A's filters and group B's (``b`` None: B is ``others``, "rest" or "all" orders of the view)."""

    a: Filters
    b: Filters | None = None
    others: Literal["rest", "all"] = "rest"
    preset: str = "custom"

    def masks(self, view: LogView) -> tuple[np.ndarray, np.ndarray]:
        """Boolean masks over the log's cases: the view's orders in A and in B."""
        in_a = self.a.case_mask(view.log)
        if self.b is not None:
            in_b = self.b.case_mask(view.log)
        else:
            in_b = ~in_a if self.others == "rest" else np.ones_like(in_a)
        return view.case_mask & in_a, view.case_mask & in_b

    def views(self, view: LogView) -> tuple[LogView, LogView]:
        """The two groups as views of the log."""
        in_a, in_b = self.masks(view)
        return view.log.view(in_a), view.log.view(in_b)

    def to_query(self) -> dict[str, list[str]]:
        """URL query parameters, e.g. ``_preset=value&_a.sales_channel=Partner&_b=rest``."""
        query = {QUERY_PRESET: [self.preset]}
        query.update({QUERY_A + key: values for key, values in self.a.to_query().items()})
        if self.b is None:
            query[QUERY_OTHERS] = [self.others]
        else:
            query.update({QUERY_B + key: values for key, values in self.b.to_query().items()})
        return query

    @classmethod
    def from_query(cls, query: Mapping[str, list[str]]) -> Groups | None:
        """The groups in URL query parameters, or None when the URL holds no comparison."""
        a = {key[len(QUERY_A) :]: values for key, values in query.items() if key.startswith(QUERY_A)}
        b = {key[len(QUERY_B) :]: values for key, values in query.items() if key.startswith(QUERY_B)}
        if not (a or b or QUERY_OTHERS in query or QUERY_PRESET in query):
            return None
        others = (query.get(QUERY_OTHERS) or ["rest"])[0]
        preset = (query.get(QUERY_PRESET) or ["custom"])[0]
        return cls(
            Filters.from_query(a),
            Filters.from_query(b) if b else None,
            others if others in OTHERS else "rest",
            preset if preset in PRESETS else "custom",
        )

    def names(self, lang: Language = "en") -> tuple[str, str]:
        """Short names for sentences such as "{name} orders": ("Partner", "other"), ("2024-10", "2024-09")."""
        b = _filters_name(self.b, lang) if self.b is not None else t(f"compare.name.{self.others}", lang)
        return _filters_name(self.a, lang), b


def value_groups(attribute: str, value: str) -> Groups:
    """One value of an order attribute (a sales channel, a region) against all other orders."""
    return Groups(Filters({attribute: (value,)}), None, "rest", "value")


def period_groups(view: LogView, unit: Literal["month", "quarter"]) -> Groups | None:
    """The latest calendar month (or quarter) whose orders had time to finish, against the one before it.

    "Had time to finish": the period ended at least the view's 90th-percentile end-to-end time before the
    last event of the log, so few of its orders are still open (open orders would look fast). Orders belong
    to the period they were created in. None when the view does not reach back two such periods.
    """
    if view.n_cases == 0:
        return None
    log = view.log
    freq = "M" if unit == "month" else "Q"
    settle_ns = int(np.quantile(view.durations_seconds(), 0.9) * NS_PER_SECOND)
    cutoff = pd.Timestamp(int(log.case_end_ns.max()) - settle_ns)
    period = pd.Period(cutoff, freq)
    if period.end_time > cutoff:
        period -= 1
    latest_start = pd.Period(pd.Timestamp(int(log.case_start_ns[view.case_mask].max())), freq)
    period = min(period, latest_start)
    first_start = pd.Period(pd.Timestamp(int(log.case_start_ns[view.case_mask].min())), freq)
    if period - 1 < first_start:
        return None
    return Groups(_period_filters(period), _period_filters(period - 1), "rest", unit)


def _period_filters(period: pd.Period) -> Filters:
    return Filters(date_from=period.start_time.date(), date_to=period.end_time.date())


def _filters_name(filters: Filters, lang: Language) -> str:
    parts = ["/".join(values) for values in filters.attributes.values() if values]
    if filters.date_from or filters.date_to:
        parts.append(_period_name(filters))
    if filters.variants:
        n = len(filters.variants)
        parts.append(t("compare.name.variant", lang) if n == 1 else t("compare.name.variants", lang, n=n))
    parts.extend(describe_step(step, lang) for step in filters.steps)
    return ", ".join(parts) if parts else t("compare.name.all", lang)


def _period_name(filters: Filters) -> str:
    start, end = filters.date_from, filters.date_to
    if start and end and start.day == 1 and (end + pd.Timedelta(days=1)).day == 1:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        if months == 1:
            return f"{start:%Y-%m}"
        if months == 3 and start.month % 3 == 1:
            return f"{start.year} Q{(start.month - 1) // 3 + 1}"
    return f"{start.isoformat() if start else '…'} – {end.isoformat() if end else '…'}"
