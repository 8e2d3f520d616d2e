"""The Conformance page's model section: the reference model, fitness, and where orders deviate from it."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import streamlit as st

from o2c.conform.conformance import (
    ReferenceModel,
    VariantReplay,
    align_variants,
    bpmn_model,
    deviation_table,
    finished_cases,
    fitness,
    model_bpmn_xml,
    replay_variants,
    standard_model,
    variants_model,
)
from o2c.conform.reference_model import standard_steps
from o2c.conform.views import aligned_orders, slowest_deviation_cases
from o2c.discover.order_detail import order_label
from o2c.discover.variants import variant_rows, variant_table
from o2c.errors import ModelError
from o2c.format import format_duration, signed_duration
from o2c.log.eventlog import EventLog, LogView
from ui.dataset_state import loaded_digest
from ui.keys import Key
from ui.orders import link_selected
from ui.state import tr
from ui.text import md, tr_md

EXAMPLES = 5
ALIGN_SECONDS = 20.0
MODEL_VARIANTS = 30  # variants offered as "our standard"


def chosen_model(view: LogView) -> ReferenceModel | None:
    """The model picker: the standard O2C model, an uploaded BPMN file, or variants of the log."""
    sources = ["standard", "bpmn", "variants"]
    controls = st.columns([3, 2], vertical_alignment="bottom")
    source = (
        controls[0].segmented_control(
            tr("conformance.model.source"),
            sources,
            default="standard",
            required=True,
            key=Key.CONF_MODEL_SOURCE,
            format_func=lambda s: tr(f"conformance.model.{s}"),
        )
        or "standard"
    )
    controls[1].toggle(tr("conformance.model.open"), key=Key.CONF_OPEN, help=tr("conformance.model.open.help"))
    if source == "standard":
        return standard_model(view.log)
    if source == "bpmn":
        upload = st.file_uploader(tr("conformance.model.upload"), type=["bpmn", "xml"], key=Key.CONF_MODEL_UPLOAD)
        if upload is None:
            st.info(tr("conformance.model.upload.hint"), icon=":material/upload_file:")
            return None
        return cached_model(("bpmn", upload.file_id), lambda: bpmn_model(upload.getvalue()))
    table = variant_table(view).head(MODEL_VARIANTS)
    rows = variant_rows(view, table, None, tr("conformance.model.without"))
    labels = {
        vid: tr("conformance.model.variant", rank=rank, orders=int(n), path=path)
        for rank, vid, n, path in zip(rows.index, rows["variant_id"], rows["orders"], rows["path"])
    }
    picked = st.multiselect(
        tr("conformance.model.variants.pick"),
        list(labels),
        default=list(labels)[:1],
        key=Key.CONF_MODEL_VARIANTS,
        format_func=labels.get,
        placeholder=tr("conformance.model.variants.placeholder"),
    )
    if not picked:
        st.info(tr("conformance.model.error.no_variants"))
        return None
    key = ("variants", loaded_digest(), tuple(sorted(picked)))
    return cached_model(key, lambda: variants_model(view.log, picked))


def cached_model(key: tuple, build: Callable[[], ReferenceModel]) -> ReferenceModel | None:
    """The model built by ``build``, kept in the session under ``key``; None (with the error shown) when it fails."""
    saved = st.session_state.get(Key.CONF_MODEL)
    if saved and saved[0] == key:
        return saved[1]
    try:
        with st.spinner(tr("conformance.model.spinner")):
            model = build()
    except ModelError as error:
        st.error(tr(error.key), icon=":material/error:")
        return None
    st.session_state[Key.CONF_MODEL] = (key, model)
    return model


def steps_text(log: EventLog) -> str:
    """The standard model's steps in one line, optional and repeatable ones marked."""
    marks = {
        "optional": f" ({tr('conformance.model.optional')})",
        "repeatable": f" ({tr('conformance.model.repeatable')})",
        "required": "",
    }
    return " → ".join(md(step.activity) + marks[step.kind] for step in standard_steps(log))


