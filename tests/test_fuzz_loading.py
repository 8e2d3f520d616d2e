"""Fuzzing the loader: random bytes and random CSV give a valid log or a report with errors, never an exception."""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from o2c.ingest.load import load_event_log
from o2c.ingest.safety import check_upload

NOW = pd.Timestamp("2025-01-01", tz="UTC")
NAMES = st.sampled_from(["f.csv", "f.txt", "f.xlsx", "f.csv.gz", "f.parquet", "f.xls", "f.bin"])
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_clean(data: bytes, name: str) -> None:
    result = load_event_log(data, name, now=NOW)
    if result.log is None:
        assert not result.report.ok
        assert all(issue.message and issue.fix for issue in result.report.issues if issue.severity == "error")
    else:
        assert result.log.n_events > 0 and result.log.n_cases > 0
        assert len(result.log.case) == len(result.log.timestamp) == len(result.log.activity)
    problem = check_upload(data, name)
    assert problem is None or (problem.message and problem.fix)


@FAST
@given(data=st.binary(max_size=2048), name=NAMES)
def test_random_bytes(data: bytes, name: str) -> None:
    assert_clean(data, name)


@FAST
@given(
    data=st.binary(max_size=512),
    prefix=st.sampled_from([b"PK\x03\x04", b"\x1f\x8b", b"PAR1", b"\xef\xbb\xbf"]),
    name=NAMES,
)
def test_random_bytes_behind_real_signatures(data: bytes, prefix: bytes, name: str) -> None:
    assert_clean(prefix + data, name)


CELL = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12),
    st.sampled_from(
        [
            "2024-01-15T10:30:00Z",
            "15.01.2024 10:30",
            "1/2/2024",
            "",
            "NaN",
            "=1+1",
            '"',
            "Shipped",
            "Create Sales Order",
            "SO-1",
            "99999",
            "2024-02-30",
            "0",
            "-1e308",
        ]
    ),
)
HEADERS = st.lists(
    st.sampled_from(
        [
            "case_id",
            "activity",
            "timestamp",
            "resource",
            "Order Number",
            "CreatedDate",
            "order_amount",
            "account_name",
            "x",
            "",
        ]
    ),
    min_size=1,
    max_size=6,
)


@FAST
@given(
    headers=HEADERS,
    rows=st.lists(st.lists(CELL, min_size=0, max_size=7), max_size=12),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_random_csv(headers: list[str], rows: list[list[str]], delimiter: str) -> None:
    lines = [delimiter.join(headers)] + [delimiter.join(row) for row in rows]
    assert_clean("\n".join(lines).encode(), "events.csv")


SF_HEADERS = st.lists(
    st.sampled_from(
        [
            "Id",
            "OrderId",
            "OrderNumber",
            "Field",
            "NewValue",
            "OldValue",
            "CreatedDate",
            "Subject",
            "WhatId",
            "Status",
            "EffectiveDate",
            "blng__Order__c",
            "Name",
            "DataType",
            "Order Number",
            "Edit Date",
            "x",
        ]
    ),
    min_size=1,
    max_size=7,
)


@FAST
@given(headers=SF_HEADERS, rows=st.lists(st.lists(CELL, max_size=8), max_size=10), workbook=st.booleans())
def test_random_salesforce_exports_never_crash_the_converter(
    headers: list[str], rows: list[list[str]], workbook: bool
) -> None:
    from o2c.ingest.salesforce.convert import convert_exports

    text = "\n".join([",".join(headers)] + [",".join(r) for r in rows]).encode()
    result = convert_exports({"export.xlsx" if workbook else "export.csv": text})
    assert list(result.events.columns)[:3] == ["case_id", "activity", "timestamp"]
    assert result.events["timestamp"].notna().all()
