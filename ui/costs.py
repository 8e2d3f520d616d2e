"""The cost table and the system users of this session, edited on the Automation & cost page and used by What-if.

Every change is also published under ``ui.state.COSTS_KEY`` / ``SYSTEMS_KEY``, where the KPIs, the backlog and
monitoring read this session's settings (``ui.state.active_costs`` / ``active_systems``).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from o2c.conform.rules import apply_editor_changes
from o2c.improve.automation import resource_codes
from o2c.improve.cost import COST_COLUMN, MINUTES_COLUMN, CostTable, cost_table_for, table_from_frame
from o2c.log.eventlog import EventLog
from ui.state import COSTS_KEY, SYSTEMS_KEY, active_systems, dataset, tr


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
        st.session_state.pop(COSTS_KEY, None)  # the other pages fall back to the same source
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
    current = dataset()
    if current:
        st.session_state[COSTS_KEY] = {"digest": current.digest,
                                       "costs": table_from_frame(st.session_state["cost_base"])}


def _reset() -> None:
    st.session_state.pop("cost_source", None)
    st.session_state.pop(COSTS_KEY, None)


def cost_editor(log: EventLog) -> None:
    """The editable cost table with its source, a reset button and the workbook's problems."""
    base, problems = _base(log)
    source = st.session_state.get("cost_source", "")
    st.caption(tr("automation.table.workbook" if source.startswith("workbook:") else "automation.table.default"))
    currency = table_from_frame(base).currency
    st.data_editor(
        base, key=_editor_key(), on_change=_commit, num_rows="fixed", hide_index=True, width="stretch",
        disabled=["activity"], height=35 * (len(base) + 1) + 3,
        column_config={
            "activity": st.column_config.TextColumn(tr("automation.col.activity"), width="large"),
            COST_COLUMN: st.column_config.NumberColumn(tr("automation.col.cost_per_execution", currency=currency),
                                                       min_value=0.0, format="%.2f"),
            MINUTES_COLUMN: st.column_config.NumberColumn(tr("automation.col.manual_minutes"), min_value=0.0,
                                                          format="%g", help=tr("automation.col.manual_minutes.help"))})
    st.button(tr("automation.table.reset"), key="cost_reset", on_click=_reset, icon=":material/restart_alt:")
    for problem in problems:
        st.warning(tr("automation.table.problem", row=problem.row, message=problem.message, fix=problem.fix),
                   icon=":material/warning:")


def saved_systems(log: EventLog) -> tuple[str, ...]:
    """The systems chosen on the Automation & cost page for this upload, else the defaults."""
    return tuple(active_systems(log))


def system_resources(log: EventLog) -> tuple[str, ...] | None:
    """The multiselect of which resources are systems (prefilled with the defaults, kept per upload); None
    without a resource column."""
    found = resource_codes(log)
    if found is None:
        st.caption(tr("automation.systems.none"))
        return None
    names = found[1]
    current = dataset()
    digest = current.digest if current else ""
    if st.session_state.get("auto_systems_digest") != digest:
        st.session_state["auto_systems_digest"] = digest
        st.session_state.pop("auto_systems", None)
    if "auto_systems" not in st.session_state:  # Streamlit drops widget state when the page is left
        st.session_state["auto_systems"] = [n for n in active_systems(log) if n in names]

    def publish() -> None:
        st.session_state[SYSTEMS_KEY] = {"digest": digest, "systems": tuple(st.session_state["auto_systems"])}

    with st.expander(tr("automation.systems", n=len(st.session_state["auto_systems"])), icon=":material/smart_toy:"):
        chosen = st.multiselect(tr("automation.systems.label"), names, key="auto_systems", on_change=publish,
                                help=tr("automation.systems.help"))
    return tuple(chosen)
