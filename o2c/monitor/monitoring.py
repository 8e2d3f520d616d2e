"""Monitoring: KPI values side by side (two periods, two snapshots), their change judged by each KPI's direction,
and KPI values written the way cards and tables show them."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Literal

import pandas as pd

from o2c.format import format_duration
from o2c.i18n import Language, t
from o2c.monitor.kpis import CATALOGUE, KPIS, Kpi, Unit

Verdict = Literal["better", "worse", "same"]
HEADLINE = ("end_to_end_median", "invoice_to_cash", "late_payment_rate", "on_time_delivery_rate")
"""The KPIs a monitoring trend shows first."""
STILL_OPEN = 0.05
"""A period whose orders are at least this share open is still open: its times and rates will change."""


def kpi_changes(baseline: Mapping[str, float | None], latest: Mapping[str, float | None]) -> pd.DataFrame:
    """One row per catalogue KPI found in either mapping, in catalogue order: ``key``, ``baseline``, ``latest``,
    ``delta`` (latest - baseline), ``pct_change`` (delta / |baseline|, NaN when the baseline is 0 or missing),
    ``better`` (the KPI's good direction) and ``verdict``: "better", "worse", "same", or None when the KPI has no
    good direction or a value is missing."""
    keys = [kpi.key for kpi in CATALOGUE if kpi.key in baseline or kpi.key in latest]
    table = pd.DataFrame(
        {
            "key": keys,
            "baseline": [_number(baseline.get(key)) for key in keys],
            "latest": [_number(latest.get(key)) for key in keys],
        },
        columns=["key", "baseline", "latest"],
    )
    table["baseline"] = table["baseline"].astype(float)
    table["latest"] = table["latest"].astype(float)
    table["delta"] = table["latest"] - table["baseline"]
    known = table["baseline"].notna() & (table["baseline"] != 0)
    table["pct_change"] = (table["delta"] / table["baseline"].abs()).where(known)
    table["better"] = [KPIS[key].better for key in keys]
    table["verdict"] = pd.Series(
        [verdict(KPIS[key], a, d) for key, a, d in zip(keys, table["baseline"], table["delta"])], dtype=object
    )
    return table


def verdict(kpi: Kpi, baseline: float, delta: float) -> Verdict | None:
    """Whether a change of ``delta`` from ``baseline`` is good news for ``kpi`` (None: no direction or no value)."""
    if kpi.better == "neither" or math.isnan(delta):
        return None
    if abs(delta) <= 1e-9 * max(1.0, abs(baseline)):  # equal up to float rounding
        return "same"
    return "better" if (delta < 0) == (kpi.better == "lower") else "worse"


def delta_color(kpi: Kpi) -> Literal["normal", "inverse", "off"]:
    """``st.metric``'s delta colour for ``kpi``: a rise is green when higher is better, red when lower is."""
    colours: dict[str, Literal["normal", "inverse", "off"]] = {"higher": "normal", "lower": "inverse", "neither": "off"}
    return colours[kpi.better]


def format_value(value: float | None, unit: Unit, currency: str = "EUR") -> str:
    """A KPI value as a card shows it: '37.8 d', '15.6%', '78.23 EUR', '2,000'; '–' when there is none."""
    if value is None or math.isnan(value):
        return "–"
    if unit == "seconds":
        return format_duration(value)
    if unit == "share":
        return f"{value * 100:.1f}%"
    if unit == "money":
        return f"{value:,.2f} {currency}"
    return f"{value:,.0f}"


def format_delta(
    delta: float | None, pct_change: float | None, unit: Unit, currency: str = "EUR", lang: Language = "en"
) -> str | None:
    """A change as '+3.2 d (+4.8%)', '-2.1 pp (-13.0%)', '±0 min' (shares change by percentage points); None
    without one. The sign is an ASCII '-' so ``st.metric`` points its arrow down."""
    if delta is None or math.isnan(delta):
        return None
    sign = "-" if delta < 0 else "+" if delta > 0 else "±"
    size = abs(delta)
    if unit == "seconds":
        text = format_duration(size)
    elif unit == "share":
        text = f"{size * 100:.1f} {t('monitoring.pp', lang)}"
    elif unit == "money":
        text = f"{size:,.2f} {currency}"
    else:
        text = f"{size:,.0f}"
    if delta != 0 and pct_change is not None and not math.isnan(pct_change):
        text += f" ({pct_change * 100:+.1f}%)"
    return sign + text


def period_values(trend: pd.DataFrame, period: pd.Timestamp) -> dict[str, float | None]:
    """The KPI values of one period of a ``kpi_trend`` table (key -> value, None where not judged)."""
    row = trend.loc[trend["period"] == period]
    if row.empty:
        return {}
    return {key: _number(row[key].iloc[0]) for key in trend.columns if key in KPIS}


def open_share(trend: pd.DataFrame) -> pd.Series:
    """Per period of a ``kpi_trend`` table: the share of its orders still open (neither paid nor cancelled)."""
    return (trend["open_orders"] / trend["orders"]).fillna(0.0)


def _number(value: float | None) -> float | None:
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else number
