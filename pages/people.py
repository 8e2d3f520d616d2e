"""People & teams page: workload per person, role or department, who hands orders to whom, and which activities
rest on a few shoulders."""

import altair as alt
import streamlit as st

from o2c.export import to_csv_bytes
from o2c.format import format_duration
from o2c.improve.people import (
    CONCENTRATED_MIN_PERFORMERS,
    CONCENTRATED_TOP3,
    activity_performers,
    handover_summary,
    people_levels,
    performers,
    weekly_workload,
    workload_balance,
)
from ui.keys import Key
from ui.people_handovers import count_column, handover_section, share_column
from ui.state import page_view, tr

BLUE = "#4c78a8"
ROW_HEIGHT = 35  # st.dataframe's row height: tables of a few dozen rows are shown whole

view = page_view("people.title")
levels = people_levels(view.log)
if not levels:
    st.info(tr("people.no_columns"), icon=":material/group_off:")
    st.stop()

# Streamlit forgets a widget's value when the page is left; the saved copy brings the last level back.
if st.session_state.get(Key.PEOPLE_LEVEL) not in levels:
    saved = st.session_state.get(Key.PEOPLE_LEVEL_SAVED)
    st.session_state[Key.PEOPLE_LEVEL] = saved if saved in levels else "role" if "role" in levels else levels[0]
level = st.segmented_control(
    tr("people.level"),
    levels,
    key=Key.PEOPLE_LEVEL,
    required=True,
    format_func=lambda name: tr(f"people.level.{name}"),
    on_change=lambda: st.session_state.update({Key.PEOPLE_LEVEL_SAVED: st.session_state[Key.PEOPLE_LEVEL]}),
)

table = performers(view, level)
summary = handover_summary(view, level)
balance = workload_balance(view, level)

metrics = st.columns(4)
metrics[0].metric(tr(f"people.metric.performers.{level}"), f"{len(table):,}", help=tr("people.metric.performers.help"))
metrics[1].metric(tr("people.metric.per_order"), f"{summary.per_order:.1f}", help=tr("people.metric.per_order.help"))
metrics[2].metric(
    tr("people.metric.wait"), format_duration(summary.median_wait_seconds), help=tr("people.metric.wait.help")
)
metrics[3].metric(
    tr("people.metric.concentrated"),
    f"{int(balance['concentrated'].sum()):,}",
    help=tr("people.metric.concentrated.help", min=CONCENTRATED_MIN_PERFORMERS, share=CONCENTRATED_TOP3),
)


workload_tab, handover_tab, balance_tab = st.tabs(
    [tr("people.tab.workload"), tr("people.tab.handovers"), tr("people.tab.balance")]
)

with workload_tab:
    st.caption(tr("people.workload.hint"))
    st.dataframe(
        table.assign(
            wait=table["median_wait_seconds"].map(format_duration), repetition_share=table["repetition_share"] * 100
        ),
        hide_index=True,
        width="stretch",
        key=Key.PEOPLE_PERFORMERS,
        column_order=[
            "performer",
            "events",
            "orders",
            "wait",
            "repetitions",
            "repetition_share",
            "active_weeks",
            "weekly_median",
            "weekly_peak",
        ],
        column_config={
            "performer": st.column_config.TextColumn(tr("people.col.performer"), width="medium"),
            "events": count_column("people.col.events"),
            "orders": count_column("people.col.orders"),
            "wait": st.column_config.TextColumn(tr("people.col.wait"), help=tr("people.col.wait.help")),
            "repetitions": count_column("people.col.repetitions", "people.col.repetitions.help"),
            "repetition_share": st.column_config.NumberColumn(tr("people.col.repetition_share"), format="%.1f%%"),
            "active_weeks": count_column("people.col.active_weeks"),
            "weekly_median": st.column_config.NumberColumn(
                tr("people.col.weekly_median"), format="%.1f", help=tr("people.col.weekly_median.help")
            ),
            "weekly_peak": count_column("people.col.weekly_peak"),
        },
    )
    names = table["performer"].tolist()
    controls = st.columns([2, 3, 1], vertical_alignment="bottom")
    picked = controls[0].selectbox(tr("people.trend.pick"), names, key=f"people_pick_{level}")
    controls[2].download_button(
        tr("people.download"),
        data=lambda: to_csv_bytes(table),
        file_name="workload.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key=Key.PEOPLE_DOWNLOAD,
    )
    weekly = weekly_workload(view, level, picked)
    chart = (
        alt.Chart(weekly)
        .mark_bar(color=BLUE)
        .encode(
            x=alt.X("week:T", title=tr("people.trend.week")),
            y=alt.Y("events:Q", title=tr("people.trend.events")),
            tooltip=[
                alt.Tooltip("week:T", title=tr("people.trend.week"), format="%d %b %Y"),
                alt.Tooltip("events:Q", title=tr("people.trend.events"), format=","),
            ],
        )
        .properties(height=200)
    )
    st.altair_chart(chart, width="stretch")

with handover_tab:
    handover_section(view, level, table)

with balance_tab:
    st.caption(tr("people.balance.hint", min=CONCENTRATED_MIN_PERFORMERS, share=CONCENTRATED_TOP3))
    unassigned = ["unassigned"] if balance["unassigned"].any() else []
    st.dataframe(
        balance.assign(top1_share=balance["top1_share"] * 100, top3_share=balance["top3_share"] * 100),
        hide_index=True,
        width="stretch",
        key=Key.PEOPLE_BALANCE,
        height=ROW_HEIGHT * (len(balance) + 1) + 3,
        column_order=[
            "activity",
            "executions",
            *unassigned,
            "performers",
            "top_performer",
            "top1_share",
            "top3_share",
            "gini",
            "concentrated",
        ],
        column_config={
            "activity": st.column_config.TextColumn(tr("people.col.activity"), width=190),
            "executions": count_column("people.col.executions"),
            "unassigned": count_column("people.col.unassigned"),
            "performers": count_column("people.col.performers"),
            "top_performer": st.column_config.TextColumn(tr("people.col.top_performer"), width=150),
            "top1_share": share_column("people.col.top1"),
            "top3_share": share_column("people.col.top3"),
            "gini": st.column_config.NumberColumn(tr("people.col.gini"), format="%.2f", width=60),
            "concentrated": st.column_config.CheckboxColumn(tr("people.col.concentrated"), width=110),
        },
    )
    activities = balance["activity"].tolist()
    shared = balance.loc[balance["performers"] > 1, "activity"]  # a first look worth having: work split several ways
    if st.session_state.get(Key.PEOPLE_ACTIVITY) not in activities:
        st.session_state[Key.PEOPLE_ACTIVITY] = shared.iloc[0] if len(shared) else activities[0]
    activity = st.columns([2, 3])[0].selectbox(tr("people.balance.pick"), activities, key=Key.PEOPLE_ACTIVITY)
    who = activity_performers(view, level, activity)
    bars = (
        alt.Chart(who)
        .mark_bar(color=BLUE, height=14)
        .encode(
            x=alt.X("executions:Q", title=tr("people.col.executions")),
            y=alt.Y("performer:N", sort=None, title=None, axis=alt.Axis(labelLimit=240)),
            tooltip=[
                alt.Tooltip("performer:N", title=tr("people.col.performer")),
                alt.Tooltip("executions:Q", title=tr("people.col.executions"), format=","),
                alt.Tooltip("share:Q", title=tr("people.col.share"), format=".1%"),
            ],
        )
        .properties(height=alt.Step(24))
    )
    st.altair_chart(bars, width="stretch")
