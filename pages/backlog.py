"""Improvement backlog page: the ranked opportunities from the other pages, with evidence, estimated gain and the
affected orders as a Salesforce-ready download."""

import numpy as np
import streamlit as st

from o2c.export import to_csv_bytes, to_xlsx_bytes
from o2c.improve.backlog import KINDS, affected_orders, opportunities, priority
from ui.keys import Key
from ui.state import analysis_settings, language, page_view, tr

view = page_view("backlog.title")
settings = analysis_settings(view.log)
found = opportunities(view, settings, language())
if not found:
    st.success(tr("backlog.none"))
    st.stop()

st.caption(tr("backlog.intro"))
kinds = [k for k in KINDS if any(o.kind == k for o in found)]
picked = st.pills(
    tr("backlog.kinds"),
    kinds,
    selection_mode="multi",
    default=kinds,
    key=Key.BACKLOG_KINDS,
    format_func=lambda k: tr(f"backlog.kind.{k}"),
)
shown = [o for o in found if o.kind in (picked or kinds)]

affected = np.logical_or.reduce([o.cases for o in shown]) & view.case_mask
metrics = st.columns(3)
metrics[0].metric(tr("backlog.count"), f"{len(shown):,}")
metrics[1].metric(
    tr("backlog.orders"),
    f"{int(affected.sum()):,}",
    help=tr("backlog.orders.help", share=affected.sum() / view.n_cases),
)

currency = settings.costs.currency if settings.costs is not None else ""
table = [
    {
        "rank": rank,
        "kind": tr(f"backlog.kind.{o.kind}"),
        "title": o.title,
        "evidence": o.evidence,
        "orders": o.orders,
        "gain_days": o.gain_days,
        "gain_cost": o.gain_cost,
        "priority": priority(o, shown),
    }
    for rank, o in enumerate(shown, 1)
]
columns = {
    "rank": st.column_config.NumberColumn("#", width=35),
    "priority": st.column_config.ProgressColumn(
        tr("backlog.col.priority"),
        format="%.0f",
        min_value=0,
        max_value=max(row["priority"] for row in table),
        help=tr("backlog.col.priority.help"),
        width=80,
    ),
    "kind": st.column_config.TextColumn(tr("backlog.col.kind"), width=110),
    "title": st.column_config.TextColumn(tr("backlog.col.title"), width=280),
    "evidence": st.column_config.TextColumn(tr("backlog.col.evidence"), width=520),
    "orders": st.column_config.NumberColumn(tr("backlog.col.orders"), format="localized", width=70),
    "gain_days": st.column_config.NumberColumn(
        tr("backlog.col.gain_days"), format="%.0f", help=tr("backlog.col.gain_days.help"), width=90
    ),
    "gain_cost": st.column_config.NumberColumn(
        tr("backlog.col.gain_cost", currency=currency), format="%.0f", help=tr("backlog.col.gain_cost.help"), width=90
    ),
}
st.dataframe(
    table, hide_index=True, width="stretch", key=Key.BACKLOG_TABLE, column_order=list(columns), column_config=columns
)

st.subheader(tr("backlog.orders.title"))
choice = st.selectbox(
    tr("backlog.pick"), range(len(shown)), key=Key.BACKLOG_PICK, format_func=lambda i: f"{i + 1}. {shown[i].title}"
)
orders = affected_orders(view, shown[choice])
st.caption(tr("backlog.orders.hint", orders=len(orders)))
buttons = st.columns(2)
name = f"o2c_backlog_{choice + 1}"
buttons[0].download_button(
    tr("backlog.download.csv"),
    to_csv_bytes(orders),
    f"{name}.csv",
    "text/csv",
    icon=":material/download:",
    width="stretch",
)
buttons[1].download_button(
    tr("backlog.download.xlsx"),
    to_xlsx_bytes(orders, "Orders"),
    f"{name}.xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
    width="stretch",
)
