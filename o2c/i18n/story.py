"""The Overview's story: the six outcomes and the five findings (o2c/monitor/story.py, pages/overview.py)."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    # the six outcomes
    "story.outcomes": {"en": "The six outcomes", "zh": "六项典型成果"},
    "story.outcome.end_to_end_median": {"en": "End-to-end time", "zh": "端到端用时"},
    "story.outcome.invoice_to_cash": {"en": "Invoice to cash", "zh": "开票到收款"},
    "story.outcome.rework_rate": {"en": "Rework", "zh": "返工"},
    "story.outcome.on_time_delivery_rate": {"en": "On-time delivery", "zh": "准时交付"},
    "story.outcome.adherence_rate": {"en": "Standard process", "zh": "遵循标准流程"},
    "story.outcome.cost_per_order": {"en": "Cost per order", "zh": "单笔订单成本"},
    "story.means.end_to_end_median": {
        "en": "Half of the paid orders went from creation to cash in {value} or less.",
        "zh": "一半已收款订单从创建到收款用时不超过 {value}。",
    },
    "story.means.invoice_to_cash": {
        "en": "Half of the invoices were paid within {value}.",
        "zh": "一半发票在 {value} 内收回货款。",
    },
    "story.means.rework_rate": {
        "en": "{value} of the orders repeat a step.",
        "zh": "{value} 的订单重复执行了某个步骤。",
    },
    "story.means.on_time_delivery_rate": {
        "en": "{value} of the delivered orders arrived by the date the customer asked for.",
        "zh": "{value} 的已交付订单在客户要求的日期前送达。",
    },
    "story.means.adherence_rate": {
        "en": "{value} of the orders keep every applicable rule.",
        "zh": "{value} 的订单遵守了所有适用规则。",
    },
    "story.means.cost_per_order": {
        "en": "Each order costs {value} of work on average (from the cost table).",
        "zh": "每张订单平均耗费 {value} 的人工(按成本表计算)。",
    },
    "story.not_applicable": {"en": "not applicable, {why}", "zh": "不适用,{why}"},
    "story.not_applicable.short": {"en": "not applicable (see why)", "zh": "不适用(查看原因)"},
    "story.compared": {
        "en": "Values: the {orders:,} selected orders. Change: orders from {current} against {baseline} "
        "({now:,} against {then:,} orders); green is better.",
        "zh": "数值:所选 {orders:,} 张订单。变化:{current} 的订单对比 {baseline}"
        "({now:,} 对 {then:,} 张订单);绿色表示变好。",
    },
    "story.too_few": {
        "en": "No change is shown: {now:,} against {then:,} orders is too few to tell a change from chance (it needs "
        "{needed} in each period). Widen the selection or pick another baseline.",
        "zh": "不显示变化:{now:,} 对 {then:,} 张订单太少,无法区分变化与偶然(每个时段需要 {needed} 张)。"
        "请扩大选择范围或选择其他基准。",
    },
    "story.still_open": {
        "en": "{share:.0%} of the orders from {current} are still open: their times and rates will still change.",
        "zh": "{current} 的订单中有 {share:.0%} 尚未完成:其用时和比率仍会变化。",
    },
    "story.baseline": {"en": "Compare with", "zh": "对比基准"},
    "story.baseline.previous": {"en": "previous period of equal length", "zh": "等长的上一期间"},
    "story.baseline.year": {"en": "same period a year earlier", "zh": "去年同期"},
    "story.baseline.custom": {"en": "dates I pick", "zh": "自选日期"},
    "story.baseline.dates": {"en": "Baseline dates", "zh": "基准日期"},
    "story.range": {"en": "{start} – {end}", "zh": "{start} 至 {end}"},
    # the findings
    "story.findings": {"en": "What we found", "zh": "我们的发现"},
    "story.findings.none": {
        "en": "The data supports none of the five findings.",
        "zh": "数据不足以支持五项发现中的任何一项。",
    },
    "story.evidence": {"en": "Show the evidence", "zh": "查看证据"},
    "story.left_out": {"en": "Left out: {kinds}", "zh": "未列出:{kinds}"},
    "story.kind.bottleneck": {"en": "Biggest bottleneck", "zh": "最大瓶颈"},
    "story.kind.late_payment": {"en": "Why payments come late", "zh": "付款延迟的原因"},
    "story.kind.rule": {"en": "Most broken rule", "zh": "违反最多的规则"},
    "story.kind.rework": {"en": "Rework hotspot", "zh": "返工热点"},
    "story.kind.automation": {"en": "Top automation candidate", "zh": "首要自动化候选"},
    "story.bottleneck.headline": {
        "en": "Orders wait between {source} and {target}",
        "zh": "订单卡在 {source} 与 {target} 之间",
    },
    "story.bottleneck.text": {
        "en": "The median wait is {median}; {orders:,} orders wait longer, {days:,.0f} order-days in all beyond it.",
        "zh": "等待中位数为 {median};{orders:,} 张订单等得更久,超出部分合计 {days:,.0f} 订单·天。",
    },
    "story.bottleneck.segment": {
        "en": "Orders with {segment} wait {wait} there (median), the others {rest}.",
        "zh": "{segment} 的订单在此等待 {wait}(中位数),其他订单 {rest}。",
    },
    "story.late_payment.headline": {"en": "Late payment goes with {cause}", "zh": "付款延迟集中在 {cause}"},
    "story.late_payment.accounts": {"en": "Most of them: {accounts}.", "zh": "主要来自:{accounts}。"},
    "story.rule.headline": {"en": "“{rule}” is broken most often", "zh": "规则“{rule}”被违反最多"},
    "story.rule.text": {
        "en": "{orders:,} orders ({share:.0%}) break it (severity {severity}).",
        "zh": "{orders:,} 张订单({share:.0%})违反该规则(严重程度:{severity})。",
    },
    "story.segment": {
        "en": "{rate_in:.0%} of the orders with {segment} do, against {rate_out:.0%} of the others.",
        "zh": "{segment} 的订单中 {rate_in:.0%} 如此,其他订单为 {rate_out:.0%}。",
    },
    "story.rework.headline": {"en": "{activity} is done again and again", "zh": "{activity} 反复执行"},
    "story.rework.text": {
        "en": "Repeated in {orders:,} orders ({share:.0%}), {extra:,} extra executions; these orders take {longer} "
        "longer end to end (median).",
        "zh": "{orders:,} 张订单({share:.0%})重复执行,多出 {extra:,} 次;这些订单端到端多用 {longer}(中位数)。",
    },
    "story.automation.headline": {"en": "Automate {activity}", "zh": "自动化 {activity}"},
    # why a finding is left out
    "story.left_out.no_orders": {"en": "no orders are selected", "zh": "未选中任何订单"},
    "story.left_out.bottleneck": {
        "en": "no step waits longer than its median",
        "zh": "没有哪一步的等待超过其中位数",
    },
    "story.left_out.bottleneck_external": {
        "en": "the longest waits are for customers or carriers, not for our own steps",
        "zh": "最长的等待来自客户或承运商,而非我们自己的步骤",
    },
    "story.left_out.needs": {"en": "needs {what}", "zh": "需要 {what}"},
    "story.left_out.late_payment_none": {
        "en": "no group of orders is paid late significantly more often than the others",
        "zh": "没有哪组订单的逾期付款明显多于其他订单",
    },
    "story.left_out.rule_none": {"en": "no order breaks an applicable rule", "zh": "没有订单违反适用规则"},
    "story.left_out.rework": {"en": "no order repeats a step", "zh": "没有订单重复执行步骤"},
    "story.left_out.automation": {
        "en": "no step is done by people often enough to be a candidate",
        "zh": "没有足够多由人工执行的步骤可作为候选",
    },
    "story.left_out.automation_resource": {
        "en": "needs the resource column (who did each step)",
        "zh": "需要 resource 列(每一步由谁执行)",
    },
}
