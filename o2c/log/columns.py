"""The column catalogue: every column of the template, its Salesforce source and the headers we recognise.

One table drives the template's Dictionary sheet, the loader's header recognition and the sample generator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from o2c.i18n import TEXT, t

ColumnType = Literal["text", "datetime", "date", "number", "integer", "boolean"]


@dataclass(frozen=True)
class Column:
    """One column of a template sheet."""

    name: str
    type: ColumnType
    example: str
    salesforce_source: str
    description: str
    required: bool = False
    aliases: tuple[str, ...] = field(default=())


def _c(
    name: str,
    type_: ColumnType,
    example: str,
    source: str,
    description: str,
    aliases: tuple[str, ...] = (),
    required: bool = False,
) -> Column:
    return Column(name, type_, example, source, description, required, aliases)


EVENT_COLUMNS: tuple[Column, ...] = (
    _c(
        "case_id",
        "text",
        "8015g00000AbCdEAAV",
        "Order.Id / OrderHistory.OrderId / Task.WhatId",
        "The sales order the event belongs to: Salesforce Order Id (15 or 18 characters) or Order Number.",
        (
            "Id",
            "OrderId",
            "Order ID",
            "Order: ID",
            "Parent ID",
            "ParentId",
            "case",
            "case:concept:name",
            "case id",
            "order",
            "订单编号",
            "订单ID",
            "案例编号",
            "案例ID",
            "Order Number",
            "OrderNumber",
            "订单号",
            # ERP exports (SAP SD) name the order line "Key": last, so any better header wins.
            "Key",
        ),
        required=True,
    ),
    _c(
        "activity",
        "text",
        "Order Activated",
        "OrderHistory.Field + NewValue, Task.Subject (see Mapping)",
        "What happened. Use the names on the Activities sheet where you can.",
        (
            "Activity",
            "Event",
            "Event Name",
            "Field / Event",
            "concept:name",
            "activity name",
            "step",
            "活动",
            "活动名称",
            "事件",
            "步骤",
        ),
        required=True,
    ),
    _c(
        "timestamp",
        "datetime",
        "2024-01-16T08:05:12Z",
        "OrderHistory.CreatedDate, Order.ActivatedDate, Task.CompletedDateTime, blng__PaymentDate__c",
        "When it happened. ISO 8601 or an Excel date cell; without an offset the time is read as UTC.",
        (
            "time:timestamp",
            "Timestamp",
            "CreatedDate",
            "Created Date",
            "Edit Date",
            "Date",
            "Event Time",
            "time",
            "datetime",
            "时间",
            "时间戳",
            "日期",
            "发生时间",
        ),
        required=True,
    ),
    _c(
        "resource",
        "text",
        "Jane Miller",
        "CreatedBy.Name / ActivatedBy.Name / Owner.Name",
        "Who did it (a person, or a system user for automated steps).",
        (
            "org:resource",
            "Resource",
            "Created By",
            "CreatedBy.Name",
            "Edited By",
            "User",
            "Performed By",
            "Assigned",
            "执行人",
            "处理人",
            "操作人",
            "资源",
        ),
    ),
    _c(
        "role",
        "text",
        "Credit Controller",
        "User.UserRole.Name / User.Profile.Name / User.Title",
        "The role of that person.",
        ("org:role", "Role", "UserRole.Name", "User Role", "角色", "岗位"),
    ),
    _c(
        "department",
        "text",
        "Finance",
        "User.Department / User.Division",
        "The department of that person.",
        ("org:group", "Department", "User.Department", "Division", "部门"),
    ),
    _c(
        "document_id",
        "text",
        "INV-000123",
        "blng__Invoice__c.Name / Invoice.DocumentNumber / Shipment.TrackingNumber",
        "The business document the event created or handled (invoice, payment, delivery).",
        ("Document", "Document Number", "DocumentNumber", "单据编号"),
    ),
    _c(
        "event_amount",
        "number",
        "1250.50",
        "blng__Invoice__c.blng__TotalAmount__c / blng__Payment__c.blng__Amount__c",
        "An amount attached to the event (invoice or payment amount).",
        ("Amount", "Event Amount", "金额"),
    ),
    _c(
        "source_object",
        "text",
        "OrderHistory",
        "the object's API name",
        "Where the row came from in Salesforce.",
        ("Object", "Source Object", "来源对象"),
    ),
    _c(
        "source_field",
        "text",
        "Status",
        "OrderHistory.Field",
        "The changed field, for change events.",
        ("Field", "Source Field", "字段"),
    ),
    _c(
        "old_value",
        "text",
        "Draft",
        "OrderHistory.OldValue",
        "Value before the change.",
        ("OldValue", "Old Value", "原值"),
    ),
    _c(
        "new_value",
        "text",
        "Activated",
        "OrderHistory.NewValue",
        "Value after the change.",
        ("NewValue", "New Value", "新值"),
    ),
    _c(
        "comment",
        "text",
        "Net 30 reminder",
        "Task.Description / ProcessInstanceStep.Comments",
        "Free text.",
        ("Comments", "Description", "Comment", "备注", "说明"),
    ),
    _c(
        "user_type",
        "text",
        "Standard",
        "User.UserType",
        "Whether a person or a system did it (Standard / AutomatedProcess, Human / Robot): system users count as "
        "automated work.",
        ("User_Type", "User Type", "UserType", "User.UserType", "用户类型"),
    ),
)

ORDER_COLUMNS: tuple[Column, ...] = (
    _c(
        "case_id",
        "text",
        "8015g00000AbCdEAAV",
        "Order.Id",
        "Joins the order to its events.",
        EVENT_COLUMNS[0].aliases[:-4],
        required=True,
    ),
    _c(
        "order_number",
        "text",
        "00000100",
        "Order.OrderNumber",
        "The order number people search for.",
        ("OrderNumber", "Order Number", "订单号码"),
    ),
    _c(
        "account_name",
        "text",
        "Acme GmbH",
        "Account.Name",
        "The customer.",
        ("Account.Name", "Account Name", "Account", "customer", "case:customer", "客户", "客户名称"),
    ),
    _c(
        "account_id",
        "text",
        "0015g00000XyZaBAAV",
        "Order.AccountId",
        "The customer's Salesforce Id.",
        ("AccountId", "Account ID", "客户编号"),
    ),
    _c(
        "sales_channel",
        "text",
        "Partner",
        "custom Order.Sales_Channel__c; else Opportunity.LeadSource or Account.Type",
        "How the order was sold: Direct, Partner, Online, Distributor ...",
        ("Sales Channel", "Sales_Channel__c", "channel", "销售渠道", "渠道"),
    ),
    _c(
        "region",
        "text",
        "EMEA",
        "custom field / Territory2.Name / derived from ShippingCountry",
        "Sales region.",
        ("Region", "Sales Region", "Territory", "区域", "大区"),
    ),
    _c(
        "country",
        "text",
        "Germany",
        "Order.ShippingCountry / Order.BillingCountry",
        "Ship-to country.",
        ("ShippingCountry", "Shipping Country", "BillingCountry", "Billing Country", "国家"),
    ),
    _c(
        "owner",
        "text",
        "Jane Miller",
        "Order.Owner.Name",
        "The sales rep who owns the order.",
        ("Owner.Name", "Order Owner", "Owner", "Sales Rep", "负责人", "销售代表"),
    ),
    _c(
        "order_type",
        "text",
        "New",
        "Order.Type",
        "Order type (org-defined picklist).",
        ("Type", "Order Type", "订单类型"),
    ),
    _c(
        "order_date",
        "date",
        "2024-01-15",
        "Order.EffectiveDate (Order Start Date)",
        "The business order date.",
        ("EffectiveDate", "Order Start Date", "下单日期"),
    ),
    _c(
        "order_amount",
        "number",
        "12500.00",
        "Order.TotalAmount",
        "Net order value.",
        ("TotalAmount", "Order Amount", "price", "case:price", "订单金额"),
    ),
    _c(
        "currency",
        "text",
        "EUR",
        "Order.CurrencyIsoCode",
        "ISO 4217 currency of the amounts.",
        ("CurrencyIsoCode", "Order Currency", "Currency", "币种"),
    ),
    _c(
        "number_of_lines",
        "integer",
        "3",
        "count of OrderItem",
        "Order lines (products) on the order.",
        ("Lines", "Number of Lines", "行数"),
    ),
    _c(
        "requested_delivery_date",
        "date",
        "2024-01-31",
        "custom Requested_Delivery_Date__c / min OrderItem.ServiceDate",
        "The date the customer asked for; on-time delivery is measured against it.",
        ("Requested Delivery Date", "Requested_Delivery_Date__c", "要求交货日期"),
    ),
    _c(
        "promised_date",
        "date",
        "2024-02-02",
        "custom Promised_Date__c / Shipment.ExpectedDeliveryDate",
        "The date we confirmed to the customer.",
        ("Promised Date", "Promised_Date__c", "承诺日期"),
    ),
    _c(
        "actual_delivery_date",
        "date",
        "2024-02-05",
        "Shipment.ActualDeliveryDate / custom",
        "The date the goods arrived.",
        ("Actual Delivery Date", "Delivery Date", "实际交货日期"),
    ),
    _c(
        "payment_terms",
        "text",
        "Net 30",
        "custom on Account/Order; Billing payment term",
        "Agreed payment terms.",
        ("Payment Terms", "付款条件"),
    ),
    _c(
        "invoice_number",
        "text",
        "INV-000123",
        "blng__Invoice__c.Name / Invoice.DocumentNumber",
        "The main invoice of the order.",
        ("Invoice Number", "发票号"),
    ),
    _c(
        "invoice_date",
        "date",
        "2024-02-06",
        "blng__Invoice__c.blng__InvoiceDate__c / Invoice.InvoiceDate",
        "Invoice date.",
        ("Invoice Date", "开票日期"),
    ),
    _c(
        "invoice_due_date",
        "date",
        "2024-03-07",
        "blng__Invoice__c.blng__DueDate__c / Invoice.DueDate",
        "Payment due date; late payment is measured against it.",
        ("Due Date", "Invoice Due Date", "到期日"),
    ),
    _c(
        "invoice_amount",
        "number",
        "14875.00",
        "blng__Invoice__c.blng__TotalAmount__c",
        "Invoiced amount.",
        ("Invoice Amount", "发票金额"),
    ),
    _c(
        "payment_status",
        "text",
        "Paid",
        "blng__Invoice__c.blng__PaymentStatus__c",
        "Paid / Partially Paid / Unpaid.",
        ("Payment Status", "付款状态"),
    ),
    _c(
        "carrier",
        "text",
        "DHL",
        "Shipment.Provider / custom",
        "Carrier or logistics partner.",
        ("Carrier", "Shipping Carrier", "承运商"),
    ),
    _c(
        "warehouse",
        "text",
        "DC Hamburg",
        "FulfillmentOrder.FulfilledFromLocation.Name / custom",
        "Shipping location.",
        ("Warehouse", "Plant", "仓库"),
    ),
    _c("industry", "text", "Manufacturing", "Account.Industry", "The customer's industry.", ("Industry", "行业")),
    _c(
        "opportunity_id",
        "text",
        "0065g00000QwErTAAV",
        "Order.OpportunityId",
        "The opportunity the order came from.",
        ("OpportunityId", "Opportunity ID"),
    ),
    _c(
        "current_status",
        "text",
        "Activated",
        "Order.Status",
        "Status at extraction time.",
        ("Status", "Order Status", "订单状态"),
    ),
)

REQUIRED_EVENT_COLUMNS: tuple[str, ...] = tuple(c.name for c in EVENT_COLUMNS if c.required)
EVENT_COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in EVENT_COLUMNS)
ORDER_COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in ORDER_COLUMNS)
DATE_ORDER_COLUMNS: tuple[str, ...] = tuple(c.name for c in ORDER_COLUMNS if c.type == "date")
NUMERIC_ORDER_COLUMNS: tuple[str, ...] = tuple(c.name for c in ORDER_COLUMNS if c.type in ("number", "integer"))


_BY_NAME: dict[str, Column] = {c.name: c for c in (*EVENT_COLUMNS, *ORDER_COLUMNS)}


def column_label(name: str, lang: str = "en") -> str:
    """How a column is named to users: the template column's label from the catalogue (``columns.<name>``),
    otherwise the name with spaces ("payment_terms" -> "payment terms"); columns outside the template keep their
    own name.

    >>> column_label("payment_terms", "zh")
    '付款条件'
    """
    key = f"columns.{name}"
    return t(key, lang) if key in TEXT else name.replace("_", " ")  # type: ignore[arg-type]


def normalise_header(header: object) -> str:
    """Fold a header for matching: lower case, no spaces, dots, underscores or punctuation.

    >>> normalise_header(" Order: ID ")
    'orderid'
    """
    return re.sub(r"[\s_.:/\-()\[\]]+", "", str(header).strip().lower())


def _alias_table(columns: tuple[Column, ...]) -> dict[str, tuple[str, int]]:
    """Folded header -> (column name, rank); rank 0 is the canonical name, lower ranks win ties."""
    table: dict[str, tuple[str, int]] = {}
    for column in columns:
        for rank, alias in enumerate((column.name, *column.aliases)):
            table.setdefault(normalise_header(alias), (column.name, rank))
    return table


EVENT_ALIASES: dict[str, tuple[str, int]] = _alias_table(EVENT_COLUMNS)
ORDER_ALIASES: dict[str, tuple[str, int]] = _alias_table(ORDER_COLUMNS)
