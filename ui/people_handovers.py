"""The People & teams page's column helpers and its handover tab: who passes orders to whom, as a map and a table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from o2c.export import to_csv_bytes
from o2c.format import short_duration
from o2c.improve.people import DEFAULT_HANDOVERS_SHOWN, handover_dot, handovers
from o2c.log.eventlog import LogView
from ui.keys import Key
from ui.state import language, tr


def count_column(key: str, help_key: str | None = None) -> st.column_config.NumberColumn:
    """A count column with a translated title."""
    return st.column_config.NumberColumn(tr(key), format="localized", help=tr(help_key) if help_key else None)


def share_column(key: str) -> st.column_config.ProgressColumn:
    """A 0-100% bar column."""
    return st.column_config.ProgressColumn(tr(key), format="%.0f%%", min_value=0, max_value=100, width=110)


def handover_section(view: LogView, level: str, table: pd.DataFrame) -> None:
    """The handover map of ``level`` (the most frequent handovers, a slider for more) and its table."""
    st.caption(tr("people.handovers.hint"))
    passes = handovers(view, level)
    if passes.empty:
        st.info(tr("people.handovers.none"))
    else:
        top = DEFAULT_HANDOVERS_SHOWN
        if len(passes) > 1:
            top = st.columns([1, 2])[0].slider(
                tr("people.handovers.top"),
                1,
                len(passes),
                min(DEFAULT_HANDOVERS_SHOWN, len(passes)),
                key=f"people_top_{level}",
                help=tr("people.handovers.top.help"),
            )
        shown = min(top, len(passes))
        covered = passes["handovers"].head(shown).sum() / passes["handovers"].sum()
        st.caption(tr("people.handovers.shown", shown=shown, total=len(passes), share=covered))
        dot = handover_dot(passes, table, shown, language())
        st.graphviz_chart(dot, width="content")
        with st.expander(tr("people.handovers.table"), icon=":material/table:"):
            st.dataframe(
                passes.assign(wait=passes["median_wait_seconds"].map(short_duration)),
                hide_index=True,
                width="stretch",
                key=Key.PEOPLE_HANDOVERS,
                column_order=["source", "target", "handovers", "orders", "wait"],
                column_config={
                    "source": st.column_config.TextColumn(tr("people.col.source")),
                    "target": st.column_config.TextColumn(tr("people.col.target")),
                    "handovers": count_column("people.col.handovers"),
                    "orders": count_column("people.col.orders"),
                    "wait": st.column_config.TextColumn(tr("people.col.handover_wait")),
                },
            )
            columns = st.columns(2)
            columns[0].download_button(
                tr("people.download"),
                data=lambda: to_csv_bytes(passes),
                file_name="handovers.csv",
                mime="text/csv",
                icon=":material/download:",
                on_click="ignore",
                key=Key.PEOPLE_DOWNLOAD_HANDOVERS,
            )
            columns[1].download_button(
                tr("people.download.dot"),
                dot.encode("utf-8"),
                "handovers.dot",
                "text/vnd.graphviz",
                icon=":material/download:",
                on_click="ignore",
                key=Key.PEOPLE_DOWNLOAD_DOT,
            )
