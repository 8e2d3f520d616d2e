"""Cycle times: exact answers on hand-made logs, and case durations equal to pm4py's on the public logs."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from conftest import DATASETS, ORDERS_FLAT, SAMPLE_WORKBOOK

from o2c.discover.cycle_times import (
    default_milestones,
    duration_histogram,
    duration_stats,
    duration_trend,
    nice_step,
    segment_table,
    segment_times,
    split_by_attribute,
)
from o2c.format import DAYS, HOURS, time_unit
from o2c.ingest.load import load_event_log
from o2c.log.attributes import MISSING_LABEL, split_attributes
from o2c.log.eventlog import build_event_log
from o2c.stats import group_quantiles, longest_first

H, D = 3_600.0, 86_400.0
ORDERS_LIFECYCLE = DATASETS / "order_management" / "orders_lifecycle_flat.csv.gz"


def make_log(rows: str, orders: pd.DataFrame | None = None):
    """A log from 'case,activity,timestamp[,resource]' lines (times in UTC)."""
    events = pd.read_csv(io.StringIO("case_id,activity,timestamp,resource\n" + rows.strip()))
    events["timestamp"] = pd.to_datetime(events["timestamp"], utc=True)
    events["row"] = np.arange(len(events)) + 2
    return build_event_log(events, orders)


# ---------------------------------------------------------------------------------------------- units, stats


def test_time_unit_switches_to_days_at_two_days():
    assert time_unit([H, 47 * H]) == HOURS
    assert time_unit([2 * D]) == DAYS
    assert time_unit([H, 3 * D, 3 * D]) == DAYS  # the median decides, not the maximum
    assert time_unit([np.nan, H]) == HOURS
    assert time_unit([]) == DAYS
    assert DAYS.of(3 * D) == 3.0 and HOURS.of(5_400.0) == 1.5


def test_duration_stats_on_the_tiny_log(tiny_log):
    # SO-1: 4 d; SO-2: 2 d; SO-3: 10 d 1 h.
    stats = duration_stats(tiny_log.view().durations_seconds())
    assert stats.orders == 3
    assert stats.median_seconds == 4 * D
    assert stats.p90_seconds == 4 * D + 0.8 * (10 * D + H - 4 * D)  # linear: position 1.8 of 0..2
    assert stats.mean_seconds == (2 * D + 4 * D + 10 * D + H) / 3
    assert duration_stats(np.empty(0)).median_seconds is None


def test_group_quantiles_match_numpy_per_group():
    rng = np.random.default_rng(5)
    groups = rng.integers(0, 7, 5_000)
    groups[groups == 3] = 4  # group 3 stays empty
    values = rng.lognormal(10, 1, 5_000).round()
    stats = group_quantiles(groups, values, 8, (0.1, 0.5, 0.9))
    for g in range(8):
        members = values[groups == g]
        assert stats.counts[g] == members.size
        if members.size:
            assert stats.quantiles[g].tolist() == np.quantile(members, (0.1, 0.5, 0.9)).tolist()
            assert stats.totals[g] == pytest.approx(members.sum(), rel=1e-12)
        else:
            assert np.isnan(stats.quantiles[g]).all()


def test_longest_first_breaks_ties_by_position():
    values = np.array([5.0, 9.0, 1.0, 9.0, 7.0, 9.0])
    assert longest_first(values, 2).tolist() == [1, 3]
    assert longest_first(values, 4).tolist() == [1, 3, 5, 4]
    assert longest_first(values, 10).tolist() == [1, 3, 5, 4, 0, 2]
    assert longest_first(values, 0).tolist() == []


# ---------------------------------------------------------------------------------------------- histogram


def test_nice_step():
    assert [nice_step(x) for x in (0.33, 1, 3, 7.5, 10, 0.012, 4_000)] == [0.5, 1, 5, 10, 10, 0.02, 5_000]


def test_histogram_of_the_tiny_log_in_days(tiny_log):
    histogram = duration_histogram(tiny_log.view().durations_seconds())
    assert histogram.unit == DAYS
    assert histogram.width == 0.5  # 10.04 d / 30 bins = 0.33 d, rounded up to 0.5 d
    bins = histogram.bins
    assert len(bins) == 21  # 0 .. 10.5 d
    assert bins["start"].iloc[4] == 2.0 and bins["end"].iloc[4] == 2.5
    assert bins.loc[bins["orders"] > 0, "start"].tolist() == [2.0, 4.0, 10.0]  # 2 d sits on an edge: upper bin
    assert bins["orders"].sum() == 3


def test_histogram_in_hours_with_values_on_edges():
    histogram = duration_histogram(np.array([1_800.0, 3_600.0, 18_000.0]), max_bins=30)
    assert histogram.unit == HOURS
    assert histogram.width == 0.2  # 5 h / 30 = 0.167 h -> 0.2 h (12 min)
    counts = histogram.bins["orders"].tolist()
    assert len(counts) == 26
    assert [i for i, c in enumerate(counts) if c] == [2, 5, 25]  # 0.5 h, 1.0 h and 5.0 h on exact edges
    assert histogram.bins["start"].iloc[5] == 1.0


def test_histogram_of_zero_durations_and_of_nothing():
    assert duration_histogram(np.zeros(3)).bins["orders"].tolist() == [3]
    assert duration_histogram(np.empty(0)).bins.empty


# ---------------------------------------------------------------------------------------------- trend

TREND_EVENTS = """
A,Create Sales Order,2024-01-01T08:00:00Z,x
A,Payment Received,2024-01-02T08:00:00Z,x
B,Create Sales Order,2024-01-07T23:00:00Z,x
B,Payment Received,2024-01-10T23:00:00Z,x
C,Create Sales Order,2024-01-08T00:00:00Z,x
C,Payment Received,2024-01-10T00:00:00Z,x
D,Create Sales Order,2024-03-31T23:59:59Z,x
D,Payment Received,2024-04-01T05:59:59Z,x
"""


def test_weekly_trend_starts_weeks_on_monday_and_skips_empty_weeks():
    trend = duration_trend(make_log(TREND_EVENTS).view(), "week")
    assert trend["period"].dt.strftime("%Y-%m-%d").tolist() == ["2024-01-01", "2024-01-08", "2024-03-25"]
    assert trend["orders"].tolist() == [2, 1, 1]
    assert trend["median_seconds"].tolist() == [2 * D, 2 * D, 6 * H]  # week 1: 1 d and 3 d
    assert trend["p90_seconds"].tolist() == [D + 0.9 * 2 * D, 2 * D, 6 * H]


def test_monthly_trend_and_filtered_view():
    log = make_log(TREND_EVENTS)
    trend = duration_trend(log.view(), "month")
    assert trend["period"].dt.strftime("%Y-%m-%d").tolist() == ["2024-01-01", "2024-03-01"]
    assert trend["orders"].tolist() == [3, 1]
    assert trend["median_seconds"].tolist() == [2 * D, 6 * H]
    assert trend["p90_seconds"].tolist() == [2 * D + 0.8 * D, 6 * H]  # sorted 1, 2, 3 d: position 1.8
    only_c = duration_trend(log.view(np.array([False, False, True, False])), "month")
    assert only_c["orders"].tolist() == [1] and only_c["median_seconds"].tolist() == [2 * D]
    assert duration_trend(log.view(np.zeros(4, dtype=bool))).empty


# ---------------------------------------------------------------------------------------------- split


def test_split_by_channel_on_the_tiny_log(tiny_log):
    table = split_by_attribute(tiny_log.view(), "sales_channel")
    assert table["value"].tolist() == ["Partner", "Direct"]  # slowest median first
    assert table["orders"].tolist() == [2, 1]
    partner = [2 * D, 10 * D + H]
    assert table["median_seconds"].tolist() == [np.median(partner), 4 * D]
    assert table["p90_seconds"].tolist() == [2 * D + 0.9 * (8 * D + H), 4 * D]
    assert table["p10_seconds"].iloc[0] == 2 * D + 0.1 * (8 * D + H)


def test_split_by_a_number_uses_quartile_bands_in_order(tiny_log):
    table = split_by_attribute(tiny_log.view(), "order_amount")  # 100, 250.5, 990
    assert table["value"].tolist() == ["100 – 175", "250 – 620", "620 – 990"]
    assert table["median_seconds"].tolist() == [4 * D, 2 * D, 10 * D + H]


def test_split_pools_rare_values_and_keeps_missing_last():
    rows, attributes = [], []
    for i in range(9):
        rows += [f"O{i},Create Sales Order,2024-01-01T00:00:00Z,x", f"O{i},Shipped,2024-01-0{i + 1}T12:00:00Z,x"]
        attributes.append(None if i == 8 else "big" if i < 4 else "mid" if i < 6 else f"rare{i}")
    orders = pd.DataFrame({"case_id": [f"O{i}" for i in range(9)], "group": pd.Categorical(attributes)})
    table = split_by_attribute(make_log("\n".join(rows), orders).view(), "group", max_values=2)
    assert table["value"].tolist() == ["mid", "big", "Other (2 values)", MISSING_LABEL]
    assert table["orders"].tolist() == [2, 4, 2, 1]
    assert table["median_seconds"].tolist() == [5 * D, 2 * D, 7 * D, 8.5 * D]


def test_split_by_a_date_groups_months():
    rows = "\n".join(
        f"O{i},Create Sales Order,2024-01-01T00:00:00Z,x\nO{i},Shipped,2024-01-0{i + 2}T00:00:00Z,x" for i in range(3)
    )
    orders = pd.DataFrame(
        {"case_id": ["O0", "O1", "O2"], "requested": pd.to_datetime(["2024-02-10", "2024-01-31", None], utc=True)}
    )
    table = split_by_attribute(make_log(rows, orders).view(), "requested")
    assert table["value"].tolist() == ["2024-01", "2024-02", MISSING_LABEL]
    assert table["median_seconds"].tolist() == [2 * D, D, 3 * D]


def test_split_attributes_leave_out_ids(tiny_log, sample_log):
    assert split_attributes(tiny_log) == ["sales_channel", "account_name", "region", "order_amount"]
    offered = split_attributes(sample_log)
    assert {"sales_channel", "account_name", "region", "order_type", "carrier", "order_amount"} <= set(offered)
    assert not {"order_number", "invoice_number", "opportunity_id"} & set(offered)


# ---------------------------------------------------------------------------------------------- milestones


def test_default_milestones(tiny_log, sample_log):
    assert default_milestones(sample_log) == ["Create Sales Order", "Shipped", "Invoice Created", "Payment Received"]
    assert default_milestones(tiny_log) == ["Create Sales Order", "Shipped", "Payment Received"]
    other = make_log("A,place order,2024-01-01T00:00:00Z,x\nA,pay order,2024-01-02T00:00:00Z,x")
    assert default_milestones(other) == ["place order", "pay order"]


def test_segments_of_the_tiny_log(tiny_log):
    table = segment_table(tiny_log.view(), default_milestones(tiny_log))
    assert table[["source", "target"]].values.tolist() == [
        ["Create Sales Order", "Shipped"],
        ["Shipped", "Payment Received"],
    ]
    assert table["with_source"].tolist() == [3, 3]
    assert table["orders"].tolist() == [3, 2]  # SO-2 is never paid
    assert table["median_seconds"].tolist() == [2 * D, 5 * D]  # 1 d, 2 d, 3 d 1 h / 3 d and 7 d
    assert table["p90_seconds"].tolist() == [2 * D + 0.8 * (D + H), 3 * D + 0.9 * 4 * D]


SEGMENT_EVENTS = """
P,Shipped,2024-01-01T00:00:00Z,x
P,Create Sales Order,2024-01-02T00:00:00Z,x
P,Create Sales Order,2024-01-03T00:00:00Z,x
P,Shipped,2024-01-05T00:00:00Z,x
P,Shipped,2024-01-09T00:00:00Z,x
Q,Shipped,2024-01-01T00:00:00Z,x
Q,Create Sales Order,2024-01-02T00:00:00Z,x
R,Create Sales Order,2024-01-01T00:00:00Z,x
R,Shipped,2024-01-01T00:00:00Z,x
S,Shipped,2024-01-04T00:00:00Z,x
"""


def test_segment_from_first_source_to_first_target_after_it():
    log = make_log(SEGMENT_EVENTS)
    segment = segment_times(log.view(), "Create Sales Order", "Shipped")
    ids = log.cases["case_id"].to_numpy()
    # P: first creation 01-02, first shipment after it 01-05 (the one before is ignored). Q ships only before
    # it is created: not measured. R ships at the same timestamp, after creation in row order: 0 s. S has no source.
    assert ids[segment.case_codes].tolist() == ["P", "R"]
    assert segment.seconds.tolist() == [3 * D, 0.0]
    assert segment.with_source == 3
    backwards = segment_times(log.view(), "Shipped", "Create Sales Order")
    assert ids[backwards.case_codes].tolist() == ["P", "Q"] and backwards.seconds.tolist() == [D, D]
    again = segment_times(log.view(), "Shipped", "Shipped")  # same activity: first to second occurrence
    assert ids[again.case_codes].tolist() == ["P"] and again.seconds.tolist() == [4 * D]


def test_segments_respect_the_view_and_unknown_activities():
    log = make_log(SEGMENT_EVENTS)
    only_r = log.view(log.cases["case_id"].eq("R").to_numpy())
    segment = segment_times(only_r, "Create Sales Order", "Shipped")
    assert segment.with_source == 1 and segment.seconds.tolist() == [0.0]
    assert segment_times(log.view(), "Create Sales Order", "Invoice Created").with_source == 3
    assert segment_times(log.view(), "Nope", "Shipped").seconds.size == 0
    table = segment_table(log.view(), ["Create Sales Order", "Invoice Created"])
    assert table["orders"].tolist() == [0] and np.isnan(table["median_seconds"].iloc[0])


def test_segments_on_the_sample_match_plain_pandas(sample_log):
    events = sample_log.to_frame()
    events["position"] = np.arange(len(events))
    first_created = events[events["activity"] == "Invoice Created"].groupby("case_id")["position"].min()
    paid = events[events["activity"] == "Payment Received"].join(first_created.rename("created"), on="case_id")
    paid = paid[paid["position"] > paid["created"]].groupby("case_id").first()
    created_at = events["timestamp"].iloc[paid["created"]].set_axis(paid.index)
    expected = (paid["timestamp"] - created_at).dt.total_seconds()
    segment = segment_times(sample_log.view(), "Invoice Created", "Payment Received")
    assert segment.with_source == first_created.size
    assert sample_log.cases["case_id"].to_numpy()[segment.case_codes].tolist() == expected.index.tolist()
    assert segment.seconds.tolist() == expected.tolist()


# ---------------------------------------------------------------------------------------------- pm4py


@pytest.fixture(scope="module")
def pm4py():
    return pytest.importorskip("pm4py")


def _pm4py_frame(pm4py, frame: pd.DataFrame, case: str, activity: str, timestamp: str) -> pd.DataFrame:
    frame = frame.assign(**{timestamp: pd.to_datetime(frame[timestamp], utc=True, format="ISO8601")})
    return pm4py.format_dataframe(frame, case_id=case, activity_key=activity, timestamp_key=timestamp)


@pytest.mark.parametrize("path, median", [(ORDERS_FLAT, 689_776.5), (ORDERS_LIFECYCLE, 1_393_423.5)])
def test_case_durations_equal_pm4py_on_the_order_management_logs(pm4py, path, median):
    log = load_event_log(path.read_bytes(), path.name).log
    frame = _pm4py_frame(pm4py, pd.read_csv(path), "case:concept:name", "concept:name", "time:timestamp")
    theirs = pm4py.get_all_case_durations(frame)
    ours = log.view().durations_seconds()
    assert np.sort(ours).tolist() == sorted(theirs)
    stats = duration_stats(ours)
    assert stats.median_seconds == median == np.median(theirs)
    if path == ORDERS_FLAT:
        assert round(stats.mean_seconds, 2) == 1_118_963.69
    for code in (0, 777, log.n_cases - 1):
        case_id = log.cases["case_id"].iloc[code]
        assert ours[code] == pm4py.get_case_duration(frame, case_id)


def test_case_durations_equal_pm4py_on_the_sample_workbook(pm4py, sample_log):
    events = pd.read_excel(
        SAMPLE_WORKBOOK, sheet_name="Events", usecols=["case_id", "activity", "timestamp"], engine="openpyxl"
    )
    frame = _pm4py_frame(pm4py, events, "case_id", "activity", "timestamp")
    durations = pd.Series(sample_log.view().durations_seconds(), index=sample_log.cases["case_id"])
    assert np.sort(durations.to_numpy()).tolist() == sorted(pm4py.get_all_case_durations(frame))
    for case_id in durations.index[[0, 1000, 1999]]:
        assert durations[case_id] == pm4py.get_case_duration(frame, case_id)
