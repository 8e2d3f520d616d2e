"""Compare page: two groups of orders side by side, what differs most, and whether it is more than noise."""

import datetime as dt
import hashlib

import pandas as pd
import streamlit as st

from o2c.conform.rules import RuleSet
from o2c.discover.rework import activity_families
from o2c.discover.variants import short_path, variant_table
from o2c.format import format_duration, percent, signed_duration, signed_points
from o2c.improve.compare import (
    PRESETS,
    QUERY_A,
    QUERY_B,
    QUERY_OTHERS,
    QUERY_PRESET,
    SUMMARY_SIZE,
    Comparison,
    DifferenceMap,
    Groups,
    compare,
    describe,
    difference_map,
    difference_map_dot,
    path_label,
    period_groups,
    value_groups,
)
from o2c.log.eventlog import EventLog, LogView
from o2c.log.filters import DATE_MODES, PRIMARY_ATTRIBUTES, Filters
from o2c.log.index import variant_index
from o2c.stats import SMALL_GROUP
from ui.state import active_rules, column_name, dataset, language, page_view, tr
from ui.text import md, tr_md

MAX_VALUES = 5000  # attributes with more distinct values are ids, not groups (as in the sidebar)
VARIANT_CHOICES = 50
TABLE_ROWS = 12
DEFAULT_PATH_SHARE = 30  # as on the Process map
SHARED_QUERY, LAST_QUERY = "cmp_shared_query", "cmp_last_query"


def attribute_values(log: EventLog) -> dict[str, list[str]]:
    """Order attributes that can define a group, with their values (the sidebar's primary ones first)."""
    found = {}
    for name in log.case_attribute_names():
        column = log.cases[name]
        if isinstance(column.dtype, pd.CategoricalDtype) and 0 < len(column.cat.categories) <= MAX_VALUES:
            found[name] = sorted(map(str, column.cat.categories))
    return {name: found[name] for name in sorted(found, key=lambda n: (n not in PRIMARY_ATTRIBUTES, n))}


def date_bounds(log: EventLog) -> tuple[dt.date, dt.date]:
    return log.cases["start"].min().date(), log.cases["end"].max().date()


def mask_key(view: LogView) -> str:
    current = dataset()
    return f"{current.digest if current else ''}:{hashlib.sha256(view.case_mask.tobytes()).hexdigest()}"


@st.cache_data(max_entries=8, show_spinner=False)
def cached_comparison(key: str, _rules: RuleSet, _a: LogView, _b: LogView) -> Comparison:
    # Adherence follows the rules in effect (edited on the Conformance page); the key names them.
    return compare(_a, _b, _rules)


@st.cache_data(max_entries=16, show_spinner=False)
def cached_map(key: str, activity_share: float, path_share: float, mode: str, _a: LogView,
               _b: LogView) -> DifferenceMap:
    return difference_map(_a, _b, activity_share, path_share, mode)


# --- groups: seeded from the URL once per loaded log, written back on every change -----------------------------

def comparison_query() -> dict[str, list[str]]:
    """The comparison's keys in the URL."""
    return {key: st.query_params.get_all(key) for key in st.query_params
            if key.startswith((QUERY_A, QUERY_B)) or key in (QUERY_OTHERS, QUERY_PRESET)}


