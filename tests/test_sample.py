"""The synthetic O2C log: shape, consistency and the planted problems of o2c.ingest.sample, found with plain pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from o2c.ingest.sample import (
    APPROVAL_THRESHOLD,
    CREDIT_CHECK_THRESHOLD,
    EVENT_COLUMN_NAMES,
    LATE_CARRIER,
    LATE_PAYERS,
    PAYMENT_TERMS,
    SELF_CHECKING_REPS,
    SNAPSHOT,
    generate_sample,
)
from o2c.log.activities import ACTIVITY_NAMES
from o2c.log.columns import EVENT_COLUMNS, ORDER_COLUMN_NAMES

CHECKS = ["Credit Check Passed", "Credit Check Failed"]


@pytest.fixture(scope="module")
def sample() -> tuple[pd.DataFrame, pd.DataFrame]:
    return generate_sample(2000, seed=7)


@pytest.fixture(scope="module")
def events(sample) -> pd.DataFrame:
    """Events as plain strings, with the next event of the same case and the order's attributes."""
    raw, orders = sample
    ev = raw.astype({c: str for c in ("case_id", "activity", "resource", "role", "department")})
    same_case = ev["case_id"].eq(ev["case_id"].shift(-1))
    ev["next"] = ev["activity"].shift(-1).where(same_case)
    ev["wait_days"] = (ev["timestamp"].shift(-1) - ev["timestamp"]).dt.total_seconds().where(same_case) / 86400
    attrs = orders[["case_id", "sales_channel", "carrier", "account_name", "order_amount", "owner"]]
    return ev.merge(attrs.astype({"case_id": str}), on="case_id", how="left")


@pytest.fixture(scope="module")
def counts(events) -> pd.DataFrame:
    """Activity counts per case (rows: case_id)."""
    return pd.crosstab(events["case_id"], events["activity"])


def _orders(sample) -> pd.DataFrame:
    return sample[1].set_index("case_id")


def _settled(orders: pd.DataFrame) -> pd.Series:
    """Orders created at least 14 days before the extraction, so their first steps are in the log."""
    return orders["order_date"] <= SNAPSHOT.tz_localize(None) - pd.Timedelta(days=14)


# ---------------------------------------------------------------------------------------------- shape


def test_same_seed_same_log_and_other_seed_other_log():
    first, second, other = generate_sample(300, seed=3), generate_sample(300, seed=3), generate_sample(300, seed=4)
    pd.testing.assert_frame_equal(first[0], second[0])
    pd.testing.assert_frame_equal(first[1], second[1])
    assert not first[1]["order_amount"].equals(other[1]["order_amount"])
    assert len(first[1]) == 300


def test_columns_and_types(sample):
    events, orders = sample
    assert tuple(events.columns) == EVENT_COLUMN_NAMES
    assert set(EVENT_COLUMN_NAMES) <= {c.name for c in EVENT_COLUMNS}
    assert tuple(orders.columns) == ORDER_COLUMN_NAMES
    assert str(events["timestamp"].dt.tz) == "UTC"
    for column in (
        "order_date",
        "requested_delivery_date",
        "promised_date",
        "actual_delivery_date",
        "invoice_date",
        "invoice_due_date",
    ):
        dates = orders[column].dropna()
        assert pd.api.types.is_datetime64_dtype(orders[column]) and orders[column].dt.tz is None
        assert (dates == dates.dt.normalize()).all(), column


def test_case_ids_join_both_ways(sample):
    events, orders = sample
    assert orders["case_id"].is_unique and orders["order_number"].is_unique
    assert set(events["case_id"].astype(str)) == set(orders["case_id"])
    assert orders["order_number"].iloc[0] == "00000100" and orders["order_number"].str.len().eq(8).all()


