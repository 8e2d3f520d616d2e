"""KPIs & monitoring page: the order-to-cash KPIs of the selection, their trend, the latest period against a
baseline, and snapshots saved on this computer to compare month by month."""

import datetime as dt
import hashlib
import secrets
import sqlite3

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from o2c.conform.rules import DEFAULT_RULES
from o2c.errors import SnapshotStoreError
from o2c.export import to_csv_bytes
from o2c.format import DAYS, time_unit
from o2c.improve.automation import default_system_resources
from o2c.improve.cost import cost_table_for, table_from_frame
from o2c.improve.settings import Settings
from o2c.log.vocabulary import step_label
from o2c.monitor.kpis import KPIS, Kpi, KpiValue, kpi_trend, kpi_values
from o2c.monitor.monitoring import (
    HEADLINE,
    STILL_OPEN,
    delta_color,
    format_delta,
    format_value,
    kpi_changes,
    open_share,
    period_values,
)
from o2c.monitor.snapshots import (
    SESSION_PREFIX,
    Snapshot,
    SnapshotStore,
    compare_snapshots,
    list_workspaces,
    snapshot_from_view,
    workspace_name,
    workspace_path,
)
from ui.state import analysis_settings, dataset, filters, language, page_view, tr
from ui.text import tr_md

# The cards, four to a row, grouped by what a finance manager asks about.
CARD_ROWS = {
    "volume": ("orders", "open_orders", "open_order_age", "cost_per_order"),
    "cash": ("end_to_end_median", "end_to_end_p90", "invoice_to_cash", "late_payment_rate"),
    "delivery": ("order_to_delivery", "on_time_delivery_rate", "rework_rate", "first_time_right"),
    "control": ("adherence_rate", "touchless_rate"),
}
CARDS_PER_ROW = 4
BLUE, ORANGE, GREEN, RED = "#4c78a8", "#f58518", "#2e7d32", "#c62828"
WORKSPACE_KEY = "monitor_workspace"
SESSION_WORKSPACE_KEY = "monitor_session_workspace"
TREND_CACHE = 4
PENDING_DELETE = "monitor_delete_pending"


# ---------------------------------------------------------------------------------------------- settings

def settings_with_note(log) -> tuple[Settings, str]:
    """The settings the KPIs use (the rules of the Conformance page, the systems and costs of the Automation &
    cost page, else their defaults) and a sentence naming where each comes from."""
    settings = analysis_settings(log)  # the same settings as the backlog and the reports
    rules, systems, costs = settings.rules, settings.systems, settings.costs
    current = dataset()
    digest = current.digest if current else None
    sheet = st.session_state.get("workbook_rules") or {}
    rules_from = ("default" if rules == DEFAULT_RULES
                  else "workbook" if sheet.get("digest") == digest and rules == sheet.get("rules") else "edited")
    systems_from = "default" if set(systems) == set(default_system_resources(log)) else "edited"
    cost_sheet = st.session_state.get("workbook_costs") or {}
    workbook_costs = cost_sheet.get("costs") if cost_sheet.get("digest") == digest else None
    costs_from = ("default" if costs == table_from_frame(cost_table_for(log, None).to_frame())
                  else "workbook" if workbook_costs is not None
                  and costs == table_from_frame(cost_table_for(log, workbook_costs).to_frame()) else "edited")
    note = tr("monitoring.settings", rules=tr(f"monitoring.settings.rules.{rules_from}"),
              systems=tr(f"monitoring.settings.systems.{systems_from}"),
              costs=tr(f"monitoring.settings.costs.{costs_from}"))
    return settings, note


# ---------------------------------------------------------------------------------------------- formatting

def display_unit(kpi: Kpi, values: pd.Series, currency: str) -> tuple[float, str]:
    """How a KPI's trend is drawn: the divisor from its stored unit and the axis unit's name."""
    if kpi.unit == "seconds":
        unit = time_unit(values) if values.notna().any() else DAYS
        return unit.seconds, tr(f"cycle_times.unit.{unit.symbol}")
    if kpi.unit == "share":
        return 0.01, "%"
    if kpi.unit == "money":
        return 1.0, currency
    return 1.0, tr("monitoring.unit.orders")


def period_label(stamp: pd.Timestamp, period: str) -> str:
    return f"{stamp:%d %b %Y}" if period == "week" else f"{stamp:%b %Y}"


# ---------------------------------------------------------------------------------------------- cards