def seed_widgets(view: LogView, attributes: dict[str, list[str]], query: dict[str, list[str]]) -> None:
    """Set every group widget from a comparison's URL keys (the default comparison when there are none)."""
    groups = Groups.from_query(query)
    state = st.session_state
    default_attribute = "sales_channel" if "sales_channel" in attributes else next(iter(attributes), "")
    state["cmp_attr"] = default_attribute
    if default_attribute:
        counts = view.cases[default_attribute].value_counts()
        state[f"cmp_value_{default_attribute}"] = str(counts.index[0])
    state["cmp_preset"] = "value" if default_attribute else "custom"
    state["cmp_b_kind"] = "rest"
    for side in ("a", "b"):
        seed_side(side, Filters(), view.log, attributes)
    if groups is None:
        return
    state["cmp_preset"] = "custom"
    if groups.preset == "value" and groups.b is None and groups.others == "rest":
        attribute, values = next(iter(groups.a.attributes.items()), ("", ()))
        if attribute in attributes and len(values) == 1 and values[0] in attributes[attribute]:
            state.update({"cmp_preset": "value", "cmp_attr": attribute, f"cmp_value_{attribute}": values[0]})
    elif groups.preset in ("month", "quarter") and period_groups(view, groups.preset) == groups:
        state["cmp_preset"] = groups.preset
    seed_side("a", groups.a, view.log, attributes)
    if groups.b is None:
        state["cmp_b_kind"] = groups.others
    else:
        state["cmp_b_kind"] = "filter"
        seed_side("b", groups.b, view.log, attributes)


def seed_side(side: str, filters: Filters, log: EventLog, attributes: dict[str, list[str]]) -> None:
    attribute = next((name for name, values in filters.attributes.items() if name in attributes and values), "")
    low, high = date_bounds(log)
    known = set(variant_index(log).ids)
    st.session_state.update({
        f"cmp_{side}_attr": attribute,
        f"cmp_{side}_values": [v for v in filters.attributes.get(attribute, ()) if v in attributes.get(attribute, [])],
        f"cmp_{side}_dates": (max(filters.date_from or low, low), min(filters.date_to or high, high)),
        f"cmp_{side}_mode": filters.date_mode,
        f"cmp_{side}_variants": [v for v in filters.variants if v in known],
    })


def side_filters(side: str, log: EventLog) -> Filters:
    """The filters of one custom group, from its widgets' state."""
    state = st.session_state
    attribute, values = state.get(f"cmp_{side}_attr", ""), tuple(state.get(f"cmp_{side}_values", ()))
    low, high = date_bounds(log)
    picked = state.get(f"cmp_{side}_dates", (low, high))
    start, end = picked if isinstance(picked, (tuple, list)) and len(picked) == 2 else (low, high)
    return Filters({attribute: values} if attribute and values else {}, start if start > low else None,
                   end if end < high else None, state.get(f"cmp_{side}_mode") or "started",
                   tuple(state.get(f"cmp_{side}_variants", ())))


def side_controls(side: str, view: LogView, attributes: dict[str, list[str]], choices: pd.DataFrame) -> None:
    """The filter widgets of one custom group (inside its popover)."""
    state = st.session_state
    state.setdefault(f"cmp_{side}_values", [])
    attribute = st.selectbox(tr("filters.attribute"), ["", *attributes], key=f"cmp_{side}_attr",
                             format_func=lambda n: column_name(n) if n else "–",
                             on_change=state.update, kwargs={f"cmp_{side}_values": []})
    if attribute:
        st.multiselect(tr("filters.values"), attributes[attribute], key=f"cmp_{side}_values",
                       placeholder=tr("filters.all"))
    low, high = date_bounds(view.log)
    st.date_input(tr("filters.dates"), key=f"cmp_{side}_dates", min_value=low, max_value=high)
    st.segmented_control(tr("filters.date_mode"), DATE_MODES, key=f"cmp_{side}_mode", required=True,
                         format_func=lambda m: tr(f"filters.mode.{m}"))
    labels = {row.variant_id: tr("compare.variant.option", rank=rank, share=percent(row.share), steps=row.steps)
              for rank, row in choices.iterrows()}
    options = list(dict.fromkeys([*labels, *state.get(f"cmp_{side}_variants", [])]))
    st.multiselect(tr("compare.variants.pick"), options, key=f"cmp_{side}_variants", placeholder=tr("filters.all"),
                   format_func=lambda v: labels.get(v, v))


