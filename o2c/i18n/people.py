"""The People & teams page."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "people.title": {"en": "People & teams", "zh": "人员与团队"},
    "people.no_columns": {
        "en": "This log has no resource, role or department column. Map one of them on the Data page (who did each "
        "event) to see workload, handovers and balance.",
        "zh": "此日志没有 resource（执行人）、role（角色）或 department（部门）列。请在“数据”页映射其中一列（每个事件"
        "由谁执行），即可查看工作量、交接和负载均衡。",
    },
    "people.level": {"en": "Show by", "zh": "查看维度"},
    "people.level.resource": {"en": "Person", "zh": "人员"},
    "people.level.role": {"en": "Role", "zh": "角色"},
    "people.level.department": {"en": "Department", "zh": "部门"},
    "people.metric.performers.resource": {"en": "People at work", "zh": "参与人员"},
    "people.metric.performers.role": {"en": "Roles at work", "zh": "参与角色"},
    "people.metric.performers.department": {"en": "Departments at work", "zh": "参与部门"},
    "people.metric.performers.help": {
        "en": "People, roles or departments (as picked) with at least one event in the selected orders.",
        "zh": "在所选订单中至少执行过一个事件的人员、角色或部门（按所选维度）。",
    },
    "people.metric.per_order": {"en": "Handovers per order", "zh": "每单交接次数"},
    "people.metric.per_order.help": {
        "en": "Average number of times an order passes from one performer to another (consecutive events by different "
        "performers).",
        "zh": "订单在不同执行者之间传递的平均次数（相邻两个事件由不同执行者完成）。",
    },
    "people.metric.wait": {"en": "Wait on a handover", "zh": "交接等待"},
    "people.metric.wait.help": {
        "en": "Median time between the two events of a handover.",
        "zh": "一次交接前后两个事件之间时间的中位数。",
    },
    "people.metric.concentrated": {"en": "Activities on few shoulders", "zh": "集中于少数人的活动"},
    "people.metric.concentrated.help": {
        "en": "Activities done by at least {min} performers where the top 3 do {share:.0%} or more of the work.",
        "zh": "至少有 {min} 个执行者、且前 3 名完成 {share:.0%} 以上工作量的活动。",
    },
    "people.tab.workload": {"en": "Workload", "zh": "工作量"},
    "people.tab.handovers": {"en": "Handovers", "zh": "交接"},
    "people.tab.balance": {"en": "Workload balance", "zh": "负载均衡"},
    "people.workload.hint": {
        "en": "Per performer: events handled, orders touched, how long the order then waits for its next step, the "
        "repetitions they performed (an activity the order had already seen) and events per active week.",
        "zh": "每个执行者：处理的事件数、涉及的订单数、其事件之后订单等待下一步的时间、其执行的重复活动（订单中已出现"
        "过的活动），以及每个活跃周的事件数。",
    },
    "people.col.performer": {"en": "Performer", "zh": "执行者"},
    "people.col.events": {"en": "Events", "zh": "事件数"},
    "people.col.orders": {"en": "Orders", "zh": "订单数"},
    "people.col.wait": {"en": "Next step waits", "zh": "下一步等待"},
    "people.col.wait.help": {
        "en": "Median time from their event to the next event of the same order.",
        "zh": "从其事件到同一订单下一个事件的时间中位数。",
    },
    "people.col.repetitions": {"en": "Repetitions", "zh": "重复次数"},
    "people.col.repetitions.help": {
        "en": "Their events that repeat an activity the order had already seen (as on the Rework page).",
        "zh": "其事件中重复了订单已出现过的活动的次数（与“返工”页定义相同）。",
    },
    "people.col.repetition_share": {"en": "Rework share", "zh": "返工占比"},
    "people.col.active_weeks": {"en": "Active weeks", "zh": "活跃周数"},
    "people.col.weekly_median": {"en": "Per week (median)", "zh": "每周(中位数)"},
    "people.col.weekly_median.help": {
        "en": "Events per week, over the weeks with at least one of their events.",
        "zh": "每周事件数，仅计算至少有一个其事件的周。",
    },
    "people.col.weekly_peak": {"en": "Peak week", "zh": "峰值周"},
    "people.trend.pick": {"en": "Weekly workload of", "zh": "查看每周工作量"},
    "people.trend.events": {"en": "Events", "zh": "事件数"},
    "people.trend.week": {"en": "Week", "zh": "周"},
    "people.download": {"en": "Download CSV", "zh": "下载 CSV"},
    "people.handovers.hint": {
        "en": "Who passes orders to whom: an arrow counts how often an event of one performer is directly followed by "
        "an event of another in the same order. Labels: handovers · median wait; thicker = more often, redder = "
        "longer wait.",
        "zh": "订单从谁传给谁：箭头表示同一订单中一个执行者的事件紧接着由另一个执行者的事件跟随的次数。标签：交接次数"
        " · 等待中位数；越粗越频繁，越红等待越长。",
    },
    "people.handovers.top": {"en": "Handovers shown", "zh": "显示的交接数"},
    "people.handovers.top.help": {"en": "Keep only the most frequent handovers.", "zh": "只保留最频繁的交接。"},
    "people.handovers.shown": {
        "en": "The {shown} most frequent of {total} handover paths, carrying {share:.0%} of all handovers.",
        "zh": "{total} 条交接路径中最频繁的 {shown} 条，占全部交接的 {share:.0%}。",
    },
    "people.handovers.none": {
        "en": "No handovers: every order stays with one performer at this level.",
        "zh": "没有交接：在此维度下每个订单始终由同一执行者处理。",
    },
    "people.handovers.table": {"en": "All handovers as a table", "zh": "全部交接（表格）"},
    "people.col.source": {"en": "From", "zh": "交出方"},
    "people.col.target": {"en": "To", "zh": "接收方"},
    "people.col.handovers": {"en": "Handovers", "zh": "交接次数"},
    "people.col.handover_wait": {"en": "Median wait", "zh": "等待中位数"},
    "people.download.dot": {"en": "Download DOT", "zh": "下载 DOT"},
    "people.map.tip.node": {"en": "{name}: {events:,} events", "zh": "{name}：{events:,} 个事件"},
    "people.map.tip.edge": {
        "en": "{source} → {target}: {count:,} handovers in {orders:,} orders, median wait {wait}",
        "zh": "{source} → {target}：{orders:,} 个订单中交接 {count:,} 次，等待中位数 {wait}",
    },
    "people.balance.hint": {
        "en": "How concentrated each activity is: the share of its executions done by the top 1 and top 3 performers "
        "and the Gini index (0 = evenly shared, near 1 = one does almost all). Flagged: at least {min} "
        "performers and the top 3 do {share:.0%} or more.",
        "zh": "每个活动的集中程度：前 1 名和前 3 名执行者完成的执行次数占比，以及基尼系数（0 = 平均分配，接近 1 = 几"
        "乎由一人完成）。标记条件：至少 {min} 个执行者且前 3 名完成 {share:.0%} 以上。",
    },
    "people.col.activity": {"en": "Activity", "zh": "活动"},
    "people.col.executions": {"en": "Executions", "zh": "执行次数"},
    "people.col.unassigned": {"en": "Without performer", "zh": "无执行者"},
    "people.col.performers": {"en": "Performers", "zh": "执行者数"},
    "people.col.top_performer": {"en": "Top performer", "zh": "最多执行者"},
    "people.col.top1": {"en": "Top 1 share", "zh": "前 1 名占比"},
    "people.col.top3": {"en": "Top 3 share", "zh": "前 3 名占比"},
    "people.col.gini": {"en": "Gini", "zh": "基尼系数"},
    "people.col.concentrated": {"en": "Few carry most", "zh": "少数人承担"},
    "people.col.share": {"en": "Share", "zh": "占比"},
    "people.balance.pick": {"en": "Who does", "zh": "查看执行者"},
}