def kpi_card(value: KpiValue, currency: str, total_selected: int, total: int) -> None:
    kpi = value.kpi
    with st.container(border=True):
        st.metric(kpi.name(language()), format_value(value.value, kpi.unit, currency), help=kpi.formula(language()))
        if value.missing:
            st.caption(tr_md("monitoring.needs", what=step_label(value.missing, language())))
        elif kpi.key == "orders":
            st.caption(tr("monitoring.card.total", n=total))
        elif kpi.aggregate == "count":
            st.caption(tr("monitoring.card.share", share=value.value / max(total_selected, 1)))
        else:
            st.caption(tr("monitoring.card.judged", n=value.judged))


def cards_section(view, values: list[KpiValue], currency: str) -> None:
    by_key = {value.kpi.key: value for value in values}
    for group, keys in CARD_ROWS.items():
        st.markdown(f"**{tr(f'monitoring.group.{group}')}**")
        for column, key in zip(st.columns(CARDS_PER_ROW), keys):
            with column:
                kpi_card(by_key[key], currency, view.n_cases, view.log.n_cases)


# ---------------------------------------------------------------------------------------------- trend

def cached_trend(view, settings: Settings, period: str) -> pd.DataFrame:
    """``kpi_trend``, kept for the last few selections: the Trend and Latest-vs-baseline tabs share it and a
    rerun that changes no filter does not recompute it."""
    current = dataset()
    key = (current.digest if current else "", hashlib.sha256(view.case_mask.tobytes()).hexdigest(), settings, period)
    cache = st.session_state.setdefault("monitor_trends", {})
    if key not in cache:
        if len(cache) >= TREND_CACHE:
            cache.pop(next(iter(cache)))
        cache[key] = kpi_trend(view, settings, period)
    return cache[key]


def trend_chart(trend: pd.DataFrame, kpi: Kpi, period: str, currency: str, target: float | None) -> alt.Chart:
    divisor, unit = display_unit(kpi, trend[kpi.key], currency)
    data = pd.DataFrame({"period": trend["period"], "value": trend[kpi.key] / divisor,
                         "open": open_share(trend) >= STILL_OPEN})
    period_title = tr(f"cycle_times.period.{period}")
    base = alt.Chart(data).encode(
        x=alt.X("period:T", title=None),
        y=alt.Y("value:Q", title=unit, scale=alt.Scale(zero=kpi.unit != "seconds")),
        tooltip=[alt.Tooltip("period:T", title=period_title, format="%d %b %Y" if period == "week" else "%b %Y"),
                 alt.Tooltip("value:Q", title=f"{kpi.name(language())} ({unit})", format=",.1f")])
    points = base.mark_point(size=36, color=BLUE, opacity=1).encode(
        fill=alt.condition("datum.open", alt.value("white"), alt.value(BLUE)))
    chart = base.mark_line(color=BLUE) + points
    if target is not None:
        rule = alt.Chart(pd.DataFrame({"target": [target]})).mark_rule(color=ORANGE, strokeDash=[6, 4], strokeWidth=2)
        chart += rule.encode(y="target:Q", tooltip=[alt.Tooltip("target:Q", title=tr("monitoring.target"), format=",.1f")])
    return chart.properties(height=200, title=alt.TitleParams(kpi.name(language()), anchor="start", fontSize=14))


def trend_section(view, settings: Settings, values: list[KpiValue], currency: str) -> None:
    available = [value.kpi.key for value in values if value.missing is None]
    left, right = st.columns([4, 1], vertical_alignment="bottom")
    picked = left.multiselect(tr("monitoring.trend.pick"), available, default=[k for k in HEADLINE if k in available],
                              key="monitor_trend_kpis", format_func=lambda k: KPIS[k].name(language()))
    period = right.segmented_control(tr("monitoring.period"), ["week", "month"], default="month", required=True,
                                     key="monitor_trend_period", format_func=lambda p: tr(f"cycle_times.period.{p}"))
    if not picked:
        st.info(tr("monitoring.trend.none"))
        return
    trend = cached_trend(view, settings, period or "month")
    with st.expander(tr("monitoring.targets"), icon=":material/flag:"):
        st.caption(tr("monitoring.targets.caption"))
        targets = {}
        for column, key in zip(st.columns(len(picked)), picked):
            _, unit = display_unit(KPIS[key], trend[key], currency)
            targets[key] = column.number_input(f"{KPIS[key].name(language())} ({unit})", value=None, min_value=0.0,
                                               key=f"monitor_target_{key}", placeholder=tr("monitoring.target.none"))
    for row in range(0, len(picked), 2):
        for column, key in zip(st.columns(2, gap="large"), picked[row:row + 2]):
            column.altair_chart(trend_chart(trend, KPIS[key], period or "month", currency, targets.get(key)),
                                width="stretch")
    st.caption(tr("monitoring.trend.caption") + " " + tr("monitoring.trend.open", share=STILL_OPEN))