def chosen_groups(view: LogView, attributes: dict[str, list[str]]) -> Groups | None:
    """The preset picker and the group controls; None when the chosen preset cannot be built."""
    lang = language()
    preset = st.session_state.get("cmp_preset") or "custom"
    row = st.columns([2.6, 1.2, 1.2], vertical_alignment="bottom")
    row[0].segmented_control(tr("compare.preset"), [p for p in PRESETS if attributes or p != "value"],
                             key="cmp_preset", required=True, format_func=lambda p: tr(f"compare.preset.{p}"))
    if preset == "value":
        attribute = row[1].selectbox(tr("compare.attribute"), list(attributes), key="cmp_attr",
                                     format_func=column_name)
        value_key = f"cmp_value_{attribute}"
        if st.session_state.get(value_key) not in attributes[attribute]:
            st.session_state[value_key] = attributes[attribute][0]
        value = row[2].selectbox(tr("compare.value"), attributes[attribute], key=value_key)
        return value_groups(attribute, value)
    if preset in ("month", "quarter"):
        groups = period_groups(view, preset)
        row[1].caption(tr("compare.period.help"))
        if groups is None:
            st.info(tr("compare.period.none"))
        return groups
    groups = Groups(side_filters("a", view.log), side_filters("b", view.log)
                    if st.session_state.get("cmp_b_kind") == "filter" else None,
                    st.session_state.get("cmp_b_kind") if st.session_state.get("cmp_b_kind") in ("rest", "all")
                    else "rest", "custom")
    names = groups.names(lang)
    choices = variant_table(view).head(VARIANT_CHOICES)
    with row[1].popover(tr_md("compare.group.button", group="A", name=names[0]), width="stretch"):
        side_controls("a", view, attributes, choices)
    with row[2].popover(tr_md("compare.group.button", group="B", name=names[1]), width="stretch"):
        st.segmented_control(tr("compare.b.kind"), ["rest", "all", "filter"], key="cmp_b_kind", required=True,
                             format_func=lambda k: tr(f"compare.b.{k}"))
        if st.session_state.get("cmp_b_kind") == "filter":
            side_controls("b", view, attributes, choices)
    return groups


def write_url(groups: Groups) -> None:
    """Put the comparison into the shareable URL (the sidebar keeps keys starting with '_')."""
    wanted = groups.to_query()
    current = comparison_query()
    if current == wanted:
        return
    for key in current:
        if key not in wanted:
            del st.query_params[key]
    for key, values in wanted.items():
        if current.get(key) != values:
            st.query_params[key] = values


# --- tables -------------------------------------------------------------------------------------------------------

def points(share: float) -> str:
    return tr("compare.points", value=signed_points(share))


def yes_no(flag) -> str:
    if flag is None or pd.isna(flag):
        return "–"
    return tr("compare.yes") if flag else tr("compare.no")


def kpi_rows(comparison: Comparison) -> tuple[pd.DataFrame, list[str]]:
    """The key figures as display text, and the notes on figures the data cannot give."""
    rows, notes = [], []
    for key, row in comparison.kpis.iterrows():
        label = tr(f"compare.kpi.{key}")
        if row["note"]:
            notes.append(tr(row["note"], kpi=label, name=row["note_arg"]))
            rows.append({"measure": label, "a": "–", "b": "–", "difference": "–", "interval": "", "noise": "–"})
            continue
        interval = ""
        if row["unit"] == "orders":
            a, b = f"{int(row['a']):,}", f"{int(row['b']):,}"
            difference = f"{int(row['difference']):+,}".replace("-", "−")
        elif row["unit"] == "seconds":
            a, b, difference = format_duration(row["a"]), format_duration(row["b"]), signed_duration(row["difference"])
            if not pd.isna(row["low"]):
                interval = f"{signed_duration(row['low'])} … {signed_duration(row['high'])}"
        else:
            a, b, difference = f"{row['a']:.1%}", f"{row['b']:.1%}", points(row["difference"])
            if not pd.isna(row["low"]):
                interval = tr("compare.points", value=f"{signed_points(row['low'])} … {signed_points(row['high'])}")
        rows.append({"measure": label, "a": a, "b": b, "difference": difference, "interval": interval,
                     "noise": yes_no(row["significant"])})
    return pd.DataFrame(rows), notes


