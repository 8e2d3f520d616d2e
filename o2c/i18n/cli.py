"""The command line."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "cli.report.wrote": {
        "en": "Wrote {path}: {orders:,} orders, {seconds:.1f} s",
        "zh": "已写入 {path}:{orders:,} 个订单,用时 {seconds:.1f} 秒",
    },
    "cli.report.format": {
        "en": "The report must end in .html or .xlsx: {path}",
        "zh": "报告文件名须以 .html 或 .xlsx 结尾:{path}",
    },
    "cli.report.snapshot": {"en": "Saved snapshot {id} in {path}", "zh": "已保存快照 {id}:{path}"},
    "cli.column.pair": {
        "en": "--column takes ROLE=HEADER, e.g. case_id=Key: {pair}",
        "zh": "--column 的格式为 角色=列名,例如 case_id=Key:{pair}",
    },
    "cli.column.role": {
        "en": "Unknown column role {role}; choose one of: {roles}",
        "zh": "未知的列角色 {role};可选:{roles}",
    },
    "cli.column.header": {
        "en": "No header {header} (given for {role}) in the file; its headers are: {headers}",
        "zh": "文件中没有列 {header}(指定给 {role});文件的列为:{headers}",
    },
    "cli.columns.file": {
        "en": "Cannot read the column mapping {path}: {error}",
        "zh": "无法读取列匹配文件 {path}:{error}",
    },
}