# ---------------------------------------------------------------------------------------------- periods

def periods_section(view, settings: Settings, currency: str) -> None:
    left, middle, right = st.columns([1, 2, 2], vertical_alignment="bottom")
    period = left.segmented_control(tr("monitoring.period"), ["week", "month"], default="month", required=True,
                                    key="monitor_cmp_period", format_func=lambda p: tr(f"cycle_times.period.{p}"))
    period = period or "month"
    trend = cached_trend(view, settings, period)
    stamps = list(trend["period"])
    if len(stamps) < 2:
        st.info(tr("monitoring.periods.too_few"))
        return
    options = [stamp.date().isoformat() for stamp in reversed(stamps)]  # newest first; dates survive a filter change
    # By default the newest period whose orders are (nearly) all paid or cancelled: newer ones still miss their
    # slow payers, so their times and rates would look better than they will be.
    settled = (open_share(trend) < STILL_OPEN).to_numpy()[::-1]
    first = int(np.argmax(settled)) if settled[:-1].any() else 0
    label = lambda day: period_label(pd.Timestamp(day), period)  # noqa: E731
    latest = pd.Timestamp(middle.selectbox(tr("monitoring.periods.latest"), options, index=first, format_func=label,
                                           key=f"monitor_latest_{period}"))
    baseline = pd.Timestamp(right.selectbox(tr("monitoring.periods.baseline"), options, index=first + 1,
                                            format_func=label, key=f"monitor_baseline_{period}"))
    still_open = float(open_share(trend)[trend["period"] == latest].iloc[0])
    if still_open >= STILL_OPEN:
        st.caption(":material/info: " + tr("monitoring.periods.open", share=still_open,
                                           period=period_label(latest, period)))
    changes = kpi_changes(period_values(trend, baseline), period_values(trend, latest))
    rows = changes.set_index("key")
    for group, keys in CARD_ROWS.items():
        shown = [key for key in keys if key in rows.index]
        if not shown:
            continue
        for column, key in zip(st.columns(CARDS_PER_ROW), shown):
            kpi, row = KPIS[key], rows.loc[key]
            unchanged = row["delta"] == 0
            column.metric(kpi.name(language()), format_value(row["latest"], kpi.unit, currency),
                          format_delta(row["delta"], row["pct_change"], kpi.unit, currency, language()),
                          delta_color="off" if unchanged else delta_color(kpi),
                          delta_arrow="off" if unchanged else "auto", help=kpi.formula(language()), border=True)
    st.caption(tr("monitoring.periods.against", latest=period_label(latest, period),
                  baseline=period_label(baseline, period)) + " " + tr("monitoring.periods.caption"))


# ---------------------------------------------------------------------------------------------- snapshots

def session_workspace() -> str:
    """This browser session's own workspace: a random name no other session can guess."""
    return st.session_state.setdefault(SESSION_WORKSPACE_KEY, SESSION_PREFIX + secrets.token_hex(12))


def current_workspace() -> str:
    """The workspace picked on the page (sanitised), else this session's own."""
    picked = st.session_state.get(WORKSPACE_KEY)
    try:
        return workspace_name(picked) if picked else session_workspace()
    except ValueError:
        return session_workspace()


def store() -> SnapshotStore:
    return SnapshotStore(workspace_path(current_workspace()))


def without_path(error: Exception) -> str:
    """An error message naming the workspace, not the server's file."""
    return str(error).replace(str(store().path), current_workspace())


def workspace_picker() -> None:
    """Choose a workspace by name (or type a new one); never a file path."""
    own = session_workspace()
    named = [name for name in list_workspaces() if not name.startswith(SESSION_PREFIX)]
    picked = st.session_state.get(WORKSPACE_KEY)
    if picked and picked != own:  # a name typed in: sanitised, and kept listed before its first save
        try:
            st.session_state[WORKSPACE_KEY] = clean = workspace_name(picked)
        except ValueError:
            st.session_state[WORKSPACE_KEY] = clean = own
        if clean not in named and clean != own:
            named = sorted([*named, clean])
    st.selectbox(tr("monitoring.workspace"), [own, *named], key=WORKSPACE_KEY, accept_new_options=True,
                 format_func=lambda name: tr("monitoring.workspace.session") if name == own else name,
                 help=tr("monitoring.workspace.help"))


