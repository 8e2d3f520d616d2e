"""The Cycle times and Order explorer pages through AppTest on the 2,000-order sample.

Every expected number is computed here with plain pandas from the workbook itself, not with o2c.
"""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import SAMPLE_WORKBOOK, metric, open_app_with_sample

from o2c.format import format_duration

CYCLE = "pages/cycle_times.py"
EXPLORER = "pages/order_explorer.py"
MILESTONES = ["Create Sales Order", "Shipped", "Invoice Created", "Payment Received"]


@pytest.fixture(scope="module")
def workbook() -> tuple[pd.DataFrame, pd.DataFrame]:
    """(events sorted by case and time, orders) read straight from the sample workbook."""
    events = pd.read_excel(
        SAMPLE_WORKBOOK,
        sheet_name="Events",
        engine="openpyxl",
        usecols=["case_id", "activity", "timestamp", "resource"],
    )
    events["row"] = range(len(events))
    events = events.sort_values(["case_id", "timestamp", "row"], kind="stable").reset_index(drop=True)
    orders = pd.read_excel(
        SAMPLE_WORKBOOK, sheet_name="Orders", engine="openpyxl", dtype={"order_number": str}
    ).set_index("case_id")
    return events, orders


@pytest.fixture(scope="module")
def durations(workbook) -> pd.Series:
    events, _ = workbook
    span = events.groupby("case_id")["timestamp"].agg(["min", "max"])
    return (span["max"] - span["min"]).dt.total_seconds()


@pytest.fixture(scope="module")
def steps(workbook) -> pd.DataFrame:
    """Each event with the next event of the same order and the wait between them."""
    events, orders = workbook
    same = events["case_id"].eq(events["case_id"].shift(-1))
    frame = pd.DataFrame(
        {
            "case_id": events["case_id"],
            "source": events["activity"],
            "target": events["activity"].shift(-1),
            "wait": (events["timestamp"].shift(-1) - events["timestamp"]).dt.total_seconds(),
        }
    )[same]
    frame["step"] = frame["source"] + " → " + frame["target"]
    frame["channel"] = frame["case_id"].map(orders["sales_channel"])
    return frame


def segment(events: pd.DataFrame, source: str, target: str) -> tuple[pd.Series, int]:
    """Seconds from the first source to the first target after it, per order; and orders with the source."""
    events = events.assign(position=range(len(events)))
    first = events[events["activity"] == source].groupby("case_id")[["position", "timestamp"]].first()
    first.columns = ["position_source", "timestamp_source"]
    later = events[events["activity"] == target].join(first, on="case_id", how="inner")
    later = later[later["position"] > later["position_source"]].groupby("case_id").first()
    return (later["timestamp"] - later["timestamp_source"]).dt.total_seconds(), len(first)


