"""O2C Explorer: the router. Page config, the shared sidebar, and the pages (ui/navigation.py) in the top bar."""

import streamlit as st

from ui.chart_theme import use_chart_theme
from ui.links import arrive_by_link
from ui.navigation import navigation
from ui.presentation import presentation_bar, render_presentation_switch
from ui.sidebar import render_filters, render_language, render_privacy

st.set_page_config(page_title="O2C Explorer", page_icon=":material/account_tree:", layout="wide")

render_language()
use_chart_theme()
page = navigation()
arrive_by_link()
render_presentation_switch()
render_privacy()
render_filters()
presentation_bar(page.url_path)
page.run()
