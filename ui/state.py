"""Per-user session state: the loaded log, the language and the current filters."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from o2c.conform.rules import DEFAULT_RULES, RuleSet, parse_rules, read_rules_sheet
from o2c.i18n import Language, t
from o2c.improve.automation import default_system_resources
from o2c.improve.cost import CostTable, cost_table_for, read_cost_sheet
from o2c.improve.settings import Settings
from o2c.ingest.activity_sheet import read_activity_map_sheet
from o2c.ingest.load import LoadOptions, LoadResult, load_event_log
from o2c.log.columns import column_label
from o2c.log.eventlog import EventLog, LogView
from o2c.log.filters import Filters
from o2c.log.pseudonymise import new_key, pseudonymise_log
from o2c.log.stack import loaded_orders
from o2c.log.vocabulary import with_activity_map
from ui.dataset_state import analysis_key, loaded_digest, put_slot, slot, slot_value
from ui.editable_table import EditableTable
from ui.keys import Key
from ui.text import md

SAMPLE_PATH = Path(__file__).resolve().parent.parent / "sample_data" / "o2c_sample.xlsx"
CACHE_ENTRIES = 8
CACHE_SECONDS = 3600


@dataclass(frozen=True)
class Dataset:
    """What this session has loaded: the file name, its content digest and the load result."""

    name: str
    digest: str
    result: LoadResult


@st.cache_resource(max_entries=CACHE_ENTRIES, ttl=CACHE_SECONDS, show_spinner=False)
def _cached_load(
    digest: str, filename: str, timezone: str, date_order: str, columns: tuple[tuple[str, str], ...], _data: bytes
) -> LoadResult:
    # Keyed by the content digest (not the bytes) so hashing a large upload happens once;
    # two sessions share an entry only when they uploaded identical bytes with identical options.
    options = LoadOptions(dict(columns) or None, timezone, date_order)
    return load_event_log(_data, filename, options)


def load(data: bytes, filename: str, options: LoadOptions = LoadOptions()) -> Dataset:
    """Load bytes (cached by content) and make the result this session's dataset."""
    digest = hashlib.sha256(data).hexdigest()
    columns = tuple(sorted((options.columns or {}).items()))
    result = _cached_load(digest, filename, options.timezone, options.date_order, columns, data)
    dataset = Dataset(filename, digest, result)
    st.session_state[Key.DATASET] = dataset
    rules, problems = read_rules_sheet(data, filename)  # a Rules sheet in the workbook replaces the defaults
    put_slot(Key.WORKBOOK_RULES, digest, rules=rules, problems=problems)
    costs, cost_problems = read_cost_sheet(data, filename)  # cost_per_execution on the Activities sheet
    put_slot(Key.WORKBOOK_COSTS, digest, costs=costs, problems=cost_problems)
    steps, step_problems = read_activity_map_sheet(data, filename)  # the role column of the Activities sheet
    put_slot(Key.ACTIVITY_MAP, digest, overrides=steps, problems=step_problems)
    return dataset


def load_sample() -> Dataset:
    """Load the bundled 2,000-order sample workbook."""
    return load(SAMPLE_PATH.read_bytes(), SAMPLE_PATH.name)


def dataset() -> Dataset | None:
    """This session's dataset, if any."""
    return st.session_state.get(Key.DATASET)


def mapped_log() -> EventLog | None:
    """This session's event log with the user's corrections to its activity mapping (Data page), if one loaded
    without blocking errors. The corrected log is kept, so caches that live on it survive reruns."""
    current = dataset()
    log = current.result.log if current else None
    corrections = slot_value(Key.ACTIVITY_MAP, "overrides")
    if log is None or not corrections:
        return log
    key = analysis_key()
    kept = st.session_state.get(Key.ACTIVITY_MAPPED)
    if kept is None or kept[0] != key:
        kept = (key, with_activity_map(log, corrections))
        st.session_state[Key.ACTIVITY_MAPPED] = kept
    return kept[1]


def event_log() -> EventLog | None:
    """This session's event log, if one loaded without blocking errors, with the user's activity mapping;
    pseudonymised when the user asked."""
    current = dataset()
    log = mapped_log()
    if current is None or log is None or not st.session_state.get(Key.PSEUDONYMISE):
        return log
    # One key per upload, kept only in this session. The masked log is kept too, so caches that live on the
    # log object (variants, transitions) survive reruns.
    key = st.session_state.setdefault(Key.PSEUDONYM_KEYS, {}).setdefault(current.digest, new_key())
    masked = st.session_state.get(Key.PSEUDONYMISED)
    if masked is None or masked[0] != analysis_key():
        masked = (analysis_key(), pseudonymise_log(log, key))
        st.session_state[Key.PSEUDONYMISED] = masked
    return masked[1]


