"""The Root causes page."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "root_causes.title": {"en": "Root causes", "zh": "根因分析"},
    "root_causes.outcome.slow": {"en": "Slow end to end", "zh": "端到端过慢"},
    "root_causes.outcome.late_payment": {"en": "Late payment", "zh": "逾期付款"},
    "root_causes.outcome.late_delivery": {"en": "Late delivery", "zh": "延迟交付"},
    "root_causes.outcome.rework": {"en": "Rework", "zh": "返工"},
    "root_causes.outcome.rule": {"en": "Rule violation", "zh": "违反规则"},
    "root_causes.outcome.unpaid": {"en": "Unpaid", "zh": "未付款"},
    "root_causes.judged.slow": {"en": "paid orders", "zh": "已付款订单"},
    "root_causes.judged.late_payment": {"en": "paid orders", "zh": "已付款订单"},
    "root_causes.judged.late_delivery": {"en": "delivered orders", "zh": "已交付订单"},
    "root_causes.judged.rework": {"en": "orders", "zh": "订单"},
    "root_causes.judged.rule": {"en": "orders", "zh": "订单"},
    "root_causes.judged.unpaid": {"en": "orders not cancelled", "zh": "未取消订单"},
    "root_causes.judged.unpaid_due": {"en": "orders past their due date", "zh": "已过到期日的订单"},
    "root_causes.behaviour.repeated_credit_check": {"en": "Repeated credit check", "zh": "重复信用检查"},
    "root_causes.behaviour.changed_after_confirmation": {"en": "Changed after confirmation", "zh": "确认后变更"},
    "root_causes.behaviour.skipped_credit_check": {"en": "Skipped credit check", "zh": "跳过信用检查"},
    "root_causes.behaviour.many_people": {"en": "Handled by many people", "zh": "经手人过多"},
    "root_causes.evidence": {
        "en": "{outcome}: {rate_in:.0%} of {segment} ({outcomes:,} of {orders:,}) against {rate_out:.0%} of the other "
        "orders ({lift:.2f}×), about {extra:,.0f} extra orders.",
        "zh": "{outcome}：{segment} 中 {rate_in:.0%}（{orders:,} 个中的 {outcomes:,} 个），其他订单为"
        " {rate_out:.0%}（{lift:.2f}×），约多出 {extra:,.0f} 个订单。",
    },
    "root_causes.outcome": {"en": "Outcome", "zh": "结果"},
    "root_causes.slow.days": {"en": "Slower than (days)", "zh": "慢于（天）"},
    "root_causes.slow.placeholder": {"en": "slowest 25%", "zh": "最慢的 25%"},
    "root_causes.slow.name": {"en": "Slow end to end (over {limit})", "zh": "端到端过慢（超过 {limit}）"},
    "root_causes.pay.days": {"en": "Invoice to cash over (days)", "zh": "开票到收款超过（天）"},
    "root_causes.pay.placeholder": {"en": "after the due date", "zh": "晚于到期日"},
    "root_causes.pay.placeholder_days": {"en": "30 days", "zh": "30 天"},
    "root_causes.rule": {"en": "Rule", "zh": "规则"},
    "root_causes.rule.any": {"en": "Any rule", "zh": "任一规则"},
    "root_causes.unavailable": {"en": "Not available for this data: {items}.", "zh": "此数据无法分析：{items}。"},
    "root_causes.unavailable.item": {"en": "{outcome} (needs {missing})", "zh": "{outcome}（需要 {missing}）"},
    "root_causes.nothing": {
        "en": "This data has none of the outcomes this page analyses.",
        "zh": "此数据不含本页可分析的任何结果。",
    },
    "root_causes.headline": {
        "en": "**{outcome}: {positive:,} of {judged:,} {judged_label} ({rate:.1%})**",
        "zh": "**{outcome}：{judged:,} 个{judged_label}中有 {positive:,} 个（{rate:.1%}）**",
    },
    "root_causes.left_out": {
        "en": "{n:,} selected orders cannot be judged yet and are left out.",
        "zh": "{n:,} 个所选订单尚无法判断，已排除。",
    },
    "root_causes.associations": {
        "en": "These are associations, not proven causes: a segment can stand out because of something it shares with "
        "another one.",
        "zh": "以下只是关联，并非已证实的原因：某个分组突出，可能是因为它与另一分组有共同之处。",
    },
    "root_causes.no_contrast": {
        "en": "Every judged order has the same outcome: there is nothing to compare.",
        "zh": "所有可判断订单的结果相同，无从比较。",
    },
    "root_causes.tab.segments": {"en": "By order attribute", "zh": "按订单属性"},
    "root_causes.tab.behaviours": {"en": "Behaviours", "zh": "流程行为"},
    "root_causes.tab.orders": {"en": "Affected orders", "zh": "受影响订单"},
    "root_causes.segments.hint": {
        "en": "Ranked by extra orders: how many outcome orders a segment has beyond the rate of the other orders. "
        "Significant: the 95% interval, corrected for the {n} segments tested (Bonferroni), leaves out zero.",
        "zh": "按多出订单排序：分组中超出其他订单比率的结果订单数。显著：经 {n} 个分组多重检验校正（Bonferroni）的 "
        "95% 区间不含零。",
    },
    "root_causes.behaviours.hint": {
        "en": "A behaviour counts only if it happened before the invoice (before the delivery for late delivery), so "
        "consequences such as payment reminders are not causes.",
        "zh": "行为仅在开票前（延迟交付为交付前）发生时计入，因此付款提醒等后果不会被当作原因。",
    },
    "root_causes.behaviours.none": {
        "en": "This data shows none of the behaviours.",
        "zh": "此数据未显示任何流程行为。",
    },
    "root_causes.people": {"en": "Many people: more than", "zh": "经手人过多：多于"},
    "root_causes.people.help": {
        "en": "Distinct people who worked on the order before the cut-off. The default is the 75th percentile.",
        "zh": "截止点之前处理订单的不同人员数。默认为第 75 百分位数。",
    },
    "root_causes.interval": {"en": "{low} to {high} pts", "zh": "{low} 至 {high} 百分点"},
    "root_causes.status.significant": {"en": "✔ significant", "zh": "✔ 显著"},
    "root_causes.status.noise": {"en": "could be noise", "zh": "可能是噪声"},
    "root_causes.status.small": {"en": "too few orders", "zh": "订单过少"},
    "root_causes.col.segment": {"en": "Attribute", "zh": "属性"},
    "root_causes.col.behaviour": {"en": "Behaviour", "zh": "行为"},
    "root_causes.col.value": {"en": "Value", "zh": "值"},
    "root_causes.col.orders": {"en": "Orders", "zh": "订单"},
    "root_causes.col.rate_in": {"en": "Rate inside", "zh": "组内比率"},
    "root_causes.col.rate_out": {"en": "Rate outside", "zh": "组外比率"},
    "root_causes.col.lift": {"en": "Lift", "zh": "提升"},
    "root_causes.col.lift.help": {"en": "Rate inside ÷ rate outside.", "zh": "组内比率 ÷ 组外比率。"},
    "root_causes.col.extra_orders": {"en": "Extra orders", "zh": "多出订单"},
    "root_causes.col.extra_orders.help": {
        "en": "(Rate inside − rate outside) × orders.",
        "zh": "（组内比率 − 组外比率）× 订单数。",
    },
    "root_causes.col.extra_days": {"en": "Extra days", "zh": "多出天数"},
    "root_causes.col.extra_days.help": {
        "en": "Mean time inside minus outside (end to end; invoice to cash for late payment; order to delivery for "
        "late delivery).",
        "zh": "组内平均时间减组外平均时间（端到端；逾期付款为开票到收款；延迟交付为下单到交付）。",
    },
    "root_causes.col.interval": {"en": "Difference (95%)", "zh": "差异（95%）"},
    "root_causes.col.interval.help": {
        "en": "Newcombe interval of rate inside − rate outside, in percentage points, Bonferroni-corrected.",
        "zh": "组内比率 − 组外比率的 Newcombe 区间（百分点），已做 Bonferroni 校正。",
    },
    "root_causes.col.status": {"en": "Evidence", "zh": "证据"},
    "root_causes.col.also": {"en": "Same orders as", "zh": "订单相同于"},
    "root_causes.col.also.help": {
        "en": "Other attribute values with exactly these orders.",
        "zh": "订单完全相同的其他属性值。",
    },
    "root_causes.orders.pick": {"en": "Segment or behaviour", "zh": "分组或行为"},
    "root_causes.orders.count": {"en": "{n:,} orders with {outcome}", "zh": "{n:,} 个订单：{outcome}"},
    "root_causes.orders.download": {"en": "Download CSV", "zh": "下载 CSV"},
    "root_causes.col.explained": {"en": "Mostly from", "zh": "主要来自"},
    "root_causes.col.explained.help": {
        "en": "A narrower value inside the segment that explains it: without its orders, the segment's other orders "
        "keep at most half of its excess rate. In brackets: the share of the segment's extra orders it carries.",
        "zh": "分组内能解释该分组的更细取值:去掉这些订单后,分组其余订单的超出比率最多剩一半。括号内为其承担的多出订单"
        "比例。",
    },
    "root_causes.explained.value": {"en": "{segment} ({share:.0%})", "zh": "{segment}({share:.0%})"},
}
