"""The directly-follows map: exact numbers on hand-made logs, the detail sliders, and pm4py cross-checks."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import DATASETS, ORDERS_FLAT, SAMPLE_WORKBOOK

from o2c.discover.process_map import (
    END,
    START,
    detailed_map,
    dfg_records,
    end_activities,
    process_map,
    required_edges,
    simplify,
    start_activities,
    top_activities,
)
from o2c.log.eventlog import build_event_log

LIFECYCLE = DATASETS / "order_management" / "orders_lifecycle_flat.csv.gz"
H = 3600
D = 86400


def make_log(cases: dict[str, list[tuple[str, float]]]):
    """A log from ``{case: [(activity, hours since 2024-01-01), ...]}``; rows numbered in the given order."""
    rows = [
        (case, activity, pd.Timestamp("2024-01-01", tz="UTC") + pd.Timedelta(hours=hours))
        for case, events in cases.items()
        for activity, hours in events
    ]
    events = pd.DataFrame(rows, columns=["case_id", "activity", "timestamp"])
    return build_event_log(events.assign(row=range(2, len(events) + 2)))


def edge_rows(pm, columns=("count", "cases", "median_seconds", "mean_seconds", "p90_seconds")) -> dict:
    """``{(source name, target name): (values...)}`` with Start and End as names."""
    return {
        (pm.name(s), pm.name(t)): tuple(row)
        for s, t, *row in pm.edges[["source", "target", *columns]].itertuples(index=False)
    }


# --- exact numbers on the tiny log (conftest.TINY_EVENTS) -------------------------------------------------


def test_tiny_log_paths_counts_and_waits(tiny_log):
    pm = process_map(tiny_log.view())
    nan = float("nan")
    expected = {
        ("Start", "Create Sales Order"): (3, 3, nan, nan, nan),
        ("Create Sales Order", "Credit Check Passed"): (1, 1, 2 * H, 2 * H, 2 * H),
        ("Create Sales Order", "Credit Check Failed"): (1, 1, H, H, H),
        ("Create Sales Order", "Shipped"): (1, 1, 2 * D, 2 * D, 2 * D),
        ("Credit Check Failed", "Credit Check Passed"): (1, 1, D, D, D),
        # SO-1 waits 22 h, SO-3 waits 2 d: median and mean 35 h; p90 = 22 h + 0.9 x 26 h
        ("Credit Check Passed", "Shipped"): (2, 2, 35 * H, 35 * H, 79200 + 0.9 * 93600),
        # SO-1 waits 3 d, SO-3 waits 7 d
        ("Shipped", "Payment Received"): (2, 2, 5 * D, 5 * D, 3 * D + 0.9 * 4 * D),
        ("Shipped", "End"): (1, 1, nan, nan, nan),
        ("Payment Received", "End"): (2, 2, nan, nan, nan),
    }
    rows = edge_rows(pm)
    assert rows.keys() == expected.keys()
    for key, values in expected.items():
        np.testing.assert_allclose(rows[key], values, rtol=1e-15, err_msg=str(key))
    assert pm.n_cases == 3


def test_tiny_log_activities_most_frequent_first(tiny_log):
    table = process_map(tiny_log.view()).activities
    assert table[["name", "events", "cases"]].values.tolist() == [
        ["Create Sales Order", 3, 3],
        ["Shipped", 3, 3],
        ["Credit Check Passed", 2, 2],
        ["Payment Received", 2, 2],
        ["Credit Check Failed", 1, 1],
    ]


def test_filtered_view_keeps_only_its_orders(tiny_log):
    partner = tiny_log.cases["sales_channel"].astype(str).to_numpy() == "Partner"  # SO-2 and SO-3
    rows = edge_rows(process_map(tiny_log.view(partner)), ("count", "median_seconds"))
    assert rows[("Start", "Create Sales Order")][0] == 2
    assert rows[("Create Sales Order", "Shipped")] == (1, 2 * D)
    assert rows[("Credit Check Passed", "Shipped")] == (1, 2 * D)
    assert ("Create Sales Order", "Credit Check Passed") not in rows  # only SO-1 has it
    assert rows[("Shipped", "End")][0] == 1 and rows[("Payment Received", "End")][0] == 1


def test_repeated_path_counts_times_and_orders_separately():
    log = make_log({"A": [("X", 0), ("Y", 1), ("X", 3), ("Y", 7)], "B": [("X", 0), ("Y", 2)], "C": [("Y", 0)]})
    pm = process_map(log.view())
    rows = edge_rows(pm, ("count", "cases", "median_seconds", "mean_seconds"))
    assert rows[("X", "Y")] == (3, 2, 2 * H, 7 * H / 3)  # waits 1 h, 4 h, 2 h
    assert rows[("Y", "X")] == (1, 1, 2 * H, 2 * H)
    assert rows[("Start", "Y")][:2] == (1, 1)
    assert rows[("Y", "End")][:2] == (3, 3)
    assert pm.activities[["name", "events", "cases"]].values.tolist() == [["Y", 4, 3], ["X", 3, 2]]


def test_same_timestamp_events_keep_upload_order():
    log = make_log({"A": [("B", 0), ("A", 0), ("C", 5)]})  # B and A at the same time: B was uploaded first
    rows = edge_rows(process_map(log.view()), ("count", "median_seconds"))
    assert rows[("B", "A")] == (1, 0.0)
    assert rows[("A", "C")] == (1, 5 * H)
    assert start_activities(log.view()) == {"B": 1}


def test_only_requested_statistics_are_computed(tiny_log):
    edges = process_map(tiny_log.view(), statistics=("mean",)).edges
    assert edges["mean_seconds"].notna().sum() == 6
    assert edges["median_seconds"].isna().all() and edges["p90_seconds"].isna().all()
    counts_only = process_map(tiny_log.view(), statistics=()).edges
    assert counts_only["count"].tolist() == process_map(tiny_log.view()).edges["count"].tolist()


def test_quantiles_match_numpy_on_random_waits():
    rng = np.random.default_rng(3)
    cases = {
        f"c{i}": [(str(a), float(h)) for a, h in zip(rng.integers(0, 4, size=n), np.cumsum(rng.exponential(9, n)))]
        for i, n in enumerate(rng.integers(1, 9, size=300))
    }
    log = make_log(cases)
    pm = process_map(log.view())
    frame = log.to_frame()
    frame["next"] = frame.groupby("case_id")["activity"].shift(-1)
    frame["wait"] = frame.groupby("case_id")["timestamp"].shift(-1) - frame["timestamp"]
    frame = frame.dropna(subset=["next"])
    for (source, target), group in frame.groupby(["activity", "next"], observed=True):
        seconds = group["wait"].dt.total_seconds().to_numpy()
        row = pm.edges[
            (pm.edges["source"] == log.activity_code(source)) & (pm.edges["target"] == log.activity_code(target))
        ].iloc[0]
        assert row["count"] == len(seconds)
        assert row["median_seconds"] == np.median(seconds) == group["wait"].dt.total_seconds().median()
        assert row["p90_seconds"] == np.quantile(seconds, 0.9)
        assert row["mean_seconds"] == pytest.approx(seconds.mean(), rel=1e-12)


def test_median_is_the_mean_of_the_middle_two_like_pandas():
    # For these waits np.quantile(q=0.5) differs from np.median and pandas in the last digit; pm4py uses pandas.
    start = pd.Timestamp("2024-01-01", tz="UTC")
    events = pd.DataFrame(
        {
            "case_id": ["a", "a", "b", "b"],
            "activity": ["X", "Y", "X", "Y"],
            "timestamp": [
                start,
                start + pd.Timedelta(148764012232498, "ns"),
                start,
                start + pd.Timedelta(972628813822955, "ns"),
            ],
        }
    )
    pm = process_map(build_event_log(events.assign(row=range(4))).view())
    seconds = pd.Series([148764012232498, 972628813822955]) / 1e9
    assert np.quantile(seconds, 0.5) != seconds.median()
    assert edge_rows(pm, ("median_seconds",))[("X", "Y")] == (seconds.median(),)


def test_empty_view_has_no_paths(tiny_log):
    pm = process_map(tiny_log.view(np.zeros(3, dtype=bool)))
    assert len(pm.edges) == 0 and len(pm.activities) == 0 and pm.n_cases == 0


# --- activity detail: projection onto the most frequent activities ---------------------------------------


def test_top_activities_by_frequency_then_name(tiny_log):
    names = lambda codes: [tiny_log.activity_names[c] for c in codes]  # noqa: E731
    assert names(top_activities(tiny_log.view(), 0.4)) == ["Create Sales Order", "Shipped"]
    assert len(top_activities(tiny_log.view(), 0.0)) == 1
    assert len(top_activities(tiny_log.view(), 1.0)) == 5
    assert names(top_activities(tiny_log.view(), 0.6)) == ["Create Sales Order", "Credit Check Passed", "Shipped"]


def test_hidden_activities_are_removed_from_the_orders(tiny_log):
    kept = top_activities(tiny_log.view(), 0.4)  # Create Sales Order and Shipped
    rows = edge_rows(process_map(tiny_log.view(), kept))
    # SO-1 1 d, SO-2 2 d, SO-3 3 d 1 h: the hidden credit checks no longer sit in between
    assert rows[("Create Sales Order", "Shipped")][:2] == (3, 3)
    assert rows[("Create Sales Order", "Shipped")][2:] == pytest.approx((2 * D, (6 * D + H) / 3, 2 * D + 0.8 * (D + H)))
    assert set(rows) == {("Start", "Create Sales Order"), ("Create Sales Order", "Shipped"), ("Shipped", "End")}


def test_order_without_shown_activity_goes_from_start_to_end(tiny_log):
    paid = [tiny_log.activity_code("Payment Received")]
    rows = edge_rows(process_map(tiny_log.view(), paid), ("count", "cases"))
    assert rows == {
        ("Start", "Payment Received"): (2, 2),
        ("Payment Received", "End"): (2, 2),
        ("Start", "End"): (1, 1),
    }


# --- path detail: required paths and the strongest others ------------------------------------------------


def test_required_paths_on_tiny_log(tiny_log):
    pm = process_map(tiny_log.view())
    required = {(pm.name(pm.edges["source"][i]), pm.name(pm.edges["target"][i])) for i in required_edges(pm)}
    # Shipped -> End (1) is not needed: Shipped reaches End through Payment Received on paths of 2.
    assert required == {
        ("Start", "Create Sales Order"),
        ("Create Sales Order", "Credit Check Failed"),
        ("Create Sales Order", "Credit Check Passed"),
        ("Create Sales Order", "Shipped"),
        ("Credit Check Failed", "Credit Check Passed"),
        ("Credit Check Passed", "Shipped"),
        ("Shipped", "Payment Received"),
        ("Payment Received", "End"),
    }


def test_widest_path_prefers_the_strong_route():
    # A -> B -> D is taken 10 times, A -> D twice: D needs only the strong route.
    log = make_log(
        {
            **{f"s{i}": [("A", 0), ("B", 1), ("D", 2)] for i in range(10)},
            "w1": [("A", 0), ("D", 1)],
            "w2": [("A", 0), ("D", 3)],
        }
    )
    pm = process_map(log.view())
    simple = simplify(pm, 0.0)
    assert set(edge_rows(simple, ("count",))) == {("Start", "A"), ("A", "B"), ("B", "D"), ("D", "End")}
    assert set(edge_rows(simplify(pm, 1.0), ("count",))) == set(edge_rows(pm, ("count",)))


def test_path_share_adds_the_most_frequent_paths():
    log = make_log(
        {
            **{f"s{i}": [("A", 0), ("B", 1), ("C", 2)] for i in range(6)},
            **{f"r{i}": [("A", 0), ("C", 1)] for i in range(3)},
            "x": [("A", 0), ("B", 1)],
        }
    )
    pm = process_map(log.view())  # Start->A 10, A->B 7, B->C 6, C->End 9, A->C 3, B->End 1
    assert len(pm.edges) == 6
    assert ("A", "C") not in edge_rows(simplify(pm, 0.5), ("count",))
    assert ("A", "C") in edge_rows(simplify(pm, 5 / 6), ("count",))
    shown = [len(simplify(pm, s / 10).edges) for s in range(11)]
    assert shown == sorted(shown) and shown[-1] == 6


def _reaches(edges: pd.DataFrame, root: int, forward: bool) -> set[int]:
    step = {}
    for s, t in zip(edges["source"], edges["target"]):
        a, b = (s, t) if forward else (t, s)
        step.setdefault(a, set()).add(b)
    seen, todo = {root}, [root]
    while todo:
        for other in step.get(todo.pop(), ()):
            if other not in seen:
                seen.add(other)
                todo.append(other)
    return seen


@pytest.mark.parametrize("seed", range(12))
def test_every_shown_activity_is_reachable_from_start_and_reaches_end(seed):
    rng = np.random.default_rng(seed)
    n_activities = int(rng.integers(2, 12))
    weights = rng.dirichlet(np.ones(n_activities) * 0.4)
    cases = {
        f"c{i}": [(f"act {a}", float(k)) for k, a in enumerate(rng.choice(n_activities, size=n, p=weights))]
        for i, n in enumerate(rng.integers(1, 10, size=int(rng.integers(1, 80))))
    }
    log = make_log(cases)
    for activity_share, path_share in rng.uniform(0, 1, size=(6, 2)).tolist() + [[0, 0], [1, 0]]:
        pm, full = detailed_map(log.view(), activity_share, path_share)
        nodes = set(pm.activities["code"])
        assert nodes <= _reaches(pm.edges, START, forward=True)
        assert nodes <= _reaches(pm.edges, END, forward=False)
        assert END in _reaches(pm.edges, START, forward=True)
        assert set(pm.edges["source"]) | set(pm.edges["target"]) <= nodes | {START, END}
        assert len(pm.edges) >= min(len(full.edges), int(np.ceil(path_share * len(full.edges) - 1e-9)))


# --- analyze --json pieces --------------------------------------------------------------------------------


def test_dfg_records_and_boundary_activities(tiny_log):
    view = tiny_log.view()
    assert dfg_records(view)[:2] == [
        {"from": "Credit Check Passed", "to": "Shipped", "count": 2, "median_seconds": 126000.0},
        {"from": "Shipped", "to": "Payment Received", "count": 2, "median_seconds": 432000.0},
    ]
    assert len(dfg_records(view)) == 6
    assert start_activities(view) == {"Create Sales Order": 3}
    assert end_activities(view) == {"Payment Received": 2, "Shipped": 1}
    assert list(end_activities(view)) == ["Payment Received", "Shipped"]


# --- pm4py cross-checks on real data and the sample workbook ---------------------------------------------


def _read_csv(path) -> pd.DataFrame:
    frame = pd.read_csv(path)
    frame["time:timestamp"] = pd.to_datetime(frame["time:timestamp"], utc=True)
    return frame


def _read_workbook(path) -> pd.DataFrame:
    events = pd.read_excel(path, sheet_name="Events", engine="openpyxl")
    return pd.DataFrame(
        {
            "case:concept:name": events["case_id"].astype(str),
            "concept:name": events["activity"],
            "time:timestamp": pd.to_datetime(events["timestamp"], utc=True),
        }
    )


@pytest.fixture(scope="module", params=["orders_flat", "orders_lifecycle", "sample"])
def reference(request):
    """(our log, pm4py's DFG, performance DFG, start and end activities) for one data set."""
    import pm4py

    from o2c.ingest.load import load_event_log

    path, reader = {
        "orders_flat": (ORDERS_FLAT, _read_csv),
        "orders_lifecycle": (LIFECYCLE, _read_csv),
        "sample": (SAMPLE_WORKBOOK, _read_workbook),
    }[request.param]
    log = load_event_log(path.read_bytes(), path.name).log
    # Stable by case then time, so same-time events keep the file order, as ours do.
    frame = reader(path).sort_values(["case:concept:name", "time:timestamp"], kind="stable").reset_index(drop=True)
    performance, _, _ = pm4py.discover_performance_dfg(frame)
    return (
        log,
        pm4py.discover_dfg(frame)[0],
        performance,
        pm4py.get_start_activities(frame),
        pm4py.get_end_activities(frame),
    )


def test_dfg_counts_match_pm4py(reference):
    log, dfg, _, _, _ = reference
    ours = {(r["from"], r["to"]): r["count"] for r in dfg_records(log.view())}
    assert ours == dict(dfg)


def test_start_and_end_activities_match_pm4py(reference):
    log, _, _, starts, ends = reference
    assert start_activities(log.view()) == dict(starts)
    assert end_activities(log.view()) == dict(ends)
    edges = edge_rows(process_map(log.view()), ("count",))
    assert {t: c for (s, t), (c,) in edges.items() if s == "Start"} == dict(starts)
    assert {s: c for (s, t), (c,) in edges.items() if t == "End"} == dict(ends)


def test_waiting_times_match_pm4py(reference):
    log, _, performance, _, _ = reference
    edges = edge_rows(process_map(log.view()), ("median_seconds", "mean_seconds"))
    assert {k for k in edges if "Start" not in k and "End" not in k} == set(performance)
    for pair, stats in performance.items():
        median, mean = edges[pair]
        assert median == stats["median"], pair
        assert mean == pytest.approx(stats["mean"], rel=1e-12), pair


def test_reference_numbers_of_the_lifecycle_log():
    from o2c.ingest.load import load_event_log

    log = load_event_log(LIFECYCLE.read_bytes(), LIFECYCLE.name).log
    assert len(dfg_records(log.view())) == 92
    assert end_activities(log.view()) == {"package delivered": 1212, "pay order": 788}


def test_sample_map_shows_the_planted_partner_wait(sample_log):
    partner = sample_log.cases["sales_channel"].astype(str).to_numpy() == "Partner"
    waits = edge_rows(process_map(sample_log.view(partner), statistics=("median",)), ("median_seconds",))
    others = edge_rows(process_map(sample_log.view(~partner), statistics=("median",)), ("median_seconds",))
    step = ("Credit Check Passed", "Order Activated")
    assert waits[step][0] > 10 * others[step][0]


# --- BPMN through pm4py's inductive miner -----------------------------------------------------------------


@pytest.mark.parametrize("noise", [0.0, 0.2])
def test_bpmn_tree_matches_pm4py_on_the_event_frame(sample_log, noise):
    import pm4py

    from o2c.discover.bpmn import discover_bpmn

    frame = sample_log.to_frame().rename(
        columns={"case_id": "case:concept:name", "activity": "concept:name", "timestamp": "time:timestamp"}
    )
    frame["concept:name"] = frame["concept:name"].astype(str)
    expected = pm4py.discover_process_tree_inductive(frame, noise_threshold=noise)
    model = discover_bpmn(sample_log.view(), noise)
    assert model.tree == str(expected)
    tasks = sorted(n.label for n in model.nodes if n.kind == "task")
    assert tasks == sorted(sample_log.activity_names)
    assert [n.kind for n in model.nodes].count("start") == 1 and [n.kind for n in model.nodes].count("end") == 1
    ids = {n.id for n in model.nodes}
    assert all(s in ids and t in ids for s, t in model.flows)
