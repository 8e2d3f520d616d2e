"""Links from a table of orders to the Order explorer."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from o2c.discover.order_detail import order_label
from o2c.log.eventlog import LogView
from ui.keys import Key
from ui.text import tr_md


def link_to_order(view: LogView, code: int) -> None:
    """A link opening the Order explorer on the order with case ``code``."""
    st.session_state[Key.ORDER_LOOKUP] = str(view.log.cases["case_id"].iloc[code])
    st.page_link(
        "pages/order_explorer.py",
        label=tr_md("conformance.open_order", order=order_label(view.log, code)),
        icon=":material/search:",
    )


def link_selected(view: LogView, frame: pd.DataFrame, event) -> None:
    """The link for the row picked in a table of ``frame`` (with a ``case_code`` column), if one is."""
    rows = [r for r in event.selection.rows if r < len(frame)]
    if rows:
        link_to_order(view, int(frame["case_code"].iloc[rows[0]]))