def share_columns() -> dict:
    return {
        "share_a": st.column_config.NumberColumn(tr("compare.col.share_a"), format="%.1f%%", width=75),
        "share_b": st.column_config.NumberColumn(tr("compare.col.share_b"), format="%.1f%%", width=75),
        "points": st.column_config.NumberColumn(tr("compare.col.points"), format="%+.1f", width=95),
        "noise": st.column_config.TextColumn(tr("compare.col.noise"), help=tr("compare.col.noise.help"), width=105),
    }


def as_percent(table: pd.DataFrame) -> pd.DataFrame:
    return table.assign(share_a=table["share_a"] * 100, share_b=table["share_b"] * 100,
                        points=table["difference"] * 100, noise=table["significant"].map(yes_no))


def more_rows_note(total: int) -> None:
    if total > TABLE_ROWS:
        st.caption(tr("compare.more_rows", shown=TABLE_ROWS, total=total))


# --- the page -------------------------------------------------------------------------------------------------

if "cmp_seen" not in st.session_state:  # the first run of this page in the session: keep a shared comparison,
    st.session_state["cmp_seen"] = True  # as moving to the Data page to load the data drops the URL
    st.session_state[SHARED_QUERY] = comparison_query()
view = page_view("compare.title")
log = view.log
lang = language()
attributes = attribute_values(log)
if st.session_state.get("cmp_for") != id(log):
    seed_widgets(view, attributes, comparison_query() or st.session_state.pop(SHARED_QUERY, None) or {})
    st.session_state["cmp_for"] = id(log)
elif "cmp_preset" not in st.session_state:  # back from another page, which dropped this page's widget state
    seed_widgets(view, attributes, st.session_state.get(LAST_QUERY, {}))

groups = chosen_groups(view, attributes)
if groups is None:
    st.stop()
write_url(groups)
st.session_state[LAST_QUERY] = groups.to_query()
group_a, group_b = groups.views(view)
names = groups.names(lang)
st.markdown(tr("compare.groups", a=md(names[0]), n_a=group_a.n_cases, b=md(names[1]),
               n_b=group_b.n_cases))
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
    items = [f"{i}. {describe(d, log, names, lang, md)} [{tr('compare.evidence')}](#compare-{d.section})"
             for i, d in enumerate(comparison.differences[:SUMMARY_SIZE], 1)]
    st.markdown("\n".join(items))
else:
    st.markdown(tr("compare.summary.none"))

st.subheader(tr("compare.kpis"), anchor="compare-kpis")
kpis, notes = kpi_rows(comparison)
st.dataframe(kpis, hide_index=True, width="stretch", key="cmp_kpis", column_config={
    "measure": st.column_config.TextColumn(tr("compare.col.measure"), width=210),
    "a": st.column_config.TextColumn("A", width=90),
    "b": st.column_config.TextColumn("B", width=90),
    "difference": st.column_config.TextColumn(tr("compare.col.difference"), width=90),
    "interval": st.column_config.TextColumn(tr("compare.col.interval"), help=tr("compare.col.interval.help"),
                                            width=170),
    "noise": st.column_config.TextColumn(tr("compare.col.noise"), help=tr("compare.col.noise.help"), width=120),
})
notes += [] if comparison.kpis.loc["adherence", "note"] else [tr("compare.kpi.adherence.help")]
st.caption(" ".join(notes))

st.subheader(tr("compare.map"), anchor="compare-map")
controls = st.columns([1.1, 1, 1], gap="medium")
mode = controls[0].segmented_control(tr("process_map.view"), ["frequency", "performance"], key="cmp_map_view",
                                     default="frequency", required=True, format_func=lambda m: tr(f"process_map.view.{m}"))
