"""Cycle times page: how long orders take end to end, for whom, between which milestones, and which steps wait."""

import altair as alt
import pandas as pd
import streamlit as st

from o2c.discover.bottlenecks import slowest_on_transition, transition_ranking
from o2c.discover.cycle_times import (
    default_milestones,
    duration_histogram,
    duration_stats,
    duration_trend,
    segment_table,
    split_by_attribute,
)
from o2c.discover.order_detail import order_label
from o2c.format import DAYS, TimeUnit, format_duration, time_unit
from o2c.log.activities import ACTIVITY_NAMES
from o2c.log.attributes import split_attributes
from ui.state import column_name, page_view, tr
from ui.text import tr_md

BOTTLENECK_ROWS = 10  # as many as st.dataframe shows without scrolling
BLUE, ORANGE = "#4c78a8", "#f58518"


def unit_name(unit: TimeUnit) -> str:
    """'hours' or 'days' in the session's language."""
    return tr(f"cycle_times.unit.{unit.symbol}")


def number_column(label: str, unit: TimeUnit | None = None, fmt: str = "%.1f") -> st.column_config.NumberColumn:
    """A numeric table column whose header names its unit."""
    title = f"{label} ({tr(f'cycle_times.unit.{unit.symbol}.short')})" if unit else label
    return st.column_config.NumberColumn(title, format=fmt)


def with_durations(table: pd.DataFrame) -> pd.DataFrame:
    """``median`` and ``p90`` as text, each in the unit that reads best ('5.2 h', '3.4 d')."""
    return table.assign(median=table["median_seconds"].map(format_duration),
                        p90=table["p90_seconds"].map(format_duration))


def histogram_chart(seconds) -> alt.Chart:
    histogram = duration_histogram(seconds)
    data = histogram.bins.assign(range=[f"{s:g}–{e:g}" for s, e in zip(histogram.bins["start"],
                                                                       histogram.bins["end"])])
    unit = unit_name(histogram.unit)
    return alt.Chart(data).mark_bar(color=BLUE, binSpacing=1).encode(
        x=alt.X("start:Q", bin=alt.Bin(binned=True, step=histogram.width), title=tr("cycle_times.end_to_end_in", unit=unit)),
        x2="end:Q",
        y=alt.Y("orders:Q", title=tr("cycle_times.orders")),
        tooltip=[alt.Tooltip("range:N", title=tr("cycle_times.end_to_end_in", unit=unit)),
                 alt.Tooltip("orders:Q", title=tr("cycle_times.orders"), format=",")],
    ).properties(height=260)


def trend_chart(trend: pd.DataFrame, unit: TimeUnit, period: str) -> alt.Chart:
    median, p90 = tr("cycle_times.median"), tr("cycle_times.p90")
    wide = trend.assign(median=unit.of(trend["median_seconds"]), p90=unit.of(trend["p90_seconds"]))
    data = pd.concat([wide.assign(measure=median, value=wide["median"]), wide.assign(measure=p90, value=wide["p90"])])
    period_title = tr(f"cycle_times.period.{period}")
    tooltip = [alt.Tooltip("period:T", title=period_title, format="%d %b %Y" if period == "week" else "%b %Y"),
               alt.Tooltip("orders:Q", title=tr("cycle_times.orders"), format=","),
               alt.Tooltip("median:Q", format=".1f", title=f"{median} ({unit_name(unit)})"),
               alt.Tooltip("p90:Q", format=".1f", title=f"{p90} ({unit_name(unit)})")]
    base = alt.Chart(data).encode(
        x=alt.X("period:T", title=period_title),
        y=alt.Y("value:Q", title=tr("cycle_times.end_to_end_in", unit=unit_name(unit))),
        color=alt.Color("measure:N", title=None, scale=alt.Scale(domain=[median, p90], range=[BLUE, ORANGE]),
                        legend=alt.Legend(orient="top")),
        tooltip=tooltip)
    return (base.mark_line() + base.mark_circle(size=28)).properties(height=260)


