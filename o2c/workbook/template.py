"""The O2C Excel template: Instructions, Events, Orders, Activities, Rules, Mapping and Dictionary sheets.

The Events, Orders and Dictionary sheets are generated from the column catalogue, so the template,
the loader and the documentation cannot drift apart.
"""

from __future__ import annotations

import io
import numbers
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from o2c.conform.rules import DEFAULT_RULES, RULE_COLUMNS, RULE_TYPES, SEVERITIES, UNITS
from o2c.improve.cost import COST_COLUMN, DEFAULT_COSTS, DEFAULT_MINUTES, MINUTES_COLUMN
from o2c.ingest.salesforce.mapping import default_mapping
from o2c.log.activities import ACTIVITIES, STANDARD_PATH
from o2c.log.columns import EVENT_COLUMNS, ORDER_COLUMNS, Column
from o2c.log.vocabulary import match_role

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

_DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
_DATE_FORMAT = "yyyy-mm-dd"
_SALES_CHANNELS: tuple[str, ...] = ("Direct", "Partner", "Online", "Distributor")

_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_REQUIRED_FILL = PatternFill("solid", fgColor="F8CBAD")
_WRAP = Alignment(wrap_text=True, vertical="top")
_LAST_ROW = 1_048_576

_EXAMPLE_CASE = "8015g00000AbCdEAAV"
# (activity, timestamp, resource, role, department, document_id, event_amount, source_object,
#  source_field, old_value, new_value, comment) for one clean order along the standard path.
_EXAMPLE_EVENTS: tuple[tuple[Any, ...], ...] = (
    (
        "Create Sales Order",
        "2024-01-15T09:12:40Z",
        "Jane Miller",
        "Account Executive",
        "Sales",
        None,
        None,
        "Order",
        "created",
        None,
        None,
        None,
    ),
    (
        "Credit Check Passed",
        "2024-01-15T14:30:05Z",
        "Tom Becker",
        "Credit Controller",
        "Finance",
        None,
        None,
        "ProcessInstanceStep",
        None,
        None,
        "Approved",
        "Limit OK",
    ),
    (
        "Order Activated",
        "2024-01-16T08:05:12Z",
        "Jane Miller",
        "Account Executive",
        "Sales",
        None,
        None,
        "OrderHistory",
        "Status",
        "Draft",
        "Activated",
        None,
    ),
    (
        "Order Confirmation Sent",
        "2024-01-16T08:20:47Z",
        "Jane Miller",
        "Account Executive",
        "Sales",
        None,
        None,
        "EmailMessage",
        None,
        None,
        None,
        "Order confirmation",
    ),
    (
        "Inventory Allocated",
        "2024-01-22T06:45:00Z",
        "ERP Integration",
        "Integration User",
        "IT",
        None,
        None,
        "OrderHistory",
        "Status",
        "Activated",
        "Allocated",
        None,
    ),
    (
        "Picked",
        "2024-02-01T10:15:33Z",
        "Lena Vogt",
        "Warehouse Operator",
        "Logistics",
        None,
        None,
        "OrderHistory",
        "Status",
        "Allocated",
        "Picked",
        None,
    ),
    (
        "Shipped",
        "2024-02-02T15:40:00Z",
        "Lena Vogt",
        "Warehouse Operator",
        "Logistics",
        "TRK-88213",
        None,
        "Shipment",
        None,
        None,
        "Shipped",
        "DHL",
    ),
    (
        "Delivered",
        "2024-02-05T11:02:19Z",
        "ERP Integration",
        "Integration User",
        "IT",
        "TRK-88213",
        None,
        "Shipment",
        None,
        None,
        "Delivered",
        None,
    ),
    (
        "Invoice Created",
        "2024-02-06T07:30:00Z",
        "Billing Automation",
        "Integration User",
        "Finance",
        "INV-000123",
        14875.00,
        "blng__Invoice__c",
        None,
        None,
        "Draft",
        None,
    ),
    (
        "Invoice Sent",
        "2024-02-06T07:35:10Z",
        "Maria Rossi",
        "Billing Specialist",
        "Finance",
        "INV-000123",
        14875.00,
        "blng__Invoice__c",
        "blng__InvoiceStatus__c",
        "Draft",
        "Posted",
        None,
    ),
    (
        "Payment Received",
        "2024-03-05T13:00:00Z",
        "Maria Rossi",
        "Billing Specialist",
        "Finance",
        "PAY-000077",
        14875.00,
        "blng__Payment__c",
        None,
        None,
        None,
        "Net 30",
    ),
)
_EXAMPLE_ORDER: dict[str, Any] = {
    "case_id": _EXAMPLE_CASE,
    "order_number": "00000100",
    "account_name": "Acme GmbH",
    "account_id": "0015g00000XyZaBAAV",
    "sales_channel": "Partner",
    "region": "EMEA",
    "country": "Germany",
    "owner": "Jane Miller",
    "order_type": "New",
    "order_date": date(2024, 1, 15),
    "order_amount": 12500.00,
    "currency": "EUR",
    "number_of_lines": 3,
    "requested_delivery_date": date(2024, 1, 31),
    "promised_date": date(2024, 2, 2),
    "actual_delivery_date": date(2024, 2, 5),
    "payment_terms": "Net 30",
    "invoice_number": "INV-000123",
    "invoice_date": date(2024, 2, 6),
    "invoice_due_date": date(2024, 3, 7),
    "invoice_amount": 14875.00,
    "payment_status": "Paid",
    "carrier": "DHL",
    "warehouse": "DC Hamburg",
    "industry": "Manufacturing",
    "opportunity_id": "0065g00000QwErTAAV",
    "current_status": "Activated",
}

