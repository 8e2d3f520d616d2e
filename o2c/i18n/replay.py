"""The replay of orders over the process map (the Process map page's Play, ``python -m o2c animate``)."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "replay.html_lang": {"en": "en", "zh": "zh-CN"},
    "replay.play": {"en": "Play", "zh": "播放"},
    "replay.show": {"en": "Replay the orders", "zh": "回放订单"},
    "replay.play.help": {
        "en": "Replay the orders as dots moving over this map in compressed time: each dot travels a path from one "
        "event of its order to the next, so dots pile up in front of the slow steps.",
        "zh": "按压缩时间回放订单:每个圆点代表一个订单,沿着路径从一个事件移动到下一个事件,圆点堆积之处就是慢的步骤。",
    },
    "replay.pause": {"en": "Pause", "zh": "暂停"},
    "replay.time": {"en": "Time", "zh": "时间"},
    "replay.speed": {"en": "Speed", "zh": "速度"},
    "replay.speed.per_second": {"en": "{amount} per second", "zh": "每秒 {amount}"},
    "replay.in_flight": {"en": "Orders under way: {count}", "zh": "进行中的订单:{count}"},
    "replay.badge.help": {
        "en": "The number next to an activity counts the orders on their way to it (waiting for it).",
        "zh": "活动旁的数字是正在前往该活动(等待该活动)的订单数。",
    },
    "replay.queue": {"en": "Orders waiting for each step", "zh": "各步骤等待中的订单"},
    "replay.jump": {
        "en": "Hollow dots wait on a path the detail slider hides, and jump when they reach the next step.",
        "zh": "空心圆点表示订单位于被细节滑块隐藏的路径上,到达下一步时直接跳过去。",
    },
    "replay.colour_by": {"en": "Colour dots by", "zh": "圆点颜色依据"},
    "replay.colour.none": {"en": "One colour", "zh": "单一颜色"},
    "replay.colour.all": {"en": "All orders", "zh": "全部订单"},
    "replay.colour.on_time_delivery": {"en": "Delivered on time", "zh": "是否按时交货"},
    "replay.colour.on_time_payment": {"en": "Paid on time", "zh": "是否按时付款"},
    "replay.colour.rework": {"en": "Rework", "zh": "返工"},
    "replay.colour.no_rework": {"en": "No rework", "zh": "无返工"},
    "replay.colour.late": {"en": "Late", "zh": "延迟"},
    "replay.colour.on_time": {"en": "On time", "zh": "按时"},
    "replay.colour.unknown": {"en": "Not known", "zh": "未知"},
    "replay.colour.other": {"en": "Other ({values} values)", "zh": "其他({values} 个值)"},
    "replay.legend": {"en": "Orders", "zh": "订单"},
    "replay.unit.hour": {"en": "{n} h", "zh": "{n} 小时"},
    "replay.unit.day": {"en": "{n} d", "zh": "{n} 天"},
    "replay.unit.week": {"en": "{n} wk", "zh": "{n} 周"},
    "replay.caption": {
        "en": "{orders:,} orders from {start} to {end}. Each dot travels a path from one event of its order to the "
        "next, so the wait between two steps is time on the path and dots crowd on the paths into slow steps.",
        "zh": "{orders:,} 个订单,{start} 至 {end}。每个圆点沿路径从订单的一个事件移动到下一个事件,"
        "两个步骤之间的等待时间就是在路径上的时间,因此圆点会在通往慢步骤的路径上聚集。",
    },
    "replay.sample": {
        "en": "A sample of {shown:,} of the {orders:,} orders is replayed (every {step}th order), so the browser stays "
        "smooth; the counts on the map count the sample.",
        "zh": "为保证浏览器流畅,只回放 {orders:,} 个订单中的 {shown:,} 个样本(每 {step} 个取一个),图上的计数基于样本。",
    },
    "replay.download": {"en": "Download the replay (HTML)", "zh": "下载回放(HTML)"},
    "replay.download.help": {
        "en": "One self-contained HTML file: opens from disk in a browser, without a network.",
        "zh": "单个独立的 HTML 文件:无需网络,直接在浏览器中打开。",
    },
    "replay.no_graphviz": {
        "en": "The replay needs Graphviz's dot program on the server (make run installs it).",
        "zh": "回放需要服务器上安装 Graphviz 的 dot 程序(make run 会安装)。",
    },
    "replay.title": {"en": "Order replay: {name}", "zh": "订单回放:{name}"},
    "replay.cli.wrote": {
        "en": "Wrote {path}: {orders:,} orders replayed in {seconds:.1f} s",
        "zh": "已写入 {path}:回放 {orders:,} 个订单,用时 {seconds:.1f} 秒",
    },
    "replay.cli.speed": {
        "en": "Cannot read the speed {speed!r}: give process time per second, e.g. 6h, 1d or 1w.",
        "zh": "无法识别速度 {speed!r}:请给出每秒对应的流程时间,例如 6h、1d 或 1w。",
    },
    "replay.cli.colour": {
        "en": "Cannot colour by {name!r}: choose one of {choices}.",
        "zh": "无法按 {name!r} 着色:请从以下选项中选择:{choices}。",
    },
}