def quantile_chart(table: pd.DataFrame, label: str, unit: TimeUnit) -> alt.Chart:
    """One row per value: a bar to the median, a line on to the 90th percentile."""
    data = table.assign(median=unit.of(table["median_seconds"]), p90=unit.of(table["p90_seconds"]))
    name = unit_name(unit)
    tooltip = [alt.Tooltip("value:N", title=label), alt.Tooltip("orders:Q", title=tr("cycle_times.orders"), format=","),
               alt.Tooltip("median:Q", format=".1f", title=f"{tr('cycle_times.median')} ({name})"),
               alt.Tooltip("p90:Q", format=".1f", title=f"{tr('cycle_times.p90')} ({name})")]
    y = alt.Y("value:N", sort=None, title=None, axis=alt.Axis(labelLimit=240, labelOverlap=False))
    base = alt.Chart(data).encode(y=y, tooltip=tooltip)
    bars = base.mark_bar(color=BLUE, height=14).encode(x=alt.X("median:Q", title=tr("cycle_times.in_unit", unit=name)))
    whisker = base.mark_rule(color=ORANGE, strokeWidth=2).encode(x="median:Q", x2="p90:Q")
    tick = base.mark_tick(color=ORANGE, thickness=2, size=14).encode(x="p90:Q")
    return (bars + whisker + tick).properties(height=alt.Step(26))  # a fixed height per row, not per chart


def seed(key: str, default: object, valid) -> None:
    """Give a widget its last choice in this session (Streamlit drops widget state when the page is left)."""
    if key not in st.session_state:
        saved = st.session_state.get(f"{key}_saved", default)
        st.session_state[key] = saved if valid(saved) else default


def save(key: str) -> None:
    st.session_state[f"{key}_saved"] = st.session_state[key]


def split_section(view) -> None:
    st.subheader(tr("cycle_times.split"))
    options = split_attributes(view.log)
    if not options:
        st.caption(tr("cycle_times.split.none"))
        return
    seed("cycle_split", "sales_channel" if "sales_channel" in options else options[0], lambda v: v in options)
    attribute = st.columns([1, 2])[0].selectbox(tr("cycle_times.split.by"), options, key="cycle_split", on_change=save,
                                                args=("cycle_split",), format_func=column_name)
    table = split_by_attribute(view, attribute)
    label = column_name(attribute)
    chart_col, table_col = st.columns(2, gap="large")
    chart_col.altair_chart(quantile_chart(table, label, time_unit(table["median_seconds"])), width="stretch")
    chart_col.caption(tr("cycle_times.quantile_chart.caption"))
    table_col.dataframe(
        with_durations(table)[["value", "orders", "median", "p90"]], hide_index=True, width="stretch",
        column_config={"value": label, "orders": number_column(tr("cycle_times.orders"), fmt="localized"),
                       "median": tr("cycle_times.median"), "p90": tr("cycle_times.p90")})


def milestone_options(log) -> list[str]:
    """The log's activities, catalogue ones in process order first."""
    known = [a for a in ACTIVITY_NAMES if log.activity_code(a) is not None]
    return known + sorted(set(log.activity_names) - set(known))


def milestone_section(view) -> None:
    st.subheader(tr("cycle_times.milestones"))
    options = milestone_options(view.log)
    seed("cycle_milestones", default_milestones(view.log), lambda v: set(v) <= set(options))
    milestones = st.multiselect(tr("cycle_times.milestones.pick"), options, key="cycle_milestones", on_change=save,
                                args=("cycle_milestones",), placeholder=tr("cycle_times.milestones.placeholder"))
    if len(milestones) < 2:
        st.info(tr("cycle_times.milestones.too_few"))
        return
    table = segment_table(view, milestones)
    table["value"] = table["source"] + " → " + table["target"]
    chart_col, table_col = st.columns([2, 3], gap="large")
    measured = table[table["orders"] > 0]
    if not measured.empty:
        chart_col.altair_chart(quantile_chart(measured, tr("cycle_times.segment"), time_unit(measured["median_seconds"])),
                               width="stretch")
    shown = with_durations(table).assign(measured=[tr("cycle_times.measured.value", measured=m, total=w)
                                                   for m, w in zip(table["orders"], table["with_source"])])
    table_col.dataframe(shown[["value", "measured", "median", "p90"]], hide_index=True, width="stretch",
                        column_config={"value": tr("cycle_times.segment"),
                                       "measured": st.column_config.TextColumn(tr("cycle_times.measured"),
                                                                               help=tr("cycle_times.measured.help")),
                                       "median": tr("cycle_times.median"), "p90": tr("cycle_times.p90")})
    table_col.caption(tr("cycle_times.milestones.caption"))


