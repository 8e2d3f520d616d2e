"""The Process map page through AppTest, on the 2,000-order sample."""

from __future__ import annotations

import re
import shutil

from conftest import open_app, open_app_with_sample

PAGE = "pages/process_map.py"


def charts(at) -> list[str]:
    """The DOT source of every graphviz chart on the page."""
    return [chart.proto.spec for chart in at.get("graphviz_chart")]


def detail_caption(at) -> str:
    return next(c.value for c in at.caption if "activities," in c.value)


def test_frequency_map_of_the_sample():
    at = open_app_with_sample(PAGE)
    assert not at.exception
    assert at.title[0].value == "Process map"
    assert at.caption[0].value == "Orders: 2,000 of 2,000"
    assert detail_caption(at) == "16 of 16 activities, 22 of 37 paths."
    [dot] = charts(at)
    assert 'label="Create Sales Order\\n2,000"' in dot
    assert 'label="Inventory Allocated\\n2,128"' in dot
    assert re.search(r'start -> a\d+ \[label="  2,000"', dot)
    if shutil.which("dot"):  # the SVG needs Graphviz's binary; without it the page says so instead
        assert [b.label for b in at.get("download_button")] == ["Download DOT", "Download SVG"]
    else:
        assert [b.label for b in at.get("download_button")] == ["Download DOT"]
        assert any(c.value.startswith("SVG download needs Graphviz") for c in at.caption)


def test_orders_measure_counts_orders_not_events():
    at = open_app_with_sample(PAGE)
    at.selectbox(key="map_metric_frequency_en").select("cases").run()
    assert not at.exception
    assert 'label="Inventory Allocated\\n1,964"' in charts(at)[0]  # 2,128 events in 1,964 orders


def test_performance_view_labels_waits():
    at = open_app_with_sample(PAGE)
    at.button_group(key="map_view").set_value("performance").run()
    assert not at.exception
    assert "The data has no start times" in detail_caption(at)
    assert at.selectbox(key="map_metric_performance_en").value == "median"
    median = charts(at)[0]
    waits = re.findall(r'label="  ([\d.]+ (?:s|min|h|d))"', median)
    assert len(waits) >= 15
    at.selectbox(key="map_metric_performance_en").select("p90").run()
    p90 = charts(at)[0]
    assert p90 != median and "90th percentile wait: " in p90 and "Median wait: " not in p90


def test_sliders_change_the_detail():
    at = open_app_with_sample(PAGE)
    at.slider(key="map_paths").set_value(100).run()
    assert detail_caption(at) == "16 of 16 activities, 37 of 37 paths."
    assert charts(at)[0].count(" -> ") == 37
    at.slider(key="map_activities").set_value(50).run()
    assert not at.exception
    assert detail_caption(at).startswith("8 of 16 activities")
    assert "Order Changed" not in charts(at)[0]


def test_filter_change_changes_the_map():
    at = open_app_with_sample(PAGE)
    before = charts(at)[0]
    at.sidebar.multiselect(key="filter_sales_channel").select("Partner").run()
    assert not at.exception
    after = charts(at)[0]
    assert after != before
    partner_orders = int(at.caption[0].value.split(": ")[1].split(" of ")[0].replace(",", ""))
    assert 0 < partner_orders < 2000
    assert re.search(rf'start -> a\d+ \[label="  {partner_orders:,}"', after)


def test_bpmn_model_only_when_opened():
    at = open_app_with_sample(PAGE)
    assert len(charts(at)) == 1
    at.session_state["map_model"] = True
    at.run()
    assert not at.exception
    maps = charts(at)
    assert len(maps) == 2 and maps[1].startswith("digraph bpmn {")
    assert 'label="Credit Check Passed"' in maps[1] and 'label="×"' in maps[1]
    assert "Download BPMN (DOT)" in [b.label for b in at.get("download_button")]


def test_chinese_labels():
    at = open_app_with_sample(PAGE)
    at.sidebar.button_group(key="lang_choice").set_value("zh").run()
    assert not at.exception
    assert at.title[0].value == "流程图"
    assert 'start [label="开始"' in charts(at)[0]
    assert at.selectbox(key="map_metric_frequency_zh").options == ["事件数", "订单数"]


def test_without_data_the_page_says_what_to_do():
    at = open_app().run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.info[0].value == "No data yet. Load a file or the sample on the Data page."
