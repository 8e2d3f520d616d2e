"""Every session-state key the app uses, in one place, so two pages cannot reuse a name by accident.

Both the keys read or written through ``st.session_state`` and the widgets' ``key=`` arguments live here; the
values are part of the app's behaviour (tests and saved state name them), so a key is renamed only on purpose.
Keys built from a name (one widget per attribute, per side, per period) are functions. tests/test_pages_thin.py
checks that no page or ui module subscripts ``st.session_state`` with a string of its own.
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
    FILTER_STEPS = "filter_steps"  # the filter stack (ui.filter_stack)
    PENDING_STEPS = "pending_steps"  # filters added by pages ("filter to these orders"), taken by the sidebar
    FILTERED = "filtered"  # (log id, Filters, view, counts): the filtered view, computed once per run

    # Overview (ui.story_view) and presentation mode (ui.presentation)
    OVERVIEW_BASELINE = "overview_baseline"
    OVERVIEW_BASELINE_DATES = "overview_baseline_dates"
    PRESENTATION = "presentation"
    PRESENTATION_EDIT = "presentation_edit"
    PRESENTATION_EDIT_BUTTON = "presentation_edit_button"
    PRESENTATION_EXIT = "presentation_exit"

    # Data
    TIMEZONE = "timezone"
    DATE_ORDER = "date_order"
    COLUMN_CHOICE = "column_choice"
    COLUMN_CHOICE_FOR = "column_choice_for"
    UPLOAD_LOADED = "upload_loaded"
    ACTIVITY_MAP = "activity_map"  # per-dataset slot: the user's corrections, raw name -> role key or None
    ACTIVITY_MAPPED = "activity_mapped"  # (digest, corrections, log with them): reused across reruns
    ACTIVITY_MAP_EDITOR = "activity_map_editor"
    ACTIVITY_MAP_UPLOAD = "activity_map_upload"
    ACTIVITY_MAP_RESET = "activity_map_reset"
    ACTIVITY_MAP_DOWNLOAD = "activity_map_download"

    # Order explorer (also written by pages that link to an order)
    ORDER_LOOKUP = "order_lookup"
    ORDER_PICK = "order_pick"
    ORDER_LINK_FOLLOWED = "order_link_followed"

    # Cycle times
    CYCLE_SPLIT = "cycle_split"
    CYCLE_MILESTONES = "cycle_milestones"
    CYCLE_BOTTLENECK = "cycle_bottleneck"
    CYCLE_SLOW = "cycle_slow"
    CYCLE_SLOW_FILTER = "cycle_slow_filter"
    CYCLE_PERIOD = "cycle_period"

    # Variants, People, Partners, Root causes
    VARIANT_SELECTION = "variant_selection"
    PEOPLE_LEVEL = "people_level"
    PEOPLE_LEVEL_SAVED = "people_level_saved"
    PEOPLE_ACTIVITY = "people_activity"
    PARTNERS_ATTRIBUTE_SAVED = "partners_attribute_saved"
    RC_LANG = "rc_lang"
    RC_OUTCOME = "rc_outcome"
    RC_RULE = "rc_rule"
    RC_SLOW_DAYS = "rc_slow_days"
    RC_PAY_DAYS = "rc_pay_days"
    RC_ORDERS_PICK = "rc_orders_pick"
    RC_SEGMENTS = "rc_segments"
    RC_BEHAVIOURS = "rc_behaviours"
    RC_DOWNLOAD = "rc_download"
    RC_ORDERS = "rc_orders"

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
    CMP_KPIS = "cmp_kpis"
    CMP_MAP_VIEW = "cmp_map_view"
    CMP_MAP_ACTIVITIES = "cmp_map_activities"
    CMP_MAP_PATHS = "cmp_map_paths"
    CMP_PATHS = "cmp_paths"
    CMP_VARIANTS = "cmp_variants"
    CMP_REWORK = "cmp_rework"

    # KPIs & monitoring
    MONITOR_STORE_ERROR = "monitor_store_error"
    MONITOR_DELETE_PENDING = "monitor_delete_pending"
    MONITOR_LABEL = "monitor_label"
    MONITOR_TRENDS = "monitor_trends"
    MONITOR_WORKSPACE = "monitor_workspace"
    MONITOR_SESSION_WORKSPACE = "monitor_session_workspace"
    MONITOR_TREND_KPIS = "monitor_trend_kpis"
    MONITOR_TREND_PERIOD = "monitor_trend_period"
    MONITOR_CMP_PERIOD = "monitor_cmp_period"
    MONITOR_SAVE = "monitor_save"
    MONITOR_SAVED_TABLE = "monitor_saved_table"
    MONITOR_SNAP_A = "monitor_snap_a"
    MONITOR_SNAP_B = "monitor_snap_b"
    MONITOR_COMPARE_TABLE = "monitor_compare_table"
    MONITOR_COMPARE_CSV = "monitor_compare_csv"
    MONITOR_DELETE = "monitor_delete"
    MONITOR_DELETE_PICK = "monitor_delete_pick"
    MONITOR_DELETE_YES = "monitor_delete_yes"
    MONITOR_DELETE_NO = "monitor_delete_no"
    MONITOR_RUN_KPI = "monitor_run_kpi"
    MONITOR_RUN_SEGMENTS = "monitor_run_segments"
    MONITOR_RUN_CHECKS = "monitor_run_checks"

    # Widget keys of the other pages and ui modules, by file
    # automation
    AUTO_CANDIDATES = "auto_candidates"
    AUTO_CANDIDATES_CSV = "auto_candidates_csv"
    AUTO_COST_BY = "auto_cost_by"
    # backlog
    BACKLOG_KINDS = "backlog_kinds"
    BACKLOG_TABLE = "backlog_table"
    BACKLOG_PICK = "backlog_pick"
    # data
    SF_FILES = "sf_files"
    SF_MAPPING = "sf_mapping"
    SF_CONVERT = "sf_convert"
    SF_DOWNLOAD = "sf_download"
    DOWNLOAD_TEMPLATE = "download_template"
    LOAD_SAMPLE = "load_sample"
    UPLOAD = "upload"
    APPLY_MAPPING = "apply_mapping"
    REPORT_TABLE = "report_table"
    DOWNLOAD_REPORT = "download_report"
    # partners
    PARTNERS_TARGET = "partners_target"
    PARTNERS_TABLE = "partners_table"
    PARTNERS_DOWNLOAD = "partners_download"
    # people
    PEOPLE_PERFORMERS = "people_performers"
    PEOPLE_DOWNLOAD = "people_download"
    PEOPLE_HANDOVERS = "people_handovers"
    PEOPLE_DOWNLOAD_HANDOVERS = "people_download_handovers"
    PEOPLE_DOWNLOAD_DOT = "people_download_dot"
    PEOPLE_BALANCE = "people_balance"
    # process_map
    MAP_VIEW = "map_view"
    MAP_FILTER_PICK = "map_filter_pick"  # ui.click_filter: the path or activity to filter to
    MAP_FILTER = "map_filter"
    REWORK_FILTER = "rework_filter"
    RC_FILTER = "rc_filter"
    MAP_ACTIVITIES = "map_activities"
    MAP_PATHS = "map_paths"
    MAP_DOWNLOAD_DOT = "map_download_dot"
    MAP_DOWNLOAD_SVG = "map_download_svg"
    MAP_MODEL = "map_model"
    MAP_NOISE = "map_noise"
    MAP_DOWNLOAD_BPMN = "map_download_bpmn"
    # the replay on the Process map page (ui/replay_view.py)
    MAP_REPLAY = "map_replay"
    MAP_REPLAY_DOWNLOAD = "map_replay_download"
    # reports
    REPORTS_EXCEL = "reports_excel"
    REPORTS_HTML = "reports_html"
    # rework
    REWORK_BY_ACTIVITY = "rework_by_activity"
    REWORK_LOOPS = "rework_loops"
    REWORK_PING_PONG = "rework_ping_pong"
    REWORK_FOCUS = "rework_focus"
    DOWNLOAD_REWORK_ORDERS = "download_rework_orders"
    REWORK_ORDERS = "rework_orders"
    # variants
    VARIANTS_TABLE = "variants_table"
    DOWNLOAD_VARIANTS = "download_variants"
    FILTER_TO_VARIANTS = "filter_to_variants"
    # what_if
    WI_PERCENT = "wi_percent"
    WI_KIND = "wi_kind"
    WI_REWORK_ACTIVITY = "wi_rework_activity"
    WI_TRANSITION = "wi_transition"
    WI_AUTOMATE_ACTIVITY = "wi_automate_activity"
    # costs
    COST_RESET = "cost_reset"
    # model_view
    CONF_MODEL_SOURCE = "conf_model_source"
    CONF_MODEL_UPLOAD = "conf_model_upload"
    CONF_MODEL_VARIANTS = "conf_model_variants"
    CONF_MODEL_DOWNLOAD = "conf_model_download"
    CONF_ALIGN = "conf_align"
    CONF_DEVIATION_TABLE = "conf_deviation_table"
    CONF_DEVIATION_EXAMPLES = "conf_deviation_examples"
    # rules_editor
    CONF_RULES_RESET = "conf_rules_reset"
    # rules_view
    CONF_PERIOD = "conf_period"
    CONF_RULE_TABLE = "conf_rule_table"
    CONF_EXAMPLES_KIND = "conf_examples_kind"
    CONF_EXPORT_CSV = "conf_export_csv"
    CONF_EXPORT_XLSX = "conf_export_xlsx"
    # sidebar
    CLEAR_VARIANTS = "clear_variants"
    # a large source opened through DuckDB or Spark (ui.engine_pages)
    ENGINE_SOURCE = "engine_source"
    ENGINE_DATES = "engine_dates"
    ENGINE_DATE_MODE = "engine_date_mode"
    ENGINE_PATHS = "engine_paths"


def saved(key: str) -> str:
    """Where a widget's value is kept while its page is not shown (Streamlit drops the widget's own key)."""
    return f"{key}_saved"


def filter_values(name: str) -> str:
    """The sidebar's multiselect of one order attribute."""
    return f"filter_{name}"


