"""The Overview page."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "overview.title": {"en": "Overview", "zh": "概览"},
    "overview.orders": {"en": "Orders", "zh": "订单数"},
    "overview.events": {"en": "Events", "zh": "事件数"},
    "overview.span": {"en": "Date range", "zh": "时间范围"},
    "overview.paid": {"en": "Orders paid", "zh": "已收款订单占比"},
    "overview.paid.none": {"en": "no payment step", "zh": "无收款活动"},
}
