"""Variants page: the distinct paths of the selected orders, and picking some to filter the whole app."""

import streamlit as st

from o2c.discover.variants import VARIANT_ROWS, rework_marks, variant_export, variants_page
from o2c.export import to_csv_bytes
from o2c.format import DAYS
from o2c.log.index import variant_index
from ui.engine_pages import engine_page
from ui.keys import Key
from ui.state import filters, page_view, tr
from ui.text import md

if engine_page("variants"):  # a large source opened through DuckDB or Spark
    st.stop()

MAX_DETAILS = 10  # selected variants spelled out below the table


view = page_view("variants.title", allow_empty=True)

active = filters().variants
if active:
    st.info(tr("variants.active", n=len(active)), icon=":material/filter_alt:")
    missing = len(set(active) - set(variant_index(view.log).ids))
    if missing:
        st.warning(tr("variants.active.missing", n=missing))
if view.n_cases == 0:
    st.warning(tr("common.empty"))
    st.stop()

page = variants_page(view, VARIANT_ROWS, tr("variants.without"))
families, table, rows, unit = page.families, page.table, page.rows, page.unit
metrics = st.columns(3)
metrics[0].metric(tr("variants.count"), f"{len(table):,}")
metrics[1].metric(tr("variants.top"), tr("variants.top.value", share=table["share"].iloc[0]))
metrics[2].metric(tr("variants.cover80"), f"{page.cover80:,}")

unit_seconds = unit.seconds
unit_text = tr("variants.unit.days" if unit is DAYS else "variants.unit.hours")
shown = rows.assign(
    share=rows["share"] * 100,
    cumulative_share=rows["cumulative_share"] * 100,
    median=rows["median_seconds"] / unit_seconds,
    p90=rows["p90_seconds"] / unit_seconds,
)
st.caption(tr("variants.hint"))
event = st.dataframe(
    shown,
    key=Key.VARIANTS_TABLE,
    on_select="rerun",
    selection_mode="multi-row",
    width="stretch",
    hide_index=True,
    height=min(35 * len(shown) + 38, 600),
    column_order=["rank", "orders", "share", "cumulative_share", "median", "p90", "steps", "path"],
    column_config={
        "rank": st.column_config.NumberColumn("#", width=40),
        "orders": st.column_config.NumberColumn(tr("variants.col.orders"), format="localized", width=60),
        "share": st.column_config.NumberColumn(tr("variants.col.share"), format="%.1f%%", width=60),
        "cumulative_share": st.column_config.NumberColumn(tr("variants.col.cumulative"), format="%.1f%%", width=80),
        "median": st.column_config.NumberColumn(
            tr("variants.col.median", unit=unit_text),
            format="%.1f",
            help=tr("variants.col.time.help", unit=unit_text),
            width=85,
        ),
        "p90": st.column_config.NumberColumn(
            tr("variants.col.p90", unit=unit_text),
            format="%.1f",
            help=tr("variants.col.time.help", unit=unit_text),
            width=75,
        ),
        "steps": st.column_config.NumberColumn(tr("variants.col.steps"), width=55),
        "path": st.column_config.TextColumn(tr("variants.col.path"), width=900),
    },
)
if len(table) > VARIANT_ROWS:
    st.caption(tr("variants.truncated", shown=VARIANT_ROWS, total=len(table)))
st.download_button(
    tr("variants.download"),
    key=Key.DOWNLOAD_VARIANTS,
    icon=":material/download:",
    mime="text/csv",
    file_name="variants.csv",
    on_click="ignore",
    data=lambda: to_csv_bytes(variant_export(view, families)),
)

picked = rows.iloc[list(event.selection.rows)]
ids = tuple(picked["variant_id"])
st.session_state[Key.VARIANT_SELECTION] = ids


if ids:
    head, action = st.columns([3, 1], vertical_alignment="bottom")
    head.subheader(tr("variants.selected"))
    if action.button(tr("variants.filter"), type="primary", icon=":material/filter_alt:", key=Key.FILTER_TO_VARIANTS):
        st.session_state[Key.PENDING_VARIANTS] = ids
        st.rerun()
    sequences = variant_index(view.log).sequences
    for _, row in picked.head(MAX_DETAILS).iterrows():
        steps = sequences[row["code"]]
        marks = rework_marks(steps, families)
        path = " → ".join(f":orange[**{md(s)} ↺**]" if m else md(s) for s, m in zip(steps, marks))
        st.markdown(
            tr("variants.selected.row", rank=row["rank"], orders=row["orders"], share=row["share"], steps=row["steps"])
            + "  \n"
            + path
        )
    if len(picked) > MAX_DETAILS:
        st.caption(tr("variants.selected.more", n=len(picked) - MAX_DETAILS))
