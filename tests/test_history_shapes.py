"""Salesforce field history uploaded directly as a log: a formatted Order History report (xlsx, CSV) and a raw
Data Loader OrderHistory export give the steps reached; other raw exports point to the converter."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys

import openpyxl
import pytest
from conftest import ROOT

from o2c.ingest.load import load_event_log
from o2c.ingest.salesforce.convert import convert_exports
from o2c.log.vocabulary import activity_map

FIXTURES = ROOT / "tests" / "fixtures"
REPORT_CSV = FIXTURES / "sf_order_history_report.csv"
EXPECTED_REPORT = {
    "00000101": ["Create Sales Order", "Activated", "Shipped", "Invoiced", "Paid"],
    "00000102": ["Create Sales Order", "Change Order Owner", "Credit Review", "Activated", "Change Order Start Date"],
    "00000103": ["Create Sales Order", "Cancelled"],
}
EXPECTED_EXPORT = {
    "801000000000001AAA": ["Create Sales Order", "Activated", "Shipped", "Payment Received"],
    "801000000000002AAA": ["Create Sales Order", "Change Owner", "Credit Review", "Awaiting PO", "Activated"],
}


def formatted_report_xlsx() -> bytes:
    """The report as Salesforce's Formatted export writes it: title rows, header, 12 rows, a blank row, the total."""
    with REPORT_CSV.open(newline="") as file:
        rows = list(csv.reader(file))
    header_at = next(i for i, row in enumerate(rows) if row[:1] == ["Order Number"])
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Order History Report"
    for row in rows[: header_at + 1]:
        sheet.append(row)
    for row in rows[header_at + 1 :]:
        if not row or row[0].startswith("Grand"):
            sheet.append(row)
            continue
        when = dt.datetime.strptime(row[2], "%m/%d/%Y %I:%M %p")  # a real date cell, as Salesforce writes it
        sheet.append([row[0], row[1], when, *row[3:]])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def traces(result) -> dict[str, list[str]]:
    frame = result.log.to_frame()
    return {case: list(group["activity"]) for case, group in frame.groupby("case_id", sort=True, observed=True)}


@pytest.mark.parametrize("name", ["report.xlsx", "report.csv"])
def test_field_history_report_gives_the_steps_reached(name: str) -> None:
    data = formatted_report_xlsx() if name.endswith("xlsx") else REPORT_CSV.read_bytes()
    result = load_event_log(data, name)
    assert traces(result) == EXPECTED_REPORT
    assert len(result.log.to_frame()) == 12
    codes = [i.code for i in result.report.issues]
    assert "history_shape" in codes
    assert not result.report.warnings and not result.report.errors  # title rows, blank row and total: silent
    shape = next(i for i in result.report.issues if i.code == "history_shape")
    assert "field-history report" in shape.message and "Field / Event" in shape.message
    assert "字段历史报表" in shape.message_in("zh")
    roles = activity_map(result.log).roles
    assert roles["Paid"] == "payment_received" and roles["Credit Review"] == "credit_check_started"
    assert roles["Cancelled"] == "cancellation" and roles["Change Order Owner"] == "change"
    orders = result.log.cases.set_index("case_id")
    assert orders.loc["00000102", "account_name"] == "Globex Ltd"


def test_report_rows_keep_their_spreadsheet_numbers() -> None:
    text = REPORT_CSV.read_text().replace("3/20/2024 3:00 PM", "someday")
    result = load_event_log(text.encode(), "report.csv")
    bad = next(i for i in result.report.issues if i.code == "bad_timestamp")
    assert bad.rows == (10,)  # four title lines, the header on line 5, the fifth data row


def test_raw_order_history_export_owner_change_is_one_event() -> None:
    result = load_event_log((FIXTURES / "sf_OrderHistory.csv").read_bytes(), "OrderHistory.csv")
    assert traces(result) == EXPECTED_EXPORT
    assert [i.code for i in result.report.issues] == ["history_shape"]
    assert "OrderHistory export" in result.report.issues[0].message
    assert activity_map(result.log).unmatched == ["Awaiting PO"]


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        (["Id", "OrderNumber", "AccountId", "Status", "EffectiveDate", "CreatedDate"], "Order"),
        (["Id", "WhatId", "Subject", "ActivityDate", "CreatedDate", "OwnerId"], "Task"),
    ],
)
def test_raw_object_export_points_to_the_converter(header: list[str], kind: str) -> None:
    data = (",".join(header) + "\n" + ",".join(["x"] * len(header)) + "\n").encode()
    result = load_event_log(data, f"{kind}.csv")
    assert [i.code for i in result.report.issues] == ["salesforce_export"]
    problem = result.report.issues[0]
    assert f"Salesforce {kind} export" in problem.message
    assert "python -m o2c convert" in problem.fix and "Data page" in problem.fix
    assert "转换器" in problem.fix_in("zh")


