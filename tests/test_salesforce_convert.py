"""Salesforce exports -> filled template -> analysis: written from the documented export formats."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from openpyxl import Workbook

from o2c.ingest.load import load_event_log
from o2c.ingest.salesforce.convert import convert_exports, recognise_object
from o2c.ingest.salesforce.exports import read_export
from o2c.ingest.salesforce.ids import normalise_ids, to_18
from o2c.ingest.salesforce.mapping import MappingRule, default_mapping, rules_from_frame
from o2c.workbook.template import build_template

O1, O2, O3 = "8015g00000AbCdEAAV", "8015g00000AbCdFAAV", "8015g00000AbCdGAAV"
ACME, GLOBEX = "0015g00000XyZaBAAV", "0015g00000XyZaCAAV"
JANE, TOM, MARIA = "0055g00000ABCDEAA1", "0055g00000ABCDFAA1", "0055g00000ABCDGAA1"
INV1, INV2 = "a0X5g00000Inv01AAA", "a0X5g00000Inv02AAA"


def data_loader_csv(header: list[str], rows: list[list[object]]) -> bytes:
    """Data Loader style: UPPER CASE API names, every value double-quoted, UTC ``.000Z`` datetimes."""

    def quoted(value: object) -> str:
        return '"' + ("" if value is None else str(value)).replace('"', '""') + '"'

    lines = [",".join(quoted(h.upper()) for h in header)] + [",".join(quoted(v) for v in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def bulk_csv(header: list[str], rows: list[list[object]]) -> bytes:
    """Bulk API 2.0 style: the SOQL field list as written, LF line endings."""
    frame = pd.DataFrame(rows, columns=header)
    return frame.to_csv(index=False, lineterminator="\n").encode()


ORDERS = data_loader_csv(
    [
        "Id",
        "OrderNumber",
        "AccountId",
        "OwnerId",
        "Status",
        "Type",
        "EffectiveDate",
        "CreatedDate",
        "CreatedById",
        "ActivatedDate",
        "ActivatedById",
        "TotalAmount",
        "OpportunityId",
        "ShippingCountry",
    ],
    [
        [
            O1,
            "00000100",
            ACME,
            JANE,
            "Activated",
            "New",
            "2024-01-15",
            "2024-01-15T09:12:40.000Z",
            JANE,
            "2024-01-16T08:05:12.000Z",
            JANE,
            "12500.00",
            "0065g00000QwErTAAV",
            "Germany",
        ],
        [
            O2,
            "00000101",
            GLOBEX,
            JANE,
            "Cancelled",
            "New",
            "2024-01-20",
            "2024-01-20T10:00:00.000Z",
            JANE,
            "",
            "",
            "800.50",
            "",
            "France",
        ],
        [
            O3,
            "00000102",
            ACME,
            TOM,
            "Draft",
            "Renewal",
            "2024-02-01",
            "2024-02-01T11:00:00.000Z",
            TOM,
            "",
            "",
            "99.00",
            "",
            "",
        ],
    ],
)
HISTORY = bulk_csv(
    ["Id", "OrderId", "Field", "DataType", "OldValue", "NewValue", "CreatedDate", "CreatedById"],
    [
        ["0175g0000000001AAA", O1, "created", "", "", "", "2024-01-15T09:12:40.000Z", JANE],
        [
            "0175g0000000002AAA",
            O1,
            "Status",
            "DynamicEnum",
            "Draft",
            "Credit Check Passed",
            "2024-01-15T14:30:05.000Z",
            TOM,
        ],
        [
            "0175g0000000003AAA",
            O1,
            "Status",
            "DynamicEnum",
            "Credit Check Passed",
            "Activated",
            "2024-01-16T08:05:12.000Z",
            JANE,
        ],
        ["0175g0000000004AAA", O1, "Owner", "Text", "Jane Miller", "Tom Becker", "2024-01-17T10:00:00.000Z", JANE],
        ["0175g0000000005AAA", O1, "Owner", "EntityId", JANE, TOM, "2024-01-17T10:00:00.000Z", JANE],
        ["0175g0000000006AAA", O1, "Status", "DynamicEnum", "Activated", "Shipped", "2024-02-02T15:40:00.000Z", MARIA],
        ["0175g0000000007AAA", O2, "Status", "DynamicEnum", "Draft", "Cancelled", "2024-01-21T09:00:00.000Z", JANE],
        ["0175g0000000008AAA", O3, "Status", "DynamicEnum", "Draft", "Draft", "2024-02-01T12:00:00.000Z", TOM],
    ],
)
TASKS = data_loader_csv(
    ["Id", "WhatId", "Subject", "TaskSubtype", "Status", "CompletedDateTime", "CreatedDate", "OwnerId", "Description"],
    [
        [
            "00T5g000001AAAAAA1",
            O1,
            "Order confirmation",
            "Email",
            "Completed",
            "2024-01-16T08:20:47.000Z",
            "2024-01-16T08:20:00.000Z",
            JANE,
            "Sent to buyer",
        ],
        [
            "00T5g000001AAAAAA2",
            INV1,
            "Payment reminder 1",
            "Email",
            "Completed",
            "2024-03-10T09:00:00.000Z",
            "2024-03-10T08:00:00.000Z",
            MARIA,
            '=HYPERLINK("x")',
        ],
        [
            "00T5g000001AAAAAA3",
            O1,
            "Call customer",
            "Call",
            "Completed",
            "2024-01-18T09:00:00.000Z",
            "2024-01-18T09:00:00.000Z",
            JANE,
            "",
        ],
        [
            "00T5g000001AAAAAA4",
            "0015g00000XyZaBAAV",
            "Payment reminder",
            "Email",
            "Completed",
            "2024-03-11T09:00:00.000Z",
            "2024-03-11T09:00:00.000Z",
            MARIA,
            "",
        ],
    ],
)
USERS = bulk_csv(
    ["Id", "Name", "Username", "Department", "Title"],
    [
        [JANE, "Jane Miller", "jane@example.com", "Sales", "Account Executive"],
        [TOM, "Tom Becker", "tom@example.com", "Finance", "Credit Controller"],
        [MARIA, "Maria Rossi", "maria@example.com", "Finance", "Billing Specialist"],
    ],
)
ACCOUNTS = bulk_csv(
    ["Id", "Name", "Type", "Industry", "BillingCountry"],
    [
        [ACME, "Acme GmbH", "Customer - Channel", "Manufacturing", "Germany"],
        [GLOBEX, "Globex SA", "Customer - Direct", "Retail", "France"],
    ],
)
OPPORTUNITIES = bulk_csv(
    ["Id", "Name", "StageName", "LeadSource", "AccountId"],
    [["0065g00000QwErTAAV", "Acme deal", "Closed Won", "Partner Referral", ACME]],
)
ITEMS = bulk_csv(
    ["Id", "OrderId", "OrderItemNumber", "Quantity", "UnitPrice"],
    [
        ["8025g000001XyZ1AAK", O1, "0000000101", "2", "5000"],
        ["8025g000001XyZ2AAK", O1, "0000000102", "1", "2500"],
        ["8025g000001XyZ3AAK", O2, "0000000103", "1", "800.5"],
    ],
)
INVOICES = bulk_csv(
    [
        "Id",
        "Name",
        "blng__Order__c",
        "blng__Account__c",
        "blng__InvoiceDate__c",
        "blng__DueDate__c",
        "blng__InvoiceStatus__c",
        "blng__PaymentStatus__c",
        "blng__TotalAmount__c",
        "CreatedDate",
        "CreatedById",
        "LastModifiedDate",
    ],
    [
        [
            INV1,
            "INV-000123",
            O1,
            ACME,
            "2024-02-06",
            "2024-03-07",
            "Posted",
            "Paid",
            "14875.00",
            "2024-02-06T07:30:00.000Z",
            MARIA,
            "2024-02-06T07:35:10.000Z",
        ]
    ],
)
PAYMENTS = bulk_csv(
    ["Id", "Name", "blng__Invoice__c", "blng__Account__c", "blng__Amount__c", "blng__PaymentDate__c", "CreatedDate"],
    [["a0Y5g00000Pay01AAA", "PAY-000077", INV1, ACME, "14875.00", "2024-03-15", "2024-03-15T13:00:00.000Z"]],
)

FILES = {
    "Order.csv": ORDERS,
    "OrderHistory.csv": HISTORY,
    "extract_tasks.csv": TASKS,
    "User.csv": USERS,
    "Account.csv": ACCOUNTS,
    "Opportunity.csv": OPPORTUNITIES,
    "OrderItem.csv": ITEMS,
    "invoices.csv": INVOICES,
    "payments.csv": PAYMENTS,
}
EXPECTED_O1 = [
    "Create Sales Order",
    "Credit Check Passed",
    "Order Activated",
    "Order Confirmation Sent",
    "Change Owner",
    "Shipped",
    "Invoice Created",
    "Invoice Sent",
    "Payment Reminder Sent",
    "Payment Received",
]


@pytest.fixture(scope="module")
def converted():
    return convert_exports(FILES)


def test_each_file_is_recognised_from_its_columns(converted) -> None:
    assert converted.recognised == {
        "Order.csv": "Order",
        "OrderHistory.csv": "OrderHistory",
        "extract_tasks.csv": "Task",
        "User.csv": "User",
        "Account.csv": "Account",
        "Opportunity.csv": "Opportunity",
        "OrderItem.csv": "OrderItem",
        "invoices.csv": "blng__Invoice__c",
        "payments.csv": "blng__Payment__c",
    }


def test_events_follow_the_mapping(converted) -> None:
    events = converted.events
    o1 = events[events["case_id"] == O1]
    assert o1["activity"].tolist() == EXPECTED_O1
    assert events[events["case_id"] == O2]["activity"].tolist() == ["Create Sales Order", "Order Cancelled"]
    # Draft -> Draft is ignored by the default mapping; only the order creation remains.
    assert events[events["case_id"] == O3]["activity"].tolist() == ["Create Sales Order"]


def test_lookup_change_gives_one_event_with_names(converted) -> None:
    changed = converted.events[converted.events["activity"] == "Change Owner"]
    assert changed[["old_value", "new_value"]].values.tolist() == [["Jane Miller", "Tom Becker"]]


def test_people_and_timestamps(converted) -> None:
    o1 = converted.events[converted.events["case_id"] == O1].set_index("activity")
    assert o1.loc["Credit Check Passed", ["resource", "role", "department"]].tolist() == [
        "Tom Becker",
        "Credit Controller",
        "Finance",
    ]
    assert o1.loc["Order Activated", "timestamp"] == pd.Timestamp("2024-01-16 08:05:12", tz="UTC")
    assert o1.loc["Order Activated", "source_object"] == "OrderHistory"  # not doubled by Order.ActivatedDate
    assert o1.loc["Payment Received", ["document_id", "event_amount"]].tolist() == ["PAY-000077", 14875.0]
    assert o1.loc["Payment Reminder Sent", "comment"] == '=HYPERLINK("x")'


def test_orders_sheet(converted) -> None:
    orders = converted.orders.set_index("case_id")
    assert orders.loc[
        O1,
        [
            "order_number",
            "account_name",
            "owner",
            "sales_channel",
            "industry",
            "country",
            "number_of_lines",
            "invoice_number",
            "payment_status",
        ],
    ].tolist() == [
        "00000100",
        "Acme GmbH",
        "Jane Miller",
        "Partner Referral",
        "Manufacturing",
        "Germany",
        2,
        "INV-000123",
        "Paid",
    ]
    assert orders.loc[O2, "sales_channel"] == "Customer - Direct"  # no opportunity: Account.Type
    assert orders.loc[O1, "order_amount"] == 12500.0
    assert str(orders.loc[O1, "order_date"]) == "2024-01-15"


def test_filled_template_loads_and_matches(converted) -> None:
    workbook = build_template(converted.events, converted.orders)
    result = load_event_log(workbook, "filled_template.xlsx")
    assert result.log is not None, [i.message for i in result.report.issues]
    log = result.log
    assert log.n_cases == 3
    assert log.n_events == len(EXPECTED_O1) + 2 + 1
    cases = log.cases.set_index("case_id")
    assert cases.loc[O1, "n_events"] == len(EXPECTED_O1)
    assert cases.loc[O2, "account_name"] == "Globex SA"
    frame = log.to_frame()
    assert frame[frame["case_id"] == O1]["activity"].astype(str).tolist() == EXPECTED_O1


def test_edited_mapping_changes_activities() -> None:
    table = default_mapping()
    table.loc[len(table)] = ["Task", "Subject", "regex", "(?i)call", "Customer Called", "Y"]
    # a user rule must come before the catch-all "ignore other tasks" row to take effect
    catch_all = table.index[(table["source_object"] == "Task") & (table["match"] == "any")][0]
    table = pd.concat([table.drop(index=catch_all), table.loc[[catch_all]]], ignore_index=True)
    rules, problems = rules_from_frame(table)
    assert problems == []
    events = convert_exports(FILES, rules).events
    assert "Customer Called" in events["activity"].tolist()


def test_bad_mapping_rows_are_reported() -> None:
    table = pd.DataFrame(
        [["Task", "Subject", "regex", "(", "X", "Y"], ["Task", "Subject", "fuzzy", "a", "X", "Y"]],
        columns=["source_object", "source_field", "match", "value", "activity", "include"],
    )
    rules, problems = rules_from_frame(table)
    assert rules == [] and len(problems) == 2
    assert "invalid" in str(problems[0]) and "fuzzy" in str(problems[1])


def test_status_rule_with_placeholder() -> None:
    rules = [MappingRule("OrderHistory", "Status", "any", "", "Status {NewValue}")]
    events = convert_exports({"h.csv": HISTORY}, rules).events
    assert "Status Shipped" in events["activity"].tolist()


def test_ids_15_to_18() -> None:
    assert to_18("001D000000IqhSL") == "001D000000IqhSLIAZ"
    assert to_18(O1) == O1 and to_18("00000100") == "00000100"
    assert normalise_ids(pd.Series(["001D000000IqhSL", None])).tolist() == ["001D000000IqhSLIAZ", None]


def formatted_report_xlsx() -> bytes:
    """A Formatted order-history report: title and filter rows, labels, grouping, subtotals, grand total."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Order History Report"])
    sheet.append(["Filtered By:", "Edit Date equals THIS YEAR"])
    sheet.append(["As of 3/20/2024, 9:00 AM - Jane Miller"])
    sheet.append([])
    sheet.append(["Order ID", "Order Number", "Edit Date", "Field / Event", "Old Value", "New Value", "Edited By"])
    o1_15 = O1[:15]
    sheet.append([o1_15, "00000100", "1/15/2024, 10:12 AM", "Created.", None, None, "Jane Miller"])
    sheet.append([None, None, "1/16/2024, 9:05 AM", "Status", "Draft", "Activated", "Jane Miller"])
    sheet.append(["Subtotal", None, None, None, None, None, None])
    sheet.append([])
    sheet.append([O2[:15], "00000101", "1/21/2024, 10:00 AM", "Status", "Draft", "Cancelled", "Jane Miller"])
    sheet.append(["Grand Total (3 records)"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_formatted_report_is_read() -> None:
    frame = read_export(formatted_report_xlsx(), "Order History Report-2024-03-20-09-00-00.xlsx")
    assert list(frame.columns) == [
        "Id",
        "OrderNumber",
        "CreatedDate",
        "Field",
        "OldValue",
        "NewValue",
        "CreatedBy.Name",
    ]
    assert len(frame) == 3
    assert frame["Field"].tolist() == ["created", "Status", "Status"]
    assert recognise_object(list(frame.columns)) == "OrderHistory"


def test_formatted_report_converts_with_locale_and_timezone() -> None:
    result = convert_exports(
        {"history.xlsx": formatted_report_xlsx()}, timezone="Europe/Berlin", date_order="month-first"
    )
    events = result.events
    assert events["case_id"].tolist() == [O1, O1, O2]  # 15-char Ids became 18-char
    assert events["activity"].tolist() == ["Create Sales Order", "Order Activated", "Order Cancelled"]
    assert events["timestamp"].iloc[0] == pd.Timestamp("2024-01-15 09:12", tz="UTC")  # 10:12 Berlin


def test_details_only_csv_with_footer_and_labels() -> None:
    text = (
        '"Order Number","Order Start Date","Status","Account Name","Created Date","Order Amount","Order Owner"\n'
        '"00000100","15.01.2024","Activated","Acme GmbH","15.01.2024, 10:12","12.500,00","Jane Miller"\n'
        '"00000101","20.01.2024","Draft","Globex SA","20.01.2024, 11:00","800,50","Jane Miller"\n'
        '\n"Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved."\n'
        '"Confidential Information - Do Not Distribute"\n"Generated By:  Jane Miller  3/20/2024 9:00 AM"\n'
    )
    frame = read_export(text.encode("cp1252"), "report1642777476321.csv")
    assert len(frame) == 2 and recognise_object(list(frame.columns)) == "Order"
    result = convert_exports({"report1642777476321.csv": text.encode()}, timezone="Europe/Berlin")
    assert result.events["case_id"].tolist() == ["00000100", "00000101"]  # no Ids: order numbers are the case
    assert result.events["activity"].unique().tolist() == ["Create Sales Order"]
    orders = result.orders.set_index("case_id")
    assert orders.loc["00000100", "account_name"] == "Acme GmbH"
    assert orders["order_amount"].tolist() == [12500.0, 800.5]  # German decimal comma
    assert str(orders.loc["00000100", "order_date"]) == "2024-01-15"


def test_unknown_and_unreadable_files_become_problems() -> None:
    result = convert_exports({"notes.csv": b"a,b\n1,2\n", "Order.csv": ORDERS})
    assert any("notes.csv" in str(p) for p in result.problems)
    assert result.recognised == {"Order.csv": "Order"}


def test_convert_command_writes_a_loadable_template(tmp_path) -> None:
    import argparse

    from o2c.cli.salesforce import add_commands, run

    for name, data in FILES.items():
        (tmp_path / name).write_bytes(data)
    parser = argparse.ArgumentParser()
    add_commands(parser.add_subparsers(dest="command", required=True))
    mapping = tmp_path / "mapping.csv"
    assert run(parser.parse_args(["convert", "Order.csv", "--out", "x.xlsx", "--write-mapping", str(mapping)])) == 0
    assert mapping.read_text(encoding="utf-8-sig").splitlines()[0] == (
        "source_object,source_field,match,value,activity,include"
    )
    out = tmp_path / "filled.xlsx"
    args = parser.parse_args(
        ["convert", *(str(tmp_path / n) for n in FILES), "--mapping", str(mapping), "--out", str(out)]
    )
    assert run(args) == 0
    log = load_event_log(out.read_bytes(), out.name).log
    assert log is not None and log.n_cases == 3 and log.n_events == len(EXPECTED_O1) + 3


def test_lookup_change_without_datatype_column_keeps_the_name_row() -> None:
    history = bulk_csv(
        ["Id", "OrderId", "Field", "OldValue", "NewValue", "CreatedDate"],
        [
            ["0175g0000000004AAA", O1, "Owner", "Jane Miller", "Tom Becker", "2024-01-17T10:00:00.000Z"],
            ["0175g0000000005AAA", O1, "Owner", JANE, TOM, "2024-01-17T10:00:00.000Z"],
            ["0175g0000000006AAA", O1, "PoNumber", "", "PO7781AB12CD34E", "2024-01-18T10:00:00.000Z"],
        ],
    )
    events = convert_exports({"OrderHistory.csv": history}).events
    assert events["new_value"].tolist() == ["Tom Becker", "PO7781AB12CD34E"]  # an Id-like value alone is kept
