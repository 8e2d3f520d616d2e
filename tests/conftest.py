"""Shared fixtures: tiny hand-made logs with known answers, and the public data sets."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
import streamlit.testing.v1.app_test as app_test
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT.parent / "shared" / "datasets"
ORDERS_FLAT = DATASETS / "order_management" / "orders_flat.csv.gz"
RUNNING_EXAMPLE = DATASETS / "pm4py_running_example" / "running-example.xes"
SAMPLE_WORKBOOK = ROOT / "sample_data" / "o2c_sample.xlsx"

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

TINY_ORDERS = pd.DataFrame(
    {
        "case_id": ["SO-1", "SO-2", "SO-3"],
        "sales_channel": ["Direct", "Partner", "Partner"],
        "account_name": ["Acme", "Beta", "Acme"],
        "region": ["EMEA", "EMEA", "APAC"],
        "order_amount": [100.0, 250.5, 990.0],
    }
)


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


def log_from_csv(text: str, name: str = "log.csv"):
    """The event log of a hand-made CSV, as the loader builds it (the data must have no blocking error)."""
    from o2c.ingest.load import load_event_log

    result = load_event_log(text.encode(), name, now=pd.Timestamp("2025-01-01", tz="UTC"))
    assert result.log is not None, result.report.to_frame()
    return result.log


@pytest.fixture
def tiny_log(tiny_workbook):
    from o2c.ingest.load import load_event_log

    result = load_event_log(tiny_workbook, "tiny.xlsx", now=pd.Timestamp("2025-01-01", tz="UTC"))
    assert result.report.ok, result.report.to_frame()
    return result.log


class _NavigationPagesManager(PagesManager):
    """AppTest resets ``uses_pages_directory`` to None before every run; with a ``pages/`` folder present the
    next run then takes the legacy multipage path and runs the page without app.py (no sidebar). A real
    server sets the flag to False at the first ``st.navigation`` call. Letting AppTest reset only this
    subclass keeps the real flag False, as in production."""


app_test.PagesManager = _NavigationPagesManager
PagesManager.uses_pages_directory = False


def open_app() -> AppTest:
    """The whole app (router and sidebar included), as a fresh browser session would see it."""
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def open_app_with_sample(page: str | None = None) -> AppTest:
    """The app with the sample workbook loaded (as the 'Try the sample data' button does), on ``page``."""
    at = open_app().run()
    at.button(key="load_sample").click().run()
    if page:
        at.switch_page(page).run()
    return at


def metric(at: AppTest, label: str) -> str:
    """The displayed value of the metric with this label."""
    return next(m.value for m in at.metric if m.label == label)


@pytest.fixture(scope="session")
def sample_log():
    """The 2,000-order sample workbook, loaded once."""
    from o2c.ingest.load import load_event_log

    result = load_event_log(SAMPLE_WORKBOOK.read_bytes(), SAMPLE_WORKBOOK.name)
    assert result.log is not None
    return result.log


@pytest.fixture(scope="session")
def orders_flat_log():
    """The OCEL order-management orders flattening (2,000 orders, 6,566 events)."""
    from o2c.ingest.load import load_event_log

    return load_event_log(ORDERS_FLAT.read_bytes(), ORDERS_FLAT.name).log
