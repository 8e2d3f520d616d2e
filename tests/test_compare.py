"""Comparing two groups of orders: the statistics against textbook values and brute force, exact differences on a
hand-made log, the planted Partner wait on the sample, the URL round trip and the difference map."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import numpy as np
import pandas as pd
import pytest

from o2c.conform.rules import adherence, evaluate_rules
from o2c.discover.process_map import END, START, process_map
from o2c.improve.compare import (
    Groups,
    compare,
    compare_summary,
    describe,
    difference_map,
    difference_map_dot,
    path_label,
    path_waits,
    period_groups,
    value_groups,
)
from o2c.log.eventlog import build_event_log
from o2c.log.filters import Filters
from o2c.stats import (
    bonferroni_z,
    group_quantile,
    mann_whitney,
    quantile_difference,
    rank_values,
    rate_difference,
    sort_within_groups,
    wilson_interval,
)

HOUR = 3600.0
T0 = pd.Timestamp("2024-03-04 08:00", tz="UTC")


# --- the statistics -----------------------------------------------------------------------------------------


def test_wilson_and_newcombe_match_newcombe_1998():
    low, high = wilson_interval(81, 263)
    assert (round(float(low), 4), round(float(high), 4)) == (0.2553, 0.3662)
    interval = rate_difference(56, 70, 48, 80)  # Newcombe (1998), Table II, method 10
    assert round(interval.difference, 4) == 0.2
    assert (round(interval.low, 4), round(interval.high, 4)) == (0.0524, 0.3339)
    assert interval.significant
    assert not rate_difference(5, 10, 4, 10).significant


def test_bonferroni_widens_the_interval():
    assert bonferroni_z(1) == pytest.approx(1.959964, abs=1e-6)
    assert bonferroni_z(10) == pytest.approx(2.807034, abs=1e-6)


def brute_force_u(a: np.ndarray, b: np.ndarray) -> float:
    """Pairs where A is larger, ties counting one half."""
    return float((a[:, None] > b[None, :]).sum() + 0.5 * (a[:, None] == b[None, :]).sum())


def test_mann_whitney_matches_brute_force_with_ties_overlap_and_groups():
    rng = np.random.default_rng(3)
    sizes = [40, 25, 5]  # the last group is too small for a p-value
    values = np.concatenate([rng.integers(0, 12, n).astype(float) for n in sizes])
    bounds = np.concatenate(([0], np.cumsum(sizes)))
    in_a, in_b = rng.random(values.size) < 0.5, rng.random(values.size) < 0.6  # some values in both
    order = sort_within_groups(values, bounds)
    ranked = rank_values(values[order], bounds)
    test = mann_whitney(ranked, in_a[order], in_b[order])
    for g in range(len(sizes)):
        part = slice(bounds[g], bounds[g + 1])
        a, b = values[part][in_a[part]], values[part][in_b[part]]
        u = brute_force_u(a, b)
        assert test.effect[g] == pytest.approx(2 * u / (a.size * b.size) - 1)
        if min(a.size, b.size) < 10:
            assert np.isnan(test.p_value[g])
            continue
        # Normal approximation with tie and continuity correction, from the textbook formula.
        pooled = np.concatenate([a, b])
        _, ties = np.unique(pooled, return_counts=True)
        n = pooled.size
        sigma = np.sqrt(a.size * b.size / 12 * ((n + 1) - (ties**3 - ties).sum() / (n * (n - 1))))
        z = (abs(u - a.size * b.size / 2) - 0.5) / sigma
        from math import erfc, sqrt

        assert test.p_value[g] == pytest.approx(erfc(z / sqrt(2)))


def test_mann_whitney_separated_and_identical_samples():
    values = np.arange(40, dtype=float)
    ranked = rank_values(values)
    low_half = values < 20
    test = mann_whitney(ranked, ~low_half, low_half)
    assert test.effect[0] == 1.0 and test.p_value[0] < 1e-6
    same = mann_whitney(rank_values(np.zeros(30)), np.arange(30) < 15, np.arange(30) >= 15)
    assert same.effect[0] == 0.0 and same.p_value[0] == 1.0


def test_group_quantile_is_numpys_quantile():
    rng = np.random.default_rng(5)
    values = rng.exponential(10, 300)
    bounds = np.array([0, 120, 120, 300])  # the middle group is empty
    order = sort_within_groups(values, bounds)
    ranked = rank_values(values[order], bounds)
    member = rng.random(300) < 0.7
    for q in (0.5, 0.9):
        result = group_quantile(ranked, member, q)
        for g, expected_group in ((0, slice(0, 120)), (2, slice(120, 300))):
            picked = values[order][expected_group][member[expected_group]]
            assert result[g] == (np.median(picked) if q == 0.5 else np.quantile(picked, q))
        assert np.isnan(result[1])


@pytest.mark.parametrize("q", [0.5, 0.9])
def test_quantile_difference_interval_covers_the_truth_about_95_percent(q):
    rng = np.random.default_rng(11)
    truth = np.log(1 / (1 - q)) * (3 - 2)  # exponential quantiles with means 3 and 2
    covered = 0
    runs = 400
    for _ in range(runs):
        a, b = np.sort(rng.exponential(3, 250)), np.sort(rng.exponential(2, 300))
        interval = quantile_difference(a, b, q)
        covered += interval.low <= truth <= interval.high
    assert 0.92 <= covered / runs <= 0.98


def test_quantile_difference_needs_ten_values():
    interval = quantile_difference(np.arange(9.0), np.arange(50.0), 0.5)
    assert np.isnan(interval.low) and not interval.significant


# --- a hand-made log with known differences ---------------------------------------------------------------------


def known_log():
    """20 Slow and 20 Fast orders, all 30 h end to end. Slow waits 10 h (+i min) before Check, Fast 2 h (+i min);
    10 Fast orders repeat Check an hour later. Slow is always delivered on time, Fast every other order late."""
    rows, orders = [], []
    for channel, first_wait in (("Slow", 600), ("Fast", 120)):  # minutes
        for i in range(20):
            case = f"{channel[0]}-{i:02d}"
            steps = [("Create", 0), ("Check", first_wait + i)]
            if channel == "Fast" and i < 10:
                steps.append(("Check", first_wait + 60 + i))
            steps.append(("Ship", 30 * 60))
            rows += [
                {
                    "case_id": case,
                    "activity": activity,
                    "timestamp": T0 + pd.Timedelta(minutes=minutes),
                    "row": len(rows) + k + 2,
                }
                for k, (activity, minutes) in enumerate(steps)
            ]
            late = channel == "Fast" and i % 2 == 0
            orders.append(
                {
                    "case_id": case,
                    "sales_channel": channel,
                    "requested_delivery_date": pd.Timestamp("2024-03-10", tz="UTC"),
                    "actual_delivery_date": pd.Timestamp("2024-03-12" if late else "2024-03-08", tz="UTC"),
                }
            )
    frame = pd.DataFrame(orders)
    frame["sales_channel"] = frame["sales_channel"].astype("category")
    return build_event_log(pd.DataFrame(rows), frame)


@pytest.fixture(scope="module")
def known():
    log = known_log()
    groups = value_groups("sales_channel", "Slow")
    a, b = groups.views(log.view())
    return log, groups, a, b, compare(a, b)


def test_known_key_figures(known):
    _, _, _, _, result = known
    kpis = result.kpis
    assert (result.n_a, result.n_b, result.overlap, result.small) == (20, 20, 0, True)
    assert kpis.loc["orders", ["a", "b", "difference"]].tolist() == [20, 20, 0]
    assert kpis.loc["median", ["a", "b", "difference", "low", "high"]].tolist() == [30 * HOUR, 30 * HOUR, 0, 0, 0]
    assert kpis.loc["median", "significant"] is False
    assert (kpis.loc["median", "effect"], kpis.loc["median", "p_value"]) == (0.0, 1.0)  # all times tie
    assert kpis.loc["rework_rate", ["a", "b", "difference"]].tolist() == [0.0, 0.5, -0.5]
    assert kpis.loc["rework_rate", "significant"] is True
    assert kpis.loc["on_time", ["a", "b", "n_a", "n_b"]].tolist() == [1.0, 0.5, 20, 20]
    # None of the O2C rules names an activity of this log: no adherence rather than a hollow 100%.
    assert kpis.loc["adherence", "note"] == "compare.note.rules"
    assert np.isnan(kpis.loc["adherence", "a"]) and kpis.loc["adherence", "significant"] is None
    assert list(kpis.index) == ["orders", "median", "p90", "invoice_to_cash", "rework_rate", "adherence", "on_time"]
    assert kpis.loc["invoice_to_cash", ["note", "note_arg"]].tolist() == ["compare.note.activity", "Invoice Created"]
    assert kpis.loc["invoice_to_cash", "significant"] is None


def test_known_paths(known):
    log, _, _, _, result = known
    names = {START: "Start", END: "End", **dict(enumerate(log.activity_names))}
    paths = result.paths.set_index([result.paths["source"].map(names), result.paths["target"].map(names)])
    assert len(paths) == 5
    loop = paths.loc[("Check", "Check")]
    assert (loop["orders_a"], loop["orders_b"], loop["difference"], loop["significant"]) == (0, 10, -0.5, True)
    wait = paths.loc[("Create", "Check")]
    assert (wait["median_a"], wait["median_b"]) == (10 * HOUR + 9.5 * 60, 2 * HOUR + 9.5 * 60)
    assert (wait["wait_effect"], wait["wait_significant"], wait["difference"]) == (1.0, True, 0.0)
    assert paths.loc[("Check", "Ship"), "wait_effect"] == -1.0  # Slow checks late, so ships sooner after
    assert np.isnan(loop["wait_p"])  # Slow never loops: nothing to test
    assert result.paths.iloc[0]["difference"] == -0.5  # sorted by the share difference


def test_known_variants_and_rework(known):
    _, _, _, _, result = known
    variants = result.variants
    assert variants[["rank", "orders_a", "orders_b", "only"]].values.tolist() == [[1, 20, 10, ""], [2, 0, 10, "b"]]
    assert variants["difference"].tolist() == [0.5, -0.5]
    assert result.rework[["activity", "orders_a", "orders_b"]].values.tolist() == [["Check", 0, 10]]


def test_known_biggest_differences(known):
    log, groups, _, _, result = known
    top = result.differences
    assert [(d.kind, d.subject) for d in top[:2]] == [("path_wait", "Check → Ship"), ("path_wait", "Create → Check")]
    assert {(d.kind, d.subject) for d in top[2:]} >= {
        ("rate", "rework_rate"),
        ("rate", "on_time"),
        ("path_share", "Check → Check"),
        ("rework", "Check"),
    }
    assert all(d.score <= 1 for d in top) and top[0].score == 1.0
    names = groups.names()
    assert names == ("Slow", "other")
    assert describe(top[1], log, names) == "Slow orders wait 10.2 h on Create → Check (median), other orders 2.2 h."
    rework_rate = next(d for d in top if d.subject == "rework_rate")
    assert describe(rework_rate, log, names) == "0% of Slow orders have rework, 50% of other orders."
    assert describe(top[1], log, names, "zh").startswith("Slow订单在 Create → Check 的等待时间中位数为 10.2 h")


def test_escape_reaches_every_user_string(known):
    log, _, _, _, result = known
    text = describe(result.differences[0], log, ("A*", "B_"), escape=lambda s: f"<{s}>")
    assert text == "<A*> orders wait 19.8 h on <Check → Ship> (median), <B_> orders 27.3 h."


def test_on_time_falls_back_to_the_delivered_event_and_names_the_missing_column():
    events = pd.DataFrame(
        {
            "case_id": ["1", "1", "2", "2"],
            "activity": ["Create", "Delivered", "Create", "Delivered"],
            "timestamp": pd.to_datetime(
                ["2024-01-01 08:00", "2024-01-05 23:00", "2024-01-01 08:00", "2024-01-06 01:00"], utc=True
            ),
            "row": [2, 3, 4, 5],
        }
    )
    requested = pd.to_datetime(["2024-01-05", "2024-01-05"], utc=True)
    log = build_event_log(
        events,
        pd.DataFrame(
            {"case_id": ["1", "2"], "channel": pd.Categorical(["x", "y"]), "requested_delivery_date": requested}
        ),
    )
    a, b = value_groups("channel", "x").views(log.view())
    kpis = compare(a, b).kpis
    assert kpis.loc["on_time", ["a", "b"]].tolist() == [1.0, 0.0]  # on the requested day counts; the day after not
    bare = build_event_log(events, pd.DataFrame({"case_id": ["1", "2"], "channel": pd.Categorical(["x", "y"])}))
    a, b = value_groups("channel", "x").views(bare.view())
    assert compare(a, b).kpis.loc["on_time", ["note", "note_arg"]].tolist() == [
        "compare.note.column",
        "requested_delivery_date",
    ]


# --- groups and the URL ------------------------------------------------------------------------------------


def test_groups_round_trip_through_the_url():
    value = value_groups("sales_channel", "Partner")
    assert value.to_query() == {"_preset": ["value"], "_a.sales_channel": ["Partner"], "_b": ["rest"]}
    custom = Groups(
        Filters(
            {"region": ("EMEA", "APAC")}, dt.date(2024, 3, 1), dt.date(2024, 3, 31), "completed", ("0a0d855de6aa",)
        ),
        Filters({"region": ("LATAM",)}, date_from=dt.date(2024, 1, 1)),
        preset="custom",
    )
    query = custom.to_query()
    assert query == {
        "_preset": ["custom"],
        "_a.region": ["EMEA", "APAC"],
        "_a.from": ["2024-03-01"],
        "_a.to": ["2024-03-31"],
        "_a.dates": ["completed"],
        "_a.variant": ["0a0d855de6aa"],
        "_b.region": ["LATAM"],
        "_b.from": ["2024-01-01"],
    }
    for groups in (value, custom, Groups(Filters({"region": ("EMEA",)}), None, "all")):
        assert Groups.from_query(groups.to_query()) == groups
    assert Groups.from_query({"sales_channel": ["Partner"], "lang": ["zh"]}) is None
    assert Groups.from_query({"_a.sales_channel": ["Partner"]}) == Groups(Filters({"sales_channel": ("Partner",)}))
    assert Filters.from_query(query) == Filters()  # the sidebar ignores the comparison's keys


def test_group_masks_rest_all_and_sidebar(sample_log):
    base = Filters({"region": ("EMEA",)}).apply(sample_log)
    a, b = value_groups("sales_channel", "Partner").views(base)
    assert a.n_cases + b.n_cases == base.n_cases
    assert not (a.case_mask & b.case_mask).any()
    a, b = Groups(Filters({"sales_channel": ("Partner",)}), None, "all").views(base)
    assert b.n_cases == base.n_cases and (a.case_mask <= b.case_mask).all()


def test_group_names():
    assert Groups(Filters({"region": ("EMEA", "APAC")}, variants=("x",))).names() == ("EMEA/APAC, 1 variant", "other")
    quarter = Groups(Filters(date_from=dt.date(2024, 7, 1), date_to=dt.date(2024, 9, 30)), None, "all")
    assert quarter.names("zh") == ("2024 Q3", "全部")
    odd = Filters(date_from=dt.date(2024, 7, 3))
    assert Groups(odd, Filters()).names() == ("2024-07-03 – …", "all")


def test_period_presets_on_the_sample(sample_log):
    view = sample_log.view()
    month = period_groups(view, "month")
    assert (month.a.date_from, month.a.date_to) == (dt.date(2024, 10, 1), dt.date(2024, 10, 31))
    assert (month.b.date_from, month.b.date_to) == (dt.date(2024, 9, 1), dt.date(2024, 9, 30))
    quarter = period_groups(view, "quarter")
    assert (quarter.a.date_from, quarter.b.date_to) == (dt.date(2024, 7, 1), dt.date(2024, 6, 30))
    assert quarter.names() == ("2024 Q3", "2024 Q2")
    assert period_groups(Filters(date_from=dt.date(2024, 12, 1)).apply(sample_log), "quarter") is None


# --- the sample: the planted Partner wait -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def partner(sample_log):
    a, b = value_groups("sales_channel", "Partner").views(sample_log.view())
    return a, b, compare(a, b)


def test_partner_wait_is_the_biggest_difference(sample_log, partner):
    _, _, result = partner
    top = result.differences[0]
    assert (top.kind, top.subject, top.section) == ("path_wait", "Credit Check Passed → Order Activated", "paths")
    assert top.a > 80 * HOUR and top.b < 4 * HOUR  # planted: lognormal median 100 h vs 2.5 h, moved to working hours
    assert top.effect > 0.95
    skipped = next(d for d in result.differences if d.kind == "path_wait" and d.subject.startswith("Create Sales"))
    assert skipped.subject == "Create Sales Order → Order Activated" and skipped.a > 80 * HOUR
    # Next: the rule "Activated within 3 days" that the wait breaks, and the longer end-to-end time.
    assert [(d.kind, d.subject) for d in result.differences[1:3]] == [("rate", "adherence"), ("duration", "median")]
    assert result.kpis.loc["median", "significant"]
    # No difference is reported that the generator did not plant in the channel: on-time delivery and payment
    # do not depend on it.
    assert not result.kpis.loc["on_time", "significant"] and not result.kpis.loc["invoice_to_cash", "significant"]


def test_adherence_is_the_conformance_pages(sample_log, partner):
    a, b, result = partner
    results = evaluate_rules(sample_log)
    assert result.kpis.loc["adherence", "a"] == adherence(a, results).rate
    assert result.kpis.loc["adherence", "b"] == adherence(b, results).rate
    assert result.kpis.loc["adherence", "significant"]


def test_path_medians_match_the_process_map_to_the_last_digit(sample_log, partner):
    a, b, _ = partner
    waits = path_waits(a, b)
    for view, column in ((a, "median_a"), (b, "median_b")):
        edges = process_map(view, statistics=("median",)).edges
        inner = edges[(edges["source"] >= 0) & (edges["target"] >= 0)]
        merged = inner.merge(waits, on=["source", "target"])
        assert len(merged) == len(inner)
        assert (merged["median_seconds"] == merged[column]).all()


def test_analyze_json_compare(sample_log):
    summary = compare_summary(sample_log, Filters({"sales_channel": ("Partner",)}))
    json.dumps(summary)  # plain Python types only
    assert summary["group"] == "Partner" and summary["orders"] == {"group": 486, "rest": 1514}
    assert summary["kpis"]["orders"] == {
        "group": 486,
        "rest": 1514,
        "unit": "orders",
        "difference": -1028,
        "ci95": None,
        "significant": None,
    }
    median = summary["kpis"]["median"]
    assert median["significant"] is True and median["ci95"][0] > 0 and median["group"] > median["rest"]
    differences = [abs(p["difference"]) for p in summary["paths"]]
    assert len(differences) == 10 and differences == sorted(differences, reverse=True)
    assert summary["paths"][0]["from"] == "Create Sales Order" and summary["paths"][0]["to"] == "Order Activated"
    assert summary["differences"][0].startswith("Partner orders wait 5.0 d on Credit Check Passed → Order Activated")
    narrowed = compare_summary(sample_log, Filters({"sales_channel": ("Partner",)}), Filters({"region": ("EMEA",)}))
    assert narrowed["within"].startswith("Orders with region EMEA")
    assert sum(narrowed["orders"].values()) == int(Filters({"region": ("EMEA",)}).case_mask(sample_log).sum())


# --- the difference map -----------------------------------------------------------------------------------------


def test_difference_map_labels_and_colours(known):
    log, _, a, b, _ = known
    dm = difference_map(a, b)
    assert (len(dm.activities), len(dm.edges), dm.all_activities, dm.all_paths) == (3, 5, 3, 5)
    dot = difference_map_dot(dm, "frequency", "en", ("Slow", "other"))
    check = log.activity_code("Check")
    assert f'a{check} -> a{check} [label="  – · 50%"' in dot
    assert 'color="#08519c"' in dot  # the loop only B takes: deepest blue
    assert dot.count('color="#b8b8b8"') == 4  # the other paths are taken by every order of both groups: grey
    slow = difference_map_dot(difference_map(a, b, mode="performance"), "performance", "en", ("Slow", "other"))
    assert 'label="  10.2 h · 2.2 h"' in slow and "Median wait: Slow 10.2 h · other 2.2 h" in slow
    create = log.activity_code("Create")
    assert f'a{create} -> a{check} [label="  10.2 h · 2.2 h", tooltip=' in slow
    ship = log.activity_code("Ship")
    # Create → Check is 4.7 times slower in A: deepest orange; Check → Ship 1.4 times slower in B: lightest blue.
    assert (
        f'a{create} -> a{check} [label="  10.2 h · 2.2 h", tooltip="Create → Check\\nSlow: 20 orders (100%) · '
        f'other: 20 orders (100%)\\nMedian wait: Slow 10.2 h · other 2.2 h", color="#a63603"' in slow
    )
    assert f'a{check} -> a{ship} [label="  19.8 h · 27.3 h"' in slow and 'color="#d0e1f2", penwidth' in slow


def test_difference_map_sliders_keep_the_process_map_rules(sample_log, partner):
    a, b, _ = partner
    full = difference_map(a, b)
    assert (len(full.activities), len(full.edges), full.all_paths) == (16, 37, 37)
    fewer = difference_map(a, b, activity_share=0.5, path_share=0.0)
    assert len(fewer.activities) == 8 and fewer.all_activities == 16
    shown = set(fewer.activities["code"])
    assert all(s in shown or s == START for s in fewer.edges["source"])
    performance = difference_map_dot(difference_map(a, b, 0.5, 0.3, "performance"), "performance")
    assert "#a63603" in performance  # the Partner wait stays visible on the simpler map (untested, 40x)


def test_difference_map_escapes_user_text():
    evil = 'Say "hi" \\ {x} <b>&'
    events = pd.DataFrame(
        {
            "case_id": ["1", "1", "2", "2"],
            "activity": ["Start it", evil, "Start it", evil],
            "timestamp": pd.to_datetime(["2024-01-01 08:00", "2024-01-01 09:00"] * 2, utc=True),
            "row": [2, 3, 4, 5],
        }
    )
    log = build_event_log(events, pd.DataFrame({"case_id": ["1", "2"], "channel": pd.Categorical(["x", "y"])}))
    a, b = value_groups("channel", "x").views(log.view())
    dot = difference_map_dot(difference_map(a, b), names=('A "1"', "B\nnew"))
    assert 'Say \\"hi\\" \\\\ {x} <b>&amp;' in dot
    assert 'A \\"1\\": 1 orders' in dot and "B\\nnew: 1 orders" in dot
    assert path_label(log, START, log.activity_code(evil), "zh") == f"开始 → {evil}"
    if shutil.which("dot"):
        import graphviz

        svg = graphviz.Source(dot).pipe(format="svg").decode()
        assert "Say &quot;hi&quot; \\ {x} &lt;b&gt;&amp;" in svg
