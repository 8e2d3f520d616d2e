"""The HTML and Excel reports."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "report.html_lang": {"en": "en", "zh": "zh-Hans"},  # the HTML report's <html lang>
    "report.title": {"en": "Order-to-cash report", "zh": "订单到现金(O2C)报告"},
    "report.source": {"en": "Source", "zh": "数据来源"},
    "report.filters": {"en": "Filters", "zh": "筛选"},
    "report.dates": {"en": "Data dates", "zh": "数据日期"},
    "report.dates.value": {"en": "{start} to {end} (UTC)", "zh": "{start} 至 {end}(UTC)"},
    "report.generated": {"en": "Generated", "zh": "生成时间"},
    "report.all_orders": {"en": "All orders", "zh": "全部订单"},
    "report.size": {"en": "{orders:,} orders, {events:,} events", "zh": "{orders:,} 个订单,{events:,} 个事件"},
    "report.sheet.summary": {"en": "Summary", "zh": "概要"},
    "report.sheet.trends": {"en": "Trends", "zh": "趋势"},
    "report.sheet.variants": {"en": "Variants", "zh": "变体"},
    "report.sheet.bottlenecks": {"en": "Bottlenecks", "zh": "瓶颈"},
    "report.sheet.violations": {"en": "Violations", "zh": "违规"},
    "report.sheet.backlog": {"en": "Backlog", "zh": "改进清单"},
    "report.section.kpis": {"en": "Key figures", "zh": "关键指标"},
    "report.section.trends": {"en": "Trends per month", "zh": "月度趋势"},
    "report.section.map": {"en": "Process map", "zh": "流程图"},
    "report.section.variants": {"en": "Variants", "zh": "变体"},
    "report.section.bottlenecks": {"en": "Bottlenecks", "zh": "瓶颈"},
    "report.section.violations": {"en": "Rule violations", "zh": "规则违规"},
    "report.section.backlog": {"en": "Improvement backlog", "zh": "改进清单"},
    "report.unit.orders": {"en": "orders", "zh": "订单"},
    "report.unit.seconds": {"en": "days", "zh": "天"},
    "report.unit.share": {"en": "share", "zh": "比例"},
    "report.kpi.missing": {"en": "needs {what}", "zh": "需要 {what}"},
    "report.kpi.none_judged": {"en": "No selected order can be judged.", "zh": "没有可评估的订单。"},
    "report.kpi.judged": {"en": "over {orders:,} orders", "zh": "基于 {orders:,} 个订单"},
    "report.col.kpi": {"en": "KPI", "zh": "KPI"},
    "report.col.value": {"en": "Value", "zh": "数值"},
    "report.col.unit": {"en": "Unit", "zh": "单位"},
    "report.col.judged": {"en": "Orders judged", "zh": "参与计算的订单"},
    "report.col.formula": {"en": "Formula", "zh": "计算方法"},
    "report.col.note": {"en": "Note", "zh": "说明"},
    "report.col.month": {"en": "Month", "zh": "月份"},
    "report.col.rank": {"en": "Rank", "zh": "排名"},
    "report.col.orders": {"en": "Orders", "zh": "订单数"},
    "report.col.share": {"en": "Share", "zh": "占比"},
    "report.col.cumulative_share": {"en": "Cumulative share", "zh": "累计占比"},
    "report.col.median_days": {"en": "Median (days)", "zh": "中位数(天)"},
    "report.col.p90_days": {"en": "90th percentile (days)", "zh": "第 90 百分位(天)"},
    "report.col.steps": {"en": "Steps", "zh": "步骤数"},
    "report.col.path": {"en": "Path", "zh": "路径"},
    "report.col.source": {"en": "From", "zh": "从"},
    "report.col.target": {"en": "To", "zh": "到"},
    "report.col.count": {"en": "Times", "zh": "次数"},
    "report.col.total_days": {"en": "Total wait (days)", "zh": "总等待(天)"},
    "report.col.wait_share": {"en": "Share of all waiting", "zh": "占全部等待"},
    "report.col.rule": {"en": "Rule", "zh": "规则"},
    "report.col.severity": {"en": "Severity", "zh": "严重程度"},
    "report.col.description": {"en": "Description", "zh": "描述"},
    "report.col.last": {"en": "Last violation (UTC)", "zh": "最近一次违规(UTC)"},
    "report.col.kind": {"en": "Kind", "zh": "类别"},
    "report.col.order_id": {"en": "Salesforce Order Id", "zh": "Salesforce 订单 Id"},
    "report.col.order_number": {"en": "Order Number", "zh": "订单编号"},
    "report.col.account": {"en": "Account", "zh": "客户"},
    "report.col.account_id": {"en": "Account Id", "zh": "客户 Id"},
    "report.col.when": {"en": "When (UTC)", "zh": "时间(UTC)"},
    "report.col.details": {"en": "Details", "zh": "详情"},
    "report.col.title": {"en": "Opportunity", "zh": "改进机会"},
    "report.col.evidence": {"en": "Evidence", "zh": "依据"},
    "report.col.gain_days": {"en": "Gain (order-days)", "zh": "收益(订单·天)"},
    "report.col.gain_cost": {"en": "Gain ({currency})", "zh": "收益({currency})"},
    "report.trends.note": {
        "en": "By the month the orders were created; times in days. Months with many orders still open will still "
        "change.",
        "zh": "按订单创建月份;时间以天为单位。仍有较多未结订单的月份,其数值还会变化。",
    },
    "report.col.still_open": {"en": "Orders still open (%)", "zh": "未结订单占比"},
    "report.variants.note": {
        "en": "The top {shown} of {total:,} variants; times are end to end (first to last event). Paths after the "
        "first show where they differ from it (… = same steps; ↺ = repeated).",
        "zh": "共 {total:,} 个变体中的前 {shown} 个;时间为端到端(首个到最后一个事件)。第一个之后的路径只显示与其不同"
        "之处(… = 相同步骤;↺ = 重复)。",
    },
    "report.bottlenecks.note": {
        "en": "The {shown} steps between consecutive events that add the most waiting time, of {total:,}.",
        "zh": "在 {total:,} 个相邻事件环节中,累计等待时间最长的 {shown} 个。",
    },
    "report.violations.rules": {"en": "Violating orders per rule", "zh": "各规则的违规订单"},
    "report.violations.first": {
        "en": "Violating orders: up to {per_rule} per rule, {shown:,} of {total:,} violations (one row per order and "
        "rule); the Conformance page exports them all.",
        "zh": "违规订单:每条规则最多 {per_rule} 条,共 {total:,} 条违规中的 {shown:,} 条(每个订单每条规则一行);“合规检"
        "查”页可导出全部。",
    },
    "report.violations.none": {"en": "No selected order breaks a rule.", "zh": "所选订单没有违反任何规则。"},
    "report.backlog.note": {
        "en": "Ranked by the order-days each opportunity could save; estimates, not promises.",
        "zh": "按每个改进机会可节省的订单·天排序;为估算值,并非承诺。",
    },
    "report.backlog.none": {
        "en": "No improvement opportunity found for these orders.",
        "zh": "未发现这些订单的改进机会。",
    },
    "report.map.note": {
        "en": "{activities} of {all_activities} activities and the {paths} most important of {all_paths} paths; "
        "numbers count how often each step and path happens.",
        "zh": "显示 {all_activities} 个活动中的 {activities} 个,以及 {all_paths} 条路径中最重要的 {paths} 条;数字为各"
        "步骤和路径发生的次数。",
    },
    "report.map.fallback": {
        "en": "Graphviz (the dot program) is not installed where this report was made, so the map is listed as its "
        "busiest paths instead.",
        "zh": "生成此报告的环境未安装 Graphviz(dot 程序),因此以最繁忙的路径列表代替流程图。",
    },
    "report.footer": {
        "en": "Made with O2C Explorer. Times are medians unless stated; all times UTC.",
        "zh": "由 O2C Explorer 生成。除特别说明外时间均为中位数;所有时间为 UTC。",
    },
    "report.trend.unsettled": {
        "en": "Hollow points and dashes: months in which {share:.0%} or more of the orders are still open, so their "
        "times and rates will still change. Each chart's figure is the latest settled month ({month}).",
        "zh": "空心点和虚线:仍有 {share:.0%} 或以上订单未结的月份,其时间和比率还会变化。每个图表右上角的数值为最近一"
        "个已基本结清的月份({month})。",
    },
    "report.map.failed": {
        "en": "Graphviz could not draw the map of these activities, so the busiest paths are listed instead.",
        "zh": "Graphviz 无法绘制这些活动的流程图,因此改为列出最繁忙的路径。",
    },
    "report.rules.not_applicable": {"en": "Not applicable to this data: {rules}", "zh": "不适用于此数据的规则:{rules}"},
}
