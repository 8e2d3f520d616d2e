"""The KPIs & monitoring page's scheduled runs: the series ``python -m o2c monitor`` builds in the workspace, per
segment, with its targets as dashed lines, breached runs marked, and when the job last ran. Shown as a tab beside
the KPIs of loaded data, or as the whole page before anything is loaded: the job runs without anyone uploading."""

from __future__ import annotations

import sqlite3

import altair as alt
import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from o2c.errors import SnapshotStoreError
from o2c.monitor.kpis import KPIS, Kpi
from o2c.monitor.monitoring import HEADLINE, format_value
from o2c.monitor.runs import ALL, newest_run, run_series
from o2c.monitor.snapshots import SESSION_PREFIX, SnapshotStore, list_workspaces, workspace_path
from ui.keys import Key
from ui.kpi_cards import display_unit
from ui.state import column_name, language, tr
from ui.text import md, tr_md
from ui.workspaces import current_workspace, session_workspace, store, without_path, workspace_picker

# Segment colours without red and orange, which mark breaches and targets.
SEGMENT_COLOURS = ["#4c78a8", "#54a24b", "#b279a2", "#72b7b2", "#9d755d", "#eeca3b", "#bab0ac", "#ff9da6"]
ORANGE, RED = "#f58518", "#c62828"


def segment_name(segment: str) -> str:
    """A segment as the page names it: every order, or 'Sales channel: Online'."""
    if segment == ALL:
        return tr("refresh.page.all")
    attribute, _, value = segment.partition("=")
    name = column_name(attribute)
    return f"{name[:1].upper()}{name[1:]}: {value}"


def runs_page() -> None:
    """The page without loaded data: a pointer to the Data page, then the job's runs in a workspace picked by
    name (at first the one the job ran in last)."""
    st.title(tr("monitoring.title"))
    note, link = st.columns([3, 1], vertical_alignment="center")
    note.info(tr("refresh.page.no_data"), icon=":material/info:")
    link.page_link("pages/data.py", label=tr("refresh.page.load"), icon=":material/upload_file:")
    st.subheader(tr("refresh.page.tab"))
    open_newest_runs()
    picker, _ = st.columns([1, 2])
    with picker:
        workspace_picker()
    runs_section()


def open_newest_runs() -> None:
    """Pick the named workspace the job saved a run in last, unless the visitor picked one already."""
    if st.session_state.get(Key.MONITOR_WORKSPACE):
        return
    newest: dict[str, pd.Timestamp] = {}
    for name in list_workspaces():
        if name.startswith(SESSION_PREFIX):
            continue
        try:
            when = newest_run(SnapshotStore(workspace_path(name)))
        except (SnapshotStoreError, sqlite3.Error, ValueError):  # a broken file: its own page says so when picked
            continue
        if when is not None:
            newest[name] = when
    if newest:
        st.session_state[Key.MONITOR_WORKSPACE] = max(newest, key=newest.__getitem__)


def runs_section() -> None:
    """The scheduled job's series in the current workspace, or how to start one."""
    try:
        series = run_series(store())
    except (SnapshotStoreError, sqlite3.Error) as error:
        st.error(tr_md("monitoring.store.error", error=without_path(error)), icon=":material/error:")
        return
    if series.empty:
        workspace = current_workspace()  # a safe name; the session's own is not listed, so suggest a shared one
        none = "refresh.page.none.session" if workspace == session_workspace() else "refresh.page.none"
        st.info(tr(none, workspace=workspace), icon=":material/schedule:")
        return
    last = series.iloc[-1]
    currency = str(last["currency"])  # the job's, which may differ from the loaded data's
    latest = series[series["run"] == last["run"]]
    st.caption(
        tr(
            "refresh.page.last",
            workspace=md(current_workspace()),
            run=f"{last['created_at']:%Y-%m-%d %H:%M}",
            data=f"{last['last_event']:%Y-%m-%d %H:%M}" if pd.notna(last["last_event"]) else "–",
            runs=int(last["run"]),
        )
    )
    verdict(latest)
    segments = list(dict.fromkeys(series["segment"]))
    targeted = [t.kpi for ts in series["targets"] for t in ts]
    choices = [k for k in KPIS if k in targeted] + [k for k in KPIS if k not in targeted]
    left, right = st.columns([2, 3])
    picked_kpi = left.selectbox(
        tr("refresh.page.kpi"),
        choices,
        format_func=lambda key: KPIS[key].name(language()),
        key=Key.MONITOR_RUN_KPI,
        index=0 if targeted else choices.index(HEADLINE[0]),
    )
    picked = right.multiselect(
        tr("refresh.page.segments"),
        segments,
        default=segments[:5],
        format_func=segment_name,
        key=Key.MONITOR_RUN_SEGMENTS,
    )
    shown = series[series["segment"].isin(picked)]
    if shown.empty:
        st.caption(tr("refresh.page.pick"))
        return
    st.altair_chart(series_chart(shown, KPIS[picked_kpi], currency), width="stretch")
    st.caption(tr("refresh.page.legend"))
    checks = status_coloured(checks_table(latest, currency))
    st.dataframe(checks, hide_index=True, width="stretch", key=Key.MONITOR_RUN_CHECKS)


