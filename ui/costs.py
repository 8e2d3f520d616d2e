"""The cost table and the system users of this session, shared by the Automation & cost and What-if pages."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from o2c.automation import default_system_resources, resource_codes
from o2c.cost import COST_COLUMN, MINUTES_COLUMN, CostTable, cost_table_for, table_from_frame
from o2c.eventlog import EventLog
from o2c.rules import apply_editor_changes
from ui.state import dataset, tr


def _source(log: EventLog) -> tuple[str, pd.DataFrame, list]:
    """Where the costs come from (the loaded workbook's Activities sheet, else the defaults), the table and the
    sheet's problems."""
    sheet = st.session_state.get("workbook_costs")
    current = dataset()
    digest = current.digest if current else ""
    if sheet and sheet.get("digest") == digest and sheet.get("costs") is not None:
        return f"workbook:{digest}", cost_table_for(log, sheet["costs"]).to_frame(), list(sheet.get("problems") or [])
    return f"default:{digest}", cost_table_for(log, None).to_frame(), []


def _base(log: EventLog) -> tuple[pd.DataFrame, list]:
    """The table being edited in this session; a new upload starts from its own source again."""
    source, frame, problems = _source(log)
    if st.session_state.get("cost_source") != source:
        st.session_state["cost_source"] = source
        st.session_state["cost_base"] = frame
        st.session_state["cost_version"] = st.session_state.get("cost_version", 0) + 1
    return st.session_state["cost_base"], problems


def cost_table(log: EventLog) -> CostTable:
    """This session's cost table for ``log`` (edited, from the workbook, or the defaults)."""
    return table_from_frame(_base(log)[0])


def _editor_key() -> str:
    return f"cost_editor_{st.session_state.get('cost_version', 0)}"


def _commit() -> None:
    """Fold the editor's changes into the stored table (they survive leaving the page) and start afresh."""
    changes = st.session_state.get(_editor_key()) or {}
    st.session_state["cost_base"] = apply_editor_changes(st.session_state["cost_base"], changes)
    st.session_state["cost_version"] = st.session_state.get("cost_version", 0) + 1


def _reset() -> None:
    st.session_state.pop("cost_source", None)


def cost_editor(log: EventLog) -> None:
    """The editable cost table with its source, a reset button and the workbook's problems."""
    base, problems = _base(log)
    source = st.session_state.get("cost_source", "")
    st.caption(tr("auto.table.workbook" if source.startswith("workbook:") else "auto.table.default"))
    currency = table_from_frame(base).currency
    st.data_editor(
        base, key=_editor_key(), on_change=_commit, num_rows="fixed", hide_index=True, width="stretch",
        disabled=["activity"], height=35 * (len(base) + 1) + 3,
        column_config={
            "activity": st.column_config.TextColumn(tr("auto.col.activity"), width="large"),
            COST_COLUMN: st.column_config.NumberColumn(tr("auto.col.cost_per_execution", currency=currency),
                                                       min_value=0.0, format="%.2f"),
            MINUTES_COLUMN: st.column_config.NumberColumn(tr("auto.col.manual_minutes"), min_value=0.0,
                                                          format="%g", help=tr("auto.col.manual_minutes.help"))})
    st.button(tr("auto.table.reset"), key="cost_reset", on_click=_reset, icon=":material/restart_alt:")
    for problem in problems:
        st.warning(tr("auto.table.problem", row=problem.row, message=problem.message, fix=problem.fix),
                   icon=":material/warning:")


def saved_systems(log: EventLog) -> tuple[str, ...]:
    """The systems chosen on the Automation & cost page for this upload, else the defaults."""
    current = dataset()
    saved = st.session_state.get("auto_systems_saved")
    if saved and current and saved[0] == current.digest:
        return tuple(saved[1])
    return default_system_resources(log)


def system_resources(log: EventLog) -> tuple[str, ...] | None:
    """The multiselect of which resources are systems (prefilled with the defaults, kept per upload); None
    without a resource column."""
    found = resource_codes(log)
    if found is None:
        st.caption(tr("auto.systems.none"))
        return None
    names = found[1]
    current = dataset()
    digest = current.digest if current else ""
    saved = st.session_state.get("auto_systems_saved")
    if saved is None or saved[0] != digest:
        saved = (digest, list(default_system_resources(log)))
        st.session_state["auto_systems_saved"] = saved
        st.session_state.pop("auto_systems", None)
    if "auto_systems" not in st.session_state:  # Streamlit drops widget state when the page is left
        st.session_state["auto_systems"] = [n for n in saved[1] if n in names]

    def remember() -> None:
        st.session_state["auto_systems_saved"] = (digest, list(st.session_state["auto_systems"]))

    with st.expander(tr("auto.systems", n=len(st.session_state["auto_systems"])), icon=":material/smart_toy:"):
        chosen = st.multiselect(tr("auto.systems.label"), names, key="auto_systems", on_change=remember,
                                help=tr("auto.systems.help"))
    return tuple(chosen)
