"""What-if scenarios: exact replays on tiny logs, the planted sample problems, and the What-if page."""

from __future__ import annotations

from dataclasses import astuple

import numpy as np
import pytest
from conftest import log_from_csv, metric, open_app_with_sample

from o2c.discover.measures import order_measures
from o2c.improve.cost import CostTable, default_cost_table, order_costs
from o2c.improve.what_if import AUTOMATED_COST_SHARE, Scenario, rework_choices, what_if

HOUR, DAY = 3_600, 86_400
TINY_COSTS = CostTable(
    (
        ("Create Sales Order", 10.0),
        ("Credit Check Passed", 5.0),
        ("Credit Check Failed", 7.0),
        ("Shipped", 2.0),
        ("Payment Received", 1.0),
    )
)
FAMILY = "Credit Check (Failed / Passed)"

# A: the check is done twice, four hours apart. B: twice with an order change in between.
LOOP_EVENTS = """case_id,activity,timestamp
A,Create Sales Order,2024-01-01T00:00:00Z
A,Credit Check Passed,2024-01-01T01:00:00Z
A,Credit Check Passed,2024-01-01T05:00:00Z
A,Payment Received,2024-01-01T10:00:00Z
B,Create Sales Order,2024-01-02T00:00:00Z
B,Credit Check Passed,2024-01-02T01:00:00Z
B,Order Changed,2024-01-02T03:00:00Z
B,Credit Check Passed,2024-01-02T06:00:00Z
B,Invoice Created,2024-01-02T08:00:00Z
B,Payment Received,2024-01-02T10:00:00Z
"""


def same(after, before) -> None:
    """Equal outcomes, NaN (no invoices) included."""
    np.testing.assert_equal(astuple(after), astuple(before))


@pytest.fixture(scope="module")
def loop_log():
    return log_from_csv(LOOP_EVENTS, "loops.csv")


def test_remove_rework_takes_the_loop_out_of_the_timeline(tiny_log):
    # SO-3: failed at 09:00 on 1 March, passed a day later; that day goes. SO-1 (4 d) is unaffected.
    result = what_if(tiny_log.view(), Scenario("remove_rework", activity=FAMILY), TINY_COSTS)
    assert result.before.median_end_to_end == (4 * DAY + 10 * DAY + HOUR) / 2
    assert result.after.median_end_to_end == (4 * DAY + 9 * DAY + HOUR) / 2
    assert result.affected == 1
    assert (result.affected_before, result.affected_after) == (10 * DAY + HOUR, 9 * DAY + HOUR)
    assert result.before.total_cost == 55.0 and result.after.total_cost == 48.0  # the failed check is dropped


def test_remove_rework_collapses_the_steps_in_between(loop_log):
    result = what_if(
        loop_log.view(),
        Scenario("remove_rework", activity="Credit Check Passed"),
        CostTable((("Credit Check Passed", 3.0),)),
    )
    # A: 10 h -> 6 h. B: the change at 03:00 collapses onto 01:00, invoice 08:00 -> 03:00, payment -> 05:00.
    assert result.before.median_end_to_end == 10 * HOUR
    assert result.after.median_end_to_end == (6 * HOUR + 5 * HOUR) / 2
    assert result.before.median_invoice_to_cash == result.after.median_invoice_to_cash == 2 * HOUR
    assert result.before.total_cost - result.after.total_cost == 6.0
    assert result.affected == 2


def test_cut_wait_shortens_every_step_and_shifts_later_events(tiny_log):
    result = what_if(
        tiny_log.view(), Scenario("cut_wait", source="Shipped", target="Payment Received", percent=50), TINY_COSTS
    )
    # SO-1: 3 d wait -> 1.5 d; SO-3: 7 d -> 3.5 d.
    assert result.after.median_end_to_end == (2.5 * DAY + (10 * DAY + HOUR - 3.5 * DAY)) / 2
    assert result.after.p90_end_to_end == np.quantile([2.5 * DAY, 6.5 * DAY + HOUR], 0.9)
    assert result.after.total_cost == result.before.total_cost
    assert result.affected == 2


def test_cut_wait_on_an_unpaid_order_changes_no_end_to_end(tiny_log):
    result = what_if(
        tiny_log.view(), Scenario("cut_wait", source="Create Sales Order", target="Shipped", percent=100), TINY_COSTS
    )
    assert result.affected == 1  # SO-2, never paid
    same(result.after, result.before)


