"""The Variants and Rework pages through AppTest, on the 2,000-order sample with its planted rework."""

from __future__ import annotations

from conftest import metric, open_app_with_sample

from o2c.discover.variants import variant_table
from o2c.log.index import variant_index


def frame_with(at, column: str):
    """The first table on the page that has ``column``."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


CREDIT_RETRY = "Create Sales Order → Credit Check Failed → Credit Check Passed ↺ → …"
PING_PONG = "Inventory Allocated → Order Changed → Inventory Allocated"


def test_variants_page_ranks_the_sample_variants(sample_log):
    at = open_app_with_sample("pages/variants.py")
    assert not at.exception
    assert at.title[0].value == "Variants"
    assert at.caption[0].value == "Orders: 2,000 of 2,000"
    assert metric(at, "Variants") == "77"
    assert metric(at, "Most common variant") == "47% of orders"
    assert metric(at, "Variants covering 80% of orders") == "7"
    table = at.dataframe[0].value
    assert len(table) == 77
    assert table["orders"].head(3).tolist() == [946, 229, 149]
    assert table["share"].iloc[0] == 47.3
    assert table["path"].iloc[2] == CREDIT_RETRY
    assert table["path"].iloc[1] == "Create Sales Order → Order Activated → … (without Credit Check Passed)"
    assert table["variant_id"].tolist() == variant_table(sample_log.view())["variant_id"].tolist()
    # Nothing is selected yet, so there is no filter button.
    assert "Filter the app to these variants" not in [b.label for b in at.button]
    assert at.session_state["variant_selection"] == ()


def test_picked_variants_filter_the_whole_app(sample_log):
    at = open_app_with_sample("pages/variants.py")
    third = at.dataframe[0].value["variant_id"].iloc[2]
    # What the page's button stores; the sidebar then applies it (AppTest cannot click dataframe rows).
    at.session_state["pending_variants"] = (third,)
    at.run()
    assert not at.exception
    assert at.info[0].value.startswith("The whole app shows only the 1 variant(s) selected here")
    assert metric(at, "Variants") == "1"
    assert at.dataframe[0].value["orders"].tolist() == [149]
    assert at.dataframe[0].value["path"].tolist() == [
        " → ".join(variant_index(sample_log).sequences[variant_index(sample_log).ids.index(third)]).replace(
            "Credit Check Passed", "Credit Check Passed ↺"
        )
    ]
    assert at.query_params["variant"] == third
    at.switch_page("pages/rework.py").run()
    assert metric(at, "Including repeated checks") == "100.0%"  # every order of this variant retried its check


def test_rework_page_shows_the_planted_rework():
    at = open_app_with_sample("pages/rework.py")
    assert not at.exception
    assert at.title[0].value == "Rework"
    assert metric(at, "Orders with a repeated activity") == "13.5%"
    assert metric(at, "Including repeated checks") == "23.4%"
    assert metric(at, "Median end-to-end with rework") == "40.9 d"
    by_activity = frame_with(at, "redo")
    assert by_activity["activity"].tolist() == [
        "Credit Check (Failed / Passed)",
        "Inventory Allocated",
        "Credit Check Passed",
        "Payment Reminder Sent",
    ]
    assert by_activity["orders"].tolist() == [299, 164, 82, 34]  # ~15% credit re-checks, 8.2% re-allocations
    assert by_activity["repeat"].tolist() == [92, 164, 21, 40]
    assert by_activity["redo"].tolist() == [207, 0, 61, 0]
    loops = frame_with(at, "orders_back_loop")
    assert loops.set_index("activity").loc["Inventory Allocated", "orders_back_loop"] == 164
    pings = frame_with(at, "pattern")
    assert pings[["pattern", "orders"]].values.tolist() == [[PING_PONG, 164]]
    assert len(frame_with(at, "rework")) == 468
    at.selectbox(key="rework_focus").select("Inventory Allocated").run()
    focused = frame_with(at, "rework")
    assert len(focused) == 164
    assert focused["rework"].str.contains("Inventory Allocated ×2").all()
    assert "164 orders" in [m.value for m in at.markdown]


def test_rework_page_follows_the_sidebar_filter(sample_log):
    from o2c.discover.rework import rework
    from o2c.log.filters import Filters

    at = open_app_with_sample("pages/rework.py")
    at.sidebar.multiselect(key="filter_sales_channel").select("Partner").run()
    assert not at.exception
    expected = rework(Filters({"sales_channel": ("Partner",)}).apply(sample_log))
    assert metric(at, "Orders with a repeated activity") == f"{expected.rate:.1%}"
    assert frame_with(at, "redo")["orders"].tolist() == expected.by_activity["orders"].tolist()
    assert at.caption[0].value.startswith("Partner orders: ")


def test_both_pages_in_chinese():
    # Switch after loading: AppTest formats select boxes outside the session, so it must not rerun a Chinese page.
    at = open_app_with_sample("pages/rework.py")
    at.session_state["lang_choice"] = "zh"
    at.run()
    assert not at.exception
    assert at.title[0].value == "返工"
    assert metric(at, "有重复活动的订单") == "13.5%"
    assert metric(at, "含重复检查") == "23.4%"
    at = open_app_with_sample("pages/variants.py")
    at.session_state["lang_choice"] = "zh"
    at.run()
    assert not at.exception
    assert at.title[0].value == "流程变体"
    assert (
        at.dataframe[0].value["path"].iloc[1] == "Create Sales Order → Order Activated → … (缺少 Credit Check Passed)"
    )
