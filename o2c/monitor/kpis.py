"""The KPI catalogue: every order-to-cash KPI defined once, with its formula in words, for the app, the reports and
``analyze --json``.

Each KPI is one per-order value (NaN where the order cannot be judged) and one way to aggregate it over the
selected orders: a count, a share (mean of 1/0), a median, a 90th percentile or a mean. The same definition then
gives the value of a view and its trend per week or month (by the month or week the order was created).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from o2c.conform.rules import evaluate_rules, no_fit_reason, rules_fit
from o2c.discover.measures import order_measures
from o2c.i18n import LANGUAGES, Language, t
from o2c.improve.automation import default_system_resources, touchless_orders
from o2c.improve.cost import default_cost_table, order_costs
from o2c.improve.settings import Settings
from o2c.log.columns import column_label
from o2c.log.eventlog import NS_PER_SECOND, EventLog, LogView
from o2c.log.periods import Period, period_codes, period_starts
from o2c.log.vocabulary import ROLE_BY_KEY, step_label
from o2c.stats import group_quantiles

Aggregate = Literal["count", "share", "median", "p90", "mean"]
Unit = Literal["orders", "seconds", "share", "money"]


@dataclass(frozen=True)
class Kpi:
    """One KPI: how per-order values are aggregated, their unit and which direction is good.

    Its name and formula in words are the i18n keys ``kpi.<key>`` and ``kpi.<key>.formula``.
    """

    key: str
    aggregate: Aggregate
    unit: Unit
    better: Literal["lower", "higher", "neither"]

    def name(self, lang: Language = "en") -> str:
        """The KPI's name."""
        return t(f"kpis.{self.key}", lang)

    def formula(self, lang: Language = "en") -> str:
        """How the KPI is computed, in words."""
        return t(f"kpis.{self.key}.formula", lang)


CATALOGUE: tuple[Kpi, ...] = (
    Kpi("orders", "count", "orders", "neither"),
    Kpi("end_to_end_median", "median", "seconds", "lower"),
    Kpi("end_to_end_p90", "p90", "seconds", "lower"),
    Kpi("order_to_delivery", "median", "seconds", "lower"),
    Kpi("invoice_to_cash", "median", "seconds", "lower"),
    Kpi("late_payment_rate", "share", "share", "lower"),
    Kpi("on_time_delivery_rate", "share", "share", "higher"),
    Kpi("rework_rate", "share", "share", "lower"),
    Kpi("adherence_rate", "share", "share", "higher"),
    Kpi("touchless_rate", "share", "share", "higher"),
    Kpi("first_time_right", "share", "share", "higher"),
    Kpi("cost_per_order", "mean", "money", "lower"),
    Kpi("open_orders", "count", "orders", "lower"),
    Kpi("open_order_age", "median", "seconds", "lower"),
)
KPIS: dict[str, Kpi] = {kpi.key: kpi for kpi in CATALOGUE}
# The KPIs a log ending before payment measures to its final milestone instead.
_SPANNED = frozenset({"end_to_end_median", "end_to_end_p90", "open_orders", "open_order_age"})
_SPAN_NAMES = {"end_to_end_median": "kpis.end_to_end_median.span", "end_to_end_p90": "kpis.end_to_end_p90.span"}


@dataclass(frozen=True)
class KpiValue:
    """A KPI's value over a view; ``value`` is None with ``missing`` (the column or activity that would enable
    it) when the log cannot give it, or None with ``judged`` 0 when no selected order can be judged. ``span`` is the
    milestone (role key) a log that ends before payment is measured to, for the end-to-end and open-order KPIs."""

    kpi: Kpi
    value: float | None
    judged: int
    missing: str | None = None
    reasons: tuple[tuple[str, str], ...] = field(default=(), compare=False, repr=False)  # (lang, why) when not a name
    span: str | None = None

    def label(self, lang: Language = "en") -> str:
        """The KPI's name, with its span on a log that ends before payment."""
        if self.span is None:
            return self.kpi.name(lang)
        if self.kpi.key in _SPAN_NAMES:  # "Created to paid" would contradict the span
            return t(_SPAN_NAMES[self.kpi.key], lang, step=ROLE_BY_KEY[self.span].label(lang))
        return f"{self.kpi.name(lang)} ({self.span_text(lang)})"

    def span_text(self, lang: Language = "en") -> str | None:
        """What the KPI measures on such a log ("created to Shipped", "not yet Shipped"), None on a full log."""
        if self.span is None:
            return None
        key = "kpis.span.open" if self.kpi.key.startswith("open_") else "kpis.span.created_to"
        return t(key, lang, step=ROLE_BY_KEY[self.span].label(lang))


