"""The headline numbers of two groups, their differences with 95% intervals, and whether each is more than noise."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from o2c.conform.rules import DEFAULT_RULES, RuleSet, evaluate_rules, rules_fit
from o2c.discover.measures import order_measures
from o2c.discover.rework import Rework, rework
from o2c.improve.compare.samples import INVOICE, PAYMENT, duration_sample, invoice_to_cash_sample, rank_test
from o2c.log.eventlog import LogView
from o2c.log.vocabulary import ROLE_BY_KEY, first_name_of_role
from o2c.stats import Interval, quantile_difference, rate_difference, sorted_quantile

KPI_KEYS = ("orders", "median", "p90", "invoice_to_cash", "rework_rate", "adherence", "on_time")


def kpi_comparison(
    a: LogView,
    b: LogView,
    rework_a: Rework | None = None,
    rework_b: Rework | None = None,
    rules: RuleSet = DEFAULT_RULES,
) -> pd.DataFrame:
    """The headline numbers of both groups, their differences and whether each is more than noise.

    Adherence is the share of orders that break none of ``rules`` (as on the Conformance page).
    """
    rework_a, rework_b = rework_a or rework(a), rework_b or rework(b)
    durations = duration_sample(a.log)
    in_a, in_b = durations.members(a, b)
    durations_a, durations_b = durations.ranked.values[in_a], durations.ranked.values[in_b]
    rows = [
        _row(
            "orders",
            "orders",
            a.n_cases,
            b.n_cases,
            Interval(a.n_cases - b.n_cases, math.nan, math.nan),
            a.n_cases,
            b.n_cases,
            tested=False,
        ),
        _time_row("median", durations_a, durations_b, 0.5, rank_test(durations, in_a, in_b)),
        _time_row("p90", durations_a, durations_b, 0.9, None),
        _invoice_to_cash_row(a, b),
        _rate_row("rework_rate", rework_a.orders_with_rework, a.n_cases, rework_b.orders_with_rework, b.n_cases),
        _adherence_row(a, b, rules),
        _on_time_row(a, b),
    ]
    return pd.DataFrame(rows).set_index("key")


def _row(
    key: str,
    unit: str,
    a: float,
    b: float,
    interval: Interval,
    n_a: int,
    n_b: int,
    *,
    tested: bool = True,
    effect: float = math.nan,
    p_value: float = math.nan,
    note: str = "",
    note_arg: str = "",
) -> dict:
    low, high = float(interval.low), float(interval.high)
    significant = bool(interval.significant) if tested and not (math.isnan(low) or math.isnan(high)) else None
    return {
        "key": key,
        "unit": unit,
        "a": float(a),
        "b": float(b),
        "difference": float(interval.difference),
        "low": low,
        "high": high,
        "significant": significant,
        "n_a": int(n_a),
        "n_b": int(n_b),
        "effect": effect,
        "p_value": p_value,
        "note": note,
        "note_arg": note_arg,
    }


def _missing_row(key: str, unit: str, note: str, note_arg: str) -> dict:
    return _row(
        key,
        unit,
        math.nan,
        math.nan,
        Interval(math.nan, math.nan, math.nan),
        0,
        0,
        tested=False,
        note=note,
        note_arg=note_arg,
    )


def _time_row(key: str, a: np.ndarray, b: np.ndarray, q: float, test: tuple[float, float] | None) -> dict:
    effect, p_value = test or (math.nan, math.nan)
    return _row(
        key,
        "seconds",
        sorted_quantile(a, q),
        sorted_quantile(b, q),
        quantile_difference(a, b, q),
        a.size,
        b.size,
        effect=effect,
        p_value=p_value,
    )


def _rate_row(key: str, x_a: int, n_a: int, x_b: int, n_b: int) -> dict:
    interval = rate_difference(x_a, n_a, x_b, n_b)
    return _row(key, "share", x_a / n_a if n_a else math.nan, x_b / n_b if n_b else math.nan, interval, n_a, n_b)


def _invoice_to_cash_row(a: LogView, b: LogView) -> dict:
    for role in (INVOICE, PAYMENT):
        if first_name_of_role(a.log, role) is None:
            return _missing_row("invoice_to_cash", "seconds", "compare.note.activity", ROLE_BY_KEY[role].name)
    cash = invoice_to_cash_sample(a.log)
    in_a, in_b = cash.members(a, b)
    return _time_row(
        "invoice_to_cash", cash.ranked.values[in_a], cash.ranked.values[in_b], 0.5, rank_test(cash, in_a, in_b)
    )


def _adherence_row(a: LogView, b: LogView, rules: RuleSet) -> dict:
    results = evaluate_rules(a.log, rules)
    if not rules_fit(a.log, results):
        return _missing_row("adherence", "share", "compare.note.rules", "")
    clean = results.violations == 0
    return _rate_row(
        "adherence", int((clean & a.case_mask).sum()), a.n_cases, int((clean & b.case_mask).sum()), b.n_cases
    )


def _on_time_row(a: LogView, b: LogView) -> dict:
    measures = order_measures(a.log)
    if "on_time_requested" in measures.missing:
        return _missing_row("on_time", "share", "compare.note.column", measures.missing["on_time_requested"])
    measured, on_time = ~np.isnan(measures.on_time_requested), measures.on_time_requested == 1
    n_a, n_b = int((measured & a.case_mask).sum()), int((measured & b.case_mask).sum())
    return _rate_row("on_time", int((on_time & a.case_mask).sum()), n_a, int((on_time & b.case_mask).sum()), n_b)
