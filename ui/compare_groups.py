"""The Compare page's two groups: a preset or custom filters, seeded from the URL once per loaded log and written
back to it on every change."""

from __future__ import annotations

import dataclasses

import pandas as pd
import streamlit as st

from o2c.discover.variants import variant_table
from o2c.format import percent
from o2c.improve.compare import (
    PRESETS,
    QUERY_A,
    QUERY_B,
    QUERY_OTHERS,
    QUERY_PRESET,
    Groups,
    period_groups,
    value_groups,
)
from o2c.improve.compare.choices import date_bounds, group_filters
from o2c.log.eventlog import EventLog, LogView
from o2c.log.filters import DATE_MODES, Filters
from o2c.log.index import variant_index
from o2c.log.stack import describe_step
from ui.keys import Key, cmp_side, cmp_value
from ui.state import column_name, language, tr
from ui.text import tr_md

VARIANT_CHOICES = 50


def comparison_query() -> dict[str, list[str]]:
    """The comparison's keys in the URL."""
    return {
        key: st.query_params.get_all(key)
        for key in st.query_params
        if key.startswith((QUERY_A, QUERY_B)) or key in (QUERY_OTHERS, QUERY_PRESET)
    }


def remember_shared_query() -> None:
    """On the page's first run in the session, keep a shared comparison's URL keys: moving to the Data page to load
    the data drops them from the URL."""
    if Key.CMP_SEEN not in st.session_state:
        st.session_state[Key.CMP_SEEN] = True
        st.session_state[Key.CMP_SHARED_QUERY] = comparison_query()


def seed_once(view: LogView, attributes: dict[str, list[str]]) -> None:
    """Seed the group widgets for a newly loaded log (from the URL or the shared link), or when back from another
    page, which dropped this page's widget state (from the last comparison)."""
    if st.session_state.get(Key.CMP_FOR) != id(view.log):
        seed_widgets(view, attributes, comparison_query() or st.session_state.pop(Key.CMP_SHARED_QUERY, None) or {})
        st.session_state[Key.CMP_FOR] = id(view.log)
    elif Key.CMP_PRESET not in st.session_state:
        seed_widgets(view, attributes, st.session_state.get(Key.CMP_LAST_QUERY, {}))


def seed_widgets(view: LogView, attributes: dict[str, list[str]], query: dict[str, list[str]]) -> None:
    """Set every group widget from a comparison's URL keys (the default comparison when there are none)."""
    groups = Groups.from_query(query)
    state = st.session_state
    default_attribute = "sales_channel" if "sales_channel" in attributes else next(iter(attributes), "")
    state[Key.CMP_ATTR] = default_attribute
    if default_attribute:
        counts = view.cases[default_attribute].value_counts()
        state[cmp_value(default_attribute)] = str(counts.index[0])
    state[Key.CMP_PRESET] = "value" if default_attribute else "custom"
    state[Key.CMP_B_KIND] = "rest"
    for side in ("a", "b"):
        seed_side(side, Filters(), view.log, attributes)
    if groups is None:
        return
    state[Key.CMP_PRESET] = "custom"
    if groups.preset == "value" and groups.b is None and groups.others == "rest":
        attribute, values = next(iter(groups.a.attributes.items()), ("", ()))
        if attribute in attributes and len(values) == 1 and values[0] in attributes[attribute]:
            state.update({Key.CMP_PRESET: "value", Key.CMP_ATTR: attribute, cmp_value(attribute): values[0]})
    elif groups.preset in ("month", "quarter") and period_groups(view, groups.preset) == groups:
        state[Key.CMP_PRESET] = groups.preset
    seed_side("a", groups.a, view.log, attributes)
    if groups.b is None:
        state[Key.CMP_B_KIND] = groups.others
    else:
        state[Key.CMP_B_KIND] = "filter"
        seed_side("b", groups.b, view.log, attributes)


def seed_side(side: str, filters: Filters, log: EventLog, attributes: dict[str, list[str]]) -> None:
    """Set one custom group's widgets from its filters, dropping values the log does not have."""
    attribute = next((name for name, values in filters.attributes.items() if name in attributes and values), "")
    low, high = date_bounds(log)
    known = set(variant_index(log).ids)
    st.session_state.update(
        {
            cmp_side(side, "attr"): attribute,
            cmp_side(side, "values"): [
                v for v in filters.attributes.get(attribute, ()) if v in attributes.get(attribute, [])
            ],
            cmp_side(side, "dates"): (max(filters.date_from or low, low), min(filters.date_to or high, high)),
            cmp_side(side, "mode"): filters.date_mode,
            cmp_side(side, "variants"): [v for v in filters.variants if v in known],
            cmp_side(side, "steps"): filters.steps,  # stack filters from a link (``_a.f=...``) are kept as they are
        }
    )


