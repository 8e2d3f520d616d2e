"""The KPIs: names, formulas and notes (Monitoring page, reports, snapshots)."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "kpis.orders": {"en": "Orders", "zh": "订单数"},
    "kpis.orders.formula": {"en": "Orders selected by the filters.", "zh": "当前筛选条件下的订单数。"},
    "kpis.end_to_end_median": {"en": "Created to paid (median)", "zh": "创建到收款(中位数)"},
    "kpis.end_to_end_median.formula": {
        "en": "Median time from an order's first event (creation) to its first Payment Received, over paid orders.",
        "zh": "已付款订单从第一个事件(创建)到第一次“收到付款”的时间中位数。",
    },
    "kpis.end_to_end_p90": {"en": "Created to paid (90th percentile)", "zh": "创建到收款(第 90 百分位)"},
    "kpis.end_to_end_p90.formula": {
        "en": "90% of paid orders took at most this long from creation to payment received.",
        "zh": "90% 的已付款订单从创建到收到付款所用时间不超过此值。",
    },
    "kpis.order_to_delivery": {"en": "Order to delivery (median)", "zh": "下单到交付(中位数)"},
    "kpis.order_to_delivery.formula": {
        "en": "Median time from creation to the first Delivered event, over delivered orders.",
        "zh": "已交付订单从创建到第一次“已交付”的时间中位数。",
    },
    "kpis.invoice_to_cash": {"en": "Invoice to cash (median)", "zh": "开票到收款(中位数)"},
    "kpis.invoice_to_cash.formula": {
        "en": "Median time from the first Invoice Created to the first Payment Received after it.",
        "zh": "从第一次“创建发票”到其后第一次“收到付款”的时间中位数。",
    },
    "kpis.late_payment_rate": {"en": "Late payment rate", "zh": "逾期付款率"},
    "kpis.late_payment_rate.formula": {
        "en": "Paid orders whose payment day is after invoice_due_date, divided by paid orders with a due date.",
        "zh": "付款日晚于 invoice_due_date 的已付款订单数 ÷ 有到期日的已付款订单数。",
    },
    "kpis.on_time_delivery_rate": {"en": "On-time delivery rate", "zh": "准时交付率"},
    "kpis.on_time_delivery_rate.formula": {
        "en": "Delivered orders delivered on or before the requested (or promised) date, divided by delivered orders "
        "with that date. The delivery day is actual_delivery_date, else the Delivered event.",
        "zh": "在要求(或承诺)日期当天或之前交付的订单数 ÷ 有该日期的已交付订单数。交付日取 actual_delivery_date,没有"
        "时取“已交付”事件。",
    },
    "kpis.rework_rate": {"en": "Rework rate", "zh": "返工率"},
    "kpis.rework_rate.formula": {
        "en": "Orders in which some activity happens more than once, divided by orders.",
        "zh": "存在重复执行活动的订单数 ÷ 订单数。",
    },
    "kpis.adherence_rate": {"en": "Rule adherence rate", "zh": "规则遵从率"},
    "kpis.adherence_rate.formula": {
        "en": "Orders that break none of the compliance rules (Conformance page), divided by orders.",
        "zh": "未违反任何合规规则(见“合规检查”页)的订单数 ÷ 订单数。",
    },
    "kpis.touchless_rate": {"en": "Touchless rate", "zh": "无人工处理率"},
    "kpis.touchless_rate.formula": {
        "en": "Orders in which every event with a known resource was done by a system user, divided by orders.",
        "zh": "所有已知执行人的事件均由系统用户完成的订单数 ÷ 订单数。",
    },
    "kpis.first_time_right": {"en": "First time right", "zh": "一次做对率"},
    "kpis.first_time_right.formula": {
        "en": "Orders with no rework and no rule violation, divided by orders.",
        "zh": "既无返工也无规则违规的订单数 ÷ 订单数。",
    },
    "kpis.cost_per_order": {"en": "Cost per order", "zh": "单笔订单成本"},
    "kpis.cost_per_order.formula": {
        "en": "Mean over orders of the sum of the cost per execution of each event's activity (cost table on the "
        "Automation & cost page).",
        "zh": "各订单中每个事件对应活动的单次执行成本之和的平均值(成本表见“自动化与成本”页)。",
    },
    "kpis.open_orders": {"en": "Open orders", "zh": "未结订单"},
    "kpis.open_orders.formula": {
        "en": "Orders neither paid nor cancelled at the end of the data.",
        "zh": "数据截止时既未付款也未取消的订单数。",
    },
    "kpis.open_order_age": {"en": "Open order age (median)", "zh": "未结订单账龄(中位数)"},
    "kpis.open_order_age.formula": {
        "en": "Median time from creation to the end of the data, over open orders.",
        "zh": "未结订单从创建到数据截止时间的中位数。",
    },
    "kpis.missing.systems": {
        "en": "system users (mark them on the Automation & cost page)",
        "zh": "系统用户(在“自动化与成本”页标记)",
    },
    "kpis.missing.costs": {"en": "a cost table", "zh": "成本表"},
    "kpis.end_to_end_median.span": {"en": "Created to {step} (median)", "zh": "创建到{step}(中位数)"},
    "kpis.end_to_end_p90.span": {"en": "Created to {step} (90th percentile)", "zh": "创建到{step}(第 90 百分位)"},
    "kpis.span.created_to": {"en": "created to {step}", "zh": "从创建到{step}"},
    "kpis.span.open": {"en": "not yet {step}", "zh": "尚未{step}"},
}
