"""The KPIs & monitoring page's cards, trend charts and latest period against a baseline."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from o2c.format import DAYS, time_unit
from o2c.improve.settings import Settings
from o2c.log.eventlog import LogView
from o2c.monitor.kpis import KPIS, Kpi, KpiValue, kpi_trend, missing_what
from o2c.monitor.monitoring import (
    HEADLINE,
    STILL_OPEN,
    delta_color,
    format_delta,
    format_value,
    kpi_changes,
    open_share,
    period_values,
)
from o2c.monitor.sources import period_label, settled_index
from ui.css import apply_css
from ui.dataset_state import selection_key
from ui.keys import Key, monitor_baseline, monitor_latest, monitor_target
from ui.state import language, tr
from ui.text import md, tr_md

# The cards, four to a row, grouped by what a finance manager asks about.
CARD_ROWS = {
    "volume": ("orders", "open_orders", "open_order_age", "cost_per_order"),
    "cash": ("end_to_end_median", "end_to_end_p90", "invoice_to_cash", "late_payment_rate"),
    "delivery": ("order_to_delivery", "on_time_delivery_rate", "rework_rate", "first_time_right"),
    "control": ("adherence_rate", "touchless_rate"),
}
CARDS_PER_ROW = 4
BLUE, ORANGE = "#4c78a8", "#f58518"
TREND_CACHE = 4
# st.metric cuts a long label to one line with "…" ("Created to paid (90th perc…" at 1,400 px, four cards a row):
# the cards' labels wrap instead.


def display_unit(kpi: Kpi, values: pd.Series, currency: str) -> tuple[float, str]:
    """How a KPI's trend is drawn: the divisor from its stored unit and the axis unit's name."""
    if kpi.unit == "seconds":
        unit = time_unit(values) if values.notna().any() else DAYS
        return unit.seconds, tr(f"cycle_times.unit.{unit.symbol}")
    if kpi.unit == "share":
        return 0.01, "%"
    if kpi.unit == "money":
        return 1.0, currency
    return 1.0, tr("monitoring.unit.orders")


def kpi_card(value: KpiValue, currency: str, total_selected: int, total: int) -> None:
    """One KPI's card: its value, its formula as help, and what it was judged on."""
    kpi = value.kpi
    with st.container(border=True):
        st.metric(value.label(language()), format_value(value.value, kpi.unit, currency), help=kpi.formula(language()))
        if value.reasons:  # a long reason (which rules, what the data lacks): a short caption, the rest as help
            why = missing_what(value, language())
            st.caption(tr("monitoring.needs", what=tr("monitoring.needs.rules")), help=md(why))
        elif value.missing:
            st.caption(tr_md("monitoring.needs", what=missing_what(value, language())))
        elif kpi.key == "orders":
            st.caption(tr("monitoring.card.total", n=total))
        elif kpi.aggregate == "count":
            st.caption(tr("monitoring.card.share", share=value.value / max(total_selected, 1)))
        else:
            st.caption(tr("monitoring.card.judged", n=value.judged))


def cards_section(view: LogView, values: list[KpiValue], currency: str) -> None:
    """Every KPI's card, in rows by group."""
    by_key = {value.kpi.key: value for value in values}
    apply_css("metric_labels")
    for group, keys in CARD_ROWS.items():
        st.markdown(f"**{tr(f'monitoring.group.{group}')}**")
        for column, key in zip(st.columns(CARDS_PER_ROW), keys):
            with column:
                kpi_card(by_key[key], currency, view.n_cases, view.log.n_cases)


def cached_trend(view: LogView, settings: Settings, period: str) -> pd.DataFrame:
    """``kpi_trend``, kept for the last few selections: the Trend and Latest-vs-baseline tabs share it and a
    rerun that changes no filter does not recompute it."""
    key = (selection_key(view), settings, period)
    cache = st.session_state.setdefault(Key.MONITOR_TRENDS, {})
    if key not in cache:
        if len(cache) >= TREND_CACHE:
            cache.pop(next(iter(cache)))
        cache[key] = kpi_trend(view, settings, period)
    return cache[key]


def trend_chart(trend: pd.DataFrame, kpi: Kpi, period: str, currency: str, target: float | None) -> alt.Chart:
    """One KPI per period, the periods still open drawn hollow, with the target as a dashed line when set."""
    divisor, unit = display_unit(kpi, trend[kpi.key], currency)
    data = pd.DataFrame(
        {"period": trend["period"], "value": trend[kpi.key] / divisor, "open": open_share(trend) >= STILL_OPEN}
    )
    period_title = tr(f"cycle_times.period.{period}")
    base = alt.Chart(data).encode(
        x=alt.X("period:T", title=None),
        y=alt.Y("value:Q", title=unit, scale=alt.Scale(zero=kpi.unit != "seconds")),
        tooltip=[
            alt.Tooltip("period:T", title=period_title, format="%d %b %Y" if period == "week" else "%b %Y"),
            alt.Tooltip("value:Q", title=f"{kpi.name(language())} ({unit})", format=",.1f"),
        ],
    )
    points = base.mark_point(size=36, color=BLUE, opacity=1).encode(
        fill=alt.condition("datum.open", alt.value("white"), alt.value(BLUE))
    )
    chart = base.mark_line(color=BLUE) + points
    if target is not None:
        rule = alt.Chart(pd.DataFrame({"target": [target]})).mark_rule(color=ORANGE, strokeDash=[6, 4], strokeWidth=2)
        tip = alt.Tooltip("target:Q", title=tr("monitoring.target"), format=",.1f")
        chart += rule.encode(y="target:Q", tooltip=[tip])
    return chart.properties(height=200, title=alt.TitleParams(kpi.name(language()), anchor="start", fontSize=14))