@dataclass(frozen=True, eq=False)
class _PerOrder:
    values: dict[str, np.ndarray] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)
    reasons: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    span: str | None = None


NO_SYSTEMS = "system users (mark them on the Automation & cost page)"
NO_COSTS = "a cost table"
_MISSING_KEYS = {NO_SYSTEMS: "kpis.missing.systems", NO_COSTS: "kpis.missing.costs"}


def missing_text(value: KpiValue, lang: Language = "en") -> str:
    """Why a KPI has no value, in ``lang``: "needs Payment Received", "需要 收到付款" ("" when it has one). The
    English ``missing`` stays as it is for ``analyze --json``; steps, columns and reasons are named here."""
    return t("report.kpi.missing", lang, what=missing_what(value, lang)) if value.missing is not None else ""


def missing_what(value: KpiValue, lang: Language = "en") -> str:
    """What a KPI lacks, in ``lang``: a step, a column or a reason ("" when it has a value)."""
    if value.missing is None:
        return ""
    return dict(value.reasons).get(lang) or _missing_label(value.missing, lang)


def _missing_label(what: str, lang: Language) -> str:
    if what in _MISSING_KEYS:
        return t(_MISSING_KEYS[what], lang)
    step = step_label(what, lang)
    return step if step != what else column_label(what, lang)


def kpi_values(view: LogView, settings: Settings = Settings()) -> list[KpiValue]:
    """Every KPI of the catalogue over the selected orders, in catalogue order."""
    per_order = _per_order(view.log, settings)
    mask = view.case_mask
    results = []
    for kpi in CATALOGUE:
        if kpi.key in per_order.missing:
            missing, reasons = per_order.missing[kpi.key], per_order.reasons.get(kpi.key, ())
            results.append(KpiValue(kpi, None, 0, missing, reasons))
            continue
        values = per_order.values[kpi.key][mask]
        values = values[~np.isnan(values)]
        span = per_order.span if kpi.key in _SPANNED else None
        results.append(KpiValue(kpi, _aggregate(kpi.aggregate, values), int(values.size), span=span))
    return results


def kpi_dict(view: LogView, settings: Settings = Settings()) -> dict[str, dict]:
    """The KPIs as plain JSON: ``{key: {"value", "unit", "judged_orders", "missing"}}``, plus ``span`` on a log
    that ends before payment (``KpiValue.span_text``); times in seconds."""
    return {v.kpi.key: _json(v) for v in kpi_values(view, settings)}


def _json(value: KpiValue) -> dict:
    found = {
        "value": value.value,
        "unit": value.kpi.unit,
        "judged_orders": value.judged,
        "missing": None if value.missing is None else f"needs {value.missing}",
    }
    return found if value.span is None else {**found, "span": value.span_text()}


def kpi_trend(view: LogView, settings: Settings = Settings(), period: Period = "month") -> pd.DataFrame:
    """Every available KPI per period in which the orders were created: one row per period (``period``, naive
    UTC start) and one column per KPI key; NaN where no order of the period can be judged."""
    log = view.log
    per_order = _per_order(log, settings)
    cases = view.case_codes
    codes = period_codes(log.case_start_ns[cases], period)
    if codes.size == 0:
        return pd.DataFrame({"period": pd.Series(dtype="datetime64[ns]")})
    first = int(codes.min())
    groups = codes - first
    n_groups = int(groups.max()) + 1
    present = np.flatnonzero(np.bincount(groups, minlength=n_groups))
    table = pd.DataFrame({"period": period_starts(present + first, period)})
    for kpi in CATALOGUE:
        if kpi.key in per_order.missing:
            continue
        values = per_order.values[kpi.key][cases]
        known = ~np.isnan(values)
        table[kpi.key] = _grouped(kpi.aggregate, groups[known], values[known], n_groups)[present]
    return table