def model_section(view: LogView) -> None:
    """The whole model section."""
    model = chosen_model(view)
    if model is None:
        return
    with st.spinner(tr("conformance.model.spinner")):
        replay = replay_variants(view.log, model)
        scope = None if st.session_state.get(Key.CONF_OPEN) else finished_cases(view.log, model)
    figures = fitness(view, replay, scope)
    metrics = st.columns(3)
    metrics[0].metric(
        tr("conformance.model.fitness"), f"{figures.log_fitness:.3f}", help=tr("conformance.model.fitness.help")
    )
    metrics[1].metric(
        tr("conformance.model.fitting"),
        f"{figures.fitting_share:.1%}" if figures.orders else "–",
        help=tr("conformance.model.fitting.help", fitting=figures.fitting, orders=figures.orders),
    )
    metrics[2].metric(
        tr("conformance.model.checked"),
        f"{figures.orders:,}",
        help=tr("conformance.model.checked.help", orders=view.n_cases),
    )
    if model.source == "standard":
        st.caption(tr("conformance.model.steps", steps=steps_text(view.log)))
    deviations_part(view, model, replay, scope)
    st.download_button(
        tr("conformance.model.download"),
        lambda: model_bpmn_xml(model),
        "o2c_reference_model.bpmn",
        "application/xml",
        icon=":material/download:",
        key=Key.CONF_MODEL_DOWNLOAD,
        on_click="ignore",
    )


def deviations_part(view: LogView, model: ReferenceModel, replay: VariantReplay, scope: np.ndarray | None) -> None:
    """Deviations from the model (aligned on request), their cost, and the slowest orders with one."""
    st.subheader(tr("conformance.deviations"))
    st.caption(tr("conformance.deviations.caption"))
    if st.button(tr("conformance.deviations.button"), key=Key.CONF_ALIGN, icon=":material/troubleshoot:"):
        st.session_state[Key.CONF_ALIGN_FOR] = model.key
    if st.session_state.get(Key.CONF_ALIGN_FOR) != model.key:
        return
    table = variant_table(view.log.view(view.case_mask if scope is None else view.case_mask & scope))
    with st.spinner(tr("conformance.deviations.spinner")):
        run = align_variants(view.log, model, table["code"].to_numpy(), replay, ALIGN_SECONDS)
    deviations = deviation_table(view, run, scope)
    if not run.complete:
        covered, orders = aligned_orders(view, run, scope)
        st.warning(
            tr("conformance.deviations.stopped", seconds=int(ALIGN_SECONDS), covered=covered, orders=orders),
            icon=":material/timer:",
        )
    if deviations.empty:
        st.success(tr("conformance.deviations.none"), icon=":material/check_circle:")
        return
    shown = deviations.assign(
        kind=deviations["kind"].map(lambda k: tr(f"conformance.kind.{k}")),
        share=deviations["share"] * 100,
        with_=deviations["median_with_seconds"].map(format_duration),
        without=deviations["median_without_seconds"].map(format_duration),
        extra=deviations["extra_seconds"].map(signed_duration),
    )
    event = st.dataframe(
        shown[["kind", "activity", "orders", "share", "with_", "without", "extra"]],
        hide_index=True,
        width="stretch",
        key=Key.CONF_DEVIATION_TABLE,
        on_select="rerun",
        selection_mode="single-row",
        column_config={
            "kind": tr("conformance.deviations.kind"),
            "activity": tr("common.activity"),
            "orders": st.column_config.NumberColumn(tr("conformance.orders"), format="localized"),
            "share": st.column_config.ProgressColumn(
                tr("conformance.table.share"), format="%.1f%%", min_value=0, max_value=100
            ),
            "with_": tr("conformance.deviations.with"),
            "without": tr("conformance.deviations.without"),
            "extra": st.column_config.TextColumn(
                tr("conformance.deviations.extra"), help=tr("conformance.deviations.extra.help")
            ),
        },
    )
    rows = [r for r in event.selection.rows if r < len(deviations)]
    if not rows:
        st.caption(tr("conformance.deviations.pick"))
        return
    picked = deviations.iloc[rows[0]]
    slowest = slowest_deviation_cases(view, run, picked["kind"], picked["activity"], scope, EXAMPLES)
    st.markdown(
        tr_md(
            "conformance.deviations.examples",
            kind=tr(f"conformance.kind.{picked['kind']}"),
            activity=picked["activity"],
        )
    )
    frame = pd.DataFrame(
        {
            "case_code": slowest,
            "order": [order_label(view.log, c) for c in slowest],
            "duration": [format_duration(s) for s in view.log.case_duration_seconds[slowest]],
        }
    )
    event = st.dataframe(
        frame[["order", "duration"]],
        hide_index=True,
        key=Key.CONF_DEVIATION_EXAMPLES,
        on_select="rerun",
        selection_mode="single-row",
        column_config={"order": tr("conformance.examples.order"), "duration": tr("conformance.examples.duration")},
    )
    link_selected(view, frame, event)