def side_filters(side: str, log: EventLog) -> Filters:
    """The filters of one custom group, from its widgets' state."""
    state = st.session_state
    low, high = date_bounds(log)
    picked = group_filters(
        state.get(cmp_side(side, "attr"), ""),
        tuple(state.get(cmp_side(side, "values"), ())),
        state.get(cmp_side(side, "dates"), (low, high)),
        state.get(cmp_side(side, "mode")),
        tuple(state.get(cmp_side(side, "variants"), ())),
        (low, high),
    )
    return dataclasses.replace(picked, steps=tuple(state.get(cmp_side(side, "steps"), ())))


def side_controls(side: str, view: LogView, attributes: dict[str, list[str]], choices: pd.DataFrame) -> None:
    """The filter widgets of one custom group (inside its popover)."""
    state = st.session_state
    state.setdefault(cmp_side(side, "values"), [])
    attribute = st.selectbox(
        tr("filters.attribute"),
        ["", *attributes],
        key=cmp_side(side, "attr"),
        format_func=lambda n: column_name(n) if n else "–",
        on_change=state.update,
        kwargs={cmp_side(side, "values"): []},
    )
    if attribute:
        st.multiselect(
            tr("filters.values"), attributes[attribute], key=cmp_side(side, "values"), placeholder=tr("filters.all")
        )
    low, high = date_bounds(view.log)
    st.date_input(tr("filters.dates"), key=cmp_side(side, "dates"), min_value=low, max_value=high)
    st.segmented_control(
        tr("filters.date_mode"),
        DATE_MODES,
        key=cmp_side(side, "mode"),
        required=True,
        format_func=lambda m: tr(f"filters.mode.{m}"),
    )
    for step in state.get(cmp_side(side, "steps"), ()):  # set by a link (``_a.f=...``), kept as they are
        st.caption(tr_md("stack.group", text=describe_step(step, language())))
    labels = {
        row.variant_id: tr("compare.variant.option", rank=rank, share=percent(row.share), steps=row.steps)
        for rank, row in choices.iterrows()
    }
    options = list(dict.fromkeys([*labels, *state.get(cmp_side(side, "variants"), [])]))
    st.multiselect(
        tr("compare.variants.pick"),
        options,
        key=cmp_side(side, "variants"),
        placeholder=tr("filters.all"),
        format_func=lambda v: labels.get(v, v),
    )


def chosen_groups(view: LogView, attributes: dict[str, list[str]]) -> Groups | None:
    """The preset picker and the group controls; None when the chosen preset cannot be built."""
    state = st.session_state
    preset = state.get(Key.CMP_PRESET) or "custom"
    row = st.columns([2.6, 1.2, 1.2], vertical_alignment="bottom")
    row[0].segmented_control(
        tr("compare.preset"),
        [p for p in PRESETS if attributes or p != "value"],
        key=Key.CMP_PRESET,
        required=True,
        format_func=lambda p: tr(f"compare.preset.{p}"),
    )
    if preset == "value":
        attribute = row[1].selectbox(
            tr("compare.attribute"), list(attributes), key=Key.CMP_ATTR, format_func=column_name
        )
        if state.get(cmp_value(attribute)) not in attributes[attribute]:
            state[cmp_value(attribute)] = attributes[attribute][0]
        value = row[2].selectbox(tr("compare.value"), attributes[attribute], key=cmp_value(attribute))
        return value_groups(attribute, value)
    if preset in ("month", "quarter"):
        groups = period_groups(view, preset)
        row[1].caption(tr("compare.period.help"))
        if groups is None:
            st.info(tr("compare.period.none"))
        return groups
    b_kind = state.get(Key.CMP_B_KIND)
    groups = Groups(
        side_filters("a", view.log),
        side_filters("b", view.log) if b_kind == "filter" else None,
        b_kind if b_kind in ("rest", "all") else "rest",
        "custom",
    )
    names = groups.names(language())
    choices = variant_table(view).head(VARIANT_CHOICES)
    with row[1].popover(tr_md("compare.group.button", group="A", name=names[0]), width="stretch"):
        side_controls("a", view, attributes, choices)
    with row[2].popover(tr_md("compare.group.button", group="B", name=names[1]), width="stretch"):
        st.segmented_control(
            tr("compare.b.kind"),
            ["rest", "all", "filter"],
            key=Key.CMP_B_KIND,
            required=True,
            format_func=lambda k: tr(f"compare.b.{k}"),
        )
        if state.get(Key.CMP_B_KIND) == "filter":
            side_controls("b", view, attributes, choices)
    return groups


def write_url(groups: Groups) -> None:
    """Put the comparison into the shareable URL (the sidebar keeps keys starting with '_') and remember it for
    when the page is shown again."""
    wanted = groups.to_query()
    st.session_state[Key.CMP_LAST_QUERY] = wanted
    current = comparison_query()
    if current == wanted:
        return
    for key in current:
        if key not in wanted:
            del st.query_params[key]
    for key, values in wanted.items():
        if current.get(key) != values:
            st.query_params[key] = values
