"""The app's own style sheets, one ``.css`` file each in this folder: only these files are ever applied, never
text from the data, and no page needs ``unsafe_allow_html``."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

_FOLDER = Path(__file__).parent


def apply_css(name: str) -> None:
    """Applies the style sheet ``<name>.css`` of this folder. ``st.html`` wraps a ``.css`` file in style tags and
    keeps a sheet of only style rules out of the page's flow, so it takes no space."""
    st.html(_FOLDER / f"{name}.css")