def _aggregate(how: Aggregate, values: np.ndarray) -> float | None:
    if how == "count":
        return float(values.size)
    if values.size == 0:
        return None
    if how in ("share", "mean"):
        return float(values.mean())
    return float(np.quantile(values, 0.5 if how == "median" else 0.9))


def _grouped(how: Aggregate, groups: np.ndarray, values: np.ndarray, n_groups: int) -> np.ndarray:
    counts = np.bincount(groups, minlength=n_groups).astype(float)
    if how == "count":
        return counts
    with np.errstate(invalid="ignore", divide="ignore"):
        if how in ("share", "mean"):
            return np.bincount(groups, weights=values, minlength=n_groups) / np.where(counts > 0, counts, np.nan)
    return group_quantiles(groups, values, n_groups, (0.5 if how == "median" else 0.9,)).quantiles[:, 0]


def _per_order(log: EventLog, settings: Settings) -> _PerOrder:
    cache: dict[Settings, _PerOrder] = log.memo("kpi_per_order", dict)
    if settings not in cache:
        if len(cache) >= 8:  # settings edited in the app: keep the recent ones
            cache.pop(next(iter(cache)))
        cache[settings] = _compute(log, settings)
    return cache[settings]


def _compute(log: EventLog, settings: Settings) -> _PerOrder:
    measures = order_measures(log)
    values: dict[str, np.ndarray] = {}
    missing: dict[str, str] = {}
    reasons: dict[str, tuple[tuple[str, str], ...]] = {}
    every = np.ones(log.n_cases)

    def needs(keys: tuple[str, ...], what: str | None) -> bool:
        if what is not None:
            missing.update({key: what for key in keys})
        return what is None

    values["orders"] = every
    span = measures.milestone if measures.partial else None
    if span is not None:  # no payments: end to end is as far as the log goes
        values["end_to_end_median"] = values["end_to_end_p90"] = measures.milestone_seconds
    elif needs(("end_to_end_median", "end_to_end_p90"), measures.missing.get("payment")):
        values["end_to_end_median"] = values["end_to_end_p90"] = measures.end_to_end_seconds
    if needs(("order_to_delivery",), measures.missing.get("delivery")):
        values["order_to_delivery"] = measures.order_to_delivery_seconds
    if needs(("invoice_to_cash",), measures.missing.get("invoice") or measures.missing.get("payment")):
        values["invoice_to_cash"] = measures.invoice_to_cash_seconds
    if needs(("late_payment_rate",), measures.missing.get("payment") or measures.missing.get("due_date")):
        values["late_payment_rate"] = measures.paid_late
    basis = f"on_time_{settings.on_time_basis}"
    if needs(("on_time_delivery_rate",), measures.missing.get(basis)):
        values["on_time_delivery_rate"] = getattr(measures, basis)
    values["rework_rate"] = measures.rework.astype(float)

    results = evaluate_rules(log, settings.rules)
    if needs(
        ("adherence_rate", "first_time_right"), None if rules_fit(log, results) else no_fit_reason(results, raw=True)
    ):
        clean = results.violations == 0
        values["adherence_rate"] = clean.astype(float)
        values["first_time_right"] = (clean & ~measures.rework).astype(float)
    else:
        why = tuple((lang, no_fit_reason(results, lang)) for lang in LANGUAGES)
        reasons.update({"adherence_rate": why, "first_time_right": why})

    systems = settings.systems if settings.systems is not None else default_system_resources(log)
    touchless = touchless_orders(log, systems)
    lacking = NO_SYSTEMS if not systems else None
    if needs(("touchless_rate",), "resource" if touchless is None else lacking) and touchless is not None:
        values["touchless_rate"] = touchless.astype(float)
    costs = _costs(log, settings)
    if needs(("cost_per_order",), None if costs is not None else NO_COSTS) and costs is not None:
        values["cost_per_order"] = costs

    age = (measures.log_end_ns - measures.created_ns) / NS_PER_SECOND
    values["open_orders"] = np.where(measures.open, 1.0, np.nan)
    values["open_order_age"] = np.where(measures.open, age, np.nan)
    return _PerOrder(values, missing, reasons, span)


def _costs(log: EventLog, settings: Settings) -> np.ndarray | None:
    table = settings.costs if settings.costs is not None else default_cost_table(log)
    costs = order_costs(log, table)
    return costs if np.any(costs) else None