activity_share = controls[1].slider(tr("process_map.activities"), 0, 100, 100, step=5, format="%d%%", key="cmp_map_activities",
                                    help=tr("process_map.activities.help"))
path_share = controls[2].slider(tr("process_map.paths"), 0, 100, DEFAULT_PATH_SHARE, step=5, format="%d%%",
                                key="cmp_map_paths", help=tr("process_map.paths.help"))
shown = cached_map(f"{mask_key(group_a)}|{mask_key(group_b)}", activity_share / 100, path_share / 100, mode,
                   group_a, group_b)
st.caption(tr("process_map.shown", activities=len(shown.activities), all_activities=shown.all_activities,
              paths=len(shown.edges), all_paths=shown.all_paths) + " " + tr(f"compare.map.legend.{mode}"))
st.graphviz_chart(difference_map_dot(shown, mode, lang, names), width="content")

st.subheader(tr("compare.paths"), anchor="compare-paths")
st.caption(tr("compare.paths.hint"))
paths = comparison.paths.sort_values("score", ascending=False, kind="stable").head(TABLE_ROWS)
paths = as_percent(paths).assign(
    path=[path_label(log, s, t, lang) for s, t in zip(paths["source"], paths["target"])],
    wait_a=paths["median_a"].map(format_duration), wait_b=paths["median_b"].map(format_duration),
    wait_noise=[yes_no(None if pd.isna(p) else flag) for p, flag in zip(paths["wait_p"], paths["wait_significant"])])
st.dataframe(paths, hide_index=True, width="stretch", key="cmp_paths",
             column_order=["path", "share_a", "share_b", "points", "noise", "wait_a", "wait_b", "wait_noise"],
             column_config={"path": st.column_config.TextColumn(tr("compare.col.path"), width=280),
                            **share_columns(),
                            "wait_a": st.column_config.TextColumn(tr("compare.col.wait_a"), width=90),
                            "wait_b": st.column_config.TextColumn(tr("compare.col.wait_b"), width=90),
                            "wait_noise": st.column_config.TextColumn(tr("compare.col.wait_noise"), width=100,
                                                                      help=tr("compare.col.wait_noise.help"))})
more_rows_note(len(comparison.paths))

st.subheader(tr("compare.variants"), anchor="compare-variants")
st.caption(tr("compare.variants.hint"))
sequences = variant_index(log).sequences
variants = comparison.variants.head(TABLE_ROWS)
reference = sequences[int(comparison.variants.loc[comparison.variants["rank"].idxmin(), "code"])]
families = activity_families(log.activity_names)
variants = as_percent(variants).assign(
    path=[short_path(sequences[c], reference, families, tr("variants.without")) for c in variants["code"]],
    only=variants["only"].str.upper())
st.dataframe(variants, hide_index=True, width="stretch", key="cmp_variants",
             column_order=["rank", "share_a", "share_b", "points", "noise", "only", "path"],
             column_config={"rank": st.column_config.NumberColumn("#", width=45), **share_columns(),
                            "only": st.column_config.TextColumn(tr("compare.col.only"), width=70),
                            "path": st.column_config.TextColumn(tr("compare.col.path"), width=700)})
more_rows_note(len(comparison.variants))

st.subheader(tr("compare.rework"), anchor="compare-rework")
if comparison.rework.empty:
    st.caption(tr("compare.rework.none"))
else:
    st.caption(tr("compare.rework.hint"))
    st.dataframe(as_percent(comparison.rework.head(TABLE_ROWS)), hide_index=True, width="stretch", key="cmp_rework",
                 column_order=["activity", "share_a", "share_b", "points", "noise"],
                 column_config={"activity": st.column_config.TextColumn(tr("compare.col.activity"), width=330),
                                **share_columns()})
    more_rows_note(len(comparison.rework))
