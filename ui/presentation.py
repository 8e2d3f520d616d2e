"""Presentation mode for workshops: the sidebar folds into one line saying which orders are shown (with a button
to edit the filters), text and figures grow, and previous/next buttons walk the pages in the story's order."""

from __future__ import annotations

import streamlit as st

from ui.css import apply_css
from ui.keys import Key
from ui.navigation import PAGES, current_index
from ui.state import event_log, filters, language, tr
from ui.text import md


def presenting() -> bool:
    """True while presentation mode is on."""
    return bool(st.session_state.get(Key.PRESENTATION))


def render_presentation_switch() -> None:
    """The switch in the sidebar; while presenting, the sidebar is hidden (its widgets keep running, so the filters
    stay) unless the user asked to edit the filters."""
    st.sidebar.toggle(tr("presentation.switch"), key=Key.PRESENTATION, help=tr("presentation.switch.help"))
    if not presenting():
        st.session_state[Key.PRESENTATION_EDIT] = False
        return
    apply_css("presentation_larger")
    if not st.session_state.get(Key.PRESENTATION_EDIT):
        apply_css("no_sidebar")


def presentation_bar(url_path: str) -> None:
    """While presenting: one line with the filter summary, the edit button, and previous/next in story order."""
    if not presenting():
        return
    position = current_index(url_path)
    row = st.columns([2.6, 1.5, 1.5, 2.9, 1.1], vertical_alignment="center")
    log = event_log()
    shown = filters().describe(filters().apply(log).n_cases, log.n_cases, language()) if log else tr("sidebar.no_data")
    row[0].caption(md(shown))
    editing = bool(st.session_state.get(Key.PRESENTATION_EDIT))
    row[1].button(
        tr("presentation.edit_done" if editing else "presentation.edit"),
        icon=":material/check:" if editing else ":material/tune:",
        on_click=st.session_state.update,
        args=({Key.PRESENTATION_EDIT: not editing},),
        key=Key.PRESENTATION_EDIT_BUTTON,
        width="stretch",
    )
    if position is not None and position > 0:
        before = PAGES[position - 1]
        row[2].page_link(before.file, label=tr("presentation.previous"), icon=":material/arrow_back:")
    if position is not None and position + 1 < len(PAGES):
        after = PAGES[position + 1]
        row[3].page_link(
            after.file, label=tr("presentation.next", page=tr(after.title)), icon=":material/arrow_forward:"
        )
    row[4].button(
        tr("presentation.exit"),
        icon=":material/close:",
        on_click=st.session_state.update,
        args=({Key.PRESENTATION: False},),
        key=Key.PRESENTATION_EXIT,
        width="stretch",
    )
