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
    "refresh.state_unreadable": {
        "en": "The dataset's state file {path} cannot be read: {error}",
        "zh": "无法读取数据集状态文件 {path}:{error}",
    },
    "refresh.state_unreadable.fix": {
        "en": "Restore it from a backup, or move the folder away and run extract --incremental again for a full pull.",
        "zh": "请从备份恢复该文件,或移走该文件夹后重新运行 extract --incremental 进行完整提取。",
    },
    "refresh.dataset_empty": {
        "en": "The dataset folder {path} holds no orders.",
        "zh": "数据集文件夹 {path} 中没有订单。",
    },
    "refresh.dataset_empty.fix": {
        "en": "Fill it first: python -m o2c extract --incremental --dataset {path}",
        "zh": "请先填充数据:python -m o2c extract --incremental --dataset {path}",
    },
}
