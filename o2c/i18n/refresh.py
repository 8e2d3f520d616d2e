"""Keeping the figures fresh without opening the app: Bulk extraction, incremental refresh datasets, the
``monitor`` command and the Monitoring page's view of the series it builds."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "refresh.bulk_failed": {
        "en": "The Bulk API 2.0 query job for {object} failed: {error}",
        "zh": "{object} 的 Bulk API 2.0 查询作业失败:{error}",
    },
    "refresh.bulk_failed.fix": {
        "en": "See the job under Setup → Bulk Data Load Jobs; run again with --no-bulk to read {object} through the "
        "REST API instead.",
        "zh": "请在“设置 → 批量数据加载作业”中查看该作业;或加 --no-bulk 重新运行,改用 REST API 读取 {object}。",
    },
}
