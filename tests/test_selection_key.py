"""Cache keys for a selection of orders shared across sessions: a trimmed or pseudonymised log with the same
case mask is another selection."""

from __future__ import annotations

import pandas as pd

from o2c.log.eventlog import build_event_log
from o2c.log.pseudonymise import new_key, pseudonymise_log
from o2c.log.stack import Trim, trimmed
from ui.dataset_state import selection_key


def _log():
    rows = [
        ("A", "Order Created", "2024-01-01"),
        ("A", "Order Activated", "2024-01-02"),
        ("A", "Shipped", "2024-01-05"),
        ("B", "Order Created", "2024-01-01"),
        ("B", "Order Activated", "2024-01-03"),
        ("B", "Shipped", "2024-01-04"),
    ]
    events = pd.DataFrame(rows, columns=["case_id", "activity", "timestamp"])
    events["timestamp"] = pd.to_datetime(events["timestamp"], utc=True)
    events["row"] = range(2, 2 + len(events))
    return build_event_log(events)


def test_a_trim_keeping_every_order_is_another_selection():
    log = _log()
    cut, _ = trimmed(log, Trim("Order Activated", "Shipped"))
    assert cut.n_cases == log.n_cases and cut.n_events == 4  # the same all-true case mask, fewer events
    assert selection_key(cut.view()) != selection_key(log.view())
    assert selection_key(log.view()) == selection_key(log.view())


def test_a_pseudonymised_log_of_the_same_upload_is_another_selection():
    log = _log()
    masked = pseudonymise_log(log, new_key())
    assert selection_key(masked.view()) != selection_key(log.view())