def verdict(latest: pd.DataFrame) -> None:
    """Whether the last run's targets held (the job always checks at least one)."""
    breached = sum(len(b) for b in latest["breaches"])
    if breached:
        st.warning(tr("refresh.page.breached", count=breached), icon=":material/warning:")
    else:
        st.success(tr("refresh.page.held"), icon=":material/check_circle:")


def series_chart(series: pd.DataFrame, kpi: Kpi, currency: str) -> alt.LayerChart:
    """One line per segment over the runs, the targets as dashed lines, breached runs as red points."""
    divisor, unit = display_unit(kpi, series[kpi.key], currency)
    data = pd.DataFrame(
        {
            "run": series["created_at"].dt.tz_localize(None),
            "segment": [segment_name(s) for s in series["segment"]],
            "value": series[kpi.key] / divisor,
            "breached": [kpi.key in b for b in series["breaches"]],
        }
    )
    tooltip = [
        alt.Tooltip("run:T", title=tr("refresh.page.run"), format="%Y-%m-%d %H:%M"),
        alt.Tooltip("segment:N", title=tr("refresh.page.segment")),
        alt.Tooltip("value:Q", title=f"{kpi.name(language())} · {unit}", format=",.2f"),
    ]
    base = alt.Chart(data).encode(
        x=alt.X(
            "run:T",
            title=None,
            axis=alt.Axis(format="%d %b %H:%M", labelOverlap=True),
            scale=alt.Scale(padding=16),  # the first and last runs' marks whole, not cut at the edges
        ),
        y=alt.Y("value:Q", title=None, scale=alt.Scale(zero=kpi.unit != "seconds")),
        color=alt.Color("segment:N", title=tr("refresh.page.segment"), scale=alt.Scale(range=SEGMENT_COLOURS)),
        tooltip=tooltip,
    )
    chart = base.mark_line(point=True) + base.transform_filter("datum.breached").mark_point(
        size=140, shape="diamond", color=RED, filled=True, opacity=1
    ).encode(color=alt.value(RED))
    bounds = sorted({t.value / divisor for ts in series["targets"] for t in ts if t.kpi == kpi.key})
    if bounds:
        rule = alt.Chart(pd.DataFrame({"target": bounds})).mark_rule(color=ORANGE, strokeDash=[6, 4], strokeWidth=2)
        chart += rule.encode(y="target:Q", tooltip=[alt.Tooltip("target:Q", title=tr("monitoring.target"))])
    return chart.properties(
        height=260, title=alt.TitleParams(f"{kpi.name(language())} · {unit}", anchor="start", fontSize=14)
    )  # the unit in the title: a rotated axis title turns Chinese on its side


def status_coloured(checks: pd.DataFrame) -> Styler:
    """``checks_table`` with its breaches in red."""
    breach, status = tr("refresh.page.breach"), tr("refresh.page.status")
    return checks.style.map(lambda v: f"color: {RED}; font-weight: 600" if v == breach else "", subset=[status])


def checks_table(latest: pd.DataFrame, currency: str) -> pd.DataFrame:
    """The last run's targets per segment: value, target and whether it held."""
    rows = []
    for run in latest.itertuples():
        for target in run.targets:
            value = getattr(run, target.kpi)
            rows.append(
                {
                    tr("refresh.page.segment"): segment_name(run.segment),
                    tr("refresh.page.kpi"): KPIS[target.kpi].name(language()),
                    tr("refresh.page.value"): format_value(value, KPIS[target.kpi].unit, currency),
                    tr("monitoring.target"): target.bound_text(currency),
                    tr("refresh.page.status"): tr(
                        "refresh.page.breach" if target.kpi in run.breaches else "refresh.page.ok"
                    ),
                }
            )
    return pd.DataFrame(rows)
