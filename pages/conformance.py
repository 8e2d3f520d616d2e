"""Conformance page: which orders break the O2C rules or leave the reference process, what it costs, and who."""

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from o2c.conform.conformance import (
    ReferenceModel,
    align_variants,
    bpmn_model,
    deviation_cases,
    deviation_table,
    finished_cases,
    fitness,
    model_bpmn_xml,
    replay_variants,
    standard_model,
    variants_model,
)
from o2c.conform.reference_model import standard_steps
from o2c.conform.rules import (
    DEFAULT_RULES,
    RULE_TYPES,
    SEVERITIES,
    UNITS,
    adherence,
    adherence_trend,
    apply_editor_changes,
    evaluate_rules,
    parse_rules,
    rule_examples,
    rule_table,
    rule_trends,
    rules_fit,
    violations_export,
)
from o2c.discover.order_detail import order_label
from o2c.discover.variants import variant_rows, variant_table
from o2c.errors import ModelError
from o2c.export import to_csv_bytes, to_xlsx_bytes
from o2c.format import format_duration, signed_duration
from o2c.log.attributes import attribute_codes, pool_rare, split_attributes
from o2c.log.index import variant_index
from ui.state import column_name, dataset, language, page_view, tr

EXAMPLES = 5
ALIGN_SECONDS = 20.0
MAX_GROUPS = 6  # lines in the split trend chart
MODEL_VARIANTS = 30  # variants offered as "our standard"
BLUE = "#4c78a8"
# The rules table's columns, with the ones every rule uses first (the table is wider than the page).
EDITOR_ORDER = ["rule", "type", "severity", "activity", "other_activity", "limit", "unit", "date_field", "attribute",
                "allowed_values", "description"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# ---------------------------------------------------------------------------------------------- rules state

def rules_source() -> tuple[str, pd.DataFrame, list]:
    """Where the rules come from: the loaded workbook's Rules sheet (stored by the Data page), else the
    defaults. Returns an id, the table and the sheet's problems."""
    sheet = st.session_state.get("workbook_rules")
    current = dataset()
    if sheet and current and sheet.get("digest") == current.digest and sheet.get("rules") is not None:
        return f"workbook:{current.digest}", editable(sheet["rules"].to_frame()), list(sheet.get("problems") or [])
    return "default", editable(DEFAULT_RULES.to_frame()), []


def editable(table: pd.DataFrame) -> pd.DataFrame:
    """Empty cells as missing values, which the editor shows blank."""
    return table.replace("", None)


def rules_table() -> tuple[pd.DataFrame, list]:
    """The table being edited in this session (reset when another workbook brings its own rules)."""
    source, table, problems = rules_source()
    if st.session_state.get("conf_rules_source") != source:
        st.session_state["conf_rules_source"] = source
        st.session_state["conf_rules_base"] = table
        st.session_state["conf_rules_version"] = st.session_state.get("conf_rules_version", 0) + 1
    return st.session_state["conf_rules_base"], problems


def editor_key() -> str:
    return f"conf_rules_editor_{st.session_state.get('conf_rules_version', 0)}"


def commit_edits() -> None:
    """Fold the editor's changes into the stored table (so they survive leaving the page) and start afresh."""
    changes = st.session_state.get(editor_key()) or {}
    st.session_state["conf_rules_base"] = apply_editor_changes(st.session_state["conf_rules_base"], changes)
    st.session_state["conf_rules_version"] = st.session_state.get("conf_rules_version", 0) + 1


def reset_rules() -> None:
    st.session_state["conf_rules_base"] = editable(DEFAULT_RULES.to_frame())
    st.session_state["conf_rules_version"] = st.session_state.get("conf_rules_version", 0) + 1


# ---------------------------------------------------------------------------------------------- violations

def table_height(rows: int, extra: int = 0) -> int:
    """Pixels for a table showing all its rows (35 px each, plus the header and ``extra`` rows)."""
    return 35 * (rows + 1 + extra) + 3


def severity_label(value: str) -> str:
    return tr(f"conformance.severity.{value}") if value in SEVERITIES else value


def trend_chart(trend: pd.DataFrame, period: str, split: bool) -> alt.Chart:
    period_title = tr(f"conformance.period.{period}")
    data = trend.assign(rate=trend["rate"] * 100)
    tooltip = [alt.Tooltip("period:T", title=period_title, format="%d %b %Y" if period == "week" else "%b %Y"),
               alt.Tooltip("rate:Q", title=tr("conformance.adherence"), format=".1f"),
               alt.Tooltip("adherent:Q", title=tr("conformance.trend.adherent"), format=","),
               alt.Tooltip("orders:Q", title=tr("conformance.orders"), format=",")]
    if split:
        tooltip.insert(0, alt.Tooltip("group:N", title=tr("conformance.split")))
    color = alt.Color("group:N", title=None, legend=alt.Legend(orient="top")) if split else alt.value(BLUE)
    base = alt.Chart(data).encode(
        x=alt.X("period:T", title=period_title),
        y=alt.Y("rate:Q", title=tr("conformance.adherence.axis"), scale=alt.Scale(domain=[0, 100])),
        color=color, tooltip=tooltip)
    return (base.mark_line() + base.mark_circle(size=28)).properties(height=240)


def split_groups(view, attribute: str | None):
    if not attribute:
        return None
    codes, labels = attribute_codes(view.log.cases[attribute])
    codes = np.where(codes < 0, len(labels), codes)
    codes, labels = pool_rare(codes, [*labels, tr("conformance.split.missing")], MAX_GROUPS)
    return codes, labels


def examples_table(view, frame: pd.DataFrame, key: str) -> None:
    shown = frame.assign(order=[order_label(view.log, c) for c in frame["case_code"]],
                         duration=frame["duration_seconds"].map(format_duration))
    columns = ["order"] + (["account_name"] if "account_name" in shown else []) + ["details", "when", "duration"]
    event = st.dataframe(
        shown[columns], hide_index=True, width="stretch", key=key, on_select="rerun", selection_mode="single-row",
        column_config={"order": st.column_config.TextColumn(tr("conformance.examples.order"), width="small"),
                       "account_name": st.column_config.TextColumn(tr("conformance.examples.account"), width="medium"),
                       "details": st.column_config.TextColumn(tr("conformance.examples.details"), width="large"),
                       "when": st.column_config.DatetimeColumn(tr("conformance.examples.when"), format="YYYY-MM-DD",
                                                               width="small"),
                       "duration": st.column_config.TextColumn(tr("conformance.examples.duration"), width="small")})
    rows = [r for r in event.selection.rows if r < len(frame)]
    if rows:
        link_to_order(view, int(frame["case_code"].iloc[rows[0]]))


def link_to_order(view, code: int) -> None:
    st.session_state["order_lookup"] = str(view.log.cases["case_id"].iloc[code])
    st.page_link("pages/order_explorer.py", label=tr("conformance.open_order", order=order_label(view.log, code)),
                 icon=":material/search:")


def violations_section(view, results) -> None:
    stats = adherence(view, results)
    table = rule_table(view, results, language())
    metrics = st.columns(3)
    fits = rules_fit(view.log, results)
    metrics[0].metric(tr("conformance.adherence"), f"{stats.rate:.1%}" if stats.rate is not None and fits else "–",
                      help=tr("conformance.adherence.help"))
    metrics[1].metric(tr("conformance.violating"), f"{stats.orders - stats.adherent:,}")
    metrics[2].metric(tr("conformance.broken"), tr("conformance.broken.value", broken=int((table["orders"] > 0).sum()),
                                             rules=len(table)))
    if table.empty:
        st.info(tr("conformance.rules.none"))
        return
    if not fits:
        st.warning(tr("conformance.rules.no_fit"), icon=":material/rule:")

    controls = st.columns([1, 1, 2], vertical_alignment="bottom")
    period = controls[0].segmented_control(tr("conformance.period"), ["week", "month"], default="month",
                                           key="conf_period", format_func=lambda p: tr(f"conformance.period.{p}"),
                                           required=True) or "month"
    options = [""] + split_attributes(view.log)
    attribute = controls[1].selectbox(tr("conformance.split"), options, key=f"conf_split_{language()}",
                                      format_func=lambda n: column_name(n) if n else tr("conformance.split.none"))
    trend = adherence_trend(view, results, period, split_groups(view, attribute))
    st.altair_chart(trend_chart(trend, period, bool(attribute)), width="stretch")

    shown = table.assign(severity=table["severity"].map(severity_label), share=table["share"] * 100,
                         trend=rule_trends(view, results, period),
                         last=[f"{d:%Y-%m-%d}" if pd.notna(d) else "–" for d in table["last"]],
                         rule=[r if ok else f"{r} ({why})"
                               for r, ok, why in zip(table["rule"], table["evaluated"], table["not_applicable"])])
    event = st.dataframe(
        shown[["rule", "severity", "orders", "share", "trend", "last"]], hide_index=True, width="stretch",
        key="conf_rule_table", on_select="rerun", selection_mode="single-row", height=table_height(len(shown)),
        column_config={
            "rule": st.column_config.TextColumn(tr("conformance.table.rule"), width="medium"),
            "severity": st.column_config.TextColumn(tr("conformance.table.severity"), width="small"),
            "orders": st.column_config.NumberColumn(tr("conformance.orders"), format="localized", width="small"),
            # bars scaled to the most broken rule, so the small ones stay visible
            "share": st.column_config.ProgressColumn(tr("conformance.table.share"), format="%.1f%%", min_value=0,
                                                     max_value=max(float(shown["share"].max()), 1.0),
                                                     width="small"),
            "trend": st.column_config.LineChartColumn(tr("conformance.table.trend", period=tr(f"conformance.period.{period}")),
                                                      y_min=0.0, width="medium"),
            "last": st.column_config.TextColumn(tr("conformance.table.last"), width="small")})
    rows = [r for r in event.selection.rows if r < len(table)]
    if not rows:
        st.caption(tr("conformance.table.pick"))
    else:
        rule_details(view, results, rows[0], table.iloc[rows[0]])
    export_buttons(view, results)


def rule_details(view, results, index: int, row: pd.Series) -> None:
    head, pick = st.columns([3, 2], vertical_alignment="center")
    head.markdown(f"**{row['rule']}** · {severity_label(row['severity'])}")
    if row["description"]:
        head.caption(row["description"])
    if row["orders"] == 0:
        st.caption(tr("conformance.rule.clean"))
        return
    which = pick.segmented_control(tr("conformance.examples"), ["slowest", "recent"], default="slowest", required=True,
                                   key="conf_examples_kind", format_func=lambda k: tr(f"conformance.examples.{k}"),
                                   label_visibility="collapsed") or "slowest"
    slowest, recent = rule_examples(view, results, index, EXAMPLES, language())
    examples_table(view, slowest if which == "slowest" else recent, f"conf_examples_{which}")


def export_buttons(view, results) -> None:
    lang = language()

    def frame() -> pd.DataFrame:
        return violations_export(view, results, lang)

    buttons = st.columns([1, 1, 3])
    buttons[0].download_button(tr("conformance.export.csv"), lambda: to_csv_bytes(frame()), "o2c_violations.csv",
                               "text/csv", icon=":material/download:", key="conf_export_csv", on_click="ignore")
    buttons[1].download_button(tr("conformance.export.xlsx"), lambda: to_xlsx_bytes(frame(), "Violations"),
                               "o2c_violations.xlsx", XLSX, icon=":material/download:", key="conf_export_xlsx",
                               on_click="ignore")


# ---------------------------------------------------------------------------------------------- model

def chosen_model(view) -> ReferenceModel | None:
    sources = ["standard", "bpmn", "variants"]
    controls = st.columns([3, 2], vertical_alignment="bottom")
    source = controls[0].segmented_control(tr("conformance.model.source"), sources, default="standard", required=True,
                                           key="conf_model_source",
                                           format_func=lambda s: tr(f"conformance.model.{s}")) or "standard"
    controls[1].toggle(tr("conformance.model.open"), key="conf_open", help=tr("conformance.model.open.help"))
    if source == "standard":
        return standard_model(view.log)
    if source == "bpmn":
        upload = st.file_uploader(tr("conformance.model.upload"), type=["bpmn", "xml"], key="conf_model_upload")
        if upload is None:
            st.info(tr("conformance.model.upload.hint"), icon=":material/upload_file:")
            return None
        return cached_model(("bpmn", upload.file_id), lambda: bpmn_model(upload.getvalue()))
    table = variant_table(view).head(MODEL_VARIANTS)
    rows = variant_rows(view, table, None, tr("conformance.model.without"))
    labels = {vid: tr("conformance.model.variant", rank=rank, orders=int(n), path=path)
              for rank, vid, n, path in zip(rows.index, rows["variant_id"], rows["orders"], rows["path"])}
    picked = st.multiselect(tr("conformance.model.variants.pick"), list(labels), default=list(labels)[:1],
                            key="conf_model_variants", format_func=labels.get,
                            placeholder=tr("conformance.model.variants.placeholder"))
    if not picked:
        st.info(tr("conformance.model.error.no_variants"))
        return None
    current = dataset()
    key = ("variants", current.digest if current else "", tuple(sorted(picked)))
    return cached_model(key, lambda: variants_model(view.log, picked))


def cached_model(key: tuple, build) -> ReferenceModel | None:
    saved = st.session_state.get("conf_model")
    if saved and saved[0] == key:
        return saved[1]
    try:
        with st.spinner(tr("conformance.model.spinner")):
            model = build()
    except ModelError as error:
        st.error(tr(error.key), icon=":material/error:")
        return None
    st.session_state["conf_model"] = (key, model)
    return model


def steps_text(log) -> str:
    marks = {"optional": f" ({tr('conformance.model.optional')})", "repeatable": f" ({tr('conformance.model.repeatable')})",
             "required": ""}
    return " → ".join(step.activity + marks[step.kind] for step in standard_steps(log))


def model_section(view) -> None:
    model = chosen_model(view)
    if model is None:
        return
    with st.spinner(tr("conformance.model.spinner")):
        replay = replay_variants(view.log, model)
        scope = None if st.session_state.get("conf_open") else finished_cases(view.log, model)
    figures = fitness(view, replay, scope)
    metrics = st.columns(3)
    metrics[0].metric(tr("conformance.model.fitness"), f"{figures.log_fitness:.3f}", help=tr("conformance.model.fitness.help"))
    metrics[1].metric(tr("conformance.model.fitting"), f"{figures.fitting_share:.1%}" if figures.orders else "–",
                      help=tr("conformance.model.fitting.help", fitting=figures.fitting, orders=figures.orders))
    metrics[2].metric(tr("conformance.model.checked"), f"{figures.orders:,}",
                      help=tr("conformance.model.checked.help", orders=view.n_cases))
    if model.source == "standard":
        st.caption(tr("conformance.model.steps", steps=steps_text(view.log)))
    deviations_part(view, model, replay, scope)
    st.download_button(tr("conformance.model.download"), lambda: model_bpmn_xml(model), "o2c_reference_model.bpmn",
                       "application/xml", icon=":material/download:", key="conf_model_download", on_click="ignore")


def deviations_part(view, model: ReferenceModel, replay, scope) -> None:
    st.subheader(tr("conformance.deviations"))
    st.caption(tr("conformance.deviations.caption"))
    if st.button(tr("conformance.deviations.button"), key="conf_align", icon=":material/troubleshoot:"):
        st.session_state["conf_align_for"] = model.key
    if st.session_state.get("conf_align_for") != model.key:
        return
    table = variant_table(view.log.view(view.case_mask if scope is None else view.case_mask & scope))
    with st.spinner(tr("conformance.deviations.spinner")):
        run = align_variants(view.log, model, table["code"].to_numpy(), replay, ALIGN_SECONDS)
    deviations = deviation_table(view, run, scope)
    if not run.complete:
        analysed = np.isin(variant_index(view.log).case_variant[table_cases(view, scope)], list(run.done))
        st.warning(tr("conformance.deviations.stopped", seconds=int(ALIGN_SECONDS), covered=int(analysed.sum()),
                      orders=int(analysed.size)), icon=":material/timer:")
    if deviations.empty:
        st.success(tr("conformance.deviations.none"), icon=":material/check_circle:")
        return
    shown = deviations.assign(kind=deviations["kind"].map(lambda k: tr(f"conformance.kind.{k}")),
                              share=deviations["share"] * 100,
                              with_=deviations["median_with_seconds"].map(format_duration),
                              without=deviations["median_without_seconds"].map(format_duration),
                              extra=deviations["extra_seconds"].map(signed_duration))
    event = st.dataframe(
        shown[["kind", "activity", "orders", "share", "with_", "without", "extra"]], hide_index=True,
        width="stretch", key="conf_deviation_table", on_select="rerun", selection_mode="single-row",
        column_config={"kind": tr("conformance.deviations.kind"), "activity": tr("common.activity"),
                       "orders": st.column_config.NumberColumn(tr("conformance.orders"), format="localized"),
                       "share": st.column_config.ProgressColumn(tr("conformance.table.share"), format="%.1f%%",
                                                                min_value=0, max_value=100),
                       "with_": tr("conformance.deviations.with"), "without": tr("conformance.deviations.without"),
                       "extra": st.column_config.TextColumn(tr("conformance.deviations.extra"),
                                                            help=tr("conformance.deviations.extra.help"))})
    rows = [r for r in event.selection.rows if r < len(deviations)]
    if not rows:
        st.caption(tr("conformance.deviations.pick"))
        return
    picked = deviations.iloc[rows[0]]
    cases = deviation_cases(view, run, picked["kind"], picked["activity"])
    if scope is not None:
        cases = cases[scope[cases]]
    slowest = cases[np.argsort(-view.log.case_duration_seconds[cases], kind="stable")[:EXAMPLES]]
    st.markdown(tr("conformance.deviations.examples", kind=tr(f"conformance.kind.{picked['kind']}"), activity=picked["activity"]))
    frame = pd.DataFrame({"case_code": slowest, "order": [order_label(view.log, c) for c in slowest],
                          "duration": [format_duration(s) for s in view.log.case_duration_seconds[slowest]]})
    event = st.dataframe(frame[["order", "duration"]], hide_index=True, key="conf_deviation_examples",
                         on_select="rerun", selection_mode="single-row",
                         column_config={"order": tr("conformance.examples.order"),
                                        "duration": tr("conformance.examples.duration")})
    picked_rows = [r for r in event.selection.rows if r < len(frame)]
    if picked_rows:
        link_to_order(view, int(frame["case_code"].iloc[picked_rows[0]]))


def table_cases(view, scope) -> np.ndarray:
    return np.flatnonzero(view.case_mask if scope is None else view.case_mask & scope)


# ---------------------------------------------------------------------------------------------- rules editor

def rules_section(view, problems: list, sheet_problems: list) -> None:
    source = st.session_state.get("conf_rules_source", "default")
    st.caption(tr("conformance.rules.workbook" if source.startswith("workbook:") else "conformance.rules.default"))
    activities = sorted(set(view.log.activity_names) | set(st.session_state["conf_rules_base"]["activity"].dropna())
                        | set(st.session_state["conf_rules_base"]["other_activity"].dropna()) - {""})
    dates = [c for c in view.log.case_attribute_names()
             if pd.api.types.is_datetime64_any_dtype(view.log.cases[c])]
    people = [c for c in ("resource", "role", "department") if c in view.log.event_attributes]
    base = st.session_state["conf_rules_base"]
    st.data_editor(
        base, key=editor_key(), on_change=commit_edits, num_rows="dynamic", hide_index=True, width="stretch",
        column_order=EDITOR_ORDER, placeholder="", height=table_height(len(base), extra=1),
        column_config={
            "rule": st.column_config.TextColumn(tr("conformance.col.rule"), help=tr("conformance.col.rule.help"), width="medium"),
            "type": st.column_config.SelectboxColumn(tr("conformance.col.type"), options=list(RULE_TYPES),
                                                     help=tr("conformance.col.type.help")),
            "activity": st.column_config.SelectboxColumn(tr("conformance.col.activity"), options=activities),
            "other_activity": st.column_config.SelectboxColumn(tr("conformance.col.other"), options=activities,
                                                               help=tr("conformance.col.other.help")),
            "limit": st.column_config.NumberColumn(tr("conformance.col.limit"), min_value=0, help=tr("conformance.col.limit.help"),
                                                   width="small"),
            "unit": st.column_config.SelectboxColumn(tr("conformance.col.unit"), options=list(UNITS), width="small"),
            "date_field": st.column_config.SelectboxColumn(tr("conformance.col.date"), options=dates,
                                                           help=tr("conformance.col.date.help")),
            "attribute": st.column_config.SelectboxColumn(tr("conformance.col.attribute"), options=people,
                                                          help=tr("conformance.col.attribute.help")),
            "allowed_values": st.column_config.TextColumn(tr("conformance.col.allowed"), help=tr("conformance.col.allowed.help")),
            "severity": st.column_config.SelectboxColumn(tr("conformance.col.severity"), options=list(SEVERITIES),
                                                         width="small"),
            "description": st.column_config.TextColumn(tr("conformance.col.description"), width="large")})
    st.button(tr("conformance.rules.reset"), key="conf_rules_reset", on_click=reset_rules, icon=":material/restart_alt:")
    show_problems(problems, sheet_problems)


def show_problems(problems: list, sheet_problems: list) -> None:
    lang = language()
    if sheet_problems:
        st.warning(tr("conformance.sheet_problems") + "\n\n" + "\n".join(f"- {p.message(lang)}" for p in sheet_problems),
                   icon=":material/warning:")
    if problems:
        st.warning(tr("conformance.problems") + "\n\n" + "\n".join(f"- {p.message(lang)}" for p in problems),
                   icon=":material/warning:")


# ---------------------------------------------------------------------------------------------- page

view = page_view("conformance.title")
base, sheet_problems = rules_table()
rules, table_problems = parse_rules(base)
results = evaluate_rules(view.log, rules)
problems = table_problems + list(results.problems)

sections = ["violations", "model", "rules"]
section = st.segmented_control(tr("conformance.section"), sections, default="violations", required=True,
                               key="conf_section", format_func=lambda s: tr(f"conformance.section.{s}"),
                               label_visibility="collapsed") or "violations"
if section == "violations":
    if problems or sheet_problems:
        st.caption(tr("conformance.problems.short", n=len(problems) + len(sheet_problems)))
    violations_section(view, results)
elif section == "model":
    model_section(view)
else:
    rules_section(view, problems, sheet_problems)
