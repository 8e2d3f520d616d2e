"""The filter stack: each filter's phrase, the sidebar's Add filter control, click-to-filter, errors."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "stack.or": {"en": " or ", "zh": " 或 "},
    "stack.desc.has": {"en": "has {names}", "zh": "含 {names}"},
    "stack.desc.lacks": {"en": "lacks {names}", "zh": "不含 {names}"},
    "stack.desc.starts": {"en": "starts with {names}", "zh": "以 {names} 开始"},
    "stack.desc.notstarts": {"en": "does not start with {names}", "zh": "不以 {names} 开始"},
    "stack.desc.ends": {"en": "ends with {names}", "zh": "以 {names} 结束"},
    "stack.desc.notends": {"en": "ends without {names}", "zh": "不以 {names} 结束"},
    "stack.desc.follows": {"en": "{a} followed by {b}", "zh": "{a} 之后有 {b}"},
    "stack.desc.notfollows": {"en": "{a} never followed by {b}", "zh": "{a} 之后没有 {b}"},
    "stack.desc.directly": {"en": "{a} directly followed by {b}", "zh": "{a} 之后紧接 {b}"},
    "stack.desc.notdirectly": {"en": "{a} never directly followed by {b}", "zh": "{a} 之后从不紧接 {b}"},
    "stack.desc.within": {"en": " within {time}", "zh": "(间隔不超过 {time})"},
    "stack.desc.beyond": {"en": " after more than {time}", "zh": "(间隔超过 {time})"},
    "stack.desc.duration": {"en": "end-to-end time", "zh": "端到端时间"},
    "stack.desc.between": {"en": "time from {a} to {b}", "zh": "从 {a} 到 {b} 的时间"},
    "stack.desc.above": {"en": "{what} over {time}", "zh": "{what}超过 {time}"},
    "stack.desc.below": {"en": "{what} under {time}", "zh": "{what}不超过 {time}"},
    "stack.desc.range": {"en": "{what} {low} to {high}", "zh": "{what}在 {low} 至 {high} 之间"},
    "stack.desc.band": {"en": "{what} in percentiles {low}–{high}", "zh": "{what}位于第 {low}–{high} 百分位"},
    "stack.desc.attribute": {"en": "{attribute} {values} did an event", "zh": "{attribute} {values} 处理过"},
    "stack.desc.attribute_at": {"en": "{attribute} {values} did {a}", "zh": "{attribute} {values} 执行了 {a}"},
    "stack.desc.rework": {"en": "with rework", "zh": "有返工"},
    "stack.desc.norework": {"en": "without rework", "zh": "无返工"},
    "stack.desc.rework_of": {"en": "{a} repeated", "zh": "{a} 重复"},
    "stack.desc.norework_of": {"en": "{a} not repeated", "zh": "{a} 未重复"},
    "stack.desc.trim": {"en": "only from {a} to {b}", "zh": "仅保留 {a} 至 {b} 的部分"},
    "stack.error.activity": {
        "en": "No activity or O2C step is called {name}.",
        "zh": "没有名为 {name} 的活动或 O2C 步骤。",
    },
    "stack.error.activity.fix": {
        "en": "Use one of the log's activities (or an O2C step such as payment_received): {known}.",
        "zh": "请使用日志中的活动(或 O2C 步骤,如 payment_received):{known}。",
    },
    "stack.error.attribute": {
        "en": "The events have no attribute {name}.",
        "zh": "事件没有属性 {name}。",
    },
    "stack.error.attribute.fix": {
        "en": "Use one of the event attributes: {known}.",
        "zh": "请使用以下事件属性之一:{known}。",
    },
}
