"""The What-if page."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "what_if.title": {"en": "What-if", "zh": "假设分析"},
    "what_if.kind": {"en": "Scenario", "zh": "情景"},
    "what_if.kind.remove_rework": {"en": "Remove the rework on an activity", "zh": "消除某活动的返工"},
    "what_if.kind.cut_wait": {"en": "Cut the wait on a transition", "zh": "缩短某转换的等待时间"},
    "what_if.kind.automate": {"en": "Automate an activity", "zh": "自动化某活动"},
    "what_if.activity": {"en": "Activity", "zh": "活动"},
    "what_if.transition": {"en": "Transition (most waiting first)", "zh": "转换（等待时间最多的在前）"},
    "what_if.percent": {"en": "Cut the wait by (%)", "zh": "等待时间缩短（%）"},
    "what_if.nothing": {
        "en": "Nothing to change for this scenario in the selected orders.",
        "zh": "在所选订单中，此情景没有可改变的内容。",
    },
    "what_if.assume.remove_rework": {
        "en": "Assumption: where {activity} happens more than once in an order, the time from its first to its last "
        "execution disappears, later steps move earlier by as much, and the repeated executions are not paid "
        "for.",
        "zh": "假设：当 {activity} 在订单中出现多次时，从第一次到最后一次执行之间的时间消失，后续步骤相应提前，重复执"
        "行的成本不再产生。",
    },
    "what_if.assume.cut_wait": {
        "en": "Assumption: every wait from {source} directly to {target} becomes {percent:g}% shorter, and the later "
        "steps of the order move earlier by the time saved.",
        "zh": "假设：从 {source} 直接到 {target} 的每次等待缩短 {percent:g}%，订单后续步骤相应提前。",
    },
    "what_if.assume.automate": {
        "en": "Assumption: {activity} then costs {share:.0%} of today's cost and happens at most {hours:g} hour after "
        "the step before it; later steps move earlier by the time saved.",
        "zh": "假设：{activity} 的成本降为现在的 {share:.0%}，并在前一步骤后最多 {hours:g} 小时内完成；后续步骤相应提"
        "前。",
    },
    "what_if.assume.automate_external": {
        "en": "Assumption: {activity} then costs {share:.0%} of today's cost. It waits on customers or carriers, so "
        "the time before it stays as it is.",
        "zh": "假设：{activity} 的成本降为现在的 {share:.0%}。该步骤取决于客户或承运商，因此之前的等待时间不变。",
    },
    "what_if.median": {"en": "End-to-end (median)", "zh": "端到端（中位数）"},
    "what_if.p90": {"en": "End-to-end (90th percentile)", "zh": "端到端（第 90 百分位）"},
    "what_if.i2c": {"en": "Invoice to cash (median)", "zh": "开票到收款（中位数）"},
    "what_if.cost": {"en": "Cost per order (mean)", "zh": "每单成本（平均）"},
    "what_if.total": {"en": "Total cost", "zh": "总成本"},
    "what_if.affected": {"en": "Orders affected", "zh": "受影响订单"},
    "what_if.affected.help": {
        "en": "Orders whose timeline or cost changes. Their median end-to-end time: {before} → {after}.",
        "zh": "时间线或成本发生变化的订单。其端到端时间中位数：{before} → {after}。",
    },
    "what_if.metrics.caption": {
        "en": "Big numbers are after the change, computed on the actual selected orders; the small ones are the "
        "change against today. End-to-end runs from creation to the first payment (paid orders).",
        "zh": "大数字为变化后的结果（基于实际所选订单计算），小数字为与现状相比的变化。端到端指从创建到首次付款（已付"
        "款订单）。",
    },
    "what_if.table": {"en": "Before and after", "zh": "变化前后"},
    "what_if.col.measure": {"en": "Measure", "zh": "指标"},
    "what_if.col.before": {"en": "Before", "zh": "变化前"},
    "what_if.col.after": {"en": "After", "zh": "变化后"},
    "what_if.col.change": {"en": "Change", "zh": "变化"},
    "what_if.affected_median": {"en": "End-to-end of affected orders (median)", "zh": "受影响订单端到端（中位数）"},
}
