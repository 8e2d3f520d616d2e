"""The KPIs & monitoring page's snapshots: saved in a workspace, listed, compared and deleted."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from o2c.errors import SnapshotStoreError
from o2c.export import to_csv_bytes
from o2c.improve.settings import Settings
from o2c.log.eventlog import LogView
from o2c.monitor.snapshots import snapshot_from_view
from o2c.monitor.sources import comparison_headers, snapshot_comparison
from ui.keys import Key
from ui.state import dataset, filters, language, tr
from ui.text import tr_md
from ui.workspaces import store, without_path, workspace_picker

GREEN, RED = "#2e7d32", "#c62828"


def save_snapshot(view: LogView, settings: Settings, note: str) -> None:
    """Save the selection's KPIs under the label typed (the save button's ``on_click``)."""
    current = dataset()
    snapshot = snapshot_from_view(
        view,
        settings,
        st.session_state.get(Key.MONITOR_LABEL, ""),
        current.name if current else "",
        language(),
        filters(),
        settings_note=note,
    )
    try:
        saved = store().save(snapshot)
        label = store().get(saved).label  # made unique in the workspace
    except (SnapshotStoreError, sqlite3.Error, OSError, KeyError) as error:
        st.session_state[Key.MONITOR_STORE_ERROR] = without_path(error)
        return
    st.session_state.pop(Key.MONITOR_STORE_ERROR, None)
    st.toast(tr_md("monitoring.saved", label=label), icon=":material/check_circle:")


def ask_delete(snapshot_id: int) -> None:
    """Ask before deleting a snapshot."""
    st.session_state[Key.MONITOR_DELETE_PENDING] = snapshot_id


def confirm_delete(snapshot_id: int | None) -> None:
    """Delete the snapshot (None: keep it) and stop asking."""
    if snapshot_id is not None:
        store().delete(snapshot_id)
    st.session_state.pop(Key.MONITOR_DELETE_PENDING, None)


def snapshot_choice(table: pd.DataFrame) -> tuple[list[int], Callable[[int], str]]:
    """The listed snapshots' ids, newest first, and how each is named in a picker."""
    labels = {int(r.id): f"{r.label} · {r.created_at:%Y-%m-%d %H:%M} UTC" for r in table.itertuples()}
    return list(labels), labels.__getitem__


def coloured(table: pd.DataFrame) -> Styler:
    """A ``snapshot_comparison`` with its change and verdict green when better, red when worse."""
    colours = {"better": f"color: {GREEN}", "worse": f"color: {RED}"}
    styles = [colours.get(v, "") for v in table["judged"]]
    shown = table.drop(columns="judged")
    return shown.style.apply(lambda _: styles, subset=["change"]).apply(lambda _: styles, subset=["verdict"])


def save_box(view: LogView, settings: Settings, note: str) -> None:
    """The label to save under and the save button."""
    with st.container(border=True):
        st.markdown(f"**{tr('monitoring.save.title')}**")
        name, button = st.columns([4, 1], vertical_alignment="bottom")
        name.text_input(
            tr("monitoring.save.label"),
            key=Key.MONITOR_LABEL,
            value=tr("monitoring.save.default", date=f"{dt.date.today():%Y-%m-%d}"),
        )
        button.button(
            tr("monitoring.save"),
            key=Key.MONITOR_SAVE,
            type="primary",
            icon=":material/save:",
            on_click=save_snapshot,
            args=(view, settings, note),
            width="stretch",
        )
        st.caption(tr("monitoring.workspace.caption"))


def snapshots_section(view: LogView, settings: Settings, note: str) -> None:
    """The workspace, the save box, the saved snapshots, and their comparison and deletion."""
    workspace_picker()
    save_box(view, settings, note)
    if st.session_state.get(Key.MONITOR_STORE_ERROR):
        st.error(
            tr_md("monitoring.store.error", error=st.session_state[Key.MONITOR_STORE_ERROR]), icon=":material/error:"
        )
    try:
        table = store().list()
    except (SnapshotStoreError, sqlite3.Error) as error:
        st.error(tr_md("monitoring.store.error", error=without_path(error)), icon=":material/error:")
        return
    st.subheader(tr("monitoring.saved.title"))
    if table.empty:
        st.info(tr("monitoring.saved.none"), icon=":material/inventory_2:")
        return
    saved_table(table)
    ids, label_of = snapshot_choice(table)
    compare_part(ids, label_of)
    delete_part(ids, label_of)


