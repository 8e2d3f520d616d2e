"""What-if page: replay the selected orders with one change and compare time and cost before and after."""

import math

import pandas as pd
import streamlit as st

from o2c.discover.bottlenecks import transition_ranking
from o2c.discover.rework import rework
from o2c.format import format_duration, signed_duration
from o2c.improve.automation import automation_candidates
from o2c.improve.what_if import (
    AUTOMATED_COST_SHARE,
    AUTOMATED_WAIT_SECONDS,
    KINDS,
    Scenario,
    is_external,
    rework_choices,
    what_if,
)
from ui.costs import cost_table, saved_systems
from ui.keys import Key
from ui.remembered import restore_choice, save
from ui.state import page_view, tr
from ui.text import tr_md

view = page_view("what_if.title")
log = view.log
costs = cost_table(log)
currency = costs.currency


def choose(label: str, key: str, options: list, default, column, **kwargs):
    restore_choice(key, options, default)
    return column.selectbox(label, options, key=key, on_change=save, args=(key,), **kwargs)


left, middle, right = st.columns([2, 3, 2])
kind = choose(
    tr("what_if.kind"), Key.WI_KIND, list(KINDS), KINDS[0], left, format_func=lambda k: tr(f"what_if.kind.{k}")
)

if kind == "remove_rework":
    choices = rework_choices(log)
    if not choices:
        st.info(tr("what_if.nothing"))
        st.stop()
    ranked = rework(view).by_activity["activity"].tolist()
    default = next((a for a in ranked if a in choices), choices[0])
    activity = choose(tr("what_if.activity"), Key.WI_REWORK_ACTIVITY, choices, default, middle)
    scenario = Scenario("remove_rework", activity=activity)
    assumption = tr_md("what_if.assume.remove_rework", activity=activity)
elif kind == "cut_wait":
    transitions = transition_ranking(view)
    if transitions.empty:
        st.info(tr("what_if.nothing"))
        st.stop()
    labels = [f"{a} → {b}" for a, b in zip(transitions["source"], transitions["target"])]
    label = choose(tr("what_if.transition"), Key.WI_TRANSITION, labels, labels[0], middle)
    restore_choice(Key.WI_PERCENT, list(range(10, 101, 10)), 50)
    percent = right.slider(
        tr("what_if.percent"), 10, 100, step=10, key=Key.WI_PERCENT, on_change=save, args=(Key.WI_PERCENT,)
    )
    source, target = transitions.iloc[labels.index(label)][["source", "target"]]
    scenario = Scenario("cut_wait", source=source, target=target, percent=float(percent))
    assumption = tr_md("what_if.assume.cut_wait", source=source, target=target, percent=percent)
else:
    names = sorted(set(view.activity_counts().index))
    candidates = automation_candidates(view, saved_systems(log), costs)
    default = candidates["activity"].iloc[0] if not candidates.empty else names[0]
    activity = choose(tr("what_if.activity"), Key.WI_AUTOMATE_ACTIVITY, names, default, middle)
    scenario = Scenario("automate", activity=activity)
    assumption = tr_md(
        "what_if.assume.automate_external" if is_external(activity, log) else "what_if.assume.automate",
        activity=activity,
        share=AUTOMATED_COST_SHARE,
        hours=AUTOMATED_WAIT_SECONDS / 3600,
    )

st.info(assumption, icon=":material/lightbulb:")
result = what_if(view, scenario, costs)
before, after = result.before, result.after


def duration(seconds: float) -> str:
    return "–" if math.isnan(seconds) else format_duration(seconds)


def duration_change(new: float, old: float) -> str | None:
    if math.isnan(new) or math.isnan(old):
        return None
    return signed_duration(new - old, minus="-")  # ASCII minus: st.metric reads the sign


def money(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:,.2f} {currency}"


def money_change(new: float, old: float) -> str | None:
    if math.isnan(new) or math.isnan(old):
        return None
    change = new - old
    return ("-" if change < 0 else "+") + f"{abs(change):,.2f} {currency}"


rows = [
    ("what_if.median", duration, duration_change, before.median_end_to_end, after.median_end_to_end),
    ("what_if.p90", duration, duration_change, before.p90_end_to_end, after.p90_end_to_end),
    ("what_if.i2c", duration, duration_change, before.median_invoice_to_cash, after.median_invoice_to_cash),
    ("what_if.cost", money, money_change, before.mean_cost, after.mean_cost),
    ("what_if.total", money, money_change, before.total_cost, after.total_cost),
]
top, bottom = st.columns(3), st.columns(3)
for column, (key, show, change, old, new) in zip([*top, *bottom], rows):
    unchanged = new == old
    column.metric(
        tr(key),
        show(new),
        delta="±0" if unchanged else change(new, old),
        delta_color="off" if unchanged else "inverse",
        delta_arrow="off" if unchanged else "auto",
    )
bottom[2].metric(
    tr("what_if.affected"),
    f"{result.affected:,} / {result.orders:,}",
    help=tr("what_if.affected.help", before=duration(result.affected_before), after=duration(result.affected_after)),
)
st.caption(tr("what_if.metrics.caption"))

with st.expander(tr("what_if.table")):
    table = pd.DataFrame(
        [(tr(key), show(old), show(new), change(new, old) or "–") for key, show, change, old, new in rows]
        + [
            (
                tr("what_if.affected_median"),
                duration(result.affected_before),
                duration(result.affected_after),
                duration_change(result.affected_after, result.affected_before) or "–",
            )
        ],
        columns=["measure", "before", "after", "change"],
    )
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            "measure": tr("what_if.col.measure"),
            "before": tr("what_if.col.before"),
            "after": tr("what_if.col.after"),
            "change": tr("what_if.col.change"),
        },
    )
