"""Limits the operator sets in Streamlit's configuration, as the pages tell them to users."""

from __future__ import annotations

import streamlit as st


def max_upload_mb() -> int:
    """The largest upload the server accepts, in MB (``server.maxUploadSize``, set by the operator)."""
    return int(st.get_option("server.maxUploadSize"))
