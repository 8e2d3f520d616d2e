"""Rework: exact numbers on a hand-made log, a plain-Python reference on real data, and pm4py's rework counts."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pytest
from conftest import DATASETS, ORDERS_FLAT, SAMPLE_WORKBOOK

from o2c.discover.rework import BY_ACTIVITY_COLUMNS, activity_families, affected_orders, rework, rework_summary
from o2c.log.eventlog import build_event_log

LIFECYCLE = DATASETS / "order_management" / "orders_lifecycle_flat.csv.gz"
HOUR = 3600.0
FAMILY = "Check (Failed / Passed)"

# case -> (steps as activity/resource, hours from first to last event); "-" is a missing resource.
ORDERS = {
    "X1": ("A/ann A/ann B/bob A/cid C/dan", 10),  # A: self-loop repeat, then back-loop redo; ping-pong A-B-A
    "X2": ("A/ann B/bob A/bob B/bob", 20),  # A: back-loop redo; B: back-loop repeat; A-B-A and B-A-B
    "X3": ("A/ann C/dan", 100),  # no rework
    "X4": ("Check_Failed/eve Check_Passed/eve", 40),  # only the check family repeats
    "X5": ("A/ann A/-", 50),  # a repetition with an unknown resource: neither repeat nor redo
    "X6": ("Check_Passed/fay Check_Passed/fay", 60),  # an activity repeat, which is also the family's
}


def log_from(orders: dict[str, tuple[str, float]], with_resource: bool = True):
    """A log whose orders run the given activity/resource steps, evenly spread over the given hours."""
    rows = []
    start = pd.Timestamp("2024-01-01", tz="UTC")
    for case, (steps, hours) in orders.items():
        pairs = [step.split("/") for step in steps.split()]
        for i, (activity, resource) in enumerate(pairs):
            row = {
                "case_id": case,
                "activity": activity.replace("_", " "),
                "row": len(rows) + 2,
                "timestamp": start + pd.Timedelta(hours=hours * i / (len(pairs) - 1)),
            }
            if with_resource:
                row["resource"] = None if resource == "-" else resource
            rows.append(row)
    return build_event_log(pd.DataFrame(rows))


@pytest.fixture(scope="module")
def log():
    return log_from(ORDERS)


def row_of(table: pd.DataFrame, activity: str) -> dict:
    found = table[table["activity"] == activity]
    assert len(found) == 1, activity
    return found.iloc[0].to_dict()


def test_families_are_outcomes_of_one_check():
    assert activity_families(
        ["Credit Check Failed", "Credit Check Passed", "Order Approved", "Bypassed", "Passed"]
    ) == {
        "Credit Check Failed": "Credit Check (Failed / Passed)",
        "Credit Check Passed": "Credit Check (Failed / Passed)",
    }
    assert activity_families(["信用检查未通过", "信用检查通过"]) == {
        "信用检查未通过": "信用检查 (未通过 / 通过)",
        "信用检查通过": "信用检查 (未通过 / 通过)",
    }
    assert activity_families(["Order Approved", "Order Rejected", "Quote-Accepted"]) == {
        "Order Approved": "Order (Approved / Rejected)",
        "Order Rejected": "Order (Approved / Rejected)",
    }
    assert activity_families(["Check Passed", "Bypassed", "Ship"]) == {}


def test_rework_per_activity_exact(log):
    result = rework(log.view())
    table = result.by_activity
    assert list(table.columns) == list(BY_ACTIVITY_COLUMNS)
    assert table["activity"].tolist() == ["A", FAMILY, "B", "Check Passed"]
    assert table["family"].tolist() == [False, True, False, False]
    a = row_of(table, "A")
    assert (a["orders"], a["extra"], a["repeat"], a["redo"], a["orders_repeat"], a["orders_redo"]) == (3, 4, 1, 2, 1, 2)
    assert (a["self_loops"], a["orders_self_loop"], a["back_loops"], a["orders_back_loop"]) == (2, 2, 2, 2)
    assert a["share"] == pytest.approx(0.5)
    assert (a["median_with_seconds"] / HOUR, a["median_without_seconds"] / HOUR) == (20, 60)  # (10,20,50) (40,60,100)
    b = row_of(table, "B")
    assert (b["orders"], b["extra"], b["repeat"], b["redo"], b["orders_repeat"], b["orders_redo"]) == (1, 1, 1, 0, 1, 0)
    assert (b["self_loops"], b["orders_self_loop"], b["back_loops"], b["orders_back_loop"]) == (0, 0, 1, 1)
    assert (b["median_with_seconds"] / HOUR, b["median_without_seconds"] / HOUR) == (20, 50)
    passed = row_of(table, "Check Passed")
    assert (passed["orders"], passed["extra"], passed["repeat"], passed["redo"]) == (1, 1, 1, 0)
    assert passed["self_loops"] == 1
    assert (passed["median_with_seconds"] / HOUR, passed["median_without_seconds"] / HOUR) == (60, 40)
    family = row_of(table, FAMILY)
    assert (family["orders"], family["extra"], family["repeat"], family["redo"]) == (2, 2, 2, 0)
    assert (family["self_loops"], family["back_loops"]) == (2, 0)
    assert (family["median_with_seconds"] / HOUR, family["median_without_seconds"] / HOUR) == (50, 35)


def test_rework_rate_medians_and_ping_pong_exact(log):
    result = rework(log.view())
    assert (result.orders, result.orders_with_rework, result.orders_with_any_rework) == (6, 4, 5)
    assert result.rate == pytest.approx(4 / 6)
    assert result.rate_with_families == pytest.approx(5 / 6)
    assert result.has_resource
    assert result.median_with_seconds / HOUR == 35  # X1, X2, X5, X6: 10, 20, 50, 60
    assert result.median_without_seconds / HOUR == 70  # X3, X4: 100, 40
    pings = result.ping_pong
    assert pings["pattern"].tolist() == ["A → B → A", "B → A → B"]
    assert pings["occurrences"].tolist() == [2, 1]
    assert pings["orders"].tolist() == [2, 1]
    assert pings["share"].tolist() == pytest.approx([2 / 6, 1 / 6])


def test_rework_follows_the_view(log):
    mask = log.cases["case_id"].isin(["X2", "X3", "X4"]).to_numpy()
    result = rework(log.view(mask))
    assert (result.orders, result.orders_with_rework, result.orders_with_any_rework) == (3, 1, 2)
    assert result.by_activity["activity"].tolist() == ["A", "B", FAMILY]
    assert row_of(result.by_activity, "A")["median_without_seconds"] / HOUR == 70  # X3, X4: 100, 40
    assert result.ping_pong["orders"].tolist() == [1, 1]
    empty = rework(log.view(np.zeros(log.n_cases, dtype=bool)))
    assert (empty.orders, empty.rate, empty.by_activity.empty, empty.ping_pong.empty) == (0, 0.0, True, True)
    assert empty.median_with_seconds is None


def test_without_resource_there_is_no_repeat_or_redo():
    result = rework(log_from(ORDERS, with_resource=False).view())
    assert not result.has_resource
    assert result.by_activity["repeat"].sum() == result.by_activity["redo"].sum() == 0
    assert row_of(result.by_activity, "A")["extra"] == 4


def test_affected_orders_list_and_focus(log):
    orders = affected_orders(log.view())
    assert orders.columns.tolist() == ["case_id", "rework"]
    assert orders.to_dict("list") == {
        "case_id": ["X1", "X2", "X4", "X5", "X6"],
        "rework": ["A ×3", "A ×2; B ×2", f"{FAMILY} ×2", "A ×2", "Check Passed ×2"],
    }
    assert affected_orders(log.view(), "B")["case_id"].tolist() == ["X2"]
    assert affected_orders(log.view(), FAMILY)["case_id"].tolist() == ["X4", "X6"]
    assert affected_orders(log.view(), "C").empty


def test_affected_orders_carry_order_number_and_account(sample_log):
    orders = affected_orders(sample_log.view(), "Inventory Allocated")
    assert orders.columns.tolist() == ["case_id", "order_number", "account_name", "rework"]
    assert len(orders) == 164
    assert orders["rework"].str.contains("Inventory Allocated ×2").all()


def test_summary_for_json(log):
    assert rework_summary(log.view()) == {
        "rate": pytest.approx(4 / 6),
        "by_activity": {"A": 3, "B": 1, "Check Passed": 1},
    }


# --- a plain-Python reference and pm4py on real data -------------------------------------------------------------


def reference(log) -> pd.DataFrame:
    """The per-activity numbers, order by order in plain Python (slow, obviously right)."""
    names = np.array(log.activity_names, dtype=object)
    resource = log.event_attributes.get("resource")
    who = np.asarray(resource, dtype=object) if resource is not None else np.full(log.n_events, None)
    durations = log.case_duration_seconds
    counts: dict[str, Counter] = {}
    orders: dict[str, dict[str, set[int]]] = {}
    for case in range(log.n_cases):
        lo, hi = log.case_offsets[case], log.case_offsets[case + 1]
        last_seen: dict[str, int] = {}
        first_by: dict[str, object] = {}
        for i, (act, person) in enumerate(zip(names[log.activity[lo:hi]], who[lo:hi])):
            if act not in last_seen:
                first_by[act] = person
            else:
                kinds = ["extra", "self_loop" if last_seen[act] == i - 1 else "back_loop"]
                if isinstance(person, str) and isinstance(first_by[act], str):
                    kinds.append("repeat" if person == first_by[act] else "redo")
                for kind in kinds:
                    counts.setdefault(act, Counter())[kind] += 1
                    orders.setdefault(act, {}).setdefault(kind, set()).add(case)
            last_seen[act] = i
    rows = []
    for act, count in counts.items():
        with_cases = sorted(orders[act]["extra"])
        others = np.setdiff1d(np.arange(log.n_cases), with_cases)
        rows.append(
            {
                "activity": act,
                "orders": len(with_cases),
                "extra": count["extra"],
                "repeat": count["repeat"],
                "orders_repeat": len(orders[act].get("repeat", ())),
                "redo": count["redo"],
                "orders_redo": len(orders[act].get("redo", ())),
                "self_loops": count["self_loop"],
                "orders_self_loop": len(orders[act].get("self_loop", ())),
                "back_loops": count["back_loop"],
                "orders_back_loop": len(orders[act].get("back_loop", ())),
                "median_with_seconds": float(np.median(durations[with_cases])),
                "median_without_seconds": float(np.median(durations[others])) if others.size else np.nan,
            }
        )
    return pd.DataFrame(rows).set_index("activity").sort_index()


def reference_ping_pong(log) -> dict[str, tuple[int, int]]:
    names = log.activity_names
    found: dict[str, list] = {}
    for case in range(log.n_cases):
        acts = [names[a] for a in log.activity[log.case_offsets[case] : log.case_offsets[case + 1]]]
        for first, second, third in zip(acts, acts[1:], acts[2:]):
            if first == third != second:
                found.setdefault(f"{first} → {second} → {first}", []).append(case)
    return {pattern: (len(cases), len(set(cases))) for pattern, cases in found.items()}


@pytest.fixture(scope="module")
def lifecycle_log():
    from o2c.ingest.load import load_event_log

    return load_event_log(LIFECYCLE.read_bytes(), LIFECYCLE.name).log


@pytest.mark.parametrize("name", ["sample", "lifecycle", "tiny"])
def test_engine_matches_the_plain_python_reference(name, request, log):
    data = {"sample": "sample_log", "lifecycle": "lifecycle_log"}
    chosen = request.getfixturevalue(data[name]) if name in data else log
    result = rework(chosen.view())
    ours = result.by_activity[~result.by_activity["family"]].set_index("activity").sort_index()
    expected = reference(chosen)
    assert ours.index.tolist() == expected.index.tolist()
    for column in expected.columns:
        assert ours[column].tolist() == pytest.approx(expected[column].tolist(), nan_ok=True), column
    pings = {
        p: (o, n)
        for p, o, n in zip(result.ping_pong["pattern"], result.ping_pong["occurrences"], result.ping_pong["orders"])
    }
    assert pings == reference_ping_pong(chosen)


def _pm4py_rework(frame: pd.DataFrame) -> dict[str, int]:
    import pm4py

    frame = frame.sort_values(["case:concept:name", "time:timestamp"], kind="stable")
    formatted = pm4py.format_dataframe(
        frame, case_id="case:concept:name", activity_key="concept:name", timestamp_key="time:timestamp"
    )
    return {str(k): int(v) for k, v in pm4py.get_rework_cases_per_activity(formatted).items() if v}


def _csv_frame(path) -> pd.DataFrame:
    frame = pd.read_csv(path)
    frame["time:timestamp"] = pd.to_datetime(frame["time:timestamp"], utc=True)
    return frame


def test_orders_flat_rework_matches_pm4py(orders_flat_log):
    summary = rework_summary(orders_flat_log.view())
    assert summary["by_activity"] == _pm4py_rework(_csv_frame(ORDERS_FLAT)) == {"payment reminder": 99}
    assert summary["rate"] == 99 / 2000


def test_lifecycle_rework_matches_pm4py(lifecycle_log):
    summary = rework_summary(lifecycle_log.view())
    theirs = _pm4py_rework(_csv_frame(LIFECYCLE))
    assert summary["by_activity"] == theirs
    assert summary["by_activity"]["pick item"] == 1841
    assert summary["by_activity"]["payment reminder"] == 99


def test_sample_rework_matches_pm4py(sample_log):
    events = pd.read_excel(SAMPLE_WORKBOOK, sheet_name="Events", engine="calamine")
    frame = pd.DataFrame(
        {
            "case:concept:name": events["case_id"].astype(str),
            "concept:name": events["activity"],
            "time:timestamp": pd.to_datetime(events["timestamp"], utc=True),
        }
    )
    summary = rework_summary(sample_log.view())
    assert (
        summary["by_activity"]
        == _pm4py_rework(frame)
        == {"Inventory Allocated": 164, "Credit Check Passed": 82, "Payment Reminder Sent": 34}
    )
    assert summary["rate"] == 270 / 2000
    # The planted problems: about 15% of orders have two credit-check events, 8.2% re-allocate after a change.
    result = rework(sample_log.view())
    assert row_of(result.by_activity, "Credit Check (Failed / Passed)")["orders"] == 299
    assert result.ping_pong.iloc[0][["pattern", "orders"]].tolist() == [
        "Inventory Allocated → Order Changed → Inventory Allocated",
        164,
    ]
