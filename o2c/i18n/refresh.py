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
    # The KPIs & monitoring page's "Scheduled runs" tab (ui/monitor_runs_view.py)
    "refresh.page.tab": {"en": "Scheduled runs", "zh": "定时运行"},
    "refresh.page.none": {
        "en": "No scheduled runs in workspace `{workspace}` yet. Run the job with "
        '`python -m o2c monitor DATA --workspace {workspace} --target "late_payment_rate<=0.10"` '
        "(see docs/monitoring.md); each run adds a point per segment here.",
        "zh": "工作区 `{workspace}` 中还没有定时运行记录。请运行 "
        '`python -m o2c monitor DATA --workspace {workspace} --target "late_payment_rate<=0.10"`'
        "(见 docs/monitoring.md);每次运行会在此为每个分段添加一个点。",
    },
    "refresh.page.none.session": {
        "en": "No scheduled runs here yet. Run the job into a shared workspace, e.g. "
        '`python -m o2c monitor DATA --workspace ops --target "late_payment_rate<=0.10"` (see docs/monitoring.md), '
        "then pick that workspace on this page.",
        "zh": "这里还没有定时运行记录。请将作业写入共享工作区,例如 "
        '`python -m o2c monitor DATA --workspace ops --target "late_payment_rate<=0.10"`(见 docs/monitoring.md),'
        "然后在本页选择该工作区。",
    },
    "refresh.page.no_data": {
        "en": "The KPIs, trend, periods and snapshots need loaded data. Below is what the scheduled monitor job "
        "found, with no upload needed.",
        "zh": "KPI、趋势、期间对比和快照需要先加载数据。下方是定时监控作业的结果,无需上传。",
    },
    "refresh.page.load": {"en": "Load data on the Data page", "zh": "在“数据”页加载数据"},
    "refresh.page.last": {
        "en": "Workspace **{workspace}**: last run {run} UTC, data up to {data} UTC ({runs} runs).",
        "zh": "工作区 **{workspace}**:最近运行 {run} UTC,数据截至 {data} UTC(共 {runs} 次运行)。",
    },
    "refresh.page.breached": {
        "en": "The last run breached {count} target(s).",
        "zh": "最近一次运行有 {count} 个目标未达成。",
    },
    "refresh.page.held": {"en": "Every target held in the last run.", "zh": "最近一次运行所有目标均已达成。"},
    "refresh.page.legend": {
        "en": "Red diamonds: runs that breached the target. Dashed orange line: the target.",
        "zh": "红色菱形:未达成目标的运行。橙色虚线:目标。",
    },
    "refresh.page.kpi": {"en": "KPI", "zh": "KPI"},
    "refresh.page.segments": {"en": "Segments", "zh": "分段"},
    "refresh.page.segment": {"en": "Segment", "zh": "分段"},
    "refresh.page.pick": {"en": "Pick at least one segment.", "zh": "请至少选择一个分段。"},
    "refresh.page.all": {"en": "All orders", "zh": "全部订单"},
    "refresh.page.run": {"en": "Run", "zh": "运行时间"},
    "refresh.page.value": {"en": "Value", "zh": "数值"},
    "refresh.page.status": {"en": "Status", "zh": "状态"},
    "refresh.page.breach": {"en": "Breached", "zh": "未达成"},
    "refresh.page.ok": {"en": "Held", "zh": "已达成"},
    # python -m o2c monitor's output and summary (o2c/cli/monitor.py, o2c/monitor/targets.py); BREACH/OK stay as
    # they are in every language, so scripts can grep for them
    "refresh.job.breach": {
        "en": "BREACH {segment}: {kpi} = {value}, target {bound}",
        "zh": "BREACH {segment}:{kpi} = {value},目标 {bound}",
    },
    "refresh.job.ok": {
        "en": "OK {segment}: {kpi} = {value}, target {bound}",
        "zh": "OK {segment}:{kpi} = {value},目标 {bound}",
    },
    "refresh.job.na": {"en": "not applicable, {missing}", "zh": "不适用,{missing}"},
    "refresh.job.title": {"en": "O2C monitor: {source}, run {time} UTC", "zh": "O2C 监控:{source},运行于 {time} UTC"},
    "refresh.job.data": {
        "en": "Data: {orders:,} orders, events {start} to {end}",
        "zh": "数据:{orders:,} 个订单,事件时间 {start} 至 {end}",
    },
    "refresh.job.refreshed": {"en": ", refreshed {time}", "zh": ",数据刷新于 {time}"},
    "refresh.job.targets": {
        "en": "Targets: {breached} breached, {held} hold",
        "zh": "目标:{breached} 个未达成,{held} 个已达成",
    },
    "refresh.job.worse": {"en": "Worse than the previous run:", "zh": "比上次运行更差:"},
    "refresh.job.worse_line": {
        "en": "{segment}: {kpi} {value} ({change}; previous run {time} UTC)",
        "zh": "{segment}:{kpi} {value}({change};上次运行 {time} UTC)",
    },
    "refresh.job.report": {"en": "Report: {path}", "zh": "报告:{path}"},
    "refresh.job.done": {
        "en": "{held} of {total} targets hold; snapshots saved to {path}",
        "zh": "{total} 个目标中 {held} 个已达成;快照已保存到 {path}",
    },
}
