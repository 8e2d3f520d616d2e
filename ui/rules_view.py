"""The Conformance page's violations section: adherence, its trend, the rule table, examples and the export."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from o2c.conform.rules import (
    SEVERITIES,
    RuleResults,
    adherence,
    adherence_trend,
    rule_examples,
    rule_table,
    rule_trends,
    rules_fit,
    violations_export,
)
from o2c.conform.views import split_groups
from o2c.discover.order_detail import order_label
from o2c.export import to_csv_bytes, to_xlsx_bytes
from o2c.format import format_duration
from o2c.log.attributes import split_attributes
from o2c.log.eventlog import LogView
from ui.keys import Key
from ui.orders import link_selected
from ui.rules_editor import table_height
from ui.state import column_name, language, tr
from ui.text import md

EXAMPLES = 5
MAX_GROUPS = 6  # lines in the split trend chart
BLUE = "#4c78a8"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def severity_label(value: str) -> str:
    """A severity in the session's language."""
    return tr(f"conformance.severity.{value}") if value in SEVERITIES else value


def trend_chart(trend: pd.DataFrame, period: str, split: bool) -> alt.Chart:
    """Adherence per period, one line per group when ``split``."""
    period_title = tr(f"conformance.period.{period}")
    data = trend.assign(rate=trend["rate"] * 100)
    tooltip = [
        alt.Tooltip("period:T", title=period_title, format="%d %b %Y" if period == "week" else "%b %Y"),
        alt.Tooltip("rate:Q", title=tr("conformance.adherence"), format=".1f"),
        alt.Tooltip("adherent:Q", title=tr("conformance.trend.adherent"), format=","),
        alt.Tooltip("orders:Q", title=tr("conformance.orders"), format=","),
    ]
    if split:
        tooltip.insert(0, alt.Tooltip("group:N", title=tr("conformance.split")))
    color = alt.Color("group:N", title=None, legend=alt.Legend(orient="top")) if split else alt.value(BLUE)
    base = alt.Chart(data).encode(
        x=alt.X("period:T", title=period_title),
        y=alt.Y("rate:Q", title=tr("conformance.adherence.axis"), scale=alt.Scale(domain=[0, 100])),
        color=color,
        tooltip=tooltip,
    )
    return (base.mark_line() + base.mark_circle(size=28)).properties(height=240)


def examples_table(view: LogView, frame: pd.DataFrame, key: str) -> None:
    """Example violations, each row linking to the order."""
    shown = frame.assign(
        order=[order_label(view.log, c) for c in frame["case_code"]],
        duration=frame["duration_seconds"].map(format_duration),
    )
    columns = ["order"] + (["account_name"] if "account_name" in shown else []) + ["details", "when", "duration"]
    event = st.dataframe(
        shown[columns],
        hide_index=True,
        width="stretch",
        key=key,
        on_select="rerun",
        selection_mode="single-row",
        column_config={
            "order": st.column_config.TextColumn(tr("conformance.examples.order"), width="small"),
            "account_name": st.column_config.TextColumn(tr("conformance.examples.account"), width="medium"),
            "details": st.column_config.TextColumn(tr("conformance.examples.details"), width="large"),
            "when": st.column_config.DatetimeColumn(
                tr("conformance.examples.when"), format="YYYY-MM-DD", width="small"
            ),
            "duration": st.column_config.TextColumn(tr("conformance.examples.duration"), width="small"),
        },
    )
    link_selected(view, frame, event)


def metrics(view: LogView, results: RuleResults, table: pd.DataFrame) -> bool:
    """Adherence, violating orders and broken rules; True when the rules fit the log."""
    stats = adherence(view, results)
    fits = rules_fit(view.log, results)
    columns = st.columns(3)
    columns[0].metric(
        tr("conformance.adherence"),
        f"{stats.rate:.1%}" if stats.rate is not None and fits else "–",
        help=tr("conformance.adherence.help"),
    )
    # Without an applicable rule there is nothing to count: "–", not 0 violations.
    columns[1].metric(tr("conformance.violating"), f"{stats.orders - stats.adherent:,}" if fits else "–")
    broken = tr("conformance.broken.value", broken=int((table["orders"] > 0).sum()), rules=len(table))
    columns[2].metric(tr("conformance.broken"), broken if fits else "–")
    return fits


def trend_part(view: LogView, results: RuleResults) -> str:
    """The period and split pickers and the adherence trend; returns the period."""
    controls = st.columns([1, 1, 2], vertical_alignment="bottom")
    period = (
        controls[0].segmented_control(
            tr("conformance.period"),
            ["week", "month"],
            default="month",
            key=Key.CONF_PERIOD,
            format_func=lambda p: tr(f"conformance.period.{p}"),
            required=True,
        )
        or "month"
    )
    options = [""] + split_attributes(view.log)
    attribute = controls[1].selectbox(
        tr("conformance.split"),
        options,
        key=f"conf_split_{language()}",
        format_func=lambda n: column_name(n) if n else tr("conformance.split.none"),
    )
    groups = split_groups(view.log, attribute, tr("conformance.split.missing"), MAX_GROUPS)
    st.altair_chart(
        trend_chart(adherence_trend(view, results, period, groups), period, bool(attribute)), width="stretch"
    )
    return period


