"""One order in detail: lookup, events and waits, variant rank, rework, and the slowest orders."""

from __future__ import annotations

import numpy as np
import pandas as pd
from test_cycle_times import make_log

from o2c.discover.order_detail import find_order, order_detail, order_label, slowest_orders
from o2c.log.filters import Filters

H, D = 3_600.0, 86_400.0

REWORK = """
R1,Create Sales Order,2024-01-01T08:00:00Z,Ann
R1,Credit Check Passed,2024-01-01T09:00:00Z,Bob
R1,Inventory Allocated,2024-01-01T10:00:00Z,Cid
R1,Credit Check Passed,2024-01-02T09:00:00Z,Bob
R1,Inventory Allocated,2024-01-03T10:00:00Z,Dee
R1,Inventory Allocated,2024-01-03T11:00:00Z,Cid
R1,Shipped,2024-01-04T10:00:00Z,
R1,Shipped,2024-01-04T12:00:00Z,
R2,Create Sales Order,2024-01-01T08:00:00Z,Ann
R2,Shipped,2024-01-02T08:00:00Z,Cid
R3,Create Sales Order,2024-01-05T08:00:00Z,Ann
R3,Shipped,2024-01-08T08:00:00Z,Cid
R4,Create Sales Order,2024-01-05T08:00:00Z,Ann
R4,Credit Check Passed,2024-01-06T08:00:00Z,Bob
"""
ORDERS = pd.DataFrame(
    {
        "case_id": ["R1", "R2", "R3", "R4"],
        "order_number": pd.Categorical(["00000100", "00000101", "A-7", None]),
        "account_name": pd.Categorical(["Acme", "Beta", None, "Acme"]),
    }
)


def test_find_order_by_case_id_or_order_number():
    log = make_log(REWORK, ORDERS)
    code = {case_id: i for i, case_id in enumerate(log.cases["case_id"])}
    assert find_order(log, "R3") == code["R3"]
    assert find_order(log, "  r3 ") == code["R3"]  # trimmed, any case
    assert find_order(log, "00000101") == code["R2"]
    assert find_order(log, "101") == code["R2"]  # without the leading zeros
    assert find_order(log, "a-7") == code["R3"]
    assert find_order(log, "R9") is None
    assert find_order(log, "   ") is None


def test_find_order_in_the_tiny_log_without_order_numbers(tiny_log):
    assert find_order(tiny_log, "SO-2") == 1
    assert find_order(tiny_log, "2") is None


def test_order_label_prefers_the_order_number():
    log = make_log(REWORK, ORDERS)
    assert [order_label(log, c) for c in range(4)] == ["00000100", "00000101", "A-7", "R4"]


def test_detail_of_an_order_with_rework():
    log = make_log(REWORK, ORDERS)
    detail = order_detail(log, find_order(log, "R1"))
    assert (detail.case_id, detail.label) == ("R1", "00000100")
    assert detail.events["step"].tolist() == list(range(1, 9))
    assert detail.events["activity"].tolist()[:3] == [
        "Create Sales Order",
        "Credit Check Passed",
        "Inventory Allocated",
    ]
    assert detail.events["resource"].tolist()[:2] == ["Ann", "Bob"]
    waits = detail.events["wait_seconds"].tolist()
    assert np.isnan(waits[0]) and waits[1:] == [H, H, 23 * H, 25 * H, H, 23 * H, 2 * H]
    assert detail.duration_seconds == 3 * D + 4 * H
    assert detail.attributes.to_dict() == {"order_number": "00000100", "account_name": "Acme"}
    rework = detail.rework
    assert rework["activity"].tolist() == ["Credit Check Passed", "Inventory Allocated", "Shipped"]
    assert rework["times"].tolist() == [2, 3, 2]
    assert rework["performers"].tolist() == ["Bob", "Cid, Dee", ""]
    assert rework["same_person"].tolist() == [True, False, None]


def test_detail_without_rework_and_missing_attributes():
    log = make_log(REWORK, ORDERS)
    detail = order_detail(log, find_order(log, "R3"))
    assert detail.rework.empty and detail.rework.columns.tolist() == ["activity", "times", "performers", "same_person"]
    assert detail.attributes.to_dict() == {"order_number": "A-7"}  # the missing account is left out
    assert detail.events["wait_seconds"].tolist()[1:] == [3 * D]


def test_variant_rank_counts_the_whole_log():
    # R2 and R3 share "create -> shipped" (2 orders): rank 1. R1 (first appearance) and R4 have 1 order each.
    log = make_log(REWORK, ORDERS)
    ranks = {case_id: order_detail(log, find_order(log, case_id)) for case_id in ("R1", "R2", "R3", "R4")}
    assert [ranks[c].variant_rank for c in ("R1", "R2", "R3", "R4")] == [2, 1, 1, 3]
    assert [ranks[c].variant_orders for c in ("R1", "R2", "R3", "R4")] == [1, 2, 2, 1]
    assert ranks["R2"].variant_id == ranks["R3"].variant_id != ranks["R1"].variant_id
    assert ranks["R1"].variant_count == 3


def test_variant_rank_of_the_sample_matches_plain_pandas(sample_log):
    frame = sample_log.to_frame()
    paths = frame.groupby("case_id", sort=True)["activity"].agg(lambda a: tuple(map(str, a)))
    counts = paths.value_counts(sort=False)  # first appearance order
    ranked = sorted(counts.index, key=lambda p: (-counts[p], list(counts.index).index(p)))
    for case_id in (paths.index[0], paths.index[152], paths.index[1999]):
        detail = order_detail(sample_log, find_order(sample_log, case_id))
        assert detail.variant_rank == ranked.index(paths[case_id]) + 1
        assert detail.variant_orders == counts[paths[case_id]]
        assert detail.variant_count == len(counts)


def test_slowest_orders_longest_first_with_ties_by_case_id():
    log = make_log(REWORK, ORDERS)
    slow = slowest_orders(log.view(), 3)
    # R1 3 d 4 h, R3 3 d, R2 1 d and R4 1 d tie: the limit keeps R2 (smaller case id).
    assert slow["case_id"].tolist() == ["R1", "R3", "R2"]
    assert slow["duration_seconds"].tolist() == [3 * D + 4 * H, 3 * D, D]
    assert slow.columns.tolist() == ["case_code", "case_id", "order_number", "account_name", "duration_seconds"]
    acme = Filters({"account_name": ("Acme",)}).apply(log)
    assert slowest_orders(acme, 10)["case_id"].tolist() == ["R1", "R4"]


def test_slowest_orders_of_the_sample_match_plain_pandas(sample_log):
    frame = sample_log.to_frame()
    spans = frame.groupby("case_id")["timestamp"].agg(lambda t: (t.max() - t.min()).total_seconds())
    expected = spans.reset_index().sort_values(["timestamp", "case_id"], ascending=[False, True]).head(20)
    slow = slowest_orders(sample_log.view(), 20)
    assert slow["case_id"].tolist() == expected["case_id"].tolist()
    assert slow["duration_seconds"].tolist() == expected["timestamp"].tolist()