def period_picker(column: st.delta_generator.DeltaGenerator, key: str) -> str:
    """Week or month, picked in ``column``."""
    period = column.segmented_control(
        tr("monitoring.period"),
        ["week", "month"],
        default="month",
        required=True,
        key=key,
        format_func=lambda p: tr(f"cycle_times.period.{p}"),
    )
    return period or "month"


def trend_section(view: LogView, settings: Settings, values: list[KpiValue], currency: str) -> None:
    """The picked KPIs' trends, two to a row, with their targets."""
    available = [value.kpi.key for value in values if value.missing is None]
    left, right = st.columns([4, 1], vertical_alignment="bottom")
    picked = left.multiselect(
        tr("monitoring.trend.pick"),
        available,
        default=[k for k in HEADLINE if k in available],
        key=Key.MONITOR_TREND_KPIS,
        format_func=lambda k: KPIS[k].name(language()),
    )
    period = period_picker(right, Key.MONITOR_TREND_PERIOD)
    if not picked:
        st.info(tr("monitoring.trend.none"))
        return
    trend = cached_trend(view, settings, period)
    with st.expander(tr("monitoring.targets"), icon=":material/flag:"):
        st.caption(tr("monitoring.targets.caption"))
        targets = {}
        for column, key in zip(st.columns(len(picked)), picked):
            _, unit = display_unit(KPIS[key], trend[key], currency)
            targets[key] = column.number_input(
                f"{KPIS[key].name(language())} ({unit})",
                value=None,
                min_value=0.0,
                key=monitor_target(key),
                placeholder=tr("monitoring.target.none"),
            )
    for row in range(0, len(picked), 2):
        for column, key in zip(st.columns(2, gap="large"), picked[row : row + 2]):
            column.altair_chart(trend_chart(trend, KPIS[key], period, currency, targets.get(key)), width="stretch")
    st.caption(tr("monitoring.trend.caption") + " " + tr("monitoring.trend.open", share=STILL_OPEN))


def periods_section(view: LogView, settings: Settings, currency: str) -> None:
    """A latest period against a baseline: every KPI's card with its change, the latest settled period first."""
    left, middle, right = st.columns([1, 2, 2], vertical_alignment="bottom")
    period = period_picker(left, Key.MONITOR_CMP_PERIOD)
    trend = cached_trend(view, settings, period)
    stamps = list(trend["period"])
    if len(stamps) < 2:
        st.info(tr("monitoring.periods.too_few"))
        return
    options = [stamp.date().isoformat() for stamp in reversed(stamps)]  # newest first; dates survive a filter change
    first = settled_index(trend)
    label = lambda day: period_label(pd.Timestamp(day), period)  # noqa: E731
    latest = pd.Timestamp(
        middle.selectbox(
            tr("monitoring.periods.latest"), options, index=first, format_func=label, key=monitor_latest(period)
        )
    )
    baseline = pd.Timestamp(
        right.selectbox(
            tr("monitoring.periods.baseline"), options, index=first + 1, format_func=label, key=monitor_baseline(period)
        )
    )
    still_open = float(open_share(trend)[trend["period"] == latest].iloc[0])
    if still_open >= STILL_OPEN:
        st.caption(
            ":material/info: " + tr("monitoring.periods.open", share=still_open, period=period_label(latest, period))
        )
    change_cards(kpi_changes(period_values(trend, baseline), period_values(trend, latest)), currency)
    st.caption(
        tr("monitoring.periods.against", latest=period_label(latest, period), baseline=period_label(baseline, period))
        + " "
        + tr("monitoring.periods.caption")
    )


def change_cards(changes: pd.DataFrame, currency: str) -> None:
    """A ``kpi_changes`` table as cards in rows by group, each with the latest value and its change."""
    rows = changes.set_index("key")
    for keys in CARD_ROWS.values():
        shown = [key for key in keys if key in rows.index]
        if not shown:
            continue
        for column, key in zip(st.columns(CARDS_PER_ROW), shown):
            kpi, row = KPIS[key], rows.loc[key]
            unchanged = row["delta"] == 0
            column.metric(
                kpi.name(language()),
                format_value(row["latest"], kpi.unit, currency),
                format_delta(row["delta"], row["pct_change"], kpi.unit, currency, language()),
                delta_color="off" if unchanged else delta_color(kpi),
                delta_arrow="off" if unchanged else "auto",
                help=kpi.formula(language()),
                border=True,
            )
