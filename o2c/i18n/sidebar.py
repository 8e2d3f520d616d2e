"""The sidebar: language, pseudonymisation and the filter panel's frame."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "sidebar.language": {"en": "Language", "zh": "语言"},
    "sidebar.filters": {"en": "Filters", "zh": "筛选"},
    "sidebar.no_data": {
        "en": "Load data on the Data page to filter orders.",
        "zh": "请先在“数据”页加载数据,然后筛选订单。",
    },
    "sidebar.pseudonymise": {"en": "Pseudonymise names", "zh": "姓名假名化"},
    "sidebar.pseudonymise.help": {
        "en": "Replace accounts, people and comments by stable pseudonyms (for workshops and sharing). Exports use "
        "the pseudonyms too.",
        "zh": "将客户、人员和备注替换为稳定的假名（用于研讨会和分享）。导出内容同样使用假名。",
    },
}