# (kind, text): kind is "title", "heading", "text" or "code".
_INSTRUCTIONS: tuple[tuple[str, str], ...] = (
    ("title", "O2C Explorer – Salesforce order-to-cash template"),
    (
        "text",
        "One row on the Events sheet is one thing that happened to one sales order. O2C Explorer turns "
        "these rows into a process map, throughput times, rework and on-time KPIs.",
    ),
    ("heading", "Workflow"),
    ("text", "1. Export the data from Salesforce (see 'Getting the data out of Salesforce' below)."),
    (
        "text",
        "2. Fill the Events sheet (required) and the Orders sheet (optional, but recommended). "
        "Delete the example rows first. Keep the header names; headers shown on the Dictionary sheet "
        "as aliases (Salesforce API names, report labels) are recognised too.",
    ),
    ("text", "3. Upload the file on the app's Data page, or run:  python -m o2c analyze FILE.xlsx"),
    ("heading", "What is required and what the optional parts enable"),
    ("text", "Required on Events: case_id, activity, timestamp (orange headers). Everything else is optional."),
    ("text", "• resource (and role, department) → people analysis: who does what, hand-overs, workload."),
    ("text", "• Orders sheet → filters and comparisons by sales channel, account, region, country, owner."),
    ("text", "• requested_delivery_date / promised_date / actual_delivery_date on Orders → on-time delivery KPI."),
    ("text", "• invoice_date / invoice_due_date and a 'Payment Received' event → late-payment KPI."),
    (
        "text",
        "• Mapping sheet → how Salesforce records become activities when you convert raw exports "
        "(python -m o2c convert FILES... --mapping this_workbook.xlsx). The first matching row wins.",
    ),
    (
        "text",
        "• Rules sheet → the compliance rules the Conformance page checks. Edit, add or delete rows; "
        "hover over its headers for what each rule type needs.",
    ),
    (
        "text",
        "• Activities sheet, cost_per_execution / manual_minutes → cost per order, automation potential and "
        "what-if. The numbers given are illustrative: put in your own.",
    ),
    (
        "text",
        "Hover over a header cell to read what the column means; the Dictionary sheet lists every column "
        "with its Salesforce source, and the Activities sheet lists the standard activity names.",
    ),
    ("heading", "Timestamps"),
    ("text", "• ISO 8601 text is safest: 2024-01-15T10:30:00Z, or Salesforce's API form 2024-01-15T10:30:00.000+0000."),
    ("text", "• Real Excel date/time cells and Excel serial numbers (e.g. 45306.4375) are accepted."),
    (
        "text",
        "• Values without an offset are read as UTC, unless you pick a time zone in the app. Salesforce "
        "report exports use the exporting user's time zone, so pick that zone when you upload them.",
    ),
    ("text", "• Day-first text such as 15.01.2024 10:30 or 15/01/2024 10:30 is detected."),
    (
        "text",
        "• Date-only values (2024-01-15) are accepted and flagged as day precision: durations shorter "
        "than a day are then not meaningful.",
    ),
    ("heading", "Order ids"),
    (
        "text",
        "• case_id is the Salesforce Order Id, 15 characters (reports, the UI) or 18 characters (API, "
        "Data Loader); both are accepted. The Order Number (e.g. 00000100) also works.",
    ),
    ("text", "• Use one kind consistently in Events and Orders: the two sheets are joined on case_id."),
    ("heading", "Getting the data out of Salesforce"),
    (
        "text",
        "(a) Data Loader or Bulk API export (Export All also includes archived Tasks). Export Order, "
        "OrderHistory and Task, then turn each record into event rows: Order.CreatedDate → Create Sales "
        "Order, Order.ActivatedDate → Order Activated, each OrderHistory row → an activity named after "
        "the new Status value, each completed Task → an activity named after its Subject. Example SOQL:",
    ),
    (
        "code",
        "SELECT Id, OrderNumber, Status, Type, EffectiveDate, CreatedDate, CreatedBy.Name,\n"
        "       ActivatedDate, ActivatedBy.Name, Owner.Name, AccountId, Account.Name,\n"
        "       Account.Industry, TotalAmount, ShippingCountry, OpportunityId\n"
        "FROM Order WHERE CreatedDate >= 2024-01-01T00:00:00Z",
    ),
    (
        "code",
        "SELECT Id, OrderId, Field, OldValue, NewValue, CreatedDate, CreatedBy.Name\n"
        "FROM OrderHistory WHERE CreatedDate >= 2024-01-01T00:00:00Z",
    ),
    (
        "code",
        "SELECT Id, WhatId, Subject, Status, CompletedDateTime, CreatedDate, Owner.Name\n"
        "FROM Task WHERE What.Type = 'Order'",
    ),
    (
        "text",
        "OrderHistory only holds fields an administrator enabled for field history tracking, from the "
        "day tracking was switched on. Data Loader writes times in UTC (…Z) and 18-character Ids.",
    ),
    (
        "text",
        "(b) Report export: run an Order History report (Order Number or Order ID, Edit Date, "
        "Field / Event, Old Value, New Value, Edited By), then Export → Details Only → Excel (.xlsx) or "
        "CSV with Unicode (UTF-8) encoding. The report's column labels are recognised. Export an "
        "Orders report the same way for the Orders sheet.",
    ),
    (
        "text",
        "(c) API extractor: python -m o2c extract --since YYYY-MM-DD --out FILE.xlsx pulls Orders, "
        "OrderHistory, Tasks and invoices through the Salesforce API and writes this template for you. "
        "Exports you already have: python -m o2c convert FILES... --out FILE.xlsx, or the converter on "
        "the app's Data page.",
    ),
    ("heading", "简体中文说明"),
    (
        "text",
        "1. 从 Salesforce 导出数据；2. 填写 Events 工作表（必填）和 Orders 工作表（可选，但建议填写），"
        "先删除示例行；3. 在应用的 Data 页面上传文件，或运行 python -m o2c analyze 文件名.xlsx。",
    ),
    (
        "text",
        "必填列：case_id（订单编号）、activity（活动）、timestamp（时间），表头为橙色。"
        "resource 列可做人员分析；Orders 工作表可按销售渠道、客户、区域筛选；"
        "交货日期和发票日期可计算准时交货率和逾期付款指标。",
    ),
    (
        "text",
        "时间格式：推荐 ISO 8601，例如 2024-01-15T10:30:00Z 或 Salesforce 的 "
        "2024-01-15T10:30:00.000+0000；也接受 Excel 日期单元格和 Excel 序列号。"
        "没有时区偏移的时间按 UTC 读取，除非在应用中选择时区（报表导出使用导出用户的时区）。"
        "15.01.2024 10:30 这类日在前的格式会被自动识别；只有日期的值也可以，但会标记为“按天精度”。",
    ),
    (
        "text",
        "订单编号：使用 15 位或 18 位的 Salesforce Order Id，或订单号（Order Number），"
        "Events 与 Orders 两张表中须使用同一种。",
    ),
    (
        "text",
        "导出方式：(a) Data Loader / Bulk API 导出 Order、OrderHistory、Task（见上方 SOQL 示例）；"
        "(b) 报表导出时选择“仅详细信息”（Details Only），格式为 Excel 或 UTF-8 编码的 CSV；"
        "(c) API 提取工具:python -m o2c extract --since YYYY-MM-DD --out FILE.xlsx;"
        "已有导出文件可用 python -m o2c convert 或应用“数据”页的转换器。",
    ),
    (
        "text",
        "活动名称请尽量使用 Activities 工作表中的标准名称（含中文对照）；"
        "Dictionary 工作表列出每一列的含义、Salesforce 来源和可识别的别名。",
    ),
    (
        "text",
        "Activities 工作表的 cost_per_execution（每次执行成本）和 manual_minutes（人工处理分钟数）用于订单成本、"
        "自动化潜力和假设分析；表中数值仅为示例，请换成贵公司的数据。",
    ),
)


