"""The order filters (sidebar and the Compare page's sides)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

TEXT: dict[str, dict[str, str]] = {
    "filters.sales_channel": {"en": "Sales channel", "zh": "销售渠道"},
    "filters.account_name": {"en": "Account", "zh": "客户"},
    "filters.region": {"en": "Region", "zh": "区域"},
    "filters.dates": {"en": "Order dates", "zh": "订单日期"},
    "filters.date_mode": {"en": "Orders that", "zh": "订单条件"},
    "filters.mode.started": {"en": "started in the range", "zh": "在此期间创建"},
    "filters.mode.completed": {"en": "completed in the range", "zh": "在此期间完成"},
    "filters.mode.intersecting": {"en": "were active in the range", "zh": "在此期间处于进行中"},
    "filters.more": {"en": "More filters", "zh": "更多筛选"},
    "filters.attribute": {"en": "Order attribute", "zh": "订单属性"},
    "filters.values": {"en": "Values", "zh": "取值"},
    "filters.reset": {"en": "Clear filters", "zh": "清除筛选"},
    "filters.all": {"en": "All", "zh": "全部"},
    "filters.variants": {"en": "Variants: {n} selected on the Variants page", "zh": "变体:已在变体页选定 {n} 个"},
    "filters.variants.clear": {"en": "Show all variants", "zh": "显示全部变体"},
}


# The sentence that sums up the filters differs in grammar between the languages (the channel as the subject in
# English, a list in brackets in Chinese), so each language has its own builder here, in the catalogue.
Describer = Callable[..., str]


def describe_filters(
    lang: str,
    attributes: Mapping[str, tuple[str, ...]],
    label: Callable[[str], str],
    date_from: dt.date | None,
    date_to: dt.date | None,
    date_mode: str,
    variants: int,
    steps: Sequence[str],
    shown: int,
    total: int,
) -> str:
    """The filters as a sentence in ``lang``, e.g. 'Partner orders created in Q1 2024: 312 of 2,000'.

    ``label`` names a column in ``lang``; ``variants`` is the number of variants picked (0: no variant filter);
    ``steps`` the phrases of the filter stack.
    """
    builder = _DESCRIBERS.get(lang, _english)
    return builder(attributes, label, date_from, date_to, date_mode, variants, steps, shown, total)


def _english(
    attributes: Mapping[str, tuple[str, ...]],
    label: Callable[[str], str],
    date_from: dt.date | None,
    date_to: dt.date | None,
    date_mode: str,
    variants: int,
    steps: Sequence[str],
    shown: int,
    total: int,
) -> str:
    channels = attributes.get("sales_channel", ())
    subject = f"{_join(channels)} orders" if channels else "Orders"
    others = [
        f"{label(name)} {_join(values)}" for name, values in attributes.items() if values and name != "sales_channel"
    ]
    sentence = subject + (" with " + "; ".join(others) if others else "")
    if date_from or date_to:
        verb = {"started": "created", "completed": "completed", "intersecting": "active"}[date_mode]
        sentence += f" {verb} {_period(date_from, date_to)}"
    if variants:
        sentence += f" in {variants} selected variant" + ("s" if variants > 1 else "")
    if steps:
        sentence += ", " + "; ".join(steps)
    return f"{sentence}: {shown:,} of {total:,}"


def _chinese(
    attributes: Mapping[str, tuple[str, ...]],
    label: Callable[[str], str],
    date_from: dt.date | None,
    date_to: dt.date | None,
    date_mode: str,
    variants: int,
    steps: Sequence[str],
    shown: int,
    total: int,
) -> str:
    parts = [f"{label(name)}={'/'.join(values)}" for name, values in attributes.items() if values]
    if date_from or date_to:
        verb = {"started": "创建", "completed": "完成", "intersecting": "进行"}[date_mode]
        start = date_from.isoformat() if date_from else "…"
        end = date_to.isoformat() if date_to else "…"
        parts.append(f"{start} 至 {end} {verb}")
    if variants:
        parts.append(f"{variants} 个选定变体")
    parts.extend(steps)
    prefix = "订单(" + ";".join(parts) + ")" if parts else "订单"
    return f"{prefix}:{shown:,} / {total:,}"


_DESCRIBERS: dict[str, Describer] = {"en": _english, "zh": _chinese}


def _join(values: tuple[str, ...]) -> str:
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " or " + values[-1]


def _period(start: dt.date | None, end: dt.date | None) -> str:
    if start and end:
        if start.day == 1 and (end + dt.timedelta(days=1)).day == 1 and start.year == end.year:
            months = end.month - start.month + 1
            if months == 12 and start.month == 1:
                return f"in {start.year}"
            if months == 3 and start.month % 3 == 1:
                return f"in Q{(start.month - 1) // 3 + 1} {start.year}"
            if months == 1:
                return f"in {start:%B %Y}"
        return f"from {start:%d %b %Y} to {end:%d %b %Y}"
    return f"from {start:%d %b %Y}" if start else f"until {end:%d %b %Y}"
