"""Presentation mode for workshops (ui/presentation.py)."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "presentation.switch": {"en": "Presentation mode", "zh": "演示模式"},
    "presentation.switch.help": {
        "en": "For workshops: the sidebar folds into one line, text grows, and buttons lead through the pages in "
        "the order of the story.",
        "zh": "用于研讨会:侧边栏折叠为一行,文字放大,并可按讲解顺序逐页前进。",
    },
    "presentation.edit": {"en": "Edit filters", "zh": "编辑筛选"},
    "presentation.edit_done": {"en": "Done", "zh": "完成"},
    "presentation.previous": {"en": "Previous", "zh": "上一页"},
    "presentation.next": {"en": "Next: {page}", "zh": "下一页:{page}"},
    "presentation.exit": {"en": "Exit", "zh": "退出"},
}