def build_template(events: pd.DataFrame | None = None, orders: pd.DataFrame | None = None) -> bytes:
    """The O2C Excel template as xlsx bytes; with frames given, the Events/Orders sheets hold them instead of the
    example rows.

    Without frames both sheets hold one example order. With either frame given, a missing one becomes an
    empty sheet rather than the example, so a filled template never mixes the user's data with Acme GmbH.
    Datetimes are written as Excel datetimes in UTC without a time zone.
    """
    if events is None and orders is None:
        events_header, events_rows = [c.name for c in EVENT_COLUMNS], _example_event_rows()
        orders_header, orders_rows = [c.name for c in ORDER_COLUMNS], _example_order_rows()
    else:
        events_header, events_rows = _frame_rows(events, EVENT_COLUMNS)
        orders_header, orders_rows = _frame_rows(orders, ORDER_COLUMNS)

    workbook = Workbook(write_only=True)
    _write_instructions(workbook.create_sheet("Instructions"))
    _write_data_sheet(workbook.create_sheet("Events"), EVENT_COLUMNS, events_header, events_rows)
    _write_data_sheet(workbook.create_sheet("Orders"), ORDER_COLUMNS, orders_header, orders_rows)
    _write_activities(workbook.create_sheet("Activities"))
    _write_rules(workbook.create_sheet("Rules"))
    _write_mapping(workbook.create_sheet("Mapping"))
    _write_dictionary(workbook.create_sheet("Dictionary"))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _example_event_rows() -> list[list[Any]]:
    names = [c.name for c in EVENT_COLUMNS]
    return [[dict(zip(names, (_EXAMPLE_CASE, *event))).get(name) for name in names] for event in _EXAMPLE_EVENTS]