def save_snapshot(view, settings: Settings, note: str) -> None:
    current = dataset()
    snapshot = snapshot_from_view(view, settings, st.session_state.get("monitor_label", ""),
                                  current.name if current else "", language(), filters(), settings_note=note)
    try:
        saved = store().save(snapshot)
        label = store().get(saved).label  # made unique in the workspace
    except (SnapshotStoreError, sqlite3.Error, OSError, KeyError) as error:
        st.session_state["monitor_store_error"] = without_path(error)
        return
    st.session_state.pop("monitor_store_error", None)
    st.toast(tr_md("monitoring.saved", label=label), icon=":material/check_circle:")


def ask_delete(snapshot_id: int) -> None:
    st.session_state[PENDING_DELETE] = snapshot_id


def confirm_delete(snapshot_id: int | None) -> None:
    if snapshot_id is not None:
        store().delete(snapshot_id)
    st.session_state.pop(PENDING_DELETE, None)


def snapshot_choice(table: pd.DataFrame):
    labels = {int(r.id): f"{r.label} · {r.created_at:%Y-%m-%d %H:%M} UTC" for r in table.itertuples()}
    return list(labels), labels.__getitem__


def shown_value(value: float, unit, currency: str, missing: object) -> str:
    """A compared value as the table shows it; a stored reason why it is missing when there is one."""
    if isinstance(missing, str) and missing:
        return tr("monitoring.needs", what=step_label(missing.removeprefix("needs "), language()))
    return format_value(value, unit, currency)


def compare_headers(a: Snapshot, b: Snapshot) -> dict[str, str]:
    """The comparison's column names: the two snapshots' labels, told apart by their time when they are equal."""
    first, second = a.label, b.label
    if first == second:  # stores written before labels were unique
        first, second = (f"{s.label} · {s.created_at:%Y-%m-%d %H:%M}" for s in (a, b))
        if first == second:
            first, second = f"{first} (#{a.id})", f"{second} (#{b.id})"
    return {"kpi": tr("monitoring.col.kpi"), "a": first, "b": second, "change": tr("monitoring.col.change"),
            "verdict": tr("monitoring.col.verdict")}


def compare_table(a: Snapshot, b: Snapshot) -> "pd.io.formats.style.Styler":
    changes = compare_snapshots(a, b)
    lang = language()
    shown = pd.DataFrame({
        "kpi": [KPIS[k].name(lang) for k in changes["key"]],
        "a": [shown_value(v, u, a.currency, m) for v, u, m in zip(changes["a"], changes["unit"], changes["missing_a"])],
        "b": [shown_value(v, u, b.currency, m) for v, u, m in zip(changes["b"], changes["unit"], changes["missing_b"])],
        "change": [format_delta(d, p, u, b.currency, lang) or "–"
                   for d, p, u in zip(changes["delta"], changes["pct_change"], changes["unit"])],
        "verdict": [tr(f"monitoring.verdict.{v}") if v else "" for v in changes["verdict"]]})
    colours = {"better": f"color: {GREEN}", "worse": f"color: {RED}"}
    styles = [colours.get(v, "") for v in changes["verdict"]]
    return shown.style.apply(lambda _: styles, subset=["change"]).apply(lambda _: styles, subset=["verdict"])


