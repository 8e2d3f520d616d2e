"""The sidebar's filter stack: one line per filter (what it keeps, the orders left after it, a remove button) and
an "Add filter" form; pages add filters through ``filter_to`` ("filter to these orders")."""

from __future__ import annotations

import streamlit as st

from o2c.log.eventlog import EventLog
from o2c.log.stack import (
    Endpoint,
    EventAttribute,
    Follows,
    Performance,
    Presence,
    Rework,
    StackFilter,
    Trim,
    describe_step,
    unknown_names,
)
from ui.keys import Key, stack_field, stack_remove
from ui.state import column_name, language, tr
from ui.text import md, tr_md

KINDS = ("presence", "endpoint", "follows", "performance", "attribute", "rework", "trim")
MODES = {
    "presence": ("has", "lacks"),
    "endpoint": ("starts", "ends", "notstarts", "notends"),
    "follows": ("follows", "directly", "notfollows", "notdirectly"),
    "performance": ("over", "under", "band"),
    "rework": ("yes", "no"),
}
UNITS = {"d": 86400.0, "h": 3600.0, "min": 60.0}
LIMITS = ("", "within", "beyond")
_MAX_VALUES = 5000  # event attributes with more distinct values are not offered


def filter_to(step: StackFilter) -> None:
    """Add ``step`` to the stack (taken by the sidebar on the next run); call ``st.rerun()`` after it."""
    st.session_state.setdefault(Key.PENDING_STEPS, []).append(step)


def seed_steps(steps: tuple[StackFilter, ...]) -> None:
    """Set the stack, e.g. from a shared link or to clear it."""
    st.session_state[Key.FILTER_STEPS] = tuple(steps)


def current_steps() -> tuple[StackFilter, ...]:
    """The stack, with the filters pages added since the last run."""
    steps = tuple(st.session_state.get(Key.FILTER_STEPS, ()))
    pending = st.session_state.pop(Key.PENDING_STEPS, None)
    if pending:
        steps += tuple(step for step in pending if step not in steps)
        st.session_state[Key.FILTER_STEPS] = steps
    return steps


def render_stack(log: EventLog, steps: tuple[StackFilter, ...], counts: list[int]) -> None:
    """One line per filter: its phrase, the orders kept after it, a remove button; a warning naming activities
    the log does not have (a link shared from another data set)."""
    lang = language()
    unknown = unknown_names(log, steps)
    if unknown:
        st.sidebar.warning(tr_md("stack.unknown", names=", ".join(unknown)), icon=":material/warning:")
    for index, (step, count) in enumerate(zip(steps, counts, strict=True)):
        text, remove = st.sidebar.columns([6, 1], vertical_alignment="center", gap="small")
        text.caption(md(f"{index + 1}. {describe_step(step, lang)}") + " · " + tr("stack.kept", n=count))
        remove.button(
            "",
            icon=":material/close:",
            key=stack_remove(index),
            help=tr("stack.remove"),
            on_click=_remove,
            args=(index,),
            type="tertiary",
        )


def render_add(log: EventLog) -> None:
    """The "Add filter" form: a type, its parameters, and the Add button."""
    lang = language()

    def field(name: str) -> str:
        return stack_field(name, lang)  # a key per language: the browser keeps old option labels otherwise

    with st.sidebar.expander(tr("stack.add"), icon=":material/add:"):
        kind = st.selectbox(tr("stack.kind"), KINDS, key=field("kind"), format_func=lambda k: tr(f"stack.kind.{k}"))
        if kind in MODES:
            st.selectbox(
                tr("stack.mode"), MODES[kind], key=field(f"mode_{kind}"), format_func=lambda m: tr(f"stack.mode.{m}")
            )
        activities = sorted(log.activity_names)
        if kind in ("presence", "endpoint"):
            st.multiselect(tr("stack.activities"), activities, key=field("names"), placeholder=tr("stack.pick"))
        if kind in ("follows", "trim") or (kind == "performance" and _between(field)):
            st.selectbox(tr("stack.first"), activities, key=field("a"))
            st.selectbox(tr("stack.then"), activities, key=field("b"), index=min(1, len(activities) - 1))
        if kind == "follows":
            st.selectbox(tr("stack.limit"), LIMITS, key=field("limit"), format_func=lambda v: tr(f"stack.limit.{v}"))
        if kind == "performance":
            _performance_fields(field)
        if kind == "follows" and st.session_state.get(field("limit")):
            _amount_fields(field)
        if kind == "attribute":
            _attribute_fields(log, field)
        if kind == "rework":
            st.selectbox(tr("stack.activity"), [""] + activities, key=field("activity"), format_func=_any)
        st.button(
            tr("stack.add.button"),
            key=field("add"),
            icon=":material/filter_alt:",
            on_click=_add,
            args=(field,),
            width="stretch",
        )


