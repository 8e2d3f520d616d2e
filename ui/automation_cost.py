"""The Automation & cost page's cost tab: cost per order by channel or any attribute, and by variant."""

from __future__ import annotations

import numpy as np
import streamlit as st

from o2c.improve.cost import CostTable, ReworkCost, cost_by_attribute, cost_by_variant
from o2c.log.attributes import split_attributes
from o2c.log.eventlog import LogView
from ui.keys import Key
from ui.state import column_name, tr


def money(value: float, currency: str) -> str:
    """An amount with its currency."""
    return f"{value:,.2f} {currency}"


def percent_column(key: str, help_key: str | None = None) -> st.column_config.NumberColumn:
    """A 0-100 column with a translated title."""
    return st.column_config.NumberColumn(
        tr(key), format="%.0f%%", help=tr(help_key) if help_key else None, width="small"
    )


def full_height(rows: int) -> int:
    """Pixels for a table that shows all its rows without scrolling."""
    return 35 * (rows + 1) + 3


def cost_section(view: LogView, costs: CostTable, per_order: np.ndarray, rework: ReworkCost) -> None:
    """Cost per order: its spread, per value of an order attribute and per variant, and what rework costs."""
    log, currency = view.log, costs.currency
    summary = st.columns(3)
    summary[0].metric(tr("automation.cost.mean"), money(float(per_order.mean()), currency))
    summary[1].metric(tr("automation.cost.total"), money(float(per_order.sum()), currency))
    summary[2].metric(tr("automation.cost.rework_share"), f"{rework.total / max(per_order.sum(), 1e-9):.1%}")
    group_columns = {
        "value": tr("automation.col.value"),
        "orders": st.column_config.NumberColumn(tr("automation.col.orders"), format="localized", width="small"),
        "median": st.column_config.NumberColumn(tr("automation.cost.median"), format="%.2f", width="small"),
        "mean": st.column_config.NumberColumn(tr("automation.cost.mean"), format="%.2f", width="small"),
        "total": st.column_config.NumberColumn(tr("automation.cost.total"), format="localized", width="small"),
        "share": percent_column("automation.col.share"),
    }
    options = split_attributes(log)
    left, right = st.columns(2, gap="large")
    if options:
        attribute = left.selectbox(
            tr("automation.cost.by"),
            options,
            key=Key.AUTO_COST_BY,
            index=options.index("sales_channel") if "sales_channel" in options else 0,
            format_func=column_name,
        )
        by_attribute = cost_by_attribute(view, costs, attribute)
        left.dataframe(
            by_attribute.assign(share=by_attribute["share"] * 100, total=by_attribute["total"].round()),
            hide_index=True,
            width="stretch",
            column_config=group_columns,
        )
        left.caption(tr("automation.cost.by.caption"))
    right.markdown(f"**{tr('automation.cost.rework')}**")
    if rework.by_activity.empty:
        right.caption(tr("automation.cost.rework.none"))
    else:
        right.dataframe(
            rework.by_activity,
            hide_index=True,
            width="stretch",
            column_config={
                "activity": tr("automation.col.activity"),
                "repeated": st.column_config.NumberColumn(tr("automation.col.repeated"), format="localized"),
                "cost_per_execution": st.column_config.NumberColumn(tr("automation.col.each"), format="%.2f"),
                "cost": st.column_config.NumberColumn(tr("automation.col.cost", currency=currency), format="localized"),
            },
        )
        right.caption(tr("automation.cost.rework.caption"))
    st.markdown(f"**{tr('automation.cost.variant')}**")
    by_variant = cost_by_variant(view, costs)
    st.dataframe(
        by_variant.assign(share=by_variant["share"] * 100, total=by_variant["total"].round()),
        hide_index=True,
        width="stretch",
        height=full_height(len(by_variant)),
        column_order=["path", "orders", "mean", "total", "share"],
        column_config={**group_columns, "path": st.column_config.TextColumn(tr("automation.col.path"), width="large")},
    )
    st.caption(tr("automation.cost.variant.caption"))
