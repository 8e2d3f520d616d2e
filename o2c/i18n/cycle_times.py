"""The Cycle times page."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "cycle_times.title": {"en": "Cycle times and bottlenecks", "zh": "周期时间与瓶颈"},
    "cycle_times.orders": {"en": "Orders", "zh": "订单数"},
    "cycle_times.median_e2e": {"en": "Median end-to-end", "zh": "端到端时长中位数"},
    "cycle_times.p90_e2e": {"en": "90th percentile", "zh": "90 分位"},
    "cycle_times.mean_e2e": {"en": "Mean", "zh": "平均值"},
    "cycle_times.e2e.help": {
        "en": "From the first to the last event of each order; open orders count up to their latest event.",
        "zh": "每张订单从第一个到最后一个事件的时长;未完成订单计至其最新事件。",
    },
    "cycle_times.distribution": {"en": "End-to-end time", "zh": "端到端时长分布"},
    "cycle_times.trend": {"en": "Trend", "zh": "趋势"},
    "cycle_times.period": {"en": "Period", "zh": "周期"},
    "cycle_times.period.week": {"en": "Week", "zh": "周"},
    "cycle_times.period.month": {"en": "Month", "zh": "月"},
    "cycle_times.trend.caption": {
        "en": "By the period the order was created. Recent orders may still be open, so their times are still growing.",
        "zh": "按订单创建所在周期统计。近期订单可能尚未完成,时长仍会增加。",
    },
    "cycle_times.end_to_end_in": {"en": "End-to-end time ({unit})", "zh": "端到端时长({unit})"},
    "cycle_times.in_unit": {"en": "Time ({unit})", "zh": "时长({unit})"},
    "cycle_times.median": {"en": "Median", "zh": "中位数"},
    "cycle_times.p90": {"en": "90th percentile", "zh": "90 分位"},
    "cycle_times.unit.h": {"en": "hours", "zh": "小时"},
    "cycle_times.unit.d": {"en": "days", "zh": "天"},
    "cycle_times.unit.h.short": {"en": "h", "zh": "小时"},
    "cycle_times.unit.d.short": {"en": "d", "zh": "天"},
    "cycle_times.split": {"en": "By order attribute", "zh": "按订单属性"},
    "cycle_times.split.by": {"en": "Split end-to-end time by", "zh": "端到端时长拆分依据"},
    "cycle_times.split.none": {"en": "The orders have no attribute to split by.", "zh": "订单没有可用于拆分的属性。"},
    "cycle_times.quantile_chart.caption": {
        "en": "Bar: median. Line: up to the 90th percentile.",
        "zh": "柱:中位数;线:延伸至 90 分位。",
    },
    "cycle_times.milestones": {"en": "Between milestones", "zh": "里程碑之间"},
    "cycle_times.milestones.pick": {"en": "Milestones, in order", "zh": "里程碑(按顺序)"},
    "cycle_times.milestones.placeholder": {"en": "Pick two or more activities", "zh": "选择两个或更多活动"},
    "cycle_times.milestones.caption": {
        "en": "Each segment runs from the first occurrence of the first milestone to the first occurrence of the next "
        "one after it, measured on the orders that have both.",
        "zh": "每段从前一个里程碑的首次出现,到其后下一个里程碑的首次出现;只统计两者都有的订单。",
    },
    "cycle_times.milestones.too_few": {"en": "Pick at least two milestones.", "zh": "请至少选择两个里程碑。"},
    "cycle_times.segment": {"en": "Segment", "zh": "区段"},
    "cycle_times.measured": {"en": "Orders measured", "zh": "统计订单数"},
    "cycle_times.measured.help": {
        "en": "Orders with both milestones, of the orders that reach the first one.",
        "zh": "同时具有两个里程碑的订单数 / 到达第一个里程碑的订单数。",
    },
    "cycle_times.measured.value": {"en": "{measured:,} of {total:,}", "zh": "{measured:,} / {total:,}"},
    "cycle_times.bottlenecks": {"en": "Bottlenecks", "zh": "瓶颈"},
    "cycle_times.bottlenecks.caption": {
        "en": "Steps from one activity to the next, ranked by the total waiting time they add over these orders. "
        "Select a row to see its slowest orders.",
        "zh": "相邻两个活动之间的步骤,按其在这些订单中累计的等待时间排序。选择一行查看最慢的订单。",
    },
    "cycle_times.bottlenecks.none": {
        "en": "These orders have no step from one activity to another.",
        "zh": "这些订单没有活动之间的步骤。",
    },
    "cycle_times.bottlenecks.pick": {"en": "Select a row to see its slowest orders.", "zh": "选择一行查看最慢的订单。"},
    "cycle_times.transition": {"en": "Step", "zh": "步骤"},
    "cycle_times.total_wait": {"en": "Total wait", "zh": "累计等待"},
    "cycle_times.share": {"en": "Share of all waiting", "zh": "占全部等待"},
    "cycle_times.count": {"en": "Times", "zh": "次数"},
    "cycle_times.slowest": {"en": "Slowest orders on {transition}", "zh": "{transition} 最慢的订单"},
    "cycle_times.slowest.pick": {
        "en": "Select an order to open it in the order explorer.",
        "zh": "选择一张订单,在订单查询中打开。",
    },
    "cycle_times.case_id": {"en": "Case id", "zh": "案例编号"},
    "cycle_times.order_number": {"en": "Order number", "zh": "订单编号"},
    "cycle_times.account": {"en": "Account", "zh": "客户"},
    "cycle_times.wait": {"en": "Wait", "zh": "等待"},
    "cycle_times.times": {"en": "Times", "zh": "次数"},
    "cycle_times.open_order": {"en": "Open order {order} in the order explorer", "zh": "在订单查询中打开订单 {order}"},
}
