"""Widget choices kept while their page is not shown: Streamlit drops a widget's state when its page is left, so
each change is copied to ``saved(key)`` and given back when the page is shown again."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from ui.keys import saved


def restore(key: str, default: object, valid: Callable[[object], bool]) -> None:
    """Give the widget ``key`` its last choice in this session (``default`` when none or no longer ``valid``),
    unless it has a value already."""
    if key not in st.session_state:
        last = st.session_state.get(saved(key), default)
        st.session_state[key] = last if valid(last) else default


def restore_choice(key: str, options: Sequence[object], default: object) -> None:
    """Make the widget ``key``'s value one of ``options``: its own, else its last choice, else ``default``."""
    if st.session_state.get(key) not in options:
        last = st.session_state.get(saved(key))
        st.session_state[key] = last if last in options else default


def save(key: str) -> None:
    """Keep the widget ``key``'s value (its ``on_change``, with ``args=(key,)``)."""
    st.session_state[saved(key)] = st.session_state[key]
