"""The Data page: template, sample, upload, column matching and the Salesforce converter."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "data.title": {"en": "Your order data", "zh": "您的订单数据"},
    "data.intro": {
        "en": "Download the template, fill it from your Salesforce export and upload it, or try the sample data "
        "first. Your file is processed in memory for your session only and never stored.",
        "zh": "下载模板,用 Salesforce 导出的数据填写后上传,或先试用示例数据。文件仅在您的会话内存中处理,不会被保存。",
    },
    "data.template": {"en": "Excel template", "zh": "Excel 模板"},
    "data.template.help": {
        "en": "Events (required), Orders, Activities and a Dictionary of every column with its Salesforce source.",
        "zh": "包含事件(必填)、订单、活动目录,以及每列对应的 Salesforce 字段说明。",
    },
    "data.template.button": {"en": "Download template", "zh": "下载模板"},
    "data.sample": {"en": "Sample data", "zh": "示例数据"},
    "data.sample.help": {
        "en": "2,000 realistic orders with planted problems to find.",
        "zh": "2,000 张模拟订单,内含待发现的典型问题。",
    },
    "data.sample.button": {"en": "Try the sample data", "zh": "试用示例数据"},
    "data.upload": {"en": "Upload your file", "zh": "上传文件"},
    "data.upload.help": {
        "en": "xlsx, csv, txt, csv.gz, parquet or xes; up to {mb} MB.",
        "zh": "支持 xlsx、csv、txt、csv.gz、parquet、xes;最大 {mb} MB。",
    },
    "data.options": {"en": "Reading options", "zh": "读取选项"},
    "data.timezone": {"en": "Time zone of times without an offset", "zh": "无时区信息时间的时区"},
    "data.date_order": {"en": "Date order of text dates like 01/02/2024", "zh": "文本日期(如 01/02/2024)的日月顺序"},
    "data.date_order.auto": {"en": "detect", "zh": "自动识别"},
    "data.date_order.day-first": {"en": "day-first", "zh": "日在前"},
    "data.date_order.month-first": {"en": "month-first", "zh": "月在前"},
    "data.mapping": {"en": "Match your columns", "zh": "匹配列"},
    "data.mapping.intro": {
        "en": "We could not be sure which columns hold the order id, activity and time. Check our guess and load "
        "again.",
        "zh": "无法确定哪些列是订单编号、活动和时间。请确认我们的猜测后重新加载。",
    },
    "data.mapping.apply": {"en": "Load with these columns", "zh": "按此匹配加载"},
    "data.mapping.none": {"en": "(none)", "zh": "(无)"},
    "data.loaded": {
        "en": "Loaded **{orders:,} orders** and **{events:,} events** from {name}.",
        "zh": "已从 {name} 加载 **{orders:,} 张订单**、**{events:,} 个事件**。",
    },
    "data.blocked": {
        "en": "{name} cannot be analysed yet. Problems to fix: {n}. Each row of the report says how.",
        "zh": "{name} 暂无法分析,需修正的问题:{n} 个。报告中每一行都说明了修正方法。",
    },
    "data.warnings": {
        "en": "Warnings: {n}. The analysis can go on; see the report below.",
        "zh": "警告:{n} 项。分析可以继续,详见下方报告。",
    },
    "data.report": {"en": "Validation report", "zh": "校验报告"},
    "data.report.download": {"en": "Download report (CSV)", "zh": "下载校验报告 (CSV)"},
    "data.clean": {"en": "No problems found.", "zh": "未发现问题。"},
    "data.go_overview": {"en": "Go to the overview", "zh": "前往概览"},
    "data.sf.title": {"en": "Convert Salesforce exports", "zh": "转换 Salesforce 导出文件"},
    "data.sf.help": {
        "en": "Upload Data Loader, Bulk API or report exports of Order, OrderHistory, OrderItem, Task, Account, "
        "Opportunity, User and invoices/payments. Each file's object is recognised from its columns; the table "
        "below decides which record becomes which activity.",
        "zh": "上传 Data Loader、Bulk API 或报表导出的 Order、OrderHistory、OrderItem、Task、Account、Opportunity、"
        "User 及发票/付款文件。系统根据列名识别每个文件的对象；下表决定哪条记录成为哪个活动。",
    },
    "data.sf.files": {"en": "Salesforce export files (CSV or XLSX)", "zh": "Salesforce 导出文件（CSV 或 XLSX）"},
    "data.sf.convert": {"en": "Convert and load", "zh": "转换并加载"},
    "data.sf.recognised": {"en": "{name}: {object}", "zh": "{name}：{object}"},
    "data.sf.nothing": {"en": "No events could be built from these files.", "zh": "无法从这些文件生成任何事件。"},
    "data.sf.download": {"en": "Download the filled template", "zh": "下载已填写的模板"},
    "data.sf.done": {
        "en": "Converted {orders:,} orders with {events:,} events; they are now loaded.",
        "zh": "已转换 {orders:,} 个订单、{events:,} 个事件，并已加载。",
    },
    "data.activity_map.title": {
        "en": "3 · Your steps as O2C steps: {n} activity names, {unmatched} without a step",
        "zh": "3 · 您的步骤对应的 O2C 步骤:{n} 个活动名称,{unmatched} 个未对应",
    },
    "data.activity_map.help": {
        "en": "KPIs, rules, what-if and automation ask for O2C steps such as “Payment Received”; each of your "
        "activity names is matched to one. Correct a step where the match is wrong; every page recomputes. "
        "Names without a step stay as they are and count in no step-based KPI.",
        "zh": "KPI、规则、假设分析和自动化分析依据“收到付款”等 O2C 步骤;您的每个活动名称都会对应到其中一个。"
        "对应有误时请修改,所有页面会随之重新计算。未对应的名称保持原样,不计入基于步骤的 KPI。",
    },
    "data.activity_map.unmatched": {
        "en": "Without an O2C step ({n}): {names}. Pick a step for those that are one.",
        "zh": "未对应 O2C 步骤的活动({n} 个):{names}。请为属于某个步骤的名称选择对应步骤。",
    },
    "data.activity_map.none": {"en": "— no step —", "zh": "— 无对应步骤 —"},
    "data.activity_map.col.activity": {"en": "Activity in your data", "zh": "数据中的活动"},
    "data.activity_map.col.events": {"en": "Events", "zh": "事件数"},
    "data.activity_map.col.role": {"en": "O2C step", "zh": "O2C 步骤"},
    "data.activity_map.col.kind": {"en": "Kind of work", "zh": "工作类型"},
    "data.activity_map.kind.clerical": {"en": "clerical", "zh": "文书"},
    "data.activity_map.kind.physical": {"en": "physical", "zh": "实物"},
    "data.activity_map.kind.customer": {"en": "customer", "zh": "客户"},
    "data.activity_map.kind.partner": {"en": "partner", "zh": "合作伙伴"},
    "data.activity_map.kind.system": {"en": "system", "zh": "系统"},
    "data.activity_map.upload": {
        "en": "Upload a mapping (CSV: activity, role)",
        "zh": "上传对应表(CSV:activity, role)",
    },
    "data.activity_map.download": {"en": "Download mapping", "zh": "下载对应表"},
    "data.activity_map.reset": {"en": "Automatic matching", "zh": "恢复自动对应"},
}
