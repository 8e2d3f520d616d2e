"""Partners and carriers: exact numbers on a hand-made log of five orders, and the late carrier of the sample."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from o2c.improve.partners import (
    PARTNER_ACCOUNTS,
    in_scope,
    missing_columns,
    on_time,
    partner_attributes,
    partner_codes,
    partner_table,
    partner_trend,
    transit_seconds,
)
from o2c.ingest.sample import LATE_CARRIER
from o2c.log.eventlog import build_event_log
from o2c.stats import wilson_interval

DAY = 86_400.0


@pytest.fixture(scope="module")
def carriers_log():
    """O1 (X) on time, O2 (X) late, O3 (Y) on time on the requested day, O4 (Y) not delivered, O5 cancelled
    without a carrier. Shipped -> Delivered: O1 2 d, O2 5 d, O3 1 d."""
    steps = {
        "O1": [("Create Sales Order", "01-01"), ("Shipped", "01-02"), ("Delivered", "01-04")],
        "O2": [("Create Sales Order", "01-01"), ("Shipped", "01-03"), ("Delivered", "01-08")],
        "O3": [("Create Sales Order", "01-01"), ("Shipped", "01-02"), ("Delivered", "01-03")],
        "O4": [("Create Sales Order", "01-01"), ("Shipped", "01-05")],
        "O5": [("Create Sales Order", "01-01"), ("Order Cancelled", "01-02")],
    }
    events = pd.DataFrame(
        [(case, activity, f"2024-{day} 08:00") for case, rows in steps.items() for activity, day in rows],
        columns=["case_id", "activity", "timestamp"],
    )
    events["timestamp"] = pd.to_datetime(events["timestamp"], utc=True)
    events["row"] = np.arange(len(events)) + 2
    dates = lambda values: pd.to_datetime(values, utc=True)  # noqa: E731
    orders = pd.DataFrame(
        {
            "case_id": ["O1", "O2", "O3", "O4", "O5"],
            "carrier": pd.Categorical(["X", "X", "Y", "Y", None]),
            "requested_delivery_date": dates(["2024-01-05", "2024-01-06", "2024-01-03", "2024-01-10", "2024-01-10"]),
            "promised_date": dates(["2024-01-03", "2024-01-09", "2024-01-03", "2024-01-10", None]),
        }
    )
    return build_event_log(events, orders)


def test_on_time_over_all_orders(carriers_log):
    result = on_time(carriers_log.view())
    assert (result.judged, result.on_time, result.late) == (3, 2, 1)
    assert result.rate == pytest.approx(2 / 3)
    low, high = wilson_interval(2, 3)
    assert (result.low, result.high) == (pytest.approx(float(low)), pytest.approx(float(high)))


def test_partner_table_by_carrier(carriers_log):
    table = partner_table(carriers_log.view(), "carrier")
    assert table["partner"].tolist() == ["X", "Y"]  # worst first; the cancelled order has no carrier and no verdict
    x, y = table.iloc[0], table.iloc[1]
    assert (x["orders"], x["judged"], x["on_time"], x["late"]) == (2, 2, 1, 1)
    assert (y["orders"], y["judged"], y["on_time"], y["late"]) == (2, 1, 1, 0)
    assert (x["on_time_rate"], y["on_time_rate"]) == (0.5, 1.0)
    assert (x["late_share"], y["late_share"]) == (1.0, 0.0)
    assert (x["order_share"], y["order_share"]) == (pytest.approx(2 / 3), pytest.approx(1 / 3))
    assert (x["transit_median_seconds"], y["transit_median_seconds"]) == (3.5 * DAY, 1 * DAY)
    assert (x["delivery_median_seconds"], y["delivery_median_seconds"]) == (5 * DAY, 2 * DAY)
    assert x["rate_low"] == pytest.approx(float(wilson_interval(1, 2)[0])) and x["small"] and y["small"]


def test_promised_date_changes_the_verdicts(carriers_log):
    table = partner_table(carriers_log.view(), "carrier", "promised").set_index("partner")
    assert table.loc["X", ["on_time", "late"]].tolist() == [1, 1]  # O1 misses its promise, O2 keeps it
    assert on_time(carriers_log.view(), "promised").on_time == 2


def test_filters_only_mask(carriers_log):
    view = carriers_log.view(np.array([False, True, True, True, False]))
    table = partner_table(view, "carrier").set_index("partner")
    assert table.loc["X", ["orders", "judged", "late"]].tolist() == [1, 1, 1]
    assert table.loc["X", "transit_median_seconds"] == 5 * DAY


def test_transit_and_trend(carriers_log):
    np.testing.assert_array_equal(transit_seconds(carriers_log), [2 * DAY, 5 * DAY, DAY, np.nan, np.nan])
    trend = partner_trend(carriers_log.view(), "carrier")
    assert trend.to_dict("list") == {
        "month": [pd.Timestamp("2024-01-01")] * 2,
        "partner": ["X", "Y"],
        "judged": [2, 1],
        "on_time_rate": [0.5, 1.0],
    }


def test_attributes_and_missing_columns(carriers_log, tiny_log):
    assert partner_attributes(carriers_log) == ["carrier"]
    assert missing_columns(carriers_log, "carrier") == []
    assert partner_attributes(tiny_log)[0] == PARTNER_ACCOUNTS  # Partner orders with accounts, no carrier
    assert missing_columns(tiny_log, "carrier") == ["carrier", "requested_delivery_date"]
    codes, labels = partner_codes(tiny_log, PARTNER_ACCOUNTS)
    assert codes[0] == -2  # SO-1 is a Direct order: out of scope
    assert [labels[c] for c in codes[1:]] == ["Beta", "Acme"]


# --- the sample ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cases(sample_log) -> pd.DataFrame:
    frame = sample_log.cases.copy()
    events = sample_log.to_frame()
    first = events.groupby(["case_id", "activity"], observed=True)["timestamp"].min().unstack()
    frame["shipped"] = frame["case_id"].map(first["Shipped"])
    frame["delivered"] = frame["case_id"].map(first["Delivered"])
    return frame


def test_late_carrier_comes_out_on_top(sample_log):
    for target in ("requested", "promised"):
        table = partner_table(sample_log.view(), "carrier", target)
        named = table[table["partner"] != "(missing)"]
        assert named["partner"].iloc[0] == LATE_CARRIER
        assert named.loc[named["late_share"].idxmax(), "partner"] == LATE_CARRIER
        atlas = named.iloc[0]
        # Half of its orders are late, against about one in ten for the others.
        assert atlas["rate_high"] < named["rate_low"].iloc[1:].min()
        assert atlas["late_share"] > 2 * atlas["order_share"]


def test_sample_table_adds_up_and_matches_pandas(sample_log, cases):
    view = sample_log.view()
    table = partner_table(view, "carrier")
    overall = on_time(view)
    assert table["judged"].sum() == overall.judged and table["late"].sum() == overall.late
    assert table["late_share"].sum() == pytest.approx(1.0) and table["order_share"].sum() == pytest.approx(1.0)
    assert ((table["rate_low"] <= table["on_time_rate"]) & (table["on_time_rate"] <= table["rate_high"])).all()
    day = lambda column: cases[column].dt.tz_convert(None).dt.floor("D")  # noqa: E731
    judged = cases["requested_delivery_date"].notna() & cases["actual_delivery_date"].notna()
    late = judged & (day("actual_delivery_date") > day("requested_delivery_date"))
    expected = cases[judged].groupby("carrier", observed=True).size()
    got = table.set_index("partner")
    assert got.loc[expected.index, "judged"].tolist() == expected.tolist()
    assert (
        got.loc[expected.index, "late"].tolist()
        == cases[late].groupby("carrier", observed=True).size()[expected.index].tolist()
    )
    transit = (cases["delivered"] - cases["shipped"]).dt.total_seconds()
    medians = transit.groupby(cases["carrier"], observed=True).median()
    assert got.loc[medians.index, "transit_median_seconds"].tolist() == pytest.approx(medians.tolist())


def test_partner_accounts_stay_in_the_partner_channel(sample_log):
    view = sample_log.view()
    table = partner_table(view, PARTNER_ACCOUNTS)
    partner_orders = sample_log.cases[sample_log.cases["sales_channel"] == "Partner"]
    assert set(table["partner"]) == set(partner_orders["account_name"].astype(str))
    assert table["orders"].sum() == len(partner_orders) == in_scope(view, PARTNER_ACCOUNTS).sum()
    assert table["late_share"].sum() == pytest.approx(1.0)
    scoped = on_time(view, attribute=PARTNER_ACCOUNTS)
    assert (scoped.judged, scoped.late) == (table["judged"].sum(), table["late"].sum())
    assert scoped.judged < on_time(view).judged
    assert on_time(view, attribute="carrier") == on_time(view)


def test_sample_trend(sample_log):
    view = sample_log.view()
    trend = partner_trend(view, "carrier")
    table = partner_table(view, "carrier").set_index("partner")
    per_partner = trend.groupby("partner")["judged"].sum()
    assert per_partner.to_dict() == table.loc[per_partner.index, "judged"].to_dict()
    worst = trend.loc[trend.groupby("month")["on_time_rate"].idxmin(), "partner"]
    assert (worst == LATE_CARRIER).sum() >= 10  # lowest in (nearly) every month
    assert len(partner_trend(view, "warehouse", max_partners=3)["partner"].unique()) == 4  # 3 + "Other (3 values)"
