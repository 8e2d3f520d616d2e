"""KPIs & monitoring page on the sample: the cards show the catalogue's values, the trend and period comparison
draw, and snapshots are saved in the user's data directory, survive a restart and are deleted only when
confirmed."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import metric, open_app_with_sample

from o2c.improve.settings import Settings
from o2c.monitor.kpis import KPIS, kpi_trend, kpi_values
from o2c.monitor.monitoring import HEADLINE, format_delta, format_value, kpi_changes, period_values

PAGE = "pages/monitoring.py"


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """Snapshots go to a temporary data directory, as O2C_EXPLORER_DATA points the app there."""
    monkeypatch.setenv("O2C_EXPLORER_DATA", str(tmp_path))
    return tmp_path


def saved_table(at) -> pd.DataFrame | None:
    return next((d.value for d in at.dataframe if "filter_description" in d.value.columns), None)


def save(at, label: str):
    at.text_input(key="monitor_label").input(label)
    at.button(key="monitor_save").click().run()
    assert not at.exception
    return at


def test_cards_show_the_catalogue_values(sample_log, data_dir):
    at = open_app_with_sample(PAGE)
    assert not at.exception
    assert at.title[0].value == "KPIs & monitoring"
    everything = sample_log.view(np.ones(sample_log.n_cases, dtype=bool))
    for value in kpi_values(everything, Settings()):
        assert metric(at, value.kpi.name()) == format_value(value.value, value.kpi.unit, "EUR"), value.kpi.key
    assert metric(at, "Created to paid (median)") == "37.8 d"
    assert metric(at, "Late payment rate") == "15.6%"
    assert metric(at, "Cost per order").endswith(" EUR")
    cards = {m.label: m for m in at.metric}
    assert cards["Late payment rate"].help == KPIS["late_payment_rate"].formula()
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Settings used: the standard compliance rules; system users detected") for c in captions)
    assert "Over 1,722 orders" in captions  # paid orders judge the payment KPIs
    assert not list(data_dir.iterdir())  # nothing written until the user saves


def test_trend_and_latest_against_baseline(sample_log, data_dir):
    at = open_app_with_sample(PAGE)
    assert at.multiselect(key="monitor_trend_kpis").value == list(HEADLINE)
    at.number_input(key="monitor_target_late_payment_rate").set_value(10.0).run()
    assert not at.exception
    charts = at.get("vega_lite_chart")
    assert len(charts) == len(HEADLINE)
    assert ['"target"' in chart.proto.spec for chart in charts] == [False, False, True, False]  # the dashed line

    everything = sample_log.view(np.ones(sample_log.n_cases, dtype=bool))
    trend = kpi_trend(everything, Settings(), "month")
    # The newest months still have most orders open (Dec 95%, Nov 29%): October (1.5%) is the default.
    assert at.selectbox(key="monitor_latest_month").value == "2024-10-01"
    assert at.selectbox(key="monitor_baseline_month").value == "2024-09-01"
    at.selectbox(key="monitor_latest_month").set_value("2024-12-01").run()
    at.selectbox(key="monitor_baseline_month").set_value("2024-11-01").run()
    changes = kpi_changes(
        period_values(trend, pd.Timestamp("2024-11-01")), period_values(trend, pd.Timestamp("2024-12-01"))
    ).set_index("key")
    late = next(m for m in at.metric if m.label == "Late payment rate" and m.delta)
    row = changes.loc["late_payment_rate"]
    assert late.value == format_value(row["latest"], "share")
    assert late.delta == format_delta(row["delta"], row["pct_change"], "share")
    assert any("95% of the orders created in Dec 2024 are still open" in c.value for c in at.caption)

    at.selectbox(key="monitor_baseline_month").set_value("2024-06-01").run()
    assert not at.exception
    assert any(c.value.startswith("Dec 2024 against Jun 2024.") for c in at.caption)


def use_workspace(at, name: str):
    at.selectbox(key="monitor_workspace").set_value(name).run()
    assert not at.exception
    return at


def open_in_workspace(typed: str):
    """The page in a session whose user typed ``typed`` as a new workspace (AppTest cannot type new options)."""
    at = open_app_with_sample()
    at.session_state["monitor_workspace"] = typed
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


def test_snapshots_survive_a_restart_and_delete_asks_first(data_dir):
    at = open_in_workspace("Finance team")
    assert at.info and any("No snapshots yet" in i.value for i in at.info)
    save(at, "November close")
    assert (data_dir / "workspaces" / "finance-team.sqlite3").is_file()
    table = saved_table(at)
    assert table["label"].tolist() == ["November close"]
    assert table["orders"].tolist() == [2000]
    assert table["filter_description"].tolist() == ["Orders: 2,000 of 2,000"]
    assert table["source_name"].tolist() == ["o2c_sample.xlsx"]

    restarted = open_app_with_sample(PAGE)  # a fresh session, as after restarting the app
    assert saved_table(restarted) is None  # its own session workspace is empty
    assert "finance-team" in restarted.selectbox(key="monitor_workspace").options
    use_workspace(restarted, "finance-team")
    assert saved_table(restarted)["label"].tolist() == ["November close"]

    save(restarted, "December close")
    compare = next(d.value for d in restarted.dataframe if "verdict" in d.value.columns)
    assert compare.loc[compare["kpi"] == "Orders", "a"].tolist() == ["2,000"]
    assert compare.loc[compare["kpi"] == "Late payment rate", "change"].tolist() == ["±0.0 pp"]
    assert compare.loc[compare["kpi"] == "Late payment rate", "verdict"].tolist() == ["unchanged"]
    assert [b.label for b in restarted.get("download_button")] == ["Download (CSV)"]

    restarted.selectbox(key="monitor_delete_pick").select_index(0).run()  # the newest
    restarted.button(key="monitor_delete").click().run()
    assert [w.value for w in restarted.warning if "December close" in w.value and "cannot be undone" in w.value]
    assert len(saved_table(restarted)) == 2  # nothing deleted yet
    restarted.button(key="monitor_delete_no").click().run()
    assert len(saved_table(restarted)) == 2
    restarted.button(key="monitor_delete").click().run()
    restarted.button(key="monitor_delete_yes").click().run()
    assert not restarted.exception
    assert saved_table(restarted)["label"].tolist() == ["November close"]


def test_workspaces_not_paths(data_dir):
    """Issue #14: snapshots belong to a workspace in the data directory; the page offers no file path."""
    at = open_app_with_sample(PAGE)
    assert not [t for t in at.text_input if "store" in str(t.key)]
    save(at, "Mine")  # this session's own workspace by default
    files = list((data_dir / "workspaces").iterdir())
    assert len(files) == 1 and files[0].name.startswith("session-")
    other = open_app_with_sample(PAGE)
    assert saved_table(other) is None  # another session does not see it, nor is it offered
    assert len(other.selectbox(key="monitor_workspace").options) == 1  # its own session workspace only
    other = open_in_workspace("../../etc/passwd")
    assert other.selectbox(key="monitor_workspace").value == "etc-passwd"
    save(other, "Hostile")
    assert (data_dir / "workspaces" / "etc-passwd.sqlite3").is_file()
    assert not any(str(data_dir) in c.value for c in other.caption)


