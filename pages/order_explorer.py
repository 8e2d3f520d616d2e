"""Order explorer: one order's events on a timeline, its waits, attributes, variant and rework."""

import pandas as pd
import streamlit as st

from o2c.discover.order_detail import find_order, order_detail, order_label, slowest_orders
from o2c.format import format_duration
from ui.keys import Key
from ui.order_view import TABLE_ROW, attributes_table, events_table, rework_table, timeline_chart
from ui.state import current_view, tr
from ui.text import md, tr_md

SLOWEST = 20
# Event columns worth a table column when the order has values in them.
ORDER_QUERY = "_order"  # the order in the URL, so an order can be shared as a link (the sidebar keeps "_" keys)


def use_pick() -> None:
    """The slowest-orders picker fills the lookup box."""
    picked = st.session_state.get(Key.ORDER_PICK)
    if picked:
        st.session_state[Key.ORDER_LOOKUP] = picked


def clear_pick() -> None:
    """Typing an order clears the picker, so the two never disagree."""
    st.session_state[Key.ORDER_PICK] = None


def follow_link() -> None:
    """A shared link (``?_order=<id or number>``) opens that order, once: clearing the box then clears it."""
    linked = st.query_params.get(ORDER_QUERY)
    if linked and linked != st.session_state.get(Key.ORDER_LINK_FOLLOWED):
        st.session_state[Key.ORDER_LINK_FOLLOWED] = linked
        st.session_state[Key.ORDER_LOOKUP] = linked


def write_link(case_id: str | None) -> None:
    """Keep the order being shown in the URL (and drop it when none is)."""
    if case_id is None:
        if ORDER_QUERY in st.query_params:
            del st.query_params[ORDER_QUERY]
    elif st.query_params.get(ORDER_QUERY) != case_id:
        st.query_params[ORDER_QUERY] = case_id
        st.session_state[Key.ORDER_LINK_FOLLOWED] = case_id  # our own link: not one to follow


def pick_label(log, row: pd.Series) -> str:
    """'00000384 · Acme GmbH · 118.7 d' for the slowest-orders picker."""
    parts = [order_label(log, row["case_code"])]
    if "account_name" in row and pd.notna(row["account_name"]):
        parts.append(str(row["account_name"]))
    return " · ".join([*parts, format_duration(row["duration_seconds"])])


st.title(tr("order_explorer.title"))
view = current_view()
if view is None:
    st.stop()
log = view.log
st.caption(tr("order_explorer.caption"))
follow_link()

slow = slowest_orders(view, SLOWEST)
labels = {row["case_id"]: pick_label(log, row) for _, row in slow.iterrows()}
if st.session_state.get(Key.ORDER_PICK) not in labels:  # the filters changed the slowest orders
    st.session_state[Key.ORDER_PICK] = None
lookup_col, pick_col = st.columns(2)
lookup_col.text_input(
    tr("order_explorer.lookup"),
    key=Key.ORDER_LOOKUP,
    placeholder=tr("order_explorer.lookup.placeholder"),
    on_change=clear_pick,
)
pick_col.selectbox(
    tr("order_explorer.slowest"),
    list(labels),
    index=None,
    key=Key.ORDER_PICK,
    format_func=labels.get,
    on_change=use_pick,
    placeholder=tr("order_explorer.slowest.placeholder"),
)

text = st.session_state.get(Key.ORDER_LOOKUP, "")
if not text.strip():
    write_link(None)
    st.info(tr("order_explorer.hint"), icon=":material/search:")
    st.stop()
code = find_order(log, text)
if code is None:
    write_link(None)
    st.warning(tr_md("order_explorer.not_found", text=text.strip()))
    st.stop()

detail = order_detail(log, code)
write_link(detail.case_id)
st.subheader(tr_md("order_explorer.heading", label=detail.label))
account = detail.attributes.get("account_name")
st.caption(
    " · ".join(md(p) for p in (detail.case_id, account) if p is not None)
    + ("" if view.case_mask[code] else " · " + tr("order_explorer.outside_filters"))
)

metrics = st.columns(4)
metrics[0].metric(tr("order_explorer.end_to_end"), format_duration(detail.duration_seconds))
metrics[1].metric(tr("order_explorer.events"), f"{len(detail.events):,}")
metrics[2].metric(
    tr("order_explorer.variant"),
    tr("order_explorer.variant.value", rank=detail.variant_rank, count=detail.variant_count),
    help=tr("order_explorer.variant.help", orders=detail.variant_orders, total=log.n_cases, id=detail.variant_id),
)
metrics[3].metric(tr("order_explorer.rework"), f"{len(detail.rework):,}", help=tr("order_explorer.rework.help"))

st.altair_chart(timeline_chart(detail.events), width="stretch")
st.markdown(f"**{tr('order_explorer.steps')}**")
events_table(detail)
st.markdown(f"**{tr('order_explorer.rework.title')}**")
if detail.rework.empty:
    st.caption(tr("order_explorer.rework.none"))
else:
    st.dataframe(
        rework_table(detail),
        hide_index=True,
        column_config={
            "activity": tr("common.activity"),
            "times": tr("order_explorer.times"),
            "performers": tr("order_explorer.performers"),
            "same_person": tr("order_explorer.who"),
        },
    )
st.markdown(f"**{tr('order_explorer.attributes')}**")
attributes = attributes_table(detail)
half = (len(attributes) + 1) // 2
for column, part in zip(st.columns(2, gap="large"), (attributes.iloc[:half], attributes.iloc[half:])):
    column.dataframe(
        part,
        hide_index=True,
        width="stretch",
        height=TABLE_ROW * (half + 1) + 3,
        column_config={"attribute": tr("order_explorer.attribute"), "value": tr("order_explorer.value")},
    )
