"""Root causes page: which groups of orders and which behaviours go with a bad outcome, ranked by the outcome
orders they add."""

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from o2c.conform.rules import DEFAULT_RULES, RuleSet
from o2c.discover.measures import order_measures
from o2c.export import to_csv_bytes
from o2c.format import format_duration
from o2c.improve.behaviours import behaviour_cases, default_people
from o2c.improve.root_causes import (
    DAY,
    SLOW_QUANTILE,
    Outcome,
    available_outcomes,
    behaviour_table,
    explained_by,
    outcome_mask,
    segment_cases,
    segment_table,
)
from o2c.log.eventlog import EventLog
from ui.state import column_name, dataset, language, page_view, tr
from ui.text import tr_md

CHART_ROWS = 10
EXPLAINED_ROWS = 10  # segments checked for a narrower value that explains them (one pass each)
PREVIEW_ROWS = 1000
STATUS_COLOURS = {"significant": "#d62728", "noise": "#9aa5b1", "small": "#d9dee4"}


def session_rules() -> RuleSet:
    """The loaded workbook's rules when it brought a Rules sheet, else the default rules."""
    sheet = st.session_state.get("workbook_rules")
    current = dataset()
    if sheet and current and sheet.get("digest") == current.digest and sheet.get("rules") is not None:
        return sheet["rules"]
    return DEFAULT_RULES


def relabel_after_language_change(keys: tuple[str, ...]) -> None:
    """Re-set the pickers' values when the language changed, so the browser shows them in the new language."""
    if st.session_state.get("rc_lang") != language():
        st.session_state["rc_lang"] = language()
        for key in keys:
            if key in st.session_state:
                st.session_state[key] = st.session_state[key]


def chosen_outcome(log: EventLog, available: dict[str, str | None], rules: RuleSet) -> Outcome:
    """The outcome picker and its setting (threshold days or rule)."""
    offered = [kind for kind, missing in available.items() if missing is None]
    if st.session_state.get("rc_outcome") not in offered:  # another log, another set of outcomes
        st.session_state.pop("rc_outcome", None)
    row = st.columns([1.4, 1.4, 2.2], vertical_alignment="bottom")
    kind = row[0].selectbox(tr("root_causes.outcome"), offered, key="rc_outcome", format_func=lambda k: tr(f"root_causes.outcome.{k}"))
    days, rule = None, None
    if kind == "slow":
        days = row[1].number_input(tr("root_causes.slow.days"), min_value=0.0, value=None, step=1.0, key="rc_slow_days",
                                   placeholder=tr("root_causes.slow.placeholder"))
    elif kind == "late_payment":
        has_due = "due_date" not in order_measures(log).missing
        days = row[1].number_input(tr("root_causes.pay.days"), min_value=0.0, value=None, step=1.0, key="rc_pay_days",
                                   placeholder=tr("root_causes.pay.placeholder" if has_due else "root_causes.pay.placeholder_days"))
    elif kind == "rule":
        names = [r.name for r in rules.rules]
        if st.session_state.get("rc_rule", "") not in names:
            st.session_state.pop("rc_rule", None)
        rule = row[1].selectbox(tr("root_causes.rule"), ["", *names], key="rc_rule",
                                format_func=lambda n: n or tr("root_causes.rule.any")) or None
    missing = [tr("root_causes.unavailable.item", outcome=tr(f"root_causes.outcome.{k}"), missing=m)
               for k, m in available.items() if m is not None]
    if missing:
        row[2].caption(tr_md("root_causes.unavailable", items="; ".join(missing)))
    return Outcome(kind, days, rule, rules)


def status(table: pd.DataFrame) -> pd.Series:
    """significant / noise / small per row."""
    return pd.Series(np.where(table["too_small"], "small", np.where(table["significant"], "significant", "noise")),
                     index=table.index)


def points(value: float) -> str:
    return f"{round(value * 100):+d}".replace("-", "−")


def display(table: pd.DataFrame, label: pd.Series) -> pd.DataFrame:
    """The table as shown: rates in percent, lift and interval as text, a status word."""
    interval = [tr("root_causes.interval", low=points(lo), high=points(hi)) if not pd.isna(lo) else ""
                for lo, hi in zip(table["low"], table["high"])]
    return table.assign(segment=label, rate_in=table["rate_in"] * 100, rate_out=table["rate_out"] * 100,
                        lift=[f"{v:.2f}×" if np.isfinite(v) else "–" for v in table["lift"]], interval=interval,
                        status=status(table).map(lambda s: tr(f"root_causes.status.{s}")))


