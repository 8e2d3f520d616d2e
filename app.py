"""O2C Explorer: the router. Page config, the shared sidebar, and every page registered with st.Page."""

import streamlit as st

from ui.sidebar import render_filters, render_language, render_privacy
from ui.state import tr

st.set_page_config(page_title="O2C Explorer", page_icon=":material/account_tree:", layout="wide")

render_language()
navigation = st.navigation(
    {
        tr("nav.data"): [
            st.Page(
                "pages/data.py", title=tr("page.data"), icon=":material/upload_file:", url_path="data", default=True
            ),
        ],
        tr("nav.analysis"): [
            st.Page("pages/overview.py", title=tr("page.overview"), icon=":material/dashboard:", url_path="overview"),
            st.Page(
                "pages/process_map.py",
                title=tr("page.process_map"),
                icon=":material/account_tree:",
                url_path="process-map",
            ),
            st.Page("pages/variants.py", title=tr("page.variants"), icon=":material/alt_route:", url_path="variants"),
            st.Page("pages/rework.py", title=tr("page.rework"), icon=":material/replay:", url_path="rework"),
            st.Page(
                "pages/cycle_times.py", title=tr("page.cycle_times"), icon=":material/timer:", url_path="cycle-times"
            ),
            st.Page("pages/compare.py", title=tr("page.compare"), icon=":material/compare_arrows:", url_path="compare"),
            st.Page(
                "pages/order_explorer.py", title=tr("page.order_explorer"), icon=":material/search:", url_path="order"
            ),
            st.Page(
                "pages/conformance.py", title=tr("page.conformance"), icon=":material/rule:", url_path="conformance"
            ),
        ],
        tr("nav.improve"): [
            st.Page(
                "pages/root_causes.py",
                title=tr("page.root_causes"),
                icon=":material/troubleshoot:",
                url_path="root-causes",
            ),
            st.Page("pages/people.py", title=tr("page.people"), icon=":material/groups:", url_path="people"),
            st.Page(
                "pages/partners.py", title=tr("page.partners"), icon=":material/local_shipping:", url_path="partners"
            ),
            st.Page(
                "pages/automation.py", title=tr("page.automation"), icon=":material/smart_toy:", url_path="automation"
            ),
            st.Page("pages/what_if.py", title=tr("page.what_if"), icon=":material/science:", url_path="what-if"),
            st.Page("pages/backlog.py", title=tr("page.backlog"), icon=":material/checklist:", url_path="backlog"),
        ],
        tr("nav.monitor"): [
            st.Page(
                "pages/monitoring.py", title=tr("page.monitoring"), icon=":material/monitoring:", url_path="monitoring"
            ),
            st.Page("pages/reports.py", title=tr("page.reports"), icon=":material/summarize:", url_path="reports"),
        ],
    },
    expanded=True,
)  # all pages stay listed: users look for a page by name, not behind "View more"
render_privacy()
render_filters()
navigation.run()