def snapshots_section(view, settings: Settings, note: str) -> None:
    workspace_picker()
    with st.container(border=True):
        st.markdown(f"**{tr('monitoring.save.title')}**")
        name, button = st.columns([4, 1], vertical_alignment="bottom")
        name.text_input(tr("monitoring.save.label"), key="monitor_label",
                        value=tr("monitoring.save.default", date=f"{dt.date.today():%Y-%m-%d}"))
        button.button(tr("monitoring.save"), key="monitor_save", type="primary", icon=":material/save:",
                      on_click=save_snapshot, args=(view, settings, note), width="stretch")
        st.caption(tr("monitoring.workspace.caption"))
    if st.session_state.get("monitor_store_error"):
        st.error(tr_md("monitoring.store.error", error=st.session_state["monitor_store_error"]), icon=":material/error:")
    try:
        table = store().list()
    except (SnapshotStoreError, sqlite3.Error) as error:
        st.error(tr_md("monitoring.store.error", error=without_path(error)), icon=":material/error:")
        return
    st.subheader(tr("monitoring.saved.title"))
    if table.empty:
        st.info(tr("monitoring.saved.none"), icon=":material/inventory_2:")
        return
    spans = [f"{f:%d %b %Y} – {l:%d %b %Y}" if pd.notna(f) else "–" for f, l in zip(table["first_event"],
                                                                                   table["last_event"])]
    st.dataframe(table.assign(span=spans)[["label", "created_at", "source_name", "filter_description", "span",
                                           "orders"]],
                 hide_index=True, width="stretch", key="monitor_saved_table",
                 column_config={"created_at": st.column_config.DatetimeColumn(tr("monitoring.col.saved"),
                                                                              format="YYYY-MM-DD HH:mm"),
                                "source_name": tr("monitoring.col.source"),
                                "label": st.column_config.TextColumn(tr("monitoring.col.label"), width="medium"),
                                "filter_description": st.column_config.TextColumn(tr("monitoring.col.filter"),
                                                                                  width="medium"),
                                "span": tr("monitoring.col.span"),
                                "orders": st.column_config.NumberColumn(tr("monitoring.col.orders"), format="localized")})
    ids, label_of = snapshot_choice(table)
    compare_part(ids, label_of)
    delete_part(ids, label_of)


def compare_part(ids: list[int], label_of) -> None:
    st.subheader(tr("monitoring.compare.title"))
    if len(ids) < 2:
        st.caption(tr("monitoring.compare.one"))
        return
    left, right = st.columns(2)
    a = left.selectbox(tr("monitoring.compare.a"), ids, index=1, key="monitor_snap_a", format_func=label_of)
    b = right.selectbox(tr("monitoring.compare.b"), ids, index=0, key="monitor_snap_b", format_func=label_of)
    try:
        first, second = store().get(a), store().get(b)
    except KeyError:  # deleted in another session since the list was read
        st.rerun()
    table = compare_table(first, second)
    headers = compare_headers(first, second)
    st.dataframe(table, hide_index=True, width="stretch", key="monitor_compare_table",
                 height=35 * (len(table.data) + 1) + 3, column_config=headers)
    note, download = st.columns([3, 1], vertical_alignment="center")
    if first.settings != second.settings or first.filter_description != second.filter_description:
        note.caption(tr("monitoring.compare.differs"))
    download.download_button(tr("monitoring.compare.download"), to_csv_bytes(table.data.rename(columns=headers)),
                             file_name="kpi_comparison.csv", mime="text/csv", key="monitor_compare_csv",
                             icon=":material/download:", width="stretch")


def delete_part(ids: list[int], label_of) -> None:
    with st.expander(tr("monitoring.delete.title"), icon=":material/delete:",
                     expanded=st.session_state.get(PENDING_DELETE) is not None):
        pending = st.session_state.get(PENDING_DELETE)
        if pending is not None and pending in ids:
            st.warning(tr_md("monitoring.delete.confirm", label=label_of(pending)), icon=":material/warning:")
            yes, no, _ = st.columns([1, 1, 3])
            yes.button(tr("monitoring.delete.yes"), key="monitor_delete_yes", type="primary",
                       on_click=confirm_delete, args=(pending,), width="stretch")
            no.button(tr("monitoring.delete.no"), key="monitor_delete_no", on_click=confirm_delete, args=(None,),
                      width="stretch")
            return
        pick, button = st.columns([4, 1], vertical_alignment="bottom")
        chosen = pick.selectbox(tr("monitoring.delete.pick"), ids, key="monitor_delete_pick", format_func=label_of)
        button.button(tr("monitoring.delete"), key="monitor_delete", on_click=ask_delete, args=(chosen,),
                      width="stretch")


# ---------------------------------------------------------------------------------------------- page

view = page_view("monitoring.title")
settings, settings_note = settings_with_note(view.log)
currency = settings.costs.currency
st.caption(settings_note)

cards_tab, trend_tab, periods_tab, snapshots_tab = st.tabs(
    [tr("monitoring.tab.kpis"), tr("monitoring.tab.trend"), tr("monitoring.tab.periods"), tr("monitoring.tab.snapshots")])
values = kpi_values(view, settings)
with cards_tab:
    cards_section(view, values, currency)
with trend_tab:
    trend_section(view, settings, values, currency)
with periods_tab:
    periods_section(view, settings, currency)
with snapshots_tab:
    snapshots_section(view, settings, settings_note)
