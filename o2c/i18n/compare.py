"""The Compare page."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "compare.title": {"en": "Compare two groups of orders", "zh": "对比两组订单"},
    "compare.preset": {"en": "Compare", "zh": "对比方式"},
    "compare.preset.value": {"en": "Value vs rest", "zh": "取值 vs 其余"},
    "compare.preset.month": {"en": "Month vs previous", "zh": "月 vs 前一月"},
    "compare.preset.quarter": {"en": "Quarter vs previous", "zh": "季度 vs 前一季度"},
    "compare.preset.custom": {"en": "Custom", "zh": "自定义"},
    "compare.points": {"en": "{value} pts", "zh": "{value} 个百分点"},
    "compare.attribute": {"en": "Order attribute", "zh": "订单属性"},
    "compare.value": {"en": "Value", "zh": "取值"},
    "compare.period.help": {
        "en": "The latest period whose orders had time to finish (the 90th-percentile end-to-end time has passed "
        "since it ended), against the one before. Orders belong to the period they were created in.",
        "zh": "最近一个订单已有足够时间完成的期间(期末以来已超过端到端时间的 90 分位),与其前一期间对比。订单按创建日"
        "期归入期间。",
    },
    "compare.period.none": {
        "en": "The selected orders do not span two such periods.",
        "zh": "所选订单不足两个这样的期间。",
    },
    "compare.group.button": {"en": "{group}: {name}", "zh": "{group}:{name}"},
    "compare.b.kind": {"en": "Group B is", "zh": "B 组为"},
    "compare.b.rest": {"en": "All other orders", "zh": "其余全部订单"},
    "compare.b.all": {"en": "All orders", "zh": "全部订单"},
    "compare.b.filter": {"en": "Orders matching filters", "zh": "符合筛选条件的订单"},
    "compare.variants.pick": {"en": "Variants", "zh": "变体"},
    "compare.variant.option": {"en": "#{rank} · {share} · {steps} steps", "zh": "#{rank} · {share} · {steps} 步"},
    "compare.groups": {
        "en": "**A** {a}: {n_a:,} orders · **B** {b}: {n_b:,} orders. The sidebar filters apply to both groups.",
        "zh": "**A** {a}:{n_a:,} 个订单 · **B** {b}:{n_b:,} 个订单。侧边栏筛选同时作用于两组。",
    },
    "compare.overlap": {"en": "{n:,} orders are in both groups.", "zh": "{n:,} 个订单同时属于两组。"},
    "compare.small": {
        "en": "A group has fewer than {n} orders: differences are hard to tell from noise.",
        "zh": "有一组订单少于 {n} 个:差异难以与随机波动区分。",
    },
    "compare.empty": {
        "en": "Group {group} has no orders. Change its definition or the sidebar filters.",
        "zh": "{group} 组没有订单。请修改分组定义或侧边栏筛选。",
    },
    "compare.name.rest": {"en": "other", "zh": "其他"},
    "compare.name.all": {"en": "all", "zh": "全部"},
    "compare.name.variants": {"en": "{n} variants", "zh": "{n} 个变体"},
    "compare.name.variant": {"en": "1 variant", "zh": "1 个变体"},
    "compare.summary": {"en": "Biggest differences", "zh": "最大差异"},
    "compare.summary.none": {
        "en": "No difference between the groups is larger than noise.",
        "zh": "两组之间没有超出随机波动的差异。",
    },
    "compare.evidence": {"en": "details", "zh": "详情"},
    "compare.diff.duration": {
        "en": "{a_name} orders take {a} end to end (median), {b_name} orders {b}.",
        "zh": "{a_name}订单端到端耗时中位数为 {a},{b_name}订单为 {b}。",
    },
    "compare.diff.invoice_to_cash": {
        "en": "From invoice to payment, {a_name} orders take {a} (median), {b_name} orders {b}.",
        "zh": "从开票到收款,{a_name}订单耗时中位数为 {a},{b_name}订单为 {b}。",
    },
    "compare.diff.path_wait": {
        "en": "{a_name} orders wait {a} on {subject} (median), {b_name} orders {b}.",
        "zh": "{a_name}订单在 {subject} 的等待时间中位数为 {a},{b_name}订单为 {b}。",
    },
    "compare.diff.path_share": {
        "en": "{subject} is taken by {a} of {a_name} orders and {b} of {b_name} orders.",
        "zh": "{a} 的{a_name}订单经过 {subject},{b_name}订单为 {b}。",
    },
    "compare.diff.variant": {
        "en": "Variant {subject} is the path of {a} of {a_name} orders and {b} of {b_name} orders.",
        "zh": "变体 {subject} 占{a_name}订单的 {a},占{b_name}订单的 {b}。",
    },
    "compare.diff.rework": {
        "en": "{subject} is repeated in {a} of {a_name} orders and {b} of {b_name} orders.",
        "zh": "{subject} 在 {a} 的{a_name}订单中重复,{b_name}订单为 {b}。",
    },
    "compare.diff.rework_rate": {
        "en": "{a} of {a_name} orders have rework, {b} of {b_name} orders.",
        "zh": "{a} 的{a_name}订单存在返工,{b_name}订单为 {b}。",
    },
    "compare.diff.on_time": {
        "en": "{a} of {a_name} orders were delivered on time, {b} of {b_name} orders.",
        "zh": "{a} 的{a_name}订单按时交付,{b_name}订单为 {b}。",
    },
    "compare.kpis": {"en": "Key figures", "zh": "关键指标"},
    "compare.kpi.orders": {"en": "Orders", "zh": "订单数"},
    "compare.kpi.median": {"en": "End to end, median", "zh": "端到端耗时中位数"},
    "compare.kpi.p90": {"en": "End to end, 90th percentile", "zh": "端到端耗时 90 分位"},
    "compare.kpi.invoice_to_cash": {"en": "Invoice to cash, median", "zh": "开票到收款中位数"},
    "compare.kpi.rework_rate": {"en": "Rework rate", "zh": "返工率"},
    "compare.kpi.on_time": {"en": "On-time delivery", "zh": "按时交付率"},
    "compare.kpi.adherence": {"en": "Adherence to the rules", "zh": "规则遵从率"},
    "compare.kpi.adherence.help": {
        "en": "Adherence: the share of orders that break none of the rules of the Conformance page (as edited there).",
        "zh": "规则遵从率:未违反“合规检查”页任何规则(含您的修改)的订单占比。",
    },
    "compare.note.rules": {
        "en": "{kpi}: none of the rules can be checked on this data.",
        "zh": "{kpi}:这些数据无法检查任何规则。",
    },
    "compare.diff.adherence": {
        "en": "{a} of {a_name} orders break none of the rules, {b} of {b_name} orders.",
        "zh": "{a} 的{a_name}订单未违反任何规则,{b_name}订单为 {b}。",
    },
    "compare.note.activity": {
        "en": "{kpi}: the data has no “{name}” activity.",
        "zh": "{kpi}:数据中没有“{name}”活动。",
    },
    "compare.note.column": {"en": "{kpi}: needs the order column {name}.", "zh": "{kpi}:需要订单列 {name}。"},
    "compare.col.measure": {"en": "Measure", "zh": "指标"},
    "compare.col.difference": {"en": "A − B", "zh": "A − B"},
    "compare.col.interval": {"en": "95% interval", "zh": "95% 区间"},
    "compare.col.interval.help": {
        "en": "Rates: Newcombe's interval. Median and 90th percentile: standard errors from order statistics (no "
        "distribution assumed).",
        "zh": "比率:Newcombe 区间。中位数与 90 分位:基于次序统计量的标准误(不假设分布)。",
    },
    "compare.col.noise": {"en": "More than noise?", "zh": "超出随机波动?"},
    "compare.col.noise.help": {
        "en": "Yes when the 95% interval of the difference leaves out zero. In the lists below the intervals are "
        "widened for the number of rows (Bonferroni).",
        "zh": "差异的 95% 区间不含零时为“是”。下方各列表按行数放宽区间(Bonferroni 校正)。",
    },
    "compare.yes": {"en": "yes", "zh": "是"},
    "compare.no": {"en": "no", "zh": "否"},
    "compare.map": {"en": "Difference map", "zh": "差异流程图"},
    "compare.map.legend.frequency": {
        "en": "Labels: share of orders in A · in B. Orange: more often in A, blue: more often in B (deeper: bigger "
        "difference); grey: within noise.",
        "zh": "标签:A 组 · B 组订单占比。橙色:A 组更常见;蓝色:B 组更常见(颜色越深差异越大);灰色:在随机波动范围内。",
    },
    "compare.map.legend.performance": {
        "en": "Labels: median wait in A · in B. Orange: slower in A, blue: slower in B (deeper: bigger ratio); grey: "
        "within noise.",
        "zh": "标签:A 组 · B 组等待时间中位数。橙色:A 组更慢;蓝色:B 组更慢(颜色越深倍数越大);灰色:在随机波动范围内。",
    },
    "compare.map.tip.node": {
        "en": "{name}\n{a_name}: {a:,} orders ({a_share}) · {b_name}: {b:,} orders ({b_share})",
        "zh": "{name}\n{a_name}:{a:,} 个订单({a_share})· {b_name}:{b:,} 个订单({b_share})",
    },
    "compare.map.tip.edge": {
        "en": "{source} → {target}\n{a_name}: {a:,} orders ({a_share}) · {b_name}: {b:,} orders ({b_share})",
        "zh": "{source} → {target}\n{a_name}:{a:,} 个订单({a_share})· {b_name}:{b:,} 个订单({b_share})",
    },
    "compare.map.tip.wait": {
        "en": "Median wait: {a_name} {a} · {b_name} {b}",
        "zh": "等待时间中位数:{a_name} {a} · {b_name} {b}",
    },
    "compare.paths": {"en": "Paths", "zh": "路径"},
    "compare.paths.hint": {
        "en": "Share of each group's orders taking the path, and the median wait on it; biggest differences first.",
        "zh": "各组经过该路径的订单占比及其等待时间中位数;差异最大的排在前面。",
    },
    "compare.col.path": {"en": "Path", "zh": "路径"},
    "compare.col.share_a": {"en": "A orders", "zh": "A 组订单"},
    "compare.col.share_b": {"en": "B orders", "zh": "B 组订单"},
    "compare.col.points": {"en": "A − B (points)", "zh": "A − B(百分点)"},
    "compare.col.wait_a": {"en": "A median wait", "zh": "A 等待中位数"},
    "compare.col.wait_b": {"en": "B median wait", "zh": "B 等待中位数"},
    "compare.col.wait_noise": {"en": "Wait differs?", "zh": "等待有差异?"},
    "compare.col.wait_noise.help": {
        "en": "Mann-Whitney U test of the waits at the 5% level, corrected for the number of paths tested (Bonferroni)"
        ".",
        "zh": "对等待时间做 Mann-Whitney U 检验(5% 水平,按检验路径数做 Bonferroni 校正)。",
    },
    "compare.variants": {"en": "Variants", "zh": "变体"},
    "compare.variants.hint": {
        "en": "Share of each group's orders following the variant; # ranks the variants by the orders of both groups.",
        "zh": "各组中遵循该变体的订单占比;# 按两组订单总数排名。",
    },
    "compare.col.only": {"en": "Only in", "zh": "仅出现于"},
    "compare.rework": {"en": "Rework per activity", "zh": "各活动返工"},
    "compare.rework.hint": {
        "en": "Share of each group's orders in which the activity is repeated.",
        "zh": "各组中该活动重复发生的订单占比。",
    },
    "compare.rework.none": {"en": "No activity is repeated in either group.", "zh": "两组中都没有重复的活动。"},
    "compare.col.activity": {"en": "Activity", "zh": "活动"},
    "compare.more_rows": {
        "en": "The {shown} rows with the biggest differences of {total}.",
        "zh": "显示差异最大的 {shown} 行(共 {total} 行)。",
    },
}
