"""Shared fixtures: tiny hand-made logs with known answers, and the public data sets."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT.parent / "shared" / "datasets"
ORDERS_FLAT = DATASETS / "order_management" / "orders_flat.csv.gz"
RUNNING_EXAMPLE = DATASETS / "pm4py_running_example" / "running-example.xes"

TINY_EVENTS = """case_id,activity,timestamp,resource
SO-1,Create Sales Order,2024-01-01T08:00:00Z,Ann
SO-1,Credit Check Passed,2024-01-01T10:00:00Z,Bob
SO-1,Shipped,2024-01-02T08:00:00Z,Cid
SO-1,Payment Received,2024-01-05T08:00:00Z,Dee
SO-2,Create Sales Order,2024-02-01T08:00:00Z,Ann
SO-2,Shipped,2024-02-03T08:00:00Z,Cid
SO-3,Create Sales Order,2024-03-01T08:00:00Z,Eve
SO-3,Credit Check Failed,2024-03-01T09:00:00Z,Bob
SO-3,Credit Check Passed,2024-03-02T09:00:00Z,Bob
SO-3,Shipped,2024-03-04T09:00:00Z,Cid
SO-3,Payment Received,2024-03-11T09:00:00Z,Dee
"""

TINY_ORDERS = pd.DataFrame({
    "case_id": ["SO-1", "SO-2", "SO-3"],
    "sales_channel": ["Direct", "Partner", "Partner"],
    "account_name": ["Acme", "Beta", "Acme"],
    "region": ["EMEA", "EMEA", "APAC"],
    "order_amount": [100.0, 250.5, 990.0],
})


def xlsx_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """A workbook with the given sheets, written by openpyxl."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name, index=False)
    return buffer.getvalue()


@pytest.fixture
def tiny_csv() -> bytes:
    return TINY_EVENTS.encode()


@pytest.fixture
def tiny_workbook() -> bytes:
    events = pd.read_csv(io.StringIO(TINY_EVENTS))
    return xlsx_bytes({"Events": events, "Orders": TINY_ORDERS})


@pytest.fixture
def tiny_log(tiny_workbook):
    from o2c.loading import load_event_log

    result = load_event_log(tiny_workbook, "tiny.xlsx", now=pd.Timestamp("2025-01-01", tz="UTC"))
    assert result.report.ok, result.report.to_frame()
    return result.log
