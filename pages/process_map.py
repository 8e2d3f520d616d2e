"""Process map page: the directly-follows map of the filtered orders, and a BPMN model on request."""

import shutil

import streamlit as st

from o2c.discover.dot import FREQUENCY_METRICS, PERFORMANCE_METRICS, bpmn_dot
from o2c.discover.process_map import map_page
from o2c.log.eventlog import LogView
from ui.click_filter import map_filter
from ui.dataset_state import selection_key
from ui.deep_link import seed_from_link
from ui.engine_pages import engine_page
from ui.keys import Key
from ui.map_controls import detail_sliders
from ui.replay_view import replay_section
from ui.state import language, page_view, tr

if engine_page("process_map"):  # a large source opened through DuckDB or Spark
    st.stop()


@st.cache_data(max_entries=16, show_spinner=False)
def _bpmn_dot(key: str, noise: float, _view: LogView) -> str:
    from o2c.discover.bpmn import discover_bpmn  # noqa: PLC0415 - pm4py loads only when the model is opened

    return bpmn_dot(discover_bpmn(_view, noise))


@st.cache_data(max_entries=8, show_spinner=False)
def _svg(dot: str) -> bytes:
    import graphviz  # noqa: PLC0415

    return graphviz.Source(dot).pipe(format="svg")


view = page_view("process_map.title")
seed_from_link("_map", Key.MAP_VIEW, lambda: ("frequency", "performance"))
st.session_state.setdefault(Key.MAP_VIEW, "frequency")  # no default= below: a link may have set the view

controls = st.columns([1.1, 1.2, 1, 1], gap="medium")
mode = controls[0].segmented_control(
    tr("process_map.view"),
    ["frequency", "performance"],
    key=Key.MAP_VIEW,
    required=True,
    format_func=lambda m: tr(f"process_map.view.{m}"),
)
metrics = PERFORMANCE_METRICS if mode == "performance" else FREQUENCY_METRICS
# The browser keeps a selectbox's shown label across reruns, so a language switch needs a new widget.
metric = controls[1].selectbox(
    tr("process_map.metric"),
    metrics,
    key=f"map_metric_{mode}_{language()}",
    format_func=lambda m: tr(f"process_map.metric.{m}"),
)
activity_share, path_share = detail_sliders(controls[2], controls[3], Key.MAP_ACTIVITIES, Key.MAP_PATHS)

statistics = (metric,) if mode == "performance" else ()
page = map_page(view, activity_share, path_share, statistics, metric, language())
note = tr(
    "process_map.shown",
    activities=len(page.shown.activities),
    all_activities=page.all_activities,
    paths=len(page.shown.edges),
    all_paths=len(page.full.edges),
)
st.caption(note + (" " + tr("process_map.no_start_times") if mode == "performance" else ""))

dot = page.dot
map_filter(page.full)
if not replay_section(view, page.shown, metric):  # Play: the orders move over this map instead
    st.graphviz_chart(dot, width="content")

downloads = st.columns([1, 5], vertical_alignment="center")
downloads[0].download_button(
    tr("process_map.download.dot"),
    dot.encode("utf-8"),
    "process_map.dot",
    "text/vnd.graphviz",
    icon=":material/download:",
    key=Key.MAP_DOWNLOAD_DOT,
)
if shutil.which("dot"):
    downloads[1].download_button(
        tr("process_map.download.svg"),
        lambda: _svg(dot),
        "process_map.svg",
        "image/svg+xml",
        icon=":material/download:",
        key=Key.MAP_DOWNLOAD_SVG,
    )
else:
    downloads[1].caption(tr("process_map.svg.unavailable"))

model = st.expander(tr("process_map.model"), key=Key.MAP_MODEL, on_change="rerun", icon=":material/schema:")
with model:
    if model.open:
        st.caption(tr("process_map.model.caption"))
        noise = st.slider(
            tr("process_map.model.noise"),
            0.0,
            0.5,
            0.2,
            step=0.05,
            key=Key.MAP_NOISE,
            help=tr("process_map.model.noise.help"),
        )
        key = selection_key(view)
        with st.spinner(tr("process_map.model.spinner")):
            model_dot = _bpmn_dot(key, noise, view)
        st.graphviz_chart(model_dot, width="content")
        st.download_button(
            tr("process_map.model.download"),
            model_dot.encode("utf-8"),
            "process_model.dot",
            "text/vnd.graphviz",
            icon=":material/download:",
            key=Key.MAP_DOWNLOAD_BPMN,
        )
