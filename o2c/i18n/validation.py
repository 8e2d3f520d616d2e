"""Validation and upload messages: what is wrong with a file and how to fix it (Data page, validation report).

An issue's message is ``validation.<name>`` and its fix ``validation.<name>.fix``; both get the same values.
"""

from __future__ import annotations

CREDENTIALS_FIX_EN = (
    "Set SF_USERNAME + SF_PASSWORD + SF_SECURITY_TOKEN (SF_DOMAIN=test for a sandbox), or "
    "SF_USERNAME + SF_CONSUMER_KEY + SF_PRIVATE_KEY_FILE (JWT bearer, connected app), or "
    "SF_INSTANCE_URL + SF_ACCESS_TOKEN, in the environment or a .env file."
)
CREDENTIALS_FIX_ZH = (
    "请在环境变量或 .env 文件中设置 SF_USERNAME + SF_PASSWORD + SF_SECURITY_TOKEN(沙盒环境另设 "
    "SF_DOMAIN=test),或 SF_USERNAME + SF_CONSUMER_KEY + SF_PRIVATE_KEY_FILE(JWT bearer,连接的应用),"
    "或 SF_INSTANCE_URL + SF_ACCESS_TOKEN。"
)

TEXT: dict[str, dict[str, str]] = {
    # The report table (o2c.ingest.validate.ValidationReport.to_frame): English headers are the column ids.
    "validation.col.severity": {"en": "severity", "zh": "级别"},
    "validation.col.sheet": {"en": "sheet", "zh": "工作表"},
    "validation.col.problem": {"en": "problem", "zh": "问题"},
    "validation.col.count": {"en": "count", "zh": "数量"},
    "validation.col.rows": {"en": "rows", "zh": "行号"},
    "validation.col.examples": {"en": "examples", "zh": "示例"},
    "validation.col.fix": {"en": "fix", "zh": "修正方法"},
    "validation.severity.error": {"en": "error", "zh": "错误"},
    "validation.severity.warning": {"en": "warning", "zh": "警告"},
    "validation.severity.info": {"en": "info", "zh": "提示"},
    "validation.rows.more": {"en": "{shown} (+{more:,} more)", "zh": "{shown}(另有 {more:,} 行)"},
    # Loading the events and orders (o2c.ingest.load)
    "validation.history_shape.report": {
        "en": "Recognised a Salesforce field-history report: each row's activity comes from '{field}' and "
        "'{new_value}' (a status change is the status reached, 'Created.' is Create Sales Order, any other "
        "field is 'Change <field>').",
        "zh": "已识别为 Salesforce 字段历史报表:每行的活动取自“{field}”和“{new_value}”(状态变更即达到的状态,"
        "“Created.”即创建销售订单,其他字段为“Change <字段>”)。",
    },
    "validation.history_shape.report.fix": {
        "en": "Check the activity mapping; for owners' names, accounts and invoices use the Salesforce converter.",
        "zh": "请检查活动映射;如需负责人姓名、客户和发票信息,请使用 Salesforce 转换器。",
    },
    "validation.history_shape.export": {
        "en": "Recognised a raw Salesforce OrderHistory export: each row's activity comes from '{field}' and "
        "'{new_value}' (a status change is the status reached, 'created' is Create Sales Order, any other "
        "field is 'Change <field>').",
        "zh": "已识别为 Salesforce OrderHistory 原始导出:每行的活动取自“{field}”和“{new_value}”(状态变更即达到的状态,"
        "“created”即创建销售订单,其他字段为“Change <字段>”)。",
    },
    "validation.history_shape.export.fix": {
        "en": "People are shown as user Ids here: convert it together with the Order and User exports "
        "(python -m o2c convert, or the converter on the Data page) for names, accounts and amounts.",
        "zh": "此处人员显示为用户 Id:如需姓名、客户和金额,请与 Order 和 User 导出一起转换"
        "(python -m o2c convert,或数据页面上的转换器)。",
    },
    "validation.salesforce_export": {
        "en": "This is a Salesforce {object} export (one row per record, not per event), so it cannot be analysed "
        "as it is.",
        "zh": "这是 Salesforce {object} 导出文件(每行一条记录,而不是一个事件),无法直接分析。",
    },
    "validation.salesforce_export.fix": {
        "en": "Convert it into the template with the converter on the Data page or `python -m o2c convert "
        "Order.csv OrderHistory.csv Task.csv User.csv --out o2c.xlsx` (OrderHistory gives the status "
        "changes), then load the result.",
        "zh": "请用数据页面上的转换器或 `python -m o2c convert Order.csv OrderHistory.csv Task.csv User.csv "
        "--out o2c.xlsx` 将其转换为模板(状态变更来自 OrderHistory),再加载转换结果。",
    },
    "validation.no_rows": {
        "en": "The {source} has column headers but no data rows.",
        "zh": "{source}只有列标题,没有数据行。",
    },
    "validation.no_rows.fix": {
        "en": "Export the data again with its rows, or pick the sheet that holds the events.",
        "zh": "请重新导出包含数据行的文件,或选择包含事件的工作表。",
    },
    "validation.no_events": {
        "en": "No usable events are left after removing the rows above.",
        "zh": "删除上述行后,已没有可用的事件。",
    },
    "validation.no_events.fix": {
        "en": "Fix the case_id, activity and timestamp values listed in this report.",
        "zh": "请修正本报告所列的 case_id、activity 和 timestamp 值。",
    },
    "validation.single_event": {
        "en": "Orders with only one event: {count:,}. Their end-to-end time is 0.",
        "zh": "只有一个事件的订单:{count:,} 个,其端到端时长为 0。",
    },
    "validation.single_event.fix": {
        "en": "Check that every step of these orders was exported (e.g. OrderHistory and Tasks, not only Orders).",
        "zh": "请确认这些订单的每个步骤都已导出(例如 OrderHistory 和 Task,而不只是 Order)。",
    },
    "validation.source.sheet": {"en": "sheet '{name}'", "zh": "工作表“{name}”"},
    "validation.source.csv": {"en": "CSV", "zh": "CSV 文件"},
    "validation.source.parquet": {"en": "parquet", "zh": "parquet 文件"},
    "validation.source.xes": {"en": "XES", "zh": "XES 文件"},
    "validation.columns_used": {
        "en": "Columns read: {pairs}.",
        "zh": "读取的列:{pairs}。",
    },
    "validation.columns_used.fix": {
        "en": "If a column is wrong, choose it in the column mapping (on the command line: --column ROLE=HEADER).",
        "zh": "如有列不对,请在列匹配中选择(命令行:--column 角色=列名)。",
    },
    "validation.missing_column": {
        "en": "Required column(s) not found in the {source}: {columns}.",
        "zh": "{source}中找不到必需的列:{columns}。",
    },
    "validation.missing_column.fix": {
        "en": "Name the columns as in the template or pick them in the column mapping (on the command line: "
        "--column case_id=HEADER). Accepted names: {hints}.",
        "zh": "请按模板命名这些列,或在列匹配中选择对应的列(命令行:--column case_id=列名)。可识别的列名:{hints}。",
    },
    "validation.empty_case_id": {
        "en": "Rows with no case_id: {count:,}. They were left out.",
        "zh": "缺少 case_id 的行:{count:,} 行,已略过。",
    },
    "validation.empty_case_id.fix": {
        "en": "Fill in the Salesforce Order Id (or Order Number) for each event.",
        "zh": "请为每个事件填写 Salesforce 订单 Id(或订单编号)。",
    },
    "validation.empty_activity": {
        "en": "Rows with no activity: {count:,}. They were left out.",
        "zh": "缺少活动(activity)的行:{count:,} 行,已略过。",
    },
    "validation.empty_activity.fix": {
        "en": "Fill in the activity name (see the Activities sheet).",
        "zh": "请填写活动名称(参见“活动”工作表)。",
    },
    "validation.empty_timestamp": {
        "en": "Rows with no timestamp: {count:,}. They were left out.",
        "zh": "缺少时间(timestamp)的行:{count:,} 行,已略过。",
    },
    "validation.empty_timestamp.fix": {"en": "Fill in when each event happened.", "zh": "请填写每个事件的发生时间。"},
    "validation.bad_timestamp": {
        "en": "Timestamps that could not be read: {count:,}. Those rows were left out.",
        "zh": "无法识别的时间:{count:,} 个,相应行已略过。",
    },
    "validation.bad_timestamp.fix": {
        "en": "Use ISO 8601 such as 2024-01-15T10:30:00Z, Salesforce's 2024-01-15T10:30:00.000+0000, "
        "15.01.2024 10:30, or real Excel date cells.",
        "zh": "请使用 ISO 8601 格式(如 2024-01-15T10:30:00Z)、Salesforce 格式 2024-01-15T10:30:00.000+0000、"
        "15.01.2024 10:30,或 Excel 日期单元格。",
    },
    "validation.bad_timestamp.blocking": {
        "en": "Timestamps that could not be read: {count:,}.",
        "zh": "无法识别的时间:{count:,} 个。",
    },
    "validation.bad_timestamp.blocking.fix": {
        "en": "Use ISO 8601 such as 2024-01-15T10:30:00Z, Salesforce's 2024-01-15T10:30:00.000+0000, "
        "15.01.2024 10:30, or real Excel date cells.",
        "zh": "请使用 ISO 8601 格式(如 2024-01-15T10:30:00Z)、Salesforce 格式 2024-01-15T10:30:00.000+0000、"
        "15.01.2024 10:30,或 Excel 日期单元格。",
    },
    "validation.ambiguous_date_order": {
        "en": "Dates such as 01/02/2024 could be day-first or month-first; they were read as day-first (1 February).",
        "zh": "01/02/2024 这类日期既可能是日在前,也可能是月在前;已按日在前读取(即 2 月 1 日)。",
    },
    "validation.ambiguous_date_order.fix": {
        "en": "If your dates are month-first (US style), choose 'month-first' under Date order and load again.",
        "zh": "如果日期是月在前(美式),请在“日期顺序”中选择“月在前”后重新加载。",
    },
    "validation.date_order": {"en": "Text dates were read as {order}.", "zh": "文本日期已按“{order}”读取。"},
    "validation.date_order.fix": {"en": "Change 'Date order' if that is wrong.", "zh": "如有误,请修改“日期顺序”。"},
    "validation.date_precision": {
        "en": "Timestamps carry no time of day, so times are at day precision.",
        "zh": "时间不含具体时刻,因此时长只精确到天。",
    },
    "validation.date_precision.fix": {
        "en": "Export date-time fields (e.g. CreatedDate, not EffectiveDate) for waiting times in hours.",
        "zh": "如需按小时计算等待时间,请导出日期时间字段(例如 CreatedDate,而非 EffectiveDate)。",
    },
    "validation.future_timestamp": {"en": "Timestamps in the future: {count:,}.", "zh": "未来时间:{count:,} 个。"},
    "validation.future_timestamp.fix": {
        "en": "Check the year and the date order; they were kept.",
        "zh": "请检查年份和日期顺序;这些行已保留。",
    },
    "validation.old_timestamp": {
        "en": "Timestamps before the year 2000: {count:,}.",
        "zh": "早于 2000 年的时间:{count:,} 个。",
    },
    "validation.old_timestamp.fix": {
        "en": "Usually an empty date exported as 1899/1900 or a wrong serial number; they were kept.",
        "zh": "通常是空日期被导出为 1899/1900 年,或日期序列号有误;这些行已保留。",
    },
    "validation.duplicate_event": {
        "en": "Rows that exactly repeat an earlier row: {count:,}. They were left out.",
        "zh": "与前面某行完全相同的行:{count:,} 行,已略过。",
    },
    "validation.duplicate_event.fix": {
        "en": "Usually the same export pasted twice; nothing to do unless the events really happened twice.",
        "zh": "通常是同一导出内容被粘贴了两次;除非这些事件确实发生了两次,否则无需处理。",
    },
    "validation.orders_no_case_id": {
        "en": "The Orders sheet has no case_id column, so it was ignored.",
        "zh": "“订单”工作表没有 case_id 列,已忽略该表。",
    },
    "validation.orders_no_case_id.fix": {
        "en": "Add a case_id column with the same Order Ids as on the Events sheet.",
        "zh": "请添加 case_id 列,填写与“事件”工作表相同的订单 Id。",
    },
    "validation.orders_duplicate": {
        "en": "Orders rows that repeat a case_id: {count:,}. The first row of each was used.",
        "zh": "“订单”工作表中 case_id 重复的行:{count:,} 行,每个订单只采用第一行。",
    },
    "validation.orders_duplicate.fix": {
        "en": "Keep one row per order on the Orders sheet.",
        "zh": "“订单”工作表中每个订单只保留一行。",
    },
    "validation.orders_without_events": {
        "en": "Orders on the Orders sheet with no events: {count:,}.",
        "zh": "“订单”工作表中没有事件的订单:{count:,} 个。",
    },
    "validation.orders_without_events.fix": {
        "en": "Check that their events were exported, or remove them; they are not analysed.",
        "zh": "请确认其事件已导出,或删除这些订单;它们不参与分析。",
    },
    "validation.events_without_order": {
        "en": "Orders with events but no row on the Orders sheet: {count:,}.",
        "zh": "有事件但在“订单”工作表中没有对应行的订单:{count:,} 个。",
    },
    "validation.events_without_order.fix": {
        "en": "Add their Orders rows; until then they have no channel, account or region.",
        "zh": "请补充这些订单的行;在此之前,它们没有渠道、客户和区域信息。",
    },
    "validation.bad_value": {
        "en": "Values in '{column}' that could not be read: {count:,}. They were left empty.",
        "zh": "“{column}”列中无法识别的值:{count:,} 个,已留空。",
    },
    "validation.bad_value.fix": {
        "en": "Use real Excel dates or YYYY-MM-DD for dates, plain numbers for amounts.",
        "zh": "日期请使用 Excel 日期单元格或 YYYY-MM-DD 格式,金额请使用纯数字。",
    },
    # Reading the file (o2c.ingest.read): the upload cannot be read at all
    "validation.file.empty": {"en": "The file is empty.", "zh": "文件为空。"},
    "validation.file.empty.fix": {
        "en": "Export the data again and upload the saved file.",
        "zh": "请重新导出数据,并上传保存后的文件。",
    },
    "validation.file.too_large": {
        "en": "The file is {size:.0f} MB; the limit is {limit:.0f} MB.",
        "zh": "文件大小为 {size:.0f} MB,上限为 {limit:.0f} MB。",
    },
    "validation.file.too_large.fix": {
        "en": "Save it as .parquet or .csv.gz, or split it by date range.",
        "zh": "请另存为 .parquet 或 .csv.gz,或按日期范围拆分。",
    },
    "validation.file.xls": {"en": "Old .xls workbooks are not supported.", "zh": "不支持旧版 .xls 工作簿。"},
    "validation.file.xls.fix": {
        "en": "Open it in Excel and save it as .xlsx.",
        "zh": "请在 Excel 中打开并另存为 .xlsx。",
    },
    "validation.file.type": {
        "en": "'{filename}' is not a file type we read.",
        "zh": "无法读取“{filename}”这种文件类型。",
    },
    "validation.file.type.fix": {"en": "Upload one of: {types}.", "zh": "请上传以下类型之一:{types}。"},
    "validation.file.gzip_damaged": {"en": "The .gz file is damaged.", "zh": ".gz 文件已损坏。"},
    "validation.file.gzip_damaged.fix": {
        "en": "Compress the file again or upload it uncompressed.",
        "zh": "请重新压缩文件,或直接上传未压缩的文件。",
    },
    "validation.file.gzip_too_large": {
        "en": "The compressed file expands to more than {gb} GB.",
        "zh": "压缩文件解压后超过 {gb} GB。",
    },
    "validation.file.gzip_too_large.fix": {
        "en": "Split it by date range, or save it as .parquet.",
        "zh": "请按日期范围拆分,或另存为 .parquet。",
    },
    "validation.file.gzip_bomb": {
        "en": "The compressed file expands more than {ratio} times when unpacked (a 'zip bomb'); real exports do not.",
        "zh": "压缩文件解压后膨胀超过 {ratio} 倍(“压缩炸弹”);真实的导出文件不会这样。",
    },
    "validation.file.gzip_bomb.fix": {
        "en": "Export the data again, or upload it uncompressed.",
        "zh": "请重新导出数据,或上传未压缩的文件。",
    },
    "validation.file.workbook_bomb": {
        "en": "The workbook expands more than {ratio} times when unpacked (a 'zip bomb'); real exports do not.",
        "zh": "工作簿解压后膨胀超过 {ratio} 倍(“压缩炸弹”);真实的导出文件不会这样。",
    },
    "validation.file.workbook_bomb.fix": {
        "en": "Export the data again, or save the events as .csv.gz or .parquet.",
        "zh": "请重新导出数据,或将事件另存为 .csv.gz 或 .parquet。",
    },
    "validation.file.utf16_invalid": {
        "en": "The file says it is UTF-16 text but is not.",
        "zh": "该文件声明为 UTF-16 文本,但实际不是。",
    },
    "validation.file.utf16_invalid.fix": {"en": "Export it again as CSV UTF-8.", "zh": "请重新导出为 CSV UTF-8。"},
    "validation.file.line_too_long": {
        "en": "A line of the file is longer than {mb} MB; an event log's lines are a few hundred characters.",
        "zh": "文件中有一行超过 {mb} MB;事件日志的每行通常只有几百个字符。",
    },
    "validation.file.line_too_long.fix": {
        "en": "Check the export: one event per line, with quotes closed.",
        "zh": "请检查导出文件:每行一个事件,引号成对闭合。",
    },
    "validation.file.protected": {
        "en": "This workbook is password-protected (or an old Excel format), so it cannot be read.",
        "zh": "该工作簿受密码保护(或为旧版 Excel 格式),无法读取。",
    },
    "validation.file.protected.fix": {
        "en": "Remove the password (File > Info > Protect Workbook) or save it as .xlsx without protection.",
        "zh": "请取消密码(文件 > 信息 > 保护工作簿),或另存为不受保护的 .xlsx。",
    },
    "validation.file.not_xlsx": {
        "en": "This file is not a valid .xlsx workbook.",
        "zh": "该文件不是有效的 .xlsx 工作簿。",
    },
    "validation.file.not_xlsx.fix": {
        "en": "Open it in Excel and save it as 'Excel Workbook (.xlsx)', or export as CSV.",
        "zh": "请在 Excel 中打开并另存为“Excel 工作簿 (.xlsx)”,或导出为 CSV。",
    },
    "validation.file.workbook_damaged": {
        "en": "The workbook is damaged or incomplete.",
        "zh": "工作簿已损坏或不完整。",
    },
    "validation.file.workbook_damaged.fix": {
        "en": "Save it again in Excel and re-upload.",
        "zh": "请在 Excel 中重新保存后再上传。",
    },
    "validation.file.workbook_too_large": {
        "en": "The workbook expands to more than {gb} GB when opened.",
        "zh": "工作簿打开后超过 {gb} GB。",
    },
    "validation.file.workbook_too_large.fix": {
        "en": "Split it by date range or save the events as .csv.gz or .parquet.",
        "zh": "请按日期范围拆分,或将事件另存为 .csv.gz 或 .parquet。",
    },
    "validation.file.workbook_unreadable": {"en": "The workbook could not be read.", "zh": "无法读取该工作簿。"},
    "validation.file.workbook_unreadable.fix": {
        "en": "Save it again in Excel as .xlsx and re-upload.",
        "zh": "请在 Excel 中重新另存为 .xlsx 后再上传。",
    },
    "validation.file.workbook_empty": {"en": "The workbook has no data.", "zh": "工作簿中没有数据。"},
    "validation.file.workbook_empty.fix": {
        "en": "Fill the Events sheet of the template and upload again.",
        "zh": "请填写模板的“事件”工作表后重新上传。",
    },
    "validation.file.csv_binary": {
        "en": "This file is a binary file, not a CSV text file.",
        "zh": "该文件是二进制文件,不是 CSV 文本文件。",
    },
    "validation.file.csv_binary.fix": {
        "en": "If it is an Excel workbook, rename it to .xlsx; otherwise export it again as CSV.",
        "zh": "如果是 Excel 工作簿,请将扩展名改为 .xlsx;否则请重新导出为 CSV。",
    },
    "validation.file.csv_unparseable": {"en": "The CSV could not be parsed: {error}", "zh": "无法解析该 CSV:{error}"},
    "validation.file.csv_unparseable.fix": {
        "en": "Check that every row has the same number of columns and quotes are closed.",
        "zh": "请检查每行的列数是否一致,以及引号是否成对闭合。",
    },
    "validation.file.parquet_unreadable": {
        "en": "The parquet file could not be read.",
        "zh": "无法读取该 parquet 文件。",
    },
    "validation.file.parquet_unreadable.fix": {
        "en": "Write it again (pandas: df.to_parquet).",
        "zh": "请重新生成该文件(pandas:df.to_parquet)。",
    },
    "validation.file.xes_unreadable": {"en": "The XES file could not be read.", "zh": "无法读取该 XES 文件。"},
    "validation.file.xes_unreadable.fix": {
        "en": "Export it again from the tool that made it.",
        "zh": "请从生成该文件的工具中重新导出。",
    },
    "validation.file.xes_empty": {"en": "The XES file has no events.", "zh": "XES 文件中没有事件。"},
    "validation.file.xes_empty.fix": {"en": "Export it again with its traces.", "zh": "请连同轨迹(trace)重新导出。"},
    # Safety checks before any parser reads the file (o2c.ingest.safety)
    "validation.safety.mismatch": {
        "en": "'{filename}' is named like {expected}, but its content is {found}.",
        "zh": "“{filename}”的文件名表明它是 {expected},但其内容是 {found}。",
    },
    "validation.safety.mismatch.fix": {
        "en": "Upload the original export with its real extension, or export the data again.",
        "zh": "请上传扩展名正确的原始导出文件,或重新导出数据。",
    },
    "validation.safety.macros": {
        "en": "This workbook contains macros (a macro-enabled workbook), which we do not open.",
        "zh": "该工作簿包含宏(启用宏的工作簿),出于安全考虑不予打开。",
    },
    "validation.safety.macros.fix": {
        "en": "In Excel use File > Save As > 'Excel Workbook (.xlsx)', then upload that file.",
        "zh": "请在 Excel 中选择“文件 > 另存为 > Excel 工作簿 (.xlsx)”,然后上传该文件。",
    },
    "validation.safety.zip_members": {
        "en": "The workbook holds {parts:,} internal parts; real workbooks have a few dozen.",
        "zh": "该工作簿包含 {parts:,} 个内部部件,而正常工作簿只有几十个。",
    },
    "validation.safety.zip_members.fix": {
        "en": "Save the data again as a plain .xlsx or export it as CSV.",
        "zh": "请将数据重新另存为普通 .xlsx,或导出为 CSV。",
    },
    "validation.safety.zip_bomb": {
        "en": "The workbook expands from {size:.1f} MB to {inflated:,.0f} MB when opened (a 'zip bomb').",
        "zh": "该工作簿打开时会从 {size:.1f} MB 膨胀到 {inflated:,.0f} MB(“压缩炸弹”)。",
    },
    "validation.safety.zip_bomb.fix": {
        "en": "Export the data again from Salesforce or save it as .csv.gz.",
        "zh": "请从 Salesforce 重新导出数据,或另存为 .csv.gz。",
    },
    "validation.safety.beyond_excel": {
        "en": "Worksheet {sheet} declares {rows:,} rows x {columns:,} columns, beyond Excel's limits, so the file was "
        "not written by Excel.",
        "zh": "工作表 {sheet} 声明有 {rows:,} 行 × {columns:,} 列,超出 Excel 的上限,因此该文件并非由 Excel 生成。",
    },
    "validation.safety.beyond_excel.fix": {
        "en": "Open it in Excel and save it again, or export the data as CSV.",
        "zh": "请在 Excel 中打开后重新保存,或将数据导出为 CSV。",
    },
    "validation.safety.sheet_size": {
        "en": "Worksheet {sheet} declares {rows:,} rows x {columns:,} columns; that is not an event log.",
        "zh": "工作表 {sheet} 声明有 {rows:,} 行 × {columns:,} 列,这不是事件日志。",
    },
    "validation.safety.sheet_size.fix": {
        "en": "Delete the empty formatted rows and columns (Ctrl+End shows the last used cell), or copy only the data "
        "into the template.",
        "zh": "请删除带格式的空行和空列(按 Ctrl+End 可定位到最后使用的单元格),或只将数据复制到模板中。",
    },
    "validation.safety.parquet_bomb": {
        "en": "The parquet file expands from {size:.1f} MB to {inflated:,.0f} MB when read (a 'zip bomb').",
        "zh": "该 parquet 文件读取时从 {size:.1f} MB 膨胀到 {inflated:,.0f} MB(“压缩炸弹”)。",
    },
    "validation.safety.parquet_bomb.fix": {
        "en": "Write it again without extreme compression.",
        "zh": "请不使用极端压缩重新写出该文件。",
    },
    "validation.safety.parquet_size": {
        "en": "The parquet file declares {rows:,} rows x {columns:,} columns.",
        "zh": "该 parquet 文件声明有 {rows:,} 行 × {columns:,} 列。",
    },
    "validation.safety.parquet_size.fix": {
        "en": "Keep at most {max_columns:,} columns and {max_rows:,} rows; split it by date range.",
        "zh": "最多保留 {max_columns:,} 列和 {max_rows:,} 行;请按日期范围拆分。",
    },
    "validation.safety.csv_columns": {
        "en": "The first line has {columns:,} columns; that is not an event log.",
        "zh": "第一行有 {columns:,} 列,这不是事件日志。",
    },
    "validation.safety.csv_columns.fix": {
        "en": "Check the export: one event per row, one field per column.",
        "zh": "请检查导出文件:每行一个事件,每列一个字段。",
    },
    "validation.safety.csv_rows": {
        "en": "The file has {rows:,} lines; the limit is {max_rows:,}.",
        "zh": "该文件有 {rows:,} 行,上限为 {max_rows:,} 行。",
    },
    "validation.safety.csv_rows.fix": {
        "en": "Split it by date range or save it as .parquet.",
        "zh": "请按日期范围拆分,或另存为 .parquet。",
    },
    # What a file turned out to be (values of validation.safety.mismatch)
    "validation.kind.zip_or_workbook": {"en": "a zip archive or Excel workbook", "zh": "zip 压缩包或 Excel 工作簿"},
    "validation.kind.zip": {"en": "a zip archive", "zh": "zip 压缩包"},
    "validation.kind.old_office": {
        "en": "an old or password-protected Office file",
        "zh": "旧版或受密码保护的 Office 文件",
    },
    "validation.kind.parquet": {"en": "a parquet file", "zh": "parquet 文件"},
    "validation.kind.gzip": {"en": "a gzip-compressed file", "zh": "gzip 压缩文件"},
    "validation.kind.pdf": {"en": "a PDF document", "zh": "PDF 文档"},
    "validation.kind.windows_program": {"en": "a Windows program", "zh": "Windows 程序"},
    "validation.kind.program": {"en": "a program", "zh": "可执行程序"},
    "validation.kind.png": {"en": "a PNG image", "zh": "PNG 图片"},
    "validation.kind.jpeg": {"en": "a JPEG image", "zh": "JPEG 图片"},
    "validation.kind.rar": {"en": "a RAR archive", "zh": "RAR 压缩包"},
    "validation.kind.7z": {"en": "a 7-Zip archive", "zh": "7-Zip 压缩包"},
    "validation.kind.not_gzip": {"en": "not gzip data", "zh": "非 gzip 数据"},
    "validation.kind.not_workbook": {"en": "not a workbook (no zip signature)", "zh": "非工作簿(缺少 zip 签名)"},
    "validation.kind.workbook": {"en": "an Excel workbook", "zh": "Excel 工作簿"},
    "validation.kind.zip_without_workbook": {
        "en": "a zip archive without an Excel workbook inside",
        "zh": "不含 Excel 工作簿的 zip 压缩包",
    },
    "validation.kind.xes": {"en": "an XES (XML) file", "zh": "XES (XML) 文件"},
    "validation.kind.not_parquet": {"en": "not parquet data", "zh": "非 parquet 数据"},
    "validation.kind.csv": {"en": "a CSV text file", "zh": "CSV 文本文件"},
    "validation.kind.binary": {"en": "binary data", "zh": "二进制数据"},
    # Extracting from Salesforce (o2c.ingest.salesforce.extract, the command line)
    "validation.extract.login_failed": {
        "en": "Salesforce login failed ({status}).",
        "zh": "Salesforce 登录失败({status})。",
    },
    "validation.extract.login_failed.fix": {"en": CREDENTIALS_FIX_EN, "zh": CREDENTIALS_FIX_ZH},
    "validation.extract.no_credentials": {
        "en": "No Salesforce credentials were found.",
        "zh": "未找到 Salesforce 登录凭据。",
    },
    "validation.extract.no_credentials.fix": {"en": CREDENTIALS_FIX_EN, "zh": CREDENTIALS_FIX_ZH},
    "validation.extract.refused": {
        "en": "Salesforce refused the credentials: {detail}",
        "zh": "Salesforce 拒绝了登录凭据:{detail}",
    },
    "validation.extract.refused.fix": {"en": CREDENTIALS_FIX_EN, "zh": CREDENTIALS_FIX_ZH},
    "validation.extract.unreachable": {
        "en": "Salesforce could not be reached: {error}.",
        "zh": "无法连接 Salesforce:{error}。",
    },
    "validation.extract.unreachable.fix": {
        "en": "Check SF_DOMAIN / SF_INSTANCE_URL and the network connection.",
        "zh": "请检查 SF_DOMAIN / SF_INSTANCE_URL 以及网络连接。",
    },
    "validation.extract.no_permission": {
        "en": "No permission to read {object}: {error}",
        "zh": "没有读取 {object} 的权限:{error}",
    },
    "validation.extract.no_permission.fix": {
        "en": "Give the user 'API Enabled' and Read access to {object} and its fields.",
        "zh": "请为该用户开启“API Enabled”权限,并授予 {object} 及其字段的读取权限。",
    },
    "validation.extract.no_field": {
        "en": "{object}.{field} does not exist or is not visible in this org.",
        "zh": "{object}.{field} 在此组织中不存在或不可见。",
    },
    "validation.extract.no_field.fix": {
        "en": "Check field-level security for the extraction user.",
        "zh": "请检查提取用户的字段级安全设置。",
    },
    "validation.extract.rejected": {
        "en": "Salesforce rejected the {object} query: {error}",
        "zh": "Salesforce 拒绝了 {object} 查询:{error}",
    },
    "validation.extract.rejected.fix": {
        "en": "If the object or a field is missing, it needs to be enabled or made visible to the extraction user.",
        "zh": "如果缺少对象或字段,需要先启用它,或对提取用户设为可见。",
    },
    # Remarks of the Salesforce converter and its mapping table (Data page, salesforce command); no separate fix
    "validation.convert.unreadable": {"en": "{name}: could not be read ({error}).", "zh": "{name}:无法读取({error})。"},
    "validation.convert.unknown_object": {
        "en": "{name}: its columns match no supported object ({objects}); skipped.",
        "zh": "{name}:其列与任何支持的对象({objects})都不匹配,已跳过。",
    },
    "validation.convert.no_orders": {
        "en": "No Order or OrderHistory export was found; orders cannot be identified.",
        "zh": "未找到 Order 或 OrderHistory 导出文件,无法识别订单。",
    },
    "validation.convert.payment_lines": {
        "en": "Payment: standard Payment records link to invoices only through PaymentLineInvoice; add that export "
        "to get 'Payment Received' events.",
        "zh": "Payment:标准 Payment 记录只能通过 PaymentLineInvoice 关联到发票;请添加该导出文件,"
        "以生成“Payment Received”事件。",
    },
    "validation.convert.found": {
        "en": "Found {count} export(s): {objects}.",
        "zh": "找到 {count} 个导出文件:{objects}。",
    },
    "validation.convert.lacks.order": {
        "en": "No Order export: orders have no account, owner, amount or order number, and creation comes only "
        "from OrderHistory.",
        "zh": "缺少 Order 导出:订单没有客户、负责人、金额和订单号,创建时间只能取自 OrderHistory。",
    },
    "validation.convert.lacks.history": {
        "en": "No OrderHistory export: only creation and activation (the Order's dates) are known; status steps "
        "such as credit check, shipping or cancellation are missing.",
        "zh": "缺少 OrderHistory 导出:只知道创建和激活(订单上的日期);信用检查、发货、取消等状态步骤缺失。",
    },
    "validation.convert.lacks.user": {
        "en": "No User export: people and owners are shown as user Ids, without role or department.",
        "zh": "缺少 User 导出:人员和负责人显示为用户 Id,没有角色和部门。",
    },
    "validation.convert.lacks.account": {
        "en": "No Account export: customers are shown as account Ids, without industry or country.",
        "zh": "缺少 Account 导出:客户显示为客户 Id,没有行业和国家。",
    },
    "validation.convert.lacks.task": {
        "en": "No Task export: order confirmations and payment reminders recorded as tasks are missing.",
        "zh": "缺少 Task 导出:以任务记录的订单确认和付款提醒缺失。",
    },
    "validation.convert.lacks.billing": {
        "en": "No invoice or payment export: invoice and payment steps come only from status values, so "
        "created-to-paid and invoice-to-cash may have no value.",
        "zh": "缺少发票或付款导出:开票和付款步骤只能取自状态值,因此“创建到付款”和“开票到回款”可能无法计算。",
    },
    "validation.convert.unplaced": {
        "en": "{count} status value(s) match no O2C step and were kept as written: {values}. Give them a role in "
        "the activity mapping or a row in the Mapping table.",
        "zh": "{count} 个状态值没有对应的 O2C 步骤,已按原样保留:{values}。请在活动映射中为其指定角色,"
        "或在映射表中添加一行。",
    },
    "validation.convert.bad_dates": {
        "en": "{count:,} dates could not be read (e.g. '{example}'); those records were left out. Check the date "
        "format setting.",
        "zh": "有 {count:,} 个日期无法识别(例如“{example}”),相应记录已略过。请检查日期格式设置。",
    },
    "validation.mapping.columns": {
        "en": "Mapping: columns missing ({columns}); the defaults were used.",
        "zh": "映射表:缺少列({columns}),已使用默认映射。",
    },
    "validation.mapping.match": {
        "en": "Mapping row {row}: match '{match}' is not one of {kinds}.",
        "zh": "映射表第 {row} 行:匹配方式“{match}”无效,可选:{kinds}。",
    },
    "validation.mapping.pattern": {
        "en": "Mapping row {row}: the pattern '{pattern}' is invalid ({error}).",
        "zh": "映射表第 {row} 行:模式“{pattern}”无效({error})。",
    },
    "validation.mapping.no_activity": {
        "en": "Mapping row {row}: no activity given; the row was skipped.",
        "zh": "映射表第 {row} 行:未填写活动,已跳过该行。",
    },
    "validation.activity_map.columns": {
        "en": "{filename}: needs the columns activity and role.",
        "zh": "{filename}:需要 activity 和 role 两列。",
    },
    "validation.activity_map.columns.fix": {
        "en": "Write one row per activity name: activity,role (e.g. Paid,payment_received).",
        "zh": "每个活动名称写一行:activity,role(例如 Paid,payment_received)。",
    },
    "validation.activity_map.role": {
        "en": "{filename}, row {row}: unknown role {role}.",
        "zh": "{filename},第 {row} 行:未知的角色 {role}。",
    },
    "validation.activity_map.role.fix": {
        "en": "Use one of: {roles}, or leave it empty.",
        "zh": "请使用以下之一:{roles},或留空。",
    },
}
