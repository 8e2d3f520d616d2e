"""The Overview's drawing: the baseline picker, the six outcome cards and the findings with their evidence links."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from o2c.monitor.findings import FINDING_KINDS, Finding, LeftOut
from o2c.monitor.kpis import missing_text
from o2c.monitor.monitoring import delta_color, format_delta, format_value
from o2c.monitor.story import BASELINES, Baseline, Outcomes, Window
from o2c.stats import SMALL_GROUP
from ui.keys import Key
from ui.links import evidence_link
from ui.state import language, tr
from ui.text import md

CARDS_PER_ROW = 3
SHORT_REASON = 40  # a longer reason (which rules, what the data lacks) goes into the caption's help


def baseline_picker(
    column: st.delta_generator.DeltaGenerator, low: dt.date, high: dt.date
) -> tuple[Baseline, Window | None]:
    """What the outcomes' change is measured against; the custom dates only when the user picks them."""
    # A key per language: the browser keeps a select box's old option labels when only their translation changes.
    key = f"{Key.OVERVIEW_BASELINE}_{language()}"
    st.session_state[key] = st.session_state.get(Key.OVERVIEW_BASELINE, "previous")
    choice: Baseline = column.selectbox(
        tr("story.baseline"),
        BASELINES,
        key=key,
        format_func=lambda b: tr(f"story.baseline.{b}"),
        on_change=lambda: st.session_state.update({Key.OVERVIEW_BASELINE: st.session_state[key]}),
    )
    if choice != "custom":
        return choice, None
    picked = column.date_input(
        tr("story.baseline.dates"), value=(low, low + (high - low) / 2), key=Key.OVERVIEW_BASELINE_DATES
    )
    if isinstance(picked, (tuple, list)) and len(picked) == 2:
        return choice, Window(picked[0], picked[1])
    return "previous", None


def outcome_cards(outcomes: Outcomes, currency: str) -> None:
    """The six outcome KPIs: value, change (green when good), and a line saying what the value means."""
    lang = language()
    cards = outcomes.kpis
    for start in range(0, len(cards), CARDS_PER_ROW):
        columns = st.columns(CARDS_PER_ROW)
        for column, card in zip(columns, cards[start : start + CARDS_PER_ROW]):
            kpi = card.value.kpi
            with column.container(border=True):
                value = format_value(card.value.value, kpi.unit, currency)
                change = None if outcomes.too_few else card.delta
                delta = format_delta(change, card.pct_change, kpi.unit, currency, lang)
                st.metric(
                    tr(f"story.outcome.{kpi.key}"),
                    value if card.value.value is not None else "–",
                    delta,
                    delta_color=delta_color(kpi) if change else "off",  # no change is neither good nor bad news
                    help=kpi.formula(lang),
                )
                if card.value.value is None:
                    why = missing_text(card.value, lang)
                    short = len(why) <= SHORT_REASON
                    st.caption(
                        md(tr("story.not_applicable", why=why) if short else tr("story.not_applicable.short")),
                        help=None if short else md(why),
                    )
                else:
                    st.caption(md(tr(f"story.means.{kpi.key}", value=value)))


def comparison_caption(outcomes: Outcomes, selected: int) -> None:
    """What the values and the changes are computed over; a warning when the current orders are still open."""
    if outcomes.current is None or outcomes.baseline is None:
        return
    st.caption(
        tr(
            "story.compared",
            orders=selected,
            current=_range(outcomes.current),
            baseline=_range(outcomes.baseline),
            now=outcomes.current_orders,
            then=outcomes.baseline_orders,
        )
    )
    if outcomes.too_few:
        st.caption(tr("story.too_few", now=outcomes.current_orders, then=outcomes.baseline_orders, needed=SMALL_GROUP))
    elif outcomes.still_open:
        st.caption(tr("story.still_open", share=outcomes.open_share, current=_range(outcomes.current)))


def finding_cards(found: list[Finding], left: list[LeftOut]) -> None:
    """Each finding: what kind, the headline, the evidence in words and the link that opens it."""
    if not found:
        st.info(tr("story.findings.none"))
    for finding in found:
        with st.container(border=True):
            top = st.columns([4, 1.2], vertical_alignment="center")
            top[0].markdown(
                f":gray[{tr(f'story.kind.{finding.kind}')}] · **{md(finding.headline)}**  \n{md(finding.text)}"
            )
            with top[1]:
                evidence_link(finding.page, finding.query, tr("story.evidence"), help=finding.link)
    if left:
        reasons = "\n".join(f"- {tr(f'story.kind.{o.kind}')}: {md(o.reason)}" for o in left)
        kinds = ", ".join(tr(f"story.kind.{o.kind}") for o in sorted(left, key=lambda o: FINDING_KINDS.index(o.kind)))
        st.caption(tr("story.left_out", kinds=kinds), help=reasons)


def _range(window: Window) -> str:
    return tr("story.range", start=f"{window.start:%Y-%m-%d}", end=f"{window.end:%Y-%m-%d}")
