"""The Partners & carriers page."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "partners.title": {"en": "Partners & carriers", "zh": "合作伙伴与承运商"},
    "partners.attribute": {"en": "Partner", "zh": "合作伙伴"},
    "partners.attribute.partner_accounts": {
        "en": "Partner accounts (Partner channel)",
        "zh": "合作伙伴客户（Partner 渠道）",
    },
    "partners.attribute.carrier": {"en": "Carrier", "zh": "承运商"},
    "partners.attribute.warehouse": {"en": "Warehouse", "zh": "仓库"},
    "partners.target": {"en": "On time against", "zh": "准时标准"},
    "partners.target.requested": {"en": "Requested date", "zh": "要求交付日期"},
    "partners.target.promised": {"en": "Promised date", "zh": "承诺交付日期"},
    "partners.no_columns": {
        "en": "This log has no partner-like order attribute. Add a carrier or warehouse column to the orders to "
        "compare on-time delivery per partner.",
        "zh": "此日志没有类似合作伙伴的订单属性。请为订单添加 carrier（承运商）或 warehouse（仓库）列，以按合作伙伴比"
        "较准时交付。",
    },
    "partners.missing": {
        "en": "This analysis needs the column(s) {columns}. Add them to the orders to see on-time delivery per "
        "partner.",
        "zh": "此分析需要以下列：{columns}。请将其添加到订单中，以查看各合作伙伴的准时交付情况。",
    },
    "partners.on_time": {"en": "On-time delivery", "zh": "准时交付率"},
    "partners.on_time.help": {
        "en": "Delivered orders delivered by their date ({judged:,} orders with a date). 95% interval: {low:.1%} "
        "– {high:.1%}.",
        "zh": "在日期前交付的已交付订单占比（共 {judged:,} 个有日期的订单）。95% 区间：{low:.1%} – {high:.1%}。",
    },
    "partners.late": {"en": "Late orders", "zh": "延迟订单"},
    "partners.worst": {"en": "Lowest on-time rate", "zh": "准时率最低"},
    "partners.worst.delta": {
        "en": "{rate:.0%} on time · {late:.0%} of late orders",
        "zh": "准时 {rate:.0%} · 占延迟订单 {late:.0%}",
    },
    "partners.worst.help": {
        "en": "Among partners with at least {n} judged orders.",
        "zh": "仅比较至少有 {n} 个可判定订单的合作伙伴。",
    },
    "partners.transit": {"en": "Transit (median)", "zh": "运输时间(中位数)"},
    "partners.transit.help": {
        "en": "Median time from the first Shipped to the first Delivered event.",
        "zh": "从第一个“已发货”到第一个“已交付”事件的时间中位数。",
    },
    "partners.tab.partners": {"en": "On time by partner", "zh": "各合作伙伴准时率"},
    "partners.tab.trend": {"en": "Monthly trend", "zh": "月度趋势"},
    "partners.chart.hint": {
        "en": "Dots: on-time rate; bars: 95% interval (wide bars = few orders); dashed line: all partners; red: "
        "clearly below it. Worst first. Compare a partner's share of late orders with its share of orders.",
        "zh": "圆点：准时率；横线：95% 区间（越宽表示订单越少）；虚线：全部合作伙伴；红色：明显低于整体。最差者在前。"
        "请对比其延迟订单占比与订单占比。",
    },
    "partners.col.partner": {"en": "Partner", "zh": "合作伙伴"},
    "partners.col.orders": {"en": "Orders", "zh": "订单数"},
    "partners.col.judged": {"en": "Judged", "zh": "可判定"},
    "partners.col.judged.help": {
        "en": "Delivered orders with a date to compare against.",
        "zh": "有可比较日期的已交付订单。",
    },
    "partners.col.rate": {"en": "On time", "zh": "准时率"},
    "partners.col.interval": {"en": "95% interval", "zh": "95% 区间"},
    "partners.col.late": {"en": "Late", "zh": "延迟"},
    "partners.col.order_share": {"en": "Of orders", "zh": "订单占比"},
    "partners.col.late_share": {"en": "Of late orders", "zh": "延迟占比"},
    "partners.col.transit": {"en": "Transit", "zh": "运输时间"},
    "partners.col.delivery": {"en": "Order → delivery", "zh": "下单→交付"},
    "partners.col.delivery.help": {
        "en": "Median time from order creation to the first Delivered event.",
        "zh": "从订单创建到第一个“已交付”事件的时间中位数。",
    },
    "partners.small": {"en": "Rates marked * rest on fewer than {n} orders.", "zh": "标 * 的比率基于少于 {n} 个订单。"},
    "partners.trend.hint": {
        "en": "On-time rate per month of delivery. Months with few deliveries swing widely.",
        "zh": "按交付月份统计的准时率。交付较少的月份波动较大。",
    },
    "partners.trend.month": {"en": "Month of delivery", "zh": "交付月份"},
    "partners.trend.rate": {"en": "On-time rate", "zh": "准时率"},
    "partners.download": {"en": "Download CSV", "zh": "下载 CSV"},
    "partners.none": {
        "en": "No order in the selection has been delivered with a date to compare against.",
        "zh": "所选订单中没有带可比较日期的已交付订单。",
    },
}