def rules_part(view: LogView, results: RuleResults, table: pd.DataFrame, period: str) -> None:
    """The table of rules with their trend; a picked rule shows its details."""
    shown = table.assign(
        severity=table["severity"].map(severity_label),
        # A rule the data cannot check has no count and no share: blank, not 0.
        orders=[f"{n:,}" if ok else "–" for n, ok in zip(table["orders"], table["evaluated"])],
        share=(table["share"] * 100).where(table["evaluated"]),
        trend=[trend if ok else None for trend, ok in zip(rule_trends(view, results, period), table["evaluated"])],
        last=[f"{d:%Y-%m-%d}" if pd.notna(d) else "–" for d in table["last"]],
        rule=[
            r if ok else f"{r} ({why})"
            for r, ok, why in zip(table["rule"], table["evaluated"], table["not_applicable"])
        ],
    )
    event = st.dataframe(
        shown[["rule", "severity", "orders", "share", "trend", "last"]],
        hide_index=True,
        width="stretch",
        key=Key.CONF_RULE_TABLE,
        on_select="rerun",
        selection_mode="single-row",
        height=table_height(len(shown)),
        column_config={
            "rule": st.column_config.TextColumn(tr("conformance.table.rule"), width="medium"),
            "severity": st.column_config.TextColumn(tr("conformance.table.severity"), width="small"),
            # text, so a rule the data cannot check shows "–" (a missing number would read "None")
            "orders": st.column_config.TextColumn(tr("conformance.orders"), width="small"),
            # bars scaled to the most broken rule, so the small ones stay visible
            "share": st.column_config.ProgressColumn(
                tr("conformance.table.share"),
                format="%.1f%%",
                min_value=0,
                max_value=max(float(shown["share"].fillna(0).max()), 1.0),
                width="small",
            ),
            "trend": st.column_config.LineChartColumn(
                tr("conformance.table.trend", period=tr(f"conformance.period.{period}")), y_min=0.0, width="medium"
            ),
            "last": st.column_config.TextColumn(tr("conformance.table.last"), width="small"),
        },
    )
    rows = [r for r in event.selection.rows if r < len(table)]
    if not rows:
        st.caption(tr("conformance.table.pick"))
    else:
        rule_details(view, results, rows[0], table.iloc[rows[0]])


def rule_details(view: LogView, results: RuleResults, index: int, row: pd.Series) -> None:
    """One rule: its description and its slowest or most recent violations."""
    head, pick = st.columns([3, 2], vertical_alignment="center")
    head.markdown(f"**{md(row['rule'])}** · {severity_label(row['severity'])}")
    if row["description"]:
        head.caption(md(row["description"]))
    if row["orders"] == 0:
        st.caption(tr("conformance.rule.clean"))
        return
    which = (
        pick.segmented_control(
            tr("conformance.examples"),
            ["slowest", "recent"],
            default="slowest",
            required=True,
            key=Key.CONF_EXAMPLES_KIND,
            format_func=lambda k: tr(f"conformance.examples.{k}"),
            label_visibility="collapsed",
        )
        or "slowest"
    )
    slowest, recent = rule_examples(view, results, index, EXAMPLES, language())
    examples_table(view, slowest if which == "slowest" else recent, f"conf_examples_{which}")


def export_buttons(view: LogView, results: RuleResults) -> None:
    """Every violation of the view as CSV and Excel, built when downloaded."""
    lang = language()

    def frame() -> pd.DataFrame:
        return violations_export(view, results, lang)

    buttons = st.columns([1, 1, 3])
    buttons[0].download_button(
        tr("conformance.export.csv"),
        lambda: to_csv_bytes(frame()),
        "o2c_violations.csv",
        "text/csv",
        icon=":material/download:",
        key=Key.CONF_EXPORT_CSV,
        on_click="ignore",
    )
    buttons[1].download_button(
        tr("conformance.export.xlsx"),
        lambda: to_xlsx_bytes(frame(), "Violations"),
        "o2c_violations.xlsx",
        XLSX_MIME,
        icon=":material/download:",
        key=Key.CONF_EXPORT_XLSX,
        on_click="ignore",
    )


def violations_section(view: LogView, results: RuleResults) -> None:
    """The whole violations section."""
    table = rule_table(view, results, language())
    fits = metrics(view, results, table)
    if table.empty:
        st.info(tr("conformance.rules.none"))
        return
    if not fits:  # no adherence to draw over time either
        st.warning(tr("conformance.rules.no_fit"), icon=":material/rule:")
    period = trend_part(view, results) if fits else "month"
    rules_part(view, results, table, period)
    export_buttons(view, results)
