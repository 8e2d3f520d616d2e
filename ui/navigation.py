"""Every page once, in the order of the story a room follows (data, overview, discover, conform, improve, monitor),
grouped by the core's stages. app.py routes with it; links and the presentation's next/previous buttons read it."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from ui.state import tr


@dataclass(frozen=True)
class PageInfo:
    """A page: its file, URL path, title key, icon and stage (the key of its menu group; "" for none)."""

    file: str
    url_path: str
    title: str
    icon: str
    stage: str


STAGES = ("", "nav.discover", "nav.conform", "nav.improve", "nav.monitor")
PAGES: tuple[PageInfo, ...] = (
    PageInfo("pages/data.py", "data", "page.data", ":material/upload_file:", ""),
    PageInfo("pages/overview.py", "overview", "page.overview", ":material/dashboard:", ""),
    PageInfo("pages/process_map.py", "process-map", "page.process_map", ":material/account_tree:", "nav.discover"),
    PageInfo("pages/variants.py", "variants", "page.variants", ":material/alt_route:", "nav.discover"),
    PageInfo("pages/rework.py", "rework", "page.rework", ":material/replay:", "nav.discover"),
    PageInfo("pages/cycle_times.py", "cycle-times", "page.cycle_times", ":material/timer:", "nav.discover"),
    PageInfo("pages/order_explorer.py", "order", "page.order_explorer", ":material/search:", "nav.discover"),
    PageInfo("pages/conformance.py", "conformance", "page.conformance", ":material/rule:", "nav.conform"),
    PageInfo("pages/compare.py", "compare", "page.compare", ":material/compare_arrows:", "nav.improve"),
    PageInfo("pages/root_causes.py", "root-causes", "page.root_causes", ":material/troubleshoot:", "nav.improve"),
    PageInfo("pages/people.py", "people", "page.people", ":material/groups:", "nav.improve"),
    PageInfo("pages/partners.py", "partners", "page.partners", ":material/local_shipping:", "nav.improve"),
    PageInfo("pages/automation.py", "automation", "page.automation", ":material/smart_toy:", "nav.improve"),
    PageInfo("pages/what_if.py", "what-if", "page.what_if", ":material/science:", "nav.improve"),
    PageInfo("pages/backlog.py", "backlog", "page.backlog", ":material/checklist:", "nav.improve"),
    PageInfo("pages/monitoring.py", "monitoring", "page.monitoring", ":material/monitoring:", "nav.monitor"),
    PageInfo("pages/reports.py", "reports", "page.reports", ":material/summarize:", "nav.monitor"),
)
BY_PATH = {p.url_path: p for p in PAGES}


def navigation() -> StreamlitPage:
    """The app's menu: the stages in the top bar (Data and Overview as plain links), each a short list."""
    groups: dict[str, list[StreamlitPage]] = {
        "": [st.Page(_root, title=tr(PAGES[0].title), default=True, visibility="hidden")]
    }
    for info in PAGES:
        page = st.Page(info.file, title=tr(info.title), icon=info.icon, url_path=info.url_path)
        groups.setdefault(tr(info.stage) if info.stage else "", []).append(page)
    return st.navigation(groups, position="top")


def _root() -> None:
    # Streamlit serves its default page at "/" only: were the Data page the default, "/data" (its name in links
    # and bookmarks) would answer "Page not found". The root forwards to it instead, with the link's filters.
    st.switch_page(PAGES[0].file, query_params={k: st.query_params.get_all(k) for k in st.query_params})


def current_index(url_path: str) -> int | None:
    """The position of the page at ``url_path`` in the story, None for an unknown path."""
    return next((i for i, p in enumerate(PAGES) if p.url_path == url_path), None)
