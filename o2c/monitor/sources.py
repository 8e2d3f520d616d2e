"""What the KPIs & monitoring page shows besides the KPIs: where the settings behind them come from, which period
to compare by default, and two snapshots' KPIs as a table to read."""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from o2c.conform.rules import DEFAULT_RULES, RuleSet
from o2c.i18n import Language, t
from o2c.improve.automation import default_system_resources
from o2c.improve.cost import CostTable, cost_table_for, table_from_frame
from o2c.improve.settings import Settings
from o2c.log.eventlog import EventLog
from o2c.log.vocabulary import step_label
from o2c.monitor.kpis import KPIS, Unit
from o2c.monitor.monitoring import STILL_OPEN, format_delta, format_value, open_share
from o2c.monitor.snapshots import Snapshot, compare_snapshots

Source = Literal["default", "workbook", "edited"]


def settings_sources(
    log: EventLog, settings: Settings, sheet_rules: RuleSet | None = None, sheet_costs: CostTable | None = None
) -> tuple[Source, Source, Source]:
    """Where the rules, the systems and the costs of ``settings`` come from: the defaults, the loaded workbook
    (its Rules sheet ``sheet_rules`` and its activities' ``sheet_costs``, None without a workbook) or the user's
    edits."""
    rules: Source = (
        "default"
        if settings.rules == DEFAULT_RULES
        else "workbook"
        if sheet_rules is not None and settings.rules == sheet_rules
        else "edited"
    )
    detected = settings.systems is None or set(settings.systems) == set(default_system_resources(log))
    systems: Source = "default" if detected else "edited"
    costs: Source = (
        "default"
        if settings.costs == _costs(log, None)
        else "workbook"
        if sheet_costs is not None and settings.costs == _costs(log, sheet_costs)
        else "edited"
    )
    return rules, systems, costs


def _costs(log: EventLog, sheet_costs: CostTable | None) -> CostTable:
    return table_from_frame(cost_table_for(log, sheet_costs).to_frame())


def settled_index(trend: pd.DataFrame) -> int:
    """Position, counted from the newest period of ``trend``, of the newest period whose orders are (nearly) all
    paid or cancelled, 0 when no older period is. Newer periods still miss their slow payers, so their times and
    rates look better than they will be.

    >>> trend = pd.DataFrame({"orders": [10, 10, 10], "open_orders": [0, 0, 5]})
    >>> settled_index(trend)
    1
    """
    settled = (open_share(trend) < STILL_OPEN).to_numpy()[::-1]
    return int(np.argmax(settled)) if settled[:-1].any() else 0


def period_label(stamp: pd.Timestamp, period: str) -> str:
    """A period by its start: the week's first day, or the month.

    >>> period_label(pd.Timestamp("2024-03-04"), "week"), period_label(pd.Timestamp("2024-03-01"), "month")
    ('04 Mar 2024', 'Mar 2024')
    """
    return f"{stamp:%d %b %Y}" if period == "week" else f"{stamp:%b %Y}"


def shown_value(value: float, unit: Unit, currency: str, missing: object, lang: Language = "en") -> str:
    """A compared value as a table shows it; the stored reason why it is missing when there is one."""
    if isinstance(missing, str) and missing:
        return t("monitoring.needs", lang, what=step_label(missing.removeprefix("needs "), lang))
    return format_value(value, unit, currency)


def snapshot_comparison(a: Snapshot, b: Snapshot, lang: Language = "en") -> pd.DataFrame:
    """Two snapshots' KPIs as text to read, one row per KPI: ``kpi`` (its name), ``a``, ``b``, ``change`` and
    ``verdict`` (translated), and ``judged`` ("better", "worse", "same" or "") to colour the row by."""
    changes = compare_snapshots(a, b)
    return pd.DataFrame(
        {
            "kpi": [KPIS[k].name(lang) for k in changes["key"]],
            "a": [
                shown_value(v, u, a.currency, m, lang)
                for v, u, m in zip(changes["a"], changes["unit"], changes["missing_a"])
            ],
            "b": [
                shown_value(v, u, b.currency, m, lang)
                for v, u, m in zip(changes["b"], changes["unit"], changes["missing_b"])
            ],
            "change": [
                format_delta(d, p, u, b.currency, lang) or "–"
                for d, p, u in zip(changes["delta"], changes["pct_change"], changes["unit"])
            ],
            "verdict": [t(f"monitoring.verdict.{v}", lang) if v else "" for v in changes["verdict"]],
            "judged": [v or "" for v in changes["verdict"]],
        }
    )


def comparison_headers(a: Snapshot, b: Snapshot, lang: Language = "en") -> dict[str, str]:
    """The comparison's column names: the two snapshots' labels, told apart by their time (then their id) when
    they are equal, as in stores written before labels were unique."""
    first, second = a.label, b.label
    if first == second:
        first, second = (f"{s.label} · {s.created_at:%Y-%m-%d %H:%M}" for s in (a, b))
        if first == second:
            first, second = f"{first} (#{a.id})", f"{second} (#{b.id})"
    return {
        "kpi": t("monitoring.col.kpi", lang),
        "a": first,
        "b": second,
        "change": t("monitoring.col.change", lang),
        "verdict": t("monitoring.col.verdict", lang),
    }
