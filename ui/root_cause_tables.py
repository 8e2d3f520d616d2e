"""The Root causes page's ranked tables and chart of segments and behaviours."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from o2c.improve.root_causes import Outcome, explained_by
from o2c.log.eventlog import LogView
from ui.state import column_name, tr

CHART_ROWS = 10
EXPLAINED_ROWS = 10  # segments checked for a narrower value that explains them (one pass each)
STATUS_COLOURS = {"significant": "#d62728", "noise": "#9aa5b1", "small": "#d9dee4"}


def status(table: pd.DataFrame) -> pd.Series:
    """significant / noise / small per row."""
    return pd.Series(
        np.where(table["too_small"], "small", np.where(table["significant"], "significant", "noise")), index=table.index
    )


def points(value: float) -> str:
    """A difference of rates in whole percentage points, with a real minus sign."""
    return f"{round(value * 100):+d}".replace("-", "−")


def display(table: pd.DataFrame, label: pd.Series) -> pd.DataFrame:
    """The table as shown: rates in percent, lift and interval as text, a status word."""
    interval = [
        tr("root_causes.interval", low=points(lo), high=points(hi)) if not pd.isna(lo) else ""
        for lo, hi in zip(table["low"], table["high"])
    ]
    return table.assign(
        segment=label,
        rate_in=table["rate_in"] * 100,
        rate_out=table["rate_out"] * 100,
        lift=[f"{v:.2f}×" if np.isfinite(v) else "–" for v in table["lift"]],
        interval=interval,
        status=status(table).map(lambda s: tr(f"root_causes.status.{s}")),
    )


def draw_table(shown: pd.DataFrame, key: str, with_days: bool, with_value: bool) -> None:
    """The ranked table; behaviours have no value and no copies."""
    columns = [
        "segment",
        "value",
        "explained",
        "orders",
        "rate_in",
        "rate_out",
        "lift",
        "extra_orders",
        "extra_days",
        "interval",
        "status",
        "also",
    ]
    hidden = ({"extra_days"} if not with_days else set()) | (
        {"value", "explained", "also"} if not with_value else set()
    )
    text = st.column_config.TextColumn
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        key=key,
        column_order=[c for c in columns if c not in hidden],
        column_config={
            "segment": text(
                tr("root_causes.col.segment" if with_value else "root_causes.col.behaviour"),
                width=120 if with_value else 200,
            ),
            "value": st.column_config.TextColumn(tr("root_causes.col.value"), width=140),
            "orders": st.column_config.NumberColumn(tr("root_causes.col.orders"), format="localized", width=70),
            "rate_in": st.column_config.ProgressColumn(
                tr("root_causes.col.rate_in"), format="%.0f%%", min_value=0, max_value=100, width=80
            ),
            "rate_out": st.column_config.ProgressColumn(
                tr("root_causes.col.rate_out"), format="%.0f%%", min_value=0, max_value=100, width=80
            ),
            "lift": text(tr("root_causes.col.lift"), help=tr("root_causes.col.lift.help"), width=55),
            "extra_orders": st.column_config.NumberColumn(
                tr("root_causes.col.extra_orders"),
                format="%+.0f",
                width=75,
                help=tr("root_causes.col.extra_orders.help"),
            ),
            "extra_days": st.column_config.NumberColumn(
                tr("root_causes.col.extra_days"), format="%+.1f", help=tr("root_causes.col.extra_days.help"), width=75
            ),
            "interval": text(tr("root_causes.col.interval"), help=tr("root_causes.col.interval.help"), width=125),
            "status": st.column_config.TextColumn(tr("root_causes.col.status"), width=105),
            "explained": text(tr("root_causes.col.explained"), help=tr("root_causes.col.explained.help"), width=170),
            "also": st.column_config.TextColumn(tr("root_causes.col.also"), help=tr("root_causes.col.also.help")),
        },
    )


def explanations(view: LogView, outcome: Outcome, table: pd.DataFrame) -> list[str]:
    """For the top significant segments: the narrower value inside that explains them ("" when none does)."""
    texts = [""] * len(table)
    rows = np.flatnonzero((table["significant"] & (table["extra_orders"] > 0)).to_numpy())[:EXPLAINED_ROWS]
    pairs = [(table["factor"].iloc[i], table["value"].iloc[i]) for i in rows]
    for i, found in zip(rows, explained_by(view, outcome, pairs)):
        if found:
            texts[i] = tr(
                "root_causes.explained.value", segment=f"{column_name(found[0])} = {found[1]}", share=min(found[2], 1.0)
            )
    return texts


def chart(shown: pd.DataFrame) -> alt.Chart:
    """The top segments by extra outcome orders, coloured by what the interval says."""
    top = (
        shown[shown["extra_orders"] > 0]
        .head(CHART_ROWS)
        .assign(label=lambda f: f["segment"] + " = " + f["value"], key=lambda f: status(f))
    )
    names = {s: tr(f"root_causes.status.{s}") for s in STATUS_COLOURS}
    return (
        alt.Chart(top.assign(status=top["key"].map(names)))
        .mark_bar()
        .encode(
            x=alt.X("extra_orders:Q", title=tr("root_causes.col.extra_orders")),
            y=alt.Y("label:N", sort="-x", title=None, axis=alt.Axis(labelLimit=320, labelOverlap=False)),
            color=alt.Color(
                "status:N",
                title=None,
                legend=alt.Legend(orient="top"),
                scale=alt.Scale(domain=list(names.values()), range=list(STATUS_COLOURS.values())),
            ),
            tooltip=[
                alt.Tooltip("label:N", title=tr("root_causes.col.segment")),
                alt.Tooltip("orders:Q", title=tr("root_causes.col.orders"), format=","),
                alt.Tooltip("extra_orders:Q", title=tr("root_causes.col.extra_orders"), format=".0f"),
            ],
        )
        .properties(height=alt.Step(24))
    )