def draw_table(shown: pd.DataFrame, key: str, with_days: bool, with_value: bool) -> None:
    """The ranked table; behaviours have no value and no copies."""
    columns = ["segment", "value", "explained", "orders", "rate_in", "rate_out", "lift", "extra_orders", "extra_days",
               "interval", "status", "also"]
    hidden = ({"extra_days"} if not with_days else set()) | ({"value", "explained", "also"} if not with_value
                                                             else set())
    st.dataframe(
        shown, hide_index=True, width="stretch", key=key, column_order=[c for c in columns if c not in hidden],
        column_config={
            "segment": st.column_config.TextColumn(tr("root_causes.col.segment" if with_value else "root_causes.col.behaviour"),
                                                   width=120 if with_value else 200),
            "value": st.column_config.TextColumn(tr("root_causes.col.value"), width=140),
            "orders": st.column_config.NumberColumn(tr("root_causes.col.orders"), format="localized", width=70),
            "rate_in": st.column_config.ProgressColumn(tr("root_causes.col.rate_in"), format="%.0f%%", min_value=0,
                                                       max_value=100, width=80),
            "rate_out": st.column_config.ProgressColumn(tr("root_causes.col.rate_out"), format="%.0f%%", min_value=0,
                                                        max_value=100, width=80),
            "lift": st.column_config.TextColumn(tr("root_causes.col.lift"), help=tr("root_causes.col.lift.help"), width=55),
            "extra_orders": st.column_config.NumberColumn(tr("root_causes.col.extra_orders"), format="%+.0f", width=75,
                                                          help=tr("root_causes.col.extra_orders.help")),
            "extra_days": st.column_config.NumberColumn(tr("root_causes.col.extra_days"), format="%+.1f",
                                                        help=tr("root_causes.col.extra_days.help"), width=75),
            "interval": st.column_config.TextColumn(tr("root_causes.col.interval"), help=tr("root_causes.col.interval.help"),
                                                    width=125),
            "status": st.column_config.TextColumn(tr("root_causes.col.status"), width=105),
            "explained": st.column_config.TextColumn(tr("root_causes.col.explained"), help=tr("root_causes.col.explained.help"),
                                                     width=170),
            "also": st.column_config.TextColumn(tr("root_causes.col.also"), help=tr("root_causes.col.also.help")),
        })


def explanations(view, outcome: Outcome, table: pd.DataFrame) -> list[str]:
    """For the top significant segments: the narrower value inside that explains them ("" when none does)."""
    texts = [""] * len(table)
    rows = np.flatnonzero((table["significant"] & (table["extra_orders"] > 0)).to_numpy())[:EXPLAINED_ROWS]
    pairs = [(table["factor"].iloc[i], table["value"].iloc[i]) for i in rows]
    for i, found in zip(rows, explained_by(view, outcome, pairs)):
        if found:
            texts[i] = tr("root_causes.explained.value", segment=f"{column_name(found[0])} = {found[1]}",
                          share=min(found[2], 1.0))
    return texts


def chart(shown: pd.DataFrame) -> alt.Chart:
    """The top segments by extra outcome orders, coloured by what the interval says."""
    top = shown[shown["extra_orders"] > 0].head(CHART_ROWS).assign(
        label=lambda f: f["segment"] + " = " + f["value"], key=lambda f: status(f))
    names = {s: tr(f"root_causes.status.{s}") for s in STATUS_COLOURS}
    return alt.Chart(top.assign(status=top["key"].map(names))).mark_bar().encode(
        x=alt.X("extra_orders:Q", title=tr("root_causes.col.extra_orders")),
        y=alt.Y("label:N", sort="-x", title=None, axis=alt.Axis(labelLimit=320, labelOverlap=False)),
        color=alt.Color("status:N", title=None, legend=alt.Legend(orient="top"),
                        scale=alt.Scale(domain=list(names.values()), range=list(STATUS_COLOURS.values()))),
        tooltip=[alt.Tooltip("label:N", title=tr("root_causes.col.segment")),
                 alt.Tooltip("orders:Q", title=tr("root_causes.col.orders"), format=","),
                 alt.Tooltip("extra_orders:Q", title=tr("root_causes.col.extra_orders"), format=".0f")],
    ).properties(height=alt.Step(24))


# --- the page -------------------------------------------------------------------------------------------------

view = page_view("root_causes.title")
relabel_after_language_change(("rc_outcome", "rc_rule", "rc_orders_pick"))
rules = session_rules()
available = available_outcomes(view.log, rules)
if all(missing is not None for missing in available.values()):
    st.warning(tr("root_causes.nothing"))
    st.stop()