def bottleneck_section(view) -> None:
    st.subheader(tr("cycle_times.bottlenecks"))
    st.caption(tr("cycle_times.bottlenecks.caption"))
    ranking = transition_ranking(view).head(BOTTLENECK_ROWS)
    if ranking.empty:
        st.info(tr("cycle_times.bottlenecks.none"))
        return
    shown = with_durations(ranking).assign(
        transition=ranking["source"] + " → " + ranking["target"], total=DAYS.of(ranking["total_seconds"]).round(0),
        share=ranking["share"] * 100)[["transition", "total", "share", "count", "median", "p90"]]
    event = st.dataframe(
        shown, hide_index=True, width="stretch", key="cycle_bottleneck", on_select="rerun",
        selection_mode="single-row", selection_default={"selection": {"rows": [0]}},
        column_config={"transition": tr("cycle_times.transition"),
                       "total": number_column(tr("cycle_times.total_wait"), DAYS, "localized"),
                       "share": st.column_config.ProgressColumn(tr("cycle_times.share"), format="%.0f%%",
                                                                min_value=0, max_value=100),
                       "count": number_column(tr("cycle_times.count"), fmt="localized"),
                       "median": tr("cycle_times.median"), "p90": tr("cycle_times.p90")})
    rows = [r for r in event.selection.rows if r < len(ranking)]  # a kept selection may outlive a filter change
    if not rows:
        st.caption(tr("cycle_times.bottlenecks.pick"))
        return
    slowest_section(view, ranking.iloc[rows[0]])


def slowest_section(view, transition: pd.Series) -> None:
    source, target = transition["source"], transition["target"]
    st.markdown(f"**{tr_md('cycle_times.slowest', transition=f'{source} → {target}')}**")
    slow = slowest_on_transition(view, source, target)
    columns = [c for c in ("case_id", "order_number", "account_name") if c in slow]
    shown = slow[columns].assign(wait=slow["wait_seconds"].map(format_duration), times=slow["times"])
    event = st.dataframe(
        shown, hide_index=True, width="stretch", key="cycle_slow", on_select="rerun", selection_mode="single-row",
        column_config={"case_id": tr("cycle_times.case_id"), "order_number": tr("cycle_times.order_number"),
                       "account_name": tr("cycle_times.account"), "wait": tr("cycle_times.wait"),
                       "times": number_column(tr("cycle_times.times"), fmt="%d")})
    rows = [r for r in event.selection.rows if r < len(slow)]
    if rows:
        code = int(slow["case_code"].iloc[rows[0]])
        st.session_state["order_lookup"] = str(slow["case_id"].iloc[rows[0]])
        st.page_link("pages/order_explorer.py", label=tr_md("cycle_times.open_order", order=order_label(view.log, code)),
                     icon=":material/search:")
    else:
        st.caption(tr("cycle_times.slowest.pick"))


view = page_view("cycle_times.title")

seconds = view.durations_seconds()
stats = duration_stats(seconds)
metrics = st.columns(4)
metrics[0].metric(tr("cycle_times.orders"), f"{stats.orders:,}")
metrics[1].metric(tr("cycle_times.median_e2e"), format_duration(stats.median_seconds), help=tr("cycle_times.e2e.help"))
metrics[2].metric(tr("cycle_times.p90_e2e"), format_duration(stats.p90_seconds))
metrics[3].metric(tr("cycle_times.mean_e2e"), format_duration(stats.mean_seconds))

left, right = st.columns(2, gap="large")
with left:
    st.subheader(tr("cycle_times.distribution"))
    st.altair_chart(histogram_chart(seconds), width="stretch")
with right:
    head, control = st.columns([3, 2], vertical_alignment="bottom")
    head.subheader(tr("cycle_times.trend"))
    period = control.segmented_control(tr("cycle_times.period"), ["week", "month"], default="week", key="cycle_period",
                                       format_func=lambda p: tr(f"cycle_times.period.{p}"),
                                       label_visibility="collapsed") or "week"
    trend = duration_trend(view, period)
    st.altair_chart(trend_chart(trend, time_unit(seconds), period), width="stretch")
    st.caption(tr("cycle_times.trend.caption"))

split_section(view)
milestone_section(view)
bottleneck_section(view)