def test_automate_cheapens_the_step_and_caps_the_wait_before_it(tiny_log):
    result = what_if(tiny_log.view(), Scenario("automate", activity="Shipped"), TINY_COSTS)
    # The wait before Shipped: SO-1 22 h -> 1 h, SO-3 48 h -> 1 h.
    assert result.after.median_end_to_end == ((4 * DAY - 21 * HOUR) + (10 * DAY + HOUR - 47 * HOUR)) / 2
    assert result.after.total_cost == pytest.approx(55.0 - 3 * 2.0 * (1 - AUTOMATED_COST_SHARE))
    assert result.affected == 3
    # Saved over the paid orders (SO-2 has no payment): 21 h + 47 h.
    assert result.saved_seconds == 68 * HOUR


def test_automating_a_step_that_waits_on_the_customer_keeps_its_wait(tiny_log):
    result = what_if(tiny_log.view(), Scenario("automate", activity="Payment Received"), TINY_COSTS)
    assert result.after.median_end_to_end == result.before.median_end_to_end
    assert result.saved_seconds == 0
    assert result.after.total_cost < result.before.total_cost


def test_a_filter_only_selects_orders(tiny_log):
    view = tiny_log.view(np.array([True, False, False]))
    result = what_if(view, Scenario("remove_rework", activity=FAMILY), TINY_COSTS)
    assert result.orders == 1 and result.affected == 0
    same(result.after, result.before)


def test_rework_choices(tiny_log, loop_log):
    assert rework_choices(tiny_log) == [FAMILY]
    assert rework_choices(loop_log) == ["Credit Check Passed"]


# ---------------------------------------------------------------------------------------------- sample


def test_sample_nothing_changed_matches_the_measures(sample_log):
    costs = default_cost_table(sample_log)
    result = what_if(sample_log.view(), Scenario("cut_wait", source="Picked", target="Create Sales Order"), costs)
    measures = order_measures(sample_log)
    paid = measures.end_to_end_seconds[~np.isnan(measures.end_to_end_seconds)]
    assert result.affected == 0
    same(result.after, result.before)
    assert result.before.median_end_to_end == np.median(paid)
    assert result.before.total_cost == pytest.approx(order_costs(sample_log, costs).sum())


@pytest.mark.parametrize("activity", [FAMILY, "Credit Check Passed"])
def test_sample_removing_repeated_credit_checks_speeds_up_the_affected_orders(sample_log, activity):
    result = what_if(sample_log.view(), Scenario("remove_rework", activity=activity), default_cost_table(sample_log))
    assert result.affected > 50
    assert result.affected_after < result.affected_before
    assert result.after.median_end_to_end <= result.before.median_end_to_end
    assert result.after.total_cost < result.before.total_cost


def test_sample_halving_the_partner_wait_before_activation_lowers_the_p90(sample_log):
    scenario = Scenario("cut_wait", source="Credit Check Passed", target="Order Activated", percent=50)
    result = what_if(sample_log.view(), scenario, default_cost_table(sample_log))
    assert result.after.p90_end_to_end < result.before.p90_end_to_end
    partner = sample_log.view((sample_log.cases["sales_channel"] == "Partner").to_numpy())
    in_partner = what_if(partner, scenario, default_cost_table(sample_log))
    # Partner orders wait ~4.5 days there: half of it comes off their median.
    saved = in_partner.before.median_end_to_end - in_partner.after.median_end_to_end
    assert 1.5 * DAY < saved < 3 * DAY


# ---------------------------------------------------------------------------------------------- page

WHAT_IF = "pages/what_if.py"


def test_what_if_page_on_the_sample():
    at = open_app_with_sample(WHAT_IF)
    assert not at.exception
    assert at.title[0].value == "What-if"
    assert at.selectbox(key="wi_rework_activity").value == FAMILY  # the most common rework
    before = metric(at, "End-to-end (90th percentile)")
    assert metric(at, "Orders affected").endswith("/ 2,000")
    at.selectbox(key="wi_kind").set_value("cut_wait").run()
    assert not at.exception
    at.selectbox(key="wi_transition").set_value("Credit Check Passed → Order Activated").run()
    assert not at.exception
    after = metric(at, "End-to-end (90th percentile)")
    assert after != before
    at.slider(key="wi_percent").set_value(100).run()
    assert metric(at, "End-to-end (90th percentile)") != after
    at.selectbox(key="wi_kind").set_value("automate").run()
    assert not at.exception
    assert metric(at, "Cost per order (mean)") != metric(at, "Total cost")
    at.session_state["lang_choice"] = "zh"
    at.run()
    assert not at.exception
    assert at.title[0].value == "假设分析"
    assert metric(at, "受影响订单").endswith("/ 2,000")
