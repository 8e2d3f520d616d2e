"""The Cycle times page's charts and table columns: durations in the unit that reads best."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from o2c.discover.cycle_times import Histogram
from o2c.format import TimeUnit, format_duration
from ui.state import tr

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
    return table.assign(
        median=table["median_seconds"].map(format_duration), p90=table["p90_seconds"].map(format_duration)
    )


def histogram_chart(histogram: Histogram) -> alt.Chart:
    """How many orders took how long end to end (``end_to_end(view).histogram``)."""
    data = histogram.bins.assign(range=[f"{s:g}–{e:g}" for s, e in zip(histogram.bins["start"], histogram.bins["end"])])
    title = tr("cycle_times.end_to_end_in", unit=unit_name(histogram.unit))
    return (
        alt.Chart(data)
        .mark_bar(color=BLUE, binSpacing=1)
        .encode(
            x=alt.X("start:Q", bin=alt.Bin(binned=True, step=histogram.width), title=title),
            x2="end:Q",
            y=alt.Y("orders:Q", title=tr("cycle_times.orders")),
            tooltip=[
                alt.Tooltip("range:N", title=title),
                alt.Tooltip("orders:Q", title=tr("cycle_times.orders"), format=","),
            ],
        )
        .properties(height=260)
    )


def trend_chart(trend: pd.DataFrame, unit: TimeUnit, period: str) -> alt.Chart:
    """The median and 90th percentile end-to-end time per week or month."""
    median, p90 = tr("cycle_times.median"), tr("cycle_times.p90")
    wide = trend.assign(median=unit.of(trend["median_seconds"]), p90=unit.of(trend["p90_seconds"]))
    data = pd.concat([wide.assign(measure=median, value=wide["median"]), wide.assign(measure=p90, value=wide["p90"])])
    period_title = tr(f"cycle_times.period.{period}")
    tooltip = [
        alt.Tooltip("period:T", title=period_title, format="%d %b %Y" if period == "week" else "%b %Y"),
        alt.Tooltip("orders:Q", title=tr("cycle_times.orders"), format=","),
        alt.Tooltip("median:Q", format=".1f", title=f"{median} ({unit_name(unit)})"),
        alt.Tooltip("p90:Q", format=".1f", title=f"{p90} ({unit_name(unit)})"),
    ]
    base = alt.Chart(data).encode(
        x=alt.X("period:T", title=period_title),
        y=alt.Y("value:Q", title=tr("cycle_times.end_to_end_in", unit=unit_name(unit))),
        color=alt.Color(
            "measure:N",
            title=None,
            scale=alt.Scale(domain=[median, p90], range=[BLUE, ORANGE]),
            legend=alt.Legend(orient="top"),
        ),
        tooltip=tooltip,
    )
    return (base.mark_line() + base.mark_circle(size=28)).properties(height=260)


def quantile_chart(table: pd.DataFrame, label: str, unit: TimeUnit) -> alt.Chart:
    """One row per value: a bar to the median, a line on to the 90th percentile."""
    data = table.assign(median=unit.of(table["median_seconds"]), p90=unit.of(table["p90_seconds"]))
    name = unit_name(unit)
    tooltip = [
        alt.Tooltip("value:N", title=label),
        alt.Tooltip("orders:Q", title=tr("cycle_times.orders"), format=","),
        alt.Tooltip("median:Q", format=".1f", title=f"{tr('cycle_times.median')} ({name})"),
        alt.Tooltip("p90:Q", format=".1f", title=f"{tr('cycle_times.p90')} ({name})"),
    ]
    y = alt.Y("value:N", sort=None, title=None, axis=alt.Axis(labelLimit=240, labelOverlap=False))
    base = alt.Chart(data).encode(y=y, tooltip=tooltip)
    bars = base.mark_bar(color=BLUE, height=14).encode(x=alt.X("median:Q", title=tr("cycle_times.in_unit", unit=name)))
    whisker = base.mark_rule(color=ORANGE, strokeWidth=2).encode(x="median:Q", x2="p90:Q")
    tick = base.mark_tick(color=ORANGE, thickness=2, size=14).encode(x="p90:Q")
    return (bars + whisker + tick).properties(height=alt.Step(26))  # a fixed height per row, not per chart
