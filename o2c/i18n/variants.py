"""The Variants page."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "variants.title": {"en": "Variants", "zh": "流程变体"},
    "variants.count": {"en": "Variants", "zh": "变体数"},
    "variants.top": {"en": "Most common variant", "zh": "最常见变体"},
    "variants.top.value": {"en": "{share:.0%} of orders", "zh": "占订单 {share:.0%}"},
    "variants.cover80": {"en": "Variants covering 80% of orders", "zh": "覆盖 80% 订单的变体数"},
    "variants.hint": {
        "en": "Select rows to see their full path and filter the whole app to them. ↺ marks a repeated step; … stands "
        "for steps as in the most common variant (#1).",
        "zh": "选择行可查看完整路径,并将整个应用筛选为这些变体。↺ 表示重复的步骤;… 表示与最常见变体(#1)相同的步骤。",
    },
    "variants.col.orders": {"en": "Orders", "zh": "订单数"},
    "variants.col.share": {"en": "Share", "zh": "占比"},
    "variants.col.cumulative": {"en": "Cumulative", "zh": "累计占比"},
    "variants.col.median": {"en": "Median ({unit})", "zh": "中位数({unit})"},
    "variants.col.p90": {"en": "P90 ({unit})", "zh": "P90({unit})"},
    "variants.col.steps": {"en": "Steps", "zh": "步骤数"},
    "variants.col.path": {"en": "Path", "zh": "路径"},
    "variants.col.time.help": {
        "en": "End-to-end time of the variant's orders in {unit}, first to last event (median and 90th percentile).",
        "zh": "该变体订单从第一个到最后一个事件的时长({unit};中位数与 90 分位)。",
    },
    "variants.unit.days": {"en": "d", "zh": "天"},
    "variants.unit.hours": {"en": "h", "zh": "小时"},
    "variants.without": {"en": "without {steps}", "zh": "缺少 {steps}"},
    "variants.truncated": {
        "en": "Showing the {shown:,} most frequent of {total:,} variants; the CSV has all of them.",
        "zh": "显示最常见的 {shown:,} 个变体(共 {total:,} 个);CSV 包含全部。",
    },
    "variants.selected": {"en": "Selected variants", "zh": "已选变体"},
    "variants.selected.row": {
        "en": "**#{rank}** · {orders:,} orders ({share:.1%}) · {steps} steps",
        "zh": "**#{rank}** · {orders:,} 张订单({share:.1%})· {steps} 步",
    },
    "variants.selected.more": {"en": "… and {n} more.", "zh": "…… 另有 {n} 个。"},
    "variants.filter": {"en": "Filter the app to these variants", "zh": "将整个应用筛选为这些变体"},
    "variants.download": {"en": "Download variants (CSV)", "zh": "下载变体 (CSV)"},
    "variants.active": {
        "en": "The whole app shows only the {n} variant(s) selected here; clear them in the sidebar.",
        "zh": "整个应用仅显示此处选定的 {n} 个变体;可在侧边栏清除。",
    },
    "variants.active.missing": {
        "en": "{n} of the selected variants do not occur in the loaded data.",
        "zh": "有 {n} 个选定变体不在当前数据中。",
    },
}