def saved_table(table: pd.DataFrame) -> None:
    """The saved snapshots: label, time, file, selection, events' span and orders."""
    spans = [
        f"{first:%d %b %Y} – {last:%d %b %Y}" if pd.notna(first) else "–"
        for first, last in zip(table["first_event"], table["last_event"])
    ]
    text, number = st.column_config.TextColumn, st.column_config.NumberColumn
    st.dataframe(
        table.assign(span=spans)[["label", "created_at", "source_name", "filter_description", "span", "orders"]],
        hide_index=True,
        width="stretch",
        key=Key.MONITOR_SAVED_TABLE,
        column_config={
            "created_at": st.column_config.DatetimeColumn(tr("monitoring.col.saved"), format="YYYY-MM-DD HH:mm"),
            "source_name": tr("monitoring.col.source"),
            "label": text(tr("monitoring.col.label"), width="medium"),
            "filter_description": text(tr("monitoring.col.filter"), width="medium"),
            "span": tr("monitoring.col.span"),
            "orders": number(tr("monitoring.col.orders"), format="localized"),
        },
    )


def compare_part(ids: list[int], label_of: Callable[[int], str]) -> None:
    """Two snapshots picked and their KPIs side by side, with a CSV download."""
    st.subheader(tr("monitoring.compare.title"))
    if len(ids) < 2:
        st.caption(tr("monitoring.compare.one"))
        return
    left, right = st.columns(2)
    a = left.selectbox(tr("monitoring.compare.a"), ids, index=1, key=Key.MONITOR_SNAP_A, format_func=label_of)
    b = right.selectbox(tr("monitoring.compare.b"), ids, index=0, key=Key.MONITOR_SNAP_B, format_func=label_of)
    try:
        first, second = store().get(a), store().get(b)
    except KeyError:  # deleted in another session since the list was read
        st.rerun()
    table = coloured(snapshot_comparison(first, second, language()))
    headers = comparison_headers(first, second, language())
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        key=Key.MONITOR_COMPARE_TABLE,
        height=35 * (len(table.data) + 1) + 3,
        column_config=headers,
    )
    note, download = st.columns([3, 1], vertical_alignment="center")
    if first.settings != second.settings or first.filter_description != second.filter_description:
        note.caption(tr("monitoring.compare.differs"))
    download.download_button(
        tr("monitoring.compare.download"),
        to_csv_bytes(table.data.rename(columns=headers)),
        file_name="kpi_comparison.csv",
        mime="text/csv",
        key=Key.MONITOR_COMPARE_CSV,
        icon=":material/download:",
        width="stretch",
    )


def delete_part(ids: list[int], label_of: Callable[[int], str]) -> None:
    """Pick a snapshot to delete, then confirm."""
    pending = st.session_state.get(Key.MONITOR_DELETE_PENDING)
    with st.expander(tr("monitoring.delete.title"), icon=":material/delete:", expanded=pending is not None):
        if pending is not None and pending in ids:
            st.warning(tr_md("monitoring.delete.confirm", label=label_of(pending)), icon=":material/warning:")
            yes, no, _ = st.columns([1, 1, 3])
            yes.button(
                tr("monitoring.delete.yes"),
                key=Key.MONITOR_DELETE_YES,
                type="primary",
                on_click=confirm_delete,
                args=(pending,),
                width="stretch",
            )
            no.button(
                tr("monitoring.delete.no"),
                key=Key.MONITOR_DELETE_NO,
                on_click=confirm_delete,
                args=(None,),
                width="stretch",
            )
            return
        pick, button = st.columns([4, 1], vertical_alignment="bottom")
        chosen = pick.selectbox(tr("monitoring.delete.pick"), ids, key=Key.MONITOR_DELETE_PICK, format_func=label_of)
        button.button(
            tr("monitoring.delete"), key=Key.MONITOR_DELETE, on_click=ask_delete, args=(chosen,), width="stretch"
        )
