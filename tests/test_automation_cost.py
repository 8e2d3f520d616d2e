"""Automation potential, system users, touchless orders and cost per order: exact values on tiny logs, the
planted sample behaviour, the Activities sheet and the Automation & cost page."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import log_from_csv, metric, open_app_with_sample, xlsx_bytes

from o2c.discover.rework import rework
from o2c.improve.automation import automation_candidates, default_system_resources, looks_like_system, touchless_orders
from o2c.improve.cost import (
    DEFAULT_COSTS,
    CostTable,
    cost_by_attribute,
    cost_by_variant,
    cost_table_for,
    default_cost_table,
    order_costs,
    read_cost_sheet,
    rework_cost,
    table_from_frame,
)
from o2c.ingest.load import load_event_log
from o2c.log.activities import ACTIVITY_NAMES
from o2c.workbook.template import build_template

# Create 10, credit check passed 5, failed 7, shipped 2, payment 1; SO-1 = 18, SO-2 = 12, SO-3 = 25.
TINY_COSTS = CostTable(
    (
        ("Create Sales Order", 10.0),
        ("Credit Check Passed", 5.0),
        ("Credit Check Failed", 7.0),
        ("Shipped", 2.0),
        ("Payment Received", 1.0),
    ),
    minutes=(("Create Sales Order", 30.0), ("Shipped", 12.0)),
)
SAMPLE_SYSTEMS = (
    "B2B Commerce",
    "Billing Automation",
    "Carrier Integration",
    "Payment Gateway",
    "SAP Integration",
    "Salesforce Flow",
)

SYSTEM_EVENTS = """case_id,activity,timestamp,resource,role,department
A,Create Sales Order,2024-01-01T08:00:00Z,Web Shop,System,IT
A,Credit Check Passed,2024-01-01T09:00:00Z,Order Bot,,
A,Shipped,2024-01-02T09:00:00Z,Carrier Integration,,
B,Create Sales Order,2024-01-01T08:00:00Z,Ann,Sales Rep,Sales
B,Credit Check Passed,2024-01-01T10:00:00Z,Hal,Helpdesk,IT
B,Credit Check Passed,2024-01-01T12:00:00Z,Bob,Credit Controller,Credit Control
B,Shipped,2024-01-03T08:00:00Z,Carrier Integration,,
C,Create Sales Order,2024-01-01T08:00:00Z,,,
C,Shipped,2024-01-02T08:00:00Z,,,
"""


@pytest.fixture(scope="module")
def system_log():
    return log_from_csv(SYSTEM_EVENTS, "systems.csv")


# ---------------------------------------------------------------------------------------------- tiny logs


def test_order_costs_sum_the_cost_of_each_event(tiny_log):
    costs = order_costs(tiny_log, TINY_COSTS)
    assert dict(zip(tiny_log.cases["case_id"], costs)) == {"SO-1": 18.0, "SO-2": 12.0, "SO-3": 25.0}
    assert order_costs(tiny_log, TINY_COSTS) is costs  # kept on the log per table


def test_unknown_activities_cost_nothing(tiny_log):
    assert TINY_COSTS.cost_of("Picked") == 0.0
    table = default_cost_table(tiny_log)
    assert [name for name, _ in table.costs] == [  # catalogue order
        "Create Sales Order",
        "Credit Check Passed",
        "Credit Check Failed",
        "Shipped",
        "Payment Received",
    ]
    assert table.cost_of("Create Sales Order") == DEFAULT_COSTS["Create Sales Order"]
    assert hash(table) == hash(default_cost_table(tiny_log))


def test_every_catalogue_activity_has_a_default_cost():
    assert set(DEFAULT_COSTS) == set(ACTIVITY_NAMES)
    assert all(cost > 0 for cost in DEFAULT_COSTS.values())


def test_touchless_orders_are_done_by_systems_only(tiny_log):
    by_case = lambda flags: dict(zip(tiny_log.cases["case_id"], flags.tolist()))  # noqa: E731
    assert by_case(touchless_orders(tiny_log, ["Ann", "Cid"])) == {"SO-1": False, "SO-2": True, "SO-3": False}
    assert by_case(touchless_orders(tiny_log, ["Ann", "Bob", "Cid", "Dee"])) == {
        "SO-1": True,
        "SO-2": True,
        "SO-3": False,
    }  # SO-3 was created by Eve
    assert not touchless_orders(tiny_log, []).any()


def test_system_resources_by_role_department_or_name(system_log):
    # Web Shop: role System; Order Bot and Carrier Integration: their names; Hal works in IT.
    assert default_system_resources(system_log) == ("Carrier Integration", "Hal", "Order Bot", "Web Shop")
    touchless = dict(
        zip(system_log.cases["case_id"], touchless_orders(system_log, ["Web Shop", "Order Bot", "Carrier Integration"]))
    )
    assert touchless == {"A": True, "B": False, "C": False}  # C has no known resource at all


def test_looks_like_system():
    assert looks_like_system("Billing Automation")
    assert looks_like_system("Payment Gateway") and looks_like_system("B2B Commerce")
    assert looks_like_system("Anyone", role="Integration User")
    assert looks_like_system("Anyone", department="IT")
    assert not looks_like_system("Jane Miller", "Sales Rep", "Sales")
    assert not looks_like_system("Summit Health Systems Inc.", "Account", "Sales")
    assert not looks_like_system("Anyone", department="Credit")


def test_no_resource_column(tiny_csv):
    log = load_event_log(b"case_id,activity,timestamp\nA,Create Sales Order,2024-01-01T08:00:00Z\n", "x.csv").log
    assert default_system_resources(log) == ()
    assert touchless_orders(log, ["x"]) is None
    table = automation_candidates(log.view(), (), default_cost_table(log))
    assert table["person_share"].tolist() == [1.0]


def test_candidates_numbers_on_a_small_log(system_log):
    table = automation_candidates(
        system_log.view(), ["Web Shop", "Order Bot", "Carrier Integration"], TINY_COSTS
    ).set_index("activity")
    check = table.loc["Credit Check Passed"]
    assert check["executions"] == 3
    assert check["orders_share"] == pytest.approx(2 / 3)
    assert check["per_order"] == pytest.approx(1.5)
    assert check["system_share"] == pytest.approx(1 / 3) and check["person_share"] == pytest.approx(2 / 3)
    # After Create Sales Order twice, after itself once; Hal (Helpdesk) and Bob (Credit Controller) one each.
    assert check["predecessor"] == "Create Sales Order" and check["predecessor_share"] == pytest.approx(2 / 3)
    assert check["role_share"] == pytest.approx(0.5)
    create = table.loc["Create Sales Order"]
    assert create["predecessor"] == "" and create["predecessor_share"] == 1.0
    # Three executions: Web Shop (system), Ann (person), one unknown counted in the people's proportion.
    assert create["person_share"] == 0.5 and create["person_executions"] == pytest.approx(1.5)
    assert create["person_hours"] == pytest.approx(1.5 * 30 / 60)
    # score = person share × mean(orders share, rule-like, effort, proven)
    expected = 100 * 0.5 * (1.0 + (1.0 + 1.0) / 2 + 1.0 + 1.0) / 4
    assert create["score"] == pytest.approx(expected, abs=0.05)
    assert table.loc["Shipped", "score"] == 0  # only systems ship here: nothing left to automate
    assert table.index[0] == "Create Sales Order"


def test_rework_cost_counts_executions_beyond_the_first(system_log):
    result = rework_cost(system_log.view(), TINY_COSTS)
    assert result.total == 5.0 and result.orders == 1
    assert result.by_activity.to_dict("records") == [
        {"activity": "Credit Check Passed", "repeated": 1, "cost_per_execution": 5.0, "cost": 5.0}
    ]
    assert rework_cost(system_log.view(np.array([True, False, True])), TINY_COSTS).total == 0.0


def test_cost_by_attribute_and_variant(tiny_log):
    table = cost_by_attribute(tiny_log.view(), TINY_COSTS, "sales_channel")
    assert table[["value", "orders", "median", "mean", "total"]].to_dict("records") == [
        {"value": "Partner", "orders": 2, "median": 18.5, "mean": 18.5, "total": 37.0},
        {"value": "Direct", "orders": 1, "median": 18.0, "mean": 18.0, "total": 18.0},
    ]
    assert table["share"].sum() == pytest.approx(1.0)
    variants = cost_by_variant(tiny_log.view(), TINY_COSTS)
    assert variants["total"].tolist() == [25.0, 18.0, 12.0]
    assert variants["orders"].tolist() == [1, 1, 1]


# ---------------------------------------------------------------------------------------------- cost sheet


def test_template_costs_read_back():
    table, problems = read_cost_sheet(build_template(), "template.xlsx")
    assert problems == []
    assert dict(table.costs) == DEFAULT_COSTS


def test_bad_cost_cells_are_problems_with_row_and_fix():
    sheet = pd.DataFrame(
        {
            "activity": ["Create Sales Order", "Shipped", "Picked", "Custom Step"],
            "cost_per_execution": ["12.5", "lots", -3, None],
        }
    )
    table, problems = read_cost_sheet(xlsx_bytes({"Events": pd.DataFrame({"a": [1]}), "Activities": sheet}), "x.xlsx")
    assert table.cost_of("Create Sales Order") == 12.5
    assert table.cost_of("Shipped") == DEFAULT_COSTS["Shipped"]  # the default stands in for a bad cell
    assert table.cost_of("Custom Step") == 0.0
    assert [p.row for p in problems] == [3, 4]
    assert "'lots' is not a number" in problems[0].message and "row 3" in problems[0].fix


def test_no_cost_sheet():
    assert read_cost_sheet(b"case_id\n", "events.csv") == (None, [])
    workbook = xlsx_bytes({"Activities": pd.DataFrame({"activity": ["Shipped"], "stage": ["Fulfilment"]})})
    assert read_cost_sheet(workbook, "x.xlsx") == (None, [])
    assert read_cost_sheet(b"not a workbook", "x.xlsx") == (None, [])


def test_workbook_costs_fill_in_the_log_activities(tiny_log):
    sheet = CostTable((("Shipped", 50.0),), minutes=(("Shipped", 5.0),))
    table = cost_table_for(tiny_log, sheet)
    assert table.cost_of("Shipped") == 50.0 and table.minutes_of("Shipped") == 5.0
    assert table.cost_of("Create Sales Order") == DEFAULT_COSTS["Create Sales Order"]
    edited = table_from_frame(table.to_frame().assign(cost_per_execution=lambda f: f["cost_per_execution"] * 0 + 1))
    assert order_costs(tiny_log, edited).tolist() == [4.0, 2.0, 5.0]


# ---------------------------------------------------------------------------------------------- sample


def test_sample_system_users(sample_log):
    assert default_system_resources(sample_log) == SAMPLE_SYSTEMS


def test_sample_candidates_are_plausible(sample_log):
    table = automation_candidates(sample_log.view(), SAMPLE_SYSTEMS, default_cost_table(sample_log))
    top = table.head(3)
    # Steps systems already do in part (invoices sent and payments taken for prepaid orders), or steps nearly
    # every order has.
    assert ((top["system_share"] > 0) | (top["orders_share"] > 0.8)).all()
    assert "Invoice Sent" in set(table.head(4)["activity"])
    # Customer, partner and warehouse work is no automation candidate (it used to rank Payment Received high).
    by_activity = table.set_index("activity")
    assert by_activity.loc[["Payment Received", "Delivered", "Picked", "Shipped"], "score"].tolist() == [0, 0, 0, 0]
    assert by_activity.loc[["Payment Received", "Picked"], "kind"].tolist() == ["customer", "physical"]
    assert (table.loc[table["person_share"] == 0, "score"] == 0).all()  # system-only steps
    assert set(table.loc[table["person_share"] == 0, "activity"]) >= {"Invoice Created", "Delivered"}
    assert table.set_index("activity").loc["Order Cancelled", "score"] < top["score"].min() / 2


def test_sample_rework_cost_equals_repeated_executions_times_cost(sample_log):
    view, costs = sample_log.view(), default_cost_table(sample_log)
    result = rework_cost(view, costs)
    activities = rework(view).by_activity
    activities = activities[~activities["family"]]
    expected = sum(row.extra * costs.cost_of(row.activity) for row in activities.itertuples())
    assert result.total > 0
    assert result.total == pytest.approx(expected)
    assert result.by_activity.set_index("activity")["repeated"].to_dict() == dict(
        zip(activities["activity"], activities["extra"])
    )


def test_sample_cost_per_order_adds_up(sample_log):
    costs = default_cost_table(sample_log)
    per_order = order_costs(sample_log, costs)
    counts = sample_log.view().activity_counts()
    assert per_order.sum() == pytest.approx(sum(n * costs.cost_of(a) for a, n in counts.items()))
    assert per_order.shape == (sample_log.n_cases,)
    by_channel = cost_by_attribute(sample_log.view(), costs, "sales_channel")
    assert by_channel["total"].sum() == pytest.approx(per_order.sum())
    assert set(by_channel["value"]) == {"Direct", "Partner", "Online", "Distributor"}


# ---------------------------------------------------------------------------------------------- page

AUTOMATION = "pages/automation.py"


def test_automation_page_on_the_sample():
    at = open_app_with_sample(AUTOMATION)
    assert not at.exception
    assert at.title[0].value == "Automation & cost"
    assert metric(at, "Cost per order (median)").endswith(" EUR")
    assert metric(at, "Cost of rework") != "0.00 EUR"
    touchless = metric(at, "Touchless orders")
    assert at.multiselect(key="auto_systems").value == list(SAMPLE_SYSTEMS)
    at.multiselect(key="auto_systems").set_value([]).run()
    assert not at.exception
    assert metric(at, "Touchless orders") == "0.0%" != touchless
    assert metric(at, "Steps done by systems") == "0.0%"
    at.session_state["lang_choice"] = "zh"
    at.run()
    assert not at.exception
    assert at.title[0].value == "自动化与成本"
    assert metric(at, "每单成本（中位数）").endswith(" EUR")


def test_automation_settings_reach_the_other_pages():
    from ui.state import SYSTEMS_KEY

    at = open_app_with_sample(AUTOMATION)
    at.multiselect(key="auto_systems").set_value(["Payment Gateway"]).run()
    assert at.session_state[SYSTEMS_KEY]["systems"] == ("Payment Gateway",)
    at.switch_page("pages/what_if.py").run()
    at.switch_page(AUTOMATION).run()
    assert not at.exception
    assert at.multiselect(key="auto_systems").value == ["Payment Gateway"]  # kept after leaving the page
