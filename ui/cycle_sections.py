"""The Cycle times page's sections: the split by an attribute, milestones and the transitions that wait longest."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from o2c.discover.cycle_times import (
    attribute_split,
    bottleneck_ranking,
    default_milestones,
    milestone_segments,
    slowest_orders,
    split_default,
)
from o2c.discover.order_detail import order_label
from o2c.format import DAYS, format_duration, time_unit
from o2c.log.activities import ACTIVITY_NAMES
from o2c.log.attributes import split_attributes
from o2c.log.eventlog import EventLog, LogView
from ui.click_filter import orders_button
from ui.cycle_charts import number_column, quantile_chart, with_durations
from ui.keys import Key
from ui.remembered import restore, save
from ui.state import column_name, tr
from ui.text import tr_md


def split_section(view: LogView) -> None:
    """End-to-end times per value of an order attribute."""
    st.subheader(tr("cycle_times.split"))
    options = split_attributes(view.log)
    if not options:
        st.caption(tr("cycle_times.split.none"))
        return
    restore(Key.CYCLE_SPLIT, split_default(options), lambda v: v in options)
    attribute = st.columns([1, 2])[0].selectbox(
        tr("cycle_times.split.by"),
        options,
        key=Key.CYCLE_SPLIT,
        on_change=save,
        args=(Key.CYCLE_SPLIT,),
        format_func=column_name,
    )
    table = attribute_split(view, attribute)
    if table is None:
        return
    label = column_name(attribute)
    chart_col, table_col = st.columns(2, gap="large")
    chart_col.altair_chart(quantile_chart(table, label, time_unit(table["median_seconds"])), width="stretch")
    chart_col.caption(tr("cycle_times.quantile_chart.caption"))
    table_col.dataframe(
        with_durations(table)[["value", "orders", "median", "p90"]],
        hide_index=True,
        width="stretch",
        column_config={
            "value": label,
            "orders": number_column(tr("cycle_times.orders"), fmt="localized"),
            "median": tr("cycle_times.median"),
            "p90": tr("cycle_times.p90"),
        },
    )


def milestone_options(log: EventLog) -> list[str]:
    """The log's activities, catalogue ones in process order first."""
    known = [a for a in ACTIVITY_NAMES if log.activity_code(a) is not None]
    return known + sorted(set(log.activity_names) - set(known))


def milestone_section(view: LogView) -> None:
    """The time between milestones the user picks."""
    st.subheader(tr("cycle_times.milestones"))
    options = milestone_options(view.log)
    restore(Key.CYCLE_MILESTONES, default_milestones(view.log), lambda v: set(v) <= set(options))
    milestones = st.multiselect(
        tr("cycle_times.milestones.pick"),
        options,
        key=Key.CYCLE_MILESTONES,
        on_change=save,
        args=(Key.CYCLE_MILESTONES,),
        placeholder=tr("cycle_times.milestones.placeholder"),
    )
    table = milestone_segments(view, milestones)
    if table is None:
        st.info(tr("cycle_times.milestones.too_few"))
        return
    table["value"] = table["source"] + " → " + table["target"]
    chart_col, table_col = st.columns([2, 3], gap="large")
    measured = table[table["orders"] > 0]
    if not measured.empty:
        unit = time_unit(measured["median_seconds"])
        chart_col.altair_chart(quantile_chart(measured, tr("cycle_times.segment"), unit), width="stretch")
    shown = with_durations(table).assign(
        measured=[
            tr("cycle_times.measured.value", measured=m, total=w) for m, w in zip(table["orders"], table["with_source"])
        ]
    )
    table_col.dataframe(
        shown[["value", "measured", "median", "p90"]],
        hide_index=True,
        width="stretch",
        column_config={
            "value": tr("cycle_times.segment"),
            "measured": st.column_config.TextColumn(tr("cycle_times.measured"), help=tr("cycle_times.measured.help")),
            "median": tr("cycle_times.median"),
            "p90": tr("cycle_times.p90"),
        },
    )
    table_col.caption(tr("cycle_times.milestones.caption"))


def bottleneck_section(view: LogView) -> None:
    """The waits between steps that add up to the most time; one picked shows its slowest orders."""
    st.subheader(tr("cycle_times.bottlenecks"))
    st.caption(tr("cycle_times.bottlenecks.caption"))
    ranking = bottleneck_ranking(view)
    if ranking.empty:
        st.info(tr("cycle_times.bottlenecks.none"))
        return
    shown = with_durations(ranking).assign(
        transition=ranking["source"] + " → " + ranking["target"],
        total=DAYS.of(ranking["total_seconds"]).round(0),
        share=ranking["share"] * 100,
    )[["transition", "total", "share", "count", "median", "p90"]]
    event = st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        key=Key.CYCLE_BOTTLENECK,
        on_select="rerun",
        selection_mode="single-row",
        selection_default={"selection": {"rows": [0]}},
        column_config={
            "transition": tr("cycle_times.transition"),
            "total": number_column(tr("cycle_times.total_wait"), DAYS, "localized"),
            "share": st.column_config.ProgressColumn(
                tr("cycle_times.share"), format="%.0f%%", min_value=0, max_value=100
            ),
            "count": number_column(tr("cycle_times.count"), fmt="localized"),
            "median": tr("cycle_times.median"),
            "p90": tr("cycle_times.p90"),
        },
    )
    rows = [r for r in event.selection.rows if r < len(ranking)]  # a kept selection may outlive a filter change
    if not rows:
        st.caption(tr("cycle_times.bottlenecks.pick"))
        return
    slowest_section(view, ranking, rows[0])


def slowest_section(view: LogView, ranking: pd.DataFrame, row: int) -> None:
    """The orders that waited longest on the transition in row ``row`` of ``ranking``, with a link to the one
    picked."""
    source, target = ranking["source"].iloc[row], ranking["target"].iloc[row]
    st.markdown(f"**{tr_md('cycle_times.slowest', transition=f'{source} → {target}')}**")
    slow = slowest_orders(view, ranking, row)
    if slow is None:
        return
    columns = [c for c in ("case_id", "order_number", "account_name") if c in slow]
    shown = slow[columns].assign(wait=slow["wait_seconds"].map(format_duration), times=slow["times"])
    event = st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        key=Key.CYCLE_SLOW,
        on_select="rerun",
        selection_mode="single-row",
        column_config={
            "case_id": tr("cycle_times.case_id"),
            "order_number": tr("cycle_times.order_number"),
            "account_name": tr("cycle_times.account"),
            "wait": tr("cycle_times.wait"),
            "times": number_column(tr("cycle_times.times"), fmt="%d"),
        },
    )
    rows = [r for r in event.selection.rows if r < len(slow)]
    if rows:
        code = int(slow["case_code"].iloc[rows[0]])
        st.session_state[Key.ORDER_LOOKUP] = str(slow["case_id"].iloc[rows[0]])
        label = tr_md("cycle_times.open_order", order=order_label(view.log, code))
        st.page_link("pages/order_explorer.py", label=label, icon=":material/search:")
    else:
        st.caption(tr("cycle_times.slowest.pick"))
    orders_button(slow["case_id"], Key.CYCLE_SLOW_FILTER)
