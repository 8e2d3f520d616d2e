"""The KPI catalogue: exact values on a hand-made log, missing inputs named, trends per month, and the sample's
KPIs against an independent pandas computation from the workbook's sheets."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import SAMPLE_WORKBOOK, log_from_csv

from o2c.improve.cost import CostTable
from o2c.improve.settings import Settings
from o2c.monitor.kpis import CATALOGUE, kpi_dict, kpi_trend, kpi_values

DAY = 86_400.0

# Four orders (UTC). Hand-computed per order:
#   A: created 01-01, delivered 01-03 (requested 01-05: on time), invoiced 01-04, paid 01-14 (due 01-20: on time)
#      -> end to end 13 d, order to delivery 2 d, invoice to cash 10 d; every event by the system user "Bot"
#   B: created 01-10, delivered 01-20 (requested 01-15: late), invoiced 01-21, paid 02-25 (due 02-20: late)
#      -> 46 d, 10 d, 35 d
#   C: created 02-01, delivered 02-04 (requested 02-04: on time, same day), invoiced 02-05 and again 02-06
#      (rework), paid 03-07 (due 03-06: one day late) -> 35 d, 3 d, 31 d (Feb 2024 has 29 days)
#   D: created 02-10, delivered 02-12 (no requested date: not judged), invoiced 02-13, unpaid (due 03-13):
#      open; the data ends with C's payment on 03-07, so it is 26 d old
TINY_KPI_EVENTS = """case_id,activity,timestamp,resource,requested_delivery_date,invoice_due_date
A,Create Sales Order,2024-01-01T00:00:00Z,Bot,2024-01-05,2024-01-20
A,Delivered,2024-01-03T00:00:00Z,Bot,2024-01-05,2024-01-20
A,Invoice Created,2024-01-04T00:00:00Z,Bot,2024-01-05,2024-01-20
A,Payment Received,2024-01-14T00:00:00Z,Bot,2024-01-05,2024-01-20
B,Create Sales Order,2024-01-10T00:00:00Z,Ann,2024-01-15,2024-02-20
B,Delivered,2024-01-20T00:00:00Z,Bot,2024-01-15,2024-02-20
B,Invoice Created,2024-01-21T00:00:00Z,Bot,2024-01-15,2024-02-20
B,Payment Received,2024-02-25T00:00:00Z,Bot,2024-01-15,2024-02-20
C,Create Sales Order,2024-02-01T00:00:00Z,Ann,2024-02-04,2024-03-06
C,Delivered,2024-02-04T00:00:00Z,Bot,2024-02-04,2024-03-06
C,Invoice Created,2024-02-05T00:00:00Z,Ann,2024-02-04,2024-03-06
C,Invoice Created,2024-02-06T00:00:00Z,Ann,2024-02-04,2024-03-06
C,Payment Received,2024-03-07T00:00:00Z,Bot,2024-02-04,2024-03-06
D,Create Sales Order,2024-02-10T00:00:00Z,Ann,,2024-03-13
D,Delivered,2024-02-12T00:00:00Z,Bot,,2024-03-13
D,Invoice Created,2024-02-13T00:00:00Z,Ann,,2024-03-13
"""
# Create Sales Order costs 10, Invoice Created 5, the rest nothing: A, B and D cost 15, C (two invoices) 20.
COSTS = CostTable((("Create Sales Order", 10.0), ("Invoice Created", 5.0)))
SETTINGS = Settings(systems=("Bot",), costs=COSTS)


def load_csv(text: str):
    return log_from_csv(text, "kpis.csv")


@pytest.fixture(scope="module")
def kpi_log():
    return load_csv(TINY_KPI_EVENTS)


def all_orders(log):
    return log.view(np.ones(log.n_cases, dtype=bool))


def values_of(view, settings=SETTINGS) -> dict[str, float | None]:
    return {v.kpi.key: v.value for v in kpi_values(view, settings)}


def test_kpis_of_the_tiny_log(kpi_log):
    values = values_of(all_orders(kpi_log))
    assert values["orders"] == 4
    assert values["end_to_end_median"] == 35 * DAY  # of 13, 35, 46 d (D is unpaid)
    assert values["end_to_end_p90"] == pytest.approx(43.8 * DAY)  # 35 + 0.8 * (46 - 35), numpy's linear rule
    assert values["order_to_delivery"] == 2.5 * DAY  # of 2, 2, 3, 10 d
    assert values["invoice_to_cash"] == 31 * DAY  # of 10, 31, 35 d (from C's first invoice)
    assert values["late_payment_rate"] == pytest.approx(2 / 3)  # B and C of the three paid orders
    assert values["on_time_delivery_rate"] == pytest.approx(2 / 3)  # A and C; D has no requested date
    assert values["rework_rate"] == 0.25  # C invoiced twice
    assert values["touchless_rate"] == 0.25  # only A has nothing but "Bot" events
    assert values["cost_per_order"] == pytest.approx((15 + 15 + 20 + 15) / 4)
    assert values["open_orders"] == 1
    assert values["open_order_age"] == 26 * DAY  # D: 02-10 to 03-07


def test_judged_orders_and_a_selection(kpi_log):
    judged = {v.kpi.key: v.judged for v in kpi_values(all_orders(kpi_log), SETTINGS)}
    assert (judged["end_to_end_median"], judged["on_time_delivery_rate"], judged["open_order_age"]) == (3, 3, 1)
    codes = {case: code for code, case in enumerate(kpi_log.cases["case_id"])}
    january = np.zeros(kpi_log.n_cases, dtype=bool)
    january[[codes["A"], codes["B"]]] = True
    values = values_of(kpi_log.view(january))
    assert values["orders"] == 2
    assert values["end_to_end_median"] == (13 + 46) / 2 * DAY
    assert values["late_payment_rate"] == 0.5
    assert values["open_orders"] == 0 and values["open_order_age"] is None


def test_a_kpi_without_its_inputs_names_the_column():
    without = "\n".join(",".join(line.split(",")[:4]) for line in TINY_KPI_EVENTS.splitlines()) + "\n"
    without = (
        without.replace("A,Delivered", "A,Shipped")
        .replace("B,Delivered", "B,Shipped")
        .replace("C,Delivered", "C,Shipped")
        .replace("D,Delivered", "D,Shipped")
    )
    view = all_orders(load_csv(without))
    missing = {v.kpi.key: v.missing for v in kpi_values(view, SETTINGS)}
    assert missing["late_payment_rate"] == "invoice_due_date"
    assert missing["on_time_delivery_rate"] == "requested_delivery_date"
    assert missing["order_to_delivery"] == "Delivered"
    assert missing["end_to_end_median"] is None
    as_json = kpi_dict(view, SETTINGS)
    assert as_json["late_payment_rate"] == {
        "value": None,
        "unit": "share",
        "judged_orders": 0,
        "missing": "needs invoice_due_date",
    }
    assert as_json["end_to_end_median"]["value"] == 35 * DAY


def test_kpi_trend_per_month(kpi_log):
    trend = kpi_trend(all_orders(kpi_log), SETTINGS, "month")
    assert list(trend["period"]) == [pd.Timestamp("2024-01-01"), pd.Timestamp("2024-02-01")]
    by_month = trend.set_index(trend["period"].dt.month)
    # January: A and B; February: C and D
    assert by_month["orders"].tolist() == [2, 2]
    assert by_month["end_to_end_median"].tolist() == [(13 + 46) / 2 * DAY, 35 * DAY]
    assert by_month["late_payment_rate"].tolist() == [0.5, 1.0]
    assert by_month["on_time_delivery_rate"].tolist() == [0.5, 1.0]
    assert by_month["rework_rate"].tolist() == [0.0, 0.5]
    assert by_month["open_orders"].tolist() == [0, 1]
    assert by_month["cost_per_order"].tolist() == [15.0, 17.5]
    assert {kpi.key for kpi in CATALOGUE} - set(trend.columns) == set()  # every KPI can be given here


# ---------------------------------------------------------------------------------------------- the sample


@pytest.fixture(scope="module")
def sample_sheets() -> tuple[pd.DataFrame, pd.DataFrame]:
    sheets = pd.read_excel(SAMPLE_WORKBOOK, sheet_name=["Events", "Orders"], engine="calamine")
    return sheets["Events"], sheets["Orders"].set_index("case_id")


@pytest.fixture(scope="module")
def reference(sample_sheets) -> dict[str, float]:
    """The KPIs recomputed from the sheets with plain pandas (no o2c code): times in seconds, naive UTC."""
    events, orders = sample_sheets
    events = events.assign(timestamp=pd.to_datetime(events["timestamp"]))
    created = events.groupby("case_id")["timestamp"].min()

    def first(activity: str, after: pd.Series | None = None) -> pd.Series:
        rows = events[events["activity"] == activity]
        if after is not None:
            rows = rows[rows["timestamp"] >= rows["case_id"].map(after)]
        return rows.groupby("case_id")["timestamp"].min()

    paid, delivered, invoiced = first("Payment Received"), first("Delivered"), first("Invoice Created")
    paid_after_invoice = first("Payment Received", after=invoiced)
    end_to_end = (paid - created.reindex(paid.index)).dt.total_seconds()
    invoice_to_cash = (paid_after_invoice - invoiced.reindex(paid_after_invoice.index)).dt.total_seconds()

    due = pd.to_datetime(orders["invoice_due_date"]).dt.normalize()
    paid_day = paid.dt.normalize()
    judged_payment = due.reindex(paid_day.index).notna()
    late = (paid_day > due.reindex(paid_day.index))[judged_payment]

    delivery_day = pd.to_datetime(orders["actual_delivery_date"]).dt.normalize()
    delivery_day = delivery_day.fillna(delivered.dt.normalize().reindex(delivery_day.index))
    requested = pd.to_datetime(orders["requested_delivery_date"]).dt.normalize()
    judged_delivery = delivery_day.notna() & requested.notna()
    on_time = (delivery_day <= requested)[judged_delivery]

    repeats = events.groupby(["case_id", "activity"]).size()
    reworked = (repeats > 1).groupby(level="case_id").any()
    return {
        "orders": float(created.size),
        "end_to_end_median": end_to_end.median(),
        "end_to_end_p90": end_to_end.quantile(0.9),
        "invoice_to_cash": invoice_to_cash.median(),
        "late_payment_rate": late.mean(),
        "on_time_delivery_rate": on_time.mean(),
        "rework_rate": reworked.mean(),
        "paid_orders": float(paid.size),
    }


def test_sample_kpis_match_an_independent_computation(sample_log, reference):
    values = values_of(all_orders(sample_log), Settings())
    for key in (
        "orders",
        "end_to_end_median",
        "end_to_end_p90",
        "invoice_to_cash",
        "late_payment_rate",
        "on_time_delivery_rate",
        "rework_rate",
    ):
        assert values[key] == pytest.approx(reference[key], rel=1e-12), key
    judged = {v.kpi.key: v.judged for v in kpi_values(all_orders(sample_log))}
    assert judged["end_to_end_median"] == reference["paid_orders"]


def test_sample_kpis_on_a_channel(sample_log, sample_sheets):
    # Partner orders wait before activation (planted): they take longer end to end than the rest.
    _, orders = sample_sheets
    partner = sample_log.cases["sales_channel"].astype(str).to_numpy() == "Partner"
    inside, outside = values_of(sample_log.view(partner)), values_of(sample_log.view(~partner))
    assert inside["orders"] == (orders["sales_channel"] == "Partner").sum()
    assert inside["end_to_end_median"] > outside["end_to_end_median"]


def test_rules_about_activities_the_log_lacks_give_no_adherence(orders_flat_log):
    # The public order-management log has "place order", "pay order" ...: none of the O2C rules applies, so an
    # adherence of 100% would be a wrong number.
    values = {v.kpi.key: v for v in kpi_values(orders_flat_log.view())}
    assert values["adherence_rate"].value is None
    # The reason names what the data lacks (it used to say only "rules that fit the data").
    assert values["adherence_rate"].missing == (
        "rules that fit the data (none of the 11 rules applies; the data lacks Credit Check Passed, Order Activated, "
        "Shipped, Invoice Created, Order Changed, department, promised_date, Delivered, requested_delivery_date, "
        "invoice_due_date)"
    )
    assert values["first_time_right"].missing == values["adherence_rate"].missing
    # No system user in it either: a touchless rate of 0% would only say that nobody marked one.
    assert values["touchless_rate"].missing.startswith("system users")
    assert values["rework_rate"].value == pytest.approx(0.0495)