def _example_order_rows() -> list[list[Any]]:
    return [[_EXAMPLE_ORDER.get(c.name) for c in ORDER_COLUMNS]]


def _frame_rows(frame: pd.DataFrame | None, columns: tuple[Column, ...]) -> tuple[list[str], list[list[Any]]]:
    """Header (catalogue columns, then the frame's extra columns) and the frame's rows as Python values."""
    header = [c.name for c in columns]
    if frame is None:
        return header, []
    names = [str(name) for name in frame.columns]
    if len(set(names)) != len(names):
        raise ValueError(f"duplicate column names: {sorted({n for n in names if names.count(n) > 1})}")
    header += [name for name in names if name not in header]
    position = {name: i for i, name in enumerate(names)}
    empty = [None] * len(frame)
    values = [_column_values(frame.iloc[:, position[name]]) if name in position else empty for name in header]
    return header, [list(row) for row in zip(*values)]


def _column_values(series: pd.Series) -> list[Any]:
    if isinstance(series.dtype, pd.DatetimeTZDtype):
        series = series.dt.tz_convert("UTC").dt.tz_localize(None)
    return series.astype(object).tolist()


def _cell(ws: WriteOnlyWorksheet, value: Any, number_format: str) -> Any:
    """One value as openpyxl should write it: None when missing, datetimes naive UTC and formatted, text as text."""
    if value is None or value is pd.NaT or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if not value.startswith("="):
            return value
        # openpyxl would store "=..." as a formula; user text must stay text (and never run as one).
        cell = WriteOnlyCell(ws, value)
        cell.data_type = "s"
        return cell
    if isinstance(value, date):
        if isinstance(value, pd.Timestamp):
            value = value.to_pydatetime()
        if isinstance(value, datetime) and value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        cell = WriteOnlyCell(ws, value)
        cell.number_format = number_format
        return cell
    return value if isinstance(value, (numbers.Number, timedelta)) else str(value)


