"""The Improvement backlog page through AppTest."""

from __future__ import annotations

from conftest import metric, open_app_with_sample

from o2c.improve.backlog import opportunities


def test_backlog_page_lists_ranked_opportunities(sample_log):
    at = open_app_with_sample("pages/backlog.py")
    assert not at.exception
    assert at.title[0].value == "Improvement backlog"
    table = at.dataframe[0].value
    expected = opportunities(sample_log.view())
    assert table["title"].tolist() == [o.title for o in expected]
    assert metric(at, "Opportunities") == str(len(expected))
    assert [b.label for b in at.get("download_button")] == ["Download orders (CSV)", "Download orders (Excel)"]


def test_kind_filter_and_chinese(sample_log):
    at = open_app_with_sample("pages/backlog.py")
    at.session_state["backlog_kinds"] = ["rework"]
    at.run()
    assert not at.exception
    assert set(at.dataframe[0].value["kind"]) == {"Rework"}
    at.session_state["lang_choice"] = "zh"
    at.run()
    assert at.title[0].value == "改进清单"
