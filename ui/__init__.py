"""Streamlit helpers shared by app.py and the pages: session state, caching and the sidebar."""
