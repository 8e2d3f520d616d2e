"""Overview page: the story of the selected orders. The six outcomes with their change, then five findings in
plain words, each with a link to the page that shows the evidence."""

import streamlit as st

from o2c.monitor.story import story_page
from ui.engine_pages import engine_page
from ui.state import analysis_settings, filters, language, page_view, tr
from ui.story_view import baseline_picker, comparison_caption, finding_cards, outcome_cards

if engine_page("overview"):  # a large source opened through DuckDB or Spark
    st.stop()

view = page_view("overview.title")
settings = analysis_settings(view.log)

top = st.columns([1, 1, 1, 1.7, 2.1], vertical_alignment="bottom")
low, high = view.log.cases["start"].min().date(), view.log.cases["end"].max().date()
baseline, custom = baseline_picker(top[4], low, high)
page = story_page(view, filters(), settings, language(), baseline, custom)

stats = page.stats
top[0].metric(tr("overview.orders"), f"{stats.orders:,}")
top[1].metric(tr("overview.events"), f"{stats.events:,}")
top[2].metric(tr("overview.paid"), f"{stats.paid_share:.0%}" if stats.paid_share is not None else "–")
if stats.paid_share is None:  # said under the figure: as the figure it would be cut off in this narrow column
    top[2].caption(tr("overview.paid.none"))
if stats.start is not None and stats.end is not None:
    top[3].caption(tr("overview.span"))
    top[3].markdown(f"**{stats.start:%Y-%m-%d} – {stats.end:%Y-%m-%d}**")

st.subheader(tr("story.outcomes"))
currency = settings.costs.currency if settings.costs is not None else ""
outcome_cards(page.outcomes, currency)
comparison_caption(page.outcomes, view.n_cases)

st.subheader(tr("story.findings"))
finding_cards(page.findings, page.left_out)
