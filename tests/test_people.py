"""People and teams: exact numbers on the tiny log, a hand-made rework log, and independent pandas checks on the
sample (performers, handovers, repetitions, workload balance, the self-checking reps)."""

from __future__ import annotations

import shutil

import numpy as np
import pandas as pd
import pytest
from test_rules import make_log

from o2c.discover.rework import rework
from o2c.improve.people import (
    CONCENTRATED_TOP3,
    _ascending,
    activity_performers,
    handover_dot,
    handover_summary,
    handovers,
    people_levels,
    performers,
    run_medians,
    weekly_workload,
    workload_balance,
)
from o2c.ingest.sample import SELF_CHECKING_REPS

HOUR, DAY = 3_600.0, 86_400.0


def rows(table: pd.DataFrame, *columns: str) -> list[tuple]:
    return [tuple(row) for row in table[list(columns)].itertuples(index=False)]


# --- the tiny log: SO-1 Ann, Bob, Cid, Dee; SO-2 Ann, Cid; SO-3 Eve, Bob, Bob, Cid, Dee -------------------------


def test_tiny_levels(tiny_log):
    assert people_levels(tiny_log) == ["resource"]


def test_tiny_performers(tiny_log):
    table = performers(tiny_log.view(), "resource")
    assert rows(table, "performer", "events", "orders") == [
        ("Bob", 3, 2),
        ("Cid", 3, 3),
        ("Ann", 2, 2),
        ("Dee", 2, 2),
        ("Eve", 1, 1),
    ]
    waits = dict(zip(table["performer"], table["median_wait_seconds"]))
    # Bob: 22 h to Shipped in SO-1; 24 h to his second check and 48 h to Shipped in SO-3 -> median 24 h.
    assert waits["Bob"] == 24 * HOUR
    assert waits["Ann"] == (2 * HOUR + 2 * DAY) / 2  # 2 h to Bob in SO-1, 2 d to Cid in SO-2
    assert waits["Cid"] == 5 * DAY  # 3 d, 2 d (SO-2 ends: no wait), 7 d -> waits 3 d and 7 d
    assert waits["Eve"] == HOUR
    assert np.isnan(waits["Dee"])  # Dee's payments end their orders
    assert table["repetitions"].sum() == 0  # Failed and Passed are different activities
    weekly = table.set_index("performer")
    # Bob works in the week of 2024-01-01 (1 event) and the week of 2024-02-26 (2 events, SO-3 on 1 and 2 March).
    assert (weekly.at["Bob", "active_weeks"], weekly.at["Bob", "weekly_median"], weekly.at["Bob", "weekly_peak"]) == (
        2,
        1.5,
        2,
    )
    assert weekly.at["Ann", "mean_position"] == 0.0 and weekly.at["Dee", "mean_position"] == 1.0


def test_tiny_handovers(tiny_log):
    table = handovers(tiny_log.view(), "resource")
    assert rows(table, "source", "target", "handovers", "orders", "median_wait_seconds") == [
        ("Bob", "Cid", 2, 2, (22 * HOUR + 2 * DAY) / 2),
        ("Cid", "Dee", 2, 2, (3 * DAY + 7 * DAY) / 2),
        ("Ann", "Bob", 1, 1, 2 * HOUR),
        ("Ann", "Cid", 1, 1, 2 * DAY),
        ("Eve", "Bob", 1, 1, HOUR),
    ]  # Bob -> Bob in SO-3 is no handover
    summary = handover_summary(tiny_log.view(), "resource")
    assert (summary.handovers, summary.per_order) == (7, 7 / 3)
    assert summary.median_wait_seconds == 2 * DAY  # of 1 h, 2 h, 22 h, 2 d, 2 d, 3 d, 7 d


def test_tiny_filter_only_masks(tiny_log):
    view = tiny_log.view(np.array([True, False, True]))  # without SO-2
    table = handovers(view, "resource")
    assert ("Ann", "Cid") not in set(zip(table["source"], table["target"]))
    assert rows(performers(view, "resource"), "performer", "events", "orders")[:3] == [
        ("Bob", 3, 2),
        ("Cid", 2, 2),
        ("Dee", 2, 2),
    ]
    assert handover_summary(view, "resource").handovers == 6