def language() -> Language:
    """The language picked in the sidebar."""
    return st.session_state.get(Key.LANG, "en")


def tr(key: str, **values: object) -> str:
    """Translate ``key`` into the session's language."""
    return t(key, language(), **values)


def column_name(name: str) -> str:
    """A column's name as this session's user reads it (Chinese names for template columns in Chinese)."""
    return column_label(name, language())


def filters() -> Filters:
    """The filters set in the sidebar."""
    return st.session_state.get(Key.FILTERS, Filters())


def current_view() -> LogView | None:
    """The filtered view every analysis page draws, or None (with a hint shown) when nothing is loaded."""
    log = event_log()
    if log is None:
        st.info(tr("common.no_data"), icon=":material/upload_file:")
        return None
    return filtered(log, filters())[0]


def filtered(log: EventLog, wanted: Filters) -> tuple[LogView, list[int]]:
    """``wanted`` applied to ``log`` and the orders kept after each filter of its stack; computed once while
    neither changes (the sidebar counts the stack, then the page draws the same view)."""
    kept = st.session_state.get(Key.FILTERED)
    if kept is None or kept[0] != id(log) or kept[1] != wanted:
        kept = (id(log), wanted, *wanted.apply_counted(log))
        st.session_state[Key.FILTERED] = kept
    return kept[2], kept[3]


def page_view(title_key: str, *, allow_empty: bool = False) -> LogView:
    """The top of an analysis page: title, the filter sentence, and the view; stops the page without data."""
    from ui.engine_pages import block_without_memory  # noqa: PLC0415 - ui.engine_pages imports this module

    block_without_memory(title_key)
    st.title(tr(title_key))
    view = current_view()
    if view is None:
        st.stop()
    if not st.session_state.get(Key.PRESENTATION):  # presenting: the filter line is in the presentation bar
        # a trim's view is over the trimmed log: count against every loaded order
        st.caption(md(filters().describe(view.n_cases, loaded_orders(view.log), language())))
    if view.n_cases == 0 and not allow_empty:
        st.warning(tr("common.empty"))
        st.stop()
    return view


# ---------------------------------------------------------------------------------------------- analysis settings
# The settings KPIs depend on, edited on their own pages and used by every page that shows KPIs.
SYSTEMS_KEY = Key.SETTINGS_SYSTEMS  # per-dataset slot: {"digest": ..., "systems": tuple of resource names}
COSTS_KEY = Key.SETTINGS_COSTS  # per-dataset slot: {"digest": ..., "costs": CostTable}
RULES_TABLE = EditableTable(Key.CONF_RULES)  # the rules edited on the Conformance page


def active_rules() -> RuleSet:
    """The compliance rules in effect: as edited on the Conformance page, else the workbook's Rules sheet, else
    the default O2C rules."""
    sheet_rules = slot_value(Key.WORKBOOK_RULES, "rules")
    expected = f"workbook:{loaded_digest()}" if sheet_rules is not None else "default"
    edited = st.session_state.get(RULES_TABLE.base_key)
    if edited is not None and st.session_state.get(RULES_TABLE.source_key) == expected:
        return parse_rules(edited)[0]
    return sheet_rules if sheet_rules is not None else DEFAULT_RULES


def active_systems(log: EventLog) -> tuple[str, ...]:
    """The resources counted as systems: as picked on the Automation page, else detected from the log."""
    picked = slot(SYSTEMS_KEY)
    return picked["systems"] if picked else default_system_resources(log)


def active_costs(log: EventLog) -> CostTable:
    """The cost per execution of each activity: as edited on the Automation page, else the workbook's Activities
    sheet, else the illustrative defaults."""
    edited = slot(COSTS_KEY)
    if edited:
        return edited["costs"]
    return cost_table_for(log, slot_value(Key.WORKBOOK_COSTS, "costs"))


def analysis_settings(log: EventLog) -> Settings:
    """Everything the KPIs of this session depend on."""
    return Settings(rules=active_rules(), systems=active_systems(log), costs=active_costs(log))