outcome = chosen_outcome(view.log, available, rules)
judged, positive = outcome_mask(view, outcome)
n_judged, n_positive = int(judged.sum()), int(positive.sum())
name = tr(f"root_causes.outcome.{outcome.kind}")
if outcome.kind == "slow":
    seconds = order_measures(view.log).end_to_end_seconds[judged]
    limit = outcome.days * DAY if outcome.days is not None else (
        float(np.quantile(seconds, SLOW_QUANTILE)) if seconds.size else 0.0)
    name = tr("root_causes.slow.name", limit=format_duration(limit))
elif outcome.kind == "rule" and outcome.rule:
    name = f"{name} · {outcome.rule}"
judged_key = f"root_causes.judged.{outcome.kind}"
if outcome.kind == "unpaid" and "due_date" not in order_measures(view.log).missing:
    judged_key = "root_causes.judged.unpaid_due"
st.markdown(tr_md("root_causes.headline", outcome=name, positive=n_positive, judged=n_judged,
                  judged_label=tr(judged_key), rate=n_positive / n_judged if n_judged else 0))
left_out = view.n_cases - n_judged
st.caption((tr("root_causes.left_out", n=left_out) + " " if left_out else "") + tr("root_causes.associations"))
if n_positive == 0 or n_positive == n_judged:
    st.info(tr("root_causes.no_contrast"))
    st.stop()

segments = segment_table(view, outcome)
shown_segments = display(segments, segments["factor"].map(column_name)).assign(
    explained=explanations(view, outcome, segments))
by_attribute, behaviours_tab, orders_tab = st.tabs([tr("root_causes.tab.segments"), tr("root_causes.tab.behaviours"),
                                                    tr("root_causes.tab.orders")])
with_days = outcome.kind != "unpaid"

with by_attribute:
    st.caption(tr("root_causes.segments.hint", n=int((~segments["too_small"]).sum())))
    if (shown_segments["extra_orders"] > 0).any():
        st.altair_chart(chart(shown_segments), width="stretch")
    draw_table(shown_segments, "rc_segments", with_days, with_value=True)

with behaviours_tab:
    people = None
    if "resource" in view.log.event_attributes:
        people = int(st.columns([1, 3])[0].number_input(tr("root_causes.people"), min_value=0, step=1,
                                                         key=f"rc_people_{outcome.kind}",
                                                         value=default_people(view.log, outcome.kind),
                                                         help=tr("root_causes.people.help")))
    behaviours = behaviour_table(view, outcome, people)
    st.caption(tr("root_causes.behaviours.hint"))
    if behaviours.empty:
        st.caption(tr("root_causes.behaviours.none"))
    else:
        draw_table(display(behaviours, behaviours["factor"].map(lambda b: tr(f"root_causes.behaviour.{b}"))),
                   "rc_behaviours", with_days, with_value=False)

with orders_tab:
    choices = [("segment", f, v) for f, v in zip(segments["factor"], segments["value"])]
    choices += [("behaviour", b, "") for b in behaviours["factor"]]
    labels = {c: (tr(f"root_causes.behaviour.{c[1]}") if c[0] == "behaviour" else f"{column_name(c[1])} = {c[2]}")
              for c in choices}
    row = st.columns([2, 1, 1], vertical_alignment="bottom")
    picked = row[0].selectbox(tr("root_causes.orders.pick"), choices, key="rc_orders_pick", format_func=labels.get)
    if picked is not None:
        members = (behaviour_cases(view.log, outcome.kind, people)[picked[1]] & view.case_mask
                   if picked[0] == "behaviour" else segment_cases(view, picked[1], picked[2]))
        affected = np.flatnonzero(members & positive)
        columns = [c for c in ("case_id", "order_number", "account_name") if c in view.log.cases.columns]
        orders = view.log.cases.iloc[affected][columns].reset_index(drop=True)
        row[1].markdown(tr("root_causes.orders.count", n=len(orders), outcome=tr(f"root_causes.outcome.{outcome.kind}").lower()))
        row[2].download_button(tr("root_causes.orders.download"), data=lambda: to_csv_bytes(orders),
                               file_name="root_cause_orders.csv", mime="text/csv", icon=":material/download:",
                               on_click="ignore", key="rc_download")
        st.dataframe(orders.head(PREVIEW_ROWS), hide_index=True, width="stretch", key="rc_orders",
                     column_config={c: st.column_config.TextColumn(tr(f"rework.col.{c}")) for c in columns})