def test_tiny_weekly_workload_has_empty_weeks(tiny_log):
    weekly = weekly_workload(tiny_log.view(), "resource", "Bob")
    assert (weekly["week"].iloc[0], weekly["week"].iloc[-1]) == (pd.Timestamp("2024-01-01"), pd.Timestamp("2024-03-11"))
    assert len(weekly) == 11 and weekly["events"].sum() == 3
    assert dict(zip(weekly["week"], weekly["events"]))[pd.Timestamp("2024-02-26")] == 2
    assert weekly_workload(tiny_log.view(), "resource", "Nobody").empty


def test_tiny_workload_balance(tiny_log):
    table = workload_balance(tiny_log.view(), "resource").set_index("activity")
    create = table.loc["Create Sales Order"]
    assert (create["executions"], create["performers"], create["top_performer"]) == (3, 2, "Ann")
    assert create["top1_share"] == pytest.approx(2 / 3) and create["top3_share"] == 1.0
    assert create["gini"] == pytest.approx(1 / 6)  # counts 2, 1: sum |xi - xj| over ordered pairs 2, over 2 n² mean 12
    assert table.loc["Shipped", "gini"] == 0.0 and not table["concentrated"].any()
    assert (table["unassigned"] == 0).all()
    assert rows(activity_performers(tiny_log.view(), "resource", "Create Sales Order"), "performer", "executions") == [
        ("Ann", 2),
        ("Eve", 1),
    ]


def test_missing_level_gives_empty_tables(tiny_log):
    view = tiny_log.view()
    assert performers(view, "role").empty and handovers(view, "role").empty
    assert handover_summary(view, "role").median_wait_seconds is None
    balance = workload_balance(view, "role").set_index("activity")
    assert (balance["performers"] == 0).all() and (balance["executions"] == 0).all()
    assert balance["unassigned"].to_dict() == view.activity_counts().to_dict()


# --- repetitions and concentration on hand-made logs -----------------------------------------------------------


def test_repetitions_follow_the_rework_definition():
    log = make_log(
        [
            ("A", "Create Sales Order", "2024-01-01 08:00", "Ann"),
            ("A", "Credit Check Passed", "2024-01-01 09:00", "Bob"),
            ("A", "Credit Check Passed", "2024-01-01 10:00", "Bob"),
            ("A", "Credit Check Passed", "2024-01-01 11:00", "Cid"),
            ("A", "Shipped", "2024-01-02 08:00", ""),
            ("B", "Create Sales Order", "2024-01-01 08:00", "Ann"),
            ("B", "Credit Check Passed", "2024-01-01 12:00", "Cid"),
        ]
    )
    table = performers(log.view(), "resource").set_index("performer")
    assert table["repetitions"].to_dict() == {"Ann": 0, "Bob": 1, "Cid": 1}
    assert table.at["Bob", "repetition_share"] == 0.5
    extra = rework(log.view()).by_activity
    assert table["repetitions"].sum() == extra.loc[~extra["family"], "extra"].sum()
    balance = workload_balance(log.view(), "resource").set_index("activity")
    assert balance.loc["Shipped", "unassigned"] == 1 and balance.loc["Shipped", "performers"] == 0
    # Cid -> (no performer) is no handover: both sides need a performer.
    assert rows(handovers(log.view(), "resource"), "source", "target", "handovers") == [
        ("Ann", "Bob", 1),
        ("Ann", "Cid", 1),
        ("Bob", "Cid", 1),
    ]


def test_a_few_carry_most_is_flagged():
    # Six people approve; two of them do 16 of 20 approvals, the top 3 do 17 of 20 (85%).
    people = ["Ann"] * 9 + ["Bob"] * 7 + ["Cid", "Dee", "Eve", "Fay"]
    log = make_log(
        [(f"C{i}", "Order Approved", "2024-01-01 08:00", who) for i, who in enumerate(people)]
        + [
            (f"C{i}", "Shipped", "2024-01-02 08:00", who)
            for i, who in enumerate(["Gus", "Hal", "Ivy", "Jon", "Kim"] * 4)
        ]
    )
    balance = workload_balance(log.view(), "resource").set_index("activity")
    approved = balance.loc["Order Approved"]
    assert (approved["performers"], approved["top_performer"]) == (6, "Ann")
    assert approved["top3_share"] == pytest.approx(17 / 20) and CONCENTRATED_TOP3 <= 17 / 20
    assert approved["concentrated"]
    assert not balance.loc["Shipped", "concentrated"] and balance.loc["Shipped", "gini"] == pytest.approx(0.0)
    assert balance.index[0] == "Order Approved"  # flagged activities come first


