"""The cost table and the system users of this session, edited on the Automation & cost page and used by What-if.

Every change is also published under ``ui.state.COSTS_KEY`` / ``SYSTEMS_KEY``, where the KPIs, the backlog and
monitoring read this session's settings (``ui.state.active_costs`` / ``active_systems``).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from o2c.improve.automation import resource_codes
from o2c.improve.cost import COST_COLUMN, MINUTES_COLUMN, CostTable, cost_table_for, table_from_frame
from o2c.log.eventlog import EventLog
from ui.dataset_state import loaded_digest, put_slot, slot
from ui.editable_table import EditableTable
from ui.keys import Key
from ui.state import COSTS_KEY, SYSTEMS_KEY, active_systems, language, tr
from ui.text import tr_md


def _publish(frame: pd.DataFrame) -> None:
    """Make the edited table this dataset's costs for the other pages."""
    if loaded_digest():
        put_slot(COSTS_KEY, costs=table_from_frame(frame))


COSTS = EditableTable(Key.COST_TABLE, on_commit=_publish)


def _source(log: EventLog) -> tuple[str, pd.DataFrame, list]:
    """Where the costs come from (the loaded workbook's Activities sheet, else the defaults), the table and the
    sheet's problems."""
    sheet = slot(Key.WORKBOOK_COSTS)
    digest = loaded_digest()
    if sheet and sheet.get("costs") is not None:
        return f"workbook:{digest}", cost_table_for(log, sheet["costs"]).to_frame(), list(sheet.get("problems") or [])
    return f"default:{digest}", cost_table_for(log, None).to_frame(), []


def _base(log: EventLog) -> tuple[pd.DataFrame, list]:
    """The table being edited in this session; a new upload starts from its own source again."""
    source, frame, problems = _source(log)
    if COSTS.sync(source, frame):
        st.session_state.pop(COSTS_KEY, None)  # the other pages fall back to the same source
    return COSTS.base(), problems


def cost_table(log: EventLog) -> CostTable:
    """This session's cost table for ``log`` (edited, from the workbook, or the defaults)."""
    return table_from_frame(_base(log)[0])


def _reset() -> None:
    COSTS.forget_source()
    st.session_state.pop(COSTS_KEY, None)


def cost_editor(log: EventLog) -> None:
    """The editable cost table with its source, a reset button and the workbook's problems."""
    base, problems = _base(log)
    source = COSTS.source
    st.caption(tr("automation.table.workbook" if source.startswith("workbook:") else "automation.table.default"))
    currency = table_from_frame(base).currency
    st.data_editor(
        base,
        key=COSTS.editor_key,
        on_change=COSTS.commit,
        num_rows="fixed",
        hide_index=True,
        width="stretch",
        disabled=["activity"],
        height=35 * (len(base) + 1) + 3,
        column_config={
            "activity": st.column_config.TextColumn(tr("automation.col.activity"), width="large"),
            COST_COLUMN: st.column_config.NumberColumn(
                tr("automation.col.cost_per_execution", currency=currency), min_value=0.0, format="%.2f"
            ),
            MINUTES_COLUMN: st.column_config.NumberColumn(
                tr("automation.col.manual_minutes"),
                min_value=0.0,
                format="%g",
                help=tr("automation.col.manual_minutes.help"),
            ),
        },
    )
    st.button(tr("automation.table.reset"), key=Key.COST_RESET, on_click=_reset, icon=":material/restart_alt:")
    for problem in problems:
        lang = language()
        st.warning(
            tr_md(
                "automation.table.problem", row=problem.row, message=problem.message_in(lang), fix=problem.fix_in(lang)
            ),
            icon=":material/warning:",
        )


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
    digest = loaded_digest()
    if st.session_state.get(Key.AUTO_SYSTEMS_DIGEST) != digest:
        st.session_state[Key.AUTO_SYSTEMS_DIGEST] = digest
        st.session_state.pop(Key.AUTO_SYSTEMS, None)
    if Key.AUTO_SYSTEMS not in st.session_state:  # Streamlit drops widget state when the page is left
        st.session_state[Key.AUTO_SYSTEMS] = [n for n in active_systems(log) if n in names]

    def publish() -> None:
        put_slot(SYSTEMS_KEY, digest, systems=tuple(st.session_state[Key.AUTO_SYSTEMS]))

    with st.expander(tr("automation.systems", n=len(st.session_state[Key.AUTO_SYSTEMS])), icon=":material/smart_toy:"):
        chosen = st.multiselect(
            tr("automation.systems.label"),
            names,
            key=Key.AUTO_SYSTEMS,
            on_change=publish,
            help=tr("automation.systems.help"),
        )
    return tuple(chosen)
