"""Partners and carriers: on-time delivery and delivery times per carrier, warehouse or partner account.

An order **is on time** when it was delivered by its requested (or promised) delivery date, as
``o2c.discover.measures`` judges it; orders that are not delivered or have no such date are not judged. Per partner:
the on-time rate with its 95% Wilson interval, the partner's share of all late orders next to its share of
the judged orders (a partner with 20% of the orders and 50% of the late ones stands out), the median transit
time (first "Shipped" to the first "Delivered" after it) and the median order-to-delivery time.

The partner of an order is an order attribute: ``carrier`` or ``warehouse``, another text attribute, or the
account of orders sold through the Partner channel (``PARTNER_ACCOUNTS``). Codes per order are built once per
log and attribute; a filter change only masks them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from o2c.discover.measures import (
    ACTUAL_DATE,
    NS_PER_DAY,
    PROMISED_DATE,
    REQUESTED_DATE,
    day_numbers,
    events_of,
    order_measures,
)
from o2c.log.attributes import MISSING_LABEL, case_attribute_codes, pool_rare, split_attributes
from o2c.log.eventlog import NS_PER_SECOND, EventLog, LogView
from o2c.log.index import first_per_case
from o2c.log.vocabulary import codes_of_role
from o2c.stats import SMALL_GROUP, group_quantiles, wilson_interval

Target = Literal["requested", "promised"]
TARGET_COLUMNS: dict[str, str] = {"requested": REQUESTED_DATE, "promised": PROMISED_DATE}
PARTNER_ATTRIBUTES = ("carrier", "warehouse")
PARTNER_ACCOUNTS = "partner_accounts"  # not a column: account_name of the orders in the Partner channel
PARTNER_CHANNEL = "Partner"
MAX_TREND_PARTNERS = 8

PARTNER_COLUMNS = [
    "partner",
    "orders",
    "judged",
    "on_time",
    "on_time_rate",
    "rate_low",
    "rate_high",
    "late",
    "order_share",
    "late_share",
    "transit_median_seconds",
    "delivery_median_seconds",
    "small",
]


def partner_attributes(log: EventLog) -> list[str]:
    """What an order's partner can be in this log: ``carrier`` and ``warehouse`` first, then
    ``PARTNER_ACCOUNTS`` when the log has Partner-channel orders with accounts, then other text attributes
    with a few values (numbers, dates and ids are left out)."""
    cases = log.cases
    known = [name for name in PARTNER_ATTRIBUTES if name in cases and cases[name].notna().any()]
    if "account_name" in cases and "sales_channel" in cases and (cases["sales_channel"] == PARTNER_CHANNEL).any():
        known.append(PARTNER_ACCOUNTS)
    text = [
        name
        for name in split_attributes(log)
        if name not in known
        and not pd.api.types.is_datetime64_any_dtype(cases[name])
        and not (pd.api.types.is_numeric_dtype(cases[name]) and not pd.api.types.is_bool_dtype(cases[name]))
    ]
    return known + text


def missing_columns(log: EventLog, attribute: str, target: Target = "requested") -> list[str]:
    """The columns the log lacks for this analysis (empty when it can run): the partner attribute and the
    delivery target date, or what ``o2c.discover.measures`` names for on-time delivery."""
    wanted = ["account_name", "sales_channel"] if attribute == PARTNER_ACCOUNTS else [attribute]
    missing = [name for name in wanted if name not in log.cases or not log.cases[name].notna().any()]
    reason = order_measures(log).missing.get(f"on_time_{target}")
    return missing + ([reason] if reason else [])


def partner_codes(log: EventLog, attribute: str) -> tuple[np.ndarray, list[str]]:
    """The partner of every order as a code and the partner names, kept on the log. Code -1: the order has
    no partner; -2: the order is out of scope (for ``PARTNER_ACCOUNTS``, orders of other channels)."""
    return log.memo(f"partners:{attribute}", lambda: _codes(log, attribute))


def _codes(log: EventLog, attribute: str) -> tuple[np.ndarray, list[str]]:
    if attribute == PARTNER_ACCOUNTS:
        codes, labels = case_attribute_codes(log, "account_name")
        partner = (log.cases["sales_channel"] == PARTNER_CHANNEL).to_numpy(dtype=bool, na_value=False)
        codes = np.where(partner, codes, -2)
    else:
        codes, labels = case_attribute_codes(log, attribute)
    used = np.bincount(codes[codes >= 0], minlength=len(labels)) > 0  # e.g. accounts of other channels
    dense = np.cumsum(used) - 1
    return np.where(codes >= 0, dense[np.maximum(codes, 0)], codes), [label for label, u in zip(labels, used) if u]


@dataclass(frozen=True)
class OnTime:
    """On-time delivery of the selected orders: ``judged`` orders, ``on_time`` among them, the ``rate`` with its
    95% interval ``low``-``high`` (NaN without judged orders) and the ``late`` orders."""

    judged: int
    on_time: int
    rate: float
    low: float
    high: float

    @property
    def late(self) -> int:
        """Judged orders delivered after their date."""
        return self.judged - self.on_time


def on_time(view: LogView, target: Target = "requested", attribute: str | None = None) -> OnTime:
    """On-time delivery over the selected orders (only those in scope of ``attribute`` when given: the
    Partner-channel orders for ``PARTNER_ACCOUNTS``)."""
    flags = _flags(view, target)
    if attribute is not None:
        flags = flags[partner_codes(view.log, attribute)[0][view.case_mask] >= -1]
    judged, hits = int((~np.isnan(flags)).sum()), int(np.nansum(flags))
    low, high = wilson_interval(hits, judged)
    return OnTime(judged, hits, hits / judged if judged else float("nan"), float(low), float(high))


def partner_table(view: LogView, attribute: str, target: Target = "requested") -> pd.DataFrame:
    """One row per partner of the selected orders, lowest on-time rate first (ties by name); orders without a
    partner come last as "(missing)" when some of them are judged. Out-of-scope orders (other channels for
    ``PARTNER_ACCOUNTS``) are left out of every column, shares included.

    Columns: ``partner``, ``orders``, ``judged`` (delivered, with a target date), ``on_time``,
    ``on_time_rate`` with its 95% Wilson interval ``rate_low``/``rate_high``, ``late``, ``order_share`` (of
    all judged orders), ``late_share`` (of all late orders), ``transit_median_seconds`` (Shipped to
    Delivered), ``delivery_median_seconds`` (order to delivery) and ``small`` (fewer than ``SMALL_GROUP``
    judged orders: read the rate with care).
    """
    log = view.log
    codes, labels = partner_codes(log, attribute)
    n = len(labels) + 1  # the last code holds the orders without a partner
    scope = in_scope(view, attribute)
    group = np.where(codes < 0, len(labels), codes)[scope]
    flags = _flags(view, target)[codes[view.case_mask] >= -1]
    judged_mask = ~np.isnan(flags)
    orders = np.bincount(group, minlength=n)
    judged = np.bincount(group[judged_mask], minlength=n)
    hits = np.bincount(group[judged_mask], weights=flags[judged_mask], minlength=n).astype(np.int64)
    late = judged - hits
    low, high = wilson_interval(hits, judged)
    transit = _group_medians(group, transit_seconds(log)[scope], n)
    delivery = _group_medians(group, order_measures(log).order_to_delivery_seconds[scope], n)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = hits / judged
    table = pd.DataFrame(
        {
            "partner": [*labels, MISSING_LABEL],
            "orders": orders,
            "judged": judged,
            "on_time": hits,
            "on_time_rate": rate,
            "rate_low": low,
            "rate_high": high,
            "late": late,
            "order_share": judged / max(int(judged.sum()), 1),
            "late_share": late / max(int(late.sum()), 1),
            "transit_median_seconds": transit,
            "delivery_median_seconds": delivery,
            "small": judged < SMALL_GROUP,
        },
        columns=PARTNER_COLUMNS,
    )
    named = table.iloc[:-1]
    named = named[named["orders"] > 0]
    ranked = np.lexsort((named["partner"].to_numpy(dtype=str), np.nan_to_num(named["on_time_rate"], nan=2.0)))
    rows = [named.iloc[ranked]] + ([table.iloc[-1:]] if judged[-1] else [])
    return pd.concat(rows, ignore_index=True)


def in_scope(view: LogView, attribute: str) -> np.ndarray:
    """Boolean mask over all orders of the log: selected and in scope of ``attribute`` (every order, except
    other channels' orders for ``PARTNER_ACCOUNTS``)."""
    return view.case_mask & (partner_codes(view.log, attribute)[0] >= -1)


def partner_trend(
    view: LogView, attribute: str, target: Target = "requested", max_partners: int = MAX_TREND_PARTNERS
) -> pd.DataFrame:
    """On-time rate per partner and month of delivery: ``month`` (first day, naive UTC), ``partner``,
    ``judged`` and ``on_time_rate``. Partners beyond the ``max_partners`` with the most judged orders are
    pooled into "Other (n values)"; orders without a partner are left out."""
    codes, labels = partner_codes(view.log, attribute)
    flags = _flags(view, target)
    month = _delivery_months(view.log)[view.case_mask]
    keep = ~np.isnan(flags) & (codes[view.case_mask] >= 0)
    columns = ["month", "partner", "judged", "on_time_rate"]
    if not keep.any():
        return pd.DataFrame(columns=columns)
    # pool_rare expects a last "missing" label; the orders without a partner are already left out.
    group, labels = pool_rare(codes[view.case_mask][keep], [*labels, MISSING_LABEL], max_partners)
    month, flags = month[keep], flags[keep]
    first = int(month.min())
    width = int(month.max()) - first + 1
    key = group * width + (month - first)
    judged = np.bincount(key, minlength=len(labels) * width)
    hits = np.bincount(key, weights=flags, minlength=len(labels) * width)
    present = np.flatnonzero(judged)
    return pd.DataFrame(
        {
            "month": pd.DatetimeIndex((present % width + first).astype("datetime64[M]").astype("datetime64[ns]")),
            "partner": [labels[g] for g in present // width],
            "judged": judged[present],
            "on_time_rate": hits[present] / judged[present],
        },
        columns=columns,
    )


def transit_seconds(log: EventLog) -> np.ndarray:
    """Per order: first "Shipped" to the first "Delivered" event (NaN when either is missing or the delivery
    comes first), kept on the log."""

    def build() -> np.ndarray:
        first = first_per_case(log, events_of(log, codes_of_role(log, "ship")))
        shipped = np.where(first >= 0, log.timestamp[np.maximum(first, 0)], -1)
        delivered = order_measures(log).delivered_ns
        ok = (shipped >= 0) & (delivered >= shipped)
        return np.where(ok, (delivered - shipped) / NS_PER_SECOND, np.nan)

    return log.memo("partners:transit", build)


def _flags(view: LogView, target: Target) -> np.ndarray:
    measures = order_measures(view.log)
    flags = measures.on_time_promised if target == "promised" else measures.on_time_requested
    return flags[view.case_mask]


def _delivery_months(log: EventLog) -> np.ndarray:
    """Per order: the month of its delivery day (``actual_delivery_date``, else the first "Delivered" event) as
    months since 1970-01, -1 when not delivered."""

    def build() -> np.ndarray:
        delivered_ns = order_measures(log).delivered_ns
        from_events = np.where(delivered_ns >= 0, np.floor(delivered_ns / NS_PER_DAY), np.nan)
        actual = day_numbers(log.cases.get(ACTUAL_DATE))
        day = from_events if actual is None else np.where(np.isnan(actual), from_events, actual)
        months = np.nan_to_num(day, nan=0).astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
        return np.where(np.isnan(day), -1, months)

    return log.memo("partners:delivery_months", build)


def _group_medians(group: np.ndarray, seconds: np.ndarray, n: int) -> np.ndarray:
    known = ~np.isnan(seconds)
    return group_quantiles(group[known], seconds[known], n, (0.5,)).quantiles[:, 0]