def _checksum(id15: str) -> str:
    """Salesforce's 18-character suffix: one letter per 5 characters, bit i set when character i is upper case."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
    return "".join(letters[sum(1 << i for i, c in enumerate(id15[k : k + 5]) if c.isupper())] for k in (0, 5, 10))


def test_salesforce_ids_have_prefix_length_and_checksum(sample):
    orders = sample[1]
    for column, prefix in (("case_id", "801"), ("account_id", "001"), ("opportunity_id", "006")):
        ids = orders[column].dropna().astype(str)
        assert ids.str.len().eq(18).all() and ids.str.startswith(prefix).all(), column
        assert all(i[15:] == _checksum(i[:15]) for i in ids.unique()[:300]), column
    assert orders["opportunity_id"].isna().eq(orders["sales_channel"] == "Online").all()


def test_events_sorted_by_case_then_time_and_start_with_creation(sample, events):
    raw = sample[0]
    assert raw["case_id"].cat.codes.is_monotonic_increasing
    assert list(raw["case_id"].cat.categories) == sorted(raw["case_id"].cat.categories)
    assert (events["wait_days"].dropna() >= 0).all()
    first = events.groupby("case_id", sort=False)["activity"].first()
    assert (first == "Create Sales Order").all()
    last = events.groupby("case_id", sort=False)["activity"].last()
    assert (last[events.loc[events["activity"] == "Payment Received", "case_id"]] == "Payment Received").all()
    assert (last[events.loc[events["activity"] == "Order Cancelled", "case_id"]] == "Order Cancelled").all()


def test_activities_come_from_the_catalogue_and_all_occur(events):
    assert set(events["activity"]) == set(ACTIVITY_NAMES)


def test_world_is_realistic(sample, events):
    orders = sample[1]
    assert set(orders["sales_channel"]) == {"Direct", "Partner", "Online", "Distributor"}
    assert set(orders["region"]) == {"EMEA", "North America", "APAC", "LATAM"}
    assert orders["account_name"].nunique() >= 40 and orders["owner"].nunique() == 12
    assert orders.groupby("owner", observed=True)["region"].nunique().eq(1).all()
    assert 4 <= orders["carrier"].nunique() <= 5
    assert set(orders["payment_terms"]) == set(PAYMENT_TERMS)
    assert orders["order_type"].value_counts(normalize=True)["Return"] < 0.05
    roles = events.groupby("role")["department"].agg(set).to_dict()
    assert roles == {
        "Sales Rep": {"Sales"},
        "Sales Manager": {"Sales"},
        "Credit Controller": {"Credit Control"},
        "Order Desk Agent": {"Customer Service"},
        "Warehouse Operator": {"Logistics"},
        "Billing Specialist": {"Finance"},
        "AR Clerk": {"Finance"},
        "System": {"IT"},
    }
    assert {"SAP Integration", "Billing Automation"} <= set(events.loc[events["role"] == "System", "resource"])
    created = orders["order_date"]
    assert created.min() >= pd.Timestamp("2024-01-01") and created.max() <= pd.Timestamp("2024-12-31")
    assert created.dt.month.nunique() == 12
    assert events["timestamp"].max() < SNAPSHOT
    assert 9.5 <= len(events) / len(orders) <= 12.5


def test_people_work_weekdays_eight_to_six(events):
    people = events[events["role"] != "System"]
    hours = people["timestamp"].dt.hour
    assert (people["timestamp"].dt.day_of_week < 5).all() and hours.between(8, 17).all()
    assert len(people) > 0.6 * len(events)


def test_standard_path_is_the_most_common_variant(events):
    variants = events.groupby("case_id", sort=False)["activity"].agg(" > ".join).value_counts()
    assert variants.index[0] == " > ".join(
        [
            "Create Sales Order",
            "Credit Check Passed",
            "Order Activated",
            "Order Confirmation Sent",
            "Inventory Allocated",
            "Picked",
            "Shipped",
            "Delivered",
            "Invoice Created",
            "Invoice Sent",
            "Payment Received",
        ]
    )
    assert variants.iloc[0] > 0.4 * variants.sum()


def test_large_orders_and_only_they_are_approved(sample, counts):
    orders = _orders(sample).reindex(counts.index)
    large = orders["order_amount"] >= APPROVAL_THRESHOLD
    approved = counts["Order Approved"] > 0
    assert not approved[~large].any() and approved[large & _settled(orders)].all()
    assert 0.02 <= large.mean() <= 0.08


def test_cancellations_open_orders_and_invoices(sample, counts):
    orders = _orders(sample)
    cancelled = counts["Order Cancelled"].reindex(orders.index) > 0
    assert 0.01 <= cancelled.mean() <= 0.035
    assert orders.loc[cancelled, "current_status"].eq("Cancelled").all()
    unpaid = orders["payment_status"] == "Unpaid"
    assert 0.03 <= unpaid.mean() <= 0.2
    assert (counts["Payment Received"].reindex(orders.index) > 0).eq(orders["payment_status"] == "Paid").all()
    assert orders["invoice_date"].notna().eq(orders["payment_status"].notna()).all()
    not_shipped = orders["actual_delivery_date"].isna() & ~cancelled
    assert orders.loc[not_shipped, "order_date"].min() >= pd.Timestamp("2024-11-15")
    terms = orders["payment_terms"].astype(str).map(PAYMENT_TERMS)
    due = orders["invoice_date"] + pd.to_timedelta(terms, unit="D")
    assert orders["invoice_due_date"].dropna().equals(due[orders["invoice_date"].notna()])
    invoiced = orders.dropna(subset=["invoice_date"])
    assert (invoiced["invoice_date"] > invoiced["actual_delivery_date"]).all()
    assert (orders["invoice_amount"].dropna() >= orders.loc[orders["invoice_amount"].notna(), "order_amount"]).all()


def test_events_agree_with_the_orders_table(sample, events):
    orders = _orders(sample)
    created = events[events["activity"] == "Create Sales Order"].set_index("case_id")
    assert (
        created["timestamp"]
        .dt.tz_localize(None)
        .dt.normalize()
        .equals(orders.loc[created.index, "order_date"].rename("timestamp"))
    )
    assert created["event_amount"].equals(orders.loc[created.index, "order_amount"].rename("event_amount"))
    invoice = events[events["activity"] == "Invoice Created"].set_index("case_id")
    assert invoice["document_id"].astype(str).equals(orders.loc[invoice.index, "invoice_number"].rename("document_id"))
    assert invoice["event_amount"].equals(orders.loc[invoice.index, "invoice_amount"].rename("event_amount"))
    assert invoice["document_id"].str.match(r"^INV-\d{6}$").all()
    delivered = events[events["activity"] == "Delivered"].set_index("case_id")["timestamp"]
    assert (
        delivered.dt.tz_localize(None)
        .dt.normalize()
        .equals(orders.loc[delivered.index, "actual_delivery_date"].rename("timestamp"))
    )


def test_most_invoices_are_paid_before_the_due_date(sample, events):
    orders = _orders(sample)
    paid_on = events[events["activity"] == "Payment Received"].set_index("case_id")["timestamp"]
    paid_day = paid_on.dt.tz_localize(None).dt.normalize()
    late = paid_day > orders.loc[paid_day.index, "invoice_due_date"]
    assert late.mean() < 0.25


# ---------------------------------------------------------------------------------------------- planted problems


def test_planted_repeated_credit_checks(events, counts):
    checks = counts[CHECKS].sum(axis=1)
    assert 0.08 <= (checks >= 2).mean() <= 0.20
    assert 0.08 <= (counts["Credit Check Failed"] > 0).mean() <= 0.15
    assert 0.01 <= (counts["Credit Check Passed"] >= 2).mean() <= 0.06
    # a failed check is followed by a passed one unless the log ends first
    failed = events[events["activity"] == "Credit Check Failed"]
    assert (failed["next"].dropna() == "Credit Check Passed").all()
    assert (failed.loc[failed["next"].isna(), "timestamp"] >= SNAPSHOT - pd.Timedelta(days=14)).all()


def test_planted_partner_wait_before_activation(events):
    steps = events[events["next"] == "Order Activated"]
    credit = steps[steps["activity"] == "Credit Check Passed"]
    partner = credit.loc[credit["sales_channel"] == "Partner", "wait_days"].median()
    others = credit.loc[credit["sales_channel"] != "Partner", "wait_days"].median()
    assert 3.5 <= partner <= 6 and others < 0.5
    assert partner >= 3 * others
    skipped = steps[steps["activity"] == "Create Sales Order"]
    assert skipped.loc[skipped["sales_channel"] == "Partner", "wait_days"].median() >= 3.5
    # no other step differs as much between Partner and the other channels
    pairs = events.dropna(subset=["next"]).assign(partner=lambda f: f["sales_channel"] == "Partner")
    stats = pairs.groupby(["activity", "next", "partner"])["wait_days"].agg(["median", "size"]).unstack("partner")
    stats = stats[(stats[("size", True)] >= 30) & (stats[("size", False)] >= 30)]
    gap = (stats[("median", True)] - stats[("median", False)]).abs().sort_values(ascending=False)
    assert gap.index[0] in {("Credit Check Passed", "Order Activated"), ("Create Sales Order", "Order Activated")}
    unplanted = gap.drop([("Credit Check Passed", "Order Activated"), ("Create Sales Order", "Order Activated")])
    assert unplanted.iloc[0] < gap.iloc[0] / 2


def test_planted_changes_after_confirmation(events, counts):
    changed = counts["Order Changed"] > 0
    assert 0.06 <= changed.mean() <= 0.12
    change = events[events["activity"] == "Order Changed"]
    assert (change["next"].dropna() == "Inventory Allocated").all()
    confirmed_at = events[events["activity"] == "Order Confirmation Sent"].set_index("case_id")["timestamp"]
    assert (change["timestamp"].to_numpy() > confirmed_at[change["case_id"]].to_numpy()).all()
    assert counts.loc[changed & (counts["Picked"] > 0), "Inventory Allocated"].eq(2).all()
    assert counts.loc[~changed, "Inventory Allocated"].max() == 1


def test_planted_skipped_credit_checks_on_small_orders(sample, counts):
    orders = _orders(sample).reindex(counts.index)
    unchecked = counts[CHECKS].sum(axis=1) == 0
    small = orders["order_amount"] < CREDIT_CHECK_THRESHOLD
    assert 0.10 <= small.mean() <= 0.25
    assert 0.8 <= unchecked[small].mean() <= 0.97
    assert unchecked[~small & _settled(orders)].sum() == 0


def test_planted_self_approved_credit_checks(events):
    created_by = events[events["activity"] == "Create Sales Order"].set_index("case_id")["resource"]
    passed = events[events["activity"] == "Credit Check Passed"]
    own = passed[passed["resource"].to_numpy() == created_by[passed["case_id"]].to_numpy()]
    assert 0.02 <= own["case_id"].nunique() / len(created_by) <= 0.045
    assert set(own["resource"]) == set(SELF_CHECKING_REPS)
    assert set(own["role"]) == {"Sales Rep"} and set(own["department"]) == {"Sales"}
    assert set(passed["role"]) == {"Credit Controller", "Sales Rep"}


def test_planted_late_carrier(sample, events):
    orders = sample[1].dropna(subset=["actual_delivery_date"])
    late = (
        (orders["actual_delivery_date"] > orders["requested_delivery_date"])
        .groupby(orders["carrier"].astype(str))
        .mean()
    )
    others = (orders["actual_delivery_date"] > orders["requested_delivery_date"])[orders["carrier"] != LATE_CARRIER]
    assert 0.4 <= late[LATE_CARRIER] <= 0.6 and 0.05 <= others.mean() <= 0.15
    assert late[LATE_CARRIER] >= 3 * others.mean() and late.drop(LATE_CARRIER).max() < 0.25
    transit = events[(events["activity"] == "Shipped") & (events["next"] == "Delivered")]
    median = transit.groupby("carrier", observed=True)["wait_days"].median()
    assert median[LATE_CARRIER] >= 1.5 * median.drop(LATE_CARRIER).max()


def test_planted_late_payers_after_reminders(sample, events, counts):
    orders = _orders(sample)
    paid = events[events["activity"] == "Payment Received"].set_index("case_id")["timestamp"]
    paid_day = paid.dt.tz_localize(None).dt.normalize()
    late = (
        (paid_day > orders.loc[paid.index, "invoice_due_date"])
        .groupby(orders.loc[paid.index, "account_name"], observed=True)
        .mean()
    )
    assert set(late.sort_values(ascending=False).index[:4]) == set(LATE_PAYERS)
    assert late[list(LATE_PAYERS)].min() == 1.0 and late.drop(list(LATE_PAYERS)).max() < 0.6
    others = ~orders.loc[paid.index, "account_name"].isin(LATE_PAYERS)
    assert (paid_day > orders.loc[paid.index, "invoice_due_date"])[others].mean() <= 0.2
    reminded = counts["Payment Reminder Sent"].reindex(paid.index)
    is_late_payer = orders.loc[paid.index, "account_name"].isin(LATE_PAYERS)
    assert (reminded[is_late_payer] >= 1).all()
    assert (reminded[~is_late_payer] > 0).mean() <= 0.04
    reminders = events[events["activity"] == "Payment Reminder Sent"]
    assert (reminders["next"].dropna().isin(["Payment Reminder Sent", "Payment Received"])).all()
