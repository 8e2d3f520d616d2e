"""What the KPIs & monitoring page shows besides the KPIs: where its settings come from, the settled period it
compares by default, and two snapshots' KPIs as a table to read."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd

from o2c.conform.rules import DEFAULT_RULES, RuleSet
from o2c.improve.automation import default_system_resources
from o2c.improve.cost import cost_table_for, table_from_frame
from o2c.improve.settings import Settings
from o2c.monitor.kpis import KPIS
from o2c.monitor.snapshots import Snapshot
from o2c.monitor.sources import comparison_headers, settings_sources, settled_index, snapshot_comparison


def defaults(log) -> Settings:
    return Settings(
        rules=DEFAULT_RULES,
        systems=tuple(default_system_resources(log)),
        costs=table_from_frame(cost_table_for(log, None).to_frame()),
    )


def test_default_settings_come_from_the_defaults(sample_log):
    assert settings_sources(sample_log, defaults(sample_log)) == ("default", "default", "default")


def test_edited_and_workbook_settings(sample_log):
    fewer = RuleSet(DEFAULT_RULES.rules[:1])
    edited = dataclasses.replace(defaults(sample_log), rules=fewer, systems=("nobody",))
    assert settings_sources(sample_log, edited)[:2] == ("edited", "edited")
    assert settings_sources(sample_log, edited, sheet_rules=fewer)[0] == "workbook"
    assert settings_sources(sample_log, edited, sheet_rules=RuleSet(()))[0] == "edited"


def trend(open_orders: list[int]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "period": pd.date_range("2024-01-01", periods=len(open_orders), freq="MS"),
            "orders": [100] * len(open_orders),
            "open_orders": open_orders,
        }
    )


def test_settled_index_skips_the_periods_still_open():
    assert settled_index(trend([0, 0, 0])) == 0  # the newest is settled
    assert settled_index(trend([0, 3, 40, 90])) == 2  # 3% open counts as settled
    assert settled_index(trend([50, 60])) == 0  # none settled: the newest


def snapshot(label: str, snapshot_id: int, **values: float | None) -> Snapshot:
    kpis = {
        key: {
            "value": value,
            "unit": KPIS[key].unit,
            "judged_orders": 10,
            "missing": None if value is not None else "needs invoice_due_date",
        }
        for key, value in values.items()
    }
    return Snapshot(
        label=label,
        created_at=dt.datetime(2024, 12, 1, 8, 30, tzinfo=dt.UTC),
        source_name="o2c.xlsx",
        filter_description="",
        first_event=None,
        last_event=None,
        orders=10,
        kpis=kpis,
        id=snapshot_id,
    )


def test_snapshot_comparison_reads_as_text():
    a = snapshot("Oct", 1, late_payment_rate=0.10, cost_per_order=None)
    b = snapshot("Nov", 2, late_payment_rate=0.15, cost_per_order=None)
    table = snapshot_comparison(a, b).set_index("kpi")
    late = table.loc[KPIS["late_payment_rate"].name()]
    assert (late["a"], late["b"], late["verdict"], late["judged"]) == ("10.0%", "15.0%", "▼ worse", "worse")
    assert late["change"].startswith("+5.0 pp")
    cost = table.loc[KPIS["cost_per_order"].name()]
    assert cost["a"] == "Needs invoice_due_date" and cost["change"] == "–" and cost["judged"] == ""
    assert snapshot_comparison(a, b, "zh").loc[0, "verdict"] == "▼ 变差"


def test_comparison_headers_tell_equal_labels_apart():
    assert comparison_headers(snapshot("Oct", 1), snapshot("Nov", 2))["a"] == "Oct"
    same = comparison_headers(snapshot("Oct", 1), snapshot("Oct", 2))
    assert (same["a"], same["b"]) == ("Oct · 2024-12-01 08:30 (#1)", "Oct · 2024-12-01 08:30 (#2)")
    assert same["kpi"] == "KPI"
