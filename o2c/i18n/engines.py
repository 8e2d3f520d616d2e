"""The DuckDB and Spark engines: problems opening a source."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "engines.missing_columns": {
        "en": "No column was recognised as {columns}. The source has: {headers}.",
        "zh": "没有识别出 {columns} 列。数据源中的列:{headers}。",
    },
    "engines.missing_columns.fix": {
        "en": "Name the columns as in the template (Order ID, Activity, Timestamp) or use their Salesforce names.",
        "zh": "按模板命名这些列(订单编号、活动、时间戳),或使用 Salesforce 字段名。",
    },
    "engines.stack": {
        "en": "The {engine} engine does not apply these filters yet: {filters}.",
        "zh": "{engine} 引擎尚不支持以下筛选:{filters}。",
    },
    "engines.stack.fix": {
        "en": "Leave them out, or load the data (or a sample of its orders) into the app, where every filter works.",
        "zh": "请去掉这些筛选,或将数据(或其部分订单)载入应用,在那里所有筛选均可使用。",
    },
    "engines.no_rows": {"en": "The source has no rows.", "zh": "数据源中没有行。"},
    "engines.no_rows.fix": {
        "en": "Point the source at a table or files with events.",
        "zh": "请将数据源指向包含事件的表或文件。",
    },
    "engines.bad_timestamps": {
        "en": "{count} of {total} timestamps cannot be read.",
        "zh": "{total} 个时间戳中有 {count} 个无法读取。",
    },
    "engines.bad_timestamps.fix": {
        "en": "Large sources need typed timestamps or ISO 8601 text (2024-03-01T14:30:00Z); convert the column first.",
        "zh": "大型数据源需要时间类型的列或 ISO 8601 文本(2024-03-01T14:30:00Z);请先转换该列。",
    },
    "engines.no_source": {"en": "Nothing found at {path}.", "zh": "在 {path} 找不到数据。"},
    "engines.no_source.fix": {
        "en": "Give a Parquet file or folder, a CSV file, a DuckDB file or a Spark table name.",
        "zh": "请提供 Parquet 文件或文件夹、CSV 文件、DuckDB 文件或 Spark 表名。",
    },
    "engines.pick_table": {
        "en": "{path} holds several tables: {tables}.",
        "zh": "{path} 中有多个表:{tables}。",
    },
    "engines.pick_table.fix": {
        "en": "Name the table after a # (events.duckdb#order_events).",
        "zh": "请在 # 后写出表名(events.duckdb#order_events)。",
    },
}
