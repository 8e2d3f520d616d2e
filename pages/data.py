"""Data page: get the template, load the sample or an upload, fix what the validation report lists."""

import zoneinfo

import streamlit as st

from o2c.ingest.load import LoadOptions
from o2c.ingest.salesforce.convert import convert_exports
from o2c.ingest.salesforce.mapping import default_mapping, rules_from_frame
from o2c.log.columns import REQUIRED_EVENT_COLUMNS
from o2c.workbook.template import build_template
from ui.activity_map import activity_mapping_step
from ui.engine_pages import sources_section
from ui.keys import Key
from ui.limits import max_upload_mb
from ui.state import dataset, language, load, load_sample, mapped_log, tr
from ui.text import md, tr_md

UPLOAD_TYPES = ["xlsx", "xlsm", "csv", "txt", "gz", "parquet", "xes"]
COMMON_ZONES = [
    "UTC",
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "Asia/Shanghai",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Australia/Sydney",
]


def salesforce_converter() -> None:
    """Data page panel: Salesforce exports (+ editable Mapping) -> filled template, downloadable and loadable."""
    with st.expander(tr("data.sf.title"), icon=":material/cloud_download:"):
        st.caption(tr("data.sf.help"))
        files = st.file_uploader(
            tr("data.sf.files"), type=["csv", "xlsx"], accept_multiple_files=True, key=Key.SF_FILES
        )
        mapping = st.data_editor(
            default_mapping(), num_rows="dynamic", hide_index=True, width="stretch", key=Key.SF_MAPPING
        )
        if not files or not st.button(tr("data.sf.convert"), icon=":material/sync_alt:", key=Key.SF_CONVERT):
            return
        rules, problems = rules_from_frame(mapping)
        timezone = st.session_state.get(Key.TIMEZONE, "UTC")
        date_order = st.session_state.get(Key.DATE_ORDER, "auto")
        with st.spinner():
            result = convert_exports(
                {f.name: f.getvalue() for f in files}, rules, timezone=timezone, date_order=date_order
            )
        for name, kind in result.recognised.items():
            st.caption(tr_md("data.sf.recognised", name=name, object=kind))
        for problem in [*problems, *result.problems]:
            st.warning(md(problem.text(language())), icon=":material/warning:")
        for note in result.notes:
            st.info(md(note.text(language())), icon=":material/info:")
        if result.events.empty:
            st.error(tr("data.sf.nothing"), icon=":material/error:")
            return
        workbook = build_template(result.events, result.orders)
        load(workbook, "salesforce_converted.xlsx")
        st.download_button(
            tr("data.sf.download"),
            workbook,
            file_name="filled_template.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            icon=":material/download:",
            on_click="ignore",
            key=Key.SF_DOWNLOAD,
        )
        st.success(
            tr("data.sf.done", orders=result.events["case_id"].nunique(), events=len(result.events)),
            icon=":material/check_circle:",
        )


@st.cache_data(show_spinner=False)
def template_bytes() -> bytes:
    """The template workbook (built once per server)."""
    return build_template()


st.title(tr("data.title"))
st.caption(tr("data.intro"))
if sources_section():  # a large source is open: its pages compute on DuckDB or Spark
    st.stop()

template_col, sample_col, upload_col = st.columns([1, 1, 2])
with template_col.container(border=True, height="stretch"):
    st.markdown(f"**1 · {tr('data.template')}**")
    st.caption(tr("data.template.help"))
    st.download_button(
        tr("data.template.button"),
        template_bytes,
        file_name="o2c_template.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        on_click="ignore",
        key=Key.DOWNLOAD_TEMPLATE,
    )
with sample_col.container(border=True, height="stretch"):
    st.markdown(f"**{tr('data.sample')}**")
    st.caption(tr("data.sample.help"))
    if st.button(tr("data.sample.button"), icon=":material/play_arrow:", type="primary", key=Key.LOAD_SAMPLE):
        with st.spinner():
            load_sample()
        st.rerun()  # the sidebar was drawn before the data arrived: draw it again with the filters
with upload_col.container(border=True, height="stretch"):
    st.markdown(f"**2 · {tr('data.upload')}**")
    upload = st.file_uploader(tr("data.upload.help", mb=f"{max_upload_mb():,}"), type=UPLOAD_TYPES, key=Key.UPLOAD)
    with st.expander(tr("data.options")):
        zones = COMMON_ZONES + sorted(zoneinfo.available_timezones() - set(COMMON_ZONES))
        timezone = st.selectbox(tr("data.timezone"), zones, key=Key.TIMEZONE)
        date_order = st.radio(
            tr("data.date_order"),
            ["auto", "day-first", "month-first"],
            key=Key.DATE_ORDER,
            format_func=lambda o: tr(f"data.date_order.{o}"),
            horizontal=True,
        )

salesforce_converter()

if upload is not None:
    columns = (
        st.session_state.get(Key.COLUMN_CHOICE)
        if st.session_state.get(Key.COLUMN_CHOICE_FOR) == upload.file_id
        else None
    )
    options = LoadOptions(columns, timezone, date_order)
    # Load only when the file or the options change, so the sample button is not overridden on the next rerun.
    if st.session_state.get(Key.UPLOAD_LOADED) != (upload.file_id, options):
        with st.spinner():
            load(upload.getvalue(), upload.name, options)
        st.session_state[Key.UPLOAD_LOADED] = (upload.file_id, options)
        st.rerun()

current = dataset()
if current is None:
    st.stop()

result = current.result
if result.headers and (result.log is None or result.guess.needs_confirmation()) and upload is not None:
    with st.container(border=True):
        st.markdown(f"**{tr('data.mapping')}**")
        st.caption(tr("data.mapping.intro"))
        none = tr("data.mapping.none")
        picks = {}
        for column, slot in zip(REQUIRED_EVENT_COLUMNS, st.columns(len(REQUIRED_EVENT_COLUMNS))):
            guess = result.columns.get(column)
            options = [none] + result.headers
            picks[column] = slot.selectbox(
                column, options, index=options.index(guess) if guess else 0, key=f"map_{column}"
            )
        if st.button(tr("data.mapping.apply"), key=Key.APPLY_MAPPING):
            st.session_state[Key.COLUMN_CHOICE] = {k: v for k, v in picks.items() if v != none}
            st.session_state[Key.COLUMN_CHOICE_FOR] = upload.file_id
            st.rerun()

report = result.report
if result.log is not None:
    st.success(
        tr_md("data.loaded", orders=result.log.n_cases, events=result.log.n_events, name=current.name),
        icon=":material/check_circle:",
    )
    st.page_link("pages/overview.py", label=tr("data.go_overview"), icon=":material/arrow_forward:")
    activity_mapping_step(result.log, mapped_log())
else:
    st.error(tr_md("data.blocked", name=current.name, n=len(report.errors)), icon=":material/error:")
if report.warnings:
    st.warning(tr("data.warnings", n=len(report.warnings)), icon=":material/warning:")

if report.issues:
    st.subheader(tr("data.report"))
    wide = st.column_config.TextColumn(width="large")
    st.dataframe(
        report.to_frame(language()),
        hide_index=True,
        width="stretch",
        key=Key.REPORT_TABLE,
        column_config={tr("validation.col.problem"): wide, tr("validation.col.fix"): wide},
    )
    st.download_button(
        tr("data.report.download"),
        report.to_csv(language()),
        file_name="o2c_validation_report.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key=Key.DOWNLOAD_REPORT,
    )
elif result.log is not None:
    st.caption(tr("data.clean"))
