"""The Order explorer page."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "order_explorer.title": {"en": "Order explorer", "zh": "订单查询"},
    "order_explorer.caption": {
        "en": "One order in detail: its steps, waits, variant and rework.",
        "zh": "查看单张订单的详情:步骤、等待时间、变体和返工。",
    },
    "order_explorer.lookup": {"en": "Order id or order number", "zh": "订单 ID 或订单编号"},
    "order_explorer.lookup.placeholder": {"en": "e.g. 00000100", "zh": "例如 00000100"},
    "order_explorer.slowest": {"en": "Or pick one of the slowest orders", "zh": "或选择一张最慢的订单"},
    "order_explorer.slowest.placeholder": {
        "en": "Slowest orders under the current filters",
        "zh": "当前筛选下最慢的订单",
    },
    "order_explorer.hint": {
        "en": "Type an order id or order number, or pick one of the slowest orders.",
        "zh": "输入订单 ID 或订单编号,或选择一张最慢的订单。",
    },
    "order_explorer.not_found": {
        "en": 'No order with the id or order number "{text}".',
        "zh": "找不到 ID 或编号为“{text}”的订单。",
    },
    "order_explorer.heading": {"en": "Order {label}", "zh": "订单 {label}"},
    "order_explorer.outside_filters": {"en": "outside the current filters", "zh": "不在当前筛选范围内"},
    "order_explorer.end_to_end": {"en": "End-to-end", "zh": "端到端时长"},
    "order_explorer.events": {"en": "Events", "zh": "事件数"},
    "order_explorer.variant": {"en": "Variant", "zh": "变体"},
    "order_explorer.variant.value": {"en": "#{rank} of {count:,}", "zh": "第 {rank} / {count:,}"},
    "order_explorer.variant.help": {
        "en": "Variants ranked by frequency in the whole log. {orders:,} of {total:,} orders follow this one (id {id})"
        ".",
        "zh": "变体按整个日志中的频次排序。{total:,} 张订单中有 {orders:,} 张与此相同(ID {id})。",
    },
    "order_explorer.rework": {"en": "Repeated activities", "zh": "重复活动"},
    "order_explorer.rework.help": {
        "en": "Activities this order went through more than once.",
        "zh": "此订单中执行了不止一次的活动。",
    },
    "order_explorer.rework.title": {"en": "Rework", "zh": "返工"},
    "order_explorer.rework.none": {"en": "No activity was repeated.", "zh": "没有重复的活动。"},
    "order_explorer.times": {"en": "Times", "zh": "次数"},
    "order_explorer.performers": {"en": "Done by", "zh": "执行人"},
    "order_explorer.who": {"en": "Who", "zh": "执行人情况"},
    "order_explorer.same_person": {"en": "same person", "zh": "同一人"},
    "order_explorer.other_person": {"en": "another person", "zh": "不同人"},
    "order_explorer.attributes": {"en": "Order attributes", "zh": "订单属性"},
    "order_explorer.attribute": {"en": "Attribute", "zh": "属性"},
    "order_explorer.value": {"en": "Value", "zh": "值"},
    "order_explorer.step": {"en": "Step", "zh": "步骤"},
    "order_explorer.time": {"en": "Time (UTC)", "zh": "时间(UTC)"},
    "order_explorer.resource": {"en": "Resource", "zh": "执行人"},
    "order_explorer.role": {"en": "Role", "zh": "角色"},
    "order_explorer.steps": {"en": "Steps", "zh": "步骤明细"},
    "order_explorer.col.resource": {"en": "Resource", "zh": "执行人"},
    "order_explorer.col.role": {"en": "Role", "zh": "角色"},
    "order_explorer.col.department": {"en": "Department", "zh": "部门"},
    "order_explorer.col.document_id": {"en": "Document", "zh": "单据"},
    "order_explorer.col.event_amount": {"en": "Amount", "zh": "金额"},
    "order_explorer.wait": {"en": "Wait since previous step", "zh": "距上一步等待"},
    "order_explorer.wait.short": {"en": "Wait", "zh": "等待"},
}
