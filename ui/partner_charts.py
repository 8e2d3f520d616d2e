"""The Partners & carriers page's charts: on-time rate per partner and its monthly trend."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ui.state import tr

BLUE, RED, GREY = "#4c78a8", "#c44e52", "#9a9a9a"


def rate_chart(frame: pd.DataFrame, overall_rate: float) -> alt.Chart:
    """On-time rate per partner (dot) with its 95% interval (bar), worst at the top; the overall rate as a rule."""
    label = tr("partners.col.partner")
    rate = tr("partners.col.rate")
    data = frame.assign(flagged=frame["rate_high"] < overall_rate)
    y = alt.Y("partner:N", sort=None, title=None, axis=alt.Axis(labelLimit=260))
    tooltip = [
        alt.Tooltip("partner:N", title=label),
        alt.Tooltip("on_time_rate:Q", title=rate, format=".1%"),
        alt.Tooltip("rate_low:Q", title=f"{tr('partners.col.interval')} ↓", format=".1%"),
        alt.Tooltip("rate_high:Q", title=f"{tr('partners.col.interval')} ↑", format=".1%"),
        alt.Tooltip("judged:Q", title=tr("partners.col.judged"), format=","),
        alt.Tooltip("late_share:Q", title=tr("partners.col.late_share"), format=".0%"),
    ]
    base = alt.Chart(data).encode(y=y, tooltip=tooltip)
    colour = alt.condition("datum.flagged", alt.value(RED), alt.value(BLUE))
    # Start the axis near the lowest bound: rates of 85% and 95% must not look alike.
    lowest = max(0.0, float(min(data["rate_low"].min(), overall_rate)) - 0.05)
    whisker = base.mark_rule(strokeWidth=3, opacity=0.45).encode(
        x=alt.X("rate_low:Q", title=rate, axis=alt.Axis(format="%"), scale=alt.Scale(domain=[lowest, 1])),
        x2="rate_high:Q",
        color=colour,
    )
    dots = base.mark_circle(size=90, opacity=1).encode(x="on_time_rate:Q", color=colour)
    overall_rule = (
        alt.Chart(pd.DataFrame({"rate": [overall_rate]})).mark_rule(color=GREY, strokeDash=[4, 3]).encode(x="rate:Q")
    )
    return (whisker + dots + overall_rule).properties(height=alt.Step(28))


def trend_chart(trend: pd.DataFrame) -> alt.Chart:
    """On-time rate per month, one line per partner."""
    month, rate, label = tr("partners.trend.month"), tr("partners.trend.rate"), tr("partners.col.partner")
    base = alt.Chart(trend).encode(
        x=alt.X("month:T", title=month, axis=alt.Axis(format="%b %Y")),
        y=alt.Y("on_time_rate:Q", title=rate, axis=alt.Axis(format="%"), scale=alt.Scale(zero=False)),
        # A legend on top would take its height from the plot (Streamlit fits the whole chart to the height).
        color=alt.Color("partner:N", title=label, legend=alt.Legend(orient="right", labelLimit=220)),
        tooltip=[
            alt.Tooltip("partner:N", title=label),
            alt.Tooltip("month:T", title=month, format="%b %Y"),
            alt.Tooltip("on_time_rate:Q", title=rate, format=".1%"),
            alt.Tooltip("judged:Q", title=tr("partners.col.judged"), format=","),
        ],
    )
    return (base.mark_line() + base.mark_circle(size=30)).properties(height=300)
