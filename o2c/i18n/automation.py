"""The Automation & cost page."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "automation.title": {"en": "Automation & cost", "zh": "自动化与成本"},
    "automation.systems": {"en": "System users: {n}", "zh": "系统用户：{n} 个"},
    "automation.systems.label": {"en": "Resources that are systems", "zh": "属于系统的资源"},
    "automation.systems.help": {
        "en": "Prefilled with resources whose role or department looks like a system (role System, department IT or "
        "Integration) or whose name does (… Automation, … Gateway, … Integration, Bot, API). Add or remove "
        "names; the whole page follows.",
        "zh": "预先填入角色或部门像系统的资源（角色 System，部门 IT 或 Integration），或名称像系统的资源（… "
        "Automation、… Gateway、… Integration、Bot、API）。可增删；整页随之更新。",
    },
    "automation.systems.none": {
        "en": "This log has no resource column: every step counts as people's work and no order can be called "
        "touchless.",
        "zh": "该日志没有 resource 列：所有步骤都按人工计算，无法判断无接触订单。",
    },
    "automation.touchless": {"en": "Touchless orders", "zh": "无接触订单"},
    "automation.touchless.help": {
        "en": "Orders in which only systems worked: every event with a known resource was done by a system.",
        "zh": "只有系统参与处理的订单：所有已知执行者的事件都由系统完成。",
    },
    "automation.system_work": {"en": "Steps done by systems", "zh": "系统完成的步骤"},
    "automation.system_work.help": {
        "en": "Share of the events with a known resource that a system did.",
        "zh": "在已知执行者的事件中，由系统完成的比例。",
    },
    "automation.cost_median": {"en": "Cost per order (median)", "zh": "每单成本（中位数）"},
    "automation.cost_median.help": {
        "en": "Sum of the cost per execution of the order's steps (Cost table tab).",
        "zh": "订单各步骤每次执行成本之和（见“成本表”标签页）。",
    },
    "automation.rework_cost": {"en": "Cost of rework", "zh": "返工成本"},
    "automation.rework_cost.help": {
        "en": "Executions beyond the first of each activity in an order, times their cost; {orders:,} orders have "
        "some.",
        "zh": "订单中每个活动第一次之后的重复执行次数 × 其成本；涉及 {orders:,} 个订单。",
    },
    "automation.tab.candidates": {"en": "Automation candidates", "zh": "自动化候选"},
    "automation.tab.cost": {"en": "Cost per order", "zh": "每单成本"},
    "automation.tab.table": {"en": "Cost table", "zh": "成本表"},
    "automation.candidates.caption": {
        "en": "Score 0–100 = share still done by people × the mean of four parts: how many orders have the step, how "
        "rule-like it is (always after the same step, done by one role), the manual hours it takes (executions "
        "by people × manual minutes from the cost table) and whether systems already do some of it.",
        "zh": "得分 0–100 = 仍由人工完成的比例 × 四项的平均值：有该步骤的订单比例、规则性（总在同一步骤之后、由同一角"
        "色完成）、所需人工工时（人工执行次数 × 成本表中的人工分钟数），以及系统是否已完成其中一部分。",
    },
    "automation.reason": {
        "en": "**{activity}** (score {score:.0f}): {executions:,} executions in {orders:.0%} of orders, {people:.0%} "
        "by people{role}; after {predecessor} {pred_share:.0%} of the time; about {hours:,.0f} hours of manual "
        "work ({minutes:g} min each){system}.",
        "zh": "**{activity}**（得分 {score:.0f}）：{orders:.0%} 的订单中共执行 {executions:,} 次，{people:.0%} 由人工"
        "完成{role}；{pred_share:.0%} 的情况下紧随 {predecessor}；约 {hours:,.0f} 小时人工工作（每次"
        " {minutes:g} 分钟）{system}。",
    },
    "automation.reason.role": {"en": ", mostly {role} ({share:.0%})", "zh": "，主要是 {role}（{share:.0%}）"},
    "automation.reason.system": {"en": "; systems already do {share:.0%}", "zh": "；系统已完成 {share:.0%}"},
    "automation.start": {"en": "the order's start", "zh": "订单开始"},
    "automation.col.activity": {"en": "Activity", "zh": "活动"},
    "automation.col.score": {"en": "Score", "zh": "得分"},
    "automation.col.executions": {"en": "Executions", "zh": "执行次数"},
    "automation.col.orders_share": {"en": "In orders", "zh": "订单占比"},
    "automation.col.per_order": {"en": "Per order", "zh": "每单次数"},
    "automation.col.per_order.help": {
        "en": "Executions per order that has the step.",
        "zh": "含该步骤的订单平均执行次数。",
    },
    "automation.col.person_share": {"en": "By people", "zh": "人工完成"},
    "automation.col.predecessor_share": {"en": "Same prior", "zh": "前一步相同"},
    "automation.col.predecessor_share.help": {
        "en": "Share of executions that follow the usual previous step.",
        "zh": "紧随通常前一步的执行所占比例。",
    },
    "automation.col.role_share": {"en": "Same role", "zh": "角色相同"},
    "automation.col.role_share.help": {
        "en": "Share of people's executions done by the main role.",
        "zh": "人工执行中由主要角色完成的比例。",
    },
    "automation.col.person_hours": {"en": "Hours", "zh": "人工工时"},
    "automation.col.person_hours.help": {
        "en": "Manual hours: executions by people × manual minutes (cost table).",
        "zh": "人工执行次数 × 每次人工分钟数（成本表）。",
    },
    "automation.col.cost": {"en": "Cost ({currency})", "zh": "成本（{currency}）"},
    "automation.cost.median": {"en": "Median", "zh": "中位数"},
    "automation.cost.mean": {"en": "Mean", "zh": "平均值"},
    "automation.cost.total": {"en": "Total", "zh": "合计"},
    "automation.cost.by": {"en": "Cost by", "zh": "成本分组"},
    "automation.cost.by.caption": {
        "en": "Share is the group's part of the total cost of the selected orders.",
        "zh": "占比为该组在所选订单总成本中的份额。",
    },
    "automation.cost.variant": {"en": "Most costly variants", "zh": "成本最高的变体"},
    "automation.cost.variant.caption": {
        "en": "Variants with the highest total cost; the path shrinks what the most frequent variant also does to “…”,"
        " ↺ marks repeated steps.",
        "zh": "总成本最高的变体；路径中与最常见变体相同的部分缩写为“…”，↺ 表示重复步骤。",
    },
    "automation.cost.rework": {"en": "Cost of rework by activity", "zh": "按活动的返工成本"},
    "automation.cost.rework.none": {
        "en": "No activity repeats in the selected orders.",
        "zh": "所选订单中没有重复的活动。",
    },
    "automation.col.value": {"en": "Value", "zh": "取值"},
    "automation.col.path": {"en": "Path", "zh": "路径"},
    "automation.col.orders": {"en": "Orders", "zh": "订单数"},
    "automation.col.share": {"en": "Share of cost", "zh": "成本占比"},
    "automation.col.repeated": {"en": "Repeated executions", "zh": "重复执行次数"},
    "automation.col.cost_per_execution": {"en": "Cost per execution ({currency})", "zh": "每次执行成本（{currency}）"},
    "automation.col.manual_minutes": {"en": "Manual minutes", "zh": "人工分钟数"},
    "automation.col.manual_minutes.help": {
        "en": "Handling minutes when a person does it once; used for manual hours.",
        "zh": "人工执行一次所需的处理分钟数；用于计算人工工时。",
    },
    "automation.table.workbook": {
        "en": "From the Activities sheet of the uploaded workbook. Edits apply here and on What-if at once.",
        "zh": "来自上传工作簿的 Activities 工作表。修改会立即用于本页和“假设分析”页。",
    },
    "automation.table.default": {
        "en": "Illustrative defaults (manual minutes at about 45 EUR an hour): replace them with your own here or on "
        "the template's Activities sheet. Edits apply here and on What-if at once.",
        "zh": "示例默认值（人工分钟按约每小时 45 欧元计）：请在此处或模板的 Activities 工作表中换成贵公司的数据。修改"
        "会立即用于本页和“假设分析”页。",
    },
    "automation.table.reset": {"en": "Reset the costs", "zh": "重置成本"},
    "automation.table.problem": {
        "en": "Activities sheet, row {row}: {message}. {fix}",
        "zh": "Activities 工作表第 {row} 行：{message}。{fix}",
    },
    "automation.cost_problem.not_number": {
        "en": "{column} of '{activity}': '{cell}' is not a number",
        "zh": "“{activity}”的 {column}:“{cell}”不是数字",
    },
    "automation.cost_problem.not_number.fix": {
        "en": "Enter a number of 0 or more in {column} (row {row}), or leave it empty for the default.",
        "zh": "请在 {column}(第 {row} 行)填写大于或等于 0 的数字,或留空以使用默认值。",
    },
    "automation.cost_problem.negative": {
        "en": "{column} of '{activity}': {value:g} is not a cost of 0 or more",
        "zh": "“{activity}”的 {column}:{value:g} 不是大于或等于 0 的成本",
    },
    "automation.cost_problem.negative.fix": {
        "en": "Enter a number of 0 or more in {column} (row {row}), or leave it empty for the default.",
        "zh": "请在 {column}(第 {row} 行)填写大于或等于 0 的数字,或留空以使用默认值。",
    },
    "automation.download": {"en": "Download CSV", "zh": "下载 CSV"},
    "automation.cost.rework_share": {"en": "Rework share of cost", "zh": "返工成本占比"},
    "automation.col.each": {"en": "Each", "zh": "单次"},
    "automation.cost.rework.caption": {
        "en": "Executions beyond the first of an activity in an order, × its cost.",
        "zh": "订单中某活动第一次之后的执行次数 × 其成本。",
    },
}
