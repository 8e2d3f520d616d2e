"""Links into a page's own controls (``/rework?_focus=...``, ``/root-causes?_outcome=late_payment``): the value a
shared link carries becomes the control's value once, then the control rules and the parameter leaves the URL."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import streamlit as st


def seed_from_link(param: str, key: str, allowed: Callable[[], Iterable[str]] | None = None) -> None:
    """Set the widget ``key`` from the query parameter ``param`` (a page's own, starting with "_") when the link
    has one; ``allowed`` lists the values the widget offers (called only when the link has the parameter), an
    unknown value is dropped."""
    value = st.query_params.get(param)
    if value is None:
        return
    if allowed is None or value in set(allowed()):
        st.session_state[key] = value
    del st.query_params[param]
