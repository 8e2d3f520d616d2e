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
}