def _write_data_sheet(
    ws: WriteOnlyWorksheet, columns: tuple[Column, ...], header: list[str], rows: list[list[Any]]
) -> None:
    catalogue = {c.name: c for c in columns}
    letters = {name: get_column_letter(i) for i, name in enumerate(header, 1)}
    formats = [
        _DATE_FORMAT if name in catalogue and catalogue[name].type == "date" else _DATETIME_FORMAT for name in header
    ]
    for name, number_format in zip(header, formats):
        example = catalogue[name].example if name in catalogue else ""
        ws.column_dimensions[letters[name]].width = min(max(len(name), len(example)) + 4, 40)
        if name in catalogue and catalogue[name].type in ("date", "datetime"):
            # so that dates typed into new rows are shown as dates too
            ws.column_dimensions[letters[name]].number_format = number_format
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    _add_validations(ws, columns, letters)

    ws.append([_header_cell(ws, name, catalogue.get(name)) for name in header])
    for row in rows:
        ws.append([_cell(ws, value, number_format) for value, number_format in zip(row, formats)])


def _header_cell(ws: WriteOnlyWorksheet, name: str, column: Column | None) -> Cell:
    cell = WriteOnlyCell(ws, ILLEGAL_CHARACTERS_RE.sub("", str(name)))
    cell.data_type = "s"  # an extra column's name is user text: never a formula
    cell.font = _BOLD
    cell.fill = _REQUIRED_FILL if column and column.required else _HEADER_FILL
    if column:
        note = (
            f"{'REQUIRED. ' if column.required else ''}{column.description}\n"
            f"Type: {column.type}. Example: {column.example}\nSalesforce: {column.salesforce_source}"
        )
        cell.comment = Comment(note, "O2C Explorer", width=320, height=140)
    return cell


def _add_validations(ws: WriteOnlyWorksheet, columns: tuple[Column, ...], letters: dict[str, str]) -> None:
    for column in columns:
        ref = f"{letters[column.name]}2:{letters[column.name]}{_LAST_ROW}"
        if column.name == "activity":
            rule = DataValidation(
                type="list",
                formula1=f"Activities!$B$2:$B${len(ACTIVITIES) + 1}",
                errorStyle="information",
                errorTitle="Not a standard activity",
                error="This name is not on the Activities sheet. It is still accepted.",
                showInputMessage=True,
                promptTitle="activity",
                prompt="Pick a standard name from the list, or type your own.",
            )
        elif column.name == "sales_channel":
            rule = DataValidation(
                type="list",
                formula1='"' + ",".join(_SALES_CHANNELS) + '"',
                errorStyle="information",
                errorTitle="Other sales channel",
                error=f"Usual channels are {', '.join(_SALES_CHANNELS)}. Others are accepted.",
            )
        elif column.type in ("number", "integer"):
            rule = DataValidation(
                type="decimal" if column.type == "number" else "whole",
                operator="between",
                formula1="-1000000000000",
                formula2="1000000000000",
                errorStyle="warning",
                errorTitle="Not a number",
                error=f"{column.name} should be a plain number.",
            )
        else:
            continue
        # without showErrorMessage Excel accepts anything silently and the hint never appears
        rule.allow_blank = rule.showErrorMessage = True
        rule.add(ref)
        ws.data_validations.append(rule)


def _write_instructions(ws: WriteOnlyWorksheet) -> None:
    ws.column_dimensions["A"].width = 120
    fonts = {
        "title": Font(bold=True, size=16),
        "heading": Font(bold=True, size=13),
        "text": Font(),
        "code": Font(name="Consolas"),
    }
    for kind, text in _INSTRUCTIONS:
        if kind == "heading":
            ws.append([])
        cell = WriteOnlyCell(ws, text)
        cell.font = fonts[kind]
        cell.alignment = _WRAP
        ws.append([cell])


def _write_table(ws: WriteOnlyWorksheet, header: list[Any], rows: list[list[Any]], widths: list[int]) -> None:
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    header_cells = [WriteOnlyCell(ws, name) if isinstance(name, str) else name for name in header]
    for cell in header_cells:
        cell.font, cell.fill = _BOLD, _HEADER_FILL
    ws.append(header_cells)
    for row in rows:
        ws.append(row)