def _between(field) -> bool:
    return st.session_state.get(field("measure"), "duration") == "between"


def _performance_fields(field) -> None:
    st.segmented_control(
        tr("stack.measure"),
        ("duration", "between"),
        key=field("measure"),
        default="duration",
        format_func=lambda m: tr(f"stack.measure.{m}"),
    )
    if st.session_state.get(field("mode_performance"), "over") == "band":
        st.slider(tr("stack.band"), 0, 100, (90, 100), step=5, key=field("band"))
    else:
        _amount_fields(field)


def _amount_fields(field) -> None:
    amount, unit = st.columns([3, 2], gap="small")
    amount.number_input(tr("stack.amount"), min_value=0.0, value=30.0, step=1.0, key=field("amount"))
    unit.selectbox(tr("stack.unit"), tuple(UNITS), key=field("unit"), format_func=lambda u: tr(f"stack.unit.{u}"))


def _attribute_fields(log: EventLog, field) -> None:
    names = [name for name, values in log.event_attributes.items() if _values(values)]
    if not names:
        st.caption(tr("stack.no_attributes"))
        return
    name = st.selectbox(tr("stack.attribute"), names, key=field("attribute"), format_func=column_name)
    st.multiselect(tr("stack.values"), _values(log.event_attributes[name]), key=field("values"))
    st.selectbox(tr("stack.activity"), [""] + sorted(log.activity_names), key=field("activity"), format_func=_any)


def _values(values) -> list[str]:
    categories = getattr(values, "categories", None)
    if categories is None or len(categories) > _MAX_VALUES:
        return []
    return sorted(map(str, categories))


def _any(name: str) -> str:
    return name or tr("stack.activity.any")


def built_step(kind: str, state: dict) -> StackFilter | None:
    """The filter the form describes (``state``: the form's values by field name), None when incomplete."""
    mode = state.get(f"mode_{kind}") or MODES.get(kind, ("",))[0]
    a, b = state.get("a") or "", state.get("b") or ""
    seconds = float(state.get("amount") or 0.0) * UNITS.get(state.get("unit") or "d", 86400.0)
    if kind in ("presence", "endpoint"):
        names = tuple(state.get("names") or ())
        if not names:
            return None
        if kind == "presence":
            return Presence(names, mode == "has")
        return Endpoint(names, mode in ("ends", "notends"), not mode.startswith("not"))
    if kind == "follows":
        limit = state.get("limit") or ""
        return Follows(a, b, "directly" in mode, not mode.startswith("not"), limit, seconds if limit else 0.0)
    if kind == "performance":
        first, then = (a, b) if state.get("measure") == "between" else ("", "")
        if mode == "band":
            low, high = state.get("band") or (90, 100)
            return Performance(float(low), float(high), True, first, then)
        if mode == "over":
            return Performance(seconds, None, False, first, then)
        return Performance(None, seconds, False, first, then)
    if kind == "attribute":
        values = tuple(state.get("values") or ())
        attribute = state.get("attribute") or ""
        return EventAttribute(attribute, values, state.get("activity") or "") if values and attribute else None
    if kind == "rework":
        return Rework(mode == "yes", state.get("activity") or "")
    return Trim(a, b) if kind == "trim" else None


def _add(field) -> None:
    names = ("mode_" + k for k in MODES)
    fields = ("names", "a", "b", "limit", "amount", "unit", "measure", "band", "attribute", "values", "activity")
    state = {name: st.session_state.get(field(name)) for name in (*names, *fields)}
    step = built_step(st.session_state.get(field("kind"), "presence"), state)
    if step is not None:
        filter_to(step)


def _remove(index: int) -> None:
    steps = list(st.session_state.get(Key.FILTER_STEPS, ()))
    if 0 <= index < len(steps):
        del steps[index]
    st.session_state[Key.FILTER_STEPS] = tuple(steps)
