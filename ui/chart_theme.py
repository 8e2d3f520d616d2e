"""The charts' theme per session: month and day names in the user's language (Vega-Lite formats time axes with the
locale in the chart's config, ``config.locale.time``, in d3-time-format's locale format) and larger text in
presentation mode. One Altair theme is registered for the whole server; it reads the session that draws the chart,
so sessions in different languages or modes do not disturb each other."""

from __future__ import annotations

from typing import Any

import altair as alt
import streamlit as st

from ui.keys import Key
from ui.state import language

THEME = "o2c"
# d3-time-format's zh-CN locale, written out (the names are facts of the language).
_ZH_TIME = {
    "dateTime": "%x %A %X",
    "date": "%Y年%-m月%-d日",
    "time": "%H:%M:%S",
    "periods": ["上午", "下午"],
    "days": ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"],
    "shortDays": ["周日", "周一", "周二", "周三", "周四", "周五", "周六"],
    "months": ["一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "十一月", "十二月"],
    "shortMonths": ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"],
}
TIME_LOCALES: dict[str, dict[str, Any]] = {"zh": _ZH_TIME}
# Presentation mode: text a room can read from the back (Vega-Lite's defaults are 10-11 px).
_LARGE_TEXT = {
    "axis": {"labelFontSize": 15, "titleFontSize": 16},
    "legend": {"labelFontSize": 15, "titleFontSize": 16},
    "text": {"fontSize": 15},
}


def _theme() -> Any:
    config: dict[str, Any] = {"view": {"continuousWidth": 300, "continuousHeight": 300}}  # Altair's default theme
    locale = TIME_LOCALES.get(language())
    if locale is not None:
        config["locale"] = {"time": locale}
    if st.session_state.get(Key.PRESENTATION):
        config.update(_LARGE_TEXT)
    return {"config": config}


def use_chart_theme() -> None:
    """Make every chart drawn from now on follow the session's language and presentation mode (idempotent)."""
    if THEME not in alt.theme.names():
        alt.theme.register(THEME, enable=False)(_theme)
    if alt.theme.active != THEME:
        alt.theme.enable(THEME)
