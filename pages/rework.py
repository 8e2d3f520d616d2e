"""Rework page: activities done more than once per order, by whom, the loops they form and the orders affected."""

import streamlit as st

from o2c.discover.rework import rework, rework_page
from o2c.export import to_csv_bytes
from o2c.format import format_duration, signed_duration
from ui.click_filter import rework_filter
from ui.deep_link import seed_from_link
from ui.keys import Key
from ui.state import page_view, tr
from ui.text import tr_md

MAX_ORDERS = 5000  # rows drawn in the orders table; the CSV has them all

view = page_view("rework.title")
seed_from_link("_focus", Key.REWORK_FOCUS, lambda: rework(view).by_activity["activity"])

# The orders tab's pick, read before the tabs are drawn (a widget's new value is in the state when the page reruns).
page = rework_page(view, st.session_state.get(Key.REWORK_FOCUS) or None)
result, table, families = page.result, page.result.by_activity, page.families

metrics = st.columns(3)
metrics[0].metric(tr("rework.rate"), f"{result.rate:.1%}", help=tr("rework.rate.help"))
if families:
    metrics[1].metric(
        tr("rework.rate_checks"),
        f"{result.rate_with_families:.1%}",
        help=tr_md("rework.rate_checks.help", families="; ".join(families)),
    )
if result.median_with_seconds is not None and result.median_without_seconds is not None:
    difference = result.median_with_seconds - result.median_without_seconds
    metrics[2].metric(
        tr("rework.median"),
        format_duration(result.median_with_seconds),
        delta=tr("rework.median.delta", diff=signed_duration(difference, minus="-")),
        delta_color="inverse",
        help=tr("rework.median.help"),
    )
if table.empty:
    st.success(tr("rework.none"))
    st.stop()


def count_column(key: str, help_key: str | None = None, width: int | None = None) -> st.column_config.NumberColumn:
    """A count column with a translated title."""
    return st.column_config.NumberColumn(
        tr(key), format="localized", help=tr(help_key) if help_key else None, width=width
    )


by_activity, loops, orders = st.tabs([tr("rework.tab.activity"), tr("rework.tab.loops"), tr("rework.tab.orders")])

with by_activity:
    st.caption(tr("rework.activity.hint"))
    if not result.has_resource:
        st.caption(tr("rework.no_resource"))
    shown = table.assign(
        share=table["share"] * 100,
        median_with=table["median_with_seconds"].map(format_duration),
        median_without=table["median_without_seconds"].map(format_duration),
    )
    resource_columns = ["repeat", "orders_repeat", "redo", "orders_redo"] if result.has_resource else []
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        key=Key.REWORK_BY_ACTIVITY,
        column_order=["activity", "orders", "share", "extra", *resource_columns, "median_with", "median_without"],
        column_config={
            "activity": st.column_config.TextColumn(tr("rework.col.activity"), width=210),
            "orders": count_column("rework.col.orders", "rework.col.orders.help", 60),
            "share": st.column_config.ProgressColumn(
                tr("rework.col.share"), format="%.1f%%", min_value=0, max_value=100, width=95
            ),
            "extra": count_column("rework.col.extra", "rework.col.extra.help", 55),
            "repeat": count_column("rework.col.repeat", "rework.col.repeat.help", 65),
            "orders_repeat": count_column("rework.col.orders_repeat", None, 95),
            "redo": count_column("rework.col.redo", "rework.col.redo.help", 55),
            "orders_redo": count_column("rework.col.orders_redo", None, 85),
            "median_with": st.column_config.TextColumn(
                tr("rework.col.median_with"), help=tr("rework.col.median.help"), width=95
            ),
            "median_without": st.column_config.TextColumn(
                tr("rework.col.median_without"), help=tr("rework.col.median.help"), width=110
            ),
        },
    )

with loops:
    st.caption(tr("rework.loops.hint"))
    st.markdown(f"**{tr('rework.loops.per_activity')}**")
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        key=Key.REWORK_LOOPS,
        column_order=["activity", "self_loops", "orders_self_loop", "back_loops", "orders_back_loop"],
        column_config={
            "activity": st.column_config.TextColumn(tr("rework.col.activity"), width=260),
            "self_loops": count_column("rework.col.self_loops"),
            "orders_self_loop": count_column("rework.col.orders_self_loop"),
            "back_loops": count_column("rework.col.back_loops"),
            "orders_back_loop": count_column("rework.col.orders_back_loop"),
        },
    )
    st.markdown(f"**{tr('rework.pingpong')}**")
    if result.ping_pong.empty:
        st.caption(tr("rework.pingpong.none"))
    else:
        st.dataframe(
            result.ping_pong.assign(share=result.ping_pong["share"] * 100),
            hide_index=True,
            width="stretch",
            key=Key.REWORK_PING_PONG,
            column_order=["pattern", "orders", "share", "occurrences"],
            column_config={
                "pattern": st.column_config.TextColumn(tr("rework.col.pattern"), width="large"),
                "orders": count_column("rework.col.orders"),
                "share": st.column_config.NumberColumn(tr("rework.col.share"), format="%.1f%%"),
                "occurrences": count_column("rework.col.occurrences"),
            },
        )

with orders:
    choices = ["", *table["activity"]]
    controls = st.columns([2, 1, 1], vertical_alignment="bottom")
    controls[0].selectbox(
        tr("rework.orders.filter"), choices, key=Key.REWORK_FOCUS, format_func=lambda a: a or tr("rework.orders.any")
    )
    affected = page.affected
    controls[1].markdown(tr("rework.orders.count", n=len(affected)))
    controls[2].download_button(
        tr("rework.orders.download"),
        data=lambda: to_csv_bytes(affected),
        file_name="rework_orders.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key=Key.DOWNLOAD_REWORK_ORDERS,
    )
    st.dataframe(
        affected.head(MAX_ORDERS),
        hide_index=True,
        width="stretch",
        key=Key.REWORK_ORDERS,
        column_config={
            name: st.column_config.TextColumn(tr(f"rework.col.{name}"))
            for name in ("case_id", "order_number", "account_name", "rework")
        },
    )
    if len(affected) > MAX_ORDERS:
        st.caption(tr("rework.orders.truncated", shown=MAX_ORDERS, total=len(affected)))
    rework_filter(view.log.activity_names, page.focus, affected["case_id"])
