"""The KPIs & monitoring page's Scheduled runs tab: the series ``python -m o2c monitor`` saved in a workspace, per
segment, with targets as lines and breaches marked."""

from __future__ import annotations

import pytest
from conftest import open_app, open_app_with_sample

from o2c.cli.main import main
from o2c.ingest.sample import generate_sample
from o2c.workbook.template import build_template

PAGE = "pages/monitoring.py"


@pytest.fixture
def runs(tmp_path, monkeypatch):
    """Two runs of the job in workspace "ops" on the sample, all orders and per channel."""
    monkeypatch.setenv("O2C_EXPLORER_DATA", str(tmp_path / "data"))
    sample = tmp_path / "sample.xlsx"
    sample.write_bytes(build_template(*generate_sample(2000, 7)))
    for _ in range(2):
        args = ["monitor", str(sample), "--workspace", "ops", "--segment", "sales_channel=Partner"]
        assert main([*args, "--target", "late_payment_rate<=0.10", "--target", "end_to_end_median<=40d"]) == 1
    return tmp_path


def chart_specs(at) -> list[dict]:
    return [c.proto.spec for c in at.get("arrow_vega_lite_chart")] + [c.proto.spec for c in at.get("vega_lite_chart")]


def test_runs_tab_shows_series_targets_and_breaches(runs):
    at = open_app_with_sample(PAGE)
    at.selectbox(key="monitor_workspace").set_value("ops").run()
    assert not at.exception
    assert at.selectbox(key="monitor_run_kpi").value == "end_to_end_median"  # KPIs with targets come first
    assert at.multiselect(key="monitor_run_segments").value == ["all", "sales_channel=Partner"]
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Workspace **ops**: last run ") and c.endswith("(2 runs).") for c in captions)
    assert [w.value for w in at.warning] == ["The last run breached 3 target(s)."]  # late payment twice, Partner 41.7 d
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    assert table.to_dict("records") == [
        {
            "Segment": "All orders",
            "KPI": "Late payment rate",
            "Value": "15.6%",
            "Target": "≤ 10.0%",
            "Status": "Breached",
        },
        {
            "Segment": "All orders",
            "KPI": "Created to paid (median)",
            "Value": "37.8 d",
            "Target": "≤ 40.0 d",
            "Status": "Held",
        },
        {
            "Segment": "Sales channel: Partner",
            "KPI": "Late payment rate",
            "Value": "16.0%",
            "Target": "≤ 10.0%",
            "Status": "Breached",
        },
        {
            "Segment": "Sales channel: Partner",
            "KPI": "Created to paid (median)",
            "Value": "41.7 d",
            "Target": "≤ 40.0 d",
            "Status": "Breached",
        },
    ]
    spec = "".join(chart_specs(at))
    assert '"strokeDash"' in spec and '"diamond"' in spec  # the target line and the breach marks


def test_runs_tab_without_runs_says_how_to_start(tmp_path, monkeypatch):
    monkeypatch.setenv("O2C_EXPLORER_DATA", str(tmp_path))
    at = open_app_with_sample(PAGE)
    assert not at.exception
    assert any("python -m o2c monitor DATA --workspace" in i.value for i in at.info)


def open_without_data():
    at = open_app().run()
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


def test_without_data_the_page_shows_the_newest_runs_and_a_picker(runs):
    # a second workspace whose job ran last, with every target held: the page opens on it
    sample = runs / "sample.xlsx"
    assert main(["monitor", str(sample), "--workspace", "finance", "--target", "late_payment_rate<=0.20"]) == 0
    at = open_without_data()
    assert not at.tabs  # the KPI tabs need loaded data
    assert [i.value for i in at.info][0].startswith("The KPIs, trend, periods and snapshots need loaded data.")
    assert [link.proto.label for link in at.get("page_link")] == ["Load data on the Data page"]
    workspace = at.selectbox(key="monitor_workspace")
    assert workspace.value == "finance" and "ops" in workspace.options
    assert [s.value for s in at.success] == ["Every target held in the last run."]
    assert at.selectbox(key="monitor_run_kpi").value == "late_payment_rate"

    workspace.set_value("ops").run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Workspace **ops**: last run ") and c.endswith("(2 runs).") for c in captions)
    assert [w.value for w in at.warning] == ["The last run breached 3 target(s)."]
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    assert table["Status"].tolist() == ["Breached", "Held", "Breached", "Breached"]
    assert table["Value"].tolist() == ["15.6%", "37.8 d", "16.0%", "41.7 d"]
    spec = "".join(chart_specs(at))
    assert '"strokeDash"' in spec and '"diamond"' in spec  # the target line and the breach marks


def test_without_data_or_runs_the_page_says_how_to_start(tmp_path, monkeypatch):
    monkeypatch.setenv("O2C_EXPLORER_DATA", str(tmp_path))
    at = open_without_data()
    assert at.selectbox(key="monitor_workspace").value.startswith("session-")  # this session's own, unlisted
    assert any("--workspace ops" in i.value and "pick that workspace" in i.value for i in at.info)


def test_loading_data_brings_back_the_kpi_tabs(runs):
    at = open_without_data()
    assert at.selectbox(key="monitor_workspace").value == "ops"
    at.switch_page("pages/data.py").run()
    at.button(key="load_sample").click().run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert [t.label for t in at.tabs] == ["KPIs", "Trend", "Latest vs baseline", "Snapshots", "Scheduled runs"]
    # snapshots are saved in this session's own workspace until the visitor picks a shared one
    assert at.selectbox(key="monitor_workspace").value.startswith("session-")
