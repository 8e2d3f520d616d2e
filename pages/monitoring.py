"""KPIs & monitoring page: the order-to-cash KPIs of the selection, their trend, the latest period against a
baseline, snapshots saved in a workspace to compare month by month, and the scheduled job's runs (the only part
shown before data is loaded)."""

import streamlit as st

from o2c.monitor.kpis import kpi_values
from o2c.monitor.sources import settings_sources
from ui.dataset_state import slot_value
from ui.engine_pages import engine_page
from ui.keys import Key
from ui.kpi_cards import cards_section, periods_section, trend_section
from ui.monitor_runs_view import runs_page, runs_section
from ui.snapshots_view import snapshots_section
from ui.state import analysis_settings, event_log, page_view, tr

if engine_page("monitoring"):  # a large source opened through DuckDB or Spark
    st.stop()
if event_log() is None:  # the scheduled job's runs need no upload
    runs_page()
    st.stop()

view = page_view("monitoring.title")
settings = analysis_settings(view.log)  # the same settings as the backlog and the reports
rules_from, systems_from, costs_from = settings_sources(
    view.log, settings, slot_value(Key.WORKBOOK_RULES, "rules"), slot_value(Key.WORKBOOK_COSTS, "costs")
)
settings_note = tr(
    "monitoring.settings",
    rules=tr(f"monitoring.settings.rules.{rules_from}"),
    systems=tr(f"monitoring.settings.systems.{systems_from}"),
    costs=tr(f"monitoring.settings.costs.{costs_from}"),
)
currency = settings.costs.currency
st.caption(settings_note)

tabs = [
    tr("monitoring.tab.kpis"),
    tr("monitoring.tab.trend"),
    tr("monitoring.tab.periods"),
    tr("monitoring.tab.snapshots"),
    tr("refresh.page.tab"),
]
cards_tab, trend_tab, periods_tab, snapshots_tab, runs_tab = st.tabs(tabs)
values = kpi_values(view, settings)
with cards_tab:
    cards_section(view, values, currency)
with trend_tab:
    trend_section(view, settings, values, currency)
with periods_tab:
    periods_section(view, settings, currency)
with snapshots_tab:
    snapshots_section(view, settings, settings_note)
with runs_tab:
    runs_section()
