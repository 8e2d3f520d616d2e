""" "Filter to these orders" next to a page's map or table: adds the matching filter to the sidebar's stack."""

from __future__ import annotations

import streamlit as st

from o2c.discover.process_map import END, START, ProcessMap
from o2c.log.stack import Endpoint, Follows, Orders, Presence, Rework, StackFilter
from ui.filter_stack import filter_to
from ui.keys import Key
from ui.state import tr


def filter_button(step: StackFilter, key: str, container=st) -> None:
    """The button adding ``step`` to the stack (and showing the app filtered by it)."""
    clicked = container.button(
        tr("stack.filter_to"), key=key, icon=":material/filter_alt:", help=tr("stack.filter_to.help")
    )
    if clicked:
        filter_to(step)
        st.rerun()


def orders_button(ids, key: str, container=st) -> None:
    """The button filtering the app to the orders of a list (their ids), when it has any."""
    ids = tuple(str(i) for i in ids)
    if ids:
        filter_button(Orders(ids), key, container)


def map_filter(pm: ProcessMap) -> None:
    """Pick a path or an activity of the map, and filter to the orders that take it."""
    choices = map_choices(pm)
    if not choices:
        return
    row = st.columns([2, 1, 1], vertical_alignment="bottom")
    label = row[0].selectbox(tr("stack.map.pick"), list(choices), key=Key.MAP_FILTER_PICK)
    filter_button(choices[label], Key.MAP_FILTER, row[1])


def map_choices(pm: ProcessMap) -> dict[str, StackFilter]:
    """The map's paths (most taken first) and then its activities, each with the filter to its orders."""
    choices: dict[str, StackFilter] = {}
    edges = pm.edges.sort_values("count", ascending=False, kind="stable")
    for source, target in zip(edges["source"], edges["target"]):
        if source == START:
            a = pm.name(int(target))
            choices[tr("stack.map.start", a=a)] = Endpoint((a,))
        elif target == END:
            a = pm.name(int(source))
            choices[tr("stack.map.end", a=a)] = Endpoint((a,), end=True)
        else:
            a, b = pm.name(int(source)), pm.name(int(target))
            choices[f"{a} → {b}"] = Follows(a, b, directly=True)
    for name in pm.activities["name"]:
        choices[tr("stack.map.activity", a=name)] = Presence((str(name),))
    return choices


def rework_filter(activity_names: tuple[str, ...], focus: str | None, ids) -> None:
    """On the Rework page: orders where the activity ``focus`` repeats, or the listed orders (any rework, or a
    check family's, counts repeated checks of different outcomes too)."""
    if focus and focus in activity_names:
        filter_button(Rework(True, focus), Key.REWORK_FILTER)
    else:
        orders_button(ids, Key.REWORK_FILTER)