def test_run_medians_match_numpy():
    rng = np.random.default_rng(1)
    groups = np.sort(rng.integers(0, 7, 500))
    values = rng.random(500)
    order = np.lexsort((values, groups))
    medians = run_medians(np.bincount(groups, minlength=9), values[order])
    expected = [np.median(values[groups == g]) if (groups == g).any() else np.nan for g in range(9)]
    np.testing.assert_allclose(medians, expected)


# --- the DOT ------------------------------------------------------------------------------------------------------


def test_names_are_escaped_in_the_dot():
    evil = 'A"];x->y[l="\\'  # short enough to stay on one line of the box
    log = make_log(
        [("A", "Create Sales Order", "2024-01-01 08:00", evil), ("A", "Shipped", "2024-01-01 10:00", "Bob & Co")]
    )
    view = log.view()
    dot = handover_dot(handovers(view, "resource"), performers(view, "resource"))
    assert 'label="A\\"];x->y[l=\\"\\\\\\n1"' in dot  # one quoted string: quotes and backslash escaped
    assert "Bob &amp; Co" in dot and "p0 -> p1" in dot and "1 · 2.0 h" in dot
    if shutil.which("dot"):
        import graphviz

        svg = graphviz.Source(dot).pipe(format="svg").decode()
        assert "A&quot;];x&#45;&gt;y[l=&quot;\\<" in svg and svg.count('class="edge"') == 1  # the name, as text


def test_dot_keeps_the_most_frequent_handovers(sample_log):
    view = sample_log.view()
    table = handovers(view, "role")
    dot = handover_dot(table, performers(view, "role"), top=3)
    assert dot.count(" -> ") == 3
    assert f"{int(table['handovers'].iloc[0]):,} · " in dot


# --- the sample ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def events(sample_log) -> pd.DataFrame:
    frame = sample_log.to_frame()
    frame["owner"] = sample_log.cases["owner"].astype(str).to_numpy()[sample_log.case]
    return frame


def test_sample_levels(sample_log):
    assert people_levels(sample_log) == ["resource", "role", "department"]


@pytest.mark.parametrize("level", ["resource", "role", "department"])
def test_sample_performers_match_pandas(sample_log, events, level):
    table = performers(sample_log.view(), level).set_index("performer")
    expected = events.groupby(events[level].astype(str), observed=True).agg(
        events=("case_id", "size"), orders=("case_id", "nunique")
    )
    assert table["events"].sum() == len(events)
    assert table["events"].to_dict() == expected["events"].to_dict()
    assert table["orders"].to_dict() == expected["orders"].to_dict()
    following = events["case_id"].shift(-1) == events["case_id"]
    waits = (events["timestamp"].shift(-1) - events["timestamp"]).dt.total_seconds()[following]
    medians = waits.groupby(events.loc[following, level].astype(str)).median()
    pd.testing.assert_series_equal(
        table["median_wait_seconds"].dropna().sort_index(), medians.sort_index(), check_names=False
    )


def test_sample_repetitions_add_up_to_rework(sample_log):
    view = sample_log.view()
    by_activity = rework(view).by_activity
    assert performers(view, "resource")["repetitions"].sum() == by_activity.loc[~by_activity["family"], "extra"].sum()


def test_sample_handovers_match_pandas(sample_log, events):
    table = handovers(sample_log.view(), "role")
    nxt = events.shift(-1)
    step = (nxt["case_id"] == events["case_id"]) & (nxt["role"].astype(str) != events["role"].astype(str))
    pairs = pd.DataFrame(
        {
            "source": events.loc[step, "role"].astype(str),
            "target": nxt.loc[step, "role"].astype(str),
            "wait": (nxt.loc[step, "timestamp"] - events.loc[step, "timestamp"]).dt.total_seconds(),
            "case_id": events.loc[step, "case_id"],
        }
    )
    expected = pairs.groupby(["source", "target"]).agg(
        handovers=("wait", "size"), orders=("case_id", "nunique"), median_wait_seconds=("wait", "median")
    )
    got = table.set_index(["source", "target"])
    assert got["handovers"].sum() == step.sum() == handover_summary(sample_log.view(), "role").handovers
    pd.testing.assert_frame_equal(got.sort_index(), expected.sort_index(), check_dtype=False)


