"""The Order explorer's views of one order: its timeline, events, attributes and repeated steps."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from o2c.discover.order_detail import OrderDetail
from o2c.format import format_duration
from ui.state import column_name, tr

TABLE_ROW = 35  # st.dataframe row height in pixels, to size tables to their rows


MAX_TABLE_ROWS = 25  # longer tables scroll


EVENT_COLUMNS = ("resource", "role", "department", "document_id", "event_amount")


def timeline_chart(events: pd.DataFrame) -> alt.Chart:
    data = events.assign(
        wait=events["wait_seconds"].map(lambda s: "" if pd.isna(s) else format_duration(s)),
        who=events["resource"].fillna("–") if "resource" in events else "–",
        role=events["role"].fillna("–") if "role" in events else "–",
    )
    steps = list(dict.fromkeys(data["activity"]))
    tooltip = [
        alt.Tooltip("step:Q", title=tr("order_explorer.step")),
        alt.Tooltip("activity:N", title=tr("common.activity")),
        alt.Tooltip("timestamp:T", title=tr("order_explorer.time"), format="%d %b %Y %H:%M"),
        alt.Tooltip("who:N", title=tr("order_explorer.resource")),
        alt.Tooltip("role:N", title=tr("order_explorer.role")),
        alt.Tooltip("wait:N", title=tr("order_explorer.wait")),
    ]
    y = alt.Y("activity:N", sort=steps, title=None, axis=alt.Axis(labelLimit=220, labelOverlap=False))
    x = alt.X("timestamp:T", title=tr("order_explorer.time"), axis=alt.Axis(format="%d %b"))
    base = alt.Chart(data).encode(x=x, y=y, tooltip=tooltip)
    path = base.mark_line(color="#c0c7d0", strokeWidth=1.5).encode(order="step:Q")
    points = base.mark_circle(size=110, opacity=1).encode(
        color=alt.Color(
            "role:N",
            title=tr("order_explorer.role"),
            scale=alt.Scale(scheme="tableau10"),
            legend=alt.Legend(orient="right"),
        )
    )
    names = base.mark_text(align="left", dx=9, fontSize=11, color="#555").encode(text="who:N")
    return (path + points + names).properties(height=alt.Step(30))


def events_table(detail: OrderDetail) -> None:
    events = detail.events
    columns = [c for c in EVENT_COLUMNS if c in events and events[c].notna().any()]
    shown = events[["step", "activity", "timestamp"]].assign(
        wait=events["wait_seconds"].map(lambda s: "" if pd.isna(s) else format_duration(s))
    )
    shown = pd.concat([shown, events[columns]], axis=1)
    rows = min(len(shown), MAX_TABLE_ROWS)
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        height=TABLE_ROW * (rows + 1) + 3,
        placeholder="",
        column_config={
            "step": st.column_config.NumberColumn("#", width="small"),
            "activity": tr("common.activity"),
            "timestamp": st.column_config.DatetimeColumn(tr("order_explorer.time"), format="YYYY-MM-DD HH:mm"),
            "wait": st.column_config.TextColumn(tr("order_explorer.wait.short"), help=tr("order_explorer.wait")),
            **{c: tr(f"order_explorer.col.{c}") for c in columns},
        },
    )


def attributes_table(detail: OrderDetail) -> pd.DataFrame:
    values = [_text(v) for v in detail.attributes]
    return pd.DataFrame({"attribute": [column_name(n) for n in detail.attributes.index], "value": values})


def _text(value: object) -> str:
    if isinstance(value, pd.Timestamp):
        return f"{value:%Y-%m-%d}" if value == value.normalize() else f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, float):
        return f"{value:,.2f}" if value != int(value) else f"{value:,.0f}"
    return str(value)


def rework_table(detail: OrderDetail) -> pd.DataFrame:
    who = {True: tr("order_explorer.same_person"), False: tr("order_explorer.other_person")}
    return detail.rework.assign(same_person=detail.rework["same_person"].map(lambda s: who.get(s, "–")))
