"""The Improvement backlog page."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "backlog.kind.bottleneck": {"en": "Bottleneck", "zh": "瓶颈"},
    "backlog.kind.rework": {"en": "Rework", "zh": "返工"},
    "backlog.kind.rule": {"en": "Rule violations", "zh": "规则违规"},
    "backlog.kind.root_cause": {"en": "Root cause", "zh": "根因"},
    "backlog.kind.automation": {"en": "Automation", "zh": "自动化"},
    "backlog.bottleneck.title": {"en": "Shorten the wait {source} → {target}", "zh": "缩短 {source} → {target} 的等待"},
    "backlog.bottleneck.evidence": {
        "en": "{steps:,} steps, median wait {median}; {slow:,} orders wait longer than the median, {excess:,.0f} "
        "order-days in all beyond it.",
        "zh": "共 {steps:,} 次,等待中位数 {median};{slow:,} 个订单等待超过中位数,超出部分合计 {excess:,.0f} 订单·天。",
    },
    "backlog.rework.title": {"en": "Stop the rework on {activity}", "zh": "消除 {activity} 的返工"},
    "backlog.rework.evidence": {
        "en": "Repeats in {orders:,} orders ({share:.1%}), {extra:,} extra executions; these orders take {longer} "
        "longer end to end (median).",
        "zh": "在 {orders:,} 个订单({share:.1%})中重复,额外执行 {extra:,} 次;这些订单端到端时间长 {longer}(中位数)。",
    },
    "backlog.rule.title": {"en": "Enforce “{rule}”", "zh": "落实规则“{rule}”"},
    "backlog.rule.evidence": {
        "en": "{orders:,} orders ({share:.1%}) break it (severity {severity}); they take {longer} longer end to end "
        "than orders that break no rule (median).",
        "zh": "{orders:,} 个订单({share:.1%})违反此规则(严重程度 {severity});其端到端时间比无违规订单长 {longer}(中位"
        "数)。",
    },
    "backlog.title": {"en": "Improvement backlog", "zh": "改进清单"},
    "backlog.none": {
        "en": "No improvement opportunity stands out in the selected orders.",
        "zh": "所选订单中没有明显的改进机会。",
    },
    "backlog.intro": {
        "en": "Opportunities from the bottleneck, rework, conformance, root-cause and automation analyses, ranked by "
        "priority: the order-days and money each could save. Estimates overlap (one long wait can show up as a "
        "bottleneck, a broken rule and a root cause), so do not add them up; time gains of rules and rework are "
        "associations.",
        "zh": "来自瓶颈、返工、合规、根因和自动化分析的改进机会,按优先级(可节省的订单·天和成本)排序。各项估算会重叠"
        "(同一段长时间等待可能同时表现为瓶颈、规则违规和根因),请勿相加;规则和返工的时间收益是相关性,而非因果。",
    },
    "backlog.kinds": {"en": "Show", "zh": "显示"},
    "backlog.count": {"en": "Opportunities", "zh": "改进机会"},
    "backlog.orders": {"en": "Orders affected", "zh": "受影响订单"},
    "backlog.orders.help": {
        "en": "Orders affected by at least one shown opportunity: {share:.1%} of the selected orders.",
        "zh": "至少受一项所示机会影响的订单:占所选订单的 {share:.1%}。",
    },
    "backlog.col.priority": {"en": "Priority", "zh": "优先级"},
    "backlog.col.priority.help": {
        "en": "The opportunity's share of all estimated order-days plus its share of all estimated savings, time and "
        "money weighted equally; the column adds up to 100.",
        "zh": "该机会占全部预计订单·天的比例与占全部预计节省成本的比例之和(时间与金额各占一半);本列合计为 100。",
    },
    "backlog.col.kind": {"en": "Kind", "zh": "类型"},
    "backlog.col.title": {"en": "Opportunity", "zh": "改进机会"},
    "backlog.col.evidence": {"en": "Evidence", "zh": "依据"},
    "backlog.col.orders": {"en": "Orders", "zh": "订单数"},
    "backlog.col.gain_days": {"en": "Gain (order-days)", "zh": "收益(订单·天)"},
    "backlog.col.gain_days.help": {
        "en": "Estimated days saved, summed over the affected orders (how: see the evidence).",
        "zh": "预计节省的天数,按受影响订单求和(计算方式见依据)。",
    },
    "backlog.col.gain_cost": {"en": "Gain ({currency})", "zh": "收益({currency})"},
    "backlog.col.gain_cost.help": {
        "en": "Estimated cost saved with the cost table of the Automation & cost page.",
        "zh": "按“自动化与成本”页的成本表估算的节省成本。",
    },
    "backlog.orders.title": {"en": "Affected orders", "zh": "受影响订单"},
    "backlog.pick": {"en": "Opportunity", "zh": "改进机会"},
    "backlog.orders.hint": {
        "en": "{orders:,} orders. The Id column is the Salesforce Order Id: paste it into a list view filter or use "
        "the file with Data Loader.",
        "zh": "{orders:,} 个订单。Id 列为 Salesforce 订单 Id:可粘贴到列表视图筛选条件,或用于 Data Loader。",
    },
    "backlog.download.csv": {"en": "Download orders (CSV)", "zh": "下载订单(CSV)"},
    "backlog.download.xlsx": {"en": "Download orders (Excel)", "zh": "下载订单(Excel)"},
    "backlog.root_cause.title": {"en": "{outcome}: look into {cause}", "zh": "{outcome}:排查 {cause}"},
    "backlog.root_cause.evidence": {
        "en": "{evidence} Its orders take {days:.1f} d longer on average (an association, not a proven cause).",
        "zh": "{evidence} 其订单平均多用 {days:.1f} 天(相关性,并非已证实的原因)。",
    },
    "backlog.automation.title": {"en": "Automate {activity}", "zh": "自动化 {activity}"},
    "backlog.automation.evidence": {
        "en": "{people}{role}{after}; about {hours:,.0f} h of manual work. Assumed when automated: {cost_share:.0%} of "
        "today's cost, at most {wait} of waiting before it.",
        "zh": "{people}{role}{after};约 {hours:,.0f} 小时人工。假设自动化后:成本为现在的 {cost_share:.0%},之前的等待不"
        "超过 {wait}。",
    },
    "backlog.automation.people": {
        "en": "{person:.0%} of {executions:,} executions are done by people",
        "zh": "{executions:,} 次执行中 {person:.0%} 由人工完成",
    },
    "backlog.automation.role": {"en": " (mostly {role})", "zh": "(主要为 {role})"},
    "backlog.automation.after": {
        "en": ", {share:.0%} right after {predecessor}",
        "zh": ",{share:.0%} 紧接在 {predecessor} 之后",
    },
}
