"""Bottlenecks: exact transition totals on hand-made logs, plain pandas on the sample, pm4py's DFG on real data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import ORDERS_FLAT
from test_cycle_times import make_log

from o2c.discover.bottlenecks import slowest_on_transition, transition_index, transition_ranking
from o2c.log.filters import Filters

H, D = 3_600.0, 86_400.0


def test_ranking_of_the_tiny_log(tiny_log):
    ranking = transition_ranking(tiny_log.view())
    # SO-1: create -2h-> passed -22h-> shipped -3d-> paid; SO-2: create -2d-> shipped;
    # SO-3: create -1h-> failed -1d-> passed -2d-> shipped -7d-> paid.
    assert list(zip(ranking["source"], ranking["target"])) == [
        ("Shipped", "Payment Received"),
        ("Credit Check Passed", "Shipped"),
        ("Create Sales Order", "Shipped"),
        ("Credit Check Failed", "Credit Check Passed"),
        ("Create Sales Order", "Credit Check Passed"),
        ("Create Sales Order", "Credit Check Failed"),
    ]
    assert ranking["count"].tolist() == [2, 2, 1, 1, 1, 1]
    assert ranking["total_seconds"].tolist() == [10 * D, 22 * H + 2 * D, 2 * D, D, 2 * H, H]
    assert ranking["median_seconds"].tolist() == [5 * D, 35 * H, 2 * D, D, 2 * H, H]
    assert ranking["p90_seconds"].tolist() == [3 * D + 0.9 * 4 * D, 22 * H + 0.9 * 26 * H, 2 * D, D, 2 * H, H]
    overall = 10 * D + (22 * H + 2 * D) + 2 * D + D + 3 * H
    assert ranking["share"].tolist() == pytest.approx(
        [10 * D / overall, (22 * H + 2 * D) / overall, 2 * D / overall, D / overall, 2 * H / overall, H / overall],
        rel=1e-15,
    )
    assert ranking["total_seconds"].sum() == overall


def test_ranking_follows_the_filters(tiny_log):
    partner = Filters({"sales_channel": ("Partner",)}).apply(tiny_log)  # SO-2 and SO-3
    ranking = transition_ranking(partner)
    assert ranking[["source", "target"]].iloc[0].tolist() == ["Shipped", "Payment Received"]
    assert ranking["total_seconds"].iloc[0] == 7 * D
    assert ranking["count"].sum() == 5
    assert ("Create Sales Order", "Credit Check Passed") not in set(zip(ranking["source"], ranking["target"]))
    assert transition_ranking(tiny_log.view(np.zeros(3, dtype=bool))).empty


TIES = """
A,Create Sales Order,2024-01-01T00:00:00Z,x
A,Shipped,2024-01-02T00:00:00Z,x
B,Create Sales Order,2024-01-01T00:00:00Z,x
B,Credit Check Passed,2024-01-02T00:00:00Z,x
C,Payment Reminder Sent,2024-01-01T00:00:00Z,x
C,Payment Reminder Sent,2024-01-15T00:00:00Z,x
C,Payment Reminder Sent,2024-01-29T00:00:00Z,x
C,Payment Received,2024-01-30T00:00:00Z,x
D,Payment Reminder Sent,2024-01-01T00:00:00Z,x
D,Payment Reminder Sent,2024-01-31T00:00:00Z,x
E,Payment Reminder Sent,2024-01-01T00:00:00Z,x
E,Payment Reminder Sent,2024-01-29T00:00:00Z,x
"""


def test_equal_totals_keep_activity_order_and_repeats_add_up():
    log = make_log(TIES)
    ranking = transition_ranking(log.view())
    pairs = list(zip(ranking["source"], ranking["target"]))
    assert pairs == [
        ("Payment Reminder Sent", "Payment Reminder Sent"),
        ("Create Sales Order", "Credit Check Passed"),
        ("Create Sales Order", "Shipped"),
        ("Payment Reminder Sent", "Payment Received"),
    ]
    assert ranking["count"].tolist() == [4, 1, 1, 1]
    assert ranking["total_seconds"].tolist() == [86 * D, D, D, D]
    slow = slowest_on_transition(log.view(), "Payment Reminder Sent", "Payment Reminder Sent")
    # C waits 14 + 14 days over two steps, D 30 days once, E 28 days once: C and E tie, C sorts first.
    assert slow["case_id"].tolist() == ["D", "C", "E"]
    assert slow["times"].tolist() == [1, 2, 1]
    assert slow["wait_seconds"].tolist() == [30 * D, 28 * D, 28 * D]
    two = slowest_on_transition(log.view(), "Payment Reminder Sent", "Payment Reminder Sent", limit=2)
    assert two["case_id"].tolist() == ["D", "C"]


def test_slowest_orders_on_a_transition_of_the_tiny_log(tiny_log):
    slow = slowest_on_transition(tiny_log.view(), "Shipped", "Payment Received")
    assert slow.columns.tolist() == ["case_code", "case_id", "account_name", "times", "wait_seconds"]
    assert slow["case_id"].tolist() == ["SO-3", "SO-1"]
    assert slow["account_name"].tolist() == ["Acme", "Acme"]
    assert slow["wait_seconds"].tolist() == [7 * D, 3 * D]
    partner = Filters({"sales_channel": ("Partner",)}).apply(tiny_log)
    assert slowest_on_transition(partner, "Shipped", "Payment Received")["case_id"].tolist() == ["SO-3"]
    assert slowest_on_transition(tiny_log.view(), "Payment Received", "Shipped").empty
    assert slowest_on_transition(tiny_log.view(), "Nope", "Shipped").empty


def test_transition_index_is_built_once_per_log(tiny_log):
    assert transition_index(tiny_log) is transition_index(tiny_log)
    index = transition_index(tiny_log)
    assert index.bounds[-1] == tiny_log.n_events - tiny_log.n_cases  # every step inside an order, once


def _pandas_steps(frame: pd.DataFrame) -> pd.DataFrame:
    """Directly-follows steps with plain pandas: each event and the next event of the same case."""
    same = frame["case_id"].eq(frame["case_id"].shift(-1))
    steps = pd.DataFrame(
        {
            "source": frame["activity"].astype(str),
            "target": frame["activity"].astype(str).shift(-1),
            "wait": (frame["timestamp"].shift(-1) - frame["timestamp"]).dt.total_seconds(),
            "case_id": frame["case_id"],
        }
    )
    return steps[same]


def test_ranking_of_the_sample_matches_plain_pandas(sample_log):
    steps = _pandas_steps(sample_log.to_frame())
    expected = (
        steps.groupby(["source", "target"])["wait"]
        .agg(count="size", total="sum", median="median", p90=lambda w: w.quantile(0.9))
        .reset_index()
    )
    expected = expected.sort_values(["total", "source", "target"], ascending=[False, True, True])
    ranking = transition_ranking(sample_log.view())
    assert list(zip(ranking["source"], ranking["target"])) == list(zip(expected["source"], expected["target"]))
    assert ranking["count"].tolist() == expected["count"].tolist()
    assert ranking["total_seconds"].tolist() == expected["total"].tolist()  # whole seconds: sums are exact
    assert ranking["median_seconds"].tolist() == expected["median"].tolist()
    assert ranking["p90_seconds"].tolist() == expected["p90"].tolist()
    assert ranking[["source", "target"]].iloc[0].tolist() == ["Invoice Sent", "Payment Received"]


def _activation_row(ranking: pd.DataFrame) -> pd.Series:
    return ranking[(ranking["source"] == "Credit Check Passed") & (ranking["target"] == "Order Activated")].iloc[0]


def test_planted_partner_wait_before_activation(sample_log):
    partner = Filters({"sales_channel": ("Partner",)}).apply(sample_log)
    others = Filters({"sales_channel": ("Direct", "Online", "Distributor")}).apply(sample_log)
    partner_row, others_row = _activation_row(transition_ranking(partner)), _activation_row(transition_ranking(others))
    steps = _pandas_steps(sample_log.to_frame())
    channel = sample_log.cases.set_index("case_id")["sales_channel"]
    waits = steps[(steps["source"] == "Credit Check Passed") & (steps["target"] == "Order Activated")]
    partner_waits = waits.loc[waits["case_id"].map(channel).eq("Partner").to_numpy(), "wait"]
    assert partner_row["median_seconds"] == partner_waits.median()
    assert partner_row["count"] == partner_waits.size
    assert partner_row["median_seconds"] > 10 * others_row["median_seconds"]


def test_counts_and_median_waits_equal_pm4py_performance_dfg(orders_flat_log):
    pm4py = pytest.importorskip("pm4py")
    frame = pd.read_csv(ORDERS_FLAT)
    frame["time:timestamp"] = pd.to_datetime(frame["time:timestamp"], utc=True, format="ISO8601")
    frame = pm4py.format_dataframe(
        frame, case_id="case:concept:name", activity_key="concept:name", timestamp_key="time:timestamp"
    )
    dfg, _, _ = pm4py.discover_dfg(frame)
    performance, _, _ = pm4py.discover_performance_dfg(frame)
    ranking = transition_ranking(orders_flat_log.view())
    ours = {
        (s, t): (c, m, total)
        for s, t, c, m, total in zip(
            ranking["source"], ranking["target"], ranking["count"], ranking["median_seconds"], ranking["total_seconds"]
        )
    }
    assert set(ours) == set(dfg)
    for edge, (count, median, total) in ours.items():
        assert count == dfg[edge]
        assert median == performance[edge]["median"]
        assert total == pytest.approx(performance[edge]["sum"], rel=1e-12)
