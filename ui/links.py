"""Links that carry filters: a finding on the Overview opens its evidence with the filters that make the point. A
shared link's filters wait for the data (ui/sidebar.py); a link followed inside a session replaces the sidebar's
filters through the same pending query, marked by ``LINK_PARAM`` so the sidebar does not write its old filters
back over them."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from ui.keys import Key
from ui.navigation import BY_PATH

LINK_PARAM = "_link"


def evidence_link(url_path: str, query: Mapping[str, list[str]], label: str, help: str | None = None) -> None:
    """A link to the page at ``url_path`` with ``query`` (filters and the page's own ``_`` parameters)."""
    st.page_link(
        BY_PATH[url_path].file,
        label=label,
        icon=":material/arrow_forward:",
        help=help,
        query_params={**query, LINK_PARAM: "1"},
    )


def arrive_by_link() -> None:
    """When the run comes from an evidence link, its filters become the sidebar's (before it draws)."""
    if LINK_PARAM not in st.query_params:
        return
    del st.query_params[LINK_PARAM]
    st.session_state[Key.PENDING_QUERY] = {k: st.query_params.get_all(k) for k in st.query_params}
    st.session_state.pop(Key.FILTERS_FOR, None)
