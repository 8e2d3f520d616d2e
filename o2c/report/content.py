"""What the Excel and HTML reports say, computed once: the KPIs, their monthly trend, the top variants and
bottlenecks, rule violations and the improvement backlog of a view, with durations in days.

The two renderers (``o2c.report.xlsx``, ``o2c.report.html``) only lay this out; every number they show comes
from the same ``ReportContent``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from o2c.conform.rules import evaluate_rules, rule_table, violations_export
from o2c.discover.bottlenecks import transition_ranking
from o2c.discover.overview import overview
from o2c.discover.rework import activity_families
from o2c.discover.variants import full_path, short_path, variant_table
from o2c.format import format_duration
from o2c.i18n import Language, t
from o2c.improve.backlog import improvement_backlog
from o2c.improve.settings import Settings
from o2c.log.eventlog import LogView
from o2c.log.index import variant_index
from o2c.monitor.kpis import CATALOGUE, KpiValue, kpi_trend, kpi_values, missing_text

DAY = 86_400.0
TOP_VARIANTS = 20
TOP_TRANSITIONS = 15
VIOLATIONS_PER_RULE = 100  # violating orders listed per rule; the Conformance page exports them all


@dataclass(frozen=True, eq=False)
class ReportContent:
    """Everything a report shows, in display units: durations in days, shares as fractions (0.25 = 25%).

    ``trend`` has ``period`` and one column per available KPI key; ``variants`` (``path`` in full, ``short_path``
    with the stretches shared with the top variant shortened to "…"), ``bottlenecks``, ``rules``,
    ``violations`` and ``backlog`` are tables with stable English column keys (renderers translate headers).
    """

    lang: Language
    source_name: str
    filter_text: str
    start: pd.Timestamp | None
    end: pd.Timestamp | None
    generated: pd.Timestamp
    orders: int
    events: int
    kpis: list[KpiValue]
    currency: str
    trend: pd.DataFrame
    variants: pd.DataFrame
    n_variants: int
    bottlenecks: pd.DataFrame
    n_transitions: int
    rules: pd.DataFrame
    violations: pd.DataFrame
    n_violations: int
    backlog: pd.DataFrame


def report_content(
    view: LogView, settings: Settings = Settings(), lang: Language = "en", filter_text: str = "", source_name: str = ""
) -> ReportContent:
    """The content of a report on the selected orders; ``filter_text`` describes the filters in words."""
    stats = overview(view)
    results = evaluate_rules(view.log, settings.rules)
    violations = violations_export(view, results, lang, per_rule=VIOLATIONS_PER_RULE)
    rules = rule_table(view, results, lang)
    variants, n_variants = _variants(view, lang)
    bottlenecks, n_transitions = _bottlenecks(view)
    return ReportContent(
        lang=lang,
        source_name=source_name,
        filter_text=filter_text or t("report.all_orders", lang),
        start=stats.start,
        end=stats.end,
        generated=pd.Timestamp.now(tz="UTC").floor("s"),
        orders=view.n_cases,
        events=view.n_events,
        kpis=kpi_values(view, settings),
        currency=_currency(view, settings),
        trend=_trend(view, settings),
        variants=variants,
        n_variants=n_variants,
        bottlenecks=bottlenecks,
        n_transitions=n_transitions,
        rules=rules,
        violations=violations,
        n_violations=int(rules.loc[rules["evaluated"], "orders"].sum()),
        backlog=_backlog(view, settings, lang),
    )


def not_applicable_text(content: ReportContent) -> str:
    """The rules the data cannot show, with why, as one sentence ("" when every rule was checked)."""
    skipped = content.rules[~content.rules["evaluated"]]
    if skipped.empty:
        return ""
    rules = "; ".join(f"{rule} ({reason})" for rule, reason in zip(skipped["rule"], skipped["not_applicable"]))
    return t("report.rules.not_applicable", content.lang, rules=rules)


_VIOLATION_HEADERS = {
    "Salesforce Order Id": "order_id",
    "Order Number": "order_number",
    "Account": "account",
    "Account Id": "account_id",
    "Rule": "rule",
    "Severity": "severity",
    "When (UTC)": "when",
    "Details": "details",
}


def violation_header(column: str, lang: Language) -> str:
    """The translated header of a ``violations`` column (those of ``o2c.conform.rules.violations_export``)."""
    key = _VIOLATION_HEADERS.get(column)
    return t(f"report.col.{key}", lang) if key else column


def kpi_number(value: KpiValue) -> float | None:
    """A KPI's value in report units: durations in days, everything else as computed."""
    if value.value is None:
        return None
    return value.value / DAY if value.kpi.unit == "seconds" else value.value