def test_duplicate_labels_and_missing_kpis_in_the_store(data_dir):
    """Issue #14: two snapshots with one label, or of data lacking KPI inputs, crashed the page for everyone."""
    import datetime as dt
    import json
    import sqlite3

    from test_snapshots import snapshot

    from o2c.monitor.snapshots import SnapshotStore, workspace_path

    path = workspace_path("old", data_dir)
    SnapshotStore(path).save(snapshot("seed", orders=1))
    kpis = {
        "orders": {"value": 10, "unit": "count", "judged_orders": 10, "missing": None},
        "late_payment_rate": {"value": None, "unit": "share", "judged_orders": 0, "missing": "needs invoice_due_date"},
        "rework_rate": {"value": None, "unit": "share", "judged_orders": 0, "missing": None},
    }
    with sqlite3.connect(path) as db:  # as an older version wrote them: same label twice
        db.execute("DELETE FROM snapshots")
        for day in (1, 2):
            db.execute(
                "INSERT INTO snapshots (label, created_at, source_name, filter_description, orders, currency, "
                "settings, kpis) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    "Same",
                    dt.datetime(2024, 12, day, tzinfo=dt.UTC).isoformat(),
                    "a.csv",
                    "",
                    10,
                    "EUR",
                    "",
                    json.dumps(kpis),
                ),
            )
    at = use_workspace(open_app_with_sample(PAGE), "old")  # listed: its file exists
    assert not at.exception
    compare = next(d.value for d in at.dataframe if "verdict" in d.value.columns)
    assert compare.loc[compare["kpi"] == "Late payment rate", "a"].tolist() == ["Needs invoice_due_date"]
    download = next(b for b in at.get("download_button") if b.proto.label == "Download (CSV)")
    assert download
    save(at, "Same")
    assert sorted(saved_table(at)["label"]) == ["Same", "Same", "Same (2)"]


def test_monitoring_page_in_chinese(data_dir):
    at = open_app_with_sample(PAGE)
    at.session_state["lang_choice"] = "zh"
    at.run()
    assert not at.exception
    assert at.title[0].value == "KPI 与监控"
    assert metric(at, "订单数") == "2,000"
    assert metric(at, "逾期付款率") == "15.6%"


def test_kpis_without_their_inputs_say_what_they_need(data_dir):
    from conftest import ORDERS_FLAT, open_app

    at = open_app().run()
    at.file_uploader(key="upload").upload(ORDERS_FLAT.name, ORDERS_FLAT.read_bytes(), "application/gzip").run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert metric(at, "Created to paid (median)") == "8.0 d"  # pm4py: median case duration 689,776.5 s
    assert metric(at, "Late payment rate") == "–"
    captions = [c.value for c in at.caption]
    assert "Needs invoice due date" in captions and "Needs Delivered" in captions
    # the trend offers only what the log can give
    picker = at.multiselect(key="monitor_trend_kpis")
    assert picker.value == ["end_to_end_median"]  # of the headline KPIs, the only one this log can give
    assert "Late payment rate" not in picker.options
