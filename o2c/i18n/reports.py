"""The Reports page."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "reports.title": {"en": "Reports", "zh": "报告"},
    "reports.caption": {
        "en": "One file for people who do not use the app: the KPIs with their formulas, monthly trends, the process "
        "map, the main variants and bottlenecks, rule violations and the improvement backlog of the orders "
        "selected by the filters.",
        "zh": "给不使用本应用的同事的一份文件:按当前筛选条件选出的订单的 KPI 及其公式、月度趋势、流程图、主要变体与瓶"
        "颈、规则违规和改进清单。",
    },
    "reports.excel": {"en": "Excel report", "zh": "Excel 报告"},
    "reports.excel.help": {
        "en": "One sheet per section, numbers you can calculate with (times in days).",
        "zh": "每个部分一个工作表,数值可直接计算(时间以天为单位)。",
    },
    "reports.html": {"en": "HTML report", "zh": "HTML 报告"},
    "reports.html.help": {
        "en": "One self-contained page to e-mail or print (A4); opens in any browser, offline.",
        "zh": "一个独立网页,可发邮件或打印(A4);任何浏览器均可离线打开。",
    },
    "reports.inside": {"en": "What is inside", "zh": "报告内容"},
    "reports.inside.text": {
        "en": "- **Summary**: every KPI with its value and formula in words; a KPI the data cannot give says which "
        "column it needs.\n- **Trends**: each KPI per month of order creation.\n- **Process map** (HTML): the "
        "main paths, drawn with Graphviz.\n- **Variants** and **Bottlenecks**: the top {variants} variants "
        "and {transitions} waits.\n- **Violations**: violating orders per rule, and the first {violations} of "
        "each rule (Excel; a few in HTML).\n- **Backlog**: the improvement opportunities, ranked by priority "
        "(the order-days and money they could save).",
        "zh": "- **概要**:每个 KPI 的数值与文字公式;数据无法计算的 KPI 会注明所需的列。\n- **趋势**:按订单创建月份的"
        "各 KPI。\n- **流程图**(HTML):主要路径,由 Graphviz 绘制。\n- **变体**与**瓶颈**:前 {variants} 个变体和"
        "前 {transitions} 个等待环节。\n- **违规**:各规则的违规订单数,以及每条规则的前 {violations} 条违规"
        "(Excel;HTML 中列出少量)。\n- **改进清单**:按优先级(可节省的订单·天和成本)排序的改进机会。",
    },
}