def unit_label(unit: str, lang: Language, currency: str) -> str:
    """The unit a KPI's report value is in: "orders", "days", "share" or the currency."""
    return currency if unit == "money" else t(f"report.unit.{unit}", lang)


def kpi_text(value: KpiValue, lang: Language, currency: str) -> str:
    """A KPI's value as the app writes it ("2,000", "37.8 d", "15.6%", "78.23 EUR"), or why it is missing."""
    if value.missing is not None:
        return missing_text(value, lang)
    if value.value is None:
        return "–"
    unit = value.kpi.unit
    if unit == "orders":
        return f"{value.value:,.0f}"
    if unit == "seconds":
        return format_duration(value.value)
    if unit == "share":
        return f"{value.value:.1%}"
    return f"{value.value:,.2f} {currency}"


def kpi_note(value: KpiValue, lang: Language) -> str:
    """Why a KPI has no value ("needs resource"), or how many orders it judges when not all of them."""
    if value.missing is not None:
        return missing_text(value, lang)
    if value.value is None:
        return t("report.kpi.none_judged", lang)
    return ""


def _currency(view: LogView, settings: Settings) -> str:
    if settings.costs is not None:
        return str(getattr(settings.costs, "currency", ""))
    from o2c.improve.cost import default_cost_table  # noqa: PLC0415 - as o2c.monitor.kpis does

    return default_cost_table(view.log).currency


def _trend(view: LogView, settings: Settings) -> pd.DataFrame:
    trend = kpi_trend(view, settings, "month")
    seconds = [kpi.key for kpi in CATALOGUE if kpi.unit == "seconds" and kpi.key in trend]
    return trend.assign(**{key: trend[key] / DAY for key in seconds})


def _variants(view: LogView, lang: Language) -> tuple[pd.DataFrame, int]:
    every = variant_table(view)
    table = every.head(TOP_VARIANTS)
    sequences = variant_index(view.log).sequences
    codes = table["code"].to_numpy()
    reference = sequences[codes[0]] if codes.size else ()
    families = activity_families(view.log.activity_names)
    return pd.DataFrame(
        {
            "rank": table.index.to_numpy(),
            "orders": table["orders"].to_numpy(),
            "share": table["share"].to_numpy(),
            "cumulative_share": table["cumulative_share"].to_numpy(),
            "median_days": table["median_seconds"].to_numpy() / DAY,
            "p90_days": table["p90_seconds"].to_numpy() / DAY,
            "steps": table["steps"].to_numpy(),
            "path": [full_path(sequences[code], families) for code in codes],
            "short_path": [
                short_path(sequences[code], reference, families, t("variants.without", lang)) for code in codes
            ],
        }
    ), len(every)


def _bottlenecks(view: LogView) -> tuple[pd.DataFrame, int]:
    every = transition_ranking(view)
    ranking = every.head(TOP_TRANSITIONS)
    return pd.DataFrame(
        {
            "source": ranking["source"].astype(object).to_numpy(),
            "target": ranking["target"].astype(object).to_numpy(),
            "count": ranking["count"].to_numpy(dtype=np.int64),
            "total_days": ranking["total_seconds"].to_numpy(dtype=float) / DAY,
            "share": ranking["share"].to_numpy(dtype=float),
            "median_days": ranking["median_seconds"].to_numpy(dtype=float) / DAY,
            "p90_days": ranking["p90_seconds"].to_numpy(dtype=float) / DAY,
        }
    ), len(every)


def _backlog(view: LogView, settings: Settings, lang: Language) -> pd.DataFrame:
    table = improvement_backlog(view, settings, lang)
    return table.assign(gain_cost=table["gain_cost"].astype(float))


def is_missing(value: object) -> bool:
    """True for None, NaN and NaT."""
    return value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value))
