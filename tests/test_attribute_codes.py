"""Order attribute codes kept on the log (``case_attribute_codes``) stay apart from the per-event codes of an event
attribute with the same name, which the automation analysis keeps on the same log."""

from __future__ import annotations

import pandas as pd

from o2c.improve.automation import resource_codes
from o2c.log.attributes import case_attribute_codes
from o2c.log.eventlog import build_event_log


def test_an_order_and_an_event_attribute_of_one_name_keep_their_own_codes():
    events = pd.DataFrame(
        {
            "case_id": ["A", "A", "B"],
            "activity": ["Order Created", "Shipped", "Order Created"],
            "timestamp": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03"], utc=True),
            "row": [2, 3, 4],
            "department": ["Sales", "Warehouse", "Sales"],
        }
    )
    orders = pd.DataFrame({"case_id": ["A", "B"], "department": ["North", "South"]})
    log = build_event_log(events, orders)
    event_codes, event_labels = resource_codes(log, "department")
    order_codes, order_labels = case_attribute_codes(log, "department")
    assert (len(event_codes), event_labels) == (3, ["Sales", "Warehouse"])
    assert (order_codes.tolist(), order_labels) == ([0, 1], ["North", "South"])
    assert case_attribute_codes(log, "department")[0] is order_codes  # built once
