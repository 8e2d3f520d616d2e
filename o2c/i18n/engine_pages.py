"""Large sources opened through DuckDB or Spark: the Data page's list and the pages that work on them."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "engine_pages.sources": {"en": "Large sources", "zh": "大型数据源"},
    "engine_pages.sources.help": {
        "en": "Named by the operator (O2C_EXPLORER_SOURCES). They are opened, not uploaded: the Overview, Process "
        "map, Variants, Cycle times and Monitoring pages compute on the source's engine.",
        "zh": "由管理员配置(O2C_EXPLORER_SOURCES)。这些数据源被直接打开而不是上传:概览、流程图、变体、周期时间和"
        "监控页面在数据源的引擎上计算。",
    },
    "engine_pages.source_line": {"en": "**{name}** · {engine}", "zh": "**{name}** · {engine}"},
    "engine_pages.open": {"en": "Open", "zh": "打开"},
    "engine_pages.close": {"en": "Close", "zh": "关闭"},
    "engine_pages.opened": {
        "en": "Open: {name} ({engine}). Close it to upload a file instead.",
        "zh": "已打开:{name}({engine})。关闭后可改为上传文件。",
    },
    "engine_pages.preparing": {
        "en": "Preparing {name}: reading every event once (minutes for tens of millions)…",
        "zh": "正在准备 {name}:逐一读取所有事件(数千万事件需要几分钟)……",
    },
    "engine_pages.no_stack": {
        "en": "Behaviour, time and people filters (the filter stack) are not in this sidebar for a large source; "
        "the command line applies them: analyze --engine duckdb --filter has:… (see docs/scaling.md).",
        "zh": "大型数据源的侧边栏中没有行为、时间和人员筛选(筛选栈);可在命令行使用:analyze --engine duckdb "
        "--filter has:…(见 docs/scaling.md)。",
    },
    "engine_pages.caption": {"en": "{filters} · source {name} ({engine})", "zh": "{filters} · 数据源 {name}({engine})"},
    "engine_pages.needs_memory": {
        "en": "This page needs the in-memory engine: it is not available for the large source {name}. Close the "
        "source on the Data page and upload a file (for example an extract of some orders).",
        "zh": "此页面需要内存引擎,大型数据源 {name} 不支持。请在数据页面关闭该数据源并上传文件(例如部分订单的摘录)。",
    },
    "engine_pages.activities": {"en": "Activities", "zh": "活动数"},
    "engine_pages.per_activity": {"en": "Events per activity", "zh": "各活动事件数"},
    "engine_pages.paths": {"en": "Paths shown", "zh": "显示的路径数"},
    "engine_pages.paths_table": {"en": "Paths", "zh": "路径"},
    "engine_pages.from": {"en": "From", "zh": "从"},
    "engine_pages.to": {"en": "To", "zh": "到"},
    "engine_pages.count": {"en": "Times", "zh": "次数"},
    "engine_pages.median_wait": {"en": "Median wait", "zh": "等待时长中位数"},
    "engine_pages.variant": {"en": "Path", "zh": "路径"},
    "engine_pages.orders": {"en": "Orders", "zh": "订单"},
    "engine_pages.share": {"en": "Share", "zh": "占比"},
    "engine_pages.median": {"en": "Median end-to-end", "zh": "端到端中位数"},
    "engine_pages.p90": {"en": "90th percentile", "zh": "第 90 百分位"},
    "engine_pages.mean": {"en": "Mean", "zh": "平均值"},
    "engine_pages.rework": {"en": "Orders with a repeated activity", "zh": "有重复活动的订单"},
    "engine_pages.kpis_more": {
        "en": "Targets, trends and the other KPIs need the in-memory engine.",
        "zh": "目标、趋势和其他 KPI 需要内存引擎。",
    },
    "engine_pages.variants_shown": {
        "en": "The {shown} most frequent of {total} variants.",
        "zh": "{total} 个变体中最常见的 {shown} 个。",
    },
}
