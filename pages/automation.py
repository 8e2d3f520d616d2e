"""Automation & cost page: which steps to automate next, what an order costs, and what rework costs."""

import numpy as np
import streamlit as st

from o2c.export import to_csv_bytes
from o2c.improve.automation import automation_candidates, system_events, touchless_orders
from o2c.improve.cost import cost_by_attribute, cost_by_variant, order_costs, rework_cost
from o2c.log.attributes import split_attributes
from ui.costs import cost_editor, cost_table, system_resources
from ui.keys import Key
from ui.state import column_name, page_view, tr
from ui.text import md, tr_md

TOP_CANDIDATES = 3

view = page_view("automation.title")
log = view.log
systems = system_resources(log)
costs = cost_table(log)
currency = costs.currency


def money(value: float) -> str:
    return f"{value:,.2f} {currency}"


def percent_column(key: str, help_key: str | None = None) -> st.column_config.NumberColumn:
    return st.column_config.NumberColumn(
        tr(key), format="%.0f%%", help=tr(help_key) if help_key else None, width="small"
    )


def full_height(rows: int) -> int:
    """Pixels for a table that shows all its rows without scrolling."""
    return 35 * (rows + 1) + 3


per_order = order_costs(log, costs)[view.case_mask]
rework = rework_cost(view, costs)
metrics = st.columns(4)
if systems is not None:
    touchless = touchless_orders(log, systems)[view.case_mask]
    metrics[0].metric(tr("automation.touchless"), f"{touchless.mean():.1%}", help=tr("automation.touchless.help"))
    by_system, by_person = (flags[view.event_mask] for flags in system_events(log, systems))
    known = by_system.sum() + by_person.sum()
    metrics[1].metric(
        tr("automation.system_work"),
        f"{by_system.sum() / known:.1%}" if known else "–",
        help=tr("automation.system_work.help"),
    )
metrics[2].metric(
    tr("automation.cost_median"), money(float(np.median(per_order))), help=tr("automation.cost_median.help")
)
metrics[3].metric(
    tr("automation.rework_cost"), money(rework.total), help=tr("automation.rework_cost.help", orders=rework.orders)
)

candidates_tab, cost_tab, table_tab = st.tabs(
    [tr("automation.tab.candidates"), tr("automation.tab.cost"), tr("automation.tab.table")]
)

with candidates_tab:
    candidates = automation_candidates(view, systems or (), costs)
    reasons = []
    for row in candidates[candidates["score"] > 0].head(TOP_CANDIDATES).itertuples():
        role = tr_md("automation.reason.role", role=row.role, share=row.role_share) if row.role else ""
        system = tr("automation.reason.system", share=row.system_share) if row.system_share > 0 else ""
        reasons.append(
            "- "
            + tr(
                "automation.reason",
                activity=md(row.activity),
                score=row.score,
                executions=row.executions,
                orders=row.orders_share,
                people=row.person_share,
                role=role,
                predecessor=md(row.predecessor) if row.predecessor else tr("automation.start"),
                pred_share=row.predecessor_share,
                hours=row.person_hours,
                minutes=row.minutes,
                system=system,
            )
        )
    st.markdown("\n".join(reasons))
    shown = candidates.assign(
        **{column: candidates[column] * 100 for column in ("orders_share", "person_share", "predecessor_share")},
        role_share=candidates["role_share"].map(lambda v: "–" if v != v else f"{v:.0%}"),
        person_hours=candidates["person_hours"].round(),
        cost=candidates["cost"].round(),
    )
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        key=Key.AUTO_CANDIDATES,
        height=full_height(len(shown)),
        column_order=[
            "activity",
            "score",
            "executions",
            "orders_share",
            "per_order",
            "person_share",
            "predecessor_share",
            "role_share",
            "person_hours",
            "cost",
        ],
        column_config={
            "activity": st.column_config.TextColumn(tr("automation.col.activity"), width=180),
            "score": st.column_config.ProgressColumn(
                tr("automation.col.score"), format="%.0f", min_value=0, max_value=100, width=90
            ),
            "executions": st.column_config.NumberColumn(
                tr("automation.col.executions"), format="localized", width="small"
            ),
            "orders_share": percent_column("automation.col.orders_share"),
            "per_order": st.column_config.NumberColumn(
                tr("automation.col.per_order"), format="%.2f", help=tr("automation.col.per_order.help"), width="small"
            ),
            "person_share": percent_column("automation.col.person_share"),
            "predecessor_share": percent_column(
                "automation.col.predecessor_share", "automation.col.predecessor_share.help"
            ),
            "role_share": st.column_config.TextColumn(
                tr("automation.col.role_share"), help=tr("automation.col.role_share.help"), width="small"
            ),
            "person_hours": st.column_config.NumberColumn(
                tr("automation.col.person_hours"),
                format="localized",
                help=tr("automation.col.person_hours.help"),
                width="small",
            ),
            "cost": st.column_config.NumberColumn(
                tr("automation.col.cost", currency=currency), format="localized", width="small"
            ),
        },
    )
    st.caption(tr("automation.candidates.caption"))
    st.download_button(
        tr("automation.download"),
        to_csv_bytes(candidates),
        "automation_candidates.csv",
        "text/csv",
        key=Key.AUTO_CANDIDATES_CSV,
        icon=":material/download:",
    )

with cost_tab:
    summary = st.columns(3)
    summary[0].metric(tr("automation.cost.mean"), money(float(per_order.mean())))
    summary[1].metric(tr("automation.cost.total"), money(float(per_order.sum())))
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

with table_tab:
    cost_editor(log)
