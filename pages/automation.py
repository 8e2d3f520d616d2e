"""Automation & cost page: which steps to automate next, what an order costs, and what rework costs."""

import numpy as np
import streamlit as st

from o2c.export import to_csv_bytes
from o2c.improve.automation import automation_candidates, system_events, touchless_orders
from o2c.improve.cost import order_costs, rework_cost
from ui.automation_cost import cost_section, full_height, money, percent_column
from ui.costs import cost_editor, cost_table, system_resources
from ui.keys import Key
from ui.state import page_view, tr
from ui.text import md, tr_md

TOP_CANDIDATES = 3

view = page_view("automation.title")
log = view.log
systems = system_resources(log)
costs = cost_table(log)
currency = costs.currency


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
    tr("automation.cost_median"), money(float(np.median(per_order)), currency), help=tr("automation.cost_median.help")
)
metrics[3].metric(
    tr("automation.rework_cost"),
    money(rework.total, currency),
    help=tr("automation.rework_cost.help", orders=rework.orders),
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
    cost_section(view, costs, per_order, rework)

with table_tab:
    cost_editor(log)