def stack_field(name: str, lang: str) -> str:
    """A field of the sidebar's "Add filter" form, per language."""
    return f"stack_{name}_{lang}"


def stack_remove(index: int) -> str:
    """The remove button of the filter at ``index`` of the stack."""
    return f"stack_remove_{index}"


def cmp_value(attribute: str) -> str:
    """The Compare page's value of ``attribute`` in the "one value against the rest" preset."""
    return f"cmp_value_{attribute}"


def cmp_side(side: str, field: str) -> str:
    """A widget of one custom group on the Compare page: ``side`` "a" or "b", ``field`` "attr", "values", "dates",
    "mode" or "variants"."""
    return f"cmp_{side}_{field}"


def monitor_target(kpi: str) -> str:
    """The KPIs & monitoring page's target for one KPI's trend."""
    return f"monitor_target_{kpi}"


def monitor_latest(period: str) -> str:
    """The KPIs & monitoring page's latest period, per period length ("week", "month")."""
    return f"monitor_latest_{period}"


def monitor_baseline(period: str) -> str:
    """The KPIs & monitoring page's baseline period, per period length ("week", "month")."""
    return f"monitor_baseline_{period}"


def rc_people(outcome: str) -> str:
    """The Root causes page's number of people per behaviour, per outcome kind."""
    return f"rc_people_{outcome}"


def map_replay_colour(lang: str) -> str:
    """The replay's colour-by choice, per language (the browser keeps a selectbox's shown label across reruns)."""
    return f"map_replay_colour_{lang}"


def engine_open(name: str) -> str:
    """The Data page's button that opens the configured source ``name``."""
    return f"engine_open_{name}"


def engine_filter(name: str) -> str:
    """The sidebar's multiselect of one order attribute while a large source is open."""
    return f"engine_filter_{name}"
