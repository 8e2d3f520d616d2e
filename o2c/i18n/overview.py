"""The Overview page."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "overview.title": {"en": "Overview", "zh": "概览"},
    "overview.orders": {"en": "Orders", "zh": "订单数"},
    "overview.events": {"en": "Events", "zh": "事件数"},
    "overview.activities": {"en": "Activities", "zh": "活动数"},
    "overview.span": {"en": "Date range", "zh": "时间范围"},
    "overview.median": {"en": "Median end-to-end", "zh": "端到端时长中位数"},
    "overview.p90": {"en": "90th percentile end-to-end", "zh": "端到端时长 90 分位"},
    "overview.paid": {"en": "Orders paid", "zh": "已收款订单占比"},
    "overview.paid.none": {"en": "no payment step", "zh": "无收款活动"},
    "overview.per_week": {"en": "Orders started per week", "zh": "每周新建订单"},
    "overview.per_activity": {"en": "Events per activity", "zh": "各活动事件数"},
    "overview.median.help": {
        "en": "From the first to the last event of each order.",
        "zh": "每张订单从第一个到最后一个事件的时长。",
    },
}
