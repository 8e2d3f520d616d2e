"""The improvement backlog: estimates on a hand-made log, the planted problems of the sample on top, downloads."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import log_from_csv

from o2c.improve.backlog import affected_orders, improvement_backlog, opportunities

# Three orders wait 1 h, 2 h and 9 h on A -> B (median 2 h): one wait is 7 h beyond the median.
WAITS = """case_id,activity,timestamp
O1,A,2024-01-01T08:00:00Z
O1,B,2024-01-01T09:00:00Z
O2,A,2024-01-02T08:00:00Z
O2,B,2024-01-02T10:00:00Z
O3,A,2024-01-03T08:00:00Z
O3,B,2024-01-03T17:00:00Z
"""


@pytest.fixture
def waits_log():
    return log_from_csv(WAITS, "waits.csv")


def test_bottleneck_gain_is_the_waiting_beyond_the_median(waits_log):
    found = [o for o in opportunities(waits_log.view()) if o.kind == "bottleneck"]
    assert len(found) == 1
    assert found[0].gain_days == pytest.approx(7 / 24)
    assert waits_log.cases["case_id"][found[0].cases].tolist() == ["O3"]
    assert "A → B" in found[0].title


def test_filtered_view_recomputes_the_median(waits_log):
    # Without O3 the median of O1 and O2 is 1.5 h: O2 waits 0.5 h beyond it.
    view = waits_log.view(waits_log.cases["case_id"].ne("O3").to_numpy())
    [found] = [o for o in opportunities(view) if o.kind == "bottleneck"]
    assert found.gain_days == pytest.approx(0.5 / 24)
    assert affected_orders(view, found)["Id"].tolist() == ["O2"]


def test_sample_backlog_has_the_planted_problems(sample_log):
    table = improvement_backlog(sample_log.view())
    assert table["rank"].tolist() == list(range(1, len(table) + 1))
    assert table["priority"].is_monotonic_decreasing
    assert table["priority"].sum() == pytest.approx(100)
    titles = " | ".join(table["title"])
    # Partner orders wait days before activation (planted problem 2): a top bottleneck.
    assert "Shorten the wait Credit Check Passed → Order Activated" in titles
    # Repeated credit checks and changes after confirmation (planted problems 1 and 3).
    assert "Stop the rework on Credit Check (Failed / Passed)" in titles
    assert "Stop the rework on Inventory Allocated" in titles
    assert "Enforce \u201cCredit check before activation\u201d" in titles
    # The late carrier (planted problem 6) is the late-delivery root cause.
    assert "Late delivery: look into carrier = Atlas Freight" in titles
    assert any(title.startswith("Late payment: look into") for title in table["title"])
    # Automation candidates come with their saving; automating a payment booking does not make customers pay
    # sooner, so it saves money, not days.
    payment = table[table["title"] == "Automate Payment Received"]
    if not payment.empty:
        assert payment["gain_days"].iloc[0] == 0 and payment["gain_cost"].iloc[0] > 0
    assert (table["kind"] == "Automation").any()
    rework_row = table[table["title"] == "Stop the rework on Credit Check (Failed / Passed)"].iloc[0]
    assert rework_row["orders"] == 299  # as on the Rework page
    assert rework_row["gain_cost"] > 0


def test_affected_orders_are_salesforce_ready(sample_log):
    view = sample_log.view()
    rule = next(o for o in opportunities(view) if o.kind == "rule")
    orders = affected_orders(view, rule)
    assert list(orders.columns[:2]) == ["Id", "order_number"]
    assert len(orders) == rule.orders == int(rule.cases.sum())
    assert orders["Id"].is_unique


def test_empty_view_has_no_backlog(sample_log):
    view = sample_log.view(np.zeros(sample_log.n_cases, dtype=bool))
    assert opportunities(view) == []
    assert improvement_backlog(view).empty
