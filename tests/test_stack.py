"""The filter stack: each filter type on a tiny hand-made log with exact answers, the text form (URL and
command line), stacking and trimming, and cross-checks against pm4py's filters on the public data set."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from conftest import DATASETS, log_from_csv

from o2c.cli.main import main
from o2c.errors import FixableError
from o2c.log.filters import Filters
from o2c.log.stack import (
    EventAttribute,
    Follows,
    Performance,
    Presence,
    Rework,
    Trim,
    check_steps,
    describe_step,
    loaded_orders,
    parse_step,
    step_text,
)

TINY = """case_id,activity,timestamp,resource
A1,Create Sales Order,2024-01-01T08:00:00Z,Ann
A1,Credit Check Failed,2024-01-01T09:00:00Z,Bob
A1,Credit Check Passed,2024-01-02T09:00:00Z,Bob
A1,Shipped,2024-01-03T09:00:00Z,Cid
A1,Payment Received,2024-01-10T09:00:00Z,Dee
A2,Create Sales Order,2024-01-02T08:00:00Z,Ann
A2,Credit Check Passed,2024-01-02T10:00:00Z,Eve
A2,Shipped,2024-01-02T12:00:00Z,Cid
A3,Create Sales Order,2024-01-03T08:00:00Z,Ann
A3,Credit Check Failed,2024-01-03T09:00:00Z,Eve
A3,Credit Check Failed,2024-01-05T09:00:00Z,Bob
A3,Credit Check Passed,2024-01-06T10:00:00Z,Bob
A3,Shipped,2024-01-08T09:00:00Z,Cid
A3,Payment Received,2024-02-02T08:00:00Z,Dee
A4,Credit Check Passed,2024-01-04T08:00:00Z,Bob
A4,Create Sales Order,2024-01-04T09:00:00Z,Ann
"""
LIFECYCLE = DATASETS / "order_management" / "orders_lifecycle_flat.csv.gz"


@pytest.fixture(scope="module")
def log():
    return log_from_csv(TINY)


def kept(log, *texts: str) -> list[str]:
    view = Filters(steps=tuple(parse_step(text) for text in texts)).apply(log)
    return view.cases["case_id"].tolist()


@pytest.mark.parametrize(
    ("text", "orders"),
    [
        ("has:Credit Check Failed", ["A1", "A3"]),
        ("has=Credit Check Failed|Payment Received", ["A1", "A3"]),
        ("lacks:Payment Received", ["A2", "A4"]),
        ("has:payment_received", ["A1", "A3"]),  # an O2C step (role) names its activities
        ("starts:Create Sales Order", ["A1", "A2", "A3"]),
        ("notstarts:Create Sales Order", ["A4"]),
        ("ends:Payment Received", ["A1", "A3"]),
        ("notends:Payment Received", ["A2", "A4"]),
        ("follows:Credit Check Failed>Credit Check Passed", ["A1", "A3"]),
        ("follows:Credit Check Failed>Credit Check Passed<1d", ["A1"]),  # exactly 1 day counts as within
        ("follows:Credit Check Failed>Credit Check Passed>1d", ["A3"]),
        ("follows:Credit Check Passed>Create Sales Order", ["A4"]),
        ("follows:Create Sales Order>Create Sales Order", []),
        ("notfollows:Credit Check Failed>Credit Check Passed", ["A2", "A4"]),
        ("directly:Create Sales Order>Credit Check Passed", ["A2"]),
        ("directly:Credit Check Failed>Credit Check Passed<1d", ["A1"]),
        ("notdirectly:Create Sales Order>Credit Check Passed", ["A1", "A3", "A4"]),
        ("duration>30d", ["A3"]),
        ("duration<4h", ["A2", "A4"]),
        ("duration:1d-10d", ["A1"]),
        ("duration:p50-p100", ["A1", "A3"]),
        ("duration:p0-p25", ["A4"]),
        ("time:Create Sales Order>Shipped>2d", ["A1", "A3"]),
        ("time:Create Sales Order>Shipped<1d", ["A2"]),
        ("resource:Eve", ["A2", "A3"]),
        ("resource@Credit Check Failed:Eve", ["A3"]),
        ("resource:Nobody", []),
        ("rework:yes", ["A3"]),
        ("rework:no", ["A1", "A2", "A4"]),
        ("rework:Credit Check Failed", ["A3"]),
        ("norework:Credit Check Failed", ["A1", "A2", "A4"]),
        ("trim:Credit Check Passed>Shipped", ["A1", "A2", "A3"]),
    ],
)
def test_each_filter_keeps_exactly_these_orders(log, text, orders):
    assert kept(log, text) == orders


def test_trim_keeps_the_segment_from_first_a_to_last_b(log):
    view = Filters(steps=(Trim("Create Sales Order", "Payment Received"),)).apply(log)
    assert view.cases["case_id"].tolist() == ["A1", "A3"]
    assert view.n_events == 11
    assert view.cases["n_events"].tolist() == [5, 6]
    assert view.log.event_attributes["resource"].tolist()[:2] == ["Ann", "Bob"]
    segment = Filters(steps=(Trim("Credit Check Passed", "Shipped"),)).apply(log)
    assert segment.activity_counts().to_dict() == {"Credit Check Passed": 3, "Shipped": 3}
    assert segment.durations_seconds().tolist() == [86400.0, 7200.0, 169200.0]
    # later filters see the trimmed orders: their duration is the segment's
    assert kept(log, "trim:Credit Check Passed>Shipped", "duration>1d") == ["A1", "A3"]
    # filter sentences count against the loaded orders
    assert Filters(steps=(Trim("Credit Check Passed", "Shipped"),)).describe(3, loaded_orders(segment.log)) == (
        "Orders, only from Credit Check Passed to Shipped: 3 of 4"
    )
    assert kept(log, "orders:A2|A4|nope") == ["A2", "A4"]
    # the trimmed log is built once per log and trim
    assert Filters(steps=(Trim("Credit Check Passed", "Shipped"),)).apply(log).log is segment.log


def test_stack_applies_in_order_and_counts_each_step(log):
    filters = Filters(
        {"resource_free": ("x",)},  # an unknown attribute filters nothing, as before
        steps=(Presence(("Credit Check Failed",)), Performance(low=30 * 86400.0)),
    )
    view, counts = filters.apply_counted(log)
    assert counts == [2, 1]
    assert view.cases["case_id"].tolist() == ["A3"]
    # a percentile band is taken among the orders kept so far
    assert kept(log, "has:Credit Check Failed", "duration:p0-p50") == ["A1"]
    assert filters.case_mask(log).tolist() == [False, False, True, False]


def test_text_form_round_trips():
    texts = [
        "has:Credit Check Failed|Payment Received",
        "lacks:Payment Received",
        "starts:Create Sales Order",
        "notends:Payment Received",
        "follows:Credit Check Failed>Order Activated<1d",
        "directly:Order Activated>Shipped",
        "notfollows:A>B>2h",
        "duration>30d",
        "duration<90min",
        "duration:1d-3w",
        "duration:p90-p100",
        "time:Invoice Sent>Payment Received>45d",
        "time:Invoice Sent>Payment Received:p0-p10",
        "resource:Jane Doe|jane@acme.com",
        "department@Credit Check:Finance",
        "event.channel_code:EDI",
        "rework:yes",
        "rework:no",
        "rework:Credit Check",
        "norework:Credit Check",
        "trim:Order Activated>Shipped",
        "orders:SO-1|SO-7",
    ]
    for text in texts:
        step = parse_step(text)
        assert step is not None, text
        assert step_text(step) == text
        assert parse_step(step_text(step)) == step
    assert parse_step("follows=A>B<1.5h") == Follows("A", "B", False, True, "within", 5400.0)
    assert parse_step("rework=yes") == Rework(True)
    assert parse_step("resource=Jane Doe") == EventAttribute("resource", ("Jane Doe",))


@pytest.mark.parametrize(
    "text", ["region=EMEA", "has:", "follows:AB", "duration>30 days", "duration:p50-p200", "trim:A>B<1d", "huh", ""]
)
def test_unreadable_or_other_text_is_not_a_stack_filter(text):
    assert parse_step(text) is None


def test_url_round_trip_keeps_the_order_and_ignores_unreadable_entries():
    filters = Filters(
        {"sales_channel": ("Partner",)},
        steps=(Trim("Order Activated", "Shipped"), Presence(("Picked",), False), Performance(high=86400.0)),
    )
    query = filters.to_query()
    assert query == {
        "sales_channel": ["Partner"],
        "f": ["trim:Order Activated>Shipped", "lacks:Picked", "duration<1d"],
    }
    assert Filters.from_query(query) == filters
    broken = Filters.from_query({"f": ["nonsense", "has:Shipped", "duration>forever"]})
    assert broken.steps == (Presence(("Shipped",)),)
    assert broken.attributes == {}


def test_descriptions_in_both_languages(log):
    step = Follows("Credit Check Failed", "Order Activated", limit="within", seconds=86400.0)
    assert describe_step(step) == "Credit Check Failed followed by Order Activated within 1d"
    assert describe_step(step, "zh") == "Credit Check Failed 之后有 Order Activated(间隔不超过 1d)"
    assert describe_step(Presence(("A", "B"), False)) == "lacks A or B"
    assert describe_step(EventAttribute("resource", ("Ann",), "Shipped")) == "Shipped done by resource Ann"
    assert describe_step(EventAttribute("resource", ("Ann", "Bob")), "zh") == "执行人 Ann 或 Bob 处理过"
    assert describe_step(Performance(90.0, 100.0, True)) == "end-to-end time in percentiles 90–100"
    filters = Filters({"sales_channel": ("Partner",)}, steps=(Presence(("Shipped",)), Rework(False)))
    assert filters.describe(3, 10) == "Partner orders, has Shipped; without rework: 3 of 10"
    assert filters.describe(3, 10, "zh") == "订单(销售渠道=Partner;含 Shipped;无返工):3 / 10"


def test_unknown_names_raise_an_error_listing_the_known_ones(log):
    with pytest.raises(FixableError) as raised:
        check_steps(log, (Presence(("Credit Chek",)),))
    assert raised.value.message == "No activity or O2C step is called Credit Chek."
    assert "Create Sales Order, Credit Check Failed, Credit Check Passed, Payment Received, Shipped" in (
        raised.value.fix
    )
    with pytest.raises(FixableError, match="no attribute department"):
        check_steps(log, (EventAttribute("department", ("Finance",)),))
    check_steps(log, (Presence(("payment_received",)), EventAttribute("resource", ("Eve",))))


def test_analyze_takes_stack_filters(tmp_path, capsys):
    path = tmp_path / "tiny.csv"
    path.write_text(TINY)
    assert (
        main(["analyze", str(path), "--json", "--filter", "has=Credit Check Failed", "--filter", "duration>10d"]) == 0
    )
    summary = json.loads(capsys.readouterr().out)
    assert summary["cases"] == 1
    assert summary["filter"] == "Orders, has Credit Check Failed; end-to-end time over 10d: 1 of 4"
    assert main(["analyze", str(path), "--json", "--filter", "trim=Credit Check Passed>Shipped"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["cases"], summary["events"]) == (3, 6)
    assert main(["analyze", str(path), "--filter", "has=Credit Chek"]) == 2
    assert "Credit Chek" in capsys.readouterr().err


# --- pm4py on the public data set ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def lifecycle():
    from o2c.ingest.load import load_event_log

    frame = pd.read_csv(LIFECYCLE)
    frame["time:timestamp"] = pd.to_datetime(frame["time:timestamp"], utc=True)
    frame = frame.sort_values(["case:concept:name", "time:timestamp"], kind="stable")
    return load_event_log(LIFECYCLE.read_bytes(), LIFECYCLE.name).log, frame


def _ours(log, text: str) -> set[str]:
    return set(Filters(steps=(parse_step(text),)).apply(log).cases["case_id"])


def _cases(frame: pd.DataFrame) -> set[str]:
    return set(frame["case:concept:name"].astype(str))


def test_case_filters_match_pm4py(lifecycle):
    import pm4py

    log, frame = lifecycle
    keys = {"case_id_key": "case:concept:name", "activity_key": "concept:name", "timestamp_key": "time:timestamp"}
    checks = {
        "resource:Marco Pegoraro": pm4py.filter_event_attribute_values(
            frame, "org:resource", ["Marco Pegoraro"], level="case", case_id_key="case:concept:name"
        ),
        "starts:place order": pm4py.filter_start_activities(frame, ["place order"], **keys),
        "ends:package delivered": pm4py.filter_end_activities(frame, ["package delivered"], **keys),
        "notends:pay order": pm4py.filter_end_activities(frame, ["pay order"], retain=False, **keys),
        "follows:failed delivery>package delivered": pm4py.filter_eventually_follows_relation(
            frame, [("failed delivery", "package delivered")], **keys
        ),
        "follows:payment reminder>pick item": pm4py.filter_eventually_follows_relation(
            frame, [("payment reminder", "pick item")], **keys
        ),
        "directly:item out of stock>reorder item": pm4py.filter_directly_follows_relation(
            frame, [("item out of stock", "reorder item")], **keys
        ),
        "notdirectly:pick item>create package": pm4py.filter_directly_follows_relation(
            frame, [("pick item", "create package")], retain=False, **keys
        ),
        "duration:5d-20d": pm4py.filter_case_performance(
            frame, 5 * 86400, 20 * 86400, case_id_key="case:concept:name", timestamp_key="time:timestamp"
        ),
    }
    for text, theirs in checks.items():
        ours = _ours(log, text)
        assert ours == _cases(theirs), text
        assert len(ours) > 0, text
        if not text.startswith("starts"):  # every order of this log starts with place order
            assert len(ours) < log.n_cases, text


def test_trim_matches_pm4py_filter_between(lifecycle):
    import pm4py

    log, frame = lifecycle
    keys = {"case_id_key": "case:concept:name", "activity_key": "concept:name", "timestamp_key": "time:timestamp"}
    # confirm order and pay order happen once per order, so pm4py's sub-cases are our segments
    theirs = pm4py.filter_between(frame, "confirm order", "pay order", **keys)
    view = Filters(steps=(Trim("confirm order", "pay order"),)).apply(log)
    assert view.n_cases == theirs["case:concept:name"].nunique()
    assert view.n_events == len(theirs)
    assert view.activity_counts().to_dict() == theirs["concept:name"].value_counts().to_dict()
    ours_times = np.sort(view.log.timestamp)
    theirs_times = theirs["time:timestamp"].dt.tz_convert(None).to_numpy().astype("datetime64[ns]").view("i8")
    assert np.array_equal(ours_times, np.sort(theirs_times))
