"""The Process map page and the map's tooltips."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "process_map.title": {"en": "Process map", "zh": "流程图"},
    "process_map.view": {"en": "View", "zh": "视图"},
    "process_map.view.frequency": {"en": "Frequency", "zh": "频次"},
    "process_map.view.performance": {"en": "Performance", "zh": "耗时"},
    "process_map.metric": {"en": "Measure", "zh": "指标"},
    "process_map.metric.events": {"en": "Events", "zh": "事件数"},
    "process_map.metric.cases": {"en": "Orders", "zh": "订单数"},
    "process_map.metric.median": {"en": "Median wait", "zh": "等待时间中位数"},
    "process_map.metric.mean": {"en": "Mean wait", "zh": "平均等待时间"},
    "process_map.metric.p90": {"en": "90th percentile wait", "zh": "等待时间 90 分位"},
    "process_map.activities": {"en": "Activities shown", "zh": "显示的活动"},
    "process_map.activities.help": {
        "en": "Most frequent activities first. Hidden activities are taken out of the orders, so the steps around "
        "them connect directly.",
        "zh": "按频次从高到低显示。隐藏的活动会从订单中移除,其前后步骤直接相连。",
    },
    "process_map.paths": {"en": "Paths shown", "zh": "显示的路径"},
    "process_map.paths.help": {
        "en": "Most frequent paths first. The paths needed to reach every activity from Start, and End from every "
        "activity, are always shown.",
        "zh": "按频次从高到低显示。从开始到达每个活动、从每个活动到达结束所需的路径始终显示。",
    },
    "process_map.shown": {
        "en": "{activities} of {all_activities} activities, {paths} of {all_paths} paths.",
        "zh": "显示 {activities}/{all_activities} 个活动、{paths}/{all_paths} 条路径。",
    },
    "process_map.no_start_times": {
        "en": "Times on paths are waits between consecutive events. The data has no start times, so the time spent "
        "inside each activity is not shown.",
        "zh": "路径上的时间是相邻两个事件之间的等待时间。数据中没有开始时间,因此不显示每个活动本身的耗时。",
    },
    "process_map.start": {"en": "Start", "zh": "开始"},
    "process_map.end": {"en": "End", "zh": "结束"},
    "process_map.tip.node": {
        "en": "{name}\nEvents: {events:,} · Orders: {cases:,}",
        "zh": "{name}\n事件:{events:,} · 订单:{cases:,}",
    },
    "process_map.tip.edge": {
        "en": "{source} → {target}\nTimes: {count:,} · Orders: {cases:,}",
        "zh": "{source} → {target}\n次数:{count:,} · 订单:{cases:,}",
    },
    "process_map.tip.stat": {"en": "{label}: {value}", "zh": "{label}:{value}"},
    "process_map.download.dot": {"en": "Download DOT", "zh": "下载 DOT"},
    "process_map.download.svg": {"en": "Download SVG", "zh": "下载 SVG"},
    "process_map.svg.unavailable": {
        "en": "SVG download needs Graphviz on the server; the DOT file opens in any Graphviz viewer.",
        "zh": "下载 SVG 需要服务器安装 Graphviz;DOT 文件可用任何 Graphviz 查看器打开。",
    },
    "process_map.model": {"en": "Process model (BPMN)", "zh": "流程模型(BPMN)"},
    "process_map.model.caption": {
        "en": "Discovered with pm4py's inductive miner from the filtered orders.",
        "zh": "由 pm4py 归纳挖掘算法根据筛选后的订单生成。",
    },
    "process_map.model.noise": {"en": "Noise threshold", "zh": "噪声阈值"},
    "process_map.model.noise.help": {
        "en": "Higher values leave out rare behaviour; 0 keeps every order's path.",
        "zh": "数值越高,越多罕见行为被忽略;0 保留所有订单的路径。",
    },
    "process_map.model.spinner": {"en": "Discovering the model…", "zh": "正在挖掘模型…"},
    "process_map.model.download": {"en": "Download BPMN (DOT)", "zh": "下载 BPMN (DOT)"},
}
