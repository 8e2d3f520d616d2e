"""Streamlit helpers shared by app.py and the pages: session state, caching and the sidebar."""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

if PagesManager.uses_pages_directory:
    # Streamlit finds our pages/ folder before app.py's st.navigation has run once, and serves a server's very
    # first request (a shared deep link such as /compare) in its legacy folder mode: the page without the
    # router and sidebar. Switch that mode off and run the request again through app.py.
    PagesManager.uses_pages_directory = False
    st.rerun()
