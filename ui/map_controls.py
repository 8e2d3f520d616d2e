"""The process map's detail sliders (share of activities and of paths shown), as the Process map and Compare pages
draw them."""

from __future__ import annotations

from streamlit.delta_generator import DeltaGenerator

from o2c.discover.process_map import DEFAULT_PATH_PERCENT
from ui.state import tr


def detail_sliders(
    activity_column: DeltaGenerator, path_column: DeltaGenerator, activity_key: str, path_key: str
) -> tuple[float, float]:
    """Draw the two sliders in the given columns; the shares of activities and paths to show, from 0 to 1."""
    activities = activity_column.slider(
        tr("process_map.activities"),
        0,
        100,
        100,
        step=5,
        format="%d%%",
        key=activity_key,
        help=tr("process_map.activities.help"),
    )
    paths = path_column.slider(
        tr("process_map.paths"),
        0,
        100,
        DEFAULT_PATH_PERCENT,
        step=5,
        format="%d%%",
        key=path_key,
        help=tr("process_map.paths.help"),
    )
    return activities / 100, paths / 100
