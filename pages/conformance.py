"""Conformance page: which orders break the O2C rules or leave the reference process, what it costs, and who."""

import streamlit as st

from o2c.conform.rules import evaluate_rules, parse_rules
from ui.keys import Key
from ui.model_view import model_section
from ui.rules_editor import rules_section, rules_table
from ui.rules_view import violations_section
from ui.state import page_view, tr

view = page_view("conformance.title")
base, sheet_problems = rules_table()
rules, table_problems = parse_rules(base)
results = evaluate_rules(view.log, rules)
problems = table_problems + list(results.problems)

sections = ["violations", "model", "rules"]
section = (
    st.segmented_control(
        tr("conformance.section"),
        sections,
        default="violations",
        required=True,
        key=Key.CONF_SECTION,
        format_func=lambda s: tr(f"conformance.section.{s}"),
        label_visibility="collapsed",
    )
    or "violations"
)
if section == "violations":
    if problems or sheet_problems:
        st.caption(tr("conformance.problems.short", n=len(problems) + len(sheet_problems)))
    violations_section(view, results)
elif section == "model":
    model_section(view)
else:
    rules_section(view, problems, sheet_problems)
