"""The Root causes page's outcome picker: which bad outcome to explain, and its threshold or rule."""

from __future__ import annotations

import numpy as np
import streamlit as st

from o2c.conform.rules import DEFAULT_RULES, RuleSet
from o2c.discover.measures import order_measures
from o2c.format import format_duration
from o2c.improve.root_causes import DAY, SLOW_QUANTILE, Outcome
from o2c.log.eventlog import EventLog, LogView
from ui.dataset_state import slot_value
from ui.keys import Key
from ui.state import language, tr
from ui.text import tr_md


def session_rules() -> RuleSet:
    """The loaded workbook's rules when it brought a Rules sheet, else the default rules."""
    sheet = slot_value(Key.WORKBOOK_RULES, "rules")
    return sheet if sheet is not None else DEFAULT_RULES


def relabel_after_language_change(keys: tuple[str, ...]) -> None:
    """Re-set the pickers' values when the language changed, so the browser shows them in the new language."""
    if st.session_state.get(Key.RC_LANG) != language():
        st.session_state[Key.RC_LANG] = language()
        for key in keys:
            if key in st.session_state:
                st.session_state[key] = st.session_state[key]


def chosen_outcome(log: EventLog, available: dict[str, str | None], rules: RuleSet) -> Outcome:
    """The outcome picker and its setting (threshold days or rule)."""
    offered = [kind for kind, missing in available.items() if missing is None]
    if st.session_state.get(Key.RC_OUTCOME) not in offered:  # another log, another set of outcomes
        st.session_state.pop(Key.RC_OUTCOME, None)
    row = st.columns([1.4, 1.4, 2.2], vertical_alignment="bottom")
    kind = row[0].selectbox(
        tr("root_causes.outcome"), offered, key=Key.RC_OUTCOME, format_func=lambda k: tr(f"root_causes.outcome.{k}")
    )
    days, rule = None, None
    if kind == "slow":
        days = row[1].number_input(
            tr("root_causes.slow.days"),
            min_value=0.0,
            value=None,
            step=1.0,
            key=Key.RC_SLOW_DAYS,
            placeholder=tr("root_causes.slow.placeholder"),
        )
    elif kind == "late_payment":
        has_due = "due_date" not in order_measures(log).missing
        hint = "root_causes.pay.placeholder" if has_due else "root_causes.pay.placeholder_days"
        days = row[1].number_input(
            tr("root_causes.pay.days"), min_value=0.0, value=None, step=1.0, key=Key.RC_PAY_DAYS, placeholder=tr(hint)
        )
    elif kind == "rule":
        names = [r.name for r in rules.rules]
        if st.session_state.get(Key.RC_RULE, "") not in names:
            st.session_state.pop(Key.RC_RULE, None)
        rule = (
            row[1].selectbox(
                tr("root_causes.rule"),
                ["", *names],
                key=Key.RC_RULE,
                format_func=lambda n: n or tr("root_causes.rule.any"),
            )
            or None
        )
    missing = [
        tr("root_causes.unavailable.item", outcome=tr(f"root_causes.outcome.{k}"), missing=m)
        for k, m in available.items()
        if m is not None
    ]
    if missing:
        row[2].caption(tr_md("root_causes.unavailable", items="; ".join(missing)))
    return Outcome(kind, days, rule, rules)


def outcome_name(view: LogView, outcome: Outcome, judged: np.ndarray) -> str:
    """The outcome as the headline names it: with its time limit when slow, its rule when one is picked."""
    name = tr(f"root_causes.outcome.{outcome.kind}")
    if outcome.kind == "slow":
        seconds = order_measures(view.log).end_to_end_seconds[judged]
        limit = (
            outcome.days * DAY
            if outcome.days is not None
            else (float(np.quantile(seconds, SLOW_QUANTILE)) if seconds.size else 0.0)
        )
        return tr("root_causes.slow.name", limit=format_duration(limit))
    if outcome.kind == "rule" and outcome.rule:
        return f"{name} · {outcome.rule}"
    return name
