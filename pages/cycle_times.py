"""Cycle times page: how long orders take end to end, for whom, between which milestones, and which steps wait."""

import streamlit as st

from o2c.discover.cycle_times import (
    duration_trend,
    end_to_end,
)
from o2c.format import format_duration
from ui.cycle_charts import histogram_chart, trend_chart
from ui.cycle_sections import bottleneck_section, milestone_section, split_section
from ui.engine_pages import engine_page
from ui.keys import Key
from ui.state import page_view, tr

if engine_page("cycle_times"):  # a large source opened through DuckDB or Spark
    st.stop()

view = page_view("cycle_times.title")

e2e = end_to_end(view)
stats = e2e.stats
metrics = st.columns(4)
metrics[0].metric(tr("cycle_times.orders"), f"{stats.orders:,}")
metrics[1].metric(tr("cycle_times.median_e2e"), format_duration(stats.median_seconds), help=tr("cycle_times.e2e.help"))
metrics[2].metric(tr("cycle_times.p90_e2e"), format_duration(stats.p90_seconds))
metrics[3].metric(tr("cycle_times.mean_e2e"), format_duration(stats.mean_seconds))

left, right = st.columns(2, gap="large")
with left:
    st.subheader(tr("cycle_times.distribution"))
    st.altair_chart(histogram_chart(e2e.histogram), width="stretch")
with right:
    head, control = st.columns([3, 2], vertical_alignment="bottom")
    head.subheader(tr("cycle_times.trend"))
    period = (
        control.segmented_control(
            tr("cycle_times.period"),
            ["week", "month"],
            default="week",
            key=Key.CYCLE_PERIOD,
            format_func=lambda p: tr(f"cycle_times.period.{p}"),
            label_visibility="collapsed",
        )
        or "week"
    )
    trend = duration_trend(view, period)
    st.altair_chart(trend_chart(trend, e2e.unit, period), width="stretch")
    st.caption(tr("cycle_times.trend.caption"))

split_section(view)
milestone_section(view)
bottleneck_section(view)
