"""The Data page's activity mapping step: each activity name of the upload, how often it occurs, the O2C step
(role) it was matched to and what kind of work that is; the user corrects a role, uploads or downloads the
mapping as CSV, and every page recomputes with it (``ui.state.event_log`` applies it)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from o2c.errors import FixableError
from o2c.log.eventlog import EventLog
from o2c.log.vocabulary import ROLES, activity_map, activity_map_csv, mapping_records, read_activity_map
from ui.dataset_state import put_slot, slot_value
from ui.keys import Key
from ui.state import language, tr
from ui.text import md


def corrections() -> dict[str, str | None]:
    """The loaded dataset's corrected roles (raw activity name -> role key, None for "no role")."""
    return dict(slot_value(Key.ACTIVITY_MAP, "overrides") or {})


def _role_labels() -> dict[str, str]:
    """Role key -> its name in the session's language (what the editor shows)."""
    lang = language()
    return {role.key: role.label(lang) for role in ROLES}


def mapping_frame(log: EventLog) -> pd.DataFrame:
    """The table the editor shows: activity, events, role (as its name) and the kind of work."""
    labels = _role_labels()
    none = tr("data.activity_map.none")
    rows = mapping_records(log)
    return pd.DataFrame(
        {
            "activity": [r["activity"] for r in rows],
            "events": [r["events"] for r in rows],
            "role": [labels[r["role"]] if r["role"] else none for r in rows],
            "kind": [tr(f"data.activity_map.kind.{r['kind']}") if r["kind"] else "" for r in rows],
        }
    )


def _save(log: EventLog, edited: pd.DataFrame) -> None:
    """Keep the roles that differ from the automatic match as this dataset's corrections."""
    by_label = {label: key for key, label in _role_labels().items()}
    automatic = activity_map(log).roles
    chosen: dict[str, str | None] = {
        name: by_label.get(label) for name, label in zip(edited["activity"], edited["role"])
    }
    put_slot(Key.ACTIVITY_MAP, overrides={name: role for name, role in chosen.items() if role != automatic.get(name)})


def _reset() -> None:
    put_slot(Key.ACTIVITY_MAP, overrides={})


def _uploaded(log: EventLog, overrides: Mapping[str, str | None]) -> None:
    automatic = activity_map(log).roles
    known = {name: role for name, role in overrides.items() if name in automatic}
    put_slot(Key.ACTIVITY_MAP, overrides={**corrections(), **known})


def activity_mapping_step(raw: EventLog, mapped: EventLog) -> None:
    """Draw the step for the loaded log ``raw`` (automatic matching) as corrected in ``mapped``."""
    unmatched = activity_map(mapped).unmatched
    with st.expander(
        tr("data.activity_map.title", n=len(raw.activity_names), unmatched=len(unmatched)),
        expanded=bool(unmatched),
        icon=":material/label:",
    ):
        st.caption(tr("data.activity_map.help"))
        for problem in slot_value(Key.ACTIVITY_MAP, "problems") or []:  # from the workbook's Activities sheet
            st.warning(md(f"{problem.message_in(language())} {problem.fix_in(language())}"), icon=":material/warning:")
        if unmatched:
            st.warning(
                tr("data.activity_map.unmatched", names=", ".join(md(n) for n in unmatched[:10]), n=len(unmatched)),
                icon=":material/help:",
            )
        options = [tr("data.activity_map.none"), *_role_labels().values()]
        frame = mapping_frame(mapped)
        edited = st.data_editor(
            frame,
            hide_index=True,
            width="stretch",
            key=Key.ACTIVITY_MAP_EDITOR,
            disabled=["activity", "events", "kind"],
            height=min(35 * (len(frame) + 1) + 3, 500),
            column_config={
                "activity": st.column_config.TextColumn(tr("data.activity_map.col.activity"), width="medium"),
                "events": st.column_config.NumberColumn(tr("data.activity_map.col.events"), format="localized"),
                "role": st.column_config.SelectboxColumn(
                    tr("data.activity_map.col.role"), options=options, required=True, width="medium"
                ),
                "kind": st.column_config.TextColumn(tr("data.activity_map.col.kind")),
            },
        )
        if not edited["role"].equals(frame["role"]):
            _save(raw, edited)
            st.rerun()
        upload, download, reset = st.columns([2, 1, 1], vertical_alignment="bottom")
        file = upload.file_uploader(tr("data.activity_map.upload"), type=["csv"], key=Key.ACTIVITY_MAP_UPLOAD)
        if file is not None:
            try:
                overrides = read_activity_map(file.getvalue(), file.name)
            except FixableError as error:
                st.error(md(f"{error.message_in(language())} {error.fix_in(language())}"), icon=":material/error:")
            else:
                if {**corrections(), **overrides} != corrections():
                    _uploaded(raw, overrides)
                    st.rerun()
        download.download_button(
            tr("data.activity_map.download"),
            activity_map_csv(mapped),
            file_name="o2c_activity_map.csv",
            mime="text/csv",
            icon=":material/download:",
            on_click="ignore",
            key=Key.ACTIVITY_MAP_DOWNLOAD,
        )
        reset.button(
            tr("data.activity_map.reset"),
            on_click=_reset,
            key=Key.ACTIVITY_MAP_RESET,
            icon=":material/restart_alt:",
            disabled=not corrections(),
        )
