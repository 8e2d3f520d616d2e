"""Compare page: two groups of orders side by side, what differs most, and whether it is more than noise."""

import streamlit as st

from o2c.conform.rules import RuleSet
from o2c.improve.compare import (
    SUMMARY_SIZE,
    Comparison,
    DifferenceMap,
    compare,
    describe,
    difference_map,
    difference_map_dot,
)
from o2c.improve.compare.choices import attribute_values
from o2c.log.eventlog import LogView
from o2c.stats import SMALL_GROUP
from ui.compare_groups import chosen_groups, remember_shared_query, seed_once, write_url
from ui.compare_tables import kpis_section, paths_section, rework_section, variants_section
from ui.dataset_state import selection_key
from ui.keys import Key
from ui.map_controls import detail_sliders
from ui.state import active_rules, language, page_view, tr
from ui.text import md


def mask_key(view: LogView) -> str:
    """Names a selection of orders of the loaded dataset, for the caches."""
    return selection_key(view)


@st.cache_data(max_entries=8, show_spinner=False)
def cached_comparison(key: str, _rules: RuleSet, _a: LogView, _b: LogView) -> Comparison:
    """``compare``, kept per pair of selections; adherence follows the rules in effect, which the key names."""
    return compare(_a, _b, _rules)


@st.cache_data(max_entries=16, show_spinner=False)
def cached_map(
    key: str, activity_share: float, path_share: float, mode: str, _a: LogView, _b: LogView
) -> DifferenceMap:
    """``difference_map``, kept per pair of selections and map settings."""
    return difference_map(_a, _b, activity_share, path_share, mode)


remember_shared_query()
view = page_view("compare.title")
log = view.log
lang = language()
attributes = attribute_values(log)
seed_once(view, attributes)

groups = chosen_groups(view, attributes)
if groups is None:
    st.stop()
write_url(groups)
group_a, group_b = groups.views(view)
names = groups.names(lang)
st.markdown(tr("compare.groups", a=md(names[0]), n_a=group_a.n_cases, b=md(names[1]), n_b=group_b.n_cases))
for side, group in (("A", group_a), ("B", group_b)):
    if group.n_cases == 0:
        st.warning(tr("compare.empty", group=side))
        st.stop()

rules = active_rules()
comparison = cached_comparison(f"{mask_key(group_a)}|{mask_key(group_b)}|{hash(rules)}", rules, group_a, group_b)
if comparison.overlap:
    st.caption(tr("compare.overlap", n=comparison.overlap))
if comparison.small:
    st.warning(tr("compare.small", n=SMALL_GROUP), icon=":material/warning:")

st.subheader(tr("compare.summary"), anchor="compare-summary")
if comparison.differences:
    items = [
        f"{i}. {describe(d, log, names, lang, md)} [{tr('compare.evidence')}](#compare-{d.section})"
        for i, d in enumerate(comparison.differences[:SUMMARY_SIZE], 1)
    ]
    st.markdown("\n".join(items))
else:
    st.markdown(tr("compare.summary.none"))

kpis_section(comparison)

st.subheader(tr("compare.map"), anchor="compare-map")
controls = st.columns([1.1, 1, 1], gap="medium")
mode = controls[0].segmented_control(
    tr("process_map.view"),
    ["frequency", "performance"],
    key=Key.CMP_MAP_VIEW,
    default="frequency",
    required=True,
    format_func=lambda m: tr(f"process_map.view.{m}"),
)
activity_share, path_share = detail_sliders(controls[1], controls[2], Key.CMP_MAP_ACTIVITIES, Key.CMP_MAP_PATHS)
shown = cached_map(f"{mask_key(group_a)}|{mask_key(group_b)}", activity_share, path_share, mode, group_a, group_b)
st.caption(
    tr(
        "process_map.shown",
        activities=len(shown.activities),
        all_activities=shown.all_activities,
        paths=len(shown.edges),
        all_paths=shown.all_paths,
    )
    + " "
    + tr(f"compare.map.legend.{mode}")
)
st.graphviz_chart(difference_map_dot(shown, mode, lang, names), width="content")

paths_section(comparison, log)
variants_section(comparison, log)
rework_section(comparison)
