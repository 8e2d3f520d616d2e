"""A table edited with ``st.data_editor`` whose edits survive leaving the page (the rules and the cost table).

Streamlit drops a widget's state when its page is left, so the table lives in the session under
``<prefix>_base``; each edit is folded into it and the editor starts afresh under a new key
(``<prefix>_editor_<version>``). ``<prefix>_source`` names where the table came from: when the source changes
(another upload), the table starts again from the new source.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import pandas as pd
import streamlit as st


def apply_editor_changes(table: pd.DataFrame, changes: dict) -> pd.DataFrame:
    """A table with the changes of a table editor applied, in ``st.data_editor``'s format:
    ``{"edited_rows": {row: {column: value}}, "deleted_rows": [row], "added_rows": [{column: value}]}``
    (row numbers count the table's rows from 0, before anything is deleted)."""
    frame = table.reset_index(drop=True).copy()
    for row, values in (changes.get("edited_rows") or {}).items():
        for column, value in values.items():
            frame.loc[int(row), column] = value
    frame = frame.drop(index=[int(r) for r in changes.get("deleted_rows") or []])
    added = [row for row in changes.get("added_rows") or [] if row]
    if added:
        frame = pd.concat([frame, pd.DataFrame(added).reindex(columns=frame.columns)], ignore_index=True)
    return frame.reset_index(drop=True)


@dataclass(frozen=True)
class EditableTable:
    """The session slots of one edited table, named from ``prefix``; ``on_commit`` runs after each edit."""

    prefix: str
    on_commit: Callable[[pd.DataFrame], None] | None = None

    @property
    def base_key(self) -> str:
        """Where the table (with every edit so far) is kept."""
        return f"{self.prefix}_base"

    @property
    def source_key(self) -> str:
        """Where the id of the table's source is kept."""
        return f"{self.prefix}_source"

    @property
    def version_key(self) -> str:
        """Where the editor's version (part of its widget key) is kept."""
        return f"{self.prefix}_version"

    @property
    def editor_key(self) -> str:
        """The widget key of the current editor."""
        return f"{self.prefix}_editor_{st.session_state.get(self.version_key, 0)}"

    @property
    def source(self) -> str:
        """The id of the source the table started from ("" before it started)."""
        return st.session_state.get(self.source_key, "")

    def sync(self, source: str, frame: pd.DataFrame) -> bool:
        """Start again from ``frame`` when the source is not the one the table started from; True when it did."""
        if st.session_state.get(self.source_key) == source:
            return False
        st.session_state[self.source_key] = source
        self.replace(frame)
        return True

    def base(self) -> pd.DataFrame:
        """The table with every edit so far."""
        return st.session_state[self.base_key]

    def replace(self, frame: pd.DataFrame) -> None:
        """Make ``frame`` the table and show it in a fresh editor."""
        st.session_state[self.base_key] = frame
        st.session_state[self.version_key] = st.session_state.get(self.version_key, 0) + 1

    def commit(self) -> None:
        """Fold the editor's changes into the stored table (the editor's ``on_change``)."""
        changes = st.session_state.get(self.editor_key) or {}
        self.replace(apply_editor_changes(st.session_state[self.base_key], changes))
        if self.on_commit is not None:
            self.on_commit(st.session_state[self.base_key])

    def forget_source(self) -> None:
        """Make the next ``sync`` start again from its source."""
        st.session_state.pop(self.source_key, None)