def test_the_data_loader_order_fixture_points_to_the_converter() -> None:
    result = load_event_log((FIXTURES / "sf_Order.csv").read_bytes(), "Order.csv")
    assert [i.code for i in result.report.issues] == ["salesforce_export"]


def run_analyze(path) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "o2c", "analyze", str(path), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_analyze_on_the_report(tmp_path) -> None:
    path = tmp_path / "Order History Report.xlsx"
    path.write_bytes(formatted_report_xlsx())
    summary = run_analyze(path)
    assert summary["cases"] == 3 and summary["events"] == 12
    assert {a["activity"]: a["role"] for a in summary["activity_map"]}["Paid"] == "payment_received"
    kpis = summary["kpis"]
    # Order 101: created 1 March 09:00, paid 20 March 15:00; the only paid order.
    assert kpis["end_to_end_median"]["value"] == pytest.approx(19.25 * 86400)
    assert kpis["end_to_end_median"]["judged_orders"] == 1
    assert kpis["open_orders"]["value"] == 1  # 102; 103 was cancelled
    assert [v["code"] for v in summary["validation"]] == ["history_shape"]  # date cells: no date order to guess


def test_analyze_on_a_raw_order_history_export() -> None:
    summary = run_analyze(FIXTURES / "sf_OrderHistory.csv")
    assert summary["cases"] == 2 and summary["events"] == 9
    # Order 1: created 1 March 09:00, payment received 6 March 12:00.
    assert summary["kpis"]["end_to_end_median"]["value"] == pytest.approx(5.125 * 86400)


def test_converter_names_steps_and_says_what_it_lacked() -> None:
    files = {name: (FIXTURES / f"sf_{name}").read_bytes() for name in ("Order.csv", "OrderHistory.csv")}
    result = convert_exports(files)
    events = result.events
    by_case = {case: list(group["activity"]) for case, group in events.groupby("case_id", sort=True)}
    assert by_case == {
        "801000000000001AAA": ["Create Sales Order", "Order Activated", "Shipped", "Payment Received"],
        "801000000000002AAA": [
            "Create Sales Order",
            "Change Owner",
            "Credit Check Started",
            "Awaiting PO",
            "Order Activated",
        ],
    }
    owner = events[events["activity"] == "Change Owner"]
    assert owner[["old_value", "new_value"]].values.tolist() == [["Jane Miller", "Bob Stone"]]
    assert owner["resource"].tolist() == ["005000000000001AAA"]  # no User export: the Id
    notes = [str(note) for note in result.notes]
    assert notes[0] == "Found 2 export(s): Order, OrderHistory."
    assert {note.key for note in result.notes} == {
        "validation.convert.found",
        "validation.convert.lacks.user",
        "validation.convert.lacks.account",
        "validation.convert.lacks.task",
        "validation.convert.lacks.billing",
        "validation.convert.unplaced",
    }
    assert "Awaiting PO (1)" in notes[-1] and "user Ids" in " ".join(notes)
    assert all(note.text("zh") != str(note) for note in result.notes)


@pytest.mark.parametrize(
    ("status", "activity"),
    [
        ("Payment Received", "Payment Received"),
        ("Credit Review", "Credit Check Started"),
        ("Awaiting PO", "Awaiting PO"),
        (" Invoiced ", "Invoice Created"),
    ],
)
def test_converter_status_values_are_steps_never_prefixed(status: str, activity: str) -> None:
    history = (
        f"OrderId,Field,OldValue,NewValue,CreatedDate\n801000000000001AAA,Status,Draft,{status},2024-03-01T10:00:00Z\n"
    ).encode()
    assert convert_exports({"OrderHistory.csv": history}).events["activity"].tolist() == [activity]
