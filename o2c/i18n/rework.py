"""The Rework page."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "rework.title": {"en": "Rework", "zh": "返工"},
    "rework.rate": {"en": "Orders with a repeated activity", "zh": "有重复活动的订单"},
    "rework.rate.help": {
        "en": "Orders in which at least one activity happens more than once.",
        "zh": "至少有一个活动发生超过一次的订单。",
    },
    "rework.rate_checks": {"en": "Including repeated checks", "zh": "含重复检查"},
    "rework.rate_checks.help": {
        "en": "Also counts a check done again with another outcome: {families}.",
        "zh": "同时计入以不同结果再次执行的检查:{families}。",
    },
    "rework.median": {"en": "Median end-to-end with rework", "zh": "有返工订单的端到端时长中位数"},
    "rework.median.delta": {"en": "{diff} vs without", "zh": "比无返工订单 {diff}"},
    "rework.median.help": {
        "en": "Orders with a repeated activity compared with the other orders.",
        "zh": "有重复活动的订单与其他订单的比较。",
    },
    "rework.none": {
        "en": "No rework in these orders: every activity happens at most once per order.",
        "zh": "这些订单没有返工:每个活动在每张订单中最多发生一次。",
    },
    "rework.tab.activity": {"en": "By activity", "zh": "按活动"},
    "rework.tab.loops": {"en": "Loops", "zh": "循环"},
    "rework.tab.orders": {"en": "Affected orders", "zh": "受影响订单"},
    "rework.activity.hint": {
        "en": "Every execution after the first in an order is a repetition: a repeat when the person of the first "
        "execution does it again, a redo when someone else does.",
        "zh": "订单中首次之后的每次执行都算一次重复:由首次执行者再次执行为“重复”,由他人执行为“重做”。",
    },
    "rework.no_resource": {
        "en": "The data has no resource column, so repeats and redos cannot be told apart.",
        "zh": "数据中没有执行人列,无法区分“重复”与“重做”。",
    },
    "rework.col.activity": {"en": "Activity", "zh": "活动"},
    "rework.col.orders": {"en": "Orders", "zh": "订单数"},
    "rework.col.orders.help": {
        "en": "Orders in which the activity happens more than once.",
        "zh": "该活动发生超过一次的订单数。",
    },
    "rework.col.share": {"en": "Share", "zh": "占比"},
    "rework.col.extra": {"en": "Extra", "zh": "额外执行"},
    "rework.col.extra.help": {"en": "Executions beyond the first one per order.", "zh": "每张订单首次之后的执行次数。"},
    "rework.col.repeat": {"en": "Repeats", "zh": "重复"},
    "rework.col.repeat.help": {
        "en": "Repetitions by the person who did the first execution.",
        "zh": "由首次执行者进行的重复执行。",
    },
    "rework.col.orders_repeat": {"en": "Repeat orders", "zh": "有重复的订单"},
    "rework.col.redo": {"en": "Redos", "zh": "重做"},
    "rework.col.redo.help": {
        "en": "Repetitions by someone else than the first execution's person.",
        "zh": "由首次执行者以外的人进行的重复执行。",
    },
    "rework.col.orders_redo": {"en": "Redo orders", "zh": "有重做的订单"},
    "rework.col.median_with": {"en": "Median with", "zh": "有返工中位数"},
    "rework.col.median_without": {"en": "Median without", "zh": "无返工中位数"},
    "rework.col.median.help": {
        "en": "Median end-to-end time of the orders with this repetition, and of the others.",
        "zh": "有此重复的订单与其他订单的端到端时长中位数。",
    },
    "rework.loops.hint": {
        "en": "Self-loop: the activity again right after itself (A → A). Back-loop: again after other steps (A → … → "
        "A). Ping-pong: A → B → A.",
        "zh": "自循环:活动紧接着再次发生(A → A)。回环:经过其他步骤后再次发生(A → … → A)。乒乓:A → B → A。",
    },
    "rework.loops.per_activity": {"en": "Self-loops and back-loops", "zh": "自循环与回环"},
    "rework.col.self_loops": {"en": "Self-loops", "zh": "自循环"},
    "rework.col.orders_self_loop": {"en": "Orders with self-loop", "zh": "有自循环的订单"},
    "rework.col.back_loops": {"en": "Back-loops", "zh": "回环"},
    "rework.col.orders_back_loop": {"en": "Orders with back-loop", "zh": "有回环的订单"},
    "rework.pingpong": {"en": "Ping-pong", "zh": "乒乓"},
    "rework.pingpong.none": {"en": "No ping-pong in these orders.", "zh": "这些订单中没有乒乓。"},
    "rework.col.pattern": {"en": "Pattern", "zh": "模式"},
    "rework.col.occurrences": {"en": "Occurrences", "zh": "发生次数"},
    "rework.orders.filter": {"en": "Rework in", "zh": "返工所在"},
    "rework.orders.any": {"en": "any activity", "zh": "任意活动"},
    "rework.orders.count": {"en": "{n:,} orders", "zh": "{n:,} 张订单"},
    "rework.orders.truncated": {
        "en": "Showing the first {shown:,} of {total:,} orders; the CSV has all of them.",
        "zh": "显示前 {shown:,} 张订单(共 {total:,} 张);CSV 包含全部。",
    },
    "rework.orders.download": {"en": "Download orders (CSV)", "zh": "下载订单 (CSV)"},
    "rework.col.case_id": {"en": "Order", "zh": "订单"},
    "rework.col.order_number": {"en": "Order number", "zh": "订单编号"},
    "rework.col.account_name": {"en": "Account", "zh": "客户"},
    "rework.col.rework": {"en": "Rework found", "zh": "发现的返工"},
}
