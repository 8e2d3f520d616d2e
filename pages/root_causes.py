"""Root causes page: which groups of orders and which behaviours go with a bad outcome, ranked by the outcome
orders they add."""

import numpy as np
import streamlit as st

from o2c.discover.measures import order_measures
from o2c.export import to_csv_bytes
from o2c.improve.behaviours import behaviour_cases, default_people
from o2c.improve.root_causes import available_outcomes, behaviour_table, outcome_mask, segment_cases, segment_table
from ui.click_filter import orders_button
from ui.deep_link import seed_from_link
from ui.keys import Key, rc_people
from ui.root_cause_picker import chosen_outcome, outcome_name, relabel_after_language_change, session_rules
from ui.root_cause_tables import chart, display, draw_table, explanations
from ui.state import column_name, page_view, tr
from ui.text import tr_md

PREVIEW_ROWS = 1000

view = page_view("root_causes.title")
relabel_after_language_change((Key.RC_OUTCOME, Key.RC_RULE, Key.RC_ORDERS_PICK))
rules = session_rules()
available = available_outcomes(view.log, rules)
seed_from_link("_outcome", Key.RC_OUTCOME, lambda: [k for k, missing in available.items() if missing is None])
if all(missing is not None for missing in available.values()):
    st.warning(tr("root_causes.nothing"))
    st.stop()
outcome = chosen_outcome(view.log, available, rules)
judged, positive = outcome_mask(view, outcome)
n_judged, n_positive = int(judged.sum()), int(positive.sum())
name = outcome_name(view, outcome, judged)
judged_key = f"root_causes.judged.{outcome.kind}"
if outcome.kind == "unpaid" and "due_date" not in order_measures(view.log).missing:
    judged_key = "root_causes.judged.unpaid_due"
st.markdown(
    tr_md(
        "root_causes.headline",
        outcome=name,
        positive=n_positive,
        judged=n_judged,
        judged_label=tr(judged_key),
        rate=n_positive / n_judged if n_judged else 0,
    )
)
left_out = view.n_cases - n_judged
st.caption((tr("root_causes.left_out", n=left_out) + " " if left_out else "") + tr("root_causes.associations"))
if n_positive == 0 or n_positive == n_judged:
    st.info(tr("root_causes.no_contrast"))
    st.stop()

segments = segment_table(view, outcome)
shown_segments = display(segments, segments["factor"].map(column_name)).assign(
    explained=explanations(view, outcome, segments)
)
by_attribute, behaviours_tab, orders_tab = st.tabs(
    [tr("root_causes.tab.segments"), tr("root_causes.tab.behaviours"), tr("root_causes.tab.orders")]
)
with_days = outcome.kind != "unpaid"

with by_attribute:
    st.caption(tr("root_causes.segments.hint", n=int((~segments["too_small"]).sum())))
    if (shown_segments["extra_orders"] > 0).any():
        st.altair_chart(chart(shown_segments), width="stretch")
    draw_table(shown_segments, Key.RC_SEGMENTS, with_days, with_value=True)

with behaviours_tab:
    people = None
    if "resource" in view.log.event_attributes:
        people = int(
            st.columns([1, 3])[0].number_input(
                tr("root_causes.people"),
                min_value=0,
                step=1,
                key=rc_people(outcome.kind),
                value=default_people(view.log, outcome.kind),
                help=tr("root_causes.people.help"),
            )
        )
    behaviours = behaviour_table(view, outcome, people)
    st.caption(tr("root_causes.behaviours.hint"))
    if behaviours.empty:
        st.caption(tr("root_causes.behaviours.none"))
    else:
        draw_table(
            display(behaviours, behaviours["factor"].map(lambda b: tr(f"root_causes.behaviour.{b}"))),
            Key.RC_BEHAVIOURS,
            with_days,
            with_value=False,
        )

with orders_tab:
    choices = [("segment", f, v) for f, v in zip(segments["factor"], segments["value"])]
    choices += [("behaviour", b, "") for b in behaviours["factor"]]
    labels = {
        c: (tr(f"root_causes.behaviour.{c[1]}") if c[0] == "behaviour" else f"{column_name(c[1])} = {c[2]}")
        for c in choices
    }
    row = st.columns([2, 1, 1], vertical_alignment="bottom")
    picked = row[0].selectbox(tr("root_causes.orders.pick"), choices, key=Key.RC_ORDERS_PICK, format_func=labels.get)
    if picked is not None:
        members = (
            behaviour_cases(view.log, outcome.kind, people)[picked[1]] & view.case_mask
            if picked[0] == "behaviour"
            else segment_cases(view, picked[1], picked[2])
        )
        affected = np.flatnonzero(members & positive)
        columns = [c for c in ("case_id", "order_number", "account_name") if c in view.log.cases.columns]
        orders = view.log.cases.iloc[affected][columns].reset_index(drop=True)
        kind_name = tr(f"root_causes.outcome.{outcome.kind}").lower()
        row[1].markdown(tr("root_causes.orders.count", n=len(orders), outcome=kind_name))
        row[2].download_button(
            tr("root_causes.orders.download"),
            data=lambda: to_csv_bytes(orders),
            file_name="root_cause_orders.csv",
            mime="text/csv",
            icon=":material/download:",
            on_click="ignore",
            key=Key.RC_DOWNLOAD,
        )
        st.dataframe(
            orders.head(PREVIEW_ROWS),
            hide_index=True,
            width="stretch",
            key=Key.RC_ORDERS,
            column_config={c: st.column_config.TextColumn(tr(f"rework.col.{c}")) for c in columns},
        )
        orders_button(orders["case_id"], Key.RC_FILTER)
