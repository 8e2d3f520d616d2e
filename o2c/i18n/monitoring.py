"""The KPIs & monitoring page."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "monitoring.title": {"en": "KPIs & monitoring", "zh": "KPI 与监控"},
    "monitoring.tab.kpis": {"en": "KPIs", "zh": "KPI"},
    "monitoring.tab.trend": {"en": "Trend", "zh": "趋势"},
    "monitoring.tab.periods": {"en": "Latest vs baseline", "zh": "最新期与基准期"},
    "monitoring.tab.snapshots": {"en": "Snapshots", "zh": "快照"},
    "monitoring.settings": {
        "en": "Settings used: {rules}; {systems}; {costs}.",
        "zh": "所用设置:{rules};{systems};{costs}。",
    },
    "monitoring.settings.rules.default": {"en": "the standard compliance rules", "zh": "标准合规规则"},
    "monitoring.settings.rules.workbook": {
        "en": "the rules from the workbook's Rules sheet",
        "zh": "工作簿 Rules 工作表中的规则",
    },
    "monitoring.settings.rules.edited": {
        "en": "the rules as edited on the Conformance page",
        "zh": "合规检查页面上编辑后的规则",
    },
    "monitoring.settings.systems.default": {"en": "system users detected from the log", "zh": "从日志中识别的系统用户"},
    "monitoring.settings.systems.edited": {
        "en": "the system users picked on the Automation & cost page",
        "zh": "自动化与成本页面上选定的系统用户",
    },
    "monitoring.settings.costs.default": {
        "en": "illustrative default costs per activity",
        "zh": "示例性的默认活动成本",
    },
    "monitoring.settings.costs.edited": {
        "en": "the cost table from the Automation & cost page",
        "zh": "自动化与成本页面上的成本表",
    },
    "monitoring.settings.costs.workbook": {
        "en": "the costs from the workbook's Activities sheet",
        "zh": "工作簿 Activities 工作表中的成本",
    },
    "monitoring.card.total": {"en": "Of {n:,} in the data", "zh": "数据中共 {n:,} 笔"},
    "monitoring.card.share": {"en": "{share:.1%} of the selected orders", "zh": "占所选订单的 {share:.1%}"},
    "monitoring.trend.open": {
        "en": "Hollow points: periods in which at least {share:.0%} of the orders are still open; their values will "
        "still change.",
        "zh": "空心点:仍有至少 {share:.0%} 的订单未结的周期,其数值还会变化。",
    },
    "monitoring.periods.open": {
        "en": "{share:.0%} of the orders created in {period} are still open: its times and rates will still change.",
        "zh": "{period} 创建的订单中有 {share:.0%} 尚未结清:其时间和比率还会变化。",
    },
    "monitoring.periods.against": {"en": "{latest} against {baseline}.", "zh": "{latest} 对比 {baseline}。"},
    "monitoring.pp": {"en": "pp", "zh": "个百分点"},
    "monitoring.unit.orders": {"en": "orders", "zh": "订单"},
    "monitoring.needs": {"en": "Needs {what}", "zh": "需要 {what}"},
    "monitoring.needs.rules": {"en": "rules that fit the data", "zh": "适用于数据的规则"},
    "monitoring.card.judged": {"en": "Over {n:,} orders", "zh": "基于 {n:,} 笔订单"},
    "monitoring.group.volume": {"en": "Orders and cost", "zh": "订单与成本"},
    "monitoring.group.cash": {"en": "Order to cash", "zh": "订单到收款"},
    "monitoring.group.delivery": {"en": "Delivery and quality", "zh": "交付与质量"},
    "monitoring.group.control": {"en": "Compliance and automation", "zh": "合规与自动化"},
    "monitoring.period": {"en": "Period", "zh": "周期"},
    "monitoring.trend.pick": {"en": "KPIs to chart", "zh": "要绘制的 KPI"},
    "monitoring.trend.none": {"en": "Pick at least one KPI.", "zh": "请至少选择一个 KPI。"},
    "monitoring.targets": {"en": "Targets", "zh": "目标值"},
    "monitoring.targets.caption": {
        "en": "Enter a target to draw it as a dashed line; leave it empty for none.",
        "zh": "输入目标值即以虚线显示;留空则不显示。",
    },
    "monitoring.target": {"en": "Target", "zh": "目标"},
    "monitoring.target.none": {"en": "No target", "zh": "无目标"},
    "monitoring.trend.caption": {
        "en": "Each point is the KPI over the orders created in that period. Recent periods are still open: their "
        "unpaid orders do not count in the payment times yet.",
        "zh": "每个点是该周期内创建的订单的 KPI。最近的周期尚未结束:其中未付款的订单还不计入付款时间。",
    },
    "monitoring.periods.latest": {"en": "Latest period", "zh": "最新周期"},
    "monitoring.periods.baseline": {"en": "Baseline period", "zh": "基准周期"},
    "monitoring.periods.too_few": {
        "en": "The selected orders were created in a single period: there is nothing to compare.",
        "zh": "所选订单都创建于同一周期,无可对比。",
    },
    "monitoring.periods.caption": {
        "en": "Orders count in the period they were created. Green: better than the baseline; red: worse.",
        "zh": "订单按创建所在周期计。绿色:优于基准期;红色:差于基准期。",
    },
    "monitoring.save.title": {"en": "Save the KPIs of this selection", "zh": "保存当前所选订单的 KPI"},
    "monitoring.save.label": {"en": "Label", "zh": "标签"},
    "monitoring.save.default": {"en": "KPIs {date}", "zh": "KPI {date}"},
    "monitoring.save": {"en": "Save as snapshot", "zh": "保存为快照"},
    "monitoring.saved": {"en": "Saved snapshot “{label}”.", "zh": "已保存快照“{label}”。"},
    "monitoring.store.error": {"en": "The snapshot file cannot be used: {error}", "zh": "无法使用快照文件:{error}"},
    "monitoring.saved.title": {"en": "Saved snapshots", "zh": "已保存的快照"},
    "monitoring.saved.none": {
        "en": "No snapshots yet. Save one to compare it with later months.",
        "zh": "尚无快照。保存一个,以便与之后的月份对比。",
    },
    "monitoring.col.label": {"en": "Label", "zh": "标签"},
    "monitoring.col.saved": {"en": "Saved (UTC)", "zh": "保存时间(UTC)"},
    "monitoring.col.source": {"en": "File", "zh": "文件"},
    "monitoring.col.filter": {"en": "Selection", "zh": "所选范围"},
    "monitoring.col.span": {"en": "Events from – to", "zh": "事件时间范围"},
    "monitoring.col.orders": {"en": "Orders", "zh": "订单数"},
    "monitoring.col.kpi": {"en": "KPI", "zh": "KPI"},
    "monitoring.col.change": {"en": "Change", "zh": "变化"},
    "monitoring.col.verdict": {"en": "Verdict", "zh": "评价"},
    "monitoring.compare.title": {"en": "Compare two snapshots", "zh": "对比两个快照"},
    "monitoring.compare.one": {"en": "Save a second snapshot to compare.", "zh": "再保存一个快照即可对比。"},
    "monitoring.compare.a": {"en": "Baseline", "zh": "基准"},
    "monitoring.compare.b": {"en": "Compared with", "zh": "对比对象"},
    "monitoring.compare.download": {"en": "Download (CSV)", "zh": "下载 (CSV)"},
    "monitoring.compare.differs": {
        "en": "The two snapshots cover different orders or used different settings.",
        "zh": "两个快照涵盖的订单或所用设置不同。",
    },
    "monitoring.verdict.better": {"en": "▲ better", "zh": "▲ 改善"},
    "monitoring.verdict.worse": {"en": "▼ worse", "zh": "▼ 变差"},
    "monitoring.verdict.same": {"en": "unchanged", "zh": "不变"},
    "monitoring.delete.title": {"en": "Delete a snapshot", "zh": "删除快照"},
    "monitoring.delete.pick": {"en": "Snapshot", "zh": "快照"},
    "monitoring.delete": {"en": "Delete…", "zh": "删除…"},
    "monitoring.delete.confirm": {
        "en": "Delete “{label}” for good? This cannot be undone.",
        "zh": "确定永久删除“{label}”?此操作无法撤销。",
    },
    "monitoring.delete.yes": {"en": "Delete", "zh": "删除"},
    "monitoring.delete.no": {"en": "Cancel", "zh": "取消"},
    "monitoring.workspace": {"en": "Workspace", "zh": "工作区"},
    "monitoring.workspace.caption": {
        "en": "Snapshots are kept on the server in the workspace picked above. Nothing is written until you save.",
        "zh": "快照保存在服务器上所选的工作区中。在您点击保存之前不会写入任何内容。",
    },
    "monitoring.workspace.help": {
        "en": "Snapshots belong to a workspace. Pick one or type a new name to share snapshots with whoever uses "
        "the same name; without one they last only for this session.",
        "zh": "快照属于某个工作区。选择一个或输入新名称,即可与使用同一名称的人共享快照;不选则快照只在本次会话中可见。",
    },
    "monitoring.workspace.session": {"en": "This browser session only", "zh": "仅当前浏览器会话"},
}
