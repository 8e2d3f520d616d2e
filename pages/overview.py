"""Overview page: the selected orders at a glance."""

import altair as alt
import streamlit as st

from o2c.discover.overview import overview_page
from o2c.format import format_duration
from ui.engine_pages import engine_page
from ui.state import page_view, tr

if engine_page("overview"):  # a large source opened through DuckDB or Spark
    st.stop()

view = page_view("overview.title")

page = overview_page(view)
stats = page.stats
row1 = st.columns(4)
row1[0].metric(tr("overview.orders"), f"{stats.orders:,}")
row1[1].metric(tr("overview.events"), f"{stats.events:,}")
row1[2].metric(tr("overview.activities"), f"{stats.activities:,}")
row1[3].metric(
    tr("overview.paid"), f"{stats.paid_share:.0%}" if stats.paid_share is not None else tr("overview.paid.none")
)
row2 = st.columns([1, 1, 2])
row2[0].metric(tr("overview.median"), format_duration(stats.median_seconds), help=tr("overview.median.help"))
row2[1].metric(tr("overview.p90"), format_duration(stats.p90_seconds))
row2[2].metric(tr("overview.span"), f"{stats.start:%d %b %Y} – {stats.end:%d %b %Y}")

left, right = st.columns(2, gap="large")
with left:
    st.subheader(tr("overview.per_week"))
    weekly = page.per_week
    st.altair_chart(
        alt.Chart(weekly)
        .mark_bar(color="#4c78a8")
        .encode(
            x=alt.X("period:T", title=tr("common.week")),
            y=alt.Y("orders:Q", title=tr("overview.orders")),
            tooltip=[alt.Tooltip("period:T", title=tr("common.week")), alt.Tooltip("orders:Q", format=",")],
        )
        .properties(height=260),
        width="stretch",
    )
with right:
    st.subheader(tr("overview.per_activity"))
    counts = page.per_activity
    st.altair_chart(
        alt.Chart(counts)
        .mark_bar(color="#72b7b2")
        .encode(
            x=alt.X("events:Q", title=tr("overview.events")),
            y=alt.Y("activity:N", sort="-x", title=None, axis=alt.Axis(labelLimit=220, labelOverlap=False)),
            tooltip=[alt.Tooltip("activity:N", title=tr("common.activity")), alt.Tooltip("events:Q", format=",")],
        )
        .properties(height=max(160, 24 * len(counts))),
        width="stretch",
    )