def _write_activities(ws: WriteOnlyWorksheet) -> None:
    rows = [
        [
            i,
            a.name,
            a.stage,
            "yes" if a.name in STANDARD_PATH else "no",
            a.salesforce_source,
            a.description,
            a.name_zh,
            match_role(a.name) or "",
            DEFAULT_COSTS[a.name],
            DEFAULT_MINUTES[a.name],
        ]
        for i, a in enumerate(ACTIVITIES, 1)
    ]
    header: list[Any] = [
        "position",
        "activity",
        "stage",
        "standard_path",
        "salesforce_source",
        "description",
        "name_zh",
    ]
    for name, help_text in (
        (
            "role",
            "The O2C step this activity is (a role key such as payment_received, or its English or Chinese "
            "name). Add a row with your own activity name and its step when the automatic matching misses it; "
            "leave it blank to keep the automatic match, or write none for no step.",
        ),
        (
            COST_COLUMN,
            "Cost of one execution (EUR), for cost per order and what-if. The "
            "values are illustrative defaults: replace them with your own.",
        ),
        (
            MINUTES_COLUMN,
            "Manual handling minutes of one execution by a person, for the hours "
            "of work an automation would save. Illustrative defaults.",
        ),
    ):
        cell = WriteOnlyCell(ws, name)
        cell.comment = Comment(help_text, "O2C Explorer", width=300, height=100)
        header.append(cell)
    _write_table(ws, header, rows, [9, 26, 12, 14, 60, 70, 16, 22, 18, 16])


_RULE_HELP = {
    "rule": "A short unique name, shown on the Conformance page and in exports.",
    "type": "precedence: activity before other_activity. existence: activity must happen (in orders that reach "
    "other_activity, when given). absence: activity must not happen (after other_activity, when given). "
    "time_limit: from activity to other_activity at most limit, or activity by date_field. four_eyes: the "
    "same person must not do activity and other_activity. authorised: activity only by allowed_values.",
    "activity": "An activity name as on the Activities sheet.",
    "other_activity": "The second activity of precedence, four_eyes and time_limit rules; the scope of existence "
    "and absence rules.",
    "limit": "time_limit: the longest allowed time; with date_field, extra days of grace (optional).",
    "unit": "hours or days, for limit.",
    "date_field": "time_limit: an order date column (promised_date, requested_delivery_date, invoice_due_date); "
    "the activity must happen by the end of that day.",
    "attribute": "four_eyes: who did it (default resource). authorised: role, department or resource (empty: "
    "role or department).",
    "allowed_values": "authorised: the allowed roles or departments, separated by commas.",
    "severity": "high, medium or low.",
    "description": "What the rule means, in plain words.",
}


def _write_rules(ws: WriteOnlyWorksheet) -> None:
    letters = {name: get_column_letter(i) for i, name in enumerate(RULE_COLUMNS, 1)}
    for name, values in (("type", RULE_TYPES), ("severity", SEVERITIES), ("unit", tuple(UNITS))):
        rule = DataValidation(
            type="list",
            formula1='"' + ",".join(values) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="stop",
            errorTitle=f"Unknown {name}",
            error=f"Pick one of: {', '.join(values)}.",
        )
        rule.add(f"{letters[name]}2:{letters[name]}{_LAST_ROW}")
        ws.data_validations.append(rule)
    header = []
    for name in RULE_COLUMNS:
        cell = WriteOnlyCell(ws, name)
        cell.comment = Comment(_RULE_HELP[name], "O2C Explorer", width=360, height=160)
        header.append(cell)
    rows = [[_cell(ws, rule.to_row()[name], _DATE_FORMAT) for name in RULE_COLUMNS] for rule in DEFAULT_RULES.rules]
    _write_table(ws, header, rows, [32, 12, 24, 24, 7, 7, 24, 12, 18, 9, 70])


def _write_mapping(ws: WriteOnlyWorksheet) -> None:
    """How Salesforce records become activities when exports are converted (python -m o2c convert --mapping)."""
    mapping = default_mapping()
    rows = [[_cell(ws, value, _DATE_FORMAT) for value in row] for row in mapping.itertuples(index=False)]
    _write_table(ws, list(mapping.columns), rows, [18, 22, 9, 28, 28, 8])


def _write_dictionary(ws: WriteOnlyWorksheet) -> None:
    rows = [
        [
            sheet,
            c.name,
            "yes" if c.required else "no",
            c.type,
            c.example,
            c.salesforce_source,
            ", ".join(c.aliases),
            c.description,
        ]
        for sheet, columns in (("Events", EVENT_COLUMNS), ("Orders", ORDER_COLUMNS))
        for c in columns
    ]
    _write_table(
        ws,
        ["sheet", "column", "required", "type", "example", "salesforce_source", "aliases", "description"],
        rows,
        [9, 24, 9, 9, 22, 50, 60, 70],
    )
