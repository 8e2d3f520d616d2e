"""Every session-state key the app uses, in one place, so two pages cannot reuse a name by accident.

Widget keys that are only ever passed to one widget (a table's selection, a download button) stay next to their
widget; the keys here are those read or written through ``st.session_state``. Keys built from a name (one widget
per attribute, per side, per period) are functions.
"""

from __future__ import annotations


class Key:
    """The session-state keys, grouped by who owns them."""

    # the loaded data and the session's settings (ui.state, ui.sidebar)
    DATASET = "dataset"
    WORKBOOK_RULES = "workbook_rules"  # per-dataset slot: the Rules sheet of the loaded workbook
    WORKBOOK_COSTS = "workbook_costs"  # per-dataset slot: cost_per_execution from its Activities sheet
    SETTINGS_SYSTEMS = "settings_systems"  # per-dataset slot: the resources picked as systems
    SETTINGS_COSTS = "settings_costs"  # per-dataset slot: the edited cost table
    PSEUDONYMISE = "pseudonymise"
    PSEUDONYM_KEYS = "pseudonym_keys"
    PSEUDONYMISED = "pseudonymised"
    LANG = "lang"
    LANG_CHOICE = "lang_choice"
    FILTERS = "filters"
    FILTERS_FOR = "filters_for"
    FILTER_DATES = "filter_dates"
    FILTER_DATE_MODE = "filter_date_mode"
    FILTER_EXTRA_NAME = "filter_extra_name"
    FILTER_EXTRA_VALUES = "filter_extra_values"
    FILTER_VARIANTS = "filter_variants"
    PENDING_QUERY = "pending_query"
    PENDING_VARIANTS = "pending_variants"  # set by the Variants page, taken by the sidebar

    # Data
    TIMEZONE = "timezone"
    DATE_ORDER = "date_order"
    COLUMN_CHOICE = "column_choice"
    COLUMN_CHOICE_FOR = "column_choice_for"
    UPLOAD_LOADED = "upload_loaded"

    # Order explorer (also written by pages that link to an order)
    ORDER_LOOKUP = "order_lookup"
    ORDER_PICK = "order_pick"
    ORDER_LINK_FOLLOWED = "order_link_followed"

    # Variants, People, Partners, Root causes
    VARIANT_SELECTION = "variant_selection"
    PEOPLE_LEVEL = "people_level"
    PEOPLE_LEVEL_SAVED = "people_level_saved"
    PEOPLE_ACTIVITY = "people_activity"
    PARTNERS_ATTRIBUTE_SAVED = "partners_attribute_saved"
    RC_LANG = "rc_lang"
    RC_OUTCOME = "rc_outcome"
    RC_RULE = "rc_rule"

    # Automation & cost (ui.costs)
    COST_TABLE = "cost"  # prefix of the edited cost table's slots (ui.editable_table)
    AUTO_SYSTEMS = "auto_systems"
    AUTO_SYSTEMS_DIGEST = "auto_systems_digest"

    # Conformance
    CONF_RULES = "conf_rules"  # prefix of the edited rules table's slots (ui.editable_table)
    CONF_SECTION = "conf_section"
    CONF_OPEN = "conf_open"
    CONF_MODEL = "conf_model"
    CONF_ALIGN_FOR = "conf_align_for"

    # Compare
    CMP_SEEN = "cmp_seen"
    CMP_FOR = "cmp_for"
    CMP_SHARED_QUERY = "cmp_shared_query"
    CMP_LAST_QUERY = "cmp_last_query"
    CMP_PRESET = "cmp_preset"
    CMP_ATTR = "cmp_attr"
    CMP_B_KIND = "cmp_b_kind"

    # KPIs & monitoring
    MONITOR_STORE_PATH = "monitor_store_path"
    MONITOR_STORE_ERROR = "monitor_store_error"
    MONITOR_DELETE_PENDING = "monitor_delete_pending"
    MONITOR_LABEL = "monitor_label"
    MONITOR_TRENDS = "monitor_trends"


def saved(key: str) -> str:
    """Where a widget's value is kept while its page is not shown (Streamlit drops the widget's own key)."""
    return f"{key}_saved"


def filter_values(name: str) -> str:
    """The sidebar's multiselect of one order attribute."""
    return f"filter_{name}"


def cmp_value(attribute: str) -> str:
    """The Compare page's value of ``attribute`` in the "one value against the rest" preset."""
    return f"cmp_value_{attribute}"


def cmp_side(side: str, field: str) -> str:
    """A widget of one custom group on the Compare page: ``side`` "a" or "b", ``field`` "attr", "values", "dates",
    "mode" or "variants"."""
    return f"cmp_{side}_{field}"
