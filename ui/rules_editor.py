"""The rules table edited on the Conformance page: where it starts from, the editor, and its problems."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from o2c.conform.rules import DEFAULT_RULES, RULE_TYPES, SEVERITIES, UNITS, RuleProblem
from o2c.conform.rules.choices import rule_choices
from o2c.log.eventlog import LogView
from ui.dataset_state import loaded_digest, slot
from ui.keys import Key
from ui.state import RULES_TABLE, language, tr
from ui.text import md

RULES = RULES_TABLE
# The rules table's columns, with the ones every rule uses first (the table is wider than the page).
EDITOR_ORDER = [
    "rule",
    "type",
    "severity",
    "activity",
    "other_activity",
    "limit",
    "unit",
    "date_field",
    "attribute",
    "allowed_values",
    "description",
]


def table_height(rows: int, extra: int = 0) -> int:
    """Pixels for a table showing all its rows (35 px each, plus the header and ``extra`` rows)."""
    return 35 * (rows + 1 + extra) + 3


def editable(table: pd.DataFrame) -> pd.DataFrame:
    """Empty cells as missing values, which the editor shows blank."""
    return table.replace("", None)


def rules_source() -> tuple[str, pd.DataFrame, list[RuleProblem]]:
    """Where the rules come from: the loaded workbook's Rules sheet (stored by the Data page), else the
    defaults. Returns an id, the table and the sheet's problems."""
    sheet = slot(Key.WORKBOOK_RULES)
    if sheet and sheet.get("rules") is not None:
        return f"workbook:{loaded_digest()}", editable(sheet["rules"].to_frame()), list(sheet.get("problems") or [])
    return "default", editable(DEFAULT_RULES.to_frame()), []


def rules_table() -> tuple[pd.DataFrame, list[RuleProblem]]:
    """The table being edited in this session (reset when another workbook brings its own rules)."""
    source, table, problems = rules_source()
    RULES.sync(source, table)
    return RULES.base(), problems


def reset_rules() -> None:
    """Back to the default O2C rules."""
    RULES.replace(editable(DEFAULT_RULES.to_frame()))


def rules_section(view: LogView, problems: list[RuleProblem], sheet_problems: list[RuleProblem]) -> None:
    """The editable rules table, its source, a reset button and the problems of its rows."""
    source = RULES.source or "default"
    st.caption(tr("conformance.rules.workbook" if source.startswith("workbook:") else "conformance.rules.default"))
    base = RULES.base()
    choices = rule_choices(view.log, base)
    column = st.column_config
    st.data_editor(
        base,
        key=RULES.editor_key,
        on_change=RULES.commit,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_order=EDITOR_ORDER,
        placeholder="",
        height=table_height(len(base), extra=1),
        column_config={
            "rule": column.TextColumn(tr("conformance.col.rule"), help=tr("conformance.col.rule.help"), width="medium"),
            "type": column.SelectboxColumn(
                tr("conformance.col.type"), options=list(RULE_TYPES), help=tr("conformance.col.type.help")
            ),
            "activity": column.SelectboxColumn(tr("conformance.col.activity"), options=choices.activities),
            "other_activity": column.SelectboxColumn(
                tr("conformance.col.other"), options=choices.activities, help=tr("conformance.col.other.help")
            ),
            "limit": column.NumberColumn(
                tr("conformance.col.limit"), min_value=0, help=tr("conformance.col.limit.help"), width="small"
            ),
            "unit": column.SelectboxColumn(tr("conformance.col.unit"), options=list(UNITS), width="small"),
            "date_field": column.SelectboxColumn(
                tr("conformance.col.date"), options=choices.date_fields, help=tr("conformance.col.date.help")
            ),
            "attribute": column.SelectboxColumn(
                tr("conformance.col.attribute"), options=choices.people, help=tr("conformance.col.attribute.help")
            ),
            "allowed_values": column.TextColumn(tr("conformance.col.allowed"), help=tr("conformance.col.allowed.help")),
            "severity": column.SelectboxColumn(tr("conformance.col.severity"), options=list(SEVERITIES), width="small"),
            "description": column.TextColumn(tr("conformance.col.description"), width="large"),
        },
    )
    st.button(
        tr("conformance.rules.reset"), key=Key.CONF_RULES_RESET, on_click=reset_rules, icon=":material/restart_alt:"
    )
    show_problems(problems, sheet_problems)


def show_problems(problems: list[RuleProblem], sheet_problems: list[RuleProblem]) -> None:
    """The problems of the Rules sheet and of the edited table, as warnings."""
    lang = language()
    if sheet_problems:
        st.warning(
            tr("conformance.sheet_problems") + "\n\n" + "\n".join(f"- {md(p.message(lang))}" for p in sheet_problems),
            icon=":material/warning:",
        )
    if problems:
        st.warning(
            tr("conformance.problems") + "\n\n" + "\n".join(f"- {md(p.message(lang))}" for p in problems),
            icon=":material/warning:",
        )