def table_with(at, column: str) -> pd.DataFrame:
    """The first table on the page that has ``column``."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def bottleneck_ranking(steps: pd.DataFrame) -> pd.DataFrame:
    ranked = steps.groupby("step")["wait"].agg(["size", "sum", "median", lambda w: w.quantile(0.9)])
    ranked.columns = ["count", "total", "median", "p90"]
    return ranked.reset_index().sort_values(["total", "step"], ascending=[False, True]).reset_index(drop=True)


# ---------------------------------------------------------------------------------------------- cycle times


def test_cycle_page_headline_distribution_and_split(workbook, durations):
    at = open_app_with_sample(CYCLE)
    assert not at.exception
    assert at.title[0].value == "Cycle times and bottlenecks"
    assert at.caption[0].value == "Orders: 2,000 of 2,000"
    assert metric(at, "Orders") == "2,000"
    assert metric(at, "Median end-to-end") == format_duration(durations.median())
    assert metric(at, "90th percentile") == format_duration(durations.quantile(0.9))
    assert metric(at, "Mean") == format_duration(durations.mean())
    by_channel = durations.groupby(workbook[1]["sales_channel"]).agg(["size", "median", lambda d: d.quantile(0.9)])
    by_channel.columns = ["orders", "median", "p90"]
    by_channel = by_channel.sort_values("median", ascending=False)
    split = table_with(at, "value")
    assert split["value"].tolist() == by_channel.index.tolist() == ["Partner", "Direct", "Distributor", "Online"]
    assert split["orders"].tolist() == by_channel["orders"].tolist()
    assert split["median"].tolist() == [format_duration(s) for s in by_channel["median"]]
    assert split["p90"].tolist() == [format_duration(s) for s in by_channel["p90"]]


def test_cycle_page_milestone_segments(workbook):
    at = open_app_with_sample(CYCLE)
    assert at.multiselect(key="cycle_milestones").value == MILESTONES
    table = table_with(at, "measured")
    expected = [segment(workbook[0], a, b) for a, b in zip(MILESTONES[:-1], MILESTONES[1:])]
    assert table["value"].tolist() == [f"{a} → {b}" for a, b in zip(MILESTONES[:-1], MILESTONES[1:])]
    assert table["measured"].tolist() == [f"{len(s):,} of {n:,}" for s, n in expected]
    assert table["median"].tolist() == [format_duration(s.median()) for s, _ in expected]
    assert table["p90"].tolist() == [format_duration(s.quantile(0.9)) for s, _ in expected]
    at.multiselect(key="cycle_milestones").set_value(["Credit Check Passed", "Order Activated"]).run()
    waits, reached = segment(workbook[0], "Credit Check Passed", "Order Activated")
    table = table_with(at, "measured")
    assert table["measured"].tolist() == [f"{len(waits):,} of {reached:,}"]
    assert table["median"].tolist() == [format_duration(waits.median())]
    # Backwards (B always before A): nothing to measure, and no error.
    at.multiselect(key="cycle_milestones").set_value(["Payment Received", "Create Sales Order"]).run()
    assert not at.exception
    paid = workbook[0].loc[workbook[0]["activity"] == "Payment Received", "case_id"].nunique()
    assert table_with(at, "measured")[["measured", "median"]].values.tolist() == [[f"0 of {paid:,}", "–"]]


def test_cycle_page_ranks_bottlenecks_and_lists_the_slowest_orders(steps):
    at = open_app_with_sample(CYCLE)
    ranking = bottleneck_ranking(steps)
    table = table_with(at, "transition")
    assert table["transition"].iloc[0] == ranking["step"].iloc[0] == "Invoice Sent → Payment Received"
    assert table["transition"].tolist() == ranking["step"].head(10).tolist()
    assert table["total"].tolist() == (ranking["total"].head(10) / 86_400).round(0).tolist()
    assert table["count"].tolist() == ranking["count"].head(10).tolist()
    assert table["share"].iloc[0] == pytest.approx(100 * ranking["total"].iloc[0] / steps["wait"].sum())
    assert table["median"].tolist() == [format_duration(s) for s in ranking["median"].head(10)]
    # The top row is selected at first, so its slowest orders show right away.
    top = steps[steps["step"] == "Invoice Sent → Payment Received"].groupby("case_id")["wait"].sum()
    top = top.reset_index().sort_values(["wait", "case_id"], ascending=[False, True]).head(10)
    assert any(m.value == "**Slowest orders on Invoice Sent → Payment Received**" for m in at.markdown)
    slow = table_with(at, "wait")
    assert slow["case_id"].tolist() == top["case_id"].tolist()
    assert slow["wait"].tolist() == [format_duration(s) for s in top["wait"]]


def test_partner_filter_shows_the_planted_wait_before_activation(steps):
    at = open_app_with_sample(CYCLE)
    at.sidebar.multiselect(key="filter_sales_channel").select("Partner").run()
    assert not at.exception
    assert at.caption[0].value == "Partner orders: 486 of 2,000"
    partner = bottleneck_ranking(steps[steps["channel"] == "Partner"])
    others = bottleneck_ranking(steps[steps["channel"] != "Partner"])
    step = "Credit Check Passed → Order Activated"
    table = table_with(at, "transition")
    rank = partner.index[partner["step"] == step][0]
    assert rank < others.index[others["step"] == step][0]  # it climbs the ranking for Partner orders
    assert table["transition"].iloc[rank] == step
    assert table["transition"].tolist()[:2] == ["Invoice Sent → Payment Received", step]
    assert table["median"].iloc[rank] == format_duration(partner["median"].iloc[rank])
    assert table["count"].iloc[rank] == partner["count"].iloc[rank]
    # Select that step: its slowest Partner orders are listed.
    at.session_state["cycle_bottleneck"] = {"selection": {"rows": [int(rank)], "columns": []}}
    at.run()
    assert any(m.value == f"**Slowest orders on {step}**" for m in at.markdown)
    waits = steps[(steps["step"] == step) & (steps["channel"] == "Partner")].groupby("case_id")["wait"].sum()
    waits = waits.reset_index().sort_values(["wait", "case_id"], ascending=[False, True]).head(10)
    assert table_with(at, "wait")["case_id"].tolist() == waits["case_id"].tolist()


def test_a_slow_order_opens_in_the_order_explorer(workbook, durations):
    at = open_app_with_sample(CYCLE)
    first = table_with(at, "wait")["case_id"].iloc[0]
    number = workbook[1].loc[first, "order_number"]
    assert not at.get("page_link")
    at.session_state["cycle_slow"] = {"selection": {"rows": [0], "columns": []}}
    at.run()
    assert [link.value for link in at.get("page_link")] == [f"Open order {number} in the order explorer"]
    at.switch_page(EXPLORER).run()
    assert not at.exception
    assert at.text_input(key="order_lookup").value == first
    assert at.subheader[0].value == f"Order {number}"
    assert metric(at, "End-to-end") == format_duration(durations[first])


def test_cycle_page_in_chinese():
    at = open_app_with_sample(CYCLE)
    at.session_state["lang_choice"] = "zh"
    at.run()
    assert not at.exception
    assert at.title[0].value == "周期时间与瓶颈"
    assert metric(at, "订单数") == "2,000"


# ---------------------------------------------------------------------------------------------- order explorer


def test_explorer_offers_the_slowest_orders(durations):
    at = open_app_with_sample(EXPLORER)
    assert not at.exception
    assert at.title[0].value == "Order explorer"
    assert at.info[0].value == "Type an order id or order number, or pick one of the slowest orders."
    expected = (
        durations.rename("seconds")
        .reset_index()
        .sort_values(["seconds", "case_id"], ascending=[False, True])["case_id"]
        .head(20)
        .tolist()
    )
    picker = at.selectbox(key="order_pick")
    assert picker.value is None
    assert [o.split(" · ")[-1] for o in picker.options] == [format_duration(durations[c]) for c in expected]
    picker.set_value(expected[0]).run()
    assert not at.exception
    assert at.text_input(key="order_lookup").value == expected[0]
    assert metric(at, "End-to-end") == format_duration(durations[expected[0]])


def test_explorer_shows_one_order_with_its_rework(workbook, durations):
    events, orders = workbook
    repeated = events.groupby(["case_id", "activity"])["resource"].agg(["size", "nunique", "first"])
    repeated = repeated[repeated["size"] > 1]
    # An order that repeats one activity with the same person and another with a different person.
    both = repeated.groupby("case_id")["nunique"].agg(["min", "max"])
    case_id = both[(both["min"] == 1) & (both["max"] > 1)].index[0]
    number = orders.loc[case_id, "order_number"]
    at = open_app_with_sample(EXPLORER)
    at.text_input(key="order_lookup").input(str(int(number))).run()  # leading zeros may be left out
    assert not at.exception
    assert at.subheader[0].value == f"Order {number}"
    own = events[events["case_id"] == case_id]
    assert metric(at, "End-to-end") == format_duration(durations[case_id])
    assert metric(at, "Events") == str(len(own))
    paths = events.groupby("case_id")["activity"].agg(tuple)
    counts = paths.value_counts(sort=False)
    order = sorted(counts.index, key=lambda p: (-counts[p], list(counts.index).index(p)))
    assert metric(at, "Variant") == f"#{order.index(paths[case_id]) + 1} of {len(counts)}"
    steps_table = table_with(at, "step")
    assert steps_table["activity"].tolist() == own["activity"].tolist()
    waits = own["timestamp"].diff().dt.total_seconds()
    assert steps_table["wait"].tolist() == [""] + [format_duration(s) for s in waits.iloc[1:]]
    rework = table_with(at, "performers")
    mine = repeated.loc[case_id]
    assert rework["activity"].tolist() == [a for a in dict.fromkeys(own["activity"]) if a in mine.index]
    assert rework["times"].tolist() == [mine.loc[a, "size"] for a in rework["activity"]]
    assert rework["same_person"].tolist() == [
        "same person" if mine.loc[a, "nunique"] == 1 else "another person" for a in rework["activity"]
    ]
    attributes = pd.concat([d.value for d in at.dataframe if "attribute" in d.value.columns])
    assert attributes.set_index("attribute").loc["sales channel", "value"] == orders.loc[case_id, "sales_channel"]


def test_explorer_says_when_an_order_is_unknown_or_outside_the_filters(workbook):
    at = open_app_with_sample(EXPLORER)
    at.text_input(key="order_lookup").input("SO-404").run()
    assert at.warning[0].value == 'No order with the id or order number "SO-404".'
    _, orders = workbook
    direct = orders.index[orders["sales_channel"] == "Direct"][0]
    at.sidebar.multiselect(key="filter_sales_channel").select("Partner").run()
    at.text_input(key="order_lookup").input(direct).run()
    assert not at.exception
    assert at.caption[1].value.endswith("outside the current filters")


def test_cycle_page_keeps_its_choices_across_pages(workbook, durations):
    at = open_app_with_sample(CYCLE)
    at.selectbox(key="cycle_split").set_value("carrier").run()
    at.multiselect(key="cycle_milestones").set_value(["Shipped", "Delivered"]).run()
    at.switch_page("pages/overview.py").run()
    at.switch_page(CYCLE).run()
    assert at.selectbox(key="cycle_split").value == "carrier"
    assert at.multiselect(key="cycle_milestones").value == ["Shipped", "Delivered"]
    by_carrier = (
        durations.groupby(workbook[1]["carrier"]).agg(["size", "median"]).sort_values("median", ascending=False)
    )
    split = table_with(at, "value")
    assert split["value"].iloc[0] == by_carrier.index[0] == "Atlas Freight"  # the late carrier is the slowest
    assert split["value"].tolist()[:-1] == by_carrier.index.tolist()
    assert split["orders"].tolist()[:-1] == by_carrier["size"].tolist()
    assert split["value"].iloc[-1] == "(missing)"  # orders not shipped yet
    assert split["orders"].iloc[-1] == workbook[1]["carrier"].isna().sum()


def test_an_order_can_be_shared_as_a_link(workbook):
    _, orders = workbook
    case_id = orders.index[7]
    at = open_app_with_sample(EXPLORER)
    number = str(int(orders.loc[case_id, "order_number"]))
    at.text_input(key="order_lookup").input(number).run()
    assert at.query_params["_order"] == case_id
    at.run()
    assert at.text_input(key="order_lookup").value == number  # the box keeps what the user typed
    # A colleague opens the link in a fresh session, with the same data loaded.
    fresh = open_app_with_sample()
    fresh.query_params["_order"] = case_id
    fresh.switch_page(EXPLORER).run()
    assert not fresh.exception
    assert fresh.subheader[0].value == f"Order {orders.loc[case_id, 'order_number']}"
    fresh.text_input(key="order_lookup").input("").run()
    assert "_order" not in fresh.query_params
