"""The shared sidebar: language switch and the order filters, mirrored in the URL so a view can be shared."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from o2c.i18n import LANGUAGES, t
from o2c.log.eventlog import EventLog
from o2c.log.filters import DATE_MODES, PAGE_KEY_PREFIX, PRIMARY_ATTRIBUTES, Filters
from ui.engine_pages import render_engine_filters
from ui.filter_stack import current_steps, render_add, render_stack, seed_steps
from ui.keys import Key, filter_values
from ui.state import column_name, event_log, filtered, tr

_MAX_FILTER_VALUES = 5000  # attributes with more distinct values (ids) are not offered as filters


def render_language() -> None:
    """Language switch; the first run of a session takes it from ``?lang=``."""
    if Key.LANG_CHOICE not in st.session_state:
        wanted = st.query_params.get("lang", "en")
        st.session_state[Key.LANG_CHOICE] = wanted if wanted in LANGUAGES else "en"
    label = " / ".join(t("sidebar.language", lang) for lang in LANGUAGES)  # readable whatever the language
    st.sidebar.segmented_control(
        label, list(LANGUAGES), key=Key.LANG_CHOICE, format_func=LANGUAGES.get, label_visibility="collapsed"
    )
    # A click on the selected option clears the control; keep the last language then.
    st.session_state[Key.LANG] = st.session_state[Key.LANG_CHOICE] or st.session_state.get(Key.LANG, "en")


def render_privacy() -> None:
    """The pseudonym switch for workshops: names in every page and export are replaced while it is on."""
    # The filters hold real account names, so they start afresh when the switch changes.
    st.sidebar.toggle(
        tr("sidebar.pseudonymise"),
        key=Key.PSEUDONYMISE,
        help=tr("sidebar.pseudonymise.help"),
        on_change=_forget_filters,
    )


def _forget_filters() -> None:
    st.session_state.pop(Key.FILTERS_FOR, None)
    st.session_state[Key.PENDING_QUERY] = {}


def render_filters() -> None:
    """Filter widgets for the loaded log; the result goes to ``st.session_state['filters']`` and the URL."""
    if Key.PENDING_QUERY not in st.session_state:  # first run: a shared link's filters wait for the data
        st.session_state[Key.PENDING_QUERY] = {k: st.query_params.get_all(k) for k in st.query_params}
    if render_engine_filters():  # a large source is open: filters over its engine
        return
    log = event_log()
    st.sidebar.subheader(tr("sidebar.filters"))
    if log is None:
        st.sidebar.caption(tr("sidebar.no_data"))
        return
    if st.session_state.get(Key.FILTERS_FOR) != id(log):
        _seed_widgets(log, Filters.from_query(st.session_state.pop(Key.PENDING_QUERY, {}) or {}))
        st.session_state[Key.FILTERS_FOR] = id(log)

    attributes: dict[str, tuple[str, ...]] = {}
    for name in PRIMARY_ATTRIBUTES:
        options = _values(log, name)
        if options:
            attributes[name] = tuple(
                st.sidebar.multiselect(
                    tr(f"filters.{name}"), options, key=filter_values(name), placeholder=tr("filters.all")
                )
            )
    date_from, date_to = _date_range(log)
    # The browser keeps a select box's old option labels when only their translation changes: a key per
    # language gives a fresh widget, seeded from the language-neutral value.
    mode_key = f"{Key.FILTER_DATE_MODE}_{st.session_state.get(Key.LANG, 'en')}"
    st.session_state[mode_key] = st.session_state.get(Key.FILTER_DATE_MODE, "started")
    mode = st.sidebar.selectbox(
        tr("filters.date_mode"),
        DATE_MODES,
        key=mode_key,
        format_func=lambda m: tr(f"filters.mode.{m}"),
        on_change=lambda: st.session_state.update({Key.FILTER_DATE_MODE: st.session_state[mode_key]}),
    )
    with st.sidebar.expander(tr("filters.more")):
        extra = [n for n in log.case_attribute_names() if n not in PRIMARY_ATTRIBUTES and _values(log, n)]
        chosen = st.selectbox(
            tr("filters.attribute"),
            [""] + extra,
            key=Key.FILTER_EXTRA_NAME,
            format_func=lambda n: column_name(n) if n else "–",
            on_change=st.session_state.update,
            args=({Key.FILTER_EXTRA_VALUES: []},),
        )
        if chosen:
            attributes[chosen] = tuple(
                st.multiselect(
                    tr("filters.values"),
                    _values(log, chosen),
                    key=Key.FILTER_EXTRA_VALUES,
                    placeholder=tr("filters.all"),
                )
            )
    if Key.PENDING_VARIANTS in st.session_state:  # set by the Variants page
        st.session_state[Key.FILTER_VARIANTS] = tuple(st.session_state.pop(Key.PENDING_VARIANTS))
    variants = st.session_state.get(Key.FILTER_VARIANTS, ())
    if variants:
        st.sidebar.caption(tr("filters.variants", n=len(variants)))
        st.sidebar.button(
            tr("filters.variants.clear"),
            on_click=st.session_state.update,
            args=({Key.FILTER_VARIANTS: ()},),
            icon=":material/close:",
            key=Key.CLEAR_VARIANTS,
        )
    current = Filters({k: v for k, v in attributes.items() if v}, date_from, date_to, mode, variants, current_steps())
    render_stack(log, current.steps, filtered(log, current)[1])
    render_add(log)
    if not current.is_empty:
        st.sidebar.button(tr("filters.reset"), on_click=_reset, args=(log,), icon=":material/filter_alt_off:")
    st.session_state[Key.FILTERS] = current
    _write_url(current)


def _values(log: EventLog, name: str) -> list[str]:
    column = log.cases.get(name)
    if column is None or not isinstance(column.dtype, pd.CategoricalDtype):
        return []
    categories = column.cat.categories
    return [] if len(categories) > _MAX_FILTER_VALUES else sorted(map(str, categories))


def _bounds(log: EventLog) -> tuple[dt.date, dt.date]:
    return log.cases["start"].min().date(), log.cases["end"].max().date()


def _date_range(log: EventLog) -> tuple[dt.date | None, dt.date | None]:
    low, high = _bounds(log)
    picked = st.sidebar.date_input(tr("filters.dates"), key=Key.FILTER_DATES, min_value=low, max_value=high)
    if not isinstance(picked, (tuple, list)) or len(picked) != 2:  # half-picked range: no date filter yet
        return None, None
    start, end = picked
    return (start if start > low else None), (end if end < high else None)


def _seed_widgets(log: EventLog, wanted: Filters) -> None:
    low, high = _bounds(log)
    for name in PRIMARY_ATTRIBUTES:
        st.session_state[filter_values(name)] = [v for v in wanted.attributes.get(name, ()) if v in _values(log, name)]
    st.session_state[Key.FILTER_DATES] = (max(wanted.date_from or low, low), min(wanted.date_to or high, high))
    st.session_state[Key.FILTER_DATE_MODE] = wanted.date_mode
    others = [n for n in wanted.attributes if n not in PRIMARY_ATTRIBUTES and _values(log, n)]
    st.session_state[Key.FILTER_EXTRA_NAME] = others[0] if others else ""
    st.session_state[Key.FILTER_EXTRA_VALUES] = list(wanted.attributes[others[0]]) if others else []
    st.session_state[Key.FILTER_VARIANTS] = wanted.variants
    seed_steps(wanted.steps)


def _reset(log: EventLog) -> None:
    _seed_widgets(log, Filters())


def _write_url(current: Filters) -> None:
    query = current.to_query()
    if st.session_state.get(Key.LANG, "en") != "en":
        query["lang"] = [st.session_state[Key.LANG]]
    existing = {k: st.query_params.get_all(k) for k in st.query_params}
    query.update({k: v for k, v in existing.items() if k.startswith(PAGE_KEY_PREFIX)})  # pages own these
    if existing != query:
        st.query_params.from_dict(query)
