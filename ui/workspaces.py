"""Where the KPIs & monitoring page keeps snapshots: a workspace picked by name, or this session's own."""

from __future__ import annotations

import secrets

import streamlit as st

from o2c.monitor.snapshots import SESSION_PREFIX, SnapshotStore, list_workspaces, workspace_name, workspace_path
from ui.keys import Key
from ui.state import tr


def session_workspace() -> str:
    """This browser session's own workspace: a random name no other session can guess."""
    return st.session_state.setdefault(Key.MONITOR_SESSION_WORKSPACE, SESSION_PREFIX + secrets.token_hex(12))


def current_workspace() -> str:
    """The workspace picked on the page (sanitised), else this session's own."""
    picked = st.session_state.get(Key.MONITOR_WORKSPACE)
    try:
        return workspace_name(picked) if picked else session_workspace()
    except ValueError:
        return session_workspace()


def store() -> SnapshotStore:
    """The snapshot store of the current workspace."""
    return SnapshotStore(workspace_path(current_workspace()))


def without_path(error: Exception) -> str:
    """An error message naming the workspace, not the server's file."""
    return str(error).replace(str(store().path), current_workspace())


def workspace_picker() -> None:
    """Choose a workspace by name (or type a new one); never a file path."""
    own = session_workspace()
    named = [name for name in list_workspaces() if not name.startswith(SESSION_PREFIX)]
    picked = st.session_state.get(Key.MONITOR_WORKSPACE)
    if picked and picked != own:  # a name typed in: sanitised, and kept listed before its first save
        try:
            st.session_state[Key.MONITOR_WORKSPACE] = clean = workspace_name(picked)
        except ValueError:
            st.session_state[Key.MONITOR_WORKSPACE] = clean = own
        if clean not in named and clean != own:
            named = sorted([*named, clean])
    st.selectbox(
        tr("monitoring.workspace"),
        [own, *named],
        key=Key.MONITOR_WORKSPACE,
        accept_new_options=True,
        format_func=lambda name: tr("monitoring.workspace.session") if name == own else name,
        help=tr("monitoring.workspace.help"),
    )
