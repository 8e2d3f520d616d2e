"""Every page through Streamlit's AppTest, as a user would: load data, filter, switch pages."""

from __future__ import annotations

import numpy as np
from conftest import ROOT, metric, open_app, open_app_with_sample

app = open_app


def test_core_never_imports_streamlit():
    offenders = [
        p.name
        for p in (ROOT / "o2c").rglob("*.py")
        if any(
            line.lstrip().startswith(("import streamlit", "from streamlit"))
            for line in p.read_text(encoding="utf-8").splitlines()
        )
    ]
    assert offenders == []


def test_every_page_is_registered():
    from ui.navigation import PAGES

    pages = sorted(f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py"))
    assert pages and sorted(p.file for p in PAGES) == pages


def test_data_page_starts_empty_and_offers_template():
    at = app().run()
    assert not at.exception
    assert at.title[0].value == "Your order data"
    assert [b.label for b in at.button] == ["Try the sample data"]
    assert any(m.value == "Load data on the Data page to filter orders." for m in at.sidebar.caption)


def test_upload_tiny_workbook_then_overview(tiny_workbook):
    at = app().run()
    at.file_uploader(key="upload").upload(
        "tiny.xlsx", tiny_workbook, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ).run()
    assert not at.exception
    assert "Loaded **3 orders** and **11 events** from tiny.xlsx." in at.success[0].value
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    assert metric(at, "Orders") == "3"
    assert metric(at, "Events") == "11"
    assert metric(at, "End-to-end time") == "7.0 d"  # created to paid: SO-1 4 d, SO-3 10 d
    assert metric(at, "Orders paid") == "67%"
    at.sidebar.multiselect(key="filter_sales_channel").select("Partner").run()
    assert metric(at, "Orders") == "2"
    assert metric(at, "Orders paid") == "50%"
    assert at.caption[0].value == "Partner orders: 2 of 3"
    assert at.query_params["sales_channel"] == "Partner"  # the URL now carries the filter


def test_bad_upload_shows_one_report_not_a_traceback():
    at = app().run()
    at.file_uploader(key="upload").upload("bad.csv", b"order,when\nA,2024-01-01\n", "text/csv").run()
    assert not at.exception
    assert "bad.csv cannot be analysed yet. Problems to fix: 1." in at.error[0].value
    report = next(table.value for table in at.dataframe if "problem" in table.value.columns)
    assert report["problem"].iloc[0].startswith("Required column(s) not found")
    assert [s.label for s in at.selectbox if s.key and s.key.startswith("map_")] == ["case_id", "activity", "timestamp"]


def test_mapping_step_lets_the_user_pick_columns():
    data = b"Ref,What,Moment\nA,Create Sales Order,2024-01-01\nA,Shipped,2024-01-03\n"
    at = app().run()
    at.file_uploader(key="upload").upload("odd.csv", data, "text/csv").run()
    at.selectbox(key="map_case_id").select("Ref")
    at.selectbox(key="map_activity").select("What")
    at.selectbox(key="map_timestamp").select("Moment")
    at.button(key="apply_mapping").click().run()
    assert not at.exception
    assert "Loaded **1 orders** and **2 events**" in at.success[0].value


def test_shared_link_filters_apply_once_data_is_loaded(tiny_workbook):
    at = app()
    at.query_params["sales_channel"] = "Direct"
    at.run()
    at.file_uploader(key="upload").upload("tiny.xlsx", tiny_workbook, "application/octet-stream").run()
    at.switch_page("pages/overview.py").run()
    assert metric(at, "Orders") == "1"
    assert at.sidebar.multiselect(key="filter_sales_channel").value == ["Direct"]


def test_overview_without_data_says_what_to_do():
    at = app().run()
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    assert at.info[0].value == "No data yet. Load a file or the sample on the Data page."


def test_chinese_switch():
    at = app()
    at.query_params["lang"] = "zh"
    at.run()
    assert at.title[0].value == "您的订单数据"
    assert at.button[0].label == "试用示例数据"


def test_sample_button_loads_2000_orders_and_shows_filters():
    at = open_app_with_sample("pages/overview.py")
    assert not at.exception
    assert metric(at, "Orders") == "2,000"
    channels = at.sidebar.multiselect(key="filter_sales_channel")
    assert channels.options == ["Direct", "Distributor", "Online", "Partner"]


def test_variant_in_a_shared_link_filters_every_page():
    from o2c.log.index import variant_index

    at = open_app().run()
    at.button(key="load_sample").click().run()
    log = at.session_state["dataset"].result.log
    index = variant_index(log)
    top = int(np.bincount(index.case_variant).argmax())
    expected = int((index.case_variant == top).sum())
    at2 = open_app()
    at2.query_params["variant"] = index.ids[top]
    at2.run()
    at2.button(key="load_sample").click().run()
    at2.switch_page("pages/overview.py").run()
    assert metric(at2, "Orders") == f"{expected:,}"
    assert at2.caption[0].value == f"Orders in 1 selected variant: {expected:,} of 2,000"
    at2.sidebar.button(key="clear_variants").click().run()
    assert metric(at2, "Orders") == "2,000"


def test_public_order_management_log_uploads_as_is():
    from conftest import ORDERS_FLAT

    at = app().run()
    at.file_uploader(key="upload").upload(ORDERS_FLAT.name, ORDERS_FLAT.read_bytes(), "application/gzip").run()
    assert not at.exception
    assert "Loaded **2,000 orders** and **6,566 events**" in at.success[0].value
    at.switch_page("pages/overview.py").run()
    assert metric(at, "Orders paid") == "100%"
    assert metric(at, "End-to-end time") == "8.0 d"  # pm4py: median case duration 689,776.5 s = 7.98 d
    # None of the O2C rules fits its activities ("place order" ...): no adherence figure, and the page says why.
    at.switch_page("pages/conformance.py").run()
    assert not at.exception
    assert metric(at, "Adherence") == "–"
    assert any("None of the rules names only activities this data has" in w.value for w in at.warning)


def test_date_mode_survives_a_language_switch():
    at = open_app_with_sample("pages/overview.py")
    at.sidebar.selectbox(key="filter_date_mode_en").select("intersecting").run()
    at.sidebar.button_group(key="lang_choice").set_value("zh").run()
    assert not at.exception
    assert at.sidebar.selectbox(key="filter_date_mode_zh").value == "intersecting"


def test_the_upload_box_says_the_servers_limit():
    """Issue #14: it always said 1024 MB, whatever server.maxUploadSize the operator set."""
    from conftest import open_app
    from streamlit import config

    before = config.get_option("server.maxUploadSize")
    config.set_option("server.maxUploadSize", 200)
    try:
        at = open_app().run()
        assert "up to 200 MB" in at.get("file_uploader")[0].proto.label
    finally:
        config.set_option("server.maxUploadSize", before)
