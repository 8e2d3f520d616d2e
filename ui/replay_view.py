"""The Process map page's Play: the orders replayed as dots over the map (o2c.report.replay's page, shown in a
frame), with the colour choice, a caption and the HTML download."""

from __future__ import annotations

import hashlib

import streamlit as st

from o2c.discover.map_layout import graphviz_available
from o2c.discover.process_map import ProcessMap
from o2c.discover.replay import colour_options
from o2c.i18n import Language
from o2c.log.columns import column_label
from o2c.log.eventlog import LogView
from o2c.report.replay import ReplayPage, caption, replay_page
from ui.dataset_state import selection_key
from ui.keys import Key, map_replay_colour
from ui.state import language, tr

HEIGHT = 780  # px: the component's frame; the map fits inside it
_DERIVED_LABELS = {
    "": "replay.colour.none",
    "on_time_delivery": "replay.colour.on_time_delivery",
    "on_time_payment": "replay.colour.on_time_payment",
    "rework": "replay.colour.rework",
}


@st.cache_data(max_entries=8, show_spinner=False)
def _page(key: str, metric: str, colour_by: str, lang: Language, _view: LogView, _pm: ProcessMap) -> ReplayPage:
    return replay_page(_view, _pm, metric, colour_by, lang)


def replay_section(view: LogView, pm: ProcessMap, metric: str) -> bool:
    """The Play switch; when on, the replay of ``view``'s orders over the map ``pm`` (drawn by ``metric``) in
    place of the still map. True when the replay was drawn."""
    row = st.columns([1, 2, 3], vertical_alignment="bottom")
    if not row[0].toggle(tr("replay.show"), key=Key.MAP_REPLAY, help=tr("replay.play.help")):
        return False
    if not graphviz_available():
        st.caption(tr("replay.no_graphviz"))
        return False
    lang = language()
    options = colour_options(view)
    colour_by = row[1].selectbox(
        tr("replay.colour_by"),
        options,
        key=map_replay_colour(lang),
        format_func=lambda o: tr(_DERIVED_LABELS[o]) if o in _DERIVED_LABELS else column_label(o, lang),
    )
    # The map is fixed by the view, the sliders (through the edges) and the pseudonyms (through the log).
    edges = pm.edges[["source", "target"]].to_numpy().tobytes() + pm.activities["code"].to_numpy().tobytes()
    key = f"{selection_key(view)}:{hashlib.sha256(edges).hexdigest()}"
    with st.spinner():
        page = _page(key, metric, colour_by or "", lang, view, pm)
    st.iframe(page.html, height=HEIGHT)  # our own page: user text in it is escaped
    st.caption(caption(page, lang))
    st.download_button(
        tr("replay.download"),
        page.html.encode("utf-8"),
        "replay.html",
        "text/html",
        icon=":material/download:",
        key=Key.MAP_REPLAY_DOWNLOAD,
        help=tr("replay.download.help"),
        on_click="ignore",
    )
    return True
