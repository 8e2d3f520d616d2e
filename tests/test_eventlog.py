import numpy as np
import pandas as pd

from o2c.log.eventlog import build_event_log


def test_sorted_by_case_then_time_then_row():
    events = pd.DataFrame(
        {
            "case_id": ["B", "A", "A", "B", "A"],
            "activity": ["x", "y", "z", "w", "v"],
            "timestamp": pd.to_datetime(
                ["2024-01-02", "2024-01-03", "2024-01-01", "2024-01-02", "2024-01-03"], utc=True
            ),
            "row": [2, 3, 4, 5, 6],
        }
    )
    log = build_event_log(events)
    assert list(log.cases["case_id"]) == ["A", "B"]
    assert log.row.tolist() == [4, 3, 6, 2, 5]  # A: z (Jan 1), y and v tie on Jan 3 in row order; B: x, w tie
    assert [log.activity_names[a] for a in log.activity] == ["z", "y", "v", "x", "w"]
    assert log.case.tolist() == [0, 0, 0, 1, 1]
    assert log.case_offsets.tolist() == [0, 3, 5]
    assert log.case_duration_seconds.tolist() == [2 * 86400, 0]


def test_case_table_and_view(tiny_log):
    assert tiny_log.n_cases == 3 and tiny_log.n_events == 11
    cases = tiny_log.cases.set_index("case_id")
    assert cases.loc["SO-2", "n_events"] == 2
    assert cases.loc["SO-3", "sales_channel"] == "Partner"
    assert cases.loc["SO-2", "order_amount"] == 250.5
    assert isinstance(cases["region"].dtype, pd.CategoricalDtype)
    view = tiny_log.view(np.array([False, True, True]))
    assert view.n_cases == 2 and view.n_events == 7
    assert view.activity_counts().to_dict() == {
        "Shipped": 2,
        "Create Sales Order": 2,
        "Credit Check Passed": 1,
        "Credit Check Failed": 1,
        "Payment Received": 1,
    }
    assert view.durations_seconds().tolist() == [2 * 86400, 10 * 86400 + 3600]
    assert view.cases_with_activity("Payment Received").tolist() == [False, False, True]


def test_to_frame_round_trip(tiny_log):
    frame = tiny_log.to_frame()
    assert frame["case_id"].tolist()[:4] == ["SO-1"] * 4
    assert str(frame["timestamp"].dtype) == "datetime64[ns, UTC]"
    assert frame["resource"].tolist()[-1] == "Dee"
