"""Navigation: the page titles and the groups of the menu."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "nav.discover": {"en": "Discover", "zh": "发现"},
    "nav.conform": {"en": "Conform", "zh": "合规"},
    "page.data": {"en": "Data", "zh": "数据"},
    "page.overview": {"en": "Overview", "zh": "概览"},
    "page.variants": {"en": "Variants", "zh": "流程变体"},
    "page.rework": {"en": "Rework", "zh": "返工"},
    "page.cycle_times": {"en": "Cycle times", "zh": "周期时间"},
    "page.order_explorer": {"en": "Order explorer", "zh": "订单查询"},
    "page.process_map": {"en": "Process map", "zh": "流程图"},
    "page.conformance": {"en": "Conformance", "zh": "合规检查"},
    "page.compare": {"en": "Compare", "zh": "对比"},
    "nav.improve": {"en": "Improve", "zh": "改进"},
    "nav.monitor": {"en": "Monitor", "zh": "监控"},
    "page.root_causes": {"en": "Root causes", "zh": "根因分析"},
    "page.people": {"en": "People & teams", "zh": "人员与团队"},
    "page.partners": {"en": "Partners & carriers", "zh": "合作伙伴与承运商"},
    "page.automation": {"en": "Automation & cost", "zh": "自动化与成本"},
    "page.what_if": {"en": "What-if", "zh": "假设分析"},
    "page.monitoring": {"en": "KPIs & monitoring", "zh": "KPI 与监控"},
    "page.reports": {"en": "Reports", "zh": "报告"},
    "page.backlog": {"en": "Improvement backlog", "zh": "改进清单"},
}
