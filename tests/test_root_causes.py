"""Root causes: the statistics on counts and a hand-made log with known answers, and the planted problems of
the sample coming out on top."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from conftest import xlsx_bytes

from o2c.improve.behaviours import behaviour_cases, cutoff_ns
from o2c.improve.root_causes import (
    COLUMNS,
    MIN_ORDERS,
    OUTCOMES,
    Outcome,
    available_outcomes,
    behaviour_table,
    compare_rates,
    explained_by,
    outcome_mask,
    segment_cases,
    segment_factors,
    segment_table,
    top_root_causes,
)
from o2c.ingest.load import load_event_log
from o2c.ingest.sample import LATE_CARRIER, LATE_PAYERS
from o2c.log.eventlog import build_event_log
from o2c.stats import bonferroni_z

Z = 1.959963984540054


def wilson(x: float, n: float, z: float = Z) -> tuple[float, float]:
    """The Wilson score interval, written out as in Newcombe (1998), eq. 3."""
    p = x / n
    root = z * math.sqrt(z * z + 4 * n * p * (1 - p))
    return (2 * n * p + z * z - root) / (2 * (n + z * z)), (2 * n * p + z * z + root) / (2 * (n + z * z))


def test_compare_rates_matches_a_hand_computed_newcombe_interval():
    table = compare_rates([15], [40], 25, 100, tests=1)
    row = table.iloc[0]
    l1, u1 = wilson(15, 40)
    l2, u2 = wilson(10, 60)
    p1, p2 = 15 / 40, 10 / 60
    assert row["rate_in"] == pytest.approx(0.375) and row["rate_out"] == pytest.approx(1 / 6)
    assert row["lift"] == pytest.approx(2.25)
    assert row["extra_orders"] == pytest.approx((0.375 - 1 / 6) * 40)  # 8.33 extra outcome orders
    assert row["low"] == pytest.approx(p1 - p2 - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2))
    assert row["high"] == pytest.approx(p1 - p2 + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2))
    assert round(row["low"], 4) == 0.0336 and bool(row["significant"]) and not row["too_small"]


def test_bonferroni_widens_the_interval_with_the_number_of_segments():
    one = compare_rates([15], [40], 25, 100, tests=1).iloc[0]
    many = compare_rates([15], [40], 25, 100, tests=50).iloc[0]
    assert many["low"] < one["low"] and many["high"] > one["high"]
    assert not many["significant"]  # 15/40 vs 10/60 does not survive 50 comparisons


def test_a_small_segment_is_never_significant_even_at_100_percent():
    table = compare_rates([20, 25], [20, 25], 40, 1_000)
    assert table["too_small"].tolist() == [True, True]  # fewer than MIN_ORDERS orders
    assert not table["significant"].any() and table[["low", "high"]].isna().all().all()
    # 40 orders but at a 1% overall rate only 0.4 outcomes expected: too small as well
    assert compare_rates([4], [40], 10, 1_000).iloc[0]["too_small"]


def hand_made_log():
    """100 paid orders: channel A (40 orders, 15 take 20 days, the rest 5) and B (60 orders, 10 take 20 days)."""
    rows, orders = [], []
    start = pd.Timestamp("2024-01-01", tz="UTC")
    for i in range(100):
        channel, slow = ("A", i < 15) if i < 40 else ("B", i < 50)
        case = f"SO-{i:03d}"
        created = start + pd.Timedelta(days=i)
        rows += [
            (case, "Create Sales Order", created),
            (case, "Payment Received", created + pd.Timedelta(days=20 if slow else 5)),
        ]
        orders.append({"case_id": case, "sales_channel": channel})
    events = pd.DataFrame(rows, columns=["case_id", "activity", "timestamp"]).assign(row=lambda f: range(len(f)))
    return build_event_log(events, pd.DataFrame(orders))


def test_segment_table_on_a_hand_made_log():
    view = hand_made_log().view()
    judged, positive = outcome_mask(view, Outcome("slow", days=10))
    assert judged.sum() == 100 and positive.sum() == 25
    table = segment_table(view, Outcome("slow", days=10))
    assert list(table.columns) == COLUMNS
    assert table["value"].tolist() == ["A", "B"]  # ranked by extra orders: A adds, B has fewer
    a = table.iloc[0]
    assert (a["orders"], a["outcomes"]) == (40, 15)
    assert a["lift"] == pytest.approx(2.25) and a["extra_orders"] == pytest.approx(25 / 3)
    # mean end to end: A (15 x 20 + 25 x 5) / 40 = 10.625 d, B (10 x 20 + 50 x 5) / 60 = 7.5 d
    assert a["extra_days"] == pytest.approx(10.625 - 7.5)
    low, high = compare_rates([15], [40], 25, 100, tests=2).iloc[0][["low", "high"]]  # two segments tested
    assert (a["low"], a["high"]) == pytest.approx((low, high))
    assert bonferroni_z(2) > Z


def test_slow_by_default_is_the_slowest_quarter():
    view = hand_made_log().view()
    judged, positive = outcome_mask(view, Outcome("slow"))
    assert judged.sum() == 100 and positive.sum() == 25  # the 75th percentile is 5 days: the 20-day orders


def test_outcomes_the_log_cannot_judge_say_what_is_missing():
    found = available_outcomes(hand_made_log())
    assert found["slow"] is None and found["rework"] is None
    assert found["late_payment"] and found["late_delivery"] and "requested_delivery_date" in found["late_delivery"]


def test_tiny_log_outcomes_leave_out_what_cannot_be_judged(tiny_log):
    view = tiny_log.view()
    judged, positive = outcome_mask(view, Outcome("unpaid"))
    assert judged.tolist() == [True, True, True] and positive.tolist() == [False, True, False]
    judged, positive = outcome_mask(view, Outcome("slow", days=5))  # SO-2 is unpaid: not judged
    assert judged.tolist() == [True, False, True] and positive.tolist() == [False, False, True]
    table = segment_table(view, Outcome("slow", days=5))
    assert table["too_small"].all() and not table["significant"].any()
    behaviours = behaviour_cases(tiny_log, "slow")
    assert behaviours["repeated_credit_check"].tolist() == [False, False, True]  # failed, then passed
    assert behaviours["skipped_credit_check"].tolist() == [False, True, False]  # shipped without a check


# --- the sample's planted problems ---------------------------------------------------------------------------------


def test_sample_offers_every_outcome(sample_log):
    assert available_outcomes(sample_log) == {kind: None for kind in OUTCOMES}
    factors = segment_factors(sample_log)
    assert "account_name" in factors and "carrier" in factors and "payment_terms" in factors
    assert "account_id" not in factors  # the same partition as account_name
    assert not any("status" in f or f.startswith("invoice") for f in factors)


def test_late_payment_points_at_the_late_paying_accounts(sample_log):
    view = sample_log.view()
    judged, positive = outcome_mask(view, Outcome("late_payment"))
    assert (int(positive.sum()), int(judged.sum())) == (269, 1722)
    table = segment_table(view, Outcome("late_payment"))
    accounts = table[table["factor"] == "account_name"]
    assert set(accounts["value"].head(4)) == set(LATE_PAYERS)
    top = accounts.iloc[0]
    assert top["value"] == "Pacific Rim Electronics Pte Ltd" and top["significant"] and top["rate_in"] == 1.0
    smaller = accounts.iloc[1:4]
    assert smaller["too_small"].all() and not smaller["significant"].any()  # 100% late but fewer than 30 orders


def test_late_delivery_ranks_the_late_carrier_first(sample_log):
    table = segment_table(sample_log.view(), Outcome("late_delivery"))
    top = table.iloc[0]
    assert (top["factor"], top["value"]) == ("carrier", LATE_CARRIER) and top["significant"]
    assert top["rate_in"] == pytest.approx(0.50, abs=0.03) and top["rate_out"] == pytest.approx(0.09, abs=0.02)
    adds = table["significant"] & (table["extra_orders"] > 0)
    assert adds.sum() == 1  # nothing else is planted (the other carriers are significantly better)


def test_slow_end_to_end_names_partner_among_the_channels(sample_log):
    table = segment_table(sample_log.view(), Outcome("slow"))
    # Payment terms drive end to end time most (Net 60 first); among the channels Partner leads, significantly.
    assert (table.iloc[0]["factor"], table.iloc[0]["value"]) == ("payment_terms", "Net 60")
    channels = table[table["factor"] == "sales_channel"]
    assert channels.iloc[0]["value"] == "Partner" and channels.iloc[0]["significant"]
    assert channels.index[0] < 10


def test_copies_of_a_segment_become_one_row(sample_log):
    table = segment_table(sample_log.view(), Outcome("slow"))
    apac = table[(table["factor"] == "region") & (table["value"] == "APAC")].iloc[0]
    assert apac["also"] == "warehouse = DC Singapore"
    assert not ((table["factor"] == "warehouse") & (table["value"] == "DC Singapore")).any()


def test_behaviours_on_the_sample(sample_log):
    view = sample_log.view()
    slow = behaviour_table(view, Outcome("slow"))
    assert {"repeated_credit_check", "changed_after_confirmation"} <= set(slow["factor"])
    assert slow.set_index("factor").loc["repeated_credit_check", "significant"]
    rework = behaviour_table(view, Outcome("rework"))
    assert rework.iloc[0]["factor"] == "changed_after_confirmation" and rework.iloc[0]["significant"]
    assert "repeated_credit_check" not in set(rework["factor"])  # rework by definition
    # Rule outcome: a behaviour every order of which breaks a rule is that rule re-phrased, not a cause.
    assert "skipped_credit_check" not in set(behaviour_table(view, Outcome("rule"))["factor"])


def test_behaviours_count_only_before_the_outcome_cut_off():
    """A second credit check after the invoice is no cause of a late payment, but is one of a later delivery."""
    t0 = pd.Timestamp("2024-01-01", tz="UTC")
    steps = [
        ("Create Sales Order", "Ann"),
        ("Credit Check Passed", "Bob"),
        ("Order Confirmation Sent", "Ann"),
        ("Invoice Created", "Cid"),
        ("Credit Check Passed", "Bob"),
        ("Order Changed", "Dee"),
        ("Delivered", "Eve"),
        ("Payment Received", "Fay"),
    ]
    events = pd.DataFrame(
        [("SO-1", name, t0 + pd.Timedelta(hours=i), who) for i, (name, who) in enumerate(steps)],
        columns=["case_id", "activity", "timestamp", "resource"],
    ).assign(row=range(len(steps)))
    log = build_event_log(events)
    assert cutoff_ns(log, "late_payment")[0] == log.timestamp[3]  # the invoice
    assert cutoff_ns(log, "late_delivery")[0] == log.timestamp[6]  # the delivery
    payment, delivery = behaviour_cases(log, "late_payment", people=2), behaviour_cases(log, "late_delivery", people=2)
    assert not payment["repeated_credit_check"][0] and delivery["repeated_credit_check"][0]
    assert not payment["changed_after_confirmation"][0] and delivery["changed_after_confirmation"][0]
    assert not payment["many_people"][0] and delivery["many_people"][0]  # Ann, Bob before the invoice; + Cid, Dee
    assert "skipped_credit_check" not in payment  # no activation or shipping step to judge it by


def test_top_root_causes_for_the_backlog(sample_log):
    view = sample_log.view()
    causes = top_root_causes(view, Outcome("late_delivery"), limit=3)
    assert causes[0]["factor"] == "carrier" and causes[0]["value"] == LATE_CARRIER
    judged, positive = outcome_mask(view, Outcome("late_delivery"))
    carrier = segment_cases(view, "carrier", LATE_CARRIER)
    assert causes[0]["cases"].tolist() == (carrier & positive).tolist()
    assert causes[0]["cases"].sum() == 187 and "Atlas Freight" in causes[0]["evidence"]
    assert all(c["extra_orders"] > 0 for c in causes)
    late = top_root_causes(view, Outcome("late_payment"), limit=10)
    assert any(c["value"] == "Pacific Rim Electronics Pte Ltd" for c in late)
    assert "延迟交付" in top_root_causes(view, Outcome("late_delivery"), 1, lang="zh")[0]["evidence"]


def test_a_filter_only_masks(sample_log):
    channel = sample_log.cases["sales_channel"].astype(str).to_numpy()
    view = sample_log.view(channel == "Partner")
    judged, positive = outcome_mask(view, Outcome("slow"))
    assert not judged[channel != "Partner"].any()
    table = segment_table(view, Outcome("slow"))
    assert table["orders"].max() <= view.n_cases and "Partner" not in set(
        table.loc[table["factor"] == "sales_channel", "value"]
    )  # the segment is everything: n_out = 0
    assert MIN_ORDERS == 30


def test_late_payment_in_days_counts_invoice_to_cash(sample_log):
    from o2c.discover.measures import order_measures

    seconds = order_measures(sample_log).invoice_to_cash_seconds
    judged, positive = outcome_mask(sample_log.view(), Outcome("late_payment", days=45))
    assert judged.tolist() == (~np.isnan(seconds)).tolist()
    assert positive.tolist() == (np.nan_to_num(seconds) > 45 * 86_400).tolist()


def test_unpaid_judges_only_orders_past_their_due_date(sample_log):
    from o2c.discover.measures import order_measures

    m = order_measures(sample_log)
    judged, positive = outcome_mask(sample_log.view(), Outcome("unpaid"))
    assert (judged == (~m.cancelled & m.due_passed)).all()
    assert (positive == m.overdue).all()  # unpaid past the due date, the orders the sample's reminders chase
    assert 0 < positive.sum() < (~m.paid & ~m.cancelled).sum()  # recent open orders are not blamed


def test_a_broad_segment_names_the_narrower_one_that_explains_it(sample_log):
    view = sample_log.view()
    late = Outcome("late_payment")
    # APAC pays late because of Singapore, where the planted late payers sit; Singapore has two of them, so no
    # single account explains it.
    [(factor, value, share), singapore, unknown] = explained_by(
        view, late, [("region", "APAC"), ("country", "Singapore"), ("region", "Atlantis")]
    )
    assert (factor, value) == ("country", "Singapore") and share > 0.9
    assert singapore is None and unknown is None
    # The late carrier is late whatever else its orders have in common.
    assert explained_by(view, Outcome("late_delivery"), [("carrier", "Atlas Freight")]) == [None]


def test_explained_by_on_a_hand_made_segment():
    # Region X: account A (40 orders, all paid late) and account B (40 orders, 2 late); region Y: 100 orders,
    # 10 late. X's excess rate (52.5% against 10%) is all A's: without A, X's other orders are at 5%.
    events, orders = [], []
    for i in range(180):
        region, account = ("X", "A") if i < 40 else ("X", "B") if i < 80 else ("Y", f"C{i % 5}")
        late = i < 42 or 80 <= i < 90
        paid = "2024-03-20" if late else "2024-01-20"
        events += [
            (f"O{i}", "Create Sales Order", "2024-01-01T08:00:00Z"),
            (f"O{i}", "Invoice Created", "2024-01-02T08:00:00Z"),
            (f"O{i}", "Payment Received", f"{paid}T08:00:00Z"),
        ]
        orders.append((f"O{i}", region, account, "2024-02-01"))
    workbook = xlsx_bytes(
        {
            "Events": pd.DataFrame(events, columns=["case_id", "activity", "timestamp"]),
            "Orders": pd.DataFrame(orders, columns=["case_id", "region", "account_name", "invoice_due_date"]),
        }
    )
    log = load_event_log(workbook, "explained.xlsx").log
    [(factor, value, share), account] = explained_by(
        log.view(), Outcome("late_payment"), [("region", "X"), ("account_name", "A")]
    )
    assert (factor, value) == ("account_name", "A")
    # A carries 40 - 10% x 40 = 36 of X's 42 - 10% x 80 = 34 extra late orders: more than all of it.
    assert share == pytest.approx(36 / 34)
    assert account is None