def test_sample_self_checking_reps_do_credit_checks(sample_log, events):
    view = sample_log.view()
    checks = activity_performers(view, "resource", "Credit Check Passed")
    rep_names = set(events.loc[events["role"] == "Sales Rep", "resource"].astype(str))
    reps_checking = set(checks["performer"]) & rep_names
    assert reps_checking == set(SELF_CHECKING_REPS)
    # The role view says the same: every Sales Rep check is an owner checking their own order.
    by_role = activity_performers(view, "role", "Credit Check Passed").set_index("performer")
    passed = events[events["activity"] == "Credit Check Passed"]
    own = int((passed["resource"].astype(str) == passed["owner"]).sum())
    assert by_role.at["Sales Rep", "executions"] == own > 0
    assert by_role["share"].sum() == pytest.approx(1.0)


def test_sample_workload_balance_adds_up(sample_log):
    view = sample_log.view()
    counts = view.activity_counts()
    for level in ("resource", "role"):
        balance = workload_balance(view, level).set_index("activity")
        assert (balance["executions"] + balance["unassigned"]).to_dict() == counts.to_dict()
        assert ((balance["top1_share"] <= balance["top3_share"]) & (balance["top3_share"] <= 1)).all()
        assert ((balance["gini"] >= 0) & (balance["gini"] < 1)).all()
        for activity in ("Credit Check Passed", "Create Sales Order"):
            who = activity_performers(view, level, activity)
            assert who["executions"].sum() == balance.at[activity, "executions"]
            assert len(who) == balance.at[activity, "performers"]
            assert who["performer"].iloc[0] == balance.at[activity, "top_performer"]
            top1 = who["executions"].iloc[0] / who["executions"].sum()
            assert top1 == pytest.approx(balance.at[activity, "top1_share"])


def test_sample_filtered_view_matches_pandas(sample_log, events):
    partner = (sample_log.cases["sales_channel"] == "Partner").to_numpy()
    view = sample_log.view(partner)
    subset = events[partner[sample_log.case]]
    table = performers(view, "role").set_index("performer")
    assert table["events"].to_dict() == subset.groupby(subset["role"].astype(str)).size().to_dict()
    weeks = subset.groupby(
        [subset["role"].astype(str), subset["timestamp"].dt.tz_convert(None).dt.to_period("W-SUN")]
    ).size()
    assert table["weekly_peak"].to_dict() == weeks.groupby(level=0).max().to_dict()
    assert table["weekly_median"].to_dict() == weeks.groupby(level=0).median().to_dict()
    assert table["active_weeks"].to_dict() == weeks.groupby(level=0).size().to_dict()


@pytest.mark.filterwarnings("ignore:Install the optional requirement")  # pm4py's advice on a faster XES reader
def test_handovers_match_pm4py_handover_of_work_on_the_running_example():
    import pm4py
    from conftest import RUNNING_EXAMPLE

    from o2c.ingest.load import load_event_log

    log = load_event_log(RUNNING_EXAMPLE.read_bytes(), RUNNING_EXAMPLE.name).log
    ours = handovers(log.view(), "resource")
    frame = pm4py.read_xes(str(RUNNING_EXAMPLE))
    frame = frame.sort_values(["case:concept:name", "time:timestamp"], kind="stable")  # see the datasets README
    theirs = pm4py.discover_handover_of_work_network(frame, beta=0).connections
    steps = log.n_events - log.n_cases  # pm4py divides every count by all direct successions
    # pm4py also counts a person handing to themselves; a handover here is between two performers.
    expected = {pair: round(share * steps) for pair, share in theirs.items() if pair[0] != pair[1]}
    assert dict(zip(zip(ours["source"], ours["target"]), ours["handovers"])) == expected


def test_waits_sort_like_argsort_in_any_unit():
    rng = np.random.default_rng(3)
    for unit in (1_000_000_000, 1_000_000, 1, 7):  # whole seconds and milliseconds are packed; others fall back
        for top in (5, 10**6, 2**40):
            waits = rng.integers(0, top, 5_000).astype(np.int64) * unit
            order = _ascending(waits)
            assert np.array_equal(waits[order], np.sort(waits))
            assert np.array_equal(np.sort(order), np.arange(waits.size))
    assert _ascending(np.empty(0, dtype=np.int64)).size == 0
