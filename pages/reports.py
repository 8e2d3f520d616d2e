"""Reports page: the Excel and HTML reports of the filtered orders, built when a download button is clicked."""

import datetime as dt
import re
from pathlib import Path

import streamlit as st

from o2c.log.stack import loaded_orders
from o2c.report.content import TOP_TRANSITIONS, TOP_VARIANTS, VIOLATIONS_PER_RULE
from o2c.report.html import html_report
from o2c.report.xlsx import excel_report
from ui.keys import Key
from ui.state import analysis_settings, dataset, filters, language, page_view, tr

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

view = page_view("reports.title")
st.caption(tr("reports.caption"))

lang = language()
settings = analysis_settings(view.log)
described = filters().describe(view.n_cases, loaded_orders(view.log), lang)
current = dataset()
source = current.name if current else ""
stem = re.sub(r"[^\w.-]+", "_", Path(source).stem)[:40] or "orders"
name = f"o2c_report_{stem}_{dt.date.today():%Y-%m-%d}"

# The reports are built on click (in the download's own thread), so opening the page costs nothing.
excel, html = st.columns(2, gap="medium")
with excel:
    st.download_button(
        tr("reports.excel"),
        lambda: excel_report(view, settings, lang, described, source),
        f"{name}.xlsx",
        XLSX,
        key=Key.REPORTS_EXCEL,
        icon=":material/table_view:",
        type="primary",
        on_click="ignore",
        width="stretch",
    )
    st.caption(tr("reports.excel.help"))
with html:
    st.download_button(
        tr("reports.html"),
        lambda: html_report(view, settings, lang, described, source),
        f"{name}.html",
        "text/html",
        key=Key.REPORTS_HTML,
        icon=":material/article:",
        type="primary",
        on_click="ignore",
        width="stretch",
    )
    st.caption(tr("reports.html.help"))

with st.container(border=True):
    st.markdown("**" + tr("reports.inside") + "**")
    st.markdown(
        tr("reports.inside.text", variants=TOP_VARIANTS, transitions=TOP_TRANSITIONS, violations=VIOLATIONS_PER_RULE)
    )
