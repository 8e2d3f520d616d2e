"""The one translation table for user-facing text (English and Simplified Chinese)."""

from __future__ import annotations

from typing import Literal

Language = Literal["en", "zh"]
LANGUAGES: dict[Language, str] = {"en": "English", "zh": "简体中文"}

TEXT: dict[str, dict[Language, str]] = {
    "app.title": {"en": "O2C Explorer", "zh": "O2C 流程探索"},
    "nav.data": {"en": "Data", "zh": "数据"},
    "nav.analysis": {"en": "Analysis", "zh": "分析"},
    "page.data": {"en": "Data", "zh": "数据"},
    "page.overview": {"en": "Overview", "zh": "概览"},
    "sidebar.language": {"en": "Language", "zh": "语言"},
    "sidebar.filters": {"en": "Filters", "zh": "筛选"},
    "sidebar.no_data": {"en": "Load data on the Data page to filter orders.", "zh": "请先在“数据”页加载数据,然后筛选订单。"},
    "filter.sales_channel": {"en": "Sales channel", "zh": "销售渠道"},
    "filter.account_name": {"en": "Account", "zh": "客户"},
    "filter.region": {"en": "Region", "zh": "区域"},
    "filter.dates": {"en": "Order dates", "zh": "订单日期"},
    "filter.date_mode": {"en": "Orders that", "zh": "订单条件"},
    "filter.mode.started": {"en": "started in the range", "zh": "在此期间创建"},
    "filter.mode.completed": {"en": "completed in the range", "zh": "在此期间完成"},
    "filter.mode.intersecting": {"en": "were active in the range", "zh": "在此期间处于进行中"},
    "filter.more": {"en": "More filters", "zh": "更多筛选"},
    "filter.attribute": {"en": "Order attribute", "zh": "订单属性"},
    "filter.values": {"en": "Values", "zh": "取值"},
    "filter.reset": {"en": "Clear filters", "zh": "清除筛选"},
    "filter.all": {"en": "All", "zh": "全部"},
    "filter.variants": {"en": "Variants: {n} selected on the Variants page", "zh": "变体:已在变体页选定 {n} 个"},
    "filter.variants.clear": {"en": "Show all variants", "zh": "显示全部变体"},
    "data.title": {"en": "Your order data", "zh": "您的订单数据"},
    "data.intro": {
        "en": "Download the template, fill it from your Salesforce export and upload it, or try the sample data "
              "first. Your file is processed in memory for your session only and never stored.",
        "zh": "下载模板,用 Salesforce 导出的数据填写后上传,或先试用示例数据。"
              "文件仅在您的会话内存中处理,不会被保存。"},
    "data.template": {"en": "Excel template", "zh": "Excel 模板"},
    "data.template.help": {"en": "Events (required), Orders, Activities and a Dictionary of every column with its "
                                 "Salesforce source.",
                           "zh": "包含事件(必填)、订单、活动目录,以及每列对应的 Salesforce 字段说明。"},
    "data.template.button": {"en": "Download template", "zh": "下载模板"},
    "data.sample": {"en": "Sample data", "zh": "示例数据"},
    "data.sample.help": {"en": "2,000 realistic orders with planted problems to find.",
                         "zh": "2,000 张模拟订单,内含待发现的典型问题。"},
    "data.sample.button": {"en": "Try the sample data", "zh": "试用示例数据"},
    "data.upload": {"en": "Upload your file", "zh": "上传文件"},
    "data.upload.help": {"en": "xlsx, csv, txt, csv.gz, parquet or xes; up to {mb} MB.",
                         "zh": "支持 xlsx、csv、txt、csv.gz、parquet、xes;最大 {mb} MB。"},
    "data.options": {"en": "Reading options", "zh": "读取选项"},
    "data.timezone": {"en": "Time zone of times without an offset", "zh": "无时区信息时间的时区"},
    "data.date_order": {"en": "Date order of text dates like 01/02/2024", "zh": "文本日期(如 01/02/2024)的日月顺序"},
    "data.date_order.auto": {"en": "detect", "zh": "自动识别"},
    "data.date_order.day-first": {"en": "day-first", "zh": "日在前"},
    "data.date_order.month-first": {"en": "month-first", "zh": "月在前"},
    "data.mapping": {"en": "Match your columns", "zh": "匹配列"},
    "data.mapping.intro": {"en": "We could not be sure which columns hold the order id, activity and time. "
                                 "Check our guess and load again.",
                           "zh": "无法确定哪些列是订单编号、活动和时间。请确认我们的猜测后重新加载。"},
    "data.mapping.apply": {"en": "Load with these columns", "zh": "按此匹配加载"},
    "data.mapping.none": {"en": "(none)", "zh": "(无)"},
    "data.loaded": {"en": "Loaded **{orders:,} orders** and **{events:,} events** from {name}.",
                    "zh": "已从 {name} 加载 **{orders:,} 张订单**、**{events:,} 个事件**。"},
    "data.blocked": {"en": "{name} cannot be analysed yet. Problems to fix: {n}. Each row of the report says how.",
                     "zh": "{name} 暂无法分析,需修正的问题:{n} 个。报告中每一行都说明了修正方法。"},
    "data.warnings": {"en": "Warnings: {n}. The analysis can go on; see the report below.",
                      "zh": "警告:{n} 项。分析可以继续,详见下方报告。"},
    "data.report": {"en": "Validation report", "zh": "校验报告"},
    "data.report.download": {"en": "Download report (CSV)", "zh": "下载校验报告 (CSV)"},
    "data.clean": {"en": "No problems found.", "zh": "未发现问题。"},
    "data.go_overview": {"en": "Go to the overview", "zh": "前往概览"},
    "data.current": {"en": "Currently loaded: {name}", "zh": "当前数据:{name}"},
    "overview.title": {"en": "Overview", "zh": "概览"},
    "overview.orders": {"en": "Orders", "zh": "订单数"},
    "overview.events": {"en": "Events", "zh": "事件数"},
    "overview.activities": {"en": "Activities", "zh": "活动数"},
    "overview.span": {"en": "Date range", "zh": "时间范围"},
    "overview.median": {"en": "Median end-to-end", "zh": "端到端时长中位数"},
    "overview.p90": {"en": "90th percentile end-to-end", "zh": "端到端时长 90 分位"},
    "overview.paid": {"en": "Orders paid", "zh": "已收款订单占比"},
    "overview.paid.none": {"en": "no payment step", "zh": "无收款活动"},
    "overview.per_week": {"en": "Orders started per week", "zh": "每周新建订单"},
    "overview.per_activity": {"en": "Events per activity", "zh": "各活动事件数"},
    "overview.empty": {"en": "No orders match the filters.", "zh": "没有符合筛选条件的订单。"},
    "overview.median.help": {"en": "From the first to the last event of each order.",
                             "zh": "每张订单从第一个到最后一个事件的时长。"},
    "common.no_data": {"en": "No data yet. Load a file or the sample on the Data page.",
                       "zh": "尚无数据。请在“数据”页上传文件或加载示例。"},
    "common.week": {"en": "Week", "zh": "周"},
    "common.activity": {"en": "Activity", "zh": "活动"},
}


def t(key: str, lang: Language = "en", **values: object) -> str:
    """The text for ``key`` in ``lang`` (English when missing), formatted with ``values``."""
    entry = TEXT[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text
