"""The standard order-to-cash activity catalogue of the template, in the order a clean order passes through it.

Analyses do not look these names up: they ask the vocabulary (``o2c.log.vocabulary``) for a role.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Activity:
    """One activity of the standard O2C process."""

    name: str
    stage: str
    salesforce_source: str
    description: str
    name_zh: str


ACTIVITIES: tuple[Activity, ...] = (
    Activity(
        "Create Sales Order",
        "Order",
        "Order.CreatedDate / CreatedById",
        "The order is created in Salesforce.",
        "创建销售订单",
    ),
    Activity(
        "Credit Check Passed",
        "Credit",
        "ProcessInstanceStep (Approved) / custom credit field in OrderHistory",
        "Credit control approves the customer's credit for this order.",
        "信用检查通过",
    ),
    Activity(
        "Credit Check Failed",
        "Credit",
        "ProcessInstanceStep (Rejected) / OrderHistory",
        "Credit control blocks the order; it usually comes back for a second check.",
        "信用检查未通过",
    ),
    Activity(
        "Order Approved",
        "Order",
        "ProcessInstance (Approved)",
        "Discount or deal approval by a manager.",
        "订单审批通过",
    ),
    Activity(
        "Order Activated",
        "Order",
        "Order.ActivatedDate / OrderHistory Status = Activated",
        "The order is activated (confirmed internally).",
        "订单激活",
    ),
    Activity(
        "Order Confirmation Sent",
        "Order",
        "EmailMessage / Task subject 'Order confirmation'",
        "The customer receives the order confirmation.",
        "发送订单确认",
    ),
    Activity(
        "Inventory Allocated",
        "Fulfilment",
        "ERP integration / FulfillmentOrder / OrderHistory",
        "Stock is reserved for the order.",
        "库存分配",
    ),
    Activity("Picked", "Fulfilment", "ERP / FulfillmentOrder status", "The goods are picked in the warehouse.", "拣货"),
    Activity(
        "Shipped",
        "Fulfilment",
        "Shipment.CreatedDate / OrderHistory Status = Shipped",
        "The goods leave the warehouse.",
        "发货",
    ),
    Activity(
        "Delivered",
        "Fulfilment",
        "Shipment.ActualDeliveryDate / carrier feed",
        "The customer receives the goods.",
        "已交付",
    ),
    Activity(
        "Invoice Created",
        "Billing",
        "blng__Invoice__c.CreatedDate / Invoice.InvoiceDate",
        "The invoice is created.",
        "创建发票",
    ),
    Activity(
        "Invoice Sent",
        "Billing",
        "blng__Invoice__c posted / EmailMessage",
        "The invoice goes to the customer.",
        "发送发票",
    ),
    Activity(
        "Payment Reminder Sent",
        "Billing",
        "Task subject 'reminder' / EmailMessage",
        "A dunning reminder for an overdue invoice.",
        "发送付款提醒",
    ),
    Activity(
        "Payment Received",
        "Billing",
        "blng__Payment__c.blng__PaymentDate__c / Payment.Date",
        "The customer's payment arrives.",
        "收到付款",
    ),
    Activity(
        "Order Changed",
        "Exception",
        "OrderHistory (any tracked field after activation)",
        "Quantities, prices or dates change after the order was set up.",
        "订单变更",
    ),
    Activity("Order Cancelled", "Exception", "OrderHistory Status = Cancelled", "The order is cancelled.", "订单取消"),
)

STANDARD_PATH: tuple[str, ...] = (
    "Create Sales Order",
    "Credit Check Passed",
    "Order Activated",
    "Order Confirmation Sent",
    "Inventory Allocated",
    "Picked",
    "Shipped",
    "Delivered",
    "Invoice Created",
    "Invoice Sent",
    "Payment Received",
)

ACTIVITY_NAMES: tuple[str, ...] = tuple(a.name for a in ACTIVITIES)
# Which step each activity is (payment, shipping ...), in any language, is the vocabulary's: o2c.log.vocabulary.

# Words that make any activity a cancellation ("Order cancelled by customer").
CANCEL_WORDS = ("cancel", "取消")
